import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { Bindings } from '../../src/chat/bindings.ts';
import { ProgressStore } from '../../src/status/progress.ts';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { REDIS_SERVER, startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { chatOn, COORDINATOR, demoEngine, direct, inGroup } from './store-pipeline-setup.ts';

/**
 * Through the chat pipeline, as the outside tester does it: 10 `/绑定` in 10 groups at once and 40
 * `/完成` at once, sent to two bot instances (two store objects on one SQLite file or one Redis) —
 * every one acknowledged AND every one kept.
 */

const DEPARTMENTS = ['市住建局', '市市场监管局', '市工信局', '市统计局', '市卫生健康委', '市文化广电旅游局', '市委宣传部', '市教育局', '市科技局', '市农业农村局'];

let engine: AnswerEngine;
beforeAll(async () => void (engine = await demoEngine()));

const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function commandsSuite(open: () => Promise<Store>) {
  it('10 /绑定 in 10 groups at once: all acknowledged, all kept', async () => {
    const [a, b] = [await open(), await open()];
    const chats = [chatOn(a, engine), chatOn(b, engine)];
    const replies = await Promise.all(DEPARTMENTS.map((d, i) => chats[i % 2].say(inGroup(`g${i}@chatroom`, `/绑定 ${d}`, COORDINATOR))));
    for (const [i, r] of replies.entries()) expect(r, DEPARTMENTS[i]).toEqual([`已绑定: 本群属于明州${DEPARTMENTS[i]}。现在可以问“我们局有哪些任务”或发送 /到期。`]);
    const kept = await new Bindings(b).all();
    expect(kept.map((x) => [x.roomId, x.department]).sort()).toEqual(DEPARTMENTS.map((d, i) => [`g${i}@chatroom`, d]).sort());
  });

  it('40 /完成 at once: all acknowledged, all 40 reports kept', async () => {
    const [a, b] = [await open(), await open()];
    const chats = [chatOn(a, engine), chatOn(b, engine)];
    const refs = [...new Set(engine.prepared.kb.tasks.filter((t) => t.origin === 'table' && t.ref?.includes('.') && t.units.length).map((t) => t.ref!))];
    expect(refs.length).toBeGreaterThan(20);
    const sent = Array.from({ length: 40 }, (_, i) => refs[i % refs.length]);
    const replies = await Promise.all(sent.map((ref, i) => chats[i % 2].say(direct(`/完成 ${ref} 第${i}次`))));
    for (const [i, r] of replies.entries()) expect(r[0], sent[i]).toMatch(new RegExp(`^已记录 明州 ${sent[i].replace(/\./g, '\\.')}: 已完成\\(第${i}次\\)`));
    const progress = new ProgressStore(a);
    const latest = await progress.allLatest();
    expect(latest.size).toBe(refs.length);
    const histories = await Promise.all([...latest.keys()].map((task) => progress.history(task)));
    expect(histories.flat().map((r) => r.text).sort()).toEqual(sent.map((_, i) => `第${i}次`).sort());
  });
}

describe('memory store', () => {
  let shared: Store | null = null;
  afterEach(() => void (shared = null));
  commandsSuite(async () => (shared ??= await createStore({ url: 'memory', dataDir: '/nonexistent' })));
});

describe('SQLite store (two store objects on one file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-chat-concurrency-'));
  let n = 0;
  let file = '';
  afterEach(() => void (file = ''));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  commandsSuite(async () => {
    file ||= join(dir, `t${n++}.sqlite`);
    const s = await createStore({ url: `sqlite://${file}`, dataDir: dir });
    opened.push(s);
    return s;
  });
});

describe.skipIf(!REDIS_SERVER)('Redis store (two store objects on one server)', () => {
  let server: RedisServer;
  let n = 0;
  let namespace = '';
  beforeAll(async () => void (server = await startRedisServer()));
  afterEach(() => void (namespace = ''));
  afterAll(async () => server?.stop());
  commandsSuite(async () => {
    namespace ||= `chat${n++}`;
    const s = await createStore({ url: server.url, dataDir: '/nonexistent', namespace });
    opened.push(s);
    return s;
  });
});
