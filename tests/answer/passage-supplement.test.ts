import { beforeAll, describe, expect, it } from 'vitest';
import { Ctx, prepare, type Answer, type Prepared } from '../../src/answer/answer-context.ts';
import { withPassageSupplement } from '../../src/answer/answer-passages.ts';
import { understandQuestion } from '../../src/answer/understand-question.ts';
import { statesAttribute } from '../../src/answer/answerability.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * A composed answer that holds little of what was asked gets the plan's sentence that holds much more;
 * one that already answers is left alone. On a plan written for this test.
 */

const PLAN = `明州市电梯安全提升行动方案
一、重点任务
1.开展电梯安全专项整治,全面排查电梯安全隐患。(牵头单位:市市场监管局;配合单位:市住建局)
二、保障措施
市市场监管局每季度对电梯维保单位开展一次“双随机”抽查,抽查结果向社会公布。
`;

let p: Prepared;
beforeAll(async () => {
  const { kb } = await ingestTexts({ 'lift.txt': PLAN });
  p = prepare(kb);
});

const ctx = (q: string) => new Ctx(p, understandQuestion(q, p.lexicon), new Date('2026-12-01'), null, []);
const composed = (text: string): Answer => ({ answer: text, found: true, citations: [], intent: 'owner' });

describe('a sentence added to an answer that missed the question', () => {
  it('adds the sentence, cited, when it holds much more of the question', () => {
    const c = ctx('明州电梯维保单位的双随机抽查结果要怎么公布，谁负责？');
    const a = withPassageSupplement(c, composed('明州「开展电梯安全专项整治」牵头: 市市场监管局〔明州 一1〕'));
    expect(a.answer).toContain('原文: 明州: 市市场监管局每季度对电梯维保单位开展一次“双随机”抽查');
    expect(a.citations.some((x) => x.quote.includes('双随机'))).toBe(true);
  });

  it('leaves an answer alone that already holds the question, and never touches a refusal', () => {
    const c = ctx('明州电梯安全专项整治谁牵头？');
    const own = composed('明州「开展电梯安全专项整治,全面排查电梯安全隐患」牵头: 市市场监管局〔明州 一1〕');
    expect(withPassageSupplement(c, own)).toBe(own);
    const refusal = { ...own, found: false };
    expect(withPassageSupplement(ctx('明州电梯维保单位的双随机抽查结果要怎么公布，谁负责？'), refusal)).toBe(refusal);
  });

  it('a body doing something to someone states who does it (X每季度对…开展…)', () => {
    expect(statesAttribute('owner', '市市场监管局每季度对电梯维保单位开展一次抽查')).toBe(true);
    expect(statesAttribute('owner', '电梯维保单位每季度开展一次自查')).toBe(false);
  });
});
