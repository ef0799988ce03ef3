import { describe, expect, it } from 'vitest';
import { SendGovernor } from '../../src/chat/send-governor.ts';

describe('SendGovernor', () => {
  it('spaces sends globally and per group, in order, dropping nothing', async () => {
    let now = 0;
    const waits: number[] = [];
    const wait = async (ms: number) => {
      waits.push(ms);
      now += ms;
    };
    const g = new SendGovernor({ intervalMs: 1000, perTargetIntervalMs: 3000, now: () => now, wait });
    const log: string[] = [];
    const send = (room: string, text: string) => g.send(room, async () => void log.push(`${now} ${room} ${text}`));
    await Promise.all([send('A', '1'), send('B', '2'), send('A', '3')]);
    expect(log).toEqual(['0 A 1', '1000 B 2', '3000 A 3']);
    expect(waits).toEqual([1000, 2000]);
  });

  it('keeps going after a failed send', async () => {
    const g = new SendGovernor({ intervalMs: 0, perTargetIntervalMs: 0, now: () => 0, wait: async () => undefined });
    const failed = g.send('A', async () => {
      throw new Error('dropped connection');
    });
    await expect(failed).rejects.toThrow('dropped connection');
    let ok = false;
    await g.send('A', async () => void (ok = true));
    expect(ok).toBe(true);
  });
});
