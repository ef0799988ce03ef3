import { describe, expect, it } from 'vitest';
import { askedDocAttributes, withoutTitles } from '../../src/answer/answer-doc-facts.ts';
import { askedAttribute, statesAttribute } from '../../src/answer/answerability.ts';

describe('what a question asks for', () => {
  it('reads the attribute without the words of the plan’s own name', () => {
    const title = '知识产权强国建设年度推进计划';
    const q = '知识产权强国建设年度推进计划里,地理标志立法论证归哪些部门?';
    expect(askedAttribute(withoutTitles(q, [title]))).toBe('owner');
    // A 文号 question on a plan whose name says 国家 asks for its own number, not a cited one.
    expect(askedDocAttributes('明州市国家知识产权强市建设方案的文号是多少', ['明州市国家知识产权强市建设方案'])).toEqual(['docNo']);
    expect(askedDocAttributes('明州方案依据的国家文件文号是多少', ['明州市国家知识产权强市建设方案'])).toEqual(['implements']);
    // Removing a name keeps apart what stood apart ("落实<name>的通知" is no 落实的).
    expect(withoutTitles('郧阳分解落实2023年区政府工作目标任务的通知', ['2023年区政府工作目标任务落实责任分解表'])).toBe('郧阳分解落实 的通知');
  });

  it('tells when comments are due from when the call for comments was issued', () => {
    expect(askedDocAttributes('质量强区方案征求意见公告是哪天发的')).toEqual(['signed']);
    expect(askedDocAttributes('征求意见到什么时候截止')).toContain('commentDeadline');
    expect(askedDocAttributes('这份方案现在是什么稿')).toEqual(['title']);
  });

  it('answers 什么时候 with a point in time, not a duration; 多久 with either', async () => {
    const { asksForPointInTime } = await import('../../src/answer/answerability.ts');
    expect(asksForPointInTime('审批时间压缩至90个工作日以内的时间节点是什么时候')).toBe(true);
    expect(asksForPointInTime('为期多久')).toBe(false);
    expect(statesAttribute('date', '全流程审批时间压缩至90个工作日以内', true)).toBe(false);
    expect(statesAttribute('date', '到2019年6月底,审批时间压缩至90个工作日以内', true)).toBe(true);
    expect(statesAttribute('date', '完成时限2027年12月', true)).toBe(true);
    expect(statesAttribute('date', '全流程审批时间压缩至90个工作日以内')).toBe(true);
  });

  it('asks for money only with an amount in 元', () => {
    expect(askedAttribute('临空经济示范区建设今年安排了多少预算资金')).toBe('money');
    expect(askedAttribute('质押融资贷款要达到多少亿元')).toBe('money');
    expect(statesAttribute('money', '旅客吞吐量1370万人次')).toBe(false);
    expect(statesAttribute('money', '年度投资4930万元')).toBe(true);
    expect(askedDocAttributes('方案的文件编号是多少')).toEqual(['docNo']);
  });

  it('counts a 牵头领导 label as naming persons, and a lone 一 as no figure', () => {
    expect(statesAttribute('person', '一、主要经济指标(牵头领导:成坤、柯相国)')).toBe(true);
    expect(statesAttribute('quantity', '二是建立一个共享平台')).toBe(false);
    expect(statesAttribute('quantity', '新建三个服务站')).toBe(true);
  });
});

describe('questions that enumerate', () => {
  it('哪几个/那几个 X ask for names, not a number nor an owner — unless X is a body', () => {
    expect(askedAttribute('要求建立健全哪几个监管机制')).toBe('text');
    expect(askedAttribute('方案说要建的那几个基地都有啥')).toBe('text');
    expect(askedAttribute('由哪几个部门负责')).toBe('owner');
    expect(askedAttribute('要新建几个基地')).toBe('quantity');
  });
});

describe('place names staff use', () => {
  it('names an autonomous banner by its people and an autonomous prefecture by 州', async () => {
    const { shortPlaceName } = await import('../../src/kb/place-names.ts');
    expect(shortPlaceName('鄂温克族自治旗')).toBe('鄂温克');
    expect(shortPlaceName('巴音郭楞蒙古自治州')).toBe('巴音郭楞');
    const { buildLexicon } = await import('../../src/answer/understand-question.ts');
    const kb = { plans: [{ file: 'a.txt', city: '巴音郭楞蒙古自治州', docNo: null }], departments: { entries: () => [], aliasesOf: () => [] } };
    expect(buildLexicon(kb as never).plans.map(([n]) => n)).toContain('巴州');
  });
});

describe('search keys', () => {
  it('finds a record by a key word it writes, whatever its segmentation', async () => {
    const { ingestTexts } = await import('../helpers/ingest-texts.ts');
    const { AnswerEngine } = await import('../../src/answer/answer-engine.ts');
    const { kb } = await ingestTexts({ 'a.txt': ['关山县2024年民生实事项目清单', '各镇要实施老旧管网改造,完善小区配套项目。', '序号', '项目名称', '责任单位', '1', '关山县2024年老旧小区改造项目', '住建局', '2', '城北小学门前道路建设项目', '交通局'].join('\n') });
    const a = new AnswerEngine(kb).ask('关山县老旧小区改造项目由哪个单位负责', { now: new Date('2024-06-01') });
    expect(a.answer).toContain('住建局');
    expect(a.answer).not.toContain('交通局');
  });
});

describe('a count of years', () => {
  it('"连续三年" / "连续4年" answers 连续几年; a year alone does not', () => {
    expect(statesAttribute('quantity', '标准化工作连续三年考核为优秀等次')).toBe(true);
    expect(statesAttribute('quantity', '计量工作连续4年在全省排名靠前')).toBe(true);
    expect(statesAttribute('quantity', '2023年计量工作在全省排名靠前')).toBe(false);
  });
});
