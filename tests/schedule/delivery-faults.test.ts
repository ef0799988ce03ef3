import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Bindings } from '../../src/chat/bindings.ts';
import { loadConfig } from '../../src/config.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase, type KnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { Outbox } from '../../src/schedule/outbox.ts';
import { ReminderService } from '../../src/schedule/reminder-service.ts';
import { SendJournal } from '../../src/schedule/send-journal.ts';
import { chineseWorkdays } from '../../src/schedule/workday-calendar.ts';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { REDIS_SERVER, startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import { DEMO_DIR, PROJECT_ROOT } from '../helpers/seeds.ts';

/**
 * Fault drills for reminder delivery, the way trusted queues are tested: a process dies at every step
 * of the delivery state machine (before and after each store write, and right after a send), another
 * process restarts on the same store (a SQLite file, or a real Redis on loopback) and data directory,
 * and we count what arrived. The fake clock moves only `Date` (SQLite lease expiry); store I/O runs for
 * real. Redis expires leases on its own clock, so there a dead holder's lease "runs out" by deleting it.
 */

const config = loadConfig({});
const LEASE_S = 30;
const at = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);
let kb: KnowledgeBase;

beforeAll(async () => {
  kb = buildKnowledgeBase((await ingestPlans([DEMO_DIR], { cache: null })).plans, loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml')));
});
afterEach(() => vi.useRealTimers());

class Crash extends Error {}

/**
 * A store that dies: the `n`th write (set, setIfAbsent, set ops, claim, release, renew) does not happen
 * (`when: 'before'`) or happens (`'after'`), and from then on every call fails — the process is gone.
 */
function mortal(store: Store, n: number, when: 'before' | 'after', state: { dead: boolean; writes: number }): Store {
  const writes = new Set(['set', 'setIfAbsent', 'addToSet', 'removeFromSet', 'claim', 'release', 'renew', 'delete']);
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close') return value;
      return async (...args: unknown[]) => {
        if (state.dead) throw new Crash('dead');
        if (!writes.has(String(prop))) return value.apply(target, args);
        state.writes++;
        if (state.writes === n && when === 'before') {
          state.dead = true;
          throw new Crash('dead');
        }
        const result = await value.apply(target, args);
        if (state.writes === n && when === 'after') {
          state.dead = true;
          throw new Crash('dead');
        }
        return result;
      };
    },
  });
}

interface World {
  dir: string;
  open: () => Promise<Store>;
  /** The dead holder's lease runs out (Redis: its claim keys are deleted; SQLite: the fake clock). */
  expireLeases: () => Promise<void>;
  arrived: Map<string, number>;
}

interface Backend {
  name: string;
  world: () => Promise<World>;
}

let worlds = 0;
// On tmpfs when there is one: the drill makes ~200 SQLite files, and fsync is not what it tests.
const scratch = () => mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'duban-faults-'));

const sqlite: Backend = {
  name: 'SQLite',
  world: async () => {
    const dir = scratch();
    const url = `sqlite://${join(dir, 'state.sqlite')}`;
    return seeded({ dir, open: () => createStore({ url, dataDir: dir }), expireLeases: async () => void vi.setSystemTime(Date.now() + LEASE_S * 1000 + 1000), arrived: new Map() });
  },
};

let redis: RedisServer | null = null;
let raw: ReturnType<typeof createClient> | null = null;
const redisBackend: Backend = {
  name: 'Redis',
  world: async () => {
    const dir = scratch();
    const namespace = `faults${++worlds}`;
    return seeded({
      dir,
      open: () => createStore({ url: redis!.url, dataDir: dir, namespace }),
      expireLeases: async () => {
        const keys = await raw!.keys(`${namespace}::claim:*`);
        if (keys.length) await raw!.del(keys);
      },
      arrived: new Map(),
    });
  },
};

async function seeded(w: World): Promise<World> {
  const store = await w.open();
  const file0 = kb.plans[0].file;
  const bindings = new Bindings(store);
  await bindings.set({ roomId: 'r1@chatroom', roomTopic: '市场监管局群', department: '市市场监管局', departmentKey: kb.departments.keyOf('市市场监管局', '明州'), file: file0, city: '明州', boundBy: 'wxid_c', at: '' });
  await bindings.set({ roomId: 'r2@chatroom', roomTopic: '文旅局群', department: '市文化广电旅游局', departmentKey: kb.departments.keyOf('市文化广电旅游局', '明州'), file: file0, city: '明州', boundBy: 'wxid_c', at: '' });
  await store.close();
  return w;
}

/** One bot process on the world's store; `sendCrash` kills it right after the k-th send arrived. */
async function run(w: World, now: Date, opts: { store?: (s: Store) => Store; sendCrash?: number; failTopic?: string; state?: { dead: boolean } } = {}) {
  const base = await w.open();
  const store = opts.store ? opts.store(base) : base;
  let sends = 0;
  const service = new ReminderService({
    kb,
    store,
    bindings: new Bindings(store),
    config: { reminders: { ...config.reminders, leaseSeconds: LEASE_S } },
    calendar: chineseWorkdays(),
    journal: new SendJournal(w.dir),
    sendToRoom: async (room, _text, meta) => {
      if (opts.state?.dead) throw new Crash('dead');
      if (room.topic === opts.failTopic) throw new Error('WeChat refused');
      w.arrived.set(meta.key, (w.arrived.get(meta.key) ?? 0) + 1);
      if (++sends === opts.sendCrash && opts.state) {
        opts.state.dead = true;
        throw new Crash('dead');
      }
    },
    log: () => undefined,
    sleep: async (ms) => void vi.setSystemTime(Date.now() + ms),
  });
  try {
    return await service.runDay(now);
  } catch (error) {
    if (error instanceof Crash) return null;
    throw error;
  } finally {
    await base.close();
  }
}

async function expected(world: () => Promise<World>): Promise<string[]> {
  const w = await world();
  vi.useFakeTimers({ toFake: ['Date'], now: at('2026-12-24') });
  await run(w, at('2026-12-24'));
  return [...w.arrived.keys()].sort();
}

function faultSuite({ name, world }: Backend) {
  describe(`delivery under faults (${name}, send journal, lease ${LEASE_S} s)`, () => {
    it('a clean run sends every message once; a re-run sends nothing', async () => {
      const w = await world();
      vi.useFakeTimers({ toFake: ['Date'], now: at('2026-12-24') });
      const first = await run(w, at('2026-12-24'));
      expect(first!.sent).toBeGreaterThanOrEqual(3);
      expect(first!.failed).toBe(0);
      const again = await run(w, at('2026-12-24'));
      expect(again!.sent).toBe(0);
      expect([...w.arrived.values()].every((n) => n === 1)).toBe(true);
    });

    it('killed before or after every store write of a run, then restarted: no miss, no duplicate', { timeout: 300_000 }, async () => {
      const gold = await expected(world);
      // How many writes a clean run makes.
      const probe = await world();
      const counter = { dead: false, writes: 0 };
      await run(probe, at('2026-12-24'), { store: (s) => mortal(s, Number.MAX_SAFE_INTEGER, 'before', counter) });
      expect(counter.writes).toBeGreaterThan(10);
      const report: string[] = [];
      for (let n = 1; n <= counter.writes; n++) {
        for (const when of ['before', 'after'] as const) {
          const w = await world();
          vi.setSystemTime(at('2026-12-24'));
          const state = { dead: false, writes: 0 };
          await run(w, at('2026-12-24'), { store: (s) => mortal(s, n, when, state), state });
          await w.expireLeases();
          const restart = await run(w, at('2026-12-24'));
          const got = [...w.arrived.keys()].sort();
          const missing = gold.filter((k) => !got.includes(k));
          const dups = [...w.arrived.values()].filter((c) => c > 1).length;
          if (missing.length || dups || restart?.failed) report.push(`write ${n} (${when}): missing ${missing.length}, duplicates ${dups}, failed ${restart?.failed}`);
        }
      }
      expect(report).toEqual([]);
    });

    it('killed right after each send (the documented window): the send journal still prevents the repeat', async () => {
      const gold = await expected(world);
      for (let k = 1; k <= gold.length; k++) {
        const w = await world();
        vi.setSystemTime(at('2026-12-24'));
        const state = { dead: false };
        await run(w, at('2026-12-24'), { sendCrash: k, state });
        await w.expireLeases();
        await run(w, at('2026-12-24'));
        expect([...w.arrived.keys()].sort()).toEqual(gold);
        // The send went out, the process died before its journal line: this one message may come twice.
        expect([...w.arrived.values()].filter((c) => c > 1).length).toBeLessThanOrEqual(1);
      }
    });

    it('the journal closes the window for a death after the journal line and before the store record', async () => {
      const gold = await expected(world);
      const w = await world();
      vi.setSystemTime(at('2026-12-24'));
      // Die on the first write after the first send: the outbox record of that message.
      let sent = 0;
      const state = { dead: false, writes: 0 };
      await run(w, at('2026-12-24'), {
        store: (s) =>
          new Proxy(s, {
            get(target, prop, receiver) {
              const value = Reflect.get(target, prop, receiver);
              if (typeof value !== 'function' || prop === 'close') return value;
              return async (...args: unknown[]) => {
                if (state.dead) throw new Crash('dead');
                if (prop === 'set' && sent === 0 && w.arrived.size === 1) {
                  sent++;
                  state.dead = true;
                  throw new Crash('dead');
                }
                return value.apply(target, args);
              };
            },
          }),
        state,
      });
      expect(w.arrived.size).toBe(1);
      await w.expireLeases();
      await run(w, at('2026-12-24'));
      expect([...w.arrived.keys()].sort()).toEqual(gold);
      expect([...w.arrived.values()].every((n) => n === 1)).toBe(true);
    });

    it('a group WeChat refuses today gets its message on the next run, once, marked 补发; the others are not repeated', async () => {
      const w = await world();
      vi.useFakeTimers({ toFake: ['Date'], now: at('2026-12-24') });
      const day1 = await run(w, at('2026-12-24'), { failTopic: '文旅局群' });
      expect(day1!.failed).toBe(1);
      const before = new Map(w.arrived);
      const store = await w.open();
      const pending = await new Outbox(store).pending();
      await store.close();
      expect(pending.map((e) => [e.delivery.to, e.state])).toEqual([[{ room: '文旅局群' }, 'failed']]);
      vi.setSystemTime(at('2026-12-25'));
      const day2 = await run(w, at('2026-12-25'));
      expect(day2!.failed).toBe(0);
      expect(w.arrived.get(pending[0].key)).toBe(1);
      for (const [key, n] of before) expect(w.arrived.get(key)).toBe(n);
      const third = await run(w, at('2026-12-25'));
      expect(third!.sent).toBe(0);
    });

    it('three instances at once on one SQLite file: every message exactly once', async () => {
      const gold = await expected(world);
      const w = await world();
      vi.setSystemTime(at('2026-12-24'));
      const results = await Promise.all([run(w, at('2026-12-24')), run(w, at('2026-12-24')), run(w, at('2026-12-24'))]);
      expect([...w.arrived.keys()].sort()).toEqual(gold);
      expect([...w.arrived.values()].every((n) => n === 1)).toBe(true);
      expect(results.reduce((n, r) => n + r!.sent, 0)).toBe(gold.length);
      expect(results.every((r) => r!.failed === 0 && r!.busy === 0)).toBe(true);
    });

    it('catch-up at start-up: a run before the send time sends nothing new but retries what is pending', async () => {
      const w = await world();
      vi.useFakeTimers({ toFake: ['Date'], now: at('2026-12-24') });
      await run(w, at('2026-12-24'), { failTopic: '文旅局群' });
      vi.setSystemTime(at('2026-12-25', '07:30'));
      const early = await run(w, at('2026-12-25', '07:30')); // the bot restarts at 07:30
      expect(early!.sent).toBe(1); // yesterday's failed message, now — not at the next 09:00
      expect(early!.late).toBe(1);
    });
  });
}

faultSuite(sqlite);

describe.skipIf(!REDIS_SERVER)('on a real Redis (loopback)', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    raw = createClient({ url: redis.url });
    await raw.connect();
  });
  afterAll(async () => {
    await raw?.quit();
    await redis?.stop();
  });
  faultSuite(redisBackend);
});
