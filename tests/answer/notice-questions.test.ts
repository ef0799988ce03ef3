import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { extractReports } from '../../src/ingest/extract-reports.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Questions on short notices (fixtures written for this test): which edition (第几届), who to hand the
 * material to (向X提交, 报送至X科), contacts listed with their numbers and office, short forms the
 * notice writes out (质监 for 质量技术监督), and a person asked for by a role the notice does not name.
 */

const AWARD = `东州市质量强市工作委员会办公室关于组织申报第九届东州市市长质量奖的通知
根据市政府工作安排,现启动第九届东州市市长质量奖申报工作。
一、申报单位应如实填写申报材料,并于12月2日前,向东州高新区质量强区工作委员会办公室提交相关材料。
二、各县(市、区)质量技术监督工作主管部门对申报材料进行审查,并于5月31日前将合格的申报材料报送至东州市市场监督管理局质量发展科。
三、申报中如有问题,请及时与我局质量发展处联系。联系人:王小明,13700000000;李大华,0570-1234567。
四、市政府成立以市长为组长的市长质量奖评审委员会。`;

let engine: AnswerEngine;
beforeAll(async () => {
  const { kb } = await ingestTexts({ 'award.txt': AWARD });
  engine = new AnswerEngine(kb);
});
const ask = (q: string) => engine.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

describe('questions on a notice', () => {
  it('第几届 is answered by the sentence that says which edition', () => {
    expect(ask('东州这个市长质量奖申报通知是第几届的？').answer).toContain('第九届');
  });

  it('material handed to an office is a report with its recipient and date', () => {
    expect(extractReports('并于5月31日前将合格的申报材料报送至东州市市场监督管理局质量发展科。')[0]).toMatchObject({
      what: '合格的申报材料',
      when: '5月31日前',
      to: '东州市市场监督管理局质量发展科',
    });
    expect(extractReports('于12月2日前,向东州高新区质量强区工作委员会办公室提交相关材料。')[0]).toMatchObject({ to: '东州高新区质量强区工作委员会办公室', when: '12月2日前' });
  });

  it('a short form the plan writes out (质监) does not make the fact absent', () => {
    const a = ask('东州各县质监部门审完申报材料要报到市里哪个科，截止啥时候？');
    expect(a.answer).toContain('质量发展科');
    expect(a.answer).toContain('5月31日前');
  });

  it('contacts: every name with its number, and the office to call', () => {
    const a = ask('东州市长质量奖申报有问题找谁？');
    expect(a.answer).toContain('质量发展处');
    expect(a.answer).toContain('王小明,13700000000');
    expect(a.answer).toContain('李大华,0570-1234567');
  });

  it('a person asked for by a role the notice does not name is refused, not answered with another role', () => {
    const a = ask('东州市长质量奖评审委员会办公室主任是谁？');
    expect(a.found).toBe(false);
    expect(a.answer).toMatch(/^在东州方案中没有找到/);
  });
});

describe('the day of an event', () => {
  it('"会议是哪天开的" asks for the event\'s day, not the page\'s date; a year alone does not answer it', async () => {
    const { askedDocAttributes } = await import('../../src/answer/answer-doc-facts.ts');
    expect(askedDocAttributes('东州县质量强县领导小组联席会议是哪天开的？')).toEqual([]);
    expect(askedDocAttributes('这个方案是哪天印发的？')).toEqual(['signed']);
    const { kb } = await ingestTexts({
      'news.txt': '西山县召开2025年质量强县工作领导小组联席会议\n发布时间:2025-08-02\n为做好质量工作考核整改,2025年7月28日上午,西山县在县政府六楼会议室组织召开县质量强县工作领导小组联席会议。',
      'award.txt': AWARD,
    });
    const a = new AnswerEngine(kb).ask('西山县质量强县领导小组联席会议是哪天开的？', { now: new Date('2025-09-01T02:00:00Z') });
    expect(a.answer).toContain('7月28日');
  });
});

describe('a covering notice: its addressees, and where problems go', () => {
  // A two-character county (魏县-like 沛县), addressees that are branches and sections, and the sentence
  // that says whom to tell about problems met in carrying the plan out.
  const NOTICE = `沛县市场监督管理局关于印发药品安全专项整治方案的通知
各分局,县局药品股、执法大队:
现将《药品安全专项整治方案》印发给你们,请认真贯彻落实。执行中遇到的问题,请径向县局药品股反映。
一、整治重点
(一)开展药品零售企业检查。(县局药品股负责)`;
  let notice: AnswerEngine;
  beforeAll(async () => {
    notice = new AnswerEngine((await ingestTexts({ 'n.txt': NOTICE })).kb);
  });
  const askN = (q: string) => notice.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

  it('the plan is 沛县\'s, and its addressees are the branches and sections the notice opens with', () => {
    const a = askN('沛县这个整治方案下发给哪些单位了');
    expect(a.answer).toContain('各分局,县局药品股、执法大队');
  });

  it('问题找谁反映 is answered by the body the notice names for problems', () => {
    const a = askN('沛县药品整治方案执行中遇到问题向谁反映?');
    expect(a.answer).toContain('县局药品股');
    expect(a.answer).not.toContain('联系人');
  });

  it('a two-character county inside a word is no place', async () => {
    const { findPlaces } = await import('../../src/kb/place-names.ts');
    expect(findPlaces('沛县市场监督管理局').map((m) => m.place.name)).toEqual(['沛县']);
    expect(findPlaces('落实工作经费县级统筹').map((m) => m.place.name)).toEqual([]);
  });
});

describe('who made a document', () => {
  // A joint notice "X等四部门关于印发…" whose bodies stand one a line below it (the page ends before the
  // date), and a notice passing on the plan of a list of bodies ("现将A、B…《…》转发给你们").
  const JOINT = `东州市农业农村局等四部门关于印发《东州市绿色农业发展方案》的通知
各县(市、区)农业农村、财政、市场监管部门:
现将《东州市绿色农业发展方案》印发给你们,请认真贯彻执行。
东州市农业农村局
东州市财政局
东州市市场监督管理局
东州市供销合作社联合委员会`;
  const PASSED_ON = `西州市人民政府办公室关于转发市卫生局等部门西州市食品安全示范街创建方案的通知
各县区人民政府,市直各单位:
现将市卫生局、商务局、市场监管局、城管办《西州市食品安全示范街创建方案》转发给你们,请遵照执行。`;
  let docs: AnswerEngine;
  beforeAll(async () => {
    docs = new AnswerEngine((await ingestTexts({ 'joint.txt': JOINT, 'passed.txt': PASSED_ON })).kb);
  });
  const askD = (q: string) => docs.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

  it('the joint issuers are every body listed under the notice', () => {
    const a = askD('东州绿色农业发展方案是哪几个部门联合印发的?');
    for (const body of ['东州市农业农村局', '东州市财政局', '东州市市场监督管理局', '东州市供销合作社联合委员会']) expect(a.answer).toContain(body);
  });

  it('哪些部门一起制定的 is answered by the bodies whose plan the notice passes on', () => {
    const a = askD('西州食品安全示范街创建方案是哪些部门一起制定的?');
    expect(a.answer).toContain('市卫生局、商务局、市场监管局、城管办');
  });
});

describe('addressees that do not open with 各', () => {
  it('a line of bodies only, ending in a colon, is whom the notice is sent to', async () => {
    const e = new AnswerEngine((await ingestTexts({
      'n.txt': `南湾市人民政府办公室关于印发南湾市药品安全提升措施的通知
高新区管委会,滨海新区管委会,各镇政府、街道办事处,市各有关单位:
现将《南湾市药品安全提升措施》印发给你们,请认真贯彻执行。
一、强化监管
(一)开展药品经营企业检查。(市市场监管局负责)`,
    })).kb);
    const a = e.ask('南湾药品安全提升措施印发给哪些单位', { now: new Date('2025-06-01T02:00:00Z') }).answer;
    expect(a).toContain('高新区管委会,滨海新区管委会');
  });
});
