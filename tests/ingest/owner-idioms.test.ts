import { describe, expect, it } from 'vitest';
import { extractOwners, subjectSegments } from '../../src/ingest/extract-owners.ts';
import { findCellTables } from '../../src/ingest/parse-cell-lines.ts';
import { parseTaskTable } from '../../src/ingest/parse-task-table.ts';
import { findPlanPlace } from '../../src/ingest/find-plan-place.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/** Owner idioms and plan identity seen on real pages of other places (fixtures written for these tests). */

describe('a label whose value carries its own role words', () => {
  it('责任单位:X牵头,Y、Z配合 — the value decides lead and partners', () => {
    const o = extractOwners('开展涉重金属企业排查整治。\n责任单位:市环保局牵头,市发改委、市经信委配合。');
    expect(o).toMatchObject({ lead: ['市环保局'], units: ['市环保局', '市发改委', '市经信委'], partners: ['市发改委', '市经信委'] });
  });

  it('a plain value keeps the label role: several 责任单位 have no lead', () => {
    expect(extractOwners('(责任单位:市质监局、市工商局)')).toMatchObject({ lead: [], units: ['市质监局', '市工商局'] });
  });

  it('list notes are no units: "…(以下工作都涉及县区党委政府责任),不再列出"', () => {
    const o = extractOwners('建立责任清单。〔责任单位:市委办、市食安办,各县区党委政府(以下工作都涉及县区党委政府责任),不再列出〕');
    expect(o?.units).toEqual(['市委办', '市食安办', '各县区党委政府']);
  });
});

describe('duties handed out sentence by sentence', () => {
  const text =
    '各部门要明确责任。区委办公室负责把完成情况列入年度考评;区政府办公室负责按月督查并通报;区纪委(区监委)负责跟踪问效,对明显滞后的单位追责。各部门、各单位要强化担当。';

  it('one task per sentence that opens with its body; the lead-in and generic subjects are no tasks', () => {
    const segs = subjectSegments(text)!;
    expect(segs.map((s) => [s.text.slice(0, 8), s.owners.lead, s.owners.units])).toEqual([
      ['区委办公室负责把', [], ['区委办公室']],
      ['区政府办公室负责', [], ['区政府办公室']],
      ['区纪委(区监委)', [], ['区纪委(区监委)']],
    ]);
    // A generic subject (各部门、各单位) continues the sentence before it.
    expect(segs[2].text).toContain('各部门、各单位要强化担当');
  });

  it('several bodies in one subject have no lead unless marked 牵头', () => {
    const segs = subjectSegments('质监部门要加强协调督促。市经委、市中小企业局负责组织重点企业入网。商务部门牵头负责编制配置规划。')!;
    expect(segs.map((s) => [s.owners.lead, s.owners.units])).toEqual([
      [[], ['质监部门']],
      [[], ['市经委', '市中小企业局']],
      [['商务部门'], ['商务部门']],
    ]);
  });

  it('a single subject sentence is not split', () => {
    expect(subjectSegments('县政府督查室将对落实情况开展专项督查。')).toBeNull();
  });

  it('in a plan, each sentence is a task whose text keeps its subject', async () => {
    const { kb } = await ingestTexts({ 'x.txt': `明州区2021年目标任务分解方案\n一、工作要求\n${text}` });
    const tasks = kb.tasks.filter((t) => t.units.length === 1);
    expect(tasks.map((t) => t.text.slice(0, 6))).toEqual(['区委办公室负', '区政府办公室', '区纪委(区监']);
  });
});

describe('tables as pages paste them', () => {
  it('a header cell written with spaces between its characters (目 标 类 型) is a header cell, not a category', () => {
    const lines = ['序号', '任 务 名 称', '指 标 要 求', '牵 头 部 门', '配 合 部 门', '目 标 类 型', '1', '地区生产总值', '增长6%', '区发改局', '区财政局、区统计局', 'A类', '2', '服务业增加值', '增长7%', '区发改局', '区商务局', 'B类']
      .map((text, i) => ({ text, line: i + 1 }));
    const [table] = findCellTables(lines);
    expect(table.rows[0]).toHaveLength(6);
    const parsed = parseTaskTable(table.rows)!;
    expect(parsed.rows.map((r) => [r.text, r.owners?.lead, r.owners?.units])).toEqual([
      ['地区生产总值', ['区发改局'], ['区发改局', '区财政局', '区统计局']],
      ['服务业增加值', ['区发改局'], ['区发改局', '区商务局']],
    ]);
    // (指标要求 in words is the row's goal.)
    expect(parsed.rows.map((r) => r.goal)).toEqual(['增长6%', '增长7%']);
  });
});

describe('plan place from its 文号', () => {
  it('"通政办发〔2021〕5号" and a text that names 通山 by its short form: 通山县', () => {
    const lines = ['通政办发〔2021〕5号', '县人民政府办公室关于对2021年重点工作进行责任分解的通知', '现将涉及通山的重点事项责任分解给你们。'];
    expect(findPlanPlace({ title: lines[1], issuer: null, notice: null, docNo: lines[0], lines })).toBe('通山县');
  });

  it('no 文号 initial to match: the short form alone names no place', () => {
    const lines = ['县人民政府办公室关于重点工作责任分解的通知', '现将涉及通山的重点事项责任分解给你们。'];
    expect(findPlanPlace({ title: lines[0], issuer: null, notice: null, docNo: null, lines })).toBeNull();
  });
});

describe('bodies named before their duty', () => {
  it('"市卫生局:负责…" is the body and its duty; labels and page fields are not', async () => {
    const { unitDuty } = await import('../../src/ingest/extract-owners.ts');
    expect(unitDuty('市卫生局:负责医院周边环境秩序综合整治的协调工作。')).toEqual({ units: ['市卫生局'], duty: '负责医院周边环境秩序综合整治的协调工作。' });
    expect(unitDuty('市委宣传部、市文明办:把爱国卫生工作纳入创建文明城市内容。')?.units).toEqual(['市委宣传部', '市文明办']);
    expect(unitDuty('牵头单位:市发改委')).toBeNull();
    expect(unitDuty('附件:任务分解表')).toBeNull();
    expect(unitDuty('各有关部门:要加强协作。')).toBeNull();
  });

  it('in a plan, numbered items and plain lines of that shape are tasks of their body', async () => {
    const text = [
      '明州市环境秩序综合整治职责分工',
      '一、各部门职责',
      '14.市卫生局:负责医院周边环境秩序综合整治的协调工作。',
      '15.市药监局:负责查处违法收售药品行为。',
    ].join('\n');
    const { kb } = await ingestTexts({ 'x.txt': text });
    expect(kb.tasks.map((t) => [t.ref, t.text.slice(0, 6), t.units, t.lead])).toEqual([
      ['14', '负责医院周边', ['市卫生局'], []],
      ['15', '负责查处违法', ['市药监局'], []],
    ]);
  });
});

describe('spaced-row tables as pages run them', () => {
  it('a header run into the line before, an unread header label (名称), section rows, rows with fewer cells', () => {
    const lines = [
      '各部门要合力推进,确保完成. 附件:明州市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位',
      '一、经济社会发展主要预期目标(3项)',
      '1 地区生产总值增长7%以上,服务业比重47%. 发改委',
      '2 全社会固定资产投资额550亿元,其中工业投资增长10%. 发改委、经信委、科技局',
    ].map((text, i) => ({ text, line: i + 1 }));
    const [table] = findCellTables(lines);
    const parsed = parseTaskTable(table.rows)!;
    expect(parsed.rows.map((r) => [r.ref, r.text.slice(0, 6), r.owners?.lead])).toEqual([
      ['1', '地区生产总值', ['发改委']],
      ['2', '全社会固定资', ['发改委', '经信委', '科技局']],
    ]);
  });
});

describe('page metadata', () => {
  it('日期 / 添加时间 are the page date, 文章来源 its source; page furniture (浏览量) ends a value', async () => {
    const { readMetaFields } = await import('../../src/ingest/read-meta-fields.ts');
    expect(readMetaFields(['来源:明州市委组织部    日期:2022-06-06    浏览量:']).get('published')).toBe('2022-06-06');
    const grid = readMetaFields(['文章来源:明州市市场监督管理局 添加时间:2023年10月11日 阅读:']);
    expect(grid.get('source')).toBe('明州市市场监督管理局');
    expect(grid.get('published')).toBe('2023年10月11日');
    // "日期" alone is too common a word: only a date is its value.
    expect(readMetaFields(['日期:待定']).get('published')).toBeUndefined();
  });

  it('a goal year quotes its own sentence, also when 到2025年 opens it', async () => {
    const { plans } = await ingestTexts({ 'x.txt': '明州市计量发展实施方案\n一、发展目标\n夯实计量基础。到2025年,初步建成现代先进测量体系。\n二、主要任务\n1.建设计量平台。' });
    const goal = plans[0].plan.facts?.find((f: { kind: string }) => f.kind === 'goalYear');
    expect(goal?.quote).toBe('到2025年,初步建成现代先进测量体系。');
  });
});

describe('an enumeration run into one sentence', () => {
  it('splits ":(一)X负责…,(二)Y负责…" at its markers, one task each; 根据各自职责负责 is a role too', () => {
    const segs = subjectSegments('第八条按照以下分工负责监督管理工作:(一)卫生健康委负责医疗机构的监督管理,负责密度监测工作,(二)教育局负责监督管理各类学校的防制工作,(三)商务局、市场监管局根据各自职责负责集贸市场的监督管理工作。')!;
    expect(segs.map((x) => [x.owners.lead, x.owners.units])).toEqual([
      [[], ['卫生健康委']],
      [[], ['教育局']],
      [[], ['商务局', '市场监管局']],
    ]);
    expect(segs[0].text).toContain('密度监测');
  });
});

describe('a plan\'s item that names what a web page would call noise', () => {
  it('keeps a numbered item about 天气预报 and reads 军分区/支队 as bodies', async () => {
    const { kb } = await ingestTexts({
      'fire.txt': '明州市森林火灾应急预案\n(一)成员单位职责\n(8)市气象局:及时提供火灾发生地天气预报和天气实况,适时实施人工降雨作业。\n(9)明州军分区:指挥民兵预备役部队参加扑救。\n(10)武警明州市支队:指挥所属部队支援扑救行动。\n',
    });
    expect(kb.tasks.map((t) => [t.ref, t.units[0]])).toEqual([
      ['(8)', '市气象局'],
      ['(9)', '明州军分区'],
      ['(10)', '武警明州市支队'],
    ]);
  });
});

describe('owners a heading hands on, and where an owner expression ends', () => {
  it('"(二)省审计厅牵头的工作" over its text leads it; the item\'s 协同单位 line takes part', async () => {
    const { kb } = await ingestTexts({
      'sx.txt': '云岭省人民政府关于印发2026年省人民政府工作目标责任分解的通知\n一、省长负责的工作\n(一)省监察厅牵头的工作\n加强行政监察工作,全面落实政府系统党风廉政建设责任制。\n(二)省审计厅牵头的工作\n全面加强审计工作。\n协同单位:省直各部门和各市人民政府。\n(三)省编办牵头的工作\n推进乡镇机构改革。\n协同单位:省财政厅、省人事厅、省农业厅等省直有关部门和各市人民政府。\n',
    });
    const rows = kb.tasks.map((t) => [t.lead, t.units]);
    expect(rows).toEqual([
      [['省监察厅'], ['省监察厅']],
      [['省审计厅'], ['省审计厅', '省直各部门', '各市人民政府']],
      [['省编办'], ['省编办', '省财政厅', '省人事厅', '省农业厅', '各市人民政府']],
    ]);
  });

  it('a clause after the owners that names no body is the task going on, not a unit', () => {
    const owners = extractOwners('由某副市长负责,市环保局牵头,相关部门配合,细化分工、落实责任,尽快完成项目报批的前期准备工作。');
    expect(owners?.lead).toEqual(['市环保局']);
    expect(owners?.units).not.toContain('细化分工');
    expect(owners?.units).not.toContain('落实责任');
  });
});

describe('a heading that is a body\'s name', () => {
  it('owns the items under it ("三、青州市政府" over its projects)', async () => {
    const { kb } = await ingestTexts({
      'hn.txt': '云岭省重点项目和预备重点项目分解\n一、青州市政府\n(一)重点项目(2个)。\n1.竣工项目(1个):青州西部中心医院一期工程。\n2.续建项目(1个):青州滨海新区开发项目。\n二、白沙市政府\n(一)重点项目(1个)。\n1.新开工项目(1个):白沙机场。\n',
    });
    expect(kb.tasks.map((t) => [t.text.slice(0, 6), t.units])).toEqual([
      ['竣工项目(1', ['青州市政府']],
      ['续建项目(1', ['青州市政府']],
      ['新开工项目(', ['白沙市政府']],
    ]);
  });
});
