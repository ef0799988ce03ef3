import { describe, expect, it } from 'vitest';
import { engineFor } from '../helpers/ingest-texts.ts';

/**
 * How often each of two named plans wants progress reported, and questions that mix English words into
 * Chinese ones (fixtures written for these tests).
 */

const NOW = new Date('2026-12-01T02:00:00Z');

const PLANS = {
  'a.txt':
    '商丘市组团参加产业合作洽谈活动工作方案\n一、活动安排\n(一)组织企业参展。各县(市、区)负责组织本地企业参展。\n二、工作要求\n(一)及时上报筹备情况。各县(市、区)、市直各有关单位要将各项筹备工作情况每两天向市筹委会办公室上报一次。\n',
  'b.txt':
    '安阳市人民政府关于明确2026年重点工作责任单位的通知\n各责任单位要尽快制定落实方案,并于2026年3月25日、6月25日、9月25日前向市政府报告各项重点工作的每季度进展情况。\n1.扩大有效投资。责任单位:市发展改革委\n',
  'c.txt':
    '鹤壁市全面推行河长制主要任务分解表\n序号 主要任务 细化措施 牵头单位 参与单位\n1 严守用水效率红线 落实用水效率评估体系,把节水目标纳入考核。 市水利局 市发展改革委\n2 抓好工业节水 加快实施工业节水技术改造。 市工业和信息化局 市水利局\n',
};

const engine = () => engineFor(PLANS);

describe('how often two named plans want progress reported', () => {
  it('each plan answers with its own cadence and office', async () => {
    const a = (await engine()).ask('商丘洽谈活动方案和安阳2026重点工作分工,对进展报送频率分别怎么要求的?', { now: NOW });
    expect(a.answer).toContain('时间: 每两天');
    expect(a.answer).toContain('市筹委会办公室');
    expect(a.answer).toContain('每季度');
  });
});

describe('English words beside Chinese ones', () => {
  it('"industrial water saving 工业节水 的 lead unit": the Chinese words pick the row, the English ask for its lead', async () => {
    const a = (await engine()).ask('Hebi river chief plan 里 industrial water saving 工业节水 的 lead unit 是谁', { now: NOW });
    expect(a.answer.split('\n')[0]).toContain('市工业和信息化局');
  });
});
