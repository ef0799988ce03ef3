import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { askCommand } from './cli/ask-command.ts';
import { chatCommand } from './cli/chat-command.ts';
import { remindCommand } from './cli/remind-command.ts';
import { statusCommand } from './cli/status-command.ts';
import { runBot } from './main.ts';
import { kbCommand } from './cli/kb-command.ts';
import { processIo, type CliIo } from './cli/io.ts';

/**
 * The `duban` command line. Each command parses its own options and returns an exit code; errors in
 * use print one line and the help hint (exit 2), never a stack trace.
 */

const HELP = `duban — 督办助手: 把质量强市方案变成可引用的知识库

用法:
  duban kb [--plans DIR]... [--json] [--check] [--no-cache]
      读取方案(默认为内置示范方案), 输出每个方案的任务/目标/职责/阶段/报告/部门统计;
      --json 输出完整记录(tasks/targets/duties/phases/reports/campaignDates/departments/warnings);
      --check 列出每个方案没有读懂的地方(地区、标题、无责任单位的任务、无年份/单位的目标、未读的表格)。
  duban ask [--plans DIR]... [--date YYYY-MM-DD] [--department 部门] [--json] "问题"
  duban ask [--plans DIR]... --batch FILE.jsonl --json
      回答问题(谁牵头/目标/时限/职责/阶段/报告/跨方案), 附出处; 方案里没有的会直说。
      --batch 读取 {"id","q"} 行, 每行输出 {"id","answer","found","citations"}。
  duban start [--plans DIR]... [--date YYYY-MM-DD]
      启动机器人。未配置 WECHATY_PUPPET 时运行本地控制台(puppet-mock): 以群成员身份提问,
      :room 群名 / :as 名字 / :dm / :date 日期 / :help / :quit; 管道输入时逐行回答后退出。
  duban chat [--plans DIR]... --script FILE.jsonl [--store memory]
      通过 Wechaty + puppet-mock 回放对话脚本, 每条机器人消息输出一行 JSON。
  duban remind [--plans DIR]... --date YYYY-MM-DD [--json] [--store memory]
      预览当天会发送的提醒(不发送): 截止前30/7/1天、逾期、报送日期、活动日; 周一附协调员周报。
  duban remind --send --date YYYY-MM-DD [--time HH:MM] --outbox FILE.jsonl [--plans DIR]... [--store URL]
      演练: 按机器人的真实发送流程(补发、持久发件箱、租约、重试、发送限速)运行当天的提醒,
      每条消息以 {"key","to","text"} 追加到 FILE; FILE.fail 中每行一个正则, 匹配的群/部门发送失败。
      退出码 0 = 全部送达, 3 = 有发送失败(下次运行重试), 1 = 出错。
  duban status [--plans DIR]... [--date YYYY-MM-DD] [--json] [--xlsx FILE] [--chart FILE.png] [--store URL]
      任务状态(未开始/推进中/已完成/逾期, 红黄绿灯)和领导汇总; 可导出 Excel 和 PNG 图表。
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

/** Options every plan-reading command takes. */
const PLAN_OPTIONS = {
  plans: { type: 'string', multiple: true },
  'no-cache': { type: 'boolean', default: false },
} as const;
const DATE = { type: 'string' } as const;
const JSON_FLAG = { type: 'boolean', default: false } as const;
const STRING = { type: 'string' } as const;

export async function runCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command = 'help', ...rest] = argv;
  try {
    const config = loadConfig(env);
    switch (command) {
      case 'kb':
        return await kbCommand(parseKbArgs(rest, config), config, io);
      case 'start':
        return await runBot(config, io, parseStartArgs(rest, config));
      case 'chat':
        return await chatCommand(parseChatArgs(rest, config), config, io);
      case 'remind':
        return await remindCommand(parseRemindArgs(rest, config), config, io);
      case 'status':
        return await statusCommand(parseStatusArgs(rest, config), config, io);
      case 'ask':
        return await askCommand(parseAskArgs(rest, config), config, io);
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return 0;
      default:
        throw new UsageError(`未知命令: ${command}`);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
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
      json: JSON_FLAG,
      check: { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
    },
    allowPositionals: false,
    strict: true,
  });
  const plans = plansArg(values.plans, config);
  return { plans, json: values.json ?? false, check: values.check ?? false, cache: !values['no-cache'] };
}

function parseStartArgs(args: string[], config: Config) {
  const { values } = parseArgs({
    args,
    options: { ...PLAN_OPTIONS, date: DATE },
    strict: true,
  });
  const plans = plansArg(values.plans, config);
  dateArg(values.date);
  return { plans, cache: !values['no-cache'], date: values.date ?? null };
}

function parseChatArgs(args: string[], config: Config) {
  const { values } = parseArgs({
    args,
    options: {
      ...PLAN_OPTIONS,
      script: { type: 'string' },
      store: STRING,
    },
    strict: true,
  });
  const plans = plansArg(values.plans, config);
  if (!values.script) throw new UsageError('请用 --script FILE.jsonl 指定对话脚本');
  if (!existsSync(values.script)) throw new UsageError(`找不到对话脚本: ${values.script}`);
  return { plans, cache: !values['no-cache'], script: values.script, store: values.store ?? null };
}

function parseRemindArgs(args: string[], config: Config) {
  const { values } = parseArgs({
    args,
    options: {
      ...PLAN_OPTIONS,
      date: DATE,
      json: JSON_FLAG,
      store: STRING,
      send: { type: 'boolean', default: false },
      outbox: STRING,
      time: STRING,
    },
    strict: true,
  });
  if (!values.date) throw new UsageError('请用 --date YYYY-MM-DD 指定日期');
  dateArg(values.date);
  if (values.send && !values.outbox) throw new UsageError('--send 需要 --outbox FILE.jsonl (消息写入该文件; 在微信里发送请用 duban start)');
  if (!values.send && (values.outbox || values.time)) throw new UsageError('--outbox 和 --time 只用于 --send');
  if (values.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(values.time)) throw new UsageError(`--time 应为 HH:MM, 收到 "${values.time}"`);
  const send = values.send ? { outbox: values.outbox!, time: values.time ?? null } : null;
  return { plans: plansArg(values.plans, config), cache: !values['no-cache'], date: values.date, json: values.json ?? false, store: values.store ?? null, send };
}

function parseStatusArgs(args: string[], config: Config) {
  const { values } = parseArgs({
    args,
    options: {
      ...PLAN_OPTIONS,
      date: DATE,
      json: JSON_FLAG,
      xlsx: { type: 'string' },
      chart: { type: 'string' },
      store: STRING,
    },
    strict: true,
  });
  dateArg(values.date);
  return {
    plans: plansArg(values.plans, config), cache: !values['no-cache'], date: values.date ?? null, json: values.json ?? false,
    xlsx: values.xlsx ?? null, chart: values.chart ?? null, store: values.store ?? null,
  };
}

function parseAskArgs(args: string[], config: Config) {
  const { values, positionals } = parseArgs({
    args,
    options: {
      plans: { type: 'string', multiple: true },
      json: JSON_FLAG,
      'no-cache': { type: 'boolean', default: false },
      date: DATE,
      department: { type: 'string' },
      batch: { type: 'string' },
      'no-llm': { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const plans = plansArg(values.plans, config);
  dateArg(values.date);
  if (values.batch && !existsSync(values.batch)) throw new UsageError(`找不到批量问题文件: ${values.batch}`);
  const question = positionals.join(' ').trim();
  if (!values.batch && !question) throw new UsageError('请给出问题, 例如: duban ask "1.2.1谁牵头?"');
  return {
    plans,
    cache: !values['no-cache'],
    json: values.json ?? false,
    date: values.date ?? null,
    department: values.department ?? null,
    batch: values.batch ?? null,
    question: question || null,
    llm: !values['no-llm'],
  };
}

/** --plans paths (default: the configured plans), each of which must exist. */
function plansArg(given: string[] | undefined, config: Config): string[] {
  const plans = given?.length ? given : [config.plansDir];
  for (const p of plans) if (!existsSync(p)) throw new UsageError(`找不到方案路径: ${p}`);
  return plans;
}

function dateArg(date: string | undefined): void {
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date 的格式应为 YYYY-MM-DD: ${date}`);
}

function isParseArgsError(err: unknown): boolean {
  return err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
}
