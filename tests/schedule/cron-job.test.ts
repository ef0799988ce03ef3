import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleDaily, type DailyJob } from '../../src/schedule/cron-job.ts';
import { runCoordinator } from '../../src/schedule/deliver.ts';
import { createStore } from '../../src/store/create-store.ts';

const jobs: DailyJob[] = [];
const lines: string[] = [];
const log = (l: string) => lines.push(l);
const daily = (opts: Partial<Parameters<typeof scheduleDaily>[0]> & Pick<Parameters<typeof scheduleDaily>[0], 'run'>) => {
  const job = scheduleDaily({ name: 'reminders', expression: '0 9 * * *', log, ...opts });
  jobs.push(job);
  return job;
};
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-03T00:30:00Z')); // Monday 08:30 in Shanghai
  lines.length = 0;
});
afterEach(async () => {
  for (const job of jobs.splice(0)) job.stop(); // before shutdown, or it waits on fake timers
  await cron.shutdown(0);
  vi.useRealTimers();
});

describe('scheduleDaily', () => {
  it('runs once at 09:00 Asia/Shanghai, not at 09:00 UTC, then again the next day', async () => {
    const runs: string[] = [];
    const job = daily({ run: async (now) => void runs.push(now.toISOString()) });
    expect(job.nextRun()?.toISOString()).toBe('2025-03-03T01:00:00.000Z');

    await vi.advanceTimersByTimeAsync(29 * MINUTE);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1 * MINUTE + 1000); // 09:00:01 Shanghai
    expect(runs).toEqual(['2025-03-03T01:00:00.000Z']);

    await vi.advanceTimersByTimeAsync(8 * 60 * MINUTE); // past 09:00 UTC (17:00 Shanghai)
    expect(runs).toHaveLength(1);
    expect(job.nextRun()?.toISOString()).toBe('2025-03-04T01:00:00.000Z');

    await vi.advanceTimersByTimeAsync(16 * 60 * MINUTE);
    expect(runs).toEqual(['2025-03-03T01:00:00.000Z', '2025-03-04T01:00:00.000Z']);
  });

  it('a run that throws is logged and the timer keeps going', async () => {
    let calls = 0;
    daily({
      run: async () => {
        calls++;
        throw Object.assign(new Error('webhook down'), { code: 'network' });
      },
    });
    await vi.advanceTimersByTimeAsync(31 * MINUTE);
    expect(calls).toBe(1);
    expect(lines.some((l) => l.startsWith('[cron reminders] run for 2025-03-03T01:00:00.000Z failed (network): Error: webhook down'))).toBe(true);
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(calls).toBe(2);
  });

  it('runNow runs at once with the clock, never rejects, and joins a run in progress', async () => {
    let release = () => {};
    const runs: string[] = [];
    const job = daily({
      clock: () => new Date('2025-03-03T00:45:00Z'),
      run: (now) => {
        runs.push(now.toISOString());
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    const first = job.runNow();
    const second = job.runNow();
    expect(runs).toEqual(['2025-03-03T00:45:00.000Z']);
    release();
    await Promise.all([first, second]);
    expect(lines.some((l) => l.includes('manual run at 2025-03-03T00:45:00.000Z joins the run in progress'))).toBe(true);

    const failing = daily({ name: 'failing', run: () => Promise.reject(new Error('boom')) });
    await expect(failing.runNow()).resolves.toBeUndefined();
    expect(lines.some((l) => l.startsWith('[cron failing] run for') && l.includes('boom'))).toBe(true);
  });

  it('stops waiting for a hung run after timeoutMs, so later runs are not blocked', async () => {
    let calls = 0;
    const job = daily({ timeoutMs: 5 * MINUTE, run: () => (++calls === 1 ? new Promise<void>(() => undefined) : Promise.resolve()) });
    const hung = job.runNow();
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    await hung;
    expect(lines.some((l) => l.includes('still going after 300000 ms'))).toBe(true);
    await vi.advanceTimersByTimeAsync(26 * MINUTE); // the 09:00 slot runs despite the hung manual run
    expect(calls).toBe(2);
  });

  it('with a coordinator on one store, only one of two instances runs the slot', async () => {
    const store = await createStore({ url: 'memory', dataDir: '/tmp' });
    const runs: string[] = [];
    daily({ coordinator: runCoordinator(store), run: async () => void runs.push('a') });
    daily({ coordinator: runCoordinator(store), run: async () => void runs.push('b') });
    await vi.advanceTimersByTimeAsync(31 * MINUTE);
    expect(runs).toHaveLength(1);
    expect(lines.some((l) => l === '[cron reminders] slot 2025-03-03T01:00:00.000Z skipped: not-elected')).toBe(true);
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(runs).toHaveLength(2);
  });

  it('a coordinator that fails skips the slot (fail closed) and logs why', async () => {
    const runs: string[] = [];
    daily({ coordinator: { shouldRun: () => Promise.reject(new Error('redis down')) }, run: async () => void runs.push('x') });
    await vi.advanceTimersByTimeAsync(31 * MINUTE);
    expect(runs).toEqual([]);
    expect(lines.some((l) => l.includes('error: Run coordinator failed') && l.includes('redis down'))).toBe(true);
  });

  it('rejects an invalid expression with a typed error', () => {
    expect(() => daily({ expression: '0 25 * * *', run: async () => {} })).toThrow(expect.objectContaining({ code: 'invalid-expression' }));
  });

  it('stop() ends the timer', async () => {
    const runs: string[] = [];
    const job = daily({ run: async () => void runs.push('x') });
    job.stop();
    expect(job.nextRun()).toBeNull();
    await vi.advanceTimersByTimeAsync(31 * MINUTE);
    expect(runs).toEqual([]);
  });
});
