import type { Answer, Ctx } from './answer-context.ts';
import { bestPerPlan, MATCH } from './answer-context.ts';
import { completedSentence } from './answer-search.ts';
import { sourceOf } from './answer-cross-plan.ts';
import { askedAct, statesAskedEvent, statesAskedFigure, askedAttribute, askedPersonAct, asksForPointInTime, ASKS_DAY, ATTRIBUTE_WORDS, STATES_DAY, CITED_DOCUMENT, figureInUnit, measureSubject, namesAskedRole, statesAttribute, statesOwner, statesPersonAct } from './answerability.ts';
import { focus } from './format.ts';
import { withLeadIn } from './answer-passages.ts';
import { askedDocAttributes, withoutTitles } from './answer-doc-facts.ts';

import { tokens } from '../kb/text-tokens.ts';
import type { Hit } from '../kb/search-index.ts';

/** A goal's horizon in a sentence: 到2025年, 2025年底前, or a sentence that opens with its year. */
const HORIZON = /(?:到|至|力争|争取|确保)\s*(?:19|20)\d{2}\s*年(?!\s*\d{1,2}\s*月)|(?:19|20)\d{2}\s*年(?:底|末)?\s*(?:前|以前)|^[^。]{0,12}?(?:19|20)\d{2}\s*年\s*(?:底|末)?\s*[,，]/;

/**
 * The retrieval floor: when no record answers, the plan's own sentence that covers the question and
 * states what it asks for (a person, an owner, a number, a date, a contact …) is quoted with its
 * source. A sentence that only shares words with the question, or states another year or unit than
 * the one asked, is not an answer — then the question is refused.
 */

/** How much of the question a sentence must cover: when the plan is named, and when it is not. */
const NAMED = MATCH;
const UNNAMED = MATCH + 0.1;
const SHOWN = 2;

export function answerFromEvidence(c: Ctx): Answer | null {
  if (c.q.intent === 'help' || c.q.intent === 'cross_plan') return null;
  const attr = askedAttribute(c.q.text);
  // The plan's own 文号 is a record; a sentence can only give another document's.
  if (attr === 'docNo' && !CITED_DOCUMENT.test(withoutTitles(c.q.text, c.scopeTitles()))) return null;
  const query = c.q.topic.replace(ATTRIBUTE_WORDS, ' ').trim() || c.q.topic;
  if (tokens(query).length === 0) return null;
  // A question for the year a plan's goals are set for is answered by a horizon (到2025年, 2025年底前),
  // not by any date ("征求意见时间为…至2025年6月28日").
  const horizon = askedDocAttributes(c.q.text).includes('goalYear');
  const pointInTime = asksForPointInTime(c.q.text);
  const asksDay = ASKS_DAY.test(c.q.text);
  const bodyKind = /哪(?:个|一个|家)(局|委|办|厅)(?![\u4e00-\u9fff])/.exec(c.q.text)?.[1];
  const namesKind = bodyKind ? new RegExp(`[\u4e00-\u9fff]${bodyKind}(?![长])`) : null;
  const ok = (h: Hit) => {
    const text = withLeadIn(c, h.doc.index);
    if (horizon && !HORIZON.test(text)) return false;
    if (!namesAskedRole(c.q.text, text)) return false;
    if (attr === 'quantity' && !statesAskedFigure(c.q.text, text, tokens(query))) return false;
    // ("截止时间是哪天": a day, not "每两年评选一次".)
    if (asksDay && !STATES_DAY.test(text)) return false;
    // ("牵头单位是哪个局": a sentence that says who leads, naming a 局 — not "区政府发布《…》以来".)
    if (attr === 'owner' && !statesOwner(text)) return false;
    if (attr === 'owner' && namesKind && !namesKind.test(text)) return false;
    return statesAttribute(attr, text, pointInTime) && agreesWithQuestion(c, text) && statesAskedEvent(c.q.text, text);
  };
  const min = c.files ? NAMED : UNNAMED;
  // The words of the plan's own title name the plan, not the sentence asked for ("青石市…领导小组第一次会议
  // 上签订了什么" of the report on that meeting): a sentence that covers the rest of the question first.
  const ownBest = (): Hit[] => {
    const all = tokens(query);
    const titleWords = new Set(c.scopeTitles().flatMap((t) => tokens(t ?? '')));
    const own = all.filter((t) => !titleWords.has(t));
    return c.files && own.length > 0 && own.length < all.length ? bestPerPlan(c.search(['sentence'], own.join(' '), 60).filter(ok), min) : [];
  };
  const found = c.search(['sentence'], query, 60);
  // "会上签订了什么" / "印发了哪些文件": the act asked about is the sentence's own — of the plan's sentences
  // that state it, the one covering most of the rest.
  const act = askedAct(c.q.text);
  const acting = c.files && act ? actingSentence(c, act, query, ok) : [];
  const chosen = acting.length ? acting : ownBest();
  const hits = chosen.length ? chosen : found.filter(ok);
  const best = chosen.length ? chosen : bestPerPlan(hits, min);
  if (best.length === 0) return attr === 'date' || attr === 'quantity' || attr === 'money' ? fromNeighbour(c, found, attr, query, min, pointInTime) : null;
  // Within the best plan, a second sentence that covers the question nearly as well is shown too.
  const top = best[0];
  const also = hits.find((h) => h !== top && h.doc.file === top.doc.file && h.coverage >= top.coverage - 0.05);
  const shownHits = best.length > 1 ? best.slice(0, SHOWN) : also ? [top, also] : [top];
  const shown = shownHits.map((h) => sourceOf(c, h));
  const toks = tokens(query);
  // (A "what" question is shown the whole list or explanation the sentence opens.)
  const lines = shown.map((s, i) => `${c.label(s.file)}: ${(attr === 'text' ? completedSentence(c, shownHits[i]) : null) ?? withDate(attr, s.quote, focus(s.quote, toks, 160))}${c.cite(s)}`);
  return c.answer(lines.join('\n'), shown);
}

/** Of the sentences in scope that state the act, the one sharing most of the question's words (at least two). */
function actingSentence(c: Ctx, act: string, query: string, ok: (h: Hit) => boolean): Hit[] {
  const want = new Set(tokens(query));
  let best: { h: Hit; n: number } | null = null;
  for (const h of c.search(['sentence'], act, 60)) {
    if (!c.p.sentences[h.doc.index].text.includes(act) || !ok(h)) continue;
    const n = tokens(c.p.sentences[h.doc.index].text).filter((t) => want.has(t)).length;
    if (n >= 3 && (!best || n > best.n)) best = { h, n };
  }
  return best ? [best.h] : [];
}


/**
 * The sentence that covers the question states no date or figure, the next one of its paragraph does
 * ("…开展宣传发动。2021年2月底前,知晓率达90%以上。"): the two together answer, when together they cover
 * nearly all of the question.
 */
function fromNeighbour(c: Ctx, found: Hit[], attr: 'date' | 'quantity' | 'money', query: string, min: number, pointInTime: boolean): Answer | null {
  const want = [...new Set(tokens(query))];
  // (The pair's own coverage is the gate: the sentence alone may cover half of the question.)
  for (const h of bestPerPlan(found, min / 2, 0.2).slice(0, 2)) {
    const i = h.doc.index;
    const here = c.p.sentences[i];
    for (const k of [i + 1, i + 2, i - 1]) {
      const next = c.p.sentences[k];
      if (!next || next.passage !== here.passage || !statesAttribute(attr, next.text, pointInTime) || !agreesWithQuestion(c, next.text)) continue;
      const span = c.p.sentences.slice(Math.min(i, k), Math.max(i, k) + 1);
      if (span.some((x) => x.passage !== here.passage)) continue;
      const pair = span.map((x) => x.text).join('');
      // (The figure must be the asked measure's: a page cut off after "…,公共服务质量监测满意度" is not
      // answered by the figure of the sentence before.)
      if (attr === 'quantity' && !statesAskedFigure(c.q.text, pair, want)) continue;
      if (!statesAskedEvent(c.q.text, pair)) continue;
      const have = new Set(tokens(pair));
      if (want.filter((t) => have.has(t)).length < Math.ceil(want.length * 0.8)) continue;
      const source = sourceOf(c, h);
      const quote = pair.length > 220 ? `${pair.slice(0, 220)}…` : pair;
      return c.answer(`${c.label(source.file)}: ${quote}${c.cite(source)}`, [{ ...source, quote }]);
    }
  }
  return null;
}

/** A date question's excerpt keeps the sentence's date even when the window cut it off ("到2015年,…"). */
function withDate(attr: string, sentence: string, excerpt: string): string {
  if (attr !== 'date' || statesAttribute('date', excerpt.replace(/^…/, ''))) return excerpt;
  const date = /(?:到|至|于|在)?\s*(?:19|20)\d{2}\s*年(?:\d{1,2}\s*月)?(?:底|末)?(?:前)?/.exec(sentence);
  return date ? `${date[0]}…${excerpt.replace(/^…/, '')}` : excerpt;
}

/** A year or unit the question asks about must be the sentence's, not another one. */
export function agreesWithQuestion(c: Ctx, text: string): boolean {
  const year = c.q.targetYear;
  if (year && /\d{4}\s*年/.test(text) && !text.includes(`${year}`)) return false;
  // A question for a sum of money (预算/资金/经费是多少) is answered by an amount in 元, not by any number.
  if (/(预算|资金|经费|奖励|补助|补贴|投资|投入|费用)(总额|金额|规模)?(是|为|有|共|大概)?多少/.test(c.q.text) && !/\d\s*(万|亿)?元/.test(text)) return false;
  const unit = c.q.unit;
  // (A count in words counts: "分解为五个方面".)
  if (unit && askedAttribute(c.q.text) === 'quantity' && !figureInUnit(unit, true).test(text)) return false;
  // "批发零售业…增加值要突破多少": a sentence about another sector's 增加值 does not answer, when the plans
  // in scope do speak of the sector asked about.
  const subject = ['quantity', 'money'].includes(askedAttribute(c.q.text)) ? measureSubject(c.q.text) : null;
  if (subject) {
    const words = tokens(subject).filter((t) => !t.startsWith('+') && t.length >= 2);
    // (Whether the plans speak of it: the indexed search for it, run once per question — not a scan of
    // every sentence in scope.)
    if (words.length && !words.some((w) => text.includes(w)) && c.search(['sentence'], subject, 5).some((h) => words.some((w) => h.doc.text.includes(w)))) return false;
  }
  return true;
}

/**
 * "以啥为标准" / "以什么为重点" / "主题是啥": the plan's sentence in that frame ("以《…细则》为标准",
 * "活动主题为“…”"), the one sharing most of the question's other words.
 */
const FRAME_QUESTION =
  /以(?:啥|什么|哪个|哪些|何)(?:作)?为([\u4e00-\u9fff]{1,4}?)(?:的|呢|啊)?[?？]?$|(主题|口号|宗旨|主线|定位|格局|方针|理念)(?:是|为)?(?:啥|什么|哪个|咋说的?|怎么说的?|怎么表述的?)?[?？]?$/;

export function answerFrame(c: Ctx): Answer | null {
  const m = FRAME_QUESTION.exec(c.q.text.trim());
  if (!m || !c.files || c.files.size > 3) return null;
  const word = m[1] ?? m[2];
  // "以X为重点", "主题为“…”", "“党委领导、政府主导…”的质量工作格局".
  const frame = new RegExp(`以(?:(?![以为])[^。;；]){2,60}为(?:${word})|${word}(?:是|为|:|：)\\s*[“"《]|“[^”]{2,80}”(?:的)?[\\u4e00-\\u9fff]{0,6}${word}|(?:把握|坚持|围绕|突出|紧扣|聚焦|构建|形成|树立)[^。;；,，]{2,40}${word}`);
  const toks = new Set(tokens(c.q.content.replace(word, ' ')));
  const found = c.sentenceIds().filter((i) => frame.test(c.p.sentences[i].text));
  if (found.length === 0) return null;
  const best = c.mostShared(found, toks);
  const ref = c.p.sentences[best];
  const passage = c.kb.passages[ref.passage];
  // The frame with a little of what surrounds it.
  const hit = frame.exec(ref.text)!;
  // (From the clause before it too, when the question asks two frames: "以什么为抓手、以什么为手段".)
  const two = (c.q.text.match(/以(?:啥|什么|哪个|哪些|何)(?:作)?为/g) ?? []).length >= 2;
  const clauseStart = Math.max(0, ...[...ref.text.slice(0, hit.index).matchAll(/[。;；]/g)].map((x) => x.index! + 1));
  const from = two ? Math.max(clauseStart, hit.index - 40) : Math.max(0, hit.index - 10);
  const to = Math.min(ref.text.length, hit.index + hit[0].length + 60);
  const text = `${from > 0 ? '…' : ''}${ref.text.slice(from, to)}${to < ref.text.length ? '…' : ''}`;
  return c.answer(`${c.label(passage.file)}: ${text}${c.cite(passage)}`, [{ ...passage, quote: ref.text }]);
}

/**
 * "会议由谁主持" / "哪位市领导出席并讲话": a report's sentence that names a person doing that act — of the
 * plans in scope, the one whose sentence (with the one before it, which often names the meeting) shares
 * most of the question's words (among many plans, at least three of them).
 */
export function answerPersonAct(c: Ctx): Answer | null {
  const act = askedPersonAct(c.q.text);
  if (!act) return null;
  // (Among many plans, the sentence must name this meeting too.)
  const min = c.files && c.files.size <= 3 ? 0 : 3;
  const want = new Set(tokens(c.q.topic.replace(new RegExp(act, 'g'), ' ')));
  // (The meeting is named in the report's headline and opening, and often in the sentence before.)
  const openings = new Map<string, string>();
  const openingOf = (file: string) => {
    let text = openings.get(file);
    if (text === undefined) {
      const own = c.p.byFile.get(file);
      text = `${own?.plan?.title ?? ''}${(own?.sentences ?? []).slice(0, 2).map((k) => c.p.sentences[k].text).join('')}`;
      openings.set(file, text);
    }
    return text;
  };
  let best: { i: number; score: number } | null = null;
  for (const i of c.sentenceIds()) {
    const s = c.p.sentences[i];
    if (!statesPersonAct(s.text, act)) continue;
    const prev = c.p.sentences[i - 1];
    const window = `${openingOf(c.kb.passages[s.passage].file)}${prev && prev.passage === s.passage ? prev.text : ''}${s.text}`;
    const score = new Set(tokens(window).filter((t) => want.has(t))).size;
    if (!best || score > best.score) best = { i, score };
  }
  if (!best || best.score < min) return null;
  const s = c.p.sentences[best.i];
  const p = c.kb.passages[s.passage];
  return c.answer(`${c.label(p.file)}: ${focus(s.text, [act], 160)}${c.cite(p)}`, [{ ...p, quote: s.text.slice(0, 120) }]);
}

/** A date as a list of them writes it: 6月10日, 2023年1月10日, 7月底. */
const LIST_DATE = /(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末|中旬|上旬|下旬)/g;

/**
 * "于6月10日、11月30日前分别将上半年、全年各项工作完成情况报送…": a list of dates paired by 分别 with a list
 * of things — asked for one of them ("全年…最晚什么时候报"), its own date, quoted with the sentence.
 */
export function answerRespectively(c: Ctx): Answer | null {
  if (askedAttribute(c.q.text) !== 'date' || !c.files || c.files.size > 3) return null;
  for (const i of c.sentenceIds()) {
    const text = c.p.sentences[i].text;
    const at = text.indexOf('分别');
    if (at < 0) continue;
    const dates = [...text.matchAll(LIST_DATE)].map((m) => m[0].replace(/\s+/g, ''));
    if (dates.length < 2) continue;
    const after = /^(?:将|把|就|对)?([^,，。;；]{2,40}?)(?:各项|的|工作|完成|情况|报送|报|送|上报)/.exec(text.slice(at + 2))?.[1];
    const before = /([^,，。;；于在]{2,40})$/.exec(text.slice(0, at).replace(LIST_DATE, '').replace(/[于在前]+$/, ''))?.[1];
    for (const list of [after, before]) {
      const items = list?.split(/[、和及与]/).map((x) => x.trim()).filter(Boolean) ?? [];
      if (items.length !== dates.length) continue;
      const k = items.findIndex((item) => item.length >= 2 && c.q.text.includes(item));
      if (k < 0) continue;
      const p = c.kb.passages[c.p.sentences[i].passage];
      return c.answer(`${c.label(p.file)}: ${items[k]} — ${dates[k]}前(原文: ${text.slice(0, 160)})${c.cite(p)}`, [{ ...p, quote: text.slice(0, 120) }]);
    }
  }
  return null;
}
