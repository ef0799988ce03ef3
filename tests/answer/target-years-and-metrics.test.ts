import { describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { yearSpan } from '../../src/answer/answer-target.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Target questions on plans that set figures for several years in one sentence, or several figures in
 * one clause (fixtures written for these tests).
 */

const NOW = new Date('2026-12-01T02:00:00Z');

describe('a sentence that sets figures for several years', () => {
  it('keeps only the part for the year asked', () => {
    const s = '到2015年,力争民营经济增加值年均增长15%,总量达到1400亿元;到2017年,力争增加值年均增长15%,总量达到2000亿元。';
    expect(yearSpan(s, 2017)).toBe('到2017年,力争增加值年均增长15%,总量达到2000亿元。');
    expect(yearSpan(s, 2015)).toBe('到2015年,力争民营经济增加值年均增长15%,总量达到1400亿元');
    expect(yearSpan('到2025年,总量达到900亿元。', 2025)).toBe('到2025年,总量达到900亿元。');
  });

  it('asked for one year, answers that year\'s figure in the unit asked (多少亿), with that year', async () => {
    const e = new AnswerEngine((await ingestTexts({
      'p.txt': '南屿市关于壮大民营经济的决定\n一、发展目标\n--到2015年,力争民营经济实现增加值年均增长15%,总量达到1400亿元,占全市GDP比重40%;\n--到2017年,力争民营经济实现增加值年均增长15%,总量达到2000亿元,占全市GDP比重45%;\n',
    })).kb);
    const a = e.ask('南屿民营经济2017年 总量要到多少亿', { now: NOW }).answer;
    expect(a).toContain('2000亿元');
    expect(a).not.toContain('1400亿元');
    expect(a).not.toContain('2015年');
  });
});

describe('two metrics asked of one clause', () => {
  it('"带动就业和经营性贷款余额分别是多少": each metric with its own figure, not a neighbour\'s', async () => {
    const e = new AnswerEngine((await ingestTexts({
      'p.txt': '西岭市促进个体工商户高质量发展实施方案\n一、工作目标\n到2029年,全市个体工商户活跃度达到70%,“四新”经济个体工商户占比达到40%,带动就业人数达到58万人,经营性贷款余额达到350亿元。\n',
    })).kb);
    const a = e.ask('西岭个体工商户方案：带动就业和经营性贷款余额目标分别是多少？', { now: NOW }).answer;
    expect(a).toContain('58万人');
    expect(a).toContain('350亿元');
    expect(a).not.toContain('40%');
  });
});

describe('two metrics asked of a plan named by its title\'s words', () => {
  it('each clause is picked by the words beyond the title', async () => {
    const e = new AnswerEngine((await ingestTexts({
      'p.txt': '北原地区农产品品牌建设三年行动实施方案(2021-2023年)\n二、主要目标\n到2023年,建立起覆盖全区的品牌培育、发展和保护机制。2021年-2023年,全区农产品知名品牌数量明显增加,培育在全国具有较强市场竞争力的知名农产品品牌5个,自治区农产品区域公用品牌5个,“两品两标”绿色食品(有效期三年)、有机农产品(有效期一年)和地理标志证明商标,认证产品300个,涉农地理标志60个。\n',
    })).kb);
    const a = e.ask('北原地区农产品品牌三年行动,认证产品和涉农地理标志的目标各是多少?', { now: NOW }).answer;
    expect(a).toContain('认证产品300个');
    expect(a).toContain('涉农地理标志60个');
    expect(a).not.toContain('公用品牌5个');
  });
});
