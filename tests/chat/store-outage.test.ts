import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { storeNote } from '../../src/chat/pipeline.ts';
import { createStore } from '../../src/store/create-store.ts';
import { STORE_UNAVAILABLE_REPLY } from '../../src/store/store-errors.ts';
import type { Store } from '../../src/store/store.ts';
import { withTimeouts } from '../../src/store/timeouts.ts';
import { REDIS_SERVER } from '../helpers/redis-server.ts';
import { freePort, spawnRedis, type RedisProcess } from '../store/redis-process.ts';
import { chatOn, COORDINATOR, demoEngine, direct, inGroup } from './store-pipeline-setup.ts';

/**
 * The store goes away and the bot keeps talking: questions are answered (without the group's binding,
 * and saying so), a command that needs the store says briefly that it is unavailable, /帮助 works.
 * Store calls time out at 200 ms here (2 s in production), so every reply must come well within 3 s.
 */

const REPLY_WITHIN_MS = 3000;
const GROUP = 'g1@chatroom';
const QUESTION = '@督办助手 1.1.1谁牵头?';
const HELP_START = '我是督办助手';

let engine: AnswerEngine;
beforeAll(async () => void (engine = await demoEngine()));

/** The replies, or a failed test when they take longer than REPLY_WITHIN_MS (a hang). */
function promptly<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no reply within ${REPLY_WITHIN_MS} ms`)), REPLY_WITHIN_MS))]);
}

/** A memory store that can be switched "down": every call then waits for ever (a silent network). */
async function switchableStore(): Promise<{ store: Store; down(): void }> {
  const inner = await createStore({ url: 'memory', dataDir: '/nonexistent' });
  let isDown = false;
  const never = new Promise<never>(() => undefined);
  const proxy = new Proxy(inner, {
    get: (target, name: keyof Store) => (...args: unknown[]) => (isDown && name !== 'close' ? never : (target[name] as (...a: unknown[]) => unknown)(...args)),
  });
  return { store: withTimeouts(proxy, 200), down: () => void (isDown = true) };
}

/** What every outage must look like, once the group was bound and a report recorded before it. */
async function expectsOutageBehaviour(chat: ReturnType<typeof chatOn>) {
  const answer = await promptly(chat.say(inGroup(GROUP, QUESTION, '张三', true)));
  expect(answer.join('\n')).toContain('牵头: 市委宣传部');
  expect(answer.join('\n')).toContain('数据存储暂时无法访问, 以上回答未按本群绑定的部门筛选');

  expect(await promptly(chat.say(inGroup(GROUP, '/完成 3.1.2', COORDINATOR)))).toEqual([STORE_UNAVAILABLE_REPLY]);
  expect(await promptly(chat.say(inGroup(GROUP, '/绑定 市住建局', COORDINATOR)))).toEqual([STORE_UNAVAILABLE_REPLY]);
  expect(await promptly(chat.say(inGroup(GROUP, '/本群')))).toEqual([STORE_UNAVAILABLE_REPLY]);
  expect(await promptly(chat.say(direct('/完成 3.1.2')))).toEqual([STORE_UNAVAILABLE_REPLY]);
  expect(await promptly(chat.say(direct('是')))).toEqual([STORE_UNAVAILABLE_REPLY]);
  expect((await promptly(chat.say(inGroup(GROUP, '/帮助'))))[0]).toContain(HELP_START);

  const item = await promptly(chat.say(inGroup(GROUP, '@督办助手 3.1.1完成了吗', '张三', true)));
  expect(item.join('\n')).toContain('进展记录未能读取');
  expect(chat.log.some((l) => l.includes('数据存储不可用'))).toBe(true);
  expect(chat.log.some((l) => l.includes('处理消息出错'))).toBe(false); // no stack traces for an outage
}

describe('a store that stops answering (calls time out)', () => {
  it('questions answered, store commands refused briefly, /帮助 works', async () => {
    const { store, down } = await switchableStore();
    const chat = chatOn(store, engine);
    expect(await chat.say(inGroup(GROUP, '/绑定 市住建局', COORDINATOR))).toEqual([expect.stringContaining('已绑定')]);
    expect(await chat.say(inGroup(GROUP, '/完成 3.1.1', COORDINATOR))).toEqual([expect.stringContaining('已记录')]);
    down();
    await expectsOutageBehaviour(chat);
  });
});

describe.skipIf(!REDIS_SERVER)('Redis down (local redis-server)', () => {
  const opened: Store[] = [];
  const servers: RedisProcess[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  it('mid-chat: after binding, the server stops — questions answered, /完成 says the store is unavailable', async () => {
    const server = await spawnRedis();
    servers.push(server);
    const store = await createStore({ url: server.url, dataDir: '/nonexistent', timeoutMs: 200 });
    opened.push(store);
    const chat = chatOn(store, engine);
    expect(await chat.say(inGroup(GROUP, '/绑定 市住建局', COORDINATOR))).toEqual([expect.stringContaining('已绑定: 本群属于明州市住建局')]);
    expect(await chat.say(inGroup(GROUP, '/完成 3.1.1', COORDINATOR))).toEqual([expect.stringContaining('已记录')]);
    await server.stop();
    await expectsOutageBehaviour(chat);
  });

  it('at start: createStore returns, questions are answered, /绑定 says the store is unavailable', async () => {
    const store = await promptly(createStore({ url: `redis://127.0.0.1:${await freePort()}`, dataDir: '/nonexistent', timeoutMs: 200 }));
    opened.push(store);
    const chat = chatOn(store, engine);
    const answer = await promptly(chat.say(inGroup(GROUP, QUESTION, '张三', true)));
    expect(answer.join('\n')).toContain('牵头: 市委宣传部');
    expect(await promptly(chat.say(inGroup(GROUP, '/绑定 市住建局', COORDINATOR)))).toEqual([STORE_UNAVAILABLE_REPLY]);
    expect((await promptly(chat.say(direct('/帮助'))))[0]).toContain(HELP_START);
  });
});

describe('storeNote', () => {
  it('says what an answer without the store lacks, and nothing when the store answered', () => {
    expect(storeNote(false, false)).toBe('');
    expect(storeNote(true, false)).toContain('未按本群绑定的部门筛选');
    expect(storeNote(true, true)).toContain('进展记录未能读取');
  });
});
