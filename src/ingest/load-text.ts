import { decodeText } from './decode-text.ts';
import type { Block, LoadedDocument } from './document.ts';
import { tidyRows } from './table-rows.ts';

/**
 * Plain text and Markdown. Lines stay lines (one block each, with their line number) because plan
 * text files are usually copied out of Word, one paragraph per line; Markdown pipe tables are the one
 * structure worth recovering, since task breakdown tables get pasted that way.
 */
export async function loadText(file: string, bytes: Buffer, format: 'txt' | 'md'): Promise<LoadedDocument> {
  const { text, encoding } = decodeText(bytes);
  const lines = text.split('\n').map((l) => l.replace(/\s+$/u, ''));
  const blocks = format === 'md' ? markdownBlocks(lines) : lineBlocks(lines);
  return { file, format, encoding, blocks };
}

function lineBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  lines.forEach((text, i) => {
    if (text.trim() !== '') blocks.push({ kind: 'para', text, line: i + 1 });
  });
  return blocks;
}

function markdownBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const end = tableEnd(lines, i);
    if (end > i) {
      const rows = lines.slice(i, end).filter((_, k) => k !== 1).map(splitPipeRow);
      blocks.push({ kind: 'table', rows: tidyRows(rows), line: i + 1 });
      i = end - 1;
      continue;
    }
    const text = stripHeading(lines[i]);
    if (text.trim() !== '') blocks.push({ kind: 'para', text, line: i + 1 });
  }
  return blocks;
}

/** GFM: a header row containing '|' directly followed by a delimiter row; body runs until a line without '|'. */
function tableEnd(lines: string[], start: number): number {
  const header = lines[start];
  const delimiter = lines[start + 1];
  if (!header.includes('|') || delimiter === undefined || !isDelimiterRow(delimiter)) return start;
  let end = start + 2;
  while (end < lines.length && lines[end].trim() !== '' && lines[end].includes('|')) end++;
  return end;
}

function isDelimiterRow(line: string): boolean {
  return line.includes('-') && /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line);
}

function splitPipeRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|').trim());
}

/** Also accepts "#标题" without the space: Chinese authors often omit it, and a hashtag is unlikely in a plan. */
function stripHeading(line: string): string {
  const m = /^\s{0,3}#{1,6}(?!#)\s*(.*?)(?:\s+#+)?\s*$/.exec(line);
  return m ? m[1] : line;
}
