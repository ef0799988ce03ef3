import { parseChineseDate, parseDeadline } from './parse-dates.ts';

/**
 * Plan metadata: title, city, issuing body, document number (厦府〔2013〕98号, 宜政发[2012]92号) and date.
 * Read from the first lines (the notice header) and from metadata grids ("文号 | … |", "成文日期 | … |").
 */

export interface PlanMeta {
  title: string | null;
  city: string | null;
  issuer: string | null;
  docNo: string | null;
  date: string | null;
}

const DOC_NO = /([\u4e00-\u9fff]{1,8}[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,4}\s*号)/;
const TITLE_WORDS = /(方案|实施意见|意见|规划|计划|办法|通知|纲要)$/;
const PLAN_WORDS = /质量(强|兴|立)(市|县|区|省)|质量提升|质量发展|质量工作/;
const CITY = /([\u4e00-\u9fff]{2,6}?)(市|县|区|州|盟)(?=人民政府|质量|创建|关于|深入|政府|[\u4e00-\u9fff]{0,4}(方案|意见|规划))/;
const ISSUER = /^([\u4e00-\u9fff]{2,12}(?:人民政府|人民政府办公室|人民政府办公厅|政府办公室|质量强市工作领导小组|领导小组))$/;

export function extractPlanMeta(lines: string[], file: string): PlanMeta {
  const head = lines.slice(0, 40);
  const joined = head.join('\n');
  const docNo = findDocNo(head);
  const title = findTitle(lines);
  const issuer = findIssuer(head);
  const city = [title, issuer, head.slice(0, 5).join('\n')].reduce<string | null>(
    (found, text) => found ?? (text ? findCity(text) : null),
    null,
  );
  return { title, city, issuer, docNo, date: findDate(head, joined) };
}

/** The plan's own number: on its own line, at a line start, or in a 文号 grid — not a cited 《…》(…号). */
function findDocNo(head: string[]): string | null {
  for (const line of head) {
    const t = line.trim();
    const m = DOC_NO.exec(t);
    if (!m) continue;
    if (m.index === 0 || /^文\s*号/.test(t) || t.length <= 30) return m[1].replace(/\s+/g, '');
  }
  return null;
}

function findTitle(lines: string[]): string | null {
  const candidates = lines
    .slice(0, 60)
    .map((l) => l.replace(/^(标题|题目)[:|]/, '').replace(/[\s?|]+$/, '').trim())
    .filter((l) => l.length >= 6 && l.length <= 80 && !/[。;]/.test(l));
  const planTitle = candidates.find((l) => TITLE_WORDS.test(l) && PLAN_WORDS.test(l) && !/的通知$/.test(l));
  const notice = candidates.find((l) => TITLE_WORDS.test(l) && PLAN_WORDS.test(l));
  const raw = planTitle ?? notice ?? null;
  if (raw) return raw.replace(/^[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号\s*/, '').replace(/^【[^】]*】/, '');
  // A document flattened onto one line: the title is the 《…》 in the notice's first sentence.
  const quoted = /《([^》]{4,60}(?:方案|意见|规划|计划))》/.exec(lines.slice(0, 5).join(''));
  return quoted?.[1] ?? null;
}

function findIssuer(head: string[]): string | null {
  for (const line of head) {
    const grid = /^(?:制发机关|发布机构|发文机关|发文单位)\s*[|:]?\s*([^|]+?)\s*\|?$/.exec(line);
    if (grid) return grid[1].trim();
    const m = ISSUER.exec(line.trim());
    if (m) return m[1];
  }
  return null;
}

function findCity(raw: string): string | null {
  const text = raw.replace(/关于印发|关于转发|关于|印发|转发|《/g, '\n');
  const m = CITY.exec(text) ?? /^([\u4e00-\u9fff]{2,4}?)人民政府/m.exec(text);
  if (!m) return null;
  const name = m[1].replace(/^(关于印发|关于|印发|深入|创建|转发)/, '');
  return name.length >= 2 ? name : null;
}

function findDate(head: string[], joined: string): string | null {
  for (const line of head) {
    const grid = /^(?:成文日期|发布日期|印发日期)\s*[|:]?\s*([^|]+)/.exec(line);
    if (grid) return parseDeadline(grid[1]);
  }
  for (const line of head) {
    const t = line.trim();
    if (/^\d{4}年\d{1,2}月\d{1,2}日$/.test(t)) return parseDeadline(t);
    const cn = parseChineseDate(t);
    if (cn && t.length <= 14) return cn;
  }
  const any = /(\d{4}年\d{1,2}月\d{1,2}日)/.exec(joined);
  return any ? parseDeadline(any[1]) : parseChineseDate(joined);
}
