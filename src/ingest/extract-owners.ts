/**
 * Who owns a task, from the ways plans write it: `(X负责)`, `(X牵头,Y参加)`, `(X牵头,Y配合)`,
 * `此项工作由X牵头负责,Y、Z等部门配合`, `牵头单位:`/`责任单位:`/`配合单位:` labels, and table cells.
 * Names are kept as written (registry matching happens in the knowledge base).
 */

export type OwnerRole = 'lead' | 'responsible' | 'partner';

export interface Owners {
  /** Lead departments: those marked 牵头, or — when none is — every department marked 负责. */
  lead: string[];
  /** Every responsible department, lead included, in the order written. */
  units: string[];
  /** Departments that take part (参加/配合/协助). */
  partners: string[];
  /** The owner expression as written, for citation. */
  quote: string;
}

const ROLE_SUFFIX =
  /(牵头负责|共同负责|分工负责|具体负责|负责落实|牵头|负责|参加|配合|协助|协办|参与)$/;
const ROLE_OF: Record<string, OwnerRole> = {
  牵头负责: 'lead',
  牵头: 'lead',
  共同负责: 'responsible',
  分工负责: 'responsible',
  具体负责: 'responsible',
  负责落实: 'responsible',
  负责: 'responsible',
  参加: 'partner',
  配合: 'partner',
  协助: 'partner',
  协办: 'partner',
  参与: 'partner',
};

const MAX_NAME = 32;

/** Splits on separators that are not inside parentheses: "各县(市、区)政府、市质监局" → 2 parts. */
export function splitOutsideParens(s: string, seps: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && seps.test(ch)) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Splits a list of department names: 、 / , and spaces; drops 等部门-style tails. */
export function splitDepartments(list: string): string[] {
  const trimmed = list.replace(/(等相关部门|等有关部门|等相关单位|等有关单位|等部门|等单位|等)$/, '');
  return splitOutsideParens(trimmed, /[、,，;；/\s]/)
    .map((s) => s.trim().replace(/^(和|及|以及)/, '').replace(/(等相关部门|等有关部门|等部门|等单位)$/, ''))
    .filter((s) => s.length > 0);
}

interface Clause {
  names: string[];
  role?: OwnerRole;
}

/** Parses an owner expression body, e.g. "市质监局牵头,厦门检验检疫局、经发局参加". */
export function parseOwnerList(expr: string): Owners | null {
  const clauses: Clause[] = [];
  for (const raw of splitOutsideParens(expr, /[,，;；]/)) {
    let text = raw.trim().replace(/^(此项工作|该项工作|本项工作)?由/, '');
    if (!text) continue;
    const m = ROLE_SUFFIX.exec(text);
    const role = m ? ROLE_OF[m[1]] : undefined;
    if (m) text = text.slice(0, m.index);
    const names = splitDepartments(text);
    if (names.length === 0 && role) continue;
    if (names.some((n) => n.length > MAX_NAME || /[。:：]/.test(n))) return null;
    clauses.push({ names, role });
  }
  if (clauses.length === 0) return null;
  assignMissingRoles(clauses);
  return collect(clauses, expr.trim());
}

/** A clause without a role word takes the role of the next clause that has one ("X、Y,Z负责"). */
function assignMissingRoles(clauses: Clause[]): void {
  let next: OwnerRole | undefined;
  for (let i = clauses.length - 1; i >= 0; i--) {
    if (clauses[i].role) next = clauses[i].role;
    else clauses[i].role = next;
  }
  let prev: OwnerRole = 'responsible';
  for (const c of clauses) {
    if (c.role) prev = c.role;
    else c.role = prev;
  }
}

function collect(clauses: Clause[], quote: string): Owners {
  const byRole = (r: OwnerRole) => clauses.filter((c) => c.role === r).flatMap((c) => c.names);
  const leads = byRole('lead');
  const responsible = byRole('responsible');
  const partners = byRole('partner');
  const units = unique(clauses.flatMap((c) => c.names));
  return {
    lead: unique(leads.length ? leads : responsible),
    units,
    partners: unique(partners),
    quote,
  };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

const HAS_ROLE = /牵头|负责|参加|配合|协助|协办/;

/** The last parenthetical owner expression in a task text: "…(市质监局牵头,…参加)。" */
export function findParentheticalOwners(text: string): Owners | null {
  const re = /\(([^()]{2,300}?)\)/g;
  let found: Owners | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!HAS_ROLE.test(m[1])) continue;
    const owners = parseOwnerList(m[1]);
    if (owners && owners.units.length > 0) found = { ...owners, quote: m[0] };
  }
  return found;
}

/** "此项工作由各级政府牵头负责,质监、发改…等部门配合。" */
export function findDelegatedOwners(text: string): Owners | null {
  const re = /(?:此项工作|该项工作|本项工作|上述工作|以上工作)?由([^。;]{2,200}?(?:牵头|负责)[^。;]*)/g;
  let found: Owners | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!/此项|该项|本项|上述|以上/.test(m[0]) && !/牵头/.test(m[1])) continue;
    const owners = parseOwnerList(m[1]);
    if (owners && owners.units.length > 0) found = { ...owners, quote: m[0] };
  }
  return found;
}

const LABEL_RE =
  /(牵头单位|牵头部门|责任单位|责任部门|主办单位|配合单位|配合部门|参加单位|协办单位|协助单位)\s*[:：]\s*([^;；。\n]+?)(?=\s*(?:牵头单位|牵头部门|责任单位|责任部门|主办单位|配合单位|配合部门|参加单位|协办单位|协助单位|完成时限|完成时间|时间要求|$|[;；。\n]))/g;

/** `牵头单位:X` / `责任单位:X` / `配合单位:Y` label lines. */
export function findLabelledOwners(text: string): Owners | null {
  const clauses: Clause[] = [];
  const quotes: string[] = [];
  for (const m of text.matchAll(LABEL_RE)) {
    const label = m[1];
    const role: OwnerRole = /牵头|主办/.test(label) ? 'lead' : /责任/.test(label) ? 'responsible' : 'partner';
    const inner = parseOwnerList(m[2]);
    const names = inner ? inner.units : splitDepartments(m[2]);
    clauses.push({ names, role });
    quotes.push(m[0].trim());
  }
  if (clauses.length === 0) return null;
  return collect(clauses, quotes.join(';'));
}

/** Any owner expression in a task text, most specific first. */
export function extractOwners(text: string): Owners | null {
  return findLabelledOwners(text) ?? findParentheticalOwners(text) ?? findDelegatedOwners(text);
}
