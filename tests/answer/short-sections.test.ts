import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { focus } from '../../src/answer/format.ts';
import { namesAskedRole } from '../../src/answer/answerability.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Activity notices and duty lists as other places write them (fixtures written for this test): a short
 * part asked for as a whole (活动主题), a duty table whose header sits on one line above one-cell-per-line
 * rows, a fact split over two sentences, a role the records do not keep, and a long sentence shown where
 * its answer is.
 */

const ACTIVITY = `东州县2025年“3·15”国际消费者权益日宣传活动方案
为做好今年“3·15”宣传活动,特制定如下方案。
一、活动主题
共促消费公平·共享美好生活
二、活动时间
2025年3月8日至20日
三、活动内容
(一)集中宣传活动
活动时间:3月15日9:00-12:00
主会场活动地点:人民公园
活动内容:围绕“共促消费公平”主题,开展消费维权知识集中宣传活动。
牵头单位:县市场监督管理局
四、考核办法
各单位工作责任目标分值均设置为100分,县消保委按照《东州县消费维权工作考核办法》组织年度考核。对建有消费维权服务站,开展放心消费示范创建等情形的,适当予以加分。`;

const DUTIES = `中小学校食品安全管理
序号 涉及部门 职责分工
1
区教育局
负责校园食品安全管理工作,指导学校落实食品安全主体责任。
2
区卫生健康局
负责组织开展校园食品安全风险监测。`;

let engine: AnswerEngine;
beforeAll(async () => {
  const { kb } = await ingestTexts({ 'activity.txt': ACTIVITY, 'duties.txt': DUTIES });
  engine = new AnswerEngine(kb);
});
const ask = (q: string) => engine.ask(q, { now: new Date('2025-12-01T02:00:00Z') });

describe('a short part asked for as a whole', () => {
  it('"活动主题是啥": the line under the heading, not a sentence that mentions 主题', () => {
    const a = ask('东州县315今年活动主题是啥');
    expect(a.answer).toContain('共促消费公平·共享美好生活');
    expect(a.answer).not.toContain('集中宣传活动');
  });

  it('a question about something inside the part is not answered with the part', () => {
    expect(ask('东州县集中宣传活动谁牵头？').answer).toContain('县市场监督管理局');
  });
});

describe('where an event is held', () => {
  it('"地点:…" answers 在哪儿, without the words that name the plan (3·15)', () => {
    expect(ask('东州县3·15主会场在哪儿？').answer).toContain('人民公园');
  });
});

describe('a duty table with its header on one line', () => {
  it('"序号 涉及部门 职责分工" then one cell per line: one task per department, titled by the line above', async () => {
    const { plans } = await ingestTexts({ 'duties.txt': DUTIES });
    expect(plans[0].plan.title).toBe('中小学校食品安全管理');
    expect(plans[0].tasks.map((t) => t.units)).toEqual([['区教育局'], ['区卫生健康局']]);
    const a = ask('中小学校食品安全管理里，校园食品安全风险监测归谁？');
    expect(a.answer).toContain('区卫生健康局');
    expect(a.answer).not.toContain('区教育局');
  });
});

describe('facts the sentence alone does not hold', () => {
  it('a sentence read with the one before it in its paragraph', () => {
    const a = ask('东州县消费维权考核里哪些情况可以加分？');
    expect(a.answer).toContain('消费维权服务站');
  });

  it('"X按照《…》组织…" states who organises', () => {
    expect(ask('东州县消费维权工作年度考核由谁组织？').answer).toContain('县消保委');
  });

  it('a role the records do not keep (数据提供单位) is answered only by a text that names it', () => {
    expect(namesAskedRole('那一项的数据提供单位是谁？', '(牵头单位:市财政局,责任单位:市税务局)')).toBe(false);
    expect(namesAskedRole('那一项的数据提供单位是谁？', '(牵头单位:市发改委,数据提供单位:市统计局)')).toBe(true);
    expect(namesAskedRole('那一项的牵头单位是谁？', '由市财政局牵头')).toBe(true);
  });
});

describe('a long sentence shown where its answer is', () => {
  it('the window holds the most different question words, with room after them', () => {
    const text = `认真贯彻《某省优化营商环境条例》和《某市优化提升营商环境工作三年行动计划》精神,深化改革,落实《某县优化提升营商环境行动方案》各项要求,明确工作任务、时限要求和各项责任,力争通过三年左右的时间,全县营商环境达到全市领先水平,实现“一年重点突破,两年全面提升,三年争创一流”的目标。`;
    expect(focus(text, ['营商', '环境', '三年', '达到', '水平'], 90)).toContain('全市领先水平');
  });
});

describe('days asked for', () => {
  it('"哪几天" asks for a date, and a period in a cell answers it', async () => {
    const { kb } = await ingestTexts({
      'm.txt': '南州市2025年“质量月”活动方案\n一、活动安排\n序号\n活动内容\n活动时间\n牵头部门\n1\n群发“质量月”公益短信5000条\n9月1日-2日\n质量股',
    });
    const a = new AnswerEngine(kb).ask('南州质量月的公益短信哪几天发？', { now: new Date('2025-08-01T02:00:00Z') });
    expect(a.answer).toContain('9月1日-2日');
  });
});

describe('a part of the plan\'s frame asked without a question word', () => {
  it('"活动时间是？" gets the line under 活动时间; an owner question about an item is not answered with the item', async () => {
    const { kb } = await ingestTexts({
      'other.txt': '西州市2025年质量工作要点\n一、工作目标\n质量水平稳步提升。',
      's.txt': '第9届“世界标准日”宣传活动方案\n一、活动目的\n推动企业采用先进标准。\n二、活动时间\n10月10日-10月24日\n三、主要措施\n1、完善监管检查机制\n建立重点企业检查清单,实施精准监管。',
    });
    const e = new AnswerEngine(kb);
    const now = { now: new Date('2025-08-01T02:00:00Z') };
    const a = e.ask('第9届世界标准日宣传活动时间是？', now);
    expect(a.answer).toContain('10月10日-10月24日');
    expect(a.answer).not.toContain('方案方案');
    expect(e.ask('第9届世界标准日宣传活动方案里，完善监管检查机制由哪个部门牵头？', now).found).toBe(false);
  });
});
