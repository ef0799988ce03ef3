import type { Bindings } from '../chat/bindings.ts';
import type { Config } from '../config.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Store } from '../store/store.ts';
import { catchUp, deliver, runCoordinator, withLateNote, type MissedRun } from './deliver.ts';
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
 * The reminder run: every workday at the policy's time (node-cron, Asia/Shanghai) it plans the day,
 * catches up on days missed while the bot was down (within the grace window: sent once, marked 补发;
 * older: one summary), and delivers each message exactly once through the delivery log. The cron job
 * only calls `runDay`; all decisions are in the pure planning functions.
 */

export interface ReminderServiceDeps {
  kb: KnowledgeBase;
  store: Store;
  bindings: Bindings;
  config: Pick<Config, 'reminders'> & { webhooks?: WebhookConfig } & Partial<Pick<Config, 'status'>>;
  calendar: WorkdayCalendar;
  /** Sends a text to the group with this topic (the chat transport). */
  sendToRoom: (topic: string, text: string) => Promise<void>;
  log: (line: string) => void;
  clock?: () => Date;
  /** Injected for tests. */
  postWebhook?: (target: WebhookTarget, text: string) => Promise<void>;
  /** Progress reports: done tasks get no reminders; the digest lists red items and silent departments. */
  progress?: ProgressStore;
}

export interface WebhookConfig {
  coordinators?: WebhookTarget;
  departments?: Record<string, WebhookTarget>;
}

const LAST_RUN = 'reminders:lastRunDay';
/** How far back a restart looks for missed days. */
const LOOKBACK_DAYS = 14;

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

  /** One run: catch-up for missed days, then today (on workdays outside quiet hours). */
  async runDay(now: Date = this.deps.clock?.() ?? new Date()): Promise<{ sent: number; late: number; summarised: number }> {
    const today = shanghaiDay(now);
    const runId = `${today}@${now.toISOString()}`;
    const missed = await this.missedDays(today);
    const plan = catchUp(missed, now, { sendAt: this.deps.config.reminders.sendAt, graceHours: this.deps.config.reminders.graceHours });
    let late = 0;
    for (const run of plan.resend) {
      const r = await deliver(run.deliveries.map((d) => withLateNote(d, run.day)), this.deliverDeps(now, runId, true));
      late += r.sent.length;
    }
    const summarised = await this.summarise(plan.summarise, plan.summaryKeys, now, runId);
    let sent = 0;
    if (this.deps.calendar.isWorkday(today) && !this.inQuietHours(now)) {
      const r = await deliver(await this.plan(now), this.deliverDeps(now, runId, false));
      sent = r.sent.length;
      for (const f of r.failed) this.deps.log(`提醒发送失败(${JSON.stringify(f.delivery.to)}): ${f.error}; 下次运行会重试`);
      await this.deps.store.set(LAST_RUN, today);
    }
    return { sent, late, summarised };
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

  private async summarise(runs: MissedRun[], keys: string[], now: Date, runId: string): Promise<number> {
    if (runs.length === 0) return 0;
    const count = runs.reduce((n, r) => n + r.deliveries.length, 0);
    const text = `【督办提醒】停机期间(${runs[0].day}至${runs.at(-1)!.day})有${count}条提醒未按时发送, 已超过补发时限, 不再逐条补发。请发送 /提醒预览 <日期> 查看, 或 /到期 查看近期到期事项。`;
    const summary: Delivery = { kind: 'reminder', to: { room: this.deps.config.reminders.coordinatorRoom }, text, refs: [], due: runs[0].day, keys };
    await deliver([summary], this.deliverDeps(now, runId, true));
    return count;
  }

  private deliverDeps(now: Date, runId: string, late: boolean) {
    return { log: this.deliveryLog, store: this.deps.store, send: (d: Delivery) => this.send(d), now: () => now, runId, late, logLine: this.deps.log };
  }

  /** To the bound group, or the coordinators' group; and to the matching group-robot webhooks. */
  private async send(d: Delivery): Promise<void> {
    const room = 'room' in d.to ? d.to.room : this.deps.config.reminders.coordinatorRoom;
    await this.deps.sendToRoom(room, d.text);
    const hooks = this.deps.config.webhooks;
    const target = 'department' in d.to ? (hooks?.departments?.[d.to.department] ?? hooks?.coordinators) : hooks?.coordinators;
    if (!target) return;
    // The group message is the delivery of record; a robot that fails is reported, not retried into a
    // duplicate group message.
    await (this.deps.postWebhook ?? ((t, x) => sendWebhook(t, x)))(target, d.text).catch((err: Error) =>
      this.deps.log(`群机器人推送失败: ${err.message}`),
    );
  }

  private inQuietHours(now: Date): boolean {
    const q = this.deps.config.reminders.quietHours;
    if (!q) return false;
    const hm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(now);
    return q.from <= q.to ? hm >= q.from && hm < q.to : hm >= q.from || hm < q.to;
  }
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
