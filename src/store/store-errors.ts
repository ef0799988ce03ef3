/**
 * The two ways the store fails that callers act on:
 * - `StoreUnavailableError`: a call did not complete — the backend is down, too slow (no answer within
 *   the timeout), or failed the operation. Chat commands that need the store reply that it is
 *   temporarily unavailable; questions carry on without it.
 * - `StoreOpenError`: the store could not be opened at start-up (corrupt or read-only SQLite file,
 *   unwritable data directory). Its message is Chinese, names the file and says what to do.
 */

/** Said in chat when a command needs the store and it does not answer. */
export const STORE_UNAVAILABLE_REPLY = '暂时无法访问数据存储, 请稍后再试。';

export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    /** The store operation that failed, e.g. `get`, `addToSet`. */
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

export class StoreOpenError extends Error {
  constructor(
    message: string,
    /** The database file (or data directory) concerned. */
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError;
}
