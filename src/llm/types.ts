import { z } from 'zod';

/**
 * The optional LLM's contract with the rest of duban. The LLM only reads: it turns loose questions
 * into the structured query the answer engine already uses, phrases answers from records it is given,
 * reads free-text progress reports, and summarises digests. Facts always come from the knowledge base
 * and every number, date and department in its text is checked against the records it was given.
 */

/** A loose question as a structured query (zod-validated structured output). */
export const QuerySchema = z.object({
  intent: z.enum(['owner', 'target', 'deadline', 'duties', 'schedule', 'reporting', 'cross_plan', 'search']),
  city: z.string().nullable(),
  department: z.string().nullable(),
  refs: z.array(z.string()),
  keywords: z.array(z.string()),
  /** The question rewritten plainly, in the terms plans use. */
  rewritten: z.string(),
});
export type LlmQuery = z.infer<typeof QuerySchema>;

/** A free-text progress report read into a structured one. */
export const ReportReadingSchema = z.object({
  /** Item number if stated or clearly identifiable from the candidates; null when unsure. */
  ref: z.string().nullable(),
  state: z.enum(['推进中', '已完成']),
  percent: z.number().int().min(0).max(100).nullable(),
  summary: z.string(),
  /** 0–1: how sure the reading is; below 0.7 the bot asks the reporter to confirm. */
  confidence: z.number().min(0).max(1),
});
export type ReportReading = z.infer<typeof ReportReadingSchema>;

/** Records given to the LLM: the only facts it may use. */
export interface GroundingRecord {
  label: string;
  text: string;
}

export interface LlmPort {
  understand(question: string, hints: { cities: string[]; departments: string[] }): Promise<LlmQuery | null>;
  phrase(question: string, records: GroundingRecord[], draft: string): Promise<string | null>;
  readReport(text: string, candidates: GroundingRecord[]): Promise<ReportReading | null>;
  summarize(digest: string): Promise<string | null>;
}
