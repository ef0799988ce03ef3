import type { Passage, Source } from '../kb/records.ts';
import type { Answer, Ctx } from './answer-context.ts';
import { cnToNumber } from './understand-question.ts';
import { tokens } from '../kb/text-tokens.ts';
import { ASKS_STEPS } from './answerability.ts';
import { withoutTitles } from './answer-doc-facts.ts';

/**
 * Questions about a named part of a plan, at any depth of its outline:
 * - "通化有哪些保障措施" / "中山标准化意见的基本原则有哪些": the part's items (its sub-headings, or its
 *   "一是…二是…" / "1.…2.…" lines);
 * - "基本原则第1条是啥" / "主要任务第一条是什么": the N-th of those items, in full.
 * The part is the heading whose title the question contains (the longest such), so the plan's name or
 * place around it does not matter.
 */

const ASKS_LIST = /哪些|有什么|是什么|是啥|包括什么|哪几(项|条|个方面)|主要内容/;
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
  const body = part.passages.filter((p) => titleOf(p.text) !== heading);
  const lines = body.filter((p) => ITEM_LINE.test(p.text.trim()));
  if (lines.length) return lines.map((p) => ({ title: p.text.trim(), text: p.text.trim(), source: p }));
  // ("坚持以质量第一为价值导向。牢固树立…" / "坚持以企业为质量提升主体。加强…": paragraphs without item marks,
  // each opening with a short sentence that names it.)
  const lead = (p: Passage) => /^[^。;；]{4,40}[。;；]/.exec(p.text.trim())?.[0].slice(0, -1);
  if (body.length >= 2 && body.length <= 12 && body.every((p) => lead(p))) return body.map((p) => ({ title: lead(p)!, text: p.text.trim(), source: p }));
  return [];
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
  return c.answer(`${planName(label)}「${part.heading}」共${items.length}项: ${items.slice(0, 10).map((i) => short(i.title, /^[\u4e00-\u9fff]{2,8}[:：]/.test(i.title) ? 80 : 24)).join('; ')}${c.cite(first)}`, [first]);
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

/**
 * "突出了哪几个行业和领域", "从哪几个方面提出工作措施", "四项基础性工作是哪四项": the plan's own enumeration
 * of the thing asked for — the items a sentence lists before its name ("A、B、C等9个方面", "A、B…10个行
 * 业和领域"), or the 一是…二是… items after the sentence that counts it ("开展四项基础性工作。一是…").
 * The sentence must share the question's other words; bodies (哪几个部门) are the owner handlers'.
 */
const ASKS_WHICH_BEFORE = /哪(?:些|几|[一二两三四五六七八九十\d]{1,2})(?:个|大|项|类|种|条|点)?([\u4e00-\u9fff]{2,12})/;
const ASKS_WHICH_AFTER = /([\u4e00-\u9fff]{2,14})是哪(?:几|[一二两三四五六七八九十\d]{1,2})(?:个|大|项|类|种|条|点)/;
const COUNT = String.raw`(?:[\d一二两三四五六七八九十]{1,2})`;
const ITEM_OPEN = /^(?:[一二三四五六七八九十]+是|\(\s*[一二三四五六七八九十\d]+\s*\)|\d{1,2}\s*[.、])/;

export function answerEnumeration(c: Ctx): Answer | null {
  const before = ASKS_WHICH_BEFORE.exec(c.q.text);
  const after = before ? null : ASKS_WHICH_AFTER.exec(c.q.text);
  // ("营商环境九大对标提升行动是哪九个": the name is what follows its count.)
  const asked = before?.[1] ?? after?.[1].replace(/^.*(?:的|里|中)/, '').replace(new RegExp(`^.*${COUNT}(?:个|项|大|类|种|条)`), '');
  if (!asked || asked.length < 2 || /^(部门|单位|机构|责任|牵头|人|领导|地方|城市|县|区|市|年|月|天|时间|阶段)/.test(asked)) return null;
  const files = c.planFiles();
  if (files.length === 0 || files.length > 3) return null;
  // (Words of the plan's own name and the count asked, "4项", are no words a sentence must share.)
  const titles = c.scopeTitles().filter((t): t is string => !!t);
  const others = tokens(withoutTitles(c.q.content, titles).split(asked).join(' ')).filter((t) => !t.startsWith('+') && !/^\d+$/.test(t) && !titles.some((x) => x.includes(t)));
  const shares = (s: string) => (others.length === 0 ? 1 : others.filter((t) => s.includes(t)).length / others.length);
  let best: { text: string; passage: Passage; score: number } | null = null;
  for (const file of files) {
    for (const p of c.p.byFile.get(file)?.passages ?? []) {
      // The longest opening of what is asked that the passage names ("方面提出工作措施" → "方面").
      const names = Array.from({ length: asked.length - 1 }, (_, k) => asked.slice(0, asked.length - k)).filter((x) => p.text.includes(x));
      for (const name of names) {
        const found = listBefore(p.text, name) ?? itemsAfter(p.text, name);
        if (!found) continue;
        const score = shares(p.text) + name.length / 100;
        if (score >= 0.5 && (!best || score > best.score)) best = { text: found, passage: p, score };
        break;
      }
    }
  }
  return best ? c.answer(`${planName(c.label(best.passage.file))}: ${best.text}${c.cite(best.passage)}`, [best.passage]) : null;
}

/** "…突出了A、B、…、J10个行业和领域": the clause's run of items before the name (two or more). */
function listBefore(text: string, name: string): string | null {
  // (Of several, the longest run: "A体系、B体系、C体系" is read at its last 体系.)
  let best: string | null = null;
  for (let at = text.indexOf(name); at > 0; at = text.indexOf(name, at + 1)) {
    const clause = text.slice(0, at).split(/[。;；:：]/).pop()!;
    const stripped = clause.replace(new RegExp(`(?:等)?${COUNT}?(?:个|大|项|类|种|条)?$`), '');
    const tail = stripped.split(/[,，]/).pop()!;
    const run = tail.trim();
    const parts = run.split('、');
    const items = parts.length - 1;
    // A list of the things named: counted before the name ("…等9个方面", "…10个行业"), or each of its
    // items named so ("A环境、B环境、C环境") — not any clause that happens to hold a 、 ("党中央、国务院关于…").
    const counted = clause.length > stripped.length;
    const named = parts.slice(0, -1).some((x) => x.endsWith(name));
    // (The first item may carry the clause's opening words: "《实施意见》突出了装备制造".)
    const short = parts.every((x, k) => x.length <= (k === 0 ? 30 : 24) && !(k > 0 && /《|》|关于|根据|按照/.test(x)));
    // (A short opening of the sentence stays with it: "2020年底,城区开办企业、…等特色指标".)
    const opening = stripped.slice(0, stripped.length - tail.length).trim();
    const shown = `${opening.length <= 12 ? opening : ''}${run}${clause.slice(stripped.length)}${name}`;
    if (items >= 1 && run.length >= 6 && short && (counted || named) && (!best || items >= (best.match(/、/g)?.length ?? 0))) best = shown;
  }
  return best;
}

/** "开展四项基础性工作。一是…。二是…": the items that follow the sentence counting them, each by its first clause. */
function itemsAfter(text: string, name: string): string | null {
  const m = new RegExp(`${COUNT}(?:个|项|大|类|种|条)${name}[^。;；]{0,6}[。;；:：]`).exec(text);
  if (!m) return null;
  const rest = text.slice(m.index + m[0].length);
  const items = rest.split(/(?<=[。;；])/).map((s) => s.trim()).filter((s) => ITEM_OPEN.test(s)).map((s) => s.split(/[。;；]/)[0]);
  return items.length >= 2 ? `${m[0].replace(/[。;；:：]$/, '')}: ${items.slice(0, 10).join('; ')}` : null;
}
