import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Binding } from '../../src/chat/bindings.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase, type KnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { DEFAULT_POLICY } from '../../src/schedule/due-reminders.ts';
import { planDay } from '../../src/schedule/plan-day.ts';
import { chineseWorkdays } from '../../src/schedule/workday-calendar.ts';
import { DEMO_DIR, HAVE_SEEDS, PROJECT_ROOT, SEED, SEEDS_DIR } from '../helpers/seeds.ts';

const config = () => loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml'));
const day = (kb: KnowledgeBase, date: string, bindings: Binding[] = []) =>
  planDay({ kb, bindings, policy: DEFAULT_POLICY, calendar: chineseWorkdays(), now: new Date(`${date}T09:00:00+08:00`), coordinatorRoom: '协调员群', digestWeekday: 1 });

describe.skipIf(!HAVE_SEEDS)('reminders over the seed plans', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = buildKnowledgeBase((await ingestPlans([SEEDS_DIR], { cache: null })).plans, config());
  });

  it('every Xiamen row due 2013-12 gets its 7-day reminder on 24 December for each responsible department', () => {
    const deliveries = day(kb, '2013-12-24');
    const keys = new Set(deliveries.flatMap((d) => d.keys));
    const rows = kb.tasks.filter((t) => t.file === SEED.xiamen && t.origin === 'table' && t.deadline === '2013-12');
    expect(rows.length).toBeGreaterThan(60);
    const covered = (ref: string, dept: string) =>
      deliveries.some((d) => d.refs.some((r) => r.ref === ref) && d.text.includes(ref) && d.keys.some((k) => k.includes('|before-7|')) && ('department' in d.to ? sameBody(kb, d.to.department, dept) : true));
    for (const t of rows) for (const u of t.units) expect(covered(t.ref!, u), `${t.ref} ${u}`).toBe(true);
    expect([...keys].every((k) => k.includes('|before-7|'))).toBe(true);
  });

  it("reminds Turpan's half-year report before 30 June", () => {
    const text = day(kb, '2019-06-21').map((d) => d.text).join('\n'); // 23 June 2019 is a Sunday
    expect(text).toContain('半年和全年创建工作总结');
    expect(text).toContain('2019年6月30日到期, 还有9天');
  });

  it('batches one message per bound group', () => {
    const bound: Binding = { roomId: 'r@chatroom', roomTopic: '质监局群', department: '市质监局', departmentKey: kb.departments.keyOf('市质监局', '厦门'), file: SEED.xiamen, city: '厦门', boundBy: '王协调', at: '' };
    const deliveries = day(kb, '2013-12-24', [bound]);
    const group = deliveries.filter((d) => 'room' in d.to && d.to.room === '质监局群');
    expect(group).toHaveLength(1);
    expect(group[0].text).toContain('分解表2.4.2');
    expect(deliveries.some((d) => 'department' in d.to && sameBody(kb, d.to.department, '市质监局'))).toBe(false);
  });

  it('does not remind recurring duties of a plan long over', () => {
    expect(day(kb, '2024-06-21').filter((d) => d.text.includes('质量分析报告'))).toEqual([]);
  });
});

describe('digest and demo plan', () => {
  it("sends the coordinators' digest on Mondays, by department with counts", async () => {
    const kb = buildKnowledgeBase((await ingestPlans([DEMO_DIR], { cache: null })).plans, config());
    const monday = day(kb, '2026-12-28');
    const digest = monday.find((d) => d.kind === 'digest')!;
    expect(digest.to).toEqual({ room: '协调员群' });
    expect(digest.text).toContain('【督办周报】');
    expect(digest.text).toMatch(/本周到期 \d+项/);
    expect(day(kb, '2026-12-29').some((d) => d.kind === 'digest')).toBe(false);
  });
});

function sameBody(kb: KnowledgeBase, a: string, b: string): boolean {
  return kb.departments.keyOf(a, '厦门') === kb.departments.keyOf(b, '厦门');
}
