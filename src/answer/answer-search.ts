import type { Answer, Ctx } from './answer-context.ts';
import { bestPerPlan, isTitleLine, MATCH } from './answer-context.ts';
import { sourceOf } from './answer-cross-plan.ts';
import { citation, focus, short } from './format.ts';
import { tokens } from '../kb/text-tokens.ts';
import { isQuantity } from './answer-target.ts';
import { askedAct, askedAttribute, ASKS_STEPS, statesAskedFigure, statesAttribute, type AskedAttribute } from './answerability.ts';
import type { Hit } from '../kb/search-index.ts';
import type { Source } from '../kb/records.ts';
import { rankByBm25 } from '../kb/sentence-rank.ts';

/**
 * The last resort: the best matching record or sentence, quoted with its source — and, when nothing
 * matches well enough, an honest "not in the plans" with the closest items.
 */

export function answerSearch(c: Ctx): Answer | null {
  // A question for a number is answered by a sentence or target with one (in the unit asked for).
  const attr = askedAttribute(c.q.text);
  const quantity = c.q.intent === 'target' || attr === 'quantity' || attr === 'money';
  let found = c.search(quantity ? ['sentence', 'target'] : ['sentence', 'task', 'target', 'duty', 'report', 'phase'], c.q.topic);
  if (quantity) found = found.filter((h) => isQuantity(c, h));
  // Only records that state what is asked (a date for "什么时候", an owner for "谁负责" …). A plan's own
  // title line shares the question's words and answers nothing.
  // "会上签订了什么": only what states that act (not the headline that names the meeting).
  const act = askedAct(c.q.text);
  found = found.filter((h) => recordStates(c, h, attr) && (!act || sourceOf(c, h).quote.includes(act)));
  // A year asked for: what states that year comes first, and is shown with it.
  const year = c.q.targetYear;
  if (year) {
    const inYear = found.filter((h) => sourceOf(c, h).quote.includes(`${year}`) || (h.doc.kind === 'target' && c.kb.targets[h.doc.index].year === year));
    if (inYear.length) found = inYear;
  }
  // "考核有哪几个环节": a sentence that lists them ("目标备案、自我评价、实地核查…等工作") comes first.
  if (ASKS_STEPS.test(c.q.text)) {
    const listing = found.filter((h) => ENUMERATION.test(sourceOf(c, h).quote));
    if (listing.length) found = listing;
  }
  const hits = bestPerPlan(found, MATCH + 0.1);
  if (hits.length === 0) return null;
  // "各市局要做哪些工作": what one plan asks is often said over several sentences — the close runners-up
  // of that plan come along (three at most), not only its best.
  const several = hits.length === 1 && (c.q.intent === 'duties' || ASKS_WHAT_TO_DO.test(c.q.text));
  const top = several ? found.filter((h) => h.doc.file === hits[0].doc.file && h.coverage >= hits[0].coverage - 0.15).slice(0, 3) : hits.slice(0, 2);
  const shown = top.map((h) => sourceOf(c, h));
  // (A task's or duty's whole text, not its source quote cut at 120 characters: what answers may be
  // past the cut — "…不按时报送的要加大通报力度".)
  const whole = (h: Hit, s: (typeof shown)[number]) => (h.doc.kind === 'task' ? c.kb.tasks[h.doc.index].text : h.doc.kind === 'duty' ? c.kb.duties[h.doc.index].text : s.quote);
  const lines = shown.map((s, i) => `${c.label(s.file)}: ${itemBody(c, s) ?? listed(c, s.quote) ?? rosterRun(c, top[i]) ?? listAfterColon(c, top[i]) ?? focus(whole(top[i], s), tokens(c.q.topic), year ? 200 : 120)}${c.cite(s)}`);
  return c.answer(lines.join('\n'), shown);
}

const KIND_WORDS: Record<string, string> = {
  owner: '责任单位',
  target: '目标数值',
  deadline: '完成时限',
  duties: '职责',
  schedule: '阶段安排',
  reporting: '报告要求',
  cross_plan: '内容',
  search: '内容',
  help: '内容',
};

/** What opens the closest text a refusal offers. */
export const NEAR_HEAD = '相近的原文';

export function refusal(c: Ctx): Answer {
  const topic = c.q.content ? `“${short(c.q.content, 20)}”的` : '';
  const head = `在${c.scopeLabel()}中没有找到${topic}${KIND_WORDS[c.q.intent]}, 方案未明确的内容我不会推测。`;
  return withNearText(c, c.answer(head, [], false));
}

/**
 * A refusal with the closest text the plans in scope hold, quoted far enough to read it and cited; the
 * answer stays a refusal (the question's fact was not found as asked). Within a chat-sized reply: texts
 * are added while the whole stays under the context's budget.
 */
export function withNearText(c: Ctx, refused: Answer): Answer {
  const near: Source[] = [];
  const quoted: string[] = [];
  let length = refused.answer.length + 20;
  const asked = tokens(c.q.content);
  for (const s of nearText(c)) {
    const line = `${c.label(s.file)}「${focus(s.quote, asked, 90)}」${c.cite(s)}`;
    if (length + line.length > c.nearBudget) continue;
    near.push(s);
    quoted.push(line);
    length += line.length + 2;
  }
  if (!near.length) return refused;
  return { ...refused, answer: `${refused.answer}\n${NEAR_HEAD}(请核对是否回答了问题): ${quoted.join('; ')}`, citations: [...refused.citations, ...near.map(citation)] };
}

/** At most this many texts are offered with a refusal (within its Ctx.nearBudget). */
const NEAR_MAX = 4;
/** Above this many texts in scope, only the search index's best candidates are ranked. */
const NEAR_EXHAUSTIVE = 3000;

/**
 * What a refusal offers: the records and sentences that share most of the question's words (the index's
 * coverage), then those a plain BM25 over characters ranks best in the plans in scope — so the text that
 * does answer a question worded unlike the plan is never worse placed than a retrieval bot would place it.
 * Only text that states the kind of fact asked for a sum of money, a date, a phone or an e-mail (a budget
 * question is not offered sentences without one).
 */
function nearText(c: Ctx): Source[] {
  const attr = askedAttribute(c.q.text);
  const strict = ['money', 'date', 'phone', 'email'].includes(attr);
  const byCoverage = c
    .search(['task', 'target', 'duty', 'sentence'], c.q.content, 5)
    .filter((h) => h.coverage >= 0.3 && (!strict || recordStates(c, h, attr)))
    .slice(0, 2)
    .map((h) => sourceOf(c, h));
  const out = [...byCoverage];
  // (A figure asked for: only text that states one in the asked unit — "合格率" is not offered "50万批次" —
  // and, for a rate, the rate with the words that make it one: "森林覆盖率" is not "认证证书覆盖率".)
  const rate = /[\u4e00-\u9fff]{2}[\u4e00-\u9fff]{1,2}率/.exec(c.q.content)?.[0] ?? null;
  const quantity = !strict && (attr === 'quantity' || c.q.intent === 'target');
  for (const s of rankedInScope(c)) {
    if (out.length >= NEAR_MAX) break;
    // (Not again, nor inside or around a text already offered.)
    if (out.some((o) => o.quote.includes(s.quote) || s.quote.includes(o.quote))) continue;
    if (strict && !statesAttribute(attr, s.quote)) continue;
    if (quantity && (!statesAskedFigure(c.q.text, s.quote, tokens(c.q.topic)) || (rate && !s.quote.includes(rate)))) continue;
    out.push(s);
  }
  return out;
}

/** The sentences and task lines of the plans in scope, best first by BM25 over characters (six at most). */
function rankedInScope(c: Ctx): Source[] {
  type Candidate = { text: string; hit?: Hit; source: () => Source };
  const ofHit = (h: Hit): Candidate => ({ text: h.doc.kind === 'task' ? c.kb.tasks[h.doc.index].source.quote : h.doc.text, hit: h, source: () => sourceOf(c, h) });
  let candidates: Candidate[];
  const ids = c.sentenceIds();
  const tasks = c.files ? [...c.files].flatMap((f) => c.p.byFile.get(f)?.tasks ?? []) : c.kb.tasks;
  if (ids.length + tasks.length <= NEAR_EXHAUSTIVE) {
    candidates = ids.map((i) => ofHit({ doc: { kind: 'sentence', file: c.kb.passages[c.p.sentences[i].passage].file, index: i, text: c.p.sentences[i].text }, coverage: 0, score: 0 }));
    for (const t of tasks) candidates.push({ text: t.source.quote, source: () => t.source });
  } else {
    candidates = c.search(['sentence', 'task'], c.q.content, 120).map(ofHit);
  }
  // (A plan's own title line shares the question's words and answers nothing.)
  return rankByBm25(
    candidates.map((x) => x.text),
    c.q.text,
    12,
  )
    .map((r) => candidates[r.index])
    .filter((x) => !x.hit || !isTitleLine(c, x.hit))
    .slice(0, 6)
    .map((x) => x.source());
}

/** A task states its owner and deadline in its fields; other records and sentences in their text. */
function recordStates(c: Ctx, h: Hit, attr: AskedAttribute): boolean {
  if (h.doc.kind === 'task') {
    const t = c.kb.tasks[h.doc.index];
    if (attr === 'owner') return t.units.length > 0;
    if (attr === 'date' && t.deadline) return true;
  }
  if (h.doc.kind === 'target' && (attr === 'quantity' || attr === 'money')) return true;
  const quote = sourceOf(c, h).quote;
  if (attr === 'quantity' && !statesAskedFigure(c.q.text, quote, tokens(c.q.topic))) return false;
  return statesAttribute(attr, quote);
}

/** A sentence found, shown with the list or the explanation that completes it (null when it has none). */
export function completedSentence(c: Ctx, h: Hit): string | null {
  const s = sourceOf(c, h);
  return itemBody(c, s) ?? listAfterColon(c, h);
}

/**
 * "申报材料…包括:A;B;C;…。": a sentence that opens a list after a colon and ends its first item with ";"
 * is shown with the items that follow it in its passage, up to the sentence that closes the list.
 */
function listAfterColon(c: Ctx, h: Hit): string | null {
  if (h.doc.kind !== 'sentence') return null;
  const first = c.p.sentences[h.doc.index];
  // ("填写《…要点表》。其中,具体内容应简明扼要…": a sentence that says what the one before holds goes with it.)
  const next = c.p.sentences[h.doc.index + 1];
  if (next && next.passage === first.passage && /^(其中|具体(来说|而言|要求)?|主要包括|即)[,，:：]?/.test(next.text) && first.text.length + next.text.length <= 320) return first.text + next.text;
  if (!/[:：][^:：]{2,80}[;；]$/.test(first.text)) return null;
  const items = [first.text];
  let length = first.text.length;
  for (let k = h.doc.index + 1; k < c.p.sentences.length && items.length < 8; k++) {
    const next = c.p.sentences[k];
    if (next.passage !== first.passage || length + next.text.length > 320) break;
    items.push(next.text);
    length += next.text.length;
    if (!/[;；]$/.test(next.text)) break;
  }
  return items.length > 1 ? items.join('') : null;
}

/**
 * "项目承担单位及时将下列材料装订成册后上报:" / "1.项目实施自我评价报告;" / "2.…": the numbered items after the
 * sentence `quote` that announces them (下列/以下/如下 … :), joined, up to `max` characters — or null.
 */
export function itemsAfter(c: Ctx, file: string, quote: string, max = 240): string | null {
  const ids = c.p.byFile.get(file)?.sentences ?? [];
  const text = quote.trim();
  const at = ids.findIndex((i) => c.p.sentences[i].text.length >= 8 && text.endsWith(c.p.sentences[i].text.trim()));
  if (at < 0) return null;
  const items: string[] = [];
  let length = 0;
  // (The items may be the next sentences of the same run-on line or the next lines.)
  // (An item's number may be kept as its passage's ref, not in its text: then each item is a short
  // passage of its own, ending with ; — the last with 。.)
  let passage = c.p.sentences[ids[at]].passage;
  for (const i of ids.slice(at + 1, at + 9)) {
    const t = c.p.sentences[i].text.trim();
    const own = c.p.sentences[i].passage !== passage && t.length <= 80 && /[;；。]$/.test(t);
    if (!(ITEM.test(t) || own) || length + t.length > max) break;
    items.push(t);
    length += t.length;
    passage = c.p.sentences[i].passage;
    if (/。$/.test(t)) break;
  }
  return items.length ? items.join(' ') : null;
}

/** A roster line's role: "副组长:罗 文 市场监管总局局长", "成 员:毛定之 …". */
const ROSTER_ROLE = /^(?:常务)?副?(?:组\s*长|主\s*任|指\s*挥\s*长|召\s*集\s*人)\s*[:：]|^成\s*员\s*[:：]|^(?:组|委)\s*员\s*[:：]/;

/**
 * "副组长:罗 文 市场监管总局局长" / "王志清 国务院副秘书长" / "林念修 …": a roster names one person a line, the
 * role only on the first — the role's line and the unlabelled lines after it (up to the next role).
 */
function rosterRun(c: Ctx, h: Hit): string | null {
  if (h.doc.kind !== 'sentence') return null;
  const first = c.p.sentences[h.doc.index];
  if (!ROSTER_ROLE.test(first.text.trim())) return null;
  const names = [first.text.trim()];
  for (let k = h.doc.index + 1; k < c.p.sentences.length && names.length < 12; k++) {
    const next = c.p.sentences[k];
    const t = next.text.trim();
    if (c.kb.passages[next.passage].file !== c.kb.passages[first.passage].file || next.passage === c.p.sentences[k - 1].passage) break;
    if (/[:：。;；,，]/.test(t) || t.length > 40) break;
    names.push(t);
  }
  return names.length > 1 ? names.join('; ') : null;
}

/** Three or more short items in a row: "目标备案、自我评价、实地核查、综合考核". */
const ENUMERATION = /(?:[\u4e00-\u9fff]{2,8}、){2,}[\u4e00-\u9fff]{2,8}/;

/** The list a steps question asks for, with a little of the sentence around it. */
function listed(c: Ctx, quote: string): string | null {
  const m = ASKS_STEPS.test(c.q.text) ? ENUMERATION.exec(quote) : null;
  if (!m) return null;
  const from = Math.max(0, m.index - 30);
  const to = Math.min(quote.length, m.index + m[0].length + 20);
  return `${from > 0 ? '…' : ''}${quote.slice(from, to)}${to < quote.length ? '…' : ''}`;
}

/** What to do under a heading: "完善监管检查机制。" asked with 要做什么 is answered by the sentences after it. */
const ASKS_WHAT_TO_DO = /(做|干|抓|办)(什么|啥|哪些)|具体(内容|措施|要求)|有哪些(措施|举措|内容|要求)|怎么(做|干|办|抓)|如何(做|推进|落实|开展)/;

/** A sentence that opens a list: "评审委员会的主要职责是:", "主要任务如下:". */
const OPENS_LIST = /(职责|任务|职能|内容|措施|要求|工作)(主要)?(是|为|如下|包括)[:：]|(主要)?(工作)?(职责|任务|职能)\s*[:：]|下列[\u4e00-\u9fff]{0,10}(职责|任务|职能|内容|措施|要求|事项|责任|工作)[:：]/;
/** An item's number where a line starts: (一) / 1. / 一是. */
const ITEM = /^\s*([(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}是)/;

function itemBody(c: Ctx, s: ReturnType<typeof sourceOf>): string | null {
  const mine = c.p.byFile.get(s.file)?.passages ?? [];
  const own = mine.find((p) => p.line === s.line);
  const marker = (p: (typeof mine)[number]) => {
    const ref = p.ref?.split(/[>\s]/).pop() ?? '';
    // (An item's number is kept as its ref without its mark: "1" for "1、".)
    if (/^(\d{1,2}|[一二三四五六七八九十]{1,3})$/.test(ref)) return `${ref}、`;
    return ref && ITEM.test(ref) ? ref : ITEM.test(p.text) ? '' : null;
  };
  // (The list may open in the next sentence of the line: "第二条 设立评审委员会。评审委员会的主要职责是:".)
  let introText = OPENS_LIST.test(s.quote) ? s.quote : own && /[:：]\s*$/.test(own.text) && OPENS_LIST.test(own.text) ? own.text : s.quote;
  let start = s.line;
  const asksList = ASKS_WHAT_TO_DO.test(c.q.text) || /职责|职能|任务|干什么|做什么/.test(c.q.text);
  // The sentence found may be an item itself: its list's lead-in is the line above its first sibling
  // ("第四条 X应当履行下列职责:" / "(一)…" / "(二)…").
  if (asksList && !OPENS_LIST.test(introText) && own && marker(own) !== null) {
    const above = mine.filter((p) => p.line < s.line && p.line >= s.line - 24).sort((a, b) => b.line - a.line);
    for (const p of above) {
      if (/[:：]\s*$/.test(p.text) && OPENS_LIST.test(p.text)) {
        introText = p.text;
        start = p.line;
        break;
      }
      if (marker(p) === null) break;
    }
  }
  const intro = OPENS_LIST.exec(introText);
  if (intro && asksList) {
    // The items on the lines after it, in order, while they are items ("(一)…", "1.…") — blank lines
    // between them are no end.
    const after = mine.filter((p) => p.line >= start).sort((a, b) => a.line - b.line);
    const items: string[] = [];
    let line = start;
    for (const p of after) {
      const m = marker(p);
      if (p.line > line + 3 || m === null || (p.line === start && OPENS_LIST.test(p.text))) {
        if (p.line === start) continue;
        break;
      }
      // (Text after the list keeps the last item's number: "第三条…" under (三) is no item.)
      if (m && items.some((i) => i.startsWith(m))) break;
      // (The heading the lead-in repeats — "二、主要工作职责" under "主要工作职责:" — is no item.)
      if (p.text.trim().length <= 12 && introText.includes(p.text.trim().replace(/[:：]$/, ''))) continue;
      items.push(`${m}${p.text.trim()}`);
      line = p.line;
    }
    if (items.length >= 2) return short(`${introText.slice(0, intro.index + intro[0].length)}${items.join('')}`, 400);
  }
  const title = s.quote.trim().replace(/[。;；]$/, '');
  // (A heading alone — "细化任务抓落实。" — answers nothing: the sentences under it do.)
  if ((!ASKS_WHAT_TO_DO.test(c.q.text) && title.length > 12) || title.length > 30) return null;
  const body = own && own.text.startsWith(title) && own.text.length > title.length + 8 ? own.text : null;
  return body ? short(body, 260) : null;
}
