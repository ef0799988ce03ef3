import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Bindings } from '../../src/chat/bindings.ts';
import { MockChat } from '../../src/chat/mock-chat.ts';
import { coordinatorIds, loadConfig } from '../../src/config.ts';
import { buildBot, type BotParts } from '../../src/main.ts';
import { ProgressStore } from '../../src/status/progress.ts';
import { DEMO_DIR } from '../helpers/seeds.ts';

/**
 * Who may do what, through Wechaty and puppet-mock: coordinators by WeChat id only (a display name
 * grants nothing), the lead unit closes its task, partner units report their part, percents are 0–100,
 * a done task is reopened only explicitly, and every change keeps who made it.
 *
 * Demo plan 3.1.1: 牵头 市住建局, 配合 市交通运输局、市水利局. 1.1.1: 牵头 市委宣传部.
 */

const COORD_ID = 'wxid_coord_wang';
const TASK = '明州市质量强市示范城市创建工作方案.md|table|3.1.1';
const LEAD = '住建局群';
const PARTNER = '交通局群';
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'duban-roles-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function start(env: Record<string, string> = {}) {
  const log: string[] = [];
  const loaded = loadConfig({ DUBAN_DATA_DIR: tmp(), DUBAN_COORDINATORS: COORD_ID, ...env });
  // Rate limits out of the way: one person sends many commands here on purpose.
  const config = { ...loaded, limits: { ...loaded.limits, perUserPerMinute: 1000, perRoomPerMinute: 1000 } };
  const bot = await buildBot(config, { out: () => undefined, err: (l) => void log.push(l) }, { plans: [DEMO_DIR], cache: false, date: '2026-11-23', governed: false });
  const chat = await MockChat.start({ botName: config.bot.name, onMessage: bot.handler });
  return { bot, chat, log, close: async () => (await chat.stop(), await bot.store.close()) };
}

/** The bot's replies to one message, as text. */
async function reply(chat: MockChat, send: () => Promise<void>): Promise<string> {
  chat.drain();
  await send();
  return chat.drain().map((m) => m.text).join('\n');
}

describe('identity: coordinators by WeChat id only', () => {
  let w: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => void (w = await start()));
  afterAll(async () => w.close());

  it('an impostor with the coordinator’s display name (another id) gets nothing, in a group or a DM', async () => {
    const { chat, bot } = w;
    const say = (text: string) => reply(chat, () => chat.say('冒名群', '王协调', text, false, 'wxid_impostor'));
    const dm = (text: string) => reply(chat, () => chat.dm('王协调', text, 'wxid_impostor'));
    expect(await say('/绑定 市住建局')).toContain('只有协调员');
    expect(await say('/提醒预览 2026-12-24')).toContain('只有协调员');
    expect(await say('/完成 3.1.1')).not.toContain('已记录');
    expect(await dm('/提醒预览 2026-12-24')).toContain('只有协调员');
    expect(await dm('/完成 3.1.1')).toContain('请在本部门绑定的群里');
    expect(await dm('/进展 1.1.1 50%')).not.toContain('已记录');
    // Taking the coordinator's id as one's display name does not help either.
    expect(await reply(chat, () => chat.say('冒名群', COORD_ID, '/绑定 市住建局', false, 'wxid_other'))).toContain('只有协调员');
    expect(await new Bindings(bot.store).all()).toEqual([]);
    expect(await new ProgressStore(bot.store).allLatest()).toEqual(new Map());
  });

  it('the real coordinator (by id, whatever the name) binds and previews', async () => {
    const { chat, bot } = w;
    expect(await reply(chat, () => chat.say('住建局工作群', '小王', '/绑定 市住建局', false, COORD_ID))).toContain('已绑定: 本群属于明州市住建局');
    expect(await reply(chat, () => chat.dm('老王', '/提醒预览 2026-12-24', COORD_ID))).toMatch(/2026-12-24 将发送\d+条提醒/);
    const [binding] = await new Bindings(bot.store).all();
    expect(binding.boundBy).toContain(COORD_ID);
  });

  it('/我是谁 tells anyone their WeChat id and whether they are a coordinator', async () => {
    const { chat } = w;
    const group = await reply(chat, () => chat.say('冒名群', '王协调', '/我是谁', false, 'wxid_impostor'));
    expect(group).toContain('wxid_impostor');
    expect(group).toContain('不是协调员');
    const dm = await reply(chat, () => chat.dm('小王', '我是谁', COORD_ID));
    expect(dm).toContain(`你的微信ID: ${COORD_ID}`);
    expect(dm).toContain('身份: 协调员');
    expect(await reply(chat, () => chat.say('冒名群', '张三', '@督办助手 /whoami', true, 'wxid_zhang'))).toContain('wxid_zhang');
  });

  it('a configured display name is ignored with a start-up warning', async () => {
    expect(coordinatorIds(['王协调', 'wxid_coord_wang', ' zhang-san_01 ']).ids).toEqual(new Set(['wxid_coord_wang', 'zhang-san_01']));
    const named = await start({ DUBAN_COORDINATORS: '王协调' });
    try {
      expect(named.log.join('\n')).toMatch(/“王协调” 不是微信ID, 已忽略/);
      expect(await reply(named.chat, () => named.chat.say('住建局群', '王协调', '/绑定 市住建局', false))).toContain('只有协调员');
    } finally {
      await named.close();
    }
  });
});

describe('roles on a task: the lead closes, partners report their part', () => {
  let w: Awaited<ReturnType<typeof start>>;
  let bot: BotParts;
  let chat: MockChat;
  const lead = (text: string) => reply(chat, () => chat.say(LEAD, '张三', text, false, 'wxid_zhang'));
  const partner = (text: string) => reply(chat, () => chat.say(PARTNER, '李四', text, false, 'wxid_li'));
  const coordinatorDm = (text: string) => reply(chat, () => chat.dm('王协调', text, COORD_ID));
  beforeAll(async () => {
    w = await start();
    ({ bot, chat } = w);
    expect(await reply(chat, () => chat.say(LEAD, '王协调', '/绑定 市住建局', false, COORD_ID))).toContain('已绑定');
    expect(await reply(chat, () => chat.say(PARTNER, '王协调', '/绑定 市交通运输局', false, COORD_ID))).toContain('已绑定');
  });
  afterAll(async () => w.close());
  afterEach(() => void chat.drain());

  it('a partner cannot close the lead’s task; its progress is kept and shown to the lead', async () => {
    const refused = await partner('/完成 3.1.1');
    expect(refused).toContain('牵头单位是市住建局');
    expect(refused).toContain('/进展 3.1.1');
    expect(await partner('/进展 3.1.1 已完成')).toContain('牵头单位是市住建局');
    expect(await partner('/进展 3.1.1 80% 检测配合完成')).toContain('已记录 明州 3.1.1 配合单位市交通运输局的进展: 80%(检测配合完成)');
    const shown = await lead('/进展 3.1.1');
    expect(shown).toContain('明州 3.1.1');
    expect(shown).not.toContain('已完成。');
    expect(shown).toMatch(/配合单位进展\(牵头: 市住建局\): 市交通运输局 80%\(检测配合完成\)/);
    expect((await new ProgressStore(bot.store).latest(TASK))?.state).toBe('推进中');
  });

  it('refuses a percent outside 0–100 or not a number, and records nothing', async () => {
    const before = (await new ProgressStore(bot.store).history(TASK)).length;
    expect(await lead('/进展 3.1.1 150%')).toContain('超出范围');
    expect(await lead('/进展 3.1.1 -20%')).toContain('超出范围');
    expect(await lead('/进展 3.1.1 abc%')).toContain('不是数字');
    expect(await lead('/完成 3.1.1 50%')).toContain('矛盾');
    expect(await coordinatorDm('/进展 3.1.1 150%')).toContain('超出范围');
    expect(await new ProgressStore(bot.store).history(TASK)).toHaveLength(before);
  });

  it('the lead closes; then progress is refused until /重开 by the lead', async () => {
    expect(await lead('/完成 3.1.1 已通过验收')).toContain('已记录 明州 3.1.1: 已完成(已通过验收)');
    const late = await lead('/进展 3.1.1 90% 补充材料');
    expect(late).toContain('已完成');
    expect(late).toContain('/重开 3.1.1');
    expect(await partner('/进展 3.1.1 90%')).toContain('/重开');
    expect(await partner('/重开 3.1.1 配合不到位')).toContain('只有3.1.1的牵头单位(市住建局)或协调员');
    expect((await new ProgressStore(bot.store).latest(TASK))?.state).toBe('已完成');
    expect(await lead('/重开 3.1.1 验收资料缺页')).toContain('已重开 明州 3.1.1(验收资料缺页)');
    expect(await lead('/重开 3.1.1')).toContain('不是已完成状态');
    expect(await lead('/进展 3.1.1 90% 补充材料')).toContain('已记录 明州 3.1.1: 推进中 90%(补充材料)');
  });

  it('a coordinator closes any task, from a DM too; other departments may not', async () => {
    expect(await lead('/完成 1.1.1')).toContain('不是市住建局负责的任务');
    expect(await coordinatorDm('/完成 1.1.1 市委宣传部已报')).toContain('已记录 明州 1.1.1: 已完成');
    expect(await coordinatorDm('/重开 1.1.1 复核')).toContain('已重开');
  });

  it('the history keeps who made each change: id, name, department, role, time', async () => {
    const history = await new ProgressStore(bot.store).history(TASK);
    expect(history.map((r) => [r.reporter.id, r.reporter.name, r.department, r.role, r.state, r.percent])).toEqual([
      ['wxid_li', '李四', '市交通运输局', '配合', '推进中', 80],
      ['wxid_zhang', '张三', '市住建局', '牵头', '已完成', 100],
      ['wxid_zhang', '张三', '市住建局', '牵头', '推进中', null],
      ['wxid_zhang', '张三', '市住建局', '牵头', '推进中', 90],
    ]);
    expect(history[2].text).toBe('重开: 验收资料缺页');
    for (const r of history) expect(r.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const coord = await new ProgressStore(bot.store).history('明州市质量强市示范城市创建工作方案.md|table|1.1.1');
    expect(coord.map((r) => [r.reporter.id, r.department, r.role])).toEqual([
      [COORD_ID, '协调员', '协调员'],
      [COORD_ID, '协调员', '协调员'],
    ]);
  });
});
