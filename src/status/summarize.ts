import { cityOf, isResponsible, type KnowledgeBase } from '../kb/knowledge-base.ts';
import { shanghaiDay as shanghai } from '../shanghai-day.ts';
import type { Task } from '../kb/records.ts';
import { taskKey, type ProgressReport } from './progress.ts';
import { statusOf, type StatusThresholds, type TaskStatus } from './task-status.ts';

/**
 * Status of the tracked tasks and the leaders' summary: totals, completion rate, the most lagging
 * departments, the top overdue items and the as-of time, chat-sized. Pure.
 */

export interface StatusEntry {
  task: Task;
  key: string;
  city: string;
  status: TaskStatus;
  /** The task's responsible departments, each under its registry name (质监局 = 市质监局). */
  departments: string[];
}

export interface Scope {
  files?: string[];
  /** Only tasks this department is responsible for (registry-aware). */
  department?: string;
}

/**
 * The tasks that are tracked: a plan's 任务分解表 rows when it has them (its body items summarise the
 * same work, and counting both would double it), otherwise its body and duty tasks with owners.
 */
export function trackedTasks(kb: KnowledgeBase, scope: Scope = {}): Task[] {
  const out: Task[] = [];
  for (const p of kb.plans) {
    if (scope.files?.length && !scope.files.includes(p.file)) continue;
    const tasks = kb.tasks.filter((t) => t.file === p.file && t.units.length > 0);
    const table = tasks.filter((t) => t.origin === 'table');
    out.push(...(table.length ? table : tasks));
  }
  if (!scope.department) return out;
  return out.filter((t) => isResponsible(kb, t, scope.department!));
}

export function statusEntries(kb: KnowledgeBase, latest: Map<string, ProgressReport>, today: string, scope: Scope = {}, t?: StatusThresholds): StatusEntry[] {
  return trackedTasks(kb, scope).map((task) => {
    const key = taskKey(task);
    const planCity = cityOf(kb, task.file);
    const city = planCity ?? task.file;
    const departments = [...new Set(task.units.map((u) => kb.departments.resolve(u, task.file, planCity)?.name ?? u))];
    return { task, key, city, status: statusOf(task, latest.get(key) ?? null, today, t), departments };
  });
}

export interface DepartmentStatus {
  department: string;
  total: number;
  done: number;
  inProgress: number;
  overdue: number;
  notStarted: number;
  reported: boolean;
}

/** Counts per responsible department (a task counts once for each of its units). */
export function byDepartment(entries: StatusEntry[]): DepartmentStatus[] {
  const map = new Map<string, DepartmentStatus>();
  const cities = new Set(entries.map((e) => e.city));
  for (const e of entries) {
    for (const name of e.departments) {
      const d = cities.size > 1 ? `${e.city}${name}` : name;
      const s = map.get(d) ?? { department: d, total: 0, done: 0, inProgress: 0, overdue: 0, notStarted: 0, reported: false };
      s.total++;
      if (e.status.state === '已完成') s.done++;
      else if (e.status.state === '推进中') s.inProgress++;
      else if (e.status.state === '逾期') s.overdue++;
      else s.notStarted++;
      if (e.status.last?.department === name) s.reported = true;
      map.set(d, s);
    }
  }
  return [...map.values()];
}

const pct = (n: number, d: number) => (d === 0 ? '0%' : `${Math.round((100 * n) / d)}%`);
const fmtDay = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** The leaders' summary, chat-sized. */
export function summarize(entries: StatusEntry[], asOf: Date, label: string): string {
  if (entries.length === 0) return `${label}没有可统计的任务(任务需要写明责任单位)。`;
  const count = (s: string) => entries.filter((e) => e.status.state === s).length;
  const done = count('已完成');
  const lines = [
    `【进展汇总】${label} 截至${fmtDay(shanghai(asOf))}: 任务${entries.length}项, 已完成${done}(${pct(done, entries.length)}), 推进中${count('推进中')}, 逾期${count('逾期')}, 未开始${count('未开始')}。`,
  ];
  const lagging = byDepartment(entries)
    .filter((d) => d.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.done / a.total - b.done / b.total)
    .slice(0, 3);
  if (lagging.length) lines.push(`落后部门: ${lagging.map((d) => `${d.department}(逾期${d.overdue}/${d.total})`).join('、')}`);
  const overdue = entries.filter((e) => e.status.state === '逾期').sort((a, b) => (a.status.dueDay ?? '').localeCompare(b.status.dueDay ?? '')).slice(0, 3);
  if (overdue.length) lines.push(`逾期事项: ${overdue.map((e) => `${refOf(e.task)}${e.task.text.slice(0, 14)}…(${e.task.units[0]})`).join('; ')}`);
  const silent = byDepartment(entries).filter((d) => !d.reported && d.done + d.inProgress === 0);
  if (silent.length) lines.push(`尚未报告进展的部门${silent.length}个: ${silent.slice(0, 6).map((d) => d.department).join('、')}${silent.length > 6 ? '等' : ''}`);
  return lines.join('\n');
}

/** One department's open and overdue items (督办单). */
export function supervisionSheet(entries: StatusEntry[], department: string, asOf: Date): string {
  const open = entries.filter((e) => e.status.state !== '已完成');
  if (open.length === 0) return `${department}没有未完成的任务。`;
  open.sort((a, b) => (a.status.state === '逾期' ? 0 : 1) - (b.status.state === '逾期' ? 0 : 1) || (a.status.dueDay ?? '9').localeCompare(b.status.dueDay ?? '9'));
  const line = (e: StatusEntry) => {
    const light = e.status.light === 'red' ? '🔴' : e.status.light === 'yellow' ? '🟡' : '🟢';
    const due = e.status.dueDay ? fmtDay(e.status.dueDay) : '未写明时限';
    const pctText = e.status.percent !== null ? ` ${e.status.percent}%` : '';
    return `${light} ${refOf(e.task)}${e.task.text.slice(0, 18)}… ${e.status.state}${pctText}(${due})`;
  };
  const shown = open.slice(0, 10).map(line);
  const more = open.length > 10 ? [`……还有${open.length - 10}项, 发送 /导出 获取完整表格`] : [];
  return [`【督办单】${department} 截至${fmtDay(shanghai(asOf))}: 未完成${open.length}项(逾期${open.filter((e) => e.status.state === '逾期').length})`, ...shown, ...more].join('\n');
}

function refOf(t: Task): string {
  return t.ref ? `${t.ref} ` : '';
}

