import { cityOf, type KnowledgeBase } from '../kb/knowledge-base.ts';
import { shanghaiDay as shanghai } from '../shanghai-day.ts';
import type { Task } from '../kb/records.ts';
import { countByDepartment, departmentKeyOf, departmentLabel, departmentOf, departmentsOf, type DepartmentCount, type DepartmentRef } from './departments.ts';
import { NO_UNIT, type ExportRow } from './export-xlsx.ts';
import type { ChartRow } from './render-chart.ts';
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
  /** The task's responsible departments by the one counting rule (`departments.ts`): 质监局 = 市质监局, per city. */
  responsible: DepartmentRef[];
  /** Their display names (`responsible[i].name`). */
  departments: string[];
  /** The department key of the latest report's reporter (null: none, or a coordinator's note). */
  reportedBy: string | null;
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
  return out.filter((t) => isResponsibleFor(kb, t, scope.department!));
}

/** Whether a department (any written form, in the task's city) is among the task's responsible units. */
export function isResponsibleFor(kb: KnowledgeBase, task: Task, department: string): boolean {
  const key = departmentKeyOf(kb, department, task.file);
  return responsibleOf(kb, task).some((d) => d.key === key);
}

/** A task's responsible departments (lead ∪ units), each once. */
export function responsibleOf(kb: KnowledgeBase, task: Pick<Task, 'file' | 'lead' | 'units'>): DepartmentRef[] {
  return departmentsOf(kb, [...task.lead, ...task.units], task.file);
}

export function statusEntries(kb: KnowledgeBase, latest: Map<string, ProgressReport>, today: string, scope: Scope = {}, t?: StatusThresholds): StatusEntry[] {
  return trackedTasks(kb, scope).map((task) => {
    const key = taskKey(task);
    const planCity = cityOf(kb, task.file);
    const city = planCity ?? task.file;
    const responsible = responsibleOf(kb, task);
    const status = statusOf(task, latest.get(key) ?? null, today, t);
    const reportedBy = status.last && status.last.department !== '协调员' ? departmentKeyOf(kb, status.last.department, task.file) : null;
    return { task, key, city, status, responsible, departments: responsible.map((d) => d.name), reportedBy };
  });
}

export interface DepartmentStatus extends DepartmentCount {
  /** As listed (= `label`): the display name, with the city when the entries span several cities. */
  department: string;
  /** Whether the department itself has reported on any of its tasks. */
  reported: boolean;
}

/**
 * Counts per responsible department by the one rule (`countByDepartment`): a task counts once for each
 * department, 质监局 and 市质监局 being one; sorted by city, then the most tasks first.
 */
export function byDepartment(entries: StatusEntry[]): DepartmentStatus[] {
  const counts = countByDepartment(entries, {
    departmentsOf: (e) => e.responsible,
    stateOf: (e) => e.status.state,
    unassigned: { name: NO_UNIT, cityOf: (e) => e.city },
  });
  const reported = new Set(entries.filter((e) => e.responsible.some((d) => d.key === e.reportedBy)).map((e) => e.reportedBy!));
  return counts.map((c) => ({ ...c, department: c.label, reported: reported.has(c.key) }));
}

/** The chart's bars: one per department (`byDepartment`), the most tasks first. */
export function departmentChartRows(entries: StatusEntry[]): ChartRow[] {
  return byDepartment(entries)
    .sort((a, b) => b.total - a.total)
    .map((d) => ({ label: d.department, done: d.done, inProgress: d.inProgress, overdue: d.overdue, notStarted: d.notStarted }));
}

/** A status entry as a row of the Excel export, its departments counted by the same rule. */
export function exportRowOf(e: StatusEntry): ExportRow {
  const last = e.status.last;
  return {
    city: e.city, file: e.task.file, ref: e.task.ref, text: e.task.text, lead: e.task.lead, units: e.task.units,
    partners: e.task.partners, deadline: e.task.deadline, status: e.status.state, light: e.status.light, percent: e.status.percent,
    lastReport: last ? { at: last.at, by: last.reporter.name, department: last.department, text: last.text } : null,
    departments: e.responsible,
  };
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
  if (overdue.length) lines.push(`逾期事项: ${overdue.map((e) => `${refOf(e.task)}${e.task.text.slice(0, 14)}…(${e.departments[0] ?? e.task.units[0]})`).join('; ')}`);
  const silent = byDepartment(entries).filter((d) => !d.reported && d.done + d.inProgress === 0);
  if (silent.length) lines.push(`尚未报告进展的部门${silent.length}个: ${silent.slice(0, 6).map((d) => d.department).join('、')}${silent.length > 6 ? '等' : ''}`);
  return lines.join('\n');
}

/**
 * The 督办单 of a department as the user wrote it (质监局, 市质监局 …): one sheet per department it
 * means by the one rule — one in a city; one per city when the entries span cities (市场监管局 of 明州
 * and of 清江 are two departments) — each headed by the department's display name.
 */
export function supervisionSheets(kb: KnowledgeBase, entries: StatusEntry[], department: string, asOf: Date): string {
  const groups = new Map<string, { ref: DepartmentRef; entries: StatusEntry[] }>();
  for (const e of entries) {
    const ref = departmentOf(kb, department, e.task.file);
    const g = groups.get(ref.key) ?? { ref: e.responsible.find((d) => d.key === ref.key) ?? ref, entries: [] };
    g.entries.push(e);
    groups.set(ref.key, g);
  }
  const multi = groups.size > 1;
  return [...groups.values()].map((g) => supervisionSheet(g.entries, multi ? departmentLabel(g.ref.city, g.ref.name) : g.ref.name, asOf)).join('\n\n');
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

