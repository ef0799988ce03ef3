import { placeOpening } from '../kb/place-names.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Source, Task } from '../kb/records.ts';
import { shanghaiDay } from '../shanghai-day.ts';

/** Chat-sized answer text: plan labels, compact citations, dates, lists cut with "还有N项". */

export interface Citation {
  file: string;
  ref: string | null;
  quote: string;
}

/** The city (or title, or file) a plan is known by in replies. */
export function planLabel(kb: KnowledgeBase, file: string): string {
  const p = kb.plans.find((x) => x.file === file);
  return p?.city ?? p?.title ?? file;
}

/** "分解表2.5.2" for a table row; the outline path "三(一)4" for body text; "" when there is none. */
export function refLabel(source: Source, origin?: Task['origin']): string {
  if (origin === 'table' || /^\d+(\.\d+)+$/.test(source.ref ?? '')) return `分解表${source.ref ?? ''}`;
  const labels = source.path
    .filter((p) => !p.startsWith('附件'))
    .map((p) => /^(第[一二三四五六七八九十]+阶段|[一二三四五六七八九十百]+(?=、)|\([一二三四五六七八九十百]+\)|\d{1,2}(?=、)|\(\d{1,2}\)|[①-⑳])/.exec(p)?.[1] ?? '')
    .filter(Boolean);
  return labels.join('');
}

/** "〔厦门 分解表2.5.2〕" */
export function cite(kb: KnowledgeBase, source: Source, origin?: Task['origin']): string {
  const ref = refLabel(source, origin);
  return `〔${planLabel(kb, source.file)}${ref ? ` ${ref}` : ''}〕`;
}

export function citation(source: Source): Citation {
  return { file: source.file, ref: source.ref, quote: source.quote };
}

/** "2013-12" → "2013年12月", "2026-12-31" → "2026年12月31日". */
export function formatDate(d: string): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${day ? `${Number(day)}日` : ''}`;
}

/** Shortened text for a list line. */
export function short(text: string, max = 28): string {
  const t = text.replace(/\s+/g, '').replace(/[。;,]$/, '');
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** Joins names with 、, cutting long lists: "A、B、C等12个". */
export function names(list: string[], max = 12): string {
  const shown = sharingBodies(list);
  if (shown.length <= max) return shown.join('、');
  return `${shown.slice(0, max).join('、')}等${list.length}个`;
}

/**
 * Places that share one body, said as the plan says them: 海东市发展改革部门、兰州市发展改革部门 →
 * "海东市、兰州市发展改革部门" (the records keep one unit each).
 */
function sharingBodies(list: string[]): string[] {
  const opened = list.map(placeOpening);
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const first = opened[i];
    let j = i + 1;
    while (first && j < list.length && opened[j]?.body === first.body) j++;
    out.push(first && j - i >= 2 ? `${opened.slice(i, j).map((o) => o!.place).join('、')}${first.body}` : list[i]);
    i = j - 1;
  }
  return out;
}

/** Lines up to `max`, then "还有N项" and how to see them. */
export function cutList(lines: string[], max: number, more: string): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `……还有${lines.length - max}项${more}`];
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export const today = shanghaiDay;

/** "已于2013年12月到期" / "还有12天(2026年12月)" relative to today; a month means its end. */
export function dueStatus(deadline: string, now: Date): string {
  const t = today(now);
  const end = deadline.length === 7 ? monthEnd(deadline) : deadline;
  if (end < t) return `已于${formatDate(deadline)}到期`;
  const days = Math.round((Date.parse(end) - Date.parse(t)) / 86_400_000);
  return days === 0 ? '今天到期' : `还有${days}天到期`;
}

function monthEnd(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${ym}-${String(last).padStart(2, '0')}`;
}

/** The owners of a task as a phrase: "牵头: X; 参加: Y" or "负责: X、Y". */
export function ownersPhrase(t: Pick<Task, 'lead' | 'units' | 'partners'>, leadOnly = false): string {
  if (t.units.length === 0) return '未写明责任单位';
  // "谁牵头": the lead is the answer; the other units are counted, not named.
  if (leadOnly && t.lead.length) {
    const rest = t.units.length - t.lead.length;
    return `牵头: ${names(t.lead)}${rest > 0 ? `(另有${rest}个责任/配合单位)` : ''}`;
  }
  if (leadOnly) return `未写明牵头单位; 负责单位: ${names(t.units)}`;
  const leadIsAll = t.lead.length === t.units.length - t.partners.length && t.partners.length === 0;
  if (leadIsAll || t.lead.length === 0) return `负责单位: ${names(t.units)}`;
  const others = t.units.filter((u) => !t.lead.includes(u) && !t.partners.includes(u));
  const parts = [`牵头: ${names(t.lead)}`];
  if (others.length) parts.push(`负责: ${names(others)}`);
  if (t.partners.length) parts.push(`参加/配合: ${names(t.partners)}`);
  return parts.join('; ');
}

/**
 * The part of a long sentence that answers: the window of about `width` characters holding the most
 * question tokens, widened to clause boundaries, with "…" where text was cut.
 */
export function focus(text: string, queryTokens: string[], width = 90): string {
  if (text.length <= width + 20) return text;
  const q = new Set(queryTokens.filter((t) => t.length === 2));
  for (const t of queryTokens) if (t.length > 2) for (let i = 0; i + 2 <= t.length; i++) q.add(t.slice(i, i + 2));
  // Where the question's words are: the window holding the most different ones (a word said again and
  // again early in the sentence does not outweigh the others said together later).
  const hits: Array<{ at: number; t: string }> = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const t = text.slice(i, i + 2);
    if (q.has(t)) hits.push({ at: i, t });
  }
  let best = 0;
  let bestEnd = 0;
  let bestCount = -1;
  const counts = new Map<string, number>();
  let lo = 0;
  for (let hi = 0; hi < hits.length; hi++) {
    counts.set(hits[hi].t, (counts.get(hits[hi].t) ?? 0) + 1);
    while (hits[hi].at - hits[lo].at + 2 > width) {
      const n = counts.get(hits[lo].t)! - 1;
      if (n) counts.set(hits[lo].t, n);
      else counts.delete(hits[lo].t);
      lo++;
    }
    if (counts.size > bestCount) {
      bestCount = counts.size;
      best = hits[lo].at;
      bestEnd = hits[hi].at + 2;
    }
  }
  // Around the hits, with more room after them than before: what answers follows the question's words
  // ("努力把我市建成全省[审批事项最少…]的市").
  const slack = Math.max(0, width - (bestEnd - best));
  let start = Math.max(0, Math.min(best - Math.floor(slack / 3), text.length - width));
  let end = start + width;
  const before = text.lastIndexOf(',', start);
  if (before >= 0 && start - before < 25) start = before + 1;
  const after = text.slice(end).search(/[,;。]/);
  if (after >= 0 && after < 25) end += after + 1;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
