import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockChat } from '../src/chat/mock-chat.ts';
import { loadConfig } from '../src/config.ts';
import { buildBot } from '../src/main.ts';
import type { BenchOptions, BenchSectionResult } from './bench.ts';

/**
 * Messages per second through the whole pipeline — Wechaty, puppet-mock, guards, answer, reply — with
 * the demo plan, no send governor (it deliberately slows real accounts), and a check that every
 * addressed message got its reply and no unaddressed one did.
 */

const TARGET_MSGS_PER_S = 200;
const QUESTIONS = ['1.1.1谁牵头?', '明州食品抽检合格率目标是多少', '2.3.2什么时候完成', '明州市统计局负责什么', '半年总结交给谁', '/帮助'];

export async function benchChat(opts: BenchOptions): Promise<BenchSectionResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-chat-'));
  const base = loadConfig({ DUBAN_DATA_DIR: dataDir });
  // Throughput of the pipeline itself: rate limits are lifted (they are tested on their own).
  const config = { ...base, limits: { ...base.limits, perUserPerMinute: 1e6, perRoomPerMinute: 1e6 } };
  const quiet = { out: () => undefined, err: () => undefined };
  const bot = await buildBot(config, quiet, { plans: [path.join(opts.root, 'config', 'demo-plan')], cache: false, date: '2026-11-23', storeUrl: 'memory', governed: false });
  const chat = await MockChat.start({ botName: config.bot.name, onMessage: bot.handler });
  const n = opts.quick ? 200 : 1000;
  try {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const q = QUESTIONS[i % QUESTIONS.length];
      const addressed = i % 10 !== 9;
      await chat.say(`部门群${i % 20}`, `同事${i % 97}`, addressed ? q : '收到', addressed && !q.startsWith('/'));
    }
    const s = (performance.now() - t0) / 1000;
    const replies = chat.drain().filter((m) => !m.text.includes('太频繁')).length;
    const expected = Array.from({ length: n }, (_, i) => i % 10 !== 9).filter(Boolean).length;
    opts.log(`chat: ${n} messages in ${s.toFixed(2)} s`);
    return {
      metrics: [
        { key: 'messages', label: 'messages sent (10% not addressed)', value: n },
        { key: 'seconds', label: 'wall time', value: +s.toFixed(2), unit: 's' },
        { key: 'msgsPerSecond', label: 'throughput', value: +(n / s).toFixed(0), unit: 'msg/s' },
        { key: 'replies', label: 'replies / expected', value: `${replies} / ${expected}` },
      ],
      targets: [
        { label: 'pipeline throughput', value: n / s, unit: 'msg/s', op: '>=', goal: TARGET_MSGS_PER_S },
        { label: 'lost replies', value: expected - replies, unit: '', op: '<', goal: 1 },
      ],
      notes: ['one message at a time (each waits for its reply), as a script or a single chat would send them'],
    };
  } finally {
    await chat.stop();
    await bot.store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
