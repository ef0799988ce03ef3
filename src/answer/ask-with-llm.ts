import type { LlmPort, GroundingRecord } from '../llm/types.ts';
import { checkGrounded } from '../llm/grounding.ts';
import type { AnswerEngine, AskOptions } from './answer-engine.ts';
import type { Answer } from './answer-context.ts';

/**
 * The answer engine with the optional LLM in the loop. The deterministic answer is computed first and
 * is what goes out whenever the LLM is slow, down, wrong or unsure: the LLM may (1) rewrite a question
 * the rules could not answer into plain plan terms, which the engine then answers, and (2) rephrase a
 * found answer — accepted only when every number, date and department in it appears in the records it
 * was given. The whole LLM step has a time budget.
 */

export interface LlmAskOptions extends AskOptions {
  /** Milliseconds the LLM step may take before the deterministic answer is sent. */
  budgetMs?: number;
}

export async function askWithLlm(engine: AnswerEngine, llm: LlmPort | null, question: string, opts: LlmAskOptions = {}): Promise<Answer> {
  const base = engine.ask(question, opts);
  if (!llm) return base;
  const budget = opts.budgetMs ?? 6000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Answer>((resolve) => {
    timer = setTimeout(() => resolve(base), budget);
  });
  try {
    return await Promise.race([improve(engine, llm, question, opts, base), timeout]);
  } catch {
    return base;
  } finally {
    clearTimeout(timer);
  }
}

async function improve(engine: AnswerEngine, llm: LlmPort, question: string, opts: AskOptions, base: Answer): Promise<Answer> {
  let answer = base;
  if (!base.found || base.intent === 'search') {
    const kb = engine.prepared.kb;
    const hints = { cities: kb.plans.map((p) => p.city).filter((c): c is string => !!c), departments: [] };
    const q = await llm.understand(question, hints);
    const rewritten = q?.rewritten?.trim();
    if (rewritten && rewritten !== question) {
      const withCity = q!.city && !rewritten.includes(q!.city) ? `${q!.city} ${rewritten}` : rewritten;
      const second = engine.ask(withCity, opts);
      if (second.found) answer = second;
    }
  }
  if (!answer.found) return answer;
  const records: GroundingRecord[] = [
    { label: '答案草稿', text: answer.answer },
    ...answer.citations.map((c) => ({ label: `${c.file} ${c.ref ?? ''}`.trim(), text: c.quote })),
  ];
  const phrased = await llm.phrase(question, records, answer.answer);
  if (!phrased) return answer;
  const check = checkGrounded(phrased, records);
  return check.ok ? { ...answer, answer: phrased } : answer;
}
