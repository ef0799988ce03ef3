import { decodeText } from './decode-text.ts';
import type { Block, LoadedDocument } from './document.ts';
import { readHeader } from './parse-task-table.ts';
import { tidyRows } from './table-rows.ts';

/**
 * Plain text and Markdown. Lines stay lines (one block each, with their line number) because plan
 * text files are usually copied out of Word, one paragraph per line; Markdown pipe tables are the one
 * structure worth recovering, since task breakdown tables get pasted that way.
 */
export async function loadText(file: string, bytes: Buffer, format: 'txt' | 'md'): Promise<LoadedDocument> {
  const { text, encoding } = decodeText(bytes);
  const lines = text.split('\n').map((l) => l.trimEnd());
  const blocks = format === 'md' ? markdownBlocks(lines) : lineBlocks(lines);
  return { file, format, encoding, blocks };
}

function lineBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const end = pipeTableEnd(lines, i);
    if (end > i) {
      blocks.push({ kind: 'table', rows: alignPipeRows(joinContinuedRows(lines.slice(i, end)).map(splitPipeRow)), line: i + 1 });
      i = end - 1;
      continue;
    }
    if (lines[i].trim() !== '') blocks.push({ kind: 'para', text: lines[i], line: i + 1 });
  }
  return blocks;
}

/**
 * A table pasted from a web page as one row per line, cells split by '|' and no Markdown delimiter row
 * (`序号 | 项目内容 | 责任单位 |`). It starts only at a row that reads as a task-table header — page
 * metadata grids (`索引号 | … |`) stay text for the metadata reader — and runs while lines hold a '|'.
 */
function pipeTableEnd(lines: string[], start: number): number {
  const header = lines[start];
  if ((header.match(/\|/g)?.length ?? 0) < 2 || !readHeader(splitPipeRow(header))) return start;
  let end = start + 1;
  // (A bare '|' line, a page break inside the table, is passed over when the table goes on after it.)
  while (end < lines.length && lines[end].includes('|') && (!/^\s*\|?\s*$/.test(lines[end]) || (lines[end + 1] ?? '').includes('|'))) end++;
  return end - start >= 2 ? end : start;
}

/**
 * A row broken across lines by the page: "2 | 交流会 | 北京标准化协会 | 10月14日" / "| 和平里大酒店" — a line that
 * opens with '|' holds the row's remaining cells; a bare '|' line holds none.
 */
function joinContinuedRows(lines: string[]): string[] {
  const rows: string[] = [];
  for (const line of lines) {
    if (/^\s*\|?\s*$/.test(line)) continue;
    if (/^\s*\|/.test(line) && rows.length > 1) rows[rows.length - 1] = `${rows[rows.length - 1].replace(/\s*\|\s*$/, '')} ${line.trim()}`;
    else rows.push(line);
  }
  return rows;
}

const REF_CELL = /^(\d+(\.\d+)*|[一二三四五六七八九十]+)[、.]?$/;

/**
 * Rows of a pasted table lose their merged cells: a row continuing the item above has no 序号 cell, so
 * its cells sit one column left, padded at the end (`新增托位500个 | 新增600个 | ||`). Such a row moves
 * right under the 序号 of the row above, and inherits the other merged cells as the table parser does.
 */
function alignPipeRows(rows: string[][]): string[][] {
  const width = rows[0].length;
  const refFirst = /^(序号|序|编号)$/.test(rows[0][0].replace(/\s/g, ''));
  const aligned: string[][] = [];
  rows.forEach((r, i) => {
    const filled = r.length - [...r].reverse().findIndex((c) => c !== '');
    const continues = i > 1 && refFirst && r[0] !== '' && !REF_CELL.test(r[0]) && filled < width;
    aligned.push(continues ? [aligned[i - 1][0], ...r].slice(0, Math.max(width, r.length)) : r);
  });
  return tidyRows(aligned);
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
