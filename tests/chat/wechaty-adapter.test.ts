import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startWatchdog, type WatchdogTimers } from '../../src/chat/wechaty-adapter.ts';

/** A bot that only emits events and counts restarts; start() fails while `failing` is set. */
class FakeBot extends EventEmitter {
  starts = 0;
  stops = 0;
  failing = false;
  async start() {
    this.starts += 1;
    if (this.failing) throw new Error('token invalid');
  }
  async stop() {
    this.stops += 1;
  }
}

function fakeTimers() {
  const queue: Array<{ run: () => void; ms: number }> = [];
  const timers: WatchdogTimers = {
    setTimeout: (run, ms) => {
      const t = { run, ms };
      queue.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = queue.indexOf(h as (typeof queue)[number]);
      if (i >= 0) queue.splice(i, 1);
    },
  };
  /** Fires the next timer and lets the restart it starts finish. */
  const fire = async () => {
    const t = queue.shift();
    t?.run();
    await new Promise((r) => setImmediate(r));
    return t?.ms;
  };
  return { timers, queue, fire };
}

describe('startWatchdog', () => {
  it('restarts the puppet after repeated logout/error, not after one', async () => {
    const bot = new FakeBot();
    const { timers, queue, fire } = fakeTimers();
    const lines: string[] = [];
    startWatchdog(bot, { log: (l) => lines.push(l), timers, baseDelayMs: 1000 });
    bot.emit('error', new Error('x'));
    bot.emit('logout');
    expect(queue).toHaveLength(0);
    bot.emit('error', new Error('x'));
    expect(queue.map((t) => t.ms)).toEqual([1000]);
    await fire();
    expect([bot.stops, bot.starts]).toEqual([1, 1]);
    expect(lines.at(-1)).toContain('已重启');
  });

  it('a login or message in between resets the count', () => {
    const bot = new FakeBot();
    const { timers, queue } = fakeTimers();
    startWatchdog(bot, { log: () => undefined, timers });
    bot.emit('error');
    bot.emit('error');
    bot.emit('message');
    bot.emit('error');
    bot.emit('logout');
    bot.emit('login');
    bot.emit('error');
    expect(queue).toHaveLength(0);
  });

  it('backs off when the restart itself fails, capped, until stopped', async () => {
    const bot = new FakeBot();
    bot.failing = true;
    const { timers, queue, fire } = fakeTimers();
    const dog = startWatchdog(bot, { log: () => undefined, timers, threshold: 1, baseDelayMs: 1000, maxDelayMs: 3000 });
    bot.emit('logout');
    expect(await fire()).toBe(1000);
    expect(await fire()).toBe(2000);
    expect(await fire()).toBe(3000);
    expect(queue.map((t) => t.ms)).toEqual([3000]);
    dog.stop();
    expect(queue).toHaveLength(0);
    bot.emit('logout');
    expect(queue).toHaveLength(0);
  });
});
