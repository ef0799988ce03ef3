import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { askedAttribute, statesAttribute } from '../../src/answer/answerability.ts';
import { understandQuestion } from '../../src/answer/understand-question.ts';
import { extractPlanMeta } from '../../src/ingest/extract-plan-meta.ts';
import { isNoiseLine, isPageLabel } from '../../src/ingest/strip-boilerplate.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Wording met on other places' pages and in staff questions (fixtures written for these tests): asking
 * words inside a question ("哪天", "最晚", "具体是"), a count of a text's parts ("从几个方面"), a plan
 * asked for by its 文号 alone, a dated title written with a word after its year, addressees that are a
 * group's members, a plan naming itself with its period, goals opened by "2020年底,", a group's member
 * list, and page furniture above a title (a site's name line, "正文", a grid's 信息名称 label, a notice's
 * name run into its addressees).
 */

const lines = (text: string) => text.split('\n').map((t, i) => ({ text: t.trim(), line: i + 1 })).filter((l) => l.text);
const meta = (text: string) => extractPlanMeta(lines(text));
const NOW = new Date('2026-12-01T02:00:00Z');
const lexicon = { plans: [], departments: [] };

describe('asking words are no content of a question', () => {
  it('哪天 / 最晚 / 哪几天 / 几部分 are taken out, the topic stays; 怎么 (what a how-question asks) stays', () => {
    expect(understandQuestion('百日行动最晚到哪天结束？', lexicon).content).toBe('百日行动 到 结束');
    expect(understandQuestion('宣传周活动时间是哪几天', lexicon).content).not.toMatch(/哪|天/);
    expect(understandQuestion('实施意见一共几部分几条', lexicon).content).not.toMatch(/几|部分/);
    expect(understandQuestion('抽查结果怎么报', lexicon).content).toContain('怎么');
  });

  it('具体 asking (具体是哪天) goes, 具体 naming (具体指标) stays', () => {
    expect(understandQuestion('方案具体是哪天印发的', lexicon).content).not.toContain('具体');
    expect(understandQuestion('具体指标去哪儿看', lexicon).content).toContain('具体指标');
  });

  it('office English: a lead unit, who is in charge, ddl, and the function words between them', () => {
    expect(understandQuestion('food safety 那条 lead department 是哪个', lexicon).text).toContain('牵头单位');
    expect(understandQuestion('民间投资那条 who is in charge', lexicon).text).toContain('责任单位');
    expect(understandQuestion('准备阶段 ddl?', lexicon).text).toContain('完成时限');
    const u = understandQuestion('service industry 重点品牌 plan to 培育 how many', lexicon);
    expect(u.content).toContain('服务业');
    expect(u.content).not.toMatch(/\bto\b/);
    expect(understandQuestion('quality month 几个部门一起搞的', lexicon).text).toContain('质量月');
  });

  it('a count of parts asked for is in those parts (方面), with or without 个', () => {
    expect(understandQuestion('从几个方面开展工作', lexicon).unit).toBe('方面');
    expect(understandQuestion('分哪几个部分', lexicon).unit).toBe('部分');
  });

  it('a lead leader field that names a body, not a person, states no person', () => {
    expect(askedAttribute('牵头领导具体是哪位副省长')).toBe('person');
    expect(statesAttribute('person', '牵头领导:省政府分管领导同志')).toBe(false);
    expect(statesAttribute('person', '牵头领导:王小明')).toBe(true);
  });
});

describe('page furniture above a plan', () => {
  it('a site’s name line and a section label are page labels, noise and no title', () => {
    expect(isPageLabel('青石法规网--中国政策信息检索网')).toBe(true);
    expect(isPageLabel('正文')).toBe(true);
    expect(isNoiseLine('正文')).toBe(true);
    expect(isPageLabel('青石市质量强市工作方案')).toBe(false);
    const m = meta('青石法规网--中国政策信息检索网\n青石市质量技术监督局关于开展电梯隐患排查专项行动的通知\n各区县质量技监局:\n现将有关事项通知如下。\n');
    expect(m.title).toBe('青石市质量技术监督局关于开展电梯隐患排查专项行动的通知');
  });

  it('"正文" above a notice is no part of its issuer; a bracketed grid gives issuer label and date', () => {
    const m = meta(
      '文章属性\n∙【制定机关】青石市人民政府办公厅\n∙【公布日期】2020.01.17\n∙【字 号】青政办〔2020〕1号\n正文\n市人民政府办公厅关于印发2020年市政府工作报告确定的主要目标任务责任分解方案的通知\n青政办〔2020〕1号\n各区人民政府,市人民政府各部门:\n现印发给你们,请认真贯彻执行。\n',
    );
    expect(m.city).toBe('青石');
    expect(m.issuer).not.toContain('正文');
    expect(m.date).toBe('2020-01-17');
  });

  it('a grid’s 信息名称 label is no part of the title', () => {
    const m = meta('信息名称:青石市市场监督管理局关于开展2019年第一批产品质量市级监督抽查的通知\n索 引 号:MB1681397/2019-00003\n文件编号:青市监办〔2019〕13号\n各辖市、区市场监督管理局:\n现将有关事项通知如下。\n');
    expect(m.title).toBe('青石市市场监督管理局关于开展2019年第一批产品质量市级监督抽查的通知');
  });

  it('a portal’s greeting, a breadcrumb and a portal’s 【tag】 are no part of a title', () => {
    expect(isPageLabel('欢迎访问青石安全生产资讯网!')).toBe(true);
    const news = meta('欢迎访问青石安全生产资讯网!\n青石市启动质量基础设施“一站式”服务试点\n来源:青石日报 发布日期:2021-07-01 17:17\n近日,青石市市场监管局批准7个单位为首批试点。\n');
    expect(news.title).toBe('青石市启动质量基础设施“一站式”服务试点');
    const portal = meta('某某首页 > 某某号 > 正文 申请入驻\n\n【青石区】关于开展第三届青石区政府质量奖申报工作的通知\n\n一、申报时间\n即日起至2026年4月30日。\n');
    expect(portal.title).toBe('关于开展第三届青石区政府质量奖申报工作的通知');
  });

  it('a notice’s name run into its addressees is its title, and names its place', () => {
    const m = meta('青石市人民政府办公室关于加强电梯质量安全工作的通知各区县人民政府、市新区管委会,市政府各工作部门:为贯彻落实有关要求,现通知如下。\n');
    expect(m.title).toBe('青石市人民政府办公室关于加强电梯质量安全工作的通知');
    expect(m.city).toBe('青石');
  });
});

describe('counts, numbers, periods and members asked of unseen plans', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    const { kb } = await ingestTexts({
      'qs.txt':
        '青石县人民政府办公室关于印发青石县推进质量强县建设工作实施方案的通知\n青政办发〔2024〕9号\n县质量强县建设协调推进领导小组各成员单位,县政府有关部门:\n现将方案印发给你们,请认真贯彻落实。\n青石县人民政府办公室\n2024年3月8日\n青石县推进质量强县建设工作实施方案\n为推进质量强县建设,出台本方案,从增强产业质量竞争力,提高产品、工程、服务质量水平,构建质量基础设施,强化质量安全保障等4方面,扎实开展质量强县建设工作。\n一、工作目标\n2026年底,全县质量总体水平明显提升,形成质量共治的工作格局。\n二、组织保障\n联席会议由县教育局、县财政局、县住建局、县应急管理局、县市场监管局组成,牵头单位为县市场监管局。\n',
      'jq.txt':
        '近日,甘肃省白河市制定下发了《白河市推进质量振兴实施方案(2010—2015年)》,明确了今后一个时期全市推进质量振兴的目标。\n方案提出,全市规模以上工业企业产品质量合格率稳定在95%以上。\n',
      'sa.txt': '2019年食品安全重点工作安排\n一、标准\n1.组建新一届食品安全国家标准评审委员会。(卫生健康委负责)\n',
      'sb.txt': '食品安全重点工作安排\n一、标准\n1.组建新一届食品安全地方标准评审委员会。(市卫生健康委负责)\n',
    });
    engine = new AnswerEngine(kb);
  });
  const ask = (q: string) => engine.ask(q, { now: NOW }).answer;

  it('how many parts a plan works in: the text’s own count, wherever the clause that names the plan is', () => {
    expect(ask('青石县推进质量强县建设工作实施方案从几个方面开展工作？')).toContain('4方面');
  });

  it('a 文号 alone asked about ("…号是啥", "…号讲的啥"): which plan it is', () => {
    const a = ask('青政办发〔2024〕9号是啥');
    expect(a).toContain('青石县推进质量强县建设工作实施方案');
    expect(ask('青政办发〔2024〕9号 讲的啥')).toContain('标题: 青石县推进质量强县建设工作实施方案');
  });

  it('a dated title written with a word after its year names that plan, not the shorter title inside it', () => {
    const a = ask('2019年国家食品安全重点工作安排里，组建新一届食品安全国家标准评审委员会谁负责？');
    expect(a).toContain('卫生健康委');
    expect(a).not.toContain('市卫生健康委');
  });

  it('addressees that are a group’s members and some departments', () => {
    expect(ask('青石质量强县方案印发给了哪些单位？')).toContain('县质量强县建设协调推进领导小组各成员单位,县政府有关部门');
  });

  it('a plan naming itself with its period where it says it was made: that period, asked as 覆盖哪个时间段', () => {
    expect(ask('白河推进质量振兴实施方案覆盖哪个时间段？')).toContain('2010—2015年');
  });

  it('goals a sentence opens with "2026年底," are set for that year', () => {
    expect(ask('青石质量强县的工作目标要在什么时候实现？')).toContain('2026年底');
  });

  it('a group’s members: the list that makes it up, not the body that leads it', () => {
    const a = ask('青石联席会议成员单位都有谁？');
    expect(a).toContain('县教育局、县财政局、县住建局、县应急管理局、县市场监管局');
  });
});

describe('grades and lists inside one named plan', () => {
  it('the A of "A级" beside Chinese is a grade, not an English article', () => {
    expect(understandQuestion('哪些市是A级', lexicon).content).toContain('A级');
    expect(understandQuestion('评为A类的企业有几家', lexicon).content).toContain('A类');
    expect(understandQuestion('what is a 目标', lexicon).content).not.toMatch(/\ba\b/i);
  });

  it('"哪些市是A级" about one named plan asks what the plan lists, and quotes the line that lists them', async () => {
    const e = new AnswerEngine((await ingestTexts({
      'p.txt': '东海省人民政府关于2024年度各市质量工作考核结果的通报\n各市人民政府,省政府各部门:\n经各市自评、省级复核,评定了考核等级。\nA级:青州、安平、临川市。\nB级:南溪、北岭市。\n',
    })).kb);
    const q = '东海省2024年度质量工作考核，哪些市是A级？';
    expect(understandQuestion(q, e.prepared.lexicon).intent).not.toBe('cross_plan');
    const a = e.ask(q, { now: NOW }).answer;
    expect(a).toContain('青州、安平、临川市');
    expect(a).not.toContain('南溪');
  });
});
