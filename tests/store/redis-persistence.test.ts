import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.ts';
import { checkRedisPersistence, persistenceWarning, redactUrl } from '../../src/store/redis-persistence.ts';
import type { Store } from '../../src/store/store.ts';
import { REDIS_SERVER } from '../helpers/redis-server.ts';
import { freePort, spawnRedis, type RedisProcess } from './redis-process.ts';

/**
 * The start-up check of a Redis store's persistence, against real local servers: no AOF and no RDB →
 * a Chinese warning naming `appendonly yes`; either on → no warning; CONFIG renamed away or the server
 * unreachable → a warning that it could not be checked. Never throws.
 */

describe.skipIf(!REDIS_SERVER)('checkRedisPersistence (local redis-server)', () => {
  const opened: Store[] = [];
  const servers: RedisProcess[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  const storeOn = async (extraArgs: string[]) => {
    const server = await spawnRedis(extraArgs);
    servers.push(server);
    const store = await createStore({ url: server.url, dataDir: '/nonexistent', timeoutMs: 1000 });
    opened.push(store);
    return { server, store };
  };

  it('persistence off (save "", appendonly no): a warning naming the server and appendonly yes', async () => {
    const { server, store } = await storeOn([]);
    const warning = await checkRedisPersistence(store);
    expect(warning).toContain(`Redis (${server.url}) 没有开启持久化`);
    expect(warning).toContain('appendonly yes');
    expect(warning).toContain('绑定');
  });

  it('AOF on: no warning', async () => {
    const { store } = await storeOn(['--appendonly', 'yes']);
    expect(await checkRedisPersistence(store)).toBeNull();
  });

  it('RDB snapshots on (save 3600 1): no warning', async () => {
    const { store } = await storeOn(['--save', '3600 1']);
    expect(await checkRedisPersistence(store)).toBeNull();
  });

  it('CONFIG disabled (rename-command): says it could not be checked, and what to make sure of', async () => {
    const { store } = await storeOn(['--rename-command', 'CONFIG', '']);
    const warning = await checkRedisPersistence(store);
    expect(warning).toMatch(/^无法检查 Redis \(redis:\/\/127\.0\.0\.1:\d+\) 的持久化配置\(CONFIG 命令不可用/);
    expect(warning).toContain('appendonly yes');
    await store.set('still', 'works'); // the store itself is fine
  });

  it('server unreachable: says it could not connect, within the timeout', async () => {
    const store = await createStore({ url: `redis://user:secret@127.0.0.1:${await freePort()}`, dataDir: '/nonexistent', timeoutMs: 300 });
    opened.push(store);
    const warning = await checkRedisPersistence(store);
    expect(warning).toMatch(/^无法连接 Redis \(redis:\/\/\*\*\*@127\.0\.0\.1:\d+\), 未能检查持久化配置/);
    expect(warning).not.toContain('secret');
  });
});

describe('checkRedisPersistence on other stores, and the pure parts', () => {
  it('a memory store: nothing to check', async () => {
    const store = await createStore({ url: 'memory', dataDir: '/nonexistent' });
    expect(await checkRedisPersistence(store)).toBeNull();
  });

  it('persistenceWarning: only when both AOF and RDB are off', () => {
    expect(persistenceWarning({ appendonly: 'no', save: '' }, 'redis://h:1')).toContain('appendonly yes');
    expect(persistenceWarning({ appendonly: 'yes', save: '' }, 'redis://h:1')).toBeNull();
    expect(persistenceWarning({ appendonly: 'no', save: '3600 1 300 100' }, 'redis://h:1')).toBeNull();
    expect(persistenceWarning({}, 'redis://h:1')).toContain('没有开启持久化');
  });

  it('redactUrl hides credentials', () => {
    expect(redactUrl('redis://user:pw@h:6379/0')).toBe('redis://***@h:6379/0');
    expect(redactUrl('rediss://h:6379')).toBe('rediss://h:6379');
  });
});
