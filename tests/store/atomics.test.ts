import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { REDIS_SERVER, startRedisServer, type RedisServer } from '../helpers/redis-server.ts';

/**
 * The store's atomic operations (set-if-absent, sets, renewed claims) on every backend: many writers at
 * once lose nothing, and a value written by setIfAbsent reads back through `get`.
 */

type Open = () => Promise<Store>;

function atomicsSuite(name: string, open: Open, { oneObject = false } = {}) {
  describe(name, () => {
    it('setIfAbsent: one winner of 20 concurrent writers; the value reads back; nothing overwritten', async () => {
      const [a, b] = [await open(), await open()];
      const won = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).setIfAbsent('entry', { n: i })));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = won.indexOf(true);
      expect(await a.get('entry')).toEqual({ n: winner });
      await a.set('entry', { n: 99, state: 'sent' });
      expect(await b.setIfAbsent('entry', { n: 0 })).toBe(false);
      expect(await b.get('entry')).toEqual({ n: 99, state: 'sent' });
    });

    it('sets: 40 concurrent adds from two store objects keep all 40; removes are exact', async () => {
      const [a, b] = [await open(), await open()];
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).addToSet('ids', [`m${i}`])));
      expect((await a.setMembers('ids')).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`).sort());
      await Promise.all([a.removeFromSet('ids', ['m1', 'm2']), b.removeFromSet('ids', ['m3', 'nope'])]);
      expect(await b.setMembers('ids')).toHaveLength(37);
      await a.addToSet('ids', ['m0', 'm0']);
      expect(await a.setMembers('ids')).toHaveLength(37);
      expect(await a.setMembers('empty')).toEqual([]);
    });

    it('renew extends only a claim this store object still holds', async () => {
      const [a, b] = [await open(), await open()];
      expect(await a.claim('lease', 60_000)).toBe(true);
      expect(await a.renew('lease', 60_000)).toBe(true);
      if (!oneObject) expect(await b.renew('lease', 60_000)).toBe(false);
      await a.release('lease');
      expect(await a.renew('lease', 60_000)).toBe(false);
      expect(await b.claim('lease', 60_000)).toBe(true);
    });
  });
}

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('memory store', () => {
  let shared: Store | null = null;
  // One memory store is one process's state: both "instances" are the same object.
  atomicsSuite('atomics', async () => (shared ??= await createStore({ url: 'memory', dataDir: '/nonexistent' })), { oneObject: true });
  afterEach(() => void (shared = null));

  it('a renewed claim outlives its first expiry (fake clock)', async () => {
    vi.useFakeTimers();
    try {
      const s = await createStore({ url: 'memory', dataDir: '/nonexistent' });
      expect(await s.claim('k', 1000)).toBe(true);
      vi.advanceTimersByTime(800);
      expect(await s.renew('k', 1000)).toBe(true);
      vi.advanceTimersByTime(800);
      expect(await s.claim('k', 1000)).toBe(false);
      vi.advanceTimersByTime(300);
      expect(await s.renew('k', 1000)).toBe(false);
      expect(await s.claim('k', 1000)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('SQLite store (two connections to one file)', () => {
  let dir = '';
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'duban-atomics-'))));
  let n = 0;
  atomicsSuite('atomics', async () => {
    const s = await createStore({ url: `sqlite://${join(dir, `t${Math.floor(n++ / 2)}.sqlite`)}`, dataDir: dir });
    opened.push(s);
    return s;
  });
});

describe.skipIf(!REDIS_SERVER)('Redis store (local redis-server)', () => {
  let server: RedisServer;
  let raw: ReturnType<typeof createClient>;
  beforeAll(async () => {
    server = await startRedisServer();
    raw = createClient({ url: server.url });
    await raw.connect();
  });
  afterEach(async () => void (await raw.flushAll()));
  afterAll(async () => {
    await raw?.quit();
    await server?.stop();
  });
  atomicsSuite('atomics', async () => {
    const s = await createStore({ url: server.url, dataDir: '/nonexistent' });
    opened.push(s);
    return s;
  });
});
