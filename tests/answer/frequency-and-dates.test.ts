import { beforeAll, describe, expect, it } from 'vitest';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { parseChineseDate } from '../../src/ingest/parse-dates.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * How often something recurs ("多久评一次"), the page's date beside the 落款, a 落款 year typed with
 * zeros, and an award asked about in English. Fixtures written for these tests.
 */

const AWARD = `西河市政府质量奖管理办法
发布日期:2024-05-10
第一条 为推动质量提升,制定本办法。
第二条 市政府质量奖每2年评选1次,每届获奖企业不超过3家。
第三条 对获得市政府质量奖的企业奖励20万元。
第四条 市质量奖评审委员会每季度召开一次工作会议。
西河市人民政府
2024年5月10日`;

const OLD = `北岭市食品放心工程实施方案
北岭市人民政府办公室
二00四年六月八日
一、工作目标
全市主要食品质量抽检合格率达到90%。`;

let engine: AnswerEngine;
beforeAll(async () => {
  engine = new AnswerEngine((await ingestTexts({ 'award.txt': AWARD, 'old.txt': OLD })).kb);
});
const ask = (q: string) => engine.ask(q, { now: new Date('2025-06-01T02:00:00Z') });

describe('how often', () => {
  it('多久评一次 is answered by the recurrence, not refused as a question for phases', () => {
    expect(ask('西河质量奖多久评一次?').answer).toContain('每2年评选1次');
    expect(ask('西河质量奖评审委员会几个月开一次会?').answer).toContain('每季度');
  });

  it('每届 is no recurrence', () => {
    expect(ask('西河质量奖多久评一次?').answer).not.toContain('不超过3家');
  });
});

describe('document dates as written', () => {
  it('the page date and the 落款 of the same day are both shown', () => {
    const a = ask('西河质量奖办法发布日期?');
    expect(a.answer).toContain('2024-05-10');
    expect(a.answer).toContain('2024年5月10日');
  });

  it('a 落款 year typed with zeros (二00四年) is a date', () => {
    expect(parseChineseDate('二00四年六月八日')).toBe('2004-06-08');
    expect(ask('北岭食品放心工程方案 落款日期').answer).toContain('二00四年六月八日');
  });
});

describe('a question in English words', () => {
  it('mayor quality award / prize money / how much', () => {
    expect(ask('西河 quality award prize money how much?').answer).toContain('20万元');
  });
});

describe('partners asked in other words', () => {
  it('协同单位 is an owner question, answered with every partner', async () => {
    const kb = (await ingestTexts({
      't.txt': ['东河区2024年民生实事任务分解方案', '序号', '事项名称', '项目内容', '牵头单位', '协同单位',
        '1', '暑期托管服务', '开设暑期托管班30个。', '团区委', '区总工会', '区妇联'].join('\n'),
    })).kb;
    const a = new AnswerEngine(kb).ask('东河暑期托管服务谁牵头,协同单位有哪些', { now: new Date('2025-06-01T02:00:00Z') });
    expect(a.answer).toContain('团区委');
    expect(a.answer).toContain('区总工会');
    expect(a.answer).toContain('区妇联');
  });

  it('a joint inspection list: the 发起部门 leads', async () => {
    const { columnOf } = await import('../../src/ingest/parse-task-table.ts');
    expect(columnOf('发起部门')).toBe('lead');
    expect(columnOf('配合部门')).toBe('partners');
  });
});
