import { readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { buildBot } from '../main.ts';
import type { CliIo } from './io.ts';

export interface ChatArgs {
  plans: string[];
  cache: boolean;
  script: string;
  store: string | null;
}

type ScriptLine =
  | { room: string; from: string; fromId?: string; text: string; mention?: boolean }
  | { dm: string; fromId?: string; text: string }
  | { at: string };

/**
 * `duban chat --script FILE.jsonl`: plays lines through Wechaty and puppet-mock in order and prints one
 * JSON line per message the bot sends ({"room","text"} or {"dm","text"}). Lines:
 * `{"room","from","text"[,"fromId"][,"mention"]}`, `{"dm","text"[,"fromId"]}` (`fromId`: the sender's
 * WeChat id, which rights are checked against), `{"at": ISO time}`. A line that is not valid gets one
 * warning on stderr and is skipped.
 */
export async function chatCommand(args: ChatArgs, config: Config, io: CliIo): Promise<number> {
  const bot = await buildBot(config, io, { plans: args.plans, cache: args.cache, date: null, storeUrl: args.store ?? undefined, governed: false });
  const { MockChat } = await import('../chat/mock-chat.ts');
  const chat = await MockChat.start({ botName: config.bot.name, onMessage: bot.handler, log: (l) => io.err(l) });
  let bad = 0;
  try {
    const lines = readFileSync(args.script, 'utf8').split('\n');
    for (const [i, raw] of lines.entries()) {
      if (!raw.trim()) continue;
      const line = parseLine(raw);
      if (!line) {
        bad++;
        io.err(`${args.script}:${i + 1}: 无法识别的行, 已跳过`);
        continue;
      }
      await play(line, chat, bot.setDate);
      for (const m of chat.drain()) io.out(JSON.stringify(m));
    }
  } finally {
    await chat.stop();
    await bot.store.close();
  }
  return bad > 0 ? 1 : 0;
}

function parseLine(raw: string): ScriptLine | null {
  try {
    const v = JSON.parse(raw);
    if (typeof v?.at === 'string' && !Number.isNaN(Date.parse(v.at))) return v;
    if (v?.fromId !== undefined && (typeof v.fromId !== 'string' || !v.fromId.trim())) return null;
    if (typeof v?.dm === 'string' && typeof v.text === 'string') return v;
    if (typeof v?.room === 'string' && typeof v.from === 'string' && typeof v.text === 'string') return v;
  } catch {
    // fall through
  }
  return null;
}

async function play(line: ScriptLine, chat: { say(r: string, f: string, t: string, m?: boolean, id?: string): Promise<void>; dm(f: string, t: string, id?: string): Promise<void> }, setDate: (d: Date) => void) {
  if ('at' in line) setDate(new Date(line.at));
  else if ('dm' in line) await chat.dm(line.dm, line.text, line.fromId);
  else await chat.say(line.room, line.from, line.text, line.mention === true, line.fromId);
}

