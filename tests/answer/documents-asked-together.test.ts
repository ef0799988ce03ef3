import { describe, expect, it } from 'vitest';
import { askedDocAttributes } from '../../src/answer/answer-doc-facts.ts';
import { names } from '../../src/answer/format.ts';
import { engineFor } from '../helpers/ingest-texts.ts';

/**
 * Questions about documents as a set or two at a time: several facts of one document in one question,
 * two documents each asked its own thing, a place named by its short form after 和, the level of
 * government that issued them (fixtures written for these tests).
 */

const NOW = new Date('2026-12-01T02:00:00Z');

describe('which facts of a document a question asks for', () => {
  it('reads every attribute a question asks, the issuing verb shared by the two', () => {
    expect(askedDocAttributes('这个方案是哪个单位、哪天印发的?')).toEqual(['signed', 'issuer']);
    expect(askedDocAttributes('菜篮子意见是哪天印发、哪天挂网的?')).toEqual(['signed', 'published']);
    expect(askedDocAttributes('要点啥时候印发的 经过什么会审议')).toEqual(['signed', 'approval']);
    expect(askedDocAttributes('新闻是几号发布的、哪家报纸?')).toEqual(['signed', 'source', 'published']);
  });

  it('"是谁印发给各区的" asks who sent it; "印发给了哪些单位" to whom', () => {
    expect(askedDocAttributes('实施方案是谁印发给各区的?')).toEqual(['issuer']);
    expect(askedDocAttributes('行动计划是由哪个单位印发给各市县的?')).toEqual(['issuer']);
    expect(askedDocAttributes('这个方案印发给了哪些单位')).toEqual(['addressees']);
  });

  it('"是几号文,依据市里哪个文": the plan\'s own 文号 and the document it implements; "依据的文件文号" only the latter', () => {
    expect(askedDocAttributes('民生实事那个通知是几号文,依据市里哪个文?')).toEqual(['docNo', 'implements']);
    expect(askedDocAttributes('依据的文件文号是什么')).toEqual(['implements']);
  });
});

const PLANS = {
  'xz.txt':
    '青禾镇2026年度安全生产专项整治工作计划\n一、整治安排\n1月份整治烟花爆竹行业,责任单位:安监站。\n二、工作要求\n(一)各有关责任单位每月26日前,向镇安委会上报专项整治工作总结。\n',
  'jg.txt':
    '2026年夏秋两季秸秆禁烧工作方案\n一、工作措施\n(一)加强巡查。各村要坚持24小时巡回检查,发现火点立即处置。\n',
  'hub.txt':
    '湖北省推进实施企业首席质量官制度\n发布时间:2026-10-25 16:48:00来源: 楚天日报\n10月24日从省市场监管局获悉,该局发布《关于推进企业首席质量官制度实施的指导意见》,要求在重点行业全面推进首席质量官制度。\n',
  'wz.txt':
    '我局制定了《2026年绿色优质农产品高质量发展工作方案》,梧州市农业农村局办公室2026年4月8日(此件公开发布)2026年绿色优质农产品高质量发展工作方案为推动绿色优质农产品高质量发展,制定本方案。一、到2026年底,全市绿色食品原料基地达到10个。\n',
  'bs.txt':
    '(二OO八年二月二十六日)\n宝府办〔2008〕18号\n各镇人民政府,各街道办事处:\n2008年区政府主要工作任务分解为7大方面、80项。\n',
};

describe('documents as an office has them', () => {
  it('"A和B,一个要求…,一个要求…": the first ask of the first document, the second of the second', async () => {
    const a = (await engineFor(PLANS)).ask('青禾镇安全生产整治和秸秆禁烧方案,一个要求每月什么时候报总结,一个要求各村坚持多少小时巡回检查?', { now: NOW });
    expect(a.answer).toContain('每月26日前');
    expect(a.answer).toContain('24小时');
  });

  it('a news page gives its date and its paper; a 落款 run into the text names its issuer and city', async () => {
    const e = await engineFor(PLANS);
    const news = e.ask('湖北首席质量官意见是几号发布的、哪家报纸?', { now: NOW });
    expect(news.answer).toContain('2026-10-25');
    expect(news.answer).toContain('楚天日报');
    expect(news.answer).not.toContain('来源: 楚天日报;');
    const wz = e.ask('梧州绿色优质农产品方案是哪个单位、哪天印发的?', { now: NOW });
    expect(wz.answer).toContain('梧州市农业农村局办公室');
    expect(wz.answer).toContain('2026年4月8日');
    expect(wz.answer).toContain('《2026年绿色优质农产品高质量发展工作方案》');
  });

  it('a date in brackets under the title, in Chinese numerals written with the letter O, is the document\'s date', async () => {
    const a = (await engineFor(PLANS)).ask('宝府办2008 18号 哪天发的', { now: NOW });
    expect(a.answer).toContain('二OO八年二月二十六日');
  });
});

describe('the level of government that issued the loaded plans', () => {
  const LEVELS = {
    ...PLANS,
    'ab.txt': '阿坝州农产品质量安全实施方案\n一、到2027年,全州农产品质量安全监测合格率稳定在98%以上。\n',
    'yb.txt': '渝北区2026年重点民生实事工作目标任务\n一、确定2026年实施33项重点民生实事项目。\n',
  };

  it('"哪些是自治州层面印发的", "乡镇一级印发的计划有哪些": the plans of that level, each listed', async () => {
    const e = await engineFor(LEVELS);
    const zhou = e.ask('这批计划里哪些是自治州层面印发的?', { now: NOW });
    expect(zhou.answer).toContain('阿坝藏族羌族自治州');
    expect(zhou.answer).not.toContain('渝北');
    const town = e.ask('这批里面乡镇一级印发的计划有哪些', { now: NOW });
    expect(town.answer).toContain('青禾镇');
    expect(town.answer).not.toContain('阿坝');
  });

  it('"县一级的民生实事文件有哪几个": of that level, the plans whose title holds the kind asked', async () => {
    const e = await engineFor(LEVELS);
    const a = e.ask('县一级的民生实事文件有哪几个', { now: NOW });
    expect(a.answer).toContain('县一级的民生实事的共1个');
    expect(a.answer).toContain('渝北区');
    expect(e.ask('县一级的营商环境文件有哪几个', { now: NOW }).answer).not.toContain('一级的营商环境的共');
  });

  it('"方案说推动哪些县级城市" asks what a plan says, not which plans are of a level', async () => {
    const a = (await engineFor(LEVELS)).ask('方案说推动哪些县级城市?', { now: NOW });
    expect(a.answer).not.toContain('一级的共');
  });

  it('a county by its short name after 和 and before a year is a place of its own', async () => {
    const a = (await engineFor(LEVELS)).ask('渝北2026年民生实事和宝山2008年政府工作任务分解,各有多少项?', { now: NOW });
    expect(a.answer).toContain('33项');
    expect(a.answer).toContain('80项');
  });
});

describe('places sharing one body', () => {
  it('are said as the plan says them; other names as they are', () => {
    expect(names(['海东市发展改革部门', '兰州市发展改革部门', '临夏州发展改革部门', '市水利局'])).toBe('海东市、兰州市、临夏州发展改革部门、市水利局');
    expect(names(['区财政局', '区税务局'])).toBe('区财政局、区税务局');
  });
});

describe('figures and items asked as the plan writes them', () => {
  const GOALS = {
    'sd.txt': '云岭省加快科技强省建设的实施意见\n一、主要目标\n到2027年,全省高新技术企业突破4万家,力争达到5万家,科技型中小企业入库企业突破5万家,力争达到6万家。\n',
    'ny.txt': '关于全县农业农村工作重点任务的指导意见\n一、稳定粮食生产\n(一)在旱作区推广地膜覆盖技术,确保大豆16.2万亩、油料3.4万亩种植任务落地见效。\n',
    'dz.txt': '德州市共建共享好品山东推动高质量发展实施意见\n一、重点任务\n(一)大力实施质量强市和品牌战略。各县(市、区)要把品牌建设列入重要议事日程。(市市场监管局牵头,市发展改革委配合)\n(二)大力实施标准化战略。推动企业参与标准制定。\n',
  };

  it('a goal and the one striven for ("突破4万家,力争达到5万家") are answered together', async () => {
    const a = (await engineFor(GOALS)).ask('云岭到2027年高新技术企业数量目标是多少?', { now: NOW });
    expect(a.answer).toContain('4万家');
    expect(a.answer).toContain('5万家');
  });

  it('"指导意见:大豆、油料种植任务各多少万亩": each crop after the plan\'s own name', async () => {
    const a = (await engineFor(GOALS)).ask('农业农村工作指导意见:大豆、油料种植任务各多少万亩?', { now: NOW });
    expect(a.answer).toContain('16.2万亩');
    expect(a.answer).toContain('3.4万亩');
  });

  it('a quoted item names it: another item\'s lead is no answer', async () => {
    const a = (await engineFor(GOALS)).ask('德州好品山东意见第二条“大力实施标准化战略”是哪个单位牵头?', { now: NOW });
    expect(a.found).toBe(false);
    expect(a.answer.split('相近的原文')[0]).not.toContain('市市场监管局');
  });
});

describe('each plan\'s targets of a year', () => {
  const TWO = {
    'sp.txt': '青州市贯彻计量发展规划实施方案\n一、主要目标\n到2025年,强检项目建标覆盖率达到70%,引导培育诚信计量示范单位200家。到2030年,诚信计量示范单位达到300家。\n',
    'qh.txt': '白沙省知识产权强省建设实施意见\n一、发展目标\n到2025年,每万人口高价值发明专利拥有量达到1.25件,知识产权质押融资登记金额新增12亿元。\n',
  };

  it('"A和B,各自2025年的量化目标有哪些": each plan lists its own targets of that year', async () => {
    const a = (await engineFor(TWO)).ask('青州计量方案和白沙知识产权意见,各自2025年的量化目标有哪些?', { now: NOW });
    for (const f of ['70%', '200家', '1.25件', '12亿元']) expect(a.answer).toContain(f);
    expect(a.answer).not.toContain('300家');
  });
});
