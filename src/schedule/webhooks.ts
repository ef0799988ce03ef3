/**
 * Group-robot webhooks: a second way to deliver reminders, for offices that cannot keep a WeChat
 * account logged in. Plain text only, one POST per message part.
 *
 * Formats (vendors' robot guides):
 * - WeCom 企业微信群机器人: `{"msgtype":"text","text":{"content"}}`, content ≤ 2048 UTF-8 bytes;
 *   no signing (the key is in the URL). Errors come back as HTTP 200 with `errcode` ≠ 0.
 * - DingTalk 钉钉自定义机器人: same body; with 加签 the URL gets `&timestamp=<ms>&sign=<sign>`,
 *   sign = urlEncode(base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret))).
 * - Feishu 飞书自定义机器人: `{"msg_type":"text","content":{"text"}}`, request body ≤ 20 KB; with
 *   签名校验 the body gets `"timestamp": "<seconds>"` and
 *   `"sign": base64(HmacSHA256(key = timestamp + "\n" + secret, message = ""))`. Errors: `code` ≠ 0.
 *
 * Retry rule: a non-2xx status, a timeout or a network error is retried with exponential backoff;
 * a vendor error code is retried too, unless it is listed in PERMANENT_CODES (bad signature, missing
 * keyword, IP not whitelisted, bad URL or body) — those will fail the same way every time. A 2xx
 * answer that is not a robot's JSON is not retried either: the URL is probably not a robot.
 */
import { createHmac } from 'node:crypto';

export type WebhookKind = 'wecom' | 'dingtalk' | 'feishu';

export interface WebhookTarget {
  kind: WebhookKind;
  url: string;
  /** DingTalk 加签 / Feishu 签名校验 secret; WeCom has none. */
  secret?: string;
  /** Shown in errors and logs instead of the URL, which carries the robot's key. */
  name?: string;
}

export interface SendWebhookOptions {
  now?: () => Date;
  fetch?: typeof fetch;
  /** Per attempt, covering the response body too. Default 5000. */
  timeoutMs?: number;
  /** Extra attempts after the first. Default 2. */
  retries?: number;
  /** Backoff between attempts (1 s, 2 s, 4 s …); injected so tests don't sleep. */
  wait?: (ms: number) => Promise<void>;
}

export type WebhookErrorCode = 'http-status' | 'timeout' | 'network' | 'vendor-error' | 'bad-response';

/** A message part that could not be delivered; `message` is safe to show (no key, no secret). */
export class WebhookError extends Error {
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
    readonly details: {
      kind: WebhookKind;
      target: string;
      attempts: number;
      status?: number;
      vendorCode?: number;
      /** The robot's own errmsg/msg, cut short; for the log. */
      vendorMessage?: string;
      part?: { index: number; total: number };
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WebhookError';
  }
}

/** Text limit per message, in UTF-8 bytes. DingTalk's is not stated exactly; 20000 is conservative. */
export const WEBHOOK_TEXT_LIMIT_BYTES: Record<WebhookKind, number> = {
  wecom: 2048,
  dingtalk: 20_000,
  // The whole Feishu request body must stay under 20 KB: leave room for the envelope and escapes.
  feishu: 18_000,
};

const KIND_LABEL: Record<WebhookKind, string> = { wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' };

/** Vendor codes that no retry can fix, with what the operator should check. */
const PERMANENT_CODES: Record<WebhookKind, Record<number, string>> = {
  wecom: { 93000: '检查 webhook 地址里的 key' },
  dingtalk: {
    310000: '检查加签密钥、关键词和 IP 白名单',
    300001: '检查 webhook 地址里的 access_token',
    300005: '检查 webhook 地址里的 access_token',
  },
  feishu: {
    9499: '请求格式不对',
    19021: '检查签名密钥和服务器时间',
    19022: '检查 IP 白名单',
    19024: '消息需包含机器人设置的关键词',
  },
};

const BASE_BACKOFF_MS = 1000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function hmacBase64(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('base64');
}

/** The URL and JSON body one robot expects for one plain-text message, signed at `now`. */
export function webhookBody(target: WebhookTarget, text: string, now: Date): { url: string; body: unknown } {
  switch (target.kind) {
    case 'wecom':
      return { url: target.url, body: { msgtype: 'text', text: { content: text } } };
    case 'dingtalk': {
      const body = { msgtype: 'text', text: { content: text } };
      if (!target.secret) return { url: target.url, body };
      const timestamp = String(now.getTime());
      const sign = encodeURIComponent(hmacBase64(target.secret, `${timestamp}\n${target.secret}`));
      const sep = target.url.includes('?') ? '&' : '?';
      return { url: `${target.url}${sep}timestamp=${timestamp}&sign=${sign}`, body };
    }
    case 'feishu': {
      const body = { msg_type: 'text', content: { text } };
      if (!target.secret) return { url: target.url, body };
      const timestamp = String(Math.floor(now.getTime() / 1000));
      // Feishu keys the HMAC with the string to sign and hashes nothing — unlike DingTalk.
      return { url: target.url, body: { timestamp, sign: hmacBase64(`${timestamp}\n${target.secret}`, ''), ...body } };
    }
  }
}

/**
 * Splits text at line breaks into parts of at most `maxBytes` UTF-8 bytes, in order; a line that is
 * itself too long is cut between characters. Joining the parts with "\n" gives the text back, unless
 * a line had to be cut.
 */
export function splitWebhookText(text: string, maxBytes: number): string[] {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  if (bytes(text) <= maxBytes) return [text];
  const parts: string[] = [];
  let cur: string | null = null;
  for (const line of text.split('\n')) {
    if (cur !== null && bytes(cur) + 1 + bytes(line) <= maxBytes) {
      cur = `${cur}\n${line}`;
      continue;
    }
    if (cur !== null) parts.push(cur);
    cur = '';
    for (const ch of line) {
      if (bytes(cur) + bytes(ch) > maxBytes) {
        parts.push(cur);
        cur = '';
      }
      cur += ch;
    }
  }
  if (cur !== null) parts.push(cur);
  return parts;
}

type Attempt = { ok: true } | { ok: false; retry: boolean; error: Omit<Failure, 'attempts'> };

interface Failure {
  code: WebhookErrorCode;
  status?: number;
  vendorCode?: number;
  vendorMessage?: string;
  cause?: unknown;
}

type FinalFailure = Failure & { attempts: number };

/** Reads the robot's verdict from a response body; WeCom/DingTalk say `errcode`, Feishu `code`. */
function vendorVerdict(kind: WebhookKind, raw: string): { code: number; message?: string } | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const o = json as Record<string, unknown>;
  const code = kind === 'feishu' ? (o.code ?? o.StatusCode) : o.errcode;
  if (typeof code !== 'number') return null;
  const message = kind === 'feishu' ? (o.msg ?? o.StatusMessage) : o.errmsg;
  return { code, message: typeof message === 'string' ? message.slice(0, 200) : undefined };
}

async function attemptOnce(
  target: WebhookTarget,
  text: string,
  opts: { now: () => Date; fetch: typeof fetch; timeoutMs: number },
): Promise<Attempt> {
  const { url, body } = webhookBody(target, text, opts.now());
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  let status: number;
  let raw: string;
  try {
    const res = await opts.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    status = res.status;
    raw = await res.text();
  } catch (cause) {
    const code = controller.signal.aborted ? 'timeout' : 'network';
    return { ok: false, retry: true, error: { code, cause } };
  } finally {
    clearTimeout(timer);
  }
  const verdict = vendorVerdict(target.kind, raw);
  if (verdict && verdict.code !== 0) {
    const error = { code: 'vendor-error' as const, status, vendorCode: verdict.code, vendorMessage: verdict.message };
    return { ok: false, retry: !Object.hasOwn(PERMANENT_CODES[target.kind], verdict.code), error };
  }
  if (status < 200 || status > 299) return { ok: false, retry: true, error: { code: 'http-status', status } };
  if (!verdict) return { ok: false, retry: false, error: { code: 'bad-response', status } };
  return { ok: true };
}

function describeFailure(target: WebhookTarget, f: FinalFailure, part: string): string {
  const who = `${KIND_LABEL[target.kind]}群机器人「${target.name ?? target.kind}」${part}`;
  const why: Record<WebhookErrorCode, string> = {
    'http-status': `服务器返回 HTTP ${f.status}`,
    timeout: '请求超时',
    network: '网络连接失败',
    'vendor-error': `机器人返回错误码 ${f.vendorCode}`,
    'bad-response': '返回内容不是机器人的应答，请检查 webhook 地址',
  };
  const hint = f.vendorCode !== undefined ? PERMANENT_CODES[target.kind][f.vendorCode] : undefined;
  return `${who}发送失败：${why[f.code]}${hint ? `（${hint}）` : ''}，共尝试 ${f.attempts} 次。`;
}

async function sendPart(
  target: WebhookTarget,
  text: string,
  opts: Required<SendWebhookOptions>,
): Promise<FinalFailure | null> {
  for (let attempt = 1; ; attempt++) {
    const result = await attemptOnce(target, text, opts);
    if (result.ok) return null;
    if (!result.retry || attempt > opts.retries) return { ...result.error, attempts: attempt };
    await opts.wait(BASE_BACKOFF_MS * 2 ** (attempt - 1));
  }
}

/**
 * Sends a plain-text message to a group robot, split into parts under the robot's limit and sent in
 * order. Throws a WebhookError for the first part that still fails after its retries; later parts
 * are not sent, so the group never sees a message with a hole in it.
 */
export async function sendWebhook(
  target: WebhookTarget,
  text: string,
  options: SendWebhookOptions = {},
): Promise<void> {
  const opts: Required<SendWebhookOptions> = {
    now: options.now ?? (() => new Date()),
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 5000,
    retries: options.retries ?? 2,
    wait: options.wait ?? sleep,
  };
  const parts = splitWebhookText(text, WEBHOOK_TEXT_LIMIT_BYTES[target.kind]);
  for (const [i, part] of parts.entries()) {
    const failure = await sendPart(target, part, opts);
    if (!failure) continue;
    const { code, cause, ...rest } = failure;
    const several = parts.length > 1;
    const where = several ? { part: { index: i + 1, total: parts.length } } : {};
    const message = describeFailure(target, failure, several ? `（第 ${i + 1}/${parts.length} 段）` : '');
    const details = { kind: target.kind, target: target.name ?? target.kind, ...rest, ...where };
    throw new WebhookError(code, message, details, { cause });
  }
}
