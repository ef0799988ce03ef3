import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { askedAttribute } from '../../src/answer/answerability.ts';
import { extractOwners } from '../../src/ingest/extract-owners.ts';
import { extractPlanMeta } from '../../src/ingest/extract-plan-meta.ts';
import { extractReports } from '../../src/ingest/extract-reports.ts';
import { findPipeIndicatorTables } from '../../src/ingest/parse-indicator-table.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Structures met in other places' plans (fixtures written for these tests): an indicator table pasted as
 * pipe rows whose merged cells were lost, two places' targets compared, a phase that gives only its end,
 * a report whose recipient follows the verb, a phone number glued to its office, and work named before 由.
 */

const cellLines = (text: string) => text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));

describe('an indicator table pasted as pipe rows', () => {
  it('reads each row’s indicator and target-year figure even when the rows do not line up', () => {
    const [table] = findPipeIndicatorTables(
      cellLines('专栏1 主要发展指标 | ||||\n序号 | 主要任务 | 具体指标名称 | 2025年 | 属性 |\n1 | 经济质量 | 全员劳动生产率(万元/人) | 21 | 预期性 |\n2 | 单位地区生产总值能源消耗降低(%) | 13 | 约束性 | |\n3 | 国家高新技术企业(万家) | ≥1.2 | 预期性 | |\n4 | 制造业质量竞争力指数 | 86 | 预期\n以上指标为预期值。'),
    );
    expect(table.rows.map((r) => [r.metric, r.valueText, r.year])).toEqual([
      ['全员劳动生产率', '21万元/人', 2025],
      ['单位地区生产总值能源消耗降低', '13%', 2025],
      ['国家高新技术企业', '≥1.2万家', 2025],
      ['制造业质量竞争力指数', '86', 2025],
    ]);
    expect(table.rows[1].quote).toBe('单位地区生产总值能源消耗降低: 2025年 13%(约束性)');
  });

  it('the last of several year columns is the target', () => {
    const [table] = findPipeIndicatorTables(cellLines('指标 | 2022年 | 2027年\n产品质量合格率(%) | 93.5 | 95以上'));
    expect(table.rows[0]).toMatchObject({ metric: '产品质量合格率', valueText: '95%以上', year: 2027 });
  });
});

describe('owners, reports and facts in sentences', () => {
  it('the work named before 由 is no part of the unit', () => {
    expect(extractOwners('产品质量由市场监管局负责准备2个考核点;')?.units).toEqual(['市场监管局']);
    expect(extractOwners('考核工作由国家质量监督检验检疫总局牵头,会同有关部门组织实施。')?.lead).toEqual(['国家质量监督检验检疫总局']);
  });

  it('"X于…前报送Y办": Y receives; what is sent is X', () => {
    expect(extractReports('各单位联系电话于4月15日前报送市政府研究室')[0]).toMatchObject({ what: '各单位联系电话', when: '4月15日前', to: '市政府研究室' });
  });

  it('a phone glued to its office; 制定了《…》 of the document itself names its drafter', () => {
    const m = extractPlanMeta('关于开展省长质量奖评选的通知\n申报组织请于11月5日前报送材料。\n联系方式:市市场局质量发展科0735-2990000\n'.split('\n'));
    expect(m.facts.find((f) => f.kind === 'phone')?.value).toBe('市市场局质量发展科0735-2990000');
    const d = extractPlanMeta('某某省开展质量提升行动重点工作任务分工方案\n为落实……,省质量强省办制定了《某某省开展质量提升行动重点工作任务分工方案》。\n'.split('\n'));
    expect(d.facts.find((f) => f.kind === 'drafter')?.value).toBe('省质量强省办');
    const cited = extractPlanMeta('某某市质量工作方案\n根据国务院制定了《质量发展纲要》的要求,制定本方案。\n'.split('\n'));
    expect(cited.facts.find((f) => f.kind === 'drafter')).toBeUndefined();
  });

  it('a phone list handed in by a date: the date is asked, not the phone', () => {
    expect(askedAttribute('各单位的联系电话要在什么时候前报给哪个部门')).not.toBe('phone');
    expect(askedAttribute('申报咨询电话是多少')).toBe('phone');
  });
});

describe('answers', () => {
  let engine: AnswerEngine;
  const ask = (q: string) => engine.ask(q, { now: new Date('2025-06-10T09:00:00+08:00') }).answer;

  beforeAll(async () => {
    const { kb } = await ingestTexts({
      'a.txt': '赣州市深化质量强市建设实施方案\n一、主要目标\n到2025年,制造业质量竞争力指数达到86.5,每万人口高价值发明专利拥有量达到4.5件以上。\n',
      'b.txt': '吉安市深化质量强市建设实施方案\n一、主要目标\n到2026年,制造业质量竞争力指数达到86.5,每万人口高价值发明专利拥有量达到3件。\n',
      'd.txt':
        '东海市人民政府关于印发东海市计量发展实施意见的通知\n各区人民政府:\n现将《东海市计量发展实施意见》印发给你们。\n东海市人民政府\n2023年5月6日\n东海市计量发展实施意见\n一、主要目标\n到2025年,市级社会公用计量标准数量达到350项,研制标准物质10项;培育2个计量示范区、15个计量保护产品、3个国家农产品计量保护产品。\n2023—2025年,食品监督抽查合格率逐年达到91%、92%、93%,违禁物质检出率为零。\n新增国家标准40项。\n',
      'e.txt':
        '关于公开征求《南山市市长质量奖评审人员管理规定》(征求意见稿)意见的通知\n我委起草了《南山市市长质量奖评审人员管理规定》(征求意见稿)。有关单位和社会各界人士可在2018年11月20日前,通过以下两种方式反馈:\n南山市市场监督管理委员会\n2018年10月23日\n',
      'f.txt':
        '交通运输部办公厅关于征求《交通运输部门计量检定规程管理办法(征求意见稿)》意见的函\n各省、自治区、直辖市交通运输厅:\n部组织编制了《交通运输部门计量检定规程管理办法(征求意见稿)》,现印送你单位,请研究提出意见建议,于2021年7月18日前书面反馈我部。\n交通运输部办公厅\n2021年6月28日\n',
      'g.txt':
        '各驻新高校、科研机构、企事业单位:\n为规范各级政府质量奖评审工作,省市场监管局印发了《关于征集政府质量奖评审专家的通知》,请各单位推荐专家积极参与。推荐表请于2021年6月8日前报送至新乡市质量强市战略工作领导小组办公室(纸质表2份),由市质量强市战略工作领导小组办公室汇总后上报省局。\n',
      'h.txt':
        '南岭市12315消费维权监督联络站建设工作方案\n一、建设范围\n(一)范围:全市60个乡镇,建立12315联络站。\n',
      'c.txt':
        '甘肃省职业病防治专项行动实施方案\n一、实施步骤\n(一)动员部署阶段(2024年7月底前)。各地要制定实施计划。\n(二)工作实施阶段(2024年8月—2025年9月)。各地要开展工作。省卫生健康委适时对各地实施情况开展重点督导。\n(三)总结评估阶段(2025年10月—12月)。各地要总结评估。\n',
    });
    engine = new AnswerEngine(kb);
  });

  it('"一样吗": the verdict from the two places’ figures, then each place’s figure', () => {
    const a = ask('赣州和吉安的制造业质量竞争力指数目标一样吗？');
    expect(a.split('\n')[0]).toBe('两者相同: 都是86.5。');
    expect(ask('赣州和吉安的每万人口高价值发明专利拥有量目标谁更高？').split('\n')[0]).toBe('赣州更高(4.5件), 吉安为3件。');
  });

  it('of a sentence setting several figures, the clause of the one asked (with the sentence’s years)', () => {
    expect(ask('东海研制标准物质多少项？')).toContain('东海: 研制标准物质10项');
    expect(ask('东海研制标准物质多少项？')).not.toContain('350项');
    expect(ask('东海计划培育多少个计量保护产品？')).toContain('东海: 15个计量保护产品');
    expect(ask('东海食品监督抽查合格率逐年要达到多少？')).toContain('2023—2025年,食品监督抽查合格率逐年达到91%、92%、93%');
    expect(ask('东海 国标新增几项')).toContain('新增国家标准40项');
  });

  it('"啥时候搞总结评估": a phase named whole in a question, whatever else it says', () => {
    expect(ask('甘肃专项行动啥时候搞总结评估')).toContain('总结评估阶段: 2025年10月—12月');
  });

  it('two documents named by their titles on either side of 和: each asked in its own, then the earlier day first', () => {
    const a = ask('南山市市长质量奖评审人员管理规定和交通运输部门计量检定规程管理办法两个征求意见稿，哪个意见反馈截止更早？');
    expect(a.split('\n')[0]).toMatch(/^南山.*的更早\(2018年11月20日; 全国 2021年7月18日\)。$/);
    expect(a).toContain('征求意见截止时间: 2021年7月18日');
  });

  it('a notice addressed to bodies 驻新 (stationed in its city) is that city’s', () => {
    expect(engine.ask('新乡推荐表什么时候前报送？').answer).toContain('2021年6月8日前');
  });

  it('a word the named notice’s opening states (征集…评审专家) need not be repeated by the sentence that answers', () => {
    expect(ask('新乡征集政府质量奖评审专家，推荐表报上来以后由哪个机构汇总后上报省局？')).toContain('由市质量强市战略工作领导小组办公室汇总后上报省局');
  });

  it('a figure in the unit asked for: "多少个乡镇" is 60个, not the hotline 12315', () => {
    expect(ask('南岭12315联络站要在全市多少个乡镇建立？')).toContain('全市60个乡镇');
  });

  it('a first phase that gives only its end is a phase', () => {
    expect(ask('甘肃专项行动动员部署阶段的时间要求是？')).toContain('动员部署阶段: 2024年7月底前');
  });

  it('"由谁" in a phase is who acts, and 各地 inside one plan is no question across plans', () => {
    expect(ask('甘肃省职业病防治专项行动工作实施阶段，由谁对各地实施情况开展重点督导？')).toContain('省卫生健康委适时对各地实施情况开展重点督导');
  });
});

describe('dates compared as the documents write them', () => {
  it('a 落款 in Chinese numerals is compared with one in Arabic numerals', async () => {
    const { kb } = await ingestTexts({
      'a.txt': '张掖市人民政府关于印发张掖市质量兴市实施方案的通知\n各县区人民政府:\n现将《张掖市质量兴市实施方案》印发给你们。\n张掖市人民政府\n二○一○年八月二日\n',
      'b.txt': '酒泉市人民政府关于印发酒泉市质量强市实施方案的通知\n各县市区人民政府:\n现将《酒泉市质量强市实施方案》印发给你们。\n酒泉市人民政府\n2012年3月5日\n',
    });
    const a = new AnswerEngine(kb).ask('张掖和酒泉的方案，哪个印发得更早？').answer;
    expect(a.split('\n')[0]).toBe('张掖的更早(二○一○年八月二日; 酒泉 2012年3月5日)。');
  });
});
