import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Questions real offices ask of pages that are not tidy plans (fixtures written for these tests): who
 * chaired or spoke at a reported meeting, a plan whose text never names its place, a quoted phrase's
 * content, a covering notice's requirements, a place written with the city above it.
 */

const MEETING = `青石市质量强市工作领导小组第一次会议召开
发布时间:2024-04-08 来源:青石市人民政府
4月8日,青石市召开质量强市工作领导小组第一次会议。会议由市政府副秘书长赵某某主持。
市委常委、常务副市长钱某某出席并讲话。市市场监管局局长孙某某汇报了2023年质量工作情况。
会议期间钱市长与各县区签订了《2024年质量工作责任状》,同时印发了《2024年质量强市工作要点》。
`;

const PLACELESS = `各县区政府,市直各部门:
现将《2024年全市食品安全重点工作安排》印发给你们,望对照执行。
2024年5月20日
2024年全市食品安全重点工作安排
一、压实各方责任
1.落实党政同责要求。健全考评办法,开展督办和年中小结。(市食品安全办、市食品安全委各成员单位)
`;

const DOCNO_ONLY = `(二〇二三年二月二十日)
宝府办〔2023〕8号
各镇、各街道:
现将《2023年政府工作目标任务分解》印发给你们。
2023年政府工作目标任务分解
今年区政府主要工作任务分为6大方面、60项。
`;

const POINTS = `青石市2025年知识产权工作要点
一、强化规划引领
1.规划引领知识产权强市建设。对上一期规划开展总结评估。着手编制下一期规划。
二、夯实基础
2.推动质量工作“三个纳入”(即列入年度考评、部门预算和规划体系)。把检测经费纳入部门预算。
`;

const NOTICE = `青石市人民政府关于印发2025年政府工作报告重点工作分工方案的通知
青政发〔2025〕1号
各区县人民政府,市政府各部门:
现将《2025年政府工作报告重点工作分工方案》印发给你们。请各单位对照所承担的任务,细化工作目标、排出推进计划、压实具体责任,按期完成。
青石市人民政府
2025年1月25日
2025年政府工作报告重点工作分工方案
一、扩大有效投资
1.加强重大项目谋划储备。(牵头单位:市发展改革委)
`;

const REPORTED_PLAN = `印发通知
6月14日,青石市委、青石市人民政府印发《青石市质量强市建设实施方案》,并发出通知,请各部门抓好执行。
《青石市质量强市建设实施方案》全文如下。
为统筹推进质量强市建设,制定本方案。
一、主要目标
到2027年,制造业产品质量合格率达到95%以上。
请各单位于3月16日前报送联络表。联系人:市质量强市办,王某某、电话:0571-12345670;李某某、电话:0571-12345671;邮箱:qs@example.cn
`;

let engine: AnswerEngine;
const ask = (q: string) => engine.ask(q, { now: new Date('2025-06-10T09:00:00+08:00') });

beforeAll(async () => {
  const { kb } = await ingestTexts({ 'meeting.txt': MEETING, 'food.txt': PLACELESS, 'district.txt': DOCNO_ONLY, 'points.txt': POINTS, 'notice.txt': NOTICE, 'plan-news.txt': REPORTED_PLAN });
  engine = new AnswerEngine(kb);
});

describe('who did what at a reported meeting', () => {
  it('names the person who chaired, spoke or reported, from the sentence that says so', () => {
    expect(ask('青石市质量强市领导小组第一次会议由谁主持？').answer).toContain('赵某某');
    expect(ask('青石质量强市领导小组会议上是哪位市领导出席并讲话？').answer).toContain('钱某某');
    expect(ask('青石市领导小组第一次会议上是谁汇报2023年质量工作的？').answer).toContain('孙某某');
  });

  it('does not answer what was signed with the sentence that only names the meeting', () => {
    const a = ask('青石市质量强市领导小组第一次会议上,市领导与各县区签订了什么？');
    expect(a.answer).toContain('质量工作责任状');
  });
});

describe('a plan that never names its place', () => {
  it('is the plan asked about when the question restates its title with a place', () => {
    const a = ask('九江2024年食品安全重点工作安排中，落实党政同责要求由哪些单位负责？');
    expect(a.answer).not.toMatch(/还没有收录/);
    expect(a.answer).toContain('市食品安全办');
  });

  it('is found by its 文号 initial when the question restates part of its title', () => {
    const a = ask('宝山区2023年区政府主要工作任务分解为几大方面、多少项？');
    expect(a.answer).toContain('6大方面');
  });

  it('a place with no such plan is still told it is not loaded', () => {
    expect(ask('杭州质量强市方案的牵头单位是谁').answer).toMatch(/还没有收录杭州/);
  });
});

describe('a plan as a news page reports it', () => {
  it('the bodies the report says issued it, for the plan its quoted title names (not the meeting report)', () => {
    const a = ask('《青石市质量强市建设实施方案》是由谁印发的？');
    expect(a.answer).toContain('青石市委、青石市人民政府');
    expect(a.answer).not.toContain('领导小组第一次会议');
    expect(ask('《青石市质量强市建设实施方案》是以哪个机构名义印发的？').answer).toContain('青石市委');
  });

  it('contacts written with their numbers between labels are kept whole', () => {
    const a = ask('青石市质量强市建设实施方案的联系人是谁，电话多少？');
    expect(a.answer).toContain('李某某');
    expect(a.answer).toContain('0571-12345671');
  });
});

describe('wording from the chat', () => {
  it('Cantonese, two-digit years and English words read as the rules expect', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '青石市食品安全委员会关于印发2019年青石市食品安全重点工作安排的通知\n2019年青石市食品安全重点工作安排\n一、重点任务\n1.开展食品抽检。全年完成抽检3000批次以上。(市市场监管局负责)\n',
      'b.txt': '青石市人民政府关于印发2022年青石市政府工作报告重点任务分工方案的通知\n2022年青石市政府工作报告重点任务分工方案\n请各单位于2022年3月15日前报市政府督查室备案。\n一、稳增长\n1.地区生产总值增长6%左右。(市发展改革委牵头)\n',
    });
    const e = new AnswerEngine(kb);
    const a = e.ask('2019年青石市食品安全重點工作安排 係邊個單位印發嘅？');
    expect(a.answer).toContain('青石市食品安全委员会');
    // (The year names the one plan of that year.)
    expect(a.answer).not.toContain('2022');
    expect(e.ask('青石22年政府工作报告分工方案 地区生产总值 target 係幾多？').answer).toContain('6%');
    expect(e.ask('青石 2019 food safety 重点工作安排 抽检 target 几多批次').answer).toContain('3000');
  });
});

describe('lists paired by 分别, and several metrics in one question', () => {
  it('answers the date paired with the thing asked, from a notice line that ends with its contact', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '青石市食品安全委员会关于印发2020年青石市食品安全重点工作安排的通知\n各区人民政府,市食安委各成员单位:\n现将《2020年青石市食品安全重点工作安排》印发给你们。各区须于7月5日、12月5日前分别将半年、全年工作小结报市食安办。联系人:某某,联系电话:0571-1234567\n2020年青石市食品安全重点工作安排\n一、重点任务\n1.开展抽检。新建住宅验收合格率保持100%,设计文件抽查合格率达到96%以上。(市市场监管局负责)\n',
    });
    const e = new AnswerEngine(kb);
    expect(e.ask('青石2020年食品安全重点工作安排,全年工作小结最晚什么时候报市食安办？').answer).toContain('12月5日');
    expect(e.ask('青石2020年食品安全重点工作安排,半年工作小结什么时候报？').answer).toContain('7月5日');
    const both = e.ask('青石2020年食品安全重点工作安排里新建住宅验收合格率和设计文件抽查合格率各是多少？').answer;
    expect(both).toContain('100%');
    expect(both).toContain('96%');
  });
});

describe('what a department takes part in, and what a plan lacks', () => {
  it('a few tasks a department only takes part in are named by what they are, not just their numbers', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '莲都区深化放管服改革2021年重点任务分工方案\n一、重点任务\n1.开展许可事项合法性审查。(牵头单位:区司法局)\n2.清理备案类事项,公布区级备案目录。(牵头单位:区政府办公室;责任单位:区司法局)\n3.推行证明事项承诺办理。(牵头单位:区司法局)\n',
    });
    const a = new AnswerEngine(kb).ask('莲都区司法局在放管服分工方案里涉及哪些任务？');
    expect(a.answer).toContain('许可事项');
    expect(a.answer).toContain('备案目录');
  });

  it('a document fact the plan does not state is said to be not found', () => {
    // (Of the 青石 plans, the meeting report has none.)
    const a = ask('青石市质量强市领导小组第一次会议的文号是多少？');
    expect(a.answer).toMatch(/没有写明文号\(没有找到\)/);
  });
});

describe('a date in a task the deadline reader missed', () => {
  it('is answered from its sentence, not refused as "no deadline written"', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '蕲春召开质量强县示范县创建动员会\n发布时间:2024-03-24\n3月21日,蕲春县召开质量强县示范县创建动员会。\n他要求,各部门把任务分解到岗;财政局要保障创建经费;教育局要负责建设质量教育基地;县考核办要把创建列为年度考核的重点内容。各乡镇要逐级压实责任。\n创建机会难得。本次创建评审时间是2024年10月底,评审共分10个大项,采用现场考核。\n',
    });
    const a = new AnswerEngine(kb).ask('蕲春县质量强县示范县创建的评审时间是什么时候？');
    expect(a.answer).toContain('2024年10月底');
    expect(a.answer).not.toContain('没有写明完成时限');
  });
});

describe('phrases, notices and places as users write them', () => {
  it('a quoted heading asked what it involves is answered with what follows it in its item', () => {
    const a = ask('青石2025年知识产权工作要点里“规划引领知识产权强市建设”具体要做哪些事？');
    expect(a.answer).toContain('总结评估');
  });

  it('a quoted phrase is answered from the sentence that explains it, not one that merely repeats a word', () => {
    expect(ask('青石质量工作“三个纳入”指纳入哪些？').answer).toContain('年度考评');
  });

  it('"印发…的通知要求做什么" asks the notice’s requirements, not its 文号 and date', () => {
    const a = ask('青石市政府印发2025年政府工作报告重点工作分工方案的通知，要求各单位对照任务做哪几件事？');
    expect(a.answer).toContain('细化工作目标');
    expect(a.answer).not.toContain('文号');
  });
});
