import type { KnowledgeBase } from './knowledge-base.ts';

/**
 * What duban could not understand in each plan, so an office sees the gaps before relying on the bot:
 * no place or title, tasks without owners or deadlines, targets without a year or unit, tables that
 * were seen but not read, and files that could not be loaded at all.
 */

export interface PlanGap {
  code: 'no-place' | 'no-title' | 'no-tasks' | 'tasks-without-owner' | 'tasks-without-deadline' | 'targets-without-year' | 'targets-without-unit' | 'table-not-read';
  message: string;
  /** Item numbers (or the first words of the text) of the records concerned, a few. */
  examples: string[];
}

export interface PlanCheck {
  file: string;
  title: string | null;
  city: string | null;
  gaps: PlanGap[];
}

const EXAMPLES = 5;

export function checkPlans(kb: KnowledgeBase): { plans: PlanCheck[]; unreadable: Array<{ file: string; message: string }> } {
  const plans = kb.plans.map((p) => {
    const tasks = kb.tasks.filter((t) => t.file === p.file && t.origin !== 'duty');
    const targets = kb.targets.filter((t) => t.file === p.file);
    const gaps: PlanGap[] = [];
    const add = (code: PlanGap['code'], message: string, examples: string[] = []) => gaps.push({ code, message, examples: examples.slice(0, EXAMPLES) });
    const refs = (xs: Array<{ ref: string | null; text: string }>) => xs.map((t) => t.ref ?? t.text.slice(0, 12));
    if (!p.city) add('no-place', '没有读出方案所属地区(标题、发文单位、落款都没有写明): 问题里写地名时找不到这份方案');
    if (!p.title) add('no-title', '没有读出方案标题');
    if (tasks.length === 0) add('no-tasks', '没有读出任何任务(没有编号条目或任务分解表)');
    const ownerless = tasks.filter((t) => t.units.length === 0);
    if (ownerless.length) add('tasks-without-owner', `${ownerless.length}/${tasks.length}项任务没有读出责任单位`, refs(ownerless));
    const undated = tasks.filter((t) => t.origin === 'table' && !t.deadline);
    if (undated.length) add('tasks-without-deadline', `分解表中${undated.length}项任务没有读出完成时限(不会提醒)`, refs(undated));
    const yearless = targets.filter((t) => t.year === null);
    if (yearless.length) add('targets-without-year', `${yearless.length}/${targets.length}个目标没有读出目标年份`, yearless.map((t) => t.metric));
    const unitless = targets.filter((t) => t.unit === null);
    if (unitless.length) add('targets-without-unit', `${unitless.length}/${targets.length}个目标没有读出单位`, unitless.map((t) => t.metric));
    for (const w of p.warnings.filter((x) => /表/.test(x))) add('table-not-read', w);
    return { file: p.file, title: p.title, city: p.city, gaps };
  });
  return { plans, unreadable: kb.warnings.map((w) => ({ file: w.file, message: w.message })) };
}

/** The check as text: one block per plan, gaps first, then files not loaded. */
export function formatCheck(report: ReturnType<typeof checkPlans>): string {
  const lines: string[] = [];
  for (const p of report.plans) {
    lines.push(`${p.gaps.length ? '△' : '✓'} ${p.file} · ${p.city ?? '地区?'} · ${p.title ?? '标题?'}`);
    for (const g of p.gaps) lines.push(`    - ${g.message}${g.examples.length ? ` (如 ${g.examples.join('、')})` : ''}`);
  }
  for (const u of report.unreadable) lines.push(`✗ ${u.message}`);
  const open = report.plans.filter((p) => p.gaps.length).length;
  lines.push('', `共 ${report.plans.length} 个方案, ${open} 个有需要核对的地方, ${report.unreadable.length} 个文件未加载。`);
  return lines.join('\n');
}
