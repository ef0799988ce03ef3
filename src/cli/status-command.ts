import { writeFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { exportTasksXlsx } from '../status/export-xlsx.ts';
import { ProgressStore } from '../status/progress.ts';
import { byDepartment, departmentChartRows, exportRowOf, statusEntries, summarize, type StatusEntry } from '../status/summarize.ts';
import { shanghaiDay } from '../shanghai-day.ts';
import { createStore } from '../store/create-store.ts';
import type { CliIo } from './io.ts';
import { loadKnowledgeBase } from './load-knowledge-base.ts';

export interface StatusArgs {
  plans: string[];
  cache: boolean;
  date: string | null;
  json: boolean;
  xlsx: string | null;
  chart: string | null;
  store: string | null;
}

/**
 * `duban status`: task status from the progress reports in the store — the leaders' summary, or JSON
 * (totals, per department, per task), an .xlsx export and a PNG chart.
 */
export async function statusCommand(args: StatusArgs, config: Config, io: CliIo): Promise<number> {
  const { kb } = await loadKnowledgeBase(config, { plans: args.plans, cache: args.cache, progress: (l) => io.err(l) });
  const store = await createStore({ url: args.store ?? config.storeUrl, dataDir: config.dataDir });
  try {
    const asOf = args.date ? new Date(`${args.date}T18:00:00+08:00`) : new Date();
    const today = args.date ?? shanghaiDay(asOf);
    const entries = statusEntries(kb, await new ProgressStore(store).allLatest(), today, {}, config.status);
    if (args.xlsx) writeFileSync(args.xlsx, await exportTasksXlsx(entries.map(exportRowOf), { asOf }));
    if (args.chart) {
      const { renderStatusChart } = await import('../status/render-chart.ts');
      writeFileSync(args.chart, await renderStatusChart(departmentChartRows(entries), { title: '任务完成情况', subtitle: `截至${today}` }));
    }
    io.out(args.json ? JSON.stringify(statusJson(entries, today)) : summarize(entries, asOf, kb.plans.map((p) => p.city ?? p.file).join('、')));
    if (args.xlsx) io.err(`已导出 ${args.xlsx}`);
    if (args.chart) io.err(`已生成 ${args.chart}`);
    return 0;
  } finally {
    await store.close();
  }
}

function statusJson(entries: StatusEntry[], asOf: string) {
  const count = (s: string) => entries.filter((e) => e.status.state === s).length;
  const done = count('已完成');
  return {
    asOf,
    totals: { tasks: entries.length, done, inProgress: count('推进中'), overdue: count('逾期'), notStarted: count('未开始'), completionRate: entries.length ? done / entries.length : 0 },
    departments: byDepartment(entries),
    tasks: entries.map((e) => ({
      file: e.task.file, ref: e.task.ref, text: e.task.text, units: e.task.units, deadline: e.task.deadline,
      state: e.status.state, light: e.status.light, percent: e.status.percent, lastReport: e.status.last,
    })),
  };
}
