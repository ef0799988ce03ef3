import { readHeader } from './parse-task-table.ts';
import { TRAILING_DEADLINE } from './parse-dates.ts';

/**
 * A task table whose cells were flattened onto one line when the page was copied:
 * "序号 目标类别 目标项目 目标内容 责任单位 完成时限 1 加强… 1.1、提炼… 1.1.1、通过…。 质量强市办 2013年6月 1.1.2、…".
 * Rows are recovered from their hierarchical item numbers (1.1.1、); the text between two row numbers
 * holds the row's content, then its owner cell and deadline cell (either may be blank — a merged cell),
 * then possibly the next group's 目标项目 (1.2、…) and a repeated 目标类别 ("1 加强…") cell.
 */

const MAX_HEADER_TOKENS = 10;

/** The header tokens when a line starts like a flattened task table, else null. */
export function flattenedHeader(line: string): string[] | null {
  const tokens = line.trim().split(/\s+/).slice(0, MAX_HEADER_TOKENS);
  const end = tokens.findIndex((t) => /^\d/.test(t));
  const header = end < 0 ? tokens : tokens.slice(0, end);
  if (header.length < 3 || !/^序号$/.test(header[0])) return null;
  return readHeader(header) ? header : null;
}

/** Rows in the standard column order 序号 | 目标类别 | 目标项目 | 目标内容 | 责任单位 | 完成时限. */
export const FLAT_COLUMNS = ['序号', '目标类别', '目标项目', '目标内容', '责任单位', '完成时限'];

export function parseFlattenedTable(line: string): string[][] | null {
  const header = flattenedHeader(line);
  if (!header) return null;
  let body = line.trim().split(/\s+/).slice(header.length).join(' ');
  body = removeRepeatedHeaders(body, header);
  const depth = rowDepth(body);
  if (depth < 2) return null;
  const rowStart = new RegExp(`(?<![\\d.])(\\d+(?:\\.\\d+){${depth - 1}})\\s*、`, 'g');
  const starts = [...body.matchAll(rowStart)];
  if (starts.length === 0) return null;
  const rows: string[][] = [FLAT_COLUMNS];
  let { category, project } = groupCells(body.slice(0, starts[0].index), depth);
  starts.forEach((m, i) => {
    const segEnd = i + 1 < starts.length ? starts[i + 1].index : body.length;
    const segment = body.slice(m.index + m[0].length, segEnd);
    const next = splitTrailingGroup(segment, depth);
    const { content, owners, deadline } = splitRowCells(next.row);
    rows.push([m[1], category, project, content, owners, deadline]);
    category = next.category;
    project = next.project;
  });
  return rows;
}

function removeRepeatedHeaders(body: string, header: string[]): string {
  return body.split(header.join(' ')).join(' ');
}

/** Depth of the row item numbers: the most dots in any "a.b.c、" number, plus one. */
function rowDepth(body: string): number {
  let depth = 0;
  for (const m of body.matchAll(/(?<![\d.])(\d+(?:\.\d+)+)\s*、/g)) {
    depth = Math.max(depth, m[1].split('.').length);
  }
  return depth;
}

const groupRe = (depth: number) => new RegExp(`(?:^|\\s)(\\d+(?:\\.\\d+){${depth - 2}})\\s*、\\s*(\\S[^]*)$`);
const CATEGORY_AT_END = /(?:^|\s)(\d{1,2})\s+([^\s\d][^\s]*)\s*$/;

/** The category/project cells that open a group ("1 加强… 1.1、提炼…"), each '' when absent. */
function groupCells(text: string, depth: number): { category: string; project: string } {
  let rest = text.trim();
  let project = '';
  const g = groupRe(depth).exec(rest);
  if (g) {
    project = `${g[1]}、${g[2].trim()}`;
    rest = rest.slice(0, g.index);
  }
  const c = CATEGORY_AT_END.exec(rest) ?? /^(\d{1,2})\s+(\S+)$/.exec(rest);
  return { category: c ? `${c[1]} ${c[2]}` : '', project };
}

/** Cuts a following group's cells off the end of a row segment. */
function splitTrailingGroup(segment: string, depth: number): { row: string; category: string; project: string } {
  const g = groupRe(depth).exec(segment);
  if (!g) return { row: segment.trim(), category: '', project: '' };
  let row = segment.slice(0, g.index);
  let category = '';
  const c = CATEGORY_AT_END.exec(row);
  if (c && looksLikeCategory(c[2])) {
    category = `${c[1]} ${c[2]}`;
    row = row.slice(0, c.index);
  }
  return { row: row.trim(), category, project: `${g[1]}、${g[2].trim()}` };
}

function looksLikeCategory(s: string): boolean {
  return s.length >= 4 && !/[、,。]/.test(s) && !/\d{4}年/.test(s);
}

/** Splits "content。 owners deadline" into its three cells; blank cells come back as ''. */
export function splitRowCells(row: string): { content: string; owners: string; deadline: string } {
  let rest = row.trim();
  let deadline = '';
  const d = TRAILING_DEADLINE.exec(rest);
  if (d) {
    deadline = d[1];
    rest = rest.slice(0, d.index).trim();
  }
  const end = Math.max(rest.lastIndexOf('。'), rest.lastIndexOf(';'));
  if (end >= 0 && end < rest.length - 1) {
    return { content: rest.slice(0, end + 1).trim(), owners: rest.slice(end + 1).trim(), deadline };
  }
  if (end === rest.length - 1) return { content: rest, owners: '', deadline };
  // No sentence end: the owner cell is the last space-separated run that reads as department names.
  const sp = rest.lastIndexOf(' ');
  if (sp > 0 && looksLikeOwners(rest.slice(sp + 1))) {
    return { content: rest.slice(0, sp).trim(), owners: rest.slice(sp + 1).trim(), deadline };
  }
  return { content: rest, owners: '', deadline };
}

function looksLikeOwners(s: string): boolean {
  return s.split(/[、,]/).every((n) => /(局|委|办|会|府|队|行|关|部|单位|中心|小组)$|牵头|参加|配合/.test(n));
}
