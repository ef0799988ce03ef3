import type { CellLine } from './parse-cell-lines.ts';
import { withoutTrailingPipes } from './table-rows.ts';

/**
 * An indicator table (专栏 主要指标) pasted one cell per line:
 *   指标 / 单位 / 2022年 / 2027年 / 制造业产品质量合格率 / % / 93.5 / 95以上 / 新增省级品牌 / 个 / — / 30
 * Its header holds an indicator column and one or more year columns (the last is the target year);
 * each row is an indicator followed by its cells. Values of the target year become targets.
 */

export interface IndicatorRow {
  metric: string;
  value: number;
  valueText: string;
  unit: string | null;
  qualifier: string | null;
  year: number;
  line: number;
  quote: string;
}

type Col = 'ref' | 'metric' | 'unit' | 'year' | 'other';

const HEADER: Array<[Col, RegExp]> = [
  ['ref', /^(序号|编号)$/],
  ['metric', /^(指标|指标名称|主要指标|具体指标|指标内容)$/],
  ['unit', /^(单位|计量单位)$/],
  ['year', /^((?:19|20)\d{2})\s*年?(?:\s*\(?(?:目标值?|现状值?|基期值?|预期值?|实际值?)\)?)?$|^(目标值?|现状值?|基期值?)\s*\(?((?:19|20)\d{2})\s*年?\)?$/],
  ['other', /^(属性|指标属性|类别|备注|责任单位|牵头单位)$/],
];

const VALUE = /^(?:[≥>≤<]\s*)?(\d+(?:\.\d+)?)\s*(%|‰|个|项|家|件|万件|亿元|万元|分)?\s*(以上|以下|以内|左右)?$/;
const EMPTY = /^[—\-–/无]+$/;

function column(cell: string): { col: Col; year: number | null } | null {
  const t = cell.replace(/\s+/g, '');
  for (const [col, re] of HEADER) {
    const m = re.exec(t);
    if (m) return { col, year: col === 'year' ? Number(m[1] ?? m[4]) : null };
  }
  return null;
}

export function findIndicatorTables(lines: CellLine[]): { rows: IndicatorRow[]; consumed: number[] }[] {
  const out: { rows: IndicatorRow[]; consumed: number[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header: Array<{ col: Col; year: number | null }> = [];
    let j = i;
    for (; j < lines.length && header.length < 8; j++) {
      const c = column(withoutTrailingPipes(lines[j].text.trim()));
      if (!c) break;
      header.push(c);
    }
    const years = header.filter((h) => h.col === 'year');
    if (!header.some((h) => h.col === 'metric') || years.length === 0) continue;
    const targetYear = Math.max(...years.map((y) => y.year!));
    const table = readRows(lines, j, header, targetYear);
    if (table.rows.length) {
      out.push({ rows: table.rows, consumed: [...Array.from({ length: j - i }, (_, k) => i + k), ...table.consumed] });
      i = table.consumed.at(-1) ?? j;
    }
  }
  return out;
}

/**
 * A figure with the unit its row or column gives ("95以上" in % → "95%以上"), unless it writes a unit of its
 * own or the unit is longer than `maxUnit` characters (a rate such as 万元/人 is left as a column label).
 */
function withUnitOf(figure: string, unit: string | null, maxUnit: number): string {
  return VALUE.exec(figure)?.[2] || !unit || unit.length > maxUnit ? figure : figure.replace(/^([≥>≤<]?\s*\d+(?:\.\d+)?)/, `$1${unit}`);
}

function readRows(lines: CellLine[], start: number, header: Array<{ col: Col; year: number | null }>, targetYear: number) {
  const rows: IndicatorRow[] = [];
  const consumed: number[] = [];
  const width = header.length;
  const metricAt = header.findIndex((h) => h.col === 'metric');
  let i = start;
  while (i + width - 1 < lines.length) {
    const cells = lines.slice(i, i + width).map((l) => withoutTrailingPipes(l.text.trim()));
    const metric = cells[metricAt];
    // A row: a name in the indicator column, values (or blanks) under the years.
    const yearCells = header.map((h, k) => (h.col === 'year' ? cells[k] : null)).filter((v): v is string => v !== null);
    if (!metric || VALUE.test(metric) || metric.length > 40 || !yearCells.every((v) => VALUE.test(v) || EMPTY.test(v))) break;
    const unitAt = header.findIndex((h) => h.col === 'unit');
    const k = header.findIndex((h) => h.col === 'year' && h.year === targetYear);
    const m = VALUE.exec(cells[k]);
    if (m) {
      const unit = m[2] ?? (unitAt >= 0 ? cells[unitAt] : null) ?? /\(([^()]{1,4})\)$/.exec(metric)?.[1] ?? null;
      const withUnit = (v: string) => withUnitOf(v, unit, 2);
      const name = metric.replace(/\([^()]{1,4}\)$/, '');
      // The row as a sentence: "制造业产品质量合格率: 2022年 93.5%, 2027年 95%以上".
      const byYear = header.map((h, n) => (h.col === 'year' && !EMPTY.test(cells[n]) ? `${h.year}年 ${withUnit(cells[n])}` : null)).filter(Boolean);
      rows.push({
        metric: name,
        value: Number(m[1]),
        valueText: withUnit(`${m[1]}${m[3] ?? ''}`),
        unit,
        qualifier: m[3] ?? null,
        year: targetYear,
        line: lines[i].line,
        quote: `${name}: ${byYear.join(', ')}`,
      });
    }
    for (let n = 0; n < width; n++) consumed.push(i + n);
    i += width;
  }
  return { rows, consumed };
}

/** A header cell naming the indicator column of a pipe-row table ("具体指标名称", "指标"). */
const PIPE_METRIC = /^(?:具体)?指标(?:名称|内容)?$|^主要指标$/;

/**
 * An indicator table pasted as pipe rows, its merged cells lost so rows do not line up:
 *   序号 | 主要任务 | 具体指标名称 | 2025年 | 属性 |
 *   1 | 经济质量 | 全员劳动生产率(万元/人) | 21 | 预期性 |
 *   2 | 单位地区生产总值能源消耗降低(%) | 13 | 约束性 | |
 * Columns are not trusted: in each row the indicator is the cell before its first figure (a leading 序号
 * aside), and the figure for the target year is the last of the figures under the header's years.
 */
export function findPipeIndicatorTables(lines: CellLine[]): { rows: IndicatorRow[]; consumed: number[] }[] {
  const out: { rows: IndicatorRow[]; consumed: number[] }[] = [];
  const cellsOf = (text: string) => (text.includes('|') ? text.split('|').map((c) => c.trim()).filter(Boolean) : []);
  const headerYears = (cells: string[]) => {
    const cols = cells.map(column);
    if (!cols.some((c) => c?.col === 'metric') && !cells.some((c) => PIPE_METRIC.test(c.replace(/\s+/g, '')))) return null;
    const years = cols.filter((c) => c?.col === 'year').map((c) => c!.year!);
    return years.length ? years : null;
  };
  for (let i = 0; i < lines.length; i++) {
    const years = headerYears(cellsOf(lines[i].text));
    if (!years) continue;
    const targetYear = Math.max(...years);
    const rows: IndicatorRow[] = [];
    const consumed = [i];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const cells = cellsOf(lines[j].text);
      if (cells.length < 2) break;
      // (The header again after a page break.)
      if (headerYears(cells)) {
        consumed.push(j);
        continue;
      }
      const row = pipeRow(cells, years.length, targetYear, lines[j]);
      if (!row) break;
      if (row !== 'blank') rows.push(row);
      consumed.push(j);
    }
    if (rows.length) out.push({ rows, consumed });
    i = j - 1;
  }
  return out;
}

function pipeRow(cells: string[], yearColumns: number, year: number, line: CellLine): IndicatorRow | 'blank' | null {
  const isFigure = (c: string) => VALUE.test(c.replace(/\s+/g, ''));
  // (A leading 序号 is no figure.)
  const from = /^\d{1,3}$/.test(cells[0]) && cells.slice(1).some(isFigure) ? 1 : 0;
  const first = cells.findIndex((c, k) => k >= from && isFigure(c));
  if (first < 0) return cells.slice(from).every((c) => EMPTY.test(c)) ? 'blank' : null;
  const metric = cells[first - 1];
  if (!metric || first - 1 < from || !/[\u4e00-\u9fff]{2}/.test(metric) || metric.length > 60) return null;
  const figures = cells.slice(first).filter((c) => isFigure(c) || EMPTY.test(c)).slice(0, yearColumns);
  const notes = cells.slice(first).filter((c) => !isFigure(c) && !EMPTY.test(c) && /[\u4e00-\u9fff]/.test(c));
  const last = figures.at(-1)!;
  const m = VALUE.exec(last.replace(/\s+/g, ''));
  if (!m) return 'blank';
  const unit = m[2] ?? /\(([^()]{1,6})\)$/.exec(metric)?.[1] ?? null;
  const name = metric.replace(/\s+/g, '').replace(/\([^()]{1,6}\)$/, '');
  const shown = last.replace(/\s+/g, '');
  const valueText = withUnitOf(shown, unit, 4);
  return {
    metric: name,
    value: Number(m[1]),
    valueText,
    unit,
    qualifier: m[3] ?? (/^[≥>]/.test(shown) ? '以上' : /^[≤<]/.test(shown) ? '以内' : null),
    year,
    line: line.line,
    // (With the row's words after its figures — its 属性 or note: "…: 2025年 13%(约束性)".)
    quote: `${name}: ${year}年 ${valueText}${notes.length ? `(${notes.join(', ')})` : ''}`,
  };
}
