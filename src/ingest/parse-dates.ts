/**
 * Dates as plans write them: 2013年12月, 2014年6月底, 2026年12月31日, 2014年底, 2012-08-23,
 * 二〇一二年七月六日, and month ranges 2017年10月-2018年3月 / 2013年2月至3月 / 2020年4月—8月.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** A deadline as `YYYY-MM` or `YYYY-MM-DD`, or null when the text holds none. */
export function parseDeadline(text: string): string | null {
  const t = text.replace(/\s+/g, '');
  let m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(t);
  if (m && valid(+m[1], +m[2], +m[3])) return `${m[1]}-${pad(+m[2])}-${pad(+m[3])}`;
  m = /(\d{4})年(\d{1,2})月/.exec(t);
  if (m && valid(+m[1], +m[2])) return `${m[1]}-${pad(+m[2])}`;
  m = /(\d{4})[-./](\d{1,2})[-./](\d{1,2})/.exec(t);
  if (m && valid(+m[1], +m[2], +m[3])) return `${m[1]}-${pad(+m[2])}-${pad(+m[3])}`;
  m = /(\d{4})年(?:底|末|年底|年末)/.exec(t);
  if (m) return `${m[1]}-12`;
  return null;
}

/**
 * A deadline that may leave out its year ("6月底完成", "年底前", "12月底前"): the plan's year fills it in.
 * Open-ended wording (持续推进, 长期, 每季度) has no deadline.
 */
export function parseDeadlineIn(text: string, planYear: number | null): string | null {
  // A period is due at its end: 9月1日-2日 → 9月2日, 5-12月 → 12月, 2024年3月至12月 → 2024年12月.
  const end = rangeEnd(text);
  if (end) return parseDeadlineIn(end, planYear);
  const full = parseDeadline(text);
  if (full || !planYear) return full;
  const t = text.replace(/\s+/g, '');
  const m = /(?<![\d年])(\d{1,2})月(?:(\d{1,2})日)?/.exec(t);
  if (m && valid(planYear, +m[1], m[2] ? +m[2] : 1)) return m[2] ? `${planYear}-${pad(+m[1])}-${pad(+m[2])}` : `${planYear}-${pad(+m[1])}`;
  if (/^(年底|年末|年内)/.test(t)) return `${planYear}-12`;
  return null;
}

/** The end of a period written as a range, completed from its start (year, month), or null. */
function rangeEnd(text: string): string | null {
  const m = /^((?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2})[-—~～至到]((?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?)(底|前|底前)?$/.exec(text.replace(/\s+/g, ''));
  if (!m || !m[1] || !m[2]) return null;
  const year = /^\d{4}年/.exec(m[1])?.[0] ?? '';
  const month = /(\d{1,2}月)/.exec(m[1])?.[1] ?? '';
  let end = m[2];
  if (!/月/.test(end) && /日/.test(end)) end = `${month}${end}`;
  if (!/年/.test(end)) end = `${year}${end}`;
  return `${end}${m[3] ?? ''}`;
}

function valid(y: number, mo: number, d = 1): boolean {
  return y >= 1990 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
}

/** The deadline expression at the very end of a string (a table cell flattened into a line). */
export const TRAILING_DEADLINE =
  /\s*(\d{4}年\d{1,2}月(?:\d{1,2}日)?(?:底|末|上旬|中旬|下旬)?前?|\d{4}年(?:底|年底|年末)前?)\s*$/;

const CN_DIGIT: Record<string, number> = {
  〇: 0, '○': 0, 零: 0, O: 0, '0': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10,
};

/** 二〇一二年七月六日 → 2012-07-06 (dates of issue are often written in Chinese numerals). */
export function parseChineseDate(text: string): string | null {
  // (A year typed with zeros as digits or letters: 二00四年, 二OO四年.)
  const m = /([〇○零O0一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日/.exec(text);
  if (!m) return null;
  const year = Number([...m[1]].map((c) => CN_DIGIT[c]).join(''));
  return `${year}-${pad(cnSmall(m[2]))}-${pad(cnSmall(m[3]))}`;
}

function cnSmall(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + CN_DIGIT[s[1]];
  if (s.endsWith('十')) return CN_DIGIT[s[0]] * 10;
  if (s.length === 3) return CN_DIGIT[s[0]] * 10 + CN_DIGIT[s[2]];
  return CN_DIGIT[s[0]];
}

export interface MonthRange {
  start: string;
  end: string;
  /** The range as written. */
  text: string;
}

const RANGE =
  /(\d{4})年(\d{1,2})月(?:份)?\s*(?:-|—|~|至|到)\s*(?:(\d{4})年)?(\d{1,2})月(?:份)?(?:底|末)?/;

const DAY_RANGE = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?\s*(?:-|—|~|至|到)\s*(?:(\d{1,2})月)?(\d{1,2})日/;

/**
 * "1月8日-9日", "2009年1月10日至2月2日": a range of days, in the plan's year when it names none. Phases are
 * kept by month (start and end), the days as written.
 */
export function parseDayRange(text: string, year: number | null): MonthRange | null {
  const m = DAY_RANGE.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  const y = m[1] ? +m[1] : year;
  const m1 = +m[2];
  const m2 = m[4] ? +m[4] : m1;
  if (!y || !valid(y, m1) || !valid(y, m2) || +m[3] > 31 || +m[5] > 31) return null;
  return { start: `${y}-${pad(m1)}`, end: `${y}-${pad(m2)}`, text: m[0] };
}

/** 2017年10月-2018年3月 → {start:'2017-10', end:'2018-03'}; an end without a year takes the start's. */
export function parseMonthRange(text: string): MonthRange | null {
  const m = RANGE.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  const y1 = +m[1];
  const y2 = m[3] ? +m[3] : y1;
  if (!valid(y1, +m[2]) || !valid(y2, +m[4])) return null;
  return { start: `${y1}-${pad(+m[2])}`, end: `${y2}-${pad(+m[4])}`, text: m[0] };
}
