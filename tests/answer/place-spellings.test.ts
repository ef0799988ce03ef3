import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { understandQuestion, normalizeQuestion } from '../../src/answer/understand-question.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Places as staff write them (fixtures written for this test): zones by their short names and in pinyin,
 * a 新区 without its province, an autonomous region in pinyin, English words for plan terms; and a
 * section heading asked for is shown with the line under it.
 */

const ZONE = `明州火炬高技术产业开发区知识产权工作方案
一、工作目标
到2026年,全区发明专利授权量年均增长15%,商标注册量每年保持220件以上。`;
const NEW_AREA = `四川锦江新区管委会办公室关于印发质量提升实施方案的通知
一、总体目标
到2027年,锦江新区产品质量监督抽查合格率稳定在96%以上。`;
const REGION = `西藏自治区2025年质量振兴工作计划
一、工作目标
产品质量监督抽查合格率稳定在90%以上。`;
const MONTH = `东州市2025年“质量月”活动方案
一、活动主题
加强质量支撑 共建质量强国
二、活动内容
组织企业开展宣传。`;

let engine: AnswerEngine;
beforeAll(async () => {
  const { kb } = await ingestTexts({ 'zone.txt': ZONE, 'area.txt': NEW_AREA, 'region.txt': REGION, 'month.txt': MONTH });
  engine = new AnswerEngine(kb);
});
const ask = (q: string) => engine.ask(q, { now: new Date('2025-12-01T02:00:00Z') });

describe('places as staff write them', () => {
  it('a 火炬 zone by 明州高新区, and in pinyin before its zone word', () => {
    expect(ask('明州高新区商标注册每年要保持多少件？').answer).toContain('220件');
    expect(ask('mingzhou 火炬高新区 发明专利授权量年均增长目标多少？').answer).toContain('15%');
  });

  it('a 新区 without its province, also in pinyin', () => {
    expect(ask('锦江新区产品质量监督抽查合格率目标是多少？').answer).toContain('96%');
    expect(ask('jinjiang新区 product quality 监督抽查合格率 target 多少').answer).toContain('96%');
  });

  it('an autonomous region by its short name in pinyin', () => {
    expect(ask('xizang 质量振兴plan 里 product quality 监督抽查合格率 target 是多少啊').answer).toContain('90%');
  });

  it('English plan words read as their Chinese', () => {
    expect(normalizeQuestion('brand plan 的 theme')).toBe('品牌 方案 的 主题');
  });

  it('a place unknown in pinyin stays as typed', () => {
    const q = understandQuestion('shandong 哪个部门', { plans: [], departments: [], pinyin: [['mingzhou', '明州']] });
    expect(q.text).toContain('shandong');
  });
});

describe('a section heading asked for', () => {
  it('is shown with the line under it, and the plan\'s title line answers nothing', () => {
    const a = ask('东州质量月活动主题是啥');
    expect(a.answer).toContain('加强质量支撑');
    expect(a.answer.match(/加强质量支撑/g)).toHaveLength(1);
  });
});

describe('a year that names one plan of several', () => {
  it('binds only the plan that speaks of that year', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '南州市2014年质量振兴工作计划\n一、工作目标\n主要农产品质量安全抽检合格率稳定在95%以上。',
      'b.txt': '北州县关于实施质量强县战略的意见\n一、主要目标\n到2020年,主要农产品质量安全抽检合格率稳定在96%以上。',
    });
    const a = new AnswerEngine(kb).ask('南州2014年质量振兴计划和北州县质量强县意见，主要农产品质量安全抽检合格率目标分别是多少？', { now: new Date('2025-12-01T02:00:00Z') });
    expect(a.answer).toContain('95%');
    expect(a.answer).toContain('96%');
  });
});

describe('two places each with their own words', () => {
  it('"A的X和B的Y分别…" is asked of each plan with what it asks of both', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '南州县交通秩序整治方案\n一、整治时间\n整治时间为3个月,自2025年3月1日起至5月31日止。',
      'b.txt': '北州县城乡环境卫生整治活动方案\n一、活动步骤\n1、宣传发动阶段(1月8日-9日)。县爱卫办制定活动实施方案。\n2、集中整治阶段(1月10日-12日)。各乡镇开展集中整治。',
    });
    const engine = new AnswerEngine(kb);
    const { splitPerPlan } = await import('../../src/answer/answer-engine.ts');
    expect(splitPerPlan('南州交通整治和北州卫生整治分别持续多长时间？', engine.prepared.lexicon)).toEqual(['南州交通整治 持续多长时间？', '北州卫生整治 持续多长时间？']);
    // (A place alone on the left shares what the second place's words say: "A和B的方案".)
    expect(splitPerPlan('南州县和北州县的方案分别是哪天印发的？', engine.prepared.lexicon)).toEqual(['南州县的方案 是哪天印发的？', '北州县的方案 是哪天印发的？']);
    expect(splitPerPlan('南州县和北州县的整治分别持续多长时间？', engine.prepared.lexicon)).toEqual(['南州县的整治 持续多长时间？', '北州县的整治 持续多长时间？']);
    // One place only: nothing to split.
    expect(splitPerPlan('南州交通整治和卫生整治分别持续多长时间？', engine.prepared.lexicon)).toBeNull();
  });
});

describe('a day named by its date', () => {
  it('"5.20计量日" and "3.15消费者权益日" are no item numbers; "2.3几月几日完成" still is', () => {
    const refs = (q: string) => understandQuestion(q, { plans: [], departments: [] }).refs;
    expect(refs('5.20计量日活动方案主题是啥')).toEqual([]);
    expect(refs('3.15消费者权益日活动谁牵头')).toEqual([]);
    expect(refs('2.3几月几日完成')).toEqual(['2.3']);
    expect(refs('1.4.3谁牵头')).toEqual(['1.4.3']);
  });
});
