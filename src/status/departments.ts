import { DepartmentRegistry } from '../kb/departments.ts';
import { cityOf, type KnowledgeBase } from '../kb/knowledge-base.ts';

/**
 * The one rule for counting by department, used by the chart, the 按部门 sheet, the chat summary, the
 * 督办单 and the coordinators' digest: a department is one body by the registry (市质监局 = 质监局 =
 * 质监) within one city — the plan's city, or the plan file when it names none — so 市场监管局 of two
 * cities are two departments. Each department is shown under one name everywhere: the registry's
 * display name for that body in that city (the fullest form its plans write, see `DepartmentEntry.name`).
 */

export type DepartmentKb = Pick<KnowledgeBase, 'plans' | 'departments'>;

/** One department as counted. */
export interface DepartmentRef {
  /** The grouping key: `${city}/${body}`. Equal keys are one department. */
  key: string;
  /** The registry key of the body (质量技术监督局 for 市质监局 with the shipped config; 质监局 without). */
  body: string;
  /** The plan's city, or its file when it names none. */
  city: string;
  /** The display name: the same for every written form of the body in the city. */
  name: string;
}

/** The state counts a department's row shows. */
export type CountedState = '未开始' | '推进中' | '已完成' | '逾期';

/** One department's counts. */
export interface DepartmentCount {
  key: string;
  city: string;
  /** Display name without the city. */
  name: string;
  /** The name as listed: prefixed with the city when the counted items span more than one city. */
  label: string;
  total: number;
  done: number;
  inProgress: number;
  overdue: number;
  notStarted: number;
}

export interface CountOptions<T> {
  /** The item's departments (`departmentsOf`); an item counts once for each. */
  departmentsOf: (item: T) => DepartmentRef[];
  /** The item's state; without it only `total` is counted. */
  stateOf?: (item: T) => CountedState | null;
  /** Where items without any department count (in their city), e.g. 未明确责任单位 / 协调员; left out when absent. */
  unassigned?: { name: string; cityOf: (item: T) => string };
}

/** A registry that knows no plan: the rule still strips city and 市 and applies no aliases. */
const PLAIN = new DepartmentRegistry();

/** The rule itself, for a registry: `file` and `city` are the plan's. */
export function departmentRef(registry: DepartmentRegistry | null, written: string, file: string, city: string | null): DepartmentRef {
  const reg = registry ?? PLAIN;
  const text = written.trim();
  const scope = city ?? file;
  const body = reg.keyOf(text, city);
  return { key: keyFor(scope, body), body, city: scope, name: displayNames(reg).get(keyFor(scope, body)) ?? text };
}

/** The department a written name means in a plan of the knowledge base. */
export function departmentOf(kb: DepartmentKb, written: string, file: string): DepartmentRef {
  return departmentRef(kb.departments, written, file, cityOf(kb, file));
}

/** The counting key of a written name in a plan: equal keys are one department. */
export function departmentKeyOf(kb: DepartmentKb, written: string, file: string): string {
  return departmentOf(kb, written, file).key;
}

/** The distinct departments a list of written names means in a plan (质监局 and 市质监局 once). */
export function departmentsOf(kb: DepartmentKb | null, written: readonly string[], file: string, city?: string | null): DepartmentRef[] {
  const planCity = city !== undefined ? city : kb ? cityOf(kb, file) : null;
  const out = new Map<string, DepartmentRef>();
  for (const name of written) {
    if (!name.trim()) continue;
    const ref = departmentRef(kb?.departments ?? null, name, file, planCity);
    if (!out.has(ref.key)) out.set(ref.key, ref);
  }
  return [...out.values()];
}

/** A placeholder department (未明确责任单位, 协调员) of one city. */
export function placeholderDepartment(name: string, city: string): DepartmentRef {
  return { key: keyFor(city, name), body: name, city, name };
}

/**
 * Counts items per department: an item counts once for each of its departments. Sorted by city, then
 * the most items first, then name. Labels carry the city when the departments span several cities.
 */
export function countByDepartment<T>(items: readonly T[], opts: CountOptions<T>): DepartmentCount[] {
  const counts = new Map<string, DepartmentCount>();
  for (const item of items) {
    let refs = opts.departmentsOf(item);
    if (refs.length === 0 && opts.unassigned) refs = [placeholderDepartment(opts.unassigned.name, opts.unassigned.cityOf(item))];
    const state = opts.stateOf?.(item) ?? null;
    for (const ref of new Map(refs.map((r) => [r.key, r])).values()) {
      let c = counts.get(ref.key);
      if (!c) {
        c = { key: ref.key, city: ref.city, name: ref.name, label: ref.name, total: 0, done: 0, inProgress: 0, overdue: 0, notStarted: 0 };
        counts.set(ref.key, c);
      } else if (preferName(ref.name, c.name)) {
        c.name = ref.name; // only for names the registry does not know: the fullest written form
      }
      c.total++;
      if (state === '已完成') c.done++;
      else if (state === '推进中') c.inProgress++;
      else if (state === '逾期') c.overdue++;
      else if (state === '未开始') c.notStarted++;
    }
  }
  const list = [...counts.values()];
  const multiCity = new Set(list.map((c) => c.city)).size > 1;
  for (const c of list) c.label = multiCity ? departmentLabel(c.city, c.name) : c.name;
  return list.sort((a, b) => collator.compare(a.city, b.city) || b.total - a.total || collator.compare(a.name, b.name));
}

/** "明州" + "市质监局" → "明州市质监局"; a name that already starts with its city stays as it is. */
export function departmentLabel(city: string, name: string): string {
  return name.startsWith(city) ? name : `${city}${name}`;
}

/**
 * The coordinators' digest count (compose-deliveries `byDepartment`): items with the written
 * `departments` of their plan `file`, per department by the one rule; items with none count as 协调员.
 * The most items first.
 */
export function countItemsByDepartment(kb: DepartmentKb, items: ReadonlyArray<{ file: string; departments: readonly string[] }>, unassigned = '协调员'): DepartmentCount[] {
  return countByDepartment(items, {
    departmentsOf: (o) => departmentsOf(kb, o.departments, o.file),
    unassigned: { name: unassigned, cityOf: (o) => cityOf(kb, o.file) ?? o.file },
  }).sort((a, b) => b.total - a.total);
}

// ---------------------------------------------------------------- internals

const collator = new Intl.Collator('zh');
const keyFor = (city: string, body: string) => `${city}/${body}`;

/** The fuller of two written forms (longer; then collation order, so the choice never depends on order). */
function preferName(candidate: string, current: string): boolean {
  return candidate.length > current.length || (candidate.length === current.length && collator.compare(candidate, current) < 0);
}

const namesCache = new WeakMap<DepartmentRegistry, { size: number; names: Map<string, string> }>();

/**
 * Display name per department key: the name most of the city's plans give the body (each plan's
 * registry entry names it by its fullest written form), then the fuller form.
 */
function displayNames(registry: DepartmentRegistry): Map<string, string> {
  const entries = registry.entries();
  const cached = namesCache.get(registry);
  if (cached && cached.size === entries.length) return cached.names;
  const votes = new Map<string, Map<string, number>>();
  for (const e of entries) {
    const key = keyFor(e.city ?? e.file, e.key);
    const v = votes.get(key) ?? new Map<string, number>();
    v.set(e.name, (v.get(e.name) ?? 0) + 1);
    votes.set(key, v);
  }
  const names = new Map<string, string>();
  for (const [key, v] of votes) {
    const best = [...v].reduce((a, b) => (b[1] > a[1] || (b[1] === a[1] && preferName(b[0], a[0])) ? b : a));
    names.set(key, best[0]);
  }
  namesCache.set(registry, { size: entries.length, names });
  return names;
}
