import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { LlmPort } from '../llm/types.ts';
import { taskKey, type ProgressReport, type ProgressStore } from '../status/progress.ts';
import { trackedTasks } from '../status/summarize.ts';
import type { Binding } from './bindings.ts';
import type { IncomingMessage } from './message.ts';

/**
 * Progress reported in plain language in a department's group ("信用档案那项我们上周已经弄完了"),
 * read by the LLM into item, status and percent. Only the group's own tasks are candidates; a sure
 * reading is recorded (and can be corrected with /进展), an unsure one is confirmed with the reporter
 * first. The LLM changes no state itself: this code records, after checks.
 */

const LOOKS_LIKE_REPORT = /(已经|已|都|基本)(完成|弄完|办完|做完|办结|上线|落实|启动|建成|出台)|(完成|弄完|搞定|办结|上线)了|进展到|进度(到|达)|\d{1,3}%/;
const YES = /^(是|是的|确认|对|对的|好|好的|嗯)$/;
const NO = /^(否|不是|不对|取消|算了)$/;
const CONFIDENT = 0.8;

export interface FreeTextDeps {
  kb: KnowledgeBase;
  llm: LlmPort;
  progress: ProgressStore;
}

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
  const candidates = tasks.slice(0, 40).map((t) => ({ label: t.ref ?? '', text: t.text.slice(0, 40) }));
  const reading = await deps.llm.readReport(body, candidates);
  const task = reading?.ref ? tasks.find((t) => t.ref === reading.ref) : undefined;
  if (!reading || !task) return null;
  const report: ProgressReport = {
    task: taskKey(task),
    file: task.file,
    ref: task.ref,
    state: reading.state,
    percent: reading.state === '已完成' ? 100 : reading.percent,
    text: `${reading.summary} (原话: ${body.slice(0, 100)})`,
    reporter: { id: msg.from.id, name: msg.from.name },
    department: binding.department,
    at: now.toISOString(),
  };
  if (reading.confidence >= CONFIDENT) {
    await deps.progress.add(report);
    return `已记录 ${task.ref}「${task.text.slice(0, 16)}…」: ${describe(report)}。如有误请用 /进展 ${task.ref} 更正。`;
  }
  await deps.progress.setPending(who(msg), report);
  return `请确认: 是要报告 ${task.ref}「${task.text.slice(0, 16)}…」${describe(report)}吗? 回复“是”确认, 回复“否”取消。`;
}

function describe(r: ProgressReport): string {
  return `${r.state}${r.percent !== null && r.state !== '已完成' ? ` ${r.percent}%` : ''}`;
}
