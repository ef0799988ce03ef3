import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { understandQuestion } from '../../src/answer/understand-question.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * The character floor and the places a question names, on plans written for this test: wording that
 * word segmentation reads otherwise than the plan, lines that only lead into the next, a place that
 * only a plan's text names, and follow-up questions with words of their own.
 */

const AWARD = `明州市人民政府关于印发明州市市长质量奖管理办法的通知
各区县人民政府,市政府各部门:
现将《明州市市长质量奖管理办法》印发给你们,请结合实际认真贯彻执行。
明州市市长质量奖管理办法
第一条 为树立质量标杆,引领全市高质量发展,制定本办法。
第二条 市长质量奖每两年评审一次,每次获奖组织不超过5个。
第三条 获奖单位再次申报应当间隔三届。
第四条 评审工作经费列入年度市财政预算,实行专款专用。
第五条 市人民政府确定2020年为“质量提升攻坚年”,集中开展质量提升行动。
`;

const DUTIES = `县人民政府办公室关于对2021年重点工作进行责任分解的通知
各镇人民政府,县政府各部门:
经县人民政府同意,现将县政府工作报告确定的重点工作以及涉及黄石的重点事项责任分解给你们,请抓好落实。
县政府政务督查室将对各单位的贯彻落实情况开展专项督查,对落实不力的单位予以通报。
`;

const XIHU = `西湖区2023年市场监管工作要点
一、指导思想
坚持稳中求进,牢牢把握讲安全、优服务、促发展工作主线,推动高质量发展。
二、重点任务
1.深化工程建设项目审批制度改革,每个阶段实行“一家牵头、并联审批、限时办结”。(牵头单位:区行政审批局)
`;

const LIVELIHOOD = `2022年区政府民生实事项目进展情况表
涉及桐庐的项目:新建成公办幼儿园3所,责任单位为区教育局。
`;

let engine: AnswerEngine;
const NOW = new Date('2025-06-10T09:00:00+08:00');
const ask = (q: string) => engine.ask(q, { now: NOW });

beforeAll(async () => {
  const { kb } = await ingestTexts({ 'award.txt': AWARD, 'duties.txt': DUTIES, 'xihu.txt': XIHU, 'livelihood.txt': LIVELIHOOD });
  engine = new AnswerEngine(kb);
});

describe('the character floor', () => {
  it('finds the sentence whatever the segmentation: 隔多久再申报 / 再次申报应当间隔三届', () => {
    const a = ask('明州市长质量奖获奖单位隔多久才能再申报？');
    expect(a.found).toBe(true);
    expect(a.answer).toContain('间隔三届');
    expect(a.answer).toContain('〔明州');
  });

  it('把2020年定为什么年 / 确定2020年为“质量提升攻坚年”', () => {
    expect(ask('明州把2020年定为什么年？').answer).toContain('质量提升攻坚年');
  });

  it('refuses when a word of the question is nowhere in the plan (奖金), even though other words match', () => {
    const a = ask('明州市长质量奖每次的奖金是多少？');
    expect(a.found).toBe(false);
    expect(a.answer).toMatch(/^在明州方案中没有找到/);
  });
});

describe('lines that only lead into the next', () => {
  it('an addressee line is answered with the instruction that follows it', () => {
    const a = ask('明州各区县人民政府收到这个办法要怎么做？');
    expect(a.answer).toContain('认真贯彻执行');
  });
});

describe('a place that only a plan’s text names', () => {
  it('scopes the question to that plan instead of saying the place is not loaded', () => {
    const a = ask('黄石的重点工作落实不力由谁通报？');
    expect(a.answer).not.toContain('还没有收录');
    expect(a.answer).toContain('县政府政务督查室');
  });

  it('a place neither a plan is for nor any plan names: said so, and answered only from a plan that names no place', () => {
    const a = ask('鄂州的重点工作落实不力由谁通报？').answer;
    expect(a).toMatch(/还没有收录鄂州|没有找到写明鄂州的方案; 未写明地名的方案中/);
  });
});

describe('follow-up questions', () => {
  it('a follow-up with words of its own asks its own question in the same plan', () => {
    const a = ask('明州市长质量奖每次获奖组织不超过几个？评审经费从哪出？');
    expect(a.answer).toContain('不超过5个');
    expect(a.answer).toContain('市财政预算');
  });
});

describe('places as staff type them', () => {
  it('a loaded plan\'s place in pinyin names it (xihu区)', () => {
    expect(understandQuestion('xihu区 审批改革谁牵头', engine.prepared.lexicon).files).toEqual(['xihu.txt']);
    // (Pinyin of no loaded plan's place is left as written.)
    expect(understandQuestion('hangzhou 审批改革谁牵头', engine.prepared.lexicon).files).toEqual([]);
    const a = ask('xihu区 工程建设项目审批制度改革 谁牵头啊');
    expect(a.answer).toContain('区行政审批局');
    expect(a.citations[0]?.file).toBe('xihu.txt');
  });

  it('a county by its short name at the start scopes to the plan whose text names it', () => {
    const a = ask('桐庐新建成公办幼儿园几所？');
    expect(a.answer).toContain('3所');
    expect(a.citations[0]?.file).toBe('livelihood.txt');
  });
});

describe('questions that name a frame or a stage', () => {
  it('"工作主线是啥" is answered by the phrase the plan puts before 工作主线', () => {
    expect(ask('西湖区工作要点的工作主线是啥').answer).toContain('讲安全、优服务、促发展工作主线');
  });

  it('a stage of something else ("审批每个阶段") is no question about the plan\'s phases', () => {
    expect(ask('西湖区工程建设项目审批每个阶段是啥办法？').answer).toContain('一家牵头、并联审批、限时办结');
  });

  it('a plan without phases asked for its phases refuses', () => {
    const a = ask('西湖区工作要点分几个阶段？');
    expect(a.found).toBe(false);
    expect(a.answer).toContain('没有找到分阶段的进度安排');
  });
});

describe('who issued, who published, who approved', () => {
  it('"谁印发的" is the body the document names; "哪个部门发布的" the page grid\'s 发布机构', async () => {
    const text = [
      '索 引 号: | 000-2024-1 | 发布机构: | 明州市市场监督管理局 | 发文字号: | 明政发〔2023〕18号 |',
      '明州市人民政府关于印发质量强市建设实施方案的通知',
      '各县(市、区)人民政府,市直各单位:',
      '《质量强市建设实施方案》已经市人民政府第12次常务会议审议通过,现印发给你们,请认真组织实施。',
      '明州市人民政府',
      '2023年12月26日',
      '质量强市建设实施方案',
      '一、总体目标',
      '到2027年,质量强市建设取得明显成效。',
    ].join('\n');
    const { kb } = await ingestTexts({ 'q.txt': text });
    const e = new AnswerEngine(kb);
    const q = (s: string) => e.ask(s, { now: NOW }).answer;
    expect(q('明州质量强市建设实施方案是谁印发的？')).toContain('发文单位: 明州市人民政府');
    expect(q('明州质量强市建设实施方案是哪个部门发布的？')).toContain('发布机构: 明州市市场监督管理局');
    expect(q('明州质量强市建设实施方案是哪次常务会议通过的？')).toContain('市人民政府第12次常务会议');
  });
});

describe('a department\'s duties with a topic', () => {
  it('lists the tasks that speak of the topic first, each with enough of its text', async () => {
    const items = ['开展校园食品安全检查,覆盖全部学校食堂', '推进农贸市场升级改造', '开展网络订餐平台专项检查', '加强进口冷链食品追溯管理', '开展生猪产品市场销售和冷冻库存的监督检查,对非洲猪瘟防控重点排查'];
    const text = ['明州市2020年食品安全重点工作安排', '一、重点任务', ...items.map((t, i) => `${i + 1}.${t}。(市市场监管局负责)`)].join('\n');
    const { kb } = await ingestTexts({ 'f.txt': text });
    const e = new AnswerEngine(kb);
    // A topic only one task speaks of: that task.
    expect(e.ask('明州市场监管局在非洲猪瘟防控上要干啥？', { now: NOW }).answer).toContain('冷冻库存的监督检查,对非洲猪瘟防控重点排查');
    // A topic several tasks speak of: all the department's tasks, those first, each in full.
    const lines = e.ask('明州市市场监管局在食品安全检查方面要干啥？', { now: NOW }).answer.split('\n');
    expect(lines.slice(1, 4).map((l) => l.slice(0, 2))).toEqual(['一1', '一3', '一5']);
    expect(lines[3]).toContain('对非洲猪瘟防控重点排查');
    expect(lines.at(-1)).toContain('加强进口冷链食品追溯管理');
  });
});

describe('an elliptic follow-up', () => {
  it('"…要达到多少个? Y呢?" asks of Y what the question before asked', async () => {
    const text = '潍坊市数字潍坊2021行动方案\n一、加快建设新一代通信基础设施\n1.加快推动5G基站建设,全市5G基站数量达到3500个以上,建成5G示范应用场景10个以上。(牵头单位:市工业和信息化局;配合单位:市住房城乡建设局)';
    const { kb } = await ingestTexts({ 'd.txt': text });
    const a = new AnswerEngine(kb).ask('潍坊5G基站数量要达到多少个？示范应用场景呢？', { now: NOW }).answer;
    expect(a).toContain('3500个以上');
    expect(a).toContain('10个以上');
    expect(a).not.toContain('牵头');
  });
});
