import { mkdtempSync, rmSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { loadDepartmentsConfig } from '../../src/kb/departments.ts';
import { buildKnowledgeBase } from '../../src/kb/knowledge-base.ts';
import { DEMO_DIR, PROJECT_ROOT } from '../helpers/seeds.ts';

/** A second fictional city, so questions that name no city meet two plans. */
const QINGHE = `清河市人民政府关于印发《清河市质量强市工作方案》的通知
清政发〔2025〕3号
清河市人民政府
2025年5月6日
清河市质量强市工作方案
一、主要目标
到2026年,食品抽检合格率达到97%以上;工业产品抽查合格率达到93%以上。
二、重点任务
1、推行首席质量官制度。在规模以上企业推行首席质量官制度(市市场监管局牵头,市工信局参加)。
2、建设检验检测公共服务平台。建成检验检测公共服务平台2个(市科技局负责)。
`;

const NOW = new Date('2026-11-23T09:00:00+08:00');
let dir: string;
let engine: AnswerEngine;
const ask = (q: string, opts = {}) => engine.ask(q, { now: NOW, ...opts });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duban-answer-'));
  for (const f of readdirSync(DEMO_DIR)) copyFileSync(join(DEMO_DIR, f), join(dir, f));
  writeFileSync(join(dir, 'qinghe.txt'), QINGHE);
  const result = await ingestPlans([dir], { cache: null });
  const config = loadDepartmentsConfig(join(PROJECT_ROOT, 'config', 'departments.yaml'));
  engine = new AnswerEngine(buildKnowledgeBase(result.plans, config));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('owner', () => {
  it('answers a table item by number, keeping 牵头 and 参加 apart, with a citation', () => {
    const a = ask('1.1.1谁牵头?');
    expect(a.found).toBe(true);
    // "谁牵头" is answered with the lead; the others are counted, and named when asked for.
    expect(a.answer).toContain('牵头: 市委宣传部(另有2个责任/配合单位)');
    expect(a.answer).not.toContain('市文化广电旅游局');
    expect(ask('1.1.1由哪些单位配合?').answer).toContain('参加/配合: 市市场监管局、市文化广电旅游局');
    expect(a.answer).toContain('〔明州 分解表1.1.1〕');
    expect(a.citations[0]).toMatchObject({ ref: '1.1.1' });
  });

  it('answers an inherited (merged-cell) row with the inherited owners', () => {
    expect(ask('2.3.2由哪些单位负责').answer).toContain('牵头: 市市场监管局');
  });

  it('finds a task by its content', () => {
    const a = ask('明州推进质量教育进校园由哪个部门牵头?');
    expect(a.answer).toContain('市教育局');
    expect(a.answer).not.toContain('市住建局');
  });

  it('finds the department of a duty section', () => {
    expect(ask('明州定期开展质量状况统计分析是哪个部门的事').answer).toContain('市统计局');
  });
});

describe('target', () => {
  it('gives value, qualifier and year from the clause', () => {
    const a = ask('明州药品抽检合格率目标是多少?');
    expect(a.answer).toContain('不低于99%');
    expect(a.found).toBe(true);
  });

  it('answers per city when the question names none and two plans match', () => {
    const a = ask('食品抽检合格率目标是多少?');
    expect(a.answer).toContain('明州');
    expect(a.answer).toContain('98%以上');
    expect(a.answer).toContain('清河');
    expect(a.answer).toContain('97%以上');
  });

  it('answers from the only plan that has the fact, naming it', () => {
    const a = ask('检验检疫公共服务平台要建几个?');
    expect(a.answer).toMatch(/^清河/);
    expect(a.answer).toContain('2个');
  });
});

describe('deadline', () => {
  it('gives the 完成时限 relative to the date asked', () => {
    expect(ask('2.3.2什么时候完成').answer).toContain('完成时限2027年12月(还有');
    expect(engine.ask('1.1.1啥时候完成', { now: new Date('2027-03-01T09:00:00+08:00') }).answer).toContain('已于2026年6月到期');
  });
});

describe('duties', () => {
  it("lists a department's duty section and tasks", () => {
    const a = ask('明州市统计局负责什么?');
    expect(a.answer).toContain('市统计局的职责');
    expect(a.answer).toContain('形成报告报市政府');
  });

  it('understands 我们局 from the asker’s department', () => {
    const a = ask('我们局有哪些任务?', { department: '市住建局' });
    expect(a.answer).toContain('牵头/负责的任务');
    expect(a.answer).toContain('分解表3.1.1');
  });
});

describe('schedule', () => {
  it('lists phases, names one, and finds the phase of a date', () => {
    expect(ask('明州分几个阶段?').answer).toContain('分4个阶段');
    expect(ask('明州自查评估阶段是什么时候').answer).toContain('2027年7月—9月');
    expect(ask('明州2027年8月处于哪个阶段').answer).toContain('自查评估阶段');
  });

  it('says so when a plan has no phases', () => {
    const a = ask('清河分几个阶段推进?');
    expect(a.found).toBe(false);
    expect(a.answer).toContain('没有找到');
  });
});

describe('reporting', () => {
  it('says what, when and to whom', () => {
    const a = ask('半年总结交给谁?');
    expect(a.answer).toContain('市质量强市工作领导小组办公室(市市场监管局)');
    expect(a.answer).toContain('6月底和12月底');
  });
});

describe('cross-plan', () => {
  it('lists every city that states it, and only those', () => {
    const a = ask('哪些城市提出推行首席质量官制度?');
    expect(a.answer).toContain('清河');
    expect(a.found).toBe(true);
  });
});

describe('no answer', () => {
  it('refuses honestly and invents nothing', () => {
    const a = ask('明州对新能源汽车充电桩覆盖率有什么目标?');
    expect(a.found).toBe(false);
    expect(a.answer).toContain('没有找到');
    expect(a.answer).not.toMatch(/\d+%/);
  });
});

describe('robustness', () => {
  it('tolerates traditional characters and full-width digits', () => {
    expect(ask('明州藥品抽檢合格率目標是多少').answer).toContain('不低于99%');
    expect(ask('１.１.１誰牽頭').answer).toContain('市委宣传部');
  });

  it('answers help, empty and huge messages without failing', () => {
    expect(ask('帮助').answer).toContain('可以这样问');
    expect(ask('   ').answer).toContain('可以这样问');
    const huge = ask('食品'.repeat(5000));
    expect(huge.answer.length).toBeLessThan(600);
  });
});
