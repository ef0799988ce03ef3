import { describe, expect, it } from 'vitest';
import { findRoom } from '../../src/chat/wechaty-adapter.ts';

/** Reminders are addressed by room id; the topic is only for display and for an unbound group. */

interface FakeRoom {
  id: string;
  topic: string;
}

function fakeBot(rooms: FakeRoom[]) {
  return {
    Room: {
      find: async (q: { id?: string }) => rooms.find((r) => r.id === q.id),
      findAll: async (q: { topic?: string }) => rooms.filter((r) => r.topic === q.topic),
    },
  } as unknown as Parameters<typeof findRoom>[0];
}

describe('findRoom', () => {
  it('finds a bound group by id even after it was renamed, and never by a look-alike name', async () => {
    const bot = fakeBot([
      { id: 'a@chatroom', topic: '市场监管局工作群(新)' },
      { id: 'b@chatroom', topic: '市场监管局群' },
    ]);
    const room = (await findRoom(bot, { id: 'a@chatroom', topic: '市场监管局群' })) as unknown as FakeRoom;
    expect(room.id).toBe('a@chatroom');
  });

  it('a bound group that is gone fails with a clear message and a log line; it does not fall back to the name', async () => {
    const log: string[] = [];
    const bot = fakeBot([{ id: 'other@chatroom', topic: '市场监管局群' }]);
    await expect(findRoom(bot, { id: 'gone@chatroom', topic: '市场监管局群' }, (l) => log.push(l))).rejects.toThrow(/找不到/);
    expect(log.join('')).toContain('重新 /绑定');
  });

  it('an unbound group by topic only when exactly one group has it', async () => {
    const log: string[] = [];
    const two = fakeBot([
      { id: 'x@chatroom', topic: '质量强市工作群' },
      { id: 'y@chatroom', topic: '质量强市工作群' },
    ]);
    await expect(findRoom(two, { topic: '质量强市工作群' }, (l) => log.push(l))).rejects.toThrow(/2个群都叫/);
    expect(log.join('')).toContain('唯一的群名');
    await expect(findRoom(fakeBot([]), { topic: '质量强市工作群' })).rejects.toThrow(/找不到群/);
    const one = (await findRoom(fakeBot([{ id: 'x@chatroom', topic: '质量强市工作群' }]), { topic: '质量强市工作群' })) as unknown as FakeRoom;
    expect(one.id).toBe('x@chatroom');
  });
});
