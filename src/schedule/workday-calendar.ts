import chineseDays from 'chinese-days';
import type { WorkdayCalendar } from './types.ts';

/**
 * The Chinese workday calendar (public holidays and make-up workdays, from the maintained chinese-days
 * package), memoised. Beyond the years the package knows, only weekends are days off.
 */
export function chineseWorkdays(): WorkdayCalendar {
  const memo = new Map<string, boolean>();
  return {
    isWorkday(day) {
      let v = memo.get(day);
      if (v === undefined) {
        v = chineseDays.isWorkday(day);
        memo.set(day, v);
      }
      return v;
    },
  };
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
