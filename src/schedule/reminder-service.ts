import type { Bindings } from '../chat/bindings.ts';
import type { Config } from '../config.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Store } from '../store/store.ts';
import type { SendGovernor } from '../chat/send-governor.ts';
import { catchUp, DEFAULT_LEASE_MS, deliverEntries, runCoordinator, withLateNote, type MissedRun } from './deliver.ts';
import { Outbox, type OutboxEntry } from './outbox.ts';
import type { SendJournal } from './send-journal.ts';
import { scheduleDaily, type DailyJob } from './cron-job.ts';
import { DeliveryLog } from './delivery-log.ts';
import { planDay } from './plan-day.ts';
import type { Delivery, WorkdayCalendar } from './types.ts';
import { sendWebhook, type WebhookTarget } from './webhooks.ts';
import { addDays, shanghaiDay } from './workday-calendar.ts';
import { taskKey, type ProgressReport, type ProgressStore } from '../status/progress.ts';
import { byDepartment, statusEntries } from '../status/summarize.ts';
import type { StatusThresholds } from '../status/task-status.ts';

/**
 * The reminder run: every workday at the policy's time (node-cron, Asia/Shanghai) — and once right at
 * start-up — it
 * 1. catches up on days missed while the bot was down (within the grace window: sent once, marked 补发;
 *    older: one summary),
 * 2. plans today's messages (on a workday, from the send time on, outside quiet hours),
 * 3. writes all of them to the durable outbox before sending any, and
 * 4. sends every pending message — today's, and any earlier one that failed or was cut off by a crash —
 *    exactly once (deliver.ts), through the send governor, to the group's room id.
 * The cron job only calls `runDay`; all decisions are in the pure planning functions.
 */

export interface ReminderServiceDeps {
  kb: KnowledgeBase;
  store: Store;
  bindings: Bindings;
  config: Pick<Config, 'reminders'> & { webhooks?: WebhookConfig } & Partial<Pick<Config, 'status'>>;
  calendar: WorkdayCalendar;
  /**
   * Sends a text to a group (the chat transport): by its room id when the group is bound (`id`), else
   * by topic (the coordinators' group). Rejects when the group is gone or ambiguous.
   */
  sendToRoom: (room: { id?: string; topic: string }, text: string, meta: { key: string; to: Delivery['to'] }) => Promise<void>;
  /** The send governor replies go through too (spaced sends, so WeChat does not block the account). */
  governor?: Pick<SendGovernor, 'send'>;
  log: (line: string) => void;
  clock?: () => Date;
  /** Injected for tests. */
  postWebhook?: (target: WebhookTarget, text: string) => Promise<void>;
  /** Progress reports: done tasks get no reminders; the digest lists red items and silent departments. */
  progress?: ProgressStore;
  /** The local send journal (send-journal.ts) in the data directory: closes most of the crash window. */
  journal?: SendJournal;
  /** How the run waits for another holder's lease (injected for tests). */
  sleep?: (ms: number) => Promise<void>;
}

export interface WebhookConfig {
  coordinators?: WebhookTarget;
  departments?: Record<string, WebhookTarget>;
}

const LAST_RUN = 'reminders:lastRunDay';
/** How far back a restart looks for missed days, and how long a failed message is retried. */
const LOOKBACK_DAYS = 14;

export interface RunResult {
  /** Messages sent by this run (today's and retried ones). */
  sent: number;
  /** Of `sent`, messages of an earlier day (补发). */
  late: number;
  /** Missed reminders folded into one summary. */
  summarised: number;
  /** Messages that failed in this run (pending: the next run retries them). */
  failed: number;
  /** Messages another instance held until the end of this run (pending unless it recorded them). */
  busy: number;
}

export class ReminderService {
  private job: DailyJob | null = null;
  private readonly deliveryLog: DeliveryLog;

  constructor(private readonly deps: ReminderServiceDeps) {
    this.deliveryLog = new DeliveryLog(deps.store);
  }

  /** Schedules the daily run (and returns at once). */
  start(): void {
    const [hh, mm] = this.deps.config.reminders.sendAt.split(':').map(Number);
    this.job = scheduleDaily({
      name: 'duban-reminders',
      expression: `${mm} ${hh} * * *`,
      run: async (now) => {
        await this.runDay(now);
      },
      coordinator: runCoordinator(this.deps.store),
      log: this.deps.log,
    });
  }

  stop(): void {
    this.job?.stop();
  }

  /** Run once now (catch-up at start-up): the same run the cron job makes. */
  runNow(): Promise<RunResult> {
    return this.runDay();
  }

  /** One run: catch-up for missed days, today's plan, then every pending message. */
  async runDay(now: Date = this.deps.clock?.() ?? new Date()): Promise<RunResult> {
    const today = shanghaiDay(now);
    const runId = `${today}@${now.toISOString()}`;
    const outbox = new Outbox(this.deps.store);
    const r = this.deps.config.reminders;
    const missed = await this.missedDays(today);
    const plan = catchUp(missed, now, { sendAt: r.sendAt, graceHours: r.graceHours });
    for (const run of plan.resend) await outbox.enqueue(run.day, run.deliveries.map((d) => withLateNote(d, run.day)), { late: true });
    const summarised = plan.summarise.reduce((n, run) => n + run.deliveries.length, 0);
    if (plan.summarise.length) await outbox.enqueue(today, [this.summary(plan.summarise, plan.summaryKeys)], { late: true });
    const quiet = this.inQuietHours(now);
    if (this.deps.calendar.isWorkday(today) && !quiet && localTime(now) >= r.sendAt) {
      await outbox.enqueue(today, await this.plan(now));
      await this.deps.store.set(LAST_RUN, today);
    }
    if (quiet) return { sent: 0, late: 0, summarised, failed: 0, busy: 0 };
    const pending: OutboxEntry[] = [];
    for (const e of await outbox.pending()) {
      if (e.day > today) continue;
      if (e.day < addDays(today, -LOOKBACK_DAYS)) {
        this.deps.log(`提醒已超过${LOOKBACK_DAYS}天仍未发出, 不再重试: ${e.day} ${JSON.stringify(e.delivery.to)} (${e.lastError ?? '未发送'})`);
        await outbox.drop(e);
        continue;
      }
      pending.push(e);
    }
    const since = addDays(today, -LOOKBACK_DAYS);
    const journaled = this.deps.journal?.keys(since) ?? new Set<string>();
    this.deps.journal?.prune(since);
    const journal = this.deps.journal
      ? { record: (key: string) => this.deps.journal!.record(today, key), has: (key: string) => journaled.has(key) }
      : undefined;
    const result = await deliverEntries(pending, { ...this.deliverDeps(now, runId), journal }, outbox, (e) =>
      e.day < today && !e.late ? withLateNote(e.delivery, e.day, e.state === 'failed' ? '当时发送失败' : '当时未能发出') : e.delivery,
    );
    for (const f of result.failed) this.deps.log(`提醒发送失败(${JSON.stringify(f.entry.delivery.to)}): ${f.error}; 下次运行会重试`);
    return {
      sent: result.sent.length,
      late: result.sent.filter((e) => e.day < today || e.late).length,
      summarised,
      failed: result.failed.length,
      busy: result.busy.length,
    };
  }

  /** What today's run would send (no sending, no logging). */
  async plan(now: Date): Promise<Delivery[]> {
    const r = this.deps.config.reminders;
    const latest = this.deps.progress ? await this.deps.progress.allLatest() : new Map();
    return planDay({
      isDone: (t) => latest.get(taskKey(t))?.state === '已完成',
      digestNotes: this.deps.progress ? digestNotes(this.deps.kb, latest, shanghaiDay(now), this.deps.config.status) : undefined,
      kb: this.deps.kb,
      bindings: await this.deps.bindings.all(),
      policy: r,
      calendar: this.deps.calendar,
      now,
      coordinatorRoom: r.coordinatorRoom,
      digestWeekday: r.digestWeekday,
      liaisons: r.liaisons,
    });
  }

  /** Workdays after the last completed run and before today, each with what it should have sent. */
  private async missedDays(today: string): Promise<MissedRun[]> {
    const last = await this.deps.store.get<string>(LAST_RUN);
    if (!last || last >= today) return [];
    const out: MissedRun[] = [];
    let day = addDays(last, 1);
    if (day < addDays(today, -LOOKBACK_DAYS)) day = addDays(today, -LOOKBACK_DAYS);
    for (; day < today; day = addDays(day, 1)) {
      if (!this.deps.calendar.isWorkday(day)) continue;
      const deliveries = await this.plan(new Date(`${day}T${this.deps.config.reminders.sendAt}:00+08:00`));
      if (deliveries.length) out.push({ day, deliveries });
    }
    return out;
  }

  /** ONE message for days too stale to resend one by one; its keys cover everything it replaces. */
  private summary(runs: MissedRun[], keys: string[]): Delivery {
    const count = runs.reduce((n, r) => n + r.deliveries.length, 0);
    const text = `【督办提醒】停机期间(${runs[0].day}至${runs.at(-1)!.day})有${count}条提醒未按时发送, 已超过补发时限, 不再逐条补发。请发送 /提醒预览 <日期> 查看, 或 /到期 查看近期到期事项。`;
    return { kind: 'reminder', to: { room: this.deps.config.reminders.coordinatorRoom }, text, refs: [], due: runs[0].day, keys };
  }

  private deliverDeps(now: Date, runId: string) {
    const leaseMs = (this.deps.config.reminders.leaseSeconds ?? DEFAULT_LEASE_MS / 1000) * 1000;
    return {
      log: this.deliveryLog,
      store: this.deps.store,
      send: (d: Delivery, key: string) => this.send(d, key),
      now: () => now,
      runId,
      leaseMs,
      // A run is complete when each message is recorded or has failed: wait out a dead holder's lease.
      waitForBusyMs: leaseMs * 2 + 5_000,
      logLine: this.deps.log,
      ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
    };
  }

  /** To the bound group, or the coordinators' group; and to the matching group-robot webhooks. */
  private async send(d: Delivery, key: string): Promise<void> {
    const room = { ...(d.roomId ? { id: d.roomId } : {}), topic: 'room' in d.to ? d.to.room : this.deps.config.reminders.coordinatorRoom };
    const say = () => this.deps.sendToRoom(room, d.text, { key, to: d.to });
    await (this.deps.governor ? this.deps.governor.send(room.id ?? room.topic, say) : say());
    // The group message is the delivery of record; a robot that fails is reported, not retried into a
    // duplicate group message.
    const post = (target: WebhookTarget, text: string) =>
      (this.deps.postWebhook ?? ((t, x) => sendWebhook(t, x)))(target, text).catch((err: Error) => this.deps.log(`群机器人推送失败: ${err.message}`));
    const hooks = this.deps.config.webhooks;
    const department = 'department' in d.to ? d.to.department : null;
    const target = department ? (hooks?.departments?.[department] ?? hooks?.coordinators) : hooks?.coordinators;
    if (target) await post(target, d.text);
    // A combined message for departments without a group: each department's own robot gets its part.
    for (const s of department ? [] : (d.sections ?? [])) {
      const own = hooks?.departments?.[s.department];
      if (own) await post(own, `【督办提醒】${s.text}`);
    }
  }

  private inQuietHours(now: Date): boolean {
    const q = this.deps.config.reminders.quietHours;
    if (!q) return false;
    const hm = localTime(now);
    return q.from <= q.to ? hm >= q.from && hm < q.to : hm >= q.from || hm < q.to;
  }
}

/** "HH:MM" in Asia/Shanghai. */
function localTime(now: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(now);
}

/** The digest's status lines: red items and departments that have not reported. */
function digestNotes(kb: KnowledgeBase, latest: Map<string, ProgressReport>, today: string, t?: StatusThresholds): string[] {
  const entries = statusEntries(kb, latest, today, {}, t);
  const red = entries.filter((e) => e.status.light === 'red');
  const silent = byDepartment(entries).filter((d) => !d.reported && d.done + d.inProgress === 0);
  const notes: string[] = [];
  if (red.length) notes.push(`红灯(逾期未完成) ${red.length}项: ${red.slice(0, 5).map((e) => `${e.task.ref ?? ''}(${e.task.units[0]})`).join('、')}${red.length > 5 ? '等' : ''}`);
  if (silent.length) notes.push(`未报告进展的部门 ${silent.length}个: ${silent.slice(0, 8).map((d) => d.department).join('、')}${silent.length > 8 ? '等' : ''}`);
  return notes;
}
