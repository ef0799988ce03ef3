import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { ingestPlans, type IngestResult } from '../src/ingest/ingest-plans.ts';
import { PlanCache } from '../src/ingest/plan-cache.ts';
import { loadDepartmentsConfig } from '../src/kb/departments.ts';
import { buildKnowledgeBase } from '../src/kb/knowledge-base.ts';
import type { PlanRecords } from '../src/kb/records.ts';
import type { BenchMetric, BenchOptions, BenchSectionResult } from './bench.ts';

/**
 * Ingestion benchmark: N plan files generated at run time from the demo plan and the seed plans (seed
 * text never leaves the temp dir), each copy made unique so content-hash caching cannot short-circuit,
 * about 5% written as GBK. Cold ingestion runs in a child process so its peak RSS is its own.
 */

const MB = 2 ** 20;
const TARGET_COLD_MBPS = 5;
const TARGET_PEAK_RSS_MB = 300;
/** Every GBK_EVERY-th copy is written as GBK (≈5%). */
const GBK_EVERY = 20;

interface Source {
  name: string;
  text: string;
}

interface Corpus {
  dir: string;
  files: string[];
  bytes: number;
  gbk: number;
  sources: number;
  seedsFound: boolean;
  /** GBK copy → a UTF-8 copy of the same source, to check decoding gives the same records. */
  gbkPairs: Array<[string, string]>;
}

interface ColdRun {
  ms: number;
  plans: number;
  tasks: number;
  warnings: number;
  /** The first few warning messages. */
  warningSamples: string[];
  baselineRssKiB: number;
  maxRssKiB: number;
}

function readSources(root: string): { sources: Source[]; seedsFound: boolean } {
  const fromDir = (dir: string, ext: string): Source[] =>
    fs.readdirSync(dir).filter((f) => f.endsWith(ext)).sort()
      .map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  const seedsDir = path.join(root, '..', 'shared', 'seeds');
  const seedsFound = fs.existsSync(seedsDir);
  const sources = [...fromDir(path.join(root, 'config', 'demo-plan'), '.md'), ...(seedsFound ? fromDir(seedsDir, '.txt') : [])];
  if (sources.length === 0) throw new Error('no benchmark sources found (config/demo-plan/*.md)');
  return { sources, seedsFound };
}

/** ≈1 copy in GBK_EVERY is GBK, staggered by round so every source gets GBK copies. */
const isGbk = (i: number, sources: number): boolean => (Math.floor(i / sources) + (i % sources)) % GBK_EVERY === 0;

const copyName = (i: number, src: Source, gbk: boolean): string =>
  `${String(i).padStart(4, '0')}${gbk ? '-gbk' : ''}_${src.name}`;

export function generateCorpus(root: string, n: number): Corpus {
  const { sources, seedsFound } = readSources(root);
  const ns = sources.length;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-bench-'));
  const corpus: Corpus = { dir, files: [], bytes: 0, gbk: 0, sources: ns, seedsFound, gbkPairs: [] };
  for (let i = 0; i < n; i++) {
    const src = sources[i % ns];
    const gbk = isGbk(i, ns);
    const text = `${src.text.trimEnd()}\n\n（副本 ${i + 1}）\n`;
    const bytes = gbk ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
    const name = copyName(i, src, gbk);
    fs.writeFileSync(path.join(dir, name), bytes);
    corpus.files.push(name);
    corpus.bytes += bytes.length;
    if (!gbk) continue;
    corpus.gbk++;
    const twin = i + ns < n ? i + ns : i - ns; // same source, adjacent round: never GBK too
    if (twin >= 0) corpus.gbkPairs.push([name, copyName(twin, src, false)]);
  }
  return corpus;
}

/** Runs in the child: cold ingestion only, one JSON line on stdout. */
function childScript(ingestUrl: string): string {
  return `
    import { ingestPlans } from ${JSON.stringify(ingestUrl)};
    const baselineRssKiB = Math.round(process.memoryUsage().rss / 1024);
    const t0 = performance.now();
    const r = await ingestPlans([process.argv[1]], { cache: null });
    const ms = performance.now() - t0;
    const tasks = r.plans.reduce((s, p) => s + p.tasks.length, 0);
    const out = { ms, plans: r.plans.length, tasks, warnings: r.warnings.length,
      warningSamples: r.warnings.slice(0, 3).map((w) => w.message), baselineRssKiB,
      maxRssKiB: process.resourceUsage().maxRSS };
    process.stdout.write(JSON.stringify(out) + '\\n');`;
}

function coldInChild(root: string, dir: string): ColdRun {
  const url = pathToFileURL(path.join(root, 'src', 'ingest', 'ingest-plans.ts')).href;
  const args = ['--import', 'tsx', '--input-type=module', '-e', childScript(url), dir];
  const child = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 16 * MB });
  const last = child.stdout?.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) {
    throw new Error(`cold-ingestion child failed (status ${child.status}, ${child.signal ?? 'no signal'}): ${child.stderr}`);
  }
  return JSON.parse(last) as ColdRun;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** GBK copies whose title, city or task count differ from a UTF-8 copy of the same source (or failed). */
function gbkMismatches(result: IngestResult, pairs: Array<[string, string]>): string[] {
  const byFile = new Map(result.plans.map((p) => [p.plan.file, p]));
  const show = (p: PlanRecords | undefined): string => (p ? `${p.plan.title} / ${p.plan.city} / ${p.tasks.length} tasks` : 'not ingested');
  return pairs.flatMap(([gbk, utf8]) => {
    const [a, b] = [byFile.get(gbk), byFile.get(utf8)];
    return show(a) === show(b) ? [] : [`${gbk}: ${show(a)} ≠ UTF-8 twin: ${show(b)}`];
  });
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

function coldMetrics(corpus: Corpus, cold: ColdRun): BenchMetric[] {
  const mb = corpus.bytes / MB;
  return [
    { key: 'files', label: 'plan files generated', value: corpus.files.length },
    { key: 'gbkFiles', label: '  of which GBK', value: corpus.gbk },
    { key: 'sources', label: 'distinct sources', value: corpus.sources },
    { key: 'totalMB', label: 'total size', value: round(mb, 2), unit: 'MB' },
    { key: 'coldMs', label: 'cold ingest wall time', value: round(cold.ms), unit: 'ms' },
    { key: 'coldMBps', label: 'cold throughput', value: round(mb / (cold.ms / 1000), 2), unit: 'MB/s' },
    { key: 'coldPlansPerSec', label: 'cold plans/s', value: round(cold.plans / (cold.ms / 1000)), unit: 'plans/s' },
    { key: 'plansIngested', label: 'plans ingested', value: cold.plans },
    { key: 'tasks', label: 'tasks found', value: cold.tasks },
    { key: 'warnings', label: 'warnings', value: cold.warnings },
    { key: 'baselineRssMB', label: 'child RSS before ingest', value: round(cold.baselineRssKiB / 1024), unit: 'MB' },
    { key: 'peakRssMB', label: 'child peak RSS', value: round(cold.maxRssKiB / 1024), unit: 'MB' },
  ];
}

async function warmAndKb(root: string, corpus: Corpus): Promise<{ metrics: BenchMetric[]; notes: string[] }> {
  const cache = new PlanCache(path.join(corpus.dir, '.cache'));
  const fill = await timed(() => ingestPlans([corpus.dir], { cache }));
  const warm = await timed(() => ingestPlans([corpus.dir], { cache }));
  const kb = await timed(() =>
    buildKnowledgeBase(fill.value.plans, loadDepartmentsConfig(path.join(root, 'config', 'departments.yaml'))),
  );
  const files = warm.value.stats.files;
  const mismatches = gbkMismatches(fill.value, corpus.gbkPairs);
  const pairs = corpus.gbkPairs.length;
  const metrics: BenchMetric[] = [
    { key: 'cacheFillMs', label: 'cache fill run', value: round(fill.ms), unit: 'ms' },
    { key: 'warmMs', label: 'warm ingest wall time', value: round(warm.ms), unit: 'ms' },
    { key: 'warmFromCache', label: 'warm: served from cache', value: `${warm.value.stats.cached}/${files}` },
    { key: 'warmSpeedup', label: 'warm speedup vs fill', value: round(fill.ms / warm.ms, 1), unit: '×' },
    { key: 'gbkMatches', label: 'GBK copies = UTF-8 twin', value: `${pairs - mismatches.length}/${pairs}` },
    { key: 'kbBuildMs', label: 'knowledge base build', value: round(kb.ms, 2), unit: 'ms' },
    { key: 'kbTasks', label: 'KB tasks', value: kb.value.tasks.length },
    { key: 'kbPassages', label: 'KB passages', value: kb.value.passages.length },
  ];
  return { metrics, notes: mismatches.slice(0, 5).map((m) => `GBK mismatch: ${m}`) };
}

export async function benchIngest(opts: BenchOptions): Promise<BenchSectionResult> {
  opts.log(`generating ${opts.plans} plans…`);
  const corpus = generateCorpus(opts.root, opts.plans);
  try {
    opts.log(`cold ingestion in a child process (${(corpus.bytes / MB).toFixed(2)} MB)…`);
    const cold = coldInChild(opts.root, corpus.dir);
    opts.log('warm ingestion (cache fill + cached run) and knowledge base build…');
    const warm = await warmAndKb(opts.root, corpus);
    const metrics = [...coldMetrics(corpus, cold), ...warm.metrics];
    const mbps = corpus.bytes / MB / (cold.ms / 1000);
    const notes = [
      'cold = ingestPlans([dir], { cache: null }) in a fresh child (node --import tsx); peak RSS = its process.resourceUsage().maxRSS, tsx baseline included.',
      'warm = second ingestPlans run against a PlanCache filled by the first, same process; KB build includes loading config/departments.yaml.',
      ...cold.warningSamples.map((w) => `warning: ${w}`),
      ...warm.notes,
      ...(corpus.seedsFound ? [] : ['../shared/seeds not found: generated from the demo plan only.']),
      ...(opts.plans < 200 ? [`only ${opts.plans} plans: figures are indicative, not a full run.`] : []),
    ];
    return {
      metrics,
      targets: [
        { label: 'cold ingestion throughput', value: round(mbps, 2), unit: 'MB/s', op: '>=', goal: TARGET_COLD_MBPS },
        { label: 'peak RSS (cold, child)', value: round(cold.maxRssKiB / 1024), unit: 'MB', op: '<', goal: TARGET_PEAK_RSS_MB },
      ],
      notes,
    };
  } finally {
    fs.rmSync(corpus.dir, { recursive: true, force: true });
  }
}
