import { describe, expect, it } from 'vitest';
import { Bindings, type Binding } from '../../src/chat/bindings.ts';
import { oldestFirst, ProgressStore, reportId, type ProgressReport } from '../../src/status/progress.ts';
import type { Store } from '../../src/store/store.ts';
import { onEveryStore } from '../helpers/store-backends.ts';

/**
 * Bindings and progress reports written at the same moment are all kept — one record per binding or
 * report plus atomic store sets, no read-modify-write of one array — on every backend, with two store
 * objects (two bot instances) writing at once. Stores written by older versions (one array) are read too.
 */

const binding = (i: number): Binding => ({
  roomId: `room${i}@chatroom`,
  roomTopic: `工作群${i}`,
  department: '市住建局',
  departmentKey: '市住建局',
  file: 'plan.md',
  city: '明州',
  boundBy: '王协调',
  at: `2026-11-23T01:00:${String(i).padStart(2, '0')}.000Z`,
});

const report = (i: number, task = `plan.md|table|1.1.${i % 5}`, at = '2026-11-23T01:00:00.000Z'): ProgressReport => ({
  task,
  file: 'plan.md',
  ref: task.split('|')[2],
  state: '已完成',
  percent: 100,
  text: `报告${i}`,
  reporter: { id: `u${i}`, name: `张${i}` },
  department: '市住建局',
  at,
});

type Open = () => Promise<Store>;

function recordsSuite(open: Open) {
  it('10 concurrent Bindings.set from two store objects: all 10 kept, in binding order', async () => {
    const [a, b] = [new Bindings(await open()), new Bindings(await open())];
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).set(binding(i))));
    const all = await a.all();
    expect(all.map((x) => x.roomId)).toEqual(Array.from({ length: 10 }, (_, i) => `room${i}@chatroom`));
    expect(await b.get('room7@chatroom')).toEqual(binding(7));
  });

  it('delete removes one binding and leaves the rest; binding again brings it back', async () => {
    const bindings = new Bindings(await open());
    await Promise.all([0, 1, 2].map((i) => bindings.set(binding(i))));
    expect(await bindings.delete('room1@chatroom')).toBe(true);
    expect(await bindings.delete('room1@chatroom')).toBe(false);
    expect((await bindings.all()).map((x) => x.roomId)).toEqual(['room0@chatroom', 'room2@chatroom']);
    await bindings.set(binding(1));
    expect(await bindings.all()).toHaveLength(3);
  });

  it('40 concurrent ProgressStore.add from two store objects: all 40 kept; latest and allLatest agree', async () => {
    const [a, b] = [new ProgressStore(await open()), new ProgressStore(await open())];
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).add(report(i))));
    const tasks = Array.from({ length: 5 }, (_, k) => `plan.md|table|1.1.${k}`);
    const histories = await Promise.all(tasks.map((t) => a.history(t)));
    expect(histories.flat()).toHaveLength(40);
    expect(histories.flat().map((r) => r.text).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `报告${i}`).sort());
    const latest = await b.allLatest();
    expect([...latest.keys()].sort()).toEqual(tasks);
    for (const [i, t] of tasks.entries()) expect(latest.get(t)).toEqual(histories[i].at(-1));
  });

  it('two confirmations at the same moment take one pending report once', async () => {
    const [a, b] = [new ProgressStore(await open()), new ProgressStore(await open())];
    await a.setPending('u1', report(1));
    const taken = await Promise.all([a.takePending('u1'), b.takePending('u1'), a.takePending('u1'), b.takePending('u1')]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(await b.takePending('u1')).toBeUndefined();
  });

  it('history is oldest first by time; reports at the same time keep the order they were written', async () => {
    const progress = new ProgressStore(await open());
    const task = 'plan.md|table|3.1.1';
    await progress.add(report(1, task, '2026-11-23T03:00:00.000Z'));
    await progress.add(report(2, task, '2026-11-23T01:00:00.000Z'));
    for (let i = 3; i <= 6; i++) await progress.add(report(i, task, '2026-11-23T02:00:00.000Z'));
    expect((await progress.history(task)).map((r) => r.text)).toEqual(['报告2', '报告3', '报告4', '报告5', '报告6', '报告1']);
    expect((await progress.latest(task))?.text).toBe('报告1');
    expect(await progress.history('plan.md|table|9.9.9')).toEqual([]);
    expect(await progress.latest('plan.md|table|9.9.9')).toBeUndefined();
  });

  it('reads a store written by the old version (index arrays) and merges new writes with it', async () => {
    const store = await open();
    // What the previous version wrote: records plus one index array; a task's reports as one array.
    // (gone@chatroom: listed, its record deleted — it must not come back.)
    await store.set('binding:old1@chatroom', { ...binding(1), roomId: 'old1@chatroom' });
    await store.set('bindings:index', ['old1@chatroom', 'gone@chatroom']);
    const oldTask = 'plan.md|table|2.1.1';
    await store.set(`progress:${oldTask}`, [report(1, oldTask, '2026-11-01T01:00:00.000Z'), report(2, oldTask, '2026-11-02T01:00:00.000Z')]);
    await store.set('progress:index', [oldTask]);

    const bindings = new Bindings(store);
    await bindings.set(binding(5));
    expect((await bindings.all()).map((x) => x.roomId).sort()).toEqual(['old1@chatroom', 'room5@chatroom']);
    expect(await bindings.delete('old1@chatroom')).toBe(true);
    expect((await bindings.all()).map((x) => x.roomId)).toEqual(['room5@chatroom']);

    const progress = new ProgressStore(store);
    await progress.add(report(3, oldTask, '2026-11-03T01:00:00.000Z'));
    await progress.add(report(4, 'plan.md|table|2.1.2'));
    expect((await progress.history(oldTask)).map((r) => r.text)).toEqual(['报告1', '报告2', '报告3']);
    const latest = await progress.allLatest();
    expect(latest.get(oldTask)?.text).toBe('报告3');
    expect(latest.get('plan.md|table|2.1.2')?.text).toBe('报告4');
    expect(latest.size).toBe(2);
  });
}

onEveryStore(recordsSuite);

describe('report ids and order (pure)', () => {
  it('ids written in one millisecond still sort in write order', () => {
    const ids = Array.from({ length: 5 }, () => reportId('2026-11-23T01:00:00.000Z', 1_700_000_000_000));
    expect(new Set(ids).size).toBe(5);
    expect([...ids].sort((a, b) => (a.split('#')[1] < b.split('#')[1] ? -1 : 1))).toEqual(ids);
  });

  it('oldestFirst sorts by time and keeps ties in the given order', () => {
    const rs = [report(1, 't', '2026-01-02T00:00:00Z'), report(2, 't', '2026-01-01T00:00:00Z'), report(3, 't', '2026-01-02T00:00:00Z')];
    expect(oldestFirst(rs).map((r) => r.text)).toEqual(['报告2', '报告1', '报告3']);
  });
});
