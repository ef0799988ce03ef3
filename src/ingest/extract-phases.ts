import { parseDayRange, parseMonthRange, type MonthRange } from './parse-dates.ts';
import { sectionPath, walkOutline, type OutlineNode } from './parse-outline.ts';

/**
 * Phases and stages: "(一)计划阶段(2017年10月-2018年3月)" headings, or "第一阶段:…" followed by a
 * "时间:2013年2月至3月" line (Xiamen's 工作步骤).
 */

export interface PhaseDraft {
  name: string;
  start: string;
  end: string;
  /** The dates as written. */
  when: string;
  /** What happens in the phase (first sentence of its text). */
  description: string;
  label: string;
  path: string[];
  line: number;
}

const PHASE_NAME = /(第[一二三四五六七八九十]+阶段|[\u4e00-\u9fff]{1,10}阶段|[\u4e00-\u9fff]{1,8}(?:期|步))/;

export function extractPhases(root: OutlineNode, year: number | null = null): PhaseDraft[] {
  const out: PhaseDraft[] = [];
  for (const node of walkOutline(root)) {
    const head = node.kind === 'ord' ? node.label : node.title;
    const name = PHASE_NAME.exec(head)?.[1] ?? (node.kind === 'ord' ? node.label : null);
    if (!name || !/阶段|期|步/.test(name)) continue;
    const range = phaseRange(node, year);
    if (!range) continue;
    out.push({
      name: node.kind === 'ord' ? `${node.label}:${node.title}` : name,
      start: range.start,
      end: range.end,
      when: range.text,
      description: describe(node, range),
      label: node.label,
      path: sectionPath(node),
      line: node.line,
    });
  }
  return out;
}

/** The range in the heading itself, else in a "时间:" line of the node's text. */
function phaseRange(node: OutlineNode, year: number | null): MonthRange | null {
  const firstLine = node.text.split('\n')[0];
  const inHead = parseMonthRange(firstLine.slice(0, 80)) ?? parseDayRange(firstLine.slice(0, 40), year);
  if (inHead) return inHead;
  // ("宣传发动阶段(1月—2月)": months without a year are the plan's year's.)
  const months = year ? /(?<![\d年])(\d{1,2})月(?:份)?\s*[-—~～至到]\s*(\d{1,2})月(?:份|底|中旬|下旬)?/.exec(firstLine.slice(0, 60)) : null;
  if (months && +months[1] >= 1 && +months[2] <= 12 && +months[1] <= +months[2]) {
    return { start: `${year}-${months[1].padStart(2, '0')}`, end: `${year}-${months[2].padStart(2, '0')}`, text: months[0] };
  }
  // ("动员部署阶段(2024年7月底前)": a first phase may give only when it ends.)
  const until = /((?:19|20)\d{2})年(\d{1,2})月(?:底|末|中旬|上旬|下旬)?(?:前|之前|以前)/.exec(firstLine.slice(0, 60));
  if (until && +until[2] >= 1 && +until[2] <= 12) {
    const month = `${until[1]}-${until[2].padStart(2, '0')}`;
    return { start: month, end: month, text: until[0] };
  }
  // ("第四阶段(12月30日前结束)": a day without its year, in the plan's year.)
  const day = year ? /(?<![\d年])(\d{1,2})月(\d{1,2})日(?:前|之前|以前)(?:结束|完成)?/.exec(firstLine.slice(0, 60)) : null;
  if (day && +day[1] >= 1 && +day[1] <= 12 && +day[2] <= 31) {
    const month = `${year}-${day[1].padStart(2, '0')}`;
    return { start: month, end: month, text: day[0] };
  }
  const timeLine = node.text.split('\n').find((l) => /^(时间|时间安排|实施时间)[:]/.test(l));
  return timeLine ? parseMonthRange(timeLine) : null;
}

function describe(node: OutlineNode, range: MonthRange): string {
  const lines = node.text.split('\n').slice(1).filter((l) => !l.includes(range.text.slice(0, 6)));
  const body = lines.join('') || node.text.replace(/^[^)]*\)\s*/, '');
  return body.replace(/^(目标任务|主要任务|工作内容)[:]/, '').split(/。/)[0].trim();
}
