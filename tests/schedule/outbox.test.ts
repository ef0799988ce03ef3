import { describe, expect, it } from 'vitest';
import { deliveryKey, Outbox, uniqueKeys } from '../../src/schedule/outbox.ts';
import type { Delivery } from '../../src/schedule/types.ts';
import { createStore } from '../../src/store/create-store.ts';

const msg = (roomId: string, topic: string, items: string[]): Delivery => ({
  kind: 'reminder',
  to: { room: topic },
  roomId,
  text: 'x',
  refs: [],
  due: '2026-12-31',
  keys: items.map((i) => `${i}|room:${roomId}`),
});

describe('outbox keys', () => {
  it('are the same on another machine whose groups have other room ids', () => {
    expect(deliveryKey('2026-12-24', msg('a@chatroom', '质监局群', ['o1|before-7', 'o2|before-7']))).toBe(
      deliveryKey('2026-12-24', msg('zz@chatroom', '质监局群', ['o2|before-7', 'o1|before-7'])),
    );
    expect(deliveryKey('2026-12-24', msg('a@chatroom', '质监局群', ['o1|before-7']))).not.toBe(deliveryKey('2026-12-25', msg('a@chatroom', '质监局群', ['o1|before-7'])));
    expect(deliveryKey('2026-12-24', msg('a@chatroom', '质监局群', ['o1|before-7']))).not.toBe(deliveryKey('2026-12-24', msg('a@chatroom', '质监局群', ['o1|before-1'])));
  });

  it('two groups with one name and the same items get two keys, in plan order', () => {
    const keys = uniqueKeys('2026-12-24', [msg('a@chatroom', '群', ['o1|before-7']), msg('b@chatroom', '群', ['o1|before-7'])]);
    expect(keys[1]).toBe(`${keys[0]}#2`);
  });
});

describe('Outbox', () => {
  it('enqueue is idempotent and never turns a sent message back into a pending one', async () => {
    const store = await createStore({ url: 'memory', dataDir: '/nonexistent' });
    const outbox = new Outbox(store);
    const d = msg('a@chatroom', '质监局群', ['o1|before-7']);
    const [key] = await outbox.enqueue('2026-12-24', [d]);
    await outbox.enqueue('2026-12-24', [d]);
    const pending = await outbox.pending();
    expect(pending.map((e) => e.key)).toEqual([key]);
    await outbox.markFailed(pending[0], 'refused');
    expect((await outbox.get(key))).toMatchObject({ state: 'failed', attempts: 1, lastError: 'refused' });
    await outbox.markSent(pending[0], { at: '2026-12-24T01:00:00Z', runId: 'r' });
    await outbox.enqueue('2026-12-24', [d]);
    expect(await outbox.pending()).toEqual([]);
    expect((await outbox.get(key))?.state).toBe('sent');
  });
});
