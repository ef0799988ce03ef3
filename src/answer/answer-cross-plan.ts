import { withLeadIn } from './answer-passages.ts';
import type { Source } from '../kb/records.ts';
import type { Hit } from '../kb/search-index.ts';
import type { Answer, Ctx } from './answer-context.ts';
import { focus } from './format.ts';
import { segment, tokens } from '../kb/text-tokens.ts';
import { lookupPlaceLoosely, placeContains } from '../kb/place-names.ts';
import type { Plan } from '../kb/records.ts';
import { clip } from './answer-doc-facts.ts';

/**
 * Questions over several plans ("哪些城市提出推行首席质量官制度?"): every plan whose text states the
 * thing, each city with its own citation. Stricter than a single answer: listing a city is a claim.
 */

const CROSS_MATCH = 0.5;

const CITED_NO = /[\u4e00-\u9fff]{1,10}\s*〔\s*\d{4}\s*〕\s*\d{1,4}\s*号/;

/** "这批文件里哪些是…的", "现在加载的文件里有哪些城市的…方案": a question about which loaded plans are of a kind. */
const ASKS_CATALOG = /(哪些|哪几个|哪几份|哪几)(城市|地方|地区|方案|文件|材料|计划|意见)|(这批|这些|这几份|加载的|收录的|载入的)(文件|方案|材料)?[^?？]{0,8}(哪些|哪几)/;
const CATALOG_WORDS = /(现在|已经)?(加载|收录|载入)的?(文件|方案|材料)?(里面|里|中)?|这(批|些|几份)(文件|方案|材料)?(里面|里|中)?|有?(哪些|哪几个|哪几份|哪几|哪个)(城市|地方|地区|方案|文件|材料)?的?|有哪些|是关于|关于|的?(文件|方案|材料)|(方面|领域|相关|这一?类|类)(?=的|$)|^已|是|有|的/g;

/**
 * "现在加载的文件里有哪些城市的知识产权强市方案", "这些文件里哪些是关于创建质量强市示范城市的": the loaded
 * plans whose own title (or place) holds every word of the kind asked — a claim about the documents,
 * made from their titles, each listed.
 */
export function plansOfKind(c: Ctx): Answer | null {
  const listed = plansListed(c);
  if (listed) return listed;
  // (Which document they follow or cite is another question: "都是依据市里哪个文件".)
  if (/依据|根据|引用|落实|贯彻|提到|提出|要求|规定/.test(c.q.text)) return null;
  // ("这批里面乡镇一级印发的计划有哪些": the level of the bodies that issued them.)
  if (/这批|这些|这几份|加载|收录|载入|哪些|哪几/.test(c.q.text) && /印发|出台|发布|发的|计划|方案|文件|意见|材料/.test(c.q.text) && !/任务|职责|措施|目标|指标|要求|工作|负责/.test(c.q.text.replace(/工作(方案|计划|要点)/g, ''))) {
    const byLevel = plansOfLevel(c);
    if (byLevel) return byLevel;
  }
  if (!ASKS_CATALOG.test(c.q.text)) return null;
  const kind = c.q.text.replace(/[?？。,，!！\s]/g, '').replace(CATALOG_WORDS, ' ');
  // ("开发区、高新区的方案": either kind.)
  // (A year asked, "2018年出的", is the plan's year: its title's or its date's.)
  const year = /((?:19|20)\d{2})\s*年/.exec(kind)?.[1];
  const kinds = kind
    .replace(/(?:19|20)\d{2}\s*年[出发印]?/g, ' ')
    .split(/[、和或及\/]/)
    .map((k) => tokens(k).filter((t) => !t.startsWith('+') && t.length >= 2 && !/\d/.test(t)))
    .filter((w) => w.length);
  if (kinds.length === 0) return null;
  const plans = c.kb.plans.filter(
    (p) => (!year || (p.title ?? '').includes(year) || p.date?.startsWith(year)) && kinds.some((words) => words.every((w) => `${p.title ?? ''}${p.city ?? ''}`.includes(w))),
  );
  if (plans.length === 0 || plans.length === c.kb.plans.length) return null;
  const sources: Source[] = plans.map((p) => ({ file: p.file, ref: null, path: [], line: 1, quote: p.title ?? p.file }));
  const lines = plans.slice(0, 12).map((p) => `${c.label(p.file)}《${p.title ?? p.file}》〔${c.label(p.file)}〕`);
  return c.answer(`已收录的方案中, 标题符合的共${plans.length}个:\n${lines.join('\n')}`, sources);
}

/** "自治州层面", "乡镇一级", "县级": the level of government a question asks plans of. */
const LEVEL_ASK = /(自治区|自治州|乡镇|街道|省|州|市|县|区|镇|乡)(?:一级|层面|层级|级别|级)(?:的)?(?:印发|出台|发布|发的|制定|发文|[^,，。?？]{0,6}?(?:计划|方案|文件|意见|材料))/;

/** The level of government a plan's place is: 自治州 and 乡镇 beside the gazetteer's three. */
function levelOf(city: string | null): string | null {
  if (!city) return null;
  if (/(镇|乡|街道|苏木)$/.test(city)) return '乡镇';
  const place = lookupPlaceLoosely(city);
  if (!place) return null;
  if (place.level === 'province') return /自治区$/.test(place.name) ? '自治区' : '省';
  if (place.level === 'prefecture') return /自治州$/.test(place.name) ? '自治州' : /州$|盟$|地区$/.test(place.name) ? '州' : '市';
  return /区$/.test(place.name) ? '区' : '县';
}

/** "这批里哪些是自治州层面印发的", "乡镇一级印发的计划有哪些": the loaded plans of that level, each listed. */
function plansOfLevel(c: Ctx): Answer | null {
  const m = LEVEL_ASK.exec(c.q.text);
  if (!m) return null;
  const asked = m[1] === '镇' || m[1] === '乡' || m[1] === '街道' ? '乡镇' : m[1];
  // (州 asks for prefectures called 州, autonomous ones among them; 县 for counties, districts among them.)
  const fits = (level: string | null) => level === asked || (asked === '州' && level === '自治州') || (asked === '县' && level === '区') || (asked === '市' && (level === '州' || level === '自治州')) || (asked === '省' && level === '自治区');
  // ("县一级的营商环境文件": of that level, the plans whose title holds the kind asked.)
  const rest = c.q.text.slice(m.index + m[1].length).replace(/^(?:一级|层面|层级|级别|级)/, '');
  const kind = tokens(rest.replace(/[?？。,，!！\s]|印发|出台|发布|制定|发文|发的|计划|方案|文件|意见|材料|列一下|列下|列出|哪几个|哪几|哪些|几个|有|是|的|了|呢|吗/g, ' ')).filter((t) => t.length >= 2 && !/\d/.test(t));
  // (A plan whose title was not found is named by its first line.)
  const named = (file: string, title: string | null) => title ?? c.p.byFile.get(file)?.passages[0]?.text.slice(0, 80) ?? '';
  const plans = c.kb.plans.filter((p) => fits(levelOf(p.city)) && kind.every((w) => named(p.file, p.title).includes(w)));
  if (plans.length === 0 || plans.length === c.kb.plans.length) return null;
  const sources: Source[] = plans.map((p) => ({ file: p.file, ref: null, path: [], line: 1, quote: p.title ?? p.file }));
  const lines = plans.slice(0, 12).map((p) => `${p.city}《${p.title ?? p.file}》〔${c.label(p.file)}〕`);
  return c.answer(`已收录的方案中, ${asked}一级${kind.length ? `的${kind.join('')}` : ''}的共${plans.length}个:\n${lines.join('\n')}`, sources);
}

export function answerCrossPlan(c: Ctx): Answer | null {
  if (/阶段|进度安排|工作步骤/.test(c.q.text) && c.q.content.replace(/阶段|进度|安排|有|步骤/g, '').trim().length < 2) return plansWithPhases(c);
  // "哪些方案引用了中发〔2017〕24号": a document number is found literally, in every plan that cites it.
  const docNo = CITED_NO.exec(c.q.text)?.[0].replace(/\s+/g, '');
  if (docNo) return literalMentions(c, docNo);
  const topic = c.q.quoted ?? c.q.topic.replace(/明确|规定了?|要求/g, ' ');
  const literal = c.q.quoted ? plain(c.q.quoted) : keyWord(c, topic);
  if (literal) return literalMentions(c, literal);
  const hits = c.search(['sentence', 'task', 'target', 'duty', 'report'], topic, 400);
  const best = new Map<string, Hit>();
  for (const h of hits) {
    if (h.coverage < CROSS_MATCH) continue; // longer topics: coverage and the most-specific-word rule
    const prev = best.get(h.doc.file);
    // A plan's own sentence quotes it best; a record (table row, target) stands in when there is none.
    if (!prev || (prev.doc.kind !== 'sentence' && h.doc.kind === 'sentence')) best.set(h.doc.file, h);
  }
  if (best.size === 0) return null;
  const lines: string[] = [];
  const sources: Source[] = [];
  for (const [file, h] of best) {
    const source = sourceOf(c, h);
    // The indexed text is what states the topic (a record's quote may be another part of its clause).
    const text = h.doc.kind === 'sentence' ? c.p.sentences[h.doc.index].text : h.doc.text;
    lines.push(`${c.label(file)}: ${focus(text, tokens(topic), 50)}${c.cite(source)}`);
    sources.push(source);
  }
  const cities = [...best.keys()].map((f) => c.label(f));
  return c.answer(`共${cities.length}个方案提到(${cities.join('、')}):\n${lines.join('\n')}`, sources);
}

/** Text without quotation marks and spaces, for literal matching of a named thing. */
export const plain = (s: string) => s.replace(/[“”‘’"'《》「」\s]/g, '');

/**
 * The word a short topic turns on: "争创鲁班奖" → 鲁班奖, "推行卓越绩效" → 卓越绩效 — the word fewest
 * plans use (the most specific), when the topic is short enough to be about one thing.
 */
function keyWord(c: Ctx, topic: string): string | null {
  const t = plain(topic);
  if (t.length === 0 || t.length > 8) return null;
  const words = segment(t).filter((w) => /^[\u4e00-\u9fff]{2,}$/.test(w));
  if (words.length <= 1) return words[0] ?? t;
  const df = (w: string) => planFrequency(c, w);
  const ranked = words.map((w) => ({ w, n: df(w) })).filter((x) => x.n > 0).sort((a, b) => a.n - b.n || b.w.length - a.w.length);
  return ranked[0]?.w ?? null;
}

/** How many plans use a word in their sentences; memoised per knowledge base (it never changes). */
const frequencies = new WeakMap<object, Map<string, number>>();
function planFrequency(c: Ctx, w: string): number {
  let memo = frequencies.get(c.p);
  if (!memo) frequencies.set(c.p, (memo = new Map()));
  let n = memo.get(w);
  if (n === undefined) {
    n = new Set(c.p.sentences.filter((s) => s.text.includes(w)).map((s) => c.kb.passages[s.passage].file)).size;
    memo.set(w, n);
  }
  return n;
}

/**
 * A short topic ("质量月", "市长质量奖") must appear literally — coverage alone would let its generic part
 * ("质量") vouch for a city, and word segmentation can hide it ("无锡市长质量奖"). Every plan's sentences
 * and table rows are scanned.
 */
function literalMentions(c: Ctx, topic: string): Answer | null {
  const lines: string[] = [];
  const sources: Source[] = [];
  // One pass over the sentences and one over the table rows, however many plans are loaded.
  const firstSentence = new Map<string, (typeof c.p.sentences)[number]>();
  for (const s of c.p.sentences) {
    const file = c.kb.passages[s.passage].file;
    if (!firstSentence.has(file) && s.text.includes(topic.slice(0, 2)) && plain(s.text).includes(topic)) firstSentence.set(file, s);
  }
  const firstRow = new Map<string, (typeof c.kb.tasks)[number]>();
  for (const t of c.kb.tasks) if (!firstRow.has(t.file) && plain(t.text).includes(topic)) firstRow.set(t.file, t);
  for (const file of c.planFiles()) {
    const sentence = firstSentence.get(file);
    const row = sentence ? undefined : firstRow.get(file);
    if (!sentence && !row) continue;
    const source = sentence ? { ...c.kb.passages[sentence.passage], quote: sentence.text } : row!.source;
    const text = sentence ? sentence.text : row!.text;
    lines.push(`${c.label(file)}: ${focus(text, tokens(topic), 50)}${c.cite(source, row?.origin)}`);
    sources.push(source);
  }
  if (lines.length === 0) return null;
  const cities = sources.map((s) => c.label(s.file));
  return c.answer(`共${cities.length}个方案提到(${cities.join('、')}):\n${lines.join('\n')}`, sources);
}

/** The source of any hit (records carry one; sentences take their passage's). */
export function sourceOf(c: Ctx, h: Hit): Source {
  const d = h.doc;
  switch (d.kind) {
    case 'task':
      return c.kb.tasks[d.index].source;
    case 'target':
      return c.kb.targets[d.index].source;
    case 'duty':
      return c.kb.duties[d.index].source;
    case 'phase':
      return c.kb.phases[d.index].source;
    case 'report':
      return c.kb.reports[d.index].source;
    case 'sentence': {
      const s = c.p.sentences[d.index];
      return { ...c.kb.passages[s.passage], quote: withLeadIn(c, d.index) };
    }
  }
}

/** "哪些城市有阶段安排": the plans that set phases, with their count and span. */
function plansWithPhases(c: Ctx): Answer | null {
  const files = c.planFiles().filter((f) => c.kb.phases.some((p) => p.file === f));
  if (files.length === 0) return null;
  const lines = files.map((f) => {
    const phases = c.kb.phases.filter((p) => p.file === f);
    return `${c.label(f)}: 分${phases.length}个阶段, ${phases[0].start}至${phases.at(-1)!.end}${c.cite(phases[0].source)}`;
  });
  return c.answer(`共${files.length}个方案有阶段安排:\n${lines.join('\n')}`, files.map((f) => c.kb.phases.find((p) => p.file === f)!.source));
}

/** A question about which of the loaded (or named) documents are such: 哪些, 哪几份, 哪个 … . */
const WHICH_PLANS = /(这批|这些|这几份|加载|收录|载入)[^?？]{0,12}(哪些|哪几|哪个)|(哪些|哪几个?|哪几份|哪个|哪份)(文件|方案|计划|材料|意见)?/;
/** "把2027年作为目标年", "目标年份定在2025年", "写了2035年远景目标", "以2025年为目标节点". */
const GOAL_YEAR = /((?:19|20)\d{2})\s*年?[^,，。?？]{0,4}(?:作为|为|定为)?(?:主要)?(?:目标年|目标节点|目标年份|远景目标|目标时间)|(?:目标年份?|目标节点|目标时间)[^,，。?？]{0,6}?(?:定在|设在|放在|是|为)\s*((?:19|20)\d{2})/;
/** "哪些是2017年印发的", "2019年出的有哪几份". */
const ISSUE_YEAR = /((?:19|20)\d{2})\s*年\s*(?:印发|发布|出台|下发|发|出)的?/;
/** "哪些是江苏的", "浙江的县区有哪几个": the plans of a place. */
const OF_PLACE = /(?:哪些|哪几个?|哪几份)(?:是|为)?([\u4e00-\u9fff]{2,8}?)(?:省|市)?的[?？]?\s*(?:$|[,，。]|列|有)|(?:这批|这些|已加载的?|加载的?)(?:文件|方案|材料|计划)?(?:里|中)?([\u4e00-\u9fff]{2,8}?)的(?:县区|县|区|市|城市|地方)有?(?:哪几个|哪些)/;
/** "哪些涉及地理标志", "哪几个提到“一件事”办理", "哪些方案写了首席质量官". */
const MENTIONS = /(?:哪些|哪几个?|哪几份|哪个)(?:文件|方案|计划|材料)?[^,，。?？]{0,4}?(?:涉及|提到|提及|写了|写到|包含|含有|有关)(?:了)?[“"]?([^”"?？,，。]{2,16}?)[”"]?(?:的|方面|相关|内容|办理)?[?？]?$/;

/**
 * "已加载的文件里哪些是2017年印发的", "哪些方案把2027年作为目标年", "哪些是江苏的", "哪些涉及地理标志": the
 * loaded (or named) plans that are so, by their records — date, goal years, place, own text — each listed
 * with what shows it. Null when the question is none of these or no plan fits.
 */
function plansListed(c: Ctx): Answer | null {
  const t = c.q.text;
  if (!WHICH_PLANS.test(t)) return null;
  const scope = c.kb.plans.filter((p) => !c.files || c.files.has(p.file));
  const show = (p: Plan, why: string) => `${c.label(p.file)}《${p.title ?? p.file}》${why}〔${c.label(p.file)}〕`;
  let found: Array<{ p: Plan; why: string }> = [];
  let what = '';
  const goal = GOAL_YEAR.exec(t);
  const issued = ISSUE_YEAR.exec(t);
  const place = OF_PLACE.exec(t);
  const mention = MENTIONS.exec(t);
  if (goal) {
    const year = goal[1] ?? goal[2];
    what = `把${year}年作为目标年份的`;
    for (const p of scope) {
      const f = p.facts.find((x) => x.kind === 'goalYear' && x.value === year);
      if (f) found.push({ p, why: `: “${clip(f.quote)}”` });
    }
  } else if (issued && !/目标|到\d{4}/.test(t)) {
    const year = issued[1];
    what = `${year}年印发的`;
    for (const p of scope) if (p.date?.startsWith(year)) found.push({ p, why: `(${p.date})` });
  } else if (place) {
    const name = place[1] ?? place[2];
    const outer = lookupPlaceLoosely(name) ?? lookupPlaceLoosely(`${name}省`) ?? lookupPlaceLoosely(`${name}市`);
    if (!outer || outer.level === 'county') return null;
    what = `${outer.name}的`;
    // (The place asked names the plans to list, whichever of them the question's scope took.)
    for (const p of c.kb.plans) {
      const inner = p.city ? lookupPlaceLoosely(p.city) : null;
      if (inner && (inner.code === outer.code || placeContains(outer, inner))) found.push({ p, why: '' });
    }
  } else if (mention) {
    const phrase = mention[1].replace(/[的了]$/, '');
    if (phrase.length < 2) return null;
    what = `提到“${phrase}”的`;
    for (const p of scope) {
      const s = c.p.byFile.get(p.file)?.sentences.map((k) => c.p.sentences[k].text).find((x) => x.includes(phrase));
      if (s) found.push({ p, why: `: “${clip(s)}”` });
    }
  } else return null;
  if (found.length === 0 || (found.length === scope.length && scope.length > 3 && !c.files)) return null;
  found = found.slice(0, 12);
  const sources: Source[] = found.map(({ p, why }) => ({ file: p.file, ref: null, path: [], line: 1, quote: why.replace(/^[:(]\s*|[)]$/g, '') || (p.title ?? p.file) }));
  return c.answer(`${c.files && !place ? '这几份中' : '已收录的方案中'}, ${what}共${found.length}个:\n${found.map(({ p, why }) => show(p, why)).join('\n')}`, sources);
}
