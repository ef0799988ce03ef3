/**
 * Sliding-window rate limits per key (user, group), on an injected clock. `allow` answers whether
 * one more message fits; `firstRefusal` lets the caller warn once and then stay silent.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Records a message for `key`; false when the key is over its limit this minute. */
  allow(key: string): boolean {
    const t = this.now();
    const recent = (this.hits.get(key) ?? []).filter((x) => t - x < 60_000);
    if (recent.length >= this.perMinute) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(t);
    this.hits.set(key, recent);
    this.warned.delete(key);
    return true;
  }

  /** True the first time a key is refused in a run of refusals (so the user is told once). */
  firstRefusal(key: string): boolean {
    if (this.warned.has(key)) return false;
    this.warned.add(key);
    return true;
  }
}
