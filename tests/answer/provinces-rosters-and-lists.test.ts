import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { extractPlanMeta } from '../../src/ingest/extract-plan-meta.ts';
import { joinSpacedNames } from '../../src/ingest/normalize-text.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Pages of a kind met on other places' sites (fixtures written for these tests): a province's notice
 * that names its province only by the 文号's first character, a notice whose attachment list names other
 * documents, a city named only among its addressees, rosters spaced to line up, contacts with spaced
 * labels, a reporting duty whose materials are listed on the lines after it, and questions that compare
 * two plans' dates or ask what a role (牵头单位) does.
 */

const lines = (text: string) => text.split('\n').map((t, i) => ({ text: t.trim(), line: i + 1 })).filter((l) => l.text);
const meta = (text: string) => extractPlanMeta(lines(text));

describe('which place a page is for', () => {
  it('a province’s notice known by its 文号 (粤…) and 我省 — not by the street address of its contact', () => {
    const m = meta(
      '粤监质发〔2022〕8号\n各地级以上市市场监督管理局:\n现将《某某总局关于开展质量奖评选的通知》转发给你们,并结合我省实际提出以下要求:\n一、各市局要广泛宣传发动。\n联系人:质量科 某某,电话:020-12345678,地址:广州市越秀区某某路1号\n',
    );
    expect(m.city).toBe('广东省');
    // (Its title is no attachment's name.)
    expect(m.title).toBeNull();
  });

  it('"全省" in a title is no place; the issuing office’s province is', () => {
    const m = meta('2024年全省市场监管工作要点\n各市、州市场监管局,省局各处室:\n现印发给你们,请结合实际抓好落实。\n湖南省市场监督管理局办公室\n2024年2月3日\n一、加强标准供给。\n');
    expect(m.city).toBe('湖南省');
  });

  it('a province’s own opinion that names its province only in a document it cites, and speaks of 我省', () => {
    const m = meta('省委省政府印发关于深化质量强省建设的实施意见\n为深化质量强省建设,根据《国务院关于支持云南加快建设面向南亚东南亚辐射中心的意见》精神,结合我省实际,制定本实施意见。\n一、总体要求\n');
    expect(m.city).toBe('云南省');
  });

  it('a 新区 with a name of its own goes by it, without its province; 制发日期 in a grid dates the page', () => {
    const m = meta('陕西省西咸新区市场监督管理局关于转发征集地方标准项目的函的通知\n各相关单位:\n现将有关函件转发你们。\n文件号 | 制发日期 | 2020-12-09 |\n');
    expect(m.city).toBe('西咸新区');
    expect(m.date).toBe('2020-12-09');
  });

  it('a city named only among its addressees (its own zone) is the notice’s city', () => {
    const m = meta('各区、市人民政府,青岛西海岸新区管委,市政府各部门:\n为贯彻落实《计量发展规划》,结合我市实际,提出如下意见。\n一、加强计量能力建设。\n');
    expect(m.city).toBe('青岛');
  });

  it('an attachment list names other documents: neither is the page’s title; a 落款 date that lost its 年 still dates it', () => {
    const m = meta(
      '根据市质量强市工作委员会办公室通知(见附件),我区已启动第五届区长质量奖评定工作。\n请申报单位于12月2日前向区质量强区工作委员会办公室提交材料。\n附件:1.市质量办关于组织开展第五届市长质量奖评定工作的通知\n2.市质量委关于印发市长质量奖评定标准(试行)的通知\n南湖区质量强区工作委员会办公室\n202311月2日\n',
    );
    expect(m.title).toBeNull();
    expect(m.issuer).toBe('南湖区质量强区工作委员会办公室');
    expect(m.date).toBe('2023-11-02');
  });
});

describe('who drew a document up, and in whose name it went out', () => {
  it('"以X名义印发" on a page about the plan names its issuer; "X牵头起草了《…》" its drafter', () => {
    const m = meta('《平安县质量强县实施方案》政策解读\n一、起草过程\n县市场监管局牵头起草了《平安县质量强县实施方案(征求意见稿)》,8月28日以平安县人民政府办公室名义印发。\n');
    expect(m.issuer).toBe('平安县人民政府办公室');
    expect(m.facts.find((f) => f.kind === 'drafter')?.value).toBe('县市场监管局');
  });

  it('"X会同Y编制形成了《…》" names who drew it up; "X等18个厅局关于印发" a joint issuer cut off before its 落款', () => {
    const m = meta('市食药安办会同相关成员单位编制形成了《2022年度食品安全工作责任清单》,现印发给你们。\n');
    expect(m.facts.find((f) => f.kind === 'drafter')?.value).toBe('市食药安办会同相关成员单位');
    const j = meta('自治区市场监管局等18个厅局关于印发《内蒙古自治区质量提升行动方案》的通知\n各盟行政公署、市人民政府:\n为深入贯彻落实……\n');
    expect(j.issuer).toBe('自治区市场监管局等18个厅局');
  });
});

describe('rosters and contacts spaced to line up', () => {
  it('a spaced label before its colon and a spaced two-character name are one word each', () => {
    expect(joinSpacedNames('组 长:王 勇 国务委员')).toBe('组长:王勇 国务委员');
    expect(joinSpacedNames('成 员:毛某某 某部副部长')).toBe('成员:毛某某 某部副部长');
    expect(joinSpacedNames('一 、总体要求')).toBe('一 、总体要求');
    expect(joinSpacedNames('为深入推进 质量 强国')).toBe('为深入推进 质量 强国');
  });

  it('a contact under a spaced label, and a number after a name with no label of its own', () => {
    const m = meta('关于报送计量日活动信息的通知\n各设区市市场监管局:\n请于4月20日前报送。\n联 系 人:谢某某    联系电话:86130000\n邮 箱: abc@example.com\n');
    expect(m.facts.filter((f) => f.kind === 'contact').map((f) => f.value)).toEqual(['谢某某']);
    const n = meta('关于征求意见的通知\n欢迎社会各界提出意见。\n联系人:陈某某,63730000。\n');
    expect(n.facts.find((f) => f.kind === 'phone')?.value).toBe('63730000');
  });
});

describe('answers', () => {
  let engine: AnswerEngine;
  const ask = (q: string) => engine.ask(q, { now: new Date('2025-06-10T09:00:00+08:00') }).answer;

  beforeAll(async () => {
    const { kb } = await ingestTexts({
      'a.txt':
        '安顺市人民政府关于印发安顺市质量提升行动方案的通知\n各县(区)人民政府:\n现将《安顺市质量提升行动方案》印发给你们,请认真贯彻执行。\n安顺市人民政府\n2021年3月5日\n安顺市质量提升行动方案\n一、主要任务\n(一)开展质量提升行动。(牵头单位:市市场监管局)\n(二)开展质量对比活动。(牵头单位:质监股)\n二、保障措施\n按照条块结合的原则,确定了牵头单位和责任单位。牵头单位负责全程协调、指导、督查;责任单位则立足自身职能,在牵头单位协调下,分工负责、推进落实。\n验收通过后,项目承担单位及时将下列材料装订成册后上报:\n1.项目实施自我评价报告;\n2.项目实施工作总结;\n3.项目验收评估报告。\n',
      'b.txt':
        '六盘水市人民政府关于印发六盘水市品牌建设方案的通知\n各县(区)人民政府:\n现将《六盘水市品牌建设方案》印发给你们。\n六盘水市人民政府\n2019年8月9日\n六盘水市品牌建设方案\n一、培育品牌企业。(牵头单位:市工信局)\n',
      'c.txt':
        '国务院办公厅关于成立某某建设协调推进领导小组的通知\n各省、自治区、直辖市人民政府:\n为加强组织领导,决定成立某某建设协调推进领导小组。\n一、主要职责\n统筹协调建设工作。\n二、组成人员\n组 长:王 某 国务委员\n副组长:罗 某 某局局长\n李某某 国务院副秘书长\n林某某 某委副主任\n成 员:毛某某 某部部务委员\n',
      'd.txt':
        '遵义市市场监督管理局关于做好质量奖申报工作的通知\n各县(市、区)市场监管局:\n一、广泛动员\n各县局要认真组织学习,广泛宣传发动符合条件的企业积极申报。\n二、严格审核\n各县局要对申报企业的资格进行初审,指导企业如实填写申报材料,并为每个申报企业出具初步推荐意见。\n',
      'f.txt':
        '邯郸市标准化建设项目计划的通知\n各县(市、区)市场监管局,各相关单位:\n一、地方标准制定项目工作要求 项目承担单位应成立标准编制起草小组,负责开展标准前期的调研和起草工作,形成标准初稿后,经相关行政主管部门同意,报送标准化建设项目材料。\n二、各相关行政主管部门要加强对标准研制工作的指导,严把质量关。\n',
      'e.txt':
        '毕节市人民政府办公室关于明确重点工作责任单位的通知\n各县(区)人民政府:\n(一)提升产品质量\n1.在重点行业深入开展质量对比提升活动。\n市质监局、科技局负责落实。\n2.建立完善农产品的良好生产规范和可追溯制度。\n市农业局、卫生局负责落实。\n',
    });
    engine = new AnswerEngine(kb);
  });

  it('"哪个印发得更早": the two plans’ dates compared, the earlier named first', () => {
    const a = ask('安顺和六盘水的方案，哪个印发得更早？');
    expect(a.split('\n')[0]).toBe('六盘水的更早(2019年8月9日; 安顺 2021年3月5日)。');
    expect(ask('安顺和六盘水的方案，哪个印发得更晚？').split('\n')[0]).toContain('安顺的更晚');
  });

  it('"牵头单位负责什么": the sentence that makes the role its subject', () => {
    expect(ask('安顺方案里牵头单位负责什么？')).toContain('牵头单位负责全程协调、指导、督查');
    expect(ask('安顺方案中责任单位的职责是什么？')).toContain('分工负责、推进落实');
  });

  it('two roles asked together each get their sentence; a role as written before its last words', async () => {
    const { kb } = await ingestTexts({
      'q.txt': '亳州市谯城区重点工作任务分解\n各责任单位要高度重视,认真研究推进措施。\n主要责任单位要与协同配合单位加强沟通联系。\n各协同责任单位要增强大局意识,对于配合协作的事情不推不拖。\n',
    });
    const local = new AnswerEngine(kb);
    const both = local.ask('谯城区的主要责任单位和协同配合单位各自要怎么做？').answer;
    expect(both).toContain('主要责任单位要与协同配合单位加强沟通联系');
    expect(local.ask('谯城区的协同责任单位（配合单位）有什么要求？').answer).toContain('不推不拖');
  });

  it('a roster’s role answers with every name under it, up to the next role', () => {
    const a = ask('某某建设协调推进领导小组有哪几位副组长？');
    expect(a).toContain('罗某');
    expect(a).toContain('李某某');
    expect(a).toContain('林某某');
    expect(a).not.toContain('毛某某');
    expect(ask('某某建设协调推进领导小组的组长是谁？')).toContain('王某');
  });

  it('"福鼎市场监管局质监股": 市场 is no part of the place, and a 股 is a department asked about', () => {
    const a = ask('安顺市场监管局质监股要牵头哪些工作？');
    expect(a).toContain('质监股牵头/负责的任务1项');
    expect(a).toContain('开展质量对比活动');
  });

  it('what a notice asks of its addressees, said over several sentences: the close runners-up come along', () => {
    const a = ask('遵义申报质量奖，各县局要做哪些工作？');
    expect(a).toContain('广泛宣传发动');
    expect(a).toContain('初步推荐意见');
  });

  it('"X负责落实的是哪项工作" in a notice that names units after each task: the task it names X for', () => {
    const a = ask('毕节市农业局在这份通知里要负责落实什么？');
    expect(a).toContain('良好生产规范');
    expect(a).not.toContain('质量对比提升');
  });

  it('"X项目里，各相关行政主管部门要负责什么": the subject opens the question’s last clause', async () => {
    const { subjectOf } = await import('../../src/answer/answer-subject.ts');
    const asked = (rest: string) => subjectOf({ q: { departments: [], rest } } as unknown as Parameters<typeof subjectOf>[0]);
    expect(asked('标准化建设项目里,各相关行政主管部门要负责什么?')).toBe('各相关行政主管部门');
    expect(ask('邯郸标准化建设项目里，各相关行政主管部门要负责什么？')).toContain('严把质量关');
  });

  it('materials to hand in "as listed below" are the numbered lines after', () => {
    const a = ask('安顺项目验收通过后要上报哪些材料？');
    expect(a).toContain('项目实施自我评价报告');
    expect(a).toContain('项目验收评估报告');
  });
});

describe('what a question counts is no item number', () => {
  it('"那个149项的分工方案" counts items; "3项谁牵头" asks about item 3', async () => {
    const { understandQuestion, buildLexicon } = await import('../../src/answer/understand-question.ts');
    const { kb } = await ingestTexts({ 'a.txt': '遂宁市人民政府关于印发2024年目标任务分工方案的通知\n3.加快标准化建设。(牵头单位:市市场监管局)\n' });
    const lexicon = buildLexicon(kb);
    expect(understandQuestion('遂宁那个149项的分工方案有问题找谁', lexicon).refs).toEqual([]);
    expect(understandQuestion('遂宁3项谁牵头', lexicon).refs).toEqual(['3']);
  });
});
