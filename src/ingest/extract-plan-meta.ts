import { isNoiseLine, isPageLabel } from './strip-boilerplate.ts';
import { afterNames, afterSteps, isHan, newMemo, wordAt, type NameList } from './name-runs.ts';
import { parseChineseDate, parseDeadline } from './parse-dates.ts';
import { readMetaFields } from './read-meta-fields.ts';
import { findPlanPlace } from './find-plan-place.ts';
import { findPlaces } from '../kb/place-names.ts';
import { extractDocFacts, type PlanFact } from './extract-doc-facts.ts';

/**
 * Who issued which plan, when: title, place, issuing body, document number and date, read from
 * everything a published page offers — the plan's own title line, the covering notice (关于印发《…》的
 * 通知, 现将《…》印发给你们), government metadata grids (名称/发布机构/文号/成文日期), the 落款 (issuer and
 * date, in Arabic or Chinese numerals) — while documents the plan merely cites (根据《…》) are never
 * taken for it. Plus the document facts staff ask about (goal year, implemented documents, contacts).
 */

export interface PlanMeta {
  title: string | null;
  city: string | null;
  issuer: string | null;
  docNo: string | null;
  date: string | null;
  /** The year the plan's goals are set for (到2027年), when it says. */
  goalYear: number | null;
  facts: PlanFact[];
}

export interface MetaLine {
  text: string;
  line: number;
}

/** How far into a document its identity is looked for. */
const HEAD_LINES = 60;
const HEAD_CHARS = 4000;

export function extractPlanMeta(all: MetaLine[] | string[], file?: string): PlanMeta {
  const lines: MetaLine[] = all.map((l, i) => (typeof l === 'string' ? { text: l, line: i + 1 } : l));
  const head = headOf(lines);
  const headText = head.map((l) => l.text);
  const fields = readMetaFields(headText);
  // (A page's section label or site name line above the notice — "正文" — is no part of its issuer.)
  const notice = findNotice(headText.map((t) => (isPageLabel(t) ? '' : t)), fields.get('name'));
  const title = cleanTitle(findTitle(headText, notice));
  const docNo = findDocNo(headText, fields.get('docNo'), title);
  const signature = findSignature(lines);
  // A page whose only issuer is its 来源 line ("来源:盐田区发展和改革局") was published by that body.
  const sourceOrgan = fields.get('source') && ORGAN_ONLY.test(fields.get('source')!.trim()) ? fields.get('source')!.trim() : null;
  // "X等六部门关于印发…": the bodies are listed in the 落款, one a line, X first (the date may be cut off).
  const jointHead = headText.slice(0, 30).map((l) => /^(?:名称[:：])?((.{4,30}?)等[一二三四五六七八九十\d]+个?(?:部门|单位|厅局|委办局|部委))(?:关于|联合)/.exec(l.trim())).find(Boolean);
  // (A page cut off before its 落款: the head's own words, "自治区市场监管局等18个厅局".)
  const joint = !signature.issuer && jointHead ? (organRun(lines, jointHead[2]) ?? jointHead[1]) : null;
  // The body the document itself names — its 落款, the notice it issues it by — issued it; a page grid's
  // 发布机构 is who put it online (晋城市市场监督管理局 for 晋城市人民政府's plan), kept as the publisher.
  const issuer = signature.issuer ?? joint ?? notice?.issuer ?? fields.get('issuer') ?? redHead(headText) ?? headIssuer(headText, title) ?? titleIssuer(title) ?? namedIssuer(headText) ?? sourceOrgan;
  // "余府办字〔2020〕44号 2020年6月12日": the date printed beside the 文号 is the document's.
  const besideNo = docNo ? headText.map((l) => (l.trim().startsWith(docNo) ? DATE_AFTER_NO.exec(l.trim().slice(docNo.length)) : null)).find(Boolean) : null;
  const date =
    parseDate(fields.get('written')) ??
    signature.date ??
    parseDate(besideNo?.[1]) ??
    parseDate(fields.get('issued')) ??
    parseDate(fields.get('published')) ??
    pageDate(headText) ??
    titleDate(head);
  const facts = extractDocFacts(lines, title);
  // The 落款 as written is the signed date; a grid's 成文日期 is kept beside it.
  if (signature.text) facts.push({ kind: 'signed', value: signature.text, quote: signature.quote, line: 1 });
  else if (besideNo) facts.push({ kind: 'signed', value: besideNo[1], quote: `${docNo}${besideNo[0]}`, line: 1 });
  else {
    // A news page: "7月29日,农业农村部、国家标准委…联合印发《…》" dates the document as written.
    const news = head.map((l) => ({ l, m: NEWS_DATE.exec(l.text) })).find((x) => x.m);
    if (news) facts.push({ kind: 'signed', value: news.m![1], quote: news.m![0], line: news.l.line });
  }
  const written = fields.get('written');
  if (written) facts.push({ kind: signature.text ? 'written' : 'signed', value: written, quote: `成文日期: ${written}`, line: 1 });
  // ("发文日期: 2025年02月27日" of a grid without 落款 or 成文日期: the day it was issued.)
  const issued = fields.get('issued');
  if (issued && !written && !signature.text && !besideNo) facts.push({ kind: 'signed', value: issued.trim().split(/\s+/)[0], quote: `发文日期: ${issued}`, line: 1 });
  const published = fields.get('published') ?? pageDateLine(headText);
  if (published) facts.push({ kind: 'published', value: published, quote: `发布日期: ${published}`, line: 1 });
  const publisher = fields.get('issuer');
  if (publisher) facts.push({ kind: 'publisher', value: publisher, quote: `发布机构: ${publisher}`, line: 1 });
  const drafted = headText.map(drafters).find(Boolean);
  // "市食药安办会同相关成员单位编制形成了《…》": who drew it up, with whom.
  const together = drafted ? null : headText.map((l) => TOGETHER.exec(l)).find(Boolean);
  if (together) facts.push({ kind: 'drafter', value: `${together[1]}会同${together[2]}`, quote: together[0], line: 1 });
  // "县市场监管局牵头起草了《…》": a page about the plan says who drafted it.
  // ("省质量强省办制定了《…分工方案》": 制定 only of the document itself, not of one it cites.)
  const draftedBy = drafted || together ? null : headText.map((l) => DRAFTED_BY.exec(l)).find((m) => m && (m[2] !== '制定' || (!!title && sameDocument(m[3], title))));
  if (draftedBy) facts.push({ kind: 'drafter', value: draftedBy[1].replace(/^.*(精神|要求|部署)[,，]?/, ''), quote: draftedBy[0], line: 1 });
  if (drafted) {
    const bodies = drafted[1] ? drafted[1].match(new RegExp(DEPARTMENT, 'g'))! : [...new Set(drafted[2]!.split(/[、,，]/).filter(Boolean))];
    facts.push({ kind: 'drafter', value: bodies.join('、'), quote: drafted[0], line: 1 });
  }
  // ("有效性状态 现行有效 废止日期 暂无": the status is the value's first word.)
  const validity = fields.get('validity')?.replace(/[|\s]+$/, '').trim().split(/\s+/)[0];
  if (validity && /^(有效|失效|废止|已废止|现行有效|部分失效|已失效|已修改)$/.test(validity)) facts.push({ kind: 'validity', value: validity, quote: `有效性: ${validity}`, line: 1 });
  const index = fields.get('index');
  if (index) facts.push({ kind: 'index', value: index.split(/\s+/)[0], quote: `索引号: ${index}`, line: 1 });
  const source = fields.get('source');
  if (source) facts.push({ kind: 'source', value: source, quote: `来源: ${source}`, line: 1 });
  const city = findPlanPlace({ title, issuer, notice: notice?.issuer ?? null, docNo, lines: lines.map((l) => l.text), file: file ?? null, index: index?.split(/\s+/)[0] ?? null, publisher: publisher ?? null });
  const goal = facts.find((f) => f.kind === 'goalYear');
  return { title, city, issuer, docNo, date, goalYear: goal ? Number(goal.value) : null, facts };
}

/** The first lines — or, for a document on a few long lines, its first characters cut into sentences. */
function headOf(all: MetaLine[]): MetaLine[] {
  const out: MetaLine[] = [];
  let chars = 0;
  const lines = withoutLinkLists(all);
  for (const l of lines.slice(0, HEAD_LINES)) {
    if (chars > HEAD_CHARS) break;
    // A long line is cut at spaces and sentence ends so a title or 文号 inside it stands alone.
    const parts = l.text.length > 120 ? l.text.slice(0, HEAD_CHARS).split(/\s{2,}|(?<=[。])|\s(?=[\u4e00-\u9fff]{1,8}[〔\[(]\d{4})/) : [l.text];
    for (const p of parts) if (p.trim()) out.push({ text: p.trim(), line: l.line });
    chars += l.text.length;
  }
  return out;
}

/**
 * A site's link lists above a page ("- 国家民委", "- 公安部", … one short name a line): runs of five or
 * more bulleted lines of a few words each are navigation, not the document's head.
 */
function withoutLinkLists(lines: MetaLine[]): MetaLine[] {
  const link = (l: MetaLine) => /^\s*[-•·*]\s*[\u4e00-\u9fffA-Za-z0-9()（）“”]{1,16}\s*$/.test(l.text);
  const drop = new Set<number>();
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && (link(lines[j]) || (!lines[j].text.trim() && j > i))) j++;
    if (j - i >= 5 && lines.slice(i, j).filter(link).length >= 5) for (let k = i; k < j; k++) drop.add(k);
    i = Math.max(j, i + 1);
  }
  return drop.size ? lines.filter((_, k) => !drop.has(k)) : lines;
}

/** Document kinds a title ends with (longest first), optionally followed by (2023—2027年)/(征求意见稿). */
const DOC_KIND =
  '实施方案|工作方案|行动方案|创建方案|活动方案|建设方案|方案|实施意见|指导意见|若干意见|意见|发展规划|规划|行动计划|工作计划|计划|管理办法|实施办法|办法|实施细则|评分细则|细则|纲要|工作要点|要点|任务清单|责任清单|清单|工作安排|安排|若干措施|具体措施|措施|若干政策|政策措施|任务分工|责任分工|任务分解|责任分解|分解方案|责任分工表|分工表|责任表|任务表|一览表|进度表|汇总表|明细表|统计表|决定|规定|通告|任务书|分解表|情况表|执行情况|进展情况|通报|汇报';
const TITLE_END = new RegExp(`(?:${DOC_KIND})(?:\\s*\\([^()]{1,24}\\))*$`);
const NOT_A_TITLE = /^(根据|按照|依据|为了?|经|现将|现就|各|请|以|在|对|通过|围绕|坚持|附件|关于印发|关于转发|印发)/;

interface Notice {
  /** What the notice issues: the plan's title as the notice gives it. */
  inner: string;
  /** The body issuing it ("XX市人民政府办公室"), when the notice title names it. */
  issuer: string | null;
}

const NOTICE_TITLE = /^(?:原标题[:]?)?(.*?)(?:关于)?(?:印发|转发|下发|公布|发布)\s*(.{4,90}?)的通知$/;
const NOTICE_ABOUT = /^(?:原标题[:]?)?(.*?)关于(?:印发|转发|下发|公布|发布)\s*(.{4,90}?)的通知$/;
/** A call for comments names the draft it is about: 拟制定《…》 / 现就《…(征求意见稿)》征求意见. */
const DRAFT = /(?:拟制定|起草了|现就|就)\s*《(.{4,90}?)》[^。]{0,30}?征求/;
const NOTICE_BODY = /(?:现将|将|把)\s*《([^《》]{4,90}?)》(?:\s*[和、及与]?\s*《[^《》]{4,90}?》)*\s*(?:\([^()]{0,24}\)\s*)?(?:等\s*\d*\s*个?文件\s*)?(?:印发|转发|下发)|《([^《》]{4,90}?)》(?:\s*[和、及与]?\s*《[^《》]{4,90}?》)*\s*[,，]?\s*(?:已经|已于|经)[^。]{0,40}?(?:同意|通过|审议|研究)|《([^《》]{4,90}?)》\s*[,，]?\s*现(?:印发|转发|下发)给|(?:印发|出台)了\s*《([^《》]{4,90}?)》|^我(?:局|委|办|厅|部|院|们)(?:研究)?制定了\s*《([^《》]{4,90}?)》/;
/** A page explaining a document: "《X》政策解读" / "关于《X》的解读". */
const EXPLAINED = /^(?:关于)?《((?:[^《》]|《[^《》]*》){4,90})》(?:的)?(?:政策|文件)?(?:解读|图解)$|^(?:政策)?(?:解读|图解)\s*[:：]?\s*《((?:[^《》]|《[^《》]*》){4,90})》$/;
/** A page about a draft: "县市场监管局牵头起草了《…实施方案(征求意见稿)》" (the page may end inside it). */
const DRAFTED = /(?:起草|编制|编写)了?\s*《([^《》]{4,90}?)(?:\(征求意见稿?\)?)?(?:》|$)/;
/** A document-sharing page: "《X.docx》由会员分享…" / "X.docx" / "X.docx_第1页". */
const SHARED_FILE = /^《?(.{4,90}?)\.(?:docx?|wps|pdf|xlsx?)》?(?:由.{0,40}分享.*|_第\d+页)?$/;

/**
 * Head lines, and short lines joined with the next one or two: titles are often broken across lines
 * ("新密市创建全国质量强市示范城市" / "工作推进方案").
 */
function windows(head: string[]): string[][] {
  // A date or a body's name ends a title block (the 落款 above the plan's own title).
  const short = (s: string | undefined) => !!s && s.length <= 50 && !/[。;:]/.test(s) && !signatureOf(s) && !ORGAN_ONLY.test(s);
  return head.map((line, i) => {
    const out = [line];
    let joined = line;
    for (let k = 1; k <= 2 && short(head[i + k - 1]) && short(head[i + k]); k++) {
      const yearsOnly = /^\([^()]{2,24}\)$/.test(head[i + k]);
      if (!yearsOnly && (TITLE_END.test(joined) || /通知$/.test(joined))) break;
      joined += head[i + k];
      out.push(joined);
    }
    return out;
  });
}

/** The covering notice: its title (metadata 名称 or head lines) or the sentence that issues the plan. */
function findNotice(head: string[], nameField: string | undefined): Notice | null {
  const candidates = [[nameField ?? ''], ...windows(head.slice(0, 30))].flat();
  // The plan's name as the notice body quotes it (《关于…的实施方案》) — the notice title often drops 关于/的.
  const quoted = findQuotedName(head.slice(0, 30));
  for (const raw of candidates) {
    if (!raw || raw.length > 140) continue;
    // ("附件:1.…的通知" / "2.市…关于印发X的通知": an entry of the attachment list is another document.)
    if (/^(附件|\d{1,2}\s*[.、．](?!\d))/.test(raw.trim())) continue;
    let cleaned = raw.replace(/[\s?|]+$/, '').replace(/\s*[\u4e00-\u9fff]{1,10}[〔\[(【]\d{4}[〕\])】]\d{1,4}号.*$/, '').trim();
    // "转发《关于印发<X>的通知》的通知": the notice forwarded is the one that names the plan.
    for (let k = 0; k < 3; k++) {
      const fwd = /^.{0,40}?(?:转发|印发)\s*《(.{6,120}的通知)》\s*的通知$/.exec(cleaned);
      if (!fwd) break;
      cleaned = fwd[1];
    }
    // "[ 发布日期 ] | … 关于印发X的通知": the 关于印发 is the notice's, a 发布 before it is page furniture.
    const m = NOTICE_ABOUT.exec(cleaned) ?? NOTICE_TITLE.exec(cleaned);
    if (m) {
      const inner = unquote(m[2]);
      // The body's name for it wins when it is the same name, or when the notice issues several documents
      // ("关于印发A和B的通知", body "《A》和《B》…"): the first is the plan.
      const useQuoted =
        quoted &&
        (loose(quoted.name) === loose(inner) ||
          // "《厦门市聚焦…的若干措施》" in the body, "关于印发聚焦…若干措施的通知" above it: the body's is fuller.
          (loose(quoted.name).endsWith(loose(inner)) && findPlaces(quoted.name)[0]?.index === 0) ||
          (quoted.several && loose(inner).startsWith(loose(quoted.name).slice(0, 6))));
      return { inner: useQuoted ? quoted.name : inner, issuer: noticeIssuer(m[1]) };
    }
  }
  // A notice title inside a run-on line or quoted by a page about it ("12011新野县…领导小组关于印发《X》的
  // 通知各乡镇…", "就《休宁县人民政府办公室关于印发X的通知》解读如下").
  // Only near the start of a line, and never a document the line cites (根据《…关于印发…的通知》).
  for (const line of head.slice(0, 6)) {
    const m = EMBEDDED_NOTICE.exec(line);
    // (A body named with quotes, "新野县实施“四个带动”领导小组", is whole when it starts with a place.)
    if (m && m.index <= 40 && !/根据|按照|依据|贯彻|落实|转发|参照/.test(line.slice(0, m.index))) {
      const own = noticeIssuer(m[1]) ?? (findPlaces(m[1])[0]?.index === 0 || /^[\u4e00-\u9fff]{2,6}[省市县区]/.test(m[1]) ? m[1] : null);
      // ("中共海南省委办公厅 海南省人民政府办公厅关于印发…": joint issuers before it, apart by a space.)
      const before = line.slice(0, m.index).trim();
      const joint = own && before && ORGAN_ONLY.test(before) && opensWithPlace(before) ? `${before} ${own}` : own;
      return { inner: quoted?.name ?? unquote(m[2]), issuer: joint };
    }
  }
  return quoted ? { inner: quoted.name, issuer: quoted.issuer ?? null } : null;
}

const EMBEDDED_NOTICE = /((?:[\u4e00-\u9fff“”]){2,40}?(?:领导小组|人民政府办公室|人民政府办公厅|人民政府|办公室|委员会|局|厅))关于(?:印发|转发)\s*([《<]?[^《》<>]{4,90}?[》>]?)的通知/;

/** "现将《X》印发给你们" / "《X》已经市政府同意" / "印发了《X》" / "起草了《X(征求意见稿)》": X, when it names a document. */
/** "按照《X》(详见附件)的要求": the document the notice attaches is the plan. */
const ATTACHED = /《([^《》]{4,90}?)》\s*[(（]\s*(?:详见|见)附件\s*\d*\s*[)）]/;

/** A news report's date for the issuing it reports: "7月29日,X、Y联合印发《…》". */
const NEWS_DATE = /((?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[,，]\s*[^,，。;；《]{2,60}?(?:联合|共同)?(?:印发|发布|出台)了?\s*《/;

/** A news page on the plan: "…人民政府印发《X》,并发出通知", "《X》全文如下". */
const NEWS_ISSUE = /(?:印发|出台|发布|下发)了?\s*《([^《》]{4,90}?)》\s*[,，]?\s*(?:并发出通知|的通知|要求|提出|明确|强调|[(（]以下简称)|《([^《》]{4,90}?)》\s*全文如下/;

function findQuotedName(head: string[]): { name: string; several: boolean; issuer?: string | null } | null {
  for (const line of head) {
    const news = NEWS_ISSUE.exec(line);
    const fromNews = !!news && !/根据|按照|依据|贯彻|落实/.test(line.slice(0, news.index));
    const ex = EXPLAINED.exec(line.trim());
    const m = NOTICE_BODY.exec(line) ?? ATTACHED.exec(line) ?? DRAFT.exec(line) ?? DRAFTED.exec(line) ?? ex ?? (fromNews ? news : null);
    // ("印发《X行动方案的通知》": the notice's name quoted; the plan is X.)
    const name = m ? withoutNoticeEnd(unquote(m.slice(1).find(Boolean) ?? '')) : '';
    // "《政府工作报告》已经…通过" cites what the plan serves; only a document kind is the plan itself.
    // (The bodies a news report names before its issuing verb issued it, whichever reading found the name.)
    const reported = fromNews && unquote(news!.slice(1).find(Boolean) ?? '') === name;
    // (A page explaining a document is about that document, whatever its kind: "解读《…政府工作报告》".)
    const explained = !!name && m === ex;
    if (name && (TITLE_END.test(name) || (explained && /(报告|公报|条例|规则|标准)$/.test(name)))) return { name, several: /》\s*[和、及与]?\s*《/.test(m![0]), issuer: reported ? newsIssuer(line.slice(0, news!.index)) : null };
  }
  return reportedName(head);
}

/** A news report's opening words: "近日", "日前", "…网讯", "记者…获悉", "…报道". */
const NEWS_LEAD = /近日|日前|记者|网讯|报讯|讯\s|报道|获悉/;
/** "…联合下发《X》,部署…", "…审议并通过了《X》、《Y》…", "…下发“关于…的通知”": what the report says was issued. */
const REPORTED = /(?:印发|出台|发布|下发|审议并?通过|通过|制定|出炉|推出)了?\s*(?:《([^《》]{4,90}?)》|“([^“”]{6,90}?)”)/;

/**
 * The document a news page reports the issuing of — in its first lines, when the page reads as a report
 * (not a document that cites another: "根据《…》", "贯彻落实《…》").
 */
function reportedName(head: string[]): { name: string; several: boolean; issuer?: string | null } | null {
  const lead = head.slice(0, 6).join(' ');
  if (!NEWS_LEAD.test(lead.slice(0, 400))) return null;
  for (const line of head.slice(0, 6)) {
    const m = REPORTED.exec(line);
    if (!m || /根据|按照|依据|贯彻|落实|学习/.test(line.slice(Math.max(0, m.index - 12), m.index))) continue;
    const name = withoutNoticeEnd(unquote(m[1] ?? m[2]));
    if (TITLE_END.test(name) || /^关于.{4,80}的通知$/.test(name)) return { name, several: /》\s*[和、及与]?\s*《/.test(line.slice(m.index, m.index + m[0].length + 4)), issuer: newsIssuer(line.slice(0, m.index)) };
  }
  return null;
}

/** "X行动方案的通知" → "X行动方案": the plan a notice's name carries. */
function withoutNoticeEnd(name: string): string {
  return name.replace(new RegExp(`^(?:关于)?(?:印发)?(.{4,90}?(?:${DOC_KIND})(?:\\s*\\([^()]{1,24}\\))*)的通知$`), '$1');
}

/** "2023年6月14日,X党委、X人民政府印发《…》": the bodies a news report says issued it. */
function newsIssuer(before: string): string | null {
  // ("农业农村部、国家标准委、住房城乡建设部联合印发": the bodies, not how they issued it.)
  const clause = before.split(/[,，。;；]/).pop()?.trim().replace(/(联合|共同)$/, '') ?? '';
  const parts = clause.split('、').map((x) => x.trim());
  // ("山西省委、省政府印发": the second body by its level alone.)
  return parts.length && clause.length <= 40 && parts.every((x) => ORGAN_ONLY.test(x) || /^[省市县区州](委|政府)$|^[\u4e00-\u9fff]{2,12}(部|署|总局|委)$|^[\u4e00-\u9fff]{2,8}[省市县区州]政府$/.test(x)) ? clause : null;
}

/** Titles compared as notices write them: "关于印发X方案的通知" drops the 关于 and 的 of "关于X的方案". */
const loose = (s: string) => plain(s).replace(/关于|的/g, '');

/** A notice's name for the plan, without quotes and without the departments that issued it jointly. */
/** "转发市市场监管局市农业农村局关于…的通知": the departments that drafted what another body issues. */
const DEPARTMENT = String.raw`(?:(?!转发|印发|人民政府|办公室)[\u4e00-\u9fff]){2,14}?(?:局|委|厅)`;
/** DEPARTMENT, and `(?:(?!转发|印发|人民政府|现将)[\u4e00-\u9fff]){1,14}?(?:局|委|厅|办)[、,，]?`, repeated (read by name-runs.ts). */
const notAt = (words: string[]) => (t: string, i: number) => isHan(t, i) && !wordAt(t, i, words);
const DEPARTMENTS: NameList = { char: notAt(['转发', '印发', '人民政府', '办公室']), least: 2, most: 14, ends: ['局', '委', '厅'], sep: '', min: 2, max: Infinity, lazy: false };
const DEPARTMENTS_OR_OFFICES: NameList = { char: notAt(['转发', '印发', '人民政府', '现将']), least: 1, most: 14, ends: ['局', '委', '厅', '办'], sep: '、,，', min: 2, max: Infinity, lazy: false };
const ABOUT_PLAN = /^关于.{4,}(?:方案|意见|计划|规划|办法)/;
const PASSED_ON = /(?:制定的|起草的|联合制定的)?《[^《》]{4,60}》\s*(?:转发|印发)/y;

/**
 * `(?:^|转发|印发)((?:DEPARTMENT){2,})(?=关于.{4,}(?:方案|意见|计划|规划|办法))`, or (the bodies whose plan the
 * notice passes on: "现将市药监局、工商局、…《…实施方案》转发给你们")
 * `现将((?:DEPARTMENT_OR_OFFICE[、,，]?){2,})(?:制定的|起草的|联合制定的)?《[^《》]{4,60}》\s*(?:转发|印发)`:
 * the match and the departments of the one or the other.
 */
function drafters(line: string): [string, string | undefined, string | undefined] | null {
  if (!/[局委厅]关于|现将/.test(line)) return null;
  // (One memo for each list for every start: where a run of names fails does not depend on where it began.)
  const [before, passed] = [newMemo<number>(), newMemo<[number, number]>()];
  const aboutPlan = (e: number) => (line.startsWith('关于', e) && ABOUT_PLAN.test(line.slice(e)) ? e : null);
  const passedOn = (e: number): [number, number] | null => {
    PASSED_ON.lastIndex = e;
    return PASSED_ON.test(line) ? [e, PASSED_ON.lastIndex] : null;
  };
  for (let i = 0; i < line.length; i++) {
    for (const from of [...(i === 0 ? [0] : []), ...(wordAt(line, i, ['转发', '印发']) ? [i + 2] : [])]) {
      const end = afterNames(line, from, DEPARTMENTS, aboutPlan, before);
      if (end !== null) return [line.slice(i, end), line.slice(from, end), undefined];
    }
    const on = line.startsWith('现将', i) ? afterNames(line, i + 2, DEPARTMENTS_OR_OFFICES, passedOn, passed) : null;
    if (on) return [line.slice(i, on[1]), undefined, line.slice(i + 2, on[0])];
  }
  return null;
}

/** A body's name opens with its place — a party body after 中共 ("中共海南省委办公厅"). */
const opensWithPlace = (name: string) => findPlaces(name.trim().replace(/^中共/, ''))[0]?.index === 0;

/** The issuing bodies at the end of what precedes 关于印发 (not a breadcrumb or page heading before them). */
function noticeIssuer(raw: string): string | null {
  const text = raw.replace(/关于$/, '').trim();
  // ("黑龙江省委、黑龙江省人民政府": bodies joined by 、 issued it together.)
  const joint = text.split('、');
  if (joint.length >= 2 && joint.every((x) => ORGAN_ONLY.test(x.trim())) && opensWithPlace(joint[0])) return text;
  // The bodies ending the text; of their readings, the one that starts with a place (page words before
  // "哈尔滨市质量强市工作领导小组" are no part of it).
  const organs = Array.from({ length: text.length }, (_, k) => text.slice(k)).filter((t) => t.length >= 3 && ORGAN_ONLY.test(t));
  // ("中共海南省委办公厅 海南省人民政府办公厅": a party body opens with 中共 before its place.)
  const m = organs.find((t) => opensWithPlace(t)) ?? organs.find((t) => t.length <= 24);
  if (m) return m.trim();
  // "泰州关于印发…": a bare place name is the issuer's place.
  // (Only a place: "蚌埠企业优惠政策", a site's section above the notice, is no issuer.)
  return text && text.length <= 12 && !/[>|\-—\s]/.test(text) && findPlaces(text).some((p) => p.index === 0 && p.text.length === text.length) ? text : null;
}

/** "(共计121项)": a count after a title is no part of it. */
const COUNT_NOTE = /\s*\((?:共计?|合计)\s*\d+\s*项\)$/;
const unquote = (s: string) =>
  withoutJointIssuers(
    firstOfSeveral(s)
      .replace(/^[《<〈](.*)[》>〉]$/, '$1')
      // "《<2024年…分工方案>的通知》": the notice that issues the plan, named with the plan inside it.
      .replace(/^(?:[\u4e00-\u9fff]{0,20}关于(?:印发)?)?[<〈《]([^<>〈〉《》]{4,90})[>〉》]的通知$/, '$1')
      .replace(COUNT_NOTE, ''),
    1,
  ).trim();

/**
 * "《A》《B》": a notice issuing several documents names the plan first — A, as
 * `^《((?:[^《》]|[<〈][^<>〈〉]*[>〉])+)》\s*[和、及与]?\s*《.*$` finds it (read by name-runs.ts: the regex tries
 * every way of reading "<>" as characters or as a bracket, which is exponential in the count of them).
 */
function firstOfSeveral(s: string): string {
  if (!s.startsWith('《')) return s;
  const end = afterSteps(1, (at) => titleChars(s, at), { min: 1, max: Infinity, lazy: false }, (p) => (s[p] === '》' && SEVERAL_AFTER.test(s.slice(p)) ? p : null));
  return end === null ? s : s.slice(1, end);
}
const SEVERAL_AFTER = /^》\s*(?:[和、及与]\s*)?《.*$/;

/** Where `[^《》]` or `[<〈][^<>〈〉]*[>〉]` at `at` ends, in that order. */
function* titleChars(t: string, at: number): Generator<number> {
  if (at >= t.length) return;
  if (!'《》'.includes(t[at])) yield at + 1;
  if (!'<〈'.includes(t[at])) return;
  let k = at + 1;
  while (k < t.length && !'<>〈〉'.includes(t[k])) k++;
  if (k < t.length && '>〉'.includes(t[k])) yield k + 1;
}

/**
 * "市市场监管局市农业农村局关于加强…方案" without the departments (at least `min`) that issue it jointly:
 * `^(?:[\u4e00-\u9fff]{2,16}?(?:局|委|厅)){min,}(?=关于.{4,}(方案|意见|计划|规划|办法)$)` removed (read by name-runs.ts).
 */
function withoutJointIssuers(t: string, min: number): string {
  const issuers: NameList = { char: isHan, least: 2, most: 16, ends: ['局', '委', '厅'], sep: '', min, max: Infinity, lazy: false };
  const end = afterNames(t, 0, issuers, (e) => (t.startsWith('关于', e) && JOINT_TITLE.test(t.slice(e)) ? e : null));
  return end === null ? t : t.slice(end);
}
const JOINT_TITLE = /^关于.{4,}(方案|意见|计划|规划|办法)$/;
const plain = (s: string) => s.replace(/[\s《》〈〉“”"'、,·]/g, '');

/** A page's breadcrumb line ("网易首页 > 网易号 > 正文 申请入驻", "当前位置:首页>…"). */
const BREADCRUMB = /^(?=.{0,40}$).*(?:首页\s*>|>\s*正文|当前位置|您现在的位置)/;

/** The plan's own title line; the notice's name for it when the page has no such line. */
function findTitle(lines: string[], notice: Notice | null): string | null {
  // (A site's name line or a section label ("正文") joins no title; a grid's name label is no part of it.)
  const head = lines.map((l) => {
    const t = SHARED_FILE.exec(l.trim())?.[1] ?? l;
    // ("…关于加强电梯质量安全工作的通知各区县人民政府、…": a notice's name run into its addressees.)
    // ("网易首页 > 网易号 > 正文": a breadcrumb is no part of a title; nor is a portal's tag "【浦东新区】".)
    // (A table's cell line, "| 工作要点", is no title either.)
    return isPageLabel(t) || BREADCRUMB.test(t) || /^\s*\|/.test(t) ? '' : t.replace(/^【[^】]{1,12}】(?=\S{6,})/, '').replace(/^\s*(?:信息|文件)?(?:名\s*称|标\s*题)\s*[:：]\s*/, '').replace(/^([^。;:：]{4,100}?的通知)(?=各[\u4e00-\u9fff]{1,12}(?:人民政府|政府|管委会|部门|单位|局)).*$/, '$1');
  });
  const valid = windows(head.slice(0, 45)).map((group) => {
    const found = group.map(asTitle).filter((t): t is string => !!t);
    // The longest reading, unless it only adds a (2016—2020年)-less prefix the next line starts anew.
    return found.at(-1) ?? null;
  });
  // ("省人民政府关于" / "进一步优化…的若干意见": a prefix ending in 关于 belongs to the title.)
  const own = valid.filter(
    (t, i): t is string => !!t && !isNoiseLine(t) && !valid.slice(i + 1, i + 3).some((n) => n && n.length >= 12 && n !== t && t.endsWith(n) && !t.slice(0, -n.length).endsWith('关于')),
  );
  if (notice) {
    const inner = plain(notice.inner);
    const match =
      own.find((t) => plain(t) === inner) ??
      own.find((t) => loose(t) === loose(inner)) ??
      // Of the lines a notice's name contains, the fullest ("关" broken off onto a line of its own).
      [...own].sort((a, b) => b.length - a.length).find((t) => plain(t).includes(inner) || inner.includes(plain(t)));
    // "上海市2024年度…清单" in the notice, "2024年度…清单" as the attachment's heading (or a heading the page
    // lost a character of): the notice's fuller name is the title.
    if (match && inner.length > plain(match).length && inner.includes(plain(match))) return notice.inner;
    return match ?? notice.inner;
  }
  // A notice that is the document itself ("关于明确…责任单位的通知"): its own title.
  return (
    printedHeading(head, valid) ??
    own[0] ??
    // (Also broken across two or three short lines: "关于开展2019年…“质量月”" / "有奖征文活动的通知".)
    windows(head.slice(0, 20))
      .flat()
      .map((l) =>
        withoutLineLabel(l.trim())
          .replace(/^[\u4e00-\u9fff]{1,10}[〔\[(]\d{4}[〕\])]\d{1,4}号\s*/, '')
          .replace(/^【[^】]*】/, '')
          // "《X关于开展…的通知》": a notice's name in title marks.
          .replace(/^《([^《》]{6,90})》$/, '$1')
          // "关于…的通知(南经管发〔2020〕81号)": the 文号 after it is no part of the name.
          .replace(/\s*\([\u4e00-\u9fff]{1,10}〔\d{4}〕\d{1,4}号\)$/, ''),
      )
      // ("附件1:X关于开展…的通知": a document it attaches is not the page's own.)
      .map((l) => (/^.{0,40}?关于.{4,80}的(通知|通告|决定)$/.test(l) && !/印发|转发|^附件/.test(l) ? noticeSubject(l) : null))
      .find(Boolean) ??
    newsHeadline(head) ??
    // (A page that ran its head into one line, "泰安市人民政府 关于加强…品牌建设的实施意见 各县、市、区人民政府,…":
    // the part between the spaces that is a title.)
    head
      .slice(0, 8)
      .flatMap((l) => l.trim().split(/\s+/).slice(0, 4))
      .map((part) => (part.length <= 60 && /^关于/.test(part) ? asTitle(part) : null))
      .find(Boolean) ??
    null
  );
}

/**
 * A page's headline, its dateline ("发布日期:… 来源:…") under it, then the document's own printed heading:
 * "舟山市市场监督管理局2020年工作要点" / "发布日期:2020-03-31 来源:市市场监管局" / "2020年全市市场监督管理工作要点".
 * The printed heading is the plan's title. Null when the page shows no second, different heading.
 */
function printedHeading(head: string[], valid: Array<string | null>): string | null {
  const first = valid.findIndex((t) => !!t && !isNoiseLine(t));
  if (first < 0 || first > 20) return null;
  const dateline = head.findIndex((l, i) => i > first && i <= first + 2 && DATELINE.test(l.trim()));
  if (dateline < 0) return null;
  for (let i = dateline + 1; i < Math.min(head.length, dateline + 5); i++) {
    const t = valid[i];
    if (!head[i].trim()) continue;
    if (t && plain(t) !== plain(valid[first]!) && TITLE_END.test(t) && !/通知$/.test(t)) return t;
    if (!t) return null;
  }
  return null;
}

/**
 * A title as pages damage it: "2023 年…" (a space before 年); a breadcrumb ("政务公开 >> 县级部门信息公开
 * >> …") is none; a headline that reports the issuing ("123项!《X》印发", "《X》发布-…") is X's.
 */
function cleanTitle(title: string | null): string | null {
  if (!title) return title;
  if (/>>|»/.test(title)) return null;
  const reported = /《([^《》]{4,90})》\s*(?:印发|发布|出台)/.exec(title)?.[1];
  const t = reported && TITLE_END.test(reported) ? reported : title;
  return t.replace(/(\d)\s+(?=年)/g, '$1');
}

/** A news page's dateline under its headline: "发布时间:2024-12-25 来源:…", "作者:刘莉 来源:…", "2017-07-26 08:03". */
const DATELINE = /^(?:(?:发布时间|发布日期|时间|日期|来源|作者|稿件来源|信息来源)\s*[:：]|(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2})/;

/** A forum's or portal's dateline anywhere in its line: "只看楼主 … 发表于: 2017-03-24". */
const POSTED = /(?:发表于|发布于|发帖时间|发布时间)\s*[:：]?\s*(?:19|20)\d{2}/;

/**
 * A report's headline (a news page has no plan title): the line a dateline follows — or, on a page that
 * opens with site furniture (论坛风格切换, 上一主题, 1574阅读), the fullest line above its dateline.
 */
function newsHeadline(head: string[]): string | null {
  const lines = head.map((l) => l.trim().replace(/\s*\[[^\]]{1,8}\]$/, '')).filter(Boolean);
  // (A bare date further down is a notice's 落款, not a dateline: only near the headline does it count.)
  const at = lines.slice(0, 16).findIndex((l, i) => (i > 0 && DATELINE.test(l) && (i <= 3 || !/^(?:19|20)\d{2}/.test(l))) || POSTED.test(l));
  if (at <= 0) return null;
  // (A byline — "XX记者 张三" — is no headline.)
  const headline = (l: string) => l.length >= 6 && l.length <= 60 && !isNoiseLine(l) && !/[。;,]|记者|通讯员|摄影|编辑/.test(l) && !DATELINE.test(l) && (l.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 6;
  if (DATELINE.test(lines[at]) && at <= 3 && headline(lines[0])) return lines[0];
  const found = lines.slice(0, at).filter(headline).sort((a, b) => b.length - a.length)[0];
  return found && (found.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 10 ? found : null;
}

/** "关于X落实…任务分工方案的通知": a notice that is the plan is named by the plan it states, else by itself. */
function noticeSubject(line: string): string {
  const inner = /^(?:.{0,40}?)关于(.{4,80})的(?:通知|通告|决定)$/.exec(line)?.[1] ?? '';
  return new RegExp(`(?:${DOC_KIND})$`).test(inner) && /^[\u4e00-\u9fff]{2,}/.test(inner) && !/^(进一步|加强|做好|开展|明确)/.test(inner) ? inner : line;
}

/** A red-head document's first line: "武汉市江岸区人民政府办公室文件". */
/** A 文号 alone on its line: "建协质函〔2024〕3号". */
const HEAD_DOC_NO = /^[\u4e00-\u9fff]{1,12}[〔\[(【（]\s*(?:19|20)\d{2}\s*[〕\])】）]\s*\d{1,4}\s*号$/;

/**
 * The body on the line above a notice title broken across lines ("新密市人民政府" / "关于印发…"), or the
 * body a page about the plan says issued it ("近日,重庆市荣昌区人民政府印发《质量强区建设行动计划》").
 */
function headIssuer(head: string[], title: string | null): string | null {
  for (let i = 0; i + 1 < Math.min(head.length, 12); i++) {
    const t = head[i].trim();
    // (…or over its 文号: "中国建筑业协会质量管理与监督检测分会" / "建协质函〔2024〕3号".)
    if (ORGAN_ONLY.test(t) && t.length <= 30 && (/^关于/.test(head[i + 1].trim()) || HEAD_DOC_NO.test(head[i + 1].trim()))) return t;
  }
  if (!title) return null;
  for (const line of head.slice(0, 20)) {
    for (const m of line.matchAll(ISSUES_TITLE)) {
      if (!sameDocument(m[2], title) || /根据|按照|依据|贯彻|落实/.test(line.slice(0, m.index))) continue;
      return m[1].replace(/^(近日|日前|今年|[,，\s])+/, '');
    }
  }
  return null;
}

/** "8月28日以青阳县人民政府办公室名义印发": a page about the plan says in whose name it went out. */
function namedIssuer(head: string[]): string | null {
  for (const line of head.slice(0, 40)) {
    const m = /以([\u4e00-\u9fff]{4,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|领导小组|局|委))(?:的)?名义(?:正式)?(?:印发|下发|发布|出台)/.exec(line);
    if (m) return m[1];
  }
  return null;
}

/** "X会同Y编制形成了《…》": the body that drew a document up with others. */
const TOGETHER = /([\u4e00-\u9fff]{2,20}?(?:办公室|办|局|委|厅|领导小组))会同([^。,，;；《》]{2,30}?)(?:共同|联合)?(?:编制|制定|起草|研究制定|修订)(?:形成)?了?《/;

/** "县市场监管局牵头起草了《…》". */
const DRAFTED_BY = /([\u4e00-\u9fff]{2,20}?(?:办公室|办|局|委|厅|领导小组))(?:牵头)?(?:组织)?(起草|草拟|制定)了?《([^《》]{4,90}?)(?:\(征求意见稿?\))?》/;

/** "国家认监委办公室关于上报…的通知": a notice's title opens with the body that sends it. */
function titleIssuer(title: string | null): string | null {
  const m = title ? NOTICE_OF_ORGAN.exec(title) : null;
  return m ? m[1] : null;
}

/** A quoted name and a title that are one document (the same words, one perhaps without its place). */
function sameDocument(quoted: string, title: string): boolean {
  const a = quoted.replace(/\s+/g, '');
  const b = title.replace(/\s+/g, '');
  return a === b || (a.length >= 6 && b.endsWith(a)) || (b.length >= 6 && a.endsWith(b));
}

function redHead(head: string[]): string | null {
  const line = head.slice(0, 20).find((l) => /^[\u4e00-\u9fff]{4,30}(人民政府|办公室|办公厅|委员会|局|厅)文件$/.test(l.trim()));
  return line ? line.trim().replace(/文件$/, '') : null;
}

/** A line without its list bullet and its 标题:/名称: label ("- 标题:X" → X). */
function withoutLineLabel(line: string): string {
  return line.replace(/^[-•*·]\s*/, '').replace(/^(标题|题目|名称|文件名称)\s*[:|]\s*/, '');
}

function asTitle(raw: string): string | null {
  if (raw.length > 130 || raw.length < 5 || /[。;]/.test(raw)) return null;
  const named = withoutLineLabel(
    raw
      // "(湖北省)武汉市…方案": a repost's province tag is no part of the title.
      .replace(/^[(（][\u4e00-\u9fff]{2,8}(?:省|自治区|市)[)）]\s*(?=[\u4e00-\u9fff])/, '')
      // "《X》(草案)": a heading that quotes its own name, with its status.
      .replace(/^《([^《》]{4,90})》\s*(\((?:草案|征求意见稿|试行|修订稿|送审稿|讨论稿)\))$/, '$1$2')
      // "【文字解读】X计划解读": a page explaining a plan is headed by the plan's name.
      .replace(/^【[^】]{1,8}】\s*(?=.{4,}(?:的)?(?:政策)?解读$)/, '')
      .replace(/(?<=.{4,}(?:方案|意见|计划|规划|办法|要点|清单|细则|纲要))(?:的)?(?:政策)?解读$/, ''),
  )
    .replace(/[\s|?]+$/, '')
    .replace(/\s*\(?[\u4e00-\u9fff]{1,10}[〔\[(]\d{4}[〕\])]\d{1,4}号\)?$/, '')
    .replace(/\s*\(\d{4}年\d{1,2}月\d{1,2}日\)$/, '')
    // A 落款 run into the next title ("杭州市人民政府 2016年12月23日 关于实施…").
    .replace(LEADING_SIGNATURE, '')
    .replace(COUNT_NOTE, '')
    .replace(/^[\u4e00-\u9fff]{2,20}?印发(?=关于)/, '');
  // "市市场监管局市农业农村局关于加强…方案": departments issuing jointly are no part of the title.
  const t = withoutJointIssuers(named, 2).trim();
  if (t.length < 5 || t.length > 90 || /[。;]/.test(t) || NOT_A_TITLE.test(t)) return null;
  // "2.市《…》…责任分解": an entry of the attachment list; "一、工作要点": a chapter — not the plan's heading.
  if (/^(?:\d{1,2}\s*[.、]|[一二三四五六七八九十]+\s*、|\([一二三四五六七八九十]+\))/.test(t)) return null;
  // A line cut inside a quoted name ("…起草了《X(征求意见") is no title.
  if ((t.match(/《/g)?.length ?? 0) !== (t.match(/》/g)?.length ?? 0) || (t.match(/\(/g)?.length ?? 0) > (t.match(/\)/g)?.length ?? 0)) return null;
  if ((t.match(/,/g)?.length ?? 0) > 1 || !TITLE_END.test(t) || /通知$|关于.*的(通告|公告)$/.test(t) || /^《.*》$/.test(t)) return null;
  return t.replace(/^[\u4e00-\u9fff]{1,8}[〔\[(]\d{4}[〕\])]\d+号\s*/, '').replace(/^【[^】]*】/, '');
}

const DOC_NO = /([\u4e00-\u9fff]{1,12})\s*[〔\[(【]\s*((?:19|20)\d{2})\s*[〕\])】]\s*(\d{1,4})\s*号/g;

/** The plan's own number: in a 文号 field, at the start of a line, after the notice title, or alone. */
function findDocNo(head: string[], field: string | undefined, title: string | null = null): string | null {
  if (field) {
    const m = [...field.matchAll(DOC_NO)][0];
    if (m) return formatDocNo(m);
    // The grid's 文号 field as written when it is no bracketed number ("督察通报第十七期").
    const v = field.replace(/[|｜]/g, ' ').trim();
    if (v && v.length <= 24 && !/\s/.test(v) && !/^(无|暂无|空|-+)$/.test(v)) return v;
  }
  for (const line of head.slice(0, 40)) {
    if (/^(根据|按照|依据|为)/.test(line)) continue;
    for (const m of line.matchAll(DOC_NO)) {
      const before = line.slice(0, m.index);
      // "…印发《质量强区建设行动计划》(荣昌府发〔2024〕16号,…)": the number of the plan a page explains —
      // not of the documents it cites.
      const own = /《([^《》]{4,90})》\s*[(（]\s*$/.exec(before);
      if (own && title && sameDocument(own[1], title) && !/(根据|按照|依据|贯彻|落实)/.test(before.slice(0, own.index).slice(-30))) return formatDocNo(m);
      if (/[》]\s*[(]?$/.test(before) || /(根据|按照|依据)/.test(before.slice(-30))) continue;
      if (m.index === 0 || /^[(\s]*$/.test(before) || /(通知|方案|意见|办法|规划|计划)\s*\(?$/.test(before) || line.length <= 40) return formatDocNo(m);
    }
  }
  // A number alone on its line that the page cut before 号 ("哈质强办[2017]4"), or a bulletin's issue
  // ("督察通报第十七期").
  for (const line of head.slice(0, 25)) {
    const t = line.trim();
    if (/^[\u4e00-\u9fff]{1,12}\s*[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,4}$/.test(t)) return t.replace(/\s+/g, '');
    // "奉政发74号": a number printed without its year.
    if (/^[\u4e00-\u9fff]{2,8}(?:发|字|函|办)\s*\d{1,4}\s*号$/.test(t)) return t.replace(/\s+/g, '');
    const issue = /^(?:[\u4e00-\u9fff]{0,8}(?:通报|简报|快报|专报|情况))?\s*第\s*[一二三四五六七八九十百零〇\d]{1,6}\s*期$/.exec(t);
    if (issue) return issue[0].replace(/\s+/g, '');
  }
  return null;
}

/** As written, without spaces; "通知杭政函〔…" → "杭政函〔…": a title word that ran into it is cut. */
function formatDocNo(m: RegExpMatchArray): string {
  const cut = m[1].length - m[1].replace(/^.*(通知|意见|方案|办法|规划|计划|要点|的|号)/, '').length;
  return m[0].slice(cut).replace(/\s+/g, '');
}

// ("202211月21日": a page that lost the 年 still dates its 落款.)
const DATE_TEXT = String.raw`(?:(?:19|20)\d{2}\s*年?\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?=[〇○零O0]*[一二三四五六七八九])[〇○零O0一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)`;
const ORGAN = String.raw`[\u4e00-\u9fff]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|办公室|办公厅|委员会|领导小组|管理委员会|管委会|监督管理局|指挥部|协会|分会|学会|局|委|厅)`;
const SIGNATURE = new RegExp(String.raw`^((?:${ORGAN}\s*){1,3})?\s*(${DATE_TEXT})$`);
/** "(二OO八年二月二十六日)" under the title — the date a decree or notice was adopted — is its date too. */
const BRACKETED_DATE = new RegExp(String.raw`^[(（]\s*(${DATE_TEXT})\s*[)）]$`);
/** A 落款 line, or a bracketed date line: the date and, in a 落款, the bodies before it. */
const signatureOf = (line: string) => SIGNATURE.exec(line) ?? SIGNATURE.exec(BRACKETED_DATE.exec(line)?.[1] ?? '');
const LEADING_SIGNATURE = new RegExp(String.raw`^(?:${ORGAN}\s*){1,3}${DATE_TEXT}\s+`);
const ORGAN_ONLY = new RegExp(String.raw`^(?:${ORGAN}\s*){1,3}$`);
const ORGAN_DATE_INLINE = new RegExp(String.raw`(${ORGAN})\s*(${DATE_TEXT})`);
/** "X人民政府印发《T》": the body a page says issued a document. */
const ISSUES_TITLE = new RegExp(String.raw`(${ORGAN})(?:近日|日前|正式|已)?(?:印发|出台|发布)了?《([^《》]{4,90})》`, 'g');
/** "X办公室关于…的通知": a notice's title opening with its body. */
const NOTICE_OF_ORGAN = new RegExp(String.raw`^(${ORGAN})关于.{4,}的(通知|意见|决定|批复|函|通告|公告)$`);

/** The 落款: issuing bodies and the date, on their own lines (or run into a long line). */
interface Signature {
  issuer: string | null;
  date: string | null;
  /** The date as written, and the lines it was read from. */
  text: string | null;
  quote: string;
}

/** A run of two or more body-only lines that starts with `first`: the joint issuers of a document. */
function organRun(lines: MetaLine[], first: string): string | null {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].text.trim() !== first) continue;
    const run: string[] = [];
    for (let k = i; k < lines.length && run.length < 12 && ORGAN_ONLY.test(lines[k].text.trim()); k++) run.push(lines[k].text.trim());
    if (run.length >= 2) return run.join(' ');
  }
  return null;
}

/** A seal note, "(国家知识产权局代章)": on a line of its own, or after the body's name on its line. */
const seal = (least: number) => String.raw`[(（][\u4e00-\u9fff]{${least},30}(代章|代印|印章|盖章|代)[)）]`;
const SEAL_NOTE = new RegExp(`^${seal(2)}$`);
const SEAL_NOTE_AFTER = new RegExp(String.raw`\s*${seal(0)}$`);

function findSignature(lines: MetaLine[]): Signature {
  const candidates = [...lines.slice(0, HEAD_LINES), ...lines.slice(-12)];
  for (let i = 0; i < candidates.length; i++) {
    const t = candidates[i].text.trim();
    const m = signatureOf(t.replace(/\s+(?=\d|[〇○零一二三四五六七八九])/, ' '));
    if (!m) continue;
    const date = parseDate(m[2]);
    // Issuing bodies on the lines above the date (a joint document lists each on its own line).
    const above: string[] = [];
    // ("(国家知识产权局代章)": the seal note under a body's name is skipped.)
    let k = i - 1;
    if (k >= 0 && SEAL_NOTE.test(candidates[k].text.trim())) k--;
    // ("中共三亚市委优化营商环境领导小组(代章)": a seal note on the body's own line is no part of its name.)
    const body = (x: string) => x.trim().replace(SEAL_NOTE_AFTER, '');
    for (; k >= 0 && k >= i - 10 && ORGAN_ONLY.test(body(candidates[k].text)); k--) above.unshift(body(candidates[k].text));
    const organ = m[1]?.trim() || (above.length ? above.join(' ') : null);
    if (date) return { issuer: organ ? organ.replace(/\s+/g, ' ') : null, date, text: m[2].replace(/\s+/g, ''), quote: [organ, m[2]].filter(Boolean).join(' ') };
  }
  for (const l of lines.slice(0, 12)) {
    const m = ORGAN_DATE_INLINE.exec(l.text);
    if (!m) continue;
    // "…特此通知,广西-东盟经济技术开发区…办公室2022年6月29日(联系人:…)。": a 落款 run into the text's end,
    // after a clause and before nothing but a note, names the issuer too.
    const before = l.text.slice(0, m.index);
    const after = l.text.slice(m.index + m[0].length);
    const closing = /(特此通知|特此公告|此复)?[,，。]\s*([\u4e00-\u9fff]{1,8}-)?$/.exec(before);
    // ("…办公室2025年4月8日(此件公开发布)2025年…工作方案为…": the publication note closes the 落款.)
    const ends = /^\s*([(（][^()（）]{0,80}[)）])?\s*[。]?\s*$/.test(after) || /^\s*[(（]此件[^()（）]{0,12}[)）]/.test(after);
    const issuer = closing && ends ? `${closing[2] ?? ''}${m[1]}` : null;
    return { issuer, date: parseDate(m[2]), text: m[2], quote: m[0] };
  }
  return { issuer: null, date: null, text: null, quote: '' };
}

/** A page's own timestamp line near the top ("2016-11-02 14:40:28"). */
/** A page's date line: "2024-01-04", "2024-01-04 19:52", also before the 来源/作者 fields on its line. */
function pageDateLine(head: string[]): string | null {
  // ("2023-05-25 18:11:01来源:巴中市人民政府": the time may run on into the next field.)
  const line = head.slice(0, 8).find((l) => /^\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?(\s*$|\s*(来源|作者|发布|浏览|点击))/.test(l.trim()));
  return line ? /^\d{4}-\d{1,2}-\d{1,2}/.exec(line.trim())![0] : null;
}

function pageDate(head: string[]): string | null {
  return parseDate(pageDateLine(head));
}

/** "…实施意见(2022年12月31日)": the date under a title. */
function titleDate(head: MetaLine[]): string | null {
  const m = head
    .slice(0, 20)
    .map((l) => /^(?:.{4,90}(?:意见|方案|规划|计划|办法))?\s*\((\d{4}年\d{1,2}月\d{1,2}日)(?:[^()]{0,12})\)$/.exec(l.text.trim()))
    .find(Boolean);
  return m ? parseDate(m[1]) : null;
}

function parseDate(text: string | undefined | null): string | null {
  if (!text) return null;
  return parseDeadline(text.replace(/^\s*((?:19|20)\d{2})(?=\d{1,2}月)/, '$1年')) ?? parseChineseDate(text.replace(/O/g, '〇'));
}

/** The date printed right after the 文号 on its line. */
const DATE_AFTER_NO = /^\s+((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)$/;
