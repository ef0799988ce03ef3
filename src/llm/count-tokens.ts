import type { Tiktoken } from 'js-tiktoken/lite';
import { phrasePrompt } from './build-prompts.ts';
import type { RenderedPrompt } from './prompts.ts';
import type { GroundingRecord } from './types.ts';

/**
 * Token estimates with the o200k_base encoding (GPT-4o family; within ~10–20% for DeepSeek and Qwen
 * on Chinese). The encoder (a few MB of ranks) is loaded on first use, not at import.
 */

let encoder: Promise<Tiktoken> | undefined;

function loadEncoder(): Promise<Tiktoken> {
  encoder ??= (async () => {
    const [{ Tiktoken }, ranks] = await Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/o200k_base')]);
    return new Tiktoken(ranks.default);
  })();
  return encoder;
}

/** Tokens in plain text; special-token look-alikes in user text count as text, never throw. */
export async function countTokens(text: string): Promise<number> {
  return (await loadEncoder()).encode(text, [], []).length;
}

/** Chat format overhead per message, as OpenAI counts it for gpt-4o-class models. */
const PER_MESSAGE = 3;
const PER_REPLY = 3;

/** Prompt tokens of a system + user chat request. */
export async function countPromptTokens(prompt: RenderedPrompt): Promise<number> {
  const [system, user] = await Promise.all([countTokens(prompt.system), countTokens(prompt.user)]);
  return system + user + 2 * PER_MESSAGE + PER_REPLY;
}

export interface PromptSize {
  system: number;
  user: number;
  total: number;
}

/**
 * Size of the phrase-answer prompt for one question, as createOpenAiLlm would send it: the number
 * the integrator averages to report prompt tokens per question.
 */
export async function measurePromptTokens(records: GroundingRecord[], question: string, draft = ''): Promise<PromptSize> {
  const prompt = phrasePrompt(question, records, draft);
  const [system, user] = await Promise.all([countTokens(prompt.system), countTokens(prompt.user)]);
  return { system, user, total: system + user + 2 * PER_MESSAGE + PER_REPLY };
}
