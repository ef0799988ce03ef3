import { createClient } from '@keyv/redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { REDIS_SERVER, startRedisServer, type RedisServer } from '../helpers/redis-server.ts';

describe.skipIf(!REDIS_SERVER)('claims on the Redis store (local redis-server)', () => {
  let server: RedisServer;
  let raw: ReturnType<typeof createClient>;
  const opened: Store[] = [];
  const open = async (namespace = 'duban') => {
    const store = await createStore({ url: server.url, dataDir: '/nonexistent', namespace });
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    server = await startRedisServer();
    raw = createClient({ url: server.url });
    await raw.connect();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await raw.flushAll();
  });
  afterAll(async () => {
    await raw?.quit();
    await server?.stop();
  });

  it('is SET NX PX under the namespace, beside keyv keys; Redis holds the expiry', async () => {
    const store = await open();
    await store.set('k', { n: 1 });
    expect(await store.claim('run:a', 60_000)).toBe(true);
    expect(await store.claim('run:a', 60_000)).toBe(false);
    expect((await raw.keys('*')).sort()).toEqual(['duban::claim:run:a', 'duban::k']);
    const pttl = await raw.pTTL('duban::claim:run:a');
    expect(pttl).toBeGreaterThan(59_000);
    expect(pttl).toBeLessThanOrEqual(60_000);
    expect(await store.get('k')).toEqual({ n: 1 });
  });

  it('two instances: one winner of 20 concurrent claims; only the holder can release', async () => {
    const a = await open();
    const b = await open();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('x', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const [holder, other] = results.some((won, i) => won && i % 2) ? [a, b] : [b, a];
    await other.release('x');
    expect(await other.claim('x', 60_000)).toBe(false);
    await holder.release('x');
    expect(await other.claim('x', 60_000)).toBe(true);
  });

  it('an expired-and-retaken claim is not released by its first holder', async () => {
    const a = await open();
    const b = await open();
    expect(await a.claim('k', 60_000)).toBe(true);
    await raw.del('duban::claim:k'); // a's lease ran out
    expect(await b.claim('k', 60_000)).toBe(true);
    await a.release('k');
    expect(await raw.exists('duban::claim:k')).toBe(1);
  });

  it('namespaces keep instances of different bots apart', async () => {
    const a = await open('duban');
    const b = await open('other');
    expect(await a.claim('k', 60_000)).toBe(true);
    expect(await b.claim('k', 60_000)).toBe(true);
  });
});
