import { createHash } from 'node:crypto';
import type { Store } from '../store/store.ts';
import type { DeliveryLog } from './delivery-log.ts';
import type { Delivery } from './types.ts';

import { Outbox, type OutboxEntry } from './outbox.ts';
import { shanghaiDay } from './workday-calendar.ts';

/**
 * Sending a run's messages exactly once, across restarts, crashes and instances sharing a store — a
 * state machine per message, kept in the durable outbox (outbox.ts):
 *
 *   due ──claim (lease, renewed while sending)──▶ claimed ──send──▶ sent ──record──▶ recorded
 *     ▲                                              │ send fails / store fails
 *     └────────── failed (still pending) ◀───────────┘
 *
 * Per message: skip it if the outbox records it sent (or the delivery log has every item key) → claim
 * its lease (a second instance skips it for now) → read the record again (the first instance may have
 * finished between our check and our claim) → send → record it in the outbox (the commit point), then
 * the item keys, then release the lease. A failed send is recorded as failed and stays pending: the
 * next run retries it, and so does the next start-up. Messages go one at a time: a crash leaves those
 * before it recorded and those after it pending.
 *
 * A message another holder's lease keeps back is "busy". With `waitForBusyMs` the run waits for it: it
 * is complete only when each of its messages is recorded (by anyone) or has failed; a lease whose holder
 * died runs out (`leaseMs`, renewed every third of it while a send goes on) and this run takes it over.
 *
 * The one gap no store can close: a crash after the send and before the outbox record (one store write,
 * made right after the send returns). Then the message is sent again once the lease runs out.
 */

export interface DeliverDeps {
  log: DeliveryLog;
  store: Store;
  /** Sends one message; `key` identifies it (the same in every run), for transports that record it. */
  send: (d: Delivery, key: string) => Promise<void>;
  now: () => Date;
  runId: string;
  /** How long a delivery's claim holds; renewed every third of it while its send goes on. Default 10 minutes. */
  leaseMs?: number;
  /** Log these deliveries as late (补发, after downtime). */
  late?: boolean;
  logLine?: (s: string) => void;
  /**
   * Wait up to this long for messages another holder's lease keeps back (until they are recorded, or the
   * lease runs out and this run sends them). Default 0: report them as `busy` at once.
   */
  waitForBusyMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * A synchronous local record written the moment a send returns (send-journal.ts), and the keys it
   * held when this run started: a message on record there was sent, even if the store never heard.
   */
  journal?: { record(key: string): void; has(key: string): boolean };
}

export interface DeliverResult {
  sent: Delivery[];
  /** Not sent by this run: already recorded, or in `busy`. */
  skipped: Delivery[];
  /**
   * The part of `skipped` another holder's lease kept back (after `waitForBusyMs`): another instance is
   * sending it now — or an instance crashed while sending it. It stays pending: the next run sends it
   * if nobody recorded it.
   */
  busy: Delivery[];
  /** Not recorded, so the next run tries again — except `sent: true`: it went out but could not be recorded. */
  failed: Array<{ delivery: Delivery; error: string; sent?: true }>;
}

export const DEFAULT_LEASE_MS = 10 * 60_000;

/** Writes `deliveries` to the outbox as today's (by `now`) and sends them: see the state machine above. */
export async function deliver(deliveries: Delivery[], deps: DeliverDeps): Promise<DeliverResult> {
  const outbox = new Outbox(deps.store);
  const day = shanghaiDay(deps.now());
  const valid = deliveries.filter((d) => d.keys.length > 0);
  const result: DeliverResult = { sent: [], skipped: [], busy: [], failed: [] };
  for (const d of deliveries) {
    if (d.keys.length === 0) result.failed.push({ delivery: d, error: 'delivery has no log keys, so it cannot be sent exactly once' });
  }
  let keys: string[];
  try {
    keys = await outbox.enqueue(day, valid, deps.late ? { late: true } : {});
  } catch (error) {
    for (const d of valid) result.failed.push({ delivery: d, error: `store unavailable: ${message(error)}` });
    return result;
  }
  const entries = valid.map((delivery, i) => ({ key: keys[i], day, seq: i, delivery, state: 'due' as const, attempts: 0 }));
  const r = await deliverEntries(entries, deps, outbox);
  result.sent.push(...r.sent.map((e) => e.delivery));
  result.skipped.push(...r.skipped.map((e) => e.delivery));
  result.busy.push(...r.busy.map((e) => e.delivery));
  result.failed.push(...r.failed.map((f) => ({ delivery: f.entry.delivery, error: f.error, ...(f.sent ? { sent: true as const } : {}) })));
  return result;
}

export interface EntriesResult {
  sent: OutboxEntry[];
  skipped: OutboxEntry[];
  busy: OutboxEntry[];
  failed: Array<{ entry: OutboxEntry; error: string; sent?: true }>;
}

/**
 * Sends outbox entries (what `deliver` and the reminder run both use). `textOf` may reword an entry
 * (e.g. 补发 for an earlier day's message); its keys never change.
 */
export async function deliverEntries(entries: OutboxEntry[], deps: DeliverDeps, outbox = new Outbox(deps.store), textOf: (e: OutboxEntry) => Delivery = (e) => e.delivery): Promise<EntriesResult> {
  const result: EntriesResult = { sent: [], skipped: [], busy: [], failed: [] };
  let busy: OutboxEntry[] = [];
  const settle = (e: OutboxEntry, outcome: Outcome) => {
    if (outcome.status === 'failed') result.failed.push({ entry: e, error: outcome.error, ...(outcome.sent ? { sent: true as const } : {}) });
    else if (outcome.status === 'busy') busy.push(e);
    else result[outcome.status].push(e);
  };
  for (const e of entries) settle(e, await deliverOne(e, textOf(e), deps, outbox));
  // Wait for what other holders keep back: recorded by them, or their lease runs out and it is ours.
  const waitUntil = Date.now() + (deps.waitForBusyMs ?? 0);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const poll = Math.max(20, Math.min(250, Math.floor((deps.leaseMs ?? DEFAULT_LEASE_MS) / 6)));
  while (busy.length && Date.now() < waitUntil) {
    await sleep(Math.min(poll, Math.max(1, waitUntil - Date.now())));
    const again = busy;
    busy = [];
    for (const e of again) settle(e, await deliverOne(e, textOf(e), deps, outbox, true));
  }
  for (const e of busy) {
    deps.logLine?.(`[deliver ${deps.runId}] ${describeTarget(e.delivery)}: still held by another run; it stays pending`);
    result.busy.push(e);
    result.skipped.push(e);
  }
  return result;
}

type Outcome = { status: 'sent' | 'skipped' | 'busy' } | { status: 'failed'; error: string; sent?: boolean };

async function deliverOne(entry: OutboxEntry, d: Delivery, deps: DeliverDeps, outbox: Outbox, quiet = false): Promise<Outcome> {
  const say = (s: string) => deps.logLine?.(`[deliver ${deps.runId}] ${describeTarget(d)}: ${s}`);
  if (d.keys.length === 0) return failed(say, 'delivery has no log keys, so it cannot be sent exactly once');
  let claim: string;
  try {
    if (await isRecorded(entry, d, deps, outbox)) return skipped(say, 'already delivered');
    claim = deliveryClaimKey(d.keys);
    if (!(await deps.store.claim(claim, deps.leaseMs ?? DEFAULT_LEASE_MS))) {
      if (!quiet) say('another run holds its lease');
      return { status: 'busy' };
    }
  } catch (error) {
    return failed(say, `store unavailable: ${message(error)}`);
  }
  return sendClaimed(entry, d, claim, deps, outbox, say);
}

/** Recorded as sent in the outbox — or every item key in the delivery log (then recorded now). */
async function isRecorded(entry: OutboxEntry, d: Delivery, deps: DeliverDeps, outbox: Outbox): Promise<boolean> {
  if ((await outbox.get(entry.key))?.state === 'sent') return true;
  if (deps.journal?.has(entry.key)) {
    // Sent by a run that died before its store record: record it now, do not send it again.
    await outbox.markSent(entry, { at: deps.now().toISOString(), runId: deps.runId });
    await deps.log.markAllDelivered(await deps.log.pending(d.keys), { at: deps.now().toISOString(), to: d.to, runId: deps.runId });
    deps.logLine?.(`[deliver ${deps.runId}] ${describeTarget(d)}: sent by an earlier run (send journal); recorded now`);
    return true;
  }
  if ((await deps.log.pending(d.keys)).length > 0) return false;
  await outbox.markSent(entry, { at: deps.now().toISOString(), runId: deps.runId });
  return true;
}

async function sendClaimed(entry: OutboxEntry, d: Delivery, claim: string, deps: DeliverDeps, outbox: Outbox, say: (s: string) => void): Promise<Outcome> {
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  let pending: string[];
  const renewal = setInterval(() => {
    deps.store.renew(claim, leaseMs).then(
      (held) => held || say('lease lost while sending'),
      () => say('lease could not be renewed (store unavailable)'),
    );
  }, Math.max(10, Math.floor(leaseMs / 3)));
  renewal.unref?.();
  try {
    try {
      if ((await outbox.get(entry.key))?.state === 'sent') {
        await deps.store.release(claim).catch(() => undefined);
        return skipped(say, 'delivered by another run meanwhile');
      }
      pending = await deps.log.pending(d.keys);
      if (pending.length === 0) {
        await outbox.markSent(entry, { at: deps.now().toISOString(), runId: deps.runId });
        await deps.store.release(claim).catch(() => undefined);
        return skipped(say, 'delivered by another run meanwhile');
      }
      await deps.send(d, entry.key);
      try {
        deps.journal?.record(entry.key); // synchronous, right after the send: the crash window's end
      } catch (error) {
        say(`send journal not written (${message(error)}); the store record follows`);
      }
    } catch (error) {
      await deps.store.release(claim).catch(() => undefined); // the lease expires anyway
      await outbox.markFailed(entry, message(error)).catch(() => undefined);
      return failed(say, message(error));
    }
    try {
      // The commit point: one write, right after the send returns.
      await outbox.markSent(entry, { at: deps.now().toISOString(), runId: deps.runId });
      await deps.log.markAllDelivered(pending, { at: deps.now().toISOString(), to: d.to, runId: deps.runId, ...(deps.late || entry.late ? { late: true } : {}) });
    } catch (error) {
      // Keep the lease: it holds off other instances for leaseMs; the record is what is missing.
      return { ...failed(say, `sent, but not logged (may be sent again): ${message(error)}`), sent: true };
    }
  } finally {
    clearInterval(renewal);
  }
  await deps.store.release(claim).catch(() => undefined);
  say(`sent${deps.late || entry.late ? ' (late)' : ''}`);
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
export function withLateNote(d: Delivery, day: string, why = '机器人当时未运行'): Delivery {
  const date = `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
  return { ...d, text: `【补发】原定${date}发送的提醒(${why}):\n${d.text}` };
}
