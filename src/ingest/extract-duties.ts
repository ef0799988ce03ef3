import { sectionPath, walkOutline, type OutlineNode } from './parse-outline.ts';
import { splitDepartments, isBody } from './extract-owners.ts';

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
  // (The text's own top level counts: a plan may sort all its work by body.)
  for (const section of [root, ...walkOutline(root)]) {
    const deptChildren = DUTY_SECTION.test(section.title) ? section.children.filter((c) => isDepartmentHeading(c.title, c.text)) : bodyHeadedChildren(section);
    if (deptChildren.length < Math.max(DUTY_SECTION.test(section.title) ? 2 : 1, section.children.length / 2)) continue;
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

/** A government body's own ending, not a kind of organisation in general (企业, 单位). */
const STRICT_BODY = /(局|委|办|厅|办公室|委员会|政府|管委会|中心|领导小组|小组|分局|支队|大队|院|部)$/;

/**
 * Sections headed by a body's name alone, their items under them — a plan that sorts its year's work by
 * who does it ("一、省知识产权工作领导小组办公室" / "1.制定…" "2.组织…") without a 职责分工 title above.
 * Each heading must be a whole body's name (办公室, 局, 委 …, no verb: not "成立工作领导小组"), and a lone
 * one must hold two numbered items at least.
 */
function bodyHeadedChildren(section: OutlineNode): OutlineNode[] {
  const headed = section.children.filter(
    (c) =>
      c.title.length <= 30 &&
      !/[。,，;；:：]/.test(c.title) &&
      !/^(成立|建立|健全|加强|完善|强化|组建|设立|明确|落实)/.test(c.title) &&
      splitDepartments(c.title).every((n) => isBody(n) && STRICT_BODY.test(n) && !/^(各|有关|相关)/.test(n)) &&
      // (Its items are work, not a list's counts: "(一)重点项目(4个)。")
      c.children.every((k) => k.title.replace(/[^\u4e00-\u9fff]/g, '').length >= 12),
  );
  if (headed.length === 1 && headed[0].children.length < 2) return [];
  return headed;
}

/** Duty text that sits in sub-items of the department heading. */
function childText(node: OutlineNode): string {
  return node.children.map((c) => `${c.label}${c.text}`).join('\n');
}
