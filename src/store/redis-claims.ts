import type KeyvRedis from '@keyv/redis';
import { assertTtl, claimKey, claimRecord, keyvEnvelope, type Atomics } from './store.ts';

/** The commands the atomic operations need; node-redis clients, clusters and sentinels all have them. */
interface RedisCommands {
  set(key: string, value: string, options: { condition: 'NX'; expiration?: { type: 'PX'; value: number } }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  sAdd(key: string, members: string[]): Promise<unknown>;
  sRem(key: string, members: string[]): Promise<unknown>;
  sMembers(key: string): Promise<string[]>;
}

/** Delete the key only while it still holds our value (compare-and-delete in one server step). */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
/** Extend the key's expiry only while it still holds our value (compare-and-expire in one step). */
const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Atomic operations on Redis through the adapter's own client, under the adapter's key prefix
 * (`<namespace>::<key>`) so they sit beside Keyv's keys: claims are `SET NX PX` (expiry on the Redis
 * server clock), `setIfAbsent` is `SET NX` in Keyv's value envelope, sets are Redis sets (`SADD`,
 * `SREM`, `SMEMBERS` under `<namespace>::set:<key>`). Atomic across instances.
 */
export function redisClaims(adapter: KeyvRedis<unknown>): Atomics {
  const prefixed = (key: string) => adapter.createKeyPrefix(key, adapter.namespace);
  const redisKey = (key: string) => prefixed(claimKey(key));
  const setKey = (key: string) => prefixed(`set:${key}`);
  // The adapter types its client as a union of client/cluster/sentinel; all share these commands.
  const client = async () => (await adapter.getClient()) as unknown as RedisCommands;
  const mine = new Map<string, string>();
  return {
    claim: async (key, ttlMs) => {
      assertTtl(ttlMs);
      const record = claimRecord(ttlMs);
      const reply = await (await client()).set(redisKey(key), record.serialized, {
        condition: 'NX',
        expiration: { type: 'PX', value: ttlMs },
      });
      if (reply !== 'OK') return false;
      mine.set(key, record.serialized);
      return true;
    },
    release: async (key) => {
      const value = mine.get(key);
      if (value === undefined) return;
      mine.delete(key);
      await (await client()).eval(RELEASE_SCRIPT, { keys: [redisKey(key)], arguments: [value] });
    },
    renew: async (key, ttlMs) => {
      assertTtl(ttlMs);
      const value = mine.get(key);
      if (value === undefined) return false;
      const reply = await (await client()).eval(RENEW_SCRIPT, { keys: [redisKey(key)], arguments: [value, String(ttlMs)] });
      if (Number(reply) !== 1) mine.delete(key);
      return Number(reply) === 1;
    },
    setIfAbsent: async (key, value) => (await (await client()).set(prefixed(key), keyvEnvelope(value), { condition: 'NX' })) === 'OK',
    addToSet: async (key, members) => {
      if (members.length) await (await client()).sAdd(setKey(key), [...members]);
    },
    removeFromSet: async (key, members) => {
      if (members.length) await (await client()).sRem(setKey(key), [...members]);
    },
    setMembers: async (key) => (await client()).sMembers(setKey(key)),
  };
}
