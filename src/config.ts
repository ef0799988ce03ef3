import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DEFAULT_POLICY } from './schedule/due-reminders.ts';
import { DEFAULT_THRESHOLDS } from './status/task-status.ts';
import { calendarOverrideConflicts, daySpecProblem } from './schedule/workday-calendar.ts';

/**
 * Configuration: `config/duban.yaml` (or $DUBAN_CONFIG) with environment overrides, validated by one
 * zod schema. Read from the environment passed in, never from a global. An invalid configuration
 * raises one ConfigError that lists every problem.
 */

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_PLANS_DIR = join(projectRoot, 'config', 'demo-plan');
const DEFAULT_CONFIG_FILE = join(projectRoot, 'config', 'duban.yaml');

const WebhookTargetSchema = z.object({
  kind: z.enum(['wecom', 'dingtalk', 'feishu']),
  url: z.string().url(),
  secret: z.string().optional(),
  name: z.string().optional(),
});

/** `YYYY-MM-DD` or an inclusive range `YYYY-MM-DD..YYYY-MM-DD`. */
const CalendarDaySchema = z.string().superRefine((spec, ctx) => {
  const problem = daySpecProblem(spec);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const ConfigSchema = z.object({
  /** Where the SQLite store and the parse cache live. */
  dataDir: z.string().min(1),
  /** Plans loaded when no --plans is given: the bundled demo plan by default. */
  plansDir: z.string().min(1),
  /** Department registry (aliases, reforms). */
  departmentsFile: z.string().min(1),
  /** Files larger than this are refused with a warning. */
  maxPlanBytes: z.number().int().positive(),
  /** "" = SQLite file in dataDir; "memory"; "redis://host:port". */
  storeUrl: z.string(),
  bot: z.object({
    name: z.string().min(1),
    /** Text prefixes that address the bot without a mention. */
    prefixes: z.array(z.string().min(1)).min(1),
    /** Wechaty puppet; empty = the local console (puppet-mock). */
    puppet: z.string(),
    puppetToken: z.string(),
  }),
  /**
   * Coordinators by WeChat id (`/我是谁` shows one's id): they may bind any group, preview reminders,
   * and mark or reopen any task. Display names are never accepted (anyone can take one): an entry that
   * does not look like an id is ignored with a start-up warning (see `coordinatorIds`).
   */
  coordinators: z.array(z.string().min(1)),
  limits: z.object({
    perUserPerMinute: z.number().int().positive(),
    perRoomPerMinute: z.number().int().positive(),
    /** Messages older than this (sent before start-up) are ignored. */
    staleSeconds: z.number().int().nonnegative(),
    /** Longest message handled; longer ones get a short explanation. */
    maxMessageChars: z.number().int().positive(),
    /** Replies are split into parts of at most this many characters. */
    maxReplyChars: z.number().int().min(200),
    /** Outgoing send governor: minimum gap between two sends, and between two sends to one group. */
    sendIntervalMs: z.number().int().nonnegative(),
    roomSendIntervalMs: z.number().int().nonnegative(),
  }),
  reminders: z.object({
    daysBefore: z.array(z.number().int().positive()),
    overdueEveryDays: z.number().int().positive(),
    overdueMax: z.number().int().nonnegative(),
    /** Local send time, Asia/Shanghai. */
    sendAt: z.string().regex(/^\d{2}:\d{2}$/),
    quietHours: z.object({ from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) }).nullable(),
    kinds: z.object({ task: z.boolean(), phase: z.boolean(), report: z.boolean(), campaign: z.boolean() }),
    /** "每年N次" reports without dates fall due at the end of these months. */
    cadenceMonths: z.record(z.string(), z.array(z.number().int().min(1).max(12))),
    /** The coordinators' group (digests, and reminders for departments without a bound group). */
    coordinatorRoom: z.string().min(1),
    /** ISO weekday of the digest, 1 = Monday; 0 = daily. */
    digestWeekday: z.number().int().min(0).max(7),
    /** Liaison named in a department group's reminder, by department name. */
    liaisons: z.record(z.string(), z.string()),
    /** Missed reminders younger than this are sent late after downtime; older ones are summarised. */
    graceHours: z.number().int().nonnegative(),
    /** How long a message's send lease holds (renewed every third of it while sending); a crashed sender's messages wait this long. */
    leaseSeconds: z.number().int().positive(),
  }),
  /** Status lights: yellow when due within `yellowDays` or no report for `staleDays`. */
  status: z.object({ yellowDays: z.number().int().nonnegative(), staleDays: z.number().int().positive() }),
  /** The optional LLM (any OpenAI-compatible server); off without an API key. */
  llm: z.object({
    apiKey: z.string(),
    baseURL: z.string(),
    model: z.string().min(1),
    timeoutMs: z.number().int().positive(),
    /** The whole LLM step per question; after it the deterministic answer is sent. */
    budgetMs: z.number().int().positive(),
  }),
  /** Group-robot webhooks (WeCom, DingTalk, Feishu) that also carry the reminders. */
  webhooks: z.object({
    coordinators: WebhookTargetSchema.optional(),
    departments: z.record(z.string(), WebhookTargetSchema).default({}),
  }),
  /** Workday calendar overrides that win over chinese-days: days off, and make-up workdays (调休上班). */
  calendar: z
    .object({ holidays: z.array(CalendarDaySchema), workdays: z.array(CalendarDaySchema) })
    .superRefine((c, ctx) => {
      for (const problem of calendarOverrideConflicts(c)) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type Config = z.infer<typeof ConfigSchema>;

/**
 * Whether a configured entry looks like a WeChat id (`wxid_…`, a chosen 微信号, a puppet's contact id):
 * ASCII letters, digits and `_-.@:+=`, no spaces, no CJK. A display name (王协调) does not.
 */
export function looksLikeWechatId(entry: string): boolean {
  return /^[A-Za-z0-9_\-.@:+=]{3,80}$/.test(entry);
}

/**
 * The coordinators' ids, and the entries ignored because they are no ids (names are not accepted: a
 * WeChat display name is neither unique nor protected).
 */
export function coordinatorIds(entries: readonly string[]): { ids: Set<string>; ignored: string[] } {
  const ids = new Set<string>();
  const ignored: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (looksLikeWechatId(entry)) ids.add(entry);
    else if (entry) ignored.push(entry);
  }
  return { ids, ignored };
}

/** The start-up warning for coordinator entries that are names, not ids (null when there are none). */
export function coordinatorWarning(entries: readonly string[]): string | null {
  const { ignored } = coordinatorIds(entries);
  if (ignored.length === 0) return null;
  return `⚠ 协调员配置 ${ignored.map((e) => `“${e}”`).join('、')} 不是微信ID, 已忽略: 协调员只按微信ID识别, 不再接受微信名/群昵称(名字任何人都能改成)。请本人向机器人发送 /我是谁 查看微信ID, 填入 config/duban.yaml 的 coordinators 或 DUBAN_COORDINATORS。`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误, 无法启动:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULTS = {
  reminders: {
    ...DEFAULT_POLICY,
    coordinatorRoom: '质量强市工作群',
    digestWeekday: 1,
    liaisons: {} as Record<string, string>,
    graceHours: 24,
    leaseSeconds: 120,
  },
  bot: { name: '督办助手', prefixes: ['/', '督办'], puppet: '', puppetToken: '' },
  coordinators: [] as string[],
  limits: {
    perUserPerMinute: 10,
    perRoomPerMinute: 30,
    staleSeconds: 60,
    maxMessageChars: 2000,
    maxReplyChars: 1500,
    sendIntervalMs: 1000,
    roomSendIntervalMs: 3000,
  },
  calendar: { holidays: [] as string[], workdays: [] as string[] },
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const file = env.DUBAN_CONFIG || DEFAULT_CONFIG_FILE;
  const yaml = readYaml(file);
  const y = (yaml ?? {}) as Record<string, any>;
  const raw = {
    dataDir: env.DUBAN_DATA_DIR || y.dataDir || join(process.cwd(), '.duban'),
    plansDir: env.DUBAN_PLANS_DIR || y.plansDir || DEMO_PLANS_DIR,
    departmentsFile: env.DUBAN_DEPARTMENTS_FILE || y.departmentsFile || join(projectRoot, 'config', 'departments.yaml'),
    maxPlanBytes: Math.round(Number(env.DUBAN_MAX_PLAN_MB ?? y.maxPlanMB ?? 20) * 1024 * 1024),
    storeUrl: env.KEYV_URL ?? y.storeUrl ?? '',
    bot: {
      ...DEFAULTS.bot,
      ...(y.bot ?? {}),
      ...(env.DUBAN_BOT_NAME ? { name: env.DUBAN_BOT_NAME } : {}),
      ...(env.WECHATY_PUPPET !== undefined ? { puppet: env.WECHATY_PUPPET } : {}),
      ...(env.WECHATY_PUPPET_SERVICE_TOKEN !== undefined ? { puppetToken: env.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
    },
    coordinators: env.DUBAN_COORDINATORS ? env.DUBAN_COORDINATORS.split(/[,，]/).map((s) => s.trim()).filter(Boolean) : (y.coordinators ?? DEFAULTS.coordinators),
    limits: { ...DEFAULTS.limits, ...(y.limits ?? {}) },
    reminders: { ...DEFAULTS.reminders, ...(y.reminders ?? {}) },
    webhooks: { departments: {}, ...(y.webhooks ?? {}) },
    status: { ...DEFAULT_THRESHOLDS, ...(y.status ?? {}) },
    calendar: {
      holidays: y.calendar?.holidays ?? DEFAULTS.calendar.holidays,
      workdays: y.calendar?.workdays ?? DEFAULTS.calendar.workdays,
    },
    llm: {
      timeoutMs: 4000,
      budgetMs: 6000,
      ...(y.llm ?? {}),
      apiKey: env.OPENAI_API_KEY ?? y.llm?.apiKey ?? '',
      baseURL: env.OPENAI_BASE_URL ?? y.llm?.baseURL ?? '',
      model: env.OPENAI_MODEL || y.llm?.model || 'gpt-4o-mini',
    },
  };
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`));
  }
  return parsed.data;
}

function readYaml(file: string): unknown {
  if (!existsSync(file)) return null;
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`${file}: 不是合法的 YAML (${(err as Error).message.split('\n')[0]})`]);
  }
}
