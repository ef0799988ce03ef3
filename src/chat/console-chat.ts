/**
 * The local console: talk to the bot as any person in any group, on the mock WeChat (no account
 * needed). Lines are messages; lines starting with ":" are console commands. Piped input is a
 * script: processed in order, with the sent lines echoed so the transcript reads as a chat.
 */
import { createInterface } from 'node:readline';
import { MockChat, withMention, type SentMessage } from './mock-chat.ts';
import type { LogLine, MessageHandler } from './wechaty-adapter.ts';

export const DEFAULT_ROOM = '质量强市工作群';
export const DEFAULT_SPEAKER = '张三';

export interface ConsoleOptions {
  botName: string;
  onMessage: MessageHandler;
  input: NodeJS.ReadableStream;
  output: (line: string) => void;
  /** A TTY: show a welcome and a prompt. Otherwise no prompt, and sent lines are echoed. */
  interactive: boolean;
  /** Sets the business date (`:date`); the console passes 09:00 Asia/Shanghai of that day. */
  setDate?: (d: Date) => void;
  /** Where readline draws the prompt in interactive mode; defaults to process.stdout. */
  terminal?: NodeJS.WritableStream;
  /** Adapter and mock errors; defaults to `output`. */
  log?: LogLine;
}

/** Where the next line goes and who says it. */
export interface ConsoleState {
  room: string;
  speaker: string;
  /** The speaker's WeChat id when set with `:as 名字 微信ID` (rights are checked against ids). */
  speakerId?: string;
  dm: boolean;
}

export type ConsoleCommand =
  | { kind: 'room'; name?: string }
  | { kind: 'as'; name: string; id?: string }
  | { kind: 'dm' }
  | { kind: 'date'; date: Date }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'invalid'; message: string };

export const CONSOLE_HELP = [
  '控制台命令:',
  '  :room 群名        切换到某个群 (不带群名则回到上一个群)',
  '  :as 名字 [微信ID]  切换发言人 (协调员权限按微信ID判断, 如 :as 王协调 wxid_example_coordinator)',
  '  :dm               私聊机器人',
  '  :date YYYY-MM-DD  把当前日期设为那天 09:00 (北京时间)',
  '  :help             显示本帮助',
  '  :quit             退出',
  '其余输入作为当前发言人在当前群里的消息发出, 并 @机器人; 以 ~ 开头则不 @ (机器人应保持沉默)。',
].join('\n');

/** Parses a line starting with ":" (pure). */
export function parseConsoleCommand(line: string): ConsoleCommand {
  const [word = '', ...rest] = line.slice(1).trim().split(/\s+/);
  const arg = rest.join(' ');
  switch (word.toLowerCase()) {
    case 'room':
      return arg ? { kind: 'room', name: arg } : { kind: 'room' };
    case 'as':
      if (!rest.length) return { kind: 'invalid', message: '用法: :as 名字 [微信ID]' };
      return rest.length >= 2 && /^[\w.@:+=-]+$/.test(rest.at(-1)!) ? { kind: 'as', name: rest.slice(0, -1).join(' '), id: rest.at(-1)! } : { kind: 'as', name: arg };
    case 'dm':
      return { kind: 'dm' };
    case 'date': {
      const date = shanghaiMorning(arg);
      return date ? { kind: 'date', date } : { kind: 'invalid', message: '用法: :date YYYY-MM-DD (例如 :date 2025-03-01)' };
    }
    case 'help':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
    case 'q':
      return { kind: 'quit' };
    default:
      return { kind: 'invalid', message: `未知命令 :${word}, 输入 :help 查看可用命令` };
  }
}

/** 09:00 Asia/Shanghai (UTC+8, no DST) of a YYYY-MM-DD day, or null for anything else. */
export function shanghaiMorning(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d, 1, 0, 0));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real ? date : null;
}

export function promptFor(state: ConsoleState): string {
  return `[${state.dm ? '私聊' : state.room} / ${state.speaker}] > `;
}

export function formatSent(m: SentMessage, botName: string): string {
  return 'room' in m ? `[${m.room}] ${botName}: ${m.text}` : `[私聊 ${m.dm}] ${botName}: ${m.text}`;
}

function welcome(botName: string, state: ConsoleState): string {
  return [
    `${botName} 本地控制台 — 模拟微信, 不连接真实账号。`,
    `当前群: ${state.room}, 发言人: ${state.speaker}。直接输入即 @${botName} 提问。`,
    CONSOLE_HELP,
  ].join('\n');
}

/** Runs the console until `:quit` or the end of input, then stops the mock WeChat. */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const { botName, output, interactive } = opts;
  const chat = await MockChat.start({ botName, onMessage: opts.onMessage, log: opts.log ?? output });
  const state: ConsoleState = { room: DEFAULT_ROOM, speaker: DEFAULT_SPEAKER, dm: false };
  const rl = interactive
    ? createInterface({ input: opts.input, output: opts.terminal ?? process.stdout, terminal: true })
    : createInterface({ input: opts.input, terminal: false });
  const prompt = () => {
    if (!interactive) return;
    rl.setPrompt(promptFor(state));
    rl.prompt();
  };
  if (interactive) output(welcome(botName, state));
  prompt();
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (line.startsWith(':')) {
        if (!applyCommand(parseConsoleCommand(line), state, opts)) break;
      } else if (line) {
        await send(chat, state, line, opts);
      }
      prompt();
    }
  } finally {
    rl.close();
    await chat.stop();
  }
}

/** Applies a console command; false means quit. */
function applyCommand(cmd: ConsoleCommand, state: ConsoleState, opts: ConsoleOptions): boolean {
  const { output } = opts;
  switch (cmd.kind) {
    case 'room':
      if (cmd.name) state.room = cmd.name;
      state.dm = false;
      output(`(已切换到群: ${state.room})`);
      return true;
    case 'as':
      state.speaker = cmd.name;
      state.speakerId = cmd.id;
      output(`(发言人: ${state.speaker}${cmd.id ? `, 微信ID ${cmd.id}` : ''})`);
      return true;
    case 'dm':
      state.dm = true;
      output(`(私聊 ${opts.botName}; 输入 :room 回到群 ${state.room})`);
      return true;
    case 'date':
      if (!opts.setDate) {
        output('(此处不能设置日期)');
        return true;
      }
      opts.setDate(cmd.date);
      output(`(日期已设为 ${cmd.date.toISOString().slice(0, 10)} 09:00 北京时间)`);
      return true;
    case 'help':
      output(CONSOLE_HELP);
      return true;
    case 'quit':
      return false;
    case 'invalid':
      output(`(${cmd.message})`);
      return true;
  }
}

async function send(chat: MockChat, state: ConsoleState, line: string, opts: ConsoleOptions): Promise<void> {
  const quiet = line.startsWith('~');
  const text = quiet ? line.slice(1).trim() : line;
  if (!text) return;
  if (state.dm) {
    if (!opts.interactive) opts.output(`[私聊 ${state.speaker}] ${state.speaker}: ${text}`);
    await chat.dm(state.speaker, text, state.speakerId);
  } else {
    if (!opts.interactive) opts.output(`[${state.room}] ${state.speaker}: ${quiet ? text : withMention(opts.botName, text)}`);
    await chat.say(state.room, state.speaker, text, !quiet, state.speakerId);
  }
  for (const m of chat.drain()) opts.output(formatSent(m, opts.botName));
}
