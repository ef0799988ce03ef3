import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/chat/console-chat.ts';
import type { IncomingMessage, Replier } from '../../src/chat/message.ts';
import { MockChat } from '../../src/chat/mock-chat.ts';

const BOT = '督办助手';

/** A tiny bot: echoes what it is asked (mentioned in a group, or in a direct message). */
function echoBot(seen: IncomingMessage[] = []) {
  return async (msg: IncomingMessage, replier: Replier) => {
    seen.push(msg);
    if (msg.self) return;
    if (msg.room && !msg.mentionedBot) return;
    await replier.reply(msg, `收到:${msg.text}`);
  };
}

describe('MockChat', () => {
  const seen: IncomingMessage[] = [];
  let chat: MockChat;
  beforeAll(async () => {
    chat = await MockChat.start({ botName: BOT, onMessage: echoBot(seen) });
  });
  afterAll(() => chat?.stop());
  beforeEach(() => {
    chat.drain();
    seen.length = 0;
  });

  it('answers a mentioned group message with an @ of the asker', async () => {
    await chat.say('质量强市工作群', '张三', '1.4.3谁牵头?');
    expect(chat.sent()).toEqual([{ room: '质量强市工作群', text: `@张三 收到:@${BOT} 1.4.3谁牵头?` }]);
  });

  it('gives the pipeline plain data: room topic, sender name, mention, self', async () => {
    const before = Date.now();
    await chat.say('质量强市工作群', '李四', '进度如何');
    const [asked, ownReply] = seen;
    expect(asked).toMatchObject({
      text: `@${BOT} 进度如何`,
      room: { topic: '质量强市工作群' },
      from: { name: '李四' },
      mentionedBot: true,
      self: false,
    });
    expect(asked.room?.id).toContain('@');
    expect(asked.at).toBeGreaterThanOrEqual(before - 1000);
    // The bot's own reply comes back as a message too, marked self, and is awaited by say().
    expect(ownReply).toMatchObject({ self: true, from: { name: BOT }, text: `@李四 收到:@${BOT} 进度如何` });
  });

  it('does not prefix a second @ when the text already mentions the bot', async () => {
    await chat.say('质量强市工作群', '张三', `@${BOT} 在吗`);
    expect(chat.drain()).toEqual([{ room: '质量强市工作群', text: `@张三 收到:@${BOT} 在吗` }]);
  });

  it('stays silent when not mentioned', async () => {
    await chat.say('质量强市工作群', '张三', '大家好', false);
    expect(chat.sent()).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ text: '大家好', mentionedBot: false, self: false });
  });

  it('answers a direct message plainly', async () => {
    await chat.dm('张三', '你好');
    expect(chat.drain()).toEqual([{ dm: '张三', text: '收到:你好' }]);
    expect(seen[0].room).toBeUndefined();
    expect(seen[0]).toMatchObject({ from: { name: '张三' }, mentionedBot: false, self: false });
  });

  it('keeps groups and speakers apart, in order', async () => {
    await chat.say('市场监管局群', '王五', '一');
    await chat.say('质量强市工作群', '王五', '二');
    expect(chat.drain()).toEqual([
      { room: '市场监管局群', text: `@王五 收到:@${BOT} 一` },
      { room: '质量强市工作群', text: `@王五 收到:@${BOT} 二` },
    ]);
  });

  it('survives a handler that throws, logging the error', async () => {
    const lines: string[] = [];
    const broken = await MockChat.start({
      botName: BOT,
      onMessage: async (msg) => {
        if (!msg.self) throw new Error('boom');
      },
      log: (l) => lines.push(l),
    });
    try {
      await broken.dm('张三', '你好');
      expect(broken.sent()).toEqual([]);
      expect(lines.join('\n')).toContain('boom');
    } finally {
      await broken.stop();
    }
  });
});

describe('runConsole (piped)', () => {
  async function script(lines: string[], setDate?: (d: Date) => void) {
    const out: string[] = [];
    await runConsole({
      botName: BOT,
      onMessage: echoBot(),
      input: Readable.from(lines.map((l) => `${l}\n`)),
      output: (l) => out.push(l),
      interactive: false,
      setDate,
    });
    return out;
  }

  it('prints each reply after the line it answers, and resolves at end of input', async () => {
    const out = await script(['1.4.3谁牵头?', '~大家好']);
    expect(out).toEqual([
      `[质量强市工作群] 张三: @${BOT} 1.4.3谁牵头?`,
      `[质量强市工作群] ${BOT}: @张三 收到:@${BOT} 1.4.3谁牵头?`,
      '[质量强市工作群] 张三: 大家好',
    ]);
  });

  it('switches group, speaker and direct messages; :date sets 09:00 Shanghai', async () => {
    const dates: Date[] = [];
    const out = await script([':room 市场监管局群', ':as 李四', '问一下', ':dm', '私下问', ':room', '回来了', ':date 2025-03-01', ':nope', ':quit', '不会发出'], (d) =>
      dates.push(d),
    );
    const replies = out.filter((l) => l.includes(`${BOT}: `));
    expect(replies).toEqual([
      `[市场监管局群] ${BOT}: @李四 收到:@${BOT} 问一下`,
      `[私聊 李四] ${BOT}: 收到:私下问`,
      `[市场监管局群] ${BOT}: @李四 收到:@${BOT} 回来了`,
    ]);
    expect(dates.map((d) => d.toISOString())).toEqual(['2025-03-01T01:00:00.000Z']);
    expect(out.some((l) => l.includes('未知命令'))).toBe(true);
    expect(out.join('\n')).not.toContain('不会发出');
  });
});
