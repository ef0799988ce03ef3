import fs from 'node:fs';
import path from 'node:path';
import { AnswerEngine } from '../src/answer/answer-engine.ts';
import { ingestPlans } from '../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../src/kb/departments.ts';
import { buildKnowledgeBase } from '../src/kb/knowledge-base.ts';
import { generateCorpus } from './bench-ingest.ts';
import type { BenchOptions, BenchSectionResult } from './bench.ts';

/**
 * Answer latency without an LLM: N generated plans loaded (every city many times over, the worst case
 * for retrieval), the engine prepared once, then every question asked repeatedly; p50/p95 per question.
 */

const TARGET_P50_MS = 5;
const TARGET_P95_MS = 20;

const DEMO_QUESTIONS = [
  '1.1.1谁牵头?', '明州食品抽检合格率目标是多少', '2.3.2什么时候完成', '明州市统计局负责什么', '明州分几个阶段',
  '半年总结交给谁', '哪些城市提出质量月活动', '明州方案对质量强市经费有比例要求吗', '帮助', '市场监管局 抽检 合格率',
];

function questions(root: string): string[] {
  const dev = path.join(root, '..', 'shared', 'eval', 'dev', 'qa.jsonl');
  const fromDev = fs.existsSync(dev)
    ? fs.readFileSync(dev, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).q as string)
    : [];
  return [...DEMO_QUESTIONS, ...fromDev];
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export async function benchAnswer(opts: BenchOptions): Promise<BenchSectionResult> {
  const corpus = generateCorpus(opts.root, opts.plans);
  try {
    const t0 = performance.now();
    const result = await ingestPlans([corpus.dir], { cache: null });
    const kb = buildKnowledgeBase(result.plans, loadDepartmentsConfig(path.join(opts.root, 'config', 'departments.yaml')));
    const t1 = performance.now();
    const engine = new AnswerEngine(kb);
    const t2 = performance.now();
    const qs = questions(opts.root);
    const rounds = opts.quick ? 3 : 10;
    const now = new Date('2026-11-23T09:00:00+08:00');
    qs.forEach((q) => engine.ask(q, { now })); // warm-up
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of qs) {
        const s = performance.now();
        engine.ask(q, { now });
        times.push(performance.now() - s);
      }
    }
    times.sort((a, b) => a - b);
    const p50 = pct(times, 0.5);
    const p95 = pct(times, 0.95);
    opts.log(`answer: ${qs.length} questions × ${rounds} rounds over ${kb.plans.length} plans`);
    return {
      metrics: [
        { key: 'plans', label: 'plans loaded', value: kb.plans.length },
        { key: 'loadMs', label: 'load + build knowledge base', value: +(t1 - t0).toFixed(0), unit: 'ms' },
        { key: 'prepareMs', label: 'prepare engine (index)', value: +(t2 - t1).toFixed(0), unit: 'ms' },
        { key: 'searchDocs', label: 'indexed records + sentences', value: engine.prepared.index.docs.length },
        { key: 'questions', label: 'questions × rounds', value: `${qs.length} × ${rounds}` },
        { key: 'p50Ms', label: 'answer p50', value: +p50.toFixed(2), unit: 'ms' },
        { key: 'p95Ms', label: 'answer p95', value: +p95.toFixed(2), unit: 'ms' },
        { key: 'maxMs', label: 'answer max', value: +times[times.length - 1].toFixed(2), unit: 'ms' },
        { key: 'heapMB', label: 'heap used after prepare', value: +(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0), unit: 'MB' },
      ],
      targets: [
        { label: 'answer p50', value: p50, unit: 'ms', op: '<', goal: TARGET_P50_MS },
        { label: 'answer p95', value: p95, unit: 'ms', op: '<', goal: TARGET_P95_MS },
      ],
      notes: ['every generated plan is a copy of a demo or seed plan, so each question matches dozens of plans'],
    };
  } finally {
    fs.rmSync(corpus.dir, { recursive: true, force: true });
  }
}
