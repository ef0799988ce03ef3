import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { extractOwners, splitDepartments } from '../../src/ingest/extract-owners.ts';
import { extractPlanMeta } from '../../src/ingest/extract-plan-meta.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Structures met on other places' pages (fixtures written for these tests): notices for comment that say
 * where comments go and what they attach, approvals by two bodies, a seal note on the issuer's line, joint
 * issuers run into one line, news reports of an issuing, stems of departments sharing one ending, stages
 * dated by day in a plan that gives its year only in passing, enumerations asked for ("哪几个行业",
 * "四项工作是哪四项"), principles written as paragraphs, and two metrics asked of in one question.
 */

const lines = (text: string) => text.split('\n').map((t, i) => ({ text: t.trim(), line: i + 1 })).filter((l) => l.text);
const meta = (text: string) => extractPlanMeta(lines(text));
const NOW = new Date('2026-12-01T02:00:00Z');

describe('what a notice for comment and its covering letter say of themselves', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    const { kb } = await ingestTexts({
      'draft.txt':
        '丽水市市场监督管理局关于《丽水市质量强市建设实施方案(征求意见稿)》公开征求意见的公告\n为提高文件质量,自2025年7月3日起向社会公开征求意见。\n意见和建议请以电子邮件方式于7月17日前反馈至丽水市市场监督管理局。\n附件:1.《丽水市质量强市建设实施方案》(征求意见稿)\n2.《丽水市质量强市建设实施方案》(征求意见稿)起草说明\n丽水市市场监督管理局\n2025年7月3日\n',
      'letter.txt':
        '关山县人民政府办公室关于印发关山县质量强县工作要点的通知\n各乡镇人民政府,县政府各部门:\n《关山县质量强县工作要点》已经县委、县政府研究同意,现印发给你们,请认真组织实施。\n通讯地址:关山县市场监督管理局质量科\n关山县人民政府办公室\n2024年3月1日\n一、主要任务\n(一)推进标准化建设。\n',
    });
    engine = new AnswerEngine(kb);
  });
  const ask = (q: string) => engine.ask(q, { now: NOW }).answer;

  it('where comments go, and by when — the year taken from the paragraph that opens the call', () => {
    const a = ask('丽水质量强市方案征求意见稿的意见反馈到哪个单位？截止时间呢');
    expect(a).toContain('丽水市市场监督管理局');
    expect(a).toContain('7月17日前');
  });

  it('what a notice attaches, entry by entry', () => {
    expect(ask('丽水征求意见公告带了哪几个附件？')).toContain('起草说明');
  });

  it('who approved it, as the text says it — two bodies, one verb', () => {
    const a = engine.ask('关山质量强县工作要点印发前经过谁研究同意？', { now: NOW });
    expect(a.answer).toContain('审议/同意: 经县委、县政府研究同意');
  });

  it('a draft that names no body for comments: its mailing address naming an office is where they go', () => {
    expect(ask('关山质量强县工作要点有意见反馈给谁？')).toContain('关山县市场监督管理局质量科');
  });
});

describe('issuers, addressees and dates as pages write them', () => {
  it('a seal note on the issuer’s line is no part of its name', () => {
    const m = meta('各相关单位:\n现将《丽水市2025年营商环境实施方案》印发给你们,请认真抓好落实。\n中共丽水市委优化营商环境领导小组(代章)\n2025年3月24日\n');
    expect(m.issuer).toBe('中共丽水市委优化营商环境领导小组');
  });

  it('joint issuers run into one line before 关于印发: both, the party office first', () => {
    const m = meta(
      '海南省优化营商环境行动计划\n中共海南省委办公厅 海南省人民政府办公厅关于印发《海南省优化营商环境行动计划》的通知 各市、县人民政府,省委各部门: 《海南省优化营商环境行动计划》已经省委、省政府同意,现印发给你们,请结合实际认真贯彻落实。\n',
    );
    expect(m.issuer).toBe('中共海南省委办公厅 海南省人民政府办公厅');
  });

  it('a news report: the bodies that issued it (a party committee and a government by its level) and the day', () => {
    const m = meta('日前,山西省委、省政府印发《关于开展质量提升行动的实施意见》(以下简称《实施意见》),决定广泛开展质量提升行动。\n《实施意见》提出了主要目标。\n');
    expect(m.issuer).toBe('山西省委、省政府');
    const n = meta('7月29日,农业农村部、国家标准委联合印发《乡村标准化行动方案》(以下简称《方案》)。\n《方案》提出到2025年的目标。\n');
    expect(n.issuer).toBe('农业农村部、国家标准委');
    expect(n.facts.find((f) => f.kind === 'signed')?.value).toBe('7月29日');
  });

  it('a news lead that names the plan through another reading still names its issuers; a notice by bodies joined with 、', () => {
    expect(meta('扫一扫关注微信公众号:\n近日,中共山东省委、山东省政府印发了《关于开展质量提升行动的实施方案》(以下简称《实施方案》),提出加快推动质量变革。\n').issuer).toBe('中共山东省委、山东省政府');
    expect(meta('近日,丽水市政府印发了《关于开展质量强市活动的意见》(以下简称《意见》),全面启动质量强市工作。\n').issuer).toBe('丽水市政府');
    expect(meta('黑龙江省委、黑龙江省人民政府印发《关于开展质量提升行动实施方案》的通知\n1月22日,黑龙江省委、黑龙江省人民政府印发实施方案。\n').issuer).toBe('黑龙江省委、黑龙江省人民政府');
  });

  it('a head run into one line: the part between the spaces that is a title', () => {
    expect(meta('编辑: abc 2019-01-14\n丽水市人民政府 关于加强丽水品牌建设的实施意见 各县、市、区人民政府,市政府各部门: 现将意见印发给你们。\n').title).toBe('关于加强丽水品牌建设的实施意见');
  });

  it('a title as pages damage it: a space before 年, a headline reporting the issuing', () => {
    expect(meta('2023 年丽水市质量工作要点\n一、主要任务\n推进标准化。\n').title).toBe('2023年丽水市质量工作要点');
    expect(meta('123项!《丽水市知识产权强市建设推进计划(2022—2023)》印发\n来源: 丽水日报\n近日,推进计划印发。\n').title).toBe('丽水市知识产权强市建设推进计划(2022—2023)');
  });

  it('addressees listed with commas, one of them a list of levels ("各市、州、县市场监管局")', () => {
    const m = meta('省药监局,省知识产权局,各市、州、县市场监管局,省局各处室、各直属单位:\n现将《服务统一大市场行动方案》印发给你们。\n');
    expect(m.facts.find((f) => f.kind === 'addressees')?.value).toBe('省药监局,省知识产权局,各市、州、县市场监管局,省局各处室、各直属单位');
  });

  it('a period the text states for itself ("规划期限为2021-2025年")', () => {
    const m = meta('北川县质量强县建设“十四五”规划\n本规划以2020年为基准年,规划期限为2021-2025年。\n');
    expect(m.facts.find((f) => f.kind === 'period')?.value).toBe('2021-2025年');
  });
});

describe('owners written as stems that share one ending', () => {
  it('"(市知识产权、工商、版权、公安局,市法院、检察院)" closing a sentence: every body, each stem with the ending it shares, none the lead', () => {
    const o = extractOwners('侵犯知识产权的行为得到有效制止。(市知识产权、工商、版权、公安局,市法院、检察院)');
    expect(o?.units).toEqual(['市知识产权局', '市工商局', '市版权局', '市公安局', '市法院', '检察院']);
    expect(o?.lead).toEqual([]);
  });

  it('a bracket of plain words is still no owner', () => {
    expect(extractOwners('推进产品、工程、服务质量提升。(产品、工程、服务)')).toBeNull();
  });
});

describe('lists, stages and several figures asked for at once', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    const { kb } = await ingestTexts({
      'opinion.txt':
        '明水市关于开展质量提升行动的实施意见\n一、总体要求\n《实施意见》突出了装备制造、清洁能源、消费品、文化旅游4个行业和领域。\n要构建更加适配的质量供给体系、更高水平的质量支撑体系和更加完善的质量保障体系。要有效开展四项基础性工作。一是加强标准化工作。制定规划。二是抓好计量基础保障。建立体系。三是开展品牌创建。完善制度。四是完善认证认可体系。鼓励认证。\n(二)基本原则\n坚持以质量第一为价值导向。牢固树立质量第一的意识。\n坚持以满足群众需要为根本目的。增进民生福祉。\n坚持以企业为质量提升主体。加强全面质量管理。\n二、主要目标\n到2027年,生产性服务业顾客满意度达到80%以上,生活性服务业顾客满意度达到75%以上。大中型工程项目一次验收合格率达到100%,其他工程一次验收合格率达到98%以上。\n',
      'campaign.txt':
        '明水市产品质量专项整治行动方案\n一、工作目标\n全面排查风险隐患。\n二、行动步骤\n专项整治行动自2007年8月下旬至年底,分三个阶段组织实施。\n(一)组织准备阶段(8月24日至8月31日)\n成立组织机构,制定具体行动方案。\n(二)行动实施阶段(9月1日至12月15日)\n开展集中普查。\n(三)总结提高阶段(12月16日至12月30日)\n各部门进行分析总结。\n',
    });
    engine = new AnswerEngine(kb);
  });
  const ask = (q: string) => engine.ask(q, { now: NOW }).answer;

  // (Each is the plan's enumeration itself — "方案: <the run>" — not a sentence that happens to hold it.)
  it('"哪几个行业和领域": the run of items the plan lists before the name', () => {
    const a = ask('明水质量提升意见突出了哪几个行业和领域？');
    expect(a).toMatch(/方案: 《实施意见》突出了装备制造、清洁能源、消费品、文化旅游4个行业和领域〔/);
  });

  it('"哪三个体系": the whole run, read at the last of its names', () => {
    const a = ask('明水质量提升意见要构建哪三个体系？');
    expect(a).toMatch(/方案: 要构建更加适配的质量供给体系、更高水平的质量支撑体系和更加完善的质量保障体系〔/);
  });

  it('"四项基础性工作是哪四项": the 一是…二是… items after the sentence that counts them', () => {
    const a = ask('明水质量提升意见里的四项基础性工作是哪四项？');
    expect(a).toContain('四项基础性工作: 一是加强标准化工作; 二是抓好计量基础保障; 三是开展品牌创建; 四是完善认证认可体系');
  });

  it('principles written as paragraphs, each opening with its name, are the part’s items', () => {
    const a = ask('明水质量提升意见坚持哪些基本原则？');
    expect(a).toContain('共3项');
    expect(a).toContain('坚持以企业为质量提升主体');
  });

  it('two metrics asked of one sentence ("分别", "vs"): each with its own figure', () => {
    const a = ask('明水生产性服务业和生活性服务业顾客满意度分别要多少');
    expect(a).toContain('80%以上');
    expect(a).toContain('75%以上');
    const b = ask('明水 工程一次验收合格率 大中型的 vs 其他的 各是多少');
    expect(b).toContain('100%');
    expect(b).toContain('98%以上');
  });

  it('stages dated by day, in the year the text gives in passing', () => {
    const phases = engine.prepared.kb.phases.filter((p) => p.file === 'campaign.txt');
    expect(phases.map((p) => [p.name, p.start, p.end])).toEqual([
      ['组织准备阶段', '2007-08', '2007-08'],
      ['行动实施阶段', '2007-09', '2007-12'],
      ['总结提高阶段', '2007-12', '2007-12'],
    ]);
    expect(ask('明水专项整治组织准备阶段截止哪天？')).toContain('组织准备阶段: 8月24日至8月31日');
  });
});

describe('a table pasted as "a | b | c" rows under its header', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    const { kb } = await ingestTexts({
      'checks.txt':
        '丽水市2023年抽查工作计划 | |||||\n序号 | 检查主体 | 检查内容 | 计划开展时间 | 股室 | 抽查比例 | 抽查数量 |\n1 | 丽水市市场监督管理局 | 对保健食品经营者的行政检查 | 1月—12月 | 食品股 | 10% | 3户 |\n2 | 丽水市市场监督管理局 | 对电子商务经营者的行政检查 | 1月—12月 | 网监股 | 5% | 7户 |\n',
    });
    engine = new AnswerEngine(kb);
  });
  const ask = (q: string) => engine.ask(q, { now: NOW }).answer;

  it('each row is searched with its cells named by the header, the cells as written', () => {
    const row = engine.prepared.kb.passages.find((p) => p.text.includes('保健食品'));
    expect(row?.text).toBe('1 | 检查主体:丽水市市场监督管理局 | 检查内容:对保健食品经营者的行政检查 | 计划开展时间:1月—12月 | 股室:食品股 | 抽查比例:10% | 抽查数量:3户');
  });

  it('a column asked of a row: the row that says it', () => {
    expect(ask('丽水保健食品抽查比例多少')).toContain('抽查比例:10%');
    expect(ask('丽水电子商务经营者检查要抽几户？')).toContain('抽查数量:7户');
  });

  it('asked for a person (股长是谁), a row naming only bodies is no answer', () => {
    expect(ask('丽水市场监管局网监股股长是谁？')).toMatch(/没有找到/);
  });
});

describe('steps handed out after their name, and task tables with columns of their own', () => {
  it('"(一)自我评价。11月3日前,区直各相关部门根据…" and "二、开展自我评价。根据《…》,各县区政府组织…": the bodies own the step', async () => {
    const { kb } = await ingestTexts({
      'steps.txt':
        '丽水市2017年度县区政府质量工作考核实施方案\n一、考核步骤\n(一)自我评价。11月3日前,区直各相关部门根据《评分细则》,完成自我评价。\n(二)实地核查。根据《考核办法》,各县区政府组织对辖区进行自查。\n',
    });
    expect(kb.tasks.map((t) => [t.ref, t.units, t.lead, t.deadlineText])).toEqual([
      ['(一)', ['区直各相关部门'], [], '11月3日前'],
      ['(二)', ['各县区政府'], [], null],
    ]);
  });

  it('a 检查主体 column is who does the work, 计划开展时间 runs to the end of its period', async () => {
    const { kb } = await ingestTexts({
      'plan.txt': '丽水市2023年抽查工作计划 | ||||\n序号 | 检查主体 | 检查内容 | 计划开展时间 | 股室 |\n1 | 丽水市市场监督管理局 | 对保健食品经营者的行政检查 | 1月—12月 | 食品股 |\n',
    });
    expect(kb.tasks[0]).toMatchObject({ text: '对保健食品经营者的行政检查', units: ['丽水市市场监督管理局', '食品股'], deadline: '2023-12' });
  });

  it('chapter and article headings run into a body’s name are no part of it', () => {
    expect(splitDepartments('第二章组织管理第七条丽水市质量发展委员会、第八条丽水市市场监督管理局')).toEqual(['丽水市质量发展委员会', '丽水市市场监督管理局']);
  });
});

describe('enumerations that are lists, and figures of the measure asked', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    const { kb } = await ingestTexts({
      'env.txt':
        '丽水市全面优化营商环境实施方案\n为深入贯彻落实党中央、国务院关于优化营商环境的决策部署,制定本方案。\n一、主要目标\n持续优化政务服务环境、要素保障环境、法治监管环境,着力构建亲清政商关系。\n开展补短增效、达标提升、争先进位“三大对标提升行动”。\n全市快检农产品样品50万批次。\n',
      'call.txt': '衢州市关于质量强市实施意见(征求意见稿)征求意见的公告\n现公开征求意见。\n附件:实施意见(征求意见稿)-1.docx\n\n实施意见(征求意见稿)起草说明-1.docx\n衢州市市场监督管理局\n2021年5月6日\n',
    });
    engine = new AnswerEngine(kb);
  });
  const ask = (q: string) => engine.ask(q, { now: NOW }).answer;

  it('a run of things each named so is the list; a clause that merely holds a 、 is not', () => {
    expect(ask('丽水营商环境方案要持续优化哪些环境？')).toContain('持续优化政务服务环境、要素保障环境、法治监管环境');
    expect(ask('丽水营商环境方案要持续优化哪些环境？')).not.toContain('党中央');
  });

  it('"三大对标提升行动是哪三个": the name after its count, the items before it', () => {
    expect(ask('丽水三大对标提升行动是哪三个？')).toContain('补短增效、达标提升、争先进位');
  });

  it('attachments listed as file names, one a line', () => {
    expect(ask('衢州征求意见公告挂了哪些附件？')).toContain('起草说明');
  });

  it('a rate asked for is no count of samples', () => {
    expect(ask('丽水营商环境方案对农产品监督抽查合格率的目标是多少？')).not.toContain('50万批次');
  });
});

describe('which loaded plans are of a kind', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    const { kb } = await ingestTexts({
      'a.txt': '丽水经济技术开发区质量强区建设实施方案\n一、主要任务\n推进标准化建设。\n',
      'b.txt': '衢州高新区深化改革加快推动高质量发展工作方案\n一、主要任务\n推进品牌建设。\n',
      'c.txt': '温岭市知识产权强市建设实施方案\n2018年3月1日\n一、主要任务\n加强专利保护。\n',
      'd.txt': '湖州市质量强市建设实施方案\n一、主要任务\n依据省里的方案推进质量提升。\n',
    });
    engine = new AnswerEngine(kb);
  });
  const ask = (q: string) => engine.ask(q, { now: NOW }).answer;

  it('by the words of their titles, either kind of several', () => {
    const a = ask('这批里面有哪些开发区、高新区的方案？');
    expect(a).toContain('丽水经济技术开发区质量强区建设实施方案');
    expect(a).toContain('衢州高新区');
    expect(a).not.toContain('湖州');
  });

  it('a year asked is the plan’s own', () => {
    expect(ask('2018年出的知识产权强市方案有哪几个地方的？')).toContain('温岭');
    expect(ask('2019年出的知识产权强市方案有哪几个地方的？')).not.toContain('标题符合');
  });

  it('which document they follow is no question of kind', () => {
    expect(ask('这几个方案都是依据哪些文件？')).not.toContain('标题符合');
  });
});

describe('a national document', () => {
  it('is the country’s (ministries joined by 、, or 全国 in its title) and is found by its title', async () => {
    expect(meta('7月29日,农业农村部、国家标准委联合印发《乡村标准化行动方案》(以下简称《方案》)。\n一、主要目标\n').city).toBe('全国');
    const { kb } = await ingestTexts({
      'national.txt': '关于开展2023年全国“质量月”活动的通知\n一、活动主题\n增强质量意识 推进高质量发展\n二、活动时间\n2023年9月。\n',
      'local.txt': '丽水市质量强市建设实施方案\n一、主要任务\n推进标准化建设。\n',
    });
    expect(kb.plans.find((p) => p.file === 'national.txt')?.city).toBe('全国');
    const a = new AnswerEngine(kb).ask('2023年质量月活动主题是？', { now: NOW }).answer;
    expect(a).toContain('增强质量意识');
  });
});
