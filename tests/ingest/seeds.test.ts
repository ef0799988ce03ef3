import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import type { PlanRecords } from '../../src/kb/records.ts';
import { HAVE_SEEDS, SEED, SEEDS_DIR } from '../helpers/seeds.ts';

/** The five real plans: messy on purpose. Skipped when ../shared/seeds is not there. */
describe.skipIf(!HAVE_SEEDS)('seed plans', () => {
  const byFile = new Map<string, PlanRecords>();
  let warnings: unknown[] = [];
  beforeAll(async () => {
    const result = await ingestPlans([SEEDS_DIR], { cache: null });
    for (const p of result.plans) byFile.set(p.plan.file, p);
    warnings = result.warnings;
  });
  const plan = (f: string) => byFile.get(f)!;

  it('loads all five without a warning, with their metadata', () => {
    expect(warnings).toEqual([]);
    expect([...byFile.keys()].sort()).toEqual(Object.values(SEED).sort());
    expect(plan(SEED.xiamen).plan).toMatchObject({ city: '厦门', docNo: '厦府〔2013〕98号', date: '2013-03-30', title: '厦门市创建全国质量强市示范城市工作方案' });
    expect(plan(SEED.xingtai).plan).toMatchObject({ city: '邢台', docNo: '邢政〔2012〕10号', date: '2012-07-06' });
    expect(plan(SEED.turpan).plan).toMatchObject({ city: '吐鲁番', docNo: '吐政办〔2018〕13号', date: '2018-03-15' });
    expect(plan(SEED.yixing).plan).toMatchObject({ city: '宜兴', docNo: '宜政发[2012]92号', traditional: true });
    expect(plan(SEED.tonghua).plan).toMatchObject({ city: '通化', title: '通化市质量兴市活动实施方案', docNo: null });
  });

  describe('Xiamen 目标任务分解表 (flattened onto one line)', () => {
    const rows = () => plan(SEED.xiamen).tasks.filter((t) => t.origin === 'table');

    it('yields all 86 rows, 1.1.1 … 9.6.2, each with units and a deadline', () => {
      const refs = rows().map((t) => t.ref);
      expect(refs).toHaveLength(86);
      expect(refs[0]).toBe('1.1.1');
      expect(refs.at(-1)).toBe('9.6.2');
      expect(new Set(refs).size).toBe(86);
      for (const t of rows()) {
        expect(t.units.length, t.ref!).toBeGreaterThan(0);
        expect(t.deadline, t.ref!).toMatch(/^\d{4}-\d{2}$/);
      }
    });

    it('reads owner cells, roles and deadlines exactly', () => {
      const t = (ref: string) => rows().find((r) => r.ref === ref)!;
      expect(t('1.1.1')).toMatchObject({ units: ['质量强市办'], deadline: '2013-06' });
      expect(t('1.4.3').lead).toEqual(['市质监局']);
      expect(t('1.4.3').units).toHaveLength(11);
      expect(t('1.4.3').partners).toContain('厦门保监局');
      expect(t('1.4.3').deadline).toBe('2014-06');
      expect(t('1.5.1').lead).toEqual(['市质监局', '厦门检验检疫局']);
      expect(t('4.3.1').units).toEqual(['相关区政府', '园区管委会', '市质监局']);
      expect(t('7.3.1').units).toEqual(['鼓浪屿—万石山风景名胜区管委会', '市质监局']);
      expect(t('9.6.2')).toMatchObject({ units: ['厦门检验检疫局'], deadline: '2013-12' });
    });

    it('inherits merged cells within a group only', () => {
      const t = (ref: string) => rows().find((r) => r.ref === ref)!;
      expect(t('2.5.2')).toMatchObject({ units: ['厦门检验检疫局'], deadline: '2013-12', inherited: ['units'] });
      expect(t('2.2.3')).toMatchObject({ units: t('2.2.1').units, deadline: '2013-12', inherited: ['units', 'deadline'] });
      expect(t('5.1.3')).toMatchObject({ units: t('5.1.1').units, deadline: '2013-12', inherited: ['units', 'deadline'] });
      expect(t('5.2.2').units).toEqual(['市食安办', '食安办各成员单位']);
      expect(t('4.4.2')).toMatchObject({ units: ['市公务员局', '质监局'], deadline: '2013-12', inherited: ['units'] });
      expect(t('3.3.1').units).toEqual(['市卫生局', '质监局']);
    });

    it('keeps the body items with their owner expressions', () => {
      const body = plan(SEED.xiamen).tasks.filter((t) => t.origin === 'body');
      const item15 = body.find((t) => t.ref === '15')!;
      expect(item15.lead).toEqual(['市整规办']);
      expect(item15.partners).toContain('编办');
      expect(body.find((t) => t.ref === '12')!.units).toEqual(['厦门检验检疫局']);
    });

    it('finds the four work phases and the campaign dates', () => {
      const phases = plan(SEED.xiamen).phases.map((p) => [p.start, p.end]);
      expect(phases).toEqual([['2013-02', '2013-03'], ['2013-04', '2014-06'], ['2014-07', '2014-12'], ['2015-01', '2015-12']]);
      expect(plan(SEED.xiamen).campaignDates.map((c) => c.name)).toEqual(expect.arrayContaining(['质量月', '3·15国际消费者权益日', '世界计量日']));
    });
  });

  describe('Turpan', () => {
    it('yields its 33 department duty entries', () => {
      const duties = plan(SEED.turpan).duties;
      expect(duties).toHaveLength(33);
      expect(duties[2].heading).toBe('市质监局');
      expect(duties.find((d) => d.heading === '市民政局')!.text).toContain('民政服务标准化试点');
      expect(duties.at(-1)!.heading).toBe('其他有关部门');
    });

    it('yields its 5 phases with months', () => {
      expect(plan(SEED.turpan).phases.map((p) => [p.name, p.start, p.end])).toEqual([
        ['计划阶段', '2017-10', '2018-03'],
        ['创建阶段', '2018-04', '2019-12'],
        ['组织预验收阶段', '2020-01', '2020-03'],
        ['改进提高阶段', '2020-04', '2020-08'],
        ['迎接考核验收阶段', '2020-09', '2020-10'],
      ]);
    });

    it('yields the half-year and annual report duty to the office at 市质监局', () => {
      const r = plan(SEED.turpan).reports.find((x) => x.dates.length > 0)!;
      expect(r).toMatchObject({ when: '6月底和12月底', dates: ['06-30', '12-31'], what: '半年和全年创建工作总结' });
      expect(r.to).toContain('领导小组办公室(市质监局)');
    });

    it('drops the web page around the plan', () => {
      const text = plan(SEED.turpan).passages.map((p) => p.quote).join('\n');
      for (const noise of ['设为首页', '天气预报', '当前位置', '关闭窗口', 'ICP', 'Copyright']) expect(text).not.toContain(noise);
    });
  });

  describe('Yixing', () => {
    it('reads as simplified Chinese with no pinyin annotation left', () => {
      const p = plan(SEED.yixing);
      const all = JSON.stringify([p.passages, p.tasks, p.targets]);
      expect(all).not.toMatch(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/);
      expect(all).not.toMatch(/[發質實機關業們經濟環務產]/);
      expect(all).toContain('发展');
      expect(all).toContain('3?15'); // damaged text is kept as it is
    });

    it('finds its targets with years', () => {
      const t = plan(SEED.yixing).targets.find((x) => x.metric.includes('顾客满意度'))!;
      expect(t).toMatchObject({ valueText: '80和70以上', year: 2015 });
      expect(plan(SEED.yixing).targets.find((x) => x.metric.includes('万元GDP能耗'))).toMatchObject({ valueText: '20%', comparator: '下降' });
    });
  });

  it('reads Xingtai 此项工作由…牵头负责 owners with department stems', () => {
    const t = plan(SEED.xingtai).tasks.find((x) => x.text.includes('培育发展服务名牌'))!;
    expect(t.lead).toEqual(['各级政府']);
    expect(t.units).toEqual(['各级政府', '发改', '质监', '商务', '交通', '水务', '工信', '旅游', '电力']);
  });

  it('reads Tonghua targets with the paragraph year', () => {
    const t = plan(SEED.tonghua).targets.find((x) => x.metric === '省著名商标')!;
    expect(t).toMatchObject({ valueText: '100件', year: 2015 });
  });
});
