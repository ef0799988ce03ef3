import type { Answer, Ctx } from './answer-context.ts';

/** What the bot can be asked, with examples from the plans actually loaded. */
export function answerHelp(c: Ctx): Answer {
  const table = c.kb.tasks.find((t) => t.origin === 'table' && t.lead.length > 0);
  const city = c.kb.plans.find((p) => p.city)?.city ?? '本市';
  const dept = c.kb.departments.entries().find((e) => e.asWritten.some((n) => n.endsWith('局')))?.name ?? '市场监管局';
  const examples = [
    `${table?.ref ?? '1.2.1'}谁牵头?  —— 任务的牵头和参加单位`,
    `${city}食品抽检合格率目标是多少?  —— 目标数值和年份`,
    `${table?.ref ?? '1.2.1'}什么时候完成?  —— 完成时限(是否已到期)`,
    `${city}${dept}负责什么?  —— 部门职责和任务`,
    `${city}分几个阶段?  —— 阶段安排`,
    `半年总结交给谁?  —— 报告要求`,
    `哪些城市提出推行首席质量官制度?  —— 跨方案比较`,
  ];
  const text = [
    `我是督办助手, 回答已收录的${c.kb.plans.length}个方案中的问题, 每条回答都注明出处; 方案里没有的内容会直说。可以这样问:`,
    ...examples.map((e) => `· ${e}`),
  ].join('\n');
  return c.answer(text, []);
}
