import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { ASKS_PROGRESS } from '../../src/answer/answer-progress.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * A plan's own progress table (进展情况 / 1-10月推进情况 columns), on a report written for this test:
 * "进度咋样", "现在完成了多少", a follow-up that asks only that, and questions that do not ask it.
 */

const REPORT = `明州市东湖区2023年民生实事项目推进情况(1-10月)
序号 | 项目内容 | 牵头单位 | 1-9月推进情况 | 1-10月推进情况 |
1 | 新建公办幼儿园4所。 | 区教育局 | 已开工4所。 | 已建成3所,第4所预计11月底前完工。 |
2 | 新增养老床位300张。 | 区民政局 | 新增床位180张。 | 新增床位260张。 |
3 | 改造老旧小区20个。 | 区住建局 | 已完成11个。 | 已完成16个。 |
`;

let engine: AnswerEngine;
beforeAll(async () => {
  const { kb } = await ingestTexts({ 'report.txt': REPORT });
  engine = new AnswerEngine(kb);
});

describe('progress a plan records', () => {
  it('"谁牵头，进度咋样": the owner, then every progress column of that row, cited', () => {
    const a = engine.ask('东湖区新增养老床位是谁牵头，进度咋样？');
    expect(a.answer).toContain('区民政局');
    expect(a.answer).toContain('1-9月推进情况: 新增床位180张');
    expect(a.answer).toContain('1-10月推进情况: 新增床位260张');
    expect(a.citations.some((c) => c.quote.includes('新增床位260张'))).toBe(true);
  });

  it('a follow-up that asks only how far: the progress of the task the first part named, once', () => {
    const a = engine.ask('东湖区老旧小区改造目标多少个？现在完成了多少？');
    expect(a.answer).toContain('改造老旧小区20个');
    expect(a.answer).toContain('已完成16个');
    expect(a.answer.split('\n').filter((l) => l.includes('已完成16个'))).toHaveLength(1);
  });

  it('a question that does not ask about progress gets none', () => {
    const a = engine.ask('东湖区新建公办幼儿园由哪个单位牵头？');
    expect(a.answer).toContain('区教育局');
    // (The plan's title names 推进情况; its progress cells are not shown.)
    expect(a.answer).not.toContain('推进情况:');
    expect(a.answer).not.toContain('已开工');
  });

  it('the schedule of a plan (进度安排) is not its progress', () => {
    expect(ASKS_PROGRESS.test('方案的进度安排是怎样的')).toBe(false);
    expect(ASKS_PROGRESS.test('截至9月底完成了多少')).toBe(true);
    expect(ASKS_PROGRESS.test('进度咋样')).toBe(true);
  });
});
