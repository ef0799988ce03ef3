import type { AnswerEngine } from '../answer/answer-engine.ts';
import { coordinatorIds, coordinatorWarning, type Config } from '../config.ts';
import type { ProgressStore } from '../status/progress.ts';
import type { Answer } from '../answer/answer-context.ts';
import type { AskOptions } from '../answer/answer-engine.ts';
import type { LlmPort } from '../llm/types.ts';
import { isStoreUnavailable, STORE_UNAVAILABLE_REPLY } from '../store/store-errors.ts';
import { confirmPending, readFreeTextReport } from './free-text-report.ts';
import type { Bindings } from './bindings.ts';
import { COMMANDS, helpText, parseCommand } from './commands.ts';
import { answerProgressQuestion } from './progress-commands.ts';
import type { IncomingMessage, Replier } from './message.ts';
import { RateLimiter } from './rate-limiter.ts';
import { prepareIncoming, quoteUserText, sanitizeOutgoing } from './hygiene.ts';

/**
 * One message pipeline for every transport (Wechaty, the local console, scripts, tests):
 * guards (own messages, stale messages, groups need a mention or prefix, rate limits, size) →
 * command or question → reply, split to chat size. One error boundary per message: the user gets a
 * short apology, the log gets the cause.
 *
 * When the store is unavailable (Redis down, a call timed out: `StoreUnavailableError`) questions are
 * still answered — the group's binding and progress read as absent, and the answer says it is not
 * narrowed to the group — while a command that needs the store says briefly that it is unavailable.
 */

export interface PipelineDeps {
  engine: AnswerEngine;
  bindings: Bindings;
  config: Pick<Config, 'bot' | 'coordinators' | 'limits' | 'reminders'> & Partial<Pick<Config, 'status' | 'calendar'>>;
  /** The business clock: what is due, overdue, which phase. */
  clock: () => Date;
  /** Wall time for staleness and rate limits. */
  now?: () => number;
  /** When the bot started (ms); older messages are stale. */
  startedAt: number;
  /** Progress reports; without it the progress commands say they are off. */
  progress?: ProgressStore;
  /** Answers with the optional LLM in the loop; default: the engine alone. */
  ask?: (question: string, opts: AskOptions) => Promise<Answer>;
  /** The optional LLM, for plain-language progress reports. */
  llm?: LlmPort;
  /** Time budget of each LLM step (config `llm.budgetMs`); then the deterministic result goes. */
  llmBudgetMs?: number;
  log?: (line: string) => void;
}

export type MessageHandler = (msg: IncomingMessage, replier: Replier) => Promise<void>;

export function createPipeline(deps: PipelineDeps): MessageHandler {
  const now = deps.now ?? Date.now;
  const { limits, bot } = deps.config;
  const users = new RateLimiter(limits.perUserPerMinute, now);
  const rooms = new RateLimiter(limits.perRoomPerMinute, now);
  const log = deps.log ?? (() => undefined);
  // Coordinators are WeChat ids; a configured display name grants nothing (said once, at start-up).
  const coordinatorWarned = coordinatorWarning(deps.config.coordinators);
  if (coordinatorWarned) log(coordinatorWarned);

  return async (incoming, replier) => {
    if (incoming.self || incoming.at < deps.startedAt - limits.staleSeconds * 1000) return;
    // WeChat's own shapes first: XML shares, pictures, stickers, system notices; a quoted reply's new text.
    const shaped = prepareIncoming(incoming, bot.name);
    if (shaped.kind === 'ignore') return;
    if (shaped.kind === 'media') {
      if (!shaped.addressed || !users.allow(`u:${incoming.from.id}`) || (incoming.room && !rooms.allow(`r:${incoming.room.id}`))) return;
      await sendParts(replier, incoming, shaped.reply, limits.maxReplyChars).catch((err) => log(`回复出错 (${incoming.id}): ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    const msg = shaped.msg;
    const addressed = addressing(msg, bot.name, bot.prefixes);
    if (!addressed) return;
    const say = (text: string) => sendParts(replier, msg, text, limits.maxReplyChars);
    const userKey = `u:${msg.from.id}`;
    if (!users.allow(userKey) || (msg.room && !rooms.allow(`r:${msg.room.id}`))) {
      if (users.firstRefusal(userKey)) await say('提问太频繁了, 请一分钟后再试。');
      return;
    }
    try {
      const sendFile = replier.replyFile ? (file: { name: string; data: Buffer }) => replier.replyFile!(msg, file) : undefined;
      await say(await respond(deps, msg, addressed, sendFile));
    } catch (err) {
      if (isStoreUnavailable(err)) {
        log(`数据存储不可用 (${msg.id} from ${msg.from.name}): ${err.message}`);
        await say(STORE_UNAVAILABLE_REPLY).catch(() => undefined);
        return;
      }
      log(`处理消息出错 (${msg.id} from ${msg.from.name}): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      await say('抱歉, 处理这条消息时出错了, 请稍后再试。').catch(() => undefined);
    }
  };
}

type SendFile = ((file: { name: string; data: Buffer }) => Promise<void>) | undefined;

/** "进展怎么样?" and friends ask for the summary. */
const HOW_IS_IT_GOING = /^(整体|总体|目前|现在)?(进展|进度|完成情况|推进情况)(怎么样|如何|咋样)[?？]?$/;

async function respond(deps: PipelineDeps, msg: IncomingMessage, { text, slash }: { text: string; slash: boolean }, sendFile: SendFile): Promise<string> {
  const { limits, bot } = deps.config;
  if (text.length > limits.maxMessageChars) {
    return `消息有${text.length}字, 太长了。请把问题精简到${limits.maxMessageChars}字以内再问。`;
  }
  const body = text.replace(/[\p{Extended_Pictographic}\u200d\ufe0f]/gu, '').trim();
  if (!body) return `在的。${helpText(bot.name)}`;
  const log = deps.log ?? (() => undefined);
  const command = HOW_IS_IT_GOING.test(body) ? { name: '汇总', args: [] } : parseCommand(body);
  // /帮助 never waits for the store; everything else in a group reads the group's binding.
  const needsBinding = msg.room && !(command && STORELESS_COMMANDS.has(command.name));
  const room = needsBinding ? await softly(deps.bindings.get(msg.room!.id), undefined, log) : { value: undefined, unavailable: false };
  const binding = room.value;
  const now = deps.clock();
  if (command) {
    // Without the group's binding a command would act for the wrong department (or none).
    if (room.unavailable) return STORE_UNAVAILABLE_REPLY;
    const isCoordinator = isCoordinatorMessage(deps, msg);
    return COMMANDS[command.name]({
      msg, args: command.args, engine: deps.engine, bindings: deps.bindings, binding, isCoordinator, now,
      botName: bot.name, reminders: deps.config.reminders, calendar: deps.config.calendar, progress: deps.progress, sendFile, llm: deps.llm, thresholds: deps.config.status,
    });
  }
  if (slash && /^\S{1,6}(\s|$)/.test(body) && !/[?？吗呢]/.test(body)) {
    return `没有这个命令: /${quoteUserText(body.split(/\s+/)[0], 20)}。发送 /帮助 查看可用的命令; 提问可以直接写问题。`;
  }
  let progressUnavailable = false;
  if (deps.progress) {
    // "是"/"否" only confirms a pending report: a store that cannot be read is said so (thrown).
    const confirmed = await confirmPending({ progress: deps.progress }, msg, body);
    if (confirmed) return confirmed;
    // "3.1.1完成了吗" / "住建局的进展": the progress store answers, not the plan text.
    const isCoordinator = isCoordinatorMessage(deps, msg);
    const progressAnswer = await softly(
      answerProgressQuestion(
        { msg, args: [], engine: deps.engine, bindings: deps.bindings, binding, isCoordinator, now, botName: bot.name, reminders: deps.config.reminders, calendar: deps.config.calendar, progress: deps.progress, llm: deps.llm, thresholds: deps.config.status },
        body,
      ),
      null,
      log,
    );
    progressUnavailable = progressAnswer.unavailable;
    if (progressAnswer.value) return progressAnswer.value;
    if (deps.llm) {
      const read = await readFreeTextReport({ kb: deps.engine.prepared.kb, llm: deps.llm, progress: deps.progress, log, ...(deps.llmBudgetMs ? { budgetMs: deps.llmBudgetMs } : {}) }, msg, binding, body, now);
      if (read) return read;
    }
  }
  const opts = { now, ...(binding ? { department: binding.department, files: [binding.file] } : {}) };
  const answer = (deps.ask ? await deps.ask(body, opts) : deps.engine.ask(body, opts)).answer;
  return answer + storeNote(room.unavailable, progressUnavailable);
}

/** Commands that work without the store (and without the group's binding). */
const STORELESS_COMMANDS = new Set(['帮助', '我是谁']);

/**
 * Coordinator rights go by the sender's WeChat id only — never by a display name or group nickname,
 * which anyone can set to a coordinator's name.
 */
export function isCoordinatorMessage(deps: Pick<PipelineDeps, 'config'>, msg: Pick<IncomingMessage, 'from'>): boolean {
  const id = msg.from.id;
  return Boolean(id) && coordinatorIds(deps.config.coordinators).ids.has(id);
}

/**
 * A store read on the question path that may fail softly: an unavailable store reads as `fallback`
 * (and says so); any other error is thrown as before.
 */
async function softly<T>(read: Promise<T>, fallback: T, log: (line: string) => void): Promise<{ value: T; unavailable: boolean }> {
  try {
    return { value: await read, unavailable: false };
  } catch (err) {
    if (!isStoreUnavailable(err)) throw err;
    log(`数据存储不可用, 按无记录回答: ${err.message}`);
    return { value: fallback, unavailable: true };
  }
}

/** What an answer given without the store lacks, in one line (empty when nothing is missing). */
export function storeNote(bindingUnavailable: boolean, progressUnavailable: boolean): string {
  if (progressUnavailable) return '\n(数据存储暂时无法访问, 进展记录未能读取; 以上仅依据方案内容。)';
  if (bindingUnavailable) return '\n(数据存储暂时无法访问, 以上回答未按本群绑定的部门筛选。)';
  return '';
}

/**
 * The text addressed to the bot, with the mention or prefix removed (and whether it was a `/`
 * command) — or null when a group message does not address the bot. Some puppets send no mention
 * list, so "@name" in the text and the prefixes count too. Direct messages are always addressed.
 */
export function addressing(msg: IncomingMessage, botName: string, prefixes: string[]): { text: string; slash: boolean } | null {
  const at = new RegExp(`@${escape(botName)}[\\s\\u2005\\u00a0]*`, 'g');
  const mentionedInText = at.test(msg.text);
  let text = msg.text.replace(at, ' ').trim();
  const named = text.startsWith(botName);
  if (named) text = text.slice(botName.length).replace(/^[\s,:：，]+/, '');
  const slash = /^[/／]\S/.test(text);
  const prefix = slash ? undefined : prefixes.find((p) => p !== '/' && text.startsWith(p));
  if (slash) text = text.slice(1).trim();
  else if (prefix) text = text.slice(prefix.length).replace(/^[\s,:：，]+/, '');
  const addressed = !msg.room || msg.mentionedBot || mentionedInText || named || slash || prefix !== undefined;
  return addressed ? { text, slash } : null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits a long reply at line breaks into parts of at most `max` characters, numbered when several. */
export function splitReply(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    for (let i = 0; i < line.length || i === 0; i += max) {
      const piece = line.slice(i, i + max);
      if (cur && cur.length + piece.length + 1 > max) {
        parts.push(cur);
        cur = '';
      }
      cur = cur ? `${cur}\n${piece}` : piece;
      if (line.length === 0) break;
    }
  }
  if (cur) parts.push(cur);
  return parts.map((p, i) => (parts.length > 1 ? `(${i + 1}/${parts.length}) ${p}` : p));
}

/**
 * Every reply goes out here: sanitized (no @所有人, no @ of anyone but the asker, no control,
 * zero-width or bidi characters), then split to chat size. Blank parts are not sent.
 */
async function sendParts(replier: Replier, msg: IncomingMessage, text: string, max: number): Promise<void> {
  const clean = sanitizeOutgoing(text, [msg.from.name]);
  if (!clean.trim()) return;
  for (const part of splitReply(clean, max)) if (part.trim()) await replier.reply(msg, part);
}
