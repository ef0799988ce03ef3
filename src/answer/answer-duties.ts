import { withoutTitles } from './answer-doc-facts.ts';
import { tokens } from '../kb/text-tokens.ts';
import type { Duty, Source, Task } from '../kb/records.ts';
import { cityOf } from '../kb/knowledge-base.ts';
import { decided, type Answer, type Ctx } from './answer-context.ts';
import { cutList, formatDate, refLabel, short } from './format.ts';

/**
 * What a department must do: its duty section where the plan has one (吐鲁番 四、责任分解), and the
 * tasks it leads or takes part in. "我们局" means the asker's own department (chat binding or the
 * command's --department).
 */

const DUTY_MAX = 420;
const TASKS_SHOWN = 8;
/** "单独负责的任务": only tasks the department holds alone. */
const SOLE = /单独|独立|一家|独家|单一|独自/;

export function askedDepartments(c: Ctx): string[] {
  if (c.q.departments.length) return c.q.departments;
  return c.q.ownDepartment && c.ownDepartment ? [c.ownDepartment] : [];
}

interface DeptWork {
  file: string;
  name: string;
  duties: Duty[];
  leads: Task[];
  joins: Task[];
}

/** The department's duties and tasks in each plan in scope that names it. */
export function departmentWork(c: Ctx, asked: string[], soleOnly = false): DeptWork[] {
  const out: DeptWork[] = [];
  for (const file of c.planFiles()) {
    const city = cityOf(c.kb, file);
    const reg = c.kb.departments;
    // "财政局和教育局各负责什么": each department asked, in the order asked.
    const entries = asked.map((n) => reg.resolve(n, file, city)).filter((e): e is NonNullable<typeof e> => !!e);
    for (const entry of entries.filter((e, i) => entries.findIndex((x) => x.key === e.key) === i)) {
      const isIt = (name: string) => reg.keyOf(name, city) === entry.key;
      const own = c.p.byFile.get(file);
      const duties = (own?.duties ?? []).filter((d) => d.departments.some(isIt));
      const tasks = (own?.tasks ?? []).filter((t) => t.origin !== 'duty');
      // Responsible: marked lead, or one of a plain list of responsible units (no lead, not a partner).
      const responsible = (t: Task) => t.lead.some(isIt) || (t.lead.length === 0 && t.units.some(isIt) && !t.partners.some(isIt));
      const leads = tasks.filter((t) => responsible(t) && (!soleOnly || t.units.length === 1));
      const joins = soleOnly ? [] : tasks.filter((t) => !responsible(t) && t.units.some(isIt));
      if (duties.length + leads.length + joins.length) out.push({ file, name: entry.name, duties, leads, joins });
    }
  }
  return out;
}

/** Words that only say "what must they do" — the rest of the question is its topic. */
const DUTY_WORDS = /牵头|配合|参与|具体|负责|落实|什么|哪些|哪项|哪一项|事项|这份|那份|通知|文件|任务|工作|职责|分工|分解|创建|要做|做啥|干啥|干什么|承担|方面|这块|要求|今年|主要|可以|能够|应当|需要|要|在|里|中|的/g;

/**
 * A department's task list answers "X负责什么"; a question with a topic of its own ("市质量强市办在考核
 * 指标上可以做什么调整") is answered only if the department's tasks and duties speak of that topic.
 */
function coversTopic(c: Ctx, w: DeptWork): boolean {
  // (A task speaks of its headings' topic too: "在司法保护方面" of a task under "(一)加强知识产权司法保护".)
  const task = (t: Task) => `${t.source.path.join(' ')} ${t.text}`;
  return speaksOfTopic(c, [...w.duties.map((d) => d.text), ...w.leads.map(task), ...w.joins.map(task)].join(' '));
}

/** Whether a text speaks of the question's own topic (always, when the question has none). */
export function speaksOfTopic(c: Ctx, text: string): boolean {
  // The plan's own name ("在2024年政府工作报告责任分解里") and words for its items are no topic.
  const named = withoutTitles(c.q.content, c.scopeTitles());
  const content = named.replace(/政府工作报告|责任分解|任务分解|任务清单|分解表|分工表|指标|事项|几项|哪些事|事/g, ' ');
  // Words of the plan's name said loosely ("2021年放管服重点任务分工里") are no topic either — when the
  // question does name the plan by its title's words (食品 of a 食品安全 plan's title can be the topic).
  const namesPlan = named !== c.q.content || withoutTitles(c.q.text, c.scopeTitles()) !== c.q.text;
  const titles = namesPlan ? c.scopeTitles().filter((t): t is string => !!t) : [];
  const topic = tokens(content.replace(DUTY_WORDS, ' ')).filter((t) => !titles.some((title) => title.includes(t)));
  // (Nor is a topic made only of the words the plan's opening names itself by: "在精细化管理迎检里";
  // "食品追溯" keeps 食品 of a 食品安全 plan, since 追溯 is its own.)
  const context = c.planContext();
  if (topic.every((t) => context.has(t))) return true;
  if (topic.length < 2) return true;
  const mine = new Set(tokens(text));
  return topic.filter((t) => mine.has(t)).length >= Math.ceil(topic.length * 0.6);
}

export function answerDuties(c: Ctx): Answer | null {
  const asked = askedDepartments(c);
  if (asked.length === 0 && c.q.ownDepartment) {
    return decided(c.answer('请先告诉我您是哪个部门: 在问题里写明部门名称(如“市质监局负责什么”), 或请协调员把本群绑定到部门。', [], false));
  }
  if (asked.length === 0) return null;
  const work = departmentWork(c, asked, SOLE.test(c.q.text)).filter((w) => coversTopic(c, w));
  if (work.length === 0) return null;
  if (!c.files && new Set(work.map((w) => w.file)).size > 2) {
    const list = work.map((w) => `${c.label(w.file)}(${w.leads.length + w.joins.length + w.duties.length}项)`).join('、');
    return c.answer(`${asked[0]}在${work.length}个方案中都有任务: ${list}。请指明城市, 例如“${c.label(work[0].file)}${asked[0]}负责什么”。`, []);
  }
  const parts = work.map((w) => describeWork(c, w));
  return c.answer(parts.map((p) => p.text).join('\n\n'), parts.flatMap((p) => p.sources));
}

function describeWork(c: Ctx, w: DeptWork): { text: string; sources: Source[] } {
  const lines: string[] = [];
  const sources: Source[] = [];
  for (const d of w.duties) {
    const text = d.text.length > DUTY_MAX ? `${d.text.slice(0, DUTY_MAX)}…` : d.text;
    lines.push(`${c.label(w.file)} ${d.heading}的职责${c.cite(d.source)}: ${text}`);
    sources.push(d.source);
  }
  // Few tasks are shown with more of their text: what the department must do is in it.
  const count = Math.min(w.leads.length || w.joins.length, TASKS_SHOWN);
  // (The reply may run to about 1,000 characters: each task shows as much of itself as that allows.)
  // (Only for a question about duties; a list answering another kind of question stays short.)
  const width = c.q.intent === 'duties' ? Math.max(34, Math.min(150, Math.floor(880 / Math.max(1, count)))) : count <= 2 ? 150 : count <= 4 ? 60 : 34;
  // Tasks that speak of the question's topic first ("在非洲猪瘟防控上要干啥").
  const byTopic = (ts: Task[]) => {
    const topic = new Set(tokens(withoutTitles(c.q.content, c.scopeTitles()).replace(DUTY_WORDS, ' ')));
    if (topic.size === 0) return ts;
    const score = (t: Task) => tokens(t.text).filter((x) => topic.has(x)).length;
    return [...ts].sort((a, b) => score(b) - score(a));
  };
  w = { ...w, leads: byTopic(w.leads), joins: byTopic(w.joins) };
  // The deadline as the plan writes it ("12月底前"), with the date it means when the words do not show it.
  const due = (t: Task) => {
    if (!t.deadline) return '';
    const date = formatDate(t.deadline);
    return t.deadlineText && !t.deadlineText.includes(date) ? `(${t.deadlineText}, 即${date})` : `(${date})`;
  };
  const taskLine = (t: Task) => `${refLabel(t.source, t.origin)} ${short(t.text, width)}${due(t)}`;
  if (w.leads.length) {
    const kind = SOLE.test(c.q.text) ? '单独负责' : '牵头/负责';
    lines.push(`${w.duties.length ? '另外' : `${c.label(w.file)} `}${w.name}${kind}的任务${w.leads.length}项:`);
    lines.push(...cutList(w.leads.map(taskLine), TASKS_SHOWN, ', 可问“<编号>谁牵头”查看详情'));
    sources.push(...w.leads.slice(0, TASKS_SHOWN).map((t) => t.source));
  }
  if (w.joins.length) {
    if (w.leads.length || w.duties.length) {
      // (A few are named by what they are too: "一(一)3 规范行政备案事项管理…".)
      const few = w.leads.length + w.duties.length + w.joins.length <= 6;
      const shown = w.joins.slice(0, 4).map((t) => (few ? `${refLabel(t.source, t.origin)} ${short(t.text, 30)}` : refLabel(t.source, t.origin))).join('、');
      lines.push(`参与(配合)的任务${w.joins.length}项: ${shown}${w.joins.length > 4 ? '等' : ''}`);
      if (few) sources.push(...w.joins.slice(0, 4).map((t) => t.source));
    } else {
      // Only partner tasks: what they are, not just their numbers.
      lines.push(`${c.label(w.file)} ${w.name}参与(配合)的任务${w.joins.length}项:`);
      lines.push(...cutList(w.joins.map(taskLine), TASKS_SHOWN, ', 可问“<编号>谁牵头”查看详情'));
      sources.push(...w.joins.slice(0, TASKS_SHOWN).map((t) => t.source));
    }
  }
  return { text: lines.join('\n'), sources };
}

/** "牵头单位负责什么" / "主要责任单位和协同配合单位各自要怎么做": roles every plan assigns, asked as themselves. */
const ROLE = /(?:主要|牵头|协同|配合)?(?:责任|牵头|配合|协同|协办|主办|成员)(?:配合)?(?:单位|部门)/g;
const ROLE_ASKED = /(?:负责|职责|要做|要干|干什么|做什么|承担|任务|怎么做|如何|什么要求|有何要求|要求)/;
/** What a role is given to do right after its name: "牵头单位负责…", "责任单位则立足…", "协同配合单位要服从…". */
const ROLE_ACTS = '(?:则|要|应|应当|须|必须|需)?(?:负责|要|应|承担|牵头|主动|积极|立足|按照|做好|服从|加强|切实|履行)';

/**
 * What a plan says a role does ("牵头单位负责全程协调、指导、督查", "责任单位则…分工负责、推进落实"): its
 * sentences that make the role their subject — the role word followed closely by what it does — for each
 * role the question names.
 */
export function answerRoleDuty(c: Ctx): Answer | null {
  // (Asked of the plans in scope: a role's duty over every loaded plan names no plan — and would read all
  // their sentences.)
  if (c.q.departments.length || (!c.files && c.kb.plans.length > 3)) return null;
  const text = c.q.text.replace(/[（(][^()（）]{1,12}[)）]/g, '');
  const roles = [...new Set(text.match(ROLE) ?? [])];
  if (roles.length === 0 || !ROLE_ASKED.test(text.slice(text.indexOf(roles.at(-1)!) + roles.at(-1)!.length))) return null;
  const found: Source[] = [];
  for (const role of roles.slice(0, 2)) {
    // (The role as asked first — "协同责任单位" —, then by its last words — "配合单位".)
    const stem = role.replace(/(单位|部门)$/, '').slice(-2);
    // (A role asked alone gets every sentence that gives it work, three at most; two roles one each.)
    const room = roles.length === 1 ? 3 : 1;
    for (const does of [new RegExp(`${role}${ROLE_ACTS}`), new RegExp(`${stem}(?:单位|部门)${ROLE_ACTS}`)]) {
      const ids = c.sentenceIds().filter((i) => does.test(c.p.sentences[i].text) && !found.some((f) => f.quote === c.p.sentences[i].text)).slice(0, room);
      if (ids.length === 0) continue;
      for (const id of ids) found.push({ ...c.kb.passages[c.p.sentences[id].passage], quote: c.p.sentences[id].text });
      break;
    }
  }
  if (found.length === 0) return null;
  return c.answer(found.map((f) => `${c.label(f.file)}: ${short(f.quote, 160)}${c.cite(f)}`).join('\n'), found);
}
