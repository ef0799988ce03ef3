import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Keyv from 'keyv';
import { memoryClaims } from './memory-claims.ts';
import { redactUrl, registerRedisAdmin } from './redis-persistence.ts';
import { probeSqlite, sqliteOpenError } from './sqlite-open.ts';
import type { Atomics, Store } from './store.ts';
import { withTimeouts } from './timeouts.ts';

/**
 * Store factory: `memory` for tests and scripted runs, `redis://…` to share state between instances,
 * otherwise a SQLite file in the data directory (created on first use). Adapters load lazily so a
 * memory store never opens a database driver.
 *
 * SQLite and Redis stores are bounded in time (`withTimeouts`): a call that gets no answer within
 * `timeoutMs` rejects with a `StoreUnavailableError`, so a store outage never hangs a chat message.
 * - SQLite is probed on open (a read and a write): a corrupt, foreign or read-only file, or an
 *   unwritable data directory, throws a `StoreOpenError` whose Chinese message names the file and
 *   the remedy.
 * - Redis connects lazily: a server that is down at start does not stop `createStore`; each call
 *   then fails within the timeout until it is back. Commands are never queued while the connection
 *   is down (`disableOfflineQueue`), so a write reported as failed is not replayed minutes later.
 *   `checkRedisPersistence(store)` (redis-persistence.ts) warns when the server keeps nothing.
 */

export interface StoreOptions {
  /** "memory", "redis://…", "sqlite://path", or empty for the default SQLite file. */
  url?: string;
  dataDir: string;
  namespace?: string;
  /** Longest wait for one store call, in ms (default 2000); 0 waits forever. Memory stores ignore it. */
  timeoutMs?: number;
}

export const DEFAULT_STORE_TIMEOUT_MS = 2000;

const SQLITE_TABLE = 'kv';
/** The probe on open waits at least this long: SQLite's own busy timeout is 5 s. */
const SQLITE_PROBE_MS = 6000;

export async function createStore(opts: StoreOptions): Promise<Store> {
  const namespace = opts.namespace ?? 'duban';
  const url = opts.url ?? '';
  const timeoutMs = opts.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  if (url === 'memory') {
    const keyv = new Keyv({ namespace });
    return keyvStore(keyv, memoryClaims({ has: (k) => keyv.has(k), write: async (k, v) => void (await keyv.set(k, v)) }));
  }
  if (/^rediss?:\/\//.test(url)) return openRedis(url, namespace, timeoutMs);
  const file = url.startsWith('sqlite://') ? url.slice('sqlite://'.length) : join(opts.dataDir, 'duban.sqlite');
  return openSqlite(file, namespace, timeoutMs);
}

async function openRedis(url: string, namespace: string, timeoutMs: number): Promise<Store> {
  const { createKeyv } = await import('@keyv/redis');
  const { redisClaims } = await import('./redis-claims.ts');
  const limit = timeoutMs > 0 ? timeoutMs : undefined;
  // throwOnErrors: the adapter otherwise turns a failed command into "absent" / a lost write.
  // connectionTimeout: without it a server that is down at start holds the first call for good.
  const keyv = createKeyv(
    { url, disableOfflineQueue: true, socket: { connectTimeout: limit, reconnectStrategy: reconnectDelay } },
    { namespace, throwOnErrors: true, throwOnConnectError: true, connectionTimeout: limit },
  );
  const adapter = keyv.store as import('@keyv/redis').default<unknown>;
  shareConnecting(adapter);
  // A client still reconnecting would wait for the server to say goodbye: drop it instead.
  const close = () => adapter.disconnect(!(adapter.client as { isReady?: boolean }).isReady);
  const server = redactUrl(url);
  const store = withTimeouts(keyvStore(keyv, redisClaims(adapter), close), timeoutMs, `Redis (${server}) `);
  registerRedisAdmin(store, {
    configGet: async (parameter) => (await adapter.getClient()).configGet(parameter) as Promise<Record<string, string>>,
    timeoutMs: limit ?? DEFAULT_STORE_TIMEOUT_MS,
    url,
  });
  return store;
}

/**
 * Calls made while the first connection is under way wait for it. The adapter hands out the client as
 * soon as it is connecting, and without an offline queue a command sent before it is ready is refused
 * ("The client is offline") — right while reconnecting after an outage, wrong at start.
 */
function shareConnecting(adapter: import('@keyv/redis').default<unknown>): void {
  const getClient = adapter.getClient.bind(adapter);
  let connecting: ReturnType<typeof getClient> | null = null;
  adapter.getClient = () => {
    if (connecting) return connecting;
    if ((adapter.client as { isOpen?: boolean }).isOpen) return getClient();
    connecting = getClient().finally(() => {
      connecting = null;
    });
    return connecting;
  };
}

/** Reconnect backoff: 200 ms doubling to 2 s, with jitter so instances do not reconnect in step. */
export function reconnectDelay(attempt: number): number {
  return Math.min(2 ** attempt * 100, 2000) + Math.floor(Math.random() * 100);
}

async function openSqlite(file: string, namespace: string, timeoutMs: number): Promise<Store> {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw sqliteOpenError(error, file) ?? error;
  }
  const { default: KeyvSqlite } = await import('@keyv/sqlite');
  const { sqliteClaims } = await import('./sqlite-claims.ts');
  const db = new KeyvSqlite({ uri: `sqlite://${file}`, table: SQLITE_TABLE, busyTimeout: 5000 });
  const store = keyvStore(new Keyv({ store: db, namespace }), sqliteClaims(db, SQLITE_TABLE, namespace));
  try {
    await probeSqlite(store, file, Math.max(timeoutMs, SQLITE_PROBE_MS));
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return withTimeouts(store, timeoutMs, `数据文件 ${file} `);
}

function keyvStore(keyv: Keyv, atomics: Atomics, close: () => Promise<void> = () => keyv.disconnect()): Store {
  // Failures reject the call instead of reading as "absent": a lost delivery-log write means a duplicate.
  keyv.throwOnErrors = true;
  keyv.on('error', () => {
    // The same failure also rejects the call; the emitter alone must not crash the process.
  });
  return {
    get: async <T>(key: string) => (await keyv.get(key)) as T | undefined,
    set: async (key, value) => {
      if (!(await keyv.set(key, value))) throw new Error(`store: could not write ${key}`);
    },
    delete: async (key) => {
      await keyv.delete(key);
    },
    claim: (key, ttlMs) => atomics.claim(key, ttlMs),
    release: (key) => atomics.release(key),
    renew: (key, ttlMs) => atomics.renew(key, ttlMs),
    setIfAbsent: (key, value) => atomics.setIfAbsent(key, value),
    addToSet: (key, members) => atomics.addToSet(key, members),
    removeFromSet: (key, members) => atomics.removeFromSet(key, members),
    setMembers: (key) => atomics.setMembers(key),
    close,
  };
}
