import { parse } from 'csv-parse/sync';
import { decodeText } from './decode-text.ts';
import { LoadError, type LoadedDocument } from './document.ts';
import { oneLine } from './load-errors.ts';
import { tidyRows } from './table-rows.ts';

/** CSV exported from Excel on a Chinese PC is GBK, hence decodeText rather than assuming UTF-8. */
export async function loadCsv(file: string, bytes: Buffer): Promise<LoadedDocument> {
  const { text, encoding } = decodeText(bytes);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (err) {
    throw new LoadError('corrupt', `CSV 格式错误，无法解析 (malformed CSV: ${oneLine(err)})`);
  }
  const rows = tidyRows(records);
  return { file, format: 'csv', encoding, blocks: rows.length > 0 ? [{ kind: 'table', rows }] : [] };
}

const SAMPLE_LINES = 20;

/**
 * Comma unless tab or semicolon is clearly the separator: present on every sampled line with the
 * same count, while commas are not. Quoted fields are ignored here — a sniff, not a parse.
 */
export function guessDelimiter(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '').slice(0, SAMPLE_LINES);
  const consistent = (sep: string) => {
    const counts = lines.map((l) => l.split(sep).length - 1);
    return counts.length > 0 && counts[0] > 0 && counts.every((n) => n === counts[0]);
  };
  if (consistent(',')) return ',';
  for (const sep of ['\t', ';']) if (consistent(sep)) return sep;
  const total = (sep: string) => text.split(sep).length - 1;
  return total('\t') > total(',') && total('\t') > total(';') ? '\t' : total(';') > total(',') ? ';' : ',';
}
