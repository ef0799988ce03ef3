import ExcelJS from 'exceljs';
import { LoadError, type LoadedDocument, type TableBlock } from './document.ts';
import { oneLine } from './load-errors.ts';
import { tidyRows } from './table-rows.ts';

type Cell = ExcelJS.Cell;
type CellValue = ExcelJS.CellValue;

/**
 * Excel task breakdown tables: one TableBlock per visible, non-empty sheet. Merged cells follow the
 * same rule as HTML tables — a vertical merge repeats its value down the column (the merged
 * 责任单位 applies to each row), a horizontal merge leaves '' in the columns it swallows.
 */
export async function loadXlsx(file: string, bytes: Buffer): Promise<LoadedDocument> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types predate Buffer<ArrayBufferLike>; the runtime accepts any Buffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new LoadError('corrupt', `文件已损坏或不是有效的 Excel 文件，无法读取 (corrupt .xlsx: ${oneLine(err)})`);
  }
  const blocks: TableBlock[] = [];
  workbook.eachSheet((sheet) => {
    // Hidden sheets hold dropdown lists and scratch data, not the plan.
    if (sheet.state !== 'visible') return;
    const rows = tidyRows(sheetRows(sheet));
    if (rows.length > 0) blocks.push({ kind: 'table', rows, name: sheet.name });
  });
  return { file, format: 'xlsx', blocks };
}

function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

function cellText(cell: Cell): string {
  if (cell.isMerged && cell.master !== cell) {
    return cell.master.col === cell.col ? cellText(cell.master) : '';
  }
  return displayValue(cell.value, cell.numFmt ?? '').trim();
}

function displayValue(value: CellValue, numFmt: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDate(value, numFmt);
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    return isResult(result) ? displayValue(result, numFmt) : '';
  }
  if ('hyperlink' in value) return displayValue(value.text as CellValue, numFmt);
  if ('error' in value) return String(value.error);
  return '';
}

function isResult(v: unknown): v is CellValue {
  return v !== undefined && v !== null && (typeof v !== 'object' || v instanceof Date || 'error' in v);
}

/** Excel keeps 15 significant digits; anything past that is binary floating-point noise. */
function formatNumber(n: number, numFmt: string): string {
  const clean = (x: number) => String(Number(x.toPrecision(15)));
  return /%/.test(stripLiterals(numFmt)) ? `${clean(n * 100)}%` : clean(n);
}

/**
 * exceljs gives dates as UTC midnight. A format without a day token (yyyy"年"m"月") means the plan
 * states a month, and inventing "1日" would change the deadline people read.
 */
function formatDate(d: Date, numFmt: string): string {
  const ym = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`;
  const fmt = stripLiterals(numFmt).toLowerCase();
  const monthOnly = /[ym]/.test(fmt) && !/d/.test(fmt);
  return monthOnly ? ym : `${ym}${d.getUTCDate()}日`;
}

function stripLiterals(numFmt: string): string {
  return numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
}
