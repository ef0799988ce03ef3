import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import { ZodError, type ZodType } from 'zod';
import { phrasePrompt, readReportPrompt, summarizePrompt, understandPrompt } from './build-prompts.ts';
import { createCircuitBreaker } from './circuit-breaker.ts';
import { countPromptTokens } from './count-tokens.ts';
import type { RenderedPrompt } from './prompts.ts';
import { QuerySchema, ReportReadingSchema, type LlmPort } from './types.ts';
import { sanitizeQuery, tidyReply, verifyPhrase, verifyReading, verifySummary } from './verify-replies.ts';

/**
 * LlmPort on any OpenAI-compatible chat server (OpenAI, DeepSeek, Qwen compatible mode, vLLM, Ollama).
 * Every method resolves to null instead of throwing — on a timeout, an HTTP error, malformed or
 * mismatching JSON, an empty reply, an open circuit breaker, or a reply that fails verification
 * (verify-replies.ts: any claim — number, date, department, role, status, negation, person, relative
 * date — the records do not carry, lost citations) — so the caller sends its own answer.
 * Structured calls use json_schema output; a server that rejects it (HTTP 400/422 naming
 * response_format) is switched to json_object mode for the rest of the client's life.
 * Worst-case latency of one call: timeoutMs × (maxRetries + 1) plus the SDK's retry back-off (~0.5 s).
 */

export interface OpenAiLlmOptions {
  apiKey: string;
  /** e.g. https://api.deepseek.com/v1, http://127.0.0.1:11434/v1; default OpenAI. */
  baseURL?: string;
  model: string;
  /** Per request; default 4000. */
  timeoutMs?: number;
  /** SDK retries on connection errors, timeouts, 429 and 5xx; default 1. */
  maxRetries?: number;
  breaker?: { failures: number; coolDownMs: number };
  now?: () => number;
  log?: (line: string) => void;
  fetch?: typeof fetch;
  /** Omitted from requests when unset (some reasoning models reject it). */
  temperature?: number;
  /** Reply cap; default 600. */
  maxTokens?: number;
}

export interface LlmStats {
  /** Requests made (calls skipped by the open breaker are not counted). */
  calls: number;
  /** Calls that ended in a transport or format failure (these feed the breaker). */
  failures: number;
  open: boolean;
  /** Server-reported usage.prompt_tokens; estimated with o200k_base when a reply carries none. */
  promptTokens: number;
  skipped: number;
  /** Replies that arrived but failed verification (not failures: the server works). */
  rejected: number;
}

export type OpenAiLlm = LlmPort & { stats(): LlmStats };

export class LlmReplyError extends Error {
  constructor(
    readonly code: 'LLM_EMPTY' | 'LLM_REFUSAL' | 'LLM_BAD_JSON',
    message: string,
  ) {
    super(message);
    this.name = 'LlmReplyError';
  }
}

export function createOpenAiLlm(opts: OpenAiLlmOptions): OpenAiLlm {
  const client = new OpenAI({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL || 'https://api.openai.com/v1',
    organization: null,
    project: null,
    timeout: opts.timeoutMs ?? 4000,
    maxRetries: opts.maxRetries ?? 1,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  const breaker = createCircuitBreaker(opts.breaker ?? { failures: 3, coolDownMs: 60_000 }, now);
  const stats = { calls: 0, failures: 0, promptTokens: 0, skipped: 0, rejected: 0 };
  let jsonSchema = true;

  const settings = () => ({
    model: opts.model,
    max_tokens: opts.maxTokens ?? 600,
    ...(opts.temperature === undefined ? {} : { temperature: opts.temperature }),
  });

  /** One request behind the breaker; any throw becomes null. */
  async function guarded<T>(op: string, prompt: RenderedPrompt, request: Request<T>): Promise<T | null> {
    if (breaker.isOpen()) {
      stats.skipped++;
      log(`llm ${op}: skipped (circuit open)`);
      return null;
    }
    stats.calls++;
    const started = now();
    let usage: number | undefined;
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: prompt.system },
      { role: 'user', content: prompt.user },
    ];
    try {
      const value = await request(messages, (u) => (usage = u?.prompt_tokens ?? usage));
      breaker.success();
      return value;
    } catch (e) {
      stats.failures++;
      breaker.failure();
      log(`llm ${op}: ${describeError(e)} after ${now() - started} ms${breaker.isOpen() ? '; circuit open' : ''}`);
      return null;
    } finally {
      // The estimate (first use loads the tokenizer, ~0.5 s) must not delay the reply.
      if (usage !== undefined) stats.promptTokens += usage;
      else void countPromptTokens(prompt).then((n) => (stats.promptTokens += n), () => {});
    }
  }

  function structured<T>(op: string, schema: ZodType<T>, name: string, prompt: RenderedPrompt): Promise<T | null> {
    return guarded(op, prompt, async (messages, onUsage) => {
      if (jsonSchema) {
        try {
          const completion = await client.chat.completions.parse({ ...settings(), messages, response_format: zodResponseFormat(schema, name) });
          onUsage(completion.usage);
          const message = completion.choices[0]?.message;
          if (message?.refusal) throw new LlmReplyError('LLM_REFUSAL', `refused: ${message.refusal.slice(0, 80)}`);
          if (message?.parsed == null) throw new LlmReplyError('LLM_EMPTY', 'empty reply');
          return schema.parse(message.parsed);
        } catch (e) {
          if (!rejectsJsonSchema(e)) throw e;
          jsonSchema = false;
          log(`llm: server does not take json_schema (${(e as Error).message.slice(0, 100)}); using json_object`);
        }
      }
      const completion = await client.chat.completions.create({ ...settings(), messages, response_format: { type: 'json_object' } });
      onUsage(completion.usage);
      return schema.parse(parseJsonReply(completion.choices[0]?.message?.content));
    });
  }

  function text(op: string, prompt: RenderedPrompt): Promise<string | null> {
    return guarded(op, prompt, async (messages, onUsage) => {
      const completion = await client.chat.completions.create({ ...settings(), messages });
      onUsage(completion.usage);
      const reply = tidyReply(completion.choices[0]?.message?.content ?? '');
      if (!reply) throw new LlmReplyError('LLM_EMPTY', 'empty reply');
      return reply;
    });
  }

  /** Null, logged and counted, when the reply fails its checks. */
  function accepted<T>(op: string, value: T, problems: string[]): T | null {
    if (problems.length === 0) return value;
    stats.rejected++;
    log(`llm ${op}: rejected, not in the records: ${problems.slice(0, 5).join(', ')}`);
    return null;
  }

  return {
    async understand(question, hints) {
      const query = await structured('understand', QuerySchema, 'query', understandPrompt(question, hints));
      return query && sanitizeQuery(query, question, hints);
    },
    async phrase(question, records, draft) {
      const reply = await text('phrase', phrasePrompt(question, records, draft));
      return reply && accepted('phrase', reply, verifyPhrase(reply, records, draft, question));
    },
    async readReport(report, candidates) {
      const reading = await structured('readReport', ReportReadingSchema, 'report_reading', readReportPrompt(report, candidates));
      return reading && accepted('readReport', reading, verifyReading(reading, report, candidates));
    },
    async summarize(digest) {
      const reply = await text('summarize', summarizePrompt(digest));
      return reply && accepted('summarize', reply, verifySummary(reply, digest));
    },
    stats: () => ({ ...stats, open: breaker.isOpen() }),
  };
}

type Request<T> = (messages: ChatCompletionMessageParam[], onUsage: (usage: CompletionUsage | undefined) => void) => Promise<T>;

/** A 400/422 that names the response format: the server lacks json_schema structured output. */
function rejectsJsonSchema(e: unknown): boolean {
  return e instanceof OpenAI.APIError && (e.status === 400 || e.status === 422) && /response_format|json_schema|structured/i.test(e.message);
}

/** JSON from a json_object reply, tolerating a ```json fence some servers add. */
function parseJsonReply(content: string | null | undefined): unknown {
  const body = (content ?? '').trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, '$1');
  if (!body) throw new LlmReplyError('LLM_EMPTY', 'empty reply');
  try {
    return JSON.parse(body);
  } catch {
    throw new LlmReplyError('LLM_BAD_JSON', `malformed JSON: ${body.slice(0, 60)}`);
  }
}

function describeError(e: unknown): string {
  if (e instanceof OpenAI.APIConnectionTimeoutError) return 'timeout';
  if (e instanceof OpenAI.APIError) return `HTTP ${e.status ?? '-'} ${e.message.slice(0, 120)}`;
  if (e instanceof ZodError) return `schema mismatch: ${e.issues.map((i) => i.path.join('.') || i.message).slice(0, 4).join(', ')}`;
  if (e instanceof SyntaxError) return `malformed JSON: ${e.message.slice(0, 80)}`;
  return e instanceof Error ? `${e.name}: ${e.message.slice(0, 120)}` : String(e);
}
