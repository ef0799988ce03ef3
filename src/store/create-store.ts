import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Keyv from 'keyv';
import type { Store } from './store.ts';

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

export async function createStore(opts: StoreOptions): Promise<Store> {
  const namespace = opts.namespace ?? 'duban';
  const url = opts.url ?? '';
  if (url === 'memory') return keyvStore(new Keyv({ namespace }));
  if (/^rediss?:\/\//.test(url)) {
    const { createKeyv } = await import('@keyv/redis');
    return keyvStore(createKeyv(url, { namespace }));
  }
  const file = url.startsWith('sqlite://') ? url.slice('sqlite://'.length) : join(opts.dataDir, 'duban.sqlite');
  mkdirSync(dirname(file), { recursive: true });
  const { default: KeyvSqlite } = await import('@keyv/sqlite');
  const store = new KeyvSqlite({ uri: `sqlite://${file}`, table: 'kv', busyTimeout: 5000 });
  return keyvStore(new Keyv({ store, namespace }));
}

function keyvStore(keyv: Keyv): Store {
  keyv.on('error', () => {
    // Connection errors surface on the next call as a rejected promise; the emitter must not crash us.
  });
  return {
    get: async <T>(key: string) => (await keyv.get(key)) as T | undefined,
    set: async (key, value) => {
      await keyv.set(key, value);
    },
    delete: async (key) => {
      await keyv.delete(key);
    },
    close: async () => {
      await keyv.disconnect();
    },
  };
}
