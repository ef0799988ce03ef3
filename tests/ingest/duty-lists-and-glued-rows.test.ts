import { describe, expect, it } from 'vitest';
import { lineOwnerSegments, splitDepartments, unitDutySegments } from '../../src/ingest/extract-owners.ts';
import { parseGluedTable } from '../../src/ingest/parse-glued-table.ts';
import { ingestTexts, engineFor } from '../helpers/ingest-texts.ts';

/**
 * Three ways fresh pages hand out work that no owner label marks (fixtures written for these tests,
 * imitating the structures seen, not copying any page): each body's duty after its name as a sentence,
 * a task table glued into one run of text, and lines that each open with who does them.
 */

const NOW = new Date('2026-12-01T02:00:00Z');

describe('a body named as a sentence, its duty after it', () => {
  const text = '各成员单位及职责如下:县林业局。负责全县林下秸秆清运的督查;负责宣传。县水务局、县供电公司。负责沿河地带的巡查,发现问题及时处置。县审计局。负责资金使用的审计监督。';

  it('gives each body its own duty, up to the next name', () => {
    const d = unitDutySegments(text)!;
    expect(d.map((x) => x.units)).toEqual([['县林业局'], ['县水务局', '县供电公司'], ['县审计局']]);
    expect(d[1].duty).toBe('负责沿河地带的巡查,发现问题及时处置。');
  });

  it('needs two such names: one short sentence that happens to be a name is no list', () => {
    expect(unitDutySegments('请县林业局。负责全县的督查。')).toBeNull();
    expect(unitDutySegments('加强领导。负责全县的督查。做好宣传。负责培训。')).toBeNull();
  });

  it('answers who does a duty, and what a body must do', async () => {
    const e = await engineFor({ 'a.txt': `某县秸秆清理工作方案\n一、目标\n全年不发生露天焚烧。\n二、职责分工\n${text}\n` });
    const who = e.ask('沿河地带的巡查由谁负责?', { now: NOW });
    expect(who.answer).toContain('县水务局');
    expect(who.answer).toContain('县供电公司');
    expect(who.answer).not.toContain('县审计局');
    expect(e.ask('县审计局要做什么?', { now: NOW }).answer).toContain('资金使用的审计监督');
  });
});

describe('a task table glued into one run of text', () => {
  const line =
    '某市垃圾减量重点任务责任分工表序号工作内容目标任务责任单位备注1加强垃圾减量宣传,开展入户指导。2022年3月底前,居民知晓率达到85%以上。市委宣传部、市城管委,市妇联等部门,各区县政府2完善回收网点布局,开展2轮评估。2022年6月底前,建成回收网点300个。市商务局,市住建局、各区县政府3规范有害垃圾处置。2022年9月底前,出台处置办法。市生态环境局';

  it('reads rows 1, 2, 3 in turn, each closed by its owner cell — a figure inside a task starts no row', () => {
    const rows = parseGluedTable(line)!;
    expect(rows.map((r) => r[0])).toEqual(['序号', '1', '2', '3']);
    expect(rows[2][1]).toBe('完善回收网点布局,开展2轮评估。2022年6月底前,建成回收网点300个。');
    expect(rows[2][2]).toBe('市商务局,市住建局、各区县政府');
    expect(rows[3][2]).toBe('市生态环境局');
  });

  it('a header with separate lead and partner columns is left alone (glued cells cannot be told apart)', () => {
    expect(parseGluedTable('序号工作内容牵头单位配合单位1加强宣传。市委宣传部市城管委2规范处置。市生态环境局市公安局')).toBeNull();
  });

  it('becomes tasks with their units and the deadline their text states', async () => {
    const { kb } = await ingestTexts({ 'b.txt': `${line}\n` });
    const t = kb.tasks.find((x) => x.text.startsWith('完善回收网点布局'))!;
    expect(t.units).toEqual(['市商务局', '市住建局', '各区县政府']);
    expect(t.lead).toEqual([]);
    expect(t.deadline).toBe('2022-06');
  });
});

describe('lines that each open with who does them', () => {
  const text = [
    '区城管局负责,区市场监管局、区商务局配合,清理市场周边占道经营。',
    '2009年5月1日前',
    '区商务局、区城管局负责督促业主完成公厕改造.',
    '2009年6月30日前',
    '区卫生局负责,各街道办事处(乡)配合,做好病媒生物防制.',
  ].join('\n');

  it('one task a line, the date line below joining the line above', () => {
    const s = lineOwnerSegments(text)!;
    expect(s).toHaveLength(3);
    expect(s[0].owners).toMatchObject({ lead: ['区城管局'], units: ['区城管局', '区市场监管局', '区商务局'] });
    expect(s[0].text).toContain('2009年5月1日前');
    expect(s[1].owners).toMatchObject({ lead: [], units: ['区商务局', '区城管局'] });
    expect(s[2].owners.units).toEqual(['区卫生局', '各街道办事处(乡)']);
  });

  it('one body named on every line hands out nothing', () => {
    expect(lineOwnerSegments('区城管局负责,清理占道经营。\n区城管局负责,规范停车。')).toBeNull();
  });

  it('answers the owner and the deadline of each line', async () => {
    const e = await engineFor({ 'c.txt': `某区创卫工作责任分解表\n一、市场环境\n${text}\n` });
    const a = e.ask('公厕改造由谁督促?什么时候完成?', { now: NOW });
    expect(a.answer).toContain('区商务局、区城管局');
    expect(a.answer).toContain('2009年6月30日前');
    expect(a.answer).not.toContain('区卫生局');
  });

  it('"X和各街道办事处(乡)": 和 joins two bodies, the second with a note on its name', () => {
    expect(splitDepartments('商务局和各街道办事处(乡)')).toEqual(['商务局', '各街道办事处(乡)']);
    expect(splitDepartments('住房和城乡建设局')).toEqual(['住房和城乡建设局']);
  });
});

describe('老字号 is a trade name, not a document number', () => {
  it('a question about 老字号 is not answered with the plan\'s 文号', async () => {
    const e = await engineFor({
      'd.txt': '平原市人民政府办公厅关于支持老字号发展的实施意见\n平政办〔2023〕9号\n一、重点任务\n1.加强老字号资源挖掘。开展老字号调查摸底,系统梳理老字号品牌延续、技艺传承等情况。(责任单位:市商务局、市文化广电和旅游局)\n',
    });
    const a = e.ask('平原老字号资源挖掘由哪些单位负责?', { now: NOW });
    expect(a.answer).toContain('市商务局');
    expect(a.answer).not.toContain('平政办〔2023〕9号');
    expect(e.ask('平原老字号那个意见的文号是多少?', { now: NOW }).answer).toContain('平政办〔2023〕9号');
  });
});

describe('a plan that sorts its work by who does it', () => {
  it('"一、市知识产权局" over numbered items: the body does each item (named, not marked as lead)', async () => {
    const { kb } = await ingestTexts({
      'e.txt': '2024年知识产权强市推进计划\n为做好全年工作,制定本计划。\n一、市知识产权局\n1.制定全市知识产权强市建设年度推进计划并组织实施。\n2.组织与全国同步开展知识产权宣传周系列活动。\n二、市委宣传部\n1.组织新闻媒体开展知识产权保护集中宣传报道。\n',
    });
    const t = kb.tasks.find((x) => x.text.startsWith('组织与全国同步开展'))!;
    expect(t).toMatchObject({ lead: [], units: ['市知识产权局'] });
    expect(kb.tasks.find((x) => x.text.includes('组织新闻媒体'))?.units).toEqual(['市委宣传部']);
  });

  it('a heading that does something ("成立工作领导小组") is no body over items', async () => {
    const { kb } = await ingestTexts({
      'f.txt': '某市重点项目安排\n一、成立工作领导小组\n1.由市长任组长,分管副市长任副组长,负责统筹协调。\n2.领导小组办公室设在市发展改革委员会。\n二、东城区政府\n(一)重点项目(4个)。\n(二)预备项目(2个)。\n',
    });
    expect(kb.tasks.some((x) => x.units.includes('成立工作领导小组'))).toBe(false);
  });
});

describe('a plan\'s own rule for its lists', () => {
  it('"逗号前为牵头单位": the units before a list\'s first comma lead, for every task of the plan', async () => {
    const { kb } = await ingestTexts({
      'g.txt': '平原市2022年政务公开重点工作任务分工方案\n一、强化重点领域信息公开\n(一)加强稳增长信息公开。及时发布重点项目实施情况。(责任单位:市发展改革委、市商务局,各区县政府、高新区管委会。逗号前为牵头单位,下同)\n(二)加强调结构信息公开。及时发布产业政策。(责任单位:市经济和信息化局,各区县政府)\n',
    });
    expect(kb.tasks.find((t) => t.text.startsWith('加强稳增长'))).toMatchObject({ lead: ['市发展改革委', '市商务局'], units: ['市发展改革委', '市商务局', '各区县政府', '高新区管委会'] });
    expect(kb.tasks.find((t) => t.text.startsWith('加强调结构'))?.lead).toEqual(['市经济和信息化局']);
  });

  it('without that rule a comma marks no lead', async () => {
    const { kb } = await ingestTexts({ 'h.txt': '平原市工作方案\n一、任务\n(一)加强信息公开。及时发布政策。(责任单位:市发展改革委、市商务局,各区县政府)\n' });
    expect(kb.tasks[0].lead).toEqual([]);
  });

  it('a bracket that defines a short form is no part of the name', () => {
    expect(splitDepartments('市农委、各区县〔自治县,以下简称区县〕政府')).toEqual(['市农委', '各区县政府']);
  });
});

describe('a step whose sentence opens with a verb', () => {
  it('"充分发挥责任单位在…主体作用" hands the item to no body called 充分发挥责任单位', async () => {
    const { kb } = await ingestTexts({ 'i.txt': '某县河湖长制工作要点\n一、重点工作\n(一)强化工作协同。充分发挥责任单位在河湖管理中的主体作用,加强问题排查整治。\n(二)加强巡查。县河长办负责组织巡查。\n' });
    expect(kb.tasks.some((t) => t.units.some((u) => u.startsWith('充分发挥')))).toBe(false);
  });
});
