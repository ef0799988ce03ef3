import type { Source, Task } from '../kb/records.ts';
import { isResponsible } from '../kb/knowledge-base.ts';
import { tokens } from '../kb/text-tokens.ts';
import { decided, type Answer, type Ctx } from './answer-context.ts';
import { answerDuties } from './answer-duties.ts';
import { cutList, formatDate, names, refLabel, short, today } from './format.ts';

/**
 * Questions about a set rather than one fact: tasks due in a period, a plan's targets, a plan's own
 * data (文号, date, issuer), a department's tasks. Each returns null when the question is not of its kind.
 */

const DUE = /到期|截止|要完成|需完成|应完成|完成时限在|逾期|超期|过期/;
const SET = /任务|事项|哪些|有啥|有什么|什么要|清单|几项|多少项|列表/;

/** The period a question names, as [from, to] month or day strings (inclusive), or null. */
export function periodOf(c: Ctx): [string, string] | null {
  const t = today(c.now);
  const [y, m] = t.split('-').map(Number);
  const ym = (yy: number, mm: number) => `${yy + Math.floor((mm - 1) / 12)}-${String(((mm - 1) % 12) + 1).padStart(2, '0')}`;
  if (c.q.date) return c.q.date.length === 7 ? [c.q.date, c.q.date] : [c.q.date, c.q.date];
  const year = /(\d{4})年(?!\d{1,2}月)/.exec(c.q.text);
  if (year) return [`${year[1]}-01`, `${year[1]}-12`];
  if (/本月|这个月|当月/.test(c.q.text)) return [ym(y, m), ym(y, m)];
  if (/下个?月/.test(c.q.text)) return [ym(y, m + 1), ym(y, m + 1)];
  if (/今年|本年|年内/.test(c.q.text)) return [`${y}-01`, `${y}-12`];
  if (/明年/.test(c.q.text)) return [`${y + 1}-01`, `${y + 1}-12`];
  // "快到期了" / "最近有什么要到期的" / "即将到期": the next 30 days.
  const soon = /快到期|快要到期|即将到期|马上到期|最近|近期|临近/.test(c.q.text);
  const within = /(\d+)\s*天内|近\s*(\d+)\s*天|未来\s*(\d+)\s*天/.exec(c.q.text);
  const days = within ? Number(within[1] ?? within[2] ?? within[3]) : soon ? 30 : null;
  if (days) {
    const end = new Date(Date.parse(t) + days * 86_400_000).toISOString().slice(0, 10);
    return [t, end];
  }
  return null;
}

/** Does a deadline ("2013-12" or "2013-12-31") fall in [from, to]? Months compare by prefix. */
function inPeriod(deadline: string, [from, to]: [string, string]): boolean {
  const d = deadline.length === 7 ? deadline : deadline.slice(0, from.length === 7 ? 7 : 10);
  const f = from.slice(0, d.length);
  const e = to.slice(0, d.length);
  return d >= f && d <= e;
}

export function answerDueList(c: Ctx): Answer | null {
  if (!DUE.test(c.q.text) || !SET.test(c.q.text) || c.q.refs.length) return null;
  const overdue = /逾期|超期|过期/.test(c.q.text);
  const period = periodOf(c);
  if (!period && !overdue) return null;
  const t = today(c.now);
  const mine = ownTaskFilter(c);
  const due = c.kb.tasks.filter(
    (x) => x.deadline && (!c.files || c.files.has(x.file)) && mine(x) && (overdue ? x.deadline.slice(0, 7) < t.slice(0, 7) : inPeriod(x.deadline, period!)),
  );
  const what = overdue ? '已过完成时限的任务' : `完成时限在${formatDate(period![0])}${period![1] !== period![0] ? `至${formatDate(period![1])}` : ''}的任务`;
  if (due.length === 0) return decided(c.answer(`${c.scopeLabel()}中没有找到${what}。`, [], false));
  return listTasks(c, due, what);
}

/** "我们局…到期": only the asker's department's tasks, when the chat knows it. */
function ownTaskFilter(c: Ctx): (t: Task) => boolean {
  const dept = c.q.ownDepartment ? c.ownDepartment : c.q.departments[0];
  if (!dept) return () => true;
  return (t) => isResponsible(c.kb, t, dept);
}

function listTasks(c: Ctx, tasks: Task[], what: string): Answer {
  const files = [...new Set(tasks.map((t) => t.file))];
  const lines: string[] = [`${what}共${tasks.length}项${files.length > 1 ? `(${files.length}个方案)` : ''}:`];
  const sources: Source[] = [];
  for (const file of files.slice(0, 3)) {
    const mine = tasks.filter((t) => t.file === file);
    const line = (t: Task) => `${refLabel(t.source, t.origin)} ${short(t.text, 18)} ${names(t.lead.length ? t.lead : t.units, 2)} ${formatDate(t.deadline!)}`;
    lines.push(`【${c.label(file)}】`, ...cutList(mine.map(line), 6, ', 可加编号询问详情'));
    sources.push(...mine.slice(0, 6).map((t) => t.source));
  }
  if (files.length > 3) lines.push(`……另有${files.length - 3}个方案, 请指明城市。`);
  return c.answer(lines.join('\n'), sources);
}

const TARGET_SET = /目标有哪些|哪些目标|主要目标|有什么目标|目标是什么|指标有哪些|哪些指标|目标任务有哪些|量化目标|数字目标/;

/** "邢台的主要目标有哪些": the plan's targets, most stated first, cut to chat size. */
export function answerTargetList(c: Ctx): Answer | null {
  if (!TARGET_SET.test(c.q.text)) return null;
  const files = c.planFiles();
  if (files.length !== 1) return null;
  // ("这几个数字目标截止到什么时候" asks a time; "从哪几个方面落实…主要目标" asks the ways.)
  if (/什么时候|何时|哪年|哪一年|截止|截至|到期|方面/.test(c.q.text)) return null;
  // (Words of the plan's own name and 量化/各自 ask for no topic: "四平计量方案…2025年的量化目标有哪些".)
  const title = c.kb.plans.find((p) => p.file === files[0])?.title ?? '';
  const topic = tokens(c.q.content.replace(/质量(强|兴)市|主要|工作|方案|目标|指标|任务|量化|数字|具体|各自|分别|定了?|提了?|都/g, ' ')).filter((t) => !/^\d+$/.test(t) && !title.includes(t));
  if (topic.length > 1) return null;
  // (A year asked, "2025年的量化目标", is the targets of that year.)
  const year = c.q.targetYear;
  const all = c.kb.targets.filter((t) => t.file === files[0]);
  const targets = year && all.some((t) => t.year === year) ? all.filter((t) => t.year === year) : all;
  if (targets.length === 0) return decided(c.answer(`${c.scopeLabel()}中没有找到量化目标。`, [], false));
  const line = (t: (typeof targets)[number]) => `${t.metric}${t.comparator ?? ''}${t.valueText}${t.year ? `(${t.year}年)` : ''}`;
  const lines = cutList(targets.map(line), 8, ', 可问具体指标');
  return c.answer(`${c.label(files[0])}方案的量化目标${targets.length}项${c.cite(targets[0].source)}:\n${lines.join('\n')}`, targets.slice(0, 8).map((t) => t.source));
}

/** The plan's own data asked for — not "印发…的通知要求做什么", where 印发 only names the document. */
const META = /文号|发文(单位|机关|日期|时间)|(什么时候|何时|哪天|哪年|几号)(发布|出台|印发|发文)|(谁|哪个单位|哪个部门|哪家单位|什么单位|哪个机关|哪个机构|什么机构)[^,，。?？]{0,4}(发|印)|(印发|发布|发文)(的)?(单位|部门|机关|日期|时间)|成文|发布日期|发布时间|标题|全称|名称是/;

/** The plan's own data: title, 文号, issuer, date — or that the plan does not state it. */
export function answerPlanMeta(c: Ctx): Answer | null {
  // (Not "依据的是哪个文件": that is another document, the one the plan cites.)
  // ("太政办〔2022〕64号是啥", "…29号 讲的啥": a document's number and nothing else asked about is which
  // document it is.)
  const byNumberAlone = /〔\s*(?:19|20)\d{2}\s*〕|[\[(]\s*(?:19|20)\d{2}\s*[\])]\s*\d/.test(c.q.text) && c.q.files.length > 0 && tokens(c.q.content.replace(/讲|说|内容|文件|主要|写/g, ' ')).length === 0;
  const which = (WHICH_DOCUMENT.test(c.q.text) || byNumberAlone) && !/依据|根据|落实|贯彻|引用|转发|来源|出自|按照/.test(c.q.text);
  if (!META.test(c.q.text) && !which) return null;
  const files = c.planFiles();
  // ("鄂政发〔2018〕26号和鄂知发〔2025〕2号分别是什么文件": each document named, one line each.)
  if (files.length === 0 || files.length > (which ? 3 : 1)) return null;
  const plans = files.map((f) => c.kb.plans.find((x) => x.file === f)!);
  const lines = plans.map((p) => {
    const parts = [
      `标题: ${p.title ?? '未写明'}`,
      `文号: ${p.docNo ?? '未写明'}`,
      `发文单位: ${p.issuer ?? '未写明'}`,
      `日期: ${p.date ? formatDate(p.date) : '未写明'}`,
    ];
    return `${c.label(p.file)}方案 ${parts.join('; ')}〔${p.file}〕`;
  });
  return c.answer(lines.join('\n'), plans.map((p) => ({ file: p.file, ref: null, path: [], line: 1, quote: p.title ?? p.file })));
}

/** "X号是什么文件": which document a number or name stands for. */
const WHICH_DOCUMENT = /(?:是|叫)(?:什么|哪个|哪份|啥)(?:文件|文|方案)|什么文件/;

/** "厦门市质监局牵头的任务" / "质监局有哪些任务": a department with no other topic is a duties question. */
export function answerDepartmentFirst(c: Ctx): Answer | null {
  if (c.q.departments.length === 0 && !c.q.ownDepartment) return null;
  const topic = tokens(c.q.content.replace(/任务|工作|事项|哪些|有啥|什么|主要|今年|本年/g, ' '));
  if (topic.length > 1) return null;
  return answerDuties(c);
}

/** A question about a city whose plan is not loaded is told so, not answered from another city. */
export function answerUnknownPlace(c: Ctx): Answer | null {
  return c.q.unknownPlace ? notLoaded(c, c.q.unknownPlace) : null;
}

/** "还没有收录X的方案", with the plans that are loaded. */
export function notLoaded(c: Ctx, place: string): Answer {
  const names = [...new Set(c.kb.plans.map((p) => p.city ?? p.title ?? p.file))];
  const loaded = names.length > 8 ? `${names.slice(0, 8).join('、')}等${names.length}个` : names.join('、');
  return { ...c.answer(`还没有收录${place}的方案, 没有找到相关内容, 无法回答。已收录的方案: ${loaded}。`, [], false), decided: true };
}

