import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { ProgressStore } from '../../src/status/progress.ts';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { chatOn, COORDINATOR, demoEngine, direct, inGroup, type Chat } from './store-pipeline-setup.ts';

/** What a progress report may say: percents 0–100 as figures; a percent inside a sentence is text. */

const TASK = '明州市质量强市示范城市创建工作方案.md|table|3.2.1';
let engine: AnswerEngine;
let store: Store;
let chat: Chat;
beforeAll(async () => void (engine = await demoEngine()));
beforeEach(async () => {
  store = await createStore({ url: 'memory', dataDir: '/nonexistent' });
  chat = chatOn(store, engine);
  expect(await chat.say(inGroup('zj@chatroom', '/绑定 市住建局', COORDINATOR))).toEqual([expect.stringContaining('已绑定')]);
});
const lead = async (text: string) => (await chat.say(inGroup('zj@chatroom', text, { name: '张三', id: 'wxid_zhang' }))).join('\n');

describe('progress input', () => {
  it('takes full-width and decimal percents, and keeps a percent inside a sentence as text', async () => {
    expect(await lead('/进展 3.2.1 ６０％ 合格率达95%')).toContain('已记录 明州 3.2.1: 推进中 60%(合格率达95%)');
    expect(await lead('/进展 3.2.1 62.5%')).toContain('推进中 62.5%');
    expect((await new ProgressStore(store).latest(TASK))?.percent).toBe(62.5);
  });

  it('refuses percents that are no figures or out of range, in every spelling', async () => {
    for (const bad of ['150%', '-20%', '−20%', '101%', '%', 'abc%', '五成%', '1e2%']) {
      expect(await lead(`/进展 3.2.1 ${bad}`), bad).toMatch(/超出范围|不是数字/);
    }
    expect(await chat.say(direct('/进展 3.2.1 -5%'))).toEqual([expect.stringContaining('超出范围')]);
    expect(await new ProgressStore(store).history(TASK)).toEqual([]);
  });

  it('100% by the lead closes the task; 已完成 with a lower percent is a contradiction', async () => {
    expect(await lead('/进展 3.2.1 已完成 40%')).toContain('矛盾');
    expect(await lead('/进展 3.2.1 100%')).toContain('已记录 明州 3.2.1: 已完成');
    expect(await lead('/进展 3.2.1 推进中')).toContain('/重开 3.2.1');
    // A repeated /完成 on a done task corrects its note; it does not reopen it.
    expect(await lead('/完成 3.2.1 补记验收单号')).toContain('已完成(补记验收单号)');
  });
});
