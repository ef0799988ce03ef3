import type { LoadedDocument } from './document.ts';
import { looksTraditional, normalizeText } from './normalize-text.ts';
import { isNoiseLine, joinSharedPages, stripNoisePhrases } from './strip-boilerplate.ts';
import { parseOutline, type OutlineLine } from './parse-outline.ts';
import { parseFlattenedTable } from './parse-flattened-table.ts';
import { parseGluedTable } from './parse-glued-table.ts';
import { parseTaskTable, readHeader } from './parse-task-table.ts';
import { findCellTables } from './parse-cell-lines.ts';
import { findIndicatorTables, findPipeIndicatorTables } from './parse-indicator-table.ts';
import { extractPlanMeta } from './extract-plan-meta.ts';
import { findPlanPlace } from './find-plan-place.ts';
import { buildRecords, type TableInput } from './build-records.ts';
import type { PlanRecords } from '../kb/records.ts';

/**
 * One plan: loaded blocks → normalised lines and tables → outline → records. Pure: no I/O.
 */

export interface ExtractInfo {
  hash: string;
  bytes: number;
}

export function extractPlan(doc: LoadedDocument, info: ExtractInfo): PlanRecords {
  const rawLines = paragraphLines(doc);
  const traditional = looksTraditional(rawLines.map((l) => l.text).join('\n'));
  const norm = (s: string) => normalizeText(s, traditional);
  const lines = joinSharedPages(rawLines.map((l) => ({ text: norm(l.text).trim(), line: l.line })).filter((l) => l.text));
  const meta = extractPlanMeta(lines, doc.file);

  const content: OutlineLine[] = [];
  const tables: TableInput[] = [];
  // Tables pasted one cell per line are read as tables; their lines are not body text.
  const consumed = new Set<number>();
  for (const t of findCellTables(lines)) {
    tables.push({ rows: t.rows, line: t.line });
    t.consumed.forEach((i) => consumed.add(i));
  }
  const indicators = [...findIndicatorTables(lines), ...findPipeIndicatorTables(lines)].flatMap((t) => {
    t.consumed.forEach((i) => consumed.add(i));
    return t.rows;
  });
  for (const [i, l] of lines.entries()) {
    if (consumed.has(i) || isNoiseLine(l.text)) continue;
    const flat = parseFlattenedTable(l.text) ?? parseGluedTable(l.text);
    if (flat) {
      tables.push({ rows: flat, line: l.line });
      // (Its text is still searched and quoted: the table's other columns are only there.)
      consumed.add(i);
    } else content.push({ text: stripNoisePhrases(l.text), line: l.line });
  }
  // A table block's rows are searched and quoted as "a | b | c" lines (its other columns are only there).
  const blockLines: Array<{ text: string; line: number }> = [];
  for (const block of doc.blocks) {
    if (block.kind !== 'table') continue;
    const rows = block.rows.map((r) => r.map((c) => norm(c).trim()));
    tables.push({ rows, line: block.line ?? 0, name: block.name });
    rows.forEach((r, k) => blockLines.push({ text: r.join(' | '), line: (block.line ?? 0) + k }));
  }

  // A 分解表 sent as its own file: its title row names the place ("厦门市…任务分解表").
  if (!meta.city && tables.length) {
    // (A header row, "序号 涉及部门 职责分工", names columns, not the table.)
    const titleRows = tables.flatMap((t) => t.rows.slice(0, 2).filter((r) => !readHeader(r)).map((r) => r.filter(Boolean).join(' ')));
    meta.city = findPlanPlace({ title: titleRows[0] ?? null, issuer: null, notice: null, docNo: null, lines: titleRows, file: doc.file });
    meta.title ??= titleRows.find((r) => /表|清单|分解|分工/.test(r) && r.length <= 60) ?? null;
    // A short line right above the table names it ("中小学校食品安全管理" / "序号 涉及部门 职责分工").
    const first = Math.min(...tables.map((t) => t.line));
    const above = lines.filter((l) => l.line < first).at(-1)?.text;
    // (Not a page's metadata grid row: "发布单位 | 区政府 | 发文日期 | 2022-07-14 |".)
    if (!meta.title && above && above.length <= 40 && !/[。;；,，:：|]/.test(above)) meta.title = above;
  }
  const outline = parseOutline(content.filter((l) => l.text));
  const parsedTables = tables.map((t) => ({ ...t, parsed: parseTaskTable(t.rows) }));
  const tableLines = [...[...consumed].sort((a, b) => a - b).map((i) => lines[i]), ...blockLines].filter((l) => l.text.replace(/[|\s]/g, '').length >= 4 && !isNoiseLine(l.text));
  const records = buildRecords({ file: doc.file, outline, tables: parsedTables, meta, indicators, tableLines });
  const warnings = [...records.warnings];
  // A table whose header shows in the text but whose rows were not read (a PDF's positioned text, an
  // image): say so, rather than answer as if the plan had no table.
  const tableRows = records.records.tasks.filter((t) => t.origin === 'table').length;
  if (tableRows === 0 && TABLE_HEADER_IN_TEXT.test(content.map((l) => l.text).join('\n'))) {
    warnings.push('文中有任务分解表的表头(序号/任务/责任单位/完成时限), 但没有读出表格行: 请提供 .xlsx/.docx 版的分解表');
  }
  if (parsedTables.length > 0 && parsedTables.every((t) => !t.parsed) && records.records.tasks.length === 0) {
    warnings.push('表格中没有找到任务分解表的表头(序号/任务/责任单位/完成时限)');
  }
  return {
    plan: {
      file: doc.file,
      format: doc.format,
      hash: info.hash,
      bytes: info.bytes,
      ...meta,
      traditional,
      warnings,
    },
    ...records.records,
  };
}

const TABLE_HEADER_IN_TEXT = /序\s*号[\s|]{0,6}[^\n]{0,30}?(牵头单位|责任单位|责任部门)[\s\S]{0,30}?(完成时限|完成时间|时间节点)/;

/** Paragraph blocks as lines with source line numbers (blocks without one are numbered in order). */
function paragraphLines(doc: LoadedDocument): OutlineLine[] {
  const out: OutlineLine[] = [];
  let counter = 0;
  for (const block of doc.blocks) {
    counter++;
    if (block.kind !== 'para') continue;
    const base = block.line ?? counter;
    block.text.split('\n').forEach((text, i) => out.push({ text, line: base + i }));
  }
  return out;
}
