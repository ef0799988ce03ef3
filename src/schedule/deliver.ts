import { createHash } from 'node:crypto';
import type { Store } from '../store/store.ts';
import type { DeliveryLog } from './delivery-log.ts';
import type { Delivery } from './types.ts';

/**
 * Sending a run's deliveries exactly once, across restarts, crashes and instances sharing a store.
 *
 * Per delivery: skip if every key is logged → claim a lease on the delivery (so a second instance in
 * the same run skips it) → check the log again (the first instance may have finished between our check
 * and our claim) → send → log every key. A failed send releases the lease and is reported, not logged,
 * so the next run retries it. Deliveries go one at a time: a crash leaves those before it logged and
 * those after it unlogged.
 *
 * The one gap no store can close: a crash (or a failed log write) after the send and before the log
 * write. The lease still blocks other instances until it expires; after that the message is sent again.
 */

export interface DeliverDeps {
  log: DeliveryLog;
  store: Store;
  send: (d: Delivery) => Promise<void>;
  now: () => Date;
  runId: string;
  /** How long a delivery's claim holds: longer than the slowest send. Default 10 minutes. */
  leaseMs?: number;
  /** Log these deliveries as late (补发, after downtime). */
  late?: boolean;
  logLine?: (s: string) => void;
}

export interface DeliverResult {
  sent: Delivery[];
  /** Not sent by this run: already logged, or in `busy`. */
  skipped: Delivery[];
  /**
   * The part of `skipped` another holder's lease kept back: another instance is sending it now — or an
   * instance crashed while sending it. In the second case nobody retries it until the lease expires:
   * run again after `leaseMs` (e.g. `runNow` a lease later) so a crash mid-send cannot become a miss.
   */
  busy: Delivery[];
  /** Not logged, so the next run tries again — except `sent: true`: it went out but could not be logged. */
  failed: Array<{ delivery: Delivery; error: string; sent?: true }>;
}

export const DEFAULT_LEASE_MS = 10 * 60_000;

export async function deliver(deliveries: Delivery[], deps: DeliverDeps): Promise<DeliverResult> {
  const result: DeliverResult = { sent: [], skipped: [], busy: [], failed: [] };
  for (const d of deliveries) {
    const outcome = await deliverOne(d, deps);
    if (outcome.status === 'failed') result.failed.push({ delivery: d, error: outcome.error, ...(outcome.sent ? { sent: true as const } : {}) });
    else result[outcome.status === 'sent' ? 'sent' : 'skipped'].push(d);
    if (outcome.status === 'busy') result.busy.push(d);
  }
  return result;
}

type Outcome = { status: 'sent' | 'skipped' | 'busy' } | { status: 'failed'; error: string; sent?: boolean };

async function deliverOne(d: Delivery, deps: DeliverDeps): Promise<Outcome> {
  const say = (s: string) => deps.logLine?.(`[deliver ${deps.runId}] ${describeTarget(d)}: ${s}`);
  if (d.keys.length === 0) return failed(say, 'delivery has no log keys, so it cannot be sent exactly once');
  let claim: string;
  try {
    if ((await deps.log.pending(d.keys)).length === 0) return skipped(say, 'already delivered');
    claim = deliveryClaimKey(d.keys);
    if (!(await deps.store.claim(claim, deps.leaseMs ?? DEFAULT_LEASE_MS))) {
      say('skipped: another run holds its lease');
      return { status: 'busy' };
    }
  } catch (error) {
    return failed(say, `store unavailable: ${message(error)}`);
  }
  return sendClaimed(d, claim, deps, say);
}

async function sendClaimed(d: Delivery, claim: string, deps: DeliverDeps, say: (s: string) => void): Promise<Outcome> {
  let pending: string[];
  try {
    pending = await deps.log.pending(d.keys);
    if (pending.length === 0) return skipped(say, 'delivered by another run meanwhile');
    await deps.send(d);
  } catch (error) {
    await deps.store.release(claim).catch(() => undefined); // the lease expires anyway
    return failed(say, message(error));
  }
  try {
    await deps.log.markAllDelivered(pending, { at: deps.now().toISOString(), to: d.to, runId: deps.runId, ...(deps.late ? { late: true } : {}) });
  } catch (error) {
    // Keep the lease: it holds off other instances for leaseMs; the log is what is missing.
    return { ...failed(say, `sent, but not logged (may be sent again): ${message(error)}`), sent: true };
  }
  say(`sent${deps.late ? ' (late)' : ''}`);
  return { status: 'sent' };
}

/** The claim of one delivery: the same set of keys gives the same claim in every instance. */
export function deliveryClaimKey(keys: readonly string[]): string {
  const digest = createHash('sha256').update([...new Set(keys)].sort().join('\n')).digest('hex');
  return `delivery:${digest.slice(0, 32)}`;
}

/**
 * The lease on one scheduled run (`name` at slot `slotISO`): true for the one instance that should run
 * it. Same key as `runCoordinator` below, so manual and cron-driven runs of a slot exclude each other.
 */
export function takeRunLease(store: Store, name: string, slotISO: string, ttlMs: number): Promise<boolean> {
  return store.claim(`run:${name}:${slotISO}`, ttlMs);
}

/** node-cron 4's `runCoordinator` on the store (node-cron's key is already `name:slotISO`). */
export function runCoordinator(store: Store): { shouldRun(key: string, ttlMs: number): Promise<boolean> } {
  return { shouldRun: (key, ttlMs) => store.claim(`run:${key}`, ttlMs) };
}

function skipped(say: (s: string) => void, why: string): Outcome {
  say(`skipped: ${why}`);
  return { status: 'skipped' };
}

function failed(say: (s: string) => void, error: string): Outcome & { status: 'failed' } {
  say(`failed: ${error}`);
  return { status: 'failed', error };
}

const describeTarget = (d: Delivery) => ('room' in d.to ? `room ${d.to.room}` : `department ${d.to.department}`);
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One missed day and the deliveries its run would have sent (e.g. `planDay` with that day's 09:00). */
export interface MissedRun {
  /** YYYY-MM-DD, Asia/Shanghai. */
  day: string;
  deliveries: Delivery[];
}

/**
 * What to do after downtime. Every delivery of the input lands in exactly one list.
 * - `resend`: missed days whose send time is at most `graceHours` ago, oldest first. Send their
 *   deliveries now, through `deliver(…, { late: true })`, ideally with `withLateNote` (补发).
 * - `summarise`: older missed days, oldest first — too stale for one message each. Send ONE summary
 *   delivery whose `keys` are `summaryKeys`, so the deliver log also covers what it replaces.
 * - `summaryKeys`: every key of `summarise`, deduplicated, in order (stale digests included: a new
 *   digest supersedes them, so they are marked rather than sent).
 * - `notDue`: days whose send time has not come yet; nothing was missed, they are left alone.
 * Keys already delivered are still listed: `deliver` skips them, so calling this twice is harmless.
 */
export interface CatchUpPlan {
  resend: MissedRun[];
  summarise: MissedRun[];
  summaryKeys: string[];
  notDue: string[];
}

export interface CatchUpOptions {
  /** Local send time, "HH:MM" (policy.sendAt). Default "09:00". */
  sendAt?: string;
  /** How long after its send time a missed run is still sent as is. Default 24 hours. */
  graceHours?: number;
  /** UTC offset of the local time; Asia/Shanghai has no daylight saving. Default "+08:00". */
  utcOffset?: string;
}

export function catchUp(missed: MissedRun[], now: Date, opts: CatchUpOptions = {}): CatchUpPlan {
  const sendAt = opts.sendAt ?? '09:00';
  const graceMs = (opts.graceHours ?? 24) * 3_600_000;
  const plan: CatchUpPlan = { resend: [], summarise: [], summaryKeys: [], notDue: [] };
  for (const run of [...missed].sort((a, b) => a.day.localeCompare(b.day))) {
    const age = now.getTime() - Date.parse(`${run.day}T${sendAt}:00${opts.utcOffset ?? '+08:00'}`);
    if (Number.isNaN(age)) throw new RangeError(`catchUp: bad day "${run.day}" or sendAt "${sendAt}"`);
    if (age < 0) plan.notDue.push(run.day);
    else if (age <= graceMs) plan.resend.push(run);
    else plan.summarise.push(run);
  }
  const keys = plan.summarise.flatMap((r) => r.deliveries.flatMap((d) => d.keys));
  plan.summaryKeys = [...new Set(keys)];
  return plan;
}

/** A copy of a missed day's delivery that says it is late (补发); same keys, so still sent once. */
export function withLateNote(d: Delivery, day: string): Delivery {
  const date = `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
  return { ...d, text: `【补发】原定${date}发送的提醒(机器人当时未运行):\n${d.text}` };
}
