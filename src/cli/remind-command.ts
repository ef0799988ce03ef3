import { Bindings } from '../chat/bindings.ts';
import type { Config } from '../config.ts';
import { planDay } from '../schedule/plan-day.ts';
import { chineseWorkdays } from '../schedule/workday-calendar.ts';
import { createStore } from '../store/create-store.ts';
import type { CliIo } from './io.ts';
import { loadKnowledgeBase } from './load-knowledge-base.ts';

export interface RemindArgs {
  plans: string[];
  cache: boolean;
  date: string;
  json: boolean;
  store: string | null;
}

/**
 * `duban remind --date`: what the reminder run would send that day, without sending —
 * `[{"kind","to":{"department"|"room"},"text","refs":[{"file","ref"}],"due"}]` with --json.
 * Group bindings come from the configured store (or `--store memory`: none).
 */
export async function remindCommand(args: RemindArgs, config: Config, io: CliIo): Promise<number> {
  const { kb } = await loadKnowledgeBase(config, { plans: args.plans, cache: args.cache, progress: (l) => io.err(l) });
  for (const w of kb.warnings) io.err(`⚠ ${w.message}`);
  const store = await createStore({ url: args.store ?? config.storeUrl, dataDir: config.dataDir });
  try {
    const deliveries = planDay({
      kb,
      bindings: await new Bindings(store).all(),
      policy: config.reminders,
      calendar: chineseWorkdays(),
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
