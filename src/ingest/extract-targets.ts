/**
 * Numeric targets: "到2015年,…抽查合格率两项指标达到95%以上" → metric, comparator, value, unit,
 * qualifier and year. The year is often stated once for a whole paragraph ("到2015年,…;…;…") and is
 * carried until another target year appears; a baseline year ("比2010年下降20%") is not a target year.
 */

export interface TargetDraft {
  metric: string;
  comparator: string | null;
  value: number;
  /** The value as written, with qualifier and unit: "95%以上", "37370万吨和34530万吨以内", "2-3个". */
  valueText: string;
  unit: string | null;
  qualifier: string | null;
  year: number | null;
  /** The clause the target was read from. */
  quote: string;
}

const UNITS =
  '微克/立方米|毫克/立方米|个百分点|个工作日|工作日|个小时|小时|个月|分钟|分|万平方米|平方公里|平方米|立方米|万千瓦|万吨|万亩|万元|亿元|万人|万户|公里|公斤|千克|公顷|%|‰|个|件|项|家|只|张|天|次|名|所|座|台|批|户|人|倍|张|条|种|类|处|部|套|支|篇|期|场|位|级';
const QUALIFIERS = '以上|以下|以内|左右|之内';
const COMPARATORS =
  '突破|压缩至|压缩到|压减至|缩短至|缩短到|缩减至|不低于|不少于|不超过|不高于|稳定在|保持在|控制在|提高到|提高至|提升到|提升至|降低到|降到|降至|达到|超过|高于|低于|下降|降低|减少|削减|增长|增加|累计新增|新增|建成|创建|培育|争创|制定|实现|引进|打造|建设|发布|认定|组建|达|为';

const NUM = String.raw`\d+(?:\.\d+)?`;
// A unit may carry a magnitude: 7万件, 1.2亿元, 3千家.
// (…and a rate per something: 0.16公斤/亩, 3次/年.)
const UNIT = String.raw`(?:万|亿|千)?(?:${UNITS})(?:\/[\u4e00-\u9fff])?`;
const QUANTITY = new RegExp(
  String.raw`(${NUM})(?:\s*(?:-|—|~|至|到)\s*(${NUM}))?\s*(${UNIT})?(?:\s*(?:和|、)\s*${NUM}\s*(?:${UNIT})?)*\s*(${QUALIFIERS})?`,
  'g',
);
const COMPARATOR_AT_END = new RegExp(`(${COMPARATORS})\\s*$`);
/** No comparator (nor COUNTING_VERB's word) is longer. */
const LONGEST_WORD = Math.max(...COMPARATORS.split('|').map((w) => w.length));

/**
 * What `re` (a word list, then `\s*$`) finds at the end of `text`, and where: tried only where the word can
 * start (it ends where the trailing space does), not at each character of a long lead and each time on to
 * its end.
 */
function wordAtEnd(re: RegExp, text: string): { index: number; word: string } | null {
  const from = Math.max(0, text.trimEnd().length - LONGEST_WORD);
  const m = re.exec(text.slice(from));
  return m && { index: from + m.index, word: m[1] };
}
const YEAR = /(到|至|截至|截止|在|于)?\s*(\d{4})\s*年(底|末)?(前)?/g;

/** Splits a paragraph into sentences (。!?) and clauses (,;). */
function clausesOf(text: string): string[][] {
  return text
    .split(/[。!?\n]/)
    .map((s) => s.split(/[,;]/).map((c) => c.trim()).filter(Boolean))
    .filter((s) => s.length > 0);
}

/** Extracts the targets of one paragraph (an outline node's text or a table row). */
export function extractTargets(text: string, contextYear: number | null = null): TargetDraft[] {
  const out: TargetDraft[] = [];
  let year = contextYear;
  for (const sentence of clausesOf(text)) {
    // "2015—2017年,…合格率逐年达到89%、90%、91%": one value a year, in order, over the period.
    const range = /((?:19|20)\d{2})\s*[—\-–~至到]\s*((?:19|20)\d{2})\s*年/.exec(sentence.join(','));
    // "抽检合格率达到或超过全省平均水平,2012年达96%,到2015年稳定在97%以上": later clauses share the subject.
    let subject = '';
    for (const clause of sentence) {
      const y = targetYear(clause);
      if (y !== null) year = y.year;
      // "2022年全市…合格率为88.41%": a year stated without 到/至 and a value that simply 为 is the
      // current state, not a target.
      const baseline = y !== null && !y.target && /为\s*\d/.test(clause);
      const found = baseline ? [] : targetsInClause(clause, y?.year ?? year, subject);
      out.push(...(range ? found.flatMap((t) => yearByYear(t, Number(range[1]), Number(range[2]))) : found));
      subject = found.at(-1)?.metric || subjectOf(clause) || objectOf(clause) || subject;
    }
  }
  return out;
}

/** "逐年达到89%、90%、91%" over 2015—2017: a target for each year, the values in order. */
function yearByYear(t: TargetDraft, from: number, to: number): TargetDraft[] {
  const values = t.valueText.split('、').map((v) => v.trim());
  if (to - from + 1 !== values.length || values.length < 2 || !/逐年|分别|依次/.test(t.quote)) return [t];
  return values.map((v, k) => {
    const unit = /[\d.]+\s*([^\d.\s]*)$/.exec(v)?.[1] || t.unit || '';
    const valueText = /\D$/.test(v) ? v : `${v}${unit}`;
    return { ...t, value: Number(/[\d.]+/.exec(v)![0]), valueText, year: from + k };
  });
}

/** A clause with no value names what later clauses count: "加快培育省级以上品牌产品" → 省级以上品牌产品. */
function objectOf(clause: string): string {
  if (/\d/.test(clause) || clause.length > 24) return '';
  return cleanMetric(clause.replace(/^(加快|加强|积极|大力|进一步|努力|着力|力争)*(培育|创建|建设|推进|推动|发展|开展|实施|制定|争创|引导|鼓励)?/, ''));
}

/** The metric a clause states before its comparator ("主要农产品质量安全抽检合格率达到…" → the rate). */
function subjectOf(clause: string): string {
  const m = /^(.{2,40}?)(达到|达|不低于|不少于|稳定在|保持在|控制在|超过|高于|低于|提高到|提高至)/.exec(clause);
  return m ? cleanMetric(m[1]) : '';
}

/** The target year named in a clause, if any (baseline years after 比/较 and years in refs are skipped). */
function targetYear(clause: string): { year: number; target: boolean } | null {
  let found: number | null = null;
  let target = false;
  for (const m of clause.matchAll(YEAR)) {
    const before = clause.slice(Math.max(0, m.index - 2), m.index);
    const after = clause.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (/[比较]$/.test(before) || /^(基础|的基础)/.test(after) || /^\d/.test(after)) continue;
    if (/^[-—~至到]?\d{1,2}月/.test(after) && !m[1]) continue;
    const y = Number(m[2]);
    if (y >= 1990 && y <= 2100) {
      found = y;
      target = !!m[1] && /到|至/.test(m[1]);
    }
  }
  return found === null ? null : { year: found, target };
}

function targetsInClause(clause: string, year: number | null, subject: string): TargetDraft[] {
  const out: TargetDraft[] = [];
  let metricStart = 0;
  for (const m of clause.matchAll(QUANTITY)) {
    const [whole, , , unit, qualifier] = m;
    const start = m.index;
    const end = start + whole.length;
    if (isNotAQuantity(clause, start, end, unit)) continue;
    const lead = clause.slice(metricStart, start);
    const cmp = wordAtEnd(COMPARATOR_AT_END, lead);
    if (!unit && !cmp) continue;
    const joined = /[和及与、]\s*$/.test(lead); // "…工厂和1个绿色示范园区": the noun follows the value
    // "《…任务分解》明确133项具体任务": a count of what follows the value, in what the lead names.
    const counted = !cmp && wordAtEnd(COUNTING_VERB, lead);
    let metric = joined || counted ? '' : cleanMetric(cmp ? lead.slice(0, cmp.index) : lead);
    // "全市每个县(区)至少新增1件地理标志产品": a lead that only says where and how many each counts
    // what follows the value.
    if (SCOPE_ONLY.test(metric)) metric = '';
    if (counted) {
      const noun = cleanMetric(clause.slice(end).split(/[、,;和]/)[0] ?? '');
      const doc = /《[^》]{2,40}》/.exec(lead)?.[0] ?? '';
      metric = noun ? `${doc}${noun}` : '';
    }
    // Value first ("建成3家绿色示范工厂"): the noun follows; a bare value ("2012年达96%") takes the subject.
    if (!metric) metric = cleanMetric(clause.slice(end).split(/[、,;和]/)[0] ?? '');
    if (!metric && subject && out.length === 0) metric = subject;
    if (!metric) continue;
    out.push({
      metric,
      comparator: cmp?.word ?? null,
      value: Number(m[1]),
      valueText: whole.trim(),
      unit: unit ?? null,
      qualifier: qualifier ?? null,
      year,
      quote: clause,
    });
    metricStart = end;
  }
  return out;
}

/** A lead that is only a scope ("每个县(区)至少", "各乡镇均"), not a metric. */
const SCOPE_ONLY = /^(?:全[市县区省州盟旗])?(?:[每各]个?[\u4e00-\u9fff]{1,4}?(?:\([^)]{1,6}\))?(?:至少|最少|都|均|要|分别)?|[\u4e00-\u9fff]{0,3}[市县区乡镇村州盟旗](?:\([^)]{1,6}\))?(?:至少|最少|都|均)|[省市县区乡镇村街道]{2,4}(?:\([^)]{1,6}\))?)$/;

/** A lead that counts what follows the value: "明确133项具体任务", "涉及34个牵头单位", "共分解为121项". */
const COUNTING_VERB = /(明确|细化|确定|分解为|分解成|梳理出?|列出|共计|合计|共|涉及|包括|包含)\s*$/;

/** Years, months, dates, document numbers, item numbers and hotlines are not quantities. */
function isNotAQuantity(clause: string, start: number, end: number, unit: string | undefined): boolean {
  const after = clause.slice(end, end + 2);
  const before = clause.slice(Math.max(0, start - 1), start);
  if (/^[年月日号〕\]]/.test(after) || /^\.\d/.test(after)) return true;
  if (/[〔\[.\d·]/.test(before)) return true;
  const num = clause.slice(start, end);
  if (!unit && /^\d{4,}$/.test(num.replace(/\D.*$/, ''))) return true;
  // "市政府七届44次常务会议", "第3次全会": a meeting's number.
  if (/^\s*(?:常务)?(?:会议|全会|党代会|全体会议|主任会议)/.test(clause.slice(end, end + 6)) || /届\s*$/.test(clause.slice(Math.max(0, start - 2), start))) return true;
  return false;
}

const METRIC_NOISE = /^(?:——|—|-|到|至|力争|争取|确保|努力|全市|全年|其中|并|且|和|及|以及|、|力争到|年|累计|每年|各|新增|新建|新)+/;

function cleanMetric(s: string): string {
  let t = s.replace(/\d{4}年(底|末)?(前)?/g, '').trim();
  const colon = t.lastIndexOf(':');
  if (colon >= 0 && t.length - colon > 2) t = t.slice(colon + 1);
  t = t.replace(METRIC_NOISE, '').replace(/(分别|均|要|将|应|需|都|已|可|能|逐年|依次|至少|最少)$/, '').trim();
  return t.length >= 2 && /[\u4e00-\u9fffA-Za-z]/.test(t) ? t : '';
}
