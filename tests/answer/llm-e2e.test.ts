import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenCC from 'opencc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { askWithLlm } from '../../src/answer/ask-with-llm.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { createOpenAiLlm } from '../../src/llm/openai-llm.ts';
import { completion, startFakeOpenAi, type ChatRequestBody, type FakeOpenAi } from '../helpers/fake-openai.ts';
import { HAVE_SEEDS, PROJECT_ROOT, SEEDS_DIR } from '../helpers/seeds.ts';

/**
 * The real OpenAI client against a fake OpenAI-compatible server on loopback, in the answer loop over
 * the seed plans: the dev set must score at least as well with the LLM as without it, and the prompts
 * stay small.
 */

const DEV = join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev', 'qa.jsonl');
const now = new Date('2026-11-23T09:00:00+08:00');

/** The fake model: rephrases the draft faithfully ("根据方案: …"), or misbehaves when told to. */
let mode: 'faithful' | 'invent' | 'broken' = 'faithful';
function reply(body: ChatRequestBody) {
  const user = body.messages.at(-1)?.content ?? '';
  if (body.response_format) return { json: completion(JSON.stringify({ intent: 'search', city: null, department: null, refs: [], keywords: [], rewritten: '' })) };
  if (mode === 'broken') return { status: 500, json: { error: { message: 'boom' } } };
  const draft = /【草稿】\n([\s\S]*?)\n【问题】/.exec(user)?.[1] ?? '';
  return { json: completion(mode === 'invent' ? `${draft} 另外要求达到99.9%。` : `根据方案: ${draft}`) };
}

describe.skipIf(!HAVE_SEEDS || !existsSync(DEV))('the LLM in the loop (fake OpenAI-compatible server)', () => {
  let server: FakeOpenAi;
  let engine: AnswerEngine;
  beforeAll(async () => {
    server = await startFakeOpenAi((body) => reply(body));
    const r = await ingestPlans([SEEDS_DIR], { cache: null });
    engine = new AnswerEngine(buildKnowledgeBase(r.plans, loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml'))));
  });
  afterAll(async () => server?.close());

  const llm = () => createOpenAiLlm({ apiKey: 'test', baseURL: server.baseURL, model: 'fake', timeoutMs: 2000, maxRetries: 0 });

  it('the dev set scores at least as well with the LLM, with small prompts', async () => {
    const gold = readFileSync(DEV, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    mode = 'faithful';
    const client = llm();
    let plain = 0;
    let withLlm = 0;
    let rephrased = 0;
    for (const g of gold) {
      const base = engine.ask(g.q, { now });
      const a = await askWithLlm(engine, client, g.q, { now });
      if (a.answer !== base.answer) rephrased++;
      plain += passes(g, base.answer) ? 1 : 0;
      withLlm += passes(g, a.answer) ? 1 : 0;
    }
    expect(withLlm).toBeGreaterThanOrEqual(plain);
    expect(rephrased).toBeGreaterThan(gold.length / 2);
    const stats = client.stats();
    const perQuestion = stats.promptTokens / gold.length;
    console.log(`LLM in the loop: dev ${withLlm}/${gold.length} (without: ${plain}), ${rephrased} rephrased, ${stats.calls} calls, avg prompt tokens per question ${perQuestion.toFixed(0)}`);
    expect(perQuestion).toBeLessThanOrEqual(1500);
  });

  it('an invented number is rejected and a server error falls back', async () => {
    const det = engine.ask('厦门出口商品检验合格率要求多少', { now }).answer;
    mode = 'invent';
    expect((await askWithLlm(engine, llm(), '厦门出口商品检验合格率要求多少', { now })).answer).toBe(det);
    mode = 'broken';
    expect((await askWithLlm(engine, llm(), '厦门出口商品检验合格率要求多少', { now })).answer).toBe(det);
    mode = 'faithful';
  });
});

const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
const norm = (s: string) => t2s(String(s).replace(/[\s\u3000]+/g, '').replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** The dev scorer's rule (../shared/eval/score-qa.mjs), for comparing with and without the LLM. */
function passes(g: { type: string; must?: string[]; any?: string[][]; must_not?: string[] }, answer: string): boolean {
  const a = norm(answer);
  const cap = g.type === 'duties' || g.type === 'cross_plan' ? 1200 : 600;
  return a.length > 0 && a.length <= cap && (g.must ?? []).every((m) => a.includes(norm(m))) && (g.any ?? []).every((grp) => grp.some((x) => a.includes(norm(x)))) && !(g.must_not ?? []).some((x) => a.includes(norm(x)));
}
