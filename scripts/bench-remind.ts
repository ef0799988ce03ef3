import { DEFAULT_POLICY, dueReminders } from '../src/schedule/due-reminders.ts';
import type { Obligation } from '../src/schedule/types.ts';
import { addDays, chineseWorkdays } from '../src/schedule/workday-calendar.ts';
import type { BenchOptions, BenchSectionResult } from './bench.ts';

/**
 * One day's reminder computation over 100,000 obligations (due dates spread over four years, several
 * departments each), with a fresh calendar memo each round, as the daily cron job would run it.
 */

const TARGET_MS = 200;

function obligations(n: number): Obligation[] {
  const out: Obligation[] = [];
  for (let i = 0; i < n; i++) {
    const due = addDays('2025-01-01', (i * 7919) % 1461);
    out.push({ id: `o${i}`, kind: i % 10 === 0 ? 'report' : 'task', due, title: `任务${i}`, file: `plan${i % 200}.txt`, ref: `${i % 9}.${i % 7}.${i % 5}`, departments: [`部门${i % 37}`, `部门${(i + 5) % 37}`] });
  }
  return out;
}

export async function benchRemind(opts: BenchOptions): Promise<BenchSectionResult> {
  const n = 100_000;
  const list = obligations(n);
  const rounds = opts.quick ? 3 : 10;
  const times: number[] = [];
  let reminders = 0;
  for (let r = 0; r < rounds; r++) {
    const day = addDays('2026-03-02', r);
    const t0 = performance.now();
    reminders = dueReminders(list, DEFAULT_POLICY, chineseWorkdays(), new Date(`${day}T09:00:00+08:00`)).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  opts.log(`remind: ${n} obligations × ${rounds} days`);
  return {
    metrics: [
      { key: 'obligations', label: 'obligations', value: n },
      { key: 'medianMs', label: 'one day, median', value: +median.toFixed(1), unit: 'ms' },
      { key: 'maxMs', label: 'one day, slowest', value: +times[times.length - 1].toFixed(1), unit: 'ms' },
      { key: 'reminders', label: 'reminders on the last day', value: reminders },
    ],
    targets: [{ label: "one day's computation (slowest)", value: times[times.length - 1], unit: 'ms', op: '<', goal: TARGET_MS }],
    notes: ['includes the workday-calendar lookups (chinese-days), memoised per run'],
  };
}
