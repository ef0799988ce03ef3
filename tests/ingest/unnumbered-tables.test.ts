import { describe, expect, it } from 'vitest';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Tables pasted one cell per line without a 序号 column (fixtures written for these tests): a score grid
 * whose only owner column is who scores it, and a task list whose rows end at their owner and deadline
 * cells. With no numbers to open rows, a row ends where its owner and deadline cells end.
 */

const tasksOf = async (text: string) => (await ingestTexts({ 'p.txt': text })).kb.tasks;

describe('a table without 序号, one cell per line', () => {
  it('a score grid: 考核项目 / 分值 / 目标任务 / 监考单位, merged category cells and units a line each', async () => {
    const tasks = await tasksOf(`青川县2025年质量强县工作目标考核评分表
考核项目
分值
目标任务
监考单位
组织领导
10
成立质量强县工作领导小组,全年召开专题会议不少于2次。
县市场监管局
质量基础
15
新建县级检验检测公共服务平台1个。
县市场监管局
县科技局
品牌建设
20
新增省级知名品牌3个以上。
县经信局
培育区域公用品牌1个。
县农业农村局
说明:各单位于每季度末报送工作进展。`);
    expect(tasks.map((t) => [t.text, t.units])).toEqual([
      ['成立质量强县工作领导小组,全年召开专题会议不少于2次。', ['县市场监管局']],
      ['新建县级检验检测公共服务平台1个。', ['县市场监管局', '县科技局']],
      ['新增省级知名品牌3个以上。', ['县经信局']],
      ['培育区域公用品牌1个。', ['县农业农村局']],
    ]);
  });

  it('a task list: 重点任务 / 牵头单位 / 配合单位 / 完成时限, a row without partners, text after the table', async () => {
    const tasks = await tasksOf(`青川县优化营商环境重点任务分工
重点任务
牵头单位
配合单位
完成时限
推行企业开办全程网办,开办时间压缩至1个工作日以内
县市场监管局
县税务局、县公安局
2025年6月底前
实现工程建设项目审批全流程在线办理
县住建局
县自然资源局
2025年9月底前
建立涉企收费目录清单制度
县发改局
长期坚持
以上任务请各单位按时完成,完成情况于每月25日前报县营商办。`);
    expect(tasks.map((t) => [t.text.slice(0, 10), t.lead, t.units, t.deadlineText])).toEqual([
      ['推行企业开办全程网办', ['县市场监管局'], ['县市场监管局', '县税务局', '县公安局'], '2025年6月底前'],
      ['实现工程建设项目审批', ['县住建局'], ['县住建局', '县自然资源局'], '2025年9月底前'],
      ['建立涉企收费目录清单', ['县发改局'], ['县发改局'], '长期坚持'],
    ]);
  });

  it('a header on one line, rows one cell per line', async () => {
    const tasks = await tasksOf(`青川县食品安全重点工作安排
工作任务 责任单位 完成时间
开展校园食品安全专项检查
县教育局、县市场监管局
2025年9月
完成农贸市场快检室建设2个
县市场监管局
2025年10月底前`);
    expect(tasks.map((t) => [t.units, t.deadlineText])).toEqual([
      [['县教育局', '县市场监管局'], '2025年9月'],
      [['县市场监管局'], '2025年10月底前'],
    ]);
  });

  it('three short lines in prose are no header', async () => {
    const tasks = await tasksOf(`青川县质量工作要点
一、工作目标
全年新增省级知名品牌3个。
二、工作任务
(一)开展质量提升行动。(县市场监管局负责)`);
    expect(tasks.map((t) => t.units)).toEqual([['县市场监管局']]);
  });
});

describe('a numbered table of yearly figures, one cell per line', () => {
  // Labels wrapped a character or a year a line, a category cell a character a line, figures that equal
  // the next row's number, owner cells with their role word, the header's first-leads note, and the
  // header printed again after the last row.
  const GRID = `东岭县特色农业提升任务分解表
重点任务
序
号
主要指标
2024年
目标
2025年
目标
责任单位
(第一为牵头单位)
特
色
种
植
1
新增绿色食品认证主体(个)
启动
2
县农业农村局和各镇人民政府负责
2
新建标准化茶园基地(个)
3
4
县林业局、县供销联社等相关部门和各镇人民政府负责
3
培育县级龙头企业(家)
1
2
县经信局、县农业农村局
重点 任务 |
序 号 |`;

  it('a figure per year column is a target of that year, in the unit the row names', async () => {
    const { kb } = await ingestTexts({ 'p.txt': GRID });
    const of = (metric: string) => kb.targets.filter((t) => t.metric.startsWith(metric)).map((t) => [t.year, t.valueText]);
    expect(of('新建标准化茶园基地')).toEqual([
      [2024, '3个'],
      [2025, '4个'],
    ]);
    // ("启动" is no figure.)
    expect(of('新增绿色食品认证主体')).toEqual([[2025, '2个']]);
  });

  it('reads each row with its figures and owners, the first unit leading', async () => {
    const tasks = await tasksOf(GRID);
    expect(tasks.map((t) => [t.ref, t.text, t.lead, t.units])).toEqual([
      ['1', '新增绿色食品认证主体(个)', ['县农业农村局'], ['县农业农村局', '各镇人民政府']],
      ['2', '新建标准化茶园基地(个)', ['县林业局'], ['县林业局', '县供销联社', '各镇人民政府']],
      ['3', '培育县级龙头企业(家)', ['县经信局'], ['县经信局', '县农业农村局']],
    ]);
  });
});

describe('owner lists', () => {
  it('"X和Y分别牵头、Z": both lead, and 和 splits two whole names only', async () => {
    const { extractOwners } = await import('../../src/ingest/extract-owners.ts');
    expect(extractOwners('(一)建设临港物流园区。责任单位:港口管理局和商务局分别牵头、区交通局')).toMatchObject({
      lead: ['港口管理局', '商务局'],
      units: ['港口管理局', '商务局', '区交通局'],
    });
    expect(extractOwners('(二)推进保障房建设。(区住房和城乡建设局负责)')).toMatchObject({ units: ['区住房和城乡建设局'] });
  });
});

describe('a document-sharing page', () => {
  it('joins a page the site numbered ("2、") to the sentence it breaks', async () => {
    const tasks = await tasksOf(`《南河市促进民营经济发展实施方案.docx》由会员分享,可在线阅读,更多相关《南河市促进民营经济发展实施方案.docx(12页珍藏版)》请在某某文库上搜索。
1、南河市促进民营经济发展实施方案为激发民营经济活力,制定本方案。一、政策措施(一)落实减税降费。对小型微利企业和个体工商
2、户的减免政策延续执行。(市税务局、市财政局,列第一位的为牵头单位,下同)(二)加强融资支持。扩大普惠小微贷款规模。(市金融办、人行南河分行)`);
    expect(tasks.map((t) => [t.ref, t.lead, t.units])).toEqual([
      ['(一)', ['市税务局'], ['市税务局', '市财政局']],
      ['(二)', ['市金融办'], ['市金融办', '人行南河分行']],
    ]);
    expect(tasks[0].text).toContain('个体工商户的减免政策延续执行');
  });
});

describe('a scoring grid copied from a PDF, a cell a line with "|"', () => {
  it('the cell that carries an item number is the task, its number the row\'s 序号', async () => {
    const tasks = await tasksOf(`北川市创建食品安全示范市任务分解表
一级 指标 |
建设内容 |
考评标准 |
任务内容 |
责任单位 |
工作 考核 |
一、属地 管理责任 ( 10 分) |
1. 市、县政府成立食品安全 委员会( 2 分)。
成立由政府主要领导任主任的食品安全委员会。 |
市府办 县(市、区)政府 |
2. 食安委成员单位职责 清晰(2 分) 。
印发成员单位职责清单。 |
市市场监管局 |
|||`);
    expect(tasks.map((t) => [t.ref, t.text.replace(/\s+/g, '').slice(0, 14), t.units])).toEqual([
      ['1', '市、县政府成立食品安全委员会', ['市府办', '县(市、区)政府']],
      ['2', '食安委成员单位职责清晰(2分', ['市市场监管局']],
    ]);
  });
});

describe('labelled owners in a progress report run onto one line', () => {
  it('a label\'s list of bodies ends at a space before words that are none; 责任单位 set against 配合单位 leads', async () => {
    const { extractOwners } = await import('../../src/ingest/extract-owners.ts');
    const o = extractOwners('3.新开公交线路8条。 牵头领导:张某 责任单位:市交通局,各区政府 项目责任人:李某 配合单位:市公安局、市城管局 东区 西区 合计 年度目标 3 5 8');
    expect(o).toMatchObject({ lead: ['市交通局', '各区政府'], units: ['市交通局', '各区政府', '市公安局', '市城管局'] });
  });

  it('an empty cell\'s dash stays a cell, and who scores a row takes the last unit', async () => {
    const tasks = await tasksOf(['序号', '考核内容', '单位', '年度目标', '责任部门', '评分部门',
      '1', '茶叶产量', '吨', '500', '县农业农村局', '县林业局', '市农业农村局',
      '2', '粮食安全责任制', '-', '良好以上', '县发改局', '市发改委'].join('\n'));
    expect(tasks.map((t) => [t.text, t.units])).toEqual([['茶叶产量', ['县农业农村局', '县林业局']], ['粮食安全责任制', ['县发改局']]]);
  });
});

describe('progress reports of livelihood projects', () => {
  it('a spaced table whose 备注 names each row\'s body, labels split at a space, rows continuing an item', async () => {
    const tasks = await tasksOf(`西岭市1-10月10件民生实事落实情况
序号 考核指标 单 位 工作目标 已完成数 占年任务之比 备  注
1 城镇新增就业 万人 3.1 3.4 109.7% 人社局
2 新改建农村公路 公里 500 520 104.0% 交通局
养护农村公路 公里 90 95 105.6%
3 新建学校食堂 12 13 108.3% 教育局`);
    expect(tasks.map((t) => [t.ref, t.text.split(' ')[0], t.units])).toEqual([
      ['1', '城镇新增就业', ['人社局']],
      ['2', '新改建农村公路', ['交通局']],
      ['2', '养护农村公路', ['交通局']],
      ['3', '新建学校食堂', ['教育局']],
    ]);
  });

  it('责任单位 | 配合单位 in a pipe table: the responsible unit leads; a grid row is no title', async () => {
    const { kb } = await ingestTexts({
      'p.txt': `索引号 | 000330999/2022-00001 | 公开方式 | 主动公开 |
发布单位 | 区政府 | 发文日期 | 2022-07-14 |
序号 | 实事项目 | 工作举措 | 责任单位 | 配合单位 |
1 | 新建幼儿园3所。 | 4月底前主体完工。 | 教育局 | 发改局、住建局 |`,
    });
    expect(kb.tasks.map((t) => [t.lead, t.units])).toEqual([[['教育局'], ['教育局', '发改局', '住建局']]]);
    expect(kb.plans[0].title ?? '').not.toContain('|');
  });

  it('a cell a line: a work named like a body (新(改)建村卫生室) is the task, read with its 项目内容; the lead column takes the first unit', async () => {
    const tasks = await tasksOf(['南山区2024年民生实事任务分解方案', '序号', '事项分类', '事项名称', '项目内容', '牵头单位', '协同单位',
      '1', '健康工程', '新(改)建村卫生室', '新(改)建村卫生室30家。', '区卫健局', '各乡镇(街道)',
      '2', '托管工程', '暑期托管服务', '开设暑期托管班50个。', '团区委', '区总工会', '区妇联', '区教体局'].join('\n'));
    expect(tasks.map((t) => [t.text, t.lead, t.units])).toEqual([
      ['新(改)建村卫生室 新(改)建村卫生室30家。', ['区卫健局'], ['区卫健局', '各乡镇(街道)']],
      ['暑期托管服务 开设暑期托管班50个。', ['团区委'], ['团区委', '区总工会', '区妇联', '区教体局']],
    ]);
  });
});

describe('owner lists, more shapes', () => {
  it('a labelled list with the plan\'s first-leads rule after it', async () => {
    const { extractOwners } = await import('../../src/ingest/extract-owners.ts');
    expect(extractOwners('落实减税政策。(责任单位:市税务局、市财政局,排在首位的为牵头单位,下同)')).toMatchObject({ lead: ['市税务局'], units: ['市税务局', '市财政局'] });
  });

  it('a bare people\'s organisation and stems sharing the last kind word are owner cells', async () => {
    const tasks = await tasksOf(`北坪县民生实事落实情况
序号 考核指标 单位 工作目标 已完成数 备注
1 城镇新增就业 万人 1.2 1.3 人社局
2 适龄妇女免费检查 9000 9500 妇联
3 校园食品安全检查 所 30 32 教育、卫生健康部门`);
    expect(tasks.map((t) => t.units)).toEqual([['人社局'], ['妇联'], ['教育', '卫生健康部门']]);
  });
});
