import { LLM_BUDGET_MS, withinBudget } from './budget.ts';
import type { LlmPort } from './types.ts';
import { summaryProblems } from './verify-claims.ts';

/**
 * The leaders' summary (/汇总) with the optional LLM: the model may reword the computed digest, and its
 * wording is sent only when every claim in it agrees with the digest (summaryProblems: no status word,
 * negation or judgment the digest lacks — 顺利, 没有逾期, 全部完成 —, every count the one computed for
 * that state, the totals of tasks, done and overdue all stated). Otherwise, or after the time budget,
 * the computed digest itself goes out.
 */

export interface LeaderSummaryOptions {
  budgetMs?: number;
  log?: (line: string) => void;
}

export async function summarizeForLeaders(llm: LlmPort | null | undefined, facts: string, opts: LeaderSummaryOptions = {}): Promise<string> {
  if (!llm) return facts;
  const log = opts.log ?? (() => {});
  const text = await withinBudget(() => llm.summarize(facts), opts.budgetMs ?? LLM_BUDGET_MS, (o) => {
    if (o === 'timeout' || o === 'error') log(`llm summarize: ${o}; sending the computed summary`);
  });
  if (!text?.trim()) return facts;
  const problems = summaryProblems(text, facts);
  if (problems.length === 0) return text.trim();
  log(`llm summarize: rejected (${problems.slice(0, 5).join(', ')}); sending the computed summary`);
  return facts;
}
