/**
 * Every LLM step has a time budget: after it the caller goes on with its deterministic result. The
 * request is not cancelled (the adapter's own timeout ends it); its late result is ignored.
 */

/** Default budget of one LLM step (an answer's phrasing, a report reading, a summary). */
export const LLM_BUDGET_MS = 6000;

export type BudgetOutcome = 'ok' | 'empty' | 'timeout' | 'error';

/** `work()`'s value, or null when it fails or takes longer than `ms`; `outcome` says which. */
export async function withinBudget<T>(work: () => Promise<T | null>, ms: number, outcome?: (o: BudgetOutcome) => void): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((resolve) => {
    timer = setTimeout(() => resolve({ late: true }), Math.max(0, ms));
  });
  try {
    const result = await Promise.race([
      work().then(
        (value) => ({ value }),
        () => ({ failed: true as const }),
      ),
      late,
    ]);
    if ('late' in result) return outcome?.('timeout'), null;
    if ('failed' in result) return outcome?.('error'), null;
    outcome?.(result.value == null ? 'empty' : 'ok');
    return result.value ?? null;
  } finally {
    clearTimeout(timer);
  }
}
