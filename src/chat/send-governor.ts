/**
 * Outgoing send governor: WeChat blocks accounts that post too fast, especially to many groups.
 * Sends are queued and spaced by a global gap and a per-group gap; nothing is dropped. The wait
 * function is injected so tests run with no delay.
 */
export interface GovernorOptions {
  intervalMs: number;
  perTargetIntervalMs: number;
  now: () => number;
  wait: (ms: number) => Promise<void>;
}

export class SendGovernor {
  private queue: Promise<void> = Promise.resolve();
  private last = -Infinity;
  private readonly lastByTarget = new Map<string, number>();

  constructor(private readonly opts: GovernorOptions) {}

  /** Runs `send` when the gaps allow; sends run one at a time, in order. */
  send(target: string, send: () => Promise<void>): Promise<void> {
    const run = async () => {
      const t = this.opts.now();
      const due = Math.max(this.last + this.opts.intervalMs, (this.lastByTarget.get(target) ?? -Infinity) + this.opts.perTargetIntervalMs);
      if (due > t) await this.opts.wait(due - t);
      const sentAt = this.opts.now();
      this.last = sentAt;
      this.lastByTarget.set(target, sentAt);
      await send();
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

export const realWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
