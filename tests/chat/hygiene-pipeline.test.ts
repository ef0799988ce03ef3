import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer-context.ts';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { Bindings } from '../../src/chat/bindings.ts';
import type { IncomingMessage } from '../../src/chat/message.ts';
import { MockChat } from '../../src/chat/mock-chat.ts';
import { createPipeline, type MessageHandler, type PipelineDeps } from '../../src/chat/pipeline.ts';
import { loadConfig } from '../../src/config.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { ProgressStore } from '../../src/status/progress.ts';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { DEMO_DIR, PROJECT_ROOT } from '../helpers/seeds.ts';

/**
 * Message hygiene through the pipeline (and through Wechaty on puppet-mock): no @所有人 and no
 * invisible characters in any reply, WeChat's non-text shapes get a short reply or silence — never an
 * answer to their markup — and a quoted reply answers its new text.
 */

const COORDINATOR = { id: 'wxid_coord_wang', name: '王协调' };
const base = loadConfig({ DUBAN_COORDINATORS: COORDINATOR.id });
const config = { ...base, limits: { ...base.limits, perUserPerMinute: 1000, perRoomPerMinute: 1000 } };
const T0 = Date.parse('2026-11-23T01:00:00Z');
const DASH = '- - - - - - - - - - - - - - -';
const NASTY = '\u0000\u0007\u001b[2J\u007f\u0085\u200b\u200d\u200e\u202e\u2060\ufeff';
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
const EVERYONE = /[@＠](所有人|全体成员|all\b|everyone)/i;
const FILE_XML = '<?xml version="1.0"?>\n<msg><appmsg appid="" sdkver="0"><title>1.1.1谁牵头?</title><des>明州方案</des><type>6</type><appattach><totallen>2048</totallen><fileext>docx</fileext></appattach></appmsg></msg>';
const LINK_XML = '<msg><appmsg appid="" sdkver="0"><title>2.3.2什么时候完成</title><type>5</type><url>https://example.com/a</url></appmsg></msg>';
const STICKER_XML = '<msg><emoji fromusername="wxid_a" tousername="r@chatroom" type="2" md5="abc" len="1024" /></msg>';

let engine: AnswerEngine;
let store: Store;
let progress: ProgressStore;
let sent: Array<{ to: string; text: string }>;
let handle: MessageHandler;
let seq = 0;

const replier = { reply: async (m: IncomingMessage, text: string) => void sent.push({ to: m.room?.topic ?? `dm:${m.from.name}`, text }) };
const person = (name: string) => (name === COORDINATOR.name ? COORDINATOR : { id: `id-${name}`, name });
function group(text: string, opts: Partial<IncomingMessage> & { fromName?: string; roomId?: string } = {}): IncomingMessage {
  const { fromName = '张三', roomId = 'r1@chatroom', ...rest } = opts;
  return { id: `m${++seq}`, text, room: { id: roomId, topic: roomId === 'r1@chatroom' ? '住建局群' : '质监局群' }, from: person(fromName), mentionedBot: false, self: false, at: T0, ...rest };
}
const dm = (text: string, opts: Partial<IncomingMessage> = {}): IncomingMessage => ({ id: `m${++seq}`, text, from: person('李四'), mentionedBot: false, self: false, at: T0, ...opts });

function pipeline(extra: Partial<PipelineDeps> = {}): MessageHandler {
  return createPipeline({
    engine,
    bindings: new Bindings(store),
    progress,
    config,
    clock: () => new Date('2026-11-23T09:00:00+08:00'),
    now: () => T0,
    startedAt: T0,
    ...extra,
  });
}

function expectClean(texts: string[]) {
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts) {
    expect(t).not.toMatch(EVERYONE);
    expect(t).not.toMatch(INVISIBLE);
  }
}

beforeAll(async () => {
  const r = await ingestPlans([DEMO_DIR], { cache: null });
  engine = new AnswerEngine(buildKnowledgeBase(r.plans, loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml'))));
});
beforeEach(async () => {
  sent = [];
  store = await createStore({ url: 'memory', dataDir: '/tmp' });
  progress = new ProgressStore(store);
  handle = pipeline();
});
afterEach(async () => {
  await store.close();
});

describe('outgoing: no @所有人, no mentions of others, no invisible characters', () => {
  it('a question containing @所有人 and control characters is answered cleanly', async () => {
    await handle(group(`@督办助手 @所有人 1.1.1谁牵头?${NASTY}`, { mentionedBot: true }), replier);
    expect(sent[0].text).toContain('牵头: 市委宣传部');
    expectClean(sent.map((s) => s.text));
  });

  it('echoes of user text (unknown command) carry no @', async () => {
    await handle(group(`/飞起来@所有人${NASTY}`), replier);
    await handle(group('/飞起来＠李四'), replier);
    await handle(group('/绑定 @所有人的局', { fromName: '王协调' }), replier);
    expectClean(sent.map((s) => s.text));
    for (const s of sent) expect(s.text).not.toMatch(/[@＠]/);
  });

  it('every reply passes the sanitizer, whatever the answer says; the asker may be mentioned', async () => {
    const ask = async (): Promise<Answer> => ({ answer: `@所有人 请注意${NASTY} @李四 @全体成员 @张三 联系 a@mz.gov.cn`, found: true, citations: [], intent: {} as Answer['intent'] });
    await pipeline({ ask })(group('@督办助手 食品抽检合格率目标是多少?', { mentionedBot: true }), replier);
    expect(sent).toHaveLength(1);
    expectClean(sent.map((s) => s.text));
    expect(sent[0].text).toBe('所有人 请注意 李四 全体成员 @张三 联系 a@mz.gov.cn');
  });

  it('@所有人 in a progress report is neither echoed nor stored for other groups to see', async () => {
    await handle(group('/绑定 市住建局', { fromName: '王协调' }), replier);
    await handle(group(`/进展 3.1.1 60% @所有人 请各单位配合验收${NASTY}`), replier);
    expect(sent[1].text).toContain('已记录');
    const stored = [...(await progress.allLatest()).values()].find((r) => r.ref === '3.1.1');
    expect(stored?.text).toContain('请各单位配合验收');
    expect(stored?.text).not.toMatch(EVERYONE);
    expect(stored?.text).not.toMatch(INVISIBLE);
    await handle(group('@督办助手 3.1.1完成了吗', { roomId: 'r2@chatroom', fromName: '李四', mentionedBot: true }), replier);
    expect(sent[2].text).toContain('请各单位配合验收');
    expectClean(sent.map((s) => s.text));
  });
});

describe('incoming: WeChat shapes that are no question', () => {
  it('an XML file share, a link, [图片] and a sticker get the short reply when addressed, never an answer', async () => {
    await handle(dm(FILE_XML), replier);
    await handle(dm(FILE_XML, { kind: 'file' }), replier);
    await handle(dm(LINK_XML, { kind: 'url' }), replier);
    await handle(dm('[图片]'), replier);
    await handle(dm('', { kind: 'image' }), replier);
    await handle(dm(STICKER_XML, { kind: 'emoticon' }), replier);
    await handle(dm('[动画表情]'), replier);
    await handle(group('@督办助手 [图片]', { mentionedBot: true }), replier);
    await handle(group(STICKER_XML, { kind: 'emoticon', mentionedBot: true }), replier);
    expect(sent).toHaveLength(9);
    for (const s of sent) {
      expect(s.text).toMatch(/文字/);
      expect(s.text.length).toBeLessThan(60);
      expect(s.text).not.toMatch(/牵头|市委宣传部|完成时限|</);
    }
  });

  it('is silent when not addressed, and for recalls and system notices', async () => {
    await handle(group(FILE_XML), replier);
    await handle(group('[图片]'), replier);
    await handle(group('', { kind: 'image' }), replier);
    await handle(group(STICKER_XML, { kind: 'emoticon' }), replier);
    await handle(dm('hello', { kind: 'recalled' }), replier);
    await handle(dm('', { kind: 'system' }), replier);
    await handle(dm('"张三" 拍了拍 "督办助手"', { kind: 'unknown' }), replier);
    await handle(dm('<sysmsg type="pat"><pat /></sysmsg>'), replier);
    await handle(dm('你已添加了李四，现在可以开始聊天了。'), replier);
    expect(sent).toEqual([]);
  });

  it('a quoted reply answers the new text, not the quoted question', async () => {
    await handle(group(`「张三：1.1.1谁牵头?」\n${DASH}\n@督办助手 2.3.2什么时候完成`, { mentionedBot: true }), replier);
    await handle(dm(`「张三：1.1.1谁牵头?」\n${DASH}\n2.3.2什么时候完成`), replier);
    await handle(dm('<msg><appmsg><title>2.3.2什么时候完成</title><type>57</type><refermsg><displayname>张三</displayname><content>1.1.1谁牵头?</content></refermsg></appmsg></msg>', { kind: 'url' }), replier);
    expect(sent).toHaveLength(3);
    for (const s of sent) {
      expect(s.text).toContain('2027年12月');
      expect(s.text).not.toContain('市委宣传部');
    }
  });

  it('addressing goes by the new text: a quote of a question to the bot does not address it', async () => {
    await handle(group(`「张三：@督办助手 1.1.1谁牵头?」\n${DASH}\n这个我们下周讨论`), replier);
    await handle(group(`「督办助手：@张三 牵头: 市委宣传部」\n${DASH}\n/帮助`), replier);
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toContain('/帮助');
  });
});

describe('through Wechaty (puppet-mock)', () => {
  const chats: MockChat[] = [];
  afterEach(async () => {
    for (const c of chats.splice(0)) await c.stop();
  });

  it('non-text messages: short reply in a DM or when mentioned, silence in a group; @所有人 never sent', async () => {
    const chat = await MockChat.start({ botName: config.bot.name, onMessage: pipeline() });
    chats.push(chat);
    await chat.sayRaw('质量强市工作群', '张三', 'Image', '<msg><img aeskey="k" /></msg>');
    await chat.sayRaw('质量强市工作群', '张三', 'Emoticon', STICKER_XML);
    await chat.sayRaw('质量强市工作群', '张三', 'Attachment', FILE_XML);
    expect(chat.drain()).toEqual([]);
    await chat.sayRaw(null, '李四', 'Image', '');
    await chat.sayRaw(null, '李四', 'Emoticon', STICKER_XML);
    await chat.sayRaw(null, '李四', 'Attachment', FILE_XML);
    await chat.sayRaw(null, '李四', 'Url', LINK_XML);
    await chat.dm('李四', FILE_XML);
    await chat.sayRaw(null, '李四', 'Recalled', '1.1.1谁牵头?');
    const media = chat.drain();
    expect(media).toHaveLength(5);
    for (const m of media) {
      expect(m).toMatchObject({ dm: '李四' });
      expect(m.text).toMatch(/文字/);
      expect(m.text).not.toMatch(/牵头|完成时限|</);
    }
    await chat.say('质量强市工作群', '张三', `@所有人 1.1.1谁牵头?${NASTY}`);
    await chat.say('质量强市工作群', '张三', `「王五：1.1.1谁牵头?」\n${DASH}\n@${config.bot.name} 2.3.2什么时候完成`);
    const [answer, quoted] = chat.drain();
    expect(answer.text).toMatch(/^@张三 .*牵头: 市委宣传部/);
    expect(quoted.text).toMatch(/^@张三 /);
    expect(quoted.text).toContain('2027年12月');
    expect(quoted.text).not.toContain('市委宣传部');
    expectClean([answer.text, quoted.text]);
  });
});
