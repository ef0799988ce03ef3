import { Bindings } from '../chat/bindings.ts';
import type { Config } from '../config.ts';
import { sendGovernor } from '../main.ts';
import { FileTransport } from '../schedule/file-transport.ts';
import { planDay } from '../schedule/plan-day.ts';
import { ReminderService } from '../schedule/reminder-service.ts';
import { SendJournal } from '../schedule/send-journal.ts';
import { calendarWarnings, chineseWorkdays } from '../schedule/workday-calendar.ts';
import { ProgressStore } from '../status/progress.ts';
import { createStore } from '../store/create-store.ts';
import type { CliIo } from './io.ts';
import { loadKnowledgeBase } from './load-knowledge-base.ts';

export interface RemindArgs {
  plans: string[];
  cache: boolean;
  date: string;
  json: boolean;
  store: string | null;
  /** Run the real delivery path (`--send`) into this JSON-lines file (`--outbox`). */
  send: { outbox: string; time: string | null } | null;
}

/** Exit code of `remind --send` when some deliveries failed (the next run retries them). */
export const EXIT_SOME_FAILED = 3;

/**
 * `duban remind --date`: what the reminder run would send that day, without sending —
 * `[{"kind","to":{"department"|"room"},"text","refs":[{"file","ref"}],"due"}]` with --json.
 * Group bindings come from the configured store (or `--store memory`: none).
 *
 * `duban remind --send --date D [--time HH:MM] --outbox FILE.jsonl`: the operators' drill. Runs the
 * live bot's delivery path for that business day (catch-up, the durable outbox, leases, retries, the
 * send governor) as if the clock were D at --time (default `reminders.sendAt`), delivering into FILE
 * (see file-transport.ts). Exit 0: everything due was delivered; 3: some failed (retried next run).
 */
export async function remindCommand(args: RemindArgs, config: Config, io: CliIo): Promise<number> {
  const { kb } = await loadKnowledgeBase(config, { plans: args.plans, cache: args.cache, progress: (l) => io.err(l) });
  for (const w of kb.warnings) io.err(`⚠ ${w.message}`);
  for (const w of calendarWarnings(args.date, config.calendar)) io.err(w);
  const store = await createStore({ url: args.store ?? config.storeUrl, dataDir: config.dataDir });
  try {
    if (args.send) {
      const now = new Date(`${args.date}T${args.send.time ?? config.reminders.sendAt}:00+08:00`);
      const transport = new FileTransport(args.send.outbox);
      const service = new ReminderService({
        kb,
        store,
        bindings: new Bindings(store),
        progress: new ProgressStore(store),
        config,
        calendar: chineseWorkdays(config.calendar),
        governor: sendGovernor(config),
        journal: new SendJournal(config.dataDir),
        sendToRoom: async (room, text, meta) => transport.send({ key: meta.key, to: 'room' in meta.to ? { room: room.topic } : meta.to, text }),
        log: (l) => io.err(l),
        clock: () => now,
      });
      const r = await service.runDay(now);
      const unfinished = r.failed + r.busy;
      io.out(`${args.date}: 发出${r.sent}条${r.late ? `(其中补发${r.late}条)` : ''}${r.failed ? `, 失败${r.failed}条` : ''}${r.busy ? `, ${r.busy}条仍被其他实例占用` : ''}${unfinished ? ', 下次运行会重试' : ''}`);
      return unfinished ? EXIT_SOME_FAILED : 0;
    }
    const deliveries = planDay({
      kb,
      bindings: await new Bindings(store).all(),
      policy: config.reminders,
      calendar: chineseWorkdays(config.calendar),
      now: new Date(`${args.date}T09:00:00+08:00`),
      coordinatorRoom: config.reminders.coordinatorRoom,
      digestWeekday: config.reminders.digestWeekday,
      liaisons: config.reminders.liaisons,
    });
    if (args.json) {
      io.out(JSON.stringify(deliveries.map(({ kind, to, text, refs, due }) => ({ kind, to, text, refs, due }))));
    } else if (deliveries.length === 0) {
      io.out(`${args.date} 没有要发送的提醒。`);
    } else {
      for (const d of deliveries) io.out(`→ ${'room' in d.to ? `群「${d.to.room}」` : `${d.to.department}(经协调员群)`}\n${d.text}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
