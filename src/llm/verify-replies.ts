import { checkGrounded } from './grounding.ts';
import type { GroundingRecord, LlmQuery, ReportReading } from './types.ts';

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
 * A phrased answer: grounded in the records and the draft, keeps every citation marker of the draft,
 * and is no longer than the draft or 200 characters, whichever is more.
 */
export function verifyPhrase(text: string, records: GroundingRecord[], draft: string): string[] {
  const problems = checkGrounded(text, records, [draft]).problems;
  const squash = (s: string) => s.replace(/\s+/g, '');
  const kept = new Set((squash(text).match(MARKER) ?? []));
  for (const marker of squash(draft).match(MARKER) ?? []) if (!kept.has(marker)) problems.push(`缺少引用${marker}`);
  const limit = Math.max(MAX_REPLY_CHARS, [...draft].length);
  if ([...text].length > limit) problems.push(`超长${[...text].length}字`);
  return problems;
}

export function verifySummary(text: string, digest: string): string[] {
  const problems = checkGrounded(text, [{ label: '汇总', text: digest }]).problems;
  if ([...text].length > MAX_REPLY_CHARS * SUMMARY_SLACK) problems.push(`超长${[...text].length}字`);
  return problems;
}

/**
 * A report reading: the item is one of the candidates (or written in the report), the percent is
 * written in the report (100 may come from "已完成"), and the summary says nothing the report and
 * candidates do not.
 */
export function verifyReading(reading: ReportReading, report: string, candidates: GroundingRecord[]): string[] {
  const problems: string[] = [];
  const plain = report.normalize('NFKC');
  const ref = reading.ref?.trim();
  if (ref && !candidates.some((c) => c.label.trim() === ref) && !plain.includes(ref)) problems.push(`条目${ref}`);
  const percent = reading.percent;
  const stated = percent !== null && new RegExp(`(?<![\\d.])${percent}(?![\\d.])`).test(plain);
  if (percent !== null && !stated && !(percent === 100 && reading.state === '已完成')) problems.push(`${percent}%`);
  problems.push(...checkGrounded(reading.summary, [{ label: '汇报', text: report }, ...candidates]).problems);
  return problems;
}

/**
 * A structured query keeps only what the question or the hints support: a city or department the
 * LLM made up becomes null (snapped to the hint's spelling when it names one), refs not written in
 * the question are dropped. Keywords and the rewrite only steer the search, whose answers come from
 * the knowledge base, so they are kept.
 */
export function sanitizeQuery(query: LlmQuery, question: string, hints: { cities: string[]; departments: string[] }): LlmQuery {
  const asked = question.normalize('NFKC').replace(/\s+/g, '');
  return {
    ...query,
    city: supported(query.city, asked, hints.cities),
    department: supported(query.department, asked, hints.departments),
    refs: query.refs.map((r) => r.trim()).filter((r) => r && asked.includes(r)),
    keywords: query.keywords.map((k) => k.trim()).filter(Boolean),
    rewritten: query.rewritten.trim(),
  };
}

function supported(value: string | null, asked: string, hints: string[]): string | null {
  const v = value?.trim();
  if (!v || v.length < 2) return null;
  const hint = hints.find((h) => h === v) ?? hints.find((h) => h && (v.includes(h) || h.includes(v)));
  if (hint) return hint;
  return asked.includes(v) ? v : null;
}
