import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlanRecordsSchema, type PlanRecords } from '../kb/records.ts';

/**
 * Parsed plans cached on disk by content hash, so a restart does not re-parse. The key covers the file
 * name, its bytes and the extractor's own source, so a changed extractor never serves stale records.
 */

let versionMemo: string | undefined;

/** A hash of the extraction code itself (src/ingest, and src/kb whose gazetteer and schemas it uses). */
export function extractorVersion(): string {
  if (versionMemo) return versionMemo;
  const here = dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  const files = [
    ...readdirSync(here).filter((f) => f.endsWith('.ts')).sort().map((f) => join(here, f)),
    ...readdirSync(join(here, '..', 'kb')).filter((f) => f.endsWith('.ts')).sort().map((f) => join(here, '..', 'kb', f)),
  ];
  for (const f of files) h.update(readFileSync(f));
  versionMemo = h.digest('hex').slice(0, 16);
  return versionMemo;
}

export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class PlanCache {
  constructor(private readonly dir: string) {}

  private path(file: string, hash: string): string {
    const key = createHash('sha256').update(`${extractorVersion()}\0${file}\0${hash}`).digest('hex');
    return join(this.dir, `${key.slice(0, 32)}.json`);
  }

  get(file: string, hash: string): PlanRecords | null {
    try {
      const parsed = PlanRecordsSchema.safeParse(JSON.parse(readFileSync(this.path(file, hash), 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Writes atomically (temp file + rename) so a crash never leaves a half-written entry. */
  set(file: string, hash: string, records: PlanRecords): void {
    mkdirSync(this.dir, { recursive: true });
    const target = this.path(file, hash);
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(records));
    renameSync(tmp, target);
  }
}
