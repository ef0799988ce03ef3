import { cleanUserText, quoteUserText } from './hygiene.ts';
import { cityOf as planCity, type KnowledgeBase } from '../kb/knowledge-base.ts';
import { shanghaiDay as today } from '../shanghai-day.ts';
import type { Task } from '../kb/records.ts';
import { exportTasksXlsx } from '../status/export-xlsx.ts';
import { currentOf, taskKey, type ProgressReport, type ProgressStore, type ReportedState, type ReportRole } from '../status/progress.ts';
import { departmentChartRows, exportRowOf, statusEntries, summarize, supervisionSheets, type Scope } from '../status/summarize.ts';
import { statusOf } from '../status/task-status.ts';
import type { CommandContext } from './commands.ts';

/**
 * Progress commands: /进展 <编号> <已完成|60%|说明…>, /完成 <编号> [说明], /重开 <编号> [原因],
 * /汇总 [城市] [部门], /督办单 <部门> [城市], /导出. A department reports on its own tasks — the lead
 * unit closes and reopens them, partner units report their part — and coordinators (by WeChat id) on any.
 */

export interface ProgressContext extends CommandContext {
  progress: ProgressStore;
  sendFile?: (file: { name: string; data: Buffer }) => Promise<void>;
}


/**
 * A department's part in a task, matched through the department registry (市质监局 = 质监局): 牵头 when
 * it is among the lead units; 配合 when the task names a lead and it is another of its units; 负责 when
 * the plan names no lead (a plain list of responsible units: each may close the task); null otherwise.
 */
export type TaskRole = '牵头' | '负责' | '配合';

export function roleOf(kb: KnowledgeBase, task: Pick<Task, 'file' | 'lead' | 'units' | 'partners'>, department: string): TaskRole | null {
  const city = planCity(kb, task.file);
  const key = kb.departments.keyOf(department, city);
  const among = (names: readonly string[]) => names.some((u) => kb.departments.keyOf(u, city) === key);
  if (task.lead.length === 0) return among(task.units) ? '负责' : null;
  if (among(task.lead)) return '牵头';
  return among(task.units) || among(task.partners) ? '配合' : null;
}

/**
 * On whose authority this conversation acts on a task: the group's own part in it when that is the
 * lead's (or a responsible unit's), else a coordinator's (by WeChat id), else the group's part (配合)
 * or none.
 */
function roleHere(c: ProgressContext, task: Task): ReportRole | null {
  const unit = c.binding ? roleOf(c.engine.prepared.kb, task, c.binding.department) : null;
  if (unit === '牵头' || unit === '负责') return unit;
  return c.isCoordinator ? '协调员' : unit;
}

const leadsOf = (task: Task) => task.lead.join('、') || task.units.join('、');
const describeLast = (r: ProgressReport) => `${r.at.slice(0, 10)} ${r.reporter.name}${r.department && r.department !== '协调员' ? `(${r.department})` : r.role === '协调员' ? '(协调员)' : ''}`;

/** One state change of a task, kept with who made it (id, name, department, role) and when. */
function record(c: ProgressContext, task: Task, role: ReportRole, change: Pick<ProgressReport, 'state' | 'percent' | 'text'>): Promise<void> {
  return c.progress.add({
    task: taskKey(task),
    file: task.file,
    ref: task.ref,
    ...change,
    reporter: { id: c.msg.from.id, name: c.msg.from.name },
    department: role === '协调员' ? '协调员' : c.binding!.department,
    role,
    at: c.now.toISOString(),
  });
}

/** The task an item number means here, its city, and this sender's role on it — or the reply saying why there is no task. */
function taskHere(c: ProgressContext, ref: string): { task: Task; city: string; role: ReportRole | null } | string {
  const found = taskFor(c, ref);
  if (typeof found === 'string') return found;
  return { task: found, city: cityOf(c.engine.prepared.kb, found.file), role: roleHere(c, found) };
}

/** The one task an item number means here, or the reply saying why there is none. */
function taskFor(c: ProgressContext, ref: string): Task | string {
  const kb = c.engine.prepared.kb;
  const candidates = findByRef(kb, ref, c.binding?.file);
  if (candidates.length === 0) return notFound(kb, ref, c.binding?.file);
  if (candidates.length > 1) return `编号${quoteUserText(ref, 20)}在多个方案中都有(${candidates.map((t) => cityOf(kb, t.file)).join('、')}), 请在绑定了部门的群里报告。`;
  return candidates[0];
}

/**
 * /进展 <编号> <进度|说明…> and /完成 <编号> [说明]. The lead unit (or, where the plan names none, any
 * responsible unit) and the coordinators may mark a task done; partner (配合) units report their own
 * part, which never closes the task. A percent is 0–100; a done task takes no more progress until it
 * is reopened (/重开). `/进展 <编号>` alone shows the item's state.
 */
export async function reportProgress(c: ProgressContext, forceDone = false): Promise<string> {
  const [ref, ...rest] = c.args;
  if (!ref) return forceDone ? '请写明任务编号, 例如: /完成 1.4.3' : '请写明任务编号和进展, 例如: /进展 1.4.3 60% 正在招标';
  if (!forceDone && rest.length === 0) return describeItems(c, ref);
  const found = taskHere(c, ref);
  if (typeof found === 'string') return found;
  const { task, city, role } = found;
  if (!role) {
    return c.binding ? `${quoteUserText(ref, 20)}不是${c.binding.department}负责的任务(责任单位: ${task.units.join('、')}), 不能在本群报告。` : '请在本部门绑定的群里报告进展。';
  }
  const parsed = parseReport(rest, forceDone, ref);
  if ('error' in parsed) return parsed.error;
  if (role === '配合' && parsed.done) {
    return `${city} ${ref}的牵头单位是${leadsOf(task)}, 只有牵头单位或协调员可以标记完成。${c.binding!.department}是配合单位, 请用 /进展 ${ref} <进度%> <说明> 报告本单位承担部分的进展, 例如: /进展 ${ref} 100% 本单位配合工作已完成。`;
  }
  const state: ReportedState = parsed.done || (parsed.percent === 100 && role !== '配合') ? '已完成' : '推进中';
  const percent = state === '已完成' ? 100 : parsed.percent;
  const before = await c.progress.latest(taskKey(task));
  if (before?.state === '已完成' && state !== '已完成') {
    return `${city} ${ref}已于${describeLast(before)}标记为已完成, 不再接受进展报告。如需重新推进, 请牵头单位(${leadsOf(task)})或协调员先发送 /重开 ${ref} <原因>。`;
  }
  await record(c, task, role, { state, percent, text: parsed.text });
  if (role === '配合') {
    const part = `${percent !== null ? `${percent}%` : '推进中'}${parsed.text ? `(${quoteUserText(parsed.text)})` : ''}`;
    return `已记录 ${city} ${ref} 配合单位${c.binding!.department}的进展: ${part}。任务由牵头单位${leadsOf(task)}标记完成; 牵头单位和协调员用 /进展 ${ref} 可以看到。`;
  }
  const now = `${state}${percent !== null && state !== '已完成' ? ` ${percent}%` : ''}${parsed.text ? `(${quoteUserText(parsed.text)})` : ''}`;
  const prev = before && before.role !== '配合' ? `; 此前: ${before.state}${before.percent !== null ? ` ${before.percent}%` : ''}(${before.at.slice(0, 10)} ${before.reporter.name})` : '';
  return `已记录 ${city} ${ref}: ${now}${prev}`;
}

/** "/重开 <编号> [原因]": a done task back to 推进中 (its reminders resume) — by the lead unit or a coordinator. */
export async function reopenTask(c: ProgressContext): Promise<string> {
  const [ref, ...rest] = c.args;
  if (!ref) return '请写明任务编号和原因, 例如: /重开 1.4.3 验收未通过';
  const found = taskHere(c, ref);
  if (typeof found === 'string') return found;
  const { task, city, role } = found;
  if (role !== '牵头' && role !== '负责' && role !== '协调员') {
    return `只有${ref}的牵头单位(${leadsOf(task)})或协调员可以重开任务${c.binding ? '' : '; 请在牵头单位绑定的群里发送'}。`;
  }
  const before = await c.progress.latest(taskKey(task));
  if (before?.state !== '已完成') return `${city} ${ref}当前不是已完成状态, 无需重开${before ? '' : '(还没有进展报告)'}。`;
  const reason = cleanUserText(rest.join(' ')).slice(0, 500);
  await record(c, task, role, { state: '推进中', percent: null, text: reason ? `重开: ${reason}` : '重开' });
  return `已重开 ${city} ${ref}${reason ? `(${quoteUserText(reason)})` : ''}; 此前于${describeLast(before)}标记为已完成。提醒恢复, 可以继续用 /进展 ${ref} 报告进展。`;
}

type ParsedReport = { done: boolean; percent: number | null; text: string } | { error: string };

/** A word that claims a percent: ends in %, and is a number or no number at all ("150%", "-20%", "abc%", "五成%"). */
const PERCENT_WORD = /[%％]$/;

function parseReport(words: string[], forceDone: boolean, ref: string): ParsedReport {
  let done = forceDone;
  let percent: number | null = null;
  const text: string[] = [];
  const example = `例如: /进展 ${ref} 60% 正在招标`;
  for (const raw of words) {
    const w = raw.normalize('NFKC');
    const figure = w.slice(0, -1);
    if (/^(已完成|完成|已办结|办结)$/.test(w)) {
      done = true;
    } else if (PERCENT_WORD.test(w) && (/^[^\p{Script=Han}]*$/u.test(figure) || !/\d/.test(figure))) {
      if (!/^[-+−]?\d+(\.\d+)?$/.test(figure)) return { error: `进度“${quoteUserText(raw, 20)}”不是数字。请写 0 到 100 之间的数字加 %, ${example}` };
      const n = Number(figure.replace('−', '-'));
      if (n < 0 || n > 100) return { error: `进度“${quoteUserText(raw, 20)}”超出范围: 应在 0% 到 100% 之间。${example}` };
      percent = n;
    } else if (!/^(推进中|进行中)$/.test(w)) {
      text.push(raw);
    }
  }
  if (done && percent !== null && percent < 100) {
    return { error: `“已完成”与进度 ${percent}% 矛盾: 部分完成请用 /进展 ${ref} ${percent}% <说明>, 全部完成用 /完成 ${ref}。` };
  }
  return { done, percent, text: cleanUserText(text.join(' ')).slice(0, 500) };
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
  return `没有找到编号${quoteUserText(ref, 20)}的任务。${near.length ? `相近的编号: ${near.join('、')}` : '发送 /我的任务 查看本部门的任务编号。'}`;
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
  return { scope, label: quoteUserText(labels.join(' '), 20) || (c.binding?.city ?? '全部方案') };
}

export async function summary(c: ProgressContext): Promise<string> {
  const { scope, label } = scopeOf(c, c.args);
  const entries = statusEntries(c.engine.prepared.kb, await c.progress.allLatest(), today(c.now), scope, c.thresholds);
  const facts = summarize(entries, c.now, label);
  // With an LLM, a shorter wording for leaders — checked against these facts; otherwise the facts.
  const text = await (await import('../llm/leader-summary.ts')).summarizeForLeaders(c.llm, facts);
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
  if (entries.length === 0) return `没有找到${quoteUserText(department, 20)}负责的任务。`;
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

/**
 * An item's state from the progress store: the task's current report (lead, responsible unit or
 * coordinator) and, below it, each partner unit's latest report on its own part.
 */
async function describeItems(c: ProgressContext, ref: string): Promise<string> {
  const kb = c.engine.prepared.kb;
  const tasks = findByRef(kb, ref, c.binding?.file);
  if (tasks.length === 0) return notFound(kb, ref, c.binding?.file);
  const lines: string[] = [];
  for (const task of tasks.slice(0, 3)) {
    const history = await c.progress.history(taskKey(task));
    const last = currentOf(history);
    const st = statusOf(task, last ?? null, today(c.now), c.thresholds);
    const report = last?.role === '配合'
      ? '牵头单位还没有报告进展'
      : last
      ? `最近报告: ${last.state}${last.percent !== null && last.state !== '已完成' ? ` ${last.percent}%` : ''}${last.text ? `(${quoteUserText(last.text, 60)})` : ''}, ${last.at.slice(0, 10)} ${last.reporter.name}`
      : '还没有进展报告';
    const due = task.deadline ? `; 完成时限 ${task.deadline}` : '';
    lines.push(`${cityOf(kb, task.file)} ${ref} ${task.text.slice(0, 24)}: ${st.state}。${report}${due}`);
    const partners = new Map<string, ProgressReport>();
    for (const r of history) if (r.role === '配合') partners.set(kb.departments.keyOf(r.department, planCity(kb, task.file)), r);
    if (partners.size > 0) {
      const parts = [...partners.values()].map((r) => `${r.department} ${r.percent !== null ? `${r.percent}%` : '推进中'}${r.text ? `(${quoteUserText(r.text, 40)})` : ''}, ${r.at.slice(0, 10)} ${r.reporter.name}`);
      lines.push(`  配合单位进展(牵头: ${leadsOf(task)}): ${parts.join('; ')}`);
    }
  }
  return lines.join('\n');
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
  if (item) return describeItems(c, item[1]);
  const dept = DEPARTMENT_PROGRESS.exec(text);
  if (dept) return supervision({ ...c, args: [dept[1]] });
  return null;
}
