import { z } from 'zod';

/**
 * The knowledge base's records. Plain typed data: every fact carries its source (file, the plan's own
 * item number or section path, line, short quote), so every department, number and date in a reply can
 * be traced back to the plan.
 */

export const SourceSchema = z.object({
  file: z.string(),
  /** The plan's own item number ("1.4.3", "15", "(三)"), or null. */
  ref: z.string().nullable(),
  /** Section titles from the chapter down: ["三、工作措施", "(一)加强城市质量文化建设"]. */
  path: z.array(z.string()),
  line: z.number().int(),
  quote: z.string(),
});
export type Source = z.infer<typeof SourceSchema>;

export const TaskSchema = z.object({
  id: z.string(),
  file: z.string(),
  ref: z.string().nullable(),
  text: z.string(),
  /** Lead departments as written (牵头; or every 负责 department when none is marked 牵头). */
  lead: z.array(z.string()),
  /** Every responsible department, lead included, as written. */
  units: z.array(z.string()),
  /** Departments that take part (参加/配合/协助), as written. */
  partners: z.array(z.string()),
  /** "YYYY-MM" or "YYYY-MM-DD". */
  deadline: z.string().nullable(),
  deadlineText: z.string().nullable(),
  /** Where the task comes from: the body text, a task table, or a department duty section. */
  origin: z.enum(['body', 'table', 'duty']),
  category: z.string().nullable(),
  /** Owner cells or deadline inherited from a merged cell above. */
  inherited: z.array(z.enum(['units', 'deadline'])),
  /** What a progress table records of the task, per progress column (进展情况, 1-11月推进情况). */
  progress: z.array(z.object({ label: z.string(), text: z.string() })).optional(),
  /** The leaders a table's 牵头领导/责任领导 column names for the task (people, not units). */
  leaders: z.object({ label: z.string(), names: z.array(z.string()) }).optional(),
  source: SourceSchema,
});
export type Task = z.infer<typeof TaskSchema>;

export const TargetSchema = z.object({
  id: z.string(),
  file: z.string(),
  metric: z.string(),
  comparator: z.string().nullable(),
  value: z.number(),
  valueText: z.string(),
  unit: z.string().nullable(),
  qualifier: z.string().nullable(),
  year: z.number().int().nullable(),
  /** The task this target belongs to, when it sits in one. */
  taskId: z.string().nullable(),
  source: SourceSchema,
});
export type Target = z.infer<typeof TargetSchema>;

export const DutySchema = z.object({
  id: z.string(),
  file: z.string(),
  /** The department heading as written. */
  heading: z.string(),
  departments: z.array(z.string()),
  text: z.string(),
  source: SourceSchema,
});
export type Duty = z.infer<typeof DutySchema>;

export const PhaseSchema = z.object({
  id: z.string(),
  file: z.string(),
  name: z.string(),
  /** "YYYY-MM". */
  start: z.string(),
  end: z.string(),
  when: z.string(),
  description: z.string(),
  source: SourceSchema,
});
export type Phase = z.infer<typeof PhaseSchema>;

export const ReportSchema = z.object({
  id: z.string(),
  file: z.string(),
  kind: z.enum(['duty', 'system']),
  what: z.string(),
  when: z.string().nullable(),
  /** Due dates within each year, "MM-DD". */
  dates: z.array(z.string()),
  perYear: z.number().nullable(),
  to: z.string().nullable(),
  from: z.string().nullable(),
  /** Departments that must report, when the report sits in a department's duty or task. */
  departments: z.array(z.string()),
  source: SourceSchema,
});
export type Report = z.infer<typeof ReportSchema>;

export const CampaignDateSchema = z.object({
  id: z.string(),
  file: z.string(),
  name: z.string(),
  /** "MM-DD", or "MM" for a month-long campaign. */
  date: z.string(),
  asWritten: z.string(),
  source: SourceSchema,
});
export type CampaignDate = z.infer<typeof CampaignDateSchema>;

export const PlanSchema = z.object({
  file: z.string(),
  format: z.string(),
  /** sha256 of the file's bytes. */
  hash: z.string(),
  bytes: z.number().int(),
  title: z.string().nullable(),
  city: z.string().nullable(),
  issuer: z.string().nullable(),
  docNo: z.string().nullable(),
  date: z.string().nullable(),
  /** The year the plan's goals are set for (到2027年), or null. */
  goalYear: z.number().int().nullable(),
  /** Document facts with their quotes: goal years, documents implemented, comment deadline, contacts. */
  facts: z.array(
    z.object({
      kind: z.enum(['goalYear', 'period', 'implements', 'citedNo', 'citedIssuer', 'commentDeadline', 'contact', 'phone', 'email', 'address', 'signed', 'written', 'published', 'source', 'publisher', 'drafter', 'addressees', 'approval', 'feedback', 'validity', 'index', 'attachments']),
      value: z.string(),
      quote: z.string(),
      line: z.number().int(),
    }),
  ),
  traditional: z.boolean(),
  warnings: z.array(z.string()),
});
export type Plan = z.infer<typeof PlanSchema>;

/** A content paragraph of the plan with its section path: the text that no record captures. */
export const PassageSchema = SourceSchema.extend({ text: z.string() });
export type Passage = z.infer<typeof PassageSchema>;

/** Everything extracted from one plan file. */
export const PlanRecordsSchema = z.object({
  plan: PlanSchema,
  tasks: z.array(TaskSchema),
  targets: z.array(TargetSchema),
  duties: z.array(DutySchema),
  phases: z.array(PhaseSchema),
  reports: z.array(ReportSchema),
  campaignDates: z.array(CampaignDateSchema),
  /** Department names as written anywhere in the plan's owner expressions and duty headings. */
  departments: z.array(z.string()),
  /** Normalised content paragraphs with their section path, for retrieval of text that is no record. */
  passages: z.array(PassageSchema),
});
export type PlanRecords = z.infer<typeof PlanRecordsSchema>;
