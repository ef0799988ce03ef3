import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.ts';
import { kbCommand } from './cli/kb-command.ts';
import { processIo, type CliIo } from './cli/io.ts';

/**
 * The `duban` command line. Each command parses its own options and returns an exit code; errors in
 * use print one line and the help hint (exit 2), never a stack trace.
 */

const HELP = `duban — 督办助手: 把质量强市方案变成可引用的知识库

用法:
  duban kb [--plans DIR]... [--json] [--no-cache]
      读取方案(默认为内置示范方案), 输出每个方案的任务/目标/职责/阶段/报告/部门统计;
      --json 输出完整记录(tasks/targets/duties/phases/reports/campaignDates/departments/warnings)。
  duban start
      目前: 加载内置示范方案并打印知识库摘要(同 duban kb)。
  duban help

选项:
  --plans DIR   方案文件夹或文件, 可重复; 支持 .txt .md .html .docx .xlsx .csv .pdf (UTF-8/GBK 自动识别)
  --json        输出 JSON
  --no-cache    不使用解析缓存(缓存位于 $DUBAN_DATA_DIR/cache, 默认 ./.duban)

环境变量:
  DUBAN_DATA_DIR  数据目录(缓存), 默认 ./.duban
  DUBAN_PLANS_DIR 默认方案目录, 默认 config/demo-plan
  DUBAN_MAX_PLAN_MB 单个方案文件大小上限, 默认 20
`;

class UsageError extends Error {}

export async function runCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command = 'help', ...rest] = argv;
  try {
    const config = loadConfig(env);
    switch (command) {
      case 'kb':
      case 'start':
        return await kbCommand(parseKbArgs(rest, config), config, io);
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return 0;
      default:
        throw new UsageError(`未知命令: ${command}`);
    }
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      io.err(`${(err as Error).message}\n运行 duban help 查看用法。`);
      return 2;
    }
    io.err(`出错了: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

function parseKbArgs(args: string[], config: Config) {
  const { values } = parseArgs({
    args,
    options: {
      plans: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  const plans = values.plans?.length ? values.plans : [config.plansDir];
  for (const p of plans) if (!existsSync(p)) throw new UsageError(`找不到方案路径: ${p}`);
  return { plans, json: values.json ?? false, cache: !values['no-cache'] };
}

function isParseArgsError(err: unknown): boolean {
  return err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
}
