import { assertTtl, type Atomics } from './store.ts';

/**
 * Atomic operations for the memory store: Maps checked and written in one synchronous step, so two
 * callers in this process can never both win. Claim expiry reads `Date.now()` (fake timers move it in
 * tests). `has`/`write` reach the store's own values for `setIfAbsent`.
 */
export function memoryClaims(values?: { has(key: string): Promise<boolean>; write(key: string, value: unknown): Promise<void> }): Atomics {
  const held = new Map<string, { token: symbol; expires: number }>();
  const mine = new Map<string, symbol>();
  const sets = new Map<string, Set<string>>();
  // setIfAbsent is check-then-write on an async store: serialise it per key so it stays atomic.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    claim: async (key, ttlMs) => {
      assertTtl(ttlMs);
      const now = Date.now();
      const current = held.get(key);
      if (current && current.expires > now) return false;
      const token = Symbol(key);
      held.set(key, { token, expires: now + ttlMs });
      mine.set(key, token);
      return true;
    },
    release: async (key) => {
      const token = mine.get(key);
      mine.delete(key);
      if (token !== undefined && held.get(key)?.token === token) held.delete(key);
    },
    renew: async (key, ttlMs) => {
      assertTtl(ttlMs);
      const token = mine.get(key);
      const current = held.get(key);
      if (token === undefined || current?.token !== token || current.expires <= Date.now()) return false;
      current.expires = Date.now() + ttlMs;
      return true;
    },
    setIfAbsent: (key, value) =>
      serial(async () => {
        if (!values) throw new Error('memory store: setIfAbsent needs the value map');
        if (await values.has(key)) return false;
        await values.write(key, value);
        return true;
      }),
    addToSet: async (key, members) => {
      const set = sets.get(key) ?? new Set<string>();
      for (const m of members) set.add(m);
      sets.set(key, set);
    },
    removeFromSet: async (key, members) => {
      const set = sets.get(key);
      if (!set) return;
      for (const m of members) set.delete(m);
      if (set.size === 0) sets.delete(key);
    },
    setMembers: async (key) => [...(sets.get(key) ?? [])],
  };
}
