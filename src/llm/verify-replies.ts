import { departmentMentions } from './department-mentions.ts';
import { checkGrounded, normalizeForGrounding } from './grounding.ts';
import { toldProgress } from './report-reading.ts';
import type { GroundingRecord, LlmQuery, ReportReading } from './types.ts';
import { claimProblems, summaryProblems } from './verify-claims.ts';

/**
 * Checks on what the LLM returned, before anyone sees it. Each returns the problems found (empty =
 * accepted); the adapter turns any problem into null, so the caller falls back to its own answer.
 */

/** Chat-sized: the prompts ask for ≤ 200 characters. */
export const MAX_REPLY_CHARS = 200;
/** A summary may overshoot the asked-for length a little before it is refused. */
const SUMMARY_SLACK = 1.2;
const MARKER = /〔[^〔〕]{0,80}〕/g;

/** Model chatter around a reply: reasoning blocks, code fences, wrapping quotes, runs of blank lines. */
export function tidyReply(text: string): string {
  return text
    .replace(/<think>[\s\S]*?<\/think>/g, '')
    .trim()
    .replace(/^```[a-z]*\n?([\s\S]*?)\n?```$/i, '$1')
    .replace(/^["“]([\s\S]*)["”]$/, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A phrased answer: every claim carried by the records and the draft (claimProblems: numbers, dates,
 * departments, roles as exact lead/partner sets, statuses and negations, people and titles, relative
 * dates, no wording from nowhere), keeps every department, date, percentage and citation marker of the
 * draft, and is no longer than the draft or 200 characters, whichever is more. The question is data:
 * nothing in it counts as evidence.
 */
export function verifyPhrase(text: string, records: GroundingRecord[], draft: string, question?: string): string[] {
  const problems = claimProblems(text, { records, draft, question }, { complete: true });
  const squash = (s: string) => s.replace(/\s+/g, '');
  const kept = new Set((squash(text).match(MARKER) ?? []));
  for (const marker of squash(draft).match(MARKER) ?? []) if (!kept.has(marker)) problems.push(`缺少引用${marker}`);
  const limit = Math.max(MAX_REPLY_CHARS, [...draft].length);
  if ([...text].length > limit) problems.push(`超长${[...text].length}字`);
  return problems;
}

/** A leaders' summary: every claim agrees with the computed digest (summaryProblems), chat-sized. */
export function verifySummary(text: string, digest: string): string[] {
  const problems = summaryProblems(text, digest);
  if ([...text].length > MAX_REPLY_CHARS * SUMMARY_SLACK) problems.push(`超长${[...text].length}字`);
  return problems;
}

/**
 * A report reading: the item is one of the candidates (or written in the report), the state and
 * percent are the ones the report states (toldProgress: "进展到30%" is not done), and the summary says
 * nothing the report and candidates do not.
 */
export function verifyReading(reading: ReportReading, report: string, candidates: GroundingRecord[]): string[] {
  const problems: string[] = [];
  const plain = report.normalize('NFKC');
  const ref = reading.ref?.trim();
  if (ref && !candidates.some((c) => c.label.trim() === ref) && !plain.includes(ref)) problems.push(`条目${ref}`);
  const percent = reading.percent;
  const stated = percent !== null && new RegExp(`(?<![\\d.])${percent}(?![\\d.])`).test(plain);
  if (percent !== null && !stated && !(percent === 100 && reading.state === '已完成')) problems.push(`${percent}%`);
  const told = toldProgress(report);
  if (reading.state !== told.state) problems.push(`状态${reading.state}(原话为${told.state})`);
  else if (told.state === '推进中' && told.percent !== null && percent !== null && percent !== told.percent) problems.push(`${percent}%(原话为${told.percent}%)`);
  problems.push(...checkGrounded(reading.summary, [{ label: '汇报', text: report }, ...candidates]).problems);
  return problems;
}

/**
 * A structured query keeps only what the question or the hints support: a city or department the
 * LLM made up becomes null (snapped to the hint's spelling when it names one), refs not written in
 * the question are dropped. Keywords and the rewrite only steer the search, whose answers come from
 * the knowledge base; a rewrite that brings in an item number or a department the question does not
 * name (an obeyed injection, or a different question) is dropped.
 */
export function sanitizeQuery(query: LlmQuery, question: string, hints: { cities: string[]; departments: string[] }): LlmQuery {
  const asked = question.normalize('NFKC').replace(/\s+/g, '');
  return {
    ...query,
    city: supported(query.city, asked, hints.cities),
    department: supported(query.department, asked, hints.departments),
    refs: query.refs.map((r) => r.trim()).filter((r) => r && asked.includes(r)),
    keywords: query.keywords.map((k) => k.trim()).filter(Boolean),
    rewritten: rewriteIntroduces(query.rewritten, question).length ? '' : query.rewritten.trim(),
  };
}

/** Item numbers and departments in a rewritten question that the question itself does not name. */
export function rewriteIntroduces(rewritten: string, question: string): string[] {
  const q = normalizeForGrounding(question);
  const r = normalizeForGrounding(rewritten);
  const added: string[] = [];
  for (const m of r.matchAll(/(?<![\d.])\d{1,2}(?:\.\d{1,2}){1,3}(?![\d.])/g)) if (!q.includes(m[0])) added.push(m[0]);
  for (const m of departmentMentions(r)) {
    const name = m.head + m.suffix;
    if (!q.includes(name.replace(/^[省市区县]/, ''))) added.push(name);
  }
  return added;
}

function supported(value: string | null, asked: string, hints: string[]): string | null {
  const v = value?.trim();
  if (!v || v.length < 2) return null;
  const hint = hints.find((h) => h === v) ?? hints.find((h) => h && (v.includes(h) || h.includes(v)));
  if (hint) return hint;
  return asked.includes(v) ? v : null;
}
