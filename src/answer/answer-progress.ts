import type { Task } from '../kb/records.ts';
import { tasksByRef } from './answer-owner.ts';
import { MATCH, type Answer, type Ctx } from './answer-context.ts';
import { short, type Citation } from './format.ts';

/**
 * How far a task has got, as a plan's own progress table records it ("2022年民生实事项目进展情况表" with a
 * 进展情况 column; "1-10月推进情况 / 1-11月推进情况"). These are the document's words as of its date — not
 * the progress reports staff send in chat, which the progress store answers.
 */

/** A question asking how far something has got (not the plan's 进度安排, which is its schedule). */
export const ASKS_PROGRESS =
  /进度(?!安排|计划)|进展(?!情况表)|推进情况|完成情况|(完成|做到|建|建成|到|修|改造|达到)了?多少|现在.{0,8}(多少|怎么样|如何|咋样|到哪)|截[至止].{0,10}(完成|多少|情况|了)|完成了[吗没]|完成没|达到了吗|是否达[序标]|到哪一步|到什么程度/;

/**
 * Tasks with recorded progress that the question names: the task an answer to it (or to the part before)
 * cites, else by item number or by its words.
 */
function progressTasks(c: Ctx, cited: Citation[]): Task[] {
  const citedTasks = cited.flatMap((x) => (c.p.byFile.get(x.file)?.tasks ?? []).filter((t) => t.progress?.length && t.source.ref === x.ref && t.source.quote === x.quote));
  if (citedTasks.length) return [...new Set(citedTasks)].slice(0, 3);
  const byRef = tasksByRef(c).filter((t) => t.progress?.length);
  if (byRef.length) return byRef.slice(0, 3);
  const files = c.planFiles().filter((f) => c.p.byFile.get(f)?.tasks.some((t) => t.progress?.length));
  if (files.length === 0) return [];
  const hits = c.search(['task']).filter((h) => h.coverage >= MATCH && c.kb.tasks[h.doc.index]?.progress?.length);
  const top = hits[0]?.coverage ?? 0;
  // The best row, and rows as good (one per plan when several plans are in scope).
  const seen = new Set<string>();
  const out: Task[] = [];
  for (const h of hits) {
    const t = c.kb.tasks[h.doc.index];
    if (h.coverage < top - 0.05 || seen.has(t.file)) continue;
    seen.add(t.file);
    out.push(t);
  }
  return out.slice(0, 3);
}

/** The progress a plan records for the task the question names, or null. */
export function answerPlanProgress(c: Ctx, cited: Citation[] = []): Answer | null {
  const tasks = progressTasks(c, cited);
  if (tasks.length === 0) return null;
  const lines = tasks.map((t) => {
    const cells = t.progress!.map((p) => `${p.label}: ${p.text}`).join('; ');
    return `${c.label(t.file)}「${short(t.text, 36)}」${cells}${c.cite(t.source, t.origin)}`;
  });
  return c.answer(lines.join('\n'), tasks.map((t) => ({ ...t.source, quote: t.progress!.map((p) => p.text).join(' ') })));
}
