import type { Config } from './config.ts';
import { AnswerEngine } from './answer/answer-engine.ts';
import { askWithLlm } from './answer/ask-with-llm.ts';
import type { LlmPort } from './llm/types.ts';
import { Bindings } from './chat/bindings.ts';
import type { IncomingMessage, Replier } from './chat/message.ts';
import { sanitizeOutgoing } from './chat/hygiene.ts';
import { createPipeline, type MessageHandler } from './chat/pipeline.ts';
import { realWait, SendGovernor } from './chat/send-governor.ts';
import { loadKnowledgeBase } from './cli/load-knowledge-base.ts';
import type { CliIo } from './cli/io.ts';
import { ReminderService } from './schedule/reminder-service.ts';
import { SendJournal } from './schedule/send-journal.ts';
import { calendarWarnings, chineseWorkdays, shanghaiDay } from './schedule/workday-calendar.ts';
import { ProgressStore } from './status/progress.ts';
import { createStore } from './store/create-store.ts';
import { checkRedisPersistence } from './store/redis-persistence.ts';
import type { Store } from './store/store.ts';

/**
 * The only place that wires real clients: knowledge base, store, pipeline, and the chat transport —
 * a real WeChat account when a puppet is configured, otherwise the local console on puppet-mock.
 */

export interface BotOptions {
  plans: string[];
  cache: boolean;
  /** Business date for the console (":date" changes it too). */
  date: string | null;
  input?: NodeJS.ReadableStream;
}

export interface BotParts {
  engine: AnswerEngine;
  store: Store;
  handler: MessageHandler;
  /** The one send governor of this bot: replies and reminders alike. */
  governor: SendGovernor;
  setDate(d: Date | null): void;
}

/** Knowledge base, store and pipeline, ready for any transport. */
export async function buildBot(config: Config, io: CliIo, opts: { plans: string[]; cache: boolean; date: string | null; storeUrl?: string; governed: boolean }): Promise<BotParts> {
  const { kb } = await loadKnowledgeBase(config, { plans: opts.plans, cache: opts.cache, progress: (l) => io.err(l) });
  for (const w of kb.warnings) io.err(`⚠ ${w.message}`);
  for (const w of calendarWarnings(shanghaiDay(new Date()), config.calendar)) io.err(w);
  if (kb.plans.length === 0) throw new Error('没有可用的方案, 机器人无法回答问题 (检查 --plans 或 DUBAN_PLANS_DIR)');
  const engine = new AnswerEngine(kb);
  const store = await createStore({ url: opts.storeUrl ?? config.storeUrl, dataDir: config.dataDir });
  void checkRedisPersistence(store).then((w) => w && io.err(`⚠ ${w}`));
  const llm = await createLlm(config, (l) => io.err(l));
  let fixed: Date | null = opts.date ? new Date(`${opts.date}T09:00:00+08:00`) : null;
  const pipeline = createPipeline({
    engine,
    bindings: new Bindings(store),
    progress: new ProgressStore(store),
    llm: llm ?? undefined,
    llmBudgetMs: config.llm.budgetMs,
    ask: llm ? (q, o) => askWithLlm(engine, llm, q, { ...o, budgetMs: config.llm.budgetMs }) : undefined,
    config,
    clock: () => fixed ?? new Date(),
    startedAt: Date.now(),
    log: (l) => io.err(l),
  });
  const governor = sendGovernor(config);
  const handler = opts.governed ? governed(pipeline, governor) : pipeline;
  return { engine, store, handler, governor, setDate: (d) => void (fixed = d) };
}

/** The optional LLM when an API key is configured; null otherwise (everything works without it). */
export async function createLlm(config: Config, log: (line: string) => void): Promise<LlmPort | null> {
  if (!config.llm.apiKey) return null;
  const { createOpenAiLlm } = await import('./llm/openai-llm.ts');
  log(`已启用大模型: ${config.llm.model}${config.llm.baseURL ? ` @ ${config.llm.baseURL}` : ''} (事实仍只来自方案记录)`);
  return createOpenAiLlm({ apiKey: config.llm.apiKey, baseURL: config.llm.baseURL || undefined, model: config.llm.model, timeoutMs: config.llm.timeoutMs, log });
}

/** The send governor from config: one queue, spaced sends (WeChat blocks accounts that post too fast). */
export function sendGovernor(config: Config): SendGovernor {
  return new SendGovernor({ intervalMs: config.limits.sendIntervalMs, perTargetIntervalMs: config.limits.roomSendIntervalMs, now: Date.now, wait: realWait });
}

/** Replies go through the send governor on a real account. */
function governed(pipeline: MessageHandler, governor: SendGovernor): MessageHandler {
  return (msg, replier) => {
    const target = (m: IncomingMessage) => m.room?.id ?? m.from.id;
    const spaced: Replier = {
      reply: (m, text) => governor.send(target(m), () => replier.reply(m, text)),
      replyFile: replier.replyFile ? (m, file) => governor.send(target(m), () => replier.replyFile!(m, file)) : undefined,
    };
    return pipeline(msg, spaced);
  };
}

/** `npm start`: the bot on a real account, or the local console when no puppet is configured. */
export async function runBot(config: Config, io: CliIo, opts: BotOptions): Promise<number> {
  const real = Boolean(config.bot.puppet);
  const bot = await buildBot(config, io, { ...opts, governed: real });
  try {
    if (real) return await runOnWechat(config, io, bot);
    const { runConsole } = await import('./chat/console-chat.ts');
    const input = opts.input ?? process.stdin;
    await runConsole({
      botName: config.bot.name,
      onMessage: bot.handler,
      input,
      output: (line) => io.out(line),
      interactive: Boolean((input as NodeJS.ReadStream).isTTY),
      setDate: (d) => bot.setDate(d),
    });
    return 0;
  } finally {
    await bot.store.close();
  }
}

async function runOnWechat(config: Config, io: CliIo, bot: BotParts): Promise<number> {
  const { startWechaty } = await import('./chat/wechaty-adapter.ts');
  const running = await startWechaty({
    puppet: config.bot.puppet,
    puppetToken: config.bot.puppetToken || undefined,
    name: config.bot.name,
    onMessage: bot.handler,
    log: (l) => io.err(l),
  });
  const reminders = new ReminderService({
    kb: bot.engine.prepared.kb,
    store: bot.store,
    progress: new ProgressStore(bot.store),
    bindings: new Bindings(bot.store),
    config,
    calendar: chineseWorkdays(config.calendar),
    governor: bot.governor,
    journal: new SendJournal(config.dataDir),
    sendToRoom: async (target, text) => {
      const { findRoom } = await import('./chat/wechaty-adapter.ts');
      const room = await findRoom(running.bot, target, (l) => io.err(l));
      await room.say(sanitizeOutgoing(text));
    },
    log: (l) => io.err(l),
  });
  reminders.start();
  // Catch-up at start-up, not at the next send time: failed, cut-off and missed messages go out now.
  void reminders.runNow().then(
    (r) => io.err(`启动补发检查: 发出${r.sent}条${r.failed ? `, ${r.failed}条失败(下次运行重试)` : ''}`),
    (error: Error) => io.err(`启动补发检查失败: ${error.message}`),
  );
  io.err(`${config.bot.name}已启动 (puppet: ${config.bot.puppet}); 每个工作日 ${config.reminders.sendAt} 发送提醒; 按 Ctrl+C 退出。`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  reminders.stop();
  await running.stop();
  return 0;
}
