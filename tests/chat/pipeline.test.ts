import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { Bindings } from '../../src/chat/bindings.ts';
import type { IncomingMessage } from '../../src/chat/message.ts';
import { addressing, createPipeline, splitReply, type MessageHandler } from '../../src/chat/pipeline.ts';
import { loadConfig } from '../../src/config.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { DEMO_DIR, PROJECT_ROOT } from '../helpers/seeds.ts';

/** The coordinator is configured by WeChat id; 王协调 is only the display name. */
const COORDINATOR_ID = 'wxid_coord_wang';
const config = { ...loadConfig({ DUBAN_COORDINATORS: COORDINATOR_ID }) };
const T0 = Date.parse('2026-11-23T01:00:00Z');
let engine: AnswerEngine;
let store: Store;
let bindings: Bindings;
let wall = T0;
let sent: Array<{ to: string; text: string }>;
let handle: MessageHandler;
let seq = 0;

const replier = { reply: async (m: IncomingMessage, text: string) => void sent.push({ to: m.room?.topic ?? `dm:${m.from.name}`, text }) };
function group(text: string, opts: Partial<IncomingMessage> & { fromName?: string } = {}): IncomingMessage {
  const name = opts.fromName ?? '张三';
  const id = name === '王协调' ? COORDINATOR_ID : `id-${name}`;
  return { id: `m${++seq}`, text, room: { id: 'r1@chatroom', topic: '质监局工作群' }, from: { id, name }, mentionedBot: false, self: false, at: wall, ...opts };
}
const dm = (text: string): IncomingMessage => ({ id: `m${++seq}`, text, from: { id: 'id-李四', name: '李四' }, mentionedBot: false, self: false, at: wall });

function pipeline(s: Bindings, engineOverride?: AnswerEngine): MessageHandler {
  return createPipeline({
    engine: engineOverride ?? engine,
    bindings: s,
    config,
    clock: () => new Date('2026-11-23T09:00:00+08:00'),
    now: () => wall,
    startedAt: T0,
  });
}

beforeAll(async () => {
  const r = await ingestPlans([DEMO_DIR], { cache: null });
  engine = new AnswerEngine(buildKnowledgeBase(r.plans, loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml'))));
});
beforeEach(async () => {
  sent = [];
  wall = T0;
  store = await createStore({ url: 'memory', dataDir: '/tmp' });
  bindings = new Bindings(store);
  handle = pipeline(bindings);
});

describe('guards', () => {
  it('answers a mentioned group question with the answer, and ignores an unmentioned one', async () => {
    await handle(group('1.1.1谁牵头?'), replier);
    expect(sent).toEqual([]);
    await handle(group('@督办助手 1.1.1谁牵头?', { mentionedBot: true }), replier);
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain('牵头: 市委宣传部');
  });

  it('accepts @name in the text, the / and 督办 prefixes, and direct messages', async () => {
    await handle(group('@督办助手\u20051.1.1谁牵头?'), replier);
    await handle(group('/本群'), replier);
    await handle(group('督办 帮助'), replier);
    await handle(dm('2.3.2什么时候完成'), replier);
    expect(sent.map((s) => s.to)).toEqual(['质监局工作群', '质监局工作群', '质监局工作群', 'dm:李四']);
    expect(sent[3].text).toContain('2027年12月');
  });

  it("ignores the bot's own messages and messages sent before start-up", async () => {
    await handle(group('@督办助手 帮助', { self: true, mentionedBot: true }), replier);
    await handle(group('@督办助手 帮助', { mentionedBot: true, at: T0 - 10 * 60_000 }), replier);
    expect(sent).toEqual([]);
  });

  it('answers bad input briefly: only an @, emoji, a huge message, an unknown command', async () => {
    await handle(group('@督办助手', { mentionedBot: true }), replier);
    await handle(group('@督办助手 🤔🤔', { mentionedBot: true }), replier);
    await handle(group(`@督办助手 ${'质量'.repeat(5000)}`, { mentionedBot: true }), replier);
    await handle(group('/飞起来'), replier);
    expect(sent[0].text).toContain('在的');
    expect(sent[1].text).toContain('/帮助');
    expect(sent[2].text).toMatch(/消息有\d+字, 太长了/);
    expect(sent[3].text).toContain('没有这个命令');
    for (const s of sent) expect(s.text.length).toBeLessThan(400);
  });

  it('limits each user per minute: one warning, then silence, then back after a minute', async () => {
    for (let i = 0; i < 13; i++) await handle(group('/帮助'), replier);
    expect(sent.filter((s) => s.text.includes('太频繁'))).toHaveLength(1);
    expect(sent).toHaveLength(11);
    wall += 61_000;
    await handle(group('/帮助'), replier);
    expect(sent.at(-1)!.text).toContain('我是督办助手');
  });
});

describe('binding', () => {
  it('a coordinator binds the group; then 我们局 means that department', async () => {
    await handle(group('/绑定 市住建局', { fromName: '王协调' }), replier);
    expect(sent[0].text).toContain('已绑定: 本群属于明州市住建局');
    await handle(group('@督办助手 我们局有哪些任务', { mentionedBot: true }), replier);
    expect(sent[1].text).toContain('分解表3.1.1');
    await handle(group('/本群'), replier);
    expect(sent[2].text).toContain('市住建局');
    await handle(group('/我的任务'), replier);
    expect(sent[3].text).toContain('市住建局');
  });

  it('refuses a non-coordinator politely, and an unknown department clearly', async () => {
    await handle(group('/绑定 市住建局'), replier);
    expect(sent[0].text).toContain('只有协调员');
    await handle(group('/绑定 市气象局', { fromName: '王协调' }), replier);
    expect(sent[1].text).toContain('没有在已收录的方案');
    await handle(group('/绑定', { fromName: '王协调' }), replier);
    expect(sent[2].text).toContain('请写明部门');
    expect(await bindings.get('r1@chatroom')).toBeUndefined();
  });

  it('keeps the binding across a restart (SQLite file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-store-'));
    const first = await createStore({ dataDir: dir });
    await pipeline(new Bindings(first))(group('/绑定 市住建局', { fromName: '王协调' }), replier);
    await first.close();
    const second = await createStore({ dataDir: dir });
    const again = pipeline(new Bindings(second));
    await again(group('@督办助手 我们局有哪些任务', { mentionedBot: true }), replier);
    expect(sent.at(-1)!.text).toContain('市住建局');
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews reminders for coordinators only', async () => {
    await handle(group('/提醒预览 2026-12-24', { fromName: '王协调' }), replier);
    expect(sent[0].text).toMatch(/2026-12-24 将发送\d+条提醒/);
    await handle(group('/提醒预览 2026-12-24'), replier);
    expect(sent[1].text).toContain('只有协调员');
  });

  it('lists what is due for the bound department', async () => {
    await handle(group('/绑定 市住建局', { fromName: '王协调' }), replier);
    await handle(group('/到期 60'), replier);
    expect(sent[1].text).toContain('分解表3.1.3');
    expect(sent[1].text).not.toContain('市市场监管局');
  });
});

describe('errors and long replies', () => {
  it('turns a failure into a short apology, not a stack trace', async () => {
    const broken = { ask: () => { throw new Error('boom'); }, findDepartment: () => [] } as unknown as AnswerEngine;
    await pipeline(bindings, broken)(group('@督办助手 1.1.1谁牵头', { mentionedBot: true }), replier);
    expect(sent[0].text).toContain('出错了');
    expect(sent[0].text).not.toContain('boom');
  });

  it('splits long replies at line breaks, numbered', () => {
    const parts = splitReply(Array.from({ length: 40 }, (_, i) => `第${i}行内容`.repeat(10)).join('\n'), 500);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0].startsWith('(1/')).toBe(true);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(510);
  });

  it('strips the mention and the prefixes', () => {
    expect(addressing(group('@督办助手 1.1.1谁牵头'), '督办助手', ['/', '督办'])).toEqual({ text: '1.1.1谁牵头', slash: false });
    expect(addressing(group('督办助手, 帮助'), '督办助手', ['/', '督办'])).toEqual({ text: '帮助', slash: false });
    expect(addressing(group('/绑定 市住建局'), '督办助手', ['/', '督办'])).toEqual({ text: '绑定 市住建局', slash: true });
    expect(addressing(group('今天开会'), '督办助手', ['/', '督办'])).toBeNull();
  });
});

afterAll(async () => {
  await store?.close();
});
