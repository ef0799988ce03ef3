import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Task } from '../kb/records.ts';
import { LLM_BUDGET_MS, withinBudget } from '../llm/budget.ts';
import type { GroundingRecord, LlmPort } from '../llm/types.ts';
import { rewriteIntroduces, verifyPhrase } from '../llm/verify-replies.ts';
import type { AnswerEngine, AskOptions } from './answer-engine.ts';
import type { Answer } from './answer-context.ts';

/**
 * The answer engine with the optional LLM in the loop — "the LLM proposes, the records decide". The
 * deterministic answer is computed first and is what goes out whenever the LLM is slow, down, wrong or
 * unsure. The LLM may (1) rewrite a question the rules could not answer into plain plan terms (not
 * bringing in an item number or department the question does not name), which the engine then
 * answers from the records, and (2) reword a found answer — sent only when every claim in the wording
 * is carried by the records it was given (verifyPhrase: numbers, dates, departments, the exact lead
 * and partner sets, statuses and negations, people and titles, relative dates, no wording from
 * nowhere) and it keeps every department, date and citation of the deterministic answer. The
 * question is data: nothing in it counts as evidence. The whole LLM step has a time budget.
 */

export interface LlmAskOptions extends AskOptions {
  /** Milliseconds the LLM step may take before the deterministic answer is sent. */
  budgetMs?: number;
  /** Why the deterministic answer was sent (timeout, rejected wording …). */
  log?: (line: string) => void;
}

export async function askWithLlm(engine: AnswerEngine, llm: LlmPort | null, question: string, opts: LlmAskOptions = {}): Promise<Answer> {
  const base = engine.ask(question, opts);
  if (!llm) return base;
  const log = opts.log ?? (() => {});
  const better = await withinBudget(() => improve(engine, llm, question, opts, base, log), opts.budgetMs ?? LLM_BUDGET_MS, (o) => {
    if (o === 'timeout' || o === 'error') log(`llm answer: ${o}; sending the deterministic answer`);
  });
  return better ?? base;
}

async function improve(engine: AnswerEngine, llm: LlmPort, question: string, opts: AskOptions, base: Answer, log: (line: string) => void): Promise<Answer> {
  let answer = base;
  if (!base.found || base.intent === 'search') {
    const kb = engine.prepared.kb;
    const hints = { cities: kb.plans.map((p) => p.city).filter((c): c is string => !!c), departments: [] };
    const q = await llm.understand(question, hints);
    const rewritten = q?.rewritten?.trim();
    if (rewritten && rewritten !== question && rewriteIntroduces(rewritten, question).length === 0) {
      const withCity = q!.city && !rewritten.includes(q!.city) ? `${q!.city} ${rewritten}` : rewritten;
      const second = engine.ask(withCity, opts);
      if (second.found) answer = second;
    }
  }
  if (!answer.found) return answer;
  const records = evidenceRecords(engine.prepared.kb, answer);
  const phrased = await llm.phrase(question, records, answer.answer);
  if (!phrased) return answer;
  const problems = verifyPhrase(phrased, records, answer.answer, question);
  if (problems.length) {
    log(`llm answer: wording rejected (${problems.slice(0, 5).join(', ')}); sending the deterministic answer`);
    return answer;
  }
  return { ...answer, answer: phrased };
}

/**
 * What the LLM is given, and what its wording is checked against: each cited quote, with the cited
 * task's lead, partner and responsible units and its deadline as the records hold them.
 */
export function evidenceRecords(kb: KnowledgeBase, answer: Answer): GroundingRecord[] {
  return answer.citations.map((c) => {
    const label = `${c.file} ${c.ref ?? ''}`.trim();
    const task = c.ref ? citedTask(kb, c.file, c.ref, c.quote) : undefined;
    const held = task ? owners(task) : '';
    return { label, text: held ? `${held}。${c.quote}` : c.quote };
  });
}

function citedTask(kb: KnowledgeBase, file: string, ref: string, quote: string): Task | undefined {
  const squash = (s: string) => s.replace(/\s+/g, '');
  const q = squash(quote);
  const same = kb.tasks.filter((t) => t.file === file && t.ref === ref);
  return same.find((t) => q && (squash(t.text).includes(q.slice(0, 20)) || q.includes(squash(t.text).slice(0, 20)) || squash(t.source.quote).includes(q.slice(0, 20))));
}

function owners(t: Task): string {
  const parts: string[] = [];
  if (t.lead.length) {
    parts.push(`牵头单位: ${t.lead.join('、')}`);
    if (t.partners.length) parts.push(`配合单位: ${t.partners.join('、')}`);
    const others = t.units.filter((u) => !t.lead.includes(u) && !t.partners.includes(u));
    if (others.length) parts.push(`责任单位: ${[...t.lead, ...others].join('、')}`);
  } else if (t.units.length) {
    parts.push(`负责单位: ${t.units.join('、')}`);
    if (t.partners.length) parts.push(`配合单位: ${t.partners.join('、')}`);
  }
  if (t.deadlineText) parts.push(`完成时限: ${t.deadlineText}`);
  return parts.join('；');
}
