import { beforeAll, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { Bindings } from '../../src/chat/bindings.ts';
import { ProgressStore } from '../../src/status/progress.ts';
import type { Store } from '../../src/store/store.ts';
import { onEveryStore } from '../helpers/store-backends.ts';
import { chatOn, COORDINATOR, demoEngine, direct, inGroup } from './store-pipeline-setup.ts';

/**
 * Through the chat pipeline, as the outside tester does it: 10 `/绑定` in 10 groups at once and 40
 * `/完成` at once, sent to two bot instances (two store objects on one SQLite file or one Redis) —
 * every one acknowledged AND every one kept.
 */

const DEPARTMENTS = ['市住建局', '市市场监管局', '市工信局', '市统计局', '市卫生健康委', '市文化广电旅游局', '市委宣传部', '市教育局', '市科技局', '市农业农村局'];

let engine: AnswerEngine;
beforeAll(async () => void (engine = await demoEngine()));

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

onEveryStore(commandsSuite);
