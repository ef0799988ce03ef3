import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Bindings } from '../../src/chat/bindings.ts';
import { loadConfig } from '../../src/config.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase, type KnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { ReminderService, type WebhookConfig } from '../../src/schedule/reminder-service.ts';
import { chineseWorkdays } from '../../src/schedule/workday-calendar.ts';
import { createStore } from '../../src/store/create-store.ts';
import type { Store } from '../../src/store/store.ts';
import { ProgressStore } from '../../src/status/progress.ts';
import { DEMO_DIR, PROJECT_ROOT } from '../helpers/seeds.ts';

const config = loadConfig({});
const at = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);
let kb: KnowledgeBase;
let store: Store;
let sent: Array<{ room: string; text: string }>;

function service(opts: { failOn?: number; webhooks?: WebhookConfig; hooks?: string[] } = {}) {
  let calls = 0;
  return new ReminderService({
    kb,
    store,
    bindings: new Bindings(store),
    config: { reminders: config.reminders, webhooks: opts.webhooks },
    calendar: chineseWorkdays(),
    sendToRoom: async ({ topic: room }, text) => {
      if (++calls === opts.failOn) throw new Error('connection dropped');
      sent.push({ room, text });
    },
    postWebhook: async (_t, text) => void opts.hooks?.push(text),
    log: () => undefined,
  });
}

beforeAll(async () => {
  kb = buildKnowledgeBase((await ingestPlans([DEMO_DIR], { cache: null })).plans, loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml')));
});
beforeEach(async () => {
  store = await createStore({ url: 'memory', dataDir: '/tmp' });
  sent = [];
});

describe('ReminderService', () => {
  it('sends a day’s reminders once, however often the run repeats', async () => {
    const s = service();
    const planned = (await s.plan(at('2026-12-24'))).length;
    expect(planned).toBeGreaterThan(0);
    expect((await s.runDay(at('2026-12-24'))).sent).toBe(planned);
    expect((await s.runDay(at('2026-12-24'))).sent).toBe(0);
    expect(sent).toHaveLength(planned);
    expect(sent.every((m) => m.room === config.reminders.coordinatorRoom)).toBe(true);
    expect(sent.map((m) => m.text).join('\n')).toContain('2026年12月31日到期, 还有7天');
    // Departments without a group: combined messages to the coordinators (a section per department,
    // split only at the length limit), not one message per department.
    const combined = sent.filter((m) => m.text.includes('尚未绑定工作群'));
    const departments = new Set(combined.flatMap((m) => [...m.text.matchAll(/〔([^〕]+)〕/gu)].flatMap((x) => x[1].split('、'))));
    expect(departments.size).toBeGreaterThan(10);
    expect(combined.length).toBeLessThanOrEqual(2);
    expect(combined.every((m) => m.text.length <= 1900)).toBe(true);
  });

  it('sends through the send governor, to the bound group by its room id', async () => {
    await new Bindings(store).set({ roomId: 'r@chatroom', roomTopic: '市场监管局群', department: '市市场监管局', departmentKey: kb.departments.keyOf('市市场监管局', '明州'), file: kb.plans[0].file, city: '明州', boundBy: '王协调', at: '' });
    const spaced: string[] = [];
    const ids: Array<string | undefined> = [];
    const s = new ReminderService({
      kb,
      store,
      bindings: new Bindings(store),
      config: { reminders: config.reminders },
      calendar: chineseWorkdays(),
      governor: { send: async (target, send) => { spaced.push(target); await send(); } },
      sendToRoom: async (room) => void ids.push(room.id),
      log: () => undefined,
    });
    const r = await s.runDay(at('2026-12-24'));
    expect(spaced).toHaveLength(r.sent);
    expect(spaced).toContain('r@chatroom');
    expect(ids).toContain('r@chatroom');
    expect(ids.filter((id) => id === undefined).length).toBe(r.sent - 1); // the coordinators' group, by topic
  });

  it('sends to the bound group', async () => {
    await new Bindings(store).set({ roomId: 'r@chatroom', roomTopic: '市场监管局群', department: '市市场监管局', departmentKey: kb.departments.keyOf('市市场监管局', '明州'), file: kb.plans[0].file, city: '明州', boundBy: '王协调', at: '' });
    await service().runDay(at('2026-12-24'));
    const group = sent.filter((m) => m.room === '市场监管局群');
    expect(group).toHaveLength(1);
    expect(group[0].text).toContain('分解表2.2.1');
  });

  it('after a crash in the middle of a run, the restarted run sends the rest: no duplicate, no miss', async () => {
    const planned = (await service().plan(at('2026-12-24'))).length;
    await expect(service({ failOn: 2 }).runDay(at('2026-12-24'))).resolves.toBeDefined();
    await service().runDay(at('2026-12-24')); // the restarted bot
    expect(sent).toHaveLength(planned);
    expect(new Set(sent.map((m) => `${m.room}|${m.text}`)).size).toBe(planned);
  });

  it('two instances on one store send each reminder once', async () => {
    const planned = (await service().plan(at('2026-12-24'))).length;
    await Promise.all([service().runDay(at('2026-12-24')), service().runDay(at('2026-12-24'))]);
    expect(sent).toHaveLength(planned);
  });

  it('after downtime sends missed reminders within the grace window once, marked late, and summarises older ones', async () => {
    await store.set('reminders:lastRunDay', '2026-12-23');
    const r = await service().runDay(at('2026-12-25'));
    expect(r.late).toBeGreaterThan(0); // 24 December's reminders, within 24 hours
    expect(sent.some((m) => m.text.startsWith('【补发】'))).toBe(true);
    sent = [];
    await store.set('reminders:lastRunDay', '2026-12-14');
    const later = await service().runDay(at('2026-12-28'));
    expect(later.summarised).toBeGreaterThan(0);
    expect(sent.filter((m) => m.text.includes('停机期间'))).toHaveLength(1);
  });

  it('stays silent on days off and in quiet hours, and copies to group robots', async () => {
    expect((await service().runDay(at('2026-12-26'))).sent).toBe(0); // Saturday
    expect((await service().runDay(at('2026-12-24', '23:30'))).sent).toBe(0);
    const hooks: string[] = [];
    await service({ webhooks: { coordinators: { kind: 'wecom', url: 'http://127.0.0.1:9/x' } }, hooks }).runDay(at('2026-12-24'));
    expect(hooks.length).toBe(sent.length);
  });

  it('stops reminding a task reported done, and the Monday digest lists red items and silent departments', async () => {
    const progress = new ProgressStore(store);
    const withProgress = () =>
      new ReminderService({ kb, store, progress, bindings: new Bindings(store), config: { reminders: config.reminders }, calendar: chineseWorkdays(), sendToRoom: async ({ topic: room }, text) => void sent.push({ room, text }), log: () => undefined });
    const file = kb.plans[0].file;
    const before = (await withProgress().plan(at('2026-12-24'))).map((d) => d.text).join('\n');
    expect(before).toContain('分解表2.2.1');
    await progress.add({ task: `${file}|table|2.2.1`, file, ref: '2.2.1', state: '已完成', percent: 100, text: '', reporter: { id: 'x', name: '甲' }, department: '市市场监管局', at: '2026-12-20T01:00:00Z' });
    const after = (await withProgress().plan(at('2026-12-24'))).map((d) => d.text).join('\n');
    expect(after).not.toContain('分解表2.2.1 ');
    const digest = (await withProgress().plan(at('2027-01-04'))).find((d) => d.kind === 'digest')!;
    expect(digest.text).toContain('红灯(逾期未完成)');
    expect(digest.text).toContain('未报告进展的部门');
  });
});
