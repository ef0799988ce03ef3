import { createHash } from 'node:crypto';
import type { Store } from '../store/store.ts';
import type { Delivery } from './types.ts';

/**
 * The durable outbox: every message a run means to send is written here BEFORE any of them is sent, one
 * record per message (`outbox:<key>`), and its key joins the set `outbox:pending`. A message leaves the
 * pending set only once its send is recorded. So a run that is killed, a send WeChat refuses, or a store
 * write that fails leaves the message pending, and the next run — or the next start-up — sends it.
 *
 * States: due (written, not sent) → sent (recorded), or failed (an attempt failed; still pending).
 * "Claimed" is not a stored state: it is the lease a sender holds on the message while sending it
 * (`Store.claim`, renewed while the send goes on), so an instance that dies mid-send blocks the
 * message only until its lease runs out.
 */

export type OutboxState = 'due' | 'sent' | 'failed';

export interface OutboxEntry {
  /** Identifies the message; the same in every run that plans it (see `deliveryKey`). */
  key: string;
  /** The business day it was planned for, YYYY-MM-DD. */
  day: string;
  /** Order within its day's plan. */
  seq: number;
  delivery: Delivery;
  state: OutboxState;
  /** Failed attempts so far. */
  attempts: number;
  lastError?: string;
  /** When it was recorded as sent, and by which run. */
  sentAt?: string;
  runId?: string;
  /** Planned for a day the bot missed (补发). */
  late?: boolean;
}

const PENDING = 'outbox:pending';
const entryKey = (key: string) => `outbox:${key}`;

/**
 * A message's key: its day, its kind, its recipient as named (group topic or department) and its items
 * (obligation and stage). The same plan gives the same key in every run and every instance — also on
 * another machine whose groups have other room ids — so a re-run finds the message it already wrote
 * (and maybe sent). Two messages of one plan with the same key (two groups with one name, bound to one
 * department) are told apart by `uniqueKeys`.
 */
export function deliveryKey(day: string, d: Delivery): string {
  const to = 'room' in d.to ? `room:${d.to.room}` : `dept:${d.to.department}`;
  // Item keys end in their recipient (`…|room:<id>`): only obligation and stage name the item.
  const items = [...new Set(d.keys.map((k) => k.split('|').slice(0, -1).join('|') || k))].sort();
  const digest = createHash('sha256').update(items.join('\n')).digest('hex').slice(0, 16);
  return `${day}|${d.kind}|${to}|${digest}`;
}

/** The keys of a day's messages, in plan order; a repeated key gets `#2`, `#3` … */
export function uniqueKeys(day: string, deliveries: Delivery[]): string[] {
  const seen = new Map<string, number>();
  return deliveries.map((d) => {
    const key = deliveryKey(day, d);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  });
}

export class Outbox {
  constructor(private readonly store: Store) {}

  /**
   * Writes the day's messages (each only if it is not there yet: a message already sent stays sent)
   * and adds them to the pending set — unless they are recorded as sent. Returns their entries' keys.
   */
  async enqueue(day: string, deliveries: Delivery[], opts: { late?: boolean } = {}): Promise<string[]> {
    const keys = uniqueKeys(day, deliveries);
    const fresh: string[] = [];
    for (const [seq, delivery] of deliveries.entries()) {
      const key = keys[seq];
      const entry: OutboxEntry = { key, day, seq, delivery, state: 'due', attempts: 0, ...(opts.late ? { late: true } : {}) };
      if (await this.store.setIfAbsent(entryKey(key), entry)) fresh.push(key);
    }
    // Written entries first, then the set: a crash in between leaves a written entry that the next
    // enqueue of the same day puts in the set (it is not "sent", so it is pending again).
    const pending = fresh.length === keys.length ? fresh : await this.unsent(keys);
    await this.store.addToSet(PENDING, pending);
    return keys;
  }

  get(key: string): Promise<OutboxEntry | undefined> {
    return this.store.get<OutboxEntry>(entryKey(key));
  }

  /** Every pending message, oldest day first, in plan order. */
  async pending(): Promise<OutboxEntry[]> {
    const keys = await this.store.setMembers(PENDING);
    const entries = await Promise.all(keys.map((k) => this.get(k)));
    const out: OutboxEntry[] = [];
    const stale: string[] = [];
    for (const [i, e] of entries.entries()) {
      if (!e || e.state === 'sent') stale.push(keys[i]);
      else out.push(e);
    }
    if (stale.length) await this.store.removeFromSet(PENDING, stale);
    return out.sort((a, b) => a.day.localeCompare(b.day) || a.seq - b.seq);
  }

  /** Record the send: the entry first (what later runs check), then the pending set. */
  async markSent(entry: OutboxEntry, info: { at: string; runId: string }): Promise<void> {
    await this.store.set(entryKey(entry.key), { ...entry, state: 'sent', sentAt: info.at, runId: info.runId } satisfies OutboxEntry);
    await this.store.removeFromSet(PENDING, [entry.key]);
  }

  async markFailed(entry: OutboxEntry, error: string): Promise<void> {
    const current = await this.get(entry.key);
    if (current?.state === 'sent') return; // someone else sent it meanwhile
    await this.store.set(entryKey(entry.key), { ...(current ?? entry), state: 'failed', attempts: (current?.attempts ?? entry.attempts) + 1, lastError: error } satisfies OutboxEntry);
  }

  /** Give up on a message (too old to send): it leaves the pending set; its record stays. */
  async drop(entry: OutboxEntry): Promise<void> {
    await this.store.removeFromSet(PENDING, [entry.key]);
  }

  private async unsent(keys: string[]): Promise<string[]> {
    const entries = await Promise.all(keys.map((k) => this.get(k)));
    return keys.filter((_, i) => entries[i]?.state !== 'sent');
  }
}
