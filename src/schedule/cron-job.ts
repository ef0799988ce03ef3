import cron, { type Logger, type RunCoordinator } from 'node-cron';

/**
 * A daily job on node-cron 4 with one error boundary per run: a failing run is logged and the timer
 * keeps going. With a coordinator (e.g. `runCoordinator(store)` from deliver.ts) only one of several
 * instances runs each slot; the delivery log still guards every message, so the coordinator saves work
 * rather than carrying correctness.
 */

export interface ScheduleDailyOptions {
  /** Unique per job; with a coordinator it is also the shared lease key (`name:slotISO`). */
  name: string;
  /** Five-field cron expression, e.g. "0 9 * * *". */
  expression: string;
  /** Default "Asia/Shanghai". */
  timezone?: string;
  /** The run; scheduled runs get the slot time (09:00 local), `runNow` gets `clock()`. */
  run: (now: Date) => Promise<void>;
  coordinator?: RunCoordinator;
  /** How long a slot's lease holds across instances. Default 1 hour. */
  leaseMs?: number;
  /**
   * Stop waiting for a run after this long (default 1 hour), so one hung run (a store or network call
   * that never returns) cannot block every later run. The hung run is not cancelled; overlapping runs
   * are safe because every delivery is claimed and logged.
   */
  timeoutMs?: number;
  log: (line: string) => void;
  clock?: () => Date;
}

export interface DailyJob {
  /** Stop the timer and drop the task; a run in progress finishes. */
  stop(): void;
  nextRun(): Date | null;
  /** Run once now (no coordinator); joins a run already in progress. Never rejects: failures are logged. */
  runNow(): Promise<void>;
}

export class CronJobError extends Error {
  constructor(
    readonly code: 'invalid-expression',
    message: string,
  ) {
    super(message);
    this.name = 'CronJobError';
  }
}

export function scheduleDaily(opts: ScheduleDailyOptions): DailyJob {
  if (!cron.validate(opts.expression)) {
    throw new CronJobError('invalid-expression', `cron job ${opts.name}: "${opts.expression}" is not a cron expression (e.g. "0 9 * * *")`);
  }
  const say = (line: string) => opts.log(`[cron ${opts.name}] ${line}`);
  let current: Promise<void> | null = null;
  const guarded = (now: Date, reason: string): Promise<void> => {
    if (current) {
      say(`${reason} run at ${now.toISOString()} joins the run in progress`);
      return current;
    }
    current = boundary(opts.run, now, opts.timeoutMs ?? 3_600_000, say).finally(() => {
      current = null;
    });
    return current;
  };
  const task = cron.schedule(opts.expression, (ctx) => guarded(ctx.date, 'scheduled'), {
    name: opts.name,
    timezone: opts.timezone ?? 'Asia/Shanghai',
    noOverlap: true,
    logger: cronLogger(say),
    ...(opts.coordinator ? { distributed: true, runCoordinator: opts.coordinator, distributedLease: opts.leaseMs ?? 3_600_000 } : {}),
  });
  task.on('execution:skipped', (ctx) => say(`slot ${ctx.date.toISOString()} skipped: ${ctx.reason ?? 'unknown'}`));
  let stopped = false;
  return {
    stop: () => {
      stopped = true;
      void task.destroy();
    },
    // A destroyed node-cron task still reports its next match; a stopped job has none.
    nextRun: () => (stopped ? null : task.getNextRun()),
    runNow: () => guarded((opts.clock ?? (() => new Date()))(), 'manual'),
  };
}

/** The per-run error boundary: log the cause, resolve anyway — also when the run outlives `timeoutMs`. */
async function boundary(run: (now: Date) => Promise<void>, now: Date, timeoutMs: number, say: (line: string) => void): Promise<void> {
  const label = `run for ${now.toISOString()}`;
  const started = Date.now();
  const running = (async () => run(now))(); // starts now; a synchronous throw becomes a rejection
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref?.();
  });
  try {
    if ((await Promise.race([running, timedOut])) === 'timeout') {
      say(`${label} still going after ${timeoutMs} ms; no longer waiting for it`);
      running.then(() => say(`${label} finished late`), (error) => say(`${label} failed late: ${describeError(error)}`));
      return;
    }
    say(`${label} done in ${Date.now() - started} ms`);
  } catch (error) {
    say(`${label} failed${codeOf(error)}: ${describeError(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

const describeError = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? ` (${code})` : '';
}

/** node-cron's own messages (missed slots, coordinator errors) into our log. */
function cronLogger(say: (line: string) => void): Logger {
  const text = (m: string | Error, err?: Error) => [m instanceof Error ? m.message : m, err?.message].filter(Boolean).join(': ');
  return {
    info: (m) => say(m),
    warn: (m) => say(`warning: ${m}`),
    error: (m, err) => say(`error: ${text(m, err)}`),
    debug: () => undefined,
  };
}
