import { describe, expect, it } from 'vitest';
import { engineFor } from '../helpers/ingest-texts.ts';

/**
 * Questions about what a loaded plan does not say, or about a place no plan is for: refused, never
 * answered with the neighbouring fact (fixtures written for these tests).
 */

const NOW = new Date('2026-12-01T02:00:00Z');

const PLANS = {
  'a.txt': '2026年岳阳市落实“六大行动”总体方案\n一、主要目标\n——产业发展提质增效。第一产业增加值增长4%,规模工业增加值增长7%。\n——需求潜力持续释放。着力扩大需求,全市社会消费品零售总额增长6.5%,固定资产投资增长7%。\n',
  'b.txt': '无锡市梁溪区2026年政府工作报告目标任务分解\n一、主要指标\n1.地区生产总值增长6%左右。牵头单位:区发改局\n',
  'c.txt': '邢台市启动质量奖三年培育行动\n邢台市近期启动市政府质量奖三年培育行动,由市质量奖评审委员会办公室制定三年滚动培育方案。\n',
  'd.txt': '徐州市外贸稳增长工作方案\n一、工作目标\n全市进出口总额增长8%,其中出口增长9%。\n',
};

const engine = () => engineFor(PLANS);

describe('a measure the plan never names', () => {
  it('"进出口总额增长目标" of a plan with only 零售总额: refused, naming the word the plan lacks', async () => {
    const a = (await engine()).ask('岳阳市2026年进出口总额增长目标是多少？', { now: NOW });
    expect(a.answer).toContain('没有找到“进出口”');
    expect(a.answer.split('\n')[0]).not.toContain('6.5%');
  });

  it('a measure the plan does name is still answered', async () => {
    const a = (await engine()).ask('岳阳市2026年社会消费品零售总额增长目标是多少？', { now: NOW });
    expect(a.answer).toContain('6.5%');
  });
});

describe('a district named inside its city', () => {
  it('"无锡市新吴区…" with only 无锡市梁溪区 loaded: 新吴区 is not loaded, 梁溪区 is not the answer', async () => {
    const a = (await engine()).ask('无锡市新吴区2026年政府工作报告里地区生产总值增长多少？', { now: NOW });
    expect(a.answer).toContain('还没有收录新吴区');
    expect(a.answer).not.toContain('6%左右');
  });

  it('the loaded district asked the same way is answered', async () => {
    const a = (await engine()).ask('无锡市梁溪区2026年地区生产总值增长多少？', { now: NOW });
    expect(a.answer).toContain('6%左右');
  });
});

describe('a person\'s name asked', () => {
  it('"负责人叫什么名字" is not answered with the document\'s title', async () => {
    const a = (await engine()).ask('邢台质量奖三年培育行动的负责人叫什么名字？', { now: NOW });
    expect(a.answer).toMatch(/没有找到|没有写明/);
    expect(a.answer).not.toMatch(/^[^\n]*标题/);
  });
});

describe('who does it, asked of a plan that does not say', () => {
  const plans = {
    'e.txt':
      '黔西南州人民政府办公室关于印发黔西南州统筹推进城乡教育一体化实施方案的通知\n《黔西南州统筹推进城乡教育一体化实施方案》已经州人民政府常务会议研究同意,现印发给你们,请认真组织实施。\n一、基本原则\n坚持统筹规划,分类指导。\n二、主要任务\n(一)优化学校布局。\n',
    'f.txt': '三明市优化营商环境行动计划\n一、压缩企业开办时间\n1.压缩企业开办时间,实现开办流程1个工作日内办结。\n二、提升获得电力水平\n2.简化用电报装流程。责任单位:市发改委\n',
  };

  it('"…的牵头单位是哪个部门": a sentence that only names a body is no answer', async () => {
    const a = (await engineFor(plans)).ask('黔西南教育一体化实施方案的牵头单位是哪个部门?', { now: NOW });
    expect(a.answer).toMatch(/没有找到/);
  });

  it('"压缩企业开办时间这条的责任单位是哪个": the owner is asked, not a time', async () => {
    const a = (await engineFor(plans)).ask('三明行动计划里压缩企业开办时间这条的责任单位是哪个？', { now: NOW });
    expect(a.answer).toMatch(/没有找到/);
    expect(a.answer.split('\n')[0]).not.toContain('1个工作日');
  });

  it('the item that does name its owner is answered', async () => {
    const a = (await engineFor(plans)).ask('三明简化用电报装流程的责任单位是哪个？', { now: NOW });
    expect(a.answer).toContain('市发改委');
  });
});

describe('a day asked', () => {
  it('"截止时间是哪天" is not answered by "每两年评选一次"', async () => {
    const a = (await engineFor({ 'g.txt': '鹤岗市政府质量奖管理办法\n第五条 鹤岗市政府质量奖是市政府设立的质量奖项,每两年评选一次。\n第六条 申报组织应当具备下列条件。\n' })).ask('鹤岗市政府质量奖今年申报截止时间是哪天？', { now: NOW });
    expect(a.answer).toMatch(/没有找到|没有写明/);
    expect(a.answer.split('\n')[0]).not.toContain('每两年');
  });
});

describe('which loaded plans are of a kind', () => {
  it('"哪几个是营商环境方面的": the plans whose titles say so', async () => {
    const a = (await engineFor({
      'h.txt': '三明市优化营商环境行动计划\n一、目标\n到2027年营商环境进入全省前列。\n',
      'i.txt': '莆田市质量强市建设实施方案\n一、目标\n到2027年质量水平明显提升。\n',
      'j.txt': '南平市持续优化营商环境若干措施\n一、措施\n压缩办理时间。\n',
    })).ask('已加载的这些方案里，哪几个是营商环境方面的？', { now: NOW });
    expect(a.answer).toContain('三明');
    expect(a.answer).toContain('南平');
    expect(a.answer).not.toContain('莆田');
  });
});
