import { randomUUID } from 'node:crypto';

/**
 * Durable state behind a small port: get/set/delete of JSON values by key, plus short-lived claims
 * (leases) for work that must happen once. Keyv with SQLite (a file in the data directory) by default,
 * Redis when KEYV_URL=redis://…, memory for tests and scripts.
 *
 * A failing backend rejects the promise (it is never reported as "absent" or a silently lost write):
 * the delivery log depends on that to send reminders exactly once.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Take `key` for `ttlMs` if nobody holds it: an atomic "set if absent, with expiry". True when this
   * caller got it. Claims live in their own key space (`claim:<key>` under the store's namespace); read
   * them only through `claim`/`release`.
   *
   * Memory: one process. SQLite: one atomic statement, so concurrent callers in one process (and
   * processes on one host) are safe — but SQLite is the single-instance store; run two bot instances
   * only on Redis. Redis: `SET NX PX`, safe across instances (expiry uses the Redis server clock).
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Give up a claim this store object took. A claim held by someone else — or ours that expired and
   * was taken since — is left alone, so a slow caller cannot release another's lease.
   */
  release(key: string): Promise<void>;
  /**
   * Extend a claim this store object still holds to `ttlMs` from now (a renewed lease while slow work
   * goes on). False when it was lost: expired and taken by someone else, or never ours.
   */
  renew(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Write `value` under `key` only if the key has no value: one atomic step, so of several instances
   * writing the same key at once exactly one wins and nothing already there is overwritten. True when
   * this call wrote it.
   */
  setIfAbsent<T>(key: string, value: T): Promise<boolean>;
  /**
   * Sets of strings with atomic add and remove (Redis SADD/SREM, one SQLite statement): many writers at
   * once never lose each other's members, unlike a read-modify-write of one stored array. Sets live in
   * their own key space; read them only through `setMembers`.
   */
  addToSet(key: string, members: readonly string[]): Promise<void>;
  removeFromSet(key: string, members: readonly string[]): Promise<void>;
  /** The members of a set, in no particular order; empty when the set does not exist. */
  setMembers(key: string): Promise<string[]>;
  close(): Promise<void>;
}

/** The atomic half of the port (claims, set-if-absent, sets), one implementation per backend. */
export type Atomics = Pick<Store, 'claim' | 'release' | 'renew' | 'setIfAbsent' | 'addToSet' | 'removeFromSet' | 'setMembers'>;
/** @deprecated the old name of `Atomics`. */
export type Claims = Atomics;

/** The raw key a claim is stored under, relative to the store's namespace. */
export const claimKey = (key: string): string => `claim:${key}`;

/** A value in Keyv's envelope, as Keyv itself writes a value without expiry. */
export const keyvEnvelope = (value: unknown): string => JSON.stringify({ value });

/**
 * A claim's stored value, in Keyv's own envelope (`{ value, expires }`) so Keyv expires and clears
 * it like any other key. `token` makes each claim distinguishable for a safe `release`.
 */
export function claimRecord(ttlMs: number, now = Date.now()): { token: string; serialized: string; expires: number } {
  const token = randomUUID();
  const expires = now + ttlMs;
  return { token, expires, serialized: JSON.stringify({ value: { token, at: new Date(now).toISOString() }, expires }) };
}

export function assertTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new RangeError(`claim ttlMs must be a positive integer, got ${ttlMs}`);
}
