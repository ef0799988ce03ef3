import { columnOf, readHeader } from './parse-task-table.ts';
import { isNoiseLine } from './strip-boilerplate.ts';
import { lookupPlace } from '../kb/place-names.ts';
import { BODY_JU, LEAD_MARK } from './extract-owners.ts';
import { withoutTrailingPipes } from './table-rows.ts';

/**
 * A task table pasted from a web page or PDF arrives one cell per line:
 *   序号 / 民生实事 / 责任单位 / 完成时限 / 1 / 启动建设… / 县水务局 / 县住建局 / 12月底前 / 2 / …
 * (sometimes with a trailing "|" per cell). The header is a run of short label lines starting at 序号;
 * each row starts with its number (1, 2, 3 … or continuing, e.g. 80, 81) and its cells follow. When a
 * row has as many cells as the header it is read by position; otherwise its first cell is the task, a
 * date-like cell the deadline, and the remaining cells its units — never guessed beyond that.
 */

export interface CellLine {
  text: string;
  line: number;
}

export interface CellTable {
  rows: string[][];
  line: number;
  /** Indexes (into the given lines) that the table consumed. */
  consumed: number[];
}

const REF_LABEL = /^(序号|编号|序)$/;
const BARE_NUMBER = /^\d{1,3}$/;
const DAY = '(?:\\d{4}\\s*年)?\\s*(?:\\d{1,2}\\s*月(?:\\d{1,2}\\s*日)?|年)?';
/** A deadline or a period as a cell states it: 6月底前, 2024年12月, 9月1日-2日, 5-12月, 长期. */
const DEADLINE_CELL = new RegExp(
  `^${DAY}\\s*(?:底|末|上旬|中旬|下旬|内)?\\s*(?:前|以前)?\\s*(?:完成|投入使用|动工|开工|建成)?$` +
    `|^(?:\\d{4}\\s*年)?\\s*\\d{1,2}\\s*(?:月(?:\\d{1,2}\\s*日)?)?\\s*[-—~～至到]\\s*(?:\\d{4}\\s*年)?\\s*\\d{1,2}\\s*[月日](?:\\d{1,2}\\s*日)?(?:底|前)?$` +
    '|^(?:长期|持续推进|年底前|每季度|每月|全年|常态化)[\\u4e00-\\u9fff]{0,6}$',
);
const MAX_ROW_CELLS = 30;
/** What a header cell looks like even when its column is not one duban reads ("当前进度", "建设地点"). */
const LABELISH = /(单位|部门|时限|时间|内容|进度|情况|名称|目标|指标|备注|说明|达序|类别|分类|类型|等级|级别|权重|标准|要求|依据|方式|形式|事项|项目|任务|措施|领导|数|值|量|率|比|地点|规模|投资|金额|编号|序号|考核|评分|评价|领域|对象|层级|范围|频次|步骤|成效|举措|方式|方法|分工|计划|安排)$/;
/** A section row inside a table: 一、… / (一)… / 第一部分 …. */
const SECTION_ROW = /^([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+(部分|章))/;

/**
 * A task written as a form, each field's label on a line of its own and its value on the next:
 *   具体任务 / 全面落实… / 责任单位 / 卫健局、文旅局 / 配合单位 / 各乡镇 / 完成时限 / 12月底前
 * — one row per record, a new record where its first label comes again. At least a task field and an
 * owner field (or a deadline); values are never labels themselves.
 */
function readLabelCards(lines: CellLine[], start: number): CellTable | null {
  const labelOf = (k: number) => {
    const t = cellText(lines[k]?.text ?? '').replace(/[:：]$/, '');
    return t.length <= 8 && !/[,，。;；、]/.test(t) && columnOf(t) ? t : null;
  };
  const first = labelOf(start);
  if (!first) return null;
  const labels: string[] = [];
  const rows: string[][] = [];
  const consumed: number[] = [];
  let row: string[] = [];
  let k = start;
  while (k + 1 < lines.length) {
    const label = labelOf(k);
    // (A label's value is never empty: "序号" / "|" / "项目" / "|" is a header with its pipes, no card.)
    if (!label || labelOf(k + 1) || !cellText(lines[k + 1].text)) break;
    if (label === first && row.length) {
      rows.push(row);
      row = [];
    }
    let col = labels.indexOf(label);
    if (col < 0) {
      if (rows.length) break;
      col = labels.push(label) - 1;
    }
    row[col] = cellText(lines[k + 1].text);
    consumed.push(k, k + 1);
    k += 2;
  }
  if (row.length) rows.push(row);
  if (labels.length < 2 || !readHeader(labels)) return null;
  return { rows: [labels, ...rows.map((r) => labels.map((_, c) => r[c] ?? ''))], line: lines[start].line, consumed };
}

const cellText = (s: string) => withoutTrailingPipes(s).replace(/^\|\s*/, '').trim();

export function findCellTables(lines: CellLine[]): CellTable[] {
  const out: CellTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cards = readLabelCards(lines, i);
    if (cards) {
      out.push(cards);
      i = cards.consumed[cards.consumed.length - 1];
      continue;
    }
    const spaced = readSpacedTable(lines, i);
    if (spaced) {
      out.push(spaced);
      i = spaced.consumed[spaced.consumed.length - 1];
      continue;
    }
    const spacedHeader = headerCellsBeforeCells(lines, i);
    if (spacedHeader) {
      // "序号 涉及部门 职责分工" on one line, then one cell per line: the header's cells as lines of their own.
      const expanded = [...spacedHeader.map((text) => ({ text, line: lines[i].line })), ...lines.slice(i + 1)];
      const table = readTable(expanded, 0);
      if (table) {
        const consumed = [...new Set(table.consumed.map((k) => (k < spacedHeader.length ? i : i + 1 + k - spacedHeader.length)))];
        out.push({ ...table, line: lines[i].line, consumed });
        i = consumed[consumed.length - 1];
        continue;
      }
    }
    if (!REF_LABEL.test(cellText(lines[i].text).replace(/\s+/g, ''))) {
      const plain = readUnnumberedTable(lines, i);
      if (plain) {
        out.push(plain);
        i = plain.consumed[plain.consumed.length - 1];
      }
      continue;
    }
    const table = readTable(lines, i);
    if (table) {
      out.push(table);
      i = table.consumed[table.consumed.length - 1];
    }
  }
  return out;
}

/** A header on one line ("序号 涉及部门 职责分工") whose rows follow one cell per line: its cells, or null. */
function headerCellsBeforeCells(lines: CellLine[], at: number): string[] | null {
  const cells = lines[at].text.trim().split(/\s+/);
  if (cells.length < 3 || cells.length > 10 || !REF_LABEL.test(cells[0])) return null;
  if (!cells.every((c) => columnOf(c) || LABELISH.test(c))) return null;
  const next = lines.slice(at + 1).find((l) => cellText(l.text));
  return next && BARE_NUMBER.test(cellText(next.text)) ? cells : null;
}

/**
 * The same table with a row per line, cells apart by spaces: "序号 工作任务 牵头单位 配合单位 完成时限" then
 * "1 建设检验检测平台 市市场监管局 市发改局、市财政局 2024年6月底前".
 */
function readSpacedTable(lines: CellLine[], start: number): CellTable | null {
  // A page may run the text before the table into its header line ("…合力推进. 附件:…分解表 序号 名称 …").
  const text = lines[start].text.trim();
  const at = text.lastIndexOf('序号');
  const header = mergeSplitLabels((at > 0 && text.length - at <= 60 && /\s$/.test(text.slice(0, at)) ? text.slice(at) : text).split(/\s+/));
  if (header.length < 3 || header.length > 10 || !REF_LABEL.test(header[0])) return null;
  const cols = header.map((h) => columnOf(h));
  // A progress report names each row's body in its 备注 column ("…139.1% 人力资源社会保障局").
  const remarkAt = header.findIndex((h) => /^(备注|说明)$/.test(h));
  if (!cols.some((c) => c === 'lead' || c === 'units' || c === 'partners') && remarkAt >= 0 && remarkNamesBodies(lines, start, remarkAt)) {
    cols[remarkAt] = 'units';
    header[remarkAt] = '责任单位(备注)';
  }
  // (A header cell duban does not read, "名称", is still a header cell when it reads as a label.)
  // (A figure's column may carry its unit: "1-8月实际完成率%", "金额(万元)".)
  if (cols.some((c, k) => c === null && !LABELISH.test(header[k].replace(/(%|[(（][^()（）]{1,6}[)）])$/, ''))) || !cols.includes('text')) return null;
  if (!cols.some((c) => c === 'lead' || c === 'units' || c === 'partners')) return null;
  const rows: string[][] = [header];
  const consumed = [start];
  // The cells of the row read last, as split: a cell the page broke onto lines of its own joins them.
  let last: { ref: string; cells: string[] } | null = null;
  const ownerAt = cols.findIndex((c) => c === 'lead' || c === 'units' || c === 'partners');
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i].text.trim();
    // Section rows between rows ("一、经济社会发展主要预期目标分解(11项)").
    if (SECTION_ROW.test(line) && line.length <= 40 && /^(\d{1,3})[\s、.]/.test(lines[i + 1]?.text.trim() ?? '')) {
      consumed.push(i);
      continue;
    }
    const m = /^(\d{1,3})[\s、.]+(.+)$/.exec(line);
    // An owner cell that held two lines ("2 一般公共预算收入增长5%左右。 区财政局" / "区税务局" / "区政府有关
    //部门,…"): the lines after the row are its cells — the row's own owner cell takes what the row has
    // too many of (its line break was inside that cell).
    if (!m && last && line && !/\s/.test(line) && fitsOf(line)('units') >= 3 && line.length <= 200) {
      last.cells.push(line);
      const extra = last.cells.length - (cols.length - 1);
      const at = ownerAt - (cols.indexOf('ref') >= 0 && cols.indexOf('ref') < ownerAt ? 1 : 0);
      const cells = extra > 0 && at >= 1 && at + extra < last.cells.length ? [...last.cells.slice(0, at), last.cells.slice(at, at + extra + 1).join('、'), ...last.cells.slice(at + extra + 1)] : last.cells;
      rows[rows.length - 1] = alignRow(last.ref, cells, cols, true);
      consumed.push(i);
      continue;
    }
    // A row continuing the item above without its number ("孕产妇免费产前筛查 万人 3.31 3.49 105.3% 卫健委").
    const more = !m && rows.length > 1 && line.split(/\s+/).length >= 3 && !/[。;；]/.test(line) && line.length <= 120 ? line : null;
    if (!m && !more) break;
    const cells = (m ? m[2] : more!).split(/\s+/);
    const ref = m ? m[1] : rows[rows.length - 1][0];
    const placed = cells.length < cols.length - 1 ? joinedText(cells) : cells;
    last = { ref, cells: [...placed] };
    rows.push(alignRow(ref, placed, cols, true));
    consumed.push(i);
  }
  return rows.length > 1 ? { rows, line: lines[start].line, consumed } : null;
}

/** Labels a page split at a space: "单 位" → 单位, "备  注" → 备注. */
function mergeSplitLabels(cells: string[]): string[] {
  const out: string[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last !== undefined && last.length === 1 && c.length === 1 && (columnOf(last + c) || LABELISH.test(last + c) || /^(备注|说明)$/.test(last + c))) out[out.length - 1] = last + c;
    // "1-" / "8月实际完成情况": a period the page broke at its dash.
    else if (last !== undefined && /^\d{1,2}\s*[-—~至]$/.test(last) && /^\d{1,2}月/.test(c)) out[out.length - 1] = last + c;
    else out.push(c);
  }
  return out;
}

/** Most rows below the header end with a body's name (the 备注 column holds the responsible body). */
function remarkNamesBodies(lines: CellLine[], start: number, remarkAt: number): boolean {
  let rows = 0;
  let bodies = 0;
  for (let i = start + 1; i < lines.length && rows < 20; i++) {
    const m = /^(\d{1,3})[\s、.]+(.+)$/.exec(lines[i].text.trim());
    if (!m) continue;
    rows++;
    const last = m[2].split(/\s+/).at(-1) ?? '';
    if (remarkAt > 0 && fitsOf(last)('units') >= 3) bodies++;
  }
  return rows >= 2 && bodies * 2 >= rows;
}

/**
 * A row with fewer cells than the header ("1 地区生产总值增长7%以上,服务业增加值占GDP比重47.1%. 发改委"):
 * the trailing unit and deadline cells stay cells, what precedes them is the task as one cell.
 */
function joinedText(cells: string[]): string[] {
  let b = cells.length;
  while (b > 1 && (OWNER_CELL(cells[b - 1]) || DEADLINE_CELL.test(cells[b - 1]))) b--;
  return b === cells.length ? cells : [cells.slice(0, b).join(' '), ...cells.slice(b)];
}

function readTable(lines: CellLine[], start: number): CellTable | null {
  const header: string[] = [];
  let i = start;
  for (; i < lines.length && header.length < 10; i++) {
    const t = cellText(lines[i].text);
    if (!t) continue;
    if ((BARE_NUMBER.test(t) || SECTION_ROW.test(t)) && header.length >= 3) break;
    // "农业高质高效" then "1": a merged category cell before the first row, not a header cell.
    if (header.length >= 3 && !columnOf(t.replace(/\s+/g, '')) && !LABELISH.test(t.replace(/\s+/g, '')) && BARE_NUMBER.test(cellText(lines[i + 1]?.text ?? ''))) break;
    if (t.length > 16) return null;
    // A merged category cell printed a character a line ("园" / "区" / "化" …) before the first row.
    if (header.length >= 3 && t.length === 1 && cellText(lines[i + 1]?.text ?? '').length === 1 && !BARE_NUMBER.test(t)) {
      while (i < lines.length && cellText(lines[i].text).length === 1 && !BARE_NUMBER.test(cellText(lines[i].text))) i++;
      break;
    }
    // A label broken where the page wrapped it: "序" / "号", "2021年" / "目标".
    const last = header[header.length - 1]?.replace(/\s+/g, '');
    if (last !== undefined && (last.length <= 2 || t.length <= 2) && columnOf(last + t) && (!columnOf(t) || /^(19|20)\d{2}年$/.test(last))) {
      header[header.length - 1] = last + t;
      continue;
    }
    // A label broken over two lines: "责任股室" / "(单位)", "责任" / "科室", "第二季度" / "完成情况".
    const prev = header[header.length - 1]?.replace(/\s+/g, '');
    const broken = prev !== undefined && header.length > 1 && prev.length <= 4 && !columnOf(prev) && !LABELISH.test(prev);
    if (header.length > 0 && (/^[(（][^()（）]{1,8}[)）]$/.test(t) || broken)) header[header.length - 1] += t;
    else header.push(t);
  }
  const cols = header.map((h) => columnOf(h.replace(/\s+/g, '')));
  // A table whose one task column is 主要任务/重点任务 reads it as the task.
  if (!cols.includes('text') && cols.includes('project')) cols[cols.indexOf('project')] = 'text';
  if (!cols.includes('text') || !(cols.includes('units') || cols.includes('lead') || cols.includes('deadline'))) return null;
  const rows: string[][] = [header];
  const consumed: number[] = [];
  for (let k = start; k < i; k++) consumed.push(k);
  // Section rows ("一、主要预期目标") sit between rows; the numbering may run on across them.
  // Only section rows the table goes on after: "三、进度安排" after the last row is the next chapter.
  const skipSections = () => {
    let j = i;
    // (Lines that are only the cells' pipes, "||||", stand between rows too.)
    while (j < lines.length && (SECTION_ROW.test(cellText(lines[j].text)) || (j > i && !cellText(lines[j].text) && /\|/.test(lines[j].text)))) j++;
    // A category cell on its own line before the next row ("农业高质高效" / "1").
    if (j === i && j + 1 < lines.length && !BARE_NUMBER.test(cellText(lines[j].text)) && cellText(lines[j].text).length <= 12 && BARE_NUMBER.test(cellText(lines[j + 1].text))) j++;
    if (j === i || j >= lines.length || !BARE_NUMBER.test(cellText(lines[j].text))) return false;
    while (i < j) consumed.push(i++);
    return true;
  };
  skipSections();
  let ref = Number(cellText(lines[i]?.text ?? ''));
  while (i < lines.length && BARE_NUMBER.test(cellText(lines[i].text)) && Number(cellText(lines[i].text)) === ref) {
    const cells: string[] = [];
    const at: number[] = [i];
    let j = i + 1;
    let next = false;
    let restart: number | null = null;
    // (A row that holds numbered items of its own — (1)…, (2)… each with its owners — may run longer.)
    for (; j < lines.length && cells.length <= rowLimit(cells); j++) {
      const t = cellText(lines[j].text);
      if (!t) continue;
      // (A figure cell may equal the next row's number: "2" then "5" is a row's 2022 and 2023 targets.)
      if (BARE_NUMBER.test(t) && Number(t) === ref + 1 && !figureCell(lines, j, cells, cols.length)) {
        next = true;
        break;
      }
      // A list of selected rows (6, 52, 53 …): a larger number after a full row, a task after it.
      if (BARE_NUMBER.test(t) && Number(t) > ref + 1 && Number(t) <= ref + 100 && cells.length >= Math.min(3, cols.length - 1) && opensRow(lines, j)) {
        next = true;
        break;
      }
      if (SECTION_ROW.test(t)) {
        next = true;
        break;
      }
      // A row of numbered items ends where a number opens the next such row, its numbering restarted or
      // not ("1 | 主要预期目标 | 1.… | 2.… … 1 | 筑牢经济发展底座 | 12.…").
      if (BARE_NUMBER.test(t) && Number(t) !== ref + 1 && subItemCount(cells) >= 2 && opensItemRow(lines, j)) {
        next = true;
        restart = Number(t);
        break;
      }
      // (An empty cell's dash, "-", is a cell, not page noise.)
      if (isNoiseLine(t) && !BLANK_CELL.test(t)) break;
      // The header printed again (a page break, or the table's pipe copy): the rows end here.
      if (repeatsHeader(t, lines[j + 1]?.text)) break;
      cells.push(t);
      at.push(j);
    }
    // The last row ends where its cells stop looking like cells: what follows the table is text.
    if (!next) trimLastRow(cells, at, cols.length - 1);
    if (cells.length === 0 || cells.length > rowLimit(cells)) break;
    // A last row the page cut before its owner cells ("73 / 大力推进…" and the text ends) is no row: it
    // would take the owners of the row above.
    const ownerCols = cols.some((c) => c === 'lead' || c === 'units' || c === 'partners');
    if (!next && j >= lines.length && ownerCols && rows.length > 1 && !cells.some((c) => fitsOf(c)('units') >= 3)) break;
    const merged = withBracketNotes(cells);
    const items = subItemRows(String(ref), merged, cols);
    if (items) rows.push(...items.map((r) => alignRow(r.ref, r.cells, cols, false, header)));
    else rows.push(alignRow(String(ref), merged, cols, false, header));
    consumed.push(...at);
    i = j;
    ref = restart ?? (next && i < lines.length && BARE_NUMBER.test(cellText(lines[i].text)) && Number(cellText(lines[i].text)) > ref ? Number(cellText(lines[i].text)) : ref + 1);
    // After a section row the next row keeps its own number.
    if (skipSections() && i < lines.length && BARE_NUMBER.test(cellText(lines[i].text)) && Number(cellText(lines[i].text)) > ref - 1) {
      ref = Number(cellText(lines[i].text));
    }
  }
  return rows.length > 1 ? { rows, line: lines[start].line, consumed } : null;
}

/**
 * A table without a 序号 column, one cell per line — a score grid (考核项目 / 分值 / 目标任务 / 监考单位) or a
 * task list (重点任务 / 牵头单位 / 配合单位 / 完成时限). Its header is a run of three or more label lines (or
 * one line of labels) naming a task column and an owner column. With no numbers to open rows, a row ends
 * where its owner and deadline cells end: the first cell after them that is neither opens the next row.
 * A row that never reaches an owner cell ends the table (what follows is text again).
 */
function readUnnumberedTable(lines: CellLine[], start: number): CellTable | null {
  const first = cellText(lines[start].text);
  const oneLine = first.split(/\s+/);
  const isLabel = (t: string) => t.length <= 10 && !/[。;；,，:：]/.test(t) && (columnOf(t) !== null || LABELISH.test(t));
  let header: string[];
  let i: number;
  if (oneLine.length >= 3 && oneLine.length <= 8 && oneLine.every(isLabel)) {
    header = oneLine;
    i = start + 1;
  } else {
    header = [];
    for (i = start; i < lines.length && header.length < 8; i++) {
      const t = cellText(lines[i].text).replace(/\s+/g, '');
      if (!isLabel(t)) break;
      header.push(t);
    }
  }
  if (header.length < 3) return null;
  const cols = readHeader(header);
  if (!cols || !cols.some((c) => c === 'lead' || c === 'units' || c === 'partners') || cols.includes('ref')) return null;
  // The header's last owner or deadline column closes a row: only those may follow the task's cells.
  const lastOwner = Math.max(...cols.map((c, k) => (c === 'lead' || c === 'units' || c === 'partners' || c === 'deadline' ? k : -1)));
  if (cols.slice(lastOwner + 1).some((c) => c !== null && c !== 'ignore')) return null;
  const rowCols = [...cols];
  if (!rowCols.includes('text') && rowCols.includes('project')) rowCols[rowCols.indexOf('project')] = 'text';
  const closing = (t: string) => {
    const f = fitsOf(t);
    return f('units') >= 3 || f('date') >= 4;
  };
  const rows: string[][] = [header];
  const raw: string[][] = [];
  const consumed: number[] = [];
  for (let k = start; k < i; k++) consumed.push(k);
  while (i < lines.length) {
    const cells: string[] = [];
    const at: number[] = [];
    let closed = false;
    let j = i;
    for (; j < lines.length && cells.length <= header.length + 2; j++) {
      const t = cellText(lines[j].text);
      if (!t) continue;
      if (isNoiseLine(t)) break;
      if (closed && !closing(t)) break;
      // (A task cell comes before its owners: a unit first is a merged cell carried down, read as a unit.)
      if (closing(t) && cells.some((c) => !closing(c) && !/^[\d.]+分?$/.test(c))) closed = true;
      cells.push(t);
      at.push(j);
    }
    if (!closed) break;
    rows.push(alignByType(cells, rowCols, header) ?? cells);
    raw.push(cells);
    consumed.push(...at);
    i = j;
  }
  if (rows.length < 2) return null;
  // Rows whose item cell carries its number ("1. 市、县政府成立…", "*3. …"): that cell is the task, its
  // number the row's 序号 — the other long cells (建设内容, 考评标准) describe it.
  const numbered = raw.map((cells) => cells.find((c) => NUMBERED_CELL.test(c)));
  if (numbered.filter(Boolean).length * 2 >= raw.length) {
    const textAt = rowCols.indexOf('text');
    const out = [['序号', ...header]];
    rows.slice(1).forEach((row, k) => {
      const cell = numbered[k];
      const m = cell ? NUMBERED_CELL.exec(cell)! : null;
      const next = [...row];
      if (m && textAt >= 0) next[textAt] = cell!.slice(m[0].length).trim();
      out.push([m ? m[1] : '', ...next]);
    });
    return { rows: out, line: lines[start].line, consumed };
  }
  return { rows, line: lines[start].line, consumed };
}

/** A cell that opens with its item number: "1. …", "*3. …", "12、…". */
const NUMBERED_CELL = /^\*?\s*(\d{1,3})\s*[.、．]\s*(?=[\u4e00-\u9fff])/;

/** A header label again, with another label on the next line ("重点 任务 |" / "序 号 |"). */
function repeatsHeader(t: string, next: string | undefined): boolean {
  const label = (s: string) => {
    const flat = cellText(s).replace(/\s+/g, '');
    return flat.length <= 8 && columnOf(flat) !== null;
  };
  return label(t) && next !== undefined && label(next);
}

/**
 * The number at `at` is a figure cell of the row, not the next row's number: the row has no owner cell
 * yet, and a figure or the row's owners follow the number where a task would open a row.
 */
function figureCell(lines: CellLine[], at: number, cells: string[], columns: number): boolean {
  if (cells.length === 0 || cells.some((c) => fitsOf(c)('units') >= 3)) return false;
  for (let k = at + 1; k < lines.length; k++) {
    const t = cellText(lines[k].text);
    // (Owners after the number close a row of figures: "1" / "3" / "县农业农村局…负责".)
    const figures = cells.some((c) => BARE_NUMBER.test(c) || FIGURE_CELL.test(c.replace(/\s+/g, '')));
    // (…or close a row still short of its cells: "新增…主体(个)" / "启动" / "2" / "县农业农村局…".)
    if (t) return BARE_NUMBER.test(t) || FIGURE_CELL.test(t.replace(/\s+/g, '')) || ((figures || cells.length < columns - 2) && fitsOf(t)('units') >= 3 && !BLANK_CELL.test(t));
  }
  return false;
}

/** The number at `at` opens a row: the next cell reads as a task (long, no unit, no date). */
function opensRow(lines: CellLine[], at: number): boolean {
  for (let k = at + 1; k < lines.length; k++) {
    const t = cellText(lines[k].text);
    if (!t) continue;
    return t.length >= 8 && fitsOf(t)('units') < 3 && !DEADLINE_CELL.test(t.replace(/\s+/g, ''));
  }
  return false;
}

const TASK_WORDS = /建设|开展|推进|实施|完成|加快|提升|新建|启动|开工|打造|建成/;
const UNIT_CELL = new RegExp(`^[\\u4e00-\\u9fff()、“”]{2,24}(${BODY_JU}|委|办|部|院|会|厅|中心|政府|管委会|公司|集团|所|站|队|街道|镇|乡|社|指挥部|股|股室|馆|小组|室|处|科|分行|支行|海关)(?:\\([\\u4e00-\\u9fff、]{1,12}\\))?$|^[\\u4e00-\\u9fff]{0,8}(妇联|残联|侨联|文联|工商联|科协|团委)$|^[\\u4e00-\\u9fff]{0,8}(开发区|经开区|高新区|新区|园区|科技园|产业园|工业园)(?:\\([\\u4e00-\\u9fff、]{1,12}\\))?$`);
/** A cell of an owner column: a unit, a list of units, or blank ("/"). */
/** An empty cell as tables write it. */
const BLANK_CELL = /^[/／无\-—―－]$/;
const OWNER_CELL = (c: string) => BLANK_CELL.test(c) || UNIT_CELL.test(c) || (/[、,，]/.test(c) && c.split(/[、,，]/).every((p) => UNIT_CELL.test(p.trim())));

/** A numbered item inside a row's cell: "(1)地区生产总值…", "（2）…", "3.规上工业…", "4、…". */
const SUB_ITEM = /^(?:[(（](\d{1,2})[)）]|(\d{1,2})[.．、](?!\d))\s*(?=[\u4e00-\u9fff“《])/;
/** A cell that is a numbered item (long enough to be a task, not a figure). */
const isItemCell = (c: string) => SUB_ITEM.test(c) && c.length >= 8;
const subItemCount = (cells: string[]) => cells.filter(isItemCell).length;
const rowLimit = (cells: string[]) => MAX_ROW_CELLS * (1 + subItemCount(cells));

/** "应急管理局" / "(安委办)", "高新园" / "(邹区镇)": a bracketed line after a unit is part of its name. */
function withBracketNotes(cells: string[]): string[] {
  const out: string[] = [];
  for (const c of cells) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^[(（][\u4e00-\u9fff、]{1,12}[)）]$/.test(c) && !/[。;；]$/.test(prev) && prev.length <= 24 && !SUB_ITEM.test(prev)) out[out.length - 1] = prev + c;
    else out.push(c);
  }
  return out;
}

/**
 * A row whose task cell holds numbered items, each followed by its own leader and owner cells
 * ("1 | 主要预期目标 | (1)地区生产总值增长6%左右。 | 王旭锋 | 发改局 | 统计局 | (2)一般公共预算收入… | 财政局 …"):
 * one row per item, its ref the row's number and the item's ("1(1)", "1.2"); the cells before the first
 * item (the row's 项目) head each of them where the table has a column for it. An item without owner cells
 * shares the item's above (the page merged the cell down). Null when the row has fewer than two items, or
 * no item is followed by an owner cell.
 */
function subItemRows(ref: string, cells: string[], cols: Array<ReturnType<typeof columnOf>>): Array<{ ref: string; cells: string[] }> | null {
  const starts = cells.map((c, k) => (isItemCell(c) ? k : -1)).filter((k) => k >= 0);
  // (One item is a row of items too when only the row's short 项目 cell stands before it.)
  if (starts.length === 0 || (starts.length === 1 && (starts[0] === 0 || cells.slice(0, starts[0]).some((c) => c.length > 16)))) return null;
  const nums = starts.map((k) => { const m = SUB_ITEM.exec(cells[k])!; return Number(m[1] ?? m[2]); });
  // The items count up (1, 2, 3 … or on from an earlier row's).
  if (nums.some((n, i) => i > 0 && n !== nums[i - 1] + 1)) return null;
  const ownerCol = cols.some((c) => c === 'lead' || c === 'units' || c === 'partners');
  const isOwner = (c: string) => fitsOf(c)('units') >= 3;
  const groups = starts.map((k, i) => cells.slice(k, starts[i + 1] ?? cells.length));
  if (!ownerCol || !groups.some((g) => g.slice(1).some(isOwner))) return null;
  const head = cells.slice(0, starts[0]);
  const keepsHead = cols.indexOf('project') >= 0 && cols.indexOf('project') < cols.indexOf('text');
  let shared: string[] = [];
  return groups.map((g, i) => {
    const m = SUB_ITEM.exec(g[0])!;
    const paren = m[1] !== undefined;
    const text = g[0].slice(m[0].length);
    let rest = g.slice(1);
    if (rest.some(isOwner)) shared = rest;
    else rest = [...rest, ...shared.filter(isOwner)];
    // (Items numbered through the table keep their own numbers; items numbered afresh in each row are
    // the row's: "1(2)", "3.2".)
    const own = !paren && (nums[0] > 1 || ref === '1');
    return { ref: paren ? `${ref}(${nums[i]})` : own ? String(nums[i]) : `${ref}.${nums[i]}`, cells: [...(keepsHead ? head : []), text, ...rest] };
  });
}

/** The number at `at` opens a row of numbered items: a numbered item follows it, or a short 项目 cell and then one. */
function opensItemRow(lines: CellLine[], at: number): boolean {
  const after: string[] = [];
  for (let k = at + 1; k < lines.length && after.length < 2; k++) {
    const t = cellText(lines[k].text);
    if (t) after.push(t);
  }
  return SUB_ITEM.test(after[0] ?? '') || ((after[0] ?? '').length <= 16 && !SUB_ITEM.test(after[0] ?? '') && SUB_ITEM.test(after[1] ?? ''));
}

/** Keeps the header's number of cells, and after them only unit names and deadlines. */
function trimLastRow(cells: string[], at: number[], columns: number): void {
  // (A row of numbered items keeps them all, up to the cells that follow its last item.)
  const lastItem = subItemCount(cells) >= 2 ? cells.reduce((k, c, n) => (isItemCell(c) ? n : k), -1) : -1;
  let keep = lastItem >= 0 ? lastItem + 1 : Math.min(cells.length, columns);
  if (lastItem >= 0) while (keep < cells.length && (PERSON_CELL.test(cells[keep]) || fitsOf(cells[keep])('units') >= 3)) keep++;
  while (keep < cells.length && (UNIT_CELL.test(cells[keep]) || DEADLINE_CELL.test(cells[keep].replace(/\s+/g, '')))) keep++;
  cells.length = keep;
  at.length = keep + 1; // the row's number line, then one line per cell
}

/** One row's cells placed under the header's columns. */
function alignRow(ref: string, cells: string[], cols: Array<ReturnType<typeof columnOf>>, spaced = false, labels: string[] = []): string[] {
  const typed = spaced ? null : alignByType(cells, cols, labels);
  if (typed) {
    const refAt = cols.indexOf('ref');
    if (refAt >= 0) typed[refAt] = ref;
    return typed;
  }
  const row = cols.map(() => '');
  const refAt = cols.indexOf('ref');
  if (refAt >= 0) row[refAt] = ref;
  const rest = cols.map((c, k) => (k === refAt ? -1 : k)).filter((k) => k >= 0);
  const put = (col: string, value: string) => {
    const k = cols.indexOf(col as never);
    if (k >= 0) row[k] = row[k] ? `${row[k]}、${value}` : value;
  };
  if (cells.length === rest.length) {
    rest.forEach((k, n) => (row[k] = cells[n]));
    return row;
  }
  // A row whose cells broke at spaces inside them ("加强水资源保 护", "严守用水 效率控制 红线"): what is
  // before the long measure cell is the task, the cells after it fill the owner columns in order.
  const lastText = cols.lastIndexOf('text');
  const ownerCols = cols.map((c, k) => (k > lastText && c && c !== 'ref' ? k : -1)).filter((k) => k >= 0);
  // (The measure reads as sentences; a long cell of unit names ending in 政府/管委会 is no measure.)
  const sentence = cells.reduce((at, c, k) => (/[。;；]/.test(c) ? k : at), -1);
  const measure = sentence >= 0 ? sentence : cells.reduce((at, c, k) => (c.length >= 25 && !/(局|委|办|厅|政府|管委会|单位|部门)$/.test(c) ? k : at), -1);
  const after = cells.length - measure - 1;
  if (spaced && lastText >= 0 && measure >= 0 && ownerCols.length >= 2 && after >= 1 && after <= ownerCols.length) {
    row[cols.indexOf('text')] = cells.slice(0, measure + 1).join(' ');
    cells.slice(measure + 1).forEach((c, n) => (row[ownerCols[n]] = c));
    return row;
  }
  put('text', cells[0]);
  const owners: string[] = [];
  for (const c of cells.slice(1)) {
    if (cols.includes('deadline') && DEADLINE_CELL.test(c.replace(/\s+/g, ''))) put('deadline', c);
    // A line that reads as a task ("开工建设老年大学") is no unit: a merged row the table lost.
    else if (!UNIT_CELL.test(c) && TASK_WORDS.test(c)) continue;
    // (In a row of spaced cells only what reads as a body is one: figures and units of measure are not.)
    else if (spaced && (BLANK_CELL.test(c) || fitsOf(c)('units') < 3)) continue;
    else owners.push(c);
  }
  const ownerCol = cols.includes('lead') ? 'lead' : 'units';
  if (ownerCol === 'lead' && owners.length > 1) {
    put('lead', owners[0]);
    owners.slice(1).forEach((o) => put(cols.includes('partners') ? 'partners' : 'units', o));
  } else owners.forEach((o) => put(ownerCol, o));
  return row;
}

/** What a column holds, for placing a row's cells by their type. */
type Slot = 'text' | 'more' | 'short' | 'date' | 'units' | 'scorer' | 'person' | 'figure' | 'measure' | 'progress' | 'any';

function slotOf(col: ReturnType<typeof columnOf>, label: string): Slot {
  switch (col) {
    case 'text':
      return 'text';
    case 'category':
    case 'project':
      return 'short';
    case 'deadline':
      return 'date';
    case 'lead':
    case 'units':
    case 'partners':
      return 'units';
    case 'goal':
      return 'figure';
    case 'measure':
      return 'measure';
    case 'ignore':
      // (Who scores a task — 评分部门 — takes unit cells only after the owner columns have theirs.)
      return /领导/.test(label) ? 'person' : 'scorer';
    case 'progress':
      return 'progress';
    default:
      return 'any';
  }
}

/** A list of bodies as an owner cell writes them, loosely: 各股室、委属部门单位, 相关街道. */
const LOOSE_UNIT = /(单位|部门|股室|科室|处室|街道|乡镇|镇街|政府|公司|办事处)$|^各[\u4e00-\u9fff()（）、]{0,8}(县|市|区|镇|乡|街道|旗|\)|）)$/;
/** A count of things to make or reach ("260家以上", "30个"): a goal's words, never a body's name. */
const COUNTED = /\d+(?:\.\d+)?\s*(?:家|个|项|座|条|人|万|亿|%)(?:以上|左右|以内)?/;
/** A cell that says what is done ("成功创建首批美丽城镇") is no unit, whatever it ends with. */
const DOING = new RegExp(`${TASK_WORDS.source}|创建|成功|确保`);
/** A cell that opens with building something ("新(改)建村卫生室", "扩建…中心") names a work, not a body. */
const BUILDS = /^[新改扩迁续][(（]?[改扩迁、]*[)）]?建/;
/** One or two leaders' names: 夏俊贵, 周 斐, 张三、李四. */
const PERSON_CELL = /^[\u4e00-\u9fff]\s?[\u4e00-\u9fff]{1,2}(、[\u4e00-\u9fff]{2,3})*$/;
/** A figure cell: "0.07", "95%", "3万亩" — or a goal in words around one: "增长5.5%(市下达指标)", "≥90%以上". */
const FIGURE_CELL = /^(?:增长|下降|达到|提高|提升|不低于|不少于|不超过|控制在|[≥≤><])?\s*[\d.]+\s*(%|[\u4e00-\u9fff]{0,3})(?:左右|以上|以内|以下)?(?:\([^()]{0,12}\))?$/;

/**
 * How well a cell fits each kind of column (higher is better; negative is a misfit): its features are read
 * once, then scored per column.
 */
function fitsOf(cell: string): (slot: Slot) => number {
  // (A mark before a lead unit, "★区发改委", is no part of the cell's kind.)
  const flat = cell.replace(/\s+/g, '').replace(new RegExp(LEAD_MARK.source, 'g'), '');
  // (A year alone, "2024", is a date only in a date column.)
  const isDate = DEADLINE_CELL.test(flat);
  const isYear = /^(?:19|20)\d{2}年?$/.test(flat);
  // (A list of units may end with a full stop: "…,魏武国控集团。", or with its role:
  // "县农业农村局和各镇人民政府负责", "…等相关部门和各镇人民政府负责".)
  const listed = flat.replace(/[。;；,，]+$/, '').replace(/(?<=.{4})(牵头负责|负责|牵头|配合)$/, '').replace(/(?<=(?:局|委|办|政府|中心))(?:等(?:相关|有关)?(?:部门|单位))?和(?=.{3})/g, '、');
  // ("建成县残疾人综合服务中心" ends like a body and is a task; "县住房和城乡建设局" is a body.)
  // ("成立由政府主要领导任主任的食品安全委员会" ends like a body and is a sentence: a long part with 的/由.)
  // ("培育260家以上诚信计量示范单位" ends like a body and counts what is to be made: a goal.)
  const doing = listed.split(/[、,，]/).some((p) => (DOING.test(p) && !/(局|委|办|厅|部|院|公司|集团|小组|指挥部|股|站|所|队|馆|室|社|会|处|政府|街道|单位|部门)$/.test(p)) || (p.length > 10 && /[的由]/.test(p)) || BUILDS.test(p) || COUNTED.test(p));
  const isUnit = !doing && (OWNER_CELL(flat) || (/[、,，]/.test(listed) && OWNER_CELL(listed)));
  // "教育、卫生健康部门": stems that share the last name's kind word.
  const parts = listed.split(/[、,，]/);
  const sharedKind = parts.length > 1 && parts.length <= 6 && (UNIT_CELL.test(parts.at(-1)!) || LOOSE_UNIT.test(parts.at(-1)!)) && parts.slice(0, -1).every((p) => /^[\u4e00-\u9fff]{2,6}$/.test(p) && !DOING.test(p));
  const isLooseUnit = !isUnit && !doing && (sharedKind || listed.split(/[、,，;；]/).every((p) => (UNIT_CELL.test(p) || LOOSE_UNIT.test(p) || (p.length >= 3 && lookupPlace(p) !== null)) && !DOING.test(p)) && listed.length <= 160);
  const isPerson = !isUnit && !isLooseUnit && PERSON_CELL.test(cell.trim());
  const long = flat.length >= 8 || /[。;；,，]/.test(flat);
  // An empty cell ("-", "/") fills whichever column it stands in, and says nothing of which.
  if (BLANK_CELL.test(flat)) return (slot) => (slot === 'text' ? -2 : 1);
  return (slot) => {
    switch (slot) {
      case 'date':
        return isDate || isYear ? 4 : -3;
      case 'units':
        return isUnit ? 4 : isLooseUnit ? 3 : isDate ? -6 : isPerson ? -2 : long || /^[\d.%]+$/.test(flat) ? -3 : 0;
      case 'scorer':
        return isUnit ? 3.5 : isLooseUnit ? 2.5 : isDate ? -6 : isPerson ? -2 : long ? -3 : 0;
      case 'person':
        return isPerson ? 3 : -2;
      case 'figure':
        // (A goal in a few words — 良好以上, 全市统筹 — is still the goal's cell.)
        return FIGURE_CELL.test(flat) ? 3 : !isUnit && !isDate && flat.length <= 6 ? 0.5 : -1;
      case 'measure':
        return flat.length <= 4 && !/\d/.test(flat) ? 2 : -1;
      case 'progress':
        // What has been done: 已…, 完成…, 达60%.
        return isUnit || isDate ? -1 : /已|完成|达|%|进度|推进|开工|建成|滞后/.test(flat) ? 2 : 0.3;
      case 'more':
        return isUnit || isDate ? -2 : long ? 1.5 : 0.5;
      case 'text':
        // (A task may end like a body's name: 现代化美丽城镇.)
        return isDate ? -2 : isUnit ? 0 : long ? 3 : 2;
      case 'short':
        return isUnit || isDate ? -2 : long ? 0.5 : 2;
      default:
        return isUnit ? -1 : isDate ? 0 : 0.5;
    }
  };
}

/**
 * A row of cells placed under the header by their types — the alignment that fits best, cells in order,
 * columns skipped where the table merged a cell away, an owner column taking as many unit cells as
 * follow each other (one unit a line). A task reads as a sentence, a deadline as a date, a 分管领导 as a
 * name, a unit as a body; what fits nothing is dropped rather than forced into a column. Null when the
 * header has no task column.
 */
function alignByType(cells: string[], cols: Array<ReturnType<typeof columnOf>>, labels: string[]): string[] | null {
  if (!cols.includes('text')) return null;
  // (Only the first task column reads as the task; a second one — 项目内容, 工作任务 — describes it.)
  const slots = cols.map((c, k) => (c === 'ref' ? null : c === 'text' && cols.indexOf('text') !== k ? 'more' : slotOf(c, labels[k] ?? '')));
  const n = cells.length;
  const fits = cells.map(fitsOf);
  const m = cols.length;
  const DROP = -2.5;
  const SKIP_TASK = -5;
  const SKIP_SCORER = -0.6;
  const textAt = cols.indexOf('text');
  // best[i][j]: the best score placing cells i.. in columns j.. ; `stay` lets a units column take more.
  const best: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(0));
  const move: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) best[i][m] = best[i + 1][m] + DROP;
  // (Columns left empty after the last cell cost what skipping them costs.)
  for (let j = m - 1; j >= 0; j--) best[n][j] = best[n][j + 1] + (slots[j] === 'scorer' ? SKIP_SCORER : 0);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const slot = slots[j];
      // 0: skip the column, 1: place and move on, 2: place and stay (units), 3: drop the cell.
      // (A row has its task: the task column is skipped only at a cost.)
      // (A scorer column — 评分部门 — is seldom empty: its unit is the row's last.)
      const options: number[] = [best[i][j + 1] + (j === textAt ? SKIP_TASK : slot === 'scorer' ? SKIP_SCORER : 0), -Infinity, -Infinity, best[i + 1][j] + DROP];
      if (slot) {
        const f = fits[i](slot);
        options[1] = f + best[i + 1][j + 1];
        if ((slot === 'units' || slot === 'scorer') && f >= 2.5) options[2] = f + best[i + 1][j];
      }
      let pick = 0;
      for (const k of [1, 2, 0, 3]) if (options[k] > options[pick] || (options[k] === options[pick] && k === 1)) pick = k;
      best[i][j] = options[pick];
      move[i][j] = pick;
    }
  }
  const row = cols.map(() => '');
  for (let i = 0, j = 0; i < n && j < m; ) {
    const pick = move[i][j];
    if (pick === 0) j++;
    else if (pick === 3) i++;
    else {
      if (!BLANK_CELL.test(cells[i])) row[j] = row[j] ? `${row[j]}、${cells[i]}` : cells[i];
      i++;
      if (pick === 1) j++;
    }
  }
  // A lead column given several units, with a partners column left empty: the first leads.
  const leadAt = cols.indexOf('lead');
  const partnersAt = cols.indexOf('partners') >= 0 ? cols.indexOf('partners') : cols.indexOf('units');
  // (Units a line each: which of them the lead column spans is not written — the first leads, the rest
  // take part.)
  if (leadAt >= 0 && partnersAt >= 0 && row[leadAt].includes('、') && !cells.some((c) => c === row[leadAt])) {
    const [first, ...others] = row[leadAt].split('、');
    row[leadAt] = first;
    row[partnersAt] = [...others, row[partnersAt]].filter(Boolean).join('、');
  }
  return row;
}
