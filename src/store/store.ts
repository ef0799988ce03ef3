/**
 * Durable state behind a small port: get/set/delete of JSON values by key. Keyv with SQLite (a file in
 * the data directory) by default, Redis when KEYV_URL=redis://…, memory for tests and scripts.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
