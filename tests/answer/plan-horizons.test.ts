import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { readMetaFields } from '../../src/ingest/read-meta-fields.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * A plan's horizons and steps asked in everyday words (fixtures written for these tests): the year its
 * goals are set for, goals stated over a period or at two horizons, the steps a notice lists, whom an
 * assessment is of, and the dates a page and its notice give.
 */

const STANDARDS = `南海市农业农村标准化工作实施方案
一、工作目标
2023年,各级政府建立健全农业标准化工作机制,新建标准化示范基地30个以上。
2030年,农业农村标准化体系更加完善。
二、重点任务
(一)制修订地方标准。(市市场监管局负责)`;

const QUALITY = `西江省质量发展三年行动计划(2016—2018年)
一、发展目标
2016—2018年,工业产品监督抽查合格率逐年达到90%、91%、92%。`;

const ASSESS = `《东川市人民政府办公室关于开展2018年度县区政府质量工作考核的通知》
各县区人民政府:
为做好2018年度质量工作考核,认真做好质量考核目标备案、自我评价、实地核查、综合考核、公开通报等工作。现就有关事项通知如下:
一、实行目标备案。各县区于5月底前报送备案表。
二、开展自我评价。各县区于11月底前报送自评材料。
第三条 考核对象为各县区人民政府、各开发区管委会。`;

let engine: AnswerEngine;
beforeAll(async () => {
  engine = new AnswerEngine((await ingestTexts({ 's.txt': STANDARDS, 'q.txt': QUALITY, 'a.txt': ASSESS })).kb);
});
const ask = (q: string) => engine.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

describe('the years goals are set for', () => {
  it('目标定在哪一年 / 目标要在哪年实现: a goal over a period is due at its end', () => {
    expect(ask('西江质量发展行动计划的发展目标要在哪年实现?').answer).toContain('2018');
  });

  it('a plan without phases that sets two horizons answers 目标分了哪两个阶段 with them', () => {
    const a = ask('南海农业农村标准化方案的目标分了哪两个阶段(年份)?').answer;
    expect(a).toContain('2023年');
    expect(a).toContain('2030年');
  });
});

describe('a notice on an assessment', () => {
  it('the steps it lists answer 有哪几个环节', () => {
    const a = ask('东川质量工作考核有哪几个环节?').answer;
    for (const step of ['目标备案', '自我评价', '实地核查', '综合考核', '公开通报']) expect(a).toContain(step);
  });

  it('whom it assesses answers 考核对象是谁', () => {
    expect(ask('东川质量考核的考核对象是谁?').answer).toContain('各县区人民政府、各开发区管委会');
  });
});

describe('page furniture', () => {
  it('新闻来源 is the source; 查看次数 ends the date before it', () => {
    const f = readMetaFields(['新闻来源:常委秘书室 添加时间:2019-01-14 16:28:16 查看次数:']);
    expect(f.get('source')).toBe('常委秘书室');
    expect(f.get('published')).toBe('2019-01-14 16:28:16');
  });
});

describe('series and families', () => {
  const PLAN = `北原省质量发展三年行动计划(2016—2018年)
一、总体要求
坚持政府引导、市场主导,强化企业主体责任;坚持创新驱动、以质取胜,提升质量水平;坚持社会共治,形成工作合力。
二、发展目标
2016—2018年,工业产品监督抽查合格率逐年达到90%、91%、92%,食品抽检合格率逐年达到95%、96%、97%。`;
  let e: AnswerEngine;
  beforeAll(async () => {
    e = new AnswerEngine((await ingestTexts({ 'p.txt': PLAN })).kb);
  });
  const askP = (q: string) => e.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

  it('values 逐年 over a period: each year its own target, the year asked for alone', async () => {
    const { extractTargets } = await import('../../src/ingest/extract-targets.ts');
    expect(extractTargets('2016—2018年,工业产品监督抽查合格率逐年达到90%、91%、92%').map((t) => [t.metric, t.valueText, t.year])).toEqual([
      ['工业产品监督抽查合格率', '90%', 2016],
      ['工业产品监督抽查合格率', '91%', 2017],
      ['工业产品监督抽查合格率', '92%', 2018],
    ]);
    const a = askP('北原工业产品监督抽查合格率2017年要达到多少?').answer;
    expect(a).toContain('91%');
    expect(a).not.toContain('90%');
  });

  it('有哪几个“坚持”: every clause that opens with the word', () => {
    const a = askP('北原行动计划总体要求里有哪几个“坚持”?').answer;
    for (const x of ['坚持政府引导、市场主导', '坚持创新驱动、以质取胜', '坚持社会共治']) expect(a).toContain(x);
  });
});

describe('a plan that names no place', () => {
  const DECISION = `关于实施质量强市战略的决定
一、总体要求
(一)重要意义。近年来全市质量水平明显提升,但仍存在制造业竞争力不强、知名品牌较少、质量人才欠缺等突出问题。
(二)主要任务。重点实施质量提升、品牌建设、标准提升等三大工程。`;
  let e: AnswerEngine;
  beforeAll(async () => {
    e = new AnswerEngine((await ingestTexts({ 'decision.txt': DECISION, 's.txt': STANDARDS })).kb);
  });
  const askD = (q: string) => e.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

  it('a place no plan is for is answered from the placeless plan whose text the question matches', () => {
    expect(askD('北江质量强市战略决定里要重点实施哪三大工程?').answer).toContain('质量提升、品牌建设、标准提升');
  });

  it('存在哪些 asks what exists, not where', () => {
    expect(askD('北江质量工作目前存在哪些突出问题?').answer).toContain('知名品牌较少');
  });
});

describe('more horizons and headings', () => {
  const PLAN = `南屏区质量强区建设实施方案
一、主要目标
2027年,全区质量整体水平明显提升。到2035年,质量强区基本建成。
二、工作要求
细化任务抓落实。各部门要明确量化目标和责任主体,细化分解到月,建立工作台账。`;
  let e: AnswerEngine;
  beforeAll(async () => {
    e = new AnswerEngine((await ingestTexts({ 'p.txt': PLAN })).kb);
  });
  const askP = (q: string) => e.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

  it('a nearer horizon before "到2035年" is a goal year too', () => {
    const a = askP('南屏质量强区方案主要目标分了哪两个时间节点?').answer;
    expect(a).toContain('2027年');
    expect(a).toContain('2035年');
  });

  it('a heading alone is answered with the sentences under it', () => {
    expect(askP('南屏要求任务细化到什么程度').answer).toContain('细化分解到月');
  });
});

describe('a document-sharing page with its banner further down', () => {
  it('joins a page break after an open bracket', async () => {
    const { kb } = await ingestTexts({
      'p.txt': `某市食品安全重点任务分解表.docx
上传人:p** 文档编号:1 格式:DOCX 页数:3
亲,该文档总共3页,全部预览完了,如果喜欢就下载吧!
《某市食品安全重点任务分解表.docx》由会员分享,可在线阅读
1、某市食品安全重点任务分解表。一、源头治理(一)严格农药管理,单位面积农药施用强度(
2、折百量)控制在0.2公斤/亩以内。(市农业农村局负责)`,
    });
    expect(kb.targets.map((t) => t.valueText)).toContain('0.2公斤/亩以内');
  });
});

describe('people, makers and families', () => {
  const PLAN = `北川市应急管理工作“三个全覆盖”工作方案
发布日期:2023-05-20
为推进责任落实全覆盖、风险识别全覆盖、隐患整治全覆盖,制定本方案。
一、重点工作
1.实施安全生产提升行动。
牵头市领导:王某某
责任单位:市应急局、市住建局
二、考核
第五条 考核工作由市政府委托市安委会(以下简称“市安委”)各成员单位及专家组成考核组具体组织实施。
北川市人民政府
2023年5月8日`;
  let e: AnswerEngine;
  beforeAll(async () => {
    e = new AnswerEngine((await ingestTexts({ 'p.txt': PLAN })).kb);
  });
  const askP = (q: string) => e.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

  it('牵头市领导是谁 is a person, not "未写明牵头单位"', () => {
    expect(askP('北川安全生产提升行动牵头市领导是谁').answer).toContain('王某某');
  });

  it('谁印发的?哪天? asks both; 网上公开日期 is the page date', () => {
    const a = askP('北川三个全覆盖方案是谁印发的?哪天?').answer;
    expect(a).toContain('北川市人民政府');
    expect(a).toContain('2023年5月8日');
    expect(askP('北川三个全覆盖方案网上公开日期是哪天?').answer).toContain('2023-05-20');
  });

  it('由X…具体组织实施 states who organises it', () => {
    expect(askP('北川考核工作具体由谁来组织实施?').answer).toContain('考核组具体组织实施');
  });

  it('“三个全覆盖”是哪三个: the phrases the plan lists', () => {
    const a = askP('北川的“三个全覆盖”是哪三个?').answer;
    for (const x of ['责任落实全覆盖', '风险识别全覆盖', '隐患整治全覆盖']) expect(a).toContain(x);
  });
});

describe('page facts and loose words', () => {
  const PAGE = `索引号: | 000000/2020-1 | 有 效 性: | 失效 |
发布时间: 2020-04-09
东岭区2020年重点工作任务分解表
第三条 考核对象为各乡镇政府。
1.新建公园2个。牵头领导:李某 责任单位:区住建局`;
  let e: AnswerEngine;
  beforeAll(async () => {
    e = new AnswerEngine((await ingestTexts({ 'p.txt': PAGE })).kb);
  });
  const askP = (q: string) => e.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

  it('whether the document is in force, as the page says', () => {
    expect(askP('东岭2020分解表现在还有效吗').answer).toContain('失效');
  });

  it('啥时候挂出来的 is the page date; 考谁 is whom it assesses; "who" asks for a person', () => {
    expect(askP('东岭分解表啥时候挂出来的').answer).toContain('2020-04-09');
    expect(askP('东岭 考核 考谁啊').answer).toContain('各乡镇政府');
    expect(askP('东岭 新建公园 牵头领导 who?').answer).toContain('李某');
  });
});

describe('two places, one of them named by no plan', () => {
  it('the second place joins by the plan that names no place, and is no part of what is asked', async () => {
    const e = new AnswerEngine((await ingestTexts({
      'a.txt': '东岭市2021年民生实事清单\n1.城镇新增就业3万人。(市人社局负责)',
      'b.txt': '2021年重大民生实事项目责任分解表\n1.促进就业稳定增长。全区城镇新增就业12000人。(区人社局负责)',
    })).kb);
    const a = e.ask('东岭和临安的城镇新增就业目标分别是多少', { now: new Date('2025-06-01T02:00:00Z') }).answer;
    expect(a).toContain('3万人');
    expect(a).toContain('12000人');
  });
});

describe('counts of tasks', () => {
  it('"分了几个方面" is answered by a count in words', async () => {
    const e = new AnswerEngine((await ingestTexts({
      'p.txt': '满洲里市2024年重点工作任务分工方案政策解读\n一、主要内容\n《分工方案》将《政府工作报告》分解为六个方面85项重点工作任务,每项均列出牵头单位。',
    })).kb);
    expect(e.ask('满洲里 分工方案分了几个方面', { now: new Date('2025-06-01T02:00:00Z') }).answer).toContain('六个方面');
  });
});

describe('a page cut off after what is asked', () => {
  it('a figure asked for must be in the clause that names it: a cut clause answers nothing', async () => {
    const e = new AnswerEngine((await ingestTexts({
      'p.txt': '南岳市质量发展规划\n一、发展目标\n到2025年,数字经济核心产业增加值占GDP比重达到12%,战略性新兴产业增加值占规模以上工业比重达',
    })).kb);
    const a = e.ask('南岳规划里战略性新兴产业增加值占规上工业比重要达到多少?', { now: new Date('2025-06-01T02:00:00Z') });
    expect(a.found).toBe(false);
    expect(e.ask('南岳数字经济核心产业增加值占GDP比重要达到多少?', { now: new Date('2025-06-01T02:00:00Z') }).answer).toContain('12%');
  });

  it('the last row of a table cut before its owner cells inherits no owners', async () => {
    const { kb } = await ingestTexts({
      'p.txt': `序号 | 实事项目 | 工作举措 | 责任单位 | 配合单位 |
1 | 新建幼儿园3所。 | 4月底前主体完工。 | 教育局 | 住建局 |
2 | 实施农村公路大中修100公里,新增公交线路3条。 | 1.农村公路大中修:7月底前开工;11月底前完工。2.新增公交线路:6月底前开通2条线路,9月底前开通第3条`,
    });
    expect(kb.tasks.map((t) => t.units)).toEqual([['教育局', '住建局'], []]);
  });
});

describe('a refusal shows the closest text', () => {
  it('says not found, then quotes the closest passage far enough to read it, cited', async () => {
    const e = new AnswerEngine((await ingestTexts({
      'p.txt': '北台县2024年质量工作要点\n一、重点工作\n(一)开展质量月活动。9月份在全县开展质量月系列宣传活动,县市场监管局组织企业开展质量开放日,邀请群众走进生产一线。',
    })).kb);
    const a = e.ask('北台质量月活动邀请谁去企业参观?', { now: new Date('2025-06-01T02:00:00Z') });
    if (!a.found) {
      expect(a.answer).toContain('没有找到');
      expect(a.answer).toContain('相近的原文');
    }
    expect(a.answer).toContain('邀请群众走进生产一线');
  });
});

describe('a count and its share', () => {
  it('the share that follows a count in the sentence is shown with it', async () => {
    const e = new AnswerEngine((await ingestTexts({
      'p.txt': '霞浦县政府工作报告落实情况督查报告\n经督查核实,欠进度的有12个,占总任务的6.5%;超进度的有8个,占总任务的4.3%。',
    })).kb);
    expect(e.ask('霞浦欠进度的有几个,占多少', { now: new Date('2025-06-01T02:00:00Z') }).answer).toContain('欠进度的有12个,占总任务的6.5%');
  });
});
