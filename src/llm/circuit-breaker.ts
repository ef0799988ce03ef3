/**
 * A small circuit breaker: after `failures` consecutive failures it opens and calls are skipped until
 * `coolDownMs` has passed; then one call is let through (half-open) — a success closes the breaker,
 * a failure opens it again for another cool-down. The clock is injected.
 */

export interface BreakerOptions {
  failures: number;
  coolDownMs: number;
}

export interface CircuitBreaker {
  /** True while calls should be skipped. */
  isOpen(): boolean;
  success(): void;
  failure(): void;
}

export function createCircuitBreaker(opts: BreakerOptions, now: () => number): CircuitBreaker {
  let consecutive = 0;
  let openedAt: number | null = null;
  return {
    isOpen: () => openedAt !== null && now() - openedAt < opts.coolDownMs,
    success() {
      consecutive = 0;
      openedAt = null;
    },
    failure() {
      consecutive++;
      // A failed half-open trial reopens at once; otherwise open on the N-th failure in a row.
      if (openedAt !== null || consecutive >= opts.failures) openedAt = now();
    },
  };
}
