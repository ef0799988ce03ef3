import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchAnswer } from './bench-answer.ts';
import { benchChat } from './bench-chat.ts';
import { benchRemind } from './bench-remind.ts';
import { benchIngest } from './bench-ingest.ts';

/**
 * `npm run bench`: runs every benchmark section and prints a readable report, or one JSON object with
 * `--json`. Targets are reported as PASS/MISS but never fail the run — a benchmark informs, it is not a
 * test; the exit code is non-zero only when a section crashed. Progress goes to stderr.
 */

export interface BenchOptions {
  /** Project root (the folder holding package.json). */
  root: string;
  /** How many plans to generate for ingestion-style sections. */
  plans: number;
  quick: boolean;
  /** Progress line on stderr. */
  log: (line: string) => void;
}

export interface BenchMetric {
  /** camelCase key used in the JSON output, e.g. `coldMBps`. */
  key: string;
  label: string;
  value: number | string;
  unit?: string;
}

/** A goal a figure should meet; the runner judges it (PASS/MISS). */
export interface BenchTarget {
  label: string;
  value: number;
  unit: string;
  op: '>=' | '<';
  goal: number;
}

export interface BenchSectionResult {
  metrics: BenchMetric[];
  targets: BenchTarget[];
  notes: string[];
}

interface BenchSection {
  name: string;
  title: string;
  run: (opts: BenchOptions) => Promise<BenchSectionResult>;
}

/** Add a section here: one line each. */
const SECTIONS: BenchSection[] = [
  { name: 'ingest', title: 'Ingestion', run: benchIngest },
  { name: 'answer', title: 'Answer latency (no LLM)', run: benchAnswer },
  { name: 'chat', title: 'Chat pipeline throughput (Wechaty + puppet-mock)', run: benchChat },
  { name: 'remind', title: 'Reminder computation (100,000 obligations)', run: benchRemind },
];

const DEFAULT_PLANS = 240;
const QUICK_PLANS = 24;

type Outcome = { section: BenchSection; result: BenchSectionResult } | { section: BenchSection; error: string };

interface Cli {
  json: boolean;
  only: string[];
  opts: BenchOptions;
}

function parseCli(argv: string[]): Cli {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      plans: { type: 'string' },
      only: { type: 'string', multiple: true },
    },
  });
  const quick = values.quick ?? false;
  const plans = values.plans === undefined ? (quick ? QUICK_PLANS : DEFAULT_PLANS) : Number(values.plans);
  if (!Number.isInteger(plans) || plans < 1) throw new Error(`--plans must be a positive integer, got ${values.plans}`);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
  return { json: values.json ?? false, only: values.only ?? [], opts: { root, plans, quick, log } };
}

function machineFacts(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemMB: Math.round(os.totalmem() / 2 ** 20),
  };
}

const met = (t: BenchTarget): boolean => (t.op === '>=' ? t.value >= t.goal : t.value < t.goal);

async function runSection(section: BenchSection, opts: BenchOptions): Promise<Outcome> {
  opts.log(`section ${section.name}…`);
  try {
    return { section, result: await section.run(opts) };
  } catch (err) {
    return { section, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

function formatValue(m: BenchMetric): string {
  const v = typeof m.value === 'number' ? m.value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : m.value;
  return m.unit ? `${v} ${m.unit}` : v;
}

function formatOutcome(o: Outcome): string[] {
  const lines = [`== ${o.section.title} (${o.section.name}) ==`];
  if ('error' in o) return [...lines, `  CRASHED: ${o.error}`];
  const width = Math.max(...o.result.metrics.map((m) => m.label.length));
  for (const m of o.result.metrics) lines.push(`  ${m.label.padEnd(width)}  ${formatValue(m)}`);
  for (const t of o.result.targets) {
    const fig = `${formatValue({ key: '', label: '', value: t.value, unit: t.unit })}`;
    lines.push(`  ${met(t) ? 'PASS' : 'MISS'}  ${t.label}: ${fig} (target ${t.op} ${t.goal} ${t.unit})`);
  }
  for (const n of o.result.notes) lines.push(`  note: ${n}`);
  return lines;
}

function printText(outcomes: Outcome[], opts: BenchOptions): void {
  const facts = machineFacts();
  const out = [
    `duban benchmark — ${opts.plans} plans${opts.quick ? ' (quick)' : ''}`,
    `machine: node ${facts.node}, ${facts.platform}, ${facts.cpus} × ${facts.cpuModel}, ${facts.totalMemMB} MB RAM`,
    '',
    ...outcomes.flatMap((o) => [...formatOutcome(o), '']),
    'MB = 2^20 bytes.',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

function printJson(outcomes: Outcome[], opts: BenchOptions): void {
  const sections: Record<string, unknown> = {};
  for (const o of outcomes) {
    if ('error' in o) sections[o.section.name] = { error: o.error };
    else {
      const metrics = Object.fromEntries(o.result.metrics.map((m) => [m.key, m.value]));
      const targets = o.result.targets.map((t) => ({ ...t, pass: met(t) }));
      sections[o.section.name] = { metrics, targets, notes: o.result.notes };
    }
  }
  const allTargetsMet = outcomes.every((o) => 'result' in o && o.result.targets.every(met));
  const report = { machine: machineFacts(), options: { plans: opts.plans, quick: opts.quick }, sections, allTargetsMet };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const unknown = cli.only.filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown section(s): ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`);
  const chosen = SECTIONS.filter((s) => cli.only.length === 0 || cli.only.includes(s.name));
  const outcomes: Outcome[] = [];
  for (const section of chosen) outcomes.push(await runSection(section, cli.opts));
  (cli.json ? printJson : printText)(outcomes, cli.opts);
  if (outcomes.some((o) => 'error' in o)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
