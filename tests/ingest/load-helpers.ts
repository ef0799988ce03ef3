import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Block, LoadedDocument, LoadResult, LoadWarning } from '../../src/ingest/document.ts';
import { loadPlanFile, type LoadOptions } from '../../src/ingest/load-plan-file.ts';

/** One temp dir per test file; fixtures are written there and loaded back through the real file path. */
export function tempDir(): { dir: string; write(name: string, bytes: Buffer | string): string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duban-load-'));
  return {
    dir,
    write(name, bytes) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      return file;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export async function loadOk(file: string, opts?: LoadOptions): Promise<LoadedDocument> {
  const result = await loadPlanFile(file, opts);
  if (!result.ok) throw new Error(`expected ${file} to load, got ${result.warning.message}`);
  return result.doc;
}

export function expectFailure(result: LoadResult): LoadWarning {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.warning.message).not.toContain('\n');
  expect(result.warning.message.startsWith(`${result.warning.file}: `)).toBe(true);
  return result.warning;
}

export const paras = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'para' ? [b.text] : []));
export const tables = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));
