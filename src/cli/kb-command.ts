import type { Config } from '../config.ts';
import { knowledgeBaseJson, summarizePlans } from '../kb/knowledge-base.ts';
import { checkPlans, formatCheck } from '../kb/check-plans.ts';
import { formatSummary } from './format-summary.ts';
import { loadKnowledgeBase } from './load-knowledge-base.ts';
import type { CliIo } from './io.ts';

export interface KbArgs {
  plans: string[];
  json: boolean;
  /** Report what could not be understood in each plan instead of the summary. */
  check?: boolean;
  cache: boolean;
}

/** `duban kb`: load plans, print a readable summary or the JSON contract. Exit 1 when no plan loads. */
export async function kbCommand(args: KbArgs, config: Config, io: CliIo): Promise<number> {
  const { kb, result } = await loadKnowledgeBase(config, {
    plans: args.plans,
    cache: args.cache,
    progress: (line) => io.err(line),
  });
  if (args.check) io.out(args.json ? JSON.stringify(checkPlans(kb)) : formatCheck(checkPlans(kb)));
  else if (args.json) io.out(JSON.stringify(knowledgeBaseJson(kb)));
  else io.out(formatSummary(summarizePlans(kb), result));
  if (kb.plans.length === 0) {
    io.err(`没有可用的方案: ${args.plans.join(', ')} 中没有能读取的方案文件 (.txt .md .html .docx .xlsx .csv .pdf)`);
    return 1;
  }
  return 0;
}
