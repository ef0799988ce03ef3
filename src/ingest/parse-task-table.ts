import { parseOwnerList, type Owners } from './extract-owners.ts';
import { parseDeadline } from './parse-dates.ts';

/**
 * 任务分解表 rows → task rows. The header row is found by its labels (序号, 任务/工作内容, 责任单位,
 * 牵头单位, 配合单位, 完成时限/时间 …); header rows repeated at page breaks are skipped.
 *
 * Merged cells: a blank cell inherits the value in force in the row above **within the same group**
 * (the row's parent item, e.g. 2.2 for 2.2.3, or the 目标项目/类别 cell when refs are flat), never
 * across groups — a blank in a new group stays blank.
 */

export type Column = 'ref' | 'category' | 'project' | 'text' | 'units' | 'lead' | 'partners' | 'deadline' | 'measure' | 'goal' | 'progress' | 'leader' | 'ignore';

const HEADER_LABELS: Array<[Column, RegExp]> = [
  ['ref', /^(序号|编号|序|项目编号|任务编号)$/],
  ['category', /^(目标类别|类别|任务类别|工作类别|领域|分类|事项分类|项目类别|项目分类)$/],
  ['project', /^(目标项目|项目|重点任务|工作项目|任务项目|主要任务|工作要点)$/],
  // (A row's name — 事项名称, 项目名称 — is its task; a 项目内容 column after it only describes it.)
  ['text', /^(目标内容|任务内容|工作内容|工作任务|具体任务|任务|具体措施|工作措施|目标任务|主要内容|内容|任务名称|事项名称|项目名称|实事名称|实事项目|指标名称|主要指标|考核指标|具体指标|考核内容|职责|职责分工|主要职责|工作职责|职责任务|部门职责)$/],
  ['lead', /^(牵头单位|牵头部门|牵头|牵头责任单位|主要责任单位|主责单位|牵头科室)$/],
  ['units', /^(责任单位|责任部门|负责单位|实施单位|责任科室|落实单位|承办单位|责任股室|股室|责任处室|处室|责任股|涉及部门|相关部门|责任主体|责任分工)$/],
  ['partners', /^(配合单位|配合部门|参加单位|协办单位|协助单位|参与单位|协同配合单位|协同单位|配合责任单位|协办部门|参与部门|协同部门)$/],
  ['deadline', /^(完成时限|完成时间|时间要求|时限|时间节点|完成期限|进度要求|时间安排|建设时间|建设期限|建设年限|实施时间|实施期限|办结时限|活动时间|开展时间|推进时间|时间|日期|活动日期|举办时间|召开时间)$/],
  // An indicator's unit of measure and its figure for the year ("单位 | 年度目标"): a target of the row.
  ['measure', /^(单位|计量单位|指标单位)$/],
  ['goal', /^(年度目标|目标值|指标要求|指标值|年度指标|预期目标|预期指标|年度目标值|目标任务数|任务数|年度任务|((19|20)\d{2})年?目标(值)?)$/],
  // How far a task has got, in a progress report (进展情况, 1-11月推进情况, 截至9月底完成情况).
  ['progress', /^(当前进度|目前进度|工作进度|完成进度|推进进度|实施进度|进度|进展|工作进展|[^,，。]{0,12}(进展|推进|完成|进度)情况|(工作)?(进展|进度)[、和及与][^,，。]{1,8})$/],
  // Who scores a task is not who does it.
  // The leader a row names (牵头领导 王某某): a person, kept beside the row's units, never one of them.
  ['leader', /^(牵头领导|责任领导|分管领导|包保领导|联系领导|牵头市领导|牵头县领导|牵头区领导|市级领导|县级领导|区级领导|责任人|牵头人)$/],
  ['ignore', /^(分值|分数|考核分值|权重|评分部门|评分单位|考核部门|考核单位|监考单位|评价部门)$/],
];

/** A header cell's label: no spaces or colons, and no trailing note in brackets (责任股室(单位), 金额(万元)). */
const cellLabel = (cell: string) => cell.replace(/[\s:：|]/g, '').replace(/(?<=.{2})[(（][^()（）]{1,8}[)）]$/, '');
/** A header cell that names the task column in words of its own (目标与任务, 民生实事, 2022年预期目标, 重点工作任务分解). */
const TEXTISH = /^.{0,10}(任务|目标|内容|工作|事项|实事|要求|举措|措施|名称|任务分解|任务清单)$/;

/** A second task column that describes the row's task. */
const DESCRIBES = /^(项目内容|主要内容|工作内容|具体内容|建设内容|实施内容|任务内容|考核内容|具体措施|工作措施|主要措施|工作举措|具体任务|工作目标|具体目标|目标要求|工作要求|任务要求)$/;

/** The column a header cell names, or null. */
export function columnOf(cell: string): Column | null {
  const label = cellLabel(cell);
  return HEADER_LABELS.find(([, re]) => re.test(label))?.[0] ?? columnInOwnWords(label) ?? (TEXTISH.test(label) && !/领导|单位|部门|时限|时间/.test(label) ? 'text' : null);
}

/** An owner column in words of its own (责任主体与协同单位, 主要牵头部门): by its role word; a deadline (计划完成时间). */
function columnInOwnWords(label: string): Column | null {
  // ("计划开展时间 | 1月—12月": the work runs to the end of its period.)
  if (label.length <= 8 && /(完成|截止|办结|计划|开展|实施)(时间|时限|日期)$/.test(label)) return 'deadline';
  if (label.length > 12 || !/(单位|部门|主体|科室|股室)$/.test(label) || /评分|考核|监考|评价/.test(label)) return null;
  // (检查主体 / 执法主体: the body that does the work.)
  if (/(检查|执法|工作)主体$/.test(label)) return 'units';
  // (A joint inspection list: the 发起部门 starts it and leads, the 配合部门 take part.)
  return /配合|协同|协办|协助|参与|参加/.test(label) ? 'partners' : /牵头|主责|发起/.test(label) ? 'lead' : /责任|负责|实施|承办|落实/.test(label) ? 'units' : null;
}

/** Column roles of a header row, or null when the row is not a task-table header. */
export function readHeader(row: string[]): Array<Column | null> | null {
  const found0 = row.map(columnOf);
  // Only the first 任务-like cell is the task text — a second one that describes it (项目内容, 具体措施)
  // is read with it, so a question in its words finds the row.
  const cols = found0.map((c, i) => (c === 'text' && found0.indexOf('text') !== i ? (DESCRIBES.test(cellLabel(row[i]!)) ? 'text' : null) : c));
  // Who scores a task is not who does it — unless the table names no one else (目标任务 | 监考单位).
  if (!cols.some((c) => c === 'units' || c === 'lead')) {
    cols.forEach((c, i) => {
      if (c === 'ignore' && /(考核|监考|评价)(单位|部门)$/.test(cellLabel(row[i]!))) cols[i] = 'units';
    });
  }
  const found = new Set(cols.filter(Boolean));
  const hasOwner = found.has('units') || found.has('lead');
  const hasTask = found.has('text') || found.has('project');
  return found.size >= 2 && (hasOwner || found.has('deadline')) && hasTask ? cols : null;
}

export interface TableTaskRow {
  ref: string | null;
  /** An indicator row's figure and its unit of measure ("0.07" / "万亩"), when the table has them. */
  goal?: string | null;
  measure?: string | null;
  category: string | null;
  project: string | null;
  text: string;
  owners: Owners | null;
  deadline: string | null;
  deadlineText: string | null;
  /** Row index in the table (0-based, header included). */
  row: number;
  /** Which cells were inherited from the row above. */
  inherited: Array<'units' | 'deadline'>;
  /** Goals by year, when the table has a goal column per year. */
  goals?: Array<{ year: number; text: string }>;
  /** The row's progress cells, by their column's label. */
  progress?: Array<{ label: string; text: string }>;
  /** The leaders its 牵头领导/责任领导 cell names, as written, under the column's label. */
  leaders?: { label: string; names: string[] };
}

export interface ParsedTable {
  rows: TableTaskRow[];
  warnings: string[];
}

const REF_AT_START = /^(\d+(?:\.\d+)+)\s*[、.)]?\s*/;

/** Parses a table; returns null when no header row is found in its first rows. */
export function parseTaskTable(rows: string[][]): ParsedTable | null {
  const headerAt = rows.slice(0, 8).findIndex((r) => readHeader(r) !== null);
  if (headerAt < 0) return null;
  const cols = readHeader(rows[headerAt])!;
  const out: TableTaskRow[] = [];
  const warnings: string[] = [];
  const carry = new Carry();
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i];
    if (readHeader(row)) continue; // header repeated at a page break
    const cells = pick(cols, row);
    // The page cut the last row before its owner cells: it inherits nothing from the row above.
    const lastFilled = row.reduce((at, c, k) => ((c ?? '').trim() ? k : at), -1);
    const ownerAt = cols.findIndex((c) => c === 'lead' || c === 'units' || c === 'partners');
    if (i === rows.length - 1 && i > headerAt + 1 && ownerAt > 0 && lastFilled < ownerAt && lastFilled >= 0 && (row[lastFilled] ?? '').length >= 40 && !/[。;；]$/.test((row[lastFilled] ?? '').trim())) carry.owners = null;
    const parsed = toTaskRow(cells, i, carry, warnings);
    if (!parsed) continue;
    // Goals for several years ("2021年目标 | 2022年目标 | 2023年目标"): each with its column's year.
    const yearly = cols.flatMap((c, j) => {
      const y = c === 'goal' ? /((?:19|20)\d{2})/.exec(rows[headerAt][j] ?? '') : null;
      const v = (row[j] ?? '').trim();
      return y && v ? [{ year: Number(y[1]), text: v }] : [];
    });
    if (yearly.length >= 2) parsed.goals = yearly;
    const progress = cols.flatMap((c, j) => (c === 'progress' && row[j]?.trim() && !/^[-—/／无]$/.test(row[j].trim()) ? [{ label: rows[headerAt][j].replace(/\s+/g, ''), text: row[j].trim() }] : []));
    if (progress.length) parsed.progress = progress;
    const leaders = cols.flatMap((c, j) => (c === 'leader' && row[j]?.trim() && !/^[-—/／无]$/.test(row[j].trim()) ? row[j].trim().split(/[、,，;；\s]+/).filter(Boolean) : []));
    if (leaders.length) parsed.leaders = { label: rows[headerAt][cols.indexOf('leader')].replace(/\s+/g, ''), names: leaders };
    out.push(parsed);
  }
  return { rows: out, warnings };
}

type Cells = Partial<Record<Column, string>>;

function pick(cols: Array<Column | null>, row: string[]): Cells {
  const cells: Cells = {};
  cols.forEach((col, j) => {
    if (!col) return;
    const v = (row[j] ?? '').trim();
    cells[col] = cells[col] ? `${cells[col]} ${v}`.trim() : v;
  });
  return cells;
}

/** The values in force for merged-cell inheritance, reset when the group changes. */
class Carry {
  group: string | null = null;
  category: string | null = null;
  project: string | null = null;
  owners: string | null = null;
  deadline: string | null = null;
}

function toTaskRow(cells: Cells, index: number, carry: Carry, warnings: string[]): TableTaskRow | null {
  let text = cells.text ?? '';
  let ref = (cells.ref ?? '').replace(/[、.\s]+$/, '') || null;
  const refInText = REF_AT_START.exec(text);
  if (refInText) {
    ref ??= refInText[1];
    text = text.slice(refInText[0].length);
  }
  if (cells.category) carry.category = cells.category;
  if (cells.project) carry.project = cells.project;
  if (!text && !cells.project) return null;
  if (!text) text = cells.project!;
  const group = groupOf(ref, carry);
  if (group !== carry.group) {
    carry.group = group;
    carry.owners = null;
    carry.deadline = null;
  }
  const ownerCell = ownerText(cells);
  const inherited: TableTaskRow['inherited'] = [];
  if (ownerCell) carry.owners = ownerCell;
  else if (carry.owners) inherited.push('units');
  if (cells.deadline) carry.deadline = cells.deadline;
  else if (carry.deadline) inherited.push('deadline');
  const owners = carry.owners ? parseOwnerList(carry.owners) : null;
  if (!carry.owners) warnings.push(`第${index + 1}行${ref ? `(${ref})` : ''}没有责任单位`);
  return {
    ref,
    goal: cells.goal || null,
    measure: cells.measure && !/^[-—/]$/.test(cells.measure) ? cells.measure : null,
    category: carry.category,
    project: carry.project,
    text,
    owners,
    deadline: carry.deadline ? parseDeadline(carry.deadline) : null,
    deadlineText: carry.deadline,
    row: index,
    inherited,
  };
}

/** The merge group of a row: its parent item (2.2 for 2.2.3), else the 目标项目 or 类别 in force. */
function groupOf(ref: string | null, carry: Carry): string {
  if (ref && ref.includes('.')) return ref.slice(0, ref.lastIndexOf('.'));
  return carry.project ?? carry.category ?? '';
}

/** The owner cells of a row as one owner expression ("X牵头,Y参加" or a plain list). */
function ownerText(raw: Cells): string {
  // A cell is one list: its commas are list commas, its final stop ends nothing.
  const list = (v: string | undefined) => {
    const t = v?.replace(/[。;；,，\s]+$/, '');
    return t && !/牵头|负责|参加|配合|协助|协办|参与/.test(t) ? t.replace(/[,，;；]/g, '、') : t;
  };
  const cells = { lead: list(raw.lead), units: list(raw.units), partners: list(raw.partners) };
  const parts: string[] = [];
  if (cells.lead) parts.push(/牵头/.test(cells.lead) ? cells.lead : `${cells.lead}牵头`);
  // (Beside a lead or a partners column the 责任单位 are responsible — not partners by the next clause's role.)
  if (cells.units) parts.push((cells.lead || cells.partners) && !/负责|牵头|配合|参加|协办|协助|协同|协作/.test(cells.units) ? `${cells.units}负责` : cells.units);
  if (cells.partners) parts.push(/参加|配合|协办|协助|协同|协作/.test(cells.partners) ? cells.partners : `${cells.partners}配合`);
  return parts.join(',');
}
