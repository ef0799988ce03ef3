import { describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { yearSpan } from '../../src/answer/answer-target.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Target questions on plans that set figures for several years in one sentence, or several figures in
 * one clause (fixtures written for these tests).
 */

const NOW = new Date('2026-12-01T02:00:00Z');

/** The answer to a question asked of one plan written from text. */
async function askOf(plan: string, question: string): Promise<string> {
  const e = new AnswerEngine((await ingestTexts({ 'p.txt': plan })).kb);
  return e.ask(question, { now: NOW }).answer;
}

describe('a sentence that sets figures for several years', () => {
  it('keeps only the part for the year asked', () => {
    const s = '到2015年,民营企业营收每年增长12%,规模超过1400亿元;到2017年,营收每年增长12%,规模超过2000亿元。';
    expect(yearSpan(s, 2017)).toBe('到2017年,营收每年增长12%,规模超过2000亿元。');
    expect(yearSpan(s, 2015)).toBe('到2015年,民营企业营收每年增长12%,规模超过1400亿元');
    expect(yearSpan('到2025年,规模超过900亿元。', 2025)).toBe('到2025年,规模超过900亿元。');
  });

  it('asked for one year, answers that year\'s figure in the unit asked (多少亿), with that year', async () => {
    const a = await askOf(
      '南屿市民营企业扶持办法\n一、发展目标\n--到2015年,民营企业营收每年增长12%左右,规模超过1400亿元,在全市经济中占40%;\n--到2017年,民营企业营收每年增长12%左右,规模超过2000亿元,在全市经济中占45%;\n',
      '南屿民营企业2017年 规模要到多少亿',
    );
    expect(a).toContain('2000亿元');
    expect(a).not.toContain('1400亿元');
    expect(a).not.toContain('2015年');
  });

  it('the same words setting a figure for two years: the year noted is the one the sentence names', async () => {
    const a = await askOf(
      '东屿市民营经济振兴决定\n一、发展目标\n--到2015年,力争民营经济增加值每年提高15%,总量超过1400亿元;\n--到2017年,力争民营经济增加值每年提高15%,总量超过2000亿元;\n',
      '东屿民营经济2017年 总量要到多少',
    );
    expect(a).toContain('2017');
    expect(a).not.toContain('2015年');
  });
});

describe('two metrics asked of one clause', () => {
  it('"带动就业和经营性贷款余额分别是多少": each metric with its own figure, not a neighbour\'s', async () => {
    const a = await askOf(
      '西岭市个体工商户扶持实施方案\n一、工作目标\n到2029年,全市个体户开业率保持在70%,新业态个体工商户占比提高到40%,带动就业人数达到58万人,经营性贷款余额达到350亿元。\n',
      '西岭个体工商户方案：带动就业和经营性贷款余额目标分别是多少？',
    );
    expect(a).toContain('58万人');
    expect(a).toContain('350亿元');
    expect(a).not.toContain('40%');
  });
});

describe('two metrics asked of a plan named by its title\'s words', () => {
  it('each clause is picked by the words beyond the title', async () => {
    const a = await askOf(
      '北原地区农产品品牌建设三年行动实施方案(2021-2023年)\n二、主要目标\n到2023年,形成较完整的品牌扶持体系。2021年-2023年,全区叫得响的农业品牌继续增多,打造有全国影响的农产品品牌5个,自治区农产品区域公用品牌5个,绿色食品(三年有效)、有机农产品(一年有效)和证明商标合计,认证产品300个,涉农地理标志60个。\n',
      '北原地区农产品品牌三年行动,认证产品和涉农地理标志的目标各是多少?',
    );
    expect(a).toContain('认证产品300个');
    expect(a).toContain('涉农地理标志60个');
    expect(a).not.toContain('公用品牌5个');
  });
});
