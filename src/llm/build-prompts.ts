import { renderPrompt, type RenderedPrompt } from './prompts.ts';
import type { GroundingRecord } from './types.ts';

/**
 * The four prompts with their data cut to size. User text is clipped and stripped of the tags that
 * delimit data sections (<问题> …), so it cannot close its own section and pose as rules; the rules
 * sit in the system part, before any data. Limits keep the phrase-answer prompt with 5 records well
 * under 1,500 tokens.
 */

export const PROMPT_LIMITS = {
  question: 300,
  draft: 600,
  records: 8,
  recordText: 200,
  report: 500,
  candidates: 40,
  candidateText: 60,
  digest: 2000,
  cities: 40,
  departments: 80,
  hintChars: 600,
} as const;

const DATA_TAGS = /<\s*\/?\s*(?:问题|汇报|汇总)\s*>/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** User or document text made safe to place inside a data section: tags removed, clipped to `max`. */
export function asData(text: string, max: number): string {
  const clean = text.replace(CONTROL, '').replace(DATA_TAGS, '').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

export function understandPrompt(question: string, hints: { cities: string[]; departments: string[] }): RenderedPrompt {
  return renderPrompt('understand-question', {
    question: asData(question, PROMPT_LIMITS.question),
    cities: hintList(hints.cities, PROMPT_LIMITS.cities),
    departments: hintList(hints.departments, PROMPT_LIMITS.departments),
  });
}

/** Records equal to the draft (callers often pass the draft as a record too) are not repeated. */
export function phrasePrompt(question: string, records: GroundingRecord[], draft: string): RenderedPrompt {
  const cleanDraft = asData(draft, PROMPT_LIMITS.draft);
  const lines = records
    .filter((r) => r.text.trim() && r.text.trim() !== draft.trim())
    .slice(0, PROMPT_LIMITS.records)
    .map((r) => `- ${asData(r.label, 60)}：${asData(r.text, PROMPT_LIMITS.recordText)}`);
  return renderPrompt('phrase-answer', {
    records: lines.join('\n') || '（无）',
    draft: cleanDraft,
    question: asData(question, PROMPT_LIMITS.question),
  });
}

export function readReportPrompt(report: string, candidates: GroundingRecord[]): RenderedPrompt {
  const lines = candidates
    .slice(0, PROMPT_LIMITS.candidates)
    .map((c) => `- ${asData(c.label, 30)}：${asData(c.text, PROMPT_LIMITS.candidateText)}`);
  return renderPrompt('read-report', {
    candidates: lines.join('\n') || '（无）',
    report: asData(report, PROMPT_LIMITS.report),
  });
}

export function summarizePrompt(digest: string): RenderedPrompt {
  return renderPrompt('summarize-digest', { digest: asData(digest, PROMPT_LIMITS.digest) });
}

function hintList(items: string[], max: number): string {
  const unique = [...new Set(items.map((s) => asData(s, 30)).filter(Boolean))];
  const list = unique.slice(0, max).join('、');
  return (list.length > PROMPT_LIMITS.hintChars ? `${list.slice(0, PROMPT_LIMITS.hintChars)}…` : list) || '（无）';
}
