import type { Obligation, Reminder, ReminderPolicy, Stage, WorkdayCalendar } from './types.ts';
import { addDays, nextWorkday, previousWorkday, shanghaiDay } from './workday-calendar.ts';

/**
 * The reminders of one day — pure: obligations × policy × workday calendar × now. A reminder that
 * falls on a non-workday moves to the previous workday; overdue notices go out the workday after the
 * due date, then every `overdueEveryDays`. Schedules are computed once per distinct due date, so a
 * day over 100,000 obligations stays fast.
 */
export function dueReminders(obligations: Obligation[], policy: ReminderPolicy, cal: WorkdayCalendar, now: Date): Reminder[] {
  const today = shanghaiDay(now);
  const stagesByDue = new Map<string, Stage[]>();
  const out: Reminder[] = [];
  for (const o of obligations) {
    if (!policy.kinds[o.kind]) continue;
    let stages = stagesByDue.get(o.due);
    if (!stages) {
      stages = stagesOn(o.due, today, policy, cal);
      stagesByDue.set(o.due, stages);
    }
    for (const stage of stages) {
      const recipients = o.departments.length ? o.departments : [null];
      for (const department of recipients) out.push({ obligation: o, stage, sendOn: today, department });
    }
  }
  return out;
}

/** Which stages of an obligation due on `due` are sent on `today`. */
export function stagesOn(due: string, today: string, policy: ReminderPolicy, cal: WorkdayCalendar): Stage[] {
  const stages: Stage[] = [];
  for (const d of policy.daysBefore) {
    if (previousWorkday(addDays(due, -d), cal) === today) stages.push(`before-${d}`);
  }
  if (today > due) {
    const first = nextWorkday(addDays(due, 1), cal);
    for (let k = 0; k < policy.overdueMax; k++) {
      const day = k === 0 ? first : nextWorkday(addDays(first, k * policy.overdueEveryDays), cal);
      if (day === today) stages.push(`overdue-${k + 1}`);
      if (day >= today) break;
    }
  }
  return stages;
}

/** The default policy: 30, 7 and 1 days before; overdue the next workday, then weekly (4 notices). */
export const DEFAULT_POLICY: ReminderPolicy = {
  daysBefore: [30, 7, 1],
  overdueEveryDays: 7,
  overdueMax: 4,
  sendAt: '09:00',
  quietHours: { from: '22:00', to: '07:00' },
  kinds: { task: true, phase: true, report: true, campaign: true },
  cadenceMonths: { '1': [12], '2': [6, 12], '4': [3, 6, 9, 12], '12': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
};
