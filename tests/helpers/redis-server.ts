import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join } from 'node:path';

/**
 * A throwaway redis-server on a free loopback port, in memory only (`--save '' --appendonly no`).
 * Tests over it use `describe.skipIf(!REDIS_SERVER)` so a machine without the binary skips them.
 */

export const REDIS_SERVER: string | null = findRedisServer();
export const REDIS_MISSING = 'redis-server not installed: install it with apt-get install -y redis-server';

if (!REDIS_SERVER) {
  const why = process.env.DUBAN_TEST_REDIS_SERVER === 'none' ? 'DUBAN_TEST_REDIS_SERVER=none' : REDIS_MISSING;
  console.warn(`⚠ Redis tests skipped — ${why}`);
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** `DUBAN_TEST_REDIS_SERVER=/path` picks a binary; `=none` skips the Redis tests even when one exists. */
function findRedisServer(env = process.env): string | null {
  const chosen = env.DUBAN_TEST_REDIS_SERVER;
  if (chosen === 'none') return null;
  if (chosen) return chosen;
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const candidates = [...dirs.map((d) => join(d, 'redis-server')), '/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** Start a server; a port taken between probing and binding is retried on another port. */
export async function startRedisServer(attempts = 3): Promise<RedisServer> {
  if (!REDIS_SERVER) throw new Error(REDIS_MISSING);
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    const port = await freePort();
    const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await untilReady(child);
      await untilPong(port);
      return { url: `redis://127.0.0.1:${port}`, port, stop: () => stopServer(child) };
    } catch (error) {
      lastError = error;
      await stopServer(child);
    }
  }
  throw new Error(`redis-server did not start: ${String(lastError)}`);
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves on redis-server's "Ready to accept connections"; rejects if it exits or stays silent 10 s. */
function untilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) done();
    };
    const onExit = (code: number | null) => done(new Error(`redis-server exited (${code}): ${output.slice(-400)}`));
    const timer = setTimeout(() => done(new Error('redis-server not ready after 10 s')), 10_000);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** PING until PONG, a bounded number of attempts (the server said it is ready; this confirms it). */
async function untilPong(port: number, attempts = 20): Promise<void> {
  for (let i = 1; i <= attempts; i++) {
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 10 * i));
  }
  throw new Error(`redis-server on ${port} never answered PING`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
