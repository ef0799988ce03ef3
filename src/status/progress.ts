import { createHash } from 'node:crypto';
import type { Task } from '../kb/records.ts';
import type { Store } from '../store/store.ts';

/**
 * Progress reports from departments, stored durably with reporter, department, time, text and task.
 * Corrections are allowed: the latest report wins, the history is kept.
 */

export type ReportedState = '推进中' | '已完成';

export interface ProgressReport {
  /** Stable task key (see taskKey). */
  task: string;
  file: string;
  ref: string | null;
  state: ReportedState;
  percent: number | null;
  text: string;
  reporter: { id: string; name: string };
  /** The department reporting (the group's binding, or the coordinator's own note). */
  department: string;
  /** ISO time. */
  at: string;
}

/**
 * A task's identity that survives re-ingestion: plan file, where it comes from, and its item number
 * (or a hash of its text when it has none). Record ids are positional and are not used.
 */
export function taskKey(t: Pick<Task, 'file' | 'origin' | 'ref' | 'text'>): string {
  const ref = t.ref ?? createHash('sha1').update(t.text).digest('hex').slice(0, 10);
  return `${t.file}|${t.origin}|${ref}`;
}

const HISTORY = (task: string) => `progress:${task}`;
const INDEX = 'progress:index';

export class ProgressStore {
  constructor(private readonly store: Store) {}

  async add(report: ProgressReport): Promise<void> {
    const history = (await this.store.get<ProgressReport[]>(HISTORY(report.task))) ?? [];
    await this.store.set(HISTORY(report.task), [...history, report]);
    const index = (await this.store.get<string[]>(INDEX)) ?? [];
    if (!index.includes(report.task)) await this.store.set(INDEX, [...index, report.task]);
  }

  /** Every report of a task, oldest first. */
  async history(task: string): Promise<ProgressReport[]> {
    return (await this.store.get<ProgressReport[]>(HISTORY(task))) ?? [];
  }

  async latest(task: string): Promise<ProgressReport | undefined> {
    return (await this.history(task)).at(-1);
  }

  /** A report read from free text, waiting for the reporter's confirmation ("是"/"否"). */
  async setPending(who: string, report: ProgressReport): Promise<void> {
    await this.store.set(`progress:pending:${who}`, report);
  }

  /** Takes (and clears) the pending report of a reporter, if any. */
  async takePending(who: string): Promise<ProgressReport | undefined> {
    const pending = await this.store.get<ProgressReport>(`progress:pending:${who}`);
    if (pending) await this.store.delete(`progress:pending:${who}`);
    return pending;
  }

  /** The latest report of every reported task. */
  async allLatest(): Promise<Map<string, ProgressReport>> {
    const index = (await this.store.get<string[]>(INDEX)) ?? [];
    const out = new Map<string, ProgressReport>();
    for (const task of index) {
      const last = await this.latest(task);
      if (last) out.set(task, last);
    }
    return out;
  }
}
