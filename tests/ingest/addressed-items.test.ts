import { describe, expect, it } from 'vitest';
import { extractOwners, findAddressedOwners } from '../../src/ingest/extract-owners.ts';
import { parseOutline, walkOutline } from '../../src/ingest/parse-outline.ts';
import { parseDeadlineIn } from '../../src/ingest/parse-dates.ts';
import { readHeader } from '../../src/ingest/parse-task-table.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Owner idioms of notices and duty lists from other places (fixtures written for these tests): labels that
 * name who supplies figures, 主要协作单位, a body's duty list under "X职责", items addressed to a class of
 * bodies, activity tables with periods, and score tables whose only units are the examiners.
 */

const tasksOf = async (text: string) => (await ingestTexts({ 'p.txt': text })).kb.tasks;

describe('labels beside the owners', () => {
  it('数据提供单位 names who supplies the figure, not who owns the task', () => {
    const o = extractOwners('(四)财政收入增长8%。(牵头领导:王某某,牵头单位:市财政局,责任单位:市税务局,数据提供单位:市统计局)');
    expect(o).toMatchObject({ lead: ['市财政局'], units: ['市财政局', '市税务局'] });
  });

  it('主要协作单位 is a partner label', () => {
    const o = extractOwners('1.推进养老服务业发展。\n牵头责任单位:县民政局\n主要协作单位:各乡镇人民政府、县政府有关部门');
    expect(o).toMatchObject({ lead: ['县民政局'], partners: ['各乡镇人民政府', '县政府有关部门'] });
  });

  it("the task text keeps none of the leader's label", async () => {
    const tasks = await tasksOf('明州市2025年目标任务分解\n一、主要目标\n(一)财政收入增长8%。(牵头领导:王某某,牵头单位:市财政局,责任单位:市税务局)\n(二)研发投入增长12%。(牵头领导:李某某,牵头单位:市科技局)');
    expect(tasks.map((t) => t.text)).toEqual(['财政收入增长8%。', '研发投入增长12%。']);
  });
});

describe('a body named by its duty heading', () => {
  const text = `明州市森林火灾应急预案
一、组织体系
(一)指挥机构
(1)市气象局:负责提供火场天气预报。
(2)市交通局:负责调集应急运输工具。
(二)日常办事机构
1.市指挥部办公室
市指挥部下设办公室,设在市林业局。
2.市指挥部办公室职责
(1)负责本预案的制订、修订和实施。
(2)做好森林火灾信息监测工作。
(3)汇总全市森林防火工作信息。
(三)前线指挥机构
前线指挥部由市指挥部派出有关领导组成。`;

  it('a list that starts again at (1) below "2.…职责" is that heading\'s own list', () => {
    const root = parseOutline(text.split('\n').map((t, i) => ({ text: t, line: i + 1 })));
    const duty = [...walkOutline(root)].find((n) => n.title === '市指挥部办公室职责')!;
    expect(duty.children.map((c) => c.label)).toEqual(['(1)', '(2)', '(3)']);
    expect([...walkOutline(root)].find((n) => n.title === '前线指挥机构')?.parent?.title).toBe('组织体系');
  });

  it('each item of "X职责" is a task of X', async () => {
    const tasks = await tasksOf(text);
    const office = tasks.filter((t) => t.units.includes('市指挥部办公室'));
    expect(office.map((t) => t.ref)).toEqual(['(1)', '(2)', '(3)']);
    expect(tasks.find((t) => t.text.startsWith('负责调集'))?.units).toEqual(['市交通局']);
    // (A body's own duties name no lead: nothing marks one.)
    expect(office.every((t) => t.lead.length === 0)).toBe(true);
  });
});

describe('items addressed to a class of bodies', () => {
  it('"三、各项目承担单位请于…前…" is a task of 各项目承担单位 with its deadline', async () => {
    const tasks = await tasksOf(`明州市市场监管局关于下达2025年市级标准化试点项目的通知
各有关单位:
现将2025年市级标准化试点项目下达给你们,并就有关事项通知如下:
一、各相关单位要按照试点项目管理办法要求,认真组织项目实施。
二、作为项目建设的各管理和指导单位要加强日常管理,请于10月底前开展一次上门服务。
三、各项目承担单位请于2025年11月15日前提交项目任务书。
四、项目建设周期为两年。`);
    expect(tasks.map((t) => [t.ref, t.units, t.lead, t.deadlineText])).toEqual([
      ['一', ['各相关单位'], [], null],
      ['二', ['各管理和指导单位'], [], '10月底前'],
      ['三', ['各项目承担单位'], [], '2025年11月15日前'],
    ]);
  });

  it('only an item that opens with them: exhortation inside a paragraph is no assignment', () => {
    expect(findAddressedOwners('请各旗县主管部门要高度重视,认真做好申报组织工作。')?.units).toEqual(['各旗县主管部门']);
    expect(findAddressedOwners('为做好申报工作,各单位要高度重视。')).toBeNull();
  });

  it('"( 二)" with a space inside its bracket is still a marker', () => {
    const root = parseOutline([{ text: '(一)甲事项。', line: 1 }, { text: '( 二)乙事项。', line: 2 }]);
    expect(root.children.map((c) => c.label)).toEqual(['(一)', '(二)']);
  });
});

describe('tables of activities and of scores', () => {
  it('a period is due at its end', () => {
    expect(parseDeadlineIn('9月1日-2日', 2025)).toBe('2025-09-02');
    expect(parseDeadlineIn('5-12月', 2025)).toBe('2025-12');
    expect(parseDeadlineIn('2025年3月至2026年6月', null)).toBe('2026-06');
  });

  it('an activity table: 活动时间 is the deadline column, 办公室 a unit, a period a date cell', async () => {
    const tasks = await tasksOf(`2025年明州市“质量月”活动方案
一、活动安排
序号
活动内容
活动时间
牵头部门
协助部门
1
群发“质量月”公益短信5000条
9月1日-2日
质量股、办公室
 
2
组织企业参加质量官培训
9月
质量股
标准股`);
    expect(tasks.map((t) => [t.text, t.lead, t.units, t.deadlineText])).toEqual([
      ['群发“质量月”公益短信5000条', ['质量股', '办公室'], ['质量股', '办公室'], '9月1日-2日'],
      ['组织企业参加质量官培训', ['质量股'], ['质量股', '标准股'], '9月'],
    ]);
  });

  it('建设时间 is a deadline column, and a year alone its cell', async () => {
    const tasks = await tasksOf(`明州县2025年十大民生实事项目清单
序号
项目名称
建设地点
建设时间
建设内容
责任单位
1
城北小学门前道路建设项目
城北街道
2025
建成道路800米。
县住建局`);
    expect(tasks.map((t) => [t.units, t.lead, t.deadlineText])).toEqual([[['县住建局'], [], '2025']]);
  });

  it('who scores a task owns it only when the table names no one else', () => {
    expect(readHeader(['项目', '目标任务', '监考单位'])).toEqual(['project', 'text', 'units']);
    expect(readHeader(['项目', '目标任务', '责任单位', '考核单位'])).toEqual(['project', 'text', 'units', 'ignore']);
  });
});

describe('activity items and phases', () => {
  it('an item whose sub-items are its fields (活动时间 / 活动内容 / 组织单位) is one task', async () => {
    const tasks = await tasksOf(`东州县2025年“安全生产月”活动方案
一、活动安排
(一)开展安全生产警示教育周活动
1.活动时间:6月1日至6月7日。
2.活动内容:各乡镇组织企业开展警示教育活动。
3.组织单位:各乡镇人民政府,县直有关部门和单位。
(二)开展安全文化周系列活动
1.活动时间:6月8日至6月14日。
2.活动内容:推动安全社区创建。
3.组织单位:各乡镇人民政府、县总工会。`);
    expect(tasks.map((t) => [t.ref, t.text, t.units, t.deadlineText])).toEqual([
      ['(一)', '开展安全生产警示教育周活动', ['各乡镇人民政府', '县直有关部门和单位'], '6月1日至6月7日'],
      ['(二)', '开展安全文化周系列活动', ['各乡镇人民政府', '县总工会'], '6月8日至6月14日'],
    ]);
  });

  it('a phase item: the bodies that open it, and the period in its heading as its deadline', async () => {
    const tasks = await tasksOf(`东州县关于开展城乡环境卫生整治活动的通知
一、活动步骤
1、宣传发动阶段(1月8日-9日)。县创建全国文明县城办(以下简称县创建办)、县爱卫办制定活动实施方案,组织召开动员大会。
2、集中整治阶段(1月10日-12日)。东州镇人民政府、县直机关各单位要对本单位责任区进行集中整治。`);
    expect(tasks.map((t) => [t.units, t.deadlineText])).toEqual([
      [['县创建全国文明县城办', '县爱卫办'], '1月8日-9日'],
      [['东州镇人民政府', '县直机关各单位'], '1月10日-12日'],
    ]);
    expect(tasks[0].text).toContain('县爱卫办制定活动实施方案');
  });

  it('an event on a day at a place: that day is the item\'s time', async () => {
    const tasks = await tasksOf(`东州市食品安全宣传周活动方案
一、活动内容
(一)宣传周启动仪式。6月17日上午,在市人民广场举办启动仪式。(责任单位:市政府食安办、市商务局)`);
    expect(tasks[0].deadlineText).toBe('6月17日上午');
  });

  it('"X牵头,会同Y…": X leads, Y takes part', () => {
    expect(extractOwners('为贯彻落实有关规划,市卫健委牵头,会同市教体局起草了行动方案。')).toMatchObject({ lead: ['市卫健委'], units: ['市卫健委', '市教体局'], partners: ['市教体局'] });
  });

  it('组织单位 is an owner label', () => {
    expect(extractOwners('3.组织单位:各乡镇人民政府,县直有关部门和单位。')?.units).toEqual(['各乡镇人民政府', '县直有关部门和单位']);
  });
});

describe('a time the text names', () => {
  it('"申报时间为2月16日-3月16日" is the item\'s time when no deadline is written', async () => {
    const tasks = await tasksOf(`东州市2025年地方标准制订计划项目征集通知
一、征集要求
(一)2025年度地方标准制订计划项目申报时间为2月16日-3月16日,逾期不予受理。(责任单位:市市场监管局)`);
    expect(tasks[0].deadlineText).toBe('2月16日-3月16日');
  });
});
