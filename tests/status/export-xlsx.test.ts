import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  DEPARTMENT_SHEET,
  EXCEL_CELL_LIMIT,
  NO_UNIT,
  TASK_HEADER,
  TASK_SHEET,
  exportTasksXlsx,
  formatDeadline,
  type ExportRow,
} from '../../src/status/export-xlsx.ts';

// 明州市 is fictional; 17:00 UTC on the 22nd is already the 23rd in Asia/Shanghai.
const AS_OF = new Date('2026-11-22T17:00:00Z');

function task(over: Partial<ExportRow>): ExportRow {
  return {
    city: '明州市', file: 'mingzhou.docx', ref: null, text: '任务', lead: [], units: [], partners: [],
    deadline: null, status: '未开始', light: 'yellow', percent: null, lastReport: null, ...over,
  };
}

const ROWS: ExportRow[] = [
  task({
    ref: '1.4.3', text: '建立企业首席质量官制度，推动规模以上工业企业全覆盖。',
    lead: ['市市场监管局'], units: ['市市场监管局', '市工信局'], partners: ['市商务局', '市国资委'],
    deadline: '2013-12', status: '逾期', light: 'red', percent: 60,
    lastReport: { at: '2026-11-20T06:05:00Z', by: '王芳', department: '市工信局', text: '已完成制度初稿，正在征求意见。' },
  }),
  task({
    ref: '2', text: '开展质量品牌提升行动。', lead: ['市工信局'], units: ['市工信局'],
    deadline: '2026-12-31', status: '已完成', light: 'green', percent: 100,
  }),
  task({
    ref: '(三)', text: '加强计量基础设施建设。', lead: ['市市场监管局'], units: ['市市场监管局'],
    status: '推进中', light: 'yellow',
    lastReport: { at: '2026-11-22T16:30:00Z', by: '李强', department: '', text: '计量所选址已定。' },
  }),
  task({ text: '完善质量奖励制度。', status: '未开始', light: 'yellow' }),
];

async function exportAndLoad(rows: ExportRow[], title?: string): Promise<ExcelJS.Workbook> {
  const buffer = await exportTasksXlsx(rows, { asOf: AS_OF, title });
  const workbook = new ExcelJS.Workbook();
  // exceljs types predate Buffer<ArrayBufferLike>; the runtime accepts any Buffer.
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function rowValues(sheet: ExcelJS.Worksheet, r: number, columns: number): unknown[] {
  const row = sheet.getRow(r);
  return Array.from({ length: columns }, (_, i) => row.getCell(i + 1).value ?? '');
}

describe('exportTasksXlsx', () => {
  it('writes the task sheet: title, header, one formatted row per task', async () => {
    const workbook = await exportAndLoad(ROWS);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([TASK_SHEET, DEPARTMENT_SHEET]);
    const sheet = workbook.getWorksheet('任务督办')!;

    expect(sheet.getCell('A1').value).toBe('质量强市任务督办表（截至2026年11月23日）');
    expect(sheet.getCell('L1').isMerged).toBe(true);
    expect(sheet.getCell('L1').master.address).toBe('A1');

    expect(rowValues(sheet, 2, 12)).toEqual([
      '城市', '编号', '任务', '牵头单位', '责任单位', '配合单位', '完成时限', '状态', '进度', '最新进展', '进展时间', '报告人',
    ]);
    expect(rowValues(sheet, 3, 12)).toEqual([
      '明州市', '1.4.3', '建立企业首席质量官制度，推动规模以上工业企业全覆盖。', '市市场监管局', '市市场监管局、市工信局',
      '市商务局、市国资委', '2013年12月', '逾期', 0.6, '已完成制度初稿，正在征求意见。', '2026-11-20 14:05', '王芳（市工信局）',
    ]);
    expect(sheet.getCell('I3').numFmt).toBe('0%');
    expect(rowValues(sheet, 4, 12)).toEqual([
      '明州市', '2', '开展质量品牌提升行动。', '市工信局', '市工信局', '', '2026年12月31日', '已完成', 1, '', '', '',
    ]);
    expect(rowValues(sheet, 5, 12)).toEqual([
      '明州市', '(三)', '加强计量基础设施建设。', '市市场监管局', '市市场监管局', '', '', '推进中', '',
      '计量所选址已定。', '2026-11-23 00:30', '李强',
    ]);
    expect(rowValues(sheet, 6, 12)).toEqual(['明州市', '', '完善质量奖励制度。', '', '', '', '', '未开始', '', '', '', '']);
    expect(sheet.rowCount).toBe(6);
  });

  it('colours the status cell by light and wraps the long-text columns', async () => {
    const sheet = (await exportAndLoad(ROWS)).getWorksheet(TASK_SHEET)!;
    const fillOf = (address: string) => (sheet.getCell(address).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fillOf('H3')).toBe('FFFFC7CE'); // red
    expect(fillOf('H4')).toBe('FFC6EFCE'); // green
    expect(fillOf('H5')).toBe('FFFFEB9C'); // yellow
    expect(sheet.getCell('C3').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('J3').alignment?.wrapText).toBe(true);
    expect(sheet.getColumn(3).width).toBeGreaterThan(sheet.getColumn(1).width!);
  });

  it('freezes title and header and puts the autofilter on the header row', async () => {
    const sheet = (await exportAndLoad(ROWS)).getWorksheet(TASK_SHEET)!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 0, ySplit: 2 });
    expect(sheet.autoFilter).toBe('A2:L6');
  });

  it('counts each task once per responsible unit on the department sheet', async () => {
    const sheet = (await exportAndLoad(ROWS)).getWorksheet(DEPARTMENT_SHEET)!;
    expect(rowValues(sheet, 1, 7)).toEqual(['部门', '任务数', '已完成', '推进中', '逾期', '未开始', '完成率']);
    const rows = [2, 3, 4].map((r) => rowValues(sheet, r, 7));
    expect(rows).toEqual([
      ['市工信局', 2, 1, 0, 1, 0, 0.5],
      ['市市场监管局', 2, 0, 1, 1, 0, 0],
      [NO_UNIT, 1, 0, 0, 0, 1, 0],
    ]);
    expect(sheet.getCell('G2').numFmt).toBe('0%');
    expect(sheet.rowCount).toBe(4);
    expect(sheet.autoFilter).toBe('A1:G4');
  });

  it('keeps same-named departments of different cities apart', async () => {
    const other = task({ city: '清江市', units: ['市工信局'], lead: ['市工信局'], status: '已完成', light: 'green' });
    const sheet = (await exportAndLoad([ROWS[1], other])).getWorksheet(DEPARTMENT_SHEET)!;
    expect(rowValues(sheet, 1, 8)).toEqual(['城市', '部门', '任务数', '已完成', '推进中', '逾期', '未开始', '完成率']);
    expect(rowValues(sheet, 2, 3)).toEqual(['明州市', '市工信局', 1]);
    expect(rowValues(sheet, 3, 3)).toEqual(['清江市', '市工信局', 1]);
  });

  it('counts one department once however it is written (the rule without a registry: 市 stripped)', async () => {
    const short = task({ ref: '9', units: ['工信局'], status: '推进中', light: 'green' });
    const both = task({ ref: '10', lead: ['市工信局'], units: ['市工信局', '工信局'], status: '未开始' });
    const sheet = (await exportAndLoad([ROWS[1], short, both])).getWorksheet(DEPARTMENT_SHEET)!;
    expect(sheet.rowCount).toBe(2);
    expect(rowValues(sheet, 2, 7)).toEqual(['市工信局', 3, 1, 1, 0, 1, 1 / 3]);
  });

  it('counts by the departments the rows carry (set from the knowledge base by exportRowOf)', async () => {
    const ref = (name: string) => ({ key: '明州市/质量技术监督局', body: '质量技术监督局', city: '明州市', name });
    const rows = [
      task({ units: ['市质监局'], departments: [ref('市质监局')], status: '已完成', light: 'green' }),
      task({ units: ['质监'], departments: [ref('市质监局')] }),
    ];
    const sheet = (await exportAndLoad(rows)).getWorksheet(DEPARTMENT_SHEET)!;
    expect(sheet.rowCount).toBe(2);
    expect(rowValues(sheet, 2, 7)).toEqual(['市质监局', 2, 1, 0, 0, 1, 0.5]);
  });

  it('exports the title and header alone when there are no tasks', async () => {
    const workbook = await exportAndLoad([], '明州市质量强市督办表');
    const sheet = workbook.getWorksheet(TASK_SHEET)!;
    expect(sheet.getCell('A1').value).toBe('明州市质量强市督办表（截至2026年11月23日）');
    expect(sheet.getCell('A2').value).toBe(TASK_HEADER[0]);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.autoFilter).toBe('A2:L2');
    expect(workbook.getWorksheet(DEPARTMENT_SHEET)!.rowCount).toBe(1);
  });

  it("cuts text at Excel's cell limit without splitting a character, and drops XML-illegal characters", async () => {
    const long = `${'质'.repeat(EXCEL_CELL_LIMIT - 2)}😀😀`; // the first emoji straddles the limit
    const row = task({ text: long, lastReport: { at: 'not a date', by: '王芳', department: '市工信局', text: '进展\u0001说明' } });
    const sheet = (await exportAndLoad([row])).getWorksheet(TASK_SHEET)!;
    const text = sheet.getCell('C3').value as string;
    expect(text.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    expect(text.endsWith('质…')).toBe(true);
    expect(sheet.getCell('J3').value).toBe('进展说明');
    expect(sheet.getCell('K3').value).toBe('not a date');
    expect(sheet.getRow(3).height).toBeLessThanOrEqual(409);
  });
});

describe('formatDeadline', () => {
  it('writes months and days the Chinese way and passes anything else through', () => {
    expect(formatDeadline('2013-12')).toBe('2013年12月');
    expect(formatDeadline('2013-12-31')).toBe('2013年12月31日');
    expect(formatDeadline('2026-03-05')).toBe('2026年3月5日');
    expect(formatDeadline('长期')).toBe('长期');
    expect(formatDeadline(null)).toBe('');
  });
});
