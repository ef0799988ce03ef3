import type { Task } from '../kb/records.ts';
import type { Hit } from '../kb/search-index.ts';
import { tokens } from '../kb/text-tokens.ts';
import { bestPerPlan, decided, MATCH, type Answer, type Ctx } from './answer-context.ts';
import { dueStatus, focus, formatDate, names, ownersPhrase, short } from './format.ts';
import { askedAttribute, statesAttribute } from './answerability.ts';

/**
 * Who owns a task (牵头 vs 参加/配合 kept apart), and when it is due: a task named by its item number
 * or found by its content, per plan when the question names none.
 */

/** Tasks named by item number ("1.4.3", "第15条"), within the plans in scope. */
export function tasksByRef(c: Ctx): Task[] {
  if (c.q.refs.length === 0) return [];
  const found = c.kb.tasks.filter((t) => {
    if (!t.ref || (c.files && !c.files.has(t.file))) return false;
    return c.q.refs.some((r) => (r.includes('.') ? t.origin === 'table' : t.origin !== 'table') && t.ref === r);
  });
  if (found.length <= 1 || !c.q.content) return found;
  // "(二)强化组织保障": several sections have a (二); the words say which.
  const words = new Set(tokens(c.q.content));
  const score = (t: Task) => tokens(t.text).filter((w) => words.has(w)).length;
  const best = Math.max(...found.map(score));
  return best > 0 ? found.filter((t) => score(t) === best) : found;
}

/** A table item number the plans in scope do not have ("10.1.1"): say so rather than guess. */
function missingRef(c: Ctx): Answer | null {
  const dotted = c.q.refs.filter((r) => r.includes('.'));
  if (dotted.length === 0) return missingItem(c);
  const rows = c.kb.tasks.filter((t) => t.origin === 'table' && (!c.files || c.files.has(t.file)));
  if (rows.length === 0) return decided(c.answer(`${c.scopeLabel()}中没有任务分解表, 没有找到${dotted.join('、')}。`, [], false));
  const last = rows.at(-1)!;
  return decided(c.answer(`${c.scopeLabel()}的任务分解表中没有找到${dotted.join('、')}这一项(${c.label(last.file)}分解表编号到${last.ref}为止)。`, [], false));
}

/** "第45条" where the plan's numbered items stop at 44: say so. */
function missingItem(c: Ctx): Answer | null {
  const asked = c.q.refs.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  if (asked.length === 0 || !c.files) return null;
  const numbered = c.kb.tasks.filter((t) => c.files!.has(t.file) && t.origin === 'body' && /^\d+$/.test(t.ref ?? '')).map((t) => Number(t.ref));
  const max = Math.max(0, ...numbered);
  if (max < 10 || asked.every((n) => n <= max)) return null;
  return decided(c.answer(`${c.scopeLabel()}正文的编号条目到第${max}条为止, 没有找到第${asked.find((n) => n > max)}条。`, [], false));
}

/** A question for a thing, a way or a consequence ("要培育什么", "会怎样", "怎么报"), not for a body. */
const ASKS_THING = /(什么|啥|哪些|哪个|哪一?项|哪[几两二三四五六七八九十\d]|怎样|怎么|如何)(?!部门|单位|局|机构|机关|科室|处室)/;
/** The question asks what the task says, not only who owns it. */
const ASKS_CONTENT = /做什么|干什么|干啥|内容|具体|要求|是什么|哪些(?!部门|单位|局|机构|领导|地方|城市)/;

/** Tasks matching the question's content: duty sections and tasks that have owners. */
export function matchingTasks(c: Ctx, withDeadline = false): Array<{ task: Task; hit: Hit }> {
  const hits = c.searchBeyondContext(['task', 'duty']);
  const out: Array<{ task: Task; hit: Hit }> = [];
  for (const hit of hits) {
    const task = hit.doc.kind === 'task' ? c.kb.tasks[hit.doc.index] : dutyTask(c, hit.doc.index);
    // (A task with no owning body written still answers who leads it when its leader is named.)
    if (!task || (task.units.length === 0 && !task.leaders)) continue;
    if (withDeadline && !task.deadline && !task.deadlineText) continue;
    out.push({ task, hit: preferTable(c, task, hit) });
  }
  return out.sort((a, b) => b.hit.score - a.hit.score);
}

/** A question about the 分解表 prefers its rows; otherwise table rows and body items compete on score. */
function preferTable(c: Ctx, task: Task, hit: Hit): Hit {
  const bonus = c.q.wantsTable && task.origin === 'table' ? 0.05 : 0;
  return bonus ? { ...hit, score: hit.score + bonus } : hit;
}

function dutyTask(c: Ctx, dutyIndex: number): Task | undefined {
  const d = c.kb.duties[dutyIndex];
  return c.kb.tasks.find((t) => t.origin === 'duty' && t.file === d.file && t.source.line === d.source.line && t.source.ref === d.source.ref);
}

/** "谁牵头" / "牵头单位是" asks for the lead only; "哪些单位负责/配合" for all of them. */
const ASKS_LEAD = /牵头/;
const ASKS_ALL = /配合|参加|参与|协办|协同|协助|哪些单位|哪些部门|哪几个|都有|全部|分别|还有|(?<!牵头)责任单位|负责单位|谁负责|谁是负责/;

/** "一、王丹县长牵头重点工作": the leader a section heading hands its items to. */
const LEADER_HEADING = /([\u4e00-\u9fff]{2,3}(?:常务副|副)?(?:县长|市长|区长|旗长|州长|镇长|乡长|书记|主任))(?:同志)?(?:牵头|负责|分管|主抓)/;

/** The leader a task's section names, asked for by a question for a person ("哪位县长牵头"). */
function sectionLeader(c: Ctx, t: Task): string | null {
  if (askedAttribute(c.q.text) !== 'person' && !/哪位|哪个领导|什么领导|领导是谁/.test(c.q.text)) return null;
  for (const heading of [...t.source.path].reverse()) {
    const m = LEADER_HEADING.exec(heading);
    if (m) return `牵头领导: ${m[1]}(“${short(heading, 30)}”)`;
  }
  return null;
}

function ownerLine(c: Ctx, t: Task): string {
  // (The row's own 牵头领导/责任领导 — people — before the section's leader and the units.)
  const leader = t.leaders ? `${t.leaders.label}: ${t.leaders.names.join('、')}` : sectionLeader(c, t);
  const units = t.origin === 'duty' ? `由${names(t.units)}负责` : ownersPhrase(t, ASKS_LEAD.test(c.q.text) && !ASKS_ALL.test(c.q.text));
  const what = leader && units ? `${leader}; ${units}` : (leader ?? units);
  // ("下一步要培育什么", "不按时报送会怎样": a thing or a consequence is asked — the task's words say it.)
  const content = ASKS_CONTENT.test(c.q.text) || (askedAttribute(c.q.text) === 'text' && ASKS_THING.test(c.q.text));
  // (Of a long item, the part that holds the question's words.)
  const text = content ? (t.text.length > 220 ? focus(t.text, tokens(c.q.content), 200) : t.text) : short(t.text);
  return `${c.label(t.file)}「${text}」${what}${c.cite(t.source, t.origin)}`;
}

function deadlineLine(c: Ctx, t: Task): string {
  // The plan's own wording ("2020年底前", "6月底前完成") beside the date it means.
  const written = t.deadlineText && !t.deadlineText.includes(formatDate(t.deadline ?? '')) ? `, 原文“${t.deadlineText}”` : '';
  // A deadline without a year the plan gives ("3月底前" in an undated page) is said as written.
  // (A deadline whose words hold the date — "2011年12月30日前" — is said in those words.)
  const asWritten = t.deadlineText && t.deadline && t.deadlineText.includes(formatDate(t.deadline)) ? t.deadlineText : null;
  const when = t.deadline
    ? `完成时限${asWritten ?? formatDate(t.deadline)}(${dueStatus(t.deadline, c.now)}${written})`
    : t.deadlineText
      ? `完成时限: ${t.deadlineText}${/\d{1,2}\s*月/.test(t.deadlineText) ? '(原文未写年份)' : ''}`
      : '未写明完成时限';
  return `${c.label(t.file)}「${short(t.text)}」${when}; ${ownersPhrase(t)}${c.cite(t.source, t.origin)}`;
}

export function answerOwner(c: Ctx): Answer | null {
  return answerTasks(c, ownerLine, false);
}

export function answerDeadline(c: Ctx): Answer | null {
  return answerTasks(c, deadlineLine, true);
}

function answerTasks(c: Ctx, line: (c: Ctx, t: Task) => string, needDeadline: boolean): Answer | null {
  const byRef = tasksByRef(c);
  if (byRef.length) {
    const shown = byRef.slice(0, 3);
    const more = byRef.length > 3 ? `\n另有${byRef.length - 3}个方案有同编号条目, 请指明城市。` : '';
    return c.answer(shown.map((t) => line(c, t)).join('\n') + more, shown.map((t) => t.source));
  }
  const missing = missingRef(c);
  if (missing) return missing;
  let matches = matchingTasks(c, needDeadline);
  // "“大力实施标准化战略”是哪个单位牵头": a quoted phrase names the item — a task that does not hold it is
  // another item, however many other words it shares.
  const quoted = c.q.quoted?.replace(/\s+/g, '');
  if (quoted && quoted.length >= 4) matches = matches.filter((m) => `${m.task.text}${m.task.source.path.join('')}`.replace(/\s+/g, '').includes(quoted));
  const hits = bestPerPlan(matches.map((m) => m.hit), MATCH);
  if (hits.length === 0) return needDeadline ? noDeadlineWritten(c) : null;
  let chosen = hits.slice(0, 3).map((h) => matches.find((m) => m.hit.doc === h.doc)!);
  if (/牵头/.test(c.q.text)) chosen = chosen.map((m) => withExplicitLead(m, matches));
  if (chosen.length === 1) chosen = [...chosen, ...equallyGood(chosen[0], matches)];
  const tasks = chosen.map((m) => m.task);
  return c.answer(tasks.map((t) => line(c, t)).join('\n'), tasks.map((t) => t.source));
}

type Match = { task: Task; hit: Hit };

/** The task asked about is there, clearly, but sets no deadline: say so (the plan's other years are no answer). */
function noDeadlineWritten(c: Ctx): Answer | null {
  const all = matchingTasks(c, false);
  const best = bestPerPlan(all.map((m) => m.hit), 0.8)[0];
  if (!best) return null;
  const t = all.find((m) => m.hit.doc === best.doc)!.task;
  // ("…验收时间是2018年10月底…": a task whose text states a date does write one; its sentence answers.)
  if (statesAttribute('date', t.text, true)) return null;
  // (…nor does a table row whose other cells date its steps: "工作举措及实施计划: 3月底前…;9月底前完成7家".)
  const head = t.text.slice(0, 16);
  const row = c.p.byFile.get(t.file)?.passages.filter((p) => p.line === t.source.line || (head.length >= 8 && p.text.includes(head))) ?? [];
  if (row.some((p) => statesAttribute('date', p.text, true))) return null;
  return decided(c.answer(`${c.label(t.file)}「${short(t.text)}」方案没有写明完成时限(没有找到); ${ownersPhrase(t)}${c.cite(t.source, t.origin)}`, [t.source], false));
}

/**
 * Other tasks of the same plan that match just as well but name other owners (two duty sections that
 * both "组织申报国优、省优工程"): all of them are the answer, not the first found.
 */
function equallyGood(best: Match, all: Match[]): Match[] {
  const owners = (m: Match) => m.task.units.join('、');
  return all
    .filter((m) => m !== best && m.task.file === best.task.file && m.task.origin === best.task.origin && Math.abs(m.hit.coverage - best.hit.coverage) < 0.005 && owners(m) !== owners(best))
    .filter((m, i, arr) => arr.findIndex((x) => owners(x) === owners(m)) === i)
    .slice(0, 2);
}

const hasExplicitLead = (t: Task) => t.partners.length > 0 || (t.lead.length > 0 && t.lead.length < t.units.length);

/**
 * Asked who leads, a table row that only lists units is less exact than the body item it decomposes,
 * which says 牵头: prefer that item when it matches almost as well and names the same departments.
 */
function withExplicitLead(m: Match, all: Match[]): Match {
  if (hasExplicitLead(m.task)) return m;
  const alt = all.find(
    (x) =>
      x.task.file === m.task.file &&
      hasExplicitLead(x.task) &&
      x.hit.coverage >= m.hit.coverage - 0.15 &&
      x.task.lead.some((l) => m.task.units.some((u) => u.includes(l) || l.includes(u))),
  );
  return alt ?? m;
}
