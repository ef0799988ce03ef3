import { join } from 'node:path';
import type { Config } from '../config.ts';
import { ingestPlans, type IngestProgress, type IngestResult } from '../ingest/ingest-plans.ts';
import { PlanCache } from '../ingest/plan-cache.ts';
import { loadDepartmentsConfig } from '../kb/departments.ts';
import { buildKnowledgeBase, type KnowledgeBase } from '../kb/knowledge-base.ts';

export interface LoadKbOptions {
  plans: string[];
  cache: boolean;
  /** Where progress lines go (stderr in the CLI); nothing is printed for small folders. */
  progress?: (line: string) => void;
}

/** Shared by every command: plans folder → knowledge base, with cache and progress. */
export async function loadKnowledgeBase(config: Config, opts: LoadKbOptions): Promise<{ kb: KnowledgeBase; result: IngestResult }> {
  const cache = opts.cache ? new PlanCache(join(config.dataDir, 'cache', 'plans')) : null;
  const result = await ingestPlans(opts.plans, {
    cache,
    maxBytes: config.maxPlanBytes,
    onProgress: opts.progress ? progressReporter(opts.progress) : undefined,
  });
  const kb = buildKnowledgeBase(result.plans, loadDepartmentsConfig(config.departmentsFile), result.warnings);
  return { kb, result };
}

/** Reports at most ~20 progress lines, and only for folders of 20 files or more. */
function progressReporter(print: (line: string) => void): (p: IngestProgress) => void {
  let lastShown = 0;
  return (p) => {
    if (p.total < 20) return;
    const step = Math.max(1, Math.floor(p.total / 20));
    if (p.done - lastShown >= step || p.done === p.total) {
      lastShown = p.done;
      print(`读取方案 ${p.done}/${p.total} (${Math.round((100 * p.done) / p.total)}%) ${p.file}`);
    }
  };
}
