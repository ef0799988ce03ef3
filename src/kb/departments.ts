import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * One department registry with aliases: which written forms (市质监局 / 质监局 / 质监) mean the same body.
 * It is scoped per plan — the same short name can mean different bodies in different cities — and
 * extendable in config (config/departments.yaml), including reforms (`successor`).
 */

export const DepartmentsConfigSchema = z.object({
  departments: z.array(
    z.object({
      name: z.string().min(1),
      aliases: z.array(z.string().min(1)).default([]),
      successor: z.string().optional(),
    }),
  ),
});
export type DepartmentsConfig = z.infer<typeof DepartmentsConfigSchema>;

export function loadDepartmentsConfig(path: string): DepartmentsConfig {
  return DepartmentsConfigSchema.parse(parseYaml(readFileSync(path, 'utf8')));
}

export interface DepartmentEntry {
  /** Registry key: the canonical name from config, or the written name without city/市 prefix. */
  key: string;
  /** The plan's fullest written form, for display. */
  name: string;
  /** Every form this plan writes it in. */
  asWritten: string[];
  file: string;
  city: string | null;
  /** The body that took over after a reform, if config says so. */
  successor: string | null;
}

export class DepartmentRegistry {
  private readonly aliasToKey = new Map<string, string>();
  private readonly successors = new Map<string, string>();
  private readonly byFile = new Map<string, Map<string, DepartmentEntry>>();

  constructor(config: DepartmentsConfig = { departments: [] }) {
    for (const d of config.departments) {
      for (const alias of [d.name, ...d.aliases]) this.aliasToKey.set(alias, d.name);
      if (d.successor) this.successors.set(d.name, d.successor);
    }
  }

  /** The registry key of a written name in a plan of `city`. */
  keyOf(name: string, city: string | null = null): string {
    const bare = stripPrefixes(name, city);
    return this.aliasToKey.get(bare) ?? this.aliasToKey.get(name) ?? bare;
  }

  /** Records the departments a plan names. */
  addPlan(file: string, city: string | null, names: Iterable<string>): void {
    const entries = this.byFile.get(file) ?? new Map<string, DepartmentEntry>();
    for (const name of names) {
      const key = this.keyOf(name, city);
      const entry = entries.get(key) ?? { key, name, asWritten: [], file, city, successor: this.successors.get(key) ?? null };
      if (!entry.asWritten.includes(name)) entry.asWritten.push(name);
      if (name.length > entry.name.length) entry.name = name;
      entries.set(key, entry);
    }
    this.byFile.set(file, entries);
  }

  /** Departments of one plan, or of all plans. */
  entries(file?: string): DepartmentEntry[] {
    if (file) return [...(this.byFile.get(file)?.values() ?? [])];
    return [...this.byFile.values()].flatMap((m) => [...m.values()]);
  }

  /** The entry a name refers to within a plan (alias-aware), or undefined. */
  resolve(name: string, file: string, city: string | null = null): DepartmentEntry | undefined {
    return this.byFile.get(file)?.get(this.keyOf(name, city));
  }

  /** Whether two written names mean the same body in a plan of `city`. */
  same(a: string, b: string, city: string | null = null): boolean {
    return this.keyOf(a, city) === this.keyOf(b, city);
  }

  /** Every alias config knows for a key (for matching questions). */
  aliasesOf(key: string): string[] {
    return [...this.aliasToKey].filter(([, k]) => k === key).map(([a]) => a);
  }

  /** Keys whose successor is `key` (质监局 → 市场监督管理局). */
  predecessorsOf(key: string): string[] {
    return [...this.successors].filter(([, s]) => s === key).map(([k]) => k);
  }
}

/** "厦门检验检疫局" → "检验检疫局", "市质监局" → "质监局", "市委宣传部" stays, "市科技局(知识产权局)" → "科技局". */
export function stripPrefixes(name: string, city: string | null): string {
  let n = name.replace(/\([^)]*\)$/, '').trim();
  if (city && n.startsWith(city) && n.length > city.length + 1) n = n.slice(city.length);
  // 市质监局 → 质监局, 县示范区管委会 → 示范区管委会 (not 市委, 县政府, 区直).
  if (/^[省市县区](?!委|政府|直|级|人民政府|属)/.test(n) && n.length > 2) n = n.slice(1);
  return n;
}
