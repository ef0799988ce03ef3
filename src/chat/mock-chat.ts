/**
 * A WeChat stand-in on wechaty-puppet-mock: people say things in groups or to the bot, the real
 * Wechaty adapter delivers them to `onMessage`, and everything the bot sends is recorded. Used by the
 * tests, by `duban chat --script` and by the local console. Wechaty is imported on `start()` only.
 */
import type { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { WechatyInterface } from 'wechaty/impls';
import { attachWechaty, describeError, type AttachedChat, type LogLine, type MessageHandler } from './wechaty-adapter.ts';

/** One message the bot sent: to a group (by topic) or to a person directly (by name). */
export type SentMessage = ({ room: string; text: string } | { dm: string; text: string }) & { file?: string };

export interface MockChatOptions {
  botName: string;
  onMessage: MessageHandler;
  log?: LogLine;
}

/** The text a group sees when `botName` is @-mentioned: "@name " in front unless already there. */
export function withMention(botName: string, text: string): string {
  return text.includes(`@${botName}`) ? text : `@${botName} ${text}`;
}

export class MockChat {
  private readonly record: SentMessage[] = [];
  private readonly rooms = new Map<string, mock.RoomMock>();
  private readonly people = new Map<string, mock.ContactMock>();
  private readonly chat: AttachedChat;
  /** Messages the puppet emitted vs. messages wechaty delivered: equal when nothing is in transit. */
  private emitted = 0;
  private delivered = 0;
  private deliveryWaiters: Array<() => void> = [];
  private stopped = false;
  private sentRaw = 0;

  private constructor(
    readonly botName: string,
    private readonly bot: WechatyInterface,
    private readonly puppet: PuppetMock,
    private readonly mocker: mock.Mocker,
    private readonly me: mock.ContactMock,
    opts: MockChatOptions,
  ) {
    puppet.on('message', () => {
      this.emitted += 1;
    });
    bot.on('message', () => {
      this.delivered += 1;
      if (this.delivered < this.emitted) return;
      const ready = this.deliveryWaiters;
      this.deliveryWaiters = [];
      for (const resolve of ready) resolve();
    });
    // The mocker emits every message on its room, its talker and its listener; the bot's own are ours.
    me.on('message', (m) => {
      if (m.payload.talkerId !== me.id) return;
      const file = (this.mocker.cacheFileBoxPayload.get(m.id) as { name?: string } | undefined)?.name;
      const text = file ? `[文件] ${file}` : (m.payload.text ?? '');
      const room = m.room();
      const to = room ? { room: room.payload.topic, text } : { dm: m.listener()?.payload.name ?? '', text };
      this.record.push(file ? { ...to, file } : to);
    });
    this.chat = attachWechaty(bot, opts.onMessage, opts.log);
  }

  /** Builds wechaty on a mock puppet, creates the bot's account and logs it in. */
  static async start(opts: MockChatOptions): Promise<MockChat> {
    const [{ WechatyBuilder }, { PuppetMock, mock }] = await Promise.all([import('wechaty'), import('wechaty-puppet-mock')]);
    const mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const bot = WechatyBuilder.build({ puppet });
    const log = opts.log ?? (() => undefined);
    bot.on('error', (err: unknown) => log(`模拟微信出错: ${describeError(err)}`));
    const me = mocker.createContact({ name: opts.botName });
    const chat = new MockChat(opts.botName, bot, puppet, mocker, me, { ...opts, log });
    await bot.start();
    const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()));
    mocker.login(me);
    await loggedIn;
    return chat;
  }

  /**
   * `from` says `text` in the group with topic `room` (both created on first use) and the bot handles
   * it. With `mention` the bot is in the mention list and the text shows "@botName", as in WeChat.
   */
  async say(room: string, from: string, text: string, mention = true, fromId?: string): Promise<void> {
    const speaker = this.person(from, fromId);
    const group = this.group(room, speaker);
    if (mention) speaker.say(withMention(this.botName, text), [this.me]).to(group);
    else speaker.say(text).to(group);
    await this.settle();
  }

  /** `from` writes to the bot directly and the bot handles it. */
  async dm(from: string, text: string, fromId?: string): Promise<void> {
    this.person(from, fromId).say(text).to(this.me);
    await this.settle();
  }

  /**
   * `from` sends a message of wechaty type `type` ("Image", "Emoticon", "Attachment", "Url", …)
   * whose text is `text` (the XML or placeholder a puppet gives) — in the group `room`, or to the bot
   * directly when `room` is null — and the bot handles it. With `mention` the bot is in the mention list.
   */
  async sayRaw(room: string | null, from: string, type: string, text: string, mention = false): Promise<void> {
    const speaker = this.person(from);
    const typeId = (this.bot.Message.Type as unknown as Record<string, number>)[type];
    if (typeId === undefined) throw new Error(`未知的消息类型: ${type}`);
    const base = { id: `raw-${Date.now()}-${++this.sentRaw}`, talkerId: speaker.id, timestamp: Date.now(), type: typeId, text };
    const payload = room === null
      ? { ...base, listenerId: this.me.id }
      : { ...base, roomId: this.group(room, speaker).id, mentionIdList: mention ? [this.me.id] : [] };
    const msg = this.mocker.MessageMock.create(payload as Parameters<mock.Mocker['MessageMock']['create']>[0]);
    this.puppet.emit('message', { messageId: msg.id });
    await this.settle();
  }

  /** Everything the bot has sent, in order. */
  sent(): SentMessage[] {
    return [...this.record];
  }

  /** Everything the bot has sent since the last drain, in order. */
  drain(): SentMessage[] {
    return this.record.splice(0);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.bot.stop();
  }

  /**
   * Waits until every emitted message (the bot's own replies too, which come back as messages) has
   * reached wechaty and been handled — repeated, because handling one may send another.
   */
  private async settle(): Promise<void> {
    for (;;) {
      if (this.delivered < this.emitted) await new Promise<void>((resolve) => this.deliveryWaiters.push(resolve));
      await this.chat.idle();
      if (this.delivered >= this.emitted && this.chat.pending() === 0) return;
    }
  }

  /**
   * The contact speaking: by WeChat id when given (what rights are checked against: two people may
   * share a display name, and anyone can take one), else by display name with a generated id.
   */
  private person(name: string, id?: string): mock.ContactMock {
    if (name === this.botName && !id) return this.me;
    const key = id ? `id:${id}` : name;
    let contact = this.people.get(key);
    if (!contact) {
      contact = this.mocker.createContact(id ? { id, name } : { name });
      this.people.set(key, contact);
    }
    return contact;
  }

  private group(topic: string, member: mock.ContactMock): mock.RoomMock {
    let room = this.rooms.get(topic);
    if (!room) {
      // The generated id ends in "@chatroom": the mock tells rooms from contacts by the "@".
      room = this.mocker.createRoom({ topic, memberIdList: [this.me.id, member.id] });
      this.rooms.set(topic, room);
    } else if (!room.payload.memberIdList.includes(member.id)) {
      // Joined silently: a room-join event would only add noise to the bot's event stream.
      room.payload.memberIdList.push(member.id);
    }
    return room;
  }
}
