import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPlanMeta } from '../../src/ingest/extract-plan-meta.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { findCellTables } from '../../src/ingest/parse-cell-lines.ts';
import { findIndicatorTables } from '../../src/ingest/parse-indicator-table.ts';
import type { PlanRecords } from '../../src/kb/records.ts';
import { PROJECT_ROOT } from '../helpers/seeds.ts';

/**
 * Plans shaped like the ones offices publish, not like our seeds: a government page with a metadata
 * grid, a covering notice broken over lines, a 落款 in Chinese numerals, owners in several idioms and a
 * task table pasted one cell per line; and a call for comments on a draft. Fixtures are our own text.
 */

const DIR = join(PROJECT_ROOT, 'tests', 'fixtures', 'unseen');
let plans: Map<string, PlanRecords>;
beforeAll(async () => {
  const result = await ingestPlans([DIR], { cache: null });
  plans = new Map(result.plans.map((p) => [p.plan.file, p]));
});
const plan = (f: string) => plans.get(f)!;
const task = (f: string, start: string) => plan(f).tasks.find((t) => t.text.startsWith(start))!;

describe('plan identity on an unseen page', () => {
  it('takes the plan’s own title, not the notice’s or a cited document’s, and the place from it', () => {
    expect(plan('guanshan-plan.txt').plan).toMatchObject({
      title: '关山县质量强县建设实施方案(2024—2027年)',
      city: '关山县',
      docNo: '关政发〔2024〕5号',
      issuer: '关山县人民政府',
      date: '2024-03-08',
      goalYear: 2027,
    });
  });

  it('keeps the facts staff ask about, with the text they were read from', () => {
    const facts = plan('guanshan-plan.txt').plan.facts;
    expect(facts.find((f) => f.kind === 'implements' && f.value === '北川省质量强省建设纲要')?.quote).toContain('北政发〔2023〕12号');
    expect(facts.find((f) => f.kind === 'period')?.value).toBe('2024—2027年');
    expect(facts.find((f) => f.kind === 'published')?.value).toBe('2024-03-12');
  });

  it('reads a call for comments: the draft’s title, deadline, contact, phone, e-mail, address, 落款 as written', () => {
    const p = plan('mingshui-draft.txt').plan;
    expect(p).toMatchObject({ title: '明水市政府质量奖管理办法(征求意见稿)', city: '明水', date: '2025-02-27' });
    const fact = (k: string) => p.facts.find((f) => f.kind === k)?.value;
    expect([fact('commentDeadline'), fact('contact'), fact('phone'), fact('email'), fact('signed')]).toEqual([
      '2025-03-31', '李先生', '0571-12345678', 'mszlj@example.cn', '2025年2月27日',
    ]);
    expect(fact('address')).toContain('滨河路88号');
  });

  it('names the place from gazetteer forms, self-references and zones — never a fragment of a word', () => {
    const meta = (lines: string[], file = 'x.txt') => extractPlanMeta(lines, file);
    expect(meta(['关于深入贯彻《质量强国建设纲要》加快建设质量强区的实施方案', '为推动高质量发展,结合洞头实际,制定本方案。']).city).toBe('洞头区');
    expect(meta(['2014年温州市质量强市建设行动计划']).city).toBe('温州');
    expect(meta(['杨凌示范区质量强区建设实施方案']).city).toBe('杨凌示范区');
    expect(meta(['为贯彻落实《甘肃省质量振兴方案》,结合我市实际,制定本方案。', '一、主要任务']).city).toBeNull();
    expect(meta(['一、主要任务', '加强质量基础。'], '阳江市质量工作考核实施方案.txt').city).toBe('阳江');
    expect(meta(['国市监质发〔2024〕97号', '市场监管总局关于印发《质量强县培育建设工作方案》的通知']).city).toBe('全国');
  });

  it('reads grids whose labels stand in brackets without a colon, or alone above their value', () => {
    const a = extractPlanMeta(['[ 发布机构 ] 关山县政府办 [ 发文字号 ] 关山府发〔2024〕14号', '[ 成文日期 ] 2024-04-19 [ 发布日期 ] 2024-05-06']);
    expect(a).toMatchObject({ docNo: '关山府发〔2024〕14号', date: '2024-04-19', issuer: '关山县政府办' });
    const b = extractPlanMeta(['关山县人民政府', '发文字号', '关政发〔2023〕5号', '发布日期', '2023年02月13日 10:53:20']);
    expect(b).toMatchObject({ docNo: '关政发〔2023〕5号', date: '2023-02-13' });
    expect(extractPlanMeta(['2022年第八次县政府常务会议确定事项落实情况的通报']).city).toBeNull();
  });

  it('keeps departments that drafted a plan apart from its title', () => {
    const m = extractPlanMeta(['明州市人民政府办公室转发市市场监管局市农业农村局关于加强农业标准化工作实施方案的通知', '各县区人民政府:']);
    expect(m.title).toBe('关于加强农业标准化工作实施方案');
    expect(m.facts.find((f) => f.kind === 'drafter')?.value).toBe('市市场监管局、市农业农村局');
  });

  it('reads dates in Chinese numerals with ○, and a 文号 in plain brackets after the title', () => {
    const m = extractPlanMeta(['北川省人民政府关于实施质量强省战略的意见(北政发(2012)27号)', '北川省人民政府', '二○一二年八月二日']);
    expect(m).toMatchObject({ docNo: '北政发(2012)27号', date: '2012-08-02', title: '北川省人民政府关于实施质量强省战略的意见' });
  });

  it('names a plan as the notice body quotes it, in every way notices and pages quote it', () => {
    const title = (lines: string[]) => extractPlanMeta(lines).title;
    // The notice title drops 关于/的; the body quotes the plan's own name.
    expect(title(['明州市人民政府办公室转发市市场监管局关于加强农业标准化工作实施方案的通知', '市市场监管局起草的《关于加强农业标准化工作的实施方案》,已经市政府同意,现转发给你们。'])).toBe('关于加强农业标准化工作的实施方案');
    // (以下简称…) between the name and 印发; the first of two documents issued together.
    expect(title(['明政办字〔2023〕1号', '现将《明州市绿色发展分工落实方案》(以下简称《方案》)印发给你们,请认真贯彻执行。'])).toBe('明州市绿色发展分工落实方案');
    expect(title(['《2020年政府工作责任分解》和《2020年民生实事责任分解》已经市政府常务会议通过,现印发给你们。'])).toBe('2020年政府工作责任分解');
    // A news page about the plan; a page about a draft that ends inside its name.
    expect(title(['关山县人民政府以关政(2013)11号文件形式印发了《关山县人民政府关于开展质量强县活动的实施意见》,标志着工作正式启动。'])).toBe('关山县人民政府关于开展质量强县活动的实施意见');
    expect(title(['三、起草过程 县市场监管局牵头起草了《关山县质量强县培育建设工作实施方案(征求意见'])).toBe('关山县质量强县培育建设工作实施方案');
    // A cited report is not the plan; a notice that is the document keeps its own title.
    expect(title(['关山县人民政府关于分解落实政府工作报告目标任务的通知', '《政府工作报告》已经县人大审议通过,现将目标任务分解如下。'])).toBe('关山县人民政府关于分解落实政府工作报告目标任务的通知');
  });

  it('reads the issuer of a notice run into a page’s first line or quoted by a page about it', () => {
    expect(extractPlanMeta(['12011关山县实施“四个带动”领导小组关于印发《关山县2011年品牌带动工作计划》的通知各乡镇党委和人民政府:']).issuer).toBe('关山县实施“四个带动”领导小组');
    expect(extractPlanMeta(['县长就《关山县人民政府办公室关于印发关山县质量服务工作实施方案的通知》解读如下:']).issuer).toBe('关山县人民政府办公室');
    // A notice the plan cites is not its own.
    expect(extractPlanMeta(['根据《国务院办公厅关于印发质量发展纲要的通知》精神,制定本方案。']).issuer).toBeNull();
  });

  it('reads a 文号 as the grid or the page writes it: a bulletin’s issue, a number the page cut before 号', () => {
    expect(extractPlanMeta(['文号 | 督察通报第十七期 | 成文日期: | 2022年09月14日 |']).docNo).toBe('督察通报第十七期');
    expect(extractPlanMeta(['关山市贯彻实施质量发展纲要2017年行动计划', '关质强办[2017]4', '各成员单位:']).docNo).toBe('关质强办[2017]4');
  });

  it('takes a goal sentence that opens with its year for the goal year', () => {
    const m = extractPlanMeta(['关山县质量强县建设实施方案', '二、主要目标', '2027年,全县质量整体水平明显提升,质量品牌影响力显著增强。']);
    expect(m.goalYear).toBe(2027);
  });

  it('names a plan from news pages and reposts: 印发《X》并发出通知, 全文如下, a province tag, the body’s fuller name', () => {
    const title = (lines: string[]) => extractPlanMeta(lines).title;
    expect(title(['2023年6月14日,北川省党委、省人民政府印发《北川省质量强省建设实施方案》,并发出通知,要求认真贯彻。'])).toBe('北川省质量强省建设实施方案');
    expect(title(['方案全文', '《北川省质量强省建设实施方案》全文如下。'])).toBe('北川省质量强省建设实施方案');
    expect(title(['(湖北省)武汉市2023年《政府工作报告》目标任务责任分解方案', '——推进教育高质量发展'])).toBe('武汉市2023年《政府工作报告》目标任务责任分解方案');
    expect(title(['明州市人民政府办公室关于印发《<政府工作报告>重点工作任务分工方案》《疫情防控工作责任分工方案》的通知'])).toBe('<政府工作报告>重点工作任务分工方案');
    expect(title(['- 标题:明州市人民政府办公室关于2025年市《政府工作报告》目标任务责任分解的通知'])).toBe('明州市人民政府办公室关于2025年市《政府工作报告》目标任务责任分解的通知');
    expect(title(['厦门市人民政府办公厅关于印发聚焦企业关切落实营商环境政策若干措施的通知', '《厦门市聚焦企业关切落实营商环境政策的若干措施》已经市政府同意,现印发给你们。'])).toBe('厦门市聚焦企业关切落实营商环境政策的若干措施');
  });

  it('reads addressees run into the issuer before them, and the page’s 索引号', () => {
    const m = extractPlanMeta(['索引号: 011217651/2017-20006 发布机构: 北川省人民政府', '北川省人民政府各市(州)人民政府,长白山管委会,省政府各厅委办:', '现将意见印发给你们。']);
    expect(m.facts.find((f) => f.kind === 'addressees')?.value).toBe('各市(州)人民政府,长白山管委会,省政府各厅委办');
    expect(m.facts.find((f) => f.kind === 'index')?.value).toBe('011217651/2017-20006');
  });

  it('reads grid labels run into the value before them, and a page’s 来源 body as its issuer', () => {
    const m = extractPlanMeta(['关山区关于持续优化营商环境的若干措施', '来源:关山区发展和改革局发布时间:2023-03-10', '为贯彻落实…']);
    expect(m.issuer).toBe('关山区发展和改革局');
    expect(m.date).toBe('2023-03-10');
  });

  it('keeps a comment period as written, and never takes its end for the plan’s goal year', () => {
    const m = extractPlanMeta(['关山区质量强区建设实施方案(征求意见稿)', '现向社会公开征求意见,时间为2025年5月29日至2025年6月28日。']);
    const f = m.facts.find((x) => x.kind === 'commentDeadline');
    expect(f).toMatchObject({ value: '2025-06-28' });
    expect(f?.quote).toContain('2025年5月29日至2025年6月28日');
    expect(m.goalYear).toBeNull();
  });

  it('reads titles through page furniture: shared files, forwarded notices, split lines, counts, run-in 落款', () => {
    const title = (lines: string[]) => extractPlanMeta(lines).title;
    expect(title(['《明州市促进民营经济发展实施方案.docx》由会员分享,可在线阅读,更多相关文档请搜索。'])).toBe('明州市促进民营经济发展实施方案');
    expect(title(['食品安全示范城市创建重点任务分解表.docx', '上传人:p** 文档编号:1 格式:DOCX'])).toBe('食品安全示范城市创建重点任务分解表');
    expect(title(['转发《关于印发<2020年明州市营商环境评价工作方案>的通知》的通知', '来源:优化办'])).toBe('2020年明州市营商环境评价工作方案');
    expect(title(['[ 发布日期 ] | 2024-01-17 |[ 成文日期 ] | 2024-01-12 |明州市关山区人民政府关于印发质量强区建设实施方案(2023-2027年)的通知'])).toBe('质量强区建设实施方案(2023-2027年)');
    expect(title(['北川省人民政府关于', '进一步优化营商环境的若干意见', '北政发〔2018〕26号'])).toBe('北川省人民政府关于进一步优化营商环境的若干意见');
    expect(title(['信息名称:关于印发《2023年区政府工作报告重点工作分工方案(共计121项)》的通知'])).toBe('2023年区政府工作报告重点工作分工方案');
    expect(title(['明州市人民政府关于印发明州市标准化行动实施方案的通知', '明州市人民政府 2016年12月23日 明州市标准化行动实施方案'])).toBe('明州市标准化行动实施方案');
    // The notice names the place; the attachment's heading does not.
    expect(title(['市食安委各成员单位:', '市食安办编制形成了《明州市2024年度食品安全工作责任清单》,现印发给你们。', '2024年度食品安全工作责任清单'])).toBe('明州市2024年度食品安全工作责任清单');
  });
});

describe('owners in the idioms real plans use', () => {
  it('reads labels inside brackets with the deadline beside them, in the plan’s year', () => {
    expect(task('guanshan-plan.txt', '加强检验检测')).toMatchObject({
      lead: ['县市场监管局'], units: ['县市场监管局', '县发改局', '县财政局'], partners: ['县发改局', '县财政局'], deadline: '2024-06',
    });
    expect(task('guanshan-plan.txt', '推进标准化')).toMatchObject({ lead: ['县市场监管局'], partners: ['县农业农村局'] });
    expect(task('guanshan-plan.txt', '提升公共服务')).toMatchObject({ lead: [], units: ['县教育局', '县卫健局'] });
    expect(task('guanshan-plan.txt', '培育质量文化')).toMatchObject({ lead: ['县质量强县办'], partners: ['各成员单位'] });
  });

  it('reads a task table pasted one cell per line, several unit lines and a yearless deadline', () => {
    expect(task('guanshan-plan.txt', '建设农产品')).toMatchObject({ ref: '1', origin: 'table', lead: [], units: ['县农业农村局', '县供销社'], deadline: '2024-12' });
    expect(task('guanshan-plan.txt', '开展小微企业')).toMatchObject({ ref: '2', lead: [], units: ['县工信局'], deadline: '2024-09' });
  });

  it('ends a cell table where its cells stop: text after the last row is not a cell', () => {
    const lines = ['序号', '工作任务', '责任单位', '1', '建设平台', '市发改局', '本通知自印发之日起施行,请各单位认真组织实施并按时报送进展情况。']
      .map((text, i) => ({ text, line: i + 1 }));
    const [table] = findCellTables(lines);
    expect(table.rows).toEqual([['序号', '工作任务', '责任单位'], ['1', '建设平台', '市发改局']]);
    expect(table.consumed).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reads a table with one row per line, cells apart by spaces', () => {
    const lines = ['序号 工作任务 牵头单位 配合单位 完成时限', '1 建设检验检测平台 市市场监管局 市发改局、市财政局 2024年6月底前', '二、保障措施']
      .map((text, i) => ({ text, line: i + 1 }));
    const [table] = findCellTables(lines);
    expect(table.rows[1]).toEqual(['1', '建设检验检测平台', '市市场监管局', '市发改局、市财政局', '2024年6月底前']);
    expect(table.consumed).toEqual([0, 1]);
  });

  it('reads cell rows by their shape: merged cells leave them short, unit lists long, "/" is blank', () => {
    const lines = ['序号', '事项分类', '事项名称', '项目内容', '牵头单位', '协同单位',
      '1', '打造教育高地', '新建一批中小学校', '实施新建学校5家。', '区教体局', '东孝街道', '孝顺镇', '区发改局', '区城投集团',
      '2', '中小学校阳光厨房建设', '对28所学校安装平台。', '区教体局', '/',
      '3', '献血屋建设', '建设献血屋1个。', '区卫健局', '区红十字会', '各乡镇(街道)',
    ].map((text, i) => ({ text, line: i + 1 }));
    const [table] = findCellTables(lines);
    expect(table.rows[1]).toEqual(['1', '打造教育高地', '新建一批中小学校', '实施新建学校5家。', '区教体局', '东孝街道、孝顺镇、区发改局、区城投集团']);
    expect(table.rows[2]).toEqual(['2', '', '中小学校阳光厨房建设', '对28所学校安装平台。', '区教体局', '']);
    expect(table.rows[3].slice(4)).toEqual(['区卫健局', '区红十字会、各乡镇(街道)']);
  });

  it('reads an indicator task table: its 年度目标 in its 单位 as a target, 评分部门 as no owner', async () => {
    const lines = ['序号', '考核内容', '单位', '年度目标', '责任部门', '评分部门',
      '1', '粮食播种面积', '万亩', '0.07', '县农业农村局', '市农业农村局',
      '2', '水产品产量', '万吨', '42', '县海洋与渔业局', '市海洋渔业局'];
    const { ingestTexts } = await import('../helpers/ingest-texts.ts');
    const [r] = (await ingestTexts({ 'x.txt': ['关山县2021年乡村振兴任务清单', ...lines].join('\n') })).plans;
    expect(r.tasks.map((t) => [t.text, t.units])).toEqual([['粮食播种面积', ['县农业农村局']], ['水产品产量', ['县海洋与渔业局']]]);
    expect(r.targets.map((t) => [t.metric, t.valueText, t.unit])).toContainEqual(['水产品产量', '42万吨', '万吨']);
  });

  it('reads a spaced row whose cells broke at spaces inside them: the task before the measure, owners after it', () => {
    const lines = [
      '序号 类别 主要任务 细化措施 牵头单位 参与单位 责任单位',
      '1 加强水资源保 护 严守用水红线 实施总量和强度双控行动,防止不合理新增取水。 市水利局 市发改委、农业局 各县(市、区)人民政府',
    ].map((text, i) => ({ text, line: i + 1 }));
    const [table] = findCellTables(lines);
    expect(table.rows[1].slice(4)).toEqual(['市水利局', '市发改委、农业局', '各县(市、区)人民政府']);
    expect(table.rows[1][3]).toContain('严守用水红线');
  });

  it('reads an indicator table (专栏) pasted one cell per line into targets of its target year', () => {
    const lines = ['专栏1 主要指标', '指标', '单位', '2022年', '2027年', '制造业产品质量合格率', '%', '93.5', '95以上', '新增省级品牌产品', '个', '—', '30', '二、重点任务']
      .map((text, i) => ({ text, line: i + 1 }));
    const [table] = findIndicatorTables(lines);
    expect(table.rows.map((r) => [r.metric, r.valueText, r.unit, r.year])).toEqual([
      ['制造业产品质量合格率', '95%以上', '%', 2027],
      ['新增省级品牌产品', '30个', '个', 2027],
    ]);
    expect(table.rows[0].quote).toBe('制造业产品质量合格率: 2022年 93.5%, 2027年 95%以上');
    expect(table.consumed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});
