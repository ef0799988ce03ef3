import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { understandQuestion } from '../../src/answer/understand-question.ts';
import { askedAttribute } from '../../src/answer/answerability.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Questions worded loosely against plans written for this test: a plan's name said in other words, counts
 * in words (两座), 时间节点, a deadline label inside the bracket that closes the task (完成时限:全年〕), an
 * item's heading asked for its content, and a department's tasks listed with deadlines as written.
 */

const TASKS = `明州市东湖区深化“放管服”改革2025年重点任务分工方案
一、重点任务
1.编制区级行政备案事项清单并向社会公布。(牵头单位:区政府办公室;责任单位:区司法局等有关部门)
2.全面清理区级证明事项,对没有法律法规依据的一律取消。(牵头单位:区司法局;责任单位:区政府有关部门)
3.落实企业家参与涉企政策制定。起草部门要充分听取相关企业的意见建议。〔责任单位:区发展改革局、区工商联,完成时限:全年〕
二、作风建设
4.努力建设模范机关。认真落实区委决策部署。严格落实党建责任制,推进基层党组织标准化建设。用好网评员队伍,开展舆论引导。
`;

const LIVELIHOOD = `明州市南湖区2025年民生实事目标任务分解表
序号
民生实事
责任单位
完成时限
1
新建2座人行天桥。
区住建局
9月投入使用
2
迁建区政务服务中心。
区政务服务中心
12月底前
`;

const GOALS = `北湖县质量强县建设实施方案
一、主要目标
到2025年,制造业质量竞争力指数达到86,地区生产总值增长6%以上。
`;

const WEST = `西湖县2025年政府工作报告重点工作责任分解
序号 | 事项 | 牵头单位 |
1 | 地区生产总值增长6.5%以上。 | 县发改局 |
`;

const ZONE = `关于明州经济技术开发区落实政府工作报告2025年重点工作任务分工方案的通知(明经管发〔2025〕8号)
2025-03-30 17:41     来源: 明州经济技术开发区管理委员会
为全面完成市十五届人大三次会议通过的2025年《政府工作报告》提出的各项工作任务,现就重点工作任务分工通知如下:
`;

const CHECK = `明州市城市精细化管理迎检工作方案
一、市城乡规划局负责城市规划的编制。
二、市交通运输局负责城市综合交通管理工作。
各单位接到通知后,要高度重视。2025年12月30日前将确定的主管领导和科室负责人姓名、单位、职务、电话分别报送市城管办、市建委。
`;

const DUTY_NOTICE = `南州市人民政府办公室关于明确有关部门工作职责的通知
为做好迎接省政府城市精细化管理考核评比工作,现将各有关部门承担的工作职责明确如下:
一、市城乡规划局负责城市规划的编制。
二、市住房保障房屋管理局负责住宅小区管理。
`;

let engine: AnswerEngine;
beforeAll(async () => {
  const { kb } = await ingestTexts({ 'tasks.txt': TASKS, 'livelihood.txt': LIVELIHOOD, 'goals.txt': GOALS, 'west.txt': WEST, 'zone.txt': ZONE, 'check.txt': CHECK, 'duty-notice.txt': DUTY_NOTICE });
  engine = new AnswerEngine(kb);
});

describe('questions worded loosely', () => {
  it('a department\'s tasks, with the plan named in other words ("放管服重点任务分工里")', () => {
    const a = engine.ask('东湖区司法局在2025年放管服重点任务分工里牵头负责什么？');
    expect(a.answer).toContain('全面清理区级证明事项');
    expect(a.answer).not.toContain('没有找到');
  });

  it('counts in words match the figures plans write (两座 → 2座), and 时间节点 asks for a deadline', () => {
    expect(understandQuestion('新建的两座人行天桥', { plans: [], departments: [] }).content).toContain('2座');
    expect(understandQuestion('时间节点是什么', { plans: [], departments: [] }).intent).toBe('deadline');
    // "汉阴县级…": 县 goes with 级, the place is 汉阴.
    expect(understandQuestion('东岭县级园区建成几个', { plans: [['东岭县', 'a.txt'], ['东岭', 'a.txt']], departments: [] }).content).toContain('县级园区');
    // "每个月" as plans write it: 每月.
    expect(understandQuestion('每个月几号前报进展', { plans: [], departments: [] }).content).toContain('每月');
    const a = engine.ask('南湖区新建的两座人行天桥时间节点是什么？');
    expect(a.answer).toContain('9月投入使用');
  });

  it('a deadline label inside the closing bracket: the deadline as written, no bracket', () => {
    const a = engine.ask('东湖区落实企业家参与涉企政策制定的完成时限是啥？');
    expect(a.found).toBe(true);
    expect(a.answer).toContain('完成时限: 全年');
    expect(a.answer).not.toContain('全年〕');
  });

  it('an item\'s heading asked for its content is quoted with the rest of its item', () => {
    const a = engine.ask('东湖区建设模范机关具体要做哪些事？');
    expect(a.answer).toContain('严格落实党建责任制');
  });

  it('a department\'s task list gives deadlines as the plan writes them', () => {
    const a = engine.ask('南湖区政务服务中心迁建要求啥时候完成？');
    expect(a.answer).toContain('12月底前');
  });

  it('a bare figure reached (指数达到86) is a figure', () => {
    const a = engine.ask('北湖县到2025年制造业质量竞争力指数要达到多少？');
    expect(a.found).toBe(true);
    expect(a.answer).toContain('达到86');
  });

  it('two places joined by 和, 增速 for 增长: each place answers', () => {
    const a = engine.ask('北湖县和西湖县2025年生产总值增速目标各是多少？');
    expect(a.answer).toContain('6%以上');
    expect(a.answer).toContain('6.5%以上');
  });

  it('how something is decided is no owner question, who decides it is', () => {
    expect(askedAttribute('需要增加责任单位的，怎么定')).toBe('text');
    expect(askedAttribute('牵头单位的主要负责人要承担什么责任')).toBe('text');
    expect(askedAttribute('需要增加责任单位的，由谁确定')).toBe('owner');
  });

  it('asking when or whether to report is a reporting question, and 负责人 stays a word', () => {
    const lexicon = { plans: [['明州', 'a.txt']] as Array<[string, string]>, departments: [] };
    expect(understandQuestion('各牵头单位每月几号前要报任务进展', lexicon).intent).toBe('reporting');
    expect(understandQuestion('牵头单位的主要负责人要承担什么责任', lexicon).content).toContain('负责人');
  });

  it('a zone after the place and where-to-look words are no content', () => {
    const lexicon = { plans: [['明州', 'a.txt']] as Array<[string, string]>, departments: [] };
    expect(understandQuestion('明州经开区分工方案里，牵头单位要干啥', lexicon).content).not.toContain('经开区');
    const q = understandQuestion('明州2015年政府工作报告分工里，“十百千万”工程谁牵头', lexicon);
    expect(q.content).not.toMatch(/分工|政府工作报告/);
    expect(q.content).toContain('十百千万');
  });

  it('a rate of spending (投入强度) asks a figure, not a sum of money', () => {
    expect(askedAttribute('研发投入强度目标是多少')).toBe('quantity');
    expect(askedAttribute('项目投入资金是多少')).toBe('money');
  });

  it('a zone by its short name; a page without 落款 dated by its page; the meeting a plan implements', () => {
    expect(engine.ask('明州经开区的分工方案是哪天发的？').answer).toContain('2025-03-30');
    expect(engine.ask('明州经开区这个分工方案是落实哪次会议通过的政府工作报告？').answer).toContain('市十五届人大三次会议');
  });

  it('a deadline whose words hold its date is said in them; 报给谁 asks the recipient, not an owner', () => {
    expect(engine.ask('明州精细化管理各单位的主管领导名单什么时候前要报？').answer).toContain('2025年12月30日前');
    const a = engine.ask('明州精细化管理迎检的主管领导名单报给谁？');
    expect(a.answer).toContain('市城管办');
    expect(a.answer).not.toMatch(/负责单位: 各单位/);
  });

  it('words that name the plan (its title, its opening) are no topic of a task or of a department\'s duties', () => {
    const duties = engine.ask('南州市城乡规划局在精细化管理考核评比里要负责哪些事？');
    expect(duties.answer).toContain('城市规划的编制');
    const owner = engine.ask('南州迎接省城市精细化管理考核，住宅小区管理这块哪个部门负责？');
    expect(owner.answer).toContain('市住房保障房屋管理局');
  });

  it('what a body does in a phase is a duties question; which phase it is stays a schedule question', () => {
    const lexicon = { plans: [] as Array<[string, string]>, departments: [] };
    expect(understandQuestion('芷江镇人民政府在集中整治阶段要做什么', lexicon).intent).toBe('duties');
    expect(understandQuestion('2015年是什么阶段，要干啥', lexicon).intent).toBe('schedule');
  });

  it('a figure with its unit (8.3万亩, 60.58亩) is no item number; 2.4.6 still is', () => {
    const lexicon = { plans: [] as Array<[string, string]>, departments: [] };
    expect(understandQuestion('建成高标准农田8.3万亩这项是哪个股牵头', lexicon).refs).toEqual([]);
    expect(understandQuestion('60.58亩供地什么时候完成', lexicon).refs).toEqual([]);
    expect(understandQuestion('2.4.6什么时候完成', lexicon).refs).toEqual(['2.4.6']);
  });

  it('a figure quoted in the question keeps its decimal point, and picks its target\'s year, not the plan\'s', () => {
    const lexicon = { plans: [] as Array<[string, string]>, departments: [] };
    expect(understandQuestion('市场主体19.5万户以上这个目标', lexicon).content).toContain('19.5万户');
    expect(engine.ask('北湖县制造业质量竞争力指数达到86这个目标要到哪年实现？').answer).toContain('2025');
  });
});
