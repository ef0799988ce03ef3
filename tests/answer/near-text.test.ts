import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * What a refusal offers (相近的原文): the text of the plans in scope that a question worded unlike the
 * plan is about — ranked at least as well as a retrieval bot would rank it — cited, while the reply
 * stays a refusal and chat-sized. Fixture written for this test.
 */

const NOTICE = `青田县市场监督管理局关于开展消费品质量安全“进社区”宣传活动的通知
各乡镇市场监管所,县局各科室:
为普及消费品质量安全知识,决定在全县开展“进社区”宣传活动,现将有关事项通知如下。
一、各乡镇所要结合辖区实际,选好活动地点,做好活动方案,协调行业协会和检验机构共同参与。
二、县局产品质量安全监督科牵头组织全县活动,加强统筹协调。
三、请各乡镇所于2026年11月17日前,向县局产品质量安全监督科报送本次活动总结和统计数据,以及活动中的照片、视频等资料。
四、活动期间发放宣传资料不少于2万份。
`;

const OTHER = `东阳市2026年质量工作要点
一、开展质量提升行动,规模以上工业企业质量管理体系认证率达到90%以上。(牵头单位:市市场监管局)
二、请各镇乡街道于2026年6月30日前报送上半年工作总结。
三、实施品牌培育工程。到2027年底,全市新增地理标志保护产品5个以上。
`;

const NOW = new Date('2026-12-01T02:00:00Z');
let engine: AnswerEngine;
beforeAll(async () => {
  const { kb } = await ingestTexts({ 'qingtian.txt': NOTICE, 'dongyang.txt': OTHER });
  engine = new AnswerEngine(kb);
});

const ask = (q: string) => engine.ask(q, { now: NOW });
const length = (s: string) => s.replace(/\s/g, '').length;

describe('a refusal offers the text that does answer a question worded unlike the plan', () => {
  it('"材料最晚哪天前交" is not the plan’s wording, but its sentence with the date is offered and cited', () => {
    const a = ask('青田各乡镇所进社区的材料最晚哪天前交？');
    expect(a.found).toBe(false);
    expect(a.answer).toMatch(/没有找到/);
    expect(a.answer).toMatch(/相近的原文[^]*2026年11月17日前/);
    expect(a.citations.some((c) => c.file === 'qingtian.txt' && c.ref === '三')).toBe(true);
  });

  it('only the plans a question names are searched: the other plan’s date is not offered', () => {
    const a = ask('青田各乡镇所进社区的材料最晚哪天前交？');
    expect(a.answer).not.toContain('2026年6月30日');
    expect(a.citations.every((c) => c.file === 'qingtian.txt')).toBe(true);
  });

  it('a question for money is offered no text without a sum of money', () => {
    const a = ask('青田进社区活动经费多少钱？');
    expect(a.found).toBe(false);
    expect(a.answer).not.toContain('相近的原文');
    expect(a.answer).not.toMatch(/2万份/);
  });

  it('the reply stays chat-sized, also for a message of three questions each refused', () => {
    for (const q of ['青田进社区活动谁当组长？经费多少？宣传车几辆？', '青田进社区的材料最晚哪天前交？活动结束后交哪些东西？', '青田进社区活动有什么要求']) {
      expect(length(ask(q).answer)).toBeLessThanOrEqual(600);
    }
  });

  it('a place with no plan loaded is refused without text from other places', () => {
    const a = ask('丽水进社区的材料最晚哪天前交？');
    expect(a.found).toBe(false);
    expect(a.answer).not.toContain('相近的原文');
  });
});

describe('a target’s year as the plan writes it', () => {
  it('"到2027年底" is the end of 2027: a question for when the target is due gets that, not the bare year', () => {
    const a = ask('东阳新增地理标志保护产品5个以上的目标截止到什么时候？');
    expect(a.found).toBe(true);
    expect(a.answer).toContain('2027年底');
  });
});
