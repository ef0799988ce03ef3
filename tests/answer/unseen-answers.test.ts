import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { understandQuestion } from '../../src/answer/understand-question.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { checkPlans } from '../../src/kb/check-plans.ts';
import { buildKnowledgeBase, type KnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { PROJECT_ROOT } from '../helpers/seeds.ts';

/**
 * Answers over plans shaped like other places' (tests/fixtures/unseen), plus a second plan of the same
 * county and a copy of one file: document facts as written, the retrieval floor and its refusals,
 * several plans of one place, plans named by their title, and "what is due soon / which phase now".
 */

const SECOND = `关山县人民政府办公室关于印发关山县2025年食品安全重点工作安排的通知
关政办发〔2025〕9号
一、工作任务
1.开展食品安全示范创建。全年完成食品抽检3000批次以上。(县市场监管局负责,2025年11月底前完成)
2.稳住经济大盘。地区生产总值增长6%以上。(县发改局负责)
二、任务分解
序号
工作任务
责任单位
完成时限
一、食品抽检工作(牵头领导:张三、李四)
1
完成校园食堂检查200家
县市场监管局
2025年11月底前
三、进度安排
(一)部署阶段(2025年1月-2025年3月)。制定方案,明确分工。
(二)实施阶段(2025年4月-2025年10月)。全面推进各项任务。
(三)总结阶段(2025年11月-2025年12月)。总结评估,报送情况。
`;

const THIRD = `关山县人民政府关于印发关山县国家知识产权强县建设工作方案的通知
关政发〔2024〕21号
《关山县国家知识产权强县建设工作方案》已经县政府同意,现印发给你们。
关山县国家知识产权强县建设工作方案
为落实国家知识产权局关于开展强县建设试点的通知,结合我县实际,制定本方案。
一、总体要求
(一)基本原则
1.政府引导,市场主导。发挥市场配置资源的决定性作用。
2.统筹推进,重点突破。聚焦主导产业开展专利导航。
(三)工作格局
——党政同责。县委县政府共同负责。
——部门协同。形成“政府主导、部门联动、企业主责”的知识产权工作格局。
(二)主要目标
以“创造有力、保护严格”为目标,建成知识产权强县。
二、主要任务
一是建立一个服务平台,集中提供专利检索服务;
二是培育一批示范企业,推动专利转化运用;
三、县市场监管局牵头工作(2项)
1.开展专利侵权纠纷行政裁决试点,建立快速处理机制。
2.年底前建成知识产权保护工作站,覆盖全部园区。
四、宣传引导
组织知识产权宣传周活动,开展专家进企业宣讲。积极营造尊重知识产权的社会氛围。2025年6月底前,宣讲覆盖全部规上企业。
宣传周活动主题为“知识产权 助力发展”,以专利转化运用为重点,建立一个宣讲平台。
`;

let dir: string;
let kb: KnowledgeBase;
let engine: AnswerEngine;
const NOW = new Date('2025-06-10T09:00:00+08:00');
const ask = (q: string) => engine.ask(q, { now: NOW });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duban-unseen-'));
  const src = join(PROJECT_ROOT, 'tests', 'fixtures', 'unseen');
  for (const f of readdirSync(src)) copyFileSync(join(src, f), join(dir, f));
  copyFileSync(join(src, 'mingshui-draft.txt'), join(dir, 'mingshui-draft 副本 (2).txt'));
  writeFileSync(join(dir, 'guanshan-food.txt'), SECOND);
  writeFileSync(join(dir, 'guanshan-ip.txt'), THIRD);
  const result = await ingestPlans([dir], { cache: null });
  kb = buildKnowledgeBase(result.plans, undefined, result.warnings);
  engine = new AnswerEngine(kb);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('document facts', () => {
  it('answers 文号, 落款 date and issuer as the plan writes them', () => {
    expect(ask('关山质量强县方案的文号是多少').answer).toContain('关政发〔2024〕5号');
    expect(ask('明水质量奖征求意见的通告落款是哪天').answer).toContain('2025年2月27日');
    expect(ask('关山质量强县建设实施方案是哪个单位印发的').answer).toContain('关山县人民政府');
  });

  it('keeps the 落款 and a grid’s 成文日期 apart, each as written', () => {
    expect(ask('关山质量强县方案落款是哪天').answer).toContain('二〇二四年三月八日');
    expect(ask('关山质量强县方案的成文日期').answer).toContain('2024-03-08');
  });

  it('answers who drafted a plan: the departments named for it, else the body that issues the draft', () => {
    expect(ask('明水质量奖管理办法是哪个单位起草的').answer).toContain('明水市市场监督管理局');
  });

  it('answers another document’s 文号 from the clause that cites it, the one the question points to', () => {
    const a = ask('关山质量强县方案依据的省里文件文号是多少');
    expect(a.answer).toContain('《北川省质量强省建设纲要》(北政发〔2023〕12号)');
    expect(a.answer).not.toContain('质量强国建设纲要');
    expect(ask('关山质量强县方案是落实国家哪个文件').answer).toContain('《质量强国建设纲要》');
  });

  it('answers what the plan implements, its goal year and period', () => {
    expect(ask('关山质量强县方案是根据哪个文件制定的').answer).toContain('北政发〔2023〕12号');
    expect(ask('关山质量强县建设的目标是到哪一年').answer).toContain('2027年');
    expect(ask('关山质量强县方案的实施期是哪几年').answer).toContain('2024—2027年');
  });

  it('answers the comment deadline and contacts of a draft, each from the record', () => {
    expect(ask('明水质量奖征求意见截止到什么时候').answer).toContain('2025-03-31');
    expect(ask('明水质量奖的意见发到哪个邮箱').answer).toContain('mszlj@example.cn');
    const phone = ask('明水质量奖征求意见的联系电话');
    expect(phone.answer).toContain('0571-12345678');
    expect(phone.citations[0].quote).toContain('联系人:李先生');
  });

  it('says a fact is not written rather than guessing one from a cited document', () => {
    const a = ask('明水质量奖管理办法的文号是多少');
    expect(a.found).toBe(false);
    expect(a.answer).toContain('没有写明文号');
  });
});

describe('the retrieval floor', () => {
  it('quotes the sentence that answers when no record does, with its source', () => {
    const a = ask('明水质量奖逾期不反馈意见怎么算');
    expect(a.found).toBe(true);
    expect(a.answer).toContain('视为无意见');
    expect(a.answer).toMatch(/〔明水.*〕/);
  });

  it('refuses a question for a person when the sentence only names the body', () => {
    const a = ask('明水质量奖评审委员会主任是谁');
    expect(a.found).toBe(false);
    expect(a.answer).toMatch(/^在明水方案中没有找到/);
  });

  it('does not answer a deadline question with a sentence that has no date', () => {
    const a = ask('关山提升公共服务质量那项什么时候完成');
    expect(a.answer).not.toMatch(/^关山县「提升公共服务质量[^」]*」[^完]*〔/);
    expect(a.answer).toMatch(/没有|未写明/);
  });
});

describe('answering what is asked', () => {
  it('does not answer a question with a topic of its own with the department’s task list', () => {
    const a = ask('关山的县市场监管局在食品追溯方面要做什么');
    expect(a.answer).not.toMatch(/县市场监管局牵头\/负责的任务/);
  });

  it('answers which year an annual plan is for from its title', () => {
    expect(ask('关山食品安全重点工作安排是哪一年度的').answer).toContain('2025年');
  });
});

describe('staff shorthand and missing deadlines', () => {
  it('reads GDP as 地区生产总值 when the plan spells it out', () => {
    expect(ask('关山GDP增长目标那条谁负责').answer).toContain('县发改局');
  });

  it('says a task sets no deadline instead of answering with another date', () => {
    const a = ask('关山稳住经济大盘地区生产总值增长那条什么时候完成');
    expect(a.found).toBe(false);
    expect(a.answer).toContain('没有写明完成时限');
  });
});

describe('scope', () => {
  it('keeps every plan of a place in scope, and finds a plan by its title', () => {
    expect(ask('关山食品抽检要完成多少批次').answer).toContain('3000批次以上');
    expect(ask('质量强县建设实施方案(2024—2027年)的文号').answer).toContain('关政发〔2024〕5号');
  });

  it('gives each place its own year when a question names places with different years', () => {
    const q = understandQuestion('关山2025年和明水2024年的目标分别是多少', engine.prepared.lexicon);
    expect(q.targetYear).toBeNull();
    expect(understandQuestion('关山2025年地区生产总值增长多少', engine.prepared.lexicon).targetYear).toBe(2025);
  });

  it('answers for each place a question names, and says which gave nothing', () => {
    const a = ask('关山和明水质量工作的目标是到哪一年');
    expect(a.answer).toContain('2027年');
    expect(a.answer).toMatch(/明水[^\n]*(没有写明|没有找到)/);
  });

  it('finds every plan that cites a document number, not the plan whose title echoes the question', () => {
    const a = ask('哪些方案引用了北政发〔2023〕12号《北川省质量强省建设纲要》?');
    expect(a.answer).toContain('关山县');
    expect(a.answer).not.toContain('明水');
  });

  it('finds a plan by its 文号 written without brackets', () => {
    expect(understandQuestion('关政发2024 5号 加强检验检测能力建设谁牵头', engine.prepared.lexicon).files).toEqual(['guanshan-plan.txt']);
    expect(ask('关政发2024 5号 加强检验检测能力建设谁牵头').answer).toContain('县市场监管局');
  });

  it('loads a second copy of a plan once, with a warning', () => {
    expect(kb.plans.filter((p) => p.title?.startsWith('明水市政府质量奖')).length).toBe(1);
    expect(kb.warnings.find((w) => w.code === 'duplicate')?.message).toContain('mingshui-draft');
  });

  it('routes 快到期 to the due list and 现在处于哪个阶段 to today’s phase', () => {
    expect(ask('关山哪些任务快到期了').answer).toContain('完成时限在2025年6月10日至2025年7月10日');
    expect(ask('关山食品安全工作现在处于哪个阶段').answer).toContain('实施阶段');
  });
});

describe('parts of a plan and what its own name says', () => {
  it('answers the plan’s own 文号 when its title holds a word that would point to a cited document', () => {
    expect(ask('关山县国家知识产权强县建设工作方案的文号是多少').answer).toContain('关政发〔2024〕21号');
  });

  it('lists a named part at any depth, and gives its N-th item in full', () => {
    const list = ask('关山知识产权强县方案的基本原则有哪些').answer;
    expect(list).toContain('政府引导,市场主导');
    expect(list).toContain('统筹推进,重点突破');
    expect(ask('关山知识产权强县方案基本原则第2条是啥').answer).toContain('聚焦主导产业开展专利导航');
    expect(ask('关山知识产权强县方案主要任务第一条是什么').answer).toContain('一是建立一个服务平台');
    expect(ask('关山知识产权强县方案主要任务第五条是什么').answer).toMatch(/只有2项, 没有找到第5项/);
  });

  it('answers 目标是什么 with the goal statement, not the sentence that repeats the question’s words', () => {
    expect(ask('关山知识产权强县建设的目标是什么').answer).toContain('创造有力、保护严格');
  });

  it('takes a follow-up without words of its own as part of the question before it', () => {
    const a = ask('关山知识产权宣传周专家进企业宣讲什么时候前要覆盖全部企业?覆盖哪些?');
    expect(a.answer).toContain('2025年6月底前');
    expect(a.answer).not.toMatch(/没有找到“覆盖/);
  });

  it('gives the N-th item of a part whose items are dash lines, and a 格局 by its quoted wording', () => {
    expect(ask('关山知识产权强县方案工作格局第二条是什么').answer).toContain('部门协同');
    expect(ask('关山知识产权工作格局咋说的').answer).toContain('政府主导、部门联动、企业主责');
  });

  it('answers frame questions (以啥为重点, 主题是啥) with the sentence in that frame', () => {
    expect(ask('关山知识产权强县 宣传周以啥为重点').answer).toContain('以专利转化运用为重点');
    expect(ask('关山知识产权宣传周主题是啥').answer).toContain('知识产权 助力发展');
  });

  it('answers from the text of a table pasted as lines, and names the persons a 牵头领导 label gives', () => {
    const a = ask('关山食品安全工作里抽检这一块的牵头领导是谁');
    expect(a.answer).toContain('张三、李四');
  });

  it('refuses a sum of money when the sentence has only a number of things', () => {
    const a = ask('关山知识产权宣讲平台建设预算是多少');
    expect(a.answer).not.toContain('建立一个宣讲平台');
    expect(a.found).toBe(false);
  });

  it('answers a date from the next sentences of the paragraph that covers the question, cited', () => {
    const a = ask('关山知识产权宣传周专家进企业宣讲什么时候前要覆盖全部规上企业');
    expect(a.answer).toContain('2025年6月底前');
    expect(a.citations[0]?.file).toMatch(/guanshan-ip/);
  });

  it('takes the one horizon a task sets (到2026年) as its deadline', async () => {
    const { ingestTexts } = await import('../helpers/ingest-texts.ts');
    const { kb: k } = await ingestTexts({ 'p.txt': '关山县营商环境若干措施\n一、主要措施\n(一)实施载体提质工程。到2026年,完成18个项目建设。(县发改局负责)\n' });
    expect(k.tasks[0]).toMatchObject({ deadlineText: '到2026年', lead: [], units: ['县发改局'] });
    expect(k.tasks[0].deadline).toMatch(/^2026/);
  });

  it('gives items under a heading that names its lead unit to that unit, with a yearless deadline in the plan’s year', () => {
    const t = kb.tasks.find((x) => x.file.endsWith('guanshan-ip.txt') && x.text.startsWith('年底前建成知识产权保护工作站'));
    expect(t).toMatchObject({ lead: ['县市场监管局'], units: ['县市场监管局'], deadlineText: '年底前' });
  });
});

describe('duban kb --check', () => {
  it('lists what could not be understood per plan', () => {
    const report = checkPlans(kb);
    const food = report.plans.find((p) => p.file === 'guanshan-food.txt')!;
    expect(food.city).toBe('关山县');
    const draft = report.plans.find((p) => p.file === 'mingshui-draft.txt')!;
    expect(draft.gaps.map((g) => g.code)).toContain('no-tasks');
    expect(report.unreadable.some((u) => /副本/.test(u.file))).toBe(true);
  });
});

describe('a task table sent as its own file', () => {
  it('is attached to the plan in its folder, so its rows answer for that place', async () => {
    const d = mkdtempSync(join(tmpdir(), 'duban-table-'));
    try {
      writeFileSync(join(d, '青石县质量强县工作方案.txt'), '青石县质量强县工作方案\n一、工作目标\n到2026年,产品质量合格率达到95%以上。\n');
      writeFileSync(join(d, '附件 任务分解表.csv'), '序号,工作任务,责任单位,完成时限\n1,建设质量基础设施,县市场监管局,2026年6月\n2,推广先进质量管理方法,县工信局,2026年9月\n');
      const r = await ingestPlans([d], { cache: null });
      const e = new AnswerEngine(buildKnowledgeBase(r.plans));
      const table = r.plans.find((p) => p.plan.format === 'csv')!;
      expect(table.plan.city).toBe('青石县');
      expect(table.plan.warnings.join()).toContain('归入青石县');
      expect(e.ask('青石2026年6月到期的任务', { now: NOW }).answer).toContain('建设质量基础设施');
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
