import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import {
  calendarOverrideProblems,
  calendarWarnings,
  chineseWorkdays,
  nextWorkday,
  officialScheduleKnown,
  previousWorkday,
  statutoryHolidays,
} from '../../src/schedule/workday-calendar.ts';

const cal = chineseWorkdays();
/**
 * chinese-days 1.5.7 has no 2027 schedule. A later release may ship it (package.json allows ^1.5); then the
 * 2027 fallback tests below are skipped, and the ones on 2030 still exercise the fallback.
 */
const has2027 = officialScheduleKnown(2027);

describe('official schedule coverage', () => {
  it('knows 2025 and 2026 from chinese-days, not 2030', () => {
    expect(officialScheduleKnown(2025)).toBe(true);
    expect(officialScheduleKnown(2026)).toBe(true);
    expect(officialScheduleKnown(2030)).toBe(false);
  });

  it.skipIf(has2027)('does not know 2027', () => {
    expect(officialScheduleKnown(2027)).toBe(false);
  });
});

describe.skipIf(has2027)('a year chinese-days does not cover (2027), without any configuration', () => {
  it('gives New Year’s Day off', () => {
    expect(cal.isWorkday('2027-01-01')).toBe(false); // Friday
    expect(cal.isWorkday('2027-01-04')).toBe(true); // Monday
  });

  it('gives the Spring Festival off, 除夕 to 初三', () => {
    expect(chineseDays.getLunarDate('2027-02-06')).toMatchObject({ lunarMon: 1, lunarDay: 1 }); // 正月初一
    expect(cal.isWorkday('2027-02-04')).toBe(true); // Thursday before
    expect(cal.isWorkday('2027-02-05')).toBe(false); // 除夕, Friday
    expect(cal.isWorkday('2027-02-06')).toBe(false); // 初一, Saturday
    expect(cal.isWorkday('2027-02-07')).toBe(false); // 初二, Sunday
    expect(cal.isWorkday('2027-02-08')).toBe(false); // 初三, Monday
    expect(cal.isWorkday('2027-02-09')).toBe(true); // 初四: no bridge days are assumed
    expect(previousWorkday('2027-02-08', cal)).toBe('2027-02-04');
    expect(nextWorkday('2027-02-05', cal)).toBe('2027-02-09');
  });

  it('gives 清明, 劳动节, 端午, 中秋 and 国庆 off', () => {
    for (const day of ['2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) expect(cal.isWorkday(day), day).toBe(false);
    expect(statutoryHolidays(2027).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2027-01-01 元旦', '2027-02-05 春节', '2027-02-06 春节', '2027-02-07 春节', '2027-02-08 春节', '2027-04-05 清明',
      '2027-05-01 劳动节', '2027-05-02 劳动节', '2027-06-09 端午', '2027-09-15 中秋', '2027-10-01 国庆', '2027-10-02 国庆',
      '2027-10-03 国庆',
    ]);
  });

  it('counts any other weekday as a workday and weekends as days off', () => {
    expect(cal.isWorkday('2027-03-10')).toBe(true); // Wednesday
    expect(cal.isWorkday('2027-10-04')).toBe(true); // Monday after 国庆: no bridge days assumed
    expect(cal.isWorkday('2027-03-13')).toBe(false); // Saturday
    expect(cal.isWorkday('2027-03-14')).toBe(false); // Sunday
  });
});

describe('a year chinese-days will not cover soon (2030), without any configuration', () => {
  it('gives the statutory holidays and weekends off, and other weekdays are workdays', () => {
    expect(cal.isWorkday('2030-01-01')).toBe(false); // 元旦, Tuesday
    expect(cal.isWorkday('2030-02-04')).toBe(false); // 春节 初二, Monday
    expect(cal.isWorkday('2030-02-05')).toBe(false); // 初三, Tuesday
    expect(cal.isWorkday('2030-02-06')).toBe(true); // 初四, Wednesday
    expect(cal.isWorkday('2030-06-05')).toBe(false); // 端午, Wednesday
    expect(cal.isWorkday('2030-09-12')).toBe(false); // 中秋, Thursday
    expect(cal.isWorkday('2030-03-13')).toBe(true); // Wednesday
    expect(cal.isWorkday('2030-03-16')).toBe(false); // Saturday
  });
});

describe('the fixed-holiday rule agrees with the published schedules', () => {
  it('every statutory day of 2025 and 2026 (rules since 2025) is off in chinese-days', () => {
    for (const year of [2025, 2026]) {
      for (const h of statutoryHolidays(year)) expect(chineseDays.isWorkday(h.date), `${h.date} ${h.name}`).toBe(false);
    }
  });

  it('the lunar festivals and 清明 fall on official holidays in every year since 2008', () => {
    // 2008–2024 gave 劳动节 one day and, from 2014, not 除夕: check only the days common to all rules.
    for (let year = 2008; year <= 2026; year++) {
      const firstDay = statutoryHolidays(year).filter((h) => h.name === '春节')[1]; // 正月初一
      const days = statutoryHolidays(year).filter((h) => h.name !== '春节' && h.date !== `${year}-05-02`);
      for (const h of [...days, firstDay]) expect(chineseDays.isWorkday(h.date), `${h.date} ${h.name}`).toBe(false);
    }
  });
});

describe('a year chinese-days covers (2026)', () => {
  it('takes official holidays and make-up workdays from chinese-days', () => {
    expect(cal.isWorkday('2026-02-20')).toBe(false); // Friday, inside the official nine-day Spring Festival break
    expect(cal.isWorkday('2026-02-23')).toBe(false); // Monday, ditto
    expect(cal.isWorkday('2026-10-07')).toBe(false); // Wednesday, National Day break
    expect(cal.isWorkday('2026-02-14')).toBe(true); // Saturday make-up workday
    expect(cal.isWorkday('2026-01-04')).toBe(true); // Sunday make-up workday
    expect(cal.isWorkday('2026-03-10')).toBe(true); // plain Tuesday
  });
});

describe('configured overrides', () => {
  const overridden = chineseWorkdays({
    holidays: ['2027-03-10', '2027-02-09..2027-02-12', '2026-03-10'],
    workdays: ['2027-02-20', '2026-10-07', '2027-02-07'],
  });

  it('a configured holiday is a day off, in any year', () => {
    expect(overridden.isWorkday('2027-03-10')).toBe(false);
    expect(overridden.isWorkday('2026-03-10')).toBe(false); // over chinese-days
  });

  it('a configured range is off on every day, both ends included', () => {
    for (const day of ['2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']) expect(overridden.isWorkday(day), day).toBe(false);
    expect(overridden.isWorkday('2027-02-15')).toBe(true);
  });

  it('a configured workday is worked, even on a Saturday or a holiday', () => {
    expect(overridden.isWorkday('2027-02-20')).toBe(true); // Saturday
    expect(overridden.isWorkday('2027-02-07')).toBe(true); // 初二, a Sunday
    expect(overridden.isWorkday('2026-10-07')).toBe(true); // over chinese-days
    expect(overridden.isWorkday('2027-02-08')).toBe(false); // the fallback still holds elsewhere
  });

  it('rejects malformed entries and days both off and worked', () => {
    expect(calendarOverrideProblems({ holidays: ['2027-02-30', '2027/01/01', '2027-02-11..2027-02-09', '2027-01-01..2028-06-01'] })).toHaveLength(4);
    expect(calendarOverrideProblems({ holidays: ['2027-02-05..2027-02-11'], workdays: ['2027-02-07'] })).toEqual([
      '2027-02-07 既在 holidays 又在 workdays 中',
    ]);
    expect(() => chineseWorkdays({ holidays: ['2027-13-01'] })).toThrow(/不是有效日期/);
  });
});

describe('calendarWarnings', () => {
  it.skipIf(has2027)('names 2027, and not 2026, in 2026', () => {
    const warnings = calendarWarnings('2026-11-20');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2027年');
    expect(warnings[0]).not.toContain('2026');
    expect(warnings[0]).toContain('calendar.holidays');
  });

  it('is silent when this year and the next are known', () => {
    expect(calendarWarnings('2025-06-01')).toEqual([]);
  });

  it('names both years when neither is known', () => {
    const warnings = calendarWarnings('2030-01-05');
    expect(warnings.map((w) => w.match(/(\d{4})年/)?.[1])).toEqual(['2030', '2031']);
  });

  it('drops a year whose holidays the configuration lists', () => {
    expect(calendarWarnings('2030-11-20', { holidays: ['2031-01-01', '2030-01-01..2030-01-02'] })).toEqual([]);
    expect(calendarWarnings('2030-11-20', { holidays: ['2030-01-01'], workdays: ['2031-01-04'] })).toHaveLength(1);
  });
});

describe('the calendar section of the configuration', () => {
  const withYaml = <T>(yaml: string, fn: (file: string) => T): T => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-calendar-'));
    try {
      const file = join(dir, 'duban.yaml');
      writeFileSync(file, yaml);
      return fn(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('defaults to no overrides', () => {
    expect(loadConfig({}).calendar).toEqual({ holidays: [], workdays: [] });
  });

  it('reads unquoted dates and ranges, and an empty list', () => {
    const c = withYaml('calendar:\n  holidays: [2027-01-01, 2027-02-05..2027-02-11]\n  workdays:\n', (file) => loadConfig({ DUBAN_CONFIG: file }));
    expect(c.calendar).toEqual({ holidays: ['2027-01-01', '2027-02-05..2027-02-11'], workdays: [] });
    expect(chineseWorkdays(c.calendar).isWorkday('2027-02-10')).toBe(false);
  });

  it('stops start-up on a malformed date or a day both off and worked', () => {
    const error = withYaml('calendar:\n  holidays: [2027-02-30, "2027-02-05..2027-02-11"]\n  workdays: [2027-02-07]\n', (file) => {
      try {
        loadConfig({ DUBAN_CONFIG: file });
      } catch (e) {
        return e as ConfigError;
      }
      return undefined;
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual(['calendar.holidays.0: “2027-02-30” 不是有效日期', 'calendar: 2027-02-07 既在 holidays 又在 workdays 中']);
  });
});
