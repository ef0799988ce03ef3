import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * "要做什么" answered by the sentences under a heading, not the heading alone; "主要干什么" by the list a
 * sentence opens ("主要职责是:" then (一)(二)(三)). Fixtures written for these tests.
 */

const MEASURES = `南岭市加强药品监管若干措施
一、夯实监管基础
(一)强化检查
1. 健全检查制度。建立分级分类检查机制,编制重点企业检查清单,推行远程检查方式。
2. 充实检查队伍。配齐专职检查员,开展岗位轮训。`;

const AWARD = `南岭市政府质量奖管理办法
第一条 为推动质量提升,制定本办法。
第二条 市政府设立质量奖评审委员会。评审委员会的主要职责是:
(一)审定评审细则;
(二)研究决定评审中的重大事项;
(三)向社会公示评审结果。
第三条 质量奖每两年评审一次。`;

let engine: AnswerEngine;
beforeAll(async () => {
  engine = new AnswerEngine((await ingestTexts({ 'measures.txt': MEASURES, 'award.txt': AWARD })).kb);
});
const ask = (q: string) => engine.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

describe('what a heading asks to do', () => {
  it('the sentences under the heading answer 要做哪些', () => {
    const a = ask('南岭药品监管措施里,健全检查制度要做哪些?');
    expect(a.answer).toContain('编制重点企业检查清单');
  });

  it('the list a sentence opens answers 主要干什么', () => {
    const a = ask('南岭质量奖评审委员会主要干什么?');
    expect(a.answer).toContain('审定评审细则');
    expect(a.answer).toContain('向社会公示评审结果');
    expect(a.answer).not.toContain('每两年评审一次');
  });
});
