import type { Task } from '../kb/records.ts';
import type { ProgressReport } from './progress.ts';

/**
 * A task's status as of a day — pure. 已完成 when reported done; 逾期 when its deadline (a month means
 * its end) has passed; 推进中 when reported; otherwise 未开始. The light: red = overdue and not done;
 * yellow = due within `yellowDays`, or no report for `staleDays`; green otherwise.
 */

export type TaskState = '未开始' | '推进中' | '已完成' | '逾期';
export type Light = 'red' | 'yellow' | 'green';

export interface StatusThresholds {
  yellowDays: number;
  staleDays: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = { yellowDays: 7, staleDays: 30 };

export interface TaskStatus {
  state: TaskState;
  light: Light;
  percent: number | null;
  last: ProgressReport | null;
  /** The deadline's last day, YYYY-MM-DD, or null. */
  dueDay: string | null;
}

export function dueDay(deadline: string | null): string | null {
  if (!deadline) return null;
  if (deadline.length === 10) return deadline;
  const [y, m] = deadline.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export function statusOf(task: Task, last: ProgressReport | null, today: string, t: StatusThresholds = DEFAULT_THRESHOLDS): TaskStatus {
  const due = dueDay(task.deadline);
  const percent = last?.state === '已完成' ? 100 : (last?.percent ?? null);
  if (last?.state === '已完成') return { state: '已完成', light: 'green', percent, last, dueDay: due };
  if (due && due < today) return { state: '逾期', light: 'red', percent, last, dueDay: due };
  const state: TaskState = last ? '推进中' : '未开始';
  const soon = due !== null && days(today, due) <= t.yellowDays;
  const stale = !last || days(last.at.slice(0, 10), today) > t.staleDays;
  return { state, light: soon || stale ? 'yellow' : 'green', percent, last, dueDay: due };
}
