import { describe, expect, it } from 'vitest';
import { splitDepartments } from '../../src/ingest/extract-owners.ts';
import { findCellTables } from '../../src/ingest/parse-cell-lines.ts';
import { columnOf } from '../../src/ingest/parse-task-table.ts';
import { findPlanPlace } from '../../src/ingest/find-plan-place.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Tables as web pages paste them into text, on fixtures written for these tests: pipe rows without a
 * Markdown delimiter row, rows that lost their merged cells, one cell per line with cells missing, owner
 * columns named in words of their own, progress columns, and unit names run together.
 */

const lines = (cells: string[]) => cells.map((text, i) => ({ text, line: i + 1 }));

describe('a pipe table pasted as text', () => {
  const PLAN = `索引号 | 000330106/2023-00017 | 公开方式 | 主动公开 |
发布单位 | 区府办 | 发文日期 | 2023-10-09 |
2023年区政府民生实事项目进展情况表(截至9月底)
序号 | 项目内容 | 进展情况 | 责任单位 |
1 | 新建公办幼儿园4所。 | 已建成3所,第4所预计11月底前完工。 | 区教育局 |
2 | 新增养老床位300张。 | 新增养老床位320张。 | 区民政局 |
新建老年食堂12家。 | 已建成老年食堂9家。 | ||
3 | 改造老旧小区20个。 | 已完成16个。 | 区住建局 |
`;

  it('reads each line as a row, and a row that lost its 序号 cell as part of the item above', async () => {
    const { kb } = await ingestTexts({ 'livelihood.txt': PLAN });
    const rows = kb.tasks.map((t) => [t.ref, t.text, t.units]);
    expect(rows).toEqual([
      ['1', '新建公办幼儿园4所。', ['区教育局']],
      ['2', '新增养老床位300张。', ['区民政局']],
      ['2', '新建老年食堂12家。', ['区民政局']],
      ['3', '改造老旧小区20个。', ['区住建局']],
    ]);
  });

  it('keeps each row\'s progress cells under their column\'s label', async () => {
    const { kb } = await ingestTexts({ 'livelihood.txt': PLAN });
    expect(kb.tasks[2].progress).toEqual([{ label: '进展情况', text: '已建成老年食堂9家。' }]);
    expect(kb.tasks[0].progress?.[0].text).toBe('已建成3所,第4所预计11月底前完工。');
  });

  it('leaves the page grid above the table to the metadata reader', async () => {
    const { kb } = await ingestTexts({ 'livelihood.txt': PLAN });
    expect(kb.plans[0]).toMatchObject({ issuer: '区府办', date: '2023-10-09' });
  });
});

describe('one cell per line, merged cells missing', () => {
  // A 责任股室 list one unit a line; rows 2–3 lost their 指标, deadline and leader cells to merges.
  const cells = [
    '序号', '指标', '工作任务', '完成时限', '责任领导', '责任股室', '(单位)', '备注',
    '1', '群众文化', '全年开展送戏下乡演出不少于80场。', '11月底前', '王 明', '文化股', '文化馆', '图书馆',
    '2', '组织开展全民阅读活动20场次。', '图书馆',
    '3', '非遗传承', '完成非遗传承人口述史记录5人。', '非遗中心',
    '4', '文物安全', '开展文物安全巡查每季度不少于1次。', '12月底前', '李 华', '文物股', '博物馆',
  ];

  it('places each cell by what it is: task, date, leader, units — skipping the merged columns', () => {
    const [table] = findCellTables(lines(cells));
    expect(table.rows[0]).toEqual(['序号', '指标', '工作任务', '完成时限', '责任领导', '责任股室(单位)', '备注']);
    expect(table.rows[1]).toEqual(['1', '群众文化', '全年开展送戏下乡演出不少于80场。', '11月底前', '王 明', '文化股、文化馆、图书馆', '']);
    expect(table.rows[2]).toEqual(['2', '', '组织开展全民阅读活动20场次。', '', '', '图书馆', '']);
    expect(table.rows[3]).toEqual(['3', '非遗传承', '完成非遗传承人口述史记录5人。', '', '', '非遗中心', '']);
    expect(table.rows[4].slice(3, 6)).toEqual(['12月底前', '李 华', '文物股、博物馆']);
  });

  it('a sentence starting with 全年 is a task, not a deadline', () => {
    const [table] = findCellTables(lines(cells));
    expect(table.rows[1][3]).toBe('11月底前');
    expect(table.rows[1][2]).toMatch(/^全年开展/);
  });

  it('an owner column in words of its own, and progress columns after it', () => {
    const rows = [
      '序号 |', '主要任务 |', '分管 领导 |', '牵头 单位 |', '责任主体与协同单位 |', '1-9月推进情况 |', '1-10月推进情况 |', '说明 |',
      '7 |', '新建口袋公园12个。 |', '赵 刚 |', '园林局 |', '住建局、相关街道 |', '已完成选址。 |', '已建成5个。 |', '||',
    ];
    const [table] = findCellTables(lines(rows));
    expect(table.rows[1]).toEqual(['7', '新建口袋公园12个。', '赵 刚', '园林局', '住建局、相关街道', '已完成选址。', '已建成5个。', '']);
    expect(columnOf('责任主体与协同单位')).toBe('partners');
    expect(columnOf('主要牵头部门')).toBe('lead');
    expect(columnOf('1-10月推进情况')).toBe('progress');
    expect(columnOf('进度安排')).not.toBe('progress');
  });
});

describe('header labels broken over two lines', () => {
  it('joins "责任" / "科室" and "第二季度" / "完成情况"; a progress cell goes to the progress column', () => {
    const cells = ['序号', '重点工作', '责任', '领导', '责任', '科室', '工作任务', '第二季度', '完成情况',
      '1', '老旧小区改造', '陈 涛', '城建办', '完成6个小区改造。', '已完成改造4个。',
      '2', '农贸市场提升', '城建办', '已开工建设,完成投资40%。',
    ];
    const [table] = findCellTables(lines(cells));
    expect(table.rows[0]).toEqual(['序号', '重点工作', '责任领导', '责任科室', '工作任务', '第二季度完成情况']);
    expect(columnOf('第二季度完成情况')).toBe('progress');
    expect(table.rows[1]).toEqual(['1', '老旧小区改造', '陈 涛', '城建办', '完成6个小区改造。', '已完成改造4个。']);
    // Its leader and task cells merged away: what was done still lands under 完成情况.
    expect(table.rows[2]).toEqual(['2', '农贸市场提升', '', '城建办', '', '已开工建设,完成投资40%。']);
  });
});

describe('a report of selected rows', () => {
  const cells = ['序号', '目标任务', '牵头责任单位', '计划完成时间', '目前完成情况',
    '6', '农村居民人均可支配收入与经济增长同步。', '经管站', '2', '2025年底', '三季度增幅7.1%。',
    '52', '建成高标准农田5万亩,确保粮食总产稳定。', '农田建设股、农业股', '2025年底', '整体进度70%。',
    '53', '创建美丽乡村示范村3个。', '乡村振兴办', '2025年底', '已完成2个。',
    '57', '大力推进托育服务,全区托位数提高至500个',
  ];

  it('reads rows whose numbers jump (6, 52, 53), a 计划完成时间 as the deadline, a stray figure as no unit', () => {
    const [table] = findCellTables(lines(cells));
    expect(columnOf('计划完成时间')).toBe('deadline');
    expect(table.rows.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['6', '经管站', '2025年底'],
      ['52', '农田建设股、农业股', '2025年底'],
      ['53', '乡村振兴办', '2025年底'],
    ]);
  });

  it('a last row the page cut before its owners is dropped rather than given the owners above', () => {
    const [table] = findCellTables(lines(cells));
    expect(table.rows.some((r) => r[0] === '57')).toBe(false);
  });

  it('a task that ends like a body\'s name (…服务中心, …美丽城镇) stays the task', () => {
    const [table] = findCellTables(lines(['序号', '重点工作', '责任科室', '1', '建成县残疾人综合服务中心', '县残联', '2', '现代化美丽城镇', '乡村振兴办', '成功创建首批美丽城镇。']));
    expect(table.rows[1]).toEqual(['1', '建成县残疾人综合服务中心', '县残联']);
    expect(table.rows[2].slice(0, 3)).toEqual(['2', '现代化美丽城镇', '乡村振兴办']);
  });
});

describe('unit names a page ran together', () => {
  it('splits after a small body (股/馆/站/所) or between bodies of the same level', () => {
    expect(splitDepartments('文化股文化馆')).toEqual(['文化股', '文化馆']);
    expect(splitDepartments('派出所市场监管所')).toEqual(['派出所', '市场监管所']);
    expect(splitDepartments('县发改局县财政局')).toEqual(['县发改局', '县财政局']);
  });

  it('keeps a sub-body named after its parent whole', () => {
    expect(splitDepartments('市公安局交警支队')).toEqual(['市公安局交警支队']);
    expect(splitDepartments('县市场监管局办公室')).toEqual(['县市场监管局办公室']);
  });
});

describe('the place a 索引号 is registered in', () => {
  const base = { title: '2024年重点民生实事项目清单', issuer: null, notice: null, docNo: null, lines: ['一、教育', '新建学校2所。'] };

  it('reads the registry code of a 统一社会信用代码 or a zero-padded body code', () => {
    expect(findPlanPlace({ ...base, index: '11500104009286164T/2024-00002' })).toBe('大渡口区');
    expect(findPlanPlace({ ...base, index: '000330106/2023-00017' })).toBe('西湖区');
  });

  it('gives nothing for a code the gazetteer does not know, and never overrides the text', () => {
    expect(findPlanPlace({ ...base, index: '000999999/2023-00017' })).toBeNull();
    expect(findPlanPlace({ ...base, title: '宜兴市2024年重点民生实事项目清单', index: '11500104009286164T/2024-00002' })).toBe('宜兴');
  });
});

describe('what a government page says around a plan', () => {
  const PAGE = `当前位置: 首页 > 政府信息公开 > 规范性文件
明州市人民政府关于印发《明州市优化营商环境重点任务工作方案》的通知
索引号 640299001/2021-00099 文号 明政规发﹝2021﹞3号 生成日期 2021年03月08日
公开方式 主动公开 所属机构 明州市政府办
市直有关部门、各街道办事处:
现将《明州市优化营商环境重点任务工作方案》印发给你们,请认真贯彻执行。
1.新辟公交线路10条。 牵头领导:张明 责任单位:市交通委 项目责任人:李强 配合单位:市公安局、市城管局 实际完成情况:已新辟6条。
`;

  it('reads 文号 in small-form brackets, 生成日期, and an addressee list opening with 市直', async () => {
    const { kb } = await ingestTexts({ 'page.txt': PAGE });
    expect(kb.plans[0]).toMatchObject({ docNo: '明政规发〔2021〕3号', date: '2021-03-08' });
    expect(kb.plans[0].facts.find((f) => f.kind === 'addressees')?.value).toBe('市直有关部门、各街道办事处');
  });

  it('a leader, a contact or a progress label beside the owner labels is no unit', async () => {
    const { kb } = await ingestTexts({ 'page.txt': PAGE });
    const t = kb.tasks.find((x) => x.text.startsWith('新辟公交线路'))!;
    expect(t).toMatchObject({ lead: ['市交通委'], units: ['市交通委', '市公安局', '市城管局'], partners: ['市公安局', '市城管局'] });
  });

  it('the place of the body that published the page, when the document names none', () => {
    const base = { title: '2020年区政府重点工作责任分解', issuer: '区人民政府办公室', notice: null, docNo: null, lines: ['一、主要目标'] };
    expect(findPlanPlace({ ...base, publisher: '下陆区政府办公室' })).toBe('下陆区');
    expect(findPlanPlace(base)).toBeNull();
  });

  it('targets in the table of an annual plan are for its year', async () => {
    const { kb } = await ingestTexts({
      'annual.txt': '2023年东湖区政府工作报告重点工作责任分解\n序号 | 事项 | 牵头单位 |\n1 | 地区生产总值增长6.5%以上。 | 区发改局 |\n',
    });
    expect(kb.targets[0]).toMatchObject({ valueText: '6.5%以上', year: 2023 });
  });
});

describe('reporting duties and counts as plans of other places write them', () => {
  it('to whom a report goes, whole (市政府督考办), and who sends it without the 请', async () => {
    const { extractReports } = await import('../../src/ingest/extract-reports.ts');
    const [r] = extractReports('各牵头单位要于每月28日前将各项工作任务进展情况报送市政府督考办。');
    expect(r).toMatchObject({ when: '每月28日前', to: '市政府督考办', from: '各牵头单位' });
    const [q] = extractReports('请各责任单位于每季度末月20日前将完成情况书面报县政府督查室。');
    expect(q).toMatchObject({ when: '每季度末月20日前', to: '县政府督查室', from: '各责任单位' });
  });

  it('a 政府工作报告 the plan implements is no report to send', async () => {
    const { extractReports } = await import('../../src/ingest/extract-reports.ts');
    expect(extractReports('现将《2025年区〈政府工作报告〉任务分解》印发给你们。')).toEqual([]);
  });

  it('a count after 明确/细化/涉及 counts what follows it, in the document the lead names', async () => {
    const { extractTargets } = await import('../../src/ingest/extract-targets.ts');
    const t = extractTargets('《2025年县政府工作报告任务分解》明确133项具体任务,涉及34个牵头单位。', 2025);
    expect(t.map((x) => [x.metric, x.valueText])).toEqual([
      ['《2025年县政府工作报告任务分解》具体任务', '133项'],
      ['牵头单位', '34个'],
    ]);
  });
});

describe('dates and names a page gives a notice that is the plan', () => {
  it('a page date before 来源/作者 on its line, a notice named by the plan it states, a zone as the place', async () => {
    const { kb } = await ingestTexts({
      'zone.txt': `关于明州经济技术开发区落实政府工作报告2025年重点工作任务分工方案的通知(明经管发〔2025〕8号)
2025-03-30 17:41     来源: 明州经济技术开发区管理委员会     作者: 明州经济技术开发区管理委员会
各办局室:
为全面完成市人大会议通过的《政府工作报告》提出的各项工作任务,现就重点工作任务分工通知如下:
`,
    });
    expect(kb.plans[0]).toMatchObject({ title: '明州经济技术开发区落实政府工作报告2025年重点工作任务分工方案', date: '2025-03-30', docNo: '明经管发〔2025〕8号' });
  });

  it('a 发布时间 right after an empty 来源 on the same line, and a date printed beside the 文号', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '明州市优化营商环境责任分工方案\n来源: 发布时间:2025-02-09 14:47:00 浏览次数: 字号:[小]\n一、工作目标\n',
      'b.txt': '明州市人民政府办公室关于印发2025年明州市食品安全重点工作安排的通知\n明府办字〔2025〕44号 2025年6月12日\n各县区人民政府:\n现将《2025年明州市食品安全重点工作安排》印发给你们。\n',
    });
    const a = kb.plans.find((p) => p.file === 'a.txt')!;
    const b = kb.plans.find((p) => p.file === 'b.txt')!;
    expect(a.facts.find((f) => f.kind === 'published')?.value).toBe('2025-02-09 14:47:00');
    expect(b.date).toBe('2025-06-12');
    expect(b.facts.find((f) => f.kind === 'signed')?.value).toBe('2025年6月12日');
  });
});

describe('a notice that lists duties, then speaks to everyone again', () => {
  const NOTICE = `市人民政府有关部门,直属及驻漯有关单位:
现将各有关部门承担迎检工作职责明确如下:
一、市城乡规划局负责城市规划的编制。
二、市城乡建设委员会负责城市市容和环境卫生。
三、市公安局、市建委协同市交通运输局负责城市综合交通涉及部门职责的工作。
各单位接到通知后,要高度重视。2025年12月30日前将确定的主管领导和科室负责人姓名、单位、职务、电话分别报送市城管办、市建委。
`;

  it('reads each item’s body (委员会 too; X协同Y负责: Y leads) and keeps the closing text out of the last item', async () => {
    const { kb } = await ingestTexts({ 'notice.txt': NOTICE });
    expect(kb.plans[0].city).toBe('漯河');
    const rows = kb.tasks.map((t) => [t.ref, t.lead, t.partners]);
    expect(rows).toContainEqual(['二', [], []]);
    expect(kb.tasks.find((t) => t.ref === '二')!.units).toEqual(['市城乡建设委员会']);
    expect(rows).toContainEqual(['三', ['市交通运输局'], ['市公安局', '市建委']]);
    expect(kb.tasks.find((t) => t.ref === '三')!.text).not.toContain('各单位');
  });

  it('what everyone must do by a date is a task of 各单位; the report keeps what, when and both recipients', async () => {
    const { kb } = await ingestTexts({ 'notice.txt': NOTICE });
    expect(kb.tasks.find((t) => t.lead[0] === '各单位')).toMatchObject({ deadline: '2025-12-30', deadlineText: '2025年12月30日前' });
    expect(kb.reports.find((r) => r.to === '市城管办、市建委')).toMatchObject({ what: '主管领导和科室负责人姓名、单位、职务、电话', when: '2025年12月30日前' });
  });
});

describe('a 工作目标 column beside the task', () => {
  const PLAN = `云溪市计量工作重点项目表
序号
工作内容
工作目标
责任单位
1
建立协调机制
2025年9月前建立联席会议制度,明确各部门职责分工。
市市场监管局、市发展改革局、市财政局
2
建设计量测试中心
到2026年底,建成区域计量测试中心,社会公用计量标准达到120项以上。
市市场监管局、市科技局
3
推广诚信计量
培育260家以上诚信计量示范单位。
市市场监管局、市商务局
`;

  it('reads the goal with the task: its deadline and figures are the row\'s, its units stay the owner cell', async () => {
    const { kb } = await ingestTexts({ 'metrology.txt': PLAN });
    expect(kb.tasks.map((t) => [t.ref, t.units, t.deadline])).toEqual([
      ['1', ['市市场监管局', '市发展改革局', '市财政局'], '2025-09'],
      ['2', ['市市场监管局', '市科技局'], '2026-12'],
      ['3', ['市市场监管局', '市商务局'], null],
    ]);
    expect(kb.tasks[2].text).toContain('培育260家以上诚信计量示范单位');
    expect(kb.targets.map((g) => g.valueText)).toEqual(expect.arrayContaining(['120项以上', '260家以上']));
  });
});

describe('a spaced table whose owner cell held two lines', () => {
  const PLAN = `云溪区2026年政府工作报告重点工作任务分解表
序号 重点工作任务 主要责任单位 协同配合单位
一、主要预期目标
1 地区生产总值增长6%左右。 区发改委 区政府各部门,各镇人民政府。
2 一般公共预算收入增长4%左右。 区财政局
区税务局
区政府有关部门,各镇人民政府。
3 社会消费品零售总额增长7%左右。 区商务局 区发改委、区市场监管局。
`;

  it('reads the broken cell into its row, both units leading, and the rows after it', async () => {
    const { kb } = await ingestTexts({ 'split.txt': PLAN });
    expect(kb.tasks.map((t) => [t.ref, t.lead, t.units])).toEqual([
      ['1', ['区发改委'], ['区发改委', '区政府各部门', '各镇人民政府']],
      ['2', ['区财政局', '区税务局'], ['区财政局', '区税务局', '区政府有关部门', '各镇人民政府']],
      ['3', ['区商务局'], ['区商务局', '区发改委', '区市场监管局']],
    ]);
  });
});
