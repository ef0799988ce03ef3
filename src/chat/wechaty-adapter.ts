/**
 * The Wechaty adapter: wechaty `message` events in, the chat port (`IncomingMessage` + `Replier`) out,
 * plus `startWechaty` for a real account. Only transport concerns live here — guards, commands and
 * answers are the pipeline's. Wechaty itself is imported lazily (it costs 1–2 s), so importing this
 * module is cheap and nothing runs at import time.
 */
import { createRequire } from 'node:module';
import type { Contact, Message, PuppetModuleName } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import type { IncomingMessage, Replier } from './message.ts';
import { kindOfWechatyType } from './hygiene.ts';

export type MessageHandler = (msg: IncomingMessage, replier: Replier) => Promise<void>;
export type LogLine = (line: string) => void;

/** What `attachWechaty` hands back: how many messages are being handled, and a way to wait for none. */
export interface AttachedChat {
  pending(): number;
  /** Resolves once no handler is in flight (at once if none is). */
  idle(): Promise<void>;
}

const logToStderr: LogLine = (line) => console.error(line);

/**
 * Passes each message (the bot's own included, marked `self`; pictures, stickers, files … with their
 * `kind`, for the pipeline to answer "please write" or ignore) to `onMessage` with a replier bound to
 * its conversation. Errors are logged, never thrown back into wechaty.
 */
export function attachWechaty(bot: WechatyInterface, onMessage: MessageHandler, log: LogLine = logToStderr): AttachedChat {
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const done = () => {
    inFlight -= 1;
    if (inFlight > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  bot.on('message', (msg: Message) => {
    // Counted synchronously, before the first await, so `pending()` never misses a delivered message.
    inFlight += 1;
    void handle(bot, msg, onMessage, log).finally(done);
  });
  return {
    pending: () => inFlight,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

async function handle(bot: WechatyInterface, msg: Message, onMessage: MessageHandler, log: LogLine): Promise<void> {
  try {
    const incoming = await toIncomingMessage(msg, bot.Message.Type);
    await onMessage(incoming, replierFor(bot, msg, incoming));
  } catch (err) {
    log(`处理微信消息出错 (${msg.id}): ${describeError(err)}`);
  }
}

/**
 * The chat port's view of a wechaty message. `types` is wechaty's `MessageType` enum
 * (`bot.Message.Type`), read by name so newer puppets' extra types map too.
 */
export async function toIncomingMessage(msg: Message, types?: Record<number, string>): Promise<IncomingMessage> {
  const room = msg.room();
  const talker = msg.talker();
  const kind = kindOfWechatyType((types ?? (msg.wechaty.Message.Type as unknown as Record<number, string>))[msg.type()]);
  const incoming: IncomingMessage = {
    id: msg.id,
    text: msg.text() ?? '',
    kind,
    from: { id: talker.id, name: talker.name() },
    mentionedBot: await msg.mentionSelf().catch(() => false),
    self: msg.self(),
    at: msg.date().getTime(),
  };
  if (room) incoming.room = { id: room.id, topic: await room.topic() };
  return incoming;
}

/**
 * Replies to the message it was made for from the contacts at hand; a reply to another message
 * (e.g. an earlier one) looks its room and sender up by id.
 */
function replierFor(bot: WechatyInterface, msg: Message, incoming: IncomingMessage): Replier {
  return {
    async reply(to, text) {
      if (to.id === incoming.id) {
        const room = msg.room();
        // In a group wechaty prefixes "@name " for each contact passed after the text.
        if (room) await room.say(text, msg.talker());
        else await (msg.self() ? (msg.listener() ?? msg.talker()) : msg.talker()).say(text);
        return;
      }
      await sayTo(bot, to, text);
    },
    async replyFile(to, file) {
      const { FileBox } = await import('file-box');
      // Base64 file boxes serialise across every puppet (a Buffer box does not).
      const box = FileBox.fromBase64(file.data.toString('base64'), file.name);
      const room = to.id === incoming.id ? msg.room() : null;
      if (room) await room.say(box);
      else if (to.id === incoming.id) await msg.talker().say(box);
      else throw new Error('文件只能回复到原消息所在的会话');
    },
  };
}

async function sayTo(bot: WechatyInterface, to: IncomingMessage, text: string): Promise<void> {
  const talker = await bot.Contact.find({ id: to.from.id });
  if (!talker) throw new Error(`找不到联系人 ${to.from.name} (${to.from.id})`);
  if (!to.room) {
    await talker.say(text);
    return;
  }
  const room = await bot.Room.find({ id: to.room.id });
  if (!room) throw new Error(`找不到群 ${to.room.topic} (${to.room.id})`);
  await room.say(text, talker);
}

/**
 * The group a reminder goes to: by room id when the group is bound (a renamed group is still found;
 * two groups with one name are never confused); by topic only when no id is known (the coordinators'
 * group), and then only if exactly one group has it. Throws with a clear message otherwise, so the
 * delivery fails, is logged, and is retried by the next run.
 */
export async function findRoom(bot: Pick<WechatyInterface, 'Room'>, target: { id?: string; topic: string }, log?: LogLine) {
  if (target.id) {
    const room = await bot.Room.find({ id: target.id });
    if (room) return room;
    log?.(`提醒: 群「${target.topic}」(${target.id}) 已不存在或机器人已不在群里; 请重新 /绑定`);
    throw new Error(`群「${target.topic}」(${target.id}) 找不到: 已解散、机器人已退出, 或需要重新绑定`);
  }
  const rooms = await bot.Room.findAll({ topic: target.topic });
  if (rooms.length === 1) return rooms[0];
  if (rooms.length === 0) {
    log?.(`提醒: 找不到名为「${target.topic}」的群(机器人需要在群里)`);
    throw new Error(`找不到群「${target.topic}」(机器人需要在群里)`);
  }
  log?.(`提醒: 有${rooms.length}个群都叫「${target.topic}」, 无法确定发往哪个; 请给协调员群改一个唯一的群名`);
  throw new Error(`有${rooms.length}个群都叫「${target.topic}」, 未发送`);
}

export interface StartWechatyOptions {
  /** Puppet module name, e.g. `wechaty-puppet-service`; wechaty's own default when absent. */
  puppet?: string;
  puppetToken?: string;
  /** Names the session file (`<name>.memory-card.json`) so a restart need not scan again. */
  name: string;
  onMessage: MessageHandler;
  log: LogLine;
  /** Restart policy and timers for the watchdog (tests inject fake timers). */
  watchdog?: Omit<WatchdogOptions, 'log'>;
}

export interface RunningWechaty extends AttachedChat {
  bot: WechatyInterface;
  /** Stops the watchdog and wechaty; the process can exit afterwards. */
  stop(): Promise<void>;
}

/** Why a real account could not start; the message tells the operator what to check. */
export class WechatyStartError extends Error {
  readonly code = 'WECHATY_START_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WechatyStartError';
  }
}

/** Starts a real WeChat account: QR login in the terminal, the adapter, and the watchdog. */
export async function startWechaty(opts: StartWechatyOptions): Promise<RunningWechaty> {
  const { WechatyBuilder, ScanStatus } = await import('wechaty');
  const { log } = opts;
  let bot: WechatyInterface;
  try {
    bot = WechatyBuilder.build({
      name: opts.name,
      ...(opts.puppet ? { puppet: opts.puppet as PuppetModuleName } : {}),
      ...(opts.puppetToken ? { puppetOptions: { token: opts.puppetToken } } : {}),
    });
  } catch (err) {
    throw startError(opts, err);
  }
  bot.on('scan', (qrcode: string, status: number) => {
    if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) printLoginQr(qrcode, log);
    else log(`扫码状态: ${ScanStatus[status] ?? status}`);
  });
  bot.on('login', (user: Contact) => log(`微信已登录: ${user.name()}`));
  bot.on('logout', (user: Contact, reason?: string) =>
    log(`微信已登出: ${user.name()}${reason ? ` (${reason})` : ''}。请重新扫码登录。`),
  );
  // Wechaty recovers from most errors by itself; the watchdog handles the ones that repeat.
  bot.on('error', (err: unknown) => log(`微信连接出错: ${describeError(err)}`));
  const chat = attachWechaty(bot, opts.onMessage, log);
  const watchdog = startWatchdog(bot, { ...opts.watchdog, log });
  try {
    await bot.start();
  } catch (err) {
    watchdog.stop();
    await bot.stop().catch(() => undefined);
    throw startError(opts, err);
  }
  return {
    bot,
    pending: chat.pending,
    idle: chat.idle,
    async stop() {
      watchdog.stop();
      await bot.stop();
    },
  };
}

function startError(opts: StartWechatyOptions, cause: unknown): WechatyStartError {
  const puppet = opts.puppet || '(未设置, 使用 wechaty 默认)';
  const token = opts.puppetToken ? '已设置' : '未设置';
  return new WechatyStartError(
    `微信启动失败: ${describeError(cause)}\n` +
      `请检查环境变量 WECHATY_PUPPET (当前: ${puppet}) 与 WECHATY_PUPPET_SERVICE_TOKEN (${token}) 是否正确, ` +
      `对应的 puppet 包是否已安装、puppet 服务是否可达。`,
    { cause },
  );
}

interface QrcodeTerminal {
  generate(text: string, options: { small: boolean }, done: (art: string) => void): void;
}

function printLoginQr(qrcode: string, log: LogLine): void {
  const url = `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`;
  // qrcode-terminal is CommonJS without types; loaded on first scan only.
  const qr = createRequire(import.meta.url)('qrcode-terminal') as QrcodeTerminal;
  qr.generate(qrcode, { small: true }, (art) => log(`请用微信扫描二维码登录:\n${art}`));
  log(`二维码显示不全时, 请在浏览器打开: ${url}`);
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Timer functions the watchdog uses; tests pass fakes. */
export interface WatchdogTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface WatchdogOptions {
  log: LogLine;
  timers?: WatchdogTimers;
  /** Logout/error events in a row (no login or message between them) that trigger a restart. Default 3. */
  threshold?: number;
  /** First restart delay; doubles per failed attempt up to `maxDelayMs`. Defaults 10 s and 10 min. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** The part of a Wechaty bot the watchdog needs. */
export interface Restartable {
  on(event: 'login' | 'message' | 'logout' | 'error', listener: () => void): unknown;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Restarts the puppet (`stop()` then `start()`) when it keeps logging out or failing; a single
 * logout or error is left to wechaty. A login or a message proves the account works and resets both
 * the count and the backoff.
 */
export function startWatchdog(bot: Restartable, opts: WatchdogOptions): { stop(): void } {
  const timers: WatchdogTimers = opts.timers ?? { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  const threshold = opts.threshold ?? 3;
  const baseDelayMs = opts.baseDelayMs ?? 10_000;
  const maxDelayMs = opts.maxDelayMs ?? 600_000;
  let troubles = 0;
  let attempts = 0;
  let timer: unknown;
  let busy = false;
  let stopped = false;

  const healthy = () => {
    troubles = 0;
    attempts = 0;
  };
  const trouble = () => {
    if (stopped || busy || timer !== undefined) return;
    troubles += 1;
    if (troubles >= threshold) schedule();
  };
  const schedule = () => {
    const delay = Math.min(baseDelayMs * 2 ** attempts, maxDelayMs);
    attempts += 1;
    opts.log(`微信连接反复出错, ${Math.round(delay / 1000)} 秒后重启 puppet (第 ${attempts} 次)`);
    timer = timers.setTimeout(() => {
      timer = undefined;
      void restart();
    }, delay);
  };
  const restart = async () => {
    if (stopped) return;
    busy = true;
    try {
      await bot.stop();
      await bot.start();
      troubles = 0;
      opts.log('puppet 已重启');
    } catch (err) {
      opts.log(`重启 puppet 失败: ${describeError(err)}`);
      if (!stopped) schedule();
    } finally {
      busy = false;
    }
  };

  bot.on('login', healthy);
  bot.on('message', healthy);
  bot.on('logout', trouble);
  bot.on('error', trouble);
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
