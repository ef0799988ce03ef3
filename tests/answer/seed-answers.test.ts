import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { HAVE_SEEDS, PROJECT_ROOT, SEEDS_DIR } from '../helpers/seeds.ts';

/** Questions over the five real plans, one or more per kind. Skipped when ../shared/seeds is absent. */
describe.skipIf(!HAVE_SEEDS)('answers over the seed plans', () => {
  let engine: AnswerEngine;
  const now = new Date('2026-11-23T09:00:00+08:00');
  const ask = (q: string, opts = {}) => engine.ask(q, { now, ...opts });
  beforeAll(async () => {
    const r = await ingestPlans([SEEDS_DIR], { cache: null });
    engine = new AnswerEngine(buildKnowledgeBase(r.plans, loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml'))));
  });

  it('answers who owns a reporting system as an owner question', () => {
    const a = ask('厦门建立重大质量安全事故报告制度由哪些部门负责?');
    expect(a.answer).toContain('质监局');
    expect(a.answer).not.toMatch(/^厦门要求建立/);
  });

  it('owner by table number, 牵头 and 参加 apart', () => {
    const a = ask('1.4.3谁牵头?');
    expect(a.answer).toContain('牵头: 市质监局');
    expect(a.answer).not.toContain('厦门检验检疫局');
    expect(ask('1.4.3有哪些单位参加?').answer).toMatch(/参加\/配合: 厦门检验检疫局/);
    expect(a.citations[0]).toMatchObject({ file: '003_57c03a1ac649697a.txt', ref: '1.4.3' });
  });

  it('owner by body item number and by a merged-cell row', () => {
    expect(ask('厦门方案第15条由谁牵头').answer).toContain('牵头: 市整规办');
    const merged = ask('分解表5.1.3由哪些单位负责');
    expect(merged.answer).toContain('市质监局、厦门检验检疫局、各区政府');
  });

  it('owner by content, preferring the explicit 牵头 when asked who leads', () => {
    expect(ask('打击非法添加和滥用食品添加剂违法行为，厦门由谁牵头？').answer).toContain('牵头: 食安办');
    const a = ask('厦门建立进出境动植物疫情疫病防控体系，是哪个单位负责？');
    expect(a.answer).toContain('检验检疫局');
    expect(a.answer).not.toContain('质监局');
  });

  it('target with qualifier, unit and year', () => {
    expect(ask('厦门出口商品检验合格率要求多少').answer).toContain('99%以上');
    expect(ask('通化省著名商标到2015年要达到多少件？').answer).toContain('100件');
    expect(ask('宜興2015年萬元GDP能耗要比2010年下降多少？').answer).toContain('20%');
  });

  it('deadline relative to today', () => {
    expect(ask('2.4.6什么时候完成').answer).toContain('已于2013年12月到期');
  });

  it('duties of a Turpan department', () => {
    const a = ask('吐鲁番统计局负责什么');
    expect(a.answer).toContain('质量竞争力指数');
    expect(a.citations[0].ref).toBe('(二十)');
  });

  it('schedule: phases, a phase by name, the phase of a date, and a plan without phases', () => {
    expect(ask('吐鲁番计划阶段是哪段时间？').answer).toContain('2017年10月-2018年3月');
    expect(ask('吐鲁番2019年5月处于哪个阶段').answer).toContain('创建阶段');
    expect(ask('厦门第二阶段时间').answer).toContain('2013年4月至2014年6月');
    const none = ask('宜兴分几个阶段推进？');
    expect(none.found).toBe(false);
    expect(none.answer).toContain('没有找到');
  });

  it('reporting: to whom and when; reporting systems', () => {
    const a = ask('半年总结交给谁');
    expect(a.answer).toContain('6月底和12月底');
    expect(a.answer).toContain('(市质监局)');
    expect(ask('宜兴方案要求建立哪些质量方面的报告制度？').answer).toContain('重大质量事故报告制度');
  });

  it('cross-plan: every city that states it, and no other', () => {
    const a = ask('哪些城市提出推行首席质量官制度?');
    for (const city of ['厦门', '吐鲁番', '宜兴']) expect(a.answer).toContain(city);
    for (const city of ['通化', '邢台']) expect(a.answer).not.toContain(city);
  });

  it('refuses what the plans do not say', () => {
    const a = ask('宜兴方案对质量强市经费占财政收入的比例有要求吗？');
    expect(a.found).toBe(false);
    expect(a.answer).toContain('没有找到');
    expect(a.answer).not.toContain('1‰');
  });

  it('lists tasks due in a month and a department’s tasks', () => {
    expect(ask('厦门2014年6月到期的任务').answer).toContain('分解表1.4.3');
    expect(ask('通化的文号是什么').answer).toContain('没有写明文号');
  });

  it('refuses a city whose plan is not loaded, and a department the plan never mentions', () => {
    const city = ask('杭州质量强市方案里首席质量官由谁牵头？');
    expect(city.found).toBe(false);
    expect(city.answer).toContain('杭州');
    const dept = ask('吐鲁番市审计局负责啥？');
    expect(dept.found).toBe(false);
    expect(dept.answer).toContain('没有提到审计局');
  });

  it('matches the unit and the year asked for', () => {
    expect(ask('吐鲁番对获得市政府质量奖的企业奖励多少钱？').found).toBe(false);
    const y = ask('宜兴2020年省以上监督抽查合格率目标是多少？');
    expect(y.found).toBe(false);
    expect(y.answer).toContain('没有写明2020年');
    expect(y.answer).toContain('96%以上');
    const both = ask('宜兴农业标准化生产普及率目标是多少？');
    expect(both.answer).toContain('50%');
    expect(both.answer).toContain('58%');
  });

  it('answers where an office sits and what a non-department subject must do', () => {
    expect(ask('宜興質量強市領導小組辦公室設在哪').answer).toContain('质监局');
    expect(ask('通化对商贸企业提了什么要求？').answer).toContain('百城万店无假货');
  });

  it('does not let a generic word vouch for a missing one', () => {
    const a = ask('厦门森林覆盖率目标是多少？');
    expect(a.found).toBe(false);
    expect(a.answer).not.toContain('100%');
  });

  it('lists a chapter’s sections, states qualitative targets, and names the plans with phases', () => {
    expect(ask('通化质量兴市有哪些保障措施').answer).toContain('(二)加大政策扶持力度');
    expect(ask('厦门出口商品境外通报比率要求').answer).toContain('低于全国平均水平');
    const phases = ask('哪些城市有阶段安排').answer;
    expect(phases).toContain('吐鲁番: 分5个阶段');
    expect(phases).toContain('厦门: 分4个阶段');
    expect(phases).not.toContain('宜兴');
  });

  it('names every department a duty is shared by', () => {
    const a = ask('吐鲁番哪个部门负责组织申报国优省优工程').answer;
    expect(a).toContain('市水利局');
    expect(a).toContain('市住建局');
  });

  it('cross-plan questions turn on their key word, and quoted names are found literally', () => {
    const luban = ask('几个方案里提到争创鲁班奖的是哪些？').answer;
    expect(luban).toContain('邢台');
    expect(luban).toContain('宜兴');
    const mayor = ask('哪些方案提到了“市长质量奖”？').answer;
    expect(mayor).toContain('通化');
    expect(mayor).toContain('宜兴');
    expect(mayor).not.toContain('邢台');
  });

  it('refuses items and phases beyond what the plan has', () => {
    const item = ask('厦门方案第45条是什么内容，谁负责？');
    expect(item.found).toBe(false);
    expect(item.answer).toContain('到第44条为止');
    expect(ask('吐鲁番进度安排的第六个阶段是什么时间？').answer).toContain('没有找到第六阶段');
  });

  it('answers counts of times and quoted requirements', () => {
    expect(ask('吐鲁番创建领导小组每年组织几次督查？').answer).toContain('1-2次');
    expect(ask('通化方案里建筑施工企业要做到哪“三控制”？').answer).toContain('自检、互检、交检');
  });

  it('keeps a one-character qualifier: 省名牌产品 is not 中国名牌产品', () => {
    const a = ask('通化市省名牌產品要達到幾個？').answer;
    expect(a).toContain('40个');
    expect(a).not.toContain('中国名牌产品3个');
  });
});
