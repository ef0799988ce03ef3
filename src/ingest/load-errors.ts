import { LoadError, type LoadErrorCode, type LoadResult } from './document.ts';

const MAX_DETAIL = 160;

/** Library errors can be multi-line stack-ish text; warnings must stay one readable line. */
export function oneLine(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const flat = raw.replace(/\s+/g, ' ').trim() || 'unknown error';
  return flat.length > MAX_DETAIL ? `${flat.slice(0, MAX_DETAIL - 1)}…` : flat;
}

export function failure(file: string, code: LoadErrorCode, reason: string): LoadResult {
  return { ok: false, warning: { file, code, message: `${file}: ${reason.replace(/\s+/g, ' ').trim()}` } };
}

/** LoadErrors carry their own reason; anything else escaped a loader and is reported under `fallback`. */
export function failureFromError(file: string, err: unknown, fallback: LoadErrorCode): LoadResult {
  if (err instanceof LoadError) return failure(file, err.code, err.message);
  const reason =
    fallback === 'corrupt' ? `文件已损坏，无法读取 (corrupt file: ${oneLine(err)})` : `无法读取文件 (${oneLine(err)})`;
  return failure(file, fallback, reason);
}
