import type { Report, Source } from '../kb/records.ts';
import { bestPerPlan, MATCH, type Answer, type Ctx } from './answer-context.ts';
import { names } from './format.ts';

/**
 * Reporting duties: what must be reported, when, to whom and by whom; and the reporting systems a plan
 * sets up ("要求建立哪些报告制度").
 */

export function answerReporting(c: Ctx): Answer | null {
  if (/制度/.test(c.q.text) && /哪些|什么|几项|几个/.test(c.q.text)) return listSystems(c);
  const hits = bestPerPlan(c.searchBeyondContext(['report']), MATCH);
  if (hits.length === 0) return null;
  const reports = hits.slice(0, 3).map((h) => c.kb.reports[h.doc.index]);
  const asksWho = /哪个部门|哪些部门|哪个单位|谁/.test(c.q.text) && !/交给谁|报给谁|向谁/.test(c.q.text);
  const lines = reports.map((r) => (asksWho ? whoLine(c, r) : reportLine(c, r)));
  return c.answer(lines.join('\n'), reports.map((r) => r.source));
}

function reportLine(c: Ctx, r: Report): string {
  const parts = [`${c.label(r.file)} ${r.what}`];
  if (r.when) parts.push(`时间: ${r.when}`);
  if (r.to) parts.push(`报送: ${r.to}`);
  const from = r.from ?? (r.departments.length ? names(r.departments) : null);
  if (from) parts.push(`报送单位: ${from}`);
  return `${parts.join('; ')}${c.cite(r.source)}\n原文: ${r.source.quote}`;
}

function whoLine(c: Ctx, r: Report): string {
  const who = r.departments.length ? names(r.departments) : r.from;
  if (!who) return reportLine(c, r);
  return `${c.label(r.file)} ${who}: ${r.source.quote}${c.cite(r.source)}`;
}

function listSystems(c: Ctx): Answer | null {
  const lines: string[] = [];
  const sources: Source[] = [];
  for (const file of c.planFiles().slice(0, c.files ? 3 : 5)) {
    const systems = uniqueBy(c.kb.reports.filter((r) => r.file === file && r.kind === 'system'), (r) => r.what);
    if (systems.length === 0) continue;
    lines.push(`${c.label(file)}要求建立: ${systems.map((r) => `${r.what}${c.cite(r.source)}`).join('; ')}`);
    sources.push(...systems.map((r) => r.source));
  }
  if (lines.length === 0) return null;
  return c.answer(lines.join('\n'), sources);
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(key(x)) ? false : (seen.add(key(x)), true)));
}
