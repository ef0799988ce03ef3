import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { Bindings } from '../../src/chat/bindings.ts';
import type { IncomingMessage } from '../../src/chat/message.ts';
import { createPipeline, type MessageHandler } from '../../src/chat/pipeline.ts';
import { loadConfig } from '../../src/config.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import type { LlmPort, ReportReading } from '../../src/llm/types.ts';
import { ProgressStore } from '../../src/status/progress.ts';
import { createStore } from '../../src/store/create-store.ts';
import { DEMO_DIR, PROJECT_ROOT } from '../helpers/seeds.ts';

/** Plain-language progress reports read by the (scripted) LLM, recorded only after the code's checks. */

const config = loadConfig({ DUBAN_COORDINATORS: 'wxid_coord_wang' });
let engine: AnswerEngine;
let progress: ProgressStore;
let handle: MessageHandler;
let sent: string[];
let reading: ReportReading | null;
let seq = 0;
const FILE = '明州市质量强市示范城市创建工作方案.md';

const msg = (text: string, name = '张三'): IncomingMessage => ({ id: `m${++seq}`, text, room: { id: 'r@chatroom', topic: '住建局群' }, from: { id: name === '王协调' ? 'wxid_coord_wang' : `id-${name}`, name }, mentionedBot: true, self: false, at: Date.now() });
const replier = { reply: async (_m: IncomingMessage, t: string) => void sent.push(t) };

beforeAll(async () => {
  const r = await ingestPlans([DEMO_DIR], { cache: null });
  engine = new AnswerEngine(buildKnowledgeBase(r.plans, loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml'))));
});
beforeEach(async () => {
  const store = await createStore({ url: 'memory', dataDir: '/tmp' });
  progress = new ProgressStore(store);
  const llm: LlmPort = { understand: async () => null, phrase: async () => null, summarize: async (digest) => `简报: ${digest.split('\n')[0]}`, readReport: async () => reading };
  handle = createPipeline({ engine, bindings: new Bindings(store), progress, llm, config, clock: () => new Date('2026-11-23T09:00:00+08:00'), startedAt: 0 });
  sent = [];
  await handle(msg('/绑定 市住建局', '王协调'), replier);
  sent = [];
});

describe('plain-language progress reports', () => {
  it('a reading that marks the group’s own task done is always confirmed first, however sure the model is', async () => {
    reading = { ref: '3.1.1', state: '已完成', percent: null, summary: '验收工作已完成', confidence: 0.95 };
    await handle(msg('@督办助手 工程质量验收那项我们上周已经弄完了'), replier);
    expect(sent[0]).toContain('请确认');
    expect(await progress.latest(`${FILE}|table|3.1.1`)).toBeUndefined();
    await handle(msg('@督办助手 是'), replier);
    expect(sent[1]).toContain('已记录 3.1.1');
    expect((await progress.latest(`${FILE}|table|3.1.1`))?.state).toBe('已完成');
  });

  it('asks the reporter to confirm an unsure reading, and records only after “是”', async () => {
    reading = { ref: '3.2.1', state: '推进中', percent: 60, summary: '绿色建筑推进中', confidence: 0.5 };
    await handle(msg('@督办助手 绿色建筑那块进度到六成了'), replier);
    expect(sent[0]).toContain('请确认');
    expect(await progress.latest(`${FILE}|table|3.2.1`)).toBeUndefined();
    await handle(msg('@督办助手 是'), replier);
    expect(sent[1]).toContain('已记录 3.2.1');
    expect((await progress.latest(`${FILE}|table|3.2.1`))?.percent).toBe(60);
  });

  it('never records a task of another department, whatever the LLM says', async () => {
    reading = { ref: '1.1.1', state: '已完成', percent: null, summary: '完成', confidence: 0.99 };
    await handle(msg('@督办助手 质量精神那个已经完成了'), replier);
    expect(sent[0]).not.toContain('已记录');
    expect(await progress.latest(`${FILE}|table|1.1.1`)).toBeUndefined();
  });

  it('summarises the status for leaders with the LLM', async () => {
    await handle(msg('@督办助手 进展怎么样?'), replier);
    expect(sent[0]).toMatch(/^简报: 【进展汇总】明州/);
  });
});
