import { quoteUserText } from './hygiene.ts';
import type { AnswerEngine } from '../answer/answer-engine.ts';
import type { Binding, Bindings } from './bindings.ts';
import type { IncomingMessage } from './message.ts';
import type { Config } from '../config.ts';
import type { ProgressStore } from '../status/progress.ts';
import type { LlmPort } from '../llm/types.ts';
import type { StatusThresholds } from '../status/task-status.ts';
import { exportXlsx, reopenTask, reportProgress, summary, supervision, type ProgressContext } from './progress-commands.ts';
import { planDay } from '../schedule/plan-day.ts';
import { chineseWorkdays } from '../schedule/workday-calendar.ts';

/**
 * Chat commands (Chinese, after a `/` or `督办` prefix or a mention): 帮助, 我是谁, 绑定 <部门> [城市], 解绑,
 * 本群, 我的任务, 到期 [天数], 提醒预览, and the progress commands. Each returns the reply text; none
 * throws on bad input. Who may do what: `isCoordinator` is decided by the sender's WeChat id only.
 */

export interface CommandContext {
  msg: IncomingMessage;
  args: string[];
  engine: AnswerEngine;
  bindings: Bindings;
  binding: Binding | undefined;
  isCoordinator: boolean;
  now: Date;
  botName: string;
  reminders: Config['reminders'];
  /** Workday calendar overrides (config `calendar`). */
  calendar?: Config['calendar'];
  /** Progress reports (absent when the transport has no store for them). */
  progress?: ProgressStore;
  /** Sends a file or image to the conversation, when the transport can. */
  sendFile?: (file: { name: string; data: Buffer }) => Promise<void>;
  /** The optional LLM (summaries for leaders). */
  llm?: LlmPort;
  /** Status light thresholds (config `status`). */
  thresholds?: StatusThresholds;
}

type Command = (c: CommandContext) => Promise<string>;

export const COMMANDS: Record<string, Command> = {
  帮助: async (c) => helpText(c.botName),
  我是谁: async (c) => whoAmI(c),
  绑定: bind,
  解绑: unbind,
  本群: async (c) => describeBinding(c),
  我的任务: async (c) => ownTasks(c),
  到期: async (c) => dueSoon(c),
  提醒预览: previewReminders,
  进展: (c) => withProgress(c, (p) => reportProgress(p)),
  完成: (c) => withProgress(c, (p) => reportProgress(p, true)),
  重开: (c) => withProgress(c, reopenTask),
  汇总: (c) => withProgress(c, summary),
  督办单: (c) => withProgress(c, supervision),
  导出: (c) => withProgress(c, exportXlsx),
};

async function withProgress(c: CommandContext, run: (p: ProgressContext) => Promise<string>): Promise<string> {
  if (!c.progress) return '进展记录未启用。';
  return run({ ...c, progress: c.progress });
}

const ALIASES: Record<string, string> = {
  help: '帮助', 菜单: '帮助', 功能: '帮助', 绑定部门: '绑定', 取消绑定: '解绑', 本群绑定: '本群', 任务: '我的任务',
  我们的任务: '我的任务', 报告进展: '进展', 进度: '进展', 办结: '完成', 进展汇总: '汇总', 导出表格: '导出',
  whoami: '我是谁', '我是谁?': '我是谁', '我是谁？': '我是谁', 我的id: '我是谁', 我的微信id: '我是谁', 重新打开: '重开',
};

/** The command a text starts with, and its arguments; null when it is not a command. */
export function parseCommand(text: string): { name: string; args: string[] } | null {
  const [head = '', ...args] = text.trim().split(/\s+/);
  const name = ALIASES[head.toLowerCase()] ?? head;
  if (COMMANDS[name]) return { name, args };
  // "绑定市质监局" without a space (only where the argument is a name, not a sentence: "进展怎么样")
  const glued = ['绑定', '督办单'].find((c) => head.startsWith(c) && head.length > c.length);
  return glued ? { name: glued, args: [head.slice(glued.length), ...args] } : null;
}

export function helpText(botName: string): string {
  return [
    `我是${botName}, 回答质量强市方案里的问题, 每条回答都注明出处。在群里@我或以 / 开头提问, 例如:`,
    '· 1.2.1谁牵头?   · 食品抽检合格率目标是多少?',
    '· 我们局有哪些任务?   · 半年总结交给谁?',
    '命令: /帮助  /我是谁  /本群  /我的任务  /到期 [天数]',
    '进展: /进展 1.4.3 60% 正在招标  /进展 1.4.3 (查看)  /完成 1.4.3 (牵头单位)  /重开 1.4.3 原因  /汇总 [城市] [部门]  /督办单 <部门>  /导出',
    '协调员: /绑定 <部门> [城市]  /解绑  /提醒预览 [日期]',
  ].join('\n');
}

async function bind(c: CommandContext): Promise<string> {
  if (!c.msg.room) return '绑定需要在部门的工作群里进行。';
  if (!c.isCoordinator) return `抱歉, 只有协调员可以绑定群。请联系质量强市办的协调员。`;
  const [dept, city] = c.args;
  if (!dept) return '请写明部门, 例如: /绑定 市质监局 厦门';
  const found = c.engine.findDepartment(dept, city);
  if (found.length === 0) {
    return `没有在已收录的方案${city ? `(${city})` : ''}中找到部门“${quoteUserText(dept, 20)}”, 请检查名称。`;
  }
  if (found.length > 1) {
    return `“${quoteUserText(dept, 20)}”在多个方案中都有(${found.map((f) => f.city ?? f.file).join('、')}), 请加上城市, 例如: /绑定 ${quoteUserText(dept, 20)} ${found[0].city ?? ''}`;
  }
  const f = found[0];
  await c.bindings.set({
    roomId: c.msg.room.id,
    roomTopic: c.msg.room.topic,
    department: f.name,
    departmentKey: f.key,
    file: f.file,
    city: f.city,
    boundBy: `${c.msg.from.name}(${c.msg.from.id})`,
    at: c.now.toISOString(),
  });
  return `已绑定: 本群属于${f.city ?? ''}${f.name}。现在可以问“我们局有哪些任务”或发送 /到期。`;
}

/**
 * "/我是谁": the sender's WeChat id (what coordinator rights are configured by) and whether it is a
 * coordinator's. Anyone, in a group or a DM; needs no store.
 */
function whoAmI(c: CommandContext): string {
  const { id, name } = c.msg.from;
  const role = c.isCoordinator
    ? '身份: 协调员 (按微信ID识别)。'
    : '身份: 不是协调员。如需协调员权限, 请把上面的微信ID发给管理员, 加入配置 coordinators (或环境变量 DUBAN_COORDINATORS)。';
  return [`你的微信ID: ${id}`, `显示名: ${name} (名字可以随意修改, 不作为身份依据)`, role].join('\n');
}

async function unbind(c: CommandContext): Promise<string> {
  if (!c.msg.room) return '解绑需要在群里进行。';
  if (!c.isCoordinator) return '抱歉, 只有协调员可以解绑。';
  return (await c.bindings.delete(c.msg.room.id)) ? '已解除本群的部门绑定。' : '本群还没有绑定部门。';
}

function describeBinding(c: CommandContext): string {
  if (!c.msg.room) return '私聊没有绑定部门; 请在群里发送 /本群。';
  if (!c.binding) return '本群还没有绑定部门。协调员可发送: /绑定 <部门> [城市]';
  const b = c.binding;
  return `本群绑定: ${b.city ?? ''}${b.department}(方案 ${b.file}), 由${b.boundBy}于${b.at.slice(0, 10)}绑定。`;
}

function ownTasks(c: CommandContext): string {
  if (!c.binding) return '本群还没有绑定部门, 无法确定“我们局”。请协调员先发送: /绑定 <部门> [城市]';
  return c.engine.ask('我们局有哪些任务', { now: c.now, department: c.binding.department, files: [c.binding.file] }).answer;
}

function dueSoon(c: CommandContext): string {
  const days = Number(c.args[0] ?? 30);
  if (!Number.isInteger(days) || days < 1 || days > 3650) return '天数应为 1 到 3650 的整数, 例如: /到期 30';
  const own = c.binding ? '我们局' : '';
  const opts = c.binding ? { department: c.binding.department, files: [c.binding.file] } : {};
  return c.engine.ask(`${own}${days}天内到期的任务有哪些`, { now: c.now, ...opts }).answer;
}

/** "/提醒预览 [YYYY-MM-DD]": what the reminder run would send that day (coordinators only). */
async function previewReminders(c: CommandContext): Promise<string> {
  if (!c.isCoordinator) return '抱歉, 只有协调员可以预览提醒。';
  const arg = c.args[0];
  if (arg && !/^\d{4}-\d{2}-\d{2}$/.test(arg)) return '日期格式应为 YYYY-MM-DD, 例如: /提醒预览 2026-12-24';
  const now = arg ? new Date(`${arg}T09:00:00+08:00`) : c.now;
  const deliveries = planDay({
    kb: c.engine.prepared.kb,
    bindings: await c.bindings.all(),
    policy: c.reminders,
    calendar: chineseWorkdays(c.calendar),
    now,
    coordinatorRoom: c.reminders.coordinatorRoom,
    digestWeekday: c.reminders.digestWeekday,
    liaisons: c.reminders.liaisons,
  });
  const day = arg ?? now.toISOString().slice(0, 10);
  if (deliveries.length === 0) return `${day} 没有要发送的提醒。`;
  const lines = deliveries.slice(0, 6).map((d) => `→ ${'room' in d.to ? `群「${d.to.room}」` : `${d.to.department}(经协调员群)`}: ${d.text.split('\n').length - 1}项`);
  const more = deliveries.length > 6 ? `\n……还有${deliveries.length - 6}条, 完整预览: duban remind --date ${day}` : '';
  return `${day} 将发送${deliveries.length}条提醒:\n${lines.join('\n')}${more}`;
}
