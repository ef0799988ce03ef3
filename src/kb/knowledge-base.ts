import type { LoadWarning } from '../ingest/document.ts';
import { DepartmentRegistry, type DepartmentEntry, type DepartmentsConfig } from './departments.ts';
import type { CampaignDate, Duty, Passage, Phase, Plan, PlanRecords, Report, Target, Task } from './records.ts';

/**
 * The knowledge base: every plan's records side by side, with the department registry over them.
 * Plain data; search and answering live elsewhere.
 */

export interface KnowledgeBase {
  plans: Plan[];
  tasks: Task[];
  targets: Target[];
  duties: Duty[];
  phases: Phase[];
  reports: Report[];
  campaignDates: CampaignDate[];
  passages: Passage[];
  departments: DepartmentRegistry;
  /** Files that could not be read, one warning each. */
  warnings: LoadWarning[];
}

export function buildKnowledgeBase(
  records: PlanRecords[],
  config?: DepartmentsConfig,
  warnings: LoadWarning[] = [],
): KnowledgeBase {
  const departments = new DepartmentRegistry(config);
  for (const r of records) departments.addPlan(r.plan.file, r.plan.city, r.departments);
  return {
    plans: records.map((r) => r.plan),
    tasks: records.flatMap((r) => r.tasks),
    targets: records.flatMap((r) => r.targets),
    duties: records.flatMap((r) => r.duties),
    phases: records.flatMap((r) => r.phases),
    reports: records.flatMap((r) => r.reports),
    campaignDates: records.flatMap((r) => r.campaignDates),
    passages: records.flatMap((r) => r.passages),
    departments,
    warnings,
  };
}

/** The city of a plan file (null when the plan names none). */
export function cityOf(kb: Pick<KnowledgeBase, 'plans'>, file: string): string | null {
  return kb.plans.find((p) => p.file === file)?.city ?? null;
}

/** Whether a department (any of its written forms, in the plan's city) is among a task's responsible units. */
export function isResponsible(kb: Pick<KnowledgeBase, 'plans' | 'departments'>, task: Pick<Task, 'file' | 'units'>, department: string): boolean {
  const city = cityOf(kb, task.file);
  const key = kb.departments.keyOf(department, city);
  return task.units.some((u) => kb.departments.keyOf(u, city) === key);
}

export interface PlanSummary {
  file: string;
  title: string | null;
  city: string | null;
  docNo: string | null;
  date: string | null;
  counts: Record<'tasks' | 'tableTasks' | 'targets' | 'duties' | 'phases' | 'reports' | 'campaignDates' | 'departments', number>;
  warnings: string[];
}

export function summarizePlans(kb: KnowledgeBase): PlanSummary[] {
  return kb.plans.map((p) => {
    const of = <T extends { file: string }>(xs: T[]) => xs.filter((x) => x.file === p.file);
    const tasks = of(kb.tasks);
    return {
      file: p.file,
      title: p.title,
      city: p.city,
      docNo: p.docNo,
      date: p.date,
      counts: {
        tasks: tasks.length,
        tableTasks: tasks.filter((t) => t.origin === 'table').length,
        targets: of(kb.targets).length,
        duties: of(kb.duties).length,
        phases: of(kb.phases).length,
        reports: of(kb.reports).length,
        campaignDates: of(kb.campaignDates).length,
        departments: kb.departments.entries(p.file).length,
      },
      warnings: p.warnings,
    };
  });
}

/** The `kb --json` contract: plain records, departments as registry entries; passages are left out. */
export function knowledgeBaseJson(kb: KnowledgeBase): Record<string, unknown> {
  const departments: DepartmentEntry[] = kb.departments.entries();
  return {
    plans: kb.plans,
    tasks: kb.tasks,
    targets: kb.targets,
    duties: kb.duties,
    phases: kb.phases,
    reports: kb.reports,
    campaignDates: kb.campaignDates,
    departments,
    warnings: kb.warnings,
  };
}
