import { readFileSync } from 'node:fs';
import { AnswerEngine, type AskOptions } from '../answer/answer-engine.ts';
import type { Answer } from '../answer/answer-context.ts';
import { askWithLlm } from '../answer/ask-with-llm.ts';
import { createLlm } from '../main.ts';
import type { Config } from '../config.ts';
import type { CliIo } from './io.ts';
import { loadKnowledgeBase } from './load-knowledge-base.ts';

export interface AskArgs {
  plans: string[];
  cache: boolean;
  json: boolean;
  date: string | null;
  department: string | null;
  batch: string | null;
  question: string | null;
  /** Use the LLM when one is configured (--no-llm turns it off). */
  llm: boolean;
}

/** `duban ask`: one question, or a JSONL batch of {"id","q"} answered in one process. */
export async function askCommand(args: AskArgs, config: Config, io: CliIo): Promise<number> {
  const { kb } = await loadKnowledgeBase(config, { plans: args.plans, cache: args.cache, progress: (l) => io.err(l) });
  for (const w of kb.warnings) io.err(`⚠ ${w.message}`);
  if (kb.plans.length === 0) {
    io.err('没有可用的方案, 无法回答。');
    return 1;
  }
  const engine = new AnswerEngine(kb);
  const llm = args.llm ? await createLlm(config, (l) => io.err(l)) : null;
  const ask = (q: string, o: AskOptions) => askWithLlm(engine, llm, q, { ...o, budgetMs: config.llm.budgetMs });
  const opts: AskOptions = { now: args.date ? new Date(`${args.date}T09:00:00+08:00`) : new Date(), department: args.department };
  if (args.batch) return runBatch(ask, args.batch, opts, io);
  const a = await ask(args.question ?? '', opts);
  if (args.json) io.out(JSON.stringify({ answer: a.answer, found: a.found, citations: a.citations, intent: a.intent }));
  else io.out(a.answer);
  return 0;
}

type Ask = (q: string, o: AskOptions) => Promise<Answer>;

async function runBatch(ask: Ask, path: string, opts: AskOptions, io: CliIo): Promise<number> {
  const lines = readFileSync(path, 'utf8').split('\n');
  let bad = 0;
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    let item: { id?: unknown; q?: unknown };
    try {
      item = JSON.parse(line);
    } catch {
      bad++;
      io.err(`${path}:${i + 1}: 不是合法的 JSON, 已跳过`);
      continue;
    }
    const a = await ask(typeof item.q === 'string' ? item.q : '', opts);
    io.out(JSON.stringify({ id: item.id ?? null, answer: a.answer, found: a.found, citations: a.citations, intent: a.intent, via: a.via }));
  }
  return bad > 0 ? 1 : 0;
}
