import type { Store } from '../store/store.ts';
import type { Delivery } from './types.ts';

/** What the log keeps per delivery key once the message covering it went out. */
export interface DeliveryRecord {
  /** When it was sent, ISO 8601. */
  at: string;
  to: Delivery['to'];
  /** Sent after downtime, past its planned day (补发). */
  late?: boolean;
  /** The run that sent it, for tracing a duplicate or a gap back to its run. */
  runId?: string;
}

/**
 * Which reminder messages went out, one record per delivery key (`${obligationId}|${stage}|${recipient}`,
 * see `Delivery.keys`) stored as `delivery:<key>`. Records never expire: a key names one stage of one
 * obligation for one recipient, so there are a few thousand a year.
 */
export class DeliveryLog {
  constructor(private readonly store: Store) {}

  get(key: string): Promise<DeliveryRecord | undefined> {
    return this.store.get<DeliveryRecord>(recordKey(key));
  }

  async isDelivered(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  /** The keys of `keys` not delivered yet, in order. */
  async pending(keys: readonly string[]): Promise<string[]> {
    const delivered = await Promise.all(keys.map((k) => this.isDelivered(k)));
    return keys.filter((_, i) => !delivered[i]);
  }

  async markDelivered(key: string, info: DeliveryRecord): Promise<void> {
    await this.store.set(recordKey(key), info);
  }

  async markAllDelivered(keys: readonly string[], info: DeliveryRecord): Promise<void> {
    for (const key of keys) await this.markDelivered(key, info);
  }

  /** Forget a key so it is sent again (an operator's correction, or tests). */
  async forget(key: string): Promise<void> {
    await this.store.delete(recordKey(key));
  }
}

const recordKey = (key: string) => `delivery:${key}`;
