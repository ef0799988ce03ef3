import chineseDays from 'chinese-days';
import type { WorkdayCalendar } from './types.ts';

/**
 * Days off and make-up workdays (调休上班) that the deployment sets itself, each `YYYY-MM-DD` or an
 * inclusive range `YYYY-MM-DD..YYYY-MM-DD`. They win over everything else: a holiday is a day off, a
 * workday is worked even on a weekend. (The `calendar` section of config/duban.yaml.)
 */
export interface CalendarOverrides {
  holidays?: readonly string[];
  workdays?: readonly string[];
}

/** Longest range one override entry may span, in days (a typo like 2027..2072 should not pass). */
const MAX_RANGE_DAYS = 366;

/**
 * The Chinese workday calendar, memoised. In order:
 *  1. the overrides (a configured workday, then a configured holiday);
 *  2. for a year the maintained chinese-days package covers: its public holidays and make-up workdays,
 *     as the State Council published them;
 *  3. for a year it does not cover yet (see `officialScheduleKnown`): weekends off plus the statutory
 *     holidays of `statutoryHolidays`. Make-up workdays and the weekend days added to a holiday are
 *     unknown until the State Council publishes the year's schedule (usually in the autumn before), so
 *     none are assumed: enter them in `calendar.workdays` / `calendar.holidays`, or update chinese-days.
 * Throws when the overrides are malformed or contradict each other (the configuration checks this first).
 */
export function chineseWorkdays(overrides: CalendarOverrides = {}): WorkdayCalendar {
  const problems = calendarOverrideProblems(overrides);
  if (problems.length) throw new Error(`calendar: ${problems.join('; ')}`);
  const holidays = new Set((overrides.holidays ?? []).flatMap(expandDaySpec));
  const workdays = new Set((overrides.workdays ?? []).flatMap(expandDaySpec));
  const memo = new Map<string, boolean>();
  return {
    isWorkday(day) {
      let v = memo.get(day);
      if (v === undefined) {
        if (workdays.has(day)) v = true;
        else if (holidays.has(day)) v = false;
        else if (officialScheduleKnown(Number(day.slice(0, 4)))) v = chineseDays.isWorkday(day);
        else v = !isWeekend(day) && !statutoryHolidaySet(Number(day.slice(0, 4))).has(day);
        memo.set(day, v);
      }
      return v;
    },
  };
}

const knownYears = new Map<number, boolean>();

/**
 * Whether chinese-days holds the State Council's holiday schedule for `year`. A year without it has no
 * holiday entries at all (the package then counts only weekends as days off); the test is whether the
 * year's Spring Festival (除夕 to 初三) is listed as a holiday, which every published schedule has — so an
 * entry of another year's schedule that spills into this one (a New Year's make-up day) does not count.
 * chinese-days 1.5.7 covers 2004–2026; years before 2004 also get the fallback, which only approximates
 * the rules of that time (they are not scheduled into).
 */
export function officialScheduleKnown(year: number): boolean {
  let v = knownYears.get(year);
  if (v === undefined) {
    const newYear = lunarNewYear(year);
    v = [-1, 0, 1, 2].some((n) => {
      const d = chineseDays.getDayDetail(addDays(newYear, n));
      return !d.work && /春节|Spring Festival/.test(d.name);
    });
    knownYears.set(year, v);
  }
  return v;
}

/** A statutory public holiday: its date and the festival. */
export interface StatutoryHoliday {
  date: string;
  name: string;
}

/**
 * The statutory public holidays of `year` under the rules in force since 2025 (全国年节及纪念日放假办法,
 * as amended by State Council order 797): 元旦 1 January; 春节 除夕 and 正月初一 to 初三 (4 days); 清明 the
 * solar term's day; 劳动节 1–2 May; 端午 五月初五; 中秋 八月十五; 国庆 1–3 October — 13 days. Lunar dates
 * and the solar term come from chinese-days. These are only the statutory days: the published schedule
 * joins them with weekends into longer breaks and adds make-up workdays, which cannot be derived.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const newYear = lunarNewYear(year);
  const lunar = (md: string) => chineseDays.getSolarDateFromLunar(`${year}-${md}`).date;
  const out: StatutoryHoliday[] = [
    { date: `${year}-01-01`, name: '元旦' },
    ...[-1, 0, 1, 2].map((n) => ({ date: addDays(newYear, n), name: '春节' })),
    { date: chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), name: '清明' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: lunar('05-05'), name: '端午' },
    { date: lunar('08-15'), name: '中秋' },
    { date: `${year}-10-01`, name: '国庆' },
    { date: `${year}-10-02`, name: '国庆' },
    { date: `${year}-10-03`, name: '国庆' },
  ];
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

const statutoryMemo = new Map<number, Set<string>>();
function statutoryHolidaySet(year: number): Set<string> {
  let s = statutoryMemo.get(year);
  if (!s) {
    s = new Set(statutoryHolidays(year).map((h) => h.date));
    statutoryMemo.set(year, s);
  }
  return s;
}

/** 正月初一 of the lunar year that begins in `year` (the Gregorian year it falls in). */
function lunarNewYear(year: number): string {
  return chineseDays.getSolarDateFromLunar(`${year}-01-01`).date;
}

/**
 * Start-up warnings, in Chinese: one per year — the year of `today` (YYYY-MM-DD) and the next, which
 * reminders reach into — whose official schedule chinese-days does not know, unless the overrides
 * already name holidays in that year (the deployment has entered its schedule).
 */
export function calendarWarnings(today: string, overrides: CalendarOverrides = {}): string[] {
  const year = Number(today.slice(0, 4));
  const configured = new Set((overrides.holidays ?? []).flatMap(expandDaySpec).map((d) => Number(d.slice(0, 4))));
  return [year, year + 1]
    .filter((y) => !officialScheduleKnown(y) && !configured.has(y))
    .map(
      (y) =>
        `⚠ ${y}年的法定节假日安排尚未收录(chinese-days), 暂按固定节日(元旦/春节/清明/劳动节/端午/中秋/国庆)放假、不含调休; 可在配置 calendar.holidays / calendar.workdays 中补充`,
    );
}

/** What is wrong with the overrides, in Chinese: malformed entries, then days both off and worked. */
export function calendarOverrideProblems(overrides: CalendarOverrides): string[] {
  const problems: string[] = [];
  for (const key of ['holidays', 'workdays'] as const) {
    for (const spec of overrides[key] ?? []) {
      const p = daySpecProblem(spec);
      if (p) problems.push(`${key}: ${p}`);
    }
  }
  return [...problems, ...calendarOverrideConflicts(overrides)];
}

/** The days listed both as holidays and as workdays (malformed entries are skipped), as one problem. */
export function calendarOverrideConflicts(overrides: CalendarOverrides): string[] {
  const days = (specs: readonly string[] = []) => specs.filter((s) => !daySpecProblem(s)).flatMap(expandDaySpec);
  const off = new Set(days(overrides.holidays));
  const both = [...new Set(days(overrides.workdays))].filter((d) => off.has(d)).sort();
  return both.length ? [`${both.slice(0, 5).join('、')}${both.length > 5 ? ' 等' : ''} 既在 holidays 又在 workdays 中`] : [];
}

/** Why `spec` is not `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD` (a real date, a forward range), or null. */
export function daySpecProblem(spec: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/.exec(String(spec).trim());
  if (!m) return `“${spec}” 不是 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD`;
  for (const d of [m[1], m[2]]) if (d && !isRealDay(d)) return m[2] ? `“${spec}” 中的 ${d} 不是有效日期` : `“${spec}” 不是有效日期`;
  if (m[2]) {
    const span = daysBetween(m[1], m[2]);
    if (span < 0) return `“${spec}” 的结束日期早于开始日期`;
    if (span >= MAX_RANGE_DAYS) return `“${spec}” 超过 ${MAX_RANGE_DAYS} 天`;
  }
  return null;
}

/** The days of a valid spec: one day, or every day of the inclusive range. */
function expandDaySpec(spec: string): string[] {
  const [from, to = from] = String(spec).trim().split('..');
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

function isRealDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function isWeekend(day: string): boolean {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6;
}

/** Calendar date arithmetic on YYYY-MM-DD strings (UTC, so no time zone can shift a day). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function previousWorkday(day: string, cal: WorkdayCalendar): string {
  let d = day;
  for (let i = 0; i < 30 && !cal.isWorkday(d); i++) d = addDays(d, -1);
  return d;
}

export function nextWorkday(day: string, cal: WorkdayCalendar): string {
  let d = day;
  for (let i = 0; i < 30 && !cal.isWorkday(d); i++) d = addDays(d, 1);
  return d;
}

/** "2013-12" → the last workday of December 2013. */
export function lastWorkdayOfMonth(ym: string, cal: WorkdayCalendar): string {
  const [y, m] = ym.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return previousWorkday(last, cal);
}

export { shanghaiDay } from '../shanghai-day.ts';
