import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MockChat } from '../../src/chat/mock-chat.ts';
import { runCli } from '../../src/cli.ts';
import { loadConfig } from '../../src/config.ts';
import { buildBot } from '../../src/main.ts';
import { ProgressStore, type ProgressReport } from '../../src/status/progress.ts';
import { createStore } from '../../src/store/create-store.ts';
import { DEMO_DIR } from '../helpers/seeds.ts';
import { REDIS_MISSING, REDIS_SERVER, startRedisServer, type RedisServer } from '../helpers/redis-server.ts';

/** Progress reporting and status through Wechaty + puppet-mock, the status command, and the stores. */

const quiet = { out: () => undefined, err: () => undefined };
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'duban-status-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('progress in the chat', () => {
  let chat: MockChat;
  let close: () => Promise<void>;
  const dataDir = tmp();
  beforeAll(async () => {
    const config = loadConfig({ DUBAN_DATA_DIR: dataDir, DUBAN_COORDINATORS: 'wxid_coord_wang' });
    const bot = await buildBot(config, quiet, { plans: [DEMO_DIR], cache: false, date: '2026-11-23', governed: false });
    chat = await MockChat.start({ botName: config.bot.name, onMessage: bot.handler });
    close = async () => {
      await chat.stop();
      await bot.store.close();
    };
    await chat.say('住建局群', '王协调', '/绑定 市住建局', false, 'wxid_coord_wang');
    chat.drain();
  });
  afterAll(async () => close());
  afterEach(() => chat.drain());

  it('reports change the summary', async () => {
    await chat.say('住建局群', '张三', '/汇总', false);
    const before = chat.drain().find((m) => m.text.includes('【进展汇总】'))!.text;
    expect(before).toMatch(/已完成0\(0%\)/);
    await chat.say('住建局群', '张三', '/进展 3.1.1 60% 正在组织验收', false);
    await chat.say('住建局群', '张三', '/完成 3.1.2 已获省优质工程', false);
    const replies = chat.drain();
    expect(replies[0].text).toContain('已记录 明州 3.1.1: 推进中 60%(正在组织验收)');
    expect(replies[1].text).toContain('已记录 明州 3.1.2: 已完成');
    await chat.say('住建局群', '张三', '进展怎么样?', true);
    const all = chat.drain();
    const after = all.find((m) => m.text.includes('【进展汇总】'))?.text ?? JSON.stringify(all);
    expect(after).toMatch(/已完成1\(\d+%\), 推进中1/);
  });

  it('answers progress questions asked in words from the recorded reports', async () => {
    await chat.say('住建局群', '李四', '/进展 3.1.1 40% 已完成设计', false);
    chat.drain();
    await chat.say('住建局群', '李四', '3.1.1完成了吗?', true);
    const item = chat.drain().map((m) => m.text).join('\n');
    expect(item).toContain('明州 3.1.1');
    expect(item).toMatch(/推进中。最近报告: 推进中 \d+%/);
    await chat.say('住建局群', '李四', '市住建局的进展', true);
    const dept = chat.drain().map((m) => m.text).join('\n');
    expect(dept).toContain('市住建局');
    expect(dept).toContain('3.1.1');
  });

  it('a department cannot report another department’s task; a coordinator can', async () => {
    await chat.say('住建局群', '张三', '/进展 1.1.1 50%', false);
    expect(chat.drain()[0].text).toContain('不是市住建局负责的任务');
    await chat.say('住建局群', '王协调', '/进展 1.1.1 50% 督办中', false, 'wxid_coord_wang');
    expect(chat.drain()[0].text).toContain('已记录 明州 1.1.1');
  });

  it('corrections keep the history, the latest wins', async () => {
    await chat.say('住建局群', '张三', '/进展 3.2.1 30%', false);
    await chat.say('住建局群', '张三', '/进展 3.2.1 40% 更正', false);
    expect(chat.drain()[1].text).toContain('此前: 推进中 30%');
    const store = await createStore({ dataDir });
    const history = await new ProgressStore(store).history('明州市质量强市示范城市创建工作方案.md|table|3.2.1');
    await store.close();
    expect(history.map((r) => r.percent)).toEqual([30, 40]);
  });

  it('answers an unknown item with the closest ones', async () => {
    await chat.say('住建局群', '张三', '/进展 3.1.9 50%', false);
    expect(chat.drain()[0].text).toMatch(/没有找到编号3\.1\.9的任务。相近的编号: 3\.1\.1、3\.1\.2、3\.1\.3/);
  });

  it('sends the supervision sheet, the chart and the export as files', async () => {
    await chat.say('住建局群', '张三', '/督办单', false);
    expect(chat.drain()[0].text).toContain('【督办单】市住建局');
    await chat.say('住建局群', '王协调', '/汇总 明州', false, 'wxid_coord_wang');
    const sent = chat.drain();
    expect(sent.some((m) => m.file?.endsWith('.png'))).toBe(true);
    await chat.say('住建局群', '王协调', '/导出', false, 'wxid_coord_wang');
    const exported = chat.drain();
    expect(exported.some((m) => m.file?.endsWith('.xlsx'))).toBe(true);
  });
});

describe('duban status', () => {
  it('exports an .xlsx that reads back with the expected columns and rows, and a valid PNG', async () => {
    const dir = tmp();
    const env = { DUBAN_DATA_DIR: dir };
    const store = await createStore({ dataDir: dir });
    const report: ProgressReport = { task: '明州市质量强市示范城市创建工作方案.md|table|3.1.1', file: '明州市质量强市示范城市创建工作方案.md', ref: '3.1.1', state: '推进中', percent: 60, text: '正在组织验收', reporter: { id: 'z', name: '张三' }, department: '市住建局', at: '2026-11-20T06:05:00Z' };
    await new ProgressStore(store).add(report);
    await store.close();
    const out: string[] = [];
    const code = await runCli(['status', '--plans', DEMO_DIR, '--date', '2026-11-23', '--json', '--xlsx', join(dir, 't.xlsx'), '--chart', join(dir, 'c.png')], { out: (t) => out.push(t), err: () => undefined }, env);
    expect(code).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json.totals.tasks).toBe(26);
    expect(json.tasks.find((t: { ref: string }) => t.ref === '3.1.1')).toMatchObject({ state: '推进中', percent: 60 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 't.xlsx')) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('任务督办')!;
    expect(sheet.getRow(2).values).toEqual([undefined, '城市', '编号', '任务', '牵头单位', '责任单位', '配合单位', '完成时限', '状态', '进度', '最新进展', '进展时间', '报告人']);
    expect(sheet.rowCount).toBe(2 + 26);
    const row = [...Array(26).keys()].map((i) => sheet.getRow(3 + i)).find((r) => r.getCell(2).value === '3.1.1')!;
    expect(row.getCell(8).value).toBe('推进中');
    expect(row.getCell(10).value).toBe('正在组织验收');
    const png = readFileSync(join(dir, 'c.png'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBeGreaterThan(300); // IHDR width
  });

  it('keeps reports across a restart (SQLite file)', async () => {
    const dir = tmp();
    const a = await createStore({ dataDir: dir });
    await new ProgressStore(a).add({ task: 'k', file: 'f', ref: '1.1.1', state: '已完成', percent: 100, text: '', reporter: { id: 'x', name: '甲' }, department: '市住建局', at: '2026-11-20T06:05:00Z' });
    await a.close();
    const b = await createStore({ dataDir: dir });
    expect((await new ProgressStore(b).latest('k'))?.state).toBe('已完成');
    await b.close();
  });
});

describe.skipIf(!REDIS_SERVER)(`reports on Redis${REDIS_SERVER ? '' : ` (skipped: ${REDIS_MISSING})`}`, () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => server?.stop());

  it('two instances see the same reports', async () => {
    const one = await createStore({ url: server.url, dataDir: '/nonexistent', namespace: 'progress-test' });
    const two = await createStore({ url: server.url, dataDir: '/nonexistent', namespace: 'progress-test' });
    await new ProgressStore(one).add({ task: 'r', file: 'f', ref: '2.1.1', state: '推进中', percent: 30, text: '招标', reporter: { id: 'x', name: '乙' }, department: '市工信局', at: '2026-11-21T01:00:00Z' });
    expect((await new ProgressStore(two).allLatest()).get('r')?.percent).toBe(30);
    await one.close();
    await two.close();
  });
});
