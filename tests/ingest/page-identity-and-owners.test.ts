import { describe, expect, it } from 'vitest';
import { extractOwners } from '../../src/ingest/extract-owners.ts';
import { readMetaFields } from '../../src/ingest/read-meta-fields.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Owner idioms and page identity met on other places' pages (fixtures written for these tests):
 * connectors inside an owner clause, a second duty inside one bracket, annotations a page ran into the
 * next sentence, news headlines and datelines, forum furniture, empty grid cells, 指标要求 columns.
 */

describe('connectors inside an owner clause', () => {
  it('X、Y协同Z负责: Z leads, X and Y take part; the deadline clause after it is kept', () => {
    const o = extractOwners('加强计量基础建设。县市场监管局、县工信局协同县发改局负责,2025年6月底前完成。');
    expect(o).toMatchObject({ lead: ['县发改局'], units: ['县市场监管局', '县工信局', '县发改局'], partners: ['县市场监管局', '县工信局'], deadlineText: '2025年6月底前完成' });
  });

  it('X会同Y负责: the body that convenes leads, in a bracket or as a clause, with 长期坚持 as its time', () => {
    expect(extractOwners('(市发改委会同市财政局负责)')).toMatchObject({ lead: ['市发改委'], units: ['市发改委', '市财政局'] });
    expect(extractOwners('强化工程质量监管。县住建局会同县交通运输局负责,长期坚持。')).toMatchObject({ lead: ['县住建局'], partners: ['县交通运输局'], deadlineText: '长期坚持' });
  });

  it('no unit name ever carries the connector', () => {
    const o = extractOwners('完善检测体系。区卫健委配合区市场监管局负责。');
    expect(o?.units).toEqual(['区卫健委', '区市场监管局']);
    expect(o?.lead).toEqual(['区市场监管局']);
  });
});

describe('lists as notices write them', () => {
  it('"各县、区政府及高新区管委会": the joined county list and the body after 及 are two units', () => {
    const o = extractOwners('(牵头单位:市商务局;责任单位:市税务局,各县、区政府及高新区管委会)');
    expect(o?.units).toEqual(['市商务局', '市税务局', '各县区政府', '高新区管委会']);
  });

  it('a notice’s 请 is no part of the first name', () => {
    expect(extractOwners('(请市食安委各成员单位、有关市级部门负责)')?.units).toEqual(['市食安委各成员单位', '有关市级部门']);
  });
});

describe('more owner writings', () => {
  it('"部门分工:X牵头,各地、各部门配合" is a label whose value carries its roles', () => {
    expect(extractOwners('规上工业增加值增长7%。部门分工:省工业和信息化厅牵头,各地、各部门配合。')).toMatchObject({ lead: ['省工业和信息化厅'], units: ['省工业和信息化厅', '各地', '各部门'] });
  });

  it('"相关市、县政府" is one unit; places listed before the body they share each have that body', () => {
    expect(extractOwners('(省发改委、铁路办、相关市、县政府负责)')?.units).toEqual(['省发改委', '铁路办', '相关市县政府']);
    expect(extractOwners('(机场扩建指挥部、哈尔滨、黑河、绥芬河市政府、省农垦总局负责)')?.units).toEqual(['机场扩建指挥部', '哈尔滨市政府', '黑河市政府', '绥芬河市政府', '省农垦总局']);
    expect(extractOwners('(番禺区、南沙区政府负责)')?.units).toEqual(['番禺区政府', '南沙区政府']);
    // (An autonomous prefecture in its own short form: 临夏州.)
    expect(extractOwners('(海东市、兰州市、临夏州发展改革部门负责)')?.units).toEqual(['海东市发展改革部门', '兰州市发展改革部门', '临夏州发展改革部门']);
  });

  it('an adverb or an 等-tail after the last body is no part of its name; a defining bracket is no owner list', () => {
    expect(extractOwners('(省发改委、农委、统计局分别负责)')?.units).toEqual(['省发改委', '农委', '统计局']);
    expect(extractOwners('(市发改委、市财政局等市级相关单位负责)')?.units).toEqual(['市发改委', '市财政局']);
    expect(extractOwners('特别是牵头单位(无牵头单位的,责任单位即为牵头单位,下同)要统筹制订办理方案。')).toBeNull();
  });

  it('a date with its weekday ("5月18日(星期二)前") is still the deadline; the attached table names the plan', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '各镇政府,区政府直属单位:\n为推动各项工作的落实,现将有关事项通知如下:\n一、请各牵头单位对照《2010年三水区重点工作任务分解表》(详见附件)制定推进计划,于5月18日(星期二)前报区督查室。\n',
    });
    expect(kb.plans[0]).toMatchObject({ title: '2010年三水区重点工作任务分解表', city: '三水区' });
    expect(kb.tasks[0].deadlineText).toBe('5月18日前');
  });
});

describe('a bracket with a second duty after its full stop', () => {
  it('"(X、Y按职责分工负责。各县〔区〕政府属地负责,下同)": the 属地 duty is a unit too, and there is no lead', () => {
    const o = extractOwners('建立追溯平台,推动各地使用。(县市场监管局、县商务局按职责分工负责。各乡〔镇〕政府属地负责,下同)');
    expect(o?.lead).toEqual([]);
    expect(o?.units).toEqual(['县市场监管局', '县商务局', '各乡〔镇〕政府']);
  });

  it('a note after the full stop is still no unit', () => {
    const o = extractOwners('开展专项整治。(县公安局牵头,县交通局参加。以下各项工作均需各乡镇落实,不再列出)');
    expect(o?.units).toEqual(['县公安局', '县交通局']);
  });
});

describe('an annotation the page ran into the next sentence', () => {
  it('"…保障。(X)扎实开展…(Y)": two tasks, each with its own bare list of owners', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '青石县2024年食品安全重点工作安排\n一、重点任务\n3.保障重大活动食品安全。做好县运会等活动保障。(县食安委各成员单位)扎实开展隐患排查整治行动,全面排查风险。(县市场监管局)\n',
    });
    const tasks = kb.tasks.filter((t) => t.ref === '3');
    expect(tasks.map((t) => t.units)).toEqual([['县食安委各成员单位'], ['县市场监管局']]);
    expect(tasks[0].text).toContain('保障重大活动食品安全');
  });
});

describe('who and what a news page is about', () => {
  it('a headline with its dateline is the title; the county its headline opens with is the place', async () => {
    const { kb } = await ingestTexts({
      'news.txt': '论坛风格切换\n  • 320阅读\n蕲春召开质量强县示范创建推进会 [复制链接]\n上一主题 下一主题\n只看楼主 发表于: 2024-05-06\n5月6日,蕲春县举行“湖北质量强县示范县”创建推进会。副县长王某某主持会议。\n',
    });
    expect(kb.plans[0].title).toBe('蕲春召开质量强县示范创建推进会');
    expect(kb.plans[0].city).toBe('蕲春县');
  });

  it('a byline is no headline', async () => {
    const { kb } = await ingestTexts({ 'a.txt': '青石记者 张某 李某\n6月16日下午,青石市召开优化营商环境工作会议。\n会议强调要优化服务。\n编辑:王某\n' });
    expect(kb.plans[0].title).toBeNull();
  });

  it('"河南虞城:…" names the county after its province, not the province its quoted honour names', async () => {
    const { kb } = await ingestTexts({ 'a.txt': '河南虞城:获评“河南省质量标杆县”\n\n发布时间:2024-06-01 来源:网站\n\n近日,虞城县获评省级荣誉。\n' });
    expect(kb.plans[0]).toMatchObject({ city: '虞城县', title: '河南虞城:获评“河南省质量标杆县”' });
  });

  it('the paper that reports is not the place: a city abbreviated 哈市 is counted for the city', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '哈市推进质量强市示范城市创建\n\n作者:某某 来源:黑龙江日报\n2024-08-02 08:00\n\n黑龙江日报8月2日讯 近日,哈尔滨市介绍了创建工作安排,助力哈市提升城市品质。哈市将推出12项举措。\n',
    });
    expect(kb.plans[0].city).toBe('哈尔滨');
  });

  it('the place a report keeps naming outweighs a county it lists once after 推进', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '3月5日,郑州市质量工作会议在郑州召开。2024年,郑州将实施质量强市战略。开展区域质量提升创建活动,推进新密市争创示范县。郑州市将持续推进标准化建设。\n',
    });
    expect(kb.plans[0].city).toBe('郑州');
  });
});

describe('page furniture', () => {
  it('an empty grid cell does not take the next label as its value', () => {
    const f = readMetaFields(['索 引 号 失效时间', '发文机关 成文日期', '标  题 某某省人民政府办公厅关于落实年度任务分工的通知']);
    expect(f.get('issuer')).toBeUndefined();
  });

  it('a 指标要求 column in words ("增长4.5%") gives its row a target', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '青石区2019年政府工作报告目标任务分解表\n序号 | 项 目 名 称 | 指 标 要 求 | 牵 头 单 位 | 配 合 单 位 |\n1 | 一般公共预算收入 | 增长4.5%(区定指标) | 区财政局 | 区税务局、区统计局 |\n2 | 社会消费品零售总额 | 增长7% | 区商务局 | 区统计局 |\n',
    });
    expect(kb.tasks.find((t) => t.text === '一般公共预算收入')?.lead).toEqual(['区财政局']);
    expect(kb.targets.map((t) => [t.metric, t.valueText])).toEqual([
      ['一般公共预算收入', '4.5%'],
      ['社会消费品零售总额', '7%'],
    ]);
  });
});

describe('titles a page gives in other ways', () => {
  const titleOf = async (text: string) => (await ingestTexts({ 'p.txt': text })).plans[0].plan.title;

  it('a policy issued by a notice: "现将《关于…的若干政策》印发给你们"', async () => {
    expect(await titleOf('各街道办事处,区政府各部门:\n现将《关于支持实体经济发展的若干政策》印发给你们,请认真组织实施。\n东江市北湖区人民政府\n2024年3月1日\n关于支持实体经济发展的若干政策\n一、支持企业扩大投资')).toBe('关于支持实体经济发展的若干政策');
  });

  it('a notice named with the plan inside it: "印发了《<…分工方案>的通知》"', async () => {
    expect(await titleOf('2024年4月2日,南川县人民政府印发了《<2024年政府工作报告重点任务分工方案>的通知》(南政发〔2024〕3号)。\n一、出台背景\n县人大审议通过了政府工作报告。')).toBe('2024年政府工作报告重点任务分工方案');
  });

  it('an explanation page is about the document it quotes; the site\'s accessibility switches are no title', async () => {
    expect(await titleOf('无障碍浏览 长者模式\n《2024年重点工作任务分工方案》政策解读\n发布日期:2024-04-02 15:35\n来源:南川县政府办\n一、起草背景\n县人大会议听取了政府工作报告。')).toBe('2024年重点工作任务分工方案');
  });
});

describe('a short report naming one county once', () => {
  it('is that county\'s; a text naming a city once is not placed by it', async () => {
    const placeOf = async (text: string) => (await ingestTexts({ 'p.txt': text })).plans[0].plan.city;
    expect(await placeOf('5月11日,石泉县“秦巴山珍”区域公共品牌项目启动会召开,县领导出席会议。\n会议强调,各相关部门要抓好品牌建设。')).toBe('石泉县');
    expect(await placeOf('会议强调,要学习杭州市的经验,抓好品牌建设。\n各部门要抓好落实。')).toBeNull();
  });
});

describe('identities a page gives in passing', () => {
  it('"促进我市开发区改革" names no zone: the city is the issuer\'s', async () => {
    const { kb } = await ingestTexts({
      'tj.txt': '天津市人民政府办公厅印发关于促进我市开发区改革和创新发展实施方案的通知\n津政办函〔2026〕103号\n各区人民政府:\n经市人民政府同意,现将《关于促进我市开发区改革和创新发展的实施方案》印发给你们,请照此执行。\n天津市人民政府办公厅\n2026年10月9日\n',
    });
    expect(kb.plans[0].city).toBe('天津');
  });

  it('a page explaining a township\'s report ("解读《…乡…政府工作报告》") is that report, of that township', async () => {
    const { kb } = await ingestTexts({
      'st.txt': '解读《青山德昂族乡2026年政府工作报告》\n近日,中共青山乡委员会印发了《青山德昂族乡2026年政府工作报告》,现将文件解读如下:\n一、主要目标\n地区生产总值增长11%以上。\n',
    });
    expect(kb.plans[0]).toMatchObject({ title: '青山德昂族乡2026年政府工作报告', city: '青山德昂族乡' });
  });

  it('an autonomous prefecture goes by its own short form (临夏州, 恩施州)', async () => {
    const { kb } = await ingestTexts({
      'lx.txt': '临夏州2026年质量工作要点\n一、全州产品质量监督抽查合格率达到95%以上。\n',
    });
    expect(kb.plans[0].city).toBe('临夏回族自治州');
  });
});
