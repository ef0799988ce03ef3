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
