import { describe, expect, it } from 'vitest';
import { extractOwners, findAddressedOwners } from '../../src/ingest/extract-owners.ts';
import { extractPlanMeta } from '../../src/ingest/extract-plan-meta.ts';
import { parseTaskTable } from '../../src/ingest/parse-task-table.ts';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Activity plans as other places publish them (fixtures written for these tests): a 世界标准日 table whose
 * rows the page broke across lines, a 负责单位 that is a 协会, owners written with what they do after
 * 负责, and activities that open with their day.
 */

describe('activity tables and lists', () => {
  it('a row broken across lines by the page, and a bare "|" line between rows, stay in the table', async () => {
    const { kb } = await ingestTexts({
      'a.txt': [
        '东州市质量技术监督局关于开展2014年世界标准日宣传活动的通知',
        '序号 | 项目名称 | 负责单位 | 参与单位 | 时间 | 地点 |',
        '1 | 服务标准化经验座谈会 | 东州市质量技术监督局 | 有关区县质监局 | 10月17日 | 市质监局 |',
        '2 | 优秀论文交流会 | 东州标准化协会 | 各有关部门、企业 | 10月14日',
        '| 东州大酒店',
        '|',
        '3 | 国际标准化知识培训会 | 东州标准化研究院 | 试点企业 | 10月中旬 |',
      ].join('\n'),
    });
    const rows = kb.tasks.map((t) => [t.ref, t.lead, t.deadlineText, t.deadline]);
    expect(rows).toEqual([
      ['1', ['东州市质量技术监督局'], '10月17日', '2014-10-17'],
      ['2', ['东州标准化协会'], '10月14日', '2014-10-14'],
      ['3', ['东州标准化研究院'], '10月中旬', '2014-10'],
    ]);
  });

  it('a 协会 in the 负责单位 column leads: 协 alone is no role word', () => {
    const table = parseTaskTable([
      ['序号', '项目名称', '负责单位', '参与单位'],
      ['1', '交流会', '东州消费者协会', '各有关部门'],
    ]);
    expect(table?.rows[0].owners).toMatchObject({ lead: ['东州消费者协会'], partners: ['各有关部门'] });
  });

  it('what a unit does after 负责 is no part of its name', () => {
    expect(extractOwners('3月14日,开展知识竞赛(由市场监管局负责组织实施)。')?.units).toEqual(['市场监管局']);
  });

  it('an activity that opens with its day is due that day', async () => {
    const { kb } = await ingestTexts({ 'b.txt': '东州市2015年消费者权益日活动方案\n三、活动安排\n1、3月14日,开展知识竞赛(由市场监管局负责组织实施)。\n' });
    expect(kb.tasks[0]).toMatchObject({ deadlineText: '3月14日', deadline: '2015-03-14', units: ['市场监管局'] });
  });

  it('"由X承办,Y配合": X leads, Y takes part; an item addressed to 各分局 is theirs', () => {
    expect(extractOwners('由乡三农服务中心承办,乡畜牧站、卫生院配合。')).toMatchObject({ lead: ['乡三农服务中心'], partners: ['乡畜牧站', '卫生院'] });
    expect(findAddressedOwners('各分局对照方案,开展全面排查,建立问题清单。')?.units).toEqual(['各分局']);
  });
});

describe('pages that explain a plan or list its facts in a grid', () => {
  const meta = (text: string) => extractPlanMeta(text.split('\n'));

  it('"【文字解读】X计划解读" is headed by the plan; a 街道 that opens it is its place; 解读人 is its contact', () => {
    const m = meta('【文字解读】东园街道2024年度国民经济和社会发展计划解读\n一、制定背景\n……\n七、解读机关、解读人及联系方式\n解 读 人:刘某某\n联系电话:0554-5310000\n');
    expect(m).toMatchObject({ title: '东园街道2024年度国民经济和社会发展计划', city: '东园街道' });
    expect(m.facts.find((f) => f.kind === 'contact')?.value).toBe('刘某某');
  });

  it('"有效性状态 现行有效 废止日期 暂无": the status is the first word', () => {
    expect(meta('某某省地理标志运用促进工程实施方案\n有效性状态 现行有效 废止日期 暂无\n').facts.find((f) => f.kind === 'validity')?.value).toBe('现行有效');
  });
});

describe('leaders beside units, and phases without a year', () => {
  it('a 责任领导 column names people: kept beside the row’s units under its label, never one of them', async () => {
    const { kb } = await ingestTexts({
      'c.txt': '东山镇2024年度重点工作计划\n序号 | 重点工作 | 责任领导 | 责任科室 | 攻坚目标 |\n1 | 白仙山水库工程政策处理 | 欧某某 | 水库办 | 完成政策处理 |\n',
    });
    expect(kb.tasks[0]).toMatchObject({ units: ['水库办'], leaders: { label: '责任领导', names: ['欧某某'] } });
    const { AnswerEngine } = await import('../../src/answer/answer-engine.ts');
    expect(new AnswerEngine(kb).ask('东山镇白仙山水库工程政策处理的责任领导是谁？').answer).toContain('责任领导: 欧某某; 负责单位: 水库办');
  });

  it('"宣传发动阶段(1月—2月)" in a plan of a known year is a phase of that year; a phase it lacks is said so', async () => {
    const { kb } = await ingestTexts({ 'd.txt': '西河镇2023年度创建文明城市工作实施方案\n三、工作步骤\n(一)宣传发动阶段(1月—2月)\n制定实施方案,分解责任指标。\n' });
    expect(kb.phases.map((p) => [p.name, p.start, p.end])).toEqual([['宣传发动阶段', '2023-01', '2023-02']]);
    const { AnswerEngine } = await import('../../src/answer/answer-engine.ts');
    const a = new AnswerEngine(kb).ask('西河镇创文的总结验收阶段安排在几月？');
    expect(a.found).toBe(false);
    expect(a.answer).toContain('没有找到“总结验收阶段”; 方案写明的阶段: 宣传发动阶段(1月—2月)');
  });
});
