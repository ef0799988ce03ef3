import { assertTtl, type Claims } from './store.ts';

/**
 * Claims for the memory store: a Map checked and written in one synchronous step, so two callers in
 * this process can never both win. Expiry reads `Date.now()` (fake timers move it in tests).
 */
export function memoryClaims(): Claims {
  const held = new Map<string, { token: symbol; expires: number }>();
  const mine = new Map<string, symbol>();
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
  };
}
