import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { catchUp, deliver, deliveryClaimKey, runCoordinator, takeRunLease, withLateNote, type DeliverDeps } from '../../src/schedule/deliver.ts';
import { DeliveryLog } from '../../src/schedule/delivery-log.ts';
import type { Delivery } from '../../src/schedule/types.ts';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';

const NOW = new Date('2025-03-03T01:00:00Z'); // 09:00 Asia/Shanghai

function delivery(n: number, extraKeys: string[] = []): Delivery {
  return {
    kind: 'reminder',
    to: { room: `质量强市工作群${n}` },
    text: `【督办提醒】事项${n}`,
    refs: [{ file: 'plan.txt', ref: `1.${n}` }],
    due: '2025-03-10',
    keys: [`task:plan.txt:1.${n}:2025-03-10|before-7|room:r${n}`, ...extraKeys],
  };
}
const three = () => [delivery(1), delivery(2), delivery(3)];

let dir: string;
const opened: Store[] = [];
const sqlite = async () => {
  const store = await createStore({ url: `sqlite://${join(dir, 'state.sqlite')}`, dataDir: dir });
  opened.push(store);
  return store;
};

/** A send that "kills the process" inside its 2nd call: that call never settles; `crashed` resolves then. */
function crashOnSecondSend(sent: Delivery[]) {
  let calls = 0;
  let signal = () => {};
  const crashed = new Promise<void>((resolve) => (signal = resolve));
  const send = (d: Delivery) => {
    if (++calls !== 2) return Promise.resolve(void sent.push(d));
    signal();
    return new Promise<void>(() => undefined);
  };
  return { send, crashed };
}

/** deps for one instance; `sent` records what actually went out, across instances when shared. */
function depsFor(store: Store, sent: Delivery[], overrides: Partial<DeliverDeps> = {}): DeliverDeps {
  return {
    log: new DeliveryLog(store),
    store,
    send: async (d) => {
      sent.push(d);
    },
    now: () => new Date(),
    runId: 'run-1',
    ...overrides,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-deliver-'));
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  rmSync(dir, { recursive: true, force: true });
});

describe('deliver', () => {
  it('sends each delivery once and logs every key; a second run sends nothing', async () => {
    const store = await sqlite();
    const sent: Delivery[] = [];
    const first = await deliver(three(), depsFor(store, sent));
    expect(first.sent.map((d) => d.text)).toEqual(['【督办提醒】事项1', '【督办提醒】事项2', '【督办提醒】事项3']);
    const record = await new DeliveryLog(store).get(delivery(2).keys[0]);
    expect(record).toEqual({ at: NOW.toISOString(), to: { room: '质量强市工作群2' }, runId: 'run-1' });

    const second = await deliver(three(), depsFor(store, sent, { runId: 'run-2' }));
    expect(second).toEqual({ sent: [], skipped: three(), busy: [], failed: [] });
    expect(sent).toHaveLength(3);
  });

  it('a failed send is reported, not logged, released, and retried by the next run', async () => {
    const store = await sqlite();
    const sent: Delivery[] = [];
    const lines: string[] = [];
    const flaky = depsFor(store, sent, {
      send: async (d) => {
        if (d.text.endsWith('2')) throw new Error('webhook 502');
        sent.push(d);
      },
      logLine: (l) => lines.push(l),
    });
    const first = await deliver(three(), flaky);
    expect(first.sent.map((d) => d.text)).toEqual(['【督办提醒】事项1', '【督办提醒】事项3']);
    expect(first.failed).toEqual([{ delivery: delivery(2), error: 'webhook 502' }]);
    expect(lines.some((l) => l.includes('room 质量强市工作群2: failed: webhook 502'))).toBe(true);

    const retry = await deliver(three(), depsFor(store, sent, { runId: 'run-2' })); // no lease to wait for
    expect(retry.sent.map((d) => d.text)).toEqual(['【督办提醒】事项2']);
    expect(sent.map((d) => d.text).sort()).toEqual(['【督办提醒】事项1', '【督办提醒】事项2', '【督办提醒】事项3']);
  });

  it('a crash during the 2nd of 3 sends: the restarted instance sends exactly the missing two', async () => {
    const sent: Delivery[] = [];
    const crashed = await sqlite();
    const crash = crashOnSecondSend(sent);
    void deliver(three(), depsFor(crashed, sent, { leaseMs: 60_000, send: crash.send })); // abandoned, like a dead process
    await crash.crashed;
    expect(sent.map((d) => d.text)).toEqual(['【督办提醒】事项1']);

    const restarted = await sqlite(); // new process: new store and log on the same file
    const log = new DeliveryLog(restarted);
    expect(await Promise.all(three().map((d) => log.isDelivered(d.keys[0])))).toEqual([true, false, false]);

    // Restarted within the dead instance's lease: the 2nd is held (it may have gone out), the 3rd goes.
    const early = await deliver(three(), depsFor(restarted, sent, { runId: 'restart-1', leaseMs: 60_000 }));
    expect(early.sent.map((d) => d.text)).toEqual(['【督办提醒】事项3']);
    expect(early.busy.map((d) => d.text)).toEqual(['【督办提醒】事项2']);

    vi.setSystemTime(NOW.getTime() + 60_000); // the lease ran out
    const late = await deliver(three(), depsFor(restarted, sent, { runId: 'restart-2' }));
    expect(late.sent.map((d) => d.text)).toEqual(['【督办提醒】事项2']);
    expect(sent.map((d) => d.text)).toEqual(['【督办提醒】事项1', '【督办提醒】事项3', '【督办提醒】事项2']);
  });

  it('a restart after the lease sends the missing ones in one run: no duplicate, no miss', async () => {
    const sent: Delivery[] = [];
    const crashed = await sqlite();
    const crash = crashOnSecondSend(sent);
    void deliver(three(), depsFor(crashed, sent, { leaseMs: 60_000, send: crash.send })); // abandoned, like a dead process
    await crash.crashed;
    vi.setSystemTime(NOW.getTime() + 5 * 60_000);
    const restarted = await sqlite();
    const run = await deliver(three(), depsFor(restarted, sent, { runId: 'restart' }));
    expect(run.sent.map((d) => d.text)).toEqual(['【督办提醒】事项2', '【督办提醒】事项3']);
    expect(run.skipped.map((d) => d.text)).toEqual(['【督办提醒】事项1']);
    expect(sent).toHaveLength(3);
  });

  it('checks the log again after claiming: another run may have finished in between', async () => {
    const store = await createStore({ url: 'memory', dataDir: dir });
    const sent: Delivery[] = [];
    // Instance B stalls between its log check and its claim; meanwhile A sends, logs, and its lease ends.
    const stalled: Store = {
      ...store,
      claim: async (key, ttlMs) => {
        await deliver([delivery(1)], depsFor(store, sent, { runId: 'a', leaseMs: 1000 }));
        vi.setSystemTime(Date.now() + 1000);
        return store.claim(key, ttlMs);
      },
    };
    const b = await deliver([delivery(1)], depsFor(stalled, sent, { runId: 'b' }));
    expect(b.skipped).toEqual([delivery(1)]);
    expect(sent).toHaveLength(1);
  });

  it('two concurrent runs on one SQLite store send every delivery exactly once', async () => {
    const store = await sqlite();
    const sent: Delivery[] = [];
    const many = Array.from({ length: 12 }, (_, i) => delivery(i + 1));
    const [a, b] = await Promise.all([deliver(many, depsFor(store, sent, { runId: 'a' })), deliver(many, depsFor(store, sent, { runId: 'b' }))]);
    expect(a.sent.length + b.sent.length).toBe(12);
    expect(new Set(sent.map((d) => d.text)).size).toBe(12);
    expect(sent).toHaveLength(12);
  });

  it('sends a delivery with a new key even if its other keys are logged; logs only the new one', async () => {
    const store = await sqlite();
    const sent: Delivery[] = [];
    await deliver([delivery(1)], depsFor(store, sent));
    vi.setSystemTime(NOW.getTime() + 1000);
    const grown = delivery(1, ['task:plan.txt:9:2025-03-10|before-7|room:r1']);
    const run = await deliver([grown], depsFor(store, sent, { runId: 'run-2', late: true }));
    expect(run.sent).toEqual([grown]);
    const log = new DeliveryLog(store);
    expect((await log.get(grown.keys[0]))?.at).toBe(NOW.toISOString());
    expect(await log.get(grown.keys[1])).toMatchObject({ late: true, runId: 'run-2' });
  });

  it('refuses a delivery without keys (it could never be deduplicated)', async () => {
    const store = await createStore({ url: 'memory', dataDir: dir });
    const sent: Delivery[] = [];
    const run = await deliver([{ ...delivery(1), keys: [] }], depsFor(store, sent));
    expect(run.failed[0].error).toMatch(/no log keys/);
    expect(sent).toEqual([]);
  });

  it('reports "sent, not logged" when the log write fails after the send', async () => {
    const store = await createStore({ url: 'memory', dataDir: dir });
    const sent: Delivery[] = [];
    const log = new DeliveryLog(store);
    vi.spyOn(log, 'markAllDelivered').mockRejectedValue(new Error('disk full'));
    const run = await deliver([delivery(1)], { ...depsFor(store, sent), log });
    expect(run.failed).toEqual([{ delivery: delivery(1), error: 'sent, but not logged (may be sent again): disk full', sent: true }]);
    // The lease still holds off an immediate second send.
    expect(await store.claim(deliveryClaimKey(delivery(1).keys), 1000)).toBe(false);
  });

  it('claim keys ignore key order and duplicates', () => {
    expect(deliveryClaimKey(['b', 'a', 'a'])).toBe(deliveryClaimKey(['a', 'b']));
    expect(deliveryClaimKey(['a'])).not.toBe(deliveryClaimKey(['a', 'b']));
  });
});

describe('run leases', () => {
  it('one instance per slot, and node-cron coordinator keys match takeRunLease', async () => {
    const a = await sqlite();
    const b = await sqlite();
    const slot = '2025-03-03T01:00:00.000Z';
    expect(await takeRunLease(a, 'reminders', slot, 60_000)).toBe(true);
    expect(await takeRunLease(b, 'reminders', slot, 60_000)).toBe(false);
    expect(await runCoordinator(b).shouldRun(`reminders:${slot}`, 60_000)).toBe(false);
    expect(await runCoordinator(b).shouldRun('reminders:2025-03-04T01:00:00.000Z', 60_000)).toBe(true);
  });
});

describe('catchUp', () => {
  const missed = (day: string, ...ns: number[]) => ({ day, deliveries: ns.map((n) => delivery(n)) });

  it('resends within the grace window, summarises older days, ignores days not yet due', () => {
    // Now: Tuesday 2025-03-04 08:30 Shanghai, before today's run; the bot was down since Thursday.
    const now = new Date('2025-03-04T00:30:00Z');
    const plan = catchUp([missed('2025-03-04', 5), missed('2025-03-03', 3, 4), missed('2025-02-27', 1), missed('2025-02-28', 2, 1)], now);
    expect(plan.resend.map((r) => r.day)).toEqual(['2025-03-03']);
    expect(plan.summarise.map((r) => r.day)).toEqual(['2025-02-27', '2025-02-28']);
    expect(plan.summaryKeys).toEqual([delivery(1).keys[0], delivery(2).keys[0]]);
    expect(plan.notDue).toEqual(['2025-03-04']);
  });

  it('the window is measured from each day\'s send time', () => {
    const at = (iso: string) => catchUp([missed('2025-03-03', 1)], new Date(iso), { sendAt: '09:00', graceHours: 24 });
    expect(at('2025-03-03T00:59:00Z').notDue).toEqual(['2025-03-03']);
    expect(at('2025-03-04T01:00:00Z').resend).toHaveLength(1); // exactly 24 h late
    expect(at('2025-03-04T01:00:01Z').summarise).toHaveLength(1);
    expect(catchUp([missed('2025-03-03', 1)], new Date('2025-03-04T01:00:01Z'), { graceHours: 48 }).resend).toHaveLength(1);
  });

  it('labels a late delivery without touching its keys', () => {
    const late = withLateNote(delivery(1), '2025-03-03');
    expect(late.text).toBe('【补发】原定3月3日发送的提醒(机器人当时未运行):\n【督办提醒】事项1');
    expect(late.keys).toEqual(delivery(1).keys);
  });

  it('rejects a malformed day', () => {
    expect(() => catchUp([missed('3/3', 1)], NOW)).toThrow(RangeError);
  });
});
