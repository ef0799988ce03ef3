import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { extractPlanMeta } from '../../src/ingest/extract-plan-meta.ts';
import { extractReports } from '../../src/ingest/extract-reports.ts';
import { findCellTables } from '../../src/ingest/parse-cell-lines.ts';
import { readMetaFields } from '../../src/ingest/read-meta-fields.ts';
import { subPlaceForms } from '../../src/answer/understand-question.ts';
import { readHeader } from '../../src/ingest/parse-task-table.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Pages met on other places' sites that are no tidy plan (fixtures written for these tests): a notice
 * whose title is broken under its issuer, a page explaining a plan, a news report that names its
 * district once among bare-named bodies, a national notice, a task written as a form, reporting duties
 * sent to an office, and questions that name two departments or a placeless plan by its title.
 */

const lines = (text: string) => text.split('\n').map((t, i) => ({ text: t.trim(), line: i + 1 })).filter((l) => l.text);
const meta = (text: string) => extractPlanMeta(lines(text));

describe('who issued a document, and its number', () => {
  it('the body on the line above a notice title broken across lines issued it', () => {
    const m = meta('宁远县人民政府\n关于印发宁远县质量提升行动\n实施方案的通知\n各乡镇人民政府:\n现将《宁远县质量提升行动实施方案》印发给你们。\n2023年5月6日\n');
    expect(m.issuer).toBe('宁远县人民政府');
  });

  it('a page explaining a plan gives the body that issued it and the plan’s number — not the numbers of what it cites', () => {
    const m = meta('《质量强区建设行动计划》解读\n近日,衡阳市石鼓区人民政府印发《质量强区建设行动计划》(石政发〔2024〕9号,以下简称《行动计划》)。\n为贯彻落实《湖南省质量强省建设实施方案》(湘发〔2023〕5号)精神,制定了《行动计划》。\n');
    expect(m).toMatchObject({ title: '质量强区建设行动计划', issuer: '衡阳市石鼓区人民政府', docNo: '石政发〔2024〕9号' });
  });

  it('a number printed without its year on a line of its own is the document’s', () => {
    expect(meta('石鼓区人民政府关于印发《石鼓区质量提升三年行动实施方案》的通知\n石政发74号\n各街道:\n').docNo).toBe('石政发74号');
  });

  it('a notice’s title opens with the body that sends it; a seal note under the 落款 body is skipped', () => {
    expect(meta('国家认监委办公室关于上报质检中心年度总结的通知\n各质检中心:\n请按时上报。\n').issuer).toBe('国家认监委办公室');
    const sealed = meta('各省、自治区、直辖市有关部门:\n现将《年度推进计划》印发给你们。\n某某工作部际联席会议办公室\n(国家知识产权局代章)\n2021年12月27日\n');
    expect(sealed).toMatchObject({ issuer: '某某工作部际联席会议办公室', date: '2021-12-27', city: '全国' });
  });

  it('the meeting that approved it, numbered by 届 and 次 without 第; 发表日期 is the page date', () => {
    const m = meta('东州市人民政府关于印发《东州市审批制度改革实施方案》的通知\n各区县人民政府:\n《东州市审批制度改革实施方案》已经市政府七届44次常务会议讨论通过,现印发给你们。\n');
    expect(m.facts.find((f) => f.kind === 'approval')?.value).toBe('市政府七届44次常务会议讨论');
    expect(readMetaFields(['发表日期: 2020-11-18 来源:东州县营商局 作者:某某']).get('published')).toBe('2020-11-18');
  });

  it('"于…前报市安办备案" is a reporting duty with its date and office', () => {
    expect(extractReports('各县(区)要认真研究制定本地工作方案,于2024年3月15日前报市安办备案。')[0]).toMatchObject({ when: '2024年3月15日前', to: '市安办' });
  });

  it('a 指挥部 issues its notice; a 落款 run into the end of a one-line notice names the issuer', () => {
    expect(meta('东阳市大气污染防治攻坚行动指挥部关于印发东阳市2021年度大气污染防治攻坚实施计划的通知\n各镇人民政府:\n').issuer).toBe('东阳市大气污染防治攻坚行动指挥部');
    const m = meta('各成员单位:经研究,决定将第二届主任质量奖的申报截止时间延长至2022年7月15日,其他事项不变,特此通知,广西-东盟经济技术开发区建设质量强区工作领导小组办公室2022年6月29日(联系人:某某,电话:0771-1234567)。');
    expect(m).toMatchObject({ issuer: '广西-东盟经济技术开发区建设质量强区工作领导小组办公室', date: '2022-06-29' });
  });

  it('page furniture after a value (公开形式, 公开时限) ends it', () => {
    expect(readMetaFields(['序号:0 发布机构:法规科 公开形式:主动公开 公开时限:常年公开 网站发布:2021-02-04']).get('issuer')).toBe('法规科');
  });
});

describe('the place of a report that never says it in a title', () => {
  it('the one district of the level its bare-named bodies carry (区X局) — not the city whose document it mentions', () => {
    const m = meta('近日,区市场监督管理局组织临川区质量工作领导小组成员单位召开考核部署会。区政府办、区农业农村局、区住建局、区水利局负责人参加会议。会上宣读了抚州市质量工作领导小组办公室印发的《考核评分细则》(抚市监质〔2022〕6号)。');
    expect(m.city).toBe('临川区');
  });

  it('a city written before its district names the district; a zone’s committee among the units is no place', () => {
    expect(meta('12月26日下午,抚州市临川区组织召开质量强区考核工作调度会,13个成员单位参加。').city).toBe('临川区');
    const zone = meta('1.加快产业转型。\n牵头单位:市工业和信息化局\n责任单位:高新区管委会、新城区管委会\n2.扩大开放。\n责任单位:新城区管委会\n');
    expect(zone.city).toBeNull();
  });

  it('a 街道 a title starts with is the page’s place', () => {
    expect(meta('中梁山街道2024年十件民生实事项目出炉\n发布时间:2024-01-20\n近日,街道召开议事代表大会。').city).toBe('中梁山街道');
  });

  it('a city named once where the report opens is the report’s', () => {
    expect(meta('8月21日,麻城市品牌建设工作推进会召开。会议要求,各成员单位要压实任务清单。').city).toBe('麻城');
  });
});

describe('towns, zones and progress reports', () => {
  it('a town or a zone a plan is for goes by the forms staff type', () => {
    expect(subPlaceForms('宁远县木李镇2024年重点任务第一季度进展情况')).toContain('木李镇');
    expect(subPlaceForms('广西-东盟经济技术开发区建设质量强区工作领导小组办公室')).toEqual(expect.arrayContaining(['广西东盟经开区', '东盟经开区', '广西-东盟经济技术开发区']));
    expect(subPlaceForms('各乡镇人民政府')).toEqual([]);
  });

  it('a progress report’s columns: 目标任务 is the task, 工作进展、取得成效 its progress, 责任分工 its units', () => {
    expect(readHeader(['目标任务', '执行措施、实施步骤', '工作进展、取得成效', '后续举措', '责任分工', '监督方式'])).toEqual(['text', null, 'progress', null, 'units', null]);
  });

  it('a table pasted one cell a line, its header with 步骤 and 成效 columns, is read from its first column', () => {
    const tables = findCellTables(lines('目标任务\n执行措施、实施步骤\n工作进展、取得成效\n责任分工\n全年新签约过亿元项目4个以上。\n出台招商工作方案。\n一季度外出招商4次。\n木李镇经济发展办公室\n'));
    expect(tables[0]?.rows[0]).toEqual(['目标任务', '执行措施、实施步骤', '工作进展、取得成效', '责任分工']);
    expect(tables[0]?.rows[1]).toEqual(['全年新签约过亿元项目4个以上。', '出台招商工作方案。', '一季度外出招商4次。', '木李镇经济发展办公室']);
  });
});

describe('a task written as a form', () => {
  it('label lines with their values on the next line are one row: task, units, partners and time', () => {
    const tables = findCellTables(lines('具体任务\n完成医院升级改造,举办第四届运动会。\n责任单位\n卫健局、文旅局\n配合单位\n各乡镇\n完成时限\n12月底前\n'));
    expect(tables).toHaveLength(1);
    expect(tables[0].rows).toEqual([
      ['具体任务', '责任单位', '配合单位', '完成时限'],
      ['完成医院升级改造,举办第四届运动会。', '卫健局、文旅局', '各乡镇', '12月底前'],
    ]);
  });
});

describe('reporting to an office', () => {
  it('"将X报联席会议办公室" is a report with its recipient; "申报材料报送至…" keeps its recipient whole', () => {
    expect(extractReports('请于2019年1月20日前将2018年工作总结及2019年要点表报联席会议办公室。')[0]).toMatchObject({ when: '2019年1月20日前', to: '联席会议办公室' });
    expect(extractReports('并于5月31日前将合格的申报材料报送至东州市市场监督管理局质量发展科。')[0]).toMatchObject({ to: '东州市市场监督管理局质量发展科' });
  });
});

const COUNTY = `宁远县质量强县创建工作推进会召开
会议要求,质监、住建等部门要落实监管职责;财政局要为创建工作提供经费保障;教育局要负责创建中小学质量教育社会实践基地;县考核办要把创建工作纳入年度考核。
下一步,宁远县市场监管局将制定特色产业质量提升实施方案,强化标准引领,培育一批质量强县建设领军企业;持续开展对标达标提升行动。
`;

const PLACELESS = `关于构建质量强县的实施意见
各乡镇、县直各部门:
一、主要目标
主导产业产品质量各级监督抽查合格率达到95%以上。
`;

const NAMED = `江华县质量提升行动实施方案
一、主要目标
到2025年,工业产品监督抽查合格率稳定在90%以上。
`;

const NOTICE = `关于上报质检中心年度工作总结的通知
东州市市场监督管理局
一、各质检中心应按时上报年度工作总结和工作计划,填报对象:截至2023年11月30日已获授权的质检中心。
二、上报要求:各质检中心应于2024年1月30日前将工作总结书面材料上报市局计量科。
`;

const MONTHLY = `2022年重点任务责任落实分工的通知
平政办〔2022〕3号
各单位:
一、从2022年3月起,务于每月25日前将本单位主要领导审阅同意后的《重点任务落实推进情况表》报县政府督查室。
二、县政府督查室要加强日常调度,对不按时报送的要加大通报力度。
1.扩大有效投资,加快项目建设。(牵头单位:县发改局)
`;

const MEETING = `近日,区市场监督管理局组织临川区质量工作领导小组成员单位召开考核部署会。区政府办、区农业农村局、区住建局负责人参加会议。
会上宣读了抚州市质量工作领导小组办公室印发的《2021年度县级政府质量工作考核评分细则》(抚市监质〔2022〕6号)。会议要求,各成员单位要逐项分析、查漏补缺。
`;

const IMPLEMENTS = `东阳市人民政府印发关于贯彻落实《计量发展规划(2021—2035年)》的实施方案的通知
各镇人民政府,市政府各部门:
现将《关于贯彻落实〈计量发展规划(2021—2035年)〉的实施方案》印发给你们。
关于贯彻落实《计量发展规划(2021—2035年)》的实施方案
为深入贯彻《计量发展规划(2021—2035年)》(国发〔2021〕37号),认真落实《浙江省计量发展实施意见》(浙政发〔2022〕15号),结合实际,制定本方案。
`;

const CALL = `东州市2022年地方标准项目征集通知
一、申报要求
(一)申报材料需纸质和电子版各一份,包括:东州市地方标准立项申请函;东州市地方标准项目汇总表(见附件1);东州市地方标准项目申报表(见附件2);涉及专利的,应提供授权文件。
(二)请结合实际,填写《2022年地方标准工作要点表》(见附件3)。其中,具体内容应简明扼要,年度成果要可考核、可评价。
附件:2022年地方标准工作要点表
`;

const RULES = `东州市消防安全责任制规定
各镇人民政府(街道办事处)、市府直属有关单位:
《东州市消防安全责任制规定》已经市政府常务会议审议通过,现印发给你们,请认真贯彻执行。
第四条  市消防安全委员会应当履行下列消防工作职责:

  (一)组织制定消防工作规划和年度计划。

  (二)组织开展消防安全检查和专项治理。

  (三)每季度召开一次消防工作联席会议。

第五条  各镇人民政府(街道办事处)应当履行下列消`;

const DUTIES = `东州县安全生产职责规定
(二)常务副县长协助县长做好全县的安全生产工作。主要职责是:
1、协助县长研究解决安全生产工作中的重大问题;
2、督促副县长落实安全生产责任制;
3、发生重特大事故时及时赶赴现场。
(三)分管副县长对安全生产综合监管工作负直接领导责任。
`;

const TOWN = `宁远县木李镇2024年重点任务第一季度进展情况
目标任务
执行措施、实施步骤
工作进展、取得成效
责任分工
强化招商引资工作机制,全年新签约过亿元项目4个以上。
出台招商工作方案。
一季度外出招商4次。
木李镇经济发展办公室
新建高标准农田1万亩。
完成设计单位招标。
完成勘测。
木李镇农业农村办公室
`;

const NOTICE_2 = `江永县2024年民生实事1—9月进度公示
一、总体目标
到2027年,全县医疗卫生服务体系进一步健全;到2035年,建成整合型医疗卫生服务体系。
二、若对公示情况有异议的,请在7日之内以书面形式向江永县民生工作办公室反映。
`;

const LEADERS = `道县2023年政府工作报告重点工作责任分解
一、王某某县长牵头重点工作
1.财政总收入和一般公共预算收入与经济增长基本同步。
责任单位:县财政局。
二、李某某副县长牵头重点工作
2.新建高标准农田2万亩。
责任单位:县农业农村局。
`;

let engine: AnswerEngine;
const ask = (q: string) => engine.ask(q, { now: new Date('2025-06-10T09:00:00+08:00') });

beforeAll(async () => {
  const { kb } = await ingestTexts({ 'county.txt': COUNTY, 'placeless.txt': PLACELESS, 'named.txt': NAMED, 'notice.txt': NOTICE, 'monthly.txt': MONTHLY, 'meeting.txt': MEETING, 'implements.txt': IMPLEMENTS, 'call.txt': CALL, 'rules.txt': RULES, 'duties.txt': DUTIES, 'town.txt': TOWN, 'notice2.txt': NOTICE_2, 'leaders.txt': LEADERS });
  engine = new AnswerEngine(kb);
});

describe('questions on such pages', () => {
  it('the 文号 of a document a report names is that document’s, when the question names it', () => {
    expect(ask('临川 考核评分细则 文号多少').answer).toContain('抚市监质〔2022〕6号');
  });

  it('the body that issued a document a report names is that document’s issuer, when the question names it', () => {
    expect(ask('临川会上宣读的考核评分细则是谁印发的?').answer).toContain('抚州市质量工作领导小组办公室');
  });

  it('a list after a colon is shown with all its items; a sentence saying what the one before holds goes with it', () => {
    const list = ask('东州地方标准申报要交哪些材料').answer;
    expect(list).toContain('东州市地方标准项目汇总表');
    expect(list).toContain('东州市地方标准项目申报表');
    expect(ask('东州填地方标准工作要点表有什么要求?').answer).toContain('简明扼要');
  });

  it('a body’s duties are the items under the lead-in that names them, blank lines between them or not', () => {
    const a = ask('东州市消防安全委员会要履行哪些职责?').answer;
    expect(a).toContain('年度计划');
    expect(a).toContain('专项治理');
    expect(a).toContain('联席会议');
    const b = ask('东州县常务副县长在安全生产上主要职责有哪些').answer;
    expect(b).toContain('重大问题');
    expect(b).toContain('安全生产责任制');
    expect(b).toContain('赶赴现场');
  });

  it('a page cut off inside its last sentence, its addressee line and its covering formula state no duty: refused', () => {
    const a = ask('东州各镇人民政府(街道办事处)具体要履行哪些消防职责?');
    expect(a.found).toBe(false);
    // (Neither as an answer nor as the closest text: the cut tail ends "…下列消" at the page's end.)
    expect(a.answer).not.toMatch(/下列消(」|$)/m);
    expect(a.answer).not.toContain('印发给你们');
  });

  it('a town named in a plan’s title scopes the question to that plan', () => {
    expect(ask('木李镇招商引资这项是哪个办公室负责的?').answer).toContain('木李镇经济发展办公室');
  });

  it('where objections go is answered with the clause that says how and by when', () => {
    const a = ask('对江永民生实事进度公示有异议,多久内找谁反映?').answer;
    expect(a).toContain('江永县民生工作办公室');
    expect(a).toContain('7日之内');
  });

  it('"分哪两个时间节点的目标" is answered by the goal horizons', () => {
    const a = ask('江永民生实事进度公示分哪两个时间节点的目标').answer;
    expect(a).toContain('到2027年');
    expect(a).toContain('到2035年');
  });

  it('"哪位县长牵头" is answered by the leader the task’s section heading names, beside its units', () => {
    const a = ask('道县财政总收入那条是哪位县长牵头').answer;
    expect(a).toContain('王某某县长');
    expect(a).toContain('县财政局');
    expect(ask('道县高标准农田那条哪位县领导牵头').answer).toContain('李某某副县长');
    expect(ask('道县高标准农田那条哪个部门牵头').answer).not.toContain('李某某');
  });

  it('"依据了哪些文件?列下文号": each cited document with the number written after it somewhere in the text', () => {
    const a = ask('东阳计量方案依据了哪些上级文件?列下文号').answer;
    expect(a).toContain('国发〔2021〕37号');
    expect(a).toContain('浙政发〔2022〕15号');
    expect(a).not.toContain('没有写明文号');
  });

  it('two departments asked together are each answered', () => {
    const a = ask('宁远创建质量强县,财政局和教育局各负责什么').answer;
    expect(a).toContain('经费保障');
    expect(a).toContain('中小学质量教育社会实践基地');
  });

  it('what a department will do next is shown in the task’s own words, up to what was asked', () => {
    expect(ask('宁远县市场监管局下一步要培育什么').answer).toContain('领军企业');
  });

  it('a place and a placeless plan named by its title are each answered', () => {
    const a = ask('江华和那份“关于构建质量强县的实施意见”,产品监督抽查合格率目标分别是多少?').answer;
    expect(a).toContain('90%以上');
    expect(a).toContain('95%以上');
  });

  it('a report’s due date answers "截止到哪天", not another date in the notice', () => {
    const a = ask('质检中心交年度工作总结,截止到哪天?').answer;
    expect(a).toContain('2024年1月30日前');
    expect(a).not.toContain('11月30日');
  });

  it('"进展多久报一次" of a plan named by its 文号’s place is that plan’s reporting duty, guessed as such', () => {
    const a = ask('平江县重点任务进展多久报一次、几号前报?').answer;
    expect(a).toContain('每月25日前');
    expect(a).toContain('没有找到写明平江县的方案');
  });
});
