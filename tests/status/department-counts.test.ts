import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { summary, supervision, type ProgressContext } from '../../src/chat/progress-commands.ts';
import { runCli } from '../../src/cli.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase, type KnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { countItemsByDepartment, departmentKeyOf, departmentOf } from '../../src/status/departments.ts';
import { DEPARTMENT_SHEET, exportTasksXlsx } from '../../src/status/export-xlsx.ts';
import { ProgressStore, taskKey, type ProgressReport } from '../../src/status/progress.ts';
import type { ChartRow } from '../../src/status/render-chart.ts';
import { byDepartment, departmentChartRows, exportRowOf, statusEntries, type StatusEntry } from '../../src/status/summarize.ts';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { PROJECT_ROOT } from '../helpers/seeds.ts';

/**
 * One department, one count: 明州's plan writes the same body as 市质监局 and as 质监局 (and both in one
 * cell); the chart, the 按部门 sheet, the chat summary, the 督办单, `duban status --json` and the
 * digest count it as ONE department with the summed count, under one name. 市场监管局 of 明州 and of
 * 清江 stay two departments.
 */

// The chart's PNG cannot be read back; the rows the chat hands to the renderer are the chart data.
const charted: ChartRow[][] = [];
vi.mock('../../src/status/render-chart.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/status/render-chart.ts')>()),
  renderStatusChart: vi.fn(async (rows: ChartRow[]) => {
    charted.push(rows);
    return Buffer.from('png');
  }),
}));

const plan = (city: string, rows: string[]) => `${city}市人民政府关于印发《${city}市质量强市工作方案》的通知

${city}市质量强市工作方案

附件

${city}市质量强市工作任务分解表

| 序号 | 任务 | 责任单位 | 完成时限 |
|---|---|---|---|
${rows.join('\n')}
`;

const MINGZHOU = '明州市质量强市工作方案.md';
const QINGJIANG = '清江市质量强市工作方案.md';
const PLANS: Record<string, string> = {
  [MINGZHOU]: plan('明州', [
    '| 1.1.1 | 建立质量信用档案 | 市质监局 | 2026年6月 |', //                  逾期
    '| 1.1.2 | 开展计量器具检定 | 质监局 | 2026年12月 |', //                    已完成 (reported by 市质监局)
    '| 1.1.3 | 推进地方标准制定 | 市质监局、市场监管局 | 2027年6月 |', //      未开始
    '| 1.2.1 | 加强质量执法检查 | 市市场监管局牵头，质监局参加 | 2026年12月 |', // 推进中 (coordinator)
    '| 1.2.2 | 开展质量提升培训 | 市质监局、质监局 | 2027年6月 |', //          未开始, one body written twice
  ]),
  [QINGJIANG]: plan('清江', [
    '| 1.1.1 | 建立质量信用档案 | 市市场监管局 | 2026年6月 |', //  逾期
    '| 1.1.2 | 推进地方标准制定 | 市场监管局 | 2027年6月 |', //    未开始
  ]),
};
const TODAY = '2026-11-23';
const NOW = new Date('2026-11-23T10:00:00+08:00');

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'duban-dept-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

let plansDir: string;
let kb: KnowledgeBase;
let store: Store;
let progress: ProgressStore;
let entries: StatusEntry[];
let engine: AnswerEngine | undefined;

function report(kb: KnowledgeBase, file: string, ref: string, over: Partial<ProgressReport>): ProgressReport {
  const task = kb.tasks.find((t) => t.file === file && t.ref === ref && t.origin === 'table')!;
  return { task: taskKey(task), file, ref, state: '推进中', percent: null, text: '', reporter: { id: 'u', name: '张三' }, department: '协调员', at: '2026-11-20T02:00:00Z', ...over };
}

beforeAll(async () => {
  plansDir = tmp();
  for (const [name, text] of Object.entries(PLANS)) writeFileSync(join(plansDir, name), text);
  const config = loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml'));
  kb = buildKnowledgeBase((await ingestPlans([plansDir], { cache: null })).plans, config);
  store = await createStore({ url: 'memory', dataDir: '/nonexistent' });
  progress = new ProgressStore(store);
  await progress.add(report(kb, MINGZHOU, '1.1.2', { state: '已完成', percent: 100, department: '市质监局' }));
  await progress.add(report(kb, MINGZHOU, '1.2.1', { percent: 40 }));
  entries = statusEntries(kb, await progress.allLatest(), TODAY);
});
afterAll(async () => store?.close());

// 质监局 in 明州: 1.1.1 逾期, 1.1.2 已完成, 1.1.3 未开始, 1.2.1 推进中, 1.2.2 未开始.
const ZHIJIAN = { total: 5, done: 1, inProgress: 1, overdue: 1, notStarted: 2 };
const MZ_MARKET = { total: 2, done: 0, inProgress: 1, overdue: 0, notStarted: 1 };
const QJ_MARKET = { total: 2, done: 0, inProgress: 0, overdue: 1, notStarted: 1 };

describe('the fixture', () => {
  it('writes the body both ways in 明州 and 市场监管局 in both cities', () => {
    const units = kb.tasks.filter((t) => t.origin === 'table').map((t) => [t.file === MINGZHOU ? '明州' : '清江', t.ref, t.units]);
    expect(units).toEqual([
      ['明州', '1.1.1', ['市质监局']],
      ['明州', '1.1.2', ['质监局']],
      ['明州', '1.1.3', ['市质监局', '市场监管局']],
      ['明州', '1.2.1', ['市市场监管局', '质监局']],
      ['明州', '1.2.2', ['市质监局', '质监局']],
      ['清江', '1.1.1', ['市市场监管局']],
      ['清江', '1.1.2', ['市场监管局']],
    ]);
  });
});

describe('the department rule', () => {
  it('is the registry key within the plan’s city', () => {
    expect(departmentKeyOf(kb, '质监局', MINGZHOU)).toBe(departmentKeyOf(kb, '市质监局', MINGZHOU));
    expect(departmentKeyOf(kb, '质监', MINGZHOU)).toBe(departmentKeyOf(kb, '市质监局', MINGZHOU));
    expect(departmentKeyOf(kb, '市场监管局', MINGZHOU)).toBe(departmentKeyOf(kb, '市市场监管局', MINGZHOU));
    expect(departmentKeyOf(kb, '市市场监管局', MINGZHOU)).not.toBe(departmentKeyOf(kb, '市市场监管局', QINGJIANG));
  });

  it('shows every written form under one name', () => {
    expect(['质监局', '市质监局', '质监'].map((n) => departmentOf(kb, n, MINGZHOU).name)).toEqual(['市质监局', '市质监局', '市质监局']);
    expect(departmentOf(kb, '市场监管局', QINGJIANG)).toMatchObject({ city: '清江', name: '市市场监管局' });
  });
});

describe('one count per department', () => {
  it('the chart data: one bar for 市质监局/质监局, two for the two cities’ 市场监管局', () => {
    expect(departmentChartRows(entries)).toEqual([
      { label: '明州市质监局', ...without(ZHIJIAN, 'total') },
      { label: '明州市市场监管局', ...without(MZ_MARKET, 'total') },
      { label: '清江市市场监管局', ...without(QJ_MARKET, 'total') },
    ]);
  });

  it('the per-department counts (also `duban status --json`)', () => {
    expect(byDepartment(entries).map((d) => ({ city: d.city, department: d.department, reported: d.reported }))).toEqual([
      { city: '明州', department: '明州市质监局', reported: true },
      { city: '明州', department: '明州市市场监管局', reported: false },
      { city: '清江', department: '清江市市场监管局', reported: false },
    ]);
  });

  it('the xlsx 按部门 sheet, read back with exceljs', async () => {
    const sheet = await departmentSheet(await exportTasksXlsx(entries.map(exportRowOf), { asOf: NOW }));
    expect(sheet).toEqual([
      ['城市', '部门', '任务数', '已完成', '推进中', '逾期', '未开始', '完成率'],
      ['明州', '市质监局', ...counts(ZHIJIAN), 0.2],
      ['明州', '市市场监管局', ...counts(MZ_MARKET), 0],
      ['清江', '市市场监管局', ...counts(QJ_MARKET), 0],
    ]);
  });

  it('the xlsx of one city has no city column and the same one row', async () => {
    const mz = statusEntries(kb, await progress.allLatest(), TODAY, { files: [MINGZHOU] });
    const sheet = await departmentSheet(await exportTasksXlsx(mz.map(exportRowOf), { asOf: NOW }));
    expect(sheet).toEqual([
      ['部门', '任务数', '已完成', '推进中', '逾期', '未开始', '完成率'],
      ['市质监局', ...counts(ZHIJIAN), 0.2],
      ['市市场监管局', ...counts(MZ_MARKET), 0],
    ]);
    expect(departmentChartRows(mz).map((r) => r.label)).toEqual(['市质监局', '市市场监管局']);
  });

  it('the chat summary (/汇总): the chart it sends and its text count the body once', async () => {
    charted.length = 0;
    const sent: string[] = [];
    const text = await summary(context([], { sendFile: async (f) => void sent.push(f.name) }));
    expect(sent).toEqual([`进展汇总-${TODAY}.png`]);
    expect(charted).toEqual([departmentChartRows(entries)]);
    expect(charted[0].map((r) => r.label)).toEqual(['明州市质监局', '明州市市场监管局', '清江市市场监管局']);
    expect(text).toContain('落后部门: 清江市市场监管局(逾期1/2)、明州市质监局(逾期1/5)');
    expect(text).toContain('尚未报告进展的部门1个: 清江市市场监管局');
    expect(text).not.toMatch(/(^|[^市])质监局/);
  });

  it('/汇总 明州 质监局: the department scope takes every written form', async () => {
    const text = await summary(context(['明州', '质监局']));
    expect(text).toContain(`任务${ZHIJIAN.total}项, 已完成1(20%), 推进中1, 逾期1, 未开始2`);
  });

  it('the 督办单: one sheet per department, whichever form is asked for', async () => {
    const zj = await supervision(context(['质监局']));
    expect(zj).toContain('【督办单】市质监局');
    expect(zj).toContain(`未完成${ZHIJIAN.total - ZHIJIAN.done}项(逾期1)`);
    expect(await supervision(context(['市质监局']))).toBe(zj);
    const market = await supervision(context(['市场监管局']));
    expect(market).toContain('【督办单】明州市市场监管局');
    expect(market).toContain('【督办单】清江市市场监管局');
  });

  it('the coordinators’ digest count (countItemsByDepartment, for compose-deliveries)', () => {
    const items = [
      { file: MINGZHOU, departments: ['市质监局'] },
      { file: MINGZHOU, departments: ['质监局'] },
      { file: MINGZHOU, departments: ['市质监局', '质监局'] },
      { file: MINGZHOU, departments: ['市场监管局'] },
      { file: QINGJIANG, departments: ['市市场监管局'] },
      { file: QINGJIANG, departments: [] },
    ];
    expect(countItemsByDepartment(kb, items).map((d) => [d.label, d.total])).toEqual([
      ['明州市质监局', 3],
      ['明州市市场监管局', 1],
      ['清江市市场监管局', 1],
      ['清江协调员', 1],
    ]);
    expect(countItemsByDepartment(kb, items.slice(0, 4)).map((d) => [d.label, d.total])).toEqual([['市质监局', 3], ['市市场监管局', 1]]);
  });

  it('duban status: --json departments and the --xlsx 按部门 sheet agree', async () => {
    const dir = tmp();
    const cliStore = await createStore({ dataDir: dir });
    for (const r of await progress.allLatest().then((m) => [...m.values()])) await new ProgressStore(cliStore).add(r);
    await cliStore.close();
    const out: string[] = [];
    const xlsx = join(dir, 't.xlsx');
    const code = await runCli(['status', '--plans', plansDir, '--date', TODAY, '--json', '--xlsx', xlsx], { out: (t) => out.push(t), err: () => undefined }, { DUBAN_DATA_DIR: dir });
    expect(code).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json.departments.map((d: { department: string; total: number }) => [d.department, d.total])).toEqual([
      ['明州市质监局', ZHIJIAN.total],
      ['明州市市场监管局', MZ_MARKET.total],
      ['清江市市场监管局', QJ_MARKET.total],
    ]);
    expect((await departmentSheet(readFileSync(xlsx))).slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['明州', '市质监局', ZHIJIAN.total],
      ['明州', '市市场监管局', MZ_MARKET.total],
      ['清江', '市市场监管局', QJ_MARKET.total],
    ]);
  });
});

// ---------------------------------------------------------------- helpers

function context(args: string[], over: Partial<ProgressContext> = {}): ProgressContext {
  return {
    msg: { from: { id: 'w', name: '王协调' } },
    args,
    engine: (engine ??= new AnswerEngine(kb)),
    binding: undefined,
    isCoordinator: true,
    now: NOW,
    progress,
    ...over,
  } as unknown as ProgressContext;
}

async function departmentSheet(buffer: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(DEPARTMENT_SHEET)!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

function counts(c: typeof ZHIJIAN): number[] {
  return [c.total, c.done, c.inProgress, c.overdue, c.notStarted];
}

function without<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const { [key]: _, ...rest } = o;
  return rest;
}
