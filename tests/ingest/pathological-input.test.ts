import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { extractPlan } from '../../src/ingest/extract-plan.ts';
import { loadPlanBuffer } from '../../src/ingest/load-plan-file.ts';
import { engineFor } from '../helpers/ingest-texts.ts';

/**
 * Text no plan is made of — 100k characters of one space, bracket, digit, word or body's name — still
 * loads, and a question made of it still gets a reply. Every pattern run over plan or question text must
 * take time in proportion to it: a pattern that tries again from each character of a long run (quadratic)
 * or every way to cut a run into names (exponential) took from seconds to hours on these. The timeouts are
 * far above what the text takes now (well under a second each) and far below what it took then.
 */

const TITLE = '清河市质量强市工作方案';
const BODY = `${TITLE}
一、主要目标
到2026年,食品抽检合格率达到97%以上。
二、重点任务
1、推行首席质量官制度(市市场监管局牵头,市工信局参加)。
`;
const N = 100_000;
const times = (s: string, chars = N) => s.repeat(Math.ceil(chars / s.length));

/** Each as a line of its own, after the title. */
const LINES: Record<string, string> = {
  spaces: ' '.repeat(120_000),
  'ideographic spaces': '\u3000'.repeat(120_000),
  'spaces, ideographic spaces and tabs': times('\u3000 \t', 120_000),
  'spaces, then text': `${' '.repeat(120_000)}x`,
  'unclosed (': times('('),
  'unclosed （': times('（'),
  'unclosed 【': times('【'),
  'unclosed 《': times('《'),
  'a word repeated': times('质量'),
  'a duty word repeated': times('负责'),
  'a label repeated': times('牵头单位：'),
  digits: times('1'),
  '、': times('、'),
  'a line without punctuation': times('推进质量提升行动加强标准体系建设', 200_000),
  '局 repeated': times('局'),
  'bodies run together': times('市发改委市教育局市科技局市工信局市公安局市民政局市司法局市财政局'),
  'bodies run together, then who assists': `${times('局')}配合局局局局负责要将牵头会同局关于`,
  '转发 and bodies run together': `转发${times('市局')}。`,
  '现将 and bodies run together': `现将${times('局')}《质量提升方案》。`,
  'pinyin letters in an unclosed bracket': `发(${times('à')}`,
  '推荐访问 repeated': `${times('推荐访问:x')}。`,
};

/** Each as a numbered item's text, before its owner. */
const ITEMS: Record<string, string> = {
  pipes: times('|'),
  '办 repeated': times('办'),
  'numbers in one clause': times('a1'),
};

async function load(text: string) {
  const result = await loadPlanBuffer('plan.txt', Buffer.from(text));
  if (!result.ok) throw new Error(result.warning.message);
  return extractPlan(result.doc, { hash: 'x', bytes: text.length });
}

describe('plan text of 100k characters of one thing', () => {
  for (const [name, line] of Object.entries(LINES)) {
    it(`loads with its title: ${name}`, { timeout: 10_000 }, async () => {
      expect(line.length).toBeGreaterThanOrEqual(N);
      const records = await load(`${TITLE}\n${line}\n`);
      expect(records.plan.title).toBe(TITLE);
    });
  }

  for (const [name, text] of Object.entries(ITEMS)) {
    it(`loads an item of it: ${name}`, { timeout: 10_000 }, async () => {
      const records = await load(`${BODY}2、${text}(市市场监管局牵头)\n`);
      expect(records.plan.title).toBe(TITLE);
      expect(records.tasks.some((t) => t.text.includes('首席质量官'))).toBe(true);
    });
  }

  it('loads lines of 一、 repeated', { timeout: 10_000 }, async () => {
    const records = await load(`${TITLE}\n${'一、\n'.repeat(50_000)}`);
    expect(records.plan.title).toBe(TITLE);
  });
});

describe('a question of 100k characters of one thing', () => {
  let engine: AnswerEngine;
  beforeAll(async () => {
    engine = await engineFor({ 'qinghe.txt': BODY });
  });

  it('is answered from a plan with such lines', { timeout: 10_000 }, async () => {
    const lines = [LINES['unclosed 《'], LINES.digits, LINES['局 repeated'], ITEMS.pipes, LINES['a line without punctuation']];
    const withThem = await engineFor({ 'qinghe.txt': `${BODY}${lines.join('\n')}\n` });
    const a = withThem.ask('清河首席质量官制度谁牵头?', { now: new Date('2026-01-01T00:00:00+08:00') });
    expect(a.answer).toContain('市市场监管局');
  });

  for (const [name, text] of Object.entries({ ...LINES, ...ITEMS })) {
    it(`gets a reply: ${name}`, { timeout: 10_000 }, () => {
      for (const question of [text, `清河首席质量官制度谁牵头${text}`, `${text}清河首席质量官制度谁牵头?`]) {
        const a = engine.ask(question, { now: new Date('2026-01-01T00:00:00+08:00') });
        expect(typeof a.answer).toBe('string');
        expect(a.answer.length).toBeGreaterThan(0);
      }
    });
  }
});
