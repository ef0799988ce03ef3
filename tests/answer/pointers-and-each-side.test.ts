import { describe, expect, it } from 'vitest';
import { engineFor } from '../helpers/ingest-texts.ts';
import { withArabicDate } from '../../src/answer/answer-doc-facts.ts';

/**
 * Questions over several loaded plans: a plan pointed at by words only its text has, two places asked
 * the same thing, a year asked of one place's several plans, and dates or figures a sentence must state
 * for what is asked (fixtures written for these tests).
 */

const NOW = new Date('2026-12-01T02:00:00Z');

const PLANS = {
  'a.txt':
    '合江区质量强区建设实施方案\n一、主要目标\n到2025年,制造业产品和消费品质量合格率均达到95%以上。\n二、重点任务\n(一)加强司法保护\n1.健全知识产权纠纷多元调解机制,依法适用惩罚性赔偿。(区法院负责)\n2.开展质量提升行动。(区市场监管局负责)\n',
  'b.txt':
    '崆山区质量强区建设实施方案\n一、主要目标\n到2025年,制造业产品质量合格率达到94%以上。\n十四五期间,全区每个乡镇至少新增1件地理标志商标。\n',
  'c.txt':
    '2024年主要工作安排\n一、农业农村\n巩固山兰米、青橙等特色产业,山兰米种植面积保持在0.6万亩以上。\n力争实现25%的村集体年收入超30万元。\n二、交通\n建设“四好农村路”300公里。\n',
  'd.txt':
    '泰山市知识产权强市建设方案\n一、目标\n到2020年,地理标志商标达到40件。\n三、工作要求\n各县区于每年12月10日前将工作总结报市知识产权局。\n',
  'e.txt':
    '质量强县培育建设工作方案\n一、目标\n到2027年,培育建设80个以上质量强县。\n二、工作安排\n各省要加强指导,组织好培育建设工作。\n',
  'f.txt':
    '平原市计量发展实施意见\n一、目标\n到2027年,社会公用计量标准达到3000项以上。\n二、任务\n1.加强计量科技攻关。(责任单位:市科技局)\n平原市人民政府\n二〇二三年五月九日\n',
  'g.txt':
    '平原市标准化发展实施意见\n一、目标\n到2025年,主导制修订标准120项。\n',
  'h.txt':
    '2024年交通工作要点\n一、建设\n建设“四好农村路”500公里,改造危桥20座。\n',
};

const engine = () => engineFor(PLANS);

describe('a plan pointed at by words only its text has', () => {
  it('"提到山兰米的那份…": the plan whose text has them, the pointing words no part of what is asked', async () => {
    const a = (await engine()).ask('提到山兰米的那份工作安排里,“四好农村路”要建多少公里?', { now: NOW });
    expect(a.answer).toContain('300公里');
    expect(a.answer).not.toContain('500公里');
  });

  it('"山兰米那个县…": the same, by the words before 那个县', async () => {
    const a = (await engine()).ask('山兰米那个县2024年工作安排里,村集体经济的目标是什么?', { now: NOW });
    expect(a.answer).toContain('25%的村集体年收入超30万元');
  });
});

describe('two places asked the same thing', () => {
  it('"合江和崆山的…合格率目标分别是多少": the left place alone shares the words after the right one', async () => {
    const a = (await engine()).ask('合江和崆山的制造业产品质量合格率目标分别是多少?', { now: NOW });
    expect(a.answer).toContain('95%以上');
    expect(a.answer).toContain('94%以上');
  });

  it('"…在地理标志数量上各定了什么目标": a place whose plan gave the whole question nothing is asked on its own', async () => {
    const a = (await engine()).ask('泰山和崆山在地理标志数量上各定了什么目标?', { now: NOW });
    expect(a.answer).toContain('40件');
    expect(a.answer).toContain('1件');
    expect(a.answer).not.toContain('没有找到相关内容');
  });
});

describe('the asked department in a section', () => {
  it('"区法院在司法保护方面要做哪些事": its task under "(一)加强司法保护"', async () => {
    const a = (await engine()).ask('合江区质量强区方案里,区法院在司法保护方面具体要做哪些事?', { now: NOW });
    expect(a.answer).toContain('区法院牵头/负责的任务1项');
    expect(a.answer).toContain('多元调解机制');
  });
});

describe('years and dates', () => {
  it('a year asked of one place binds all its plans: 2030 is not 2027', async () => {
    const a = (await engine()).ask('平原计量实施意见里2030年社会公用计量标准要到多少项?', { now: NOW });
    expect(a.answer).toContain('没有写明2030年');
    expect(a.answer).toContain('3000项以上');
  });

  it('a 落款 in Chinese numerals is said in Arabic too', async () => {
    const a = (await engine()).ask('平原计量实施意见是哪年发的?', { now: NOW });
    expect(a.answer).toContain('二〇二三年五月九日(2023年5月9日)');
    expect(withArabicDate('落款日期: 二O一一年三月二十三日')).toBe('落款日期: 二O一一年三月二十三日(2011年3月23日)');
    expect(withArabicDate('2023年5月9日')).toBe('2023年5月9日');
  });

  it('"申报截止时间": a sentence dating another thing is no answer', async () => {
    const a = (await engine()).ask('质量强县培育建设的申报截止时间是什么时候?', { now: NOW });
    expect(a.found).toBe(false);
    expect(a.answer).not.toMatch(/^[^\n]*到2027年/);
  });

  it('"要在什么时候前报上去": the hand-in sentence answers', async () => {
    const a = (await engine()).ask('泰山知识产权方案里工作总结要在什么时候前报上去?', { now: NOW });
    expect(a.answer).toContain('12月10日前');
  });
});

describe('which of the loaded plans are such', () => {
  const LIST = {
    'a.txt': '青山市质量强市建设实施方案\n青山市人民政府\n2023年5月9日\n一、目标\n到2027年,质量强市建设取得明显成效。\n二、任务\n推进地理标志培育。\n',
    'b.txt': '苏南市营商环境优化行动方案\n苏南市人民政府\n2019年3月2日\n到2025年,营商环境进入全省前列。推行“一件事”集成办理。\n',
    'c.txt': '禾县质量强县工作要点\n禾县人民政府\n2019年8月1日\n到2027年,质量强县建设取得成效。\n',
  };
  const files = (a: { citations: Array<{ file: string }> }) => [...new Set(a.citations.map((x) => x.file))].sort();

  it('"哪些方案把2027年作为目标年": by the goal years each states', async () => {
    const a = (await engineFor(LIST)).ask('哪些方案把2027年作为目标年?', { now: NOW });
    expect(files(a)).toEqual(['a.txt', 'c.txt']);
  });

  it('"已加载的文件里哪些是2019年印发的": by each plan\'s date', async () => {
    const a = (await engineFor(LIST)).ask('已加载的文件里哪些是2019年印发的?', { now: NOW });
    expect(files(a)).toEqual(['b.txt', 'c.txt']);
  });

  it('"这批文件里哪些提到“一件事”": by each plan\'s own text', async () => {
    const a = (await engineFor(LIST)).ask('这批文件里哪些提到“一件事”?', { now: NOW });
    expect(files(a)).toEqual(['b.txt']);
    expect(a.answer).toContain('集成办理');
  });

  it('"印发X的日期": the document\'s date', async () => {
    const a = (await engineFor(LIST)).ask('青山市政府印发质量强市实施方案的日期?', { now: NOW });
    expect(a.answer).toContain('2023年5月9日');
  });
});

describe('a name with figures in it', () => {
  it('"PM2.5 谁牵头" asks of 细颗粒物, not of item 2.5', async () => {
    const e = await engineFor({ 'a.txt': '通河区十四五规划任务分工方案\n一、主要指标\n5.细颗粒物(PM2.5)年均浓度达到市级要求。\n牵头单位:区生态环境局\n' });
    const a = e.ask('通河区 PM2.5 谁牵头啊', { now: NOW });
    expect(a.answer).toContain('区生态环境局');
    expect(a.answer).not.toContain('没有找到2.5');
  });
});
