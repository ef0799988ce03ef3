import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPlans } from '../../src/ingest/ingest-plans.ts';
import { AnswerEngine } from '../../src/answer/answer-engine.ts';
import { buildKnowledgeBase, type KnowledgeBase } from '../../src/kb/knowledge-base.ts';

/** Plan files written from text into a temp dir and ingested the way `duban` does (no cache), then removed. */
export async function ingestTexts(files: Record<string, string>): Promise<{ kb: KnowledgeBase; plans: Awaited<ReturnType<typeof ingestPlans>>['plans'] }> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-texts-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const result = await ingestPlans([dir], { cache: null });
    return { kb: buildKnowledgeBase(result.plans, undefined, result.warnings), plans: result.plans };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An answer engine over plan files written from text (ingested as by `ingestTexts`). */
export async function engineFor(files: Record<string, string>): Promise<AnswerEngine> {
  return new AnswerEngine((await ingestTexts(files)).kb);
}
