import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Prompt templates live in `prompts/NAME.md`: the system part (role and rules), a line `---user---`,
 * then the user part (the data, with `{{name}}` placeholders). Rendering fills placeholders in one
 * pass, so a value that itself contains "{{x}}" or "---user---" stays plain data. Nothing is escaped;
 * a missing or unknown variable is an error, so a template and its caller cannot drift apart silently.
 */

export const PROMPT_NAMES = ['understand-question', 'phrase-answer', 'read-report', 'summarize-digest'] as const;
export type PromptName = (typeof PROMPT_NAMES)[number];

export interface RenderedPrompt {
  system: string;
  user: string;
}

export type PromptErrorCode = 'PROMPT_NOT_FOUND' | 'PROMPT_FORMAT' | 'PROMPT_MISSING_VAR' | 'PROMPT_UNKNOWN_VAR';

export class PromptError extends Error {
  constructor(
    readonly code: PromptErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PromptError';
  }
}

const USER_SPLIT = /^---user---[ \t]*$/m;
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const DEFAULT_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

interface Template {
  system: string;
  user: string;
  names: Set<string>;
}

/** Templates are read on first use and kept; `dir` is for tests and deployments that move them. */
const cache = new Map<string, Template>();

export function renderPrompt(name: PromptName, vars: Record<string, string>, opts: { dir?: string } = {}): RenderedPrompt {
  const template = loadTemplate(name, opts.dir ?? DEFAULT_DIR);
  const missing = [...template.names].filter((n) => typeof vars[n] !== 'string');
  if (missing.length) throw new PromptError('PROMPT_MISSING_VAR', `prompt ${name}: missing ${missing.join(', ')}`);
  const unknown = Object.keys(vars).filter((n) => !template.names.has(n));
  if (unknown.length) throw new PromptError('PROMPT_UNKNOWN_VAR', `prompt ${name}: unknown ${unknown.join(', ')}`);
  const fill = (part: string) => part.replace(PLACEHOLDER, (_, n: string) => vars[n]);
  return { system: fill(template.system), user: fill(template.user) };
}

/** The placeholder names a template uses, for tests and callers that build variables generically. */
export function promptVariables(name: PromptName, opts: { dir?: string } = {}): string[] {
  return [...loadTemplate(name, opts.dir ?? DEFAULT_DIR).names];
}

function loadTemplate(name: string, dir: string): Template {
  const path = `${dir.replace(/\/?$/, '/')}${name}.md`;
  const cached = cache.get(path);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PromptError('PROMPT_NOT_FOUND', `prompt ${name}: cannot read ${path} (${(e as Error).message})`);
  }
  const parts = text.replace(/\r\n/g, '\n').split(USER_SPLIT);
  if (parts.length !== 2) throw new PromptError('PROMPT_FORMAT', `prompt ${name}: needs exactly one "---user---" line`);
  const [system, user] = parts.map((p) => p.trim());
  const names = new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]));
  const template = { system, user, names };
  cache.set(path, template);
  return template;
}
