import ExcelJS from 'exceljs';
import { countByDepartment, departmentsOf, type DepartmentRef } from './departments.ts';

/**
 * The coordinators' Excel export: one row per task with its status, plus a per-department summary.
 * Pure in → bytes out: the caller gathers the rows (plan tasks joined with their latest report) and
 * passes the clock's `asOf`; nothing here reads the store, the clock or the environment.
 */

export type ExportStatus = '未开始' | '推进中' | '已完成' | '逾期';
export type ExportLight = 'red' | 'yellow' | 'green';

export interface ExportRow {
  city: string;
  file: string;
  ref: string | null;
  text: string;
  lead: string[];
  units: string[];
  partners: string[];
  /** "YYYY-MM" or "YYYY-MM-DD", as on `Task.deadline`. */
  deadline: string | null;
  status: ExportStatus;
  light: ExportLight;
  /** 0–100. */
  percent: number | null;
  lastReport: { at: string /* ISO */; by: string; department: string; text: string } | null;
  /**
   * The responsible departments by the one counting rule (`departmentsOf` over the knowledge base, as
   * `exportRowOf` sets them): 质监局 and 市质监局 are one. Without it, lead ∪ units by the same rule
   * with no registry (city and 市 stripped, no aliases).
   */
  departments?: DepartmentRef[];
}

export interface ExportOptions {
  /** The moment the export describes; shown in the title, in Asia/Shanghai. */
  asOf: Date;
  /** Replaces "质量强市任务督办表"; the "（截至…）" suffix is always added. */
  title?: string;
}

export interface DepartmentSummary {
  /** Set only when the rows span more than one city: "市市场监管局" of two cities are two departments. */
  city: string | null;
  department: string;
  total: number;
  done: number;
  inProgress: number;
  overdue: number;
  notStarted: number;
  /** done / total. */
  rate: number;
}

export const TASK_SHEET = '任务督办';
export const DEPARTMENT_SHEET = '按部门';
export const DEFAULT_TITLE = '质量强市任务督办表';
export const TASK_HEADER = [
  '城市', '编号', '任务', '牵头单位', '责任单位', '配合单位',
  '完成时限', '状态', '进度', '最新进展', '进展时间', '报告人',
] as const;
/** Tasks whose responsible unit the plan leaves blank still count somewhere on the summary. */
export const NO_UNIT = '未明确责任单位';
/** Excel refuses (and "repairs" away) any cell longer than this many UTF-16 code units. */
export const EXCEL_CELL_LIMIT = 32_767;

const TIME_ZONE = 'Asia/Shanghai';
const WIDTHS = [10, 8, 50, 16, 20, 20, 14, 8, 8, 40, 17, 18];
/** 0-based columns whose text wraps and drives the row height. */
const WRAPPED = new Set([2, 3, 4, 5, 9]);
// Excel's own "Good / Neutral / Bad" cell styles, so the colours read as familiar.
const LIGHTS: Record<ExportLight, { fill: string; font: string }> = {
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  yellow: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  green: { fill: 'FFC6EFCE', font: 'FF006100' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const LINE_HEIGHT = 15;
const MAX_ROW_HEIGHT = 409; // points; Excel's ceiling

export async function exportTasksXlsx(rows: ExportRow[], opts: ExportOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'duban';
  // Fixed timestamps keep the bytes a function of the input.
  workbook.created = opts.asOf;
  workbook.modified = opts.asOf;
  const title = `${opts.title ?? DEFAULT_TITLE}（截至${formatDay(opts.asOf)}）`;
  addTaskSheet(workbook, rows, title);
  addDepartmentSheet(workbook, summarizeByDepartment(rows));
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}

function addTaskSheet(workbook: ExcelJS.Workbook, rows: ExportRow[], title: string): void {
  const sheet = workbook.addWorksheet(TASK_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.pageSetup.printTitlesRow = '1:2';
  WIDTHS.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  addTitleRow(sheet, title, TASK_HEADER.length);
  addHeaderRow(sheet, [...TASK_HEADER]);
  for (const row of rows) addTaskRow(sheet, row);
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: Math.max(2, sheet.rowCount), column: TASK_HEADER.length } };
}

function addTitleRow(sheet: ExcelJS.Worksheet, title: string, columns: number): void {
  const row = sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, columns);
  row.height = 28;
  row.getCell(1).font = { bold: true, size: 14 };
  row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
}

function addHeaderRow(sheet: ExcelJS.Worksheet, header: string[]): void {
  const row = sheet.addRow(header);
  row.height = 20;
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.border = { bottom: { style: 'thin' } };
  });
}

function addTaskRow(sheet: ExcelJS.Worksheet, task: ExportRow): void {
  const report = task.lastReport;
  const values = [
    task.city, task.ref ?? '', task.text, joinNames(task.lead), joinNames(task.units), joinNames(task.partners),
    formatDeadline(task.deadline), task.status, '', report?.text ?? '',
    report ? formatMinute(report.at) : '', report ? reporter(report.by, report.department) : '',
  ].map(cellText);
  const row = sheet.addRow(values);
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cell.alignment = { vertical: 'top', wrapText: WRAPPED.has(col - 1) };
  });
  // A number with a percent format, so 进度 sorts and filters as a number yet reads "60%".
  const percent = row.getCell(9);
  if (task.percent !== null && Number.isFinite(task.percent)) {
    percent.value = task.percent / 100;
    percent.numFmt = '0%';
  }
  const light = LIGHTS[task.light];
  const status = row.getCell(8);
  status.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: light.fill } };
  status.font = { color: { argb: light.font } };
  status.alignment = { horizontal: 'center', vertical: 'top' };
  row.height = estimateHeight(values);
}

/**
 * Excel does not re-fit row heights of a generated file on open, so wrapped cells would show one line.
 * Estimate the lines per wrapped cell (CJK characters are two width units) and size the row for the tallest.
 */
function estimateHeight(values: string[]): number {
  let lines = 1;
  for (const col of WRAPPED) {
    const width = WIDTHS[col];
    const cellLines = values[col].split('\n').reduce((n, para) => n + Math.max(1, Math.ceil(displayWidth(para) / width)), 0);
    lines = Math.max(lines, cellLines);
  }
  return Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT);
}

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0x2e7f ? 2 : 1;
  return width;
}

/**
 * Counts each task once per responsible department by the one rule (`countByDepartment`, the chart's
 * and the summary's too): 质监局 and 市质监局 one row; the same name in two cities two rows.
 */
export function summarizeByDepartment(rows: ExportRow[]): DepartmentSummary[] {
  const counts = countByDepartment(rows, {
    departmentsOf: (row) => row.departments ?? departmentsOf(null, [...row.lead, ...row.units], row.file, row.city),
    stateOf: (row) => row.status,
    unassigned: { name: NO_UNIT, cityOf: (row) => row.city },
  });
  const multiCity = new Set(counts.map((c) => c.city)).size > 1;
  return counts.map((c) => ({
    city: multiCity ? c.city : null, department: c.name, total: c.total, done: c.done, inProgress: c.inProgress,
    overdue: c.overdue, notStarted: c.notStarted, rate: c.total ? c.done / c.total : 0,
  }));
}

function addDepartmentSheet(workbook: ExcelJS.Workbook, summary: DepartmentSummary[]): void {
  const sheet = workbook.addWorksheet(DEPARTMENT_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const withCity = summary.some((s) => s.city !== null);
  const header = [...(withCity ? ['城市'] : []), '部门', '任务数', '已完成', '推进中', '逾期', '未开始', '完成率'];
  addHeaderRow(sheet, header);
  header.forEach((name, i) => (sheet.getColumn(i + 1).width = name === '部门' ? 28 : name === '城市' ? 10 : 9));
  for (const s of summary) {
    const row = sheet.addRow([
      ...(withCity ? [cellText(s.city ?? '')] : []),
      cellText(s.department), s.total, s.done, s.inProgress, s.overdue, s.notStarted, s.rate,
    ]);
    row.getCell(header.length).numFmt = '0%';
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rowCount), column: header.length } };
}

// ---------------------------------------------------------------- formatting

const joinNames = (names: string[]) => names.join('、');

const reporter = (by: string, department: string) => (department ? `${by}（${department}）` : by);

/** "2013-12" → "2013年12月", "2013-12-31" → "2013年12月31日"; anything else is shown as given. */
export function formatDeadline(deadline: string | null): string {
  if (!deadline) return '';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(deadline);
  if (!m) return deadline;
  const month = `${m[1]}年${Number(m[2])}月`;
  return m[3] ? `${month}${Number(m[3])}日` : month;
}

function shanghaiParts(date: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

function formatDay(date: Date): string {
  const p = shanghaiParts(date);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}

/** ISO instant → "2026-11-20 14:05" in Asia/Shanghai; an unparseable value is shown as given. */
export function formatMinute(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = shanghaiParts(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * Text safe for a cell: no characters XML 1.0 forbids (they corrupt the file), no lone surrogates, and at
 * most EXCEL_CELL_LIMIT code units — longer text is cut, without splitting a surrogate pair, and ends in "…".
 */
export function cellText(text: string): string {
  const clean = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  if (clean.length <= EXCEL_CELL_LIMIT) return clean;
  let end = EXCEL_CELL_LIMIT - 1;
  if (/[\uD800-\uDBFF]/.test(clean[end - 1])) end -= 1;
  return `${clean.slice(0, end)}…`;
}
