import type KeyvRedis from '@keyv/redis';
import { assertTtl, claimKey, claimRecord, type Claims } from './store.ts';

/** The two commands claims need; node-redis clients, clusters and sentinels all have them. */
interface RedisCommands {
  set(key: string, value: string, options: { condition: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Delete the key only while it still holds our value (compare-and-delete in one server step). */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Claims on Redis: `SET key value NX PX ttl` through the adapter's own client, under the adapter's key
 * prefix (`<namespace>::claim:<key>`) so they sit beside Keyv's keys. Atomic across instances; the
 * expiry runs on the Redis server clock.
 */
export function redisClaims(adapter: KeyvRedis<unknown>): Claims {
  const redisKey = (key: string) => adapter.createKeyPrefix(claimKey(key), adapter.namespace);
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
  };
}
