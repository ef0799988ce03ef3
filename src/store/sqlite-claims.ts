import { assertTtl, claimKey, claimRecord, keyvEnvelope, type Atomics } from './store.ts';

/** What the claims need of `@keyv/sqlite`: its promisified `all`, and the table Keyv writes to. */
export interface SqliteQuery {
  query(sql: string, ...params: unknown[]): Promise<Array<Record<string, unknown>>>;
}

/**
 * Atomic operations on the Keyv SQLite file, each ONE statement, so they are atomic without an
 * in-process lock: SQLite serializes writers (also across processes on one host, waiting up to the
 * busy timeout).
 * - Claims: an upsert that inserts, or overwrites only an expired claim. Rows use Keyv's key prefix
 *   (`<namespace>:claim:<key>`) and value envelope, so Keyv expires and clears them like its own.
 * - `setIfAbsent`: `INSERT … ON CONFLICT DO NOTHING` into Keyv's own table, in Keyv's envelope, so
 *   `get` reads it back.
 * - Sets: rows of a side table `<table>_sets (skey, member)` with a primary key on both, so adding a
 *   member twice or removing it from several writers at once is one idempotent statement.
 *
 * SQLite is still the single-host store: two bot instances on two hosts need Redis.
 */
export function sqliteClaims(db: SqliteQuery, table: string, namespace: string): Atomics {
  const rowKey = (key: string) => `${namespace}:${claimKey(key)}`;
  const valueKey = (key: string) => `${namespace}:${key}`;
  const setsTable = `${table}_sets`;
  const mine = new Map<string, string>();
  const upsert =
    `INSERT INTO ${table} (key, value) VALUES (?, ?) ` +
    `ON CONFLICT(key) DO UPDATE SET value = excluded.value ` +
    `WHERE json_extract(${table}.value, '$.expires') <= ? RETURNING key`;
  let setsReady: Promise<unknown> | null = null;
  const sets = () =>
    (setsReady ??= db.query(`CREATE TABLE IF NOT EXISTS ${setsTable} (skey VARCHAR(255) NOT NULL, member TEXT NOT NULL, PRIMARY KEY (skey, member))`).catch((error) => {
      setsReady = null;
      throw error;
    }));
  return {
    claim: async (key, ttlMs) => {
      assertTtl(ttlMs);
      const now = Date.now();
      const record = claimRecord(ttlMs, now);
      const rows = await db.query(upsert, rowKey(key), record.serialized, now);
      if (rows.length === 0) return false;
      mine.set(key, record.serialized);
      return true;
    },
    release: async (key) => {
      const value = mine.get(key);
      if (value === undefined) return;
      mine.delete(key);
      await db.query(`DELETE FROM ${table} WHERE key = ? AND value = ?`, rowKey(key), value);
    },
    renew: async (key, ttlMs) => {
      assertTtl(ttlMs);
      const value = mine.get(key);
      if (value === undefined) return false;
      const now = Date.now();
      const { value: inner } = JSON.parse(value) as { value: unknown };
      const next = JSON.stringify({ value: inner, expires: now + ttlMs });
      const rows = await db.query(
        `UPDATE ${table} SET value = ? WHERE key = ? AND value = ? AND json_extract(value, '$.expires') > ? RETURNING key`,
        next,
        rowKey(key),
        value,
        now,
      );
      if (rows.length === 0) {
        mine.delete(key);
        return false;
      }
      mine.set(key, next);
      return true;
    },
    setIfAbsent: async (key, value) => {
      const rows = await db.query(`INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING RETURNING key`, valueKey(key), keyvEnvelope(value));
      return rows.length > 0;
    },
    addToSet: async (key, members) => {
      if (members.length === 0) return;
      await sets();
      const unique = [...new Set(members)];
      await db.query(`INSERT OR IGNORE INTO ${setsTable} (skey, member) VALUES ${unique.map(() => '(?, ?)').join(', ')}`, ...unique.flatMap((m) => [valueKey(key), m]));
    },
    removeFromSet: async (key, members) => {
      if (members.length === 0) return;
      await sets();
      await db.query(`DELETE FROM ${setsTable} WHERE skey = ? AND member IN (${members.map(() => '?').join(', ')})`, valueKey(key), ...members);
    },
    setMembers: async (key) => {
      await sets();
      const rows = await db.query(`SELECT member FROM ${setsTable} WHERE skey = ?`, valueKey(key));
      return rows.map((r) => String(r.member));
    },
  };
}
