import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { MockChat } from '../../src/chat/mock-chat.ts';
import { createPipeline } from '../../src/chat/pipeline.ts';
import { Bindings } from '../../src/chat/bindings.ts';
import { loadConfig } from '../../src/config.ts';
import { buildBot, runBot } from '../../src/main.ts';
import { createStore } from '../../src/store/create-store.ts';
import { DEMO_DIR } from '../helpers/seeds.ts';

/** Through Wechaty and puppet-mock, as a group member would see it. */

const quiet = { out: () => undefined, err: () => undefined };
const dirs: string[] = [];
const chats: MockChat[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'duban-e2e-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const c of chats.splice(0)) await c.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string) {
  const config = loadConfig({ DUBAN_DATA_DIR: dataDir, DUBAN_COORDINATORS: 'wxid_coord_wang' });
  const bot = await buildBot(config, quiet, { plans: [DEMO_DIR], cache: false, date: '2026-11-23', governed: false });
  const chat = await MockChat.start({ botName: config.bot.name, onMessage: bot.handler });
  chats.push(chat);
  return { bot, chat, config };
}

describe('the bot in WeChat (puppet-mock)', () => {
  it('answers a mention with an @-reply, ignores an unmentioned message, answers a DM', async () => {
    const { bot, chat } = await start(tmp());
    await chat.say('质量强市工作群', '张三', '1.1.1谁牵头?', true);
    await chat.say('质量强市工作群', '张三', '1.1.1谁牵头?', false);
    await chat.dm('李四', '2.3.2什么时候完成');
    const sent = chat.drain();
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ room: '质量强市工作群' });
    expect(sent[0].text).toMatch(/^@张三 .*牵头: 市委宣传部/);
    expect(sent[1]).toMatchObject({ dm: '李四' });
    expect(sent[1].text).toContain('完成时限2027年12月');
    await bot.store.close();
  });

  it('binds a group for a coordinator, refuses others, and keeps the binding after a restart', async () => {
    const dir = tmp();
    const first = await start(dir);
    await first.chat.say('住建局群', '李四', '/绑定 市住建局', false);
    await first.chat.say('住建局群', '王协调', '/绑定 市住建局', false, 'wxid_coord_wang');
    await first.chat.say('住建局群', '张三', '我们局有哪些任务', true);
    const sent = first.chat.drain();
    expect(sent[0].text).toContain('只有协调员');
    expect(sent[1].text).toContain('已绑定');
    expect(sent[2].text).toContain('市住建局牵头/负责的任务');
    await first.chat.stop();
    await first.bot.store.close();

    const second = await start(dir);
    await second.chat.say('住建局群', '张三', '/本群', false);
    // A new mock world gives the group a new id, so the binding is checked through the store.
    const store = await createStore({ dataDir: dir });
    const all = await new Bindings(store).all();
    expect(all.map((b) => [b.roomTopic, b.department])).toEqual([['住建局群', '市住建局']]);
    await store.close();
    await second.bot.store.close();
  });

  it('ignores messages sent before start-up', async () => {
    const config = loadConfig({ DUBAN_COORDINATORS: 'wxid_coord_wang' });
    const { bot } = await start(tmp());
    const handler = createPipeline({
      engine: bot.engine,
      bindings: new Bindings(bot.store),
      config,
      clock: () => new Date(),
      startedAt: Date.now() + 10 * 60_000, // every message now predates start-up by more than the grace
    });
    const chat = await MockChat.start({ botName: config.bot.name, onMessage: handler });
    chats.push(chat);
    await chat.say('质量强市工作群', '张三', '1.1.1谁牵头?', true);
    expect(chat.drain()).toEqual([]);
    await bot.store.close();
  });

  it('runs the local console on piped input: prints the answers and exits', async () => {
    const out: string[] = [];
    const config = loadConfig({ DUBAN_DATA_DIR: tmp() });
    const input = Readable.from(['1.1.1谁牵头?\n', '~今天开会\n', ':dm\n', '帮助\n']);
    const code = await runBot(config, { out: (l) => out.push(l), err: () => undefined }, { plans: [DEMO_DIR], cache: false, date: '2026-11-23', input });
    expect(code).toBe(0);
    const replies = out.filter((l) => l.includes('督办助手:'));
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain('牵头: 市委宣传部');
    expect(replies[1]).toContain('我是督办助手');
  });
});
