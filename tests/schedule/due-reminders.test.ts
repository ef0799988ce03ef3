import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, dueReminders, stagesOn } from '../../src/schedule/due-reminders.ts';
import type { Obligation } from '../../src/schedule/types.ts';
import { chineseWorkdays, lastWorkdayOfMonth, previousWorkday } from '../../src/schedule/workday-calendar.ts';

const cal = chineseWorkdays();
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);
const ob = (due: string, departments: string[] = ['市质监局']): Obligation => ({
  id: `o-${due}`, kind: 'task', due, title: '测试任务', file: 'a.txt', ref: '1.1.1', departments,
});

describe('workday calendar', () => {
  it('knows public holidays and make-up workdays', () => {
    expect(cal.isWorkday('2014-10-01')).toBe(false); // National Day
    expect(cal.isWorkday('2014-10-11')).toBe(true); // Saturday make-up workday
    expect(cal.isWorkday('2013-12-28')).toBe(false); // plain Saturday
    expect(previousWorkday('2014-10-05', cal)).toBe('2014-09-30');
    expect(lastWorkdayOfMonth('2013-12', cal)).toBe('2013-12-31');
    expect(lastWorkdayOfMonth('2014-05', cal)).toBe('2014-05-30'); // 31 May 2014 is a Saturday
  });
});

describe('dueReminders', () => {
  it('sends 30, 7 and 1 days before, on workdays', () => {
    const o = [ob('2013-12-31')];
    expect(dueReminders(o, DEFAULT_POLICY, cal, at('2013-12-24')).map((r) => r.stage)).toEqual(['before-7']);
    expect(dueReminders(o, DEFAULT_POLICY, cal, at('2013-12-30')).map((r) => r.stage)).toEqual(['before-1']);
    // 30 days before is Sunday 1 December → the previous workday, Friday 29 November
    expect(dueReminders(o, DEFAULT_POLICY, cal, at('2013-11-29')).map((r) => r.stage)).toEqual(['before-30']);
    expect(dueReminders(o, DEFAULT_POLICY, cal, at('2013-12-01'))).toEqual([]);
  });

  it('moves a reminder that lands on a holiday to the previous workday', () => {
    // due 8 October 2014: 7 and 1 days before are in the National Day holiday → both on 30 September
    expect(stagesOn('2014-10-08', '2014-09-30', DEFAULT_POLICY, cal)).toEqual(['before-7', 'before-1']);
    expect(stagesOn('2014-10-08', '2014-10-01', DEFAULT_POLICY, cal)).toEqual([]);
  });

  it('sends overdue notices the workday after, then weekly, up to the limit', () => {
    const o = [ob('2013-12-31')];
    const days = ['2014-01-02', '2014-01-09', '2014-01-16', '2014-01-23', '2014-01-30'];
    expect(days.map((d) => dueReminders(o, DEFAULT_POLICY, cal, at(d)).map((r) => r.stage).join())).toEqual([
      'overdue-1', 'overdue-2', 'overdue-3', 'overdue-4', '',
    ]);
  });

  it('reminds every responsible department, and the coordinators when none is named', () => {
    const rs = dueReminders([ob('2013-12-31', ['市质监局', '市财政局']), ob('2013-12-31', [])], DEFAULT_POLICY, cal, at('2013-12-24'));
    expect(rs.map((r) => r.department)).toEqual(['市质监局', '市财政局', null]);
  });

  it('honours kinds switched off', () => {
    const off = { ...DEFAULT_POLICY, kinds: { ...DEFAULT_POLICY.kinds, task: false } };
    expect(dueReminders([ob('2013-12-31')], off, cal, at('2013-12-24'))).toEqual([]);
  });
});
