import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliver, takeRunLease, type DeliverDeps } from '../../src/schedule/deliver.ts';
import { DeliveryLog } from '../../src/schedule/delivery-log.ts';
import type { Delivery } from '../../src/schedule/types.ts';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { REDIS_SERVER, startRedisServer, type RedisServer } from '../helpers/redis-server.ts';

const deliveries: Delivery[] = Array.from({ length: 30 }, (_, i) => ({
  kind: 'reminder',
  to: { room: `群${i}` },
  text: `提醒${i}`,
  refs: [],
  due: '2025-03-10',
  keys: [`task:plan.txt:${i}:2025-03-10|before-7|room:r${i}`, `task:plan.txt:${i}b:2025-03-10|before-7|room:r${i}`],
}));

describe.skipIf(!REDIS_SERVER)('two bot instances sharing one Redis (local redis-server)', () => {
  let server: RedisServer;
  let namespace = 0;
  const opened: Store[] = [];
  /** One "instance": its own Redis connection, store and delivery log. */
  const instance = async (ns: string) => {
    const store = await createStore({ url: server.url, dataDir: '/nonexistent', namespace: ns });
    opened.push(store);
    return store;
  };
  const deps = (store: Store, runId: string, sent: string[]): DeliverDeps => ({
    log: new DeliveryLog(store),
    store,
    runId,
    now: () => new Date('2025-03-03T01:00:00Z'),
    // Yield to the event loop so both instances are mid-run at the same time.
    send: async (d) => {
      await new Promise((r) => setImmediate(r));
      sent.push(d.text);
    },
  });

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('run the same deliveries at the same moment: each is sent exactly once in total', async () => {
    const ns = `duban-test-${++namespace}`;
    const [a, b] = [await instance(ns), await instance(ns)];
    const sent: string[] = [];
    const [ra, rb] = await Promise.all([deliver(deliveries, deps(a, 'instance-a', sent)), deliver(deliveries, deps(b, 'instance-b', sent))]);
    expect(sent).toHaveLength(30);
    expect(new Set(sent).size).toBe(30);
    expect(ra.sent.length + rb.sent.length).toBe(30);
    expect(ra.failed).toEqual([]);
    expect(rb.failed).toEqual([]);
    // Both did part of the work, and leases (not luck) kept them apart.
    expect(ra.skipped.length + rb.skipped.length).toBe(30);
    expect(ra.sent.length * rb.sent.length).toBeGreaterThan(0);
    expect(ra.busy.length + rb.busy.length).toBeGreaterThan(0);

    const later = await instance(ns);
    const again = await deliver(deliveries, deps(later, 'instance-c', sent));
    expect(again.sent).toEqual([]);
    expect(sent).toHaveLength(30);
  });

  it('five instances racing, repeated: still exactly once', async () => {
    const ns = `duban-test-${++namespace}`;
    const stores = await Promise.all(Array.from({ length: 5 }, () => instance(ns)));
    const sent: string[] = [];
    for (let round = 0; round < 3; round++) {
      await Promise.all(stores.map((s, i) => deliver(deliveries, deps(s, `i${i}-r${round}`, sent))));
    }
    expect(sent.sort()).toEqual(deliveries.map((d) => d.text).sort());
  });

  it('one run lease per slot across instances', async () => {
    const ns = `duban-test-${++namespace}`;
    const stores = await Promise.all(Array.from({ length: 4 }, () => instance(ns)));
    const won = await Promise.all(stores.map((s) => takeRunLease(s, 'reminders', '2025-03-03T01:00:00.000Z', 60_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });
});
