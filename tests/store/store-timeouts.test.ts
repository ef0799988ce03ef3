import { afterEach, describe, expect, it, vi } from 'vitest';
import { Bindings } from '../../src/chat/bindings.ts';
import { createStore } from '../../src/store/create-store.ts';
import { StoreUnavailableError } from '../../src/store/store-errors.ts';
import type { Store } from '../../src/store/store.ts';
import { withTimeouts } from '../../src/store/timeouts.ts';
import { REDIS_SERVER } from '../helpers/redis-server.ts';
import { freePort, spawnRedis, type RedisProcess } from './redis-process.ts';

/**
 * Store calls are bounded: a backend that does not answer rejects with StoreUnavailableError after the
 * timeout; a backend error is a StoreUnavailableError too. Redis down at start does not hold up
 * createStore, Redis going down mid-run fails calls at once, and the store recovers when it is back.
 */

/** A store whose every call waits for ever (or fails, or answers), to test the wrapper alone. */
function fakeStore(behaviour: 'hang' | 'fail' | 'ok'): Store {
  const call = <T>(value: T) =>
    behaviour === 'hang' ? new Promise<T>(() => undefined) : behaviour === 'fail' ? Promise.reject(new Error('connection reset')) : Promise.resolve(value);
  return {
    get: () => call(undefined),
    set: () => call(undefined),
    delete: () => call(undefined),
    claim: (_k, ttl) => (ttl > 0 ? call(true) : Promise.reject(new RangeError('ttl'))),
    release: () => call(undefined),
    renew: () => call(true),
    setIfAbsent: () => call(true),
    addToSet: () => call(undefined),
    removeFromSet: () => call(undefined),
    setMembers: () => call(['a']),
    close: () => call(undefined),
  };
}

/** Resolves with the promise's outcome, or fails the test if it takes longer than `ms` (a hang). */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);
}

describe('withTimeouts', () => {
  afterEach(() => void vi.useRealTimers());

  it('rejects a call that gets no answer with StoreUnavailableError after ms (fake clock)', async () => {
    vi.useFakeTimers();
    const store = withTimeouts(fakeStore('hang'), 2000, 'Redis (redis://x) ');
    const outcome = expect(store.get('binding:r1')).rejects.toThrow(/Redis \(redis:\/\/x\) 在 2000 ms 内没有响应 \(get binding:r1\)/);
    const members = expect(store.setMembers('bindings')).rejects.toBeInstanceOf(StoreUnavailableError);
    await vi.advanceTimersByTimeAsync(1999);
    let settled = false;
    void store.delete('x').catch(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    await members;
    expect(settled).toBe(false); // started 1999 ms later: still within its own 2000 ms
    await vi.advanceTimersByTimeAsync(2000);
    expect(settled).toBe(true);
  });

  it('after a timeout, calls fail at once for pauseMs; then the backend is tried again', async () => {
    vi.useFakeTimers();
    let hang = true;
    const inner = fakeStore('ok');
    const store = withTimeouts({ ...inner, get: (k) => (hang ? new Promise(() => undefined) : inner.get(k)) }, 2000, '数据存储', { pauseMs: 5000 });
    const first = expect(store.get('a')).rejects.toThrow('在 2000 ms 内没有响应');
    await vi.advanceTimersByTimeAsync(2000);
    await first;
    await expect(store.get('b')).rejects.toThrow('刚才没有响应, 暂不再等待 (get b)'); // no second wait
    await expect(store.setMembers('s')).rejects.toBeInstanceOf(StoreUnavailableError);
    hang = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(await store.get('c')).toBeUndefined();
    expect(await store.setMembers('s')).toEqual(['a']);
  });

  it('turns a backend error into StoreUnavailableError with the cause; a RangeError passes through', async () => {
    const store = withTimeouts(fakeStore('fail'), 2000);
    const error = await store.set('k', 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).operation).toBe('set');
    expect((error as Error).message).toContain('connection reset');
    expect(((error as Error).cause as Error).message).toBe('connection reset');
    await expect(withTimeouts(fakeStore('ok'), 2000).claim('k', 0)).rejects.toBeInstanceOf(RangeError);
  });

  it('passes answers through and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const store = withTimeouts(fakeStore('ok'), 2000);
    expect(await store.setMembers('s')).toEqual(['a']);
    expect(await store.claim('k', 1000)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('close gives up waiting after ms instead of failing', async () => {
    vi.useFakeTimers();
    const closed = withTimeouts(fakeStore('hang'), 500).close();
    await vi.advanceTimersByTimeAsync(500);
    await expect(closed).resolves.toBeUndefined();
  });
});

describe.skipIf(!REDIS_SERVER)('Redis outages (local redis-server)', () => {
  const opened: Store[] = [];
  const servers: RedisProcess[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => within(3000, s.close())));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  it('down at start: createStore returns at once; calls fail within the timeout; close does not hang', async () => {
    const port = await freePort(); // nobody listens there
    const store = await within(3000, createStore({ url: `redis://127.0.0.1:${port}`, dataDir: '/nonexistent', timeoutMs: 300 }));
    opened.push(store);
    const error = await within(3000, store.get('binding:r1').catch((e: unknown) => e));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    await expect(within(3000, new Bindings(store).all())).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(within(3000, store.addToSet('bindings', ['r1']))).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('down mid-run: calls fail at once (nothing queued); back up: the same store object works again', async () => {
    const server = await spawnRedis();
    servers.push(server);
    const store = await createStore({ url: server.url, dataDir: '/nonexistent', timeoutMs: 300 });
    opened.push(store);
    await Promise.all([store.set('a', 1), store.set('b', 2), store.addToSet('s', ['x'])]); // concurrent first calls share the connection
    expect(await store.get('a')).toBe(1);
    await server.stop();
    await expect(within(3000, store.get('a'))).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(within(3000, store.set('c', 3))).rejects.toBeInstanceOf(StoreUnavailableError);
    servers.push(await spawnRedis([], server.port));
    let back = false;
    for (let i = 0; i < 50 && !back; i++) {
      back = await store.set('after', 1).then(() => true, () => false);
      if (!back) await new Promise((r) => setTimeout(r, 100));
    }
    expect(back).toBe(true);
    expect(await store.get('after')).toBe(1);
    expect(await store.get('c')).toBeUndefined(); // the write that failed was not replayed later
  });
});
