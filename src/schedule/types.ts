/**
 * Reminder engine data. Obligations come from the knowledge base; `dueReminders` (pure) turns them,
 * with a policy and a workday calendar, into the reminders of one day; delivery happens elsewhere.
 */

export type ObligationKind = 'task' | 'phase' | 'report' | 'campaign';

/** Something with a due date that someone must be reminded of. */
export interface Obligation {
  /** Stable across restarts and re-ingestion of the same plan: kind + file + ref + due. */
  id: string;
  kind: ObligationKind;
  /** Due date, YYYY-MM-DD (a month-only deadline is its last workday). */
  due: string;
  /** What is due, chat-sized. */
  title: string;
  file: string;
  ref: string | null;
  /** Responsible departments as written; empty = the coordinators. */
  departments: string[];
}

/** Which reminder of an obligation: 30/7/1 days before, or the Nth overdue notice. */
export type Stage = `before-${number}` | `overdue-${number}`;

export interface Reminder {
  obligation: Obligation;
  stage: Stage;
  /** The workday it is sent on, YYYY-MM-DD. */
  sendOn: string;
  /** The department it goes to, or null for the coordinators. */
  department: string | null;
}

export interface ReminderPolicy {
  /** Days before the due date: default [30, 7, 1]. */
  daysBefore: number[];
  /** Overdue notices: the workday after the due date, then every `overdueEveryDays` … */
  overdueEveryDays: number;
  /** … at most this many overdue notices (until the task is reported done, issue 6). */
  overdueMax: number;
  /** Local send time, "HH:MM" Asia/Shanghai. */
  sendAt: string;
  /** No sends between these local times ("22:00"–"07:00"). */
  quietHours: { from: string; to: string } | null;
  /** Kinds switched on. */
  kinds: Record<ObligationKind, boolean>;
  /** Reports "每年N次" without dates: the months they fall due in, by N. */
  cadenceMonths: Record<string, number[]>;
}

/** A workday calendar (Chinese public holidays and make-up workdays). */
export interface WorkdayCalendar {
  isWorkday(day: string): boolean;
}

/** One outgoing message of a run: the items of one group (or webhook) batched. */
export interface Delivery {
  kind: 'reminder' | 'digest';
  to: { department: string } | { room: string };
  /** The bound group's WeChat room id: reminders are addressed by id; `to.room` is for display. */
  roomId?: string;
  text: string;
  refs: Array<{ file: string; ref: string | null }>;
  /** The earliest due date among the items. */
  due: string;
  /** Delivery-log keys this message covers: `${obligationId}|${stage}|${recipient}`. */
  keys: string[];
  /** A combined message for departments without a group: each department's part (for its group robot). */
  sections?: Array<{ department: string; text: string }>;
}
