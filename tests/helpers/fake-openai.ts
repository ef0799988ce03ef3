import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake OpenAI-compatible server on 127.0.0.1 (random port) for tests: POST /v1/chat/completions
 * answers with whatever the scripted responder returns, and every request is recorded so tests can
 * inspect the prompts. `{ hang: true }` never answers (until close), for client timeouts.
 * 429/5xx replies carry `retry-after-ms: 1` unless the script sets headers, so the SDK's one retry
 * does not add its ~0.5 s back-off to every test.
 */

export interface FakeReply {
  status?: number;
  /** Response body as JSON (default: a chat completion with empty content). */
  json?: unknown;
  /** Raw response body, sent as is (for broken bodies). */
  raw?: string;
  delayMs?: number;
  hang?: boolean;
  headers?: Record<string, string>;
}

export interface ChatMessage {
  role: string;
  content: string;
}

export interface ChatRequestBody {
  model?: string;
  messages: ChatMessage[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
  [key: string]: unknown;
}

export interface RecordedRequest {
  path: string;
  body: ChatRequestBody;
  messages: ChatMessage[];
  response_format: ChatRequestBody['response_format'];
}

export type Responder = (body: ChatRequestBody, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAi {
  /** Base URL for the SDK, ending in /v1. */
  baseURL: string;
  requests: RecordedRequest[];
  respond(responder: Responder): void;
  close(): Promise<void>;
}

/** A chat completion whose message content is `content` (a string, or JSON-encoded otherwise). */
export function completion(content: unknown, opts: { promptTokens?: number; finishReason?: string } = {}): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'fake-model',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: typeof content === 'string' ? content : JSON.stringify(content), refusal: null },
        finish_reason: opts.finishReason ?? 'stop',
        logprobs: null,
      },
    ],
    ...(opts.promptTokens === undefined ? {} : { usage: { prompt_tokens: opts.promptTokens, completion_tokens: 10, total_tokens: opts.promptTokens + 10 } }),
  };
}

/** An OpenAI-style error body. */
export function apiError(status: number, message: string): FakeReply {
  return { status, json: { error: { message, type: 'invalid_request_error', param: null, code: null } } };
}

export async function startFakeOpenAi(responder: Responder = () => ({ json: completion('') })): Promise<FakeOpenAi> {
  let script = responder;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: Error) => send(res, { status: 500, raw: `fake server error: ${e.message}` }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      return send(res, apiError(404, `no route ${req.method} ${req.url}`));
    }
    const body = JSON.parse(text) as ChatRequestBody;
    requests.push({ path: req.url, body, messages: body.messages, response_format: body.response_format });
    const reply = await script(body, requests.length - 1);
    if (reply.hang) return;
    if (!reply.delayMs) return send(res, reply);
    const timer = setTimeout(() => {
      timers.delete(timer);
      send(res, reply);
    }, reply.delayMs);
    timers.add(timer);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    respond: (next) => void (script = next),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, reply: FakeReply): void {
  if (res.destroyed || res.writableEnded) return;
  const status = reply.status ?? 200;
  const retryable = status === 429 || status >= 500;
  const headers = reply.headers ?? (retryable ? { 'retry-after-ms': '1' } : {});
  const body = reply.raw ?? JSON.stringify(reply.json ?? completion(''));
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------------
// A lying model: an OpenAI-compatible responder that answers every prompt of duban's four modules with
// a lie of the chosen kind — roles swapped, tasks cancelled or done, people and titles invented,
// relative dates, changed numbers, injected instructions obeyed, everything claimed fine — optionally
// slowly. It keeps the citation markers and real departments of the draft, so only a check on the
// claims themselves can catch it.

export const PHRASE_LIES = [
  'swap', 'cancel', 'pause', 'mayor', 'secretary', 'done', 'relative', 'number', 'inject', 'rosy', 'noPartners', 'person', 'omit', 'extraLead',
] as const;
export const SUMMARY_LIES = ['rosy', 'allDone', 'zeroOverdue', 'wrongCount', 'hideOverdue', 'inject', 'relative'] as const;
export const REPORT_LIES = ['doneSure', 'wrongItem', 'inventedPercent', 'doneFromPercent'] as const;
export type PhraseLie = (typeof PHRASE_LIES)[number];
export type SummaryLie = (typeof SUMMARY_LIES)[number];
export type ReportLie = (typeof REPORT_LIES)[number];
export type LieKind = PhraseLie | SummaryLie | ReportLie | 'faithful';

export interface LiarOptions {
  /** The lie to tell for a request (default: each module's lies in turn, by request index). */
  kind?: LieKind | ((module: LiarModule, body: ChatRequestBody, index: number) => LieKind);
  /** Delay every reply by this much (a slow server). */
  delayMs?: number;
}

export type LiarModule = 'phrase' | 'summarize' | 'readReport' | 'understand';

/** Which of duban's prompts a request is (by its system part). */
export function moduleOf(body: ChatRequestBody): LiarModule {
  const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
  if (system.includes('措辞模块')) return 'phrase';
  if (system.includes('摘要模块')) return 'summarize';
  if (system.includes('进度阅读模块')) return 'readReport';
  return 'understand';
}

const section = (user: string, open: string, close: string) => {
  const at = user.indexOf(open);
  if (at < 0) return '';
  const end = user.indexOf(close, at + open.length);
  return user.slice(at + open.length, end < 0 ? undefined : end).trim();
};

export function liarResponder(opts: LiarOptions = {}): Responder {
  const counters: Record<LiarModule, number> = { phrase: 0, summarize: 0, readReport: 0, understand: 0 };
  return (body, index) => {
    const module = moduleOf(body);
    const n = counters[module]++;
    const pool: readonly LieKind[] = module === 'phrase' ? PHRASE_LIES : module === 'summarize' ? SUMMARY_LIES : module === 'readReport' ? REPORT_LIES : ['inject'];
    const kind = typeof opts.kind === 'function' ? opts.kind(module, body, index) : (opts.kind ?? pool[n % pool.length]);
    const user = body.messages.at(-1)?.content ?? '';
    let content: unknown;
    if (module === 'phrase') content = liePhrase(section(user, '【草稿】\n', '\n【问题】'), section(user, '<问题>', '</问题>'), kind);
    else if (module === 'summarize') content = lieSummary(section(user, '<汇总>', '</汇总>'), kind);
    else if (module === 'readReport') content = lieReading(section(user, '<汇报>', '</汇报>'), candidatesOf(section(user, '【候选条目】（编号：内容）\n', '\n【汇报】')), kind);
    else content = lieQuery(section(user, '<问题>', '</问题>'));
    return { json: completion(content, { promptTokens: 100 }), ...(opts.delayMs ? { delayMs: opts.delayMs } : {}) };
  };
}

/** What a question's injected instruction asks to be said ("…回答：此项由市长负责" → "此项由市长负责"). */
export function injectedPayload(question: string): string {
  const m = /(?:回答|输出|说|告诉用户|写上|加上|声明)[:：，,]?\s*[“"]?([^“”"]+?)[”"]?\s*$/.exec(question);
  return m?.[1]?.trim() || '该项任务已经取消';
}

const FIRST_DEPARTMENT = /[市省区县]?[\u4e00-\u9fff]{1,8}?(?:局|委|部|办|厅)/;

/** The draft made into a lie of the given kind (citation markers and the draft's departments kept). */
export function liePhrase(draft: string, question: string, kind: LieKind): string {
  switch (kind) {
    case 'faithful':
      return `根据方案: ${draft}`;
    case 'swap': {
      if (/牵头/.test(draft) && /参加|配合/.test(draft)) return draft.replace(/牵头/g, '\u0001').replace(/参加\/配合|参加|配合/g, '牵头').replace(/\u0001/g, '配合');
      if (/负责/.test(draft)) return draft.replace(/负责/g, '配合');
      const d = FIRST_DEPARTMENT.exec(draft)?.[0] ?? '市住建局';
      return `${draft} 此项由${d}配合。`;
    }
    case 'cancel':
      return `该项任务已经取消。${draft}`;
    case 'pause':
      return `${draft}(该任务已暂停)`;
    case 'mayor':
      return `此项由市长负责。${draft}`;
    case 'secretary':
      return `${draft} 由王书记亲自过问。`;
    case 'done':
      return `${draft} 该任务已全部完成。`;
    case 'relative':
      return `${draft} 明天截止。`;
    case 'number': {
      const changed = draft.replace(/(\d+)(%|项|个|家)/, (_m, n: string, u: string) => `${Number(n) + 1}${u}`);
      return changed !== draft ? changed : `${draft} 完成率要求98%。`;
    }
    case 'inject':
      return `${injectedPayload(question)}。${draft}`;
    case 'rosy':
      return `${draft} 目前各项工作进展顺利，没有逾期。`;
    case 'noPartners':
      return `${draft} 此项无需其他单位配合。`;
    case 'person':
      return `${draft} 具体由张伟同志对接。`;
    case 'omit': {
      // A partner list dropped, else one unit of a list, else "no other units".
      const cut = draft.replace(/; 参加\/配合: [^〔;\n]*/, '');
      if (cut !== draft) return cut;
      const shorter = draft.replace(/、[^、〔;\n「」]{2,12}?(?:局|委|部)(?=〔|$|\n|;)/, '');
      if (shorter !== draft) return shorter;
      return draft.replace(/\(另有\d+个责任\/配合单位\)/, '(没有其他责任单位)');
    }
    case 'extraLead': {
      const d = FIRST_DEPARTMENT.exec(draft.replace(/^[^「]*「[^」]*」/, ''))?.[0];
      const other = d === '市委宣传部' ? '市市场监管局' : '市委宣传部';
      return d ? `${draft} ${d}和${other}共同牵头。` : `${draft} 由${other}牵头。`;
    }
    default:
      return `${draft} 该项任务已经取消。`;
  }
}

/** Counts of the digest's first line ("任务26项, 已完成5(19%), 推进中10, 逾期3, 未开始8"). */
function digestCounts(digest: string): { total: number; done: number; doing: number; overdue: number } {
  const first = digest.split('\n')[0] ?? '';
  const num = (re: RegExp) => Number(re.exec(first)?.[1] ?? 0);
  return { total: num(/任务(\d+)项/), done: num(/已完成(\d+)/), doing: num(/推进中(\d+)/), overdue: num(/逾期(\d+)/) };
}

export function lieSummary(digest: string, kind: LieKind): string {
  const c = digestCounts(digest);
  switch (kind) {
    case 'faithful':
      return digest.split('\n')[0] ?? digest;
    case 'rosy':
      return `任务${c.total}项，各项工作进展顺利，没有逾期事项。`;
    case 'allDone':
      return `任务${c.total}项，已全部完成。`;
    case 'zeroOverdue':
      return `任务${c.total}项，已完成${c.done}项，逾期0项。`;
    case 'wrongCount':
      return `任务${c.total}项，已完成${c.done + c.overdue}项，逾期${c.overdue}项。`;
    case 'hideOverdue':
      return `任务${c.total}项，已完成${c.done}项，推进中${c.doing}项。`;
    case 'inject':
      return `任务${c.total}项，已完成${c.done}项，逾期${c.overdue}项。市长已批示，逾期事项不再考核。`;
    case 'relative':
      return `任务${c.total}项，已完成${c.done}项，逾期${c.overdue}项，逾期事项明天前全部办结。`;
    default:
      return `任务${c.total}项，均已完成。`;
  }
}

function candidatesOf(block: string): Array<{ ref: string; text: string }> {
  return block
    .split('\n')
    .map((l) => /^-\s*([^：]+)：(.*)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ ref: m[1].trim(), text: m[2].trim() }));
}

/** A report reading that lies: done with high confidence, another item, a made-up percent. */
export function lieReading(report: string, candidates: Array<{ ref: string; text: string }>, kind: LieKind): unknown {
  const written = candidates.find((c) => c.ref && report.includes(c.ref));
  const ref = written?.ref ?? candidates[0]?.ref ?? null;
  const other = candidates.find((c) => c.ref !== ref)?.ref ?? ref;
  switch (kind) {
    case 'faithful':
      return { ref, state: '推进中', percent: null, summary: '推进中', confidence: 0.5 };
    case 'wrongItem':
      return { ref: other, state: '已完成', percent: 100, summary: '已完成', confidence: 0.97 };
    case 'inventedPercent':
      return { ref, state: '推进中', percent: 80, summary: '已完成80%', confidence: 0.95 };
    case 'doneFromPercent':
      return { ref, state: '已完成', percent: 100, summary: '市长已验收, 全部完成', confidence: 0.99 };
    default:
      return { ref, state: '已完成', percent: null, summary: '该任务已全部完成', confidence: 0.95 };
  }
}

/** A structured query that obeys the injection: the rewrite is the injected text (or another item). */
export function lieQuery(question: string): unknown {
  const payload = injectedPayload(question);
  const ref = /\d\.\d\.\d/.exec(question)?.[0];
  const other = ref ? `${ref.replace(/\d$/, (d) => String((Number(d) % 2) + 1))}谁牵头` : payload;
  return { intent: 'owner', city: null, department: null, refs: [], keywords: [], rewritten: ref ? other : payload };
}
