import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Keyv from 'keyv';
import { memoryClaims } from './memory-claims.ts';
import type { Claims, Store } from './store.ts';

/**
 * Store factory: `memory` for tests and scripted runs, `redis://…` to share state between instances,
 * otherwise a SQLite file in the data directory (created on first use). Adapters load lazily so a
 * memory store never opens a database driver.
 */

export interface StoreOptions {
  /** "memory", "redis://…", "sqlite://path", or empty for the default SQLite file. */
  url?: string;
  dataDir: string;
  namespace?: string;
}

const SQLITE_TABLE = 'kv';

export async function createStore(opts: StoreOptions): Promise<Store> {
  const namespace = opts.namespace ?? 'duban';
  const url = opts.url ?? '';
  if (url === 'memory') return keyvStore(new Keyv({ namespace }), memoryClaims());
  if (/^rediss?:\/\//.test(url)) {
    const { createKeyv } = await import('@keyv/redis');
    const { redisClaims } = await import('./redis-claims.ts');
    // throwOnErrors: the adapter otherwise turns a failed command into "absent" / a lost write.
    const keyv = createKeyv(url, { namespace, throwOnErrors: true });
    return keyvStore(keyv, redisClaims(keyv.store));
  }
  const file = url.startsWith('sqlite://') ? url.slice('sqlite://'.length) : join(opts.dataDir, 'duban.sqlite');
  mkdirSync(dirname(file), { recursive: true });
  const { default: KeyvSqlite } = await import('@keyv/sqlite');
  const { sqliteClaims } = await import('./sqlite-claims.ts');
  const store = new KeyvSqlite({ uri: `sqlite://${file}`, table: SQLITE_TABLE, busyTimeout: 5000 });
  return keyvStore(new Keyv({ store, namespace }), sqliteClaims(store, SQLITE_TABLE, namespace));
}

function keyvStore(keyv: Keyv, claims: Claims): Store {
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
    claim: (key, ttlMs) => claims.claim(key, ttlMs),
    release: (key) => claims.release(key),
    close: async () => {
      await keyv.disconnect();
    },
  };
}
