import { createHash } from 'node:crypto';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Report, Task } from '../kb/records.ts';
import type { Obligation, ReminderPolicy, WorkdayCalendar } from './types.ts';
import { lastWorkdayOfMonth } from './workday-calendar.ts';

/**
 * Obligations from the knowledge base: task deadlines (a month means its last workday), phase ends,
 * reporting dates ("6月底和12月底" → 30 June and 31 December; "每年2次" → the policy's cadence months)
 * and campaign dates (3·15, 质量月 …). Recurring ones are generated for the years around `now`.
 */

const short = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s).replace(/\s+/g, '');

function stableId(...parts: Array<string | null>): string {
  return createHash('sha1').update(parts.join('|')).digest('hex').slice(0, 16);
}

/** `isDone`: tasks reported done get no more reminders (the overdue notices stop). */
export function obligationsOf(kb: KnowledgeBase, policy: ReminderPolicy, cal: WorkdayCalendar, years: number[], isDone: (t: Task) => boolean = () => false): Obligation[] {
  const out: Obligation[] = [];
  const seen = new Set<string>();
  const push = (o: Obligation) => {
    if (!seen.has(o.id)) {
      seen.add(o.id);
      out.push(o);
    }
  };
  for (const t of kb.tasks) {
    if (!t.deadline || isDone(t)) continue;
    const due = t.deadline.length === 7 ? lastWorkdayOfMonth(t.deadline, cal) : t.deadline;
    const departments = t.units.length ? t.units : [];
    push({ id: stableId('task', t.file, t.ref ?? t.text, due), kind: 'task', due, title: short(t.text), file: t.file, ref: t.ref, departments });
  }
  for (const p of kb.phases) {
    const due = lastWorkdayOfMonth(p.end, cal);
    push({ id: stableId('phase', p.file, p.name, due), kind: 'phase', due, title: `${p.name}结束`, file: p.file, ref: p.source.ref, departments: [] });
  }
  const spans = new Map(kb.plans.map((p) => [p.file, planSpan(kb, p.file, p.date)]));
  const within = (file: string) => years.filter((y) => { const s = spans.get(file); return !s || (y >= s[0] && y <= s[1]); });
  for (const r of kb.reports) {
    if (r.kind !== 'duty') continue;
    for (const due of reportDueDates(r, policy, cal, within(r.file))) {
      push({ id: stableId('report', r.file, r.what, due), kind: 'report', due, title: `报送${short(r.what, 24)}${r.to ? `(报${short(r.to, 20)})` : ''}`, file: r.file, ref: r.source.ref, departments: r.departments });
    }
  }
  for (const c of kb.campaignDates) {
    for (const y of within(c.file)) {
      const due = c.date.length === 5 ? `${y}-${c.date}` : `${y}-${c.date}-01`;
      push({ id: stableId('campaign', c.file, c.name, due), kind: 'campaign', due, title: `${c.name}${c.date.length === 2 ? '开始' : ''}`, file: c.file, ref: c.source.ref, departments: [] });
    }
  }
  return out;
}

/**
 * The years a plan is in force, for its recurring duties: from its date (or first deadline) to its last
 * deadline, phase end or target year. Null when the plan states none of these.
 */
function planSpan(kb: KnowledgeBase, file: string, date: string | null): [number, number] | null {
  const years = [
    ...kb.tasks.filter((t) => t.file === file && t.deadline).map((t) => Number(t.deadline!.slice(0, 4))),
    ...kb.phases.filter((p) => p.file === file).flatMap((p) => [Number(p.start.slice(0, 4)), Number(p.end.slice(0, 4))]),
    ...kb.targets.filter((t) => t.file === file && t.year).map((t) => t.year!),
  ];
  if (date) years.push(Number(date.slice(0, 4)));
  if (years.length === 0) return null;
  return [Math.min(...years), Math.max(...years)];
}

/** The due dates of a reporting duty in the given years. */
function reportDueDates(r: Report, policy: ReminderPolicy, cal: WorkdayCalendar, years: number[]): string[] {
  if (r.dates.length) return years.flatMap((y) => r.dates.map((md) => `${y}-${md}`));
  const months = r.perYear ? policy.cadenceMonths[String(r.perYear)] : undefined;
  if (!months) return [];
  return years.flatMap((y) => months.map((m) => lastWorkdayOfMonth(`${y}-${String(m).padStart(2, '0')}`, cal)));
}
