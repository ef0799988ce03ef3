import { describe, expect, it } from 'vitest';
import { findLabelledOwners, parseOwnerList, splitDepartments } from '../../src/ingest/extract-owners.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * The 责任分解表 of a government work report, as offices publish them (fixtures written for these tests):
 * a row per target group whose task cell holds numbered items, each with its own leader and owner cells;
 * pipes on lines of their own; ★ before the lead unit; owner lists spaced out by a PDF; and a 责任单位
 * list that a semicolon splits into those who lead and those who take part.
 */

describe('a row of numbered items, each with its owners', () => {
  const PIPES = `江北区人民政府关于印发2025年重点工作目标任务分解方案的通知
江北区2025年重点工作目标任务分解方案
序号
|
项目
|
重点工作目标任务
|
牵头领导
|
责任单位
|
一、全区主要预期目标
|
||||
1
|
主要预期目标
|
1.地区生产总值增长6%左右。
|
赵 一
|
★区发改委、统计局
|
2.一般公共预算收入增长4%。
|
★区财政局、税务局
|
|||
3.城镇新增就业1.2万人。
|
钱 二
孙 三
|
★区人社局
|
||
`;

  it('reads one task per item, the ★ unit leading and the leader kept apart from the units', async () => {
    const { kb } = await ingestTexts({ 'jiangbei-2025.txt': PIPES });
    const rows = kb.tasks.map((t) => [t.ref, t.text, t.lead, t.units]);
    expect(rows).toEqual([
      ['1', '地区生产总值增长6%左右。', ['区发改委'], ['区发改委', '统计局']],
      ['2', '一般公共预算收入增长4%。', ['区财政局'], ['区财政局', '税务局']],
      ['3', '城镇新增就业1.2万人。', ['区人社局'], ['区人社局']],
    ]);
  });

  const CELLS = `附件
2025年《政府工作报告》主要目标任务责任分解表
序号
目标名称
工作标准
区政府分管领导
牵头单位
配合单位
1
全区主要预期目标
(1)地区生产总值增长6%左右。
李四
发改局
经开区
科技园
(东湖街道)
统计局
(2)社会消费品零售总额增长5%。
商务局
(3)进出口总额稳中提质。
(4)全年不发生较大以上生产安全事故。
王五
应急管理局
(安委办)
区安委会各成员单位
2
建设先进制造业强区
(1)新增规上工业企业30家。
工信局
各街道
`;

  it('splits items numbered (1), (2) …; an item without owner cells shares those of the item above', async () => {
    const { kb } = await ingestTexts({ 'east-2025.txt': CELLS });
    const rows = kb.tasks.map((t) => [t.ref, t.text, t.lead, t.units]);
    expect(rows).toEqual([
      ['1(1)', '地区生产总值增长6%左右。', ['发改局'], ['发改局', '经开区', '科技园(东湖街道)', '统计局']],
      ['1(2)', '社会消费品零售总额增长5%。', ['商务局'], ['商务局']],
      ['1(3)', '进出口总额稳中提质。', ['商务局'], ['商务局']],
      ['1(4)', '全年不发生较大以上生产安全事故。', ['应急管理局(安委办)'], ['应急管理局(安委办)', '区安委会各成员单位']],
      ['2(1)', '新增规上工业企业30家。', ['工信局'], ['工信局', '各街道']],
    ]);
  });
});

describe('owner lists as pages write them', () => {
  it('joins a name a page spaced out, and splits where a whole name ends', () => {
    expect(splitDepartments('市 住建局 、资源规划 局、 大数据局')).toEqual(['市住建局', '资源规划局', '大数据局']);
    expect(splitDepartments('龙山 管委 会、各乡镇政府')).toEqual(['龙山管委会', '各乡镇政府']);
    expect(splitDepartments('市财政局 市发改委 各街道')).toEqual(['市财政局', '市发改委', '各街道']);
  });

  it('reads a spaced-out list after a label to its end', () => {
    expect(findLabelledOwners('责任单位: 市 住建局 、资源规划 局、 大数据局 、 城管局')?.units).toEqual(['市住建局', '资源规划局', '大数据局', '城管局']);
  });

  it('reads ★ as the lead mark, and never keeps it in a name', () => {
    expect(parseOwnerList('★区发改委、人社局、★农业农村局')).toMatchObject({ lead: ['区发改委', '农业农村局'], units: ['区发改委', '农业农村局', '人社局'] });
    expect(parseOwnerList('区发改委、人社局')?.lead).toEqual([]);
  });

  it('after a semicolon in 责任单位, more bodies are those who take part; a label after it is read as a label', () => {
    const o = findLabelledOwners('责任单位:市发展改革委、市商务局;市教育局、市科技局等,各县(市、区)、高新区');
    expect(o).toMatchObject({ lead: ['市发展改革委', '市商务局'], partners: ['市教育局', '市科技局', '各县(市、区)', '高新区'] });
    expect(findLabelledOwners('责任单位:市发改委;完成时限:2025年底')).toMatchObject({ lead: [], units: ['市发改委'], deadlineText: '2025年底' });
    // (A sentence after the semicolon is no list of bodies.)
    expect(findLabelledOwners('责任单位:市发改委;各地要加强统筹')?.units).toEqual(['市发改委']);
  });
});

describe('a table with a 工作要点 column, its cells after pipes', () => {
  const PAGE = `二、推动产业升级
|
工作要点
| 工作任务
| 牵头单位
| 参与单位
|
做强主导产业。
| 实施“3115”龙头培育计划,力争10家企业营收超过50亿元。
| 市工信局、市发改委
| 市“3115”工程领导小组成员单位、各县市区
|
优化产业布局。
| 推动园区整合提升,引导骨干企业向主导产业园区集聚。
| 市发改委
| 市招商局、东湖区
|
`;

  it('reads each row with its 要点 as the project; a word ending in 局 (布局) is no unit; a district is one', async () => {
    const { kb } = await ingestTexts({ 'p.txt': PAGE });
    expect(kb.tasks.map((t) => [t.text, t.lead, t.units])).toEqual([
      ['实施“3115”龙头培育计划,力争10家企业营收超过50亿元。', ['市工信局', '市发改委'], ['市工信局', '市发改委', '市“3115”工程领导小组成员单位', '各县市区']],
      ['推动园区整合提升,引导骨干企业向主导产业园区集聚。', ['市发改委'], ['市发改委', '市招商局', '东湖区']],
    ]);
    expect(kb.plans[0].title).toBeNull();
  });
});

describe('which plan a page is', () => {
  it('a page headline and its dateline, then the document\'s printed heading: the heading is the title', async () => {
    const { kb } = await ingestTexts({
      'p.txt': '当前位置:首页>规划计划\n东海市市场监督管理局2025年工作要点\n发布日期:2025-03-31 来源:市市场监管局 访问次数:\n\n2025年全市市场监督管理工作要点\n\n2025年,全市市场监管工作的总体要求是:坚持稳中求进。\n',
    });
    expect(kb.plans[0].title).toBe('2025年全市市场监督管理工作要点');
  });

  it('a province\'s campaign carried out by its city: the city named before the plan\'s kind is the place', async () => {
    const { kb } = await ingestTexts({ 'p.txt': '四川省推进食品放心工程建设雅安市实施方案\n为推进食品放心工程建设,结合我市实际,制定本方案。\n' });
    expect(kb.plans[0].city).toBe('雅安');
  });

  it('新疆生产建设兵团 is a place, and a grid\'s spaced 标  题 label is no part of the title', async () => {
    const { kb } = await ingestTexts({
      'p.txt': '发文机关: 兵团办公厅\n标  题: 兵团关于推进质量提升行动的实施意见\n\n兵团关于推进质量提升行动的实施意见\n为贯彻落实《中共中央 国务院关于开展质量提升行动的指导意见》,提出如下实施意见。\n',
    });
    expect(kb.plans[0]).toMatchObject({ city: '新疆生产建设兵团', title: '兵团关于推进质量提升行动的实施意见' });
  });
});

describe('asking for GDP where the plan spells the figure out', () => {
  it('GDP means 地区生产总值, even beside a 单位GDP能耗 line', async () => {
    const { AnswerEngine } = await import('../../src/answer/answer-engine.ts');
    const e = new AnswerEngine((await ingestTexts({
      'p.txt': '江北区2025年政府工作报告主要目标任务分解\n一、主要预期目标\n(1)地区生产总值增长6%左右。(区发改局负责)\n(2)单位GDP能耗下降3%。(区工信局负责)\n',
    })).kb);
    expect(e.ask('江北区GDP增长目标多少', { now: new Date('2025-06-01T02:00:00Z') }).answer).toContain('6%左右');
  });
});

describe('more task lists as offices write them', () => {
  it('"请各县(区)局、园区分局于…前…": a list that opens with a class of bodies owns the item', async () => {
    const { kb } = await ingestTexts({
      'p.txt': `东湖市市场监督管理局关于做好消费者教育活动的通知
各县(区)市场监管局,市局相关科室:
现就有关事项通知如下:
一、请各县(区)局、园区分局按照本通知要求,制定本地活动安排。
二、请各县市区和高新区管委会于2025年11月17日前报送活动总结。
`,
    });
    expect(kb.tasks.map((t) => [t.ref, t.units, t.deadline])).toEqual([
      ['一', ['各县(区)局', '园区分局'], null],
      ['二', ['各县市区', '高新区管委会'], '2025-11-17'],
    ]);
  });

  it('a spaced table whose task column is 重点工作任务分解 is read, its 责任领导 and 监督方式 apart from the units', async () => {
    const { kb } = await ingestTexts({
      'p.txt': `2025年度东湖高新区重点工作任务分解一览表
序号 重点工作任务分解 责任领导 责任部门 完成期限 监督方式
1 对接周边开发区,合作建设产业协作园。 张某 经济发展局 持续推进 区委、区政府
2 建立飞地园区收益分成办法。 李某、王某 科技中心、经济发展局 12月底前 区委、区政府
`,
    });
    expect(kb.tasks.map((t) => [t.ref, t.units, t.deadlineText])).toEqual([
      ['1', ['经济发展局'], '持续推进'],
      ['2', ['科技中心', '经济发展局'], '12月底前'],
    ]);
  });
});

describe('a progress table whose header breaks a period at its dash', () => {
  it('"1- 8月实际完成情况" and "完成率%" are header cells: each row is a task with its unit and progress', async () => {
    const { kb } = await ingestTexts({
      'p.txt': `东湖区2025年1-8月重点民生实事完成情况表
序号 民生实事项目名称 责任单位 目标任务 1- 8月实际完成情况   1-8月实际完成率% 备注
1 农村供水保障提升 水利局 1200人 600 50% 已完成600人
2 新增城镇就业   人社局 5000 4100 82%
3 新增养老床位 民政局 80张 60 75%
`,
    });
    expect(kb.tasks.map((t) => [t.ref, t.text, t.units])).toEqual([
      ['1', '农村供水保障提升', ['水利局']],
      ['2', '新增城镇就业', ['人社局']],
      ['3', '新增养老床位', ['民政局']],
    ]);
  });
});

describe('a plan\'s rule that the unit listed first leads', () => {
  it('applies to every task of the plan, a task of one unit too', async () => {
    const { kb } = await ingestTexts({
      'p.txt': `2025年政府工作报告重点工作责任分解
一、区长牵头重点工作
1.一般公共预算收入与经济增长基本同步。
责任单位:区财政局
2.做好轨道站点周边地块征收,完成30万平方米征拆任务。
责任单位:区房屋征收中心、区发改局、古林镇(列第一位者为牵头或汇总单位,下同)
二、常务副区长牵头重点工作
1.地区生产总值增长6%左右。
责任单位:区发改局
`,
    });
    expect(kb.tasks.map((t) => [t.lead, t.units])).toEqual([
      [['区财政局'], ['区财政局']],
      [['区房屋征收中心'], ['区房屋征收中心', '区发改局', '古林镇']],
      [['区发改局'], ['区发改局']],
    ]);
  });
});
