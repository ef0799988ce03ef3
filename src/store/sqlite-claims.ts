import { assertTtl, claimKey, claimRecord, type Claims } from './store.ts';

/** What the claims need of `@keyv/sqlite`: its promisified `all`, and the table Keyv writes to. */
export interface SqliteQuery {
  query(sql: string, ...params: unknown[]): Promise<Array<Record<string, unknown>>>;
}

/**
 * Claims on the Keyv SQLite table. Taking a claim is ONE upsert — insert, or overwrite only an expired
 * claim — so it is atomic without an in-process lock: SQLite serializes writers (also across processes
 * on one host, waiting up to the busy timeout). Rows use Keyv's key prefix (`<namespace>:claim:<key>`)
 * and value envelope, so Keyv expires and clears them like its own.
 *
 * SQLite is still the single-instance store: two bot instances on two hosts need Redis.
 */
export function sqliteClaims(db: SqliteQuery, table: string, namespace: string): Claims {
  const rowKey = (key: string) => `${namespace}:${claimKey(key)}`;
  const mine = new Map<string, string>();
  const upsert =
    `INSERT INTO ${table} (key, value) VALUES (?, ?) ` +
    `ON CONFLICT(key) DO UPDATE SET value = excluded.value ` +
    `WHERE json_extract(${table}.value, '$.expires') <= ? RETURNING key`;
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
  };
}
