import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sendWebhook,
  splitWebhookText,
  webhookBody,
  WebhookError,
  type WebhookTarget,
} from '../../src/schedule/webhooks.ts';

/** What the local robot saw: one entry per request, in arrival order. */
interface Received {
  path: string;
  query: URLSearchParams;
  /** The query string exactly as sent, to check percent-encoding. */
  rawQuery: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: any;
}

type Reply = (res: ServerResponse, n: number) => void;

let server: Server;
let base: string;
const received: Received[] = [];
/** Per path: how to answer the n-th request (0-based) to it. */
const routes = new Map<string, Reply>();

const json = (status: number, body: unknown): Reply => (res) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
const OK_WECOM = json(200, { errcode: 0, errmsg: 'ok' });
const OK_FEISHU = json(200, { code: 0, msg: 'success', data: {} });

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const [path, rawQuery = ''] = (req.url ?? '').split('?');
      const n = received.filter((r) => r.path === path).length;
      received.push({ path, rawQuery, query: new URLSearchParams(rawQuery), method: req.method ?? '', headers: req.headers, body: JSON.parse(raw) });
      (routes.get(path) ?? json(404, { errcode: 404 }))(res, n);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A fresh path per test so requests never mix. */
let seq = 0;
function route(reply: Reply): string {
  const path = `/robot/${++seq}`;
  routes.set(path, reply);
  return path;
}
const sentTo = (path: string) => received.filter((r) => r.path === path);

const NOW = new Date('2025-03-10T01:30:00.123Z');
/** The WebhookError a send ends with; fails the test if the send succeeded or threw anything else. */
async function failure(send: Promise<void>): Promise<WebhookError> {
  const err = await send.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WebhookError);
  return err as WebhookError;
}

const noSleep = () => {
  const waits: number[] = [];
  return { waits, wait: async (ms: number) => void waits.push(ms) };
};

describe('webhookBody', () => {
  it('builds each robot’s plain-text JSON', () => {
    const text = '【督办提醒】市场监管局：3月15日前报送进展';
    expect(webhookBody({ kind: 'wecom', url: 'https://x/send?key=k' }, text, NOW)).toEqual({
      url: 'https://x/send?key=k',
      body: { msgtype: 'text', text: { content: text } },
    });
    expect(webhookBody({ kind: 'dingtalk', url: 'https://x/robot/send?access_token=t' }, text, NOW)).toEqual({
      url: 'https://x/robot/send?access_token=t',
      body: { msgtype: 'text', text: { content: text } },
    });
    expect(webhookBody({ kind: 'feishu', url: 'https://x/hook/h' }, text, NOW)).toEqual({
      url: 'https://x/hook/h',
      body: { msg_type: 'text', content: { text } },
    });
  });
});

describe('sendWebhook formats', () => {
  it('WeCom: POSTs the text JSON with a UTF-8 JSON content type, URL untouched', async () => {
    const path = route(OK_WECOM);
    await sendWebhook({ kind: 'wecom', url: `${base}${path}?key=abc-123` }, '明天截止：质量提升行动月报', { now: () => NOW });
    const [req] = sentTo(path);
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.rawQuery).toBe('key=abc-123');
    expect(req.body).toEqual({ msgtype: 'text', text: { content: '明天截止：质量提升行动月报' } });
  });

  it('DingTalk with 加签: timestamp in ms and a URL-encoded signature that verifies', async () => {
    const path = route(OK_WECOM);
    const secret = 'SEC0123456789abcdef-test-secret';
    await sendWebhook({ kind: 'dingtalk', url: `${base}${path}?access_token=tok`, secret }, '提醒', { now: () => NOW });
    const [req] = sentTo(path);
    expect(req.query.get('access_token')).toBe('tok');
    expect(req.query.get('timestamp')).toBe(String(NOW.getTime()));
    const expected = createHmac('sha256', secret).update(`${NOW.getTime()}\n${secret}`).digest('base64');
    expect(req.query.get('sign')).toBe(expected);
    // Sent percent-encoded: base64's + / = never travel raw in the query.
    expect(req.rawQuery).toContain(`sign=${encodeURIComponent(expected)}`);
    expect(req.rawQuery.split('sign=')[1]).toMatch(/^[A-Za-z0-9%]+$/);
    expect(req.body).toEqual({ msgtype: 'text', text: { content: '提醒' } });
  });

  it('DingTalk without a secret sends to the URL as given', async () => {
    const path = route(OK_WECOM);
    await sendWebhook({ kind: 'dingtalk', url: `${base}${path}?access_token=tok` }, '提醒');
    expect(sentTo(path)[0].rawQuery).toBe('access_token=tok');
  });

  it('Feishu with 签名校验: timestamp in seconds and a signature keyed by timestamp+secret', async () => {
    const path = route(OK_FEISHU);
    const secret = 'feishu-secret-xyz';
    await sendWebhook({ kind: 'feishu', url: `${base}${path}`, secret }, '请于本周五前报送', { now: () => NOW });
    const [req] = sentTo(path);
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    const ts = String(Math.floor(NOW.getTime() / 1000));
    const expected = createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64');
    expect(req.body).toEqual({ timestamp: ts, sign: expected, msg_type: 'text', content: { text: '请于本周五前报送' } });
  });

  it('Feishu without a secret sends no timestamp or sign', async () => {
    const path = route(OK_FEISHU);
    await sendWebhook({ kind: 'feishu', url: `${base}${path}` }, '你好');
    expect(sentTo(path)[0].body).toEqual({ msg_type: 'text', content: { text: '你好' } });
  });
});

describe('sendWebhook failures', () => {
  it('retries a 500 and succeeds on the next answer, backing off once', async () => {
    const path = route((res, n) => (n === 0 ? json(500, { error: 'busy' }) : OK_WECOM)(res, n));
    const { waits, wait } = noSleep();
    await sendWebhook({ kind: 'wecom', url: `${base}${path}?key=k` }, '提醒', { wait });
    expect(sentTo(path)).toHaveLength(2);
    expect(waits).toEqual([1000]);
  });

  it('fails with WebhookError on a permanent errcode in a 200 body, without retrying or leaking the key', async () => {
    const path = route(json(200, { errcode: 93000, errmsg: 'invalid webhook url, hint: [x]' }));
    const { waits, wait } = noSleep();
    const target: WebhookTarget = { kind: 'wecom', url: `${base}${path}?key=SECRET-KEY-1`, name: '市场监管局' };
    const e = await failure(sendWebhook(target, '提醒', { wait }));
    expect(e.code).toBe('vendor-error');
    expect(e.details).toMatchObject({ kind: 'wecom', target: '市场监管局', vendorCode: 93000, attempts: 1, status: 200 });
    expect(e.message).toContain('市场监管局');
    expect(e.message).toContain('93000');
    expect(e.message).not.toContain('SECRET-KEY-1');
    expect(e.message).not.toContain(base);
    expect(sentTo(path)).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('fails on a bad DingTalk signature (310000) and a bad Feishu signature (19021) at once', async () => {
    const ding = route(json(200, { errcode: 310000, errmsg: 'sign not match' }));
    const fei = route(json(200, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} }));
    const secret = 'SEC-do-not-print';
    const e1 = await failure(sendWebhook({ kind: 'dingtalk', url: `${base}${ding}?access_token=t`, secret }, 'x'));
    const e2 = await failure(sendWebhook({ kind: 'feishu', url: `${base}${fei}`, secret }, 'x'));
    expect([e1.details.vendorCode, e2.details.vendorCode]).toEqual([310000, 19021]);
    expect([e1.details.attempts, e2.details.attempts]).toEqual([1, 1]);
    for (const e of [e1, e2]) expect(e.message).not.toContain(secret);
    expect(e1.details.vendorMessage).toBe('sign not match');
  });

  it('retries a transient errcode (rate limit) and gives up after the retries', async () => {
    const path = route(json(200, { errcode: 45009, errmsg: 'api freq out of limit' }));
    const { waits, wait } = noSleep();
    const err = await failure(sendWebhook({ kind: 'wecom', url: `${base}${path}?key=k` }, '提醒', { wait }));
    expect(err.details).toMatchObject({ vendorCode: 45009, attempts: 3 });
    expect(sentTo(path)).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it('times out on a robot that never answers, retries, then fails', async () => {
    const path = route(() => undefined);
    const { waits, wait } = noSleep();
    const started = Date.now();
    const err = await failure(sendWebhook({ kind: 'feishu', url: `${base}${path}` }, '提醒', { timeoutMs: 50, retries: 2, wait }));
    expect(err.code).toBe('timeout');
    expect(err.details.attempts).toBe(3);
    expect(err.message).toContain('超时');
    expect(sentTo(path)).toHaveLength(3);
    expect(waits).toEqual([1000, 2000]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { wait } = noSleep();
    const err = await failure(sendWebhook({ kind: 'wecom', url: `http://127.0.0.1:${port}/send?key=k` }, '提醒', { retries: 1, wait }));
    expect(err.code).toBe('network');
    expect(err.details.attempts).toBe(2);
  });

  it('does not retry a 200 that is not a robot’s JSON', async () => {
    const path = route((res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'));
    const err = await failure(sendWebhook({ kind: 'dingtalk', url: `${base}${path}` }, '提醒', noSleep()));
    expect(err.code).toBe('bad-response');
    expect(sentTo(path)).toHaveLength(1);
  });
});

describe('long texts', () => {
  const line = (i: number) => `${String(i).padStart(3, '0')}. 区市场监管局：完成重点产品质量抽检并报送进展情况（牵头单位督办）`;
  const long = Array.from({ length: 80 }, (_, i) => line(i + 1)).join('\n');

  it('arrives at WeCom as several messages, in order, each within 2048 bytes, split at line breaks', async () => {
    expect(Buffer.byteLength(long)).toBeGreaterThan(3 * 2048);
    const path = route(OK_WECOM);
    await sendWebhook({ kind: 'wecom', url: `${base}${path}?key=k` }, long);
    const contents: string[] = sentTo(path).map((r) => r.body.text.content);
    expect(contents.length).toBeGreaterThan(3);
    for (const c of contents) expect(Buffer.byteLength(c, 'utf8')).toBeLessThanOrEqual(2048);
    expect(contents.join('\n')).toBe(long);
    expect(contents[0].startsWith('001.')).toBe(true);
    expect(contents.every((c) => c.split('\n').every((l) => /^\d{3}\. /.test(l)))).toBe(true);
  });

  it('sends the same text to DingTalk and Feishu in one message', async () => {
    const ding = route(OK_WECOM);
    const fei = route(OK_FEISHU);
    await sendWebhook({ kind: 'dingtalk', url: `${base}${ding}` }, long);
    await sendWebhook({ kind: 'feishu', url: `${base}${fei}` }, long);
    expect(sentTo(ding).map((r) => r.body.text.content)).toEqual([long]);
    expect(sentTo(fei).map((r) => r.body.content.text)).toEqual([long]);
  });

  it('stops at the first part that fails and names it', async () => {
    const path = route((res, n) => (n === 1 ? json(200, { errcode: 93000, errmsg: 'invalid webhook url' }) : OK_WECOM)(res, n));
    const err = await failure(sendWebhook({ kind: 'wecom', url: `${base}${path}?key=k` }, long));
    expect(err.details.part).toMatchObject({ index: 2 });
    expect(err.message).toContain('第 2/');
    expect(sentTo(path)).toHaveLength(2);
  });

  it('cuts a line longer than the limit between characters, never inside one', () => {
    const oneLine = '督办'.repeat(1000) + '😀'.repeat(300);
    const parts = splitWebhookText(oneLine, 2048);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(2048);
      expect(p).not.toContain('\uFFFD');
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    }
    expect(parts.join('')).toBe(oneLine);
  });
});
