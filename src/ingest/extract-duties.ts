import { sectionPath, walkOutline, type OutlineNode } from './parse-outline.ts';
import { splitDepartments } from './extract-owners.ts';

/**
 * Per-department duty sections, such as 四、责任分解 → (三)市质监局 → "组织制定质量发展规划…". A section
 * qualifies when its title names a division of duties and its children's headings are department names
 * (short, with no sentence punctuation) rather than task sentences.
 */

export interface DutyDraft {
  /** The heading as written: "市质监局", "市总工会、妇联、团委". */
  heading: string;
  /** Departments named in the heading. */
  departments: string[];
  text: string;
  label: string;
  path: string[];
  line: number;
  node: OutlineNode;
}

const DUTY_SECTION = /责任分解|职责分工|部门职责|任务分工|职责任务|工作职责|成员单位职责|分工负责|责任分工/;
const DEPT_END = /(局|委|办|会|府|队|行|关|部|院|所|厅|处|司|站|社|台|中心|小组|单位|部门|政府|管委会|分局|支行|公司|团委|妇联|工会|科协|监管局)(\([^)]*\))?$/;

/** Whether a heading looks like a department (or a list of them) rather than a task. */
export function isDepartmentHeading(title: string, text: string): boolean {
  if (title.length > 30 || /[。,;:]/.test(title)) return false;
  if (title !== text.split('\n')[0].trim()) return false;
  return splitDepartments(title).every((name) => DEPT_END.test(name) || name.length <= 6);
}

export function extractDuties(root: OutlineNode): DutyDraft[] {
  const out: DutyDraft[] = [];
  for (const section of walkOutline(root)) {
    if (!DUTY_SECTION.test(section.title)) continue;
    const deptChildren = section.children.filter((c) => isDepartmentHeading(c.title, c.text));
    if (deptChildren.length < Math.max(2, section.children.length / 2)) continue;
    for (const child of deptChildren) {
      const body = child.text.split('\n').slice(1).join('\n').trim() || childText(child);
      if (!body) continue;
      out.push({
        heading: child.title,
        departments: splitDepartments(child.title),
        text: body,
        label: child.label,
        path: sectionPath(child),
        line: child.line,
        node: child,
      });
    }
  }
  return out;
}

/** Duty text that sits in sub-items of the department heading. */
function childText(node: OutlineNode): string {
  return node.children.map((c) => `${c.label}${c.text}`).join('\n');
}
