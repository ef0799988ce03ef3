import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, REDIS_SERVER, REDIS_MISSING } from '../helpers/redis-server.ts';

/**
 * A redis-server with the options a test chooses (persistence on, CONFIG renamed away, a fixed port to
 * restart on), working in its own temporary directory so AOF/RDB files never land in the checkout.
 * The shared helper (tests/helpers/redis-server.ts) starts the plain in-memory server.
 */

export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function spawnRedis(extraArgs: string[] = [], port?: number): Promise<RedisProcess> {
  if (!REDIS_SERVER) throw new Error(REDIS_MISSING);
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'duban-redis-'));
  const child = spawn(REDIS_SERVER, ['--port', String(chosen), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server not ready after 10 s: ${output.slice(-400)}`)), 10_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}): ${output.slice(-400)}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${chosen}`, port: chosen, stop };
}

export { freePort };
