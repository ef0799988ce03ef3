import type { Binding } from '../chat/bindings.ts';
import type { DepartmentRegistry } from '../kb/departments.ts';
import type { Delivery, Obligation, Reminder } from './types.ts';
import { countItemsByDepartment, type DepartmentKb } from '../status/departments.ts';
import { addDays } from './workday-calendar.ts';

/**
 * A day's reminders → messages: a department's reminders go to the groups bound to it, batched (one
 * message per group per run, listing its items with item numbers and dates); the departments without
 * a bound group are reminded through the coordinators in ONE combined message (a section per
 * department; split only when it would be too long for one WeChat message).
 */

export interface ComposeContext {
  bindings: Binding[];
  registry: DepartmentRegistry;
  /** City of each plan file, for alias-aware department matching. */
  cityOf: (file: string) => string | null;
  /** Liaison per department name (optional), named in the group's message. */
  liaisons?: Record<string, string>;
  today: string;
  /** Topic of the coordinators' group: the combined message for departments without a group. */
  coordinatorRoom?: string;
  /** Longest combined message before it is split (characters). Default 1800. */
  maxChars?: number;
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
  const byTarget = new Map<string, { to: Delivery['to']; roomId?: string; items: Reminder[]; keys: string[]; liaison?: string }>();
  const add = (id: string, to: Delivery['to'], r: Reminder, recipient: string, liaison?: string, roomId?: string) => {
    const entry = byTarget.get(id) ?? { to, roomId, items: [], keys: [], liaison };
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
      for (const b of rooms) add(`room:${b.roomId}`, { room: b.roomTopic }, r, `room:${b.roomId}`, ctx.liaisons?.[b.department], b.roomId);
      continue;
    }
    // One delivery per body (质监局 = 市质监局) and plan, through the coordinators.
    const file = r.obligation.file;
    const city = ctx.cityOf(file);
    const name = dept ? (ctx.registry.resolve(dept, file, city)?.name ?? dept) : '协调员';
    const id = `dept:${file}:${dept ? ctx.registry.keyOf(dept, city) : '协调员'}`;
    add(id, { department: name }, r, id);
  }
  const rooms: Delivery[] = [];
  const departments: Section[] = [];
  for (const { to, roomId, items, keys, liaison } of byTarget.values()) {
    items.sort((a, b) => a.obligation.due.localeCompare(b.obligation.due));
    const lines = items.map((r) => itemLine(r, ctx.today));
    const refs = items.map((r) => ({ file: r.obligation.file, ref: r.obligation.ref }));
    if ('department' in to) {
      departments.push({ department: to.department, items: [...items], text: [`${to.department}(${items.length}项):`, ...lines].join('\n'), refs, due: items[0].obligation.due, keys });
      continue;
    }
    const head = `【督办提醒】${liaison ? `@${liaison} ` : ''}以下${items.length}项事项请关注:`;
    rooms.push({ kind: 'reminder', to, ...(roomId ? { roomId } : {}), text: [head, ...lines].join('\n'), refs, due: items[0].obligation.due, keys });
  }
  return [...rooms, ...combineForCoordinators(departments, ctx)];
}

interface Section {
  department: string;
  items: Reminder[];
  text: string;
  refs: Delivery['refs'];
  due: string;
  keys: string[];
}

/**
 * The departments without a group, in one message to the coordinators: each item once, with the
 * departments it is for (a task shared by five units is one line, not five), split at item boundaries
 * only when it would exceed `maxChars`. Each part carries the keys of its items, so the delivery log
 * still records every department's reminder; `sections` lets a department's own group robot get its
 * part.
 */
function combineForCoordinators(sections: Section[], ctx: ComposeContext): Delivery[] {
  if (sections.length === 0) return [];
  const room = ctx.coordinatorRoom;
  if (!room) {
    // No coordinators' group known (callers that only preview): one delivery per department, as before.
    return sections.map((s) => ({ kind: 'reminder', to: { department: s.department }, text: `【督办提醒】${s.text}`, refs: s.refs, due: s.due, keys: s.keys, sections: [{ department: s.department, text: s.text }] }));
  }
  // One line per obligation, naming its departments; keys follow their obligation.
  const lines = new Map<string, { r: Reminder; departments: string[]; keys: string[] }>();
  for (const s of sections) {
    for (const r of s.items) {
      const line = lines.get(r.obligation.id) ?? { r, departments: [], keys: [] };
      if (!line.departments.includes(s.department)) line.departments.push(s.department);
      line.keys.push(...s.keys.filter((k) => k.startsWith(`${r.obligation.id}|`) && !line.keys.includes(k)));
      lines.set(r.obligation.id, line);
    }
  }
  const ordered = [...lines.values()].sort((a, b) => a.r.obligation.due.localeCompare(b.r.obligation.due));
  const max = ctx.maxChars ?? 1800;
  const parts: Array<typeof ordered> = [[]];
  let size = 0;
  for (const line of ordered) {
    const text = `${itemLine(line.r, ctx.today)}〔${line.departments.join('、')}〕`;
    if (parts.at(-1)!.length > 0 && size + text.length > max) {
      parts.push([]);
      size = 0;
    }
    parts.at(-1)!.push(line);
    size += text.length + 1;
  }
  return parts.map((part, i) => {
    const departments = new Set(part.flatMap((l) => l.departments));
    const partNo = parts.length > 1 ? `(${i + 1}/${parts.length})` : '';
    const head = `【督办提醒】以下${part.length}项事项的${departments.size}个责任部门尚未绑定工作群, 请协调员转达${partNo}:`;
    return {
      kind: 'reminder' as const,
      to: { room },
      text: [head, ...part.map((l) => `${itemLine(l.r, ctx.today)}〔${l.departments.join('、')}〕`)].join('\n'),
      refs: part.map((l) => ({ file: l.r.obligation.file, ref: l.r.obligation.ref })),
      due: part[0].r.obligation.due,
      keys: part.flatMap((l) => l.keys),
      sections: sections.filter((s) => departments.has(s.department)).map((s) => ({ department: s.department, text: s.text })),
    };
  });
}

/**
 * The coordinators' digest: due this week and in the next two weeks, overdue (within `overdueDays`),
 * by department with counts.
 */
export function composeDigest(obligations: Obligation[], today: string, room: string, kb: DepartmentKb, overdueDays = 90): Delivery | null {
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
    lines.push(`${label} ${list.length}项: ${byDepartment(list, kb)}`);
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

/** Counts by department with the one counting rule of the status views (registry key, per city). */
function byDepartment(list: Obligation[], kb: DepartmentKb): string {
  const sorted = countItemsByDepartment(kb, list);
  const shown = sorted.slice(0, 8).map((d) => `${d.label}${d.total}`).join('、');
  return sorted.length > 8 ? `${shown}等${sorted.length}个部门` : shown;
}
