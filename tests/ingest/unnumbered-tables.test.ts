import { describe, expect, it } from 'vitest';
import { ingestTexts } from '../helpers/ingest-texts.ts';

/**
 * Tables pasted one cell per line without a 序号 column (fixtures written for these tests): a score grid
 * whose only owner column is who scores it, and a task list whose rows end at their owner and deadline
 * cells. With no numbers to open rows, a row ends where its owner and deadline cells end.
 */

const tasksOf = async (text: string) => (await ingestTexts({ 'p.txt': text })).kb.tasks;

describe('a table without 序号, one cell per line', () => {
  it('a score grid: 考核项目 / 分值 / 目标任务 / 监考单位, merged category cells and units a line each', async () => {
    const tasks = await tasksOf(`青川县2025年质量强县工作目标考核评分表
考核项目
分值
目标任务
监考单位
组织领导
10
成立质量强县工作领导小组,全年召开专题会议不少于2次。
县市场监管局
质量基础
15
新建县级检验检测公共服务平台1个。
县市场监管局
县科技局
品牌建设
20
新增省级知名品牌3个以上。
县经信局
培育区域公用品牌1个。
县农业农村局
说明:各单位于每季度末报送工作进展。`);
    expect(tasks.map((t) => [t.text, t.units])).toEqual([
      ['成立质量强县工作领导小组,全年召开专题会议不少于2次。', ['县市场监管局']],
      ['新建县级检验检测公共服务平台1个。', ['县市场监管局', '县科技局']],
      ['新增省级知名品牌3个以上。', ['县经信局']],
      ['培育区域公用品牌1个。', ['县农业农村局']],
    ]);
  });

  it('a task list: 重点任务 / 牵头单位 / 配合单位 / 完成时限, a row without partners, text after the table', async () => {
    const tasks = await tasksOf(`青川县优化营商环境重点任务分工
重点任务
牵头单位
配合单位
完成时限
推行企业开办全程网办,开办时间压缩至1个工作日以内
县市场监管局
县税务局、县公安局
2025年6月底前
实现工程建设项目审批全流程在线办理
县住建局
县自然资源局
2025年9月底前
建立涉企收费目录清单制度
县发改局
长期坚持
以上任务请各单位按时完成,完成情况于每月25日前报县营商办。`);
    expect(tasks.map((t) => [t.text.slice(0, 10), t.lead, t.units, t.deadlineText])).toEqual([
      ['推行企业开办全程网办', ['县市场监管局'], ['县市场监管局', '县税务局', '县公安局'], '2025年6月底前'],
      ['实现工程建设项目审批', ['县住建局'], ['县住建局', '县自然资源局'], '2025年9月底前'],
      ['建立涉企收费目录清单', ['县发改局'], ['县发改局'], '长期坚持'],
    ]);
  });

  it('a header on one line, rows one cell per line', async () => {
    const tasks = await tasksOf(`青川县食品安全重点工作安排
工作任务 责任单位 完成时间
开展校园食品安全专项检查
县教育局、县市场监管局
2025年9月
完成农贸市场快检室建设2个
县市场监管局
2025年10月底前`);
    expect(tasks.map((t) => [t.units, t.deadlineText])).toEqual([
      [['县教育局', '县市场监管局'], '2025年9月'],
      [['县市场监管局'], '2025年10月底前'],
    ]);
  });

  it('three short lines in prose are no header', async () => {
    const tasks = await tasksOf(`青川县质量工作要点
一、工作目标
全年新增省级知名品牌3个。
二、工作任务
(一)开展质量提升行动。(县市场监管局负责)`);
    expect(tasks.map((t) => t.units)).toEqual([['县市场监管局']]);
  });
});
