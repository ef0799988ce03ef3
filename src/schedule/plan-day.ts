import type { Binding } from '../chat/bindings.ts';
import { cityOf, type KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Task } from '../kb/records.ts';
import { composeDigest, composeReminders } from './compose-deliveries.ts';
import { dueReminders } from './due-reminders.ts';
import { obligationsOf } from './obligations.ts';
import type { Delivery, ReminderPolicy, WorkdayCalendar } from './types.ts';
import { shanghaiDay } from './workday-calendar.ts';

/** Everything one day's run would send: batched reminders, and the digest on its weekday. Pure. */

export interface DayPlanInput {
  kb: KnowledgeBase;
  bindings: Binding[];
  policy: ReminderPolicy;
  calendar: WorkdayCalendar;
  now: Date;
  /** Topic of the coordinators' group (digests, and reminders of departments without a group). */
  coordinatorRoom: string;
  /** ISO weekday of the digest (1 = Monday); 0 = every workday. */
  digestWeekday: number;
  liaisons?: Record<string, string>;
  /** Tasks reported done: no more reminders for them. */
  isDone?: (t: Task) => boolean;
  /** Extra digest lines (red items, departments that have not reported). */
  digestNotes?: string[];
}

export function planDay(input: DayPlanInput): Delivery[] {
  const today = shanghaiDay(input.now);
  const year = Number(today.slice(0, 4));
  const obligations = obligationsOf(input.kb, input.policy, input.calendar, [year - 1, year, year + 1], input.isDone);
  const reminders = dueReminders(obligations, input.policy, input.calendar, input.now);
  const deliveries = composeReminders(reminders, { bindings: input.bindings, registry: input.kb.departments, cityOf: (file) => cityOf(input.kb, file), liaisons: input.liaisons, today, coordinatorRoom: input.coordinatorRoom });
  const weekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const digestToday = input.digestWeekday === 0 ? input.calendar.isWorkday(today) : weekday === input.digestWeekday;
  if (digestToday) {
    const digest = composeDigest(obligations, today, input.coordinatorRoom, input.kb);
    if (digest) deliveries.push(input.digestNotes?.length ? { ...digest, text: [digest.text, ...input.digestNotes].join('\n') } : digest);
  }
  return deliveries;
}
