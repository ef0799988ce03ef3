import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * The drill's chat transport: each message is appended to a JSON-lines file as `{"key","to","text"}`
 * with one unbuffered write (in the file, for every reader, when the send returns) — the file stands
 * in for WeChat, so a
 * fault drill can count what arrived. If `FILE.fail` exists, each of its non-empty lines is a regular
 * expression; a send whose target name (group topic or department) matches one fails, as WeChat
 * refusing it would. The fail list is read on every send, so a drill can change it between runs.
 */

export interface FileMessage {
  key: string;
  to: { room: string } | { department: string };
  text: string;
}

export class FileTransport {
  constructor(private readonly file: string) {}

  send(message: FileMessage): void {
    const name = 'room' in message.to ? message.to.room : message.to.department;
    const refused = this.failPatterns().find((re) => re.test(name));
    if (refused) throw new Error(`发送被拒绝(${this.file}.fail: /${refused.source}/): ${name}`);
    // No fsync: it guards against power loss, not a killed process, and would hold the send journal's
    // record back by milliseconds — the very window a crash falls into.
    appendFileSync(this.file, `${JSON.stringify(message)}\n`);
  }

  private failPatterns(): RegExp[] {
    const list = `${this.file}.fail`;
    if (!existsSync(list)) return [];
    return readFileSync(list, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        try {
          return new RegExp(l, 'u');
        } catch {
          return new RegExp(l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'u');
        }
      });
  }
}
