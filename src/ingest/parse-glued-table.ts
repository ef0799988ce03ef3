import { columnOf } from './parse-task-table.ts';
import { splitDepartments, isBody } from './extract-owners.ts';

/**
 * A task table a page glued into one run of text, cells and rows with no separator at all:
 * "…责任分工表序号工作内容目标任务责任单位备注1将生活垃圾分类投放…。市委宣传部、市城管委,各区(市)县政府2完善…".
 * The header is read as a run of known column labels after 序号; rows are the numbers 1, 2, 3 … in turn,
 * each found right after the owner cell that closes the row before it (a list of bodies), so that a
 * figure inside a task ("开展2轮") never starts a row. Only tables with one owner column are read: with
 * both 牵头 and 配合 columns, the glued cells cannot be told apart.
 */

/** Column labels that can open or fill a glued header, longest first. */
const LABELS = [
  '序号', '工作内容', '目标任务', '主要任务', '重点任务', '工作任务', '任务内容', '具体任务', '具体措施', '工作措施', '主要内容',
  '任务名称', '事项名称', '项目名称', '工作目标', '目标要求', '责任单位', '责任部门', '牵头单位', '牵头部门', '配合单位', '配合部门',
  '责任领导', '完成时限', '完成时间', '时间节点', '时间要求', '进度安排', '备注',
].sort((a, b) => b.length - a.length);

/** The header labels glued after 序号 at `at`, and where they end. */
function gluedHeader(line: string, at: number): { labels: string[]; end: number } | null {
  const labels: string[] = [];
  let i = at;
  for (;;) {
    const label = LABELS.find((l) => line.startsWith(l, i));
    if (!label) break;
    labels.push(label);
    i += label.length;
  }
  return labels.length >= 3 ? { labels, end: i } : null;
}

/** The list of bodies that ends a text ("…等。市商务局,市住建局、各区(市)县政府(管委会)"), with where it starts. */
function trailingBodies(text: string): { units: string[]; at: number } | null {
  // (Names hold no sentence mark: the list starts after the last one.)
  const stop = Math.max(...['。', ';', '；', '!', '?', '！', '？', '：', ':'].map((c) => text.lastIndexOf(c)));
  for (let at = Math.max(0, stop + 1); at < text.length - 1; at++) {
    const tail = text.slice(at);
    const units = splitDepartments(tail.replace(/等(?:部门|单位)?$/, ''));
    if (units.length > 0 && units.every((u) => isBody(u))) return { units, at };
  }
  return null;
}

export function parseGluedTable(line: string): string[][] | null {
  const opening = line.slice(0, 120).indexOf('序号');
  if (opening < 0) return null;
  const header = gluedHeader(line, opening);
  if (!header) return null;
  const cols = header.labels.map(columnOf);
  const owners = cols.filter((c) => c === 'units' || c === 'lead' || c === 'partners');
  if (owners.length !== 1 || !cols.some((c) => c === 'text')) return null;
  const body = line.slice(header.end);
  if (!/^\s*1(?![\d.．])[、.．]?\s*[\u4e00-\u9fff]/.test(body)) return null;
  const rows: string[][] = [['序号', '工作内容', header.labels[cols.findIndex((c) => c === owners[0])]]];
  let start = body.search(/[\u4e00-\u9fff]/);
  for (let k = 2; ; k++) {
    const next = nextRowStart(body, start, k);
    const segment = body.slice(start, next ?? body.length).trim();
    const tail = trailingBodies(segment);
    if (!tail) return rows.length >= 3 ? rows : null;
    rows.push([String(k - 1), segment.slice(0, tail.at).trim(), segment.slice(tail.at).trim()]);
    if (next === null) break;
    start = next + String(k).length + (/^[、.．]/.test(body.slice(next + String(k).length)) ? 1 : 0);
  }
  return rows.length >= 3 ? rows : null;
}

/** Where row k's number stands: after a list of bodies, before the row's text. */
function nextRowStart(body: string, from: number, k: number): number | null {
  const re = new RegExp(`(?<![\\d.．])${k}(?![\\d.．%％个项家条次万亿元年月日号天名人所户座台])[、.．]?(?=[\\u4e00-\\u9fff])`, 'g');
  re.lastIndex = from + 4;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (trailingBodies(body.slice(from, m.index))) return m.index;
  }
  return null;
}
