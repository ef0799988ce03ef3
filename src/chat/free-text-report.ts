import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Task } from '../kb/records.ts';
import { LLM_BUDGET_MS, withinBudget } from '../llm/budget.ts';
import { checkItem, itemFromText, toldProgress, type ItemChoice } from '../llm/report-reading.ts';
import type { LlmPort, ReportReading } from '../llm/types.ts';
import { taskKey, type ProgressReport, type ProgressStore } from '../status/progress.ts';
import { trackedTasks } from '../status/summarize.ts';
import type { Binding } from './bindings.ts';
import type { IncomingMessage } from './message.ts';
import { roleOf } from './progress-commands.ts';

/**
 * Progress reported in plain language in a department's group ("信用档案那项我们上周已经弄完了").
 * The LLM proposes a reading (item, state, percent); the code decides:
 * - the item must be one the text describes — its number is written in the text, or its wording
 *   matches the text at least as well as any other of the group's tasks (report-reading.ts);
 * - the state and percent are the ones the text states ("进展到30%" is 推进中 30%, whatever the model
 *   says); the reporter's own words are recorded, never the model's summary;
 * - a reading that marks a task done is always confirmed by the reporter ("是"/"否"), whatever the
 *   model's confidence; so is one the model was unsure of, or that disagrees with the text, or that
 *   would reopen a done task. Only a sure, agreeing, not-done reading is recorded at once.
 * When the model is slow (time budget), down or wrong, the code's own reading (a written item
 * number, or a clear wording match) is proposed for confirmation. The LLM changes no state itself.
 */

const LOOKS_LIKE_REPORT = /(已经|已|都|基本)(完成|弄完|办完|做完|办结|上线|落实|启动|建成|出台)|(完成|弄完|搞定|办结|上线)了|进展到|进度(到|达)|\d{1,3}%/;
const YES = /^(是|是的|确认|对|对的|好|好的|嗯)$/;
const NO = /^(否|不是|不对|取消|算了)$/;
const CONFIDENT = 0.8;

export interface FreeTextDeps {
  kb: KnowledgeBase;
  llm: LlmPort;
  progress: ProgressStore;
  /** Milliseconds the model may take to read the report (default LLM_BUDGET_MS). */
  budgetMs?: number;
  log?: (line: string) => void;
}

export const UNSURE_REPLY = '没能确定您报告的是哪一项任务, 没有记录。请用 /进展 <编号> <进展> 报告, 例如: /进展 3.1.1 60% 正在施工; 发送 /我的任务 查看编号。';

const who = (msg: IncomingMessage) => `${msg.room?.id ?? 'dm'}:${msg.from.id}`;

/** "是"/"否" after a reading that needed confirmation; null when nothing is pending. */
export async function confirmPending(deps: Pick<FreeTextDeps, 'progress'>, msg: IncomingMessage, body: string): Promise<string | null> {
  if (!YES.test(body) && !NO.test(body)) return null;
  const pending = await deps.progress.takePending(who(msg));
  if (!pending) return null;
  if (NO.test(body)) return '已取消, 没有记录。可以用 /进展 <编号> <进展> 报告。';
  await deps.progress.add({ ...pending, at: new Date().toISOString() });
  return `已记录 ${pending.ref}: ${describe(pending)}`;
}

export async function readFreeTextReport(deps: FreeTextDeps, msg: IncomingMessage, binding: Binding | undefined, body: string, now: Date): Promise<string | null> {
  if (!binding || !LOOKS_LIKE_REPORT.test(body) || /[?？吗呢]$/.test(body)) return null;
  const tasks = trackedTasks(deps.kb, { files: [binding.file], department: binding.department });
  if (tasks.length === 0) return null;
  const log = deps.log ?? (() => {});
  const candidates = tasks.slice(0, 40).map((t) => ({ label: t.ref ?? '', text: t.text.slice(0, 40) }));
  const reading = await withinBudget(() => deps.llm.readReport(body, candidates), deps.budgetMs ?? LLM_BUDGET_MS, (o) => {
    if (o === 'timeout' || o === 'error') log(`llm readReport: ${o}; reading the report by code`);
  });
  const items = tasks.map((t) => ({ ref: t.ref, text: t.text }));
  const modelIndex = reading?.ref ? tasks.findIndex((t) => t.ref === reading.ref) : -1;
  const fromModel = modelIndex >= 0 ? checkItem(body, items, modelIndex) : null;
  if (reading && !fromModel) log(`llm readReport: item ${reading.ref ?? '-'} is not what the report describes`);
  const choice: ItemChoice | null = fromModel ?? itemFromText(body, items);
  if (!choice) return reading ? UNSURE_REPLY : null;

  const task = tasks[choice.index];
  const told = toldProgress(body);
  const role = roleOf(deps.kb, task, binding.department) ?? undefined;
  // A partner unit's report is on its own part: it never closes the task.
  const state = role === '配合' ? '推进中' : told.state;
  const report: ProgressReport = {
    task: taskKey(task),
    file: task.file,
    ref: task.ref,
    state,
    percent: told.state === '已完成' ? 100 : told.percent,
    text: `原话: ${body.slice(0, 200)}`,
    reporter: { id: msg.from.id, name: msg.from.name },
    department: binding.department,
    ...(role ? { role } : {}),
    at: now.toISOString(),
  };
  const before = await deps.progress.latest(report.task);
  const direct =
    !!fromModel && fromModel.sure && agrees(reading!, told) && reading!.confidence >= CONFIDENT && told.state !== '已完成' && before?.state !== '已完成';
  if (direct) {
    await deps.progress.add(report);
    return `已记录 ${task.ref}「${short(task)}」: ${describe(report)}。如有误请用 /进展 ${task.ref} 更正。`;
  }
  await deps.progress.setPending(who(msg), report);
  return `请确认: 是要报告 ${task.ref}「${short(task)}」${describe(report)}吗? 回复“是”确认, 回复“否”取消。`;
}

/** The model's state and percent are the ones the text states. */
function agrees(reading: ReportReading, told: ReturnType<typeof toldProgress>): boolean {
  if (reading.state !== told.state) return false;
  return told.state === '已完成' || (reading.percent ?? null) === told.percent;
}

const short = (t: Task) => `${t.text.slice(0, 16)}${t.text.length > 16 ? '…' : ''}`;

function describe(r: ProgressReport): string {
  if (r.role === '配合') return `配合单位进展${r.percent !== null ? ` ${r.percent}%` : ''}`;
  return `${r.state}${r.percent !== null && r.state !== '已完成' ? ` ${r.percent}%` : ''}`;
}
