import { describe, expect, it } from 'vitest';
import { engineFor } from '../helpers/ingest-texts.ts';
import { measureSubject, statesAskedFigure, STATES_DAY } from '../../src/answer/answerability.ts';

/**
 * Scope by a document's own words, a place's placeless fragment, and figures bound to what they measure
 * (fixtures written for these tests, imitating structures seen on fresh pages).
 */

const NOW = new Date('2026-12-01T02:00:00Z');

const LETTER = [
  '关于征集2025年“标准月”活动建议的函',
  '2025-03-10',
  '中国某某行业协会标准化分会',
  '某协标函〔2025〕5号',
  '',
  '各有关单位:',
  '请围绕标准化工作提出活动主题建议。',
  '请于3月31日前将相关材料反馈至我会。',
  '联系人:张某、李某',
  '电话:010-12345678',
].join('\n');

const PLANS = {
  'a.txt': LETTER,
  'b.txt': '平原市2025年市场监管工作要点\n一、重点工作\n1.开展“标准月”宣传活动。(责任单位:市市场监管局)\n2.全市批发零售业增加值年均增长6%以上。\n3.力争2025年,居民服务业增加值年均增长8%以上,2025年增加值突破60亿元。\n4.驻平高校专利产业化率明显提升,全市技术合同成交额累计增长30%以上。\n5.召开2025年全市标准化工作会议。\n',
  'c.txt': '一、聚焦重点整治\n培育20家跨区域连锁示范企业。连锁餐饮企业的配送率达到80%以上。(市商务局牵头,市农业局协办)\n二、市场改造\n200家农村集贸市场完成标准化改造。(市商务局牵头)\n',
};

const engine = () => engineFor(PLANS);

describe('a document named by a word only its head has', () => {
  it('"某协那个函的联系人和电话": the 文号 holds 某协, so the letter is in scope', async () => {
    const a = (await engine()).ask('某协那个标准月的函联系人和电话?', { now: NOW });
    expect(a.answer).toContain('张某、李某');
    expect(a.answer).toContain('010-12345678');
  });

  it('the line over the 文号 is the letter\'s issuer (an association issues too)', async () => {
    expect((await engine()).ask('某协那个标准月的函是哪个单位发的?', { now: NOW }).answer).toContain('中国某某行业协会标准化分会');
  });

  it('a 文号\'s 5号 is no day: "几号前反馈" is answered with the date, not the 文号', async () => {
    const a = (await engine()).ask('标准月活动主题建议几号前要反馈给某协?', { now: NOW });
    expect(a.answer).toContain('3月31日前');
    expect(STATES_DAY.test('某协标函〔2025〕5号')).toBe(false);
    expect(STATES_DAY.test('请于3月31日前反馈')).toBe(true);
  });
});

describe('a place\'s plans silent, its placeless fragment speaks', () => {
  it('answers from the fragment and says where the answer comes from', async () => {
    const a = (await engine()).ask('平原连锁餐饮企业的配送率目标是多少?', { now: NOW });
    expect(a.answer).toContain('平原方案中没有找到; 未写明地名的方案中');
    expect(a.answer).toContain('80%以上');
  });

  it('not when the place\'s own plan speaks of the topic: its refusal stands', async () => {
    const a = (await engine()).ask('平原标准化工作会议邀请了多少家企业?', { now: NOW });
    expect(a.answer).not.toContain('未写明地名的方案中');
  });
});

describe('a figure bound to the measure asked', () => {
  it('a day asked and only the year stated: no answer ("召开2025年…会议")', async () => {
    const a = (await engine()).ask('平原2025年全市标准化工作会议定在几月几号开?', { now: NOW });
    expect(a.answer).toMatch(/没有找到|没有写明/);
    expect(a.answer.split('相近的原文')[0]).not.toContain('召开2025年全市标准化工作会议');
  });

  it('a rate whose clause states none is not given the next measure\'s figure', () => {
    const q = '平原驻平高校专利产业化率定了具体百分比吗?是多少?';
    expect(statesAskedFigure(q, '驻平高校专利产业化率明显提升,全市技术合同成交额累计增长30%以上', ['专利', '产业'])).toBe(false);
    expect(statesAskedFigure('合格率是多少', '产品质量合格率,稳定在95%以上', ['合格'])).toBe(true);
  });

  it('a sector\'s figure is not another sector\'s', async () => {
    expect(measureSubject('平原方案里批发零售业2025年增加值要突破多少亿元?')).toBe('批发零售业');
    const a = (await engine()).ask('平原方案里批发零售业2025年增加值要突破多少亿元?', { now: NOW });
    expect(a.answer.split('相近的原文')[0]).not.toContain('60亿元');
  });
});
