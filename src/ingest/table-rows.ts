/**
 * Shared clean-up for tables read from any format, so downstream code sees one shape: a rectangle of
 * strings with no empty border rows or columns (spreadsheets and HTML both pad generously).
 */
export function tidyRows(rows: string[][]): string[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const filled = (row: string[]) => row.some((c) => c !== '');
  const first = padded.findIndex(filled);
  if (first < 0) return [];
  let last = padded.length - 1;
  while (!filled(padded[last])) last--;
  const body = padded.slice(first, last + 1);
  const usedCol = (c: number) => body.some((r) => r[c] !== '');
  let left = 0;
  while (!usedCol(left)) left++;
  let right = width - 1;
  while (!usedCol(right)) right--;
  return body.map((r) => r.slice(left, right + 1));
}

/**
 * `s` without the '|' run at its end and the whitespace around it: what /\s*\|+\s*$/ removes, found from
 * the end (that regex retries from every '|' of a long run, and each try scans to the end).
 */
export function withoutTrailingPipes(s: string): string {
  let end = s.length;
  while (end > 0 && SPACE.test(s[end - 1])) end--;
  if (s[end - 1] !== '|') return s;
  let k = end;
  while (k > 0 && s[k - 1] === '|') k--;
  while (k > 0 && SPACE.test(s[k - 1])) k--;
  return s.slice(0, k);
}

const SPACE = /\s/;
