import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import type { PlanRecords } from '../../src/kb/records.ts';
import { DEMO_DIR } from '../helpers/seeds.ts';

/** The bundled demo plan is the embedded default and covers every structure the extractor reads. */
describe('demo plan', () => {
  let p: PlanRecords;
  beforeAll(async () => {
    const result = await ingestPlans([DEMO_DIR], { cache: null });
    expect(result.warnings).toEqual([]);
    p = result.plans[0];
  });
  const row = (ref: string) => p.tasks.find((t) => t.origin === 'table' && t.ref === ref)!;

  it('has its metadata', () => {
    expect(p.plan).toMatchObject({ city: '明州', docNo: '明政发〔2026〕8号', date: '2026-03-02', title: '明州市创建全国质量强市示范城市工作方案' });
  });

  it('reads the markdown 任务分解表 with merged cells and a repeated header', () => {
    const rows = p.tasks.filter((t) => t.origin === 'table');
    expect(rows).toHaveLength(26);
    expect(row('1.1.2')).toMatchObject({ lead: ['市委宣传部'], inherited: ['units'] });
    expect(row('2.2.3')).toMatchObject({ units: ['市市场监管局'], deadline: '2026-12', inherited: ['deadline'] });
    expect(row('2.3.2')).toMatchObject({ lead: ['市市场监管局'], deadline: '2027-12', inherited: ['units', 'deadline'] });
    expect(row('1.2.2').deadline).toBe('2026-12-31');
    expect(row('2.2.2').category).toBe(row('2.2.1').category);
  });

  it('reads every owner style in the body', () => {
    const body = p.tasks.filter((t) => t.origin === 'body');
    const labelled = body.find((t) => t.deadlineText === '2027年6月底')!;
    expect(labelled).toMatchObject({ lead: ['市教育局'], partners: ['团市委'], deadline: '2027-06' });
    const delegated = body.find((t) => t.lead.includes('各县(市、区)政府'))!;
    expect(delegated.partners).toEqual(expect.arrayContaining(['市场监管', '发改', '工信']));
    expect(body.some((t) => t.partners.length > 0 && t.source.quote.includes('配合'))).toBe(true);
  });

  it('reads duties, phases, reports, targets and campaign dates', () => {
    expect(p.duties.map((d) => d.heading)).toContain('市统计局');
    expect(p.phases.map((x) => [x.start, x.end])).toEqual([['2026-03', '2026-04'], ['2026-05', '2027-06'], ['2027-07', '2027-09'], ['2027-10', '2027-12']]);
    const halfYear = p.reports.find((r) => r.dates.length === 2)!;
    expect(halfYear).toMatchObject({ dates: ['06-30', '12-31'], to: '市质量强市工作领导小组办公室(市市场监管局)' });
    expect(p.reports.some((r) => r.perYear === 4)).toBe(true);
    expect(p.targets.find((t) => t.metric === '食品抽检合格率')).toMatchObject({ valueText: '98%以上', year: 2027 });
    expect(p.campaignDates.map((c) => c.date)).toEqual(['09', '03-15', '10-14', '05-20']);
  });
});
