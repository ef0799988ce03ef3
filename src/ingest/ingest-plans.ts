import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LoadWarning } from './document.ts';
import { extractPlan } from './extract-plan.ts';
import { DEFAULT_MAX_BYTES, isPlanFile, loadPlanBuffer, loadPlanFile } from './load-plan-file.ts';
import { contentHash, type PlanCache } from './plan-cache.ts';
import type { PlanRecords } from '../kb/records.ts';

/**
 * The I/O shell around extraction: finds plan files, reads them, serves cached records by content hash,
 * and turns every failure into one warning naming the file — one bad file never stops the others.
 */

export interface IngestProgress {
  done: number;
  total: number;
  file: string;
  cached: boolean;
}

export interface IngestOptions {
  cache?: PlanCache | null;
  maxBytes?: number;
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestResult {
  plans: PlanRecords[];
  warnings: LoadWarning[];
  stats: { files: number; bytes: number; parsed: number; cached: number; ms: number };
}

/** Office formats people save plans in that we cannot read: listed so each gets a "save as" warning. */
const OTHER_DOCUMENTS = /\.(doc|xls|wps|et|rtf|odt|ods|pages|numbers|ppt|pptx)$/i;

/** Plan files under a directory (recursively, skipping dot folders and node_modules), or the file itself. */
export async function listPlanFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (info.isFile()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await listPlanFiles(full)));
    else if (entry.isFile() && isCandidate(entry.name)) out.push(full);
  }
  return out;
}

const COPY_NAME = /副本|拷贝|复件|\bcopy\b|\(\d+\)\.[a-z]+$/i;
const isCopyName = (path: string) => COPY_NAME.test(basename(path));

function isCandidate(name: string): boolean {
  if (/^readme\.md$/i.test(name) || name.startsWith('~$') || name.startsWith('.')) return false;
  return isPlanFile(name) || OTHER_DOCUMENTS.test(name);
}

export async function ingestPlans(paths: string[], opts: IngestOptions = {}): Promise<IngestResult> {
  const started = performance.now();
  // Copies ("方案 副本 (2).txt") come after their originals, so the original is the one kept.
  const files = (await Promise.all(paths.map(listPlanFiles))).flat().sort((a, b) => Number(isCopyName(a)) - Number(isCopyName(b)));
  const result: IngestResult = { plans: [], warnings: [], stats: { files: files.length, bytes: 0, parsed: 0, cached: 0, ms: 0 } };
  const seen = new Map<string, string>();
  const dirs = new Map<string, string>();
  // Reads run a few files ahead of extraction, so disk waits overlap with CPU work.
  const reads: Array<Promise<Read>> = [];
  const readAhead = (i: number) => {
    if (i < files.length && !reads[i]) reads[i] = readPlan(files[i], opts.maxBytes ?? DEFAULT_MAX_BYTES);
  };
  for (let i = 0; i < files.length; i++) {
    for (let j = i; j < i + READ_AHEAD; j++) readAhead(j);
    const one = await extractOne(await reads[i], opts);
    delete reads[i];
    const copyOf = 'records' in one ? seen.get(one.records.plan.hash) : undefined;
    if ('warning' in one) result.warnings.push(one.warning);
    else if (copyOf) {
      // A second copy of one plan ("方案 副本 (2).txt") would double every answer: it is loaded once.
      const file = one.records.plan.file;
      result.warnings.push({ file, code: 'duplicate', message: `${file}: 与 ${copyOf} 内容相同, 只加载一次 (duplicate of ${copyOf})` });
    } else {
      seen.set(one.records.plan.hash, one.records.plan.file);
      result.plans.push(one.records);
      result.stats.bytes += one.records.plan.bytes;
      if (one.cached) result.stats.cached++;
      else result.stats.parsed++;
    }
    opts.onProgress?.({ done: i + 1, total: files.length, file: basename(files[i]), cached: 'cached' in one && one.cached });
  }
  attachTables(result.plans, dirs);
  result.stats.ms = performance.now() - started;
  return result;
}

const READ_AHEAD = 8;

type One = { records: PlanRecords; cached: boolean } | { warning: LoadWarning };
type Read = { file: string; bytes: Buffer } | { warning: LoadWarning };

/** Reads a file, or explains why it is not read (too large, empty, a format we cannot read). */
async function readPlan(path: string, maxBytes: number): Promise<Read> {
  const file = basename(path);
  try {
    const size = (await stat(path)).size;
    if (size > maxBytes || size === 0 || !isPlanFile(file)) {
      const r = await loadPlanFile(path, { maxBytes });
      if (!r.ok) return { warning: r.warning };
    }
    return { file, bytes: await readFile(path) };
  } catch (err) {
    return { warning: failed(file, err) };
  }
}

async function extractOne(read: Read, opts: IngestOptions): Promise<One> {
  if ('warning' in read) return read;
  const { file, bytes } = read;
  try {
    const hash = contentHash(bytes);
    const hit = opts.cache?.get(file, hash);
    if (hit) return { records: hit, cached: true };
    const loaded = await loadPlanBuffer(file, bytes, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
    if (!loaded.ok) return { warning: loaded.warning };
    const records = extractPlan(loaded.doc, { hash, bytes: bytes.length });
    if (records.passages.length === 0 && records.tasks.length === 0) {
      return { warning: { file, code: 'no-text', message: `${file}: 没有读到任何方案内容 (no plan text found)` } };
    }
    opts.cache?.set(file, hash, records);
    return { records, cached: false };
  } catch (err) {
    return { warning: failed(file, err) };
  }
}

/**
 * A task table sent as its own file (.xlsx/.csv next to the body) belongs to the plan beside it: when
 * the table names no place, it takes the place of the one plan in its folder that names one, so
 * "厦门2014年6月到期的任务" finds its rows. The plan records say so in a warning.
 */
function attachTables(plans: PlanRecords[], dirs: Map<string, string>): void {
  for (const p of plans) {
    if (p.plan.city || p.tasks.length === 0 || p.tasks.some((t) => t.origin !== 'table')) continue;
    const dir = dirs.get(p.plan.file);
    const siblings = plans.filter((o) => o !== p && o.plan.city && dirs.get(o.plan.file) === dir);
    const cities = [...new Set(siblings.map((o) => o.plan.city))];
    if (cities.length !== 1) continue;
    const body = siblings.find((o) => o.plan.city === cities[0])!;
    p.plan.city = cities[0]!;
    p.plan.warnings.push(`分解表没有写明地区, 已按同一文件夹中的方案 ${body.plan.file} 归入${cities[0]}`);
  }
}

function failed(file: string, err: unknown): LoadWarning {
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return { file, code: 'unreadable', message: `${file}: 无法读取或解析 (${reason})` };
}
