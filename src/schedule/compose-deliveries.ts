import type { Binding } from '../chat/bindings.ts';
import type { DepartmentRegistry } from '../kb/departments.ts';
import type { Delivery, Obligation, Reminder } from './types.ts';
import { addDays } from './workday-calendar.ts';

/**
 * A day's reminders → messages: a department's reminders go to the groups bound to it, batched (one
 * message per group per run, listing its items with item numbers and dates); a department without a
 * bound group is reminded through the coordinators (one delivery per department, sent together).
 */

export interface ComposeContext {
  bindings: Binding[];
  registry: DepartmentRegistry;
  /** City of each plan file, for alias-aware department matching. */
  cityOf: (file: string) => string | null;
  /** Liaison per department name (optional), named in the group's message. */
  liaisons?: Record<string, string>;
  today: string;
}

const fmt = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const KIND: Record<Obligation['kind'], string> = { task: '任务', phase: '阶段', report: '报送', campaign: '活动' };

function itemLine(r: Reminder, today: string): string {
  const o = r.obligation;
  const ref = o.ref ? (/^\d+(\.\d+)+$/.test(o.ref) ? `分解表${o.ref} ` : `${o.ref} `) : '';
  const days = Math.round((Date.parse(o.due) - Date.parse(today)) / 86_400_000);
  const when = days < 0 ? `已逾期${-days}天(${o.due.slice(0, 4)}年${fmt(o.due)}到期)` : days === 0 ? '今天到期' : `${o.due.slice(0, 4)}年${fmt(o.due)}到期, 还有${days}天`;
  return `· [${KIND[o.kind]}] ${ref}${o.title} —— ${when}`;
}

/** The bound groups of a department (same plan, same body by the registry). */
function roomsOf(department: string, file: string, ctx: ComposeContext): Binding[] {
  const city = ctx.cityOf(file);
  const key = ctx.registry.keyOf(department, city);
  return ctx.bindings.filter((b) => b.file === file && b.departmentKey === key);
}

export function composeReminders(reminders: Reminder[], ctx: ComposeContext): Delivery[] {
  const byTarget = new Map<string, { to: Delivery['to']; items: Reminder[]; keys: string[]; liaison?: string }>();
  const add = (id: string, to: Delivery['to'], r: Reminder, recipient: string, liaison?: string) => {
    const entry = byTarget.get(id) ?? { to, items: [], keys: [], liaison };
    // Two stages of one obligation on the same day (holiday shifts) make one line, both logged.
    if (!entry.items.some((x) => x.obligation.id === r.obligation.id)) entry.items.push(r);
    const key = `${r.obligation.id}|${r.stage}|${recipient}`;
    if (!entry.keys.includes(key)) entry.keys.push(key);
    byTarget.set(id, entry);
  };
  for (const r of reminders) {
    const dept = r.department;
    const rooms = dept ? roomsOf(dept, r.obligation.file, ctx) : [];
    if (rooms.length) {
      for (const b of rooms) add(`room:${b.roomId}`, { room: b.roomTopic }, r, `room:${b.roomId}`, ctx.liaisons?.[b.department]);
      continue;
    }
    // One delivery per body (质监局 = 市质监局) and plan, through the coordinators.
    const file = r.obligation.file;
    const city = ctx.cityOf(file);
    const name = dept ? (ctx.registry.resolve(dept, file, city)?.name ?? dept) : '协调员';
    const id = `dept:${file}:${dept ? ctx.registry.keyOf(dept, city) : '协调员'}`;
    add(id, { department: name }, r, id);
  }
  return [...byTarget.values()].map(({ to, items, keys, liaison }) => {
    items.sort((a, b) => a.obligation.due.localeCompare(b.obligation.due));
    const who = 'room' in to ? (liaison ? `@${liaison} ` : '') : `${to.department}: `;
    const head = `【督办提醒】${who}以下${items.length}项事项请关注:`;
    return {
      kind: 'reminder',
      to,
      text: [head, ...items.map((r) => itemLine(r, ctx.today))].join('\n'),
      refs: items.map((r) => ({ file: r.obligation.file, ref: r.obligation.ref })),
      due: items[0].obligation.due,
      keys,
    };
  });
}

/**
 * The coordinators' digest: due this week and in the next two weeks, overdue (within `overdueDays`),
 * by department with counts.
 */
export function composeDigest(obligations: Obligation[], today: string, room: string, overdueDays = 90): Delivery | null {
  const weekEnd = addDays(today, 6);
  const twoWeeksEnd = addDays(today, 20);
  const since = addDays(today, -overdueDays);
  const groups = {
    本周到期: obligations.filter((o) => o.due >= today && o.due <= weekEnd),
    未来两周到期: obligations.filter((o) => o.due > weekEnd && o.due <= twoWeeksEnd),
    已逾期: obligations.filter((o) => o.due < today && o.due >= since && o.kind === 'task'),
  };
  const total = Object.values(groups).reduce((n, g) => n + g.length, 0);
  if (total === 0) return null;
  const lines = [`【督办周报】${today.slice(0, 4)}年${fmt(today)}`];
  for (const [label, list] of Object.entries(groups)) {
    if (!list.length) continue;
    lines.push(`${label} ${list.length}项: ${byDepartment(list)}`);
  }
  const all = Object.values(groups).flat();
  return {
    kind: 'digest',
    to: { room },
    text: lines.join('\n'),
    refs: all.slice(0, 50).map((o) => ({ file: o.file, ref: o.ref })),
    due: all.map((o) => o.due).sort()[0],
    keys: [`digest|${today}|room:${room}`],
  };
}

function byDepartment(list: Obligation[]): string {
  const counts = new Map<string, number>();
  for (const o of list) for (const d of o.departments.length ? o.departments : ['协调员']) counts.set(d, (counts.get(d) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 8).map(([d, n]) => `${d}${n}`).join('、');
  return sorted.length > 8 ? `${shown}等${sorted.length}个部门` : shown;
}
