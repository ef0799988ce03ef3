import { StoreUnavailableError } from './store-errors.ts';
import type { Store } from './store.ts';

/**
 * Every store call bounded in time: a backend that does not answer (Redis down and reconnecting, a
 * network that drops packets, a SQLite file locked by another process) rejects the call with a
 * `StoreUnavailableError` after `ms`, instead of holding a chat message for a minute. A backend error
 * is rejected as a `StoreUnavailableError` too (the original is its `cause`), so callers test one type.
 * A `RangeError` (a caller's bad argument, e.g. a claim ttl of 0) passes through unchanged.
 *
 * After a call timed out, calls in the next `pauseMs` fail at once instead of each waiting `ms` again
 * (one message reads the store several times; a dead server should cost it one wait, not several);
 * the first call after the pause tries the backend again.
 *
 * A call that timed out may still complete on the backend later (a write that was slow, not lost):
 * callers treat the rejection as "unknown", as they would a dropped connection. `close` never rejects
 * on a timeout: it gives up waiting after `ms`. `ms <= 0` disables the timer (errors are still mapped).
 */
export interface TimeoutOptions {
  /** How long calls fail at once after a timeout (default 5000 ms; 0: never). */
  pauseMs?: number;
  /** Clock for the pause (tests). */
  now?: () => number;
}

export const DEFAULT_PAUSE_AFTER_TIMEOUT_MS = 5000;

export function withTimeouts(store: Store, ms: number, label = '数据存储', options: TimeoutOptions = {}): Store {
  const pauseMs = options.pauseMs ?? DEFAULT_PAUSE_AFTER_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  let pausedUntil = 0;
  const guarded = <R>(operation: string, call: () => Promise<R>): Promise<R> => {
    if (now() < pausedUntil) return Promise.reject(pausedError(operation, label));
    return bounded(operation, call, ms, label).catch((error: unknown) => {
      if (isTimeout(error) && pauseMs > 0) pausedUntil = Math.max(pausedUntil, now() + pauseMs);
      throw error;
    });
  };
  const bound =
    <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      guarded(operation, () => call(...args));
  return {
    get: <T>(key: string) => guarded(`get ${key}`, () => store.get<T>(key)),
    set: <T>(key: string, value: T) => guarded(`set ${key}`, () => store.set<T>(key, value)),
    setIfAbsent: <T>(key: string, value: T) => guarded(`setIfAbsent ${key}`, () => store.setIfAbsent<T>(key, value)),
    delete: bound('delete', (key: string) => store.delete(key)),
    claim: bound('claim', (key: string, ttlMs: number) => store.claim(key, ttlMs)),
    release: bound('release', (key: string) => store.release(key)),
    renew: bound('renew', (key: string, ttlMs: number) => store.renew(key, ttlMs)),
    addToSet: bound('addToSet', (key: string, members: readonly string[]) => store.addToSet(key, members)),
    removeFromSet: bound('removeFromSet', (key: string, members: readonly string[]) => store.removeFromSet(key, members)),
    setMembers: bound('setMembers', (key: string) => store.setMembers(key)),
    close: () => bounded('close', () => store.close(), ms, label).catch((error: unknown) => {
      if (isTimeout(error)) return; // gave up waiting
      throw error;
    }),
  };
}

/** `call()`, rejected with a StoreUnavailableError after `ms` or when the backend fails. */
export function bounded<R>(operation: string, call: () => Promise<R>, ms: number, label = '数据存储'): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const timer = ms > 0 ? setTimeout(() => reject(timeoutError(operation, ms, label)), ms) : undefined;
    timer?.unref?.();
    let pending: Promise<R>;
    try {
      pending = call();
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(backendError(operation, error, label));
      },
    );
  });
}

const TIMED_OUT = Symbol('timed out');

function timeoutError(operation: string, ms: number, label: string): StoreUnavailableError {
  return Object.assign(new StoreUnavailableError(`${label}在 ${ms} ms 内没有响应 (${operation})`, operationName(operation)), { [TIMED_OUT]: true });
}

function pausedError(operation: string, label: string): StoreUnavailableError {
  return new StoreUnavailableError(`${label}刚才没有响应, 暂不再等待 (${operation})`, operationName(operation));
}

/** Whether a store call failed by getting no answer in time (not by an error of the backend). */
export function isTimeout(error: unknown): boolean {
  return error instanceof StoreUnavailableError && (error as unknown as Record<symbol, unknown>)[TIMED_OUT] === true;
}

/** A backend failure as a StoreUnavailableError; a caller's RangeError and ours pass through. */
export function backendError(operation: string, error: unknown, label = '数据存储'): unknown {
  if (error instanceof StoreUnavailableError || error instanceof RangeError) return error;
  const why = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`${label}暂时不可用 (${operation}: ${why})`, operationName(operation), { cause: error });
}

const operationName = (operation: string) => operation.split(' ')[0];
