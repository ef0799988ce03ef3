/**
 * Reporting duties: what must be reported, when ("6月底和12月底", "每年2次以上", "每季度末"), to whom
 * ("向…领导小组办公室(市质监局)"), and by whom. Also the reporting systems a plan sets up
 * ("建立重大质量事故报告制度").
 */

export interface ReportDraft {
  /** What is reported: "半年和全年创建工作总结", "质量分析报告". */
  what: string;
  /** When, as written: "6月底和12月底", "每年2次以上", "定期"; null when the plan says nothing. */
  when: string | null;
  /** Calendar due dates within a year, "MM-DD": "6月底和12月底" → ["06-30", "12-31"]. */
  dates: string[];
  /** Reports per year when a cadence is given ("每年2次以上" → 2, "每季度" → 4). */
  perYear: number | null;
  to: string | null;
  /** Who reports, as written ("各区县、示范区、市直各相关部门"), when the sentence says. */
  from: string | null;
  /** 'duty' = someone must report; 'system' = a reporting system to be set up. */
  kind: 'duty' | 'system';
  quote: string;
}

const REPORT_WORD = /报告|报送|上报|呈报|汇报|总结材料|报[\u4e00-\u9fff]{2,12}?备案|向[^,;。]{2,60}?(?:提交|递交|报)|提交[^,;。]{0,12}(?:材料|报告|表)|报市政府|报市委|报领导小组|报上级|报(?:至|给|到)?[市县区旗州省][\u4e00-\u9fff]{0,12}(?:政府|办公室|督查室|督办室|督考办|领导小组)|将[^,;。]{2,60}?报(?:至|给|到)?[\u4e00-\u9fff]{2,30}?(?:办公室|领导小组|督查室|实验室部|司|处|科)(?![\u4e00-\u9fff])/;
const SYSTEM = /([\u4e00-\u9fff、]{2,24}报告制度)/g;
/** A recurring time ("每月25日前"): it goes before a start date in the same clause ("从2022年3月起"). */
const RECURRING = /(每年|每半年|每季度|每季|每月|每周)[^,;。]{0,8}?(\d+)?\s*次(以上)?|每(?:年|半年|季度|季|月|周)(?:末|底|初|\d{1,2}日)?(?:月\d{1,2}日|最后一个?月\d{1,2}日)?(?:前|以前)?|每(?:[一二两三四五六七八九十\d]+\s*个?)?(?:天|日|周|星期|旬|工作日|个月)/;
const WHEN = new RegExp(`${RECURRING.source}|(?:(?:\\d{4}年)?\\d{1,2}月(?:底|末|\\d{1,2}日)?(?:前)?(?:和|、|及|与)?)+|定期|及时|适时|年底|年终|半年`);
const TO = /向([^,;。]{2,60}?)(?:书面)?(?:报告|报送|上报|汇报|呈报|提交|递交|报)|(?:报送|上报|提交|报)(?:至|给|到)((?:[\u4e00-\u9fff()]{2,40}?(?:领导小组办公室|领导小组|办公室|督查室|督办室|督考办|督查办|局|委|中心|科|处|股|室)))(?![\u4e00-\u9fff])|(?:报|报送|上报|提交)(?:至|给|到)?((?:[市县区旗州省][\u4e00-\u9fff]{0,20}?(?:领导小组办公室|领导小组|办公室|研究室|督查室|督办室|督考办|督查办|办|局|委|中心)[、和及]?)+|市政府|市委|省政府|上级政府|上级)|将[^,;。]{2,60}?(?<![申汇上呈填])报(?:至|给|到)?((?:(?!报|送)[\u4e00-\u9fff]){2,30}?(?:办公室|领导小组|督查室|实验室部|司|处|科))(?![\u4e00-\u9fff])/;
/** "将《…情况表》(电子版)报旗政府督查室": what is sent is what 将 takes. */
const SENT = /将(?:本单位|各自|本部门)?[^,;。《]{0,24}?(《[^《》]{2,60}》(?:\([^()]{0,10}\))?|[\u4e00-\u9fff]{2,30}?(?:情况|材料|总结|报告|表))\s*(?:分别)?(?:报送|上报|报|送|提交)/;
/** "将确定的主管领导和科室负责人姓名、单位、职务、电话分别报送…": whatever 将 takes, up to the verb. */
const SENT_ANY = /将([^,;。]{4,50}?)(?:书面)?(?:分别)?(?:报送|上报|报|提交)/;
const FROM = /^([\u4e00-\u9fff、()]{2,40}?)(?:(?:要|应|须|必须)?(?:分别)?于|(?:要|应|须|必须)(?:分别)?(?:将|按|向))/;

const MONTH_END: Record<number, string> = {
  1: '01-31', 2: '02-28', 3: '03-31', 4: '04-30', 5: '05-31', 6: '06-30',
  7: '07-31', 8: '08-31', 9: '09-30', 10: '10-31', 11: '11-30', 12: '12-31',
};

/** "6月底和12月底" → ["06-30","12-31"]; "7月10日前" → ["07-10"]. */
export function reportDates(when: string): string[] {
  const out: string[] = [];
  for (const m of when.matchAll(/(\d{1,2})月(?:(\d{1,2})日|底|末)?/g)) {
    const month = Number(m[1]);
    if (month < 1 || month > 12) continue;
    out.push(m[2] ? `${String(month).padStart(2, '0')}-${m[2].padStart(2, '0')}` : MONTH_END[month]);
  }
  return out;
}

function perYearOf(when: string): number | null {
  const n = /(\d+)\s*次/.exec(when);
  if (/每年/.test(when)) return n ? Number(n[1]) : 1;
  if (/每半年/.test(when)) return 2;
  if (/每季/.test(when)) return 4;
  if (/每月/.test(when)) return 12;
  const dates = reportDates(when);
  return dates.length ? dates.length : null;
}

/** Reporting duties and systems in one paragraph. */
export function extractReports(text: string): ReportDraft[] {
  const out: ReportDraft[] = [];
  for (const sentence of text.split(/[。\n]/)) {
    for (const clause of sentence.split(/;/)) {
      const hasSystem = clause.includes('报告制度');
      if (hasSystem) for (const m of clause.matchAll(SYSTEM)) out.push(systemReport(m[1], clause));
      // (A 《政府工作报告》 the plan cites or implements is a document, not a report anyone sends.)
      const own = withoutCitedDocuments(hasSystem ? clause.replace(SYSTEM, '') : clause);
      if (!REPORT_WORD.test(own)) continue;
      const duty = dutyReport(clause.trim());
      if (duty) out.push(duty);
    }
  }
  return out;
}

/**
 * 《…》 and 政府工作报告 blanked. (A 《 after the last 》 never closes: the title pattern is not tried there,
 * where it would scan to the end from each 《 of a long run.)
 */
function withoutCitedDocuments(s: string): string {
  const end = s.lastIndexOf('》') + 1;
  return s.slice(0, end).replace(/《[^》]*》|政府工作报告/g, ' ') + s.slice(end).replace(/政府工作报告/g, ' ');
}

function systemReport(name: string, clause: string): ReportDraft {
  const what = name.replace(/^(建立健全|建立完善|建立|健全|完善|落实|实行|推行|及)/, '');
  return { what, when: null, dates: [], perYear: null, to: null, from: null, kind: 'system', quote: clause.trim() };
}


function dutyReport(clause: string): ReportDraft | null {
  // ("填报对象:截至2023年11月30日已获授权的…": a date things stand at is no time to report by.)
  const timed = clause.replace(/截至\s*(?:\d{4}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?!\s*(?:前|以前|之前))/g, (m) => ' '.repeat(m.length));
  const whenMatch = RECURRING.exec(timed) ?? WHEN.exec(timed);
  const to = TO.exec(clause);
  const what = whatOf(clause);
  if (!what) return null;
  const when = whenMatch ? whenMatch[0].replace(/[和、及与]$/, '') : null;
  return {
    what,
    when,
    dates: when ? reportDates(when) : [],
    perYear: when ? perYearOf(when) : null,
    to: to ? (to[1] ?? to[2] ?? to[3] ?? to[4]).replace(/^(市政府|上级政府)?(书面)?$/, '$1') : null,
    from: FROM.exec(clause)?.[1]?.replace(/^请/, '') ?? null,
    kind: 'duty',
    quote: clause,
  };
}

/** A body that receives a report: 市政府研究室, 区市场监管局, 省局(质量发展处). */
const RECIPIENT = /^(?:至|给|到)?[\u4e00-\u9fff()]{2,30}(?:研究室|督查室|办公室|领导小组|政府|局|委|办|中心|处|科|股|室)(?:\([^()]{1,12}\))?$/;

/** The thing reported: the object after the reporting verb, else the 报告 noun phrase. */
function whatOf(clause: string): string | null {
  const sent = SENT.exec(clause);
  if (sent) return sent[1].replace(/^《|》(?=\(|$)/g, '').replace(/》$/, '');
  const taken = SENT_ANY.exec(clause);
  // ("将各项筹备工作情况每两天向市筹委会办公室上报": how often and to whom are no part of what is sent.)
  if (taken) return taken[1].replace(/^(确定的|有关|相关)/, '').replace(/(?:每[一二两三四五六七八九十\d年半季月周天日旬]|向|定期|及时|按时|按月|按季).*$/, '') || taken[1];
  const after = /(?:书面)?(?:报告|报送|上报|汇报|呈报|提交)([^,;。]{2,40})$/.exec(clause);
  // ("各单位联系电话于4月15日前报送市政府研究室": a body after the verb receives; what is sent came first.)
  if (after && RECIPIENT.test(after[1].trim())) {
    const subject = /^([\u4e00-\u9fff、()]{4,40}?)(?:要|应|须|必须)?(?:分别)?于/.exec(clause.trim())?.[1];
    if (subject) return subject;
  } else if (after && !/^(制度|有关|工作$|报|向|或|和|及|等)/.test(after[1])) return after[1].trim();
  const noun = /([\u4e00-\u9fff]{2,20}(?:报告|总结|情况|材料))/.exec(clause);
  // ("于2024年3月15日前报市安办备案": what is filed is named before; the clause says when and where.)
  if (!noun) return /备案/.test(clause) ? clause.replace(/^[,;\s]+/, '').slice(0, 40) : null;
  const what = noun[1].replace(/^(次以上|次|以上|形成|发布|开展|定期|及时|并|的)+/, '');
  return what.length >= 4 ? what : clause.replace(/^[,;\s]+/, '').slice(0, 40);
}
