import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { guessDelimiter } from '../../src/ingest/load-csv.ts';
import { loadPlanFile } from '../../src/ingest/load-plan-file.ts';
import { HEADER, makeXlsx, noise, TABLE_CAPTION, TASKS } from './load-fixtures.ts';
import { expectFailure, loadOk, tempDir } from './load-helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('xlsx', () => {
  it('gives one table per visible sheet with merges, dates, formulas and rich text resolved', async () => {
    const doc = await loadOk(tmp.write('任务分解表.XLSX', await makeXlsx()));
    expect(doc.format).toBe('xlsx');
    // The hidden 下拉选项 sheet and the empty 空表 sheet produce nothing.
    expect(doc.blocks).toEqual([
      {
        kind: 'table',
        name: '任务分解表',
        rows: [
          [TABLE_CAPTION, '', '', '', '', '', ''],
          [...HEADER, '完成率'],
          [...TASKS[0].slice(0, 5), '2025年12月31日', '95.5%'],
          [...TASKS[1].slice(0, 5), '2025年12月', '进展顺利'],
          [...TASKS[2], ''],
        ],
      },
    ]);
  });

  it('repeats a block merge down its first column and blanks the rest', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.getCell('B2').value = '市市场监管局';
    ws.getCell('D2').value = 0.1 + 0.2;
    ws.getCell('D3').value = true;
    ws.mergeCells('B2:C3');
    const doc = await loadOk(tmp.write('block.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(doc.blocks).toEqual([
      {
        kind: 'table',
        name: 'Sheet1',
        rows: [
          ['市市场监管局', '', '0.3'],
          ['市市场监管局', '', 'TRUE'],
        ],
      },
    ]);
  });

  it('reports corrupt and empty workbooks', async () => {
    const bad = expectFailure(await loadPlanFile(tmp.write('bad.xlsx', noise(4096))));
    expect(bad.code).toBe('corrupt');
    expect(bad.message).toMatch(/^bad\.xlsx: 文件已损坏.*\(corrupt \.xlsx: /);
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), noise(512)]);
    const legacy = expectFailure(await loadPlanFile(tmp.write('old.xlsx', ole)));
    expect(legacy).toMatchObject({ code: 'unsupported' });
    expect(legacy.message).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('空');
    const empty = Buffer.from(await wb.xlsx.writeBuffer());
    expect(expectFailure(await loadPlanFile(tmp.write('empty.xlsx', empty))).code).toBe('no-text');
  });
});

describe('csv', () => {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const csv = [HEADER, ...TASKS, ['4', '质量基础', '计量', '新建标准10项,力争15项', '市市场监管局', '']]
    .map((r) => r.map(quote).join(','))
    .join('\r\n');

  it('reads a GBK CSV exported from Excel, quoted commas included', async () => {
    const doc = await loadOk(tmp.write('分解表.csv', iconv.encode(csv + '\r\n\r\n', 'gbk')));
    expect(doc).toMatchObject({ format: 'csv', encoding: 'gb18030' });
    expect(doc.blocks).toEqual([
      {
        kind: 'table',
        rows: [HEADER, ...TASKS, ['4', '质量基础', '计量', '新建标准10项,力争15项', '市市场监管局', '']],
      },
    ]);
  });

  it('detects tab and semicolon delimiters and tolerates ragged rows', async () => {
    const tsv = ['序号\t目标项目\t责任单位', '1\t标准化, 计量\t市市场监管局', '2\t品牌建设'].join('\n');
    const doc = await loadOk(tmp.write('tab.csv', tsv));
    expect(doc.blocks).toEqual([
      {
        kind: 'table',
        rows: [
          ['序号', '目标项目', '责任单位'],
          ['1', '标准化, 计量', '市市场监管局'],
          ['2', '品牌建设', ''],
        ],
      },
    ]);
    expect(guessDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(guessDelimiter('序号,名称\n1,甲\n')).toBe(',');
  });

  it('reports an empty CSV and one with an unterminated quote', async () => {
    expect(expectFailure(await loadPlanFile(tmp.write('e.csv', '\r\n'))).code).toBe('empty');
    const broken = expectFailure(await loadPlanFile(tmp.write('q.csv', '序号,名称\n1,"未闭合\n2,乙')));
    expect(broken.code).toBe('corrupt');
    expect(broken.message).toMatch(/^q\.csv: CSV 格式错误/);
  });
});
