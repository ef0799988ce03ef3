import type { Passage, Source } from '../kb/records.ts';
import type { Answer, Ctx } from './answer-context.ts';
import { cnToNumber } from './understand-question.ts';
import { tokens } from '../kb/text-tokens.ts';
import { ASKS_STEPS } from './answerability.ts';

/**
 * Questions about a named part of a plan, at any depth of its outline:
 * - "通化有哪些保障措施" / "中山标准化意见的基本原则有哪些": the part's items (its sub-headings, or its
 *   "一是…二是…" / "1.…2.…" lines);
 * - "基本原则第1条是啥" / "主要任务第一条是什么": the N-th of those items, in full.
 * The part is the heading whose title the question contains (the longest such), so the plan's name or
 * place around it does not matter.
 */

const ASKS_LIST = /有哪些|有什么|是什么|是啥|包括哪些|包括什么|哪几(项|条|个方面)|主要内容/;
const ORDINAL = /第\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*(条|项|点|个方面|方面|部分)/;
/** An item line inside a part without sub-headings: 一是… / 1.… / (1)… / 第一,… */
const ITEM_LINE = /^(?:——|—|•|●|■|◆|[一二三四五六七八九十]+是|\d{1,2}\s*[.、]|\(\d{1,2}\)|[①-⑳]|第[一二三四五六七八九十]+[,，、])/;
const LABEL = /^(?:[一二三四五六七八九十]+\s*、|\(\s*[一二三四五六七八九十]+\s*\)|\d{1,2}\s*[、.]|\(\d{1,2}\)|第[一二三四五六七八九十]+[章节部分条])\s*/;

const titleOf = (heading: string) => heading.replace(LABEL, '').replace(/[。:：\s]+$/, '').trim();

interface Part {
  file: string;
  depth: number;
  heading: string;
  passages: Passage[];
}

/** The heading the question names: its title is in the question (longest first), in the plans in scope. */
function namedPart(c: Ctx, topic: string): Part | null {
  let best: Part | null = null;
  let bestLength = 0;
  for (const file of c.planFiles().slice(0, 3)) {
    const passages = c.p.byFile.get(file)?.passages ?? [];
    const seen = new Set<string>();
    for (const p of passages) {
      p.path.forEach((heading, depth) => {
        const key = `${depth}|${p.path.slice(0, depth + 1).join('>')}`;
        if (seen.has(key)) return;
        seen.add(key);
        const title = titleOf(heading);
        // Short titles name a part only as a whole word of the question (≥ 4 characters, or the whole topic).
        if (title.length < 2 || title.length > 20 || !(topic.includes(title) && (title.length >= 4 || topic === title))) return;
        if (title.length <= bestLength) return;
        const prefix = p.path.slice(0, depth + 1).join('>');
        bestLength = title.length;
        best = { file, depth, heading, passages: passages.filter((x) => x.path.slice(0, depth + 1).join('>') === prefix) };
      });
    }
  }
  return best;
}

interface Item {
  title: string;
  text: string;
  source: Passage;
}

/** A part's items: its sub-headings with their text, or else its item lines. */
function itemsOf(part: Part): Item[] {
  const deeper = part.passages.filter((p) => p.path.length > part.depth + 1);
  if (deeper.length) {
    const items = new Map<string, Item>();
    for (const p of deeper) {
      const key = p.path[part.depth + 1];
      const item = items.get(key);
      if (item) item.text += p.text;
      else items.set(key, { title: key, text: p.text, source: p });
    }
    return [...items.values()];
  }
  const heading = titleOf(part.heading);
  return part.passages
    .filter((p) => titleOf(p.text) !== heading && ITEM_LINE.test(p.text.trim()))
    .map((p) => ({ title: p.text.trim(), text: p.text.trim(), source: p }));
}

const ordinalOf = (s: string): number => Number(/^\d+$/.test(s) ? s : cnToNumber(s));

/** "宜兴方案", or a plan known by its title as that title ("第47届…宣传活动方案", not "…方案方案"). */
const planName = (label: string) => (/(方案|计划|意见|要点|办法|规划|通知|清单|表)$/.test(label) ? label : `${label}方案`);

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

export function answerSectionList(c: Ctx): Answer | null {
  const ordinal = ORDINAL.exec(c.q.text);
  if ((!ordinal && !ASKS_LIST.test(c.q.text)) || c.q.departments.length || c.q.ownDepartment) return null;
  // "第六阶段是什么" asks for a phase, not for a part's items.
  if (!ordinal && /第\s*[一二三四五六七八九十\d]+\s*[\u4e00-\u9fff]/.test(c.q.text)) return null;
  const topic = c.q.text.replace(/\s+/g, '');
  const part = namedPart(c, topic);
  if (!part) return null;
  const items = itemsOf(part);
  const label = c.label(part.file);
  if (ordinal) {
    const n = ordinalOf(ordinal[1]);
    const item = items[n - 1];
    if (!item) {
      if (items.length === 0) return null;
      return { ...c.answer(`${planName(label)}「${part.heading}」只有${items.length}项, 没有找到第${n}项。${c.cite(part.passages[0])}`, [part.passages[0]], false), decided: true };
    }
    const text = short(item.text, 300);
    const source: Source = { ...item.source, quote: item.text.slice(0, 120) };
    return c.answer(`${planName(label)}「${part.heading}」第${n}项: ${text}${c.cite(item.source)}`, [source]);
  }
  if (items.length < 2) return null;
  const first = part.passages[0];
  return c.answer(`${planName(label)}「${part.heading}」共${items.length}项: ${items.slice(0, 10).map((i) => short(i.title, 24)).join('; ')}${c.cite(first)}`, [first]);
}

/**
 * "活动主题是啥" / "活动时间是?" of a plan with a heading of those words and a line or two under it: that
 * text, before any sentence that merely mentions the words (what it must state is checked as for any answer).
 */
export function answerShortSection(c: Ctx): Answer | null {
  if (['cross_plan', 'owner', 'duties', 'reporting'].includes(c.q.intent) || ORDINAL.test(c.q.text) || c.q.departments.length || c.q.ownDepartment || !c.files) return null;
  const part = namedPart(c, c.q.text.replace(/\s+/g, ''));
  // (A part of the plan's frame — 活动主题, 活动时间 —, not an item: an item is a task.)
  if (!part || titleOf(part.heading).length > 8 || itemsOf(part).length >= 2) return null;
  // (Only a part the question asks for as a whole: nothing else of substance is asked.)
  if (tokens(c.q.content.replace(titleOf(part.heading), ' ')).some((t) => /^[\u4e00-\u9fff]{2,}$/.test(t) && !c.planContext().has(t))) return null;
  return shortPart(c, part);
}

/** A short part asked for as a whole ("活动主题是啥" → 二、活动主题 / 激发消费活力·守护消费安全): its text. */
function shortPart(c: Ctx, part: Part): Answer | null {
  const heading = titleOf(part.heading);
  const body = part.passages.filter((p) => titleOf(p.text) !== heading && p.path.length === part.depth + 1);
  const text = body.map((p) => p.text.trim()).join(' ');
  if (!text || text.length > 200) return null;
  return c.answer(`${planName(c.label(part.file))}「${part.heading}」: ${text}${c.cite(body[0])}`, [{ ...body[0], quote: text.slice(0, 120) }]);
}

/**
 * "考核有哪几个环节" / "分哪几个步骤" of one plan whose top-level headings are its steps ("一、实行目标备案",
 * "二、开展自我评价" …): those headings, in order — when the plan has three to eight short ones and its
 * title names the work asked about.
 */

export function answerSteps(c: Ctx): Answer | null {
  if (!ASKS_STEPS.test(c.q.text)) return null;
  const files = c.planFiles();
  if (files.length !== 1) return null;
  const plan = c.kb.plans.find((p) => p.file === files[0]);
  const work = /([\u4e00-\u9fff]{2,6})(?=有哪几个|有哪些|有几个|分哪几个|分几个|包括哪些|哪几个|几个)/.exec(c.q.text.replace(/\s+/g, ''))?.[1] ?? '';
  if (!plan?.title || !work || !tokens(work).some((t) => plan.title!.includes(t))) return null;
  const passages = c.p.byFile.get(files[0])?.passages ?? [];
  const tops: Passage[] = [];
  for (const p of passages) {
    const head = p.path[0];
    if (!head || !/^[一二三四五六七八九十]+、/.test(head) || tops.some((t) => t.path[0] === head)) continue;
    tops.push(p);
  }
  const titles = tops.map((p) => titleOf(p.path[0]).split(/[。,，]/)[0]);
  if (titles.length < 3 || titles.length > 8 || titles.some((t) => t.length > 16)) return null;
  return c.answer(`${planName(c.label(files[0]))}共${titles.length}个环节: ${titles.join('; ')}${c.cite(tops[0])}`, [tops[0]]);
}

/**
 * "总体要求里有哪几个“坚持”" / "哪几个“一批”": every clause of the plan that opens with the quoted word,
 * in order — the plan's own list of them, however it is punctuated (one sentence with ";" between them,
 * or items of their own).
 */
const ASKS_FAMILY = /(哪几个|哪些|几个|几大)\s*[“"‘']([\u4e00-\u9fff]{1,4})[”"’']/;

/** "“五个全覆盖”是哪五个": a counted family named by its last word. */
const ASKS_COUNTED = /[“"]([一二三四五六七八九十两]|\d{1,2})个?([\u4e00-\u9fff]{1,5})[”"][^?？]{0,8}(哪|什么|啥)/;
const CN_COUNT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** The run of phrases ending with `word` that the plan lists ("责任落实全覆盖、风险识别全覆盖、…"). */
function countedFamily(c: Ctx, word: string, n: number): Answer | null {
  const run = new RegExp(`(?:[\\u4e00-\\u9fff]{2,8}?${word}[、,，和及]?){2,}`, 'g');
  let best: { items: string[]; p: Passage } | null = null;
  for (const file of c.planFiles().slice(0, 2)) {
    for (const p of c.p.byFile.get(file)?.passages ?? []) {
      for (const m of p.text.matchAll(run)) {
        const items = [...new Set(m[0].split(new RegExp(`(?<=${word})[、,，和及]?`)).map((x) => x.trim()).filter((x) => x.endsWith(word) && x.length > word.length))];
        const fits = (k: number) => (k === n ? 100 : 0) + k;
        if (items.length >= 2 && (!best || fits(items.length) > fits(best.items.length))) best = { items, p };
      }
    }
  }
  if (!best) return null;
  return c.answer(`${planName(c.label(best.p.file))}: ${best.items.join('、')}${c.cite(best.p)}`, [best.p]);
}

export function answerFamily(c: Ctx): Answer | null {
  const counted = ASKS_COUNTED.exec(c.q.text);
  if (counted) {
    const n = /\d/.test(counted[1]) ? Number(counted[1]) : CN_COUNT[counted[1]];
    const a = countedFamily(c, counted[2], n);
    if (a) return a;
  }
  const m = ASKS_FAMILY.exec(c.q.text);
  if (!m) return null;
  const word = m[2];
  const files = c.planFiles();
  if (files.length === 0 || files.length > 2) return null;
  const lines: string[] = [];
  const sources: Source[] = [];
  for (const file of files) {
    const found: string[] = [];
    let first: Passage | null = null;
    for (const p of c.p.byFile.get(file)?.passages ?? []) {
      for (const clause of p.text.split(/[。;；]/)) {
        const t = clause.trim().replace(/^(?:[一二三四五六七八九十]+是|\d{1,2}[.、]|\([一二三四五六七八九十\d]{1,2}\))\s*/, '');
        if (!t.startsWith(word) || t.length < word.length + 2) continue;
        const head = t.split(/[,，:：]/)[0];
        if (!found.includes(head)) found.push(head);
        first ??= p;
      }
    }
    if (found.length < 2 || !first) continue;
    lines.push(`${planName(c.label(file))}共${found.length}个“${word}”: ${found.slice(0, 10).join('; ')}${c.cite(first)}`);
    sources.push(first);
  }
  return lines.length ? c.answer(lines.join('\n'), sources) : null;
}
