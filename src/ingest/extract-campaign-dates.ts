/**
 * Campaign dates a plan names (质量月, 3·15, 世界标准日 …), with their fixed calendar dates so that
 * reminders can be scheduled. The list can be extended from config.
 */

export interface CampaignDateDef {
  name: string;
  /** Patterns as plans write the name (after normalisation). */
  patterns: RegExp;
  /** "MM-DD" for a day, "MM" for a month-long campaign. */
  date: string;
}

export const CAMPAIGN_DATES: CampaignDateDef[] = [
  { name: '质量月', patterns: /质量月/, date: '09' },
  { name: '3·15国际消费者权益日', patterns: /3\s*[·.?]\s*15|三一五|消费者权益(保护)?日/, date: '03-15' },
  { name: '世界标准日', patterns: /世界标准(化)?日/, date: '10-14' },
  { name: '世界计量日', patterns: /世界计量日/, date: '05-20' },
  { name: '世界认可日', patterns: /世界认可日/, date: '06-09' },
  { name: '世界知识产权日', patterns: /世界知识产权日/, date: '04-26' },
  { name: '中国品牌日', patterns: /中国品牌日/, date: '05-10' },
  { name: '安全生产月', patterns: /安全生产月/, date: '06' },
  { name: '诚信兴商宣传月', patterns: /诚信兴商宣传月/, date: '09' },
  { name: '食品安全宣传周', patterns: /食品安全宣传周/, date: '06' },
];

export interface CampaignDateDraft {
  name: string;
  date: string;
  /** The name as the plan writes it. */
  asWritten: string;
  quote: string;
}

/** Campaign dates named in one paragraph (each name once). */
export function extractCampaignDates(text: string, defs = CAMPAIGN_DATES): CampaignDateDraft[] {
  const out: CampaignDateDraft[] = [];
  for (const def of defs) {
    const m = def.patterns.exec(text);
    if (!m) continue;
    const from = Math.max(0, m.index - 30);
    out.push({ name: def.name, date: def.date, asWritten: m[0], quote: text.slice(from, m.index + m[0].length + 30).trim() });
  }
  return out;
}
