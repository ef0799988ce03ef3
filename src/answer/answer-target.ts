import type { Source, Target } from '../kb/records.ts';
import type { Hit } from '../kb/search-index.ts';
import { tokens } from '../kb/text-tokens.ts';
import { bestPerPlan, decided, MATCH, type Answer, type Ctx } from './answer-context.ts';
import { focus } from './format.ts';
import { figureInUnit, statesAskedFigure } from './answerability.ts';

/**
 * Numeric targets: the value with its qualifier and unit ("96%以上", "37370万吨以内") and the year it is
 * due, quoted from the clause that states it. A number the extractor did not file as a target is still
 * found in the plan's sentences, but only a sentence that holds a number is an answer. The unit asked
 * for ("多少件", "多少钱") and the year asked for must match; a year the plan does not set is said so.
 */

const HAS_NUMBER = /\d|[一二两三四五六七八九十百千万]+(个|项|年|家|件|次)/;
const CITED_NUMBERS = /《[^《》]*》|[\u4e00-\u9fff]{1,12}[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,4}\s*号/g;

export function answerTarget(c: Ctx): Answer | null {
  // Asked as something else ("会上签订了什么"), a question is a target question only when it asks a figure
  // or names a goal.
  if (c.q.intent !== 'target' && !/目标|指标|多少|几|比例|比重|率|达到|增长/.test(c.q.text)) return null;
  // (A sentence that merely repeats the question's words answers a target question only: "会上签订了
  // 什么" is answered by the sentence that says what was signed, searched for as such.)
  return goalStatement(c) ?? answerEachMetric(c) ?? answerOneMetric(c, c.q.content) ?? (c.q.intent === 'target' ? qualitativeTarget(c) : null);
}

/** The plan's own statement of its goal: "以“绿色、放心…”为目标", "总体目标是:…". */
const GOAL_STATEMENT = /以[^。;；]{2,60}为(?:总体|主要|工作|创建|发展)?目标|(?:总体|主要|工作|创建|发展)目标(?:是|为)[:：]?/;

/**
 * "青浦区食品安全示范城市创建的目标是什么" of a named plan: its goal statement, whatever words the
 * question repeats (not a figure: "目标是多少" is answered by the targets).
 */
function goalStatement(c: Ctx): Answer | null {
  if (!GOAL_QUESTION.test(c.q.text) || /多少|几|哪一?年/.test(c.q.text) || c.q.unit || !c.files || c.files.size > 2) return null;
  const toks = new Set(tokens(c.q.content));
  const lines: Array<{ line: string; source: Source }> = [];
  for (const file of c.files) {
    const ids = c.p.byFile.get(file)?.sentences ?? [];
    const goals = ids.filter((i) => GOAL_STATEMENT.test(c.p.sentences[i].text));
    if (goals.length === 0) continue;
    // Of several, the one that shares most of the question's words.
    lines.push(sentenceLineAt(c, c.mostShared(goals, toks)));
  }
  return lines.length ? c.answer(lines.map((l) => l.line).join('\n'), lines.map((l) => l.source)) : null;
}

/**
 * Some targets are not numbers ("出口商品境外通报比率低于全国平均水平"): when no value is found, a
 * sentence that states nearly the whole question is the answer — unless a unit or a year was asked
 * for, which only a number can answer.
 */
function qualitativeTarget(c: Ctx): Answer | null {
  if (c.q.unit || c.q.targetYear) return null;
  const hits = c.search(['sentence']);
  // "创建的目标是什么": the plan's goal statement ("以“绿色、放心…”为目标", under 主要目标) answers it, even
  // when the preamble repeats the question's words more often.
  if (GOAL_QUESTION.test(c.q.text)) {
    const goal = bestPerPlan(hits.filter((h) => isGoalStatement(c, h)), 0.3, 1)[0];
    if (goal) {
      const s = sentenceLine(c, goal);
      return c.answer(s.line, [s.source]);
    }
  }
  // (A sentence the page cut off right after its comparator — "…比重达" — states no goal.)
  const toks = tokens(c.q.content);
  const hit = bestPerPlan(hits.filter((h) => !CUT_AFTER_COMPARATOR.test(h.doc.text.trim()) && (statesAskedFigure(c.q.text, h.doc.text, toks) || !/\d/.test(h.doc.text))), 0.75, 0.05)[0];
  if (!hit) return null;
  const s = sentenceLine(c, hit);
  return c.answer(s.line, [s.source]);
}

const GOAL_QUESTION = /(总体|主要|工作|创建|发展)?目标(是|为|有)(什么|啥|哪些)/;
const CUT_AFTER_COMPARATOR = /(达到?|提高到|提升到|提高至|不低于|不少于|超过|高于|低于|控制在|保持在|为|占)$/;

function isGoalStatement(c: Ctx, h: Hit): boolean {
  const ref = c.p.sentences[h.doc.index];
  const passage = c.kb.passages[ref.passage];
  return /为(总体|主要|工作)?目标|目标(是|为)[:：]?/.test(ref.text) || (passage.path ?? []).some((p) => /目标/.test(p));
}

/** "空气优良率、污水处理率、综合指数分别是多少": each metric on its own, when at least two are found. */
function answerEachMetric(c: Ctx): Answer | null {
  // ("竣工验收合格率和抽查合格率各是多少", "干道多少公里,农村公路多少公里": 和 after a metric, or a comma;
  // asked of each — "生产性服务业和生活性服务业顾客满意度分别要多少", "领军企业和质量强县各要搞几个",
  // "大中型的 vs 其他的" — any 和 joins two.)
  // ("…对中国驰名商标和累计有效发明专利的目标": two things a goal is set for, joined by 和.)
  const and = ASKS_EACH.test(c.q.text) || /的(?:目标|指标)/.test(c.q.text) ? /和|及|与|跟|vs\.?|VS|对比/ : /(?<=[率数量额值度目])(?:和|及|与)/;
  // (A part that only says where to look, "对标行动里", is no metric.)
  const parts = c.q.content
    .split(new RegExp(`[、,，]|${and.source}`))
    .map((p) => p.trim())
    .filter((p) => p.length >= 2 && !/(里|中|方面)$/.test(p) && !/^[\d\s.]+$/.test(p));
  if (parts.length < 2) return null;
  // (A part that also carries the question's context, "创建示范城市 计量检测项目", is asked again by its
  // last words when it finds nothing as a whole — and by them first when the context only names the plan,
  // "个体工商户 带动就业" of 个体工商户…方案: the plan's words would pick a neighbour's clause, "个体工商户占比".)
  const titles = c.kb.plans.filter((p) => !c.files || c.files.has(p.file)).map((p) => p.title ?? '');
  const one = (p: string) => {
    const words = p.split(' ');
    const last = words.at(-1)!;
    const context = words.slice(0, -1).join('');
    // ("农业农村工作指导意见 大豆": a short last word after the plan's own name is the metric.)
    const contextWords = tokens(context);
    const named = last !== p && titles.some((t) => t.includes(context) || (contextWords.length > 0 && contextWords.every((w) => t.includes(w))));
    if (last === p || (last.length < 3 && !named)) return answerOneMetric(c, p);
    if (named) {
      const byLast = answerOneMetric(c, last);
      if (byLast?.found) return byLast;
    }
    const a = answerOneMetric(c, p);
    return a?.found ? a : answerOneMetric(c, last);
  };
  const found = parts.map(one).filter((a): a is Answer => a !== null && a.found);
  if (found.length < 2) return null;
  // (Asked of no plan by name: a line from a plan no other part is answered from is another plan's
  // figure, when two parts are answered from one plan.)
  let keep = (_file: string) => true;
  if (!c.q.files.length) {
    const count = new Map<string, number>();
    for (const a of found) for (const f of new Set(a.citations.map((x) => x.file))) count.set(f, (count.get(f) ?? 0) + 1);
    if ([...count.values()].some((n) => n >= 2)) keep = (f) => (count.get(f) ?? 0) >= 2;
  }
  const pairs = found.flatMap((a) => {
    const lines = a.answer.split('\n');
    return lines.length === a.citations.length ? lines.map((line, k) => ({ line, cite: [a.citations[k]] })) : [{ line: a.answer, cite: a.citations }];
  }).filter((x) => x.cite.every((y) => keep(y.file)));
  if (pairs.length < 2) return null;
  const lines = [...new Set(pairs.map((x) => x.line))];
  return c.answer(lines.join('\n'), pairs.flatMap((x) => x.cite.map((y) => ({ file: y.file, ref: y.ref, path: [], line: 0, quote: y.quote }))));
}

/** Asked of each of several: 分别, 各是, 各要, vs, 对比, or two question words. */
const ASKS_EACH = /分别|各自|各(?:是|要|为|有|需|达到|搞|定)|\bvs\b|VS|对比|(?:多少|几)[^?？]*(?:多少|几)/;

/** Words of a target's phrasing, not of its metric ("新增多少项省地方标准"): a target record need not repeat them. */
const TARGET_VERBS = /累计新增|新增|新建|累计|达到|提高到|提升到|力争|争取|要/g;

function answerOneMetric(c: Ctx, content: string): Answer | null {
  const metric = content.replace(TARGET_VERBS, ' ').trim() || content;
  // (The figure must be in the clause that names what is asked — not a neighbour's, when the page cut
  // the asked one off before its figure.)
  const toks = tokens(metric);
  // "进出口总额增长多少" of a plan that never writes 进出口: the asked measure is not there — not the
  // 零售总额 clause that shares the rest of its words.
  const absent = c.files ? absentWord(c, toks) : null;
  if (absent) return decided(c.answer(`${c.scopeLabel()}中没有找到“${absent}”的目标(方案没有写明)。`, [], false));
  let hits = preferTargets(
    // (A target's metric names its measure even when its clause does not: "…合格率2012年达到95%以上".)
    c.search(['target', 'sentence'], metric).filter((h) => isQuantity(c, h) && statesAskedFigure(c.q.text, h.doc.kind === 'target' ? `${c.kb.targets[h.doc.index].metric},${c.kb.targets[h.doc.index].source.quote}` : h.doc.text, toks)),
  );
  // "…计量标准150项以上,是要到哪年完成": the figure the question quotes picks the target.
  const quoted = [...c.q.text.matchAll(/(\d+(?:\.\d+)?)\s*(?:%|[个项家件只批所座条种])/g)].map((m) => m[1]);
  if (quoted.length) {
    const withFigure = hits.filter((h) => quoted.some((n) => new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d.])`).test(hitText(c, h))));
    if (withFigure.length) hits = withFigure;
  }
  const year = c.q.targetYear;
  // "西藏2014年质量振兴计划和靖边县质量强县意见…分别是多少": a year that names one plan of several binds
  // only the plans that speak of that year.
  const years = new Map<string, Set<number>>();
  // (Several plans of one place — 浙江's three — are all bound by the year asked.)
  const places = new Set([...(c.files ?? [])].map((f) => c.label(f)));
  const bound = (file: string) => {
    if (!c.files || c.files.size < 2 || places.size < 2) return true;
    if (!years.has(file)) years.set(file, yearsOf(c, file));
    return years.get(file)!.has(year!);
  };
  const inYear = year ? hits.filter((h) => hasYear(c, h, year) || !bound(h.doc.file)) : hits;
  const best = bestPerPlan(inYear, MATCH);
  if (best.length === 0) return year ? otherYears(c, hits, year) : null;
  const lines: string[] = [];
  const sources: Source[] = [];
  for (const h of best.slice(0, 3)) {
    // (Of a sentence that sets several figures, the clause of the metric asked — one metric of several
    // when each is asked on its own, by its words other than the plan's title's: "塔城…农产品品牌…行动
    // 认证产品" asks for 认证产品300个, not the 农产品品牌 clause beside it.)
    const shown = h.doc.kind === 'target' ? targetLines(c, c.kb.targets[h.doc.index]) : [sentenceLine(c, h, beyondTitle(c, h.doc.file, toks))];
    lines.push(...shown.map((s) => s.line));
    sources.push(...shown.map((s) => s.source));
  }
  return c.answer(lines.join('\n'), sources);
}

/**
 * A word of three or more characters the question asks about that no plan in scope writes: two
 * overlapping tokens (进出 + 出口) neither of which the plans use. (One unknown token alone — 增速 for
 * 增长 — may be a way of saying what the plan says otherwise.)
 */
function absentWord(c: Ctx, toks: string[]): string | null {
  const missing = toks.map((t) => /^[\u4e00-\u9fff]{2}$/.test(t) && !c.scopeWrites(t));
  for (let i = 0; i + 1 < toks.length; i++) {
    if (missing[i] && missing[i + 1] && toks[i][1] === toks[i + 1][0]) return toks[i] + toks[i + 1].slice(1);
  }
  return null;
}

/** The asked words that the plan's title does not hold (all of them when the title holds every one). */
function beyondTitle(c: Ctx, file: string, toks: string[]): string[] {
  const title = c.p.titles.plans.find((p) => p.file === file)?.tokens;
  const own = title ? toks.filter((t) => !title.has(t)) : toks;
  return own.length ? own : toks;
}

/** A target record, or a sentence with a number — in the unit the question asks for, if it asks. */
export function isQuantity(c: Ctx, h: Hit): boolean {
  const text = h.doc.kind === 'target' ? c.kb.targets[h.doc.index].valueText : h.doc.text;
  // Numbers of cited documents (《…》, 食安办〔2021〕5号) are no figure the plan sets.
  if (h.doc.kind !== 'target' && !HAS_NUMBER.test(text.replace(CITED_NUMBERS, ' '))) return false;
  return !c.q.unit || figureInUnit(c.q.unit).test(text);
}

function hitText(c: Ctx, h: Hit): string {
  return h.doc.kind === 'target' ? c.kb.targets[h.doc.index].valueText : h.doc.text;
}

/** The years a plan's title and targets speak of. */
function yearsOf(c: Ctx, file: string): Set<number> {
  const out = new Set<number>();
  const plan = c.p.byFile.get(file);
  for (const m of (plan?.plan.title ?? '').matchAll(/(?:19|20)\d{2}/g)) out.add(Number(m[0]));
  for (const t of plan?.targets ?? []) if (t.year) out.add(t.year);
  return out;
}

function hasYear(c: Ctx, h: Hit, year: number): boolean {
  if (h.doc.kind === 'target') return c.kb.targets[h.doc.index].year === year;
  return h.doc.text.includes(`${year}年`);
}

/** Asked for a year the plan sets no target for: say so, and give the years it does set. */
function otherYears(c: Ctx, hits: Hit[], year: number): Answer | null {
  const best = bestPerPlan(hits, MATCH).filter((h) => h.doc.kind === 'target');
  if (best.length === 0) return null;
  const shown = targetLines(c, c.kb.targets[best[0].doc.index], true);
  return decided(c.answer(`${c.label(best[0].doc.file)}方案没有写明${year}年的这项目标。方案中的是:\n${shown.map((s) => s.line).join('\n')}`, shown.map((s) => s.source), false));
}

/** At equal coverage a target record beats a bare sentence (it carries the year and the value). */
function preferTargets(hits: Hit[]): Hit[] {
  return hits
    .map((h) => (h.doc.kind === 'target' ? { ...h, score: h.score + 0.02 } : h))
    .sort((a, b) => b.score - a.score);
}

/** The target and its siblings: the same metric in the same place for other years ("2012年50%, 2015年58%"). */
function targetLines(c: Ctx, t: Target, allYears = !c.q.targetYear): Array<{ line: string; source: Source }> {
  // The same metric's other years help — unless the question asked for one year (92% for 2023 is not
  // the answer to "2025年…多少").
  const siblings = !allYears
    ? []
    : c.kb.targets.filter((x) => x.file === t.file && x.metric === t.metric && x.source.path.join() === t.source.path.join() && x.id !== t.id && x.year !== t.year);
  // "…突破4万家,力争达到5万家": the stretch goal of the same measure and year is part of the answer.
  const striven = (x: Target) => /^(力争|争取|努力)/.test(x.source.quote.trim());
  const stretch = c.kb.targets.filter((x) => x.file === t.file && x.metric === t.metric && x.year === t.year && x.id !== t.id && x.source.path.join() === t.source.path.join() && striven(x) !== striven(t));
  // (The goal that must be met first, then the one striven for.)
  const stretched = stretch.length ? [t, stretch[0]].sort((a, b) => Number(striven(a)) - Number(striven(b))) : [t];
  return [...stretched, ...siblings.slice(0, 2)].sort((a, b) => (a.year ?? 0) - (b.year ?? 0)).map((x) => targetLine(c, x));
}

function targetLine(c: Ctx, t: Target): { line: string; source: Source } {
  // One year of a series ("逐年达到89%、90%、91%"): that year's value, then the clause it is read from.
  // (The other years' values are left out: the year asked for is the answer.)
  const series = /[\d.]+\s*%?(?:\s*、\s*[\d.]+\s*%?)+/.exec(t.source.quote)?.[0].split('、').map((v) => v.trim());
  const ofSeries = t.year && !t.valueText.includes('、') && series && series.length >= 2 && series.some((v) => t.valueText.startsWith(v));
  if (ofSeries && c.q.targetYear) {
    return { line: `${c.label(t.file)}: ${t.metric}${t.year}年达到${t.valueText}(逐年目标之一)${c.cite(t.source)}`, source: t.source };
  }
  // (No year asked: the whole series, from the metric to its last value, with the years it spans.)
  if (ofSeries) {
    const q = t.source.quote;
    const from = q.indexOf(t.metric);
    const run = /[\d.]+\s*%?(?:\s*、\s*[\d.]+\s*%?)+/.exec(q.slice(Math.max(0, from)));
    if (from >= 0 && run) {
      // (The years open the sentence the clause is in: "2015—2017年,工业产品…,食品…逐年达到…".)
      const passage = c.p.byFile.get(t.file)?.passages.find((p) => p.text.includes(q))?.text ?? q;
      const start = passage.lastIndexOf('。', passage.indexOf(q)) + 1;
      const lead = LEAD_YEARS.exec(passage.slice(start).trim())?.[0] ?? '';
      return { line: `${c.label(t.file)}: ${lead}${q.slice(from, from + run.index + run[0].length)}${c.cite(t.source)}`, source: t.source };
    }
  }
  let quote = focusTarget(t.source.quote.replace(/[。;,]$/, ''), t.metric, t.valueText);
  // ("…计量标准数量达到350项,…,研制标准物质10项": of a clause list with other figures, the clause of this one.)
  const parts = quote.split(/(?<=[,，;；])/);
  const own = parts.find((p) => p.includes(t.valueText));
  if (own && parts.length > 1 && parts.some((p) => p !== own && /\d/.test(p)) && (own.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 4) quote = own.replace(/[,，;；]$/, '');
  // ("欠进度的有17个,占总任务的7.7%": the share that follows a count in the plan's sentence goes with it.)
  const passage = c.p.byFile.get(t.file)?.passages.find((p) => p.text.includes(t.source.quote));
  if (passage && quote.endsWith(t.valueText)) {
    const after = passage.text.slice(passage.text.indexOf(t.source.quote) + t.source.quote.length);
    const share = /^[,，]\s*占[^,，。;；]{0,12}?[\d.]+\s*%/.exec(after)?.[0];
    if (share) quote += share;
  }
  const clause = quote.includes(t.metric) ? quote : `${t.metric}: ${quote}`;
  const year = t.year && !clause.includes(String(t.year)) ? yearNote(passage?.text ?? t.source.quote, t.year) : '';
  return { line: `${c.label(t.file)}: ${clause}${year}${c.cite(t.source)}`, source: t.source };
}

export function sentenceLine(c: Ctx, h: Hit, toks?: string[]): { line: string; source: Source } {
  return sentenceLineAt(c, h.doc.index, toks);
}

function sentenceLineAt(c: Ctx, index: number, asked?: string[]): { line: string; source: Source } {
  const ref0 = c.p.sentences[index];
  // (A sentence that sets figures for several years, asked for one: only what it sets for that year.)
  const ref = c.q.targetYear ? { ...ref0, text: yearSpan(ref0.text, c.q.targetYear) } : ref0;
  const passage = c.kb.passages[ref.passage];
  const clause = figureClause(ref.text, asked ?? tokens(c.q.content), c.q.text, c.q.unit);
  // (A clause cut from its sentence keeps the sentence's opening years: "2015—2017年,…逐年达到91%、92%、93%".)
  const lead = clause && !/\d{4}\s*年/.test(clause) ? LEAD_YEARS.exec(ref.text.trim())?.[0] : null;
  const text = clause ? `${lead ?? ''}${clause}` : focus(ref.text, tokens(c.q.content));
  // The year is often stated once for the paragraph: take it from the targets this sentence states.
  // (Of the targets stated in these words — "力争…增长15%" for 2015 and for 2017 — the one whose year the
  // sentence names.)
  const stated = /\d{4}年/.test(text) ? [] : c.kb.targets.filter((t) => t.file === passage.file && t.year && ref0.text.includes(t.source.quote));
  const year = (stated.find((t) => ref0.text.includes(`${t.year}年`)) ?? stated[0])?.year;
  const note = year ? yearNote(passage.text, year) : '';
  return { line: `${c.label(passage.file)}: ${text}${note}${c.cite(passage)}`, source: { ...passage, quote: text } };
}

/**
 * "到2015年,…总量达到1400亿元…;到2017年,…总量达到2000亿元": the part of a sentence that sets figures for the
 * year asked, from that year's mention to the next year's; the whole sentence when it names one year only.
 */
export function yearSpan(text: string, year: number): string {
  const marks = [...text.matchAll(/(?:力争到|力争|到|至)?\s*((?:19|20)\d{2})\s*年(?:底|末)?/g)];
  const years = new Set(marks.map((m) => Number(m[1])));
  if (years.size < 2 || !years.has(year)) return text;
  const at = marks.findIndex((m) => Number(m[1]) === year);
  const next = marks.slice(at + 1).find((m) => Number(m[1]) !== year);
  return text.slice(marks[at].index, next?.index ?? text.length).replace(/[,，;；、]\s*$/, '');
}

/**
 * The year a target is set for, as its plan writes it when that says more than the year: "到2023年底" is
 * the end of 2023 (a deadline question needs that), "(目标年份2025年)" when the plan says 到2025年.
 */
function yearNote(text: string, year: number): string {
  const written = new RegExp(`(?:到|至)?\\s*${year}\\s*年\\s*(?:底|末|年底|年末)`).exec(text)?.[0].replace(/\s+/g, '');
  return written ? `(目标年份: ${written})` : `(目标年份${year}年)`;
}

/** In a clause listing several targets ("创A3个、B达到22个、C达到100件"), the part about this one. */
/** The years a sentence opens with: "2015—2017年,", "2021年-2023年,", "到2025年底,". */
const LEAD_YEARS = /^(?:到|至|力争到|力争)?\s*\d{4}(?:\s*年?\s*[—\-~至到]\s*\d{4})?\s*年(?:底|末)?[,，]?/;

/**
 * "…计量标准数量达到350项,…,研制标准物质10项" asked for 标准物质: of a sentence that sets several figures, the
 * clause (or list item) with the asked words and a figure — the others' figures are not the answer.
 */
function figureClause(text: string, toks: string[], question = '', unit: string | null = null): string | null {
  // (Two figures asked — "申请注册多少,核准多少" — are answered by the whole sentence.)
  if ((question.match(/多少|几/g)?.length ?? 0) >= 2) return null;
  if (!/多少|几|比例|比重|率|达到|目标|数量/.test(question)) return null;
  const score = (p: string) => toks.filter((t) => p.includes(t)).length;
  // (A figure in the unit asked for — "多少个乡镇": "60个", not the hotline "12315".)
  const FIGURE = unit ? figureInUnit(unit) : /\d|为零/;
  const pick = (parts: string[]) => {
    const withFigure = parts.filter((p) => FIGURE.test(p));
    if (withFigure.length < 2) return null;
    // (The clause the question's words point to states no figure — "增速超过全市平均水平": nothing is cut.)
    const top = parts.reduce((a, b) => (score(b) > score(a) ? b : a));
    if (!FIGURE.test(top) && score(top) > Math.max(...withFigure.map(score))) return null;
    // (On a tie, the part with least else in it: "15个国家地理标志保护产品" over "3个国家农产品地理标志登记保护产品".)
    const best = withFigure.reduce((a, b) => (score(b) > score(a) || (score(b) === score(a) && b.length < a.length) ? b : a));
    return score(best) > 0 && withFigure.filter((p) => score(p) === score(best) && p.length === best.length).length === 1 ? best : null;
  };
  const parts = text.split(/(?<=[,，;；])/);
  let clause = pick(parts) ?? (parts.length === 1 ? parts[0] : null);
  if (!clause) return null;
  // (A clause that still lists several figures, "培育2个…示范区、15个…保护产品、3个…": its item.)
  // (Not a series of one metric's yearly values: "逐年达到91%、92%、93%".)
  const item = /\d\s*%?\s*、\s*\d/.test(clause) ? null : pick(clause.split(/(?<=、)/));
  // (One clause and no item picked: nothing was cut.)
  if (!item && parts.length === 1) return null;
  clause = (item ?? clause).replace(/[,，;；、。]$/, '').trim();
  return (clause.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 4 ? clause : null;
}

export function focusTarget(quote: string, metric: string, valueText: string, minLength = 40): string {
  if (quote.length <= minLength) return quote;
  const m = quote.indexOf(metric);
  const v = m >= 0 ? quote.indexOf(valueText, m) : -1;
  if (v < 0) return quote;
  return quote.slice(m, v + valueText.length);
}
