import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { REDIS_SERVER, startRedisServer, type RedisServer } from './redis-server.ts';

/**
 * Runs one suite on every store backend, each test with a fresh shared state that `open()` can open
 * several times — two store objects on it are two bot instances:
 * - memory: one store per test (one process's state; `open()` returns the same object),
 * - SQLite: a new file per test, every `open()` a new connection to it,
 * - Redis: a new namespace per test on a local redis-server (skipped when none is installed).
 * Stores opened are closed after each test.
 */
export function onEveryStore(suite: (open: () => Promise<Store>) => void): void {
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  const track = (s: Store) => (opened.push(s), s);

  describe('memory store', () => {
    let shared: Store | null = null;
    afterEach(() => void (shared = null));
    suite(async () => (shared ??= await createStore({ url: 'memory', dataDir: '/nonexistent' })));
  });

  describe('SQLite store (two store objects on one file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-backends-'));
    let n = 0;
    let file = '';
    afterEach(() => void (file = ''));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    suite(async () => {
      file ||= join(dir, `t${n++}.sqlite`);
      return track(await createStore({ url: `sqlite://${file}`, dataDir: dir }));
    });
  });

  describe.skipIf(!REDIS_SERVER)('Redis store (two store objects on one server)', () => {
    let server: RedisServer;
    let n = 0;
    let namespace = '';
    beforeAll(async () => void (server = await startRedisServer()));
    afterEach(() => void (namespace = ''));
    afterAll(async () => server?.stop());
    suite(async () => {
      namespace ||= `t${n++}`;
      return track(await createStore({ url: server.url, dataDir: '/nonexistent', namespace }));
    });
  });
}
