import { arabizeQuantities } from './chinese-numerals.ts';
import { ungroundedDepartments } from './department-mentions.ts';
import type { GroundingRecord } from './types.ts';

/**
 * The safety net under every LLM text: each number (with the unit or qualifier attached: "96%",
 * "37370万吨", "30个以上"), each date ("2014年6月", "12月底"), each department-like name and each
 * citation marker 〔…〕 in the text must appear in the records the LLM was given. Both sides are
 * normalised first (full/half width, spaces, dashes, "2014-06" → "2014年6月", "两年" → "2年"), and
 * a number only matches a whole number there ("6%" is not found in "96%", nor "1.4" in "1.4.3").
 * Dropping a qualifier the record has is fine ("95%" for "95%以上"); adding one is not.
 * Not checked: list markers at line start ("1.", "(2)"), and what is inside an accepted citation marker.
 */

export type UngroundedKind = 'citation' | 'number' | 'date' | 'department';

export interface UngroundedItem {
  kind: UngroundedKind;
  item: string;
}

export interface GroundingCheck {
  ok: boolean;
  /** The offending items as written in the (normalised) text, e.g. "97%", "2015年6月", "市气象局". */
  problems: string[];
}

/**
 * @param extraAllowed further trusted text whose items count as given (e.g. the deterministic draft,
 *   city names); never the user's question.
 */
export function checkGrounded(text: string, records: GroundingRecord[], extraAllowed: string[] = []): GroundingCheck {
  const problems = [...new Set(findUngrounded(text, records, extraAllowed).map((p) => p.item))];
  return { ok: problems.length === 0, problems };
}

const SEP = '|';
/** A document number such as 厦府〔2013〕98号: its brackets are not a citation marker. */
const DOC_NUMBER = /[\u4e00-\u9fff]{0,8}([\u4e00-\u9fff]{2}〔(?:19|20)\d{2}〕\d{1,4}号)/g;
const MARKER = /〔[^〔〕]{0,80}〕/g;
const LIST_MARKER = /^[ \t]*(?:\d{1,2}[.、)](?!\d)|\(\d{1,2}\)|（\d{1,2}）|[①-⑳]|[一二三四五六七八九十]{1,3}、|[-*•·])/gm;
const DATE_QUALIFIER = '(?:底|初|末|中旬|上旬|下旬|上半年|下半年)?';
const DATE = new RegExp(
  `(?:(?<!\\d)(?:19|20)\\d{2}年(?:\\d{1,2}月(?:\\d{1,2}日)?)?|(?<!\\d)\\d{1,2}月(?:\\d{1,2}日)?|(?<!\\d)\\d{1,2}日)${DATE_QUALIFIER}`,
  'g',
);
const UNITS = [
  '个百分点', '百分点', '个季度', '个月', '%', '‰', '万亿元', '亿元', '万元', '千元', '元', '万吨', '吨', '千克',
  '公斤', '平方公里', '平方米', '立方米', '公里', '千米', '米', '公顷', '万亩', '亩', '万人', '万户', '万家',
  '万个', '万', '亿', '季度', '小时', '个', '项', '家', '户', '人', '名', '次', '条', '批', '类', '种', '所',
  '座', '台', '件', '张', '份', '届', '期', '倍', '岁', '天', '日', '周', '年', '月', '号', '支', '辆', '处',
  '套', '部', '级', '星', '分', '位', '成', '轮', '场',
];
const NUMBER = new RegExp(
  `(?<![\\d.:])\\d+(?:[.:]\\d+)*(?:${UNITS.map(escapeRegExp).join('|')})?(?:以上|以下|以内|左右|多|余)?`,
  'g',
);

/** Every ungrounded item with its kind, in text order per kind. */
export function findUngrounded(text: string, records: GroundingRecord[], extraAllowed: string[] = []): UngroundedItem[] {
  const sources = [...records.flatMap((r) => [r.label, r.text]), ...extraAllowed];
  const haystack = sources.map((s) => normalizeForGrounding(s)).join(SEP);
  const allowedMarkers = givenMarkers(records, haystack);
  const found: UngroundedItem[] = [];
  let rest = normalizeForGrounding(text.normalize('NFKC').replace(LIST_MARKER, SEP), { lineBreaks: SEP });

  rest = sweep(rest, DOC_NUMBER, (_, core) => haystack.includes(core) || found.push({ kind: 'number', item: core }));
  rest = sweep(rest, MARKER, (m) => allowedMarkers.has(m) || found.push({ kind: 'citation', item: m }));
  rest = sweep(rest, DATE, (m) => dateSpellings(m).some((d) => containsNumber(haystack, d)) || found.push({ kind: 'date', item: m }));
  rest = sweep(rest, NUMBER, (m) => containsNumber(haystack, m) || found.push({ kind: 'number', item: m }));
  for (const name of ungroundedDepartments(rest, haystack)) found.push({ kind: 'department', item: name });
  return found;
}

/**
 * One canonical spelling for comparing LLM text with records: NFKC (full-width digits, ％, （）),
 * one kind of dash, no spaces (except a separator between two numbers), "人民政府" → "政府",
 * "2014-06"/"2014.6" → "2014年6月", "06月" → "6月", Chinese-numeral quantities → Arabic.
 */
export function normalizeForGrounding(s: string, opts: { lineBreaks?: string } = {}): string {
  let t = s.normalize('NFKC').replace(/[—–―‐‑‒−~]/g, '-');
  if (opts.lineBreaks !== undefined) t = t.replace(/[\r\n]+/g, opts.lineBreaks);
  t = t.replace(/\s+/g, (ws: string, at: number, all: string) =>
    /[0-9A-Za-z]/.test(all[at - 1] ?? '') && /[0-9A-Za-z]/.test(all[at + ws.length] ?? '') ? SEP : '',
  );
  t = t.replace(/人民政府/g, '政府');
  t = t.replace(/(?<![\d.])((?:19|20)\d{2})[-./](\d{1,2})(?:[-./](\d{1,2}))?(?![\d.])/g, (all, y: string, m: string, d?: string) => {
    if (Number(m) < 1 || Number(m) > 12 || (d && (Number(d) < 1 || Number(d) > 31))) return all;
    return `${y}年${Number(m)}月${d ? `${Number(d)}日` : ''}`;
  });
  t = t.replace(/(?<!\d)0(\d)(?=[月日])/g, '$1');
  return arabizeQuantities(t);
}

/** Markers the LLM may use: those in the records or extra text, and 〔label〕 for each record. */
function givenMarkers(records: GroundingRecord[], haystack: string): Set<string> {
  const markers = new Set(haystack.match(MARKER) ?? []);
  for (const r of records) {
    const label = normalizeForGrounding(r.label).replace(/^〔|〕$/g, '');
    if (label) markers.add(`〔${label}〕`);
  }
  return markers;
}

/** `item` occurs in `haystack` as a whole number: no digit (or ".digit") glued on either side. */
function containsNumber(haystack: string, item: string): boolean {
  const digitAt = (i: number) => /\d/.test(haystack[i] ?? '');
  for (let at = haystack.indexOf(item); at !== -1; at = haystack.indexOf(item, at + 1)) {
    const end = at + item.length;
    const gluedBefore = /\d/.test(item[0]) && (digitAt(at - 1) || (/[.:]/.test(haystack[at - 1] ?? '') && digitAt(at - 2)));
    const gluedAfter = /\d$/.test(item) && (digitAt(end) || (/[.:]/.test(haystack[end] ?? '') && digitAt(end + 1)));
    if (!gluedBefore && !gluedAfter) return true;
  }
  return false;
}

/**
 * A month deadline may be read as its end: "2014年6月底" is given by "2014年6月", "2013年底" by
 * "2013年12月". Other qualifiers (初, 上旬, 上半年) must be in the records as written.
 */
function dateSpellings(date: string): string[] {
  const spellings = [date];
  if (/月(?:底|末)$/.test(date)) spellings.push(date.slice(0, -1));
  const yearEnd = /^(\d{4})年(?:底|末)$/.exec(date);
  if (yearEnd) spellings.push(`${yearEnd[1]}年12月`);
  return spellings;
}

/** Calls `check` on each match and blanks it out, so later passes do not see it again. */
function sweep(text: string, pattern: RegExp, check: (match: string, group: string) => unknown): string {
  return text.replace(pattern, (m: string, group?: unknown) => {
    check(m, typeof group === 'string' ? group : m);
    return SEP;
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
