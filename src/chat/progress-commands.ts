import { cityOf as planCity, isResponsible, type KnowledgeBase } from '../kb/knowledge-base.ts';
import { shanghaiDay as today } from '../shanghai-day.ts';
import type { Task } from '../kb/records.ts';
import { exportTasksXlsx } from '../status/export-xlsx.ts';
import { taskKey, type ProgressStore, type ReportedState } from '../status/progress.ts';
import { departmentChartRows, exportRowOf, statusEntries, summarize, supervisionSheets, type Scope } from '../status/summarize.ts';
import { statusOf } from '../status/task-status.ts';
import type { CommandContext } from './commands.ts';

/**
 * Progress commands: /进展 <编号> <已完成|60%|说明…>, /完成 <编号> [说明], /汇总 [城市] [部门],
 * /督办单 <部门> [城市], /导出. A department reports on its own tasks; coordinators on any.
 */

export interface ProgressContext extends CommandContext {
  progress: ProgressStore;
  sendFile?: (file: { name: string; data: Buffer }) => Promise<void>;
}


export async function reportProgress(c: ProgressContext, forceDone = false): Promise<string> {
  const [ref, ...rest] = c.args;
  if (!ref) return forceDone ? '请写明任务编号, 例如: /完成 1.4.3' : '请写明任务编号和进展, 例如: /进展 1.4.3 60% 正在招标';
  const kb = c.engine.prepared.kb;
  const candidates = findByRef(kb, ref, c.binding?.file);
  if (candidates.length === 0) return notFound(kb, ref, c.binding?.file);
  if (candidates.length > 1) return `编号${ref}在多个方案中都有(${candidates.map((t) => cityOf(kb, t.file)).join('、')}), 请在绑定了部门的群里报告。`;
  const task = candidates[0];
  const own = c.binding && isResponsible(kb, task, c.binding.department);
  if (!c.isCoordinator && !own) {
    return c.binding ? `${ref}不是${c.binding.department}负责的任务(责任单位: ${task.units.join('、')}), 不能在本群报告。` : '请在本部门绑定的群里报告进展。';
  }
  const { state, percent, text } = parseReport(rest, forceDone);
  const key = taskKey(task);
  const before = await c.progress.latest(key);
  await c.progress.add({
    task: key,
    file: task.file,
    ref: task.ref,
    state,
    percent,
    text,
    reporter: { id: c.msg.from.id, name: c.msg.from.name },
    department: own ? c.binding!.department : '协调员',
    at: c.now.toISOString(),
  });
  const now = `${state}${percent !== null && state !== '已完成' ? ` ${percent}%` : ''}${text ? `(${text})` : ''}`;
  const prev = before ? `; 此前: ${before.state}${before.percent !== null ? ` ${before.percent}%` : ''}(${before.at.slice(0, 10)} ${before.reporter.name})` : '';
  return `已记录 ${cityOf(kb, task.file)} ${ref}: ${now}${prev}`;
}

function parseReport(words: string[], forceDone: boolean): { state: ReportedState; percent: number | null; text: string } {
  let state: ReportedState = forceDone ? '已完成' : '推进中';
  let percent: number | null = forceDone ? 100 : null;
  const text: string[] = [];
  for (const w of words) {
    const p = /^(\d{1,3})%$/.exec(w);
    if (/^(已完成|完成|已办结|办结)$/.test(w)) {
      state = '已完成';
      percent = 100;
    } else if (p && Number(p[1]) <= 100) {
      percent = Number(p[1]);
      if (percent === 100) state = '已完成';
    } else if (!/^(推进中|进行中)$/.test(w)) {
      text.push(w);
    }
  }
  return { state, percent, text: text.join(' ').slice(0, 500) };
}

function findByRef(kb: KnowledgeBase, ref: string, file?: string): Task[] {
  const r = ref.replace(/^第|[条项]$/g, '');
  const tasks = kb.tasks.filter((t) => t.ref === r && (!file || t.file === file) && t.units.length > 0);
  const table = tasks.filter((t) => t.origin === 'table');
  const pick = r.includes('.') && table.length ? table : tasks;
  return [...new Map(pick.map((t) => [t.file, t])).values()];
}

/** An unknown item: the closest item numbers, not a silent failure. */
function notFound(kb: KnowledgeBase, ref: string, file?: string): string {
  const refs = [...new Set(kb.tasks.filter((t) => t.ref && (!file || t.file === file) && t.units.length).map((t) => t.ref!))];
  const prefix = ref.split('.').slice(0, -1).join('.');
  const near = refs.filter((r) => (prefix && r.startsWith(`${prefix}.`)) || distance(r, ref) <= 1).slice(0, 6);
  return `没有找到编号${ref}的任务。${near.length ? `相近的编号: ${near.join('、')}` : '发送 /我的任务 查看本部门的任务编号。'}`;
}

function distance(a: string, b: string): number {
  if (a.length !== b.length) return Math.abs(a.length - b.length) + 1;
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

function cityOf(kb: KnowledgeBase, file: string): string {
  return planCity(kb, file) ?? file;
}

/** "/汇总 [城市] [部门]": a city and/or department narrows it; a bound group defaults to its plan. */
function scopeOf(c: CommandContext, args: string[]): { scope: Scope; label: string } {
  const kb = c.engine.prepared.kb;
  const scope: Scope = {};
  const labels: string[] = [];
  for (const a of args) {
    const plan = kb.plans.find((p) => p.city && (a === p.city || a === `${p.city}市`));
    if (plan) {
      scope.files = [plan.file];
      labels.push(plan.city!);
    } else if (a) {
      scope.department = a;
      labels.push(a);
    }
  }
  if (!scope.files && c.binding) scope.files = [c.binding.file];
  return { scope, label: labels.join(' ') || (c.binding?.city ?? '全部方案') };
}

export async function summary(c: ProgressContext): Promise<string> {
  const { scope, label } = scopeOf(c, c.args);
  const entries = statusEntries(c.engine.prepared.kb, await c.progress.allLatest(), today(c.now), scope, c.thresholds);
  const facts = summarize(entries, c.now, label);
  // With an LLM, a shorter wording for leaders — checked against these facts; otherwise the facts.
  const text = (c.llm && (await c.llm.summarize(facts).catch(() => null))) || facts;
  const rows = departmentChartRows(entries);
  if (c.sendFile && rows.length >= 2) {
    const { renderStatusChart } = await import('../status/render-chart.ts');
    const png = await renderStatusChart(rows, { title: `${label} 任务完成情况`, subtitle: `截至${today(c.now)}` });
    await c.sendFile({ name: `进展汇总-${today(c.now)}.png`, data: png });
  }
  return text;
}

export async function supervision(c: ProgressContext): Promise<string> {
  const [dept, ...rest] = c.args;
  const department = dept ?? c.binding?.department;
  if (!department) return '请写明部门, 例如: /督办单 市质监局';
  const { scope } = scopeOf(c, rest);
  const kb = c.engine.prepared.kb;
  const entries = statusEntries(kb, await c.progress.allLatest(), today(c.now), { ...scope, department }, c.thresholds);
  if (entries.length === 0) return `没有找到${department}负责的任务。`;
  return supervisionSheets(kb, entries, department, c.now);
}

export async function exportXlsx(c: ProgressContext): Promise<string> {
  if (!c.sendFile) return '当前会话不支持发送文件; 请使用命令行 duban status --xlsx 导出。';
  const { scope, label } = scopeOf(c, c.args);
  const kb = c.engine.prepared.kb;
  const entries = statusEntries(kb, await c.progress.allLatest(), today(c.now), scope, c.thresholds);
  const rows = entries.map(exportRowOf);
  await c.sendFile({ name: `任务督办表-${today(c.now)}.xlsx`, data: await exportTasksXlsx(rows, { asOf: c.now }) });
  return `已导出${label}的${rows.length}项任务(任务督办表-${today(c.now)}.xlsx)。`;
}

/** "3.1.1完成了吗" / "1.4.3进展怎么样": a question about an item's progress. */
const ITEM_PROGRESS = /^(?:第)?(\d{1,2}(?:\.\d{1,2}){0,3})(?:条|项)?(?:这项|这条|任务)?(?:完成了吗|完成没有|完成了没有|完成没|做完了吗|进展(?:怎么样|如何|情况)?|进度(?:怎么样|如何)?|怎么样了|办结了吗)[?？]?$/;
/** "住建局的进展" / "市质监局进展怎么样": a department's progress. */
const DEPARTMENT_PROGRESS = /^(.{2,20}?(?:局|委|办|厅|中心|政府|管委会))的?(?:进展|进度|完成情况|工作进展)(?:怎么样|如何|情况)?[?？]?$/;

/**
 * Progress questions asked in words are answered from the progress store, not from the plan text:
 * an item's latest report and state, or a department's supervision sheet. Null when the text is no
 * such question.
 */
export async function answerProgressQuestion(c: ProgressContext, body: string): Promise<string | null> {
  const text = body.replace(/\s+/g, '');
  const item = ITEM_PROGRESS.exec(text);
  if (item) {
    const kb = c.engine.prepared.kb;
    const tasks = findByRef(kb, item[1], c.binding?.file);
    if (tasks.length === 0) return notFound(kb, item[1], c.binding?.file);
    const lines: string[] = [];
    for (const task of tasks.slice(0, 3)) {
      const last = await c.progress.latest(taskKey(task));
      const st = statusOf(task, last ?? null, today(c.now), c.thresholds);
      const report = last
        ? `最近报告: ${last.state}${last.percent !== null && last.state !== '已完成' ? ` ${last.percent}%` : ''}${last.text ? `(${last.text.slice(0, 60)})` : ''}, ${last.at.slice(0, 10)} ${last.reporter.name}`
        : '还没有进展报告';
      const due = task.deadline ? `; 完成时限 ${task.deadline}` : '';
      lines.push(`${cityOf(kb, task.file)} ${item[1]} ${task.text.slice(0, 24)}: ${st.state}。${report}${due}`);
    }
    return lines.join('\n');
  }
  const dept = DEPARTMENT_PROGRESS.exec(text);
  if (dept) return supervision({ ...c, args: [dept[1]] });
  return null;
}
