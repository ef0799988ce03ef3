import type { LoadedDocument } from './document.ts';
import { looksTraditional, normalizeText } from './normalize-text.ts';
import { isNoiseLine, stripNoisePhrases } from './strip-boilerplate.ts';
import { parseOutline, type OutlineLine } from './parse-outline.ts';
import { parseFlattenedTable } from './parse-flattened-table.ts';
import { parseTaskTable } from './parse-task-table.ts';
import { findCellTables } from './parse-cell-lines.ts';
import { extractPlanMeta } from './extract-plan-meta.ts';
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
  const lines = rawLines.map((l) => ({ text: norm(l.text).trim(), line: l.line })).filter((l) => l.text);
  const meta = extractPlanMeta(lines, doc.file);

  const content: OutlineLine[] = [];
  const tables: TableInput[] = [];
  // Tables pasted one cell per line are read as tables; their lines are not body text.
  const consumed = new Set<number>();
  for (const t of findCellTables(lines)) {
    tables.push({ rows: t.rows, line: t.line });
    t.consumed.forEach((i) => consumed.add(i));
  }
  for (const [i, l] of lines.entries()) {
    if (consumed.has(i) || isNoiseLine(l.text)) continue;
    const flat = parseFlattenedTable(l.text);
    if (flat) tables.push({ rows: flat, line: l.line });
    else content.push({ text: stripNoisePhrases(l.text), line: l.line });
  }
  for (const block of doc.blocks) {
    if (block.kind !== 'table') continue;
    const rows = block.rows.map((r) => r.map((c) => norm(c).trim()));
    tables.push({ rows, line: block.line ?? 0, name: block.name });
  }

  const outline = parseOutline(content.filter((l) => l.text));
  const parsedTables = tables.map((t) => ({ ...t, parsed: parseTaskTable(t.rows) }));
  const records = buildRecords({ file: doc.file, outline, tables: parsedTables, meta });
  const warnings = [...records.warnings];
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
