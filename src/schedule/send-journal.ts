import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A local, synchronous record of sends: the moment a send returns, its message key is appended to a
 * file in the data directory with one synchronous write — before any await, so no other work and no
 * store round trip can come between the send and this record. A process killed after that write has
 * its send on record; the store's record (the outbox entry) follows a few milliseconds later, and the
 * next run on this data directory reconciles what the journal has and the store does not.
 *
 * This shrinks the window no system can close (a crash between a send and its record) to the gap
 * between two system calls. It covers restarts on the same host; an instance on another host taking
 * over after the lease still relies on the store record. One file per business day (`sends-<day>.log`);
 * files older than `keepDays` are removed.
 */
export class SendJournal {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'journal');
  }

  /** Appends the key; throws only if the disk refuses (the caller then relies on the store record). */
  record(day: string, key: string): void {
    mkdirSync(this.dir, { recursive: true });
    appendFileSync(join(this.dir, `sends-${day}.log`), `${key}\n`);
  }

  /** Every key on record in the day files from `sinceDay` on. */
  keys(sinceDay: string): Set<string> {
    const out = new Set<string>();
    if (!existsSync(this.dir)) return out;
    for (const f of readdirSync(this.dir)) {
      const day = /^sends-(\d{4}-\d{2}-\d{2})\.log$/.exec(f)?.[1];
      if (!day || day < sinceDay) continue;
      for (const line of readFileSync(join(this.dir, f), 'utf8').split('\n')) if (line) out.add(line);
    }
    return out;
  }

  /** Removes the day files before `beforeDay`. */
  prune(beforeDay: string): void {
    if (!existsSync(this.dir)) return;
    for (const f of readdirSync(this.dir)) {
      const day = /^sends-(\d{4}-\d{2}-\d{2})\.log$/.exec(f)?.[1];
      if (day && day < beforeDay) {
        try {
          unlinkSync(join(this.dir, f));
        } catch {
          // another instance removed it
        }
      }
    }
  }
}
