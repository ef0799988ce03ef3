import { createHash, randomBytes } from 'node:crypto';
import type { Task } from '../kb/records.ts';
import type { Store } from '../store/store.ts';

/**
 * Progress reports from departments, stored durably with reporter (WeChat id and name), department,
 * role, time, text and task. Corrections are allowed: the latest report wins, the history is kept.
 */

export type ReportedState = '推进中' | '已完成';

/**
 * On whose authority a report was made: the task's lead unit (牵头), a unit responsible where the plan
 * names no lead (负责), a partner unit reporting its own part (配合), or a coordinator (协调员).
 */
export type ReportRole = '牵头' | '负责' | '配合' | '协调员';

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
  /**
   * The reporter's part in the task (absent in reports stored before roles: read as the task's own).
   * A partner's (配合) report is on its part only and never sets the task's state or percent.
   */
  role?: ReportRole;
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

/** One report per key: `progress:<task>:<reportId>`, never rewritten. */
const REPORT = (task: string, id: string) => `progress:${task}:${id}`;
/** A task's report ids: a store set, so reports sent at the same moment never drop each other. */
const REPORTS = (task: string) => `progress:reports:${task}`;
/** Every task with a report: a store set too. */
const TASKS = 'progress:tasks';
/**
 * Before the sets: a task's reports as one array and the reported tasks as another, each rewritten on
 * every report (concurrent reports lost each other). Still read, never written, so an upgraded store
 * keeps its history.
 */
const LEGACY_HISTORY = (task: string) => `progress:${task}`;
const LEGACY_INDEX = 'progress:index';
/** Tasks read at once by `allLatest`, so a long list does not queue thousands of store calls together. */
const READ_BATCH = 16;

let written = 0;
/**
 * A report's id: its time, then the writer's clock and a counter (reports with the same `at` keep the
 * order they were written in; the business clock can stand still), then a few random characters so two
 * instances never pick the same id.
 */
export function reportId(at: string, now = Date.now()): string {
  const order = `${now.toString(36).padStart(9, '0')}${(written++ % 36 ** 4).toString(36).padStart(4, '0')}`;
  return `${at}#${order}${randomBytes(3).toString('hex')}`;
}

/** Oldest first by `at`; equal times keep the order given (legacy array, then ids in write order). */
export function oldestFirst(reports: ProgressReport[]): ProgressReport[] {
  const time = (r: ProgressReport) => {
    const t = Date.parse(r.at);
    return Number.isNaN(t) ? 0 : t;
  };
  return reports.map((r, i) => ({ r, i, t: time(r) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.r);
}

/**
 * A task's current report, from its history (oldest first): the latest one made by the lead unit, a
 * responsible unit or a coordinator — a partner's report is about its own part. With partner reports
 * only, the latest of them without its percent: the task is under way; how far is not the partner's
 * to say.
 */
export function currentOf(history: readonly ProgressReport[]): ProgressReport | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i].role !== '配合') return history[i];
  const part = history.at(-1);
  return part && { ...part, percent: null };
}

/** Report ids in write order (the part after `#`: writer's clock, counter, random). */
const byWriteOrder = (a: string, b: string) => compare(writeOrder(a), writeOrder(b));
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const writeOrder = (id: string) => id.slice(id.lastIndexOf('#') + 1);

/**
 * Progress reports in the store: each report its own record plus two atomic sets (the task's report
 * ids, the reported tasks), so concurrent reports — 40 `/完成` at once, from one instance or several —
 * are all kept. Reports stored by older versions (one array per task) are read alongside.
 */
export class ProgressStore {
  constructor(private readonly store: Store) {}

  async add(report: ProgressReport): Promise<void> {
    const id = reportId(report.at);
    await this.store.set(REPORT(report.task, id), report);
    await Promise.all([this.store.addToSet(REPORTS(report.task), [id]), this.store.addToSet(TASKS, [report.task])]);
  }

  /** Every report of a task, oldest first. */
  async history(task: string): Promise<ProgressReport[]> {
    const [legacy, ids] = await Promise.all([this.store.get<ProgressReport[]>(LEGACY_HISTORY(task)), this.store.setMembers(REPORTS(task))]);
    const reports = await Promise.all(ids.sort(byWriteOrder).map((id) => this.store.get<ProgressReport>(REPORT(task, id))));
    return oldestFirst([...(legacy ?? []), ...reports.filter((r): r is ProgressReport => r !== undefined)]);
  }

  /** The task's current report (see `currentOf`: partners' reports do not set the task's state). */
  async latest(task: string): Promise<ProgressReport | undefined> {
    return currentOf(await this.history(task));
  }

  /** A report read from free text, waiting for the reporter's confirmation ("是"/"否"). */
  async setPending(who: string, report: ProgressReport): Promise<void> {
    await this.store.set(`progress:pending:${who}`, report);
  }

  /**
   * Takes (and clears) the pending report of a reporter, if any — once: of two "是" at the same moment
   * (two instances, or a double tap) only the one holding the take's claim gets it, so one confirmation
   * records one report.
   */
  async takePending(who: string): Promise<ProgressReport | undefined> {
    const key = `progress:pending:${who}`;
    if (!(await this.store.claim(`take:${key}`, 10_000))) return undefined;
    try {
      const pending = await this.store.get<ProgressReport>(key);
      if (pending) await this.store.delete(key);
      return pending;
    } finally {
      await this.store.release(`take:${key}`).catch(() => undefined);
    }
  }

  /** The latest report of every reported task. */
  async allLatest(): Promise<Map<string, ProgressReport>> {
    const [legacy, reported] = await Promise.all([this.store.get<string[]>(LEGACY_INDEX), this.store.setMembers(TASKS)]);
    const tasks = [...new Set([...(legacy ?? []), ...reported.sort()])];
    const out = new Map<string, ProgressReport>();
    for (let i = 0; i < tasks.length; i += READ_BATCH) {
      const batch = tasks.slice(i, i + READ_BATCH);
      const lasts = await Promise.all(batch.map((task) => this.latest(task)));
      for (const [j, task] of batch.entries()) if (lasts[j]) out.set(task, lasts[j]);
    }
    return out;
  }
}
