import type { Store } from './store.ts';
import { bounded } from './timeouts.ts';

/**
 * A Redis without persistence (no AOF, no RDB snapshots) forgets every binding, progress report and
 * the reminder delivery log when it restarts — and a forgotten delivery log means reminders sent twice.
 * `checkRedisPersistence` asks the server (`CONFIG GET appendonly`, `CONFIG GET save`) at start-up and
 * says so in Chinese; it never throws.
 */

/** What the check needs of a Redis store: CONFIG GET, a time limit, and the server for messages. */
export interface RedisAdmin {
  configGet(parameter: string): Promise<Record<string, string>>;
  timeoutMs: number;
  /** The server URL (credentials are removed before it is shown). */
  url: string;
}

const admins = new WeakMap<Store, RedisAdmin>();

/** Called by createStore for a Redis store, so the check can reach the server behind it. */
export function registerRedisAdmin(store: Store, admin: RedisAdmin): void {
  admins.set(store, admin);
}

/**
 * A warning when the Redis behind `store` keeps nothing across a restart, or when that could not be
 * checked (CONFIG disabled or denied, server unreachable); null when persistence is on or the store
 * is not Redis (SQLite is a file, memory is meant to forget).
 */
export async function checkRedisPersistence(store: Store): Promise<string | null> {
  const admin = admins.get(store);
  if (!admin) return null;
  const server = redactUrl(admin.url);
  try {
    const read = (parameter: string) => bounded(`CONFIG GET ${parameter}`, () => admin.configGet(parameter), admin.timeoutMs, '');
    const appendonly = (await read('appendonly')).appendonly;
    const save = (await read('save')).save;
    return persistenceWarning({ appendonly, save }, server);
  } catch (error) {
    return uncheckedWarning(error, server);
  }
}

/** The warning for these CONFIG values: null when AOF or RDB is on. Pure, for tests. */
export function persistenceWarning(config: { appendonly?: string; save?: string }, server: string): string | null {
  const aof = (config.appendonly ?? '').trim().toLowerCase() === 'yes';
  const rdb = (config.save ?? '').trim() !== '';
  if (aof || rdb) return null;
  return (
    `Redis (${server}) 没有开启持久化(appendonly no, save ""): Redis 重启后群绑定、进展记录和提醒发送记录都会丢失, 提醒可能重复发送。` +
    `请在 redis.conf 设置 appendonly yes (或执行 CONFIG SET appendonly yes 后 CONFIG REWRITE), 或配置 RDB 快照(save 3600 1)。`
  );
}

/** Could not ask: CONFIG disabled (managed Redis, rename-command) or denied by ACL, or no connection. */
function uncheckedWarning(error: unknown, server: string): string {
  const why = error instanceof Error ? error.message : String(error);
  const remedy = '请确认服务器开启了 AOF(appendonly yes)或 RDB 快照(save), 否则 Redis 重启后群绑定、进展记录和提醒发送记录都会丢失。';
  if (/unknown command|NOPERM|no permissions|not allowed|disabled/i.test(why)) {
    return `无法检查 Redis (${server}) 的持久化配置(CONFIG 命令不可用: ${why}): ${remedy}`;
  }
  return `无法连接 Redis (${server}), 未能检查持久化配置(${why}): ${remedy}`;
}

/** `redis://user:secret@host:6379/0` → `redis://***@host:6379/0`. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
