import type { Report, Source } from '../kb/records.ts';
import { bestPerPlan, MATCH, type Answer, type Ctx } from './answer-context.ts';
import { names } from './format.ts';
import { tokens } from '../kb/text-tokens.ts';
import { askedAttribute, ATTRIBUTE_WORDS } from './answerability.ts';
import type { Hit } from '../kb/search-index.ts';
import { itemsAfter } from './answer-search.ts';

/**
 * Reporting duties: what must be reported, when, to whom and by whom; and the reporting systems a plan
 * sets up ("要求建立哪些报告制度").
 */

export function answerReporting(c: Ctx): Answer | null {
  if (/制度/.test(c.q.text) && /哪些|什么|几项|几个/.test(c.q.text)) return listSystems(c);
  // (A question with no words of its own beyond the plan's and reporting's is answered by all the plan's
  // timed reporting duties, whatever one of them the search would rank first.)
  const own = plansOwnReports(c);
  const reports = own.length ? own : searchedReports(c);
  if (reports.length === 0) return null;
  const asksWho = /哪个部门|哪些部门|哪个单位|谁/.test(c.q.text) && !/交给谁|报给谁|向谁/.test(c.q.text);
  const lines = reports.map((r) => (asksWho ? whoLine(c, r) : reportLine(c, r)));
  return c.answer(lines.join('\n'), reports.map((r) => r.source));
}

/** The reporting duties that match the question (up to three, the best per plan). */
function searchedReports(c: Ctx): Report[] {
  // "截止到哪天": only duties that say when.
  const dated = askedAttribute(c.q.text) === 'date';
  const keep = (h: Hit) => !dated || !!c.kb.reports[h.doc.index].when;
  let hits = bestPerPlan(c.searchBeyondContext(['report']).filter(keep), MATCH);
  if (hits.length === 0) {
    // (The question's words for handing in and for the time asked are no words of what is handed in.)
    const what = c.q.content.replace(ATTRIBUTE_WORDS, ' ').replace(/(截止|截至)?(到|于)?(哪天|哪一天|什么时候|何时|几号|啥时候)(前|之前)?|要|交|报送|上报|提交|报给?|截止|截至/g, ' ').trim();
    if (what && what !== c.q.content) hits = bestPerPlan(c.search(['report'], what).filter(keep), MATCH);
  }
  return hits.slice(0, 3).map((h) => c.kb.reports[h.doc.index]);
}

/** A report's due date asked as a deadline ("交年度工作总结截止到哪天"): only when something is handed in. */
export function answerReportDue(c: Ctx): Answer | null {
  return /交|报|送/.test(c.q.text) ? answerReporting(c) : null;
}

/** Words that only ask how a named plan's reporting goes: its progress, how often, by which day. */
const REPORTING_ONLY = /^(进展|进度|情况|落实|推进|报|报送|上报|报告|材料|多久|一次|几号|几号前|什么|时候|时间|要求|每|按时|定期|怎么|怎样|如何|频率|频次|周期|规定|多长|重点|工作|任务|分工|分解|方案|计划|要点|文件|通知|(?:19|20)\d{2}年?)$/;

/**
 * "鄂温克旗政府工作报告重点任务进展多久报一次": the question names one plan and asks only how its progress
 * is reported — that plan's reporting duties with a time, all of them (up to three).
 */
function plansOwnReports(c: Ctx): Report[] {
  const files = c.files ? c.planFiles() : [];
  if (files.length !== 1 || c.q.intent !== 'reporting') return [];
  const own = c.withoutPlanWords(c.q.content);
  const rest = own === null ? [] : tokens(own);
  if (rest.length === 0 || !rest.every((t) => REPORTING_ONLY.test(t))) return [];
  return c.kb.reports.filter((r) => r.file === files[0] && r.when && r.kind !== 'system').slice(0, 3);
}

function reportLine(c: Ctx, r: Report): string {
  const parts = [`${c.label(r.file)} ${r.what}`];
  if (r.when) parts.push(`时间: ${r.when}`);
  if (r.to) parts.push(`报送: ${r.to}`);
  const from = r.from ?? (r.departments.length ? names(r.departments) : null);
  if (from) parts.push(`报送单位: ${from}`);
  // ("…将下列材料装订成册后上报:": what is handed in is the list on the lines after.)
  const listed = /(下列|以下|如下)[^。]*[:：]\s*$/.test(r.source.quote) ? itemsAfter(c, r.file, r.source.quote) : null;
  return `${parts.join('; ')}${c.cite(r.source)}\n原文: ${r.source.quote}${listed ? ` ${listed}` : ''}`;
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
