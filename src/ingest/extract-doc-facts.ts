import { parseDeadline } from './parse-dates.ts';

/**
 * Document facts staff ask about that are no task: the year the goals are set for (到2027年), the
 * documents the plan implements (根据《…》), and — on drafts and notices — the deadline for comments,
 * the contact person, phone, e-mail and postal address. Each keeps the sentence it was read from.
 */

export type PlanFactKind =
  | 'goalYear'
  | 'period'
  | 'implements'
  /** A document the text cites with its 文号 ("…印发的《考核评分细则》(宣市监质〔2022〕65号)"): 《name》(no). */
  | 'citedNo'
  /** A document the text names with the body that issued it ("市质量办印发的《考核评分细则》"): 《name》 issuer. */
  | 'citedIssuer'
  | 'commentDeadline'
  | 'contact'
  | 'phone'
  | 'email'
  | 'address'
  /** The plan's date as written (落款 or 成文日期): "2023年6月22日", "二〇一〇年四月二日", "2022-09-02". */
  | 'signed'
  /** The 成文日期 of a metadata grid, as written (pages sometimes disagree with their own 落款). */
  | 'written'
  /** The page's publication date as written, and its source. */
  | 'published'
  | 'source'
  /** The body a page grid names as publisher (发布机构), which may not be the body that issued the plan. */
  | 'publisher'
  /** Departments that drafted a plan another body issues ("转发市市场监管局市农业农村局关于…方案"). */
  | 'drafter'
  /** Whom a notice is sent to ("各区人民政府,市政府各部门:"). */
  | 'addressees'
  /** Who approved it, and at which meeting ("州人民政府第54次常务会议同意", "县食安委主要领导同意"). */
  | 'approval'
  /** Where problems met in carrying it out go ("执行中遇到的问题,请径向市市场监管局反映"). */
  | 'feedback'
  /** Whether the page says the document is in force (有效性: 有效 / 失效). */
  | 'validity'
  /** What a notice attaches ("附件:1.《…》(征求意见稿) 2.…起草说明"), the entries as written. */
  | 'attachments'
  | 'index';

export interface PlanFact {
  kind: PlanFactKind;
  value: string;
  quote: string;
  line: number;
}

interface Line {
  text: string;
  line: number;
}

const QUOTE_MAX = 100;

/** 已经/经 + the approving body (and meeting) + 同意/审议通过/批准. */
const APPROVAL = /(?:已经|已|经)((?:[\u4e00-\u9fff]{2,24}?)(?:[、和][\u4e00-\u9fff]{2,12}?)?(?:第?[一二三四五六七八九十百零〇○\d]+届)?(?:第?[一二三四五六七八九十百零〇○\d]+次)?(?:[\u4e00-\u9fff]{0,10}(?:\([\u4e00-\u9fff]{1,4}\))?会议)?)(研究|审议|讨论)?(?:同意|通过|批准)/;

export function extractDocFacts(lines: Line[], title: string | null): PlanFact[] {
  const out: PlanFact[] = [];
  const add = (kind: PlanFactKind, value: string, quote: string, line: number) => {
    const v = value.trim();
    const q = kind === 'implements' ? quote : clip(quote, value);
    const same = out.find((f) => f.kind === kind && f.value === v);
    // A document cited twice: the quote that gives its 文号 ("《X》(国发〔2021〕37号)") is the one kept.
    if (same && kind === 'implements' && !numberAfter(same.quote, v) && numberAfter(q, v)) Object.assign(same, { quote: q, line });
    if (v && !same) out.push({ kind, value: v, quote: q, line });
  };
  // The first of the opening `n` lines where `re` matches (and `ok` accepts it): its group `value` (or what
  // `value` makes of the match) is the fact, quoted with its sentence.
  const addFirst = (kind: PlanFactKind, n: number, re: RegExp, value: number | ((m: RegExpExecArray) => string), ok: (m: RegExpExecArray) => boolean = () => true): boolean => {
    for (const l of lines.slice(0, n)) {
      const m = re.exec(l.text);
      if (m && ok(m)) {
        add(kind, typeof value === 'number' ? m[value] : value(m), sentenceAt(l.text, m.index), l.line);
        return true;
      }
    }
    return false;
  };
  goalYears(lines, title).forEach((g) => add('goalYear', String(g.year), g.quote, g.line));
  const period = title ? PERIOD.exec(title) : null;
  if (period) add('period', period[0], title!, 1);
  else {
    // "规划期限为2021-2025年", "实施期限:2024—2026年": the period the text states for itself; else
    // "特制定《天水市质量发展“十三五”规划(2016—2020)》", "制定下发了《酒泉市…实施方案(2010—2015年)》": the
    // plan named with its period where it says it was made (its own name, when the title is known).
    addFirst('period', 80, OWN_PERIOD, 1) ||
      addFirst('period', 80, SELF_NAMED, 2, (m) => !title || bare(title).includes(bare(m[1])) || bare(m[1]).includes(bare(title)));
  }
  // "各市(州)人民政府,…:" — after the issuer when the page ran them together ("吉林省人民政府各市(州)…");
  // also a list that opens with the bodies under a level ("旗直有关部门、各街道办事处:").
  const to = lines
    .slice(0, 40)
    .map((l) => ({ l, m: /^(?:[\u4e00-\u9fff]{2,20}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室))?((?:各|[省市州盟县区旗]直)[^。]{2,160}?)[:：]/.exec(l.text.trim()) }))
    .find((x) => x.m && /(部门|单位|政府|办事处|机关|委员会|管委会|局|委|办|厅|股|队|中心)(?:\([^()]{1,12}\))?(?:[,，、]|$)/.test(x.m[1]));
  if (to) add('addressees', to.m![1], to.m![0], to.l.line);
  else {
    // "火炬开发区管委会,翠亨新区管委会,各镇政府、街道办事处,市各有关单位:": a line of bodies only, ending in a colon.
    // (Past a page's navigation lists: "各县(市、区)人民政府,开发区、邢东新区管委会,市政府有关部门:" on line 85.)
    const list = lines.slice(0, 100).find((l) => {
      const t = l.text.trim();
      if (t.length > 200 || !/[:：]$/.test(t)) return false;
      // ("各市、州、县市场监管局": a list inside one addressee is read as one.)
      const parts = t.slice(0, -1).split(/[,，]/).map((x) => x.trim()).filter(Boolean);
      const items = parts.length >= 2 ? parts : t.slice(0, -1).split(/[,，、]/).map((x) => x.trim()).filter(Boolean);
      return items.length >= 2 && items.some((x) => /^各|各(?:有关|成员|相关)|有关(?:单位|部门)/.test(x)) && items.every((x) => /(部门|单位|政府|办事处|机关|委员会|管委会|局|委|办|厅|股|队|中心|街道|处室|科室|办公室|所|站)(?:\([^()]{1,12}\))?$/.test(x));
    });
    if (list) add('addressees', list.text.trim().slice(0, -1), list.text.trim(), list.line);
  }
  // "执行中遇到的问题,请径向市市场监管局反映" / "有关问题请及时向县食安办反馈"; else "意见和建议于…前以电话或电子
  // 邮件的方式反馈至重庆市开州区市场监督管理局": where comments on a draft go.
  addFirst('feedback', 60, FEEDBACK, 1) || addFirst('feedback', 60, COMMENTS_TO, 1);
  const attached = attachments(lines);
  if (attached) add('attachments', attached.value, attached.quote, attached.line);
  // "《…》已经州人民政府第54次常务会议同意,现印发给你们" / "经县委常委会审议通过".
  addFirst('approval', 40, APPROVAL, (m) => `${m[1]}${m[2] ?? ''}`);
  // (The year a day without one is in: the first the head of the text names.)
  const head = lines.slice(0, 80).map((x) => x.text).join('\n');
  for (const l of lines.slice(0, 80)) {
    // ("联 系 人:夏宏杰", "邮 箱: x@y": a label spaced out to line up with the others.)
    for (const sentence of l.text.replace(SPACED_LABEL, (m) => m.replace(/[ \u3000]+/g, '')).split(/(?<=[。])/)) {
      for (const m of sentence.matchAll(/《([^《》]{4,80})》\s*[(（]\s*((?:[^()（）]|\([^()]*\)){2,30}?号)\s*[,，)）]/g)) if (/[〔\[(【]\s*(?:19|20)\d{2}/.test(m[2])) add('citedNo', `《${m[1]}》(${m[2]})`, sentence, l.line);
      for (const m of sentence.matchAll(/([\u4e00-\u9fff]{2,40}?(?:办公室|领导小组|人民政府|委员会|管理局|局|委|厅|部|办))(\([\u4e00-\u9fff]{2,20}\))?(?:联合)?(?:印发|下发|发布|出台)(?:的|了)?《([^《》]{4,80})》/g)) {
        const body = m[1].replace(/^.*(宣读了|传达了|学习了|解读了|转发了|根据|按照|依据|落实|贯彻|会上|会议|近日|日前)/, '').replace(/^.*了/, '');
        if (body.length >= 4) add('citedIssuer', `《${m[3]}》 ${body}${m[2] ?? ''}`, sentence, l.line);
      }
      const impl = implemented(sentence);
      if (impl) impl.documents.forEach((d) => add('implements', d, impl.clause, l.line));
      const deadline = sentence.includes('意见') || /反馈/.test(sentence) ? commentDeadline(sentence, head) : null;
      if (deadline) add('commentDeadline', deadline.date, deadline.quote, l.line);
      // Contacts only where a contact word or an address sign is (most sentences have none).
      if (!/联系|电话|传真|@|地址|寄至|送至|方式|解读人|经办人/.test(sentence) || /ICP|版权所有|Copyright|备案|技术支持|主办单位/i.test(sentence)) continue;
      for (const m of sentence.matchAll(CONTACT)) {
        // "联系人:吴燕妮,137…;周坚锋,0571-…": every name with its number; "请与我局标准化处联系": the office.
        const run = CONTACT_RUN.exec(sentence.slice(m.index + m[0].length - m[1].length))?.[0].replace(/[,，;；、\s]+$/, '');
        const office = /与(?:我局|我委|我办|我厅)?([\u4e00-\u9fff]{2,12}?(?:处|科|股|室|办公室|中心))联系/.exec(l.text)?.[1];
        // "联系人:省质量强省办,李纳云、电话:028-…;杜兵、电话:028-…": names and numbers interleaved with
        // their labels — the whole run, up to the e-mail or address, is the contact.
        const span = sentence.slice(m.index + m[0].length - m[1].length).split(/[,，;；]?\s*(?:邮箱|电子邮件|电子邮箱|邮寄地址|通讯地址|通信地址|地址)|。/)[0].replace(/[,，;；、\s]+$/, '');
        const interleaved = (span.match(/\d{7,8}|1\d{10}/g)?.length ?? 0) >= 2 && span.length <= 120 ? span : null;
        const names = interleaved ?? (run && /\d/.test(run) && /[,，;；、]/.test(run) ? run : m[1].replace(/(电话|手机|联系电话)$/, '').trim());
        add('contact', office ? `${office} ${names}` : names, sentence, l.line);
        // ("联系人:陈珂榕,63739622": a number after the name, with no label of its own, is the phone.)
        if (!/电话|手机|传真/.test(names)) for (const n of names.match(PHONE_NUMBER_G) ?? []) add('phone', n.trim(), sentence, l.line);
      }
      for (const m of sentence.matchAll(PHONE)) add('phone', m[1].replace(/[,，:：\s]+$/, '').trim(), sentence, l.line);
      for (const m of sentence.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)) add('email', m[0], sentence, l.line);
      // The whole address up to the clause end, a bracketed street address included.
      for (const m of sentence.matchAll(/(?:通讯地址|联系地址|地址|寄至|邮寄至|送至)\s*[:：]?\s*([\u4e00-\u9fff](?:[^,，;；。()]|\([^()]{1,30}\)){5,70})/g)) add('address', m[1].trim(), sentence, l.line);
    }
  }
  return out;
}

/** Problems met in carrying a plan out, and the body they go to. */
const FEEDBACK = /(?:遇到的|出现的|发现的|有关|重大|重要)?(?:问题|异议)[^。;；]{0,24}?(?:请)?(?:径向|及时向|直接向|向)([\u4e00-\u9fff()]{2,30}?)(?:反映|反馈|报告|报送)/;

/** Comments on a draft and the body they are sent to. */
const COMMENTS_TO = /(?:意见|建议)[^。;；]{0,50}?(?:反馈|反映|报送|提交|寄送|发送|送)(?:至|到|给)([\u4e00-\u9fff()]{2,30}?(?:局|委|办|厅|处|科|室|中心|办公室|政府|部))(?=[,，。;；(（:：\s]|$)/;

/**
 * "附件:1.《X》(征求意见稿)" with "2.《X》(征求意见稿)起草说明" on the next line, or "附件:X" alone: the
 * entries a notice attaches, as written (a file name's extension dropped).
 */
function attachments(lines: Line[]): { value: string; quote: string; line: number } | null {
  const at = lines.findIndex((l) => /^\s*附\s*件\s*\d?\s*[:：]\s*\S/.test(l.text) && l.text.trim().length <= 120);
  if (at < 0) return null;
  const first = lines[at].text.trim().replace(/^附\s*件\s*\d?\s*[:：]\s*/, '');
  const items = [first];
  for (const l of lines.slice(at + 1, at + 8)) {
    const t = l.text.trim();
    if (!t) continue;
    // (Numbered entries, or file names a page lists one a line: "…起草说明-1.docx".)
    if (!(/^(?:附件)?\d{1,2}\s*[.、．:：]/.test(t) || /\.(?:docx?|xlsx?|pdf|wps|et|zip|rar)$/i.test(t)) || t.length > 120) break;
    items.push(t);
  }
  const value = items.map((x) => x.replace(/\.(?:docx?|xlsx?|pdf|wps|et|zip|rar)$/i, '')).join('; ');
  return { value, quote: lines[at].text.trim(), line: lines[at].line };
}

/** Labels spaced out to the width of the others: 联 系 人, 联系 电话, 邮 箱, 地 址. */
const SPACED_LABEL = /联[ \u3000]*系[ \u3000]*(?:人|电[ \u3000]*话|方[ \u3000]*式)|解[ \u3000]*读[ \u3000]*人|经[ \u3000]*办[ \u3000]*人|邮[ \u3000]+箱|地[ \u3000]+址|电[ \u3000]+话|传[ \u3000]+真|邮[ \u3000]+编/g;

/** 联系人:张三 / 联系人:刘先生 / 联系人和联系方式:张 月 李连海 010-…: the names as written, up to the number. */
const CONTACT = /(?:联系人|解读人|经办人)(?:和联系方式|及联系方式|及电话)?\s*[:：]\s*([\u4e00-\u9fff][^\d,，;；。()\n:：]{1,20})/g;
/** A phone number: a landline with or without its area code, or a mobile. */
const PHONE_NUMBER = String.raw`(?:\(?0\d{2,3}\)?\s*[-—]?\s*)?\d{7,8}|1\d{10}`;
const PHONE_NUMBER_G = new RegExp(PHONE_NUMBER, 'g');
/** Names and their numbers after 联系人: "吴燕妮,13735644182;周坚锋,0571-89761424". */
const CONTACT_RUN = new RegExp(String.raw`^(?:(?!联系|电话|手机|传真|邮箱|地址)[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{1,3})?(?:[,，\s]*(?:${PHONE_NUMBER}))?[,，;；、\s]*)+`);
/** A phone number, with the office named between the label and the number ("市市场监管局计量处,81787721"). */
const PHONE = /(?:联系电话|咨询电话|联系方式|电话|传真)\s*[:：]?\s*((?:[\u4e00-\u9fff]{2,20}[,，:：\s]?\s*)?(?:\(?0\d{2,3}\)?\s*[-—]?\s*)?\d{7,8}(?:\s*[-—转]\s*\d{1,5})?(?:[,，、]\s*\d{7,8})*|1\d{10})/g;

/** The 文号 written right after 《name》 in a quote ("(国市监质(2020)177号)": it may hold brackets of its own). */
export function numberAfter(quote: string, name: string): string | null {
  const at = quote.indexOf(`《${name}》`);
  if (at < 0) return null;
  return /^\s*[(（]((?:[^()（）]|\([^()]*\)){2,30}?号)[,，)）]/.exec(quote.slice(at + name.length + 2))?.[1] ?? null;
}

function clip(quote: string, value: string): string {
  const q = quote.trim();
  if (q.length <= QUOTE_MAX) return q;
  const at = Math.max(0, q.indexOf(value) - 40);
  return q.slice(at, at + QUOTE_MAX);
}

/** 到2025年 in the goals (the first, and any later horizon), or the end of the title's (2023—2027年). */
function goalYears(lines: Line[], title: string | null): Array<{ year: number; quote: string; line: number }> {
  const out: Array<{ year: number; quote: string; line: number }> = [];
  for (const l of lines.slice(0, 200)) {
    for (const m of l.text.matchAll(/(?:^|[^《\d])(?:到|至|力争到|争取到|确保到)\s*((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)(?:底|末)?\s*[,，]?/g)) {
      const before = l.text.slice(Math.max(0, m.index - 12), m.index + 1);
      if (/(比|较|从|自)\s*$/.test(before) || /\d{4}年\s*$/.test(before)) continue;
      const y = Number(m[1]);
      // (The match begins with the character before 到, which may end the sentence before: "…。到2025年,…".)
      if (!out.some((o) => o.year === y)) out.push({ year: y, quote: sentenceAt(l.text, m.index + m[0].indexOf(m[1])), line: l.line });
    }
  }
  // "2015—2017年,工业产品…合格率逐年达到…": goals set over a period of years, due at its end.
  if (out.length === 0) {
    for (const l of lines.slice(0, 200)) {
      const m = /(?:^|[。;；:：])\s*(?:(?:19|20)\d{2})\s*[—\-–~至到]\s*((?:19|20)\d{2})\s*年\s*[,，]([^。]*?)(达到|提高|提升|实现|保持|控制)/.exec(l.text);
      if (m) {
        out.push({ year: Number(m[1]), quote: sentenceAt(l.text, m.index + 1), line: l.line });
        break;
      }
    }
  }
  // "2027年,全县质量整体水平明显提升…": a goal sentence that opens with its year — also a nearer horizon
  // before a "到2035年" one (within ten years of it).
  const farthest = out.length ? Math.min(...out.map((o) => o.year)) : null;
  {
    for (const l of lines.slice(0, 200)) {
      // (Each horizon a sentence of its own: "2022年,…建立健全…" then "2035年,…更加健全…"; "2020年底,…".)
      const m = /(?:^|[。;；])\s*((?:19|20)\d{2})\s*年\s*(?:底|末)?\s*[,，]([^。]*?)(提升|增强|建成|建立|健全|完善|形成|达到|实现|显著|明显|基本|更加)/.exec(l.text);
      const y = m ? Number(m[1]) : 0;
      if (m && !out.some((o) => o.year === y) && (farthest === null || (y < farthest && y >= farthest - 10))) out.push({ year: y, quote: sentenceAt(l.text, m.index + 1), line: l.line });
    }
  }
  const range = title ? PERIOD.exec(title) : null;
  if (range && !out.some((o) => o.year === Number(range[2]))) out.push({ year: Number(range[2]), quote: title!, line: 1 });
  return out;
}

/** A plan's period in its title: (2023—2027年), 2016-2020年. */
export const PERIOD = /((?:19|20)\d{2})\s*(?:年)?\s*[-—~至到]\s*((?:19|20)\d{2})\s*(?:年|(?=[)）]))/;

/** The period a plan states for itself in its text ("规划期限为2021-2025年"): a PERIOD after its label. */
const OWN_PERIOD = new RegExp(String.raw`(?:规划|实施|行动|计划|方案)(?:期限|期|周期)(?:为|是|[:：])\s*(${PERIOD.source})`);

/** A plan named with its period where the text says it was made: 制定《X(2016—2020)》. */
const SELF_NAMED = new RegExp(String.raw`(?:制定|印发|下发|出台|编制)了?(?:下发了?|印发了?)?《([^《》]{4,60}?)[(（](${PERIOD.source})[)）]》`);
/** A name without quotes, brackets and the notice's words around it. */
const bare = (s: string) => s.replace(/[“”"‘’《》〈〉\s]|^(?:关于)?印发|的通知$/g, '');

function sentenceAt(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('。', index) + 1, 0);
  const endAt = text.indexOf('。', index);
  return text.slice(start, endAt < 0 ? undefined : endAt + 1).trim();
}

/** 根据《A》《B》和《C》 / 贯彻落实《…》精神 → A, B, C, with the clause that cites them. */
function implemented(sentence: string): { documents: string[]; clause: string } | null {
  const m = /(根据|按照|依据|为(?:深入)?贯彻(?:落实)?|贯彻落实|为落实|落实|转发)/.exec(sentence);
  if (!m) return null;
  const clause = sentence.slice(m.index, m.index + 400).split(/(结合|制定本|特制定|现就|提出如下|,现|,特)/)[0].replace(/[,]$/, '');
  const documents = [...clause.matchAll(/《([^《》]{2,80}?)》/g)].map((x) => x[1]);
  return documents.length ? { documents, clause: clause.slice(0, 300) } : null;
}

/** "征求意见时间截至2023年11月5日" / "公开征集意见时间为2025年4月15日至5月15日" → the last day. */
function commentDeadline(sentence: string, context = sentence): { date: string; quote: string } | null {
  // ("可在2018年11月20日前,通过以下两种方式反馈": the day before which comments come back.)
  const m =
    /(?:征求意见|征集意见|意见反馈|反馈意见|意见建议|提出意见)[^。]{0,30}?(?:截至|截止(?:时间为|日期为|到)?|时间为|期限为|之前|前)/.exec(sentence) ??
    /(?:于|在)(?=(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:前|之前)[^。]{0,24}?反馈)/.exec(sentence);
  if (!m) return null;
  const span = sentence.slice(m.index, m.index + 80);
  const dates = [...span.matchAll(/(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g)];
  if (dates.length === 0) return null;
  // (The year, when the day has none, from the sentence — or the paragraph: "自2018年7月3日…征求意见…于7月17日前反馈".)
  const year = dates.find((d) => d[1])?.[1] ?? /(\d{4})年/.exec(sentence)?.[1] ?? /(\d{4})年/.exec(context)?.[1];
  const last = dates[dates.length - 1];
  const date = year ? parseDeadline(`${last[1] ?? year}年${last[2]}月${last[3]}日`) : null;
  // The quote is the clause that states it, up to the last date (the period "5月29日至6月28日" included).
  const end = last.index! + last[0].length;
  return date ? { date, quote: span.slice(0, end + (/^(?:之前|前)/.exec(span.slice(end))?.[0].length ?? 0)) } : null;
}
