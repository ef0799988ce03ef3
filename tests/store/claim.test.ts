import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';

let dir: string;
const opened: Store[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-claim-'));
  // Only Date is faked: expiry reads Date.now(), while SQLite's I/O runs on real callbacks.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-03T01:00:00Z'));
});

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  rmSync(dir, { recursive: true, force: true });
});

async function open(kind: 'memory' | 'sqlite'): Promise<Store> {
  const store = await createStore({ url: kind === 'memory' ? 'memory' : `sqlite://${join(dir, 'state.sqlite')}`, dataDir: dir });
  opened.push(store);
  return store;
}

describe.each(['memory', 'sqlite'] as const)('claims on the %s store', (kind) => {
  it('gives a key to the first caller only, until released', async () => {
    const store = await open(kind);
    expect(await store.claim('run:a', 60_000)).toBe(true);
    expect(await store.claim('run:a', 60_000)).toBe(false);
    expect(await store.claim('run:b', 60_000)).toBe(true);
    await store.release('run:a');
    expect(await store.claim('run:a', 60_000)).toBe(true);
  });

  it('expires: the key is free again after ttlMs, not before', async () => {
    const store = await open(kind);
    expect(await store.claim('k', 60_000)).toBe(true);
    vi.setSystemTime(Date.now() + 59_999);
    expect(await store.claim('k', 60_000)).toBe(false);
    vi.setSystemTime(Date.now() + 1);
    expect(await store.claim('k', 60_000)).toBe(true);
  });

  it('is atomic for concurrent callers: exactly one of 25 wins', async () => {
    const store = await open(kind);
    const results = await Promise.all(Array.from({ length: 25 }, () => store.claim('race', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('does not release a claim it no longer holds', async () => {
    const store = await open(kind);
    expect(await store.claim('k', 1_000)).toBe(true);
    vi.setSystemTime(Date.now() + 1_000);
    const other = kind === 'memory' ? store : await open(kind);
    expect(await other.claim('k', 60_000)).toBe(true); // ours expired, taken by another
    if (other !== store) await store.release('k');
    expect(await other.claim('k', 60_000)).toBe(false); // still held
  });

  it('keeps claims apart from values and leaves get/set/delete as they were', async () => {
    const store = await open(kind);
    await store.set('k', { n: 1 });
    expect(await store.claim('k', 60_000)).toBe(true);
    expect(await store.get('k')).toEqual({ n: 1 });
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
    expect(await store.claim('k', 60_000)).toBe(false);
  });

  it('rejects a ttl that is not a positive integer', async () => {
    const store = await open(kind);
    await expect(store.claim('k', 0)).rejects.toThrow(RangeError);
    await expect(store.claim('k', 1.5)).rejects.toThrow(RangeError);
  });
});

describe('claims on SQLite across store objects (one file, one process)', () => {
  it('two stores on one file race for a key: exactly one wins', async () => {
    const a = await open('sqlite');
    const b = await open('sqlite');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('x', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('a store that does not hold the claim cannot release it; a restarted store sees it held', async () => {
    const a = await open('sqlite');
    const b = await open('sqlite');
    expect(await a.claim('x', 60_000)).toBe(true);
    expect(await b.claim('x', 60_000)).toBe(false);
    await b.release('x');
    const restarted = await open('sqlite');
    expect(await restarted.claim('x', 60_000)).toBe(false);
    await a.release('x');
    expect(await restarted.claim('x', 60_000)).toBe(true);
  });

  it('a failing backend rejects instead of reading as "absent"', async () => {
    const store = await open('sqlite');
    await store.set('k', 1);
    await store.close();
    await expect(store.get('k')).rejects.toThrow();
    await expect(store.set('k', 2)).rejects.toThrow();
    await expect(store.claim('k', 1_000)).rejects.toThrow();
  });
});
