import { lookupPlace, placeOpening } from '../kb/place-names.ts';
import { afterNames, isHan, isHanOrParen, newMemo, wordAt, type NameList } from './name-runs.ts';
/**
 * Who owns a task, as one grammar over the ways plans write it:
 * - inline role words after a list: `(X负责)`, `(X牵头,Y参加)`, `(X、Y按职责分工负责)`, `由X牵头,Y参与`,
 *   `此项工作由X牵头负责,Y、Z等部门配合`;
 * - labels, in any bracket width or none: `牵头单位:X`, `(牵头单位:X;配合单位:Y)`, `【牵头单位】X`,
 *   `[责任单位:X,6月底完成]`, `主要责任单位:`, `协办单位:`, with a deadline label or phrase beside them;
 * - table cells (a plain list).
 * Names are kept as written, never with punctuation (registry matching happens in the knowledge base).
 * Lead: the units marked 牵头 — or, when none is, the one responsible unit; a plain list of several
 * 负责 units has no lead.
 */

export type OwnerRole = 'lead' | 'responsible' | 'partner';

export interface Owners {
  /** Lead departments: those marked 牵头, or the single responsible one. */
  lead: string[];
  /** Every responsible department, lead and partners included, in the order written. */
  units: string[];
  /** Departments that take part (参加/配合/协助/协办/参与). */
  partners: string[];
  /** The owner expression as written, for citation. */
  quote: string;
  /** A deadline written inside the owner expression ("6月底完成", 完成时限:…), as written. */
  deadlineText?: string | null;
}

const ROLE_SUFFIX =
  /(属地负责|分别牵头|牵头督导|牵头推进|牵头组织|牵头协调|牵头负责|牵头落实|牵头抓总|共同负责|按职责分工负责|按职责分工落实|按职能职责分工负责|按职责负责|分工负责|具体负责|负责落实|负责实施|组织实施|抓好落实|牵头|负责|承办|主办|参加|配合|协助|协办|参与|落实)$/;
const ROLE_OF = (word: string): OwnerRole =>
  /牵头/.test(word) ? 'lead' : /参加|配合|协助|协办|参与/.test(word) ? 'partner' : 'responsible';

const MAX_NAME = 32;
const OPEN = '([〔【（';
const CLOSE = ')]〕】）';

/** A clause that is a deadline, not a unit: "6月底完成", "2024年底前", "持续推进", "长期". */
export const DEADLINE_PHRASE =
  /^(?:(?:\d{4}\s*年)?\s*\d{1,2}\s*月(?:\d{1,2}\s*日)?(?:底|末|上旬|中旬|下旬)?|\d{4}\s*年(?:底|末|内)?|\d{4}\s*年?\s*[-—至]\s*\d{4}\s*年|年底|年内|上半年|下半年|每(?:年|季度|月|半年|周)|持续推进|持续开展|长期(?:坚持|推进)?|常态化(?:推进|开展)?|\d{4}年(?:\d{1,2}月)?(?:底|末)?)\s*(?:前|以前|之前)?\s*(?:完成|到位|落实|建成|出台)?$/;

/** Splits on separators that are not inside brackets: "各县(市、区)政府、市质监局" → 2 parts. */
export function splitOutsideParens(s: string, seps: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && seps.test(ch)) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** The mark a table puts before its lead unit: "★区发改委、统计局". */
export const LEAD_MARK = /[★☆▲△※]/;
const LEAD_MARKS = new RegExp(LEAD_MARK.source, 'g');

/** A unit name without list noise: unmatched brackets, 等-tails, a trailing alias in brackets. */
function cleanName(raw: string): string {
  // ("请市食药安委各成员单位…": the request word of a notice is no part of the name.)
  let s = raw.trim().replace(LEAD_MARKS, '').replace(/^(和|及|以及|由|会同|请)/, '');
  // ("各区县〔自治县,以下简称区县〕政府": a bracket that defines a short form is no part of the name.)
  s = s.replace(/[〔(（][^〔〕()（）]{0,20}以下(?:简称|称)[^〔〕()（）]{0,12}[〕)）]/g, '');
  // ("第二章组织管理第七条建湖县质量发展委员会": chapter and article headings run into the name are no part of it.)
  s = s.replace(/^(?:第[一二三四五六七八九十百零〇\d]+[章节条款](?:[\u4e00-\u9fff]{0,8}?(?=第[一二三四五六七八九十百零〇\d]+[条款]))?)+/, '');
  // ("产品质量由市场监管局", "考核工作由质检总局": the work named before 由 is no part of the unit.)
  s = s.replace(/^[\u4e00-\u9fff]{2,12}?(?<![自理经缘])由(?=[\u4e00-\u9fff]{2})(?![\u4e00-\u9fff]*由)/, (m) => (DEPT_END.test(m.slice(0, -1)) ? m : ''));
  s = s.replace(/(等相关部门|等有关部门|等相关单位|等有关单位|等部门|等单位|等)$/, '');
  // ("市财政局等市级相关单位": the 等-tail of a list names no body of its own.)
  s = s.replace(/^(.{3,}?)等(?:市级|县级|区级|省级|其他|其它)?(?:相关|有关)?(?:部门|单位)$/, (m, head: string) => (DEPT_END.test(head) ? head : m));
  // ("统计局分别", "各成员单位协作": an adverb or role word after a body's name is no part of it.)
  s = s.replace(/^(.{2,}?)(?:按职责分工|按照职责分工|按职责|按照职责|根据职责)?(分别|共同|协作|一起|具体)?$/, (m, head: string) => (m !== head && DEPT_END.test(head) ? head : m));
  // ("由市场监管局负责组织实施": the role word and what follows it are no part of the name.)
  s = s.replace(/(牵头负责|牵头|负责)(组织实施|组织|实施|落实|推进|办理|开展)?$/, (m, _r, _v, at: number) => (at >= 2 ? '' : m));
  // Unmatched brackets left by the enclosing expression.
  while (s && CLOSE.includes(s[s.length - 1]) && count(s, OPEN) < count(s, CLOSE)) s = s.slice(0, -1);
  while (s && OPEN.includes(s[0]) && count(s, OPEN) > count(s, CLOSE)) s = s.slice(1);
  s = s.replace(/[(〔【]以下简称[^()〔〕【】]*[)〕】]/g, '');
  // "县发改局(首位单位为牵头单位,下同)": a note on the list, not part of the name.
  s = s.replace(/[(〔【][^()〔〕【】]*(牵头|下同|为准|汇总|以下|不再|涉及|合署)[^()〔〕【】]*[)〕】]$/, '');
  // "县发改局(粮食局)", "区民政局(区委社会工委)": a body's second nameplate is part of its name as written
  // (the registry matches it by its first name).
  return s.replace(/[,，;；:：。、\s]+$/, '').trim();
}

const count = (s: string, set: string) => [...s].filter((c) => set.includes(c)).length;

/**
 * Spaces separate two names only where the text before them is a whole body's name: "市财政局 市发改委" is
 * two units, while "市 财政局", "资源规划 局" and "龙山 管委 会" (a page that spaced its characters out)
 * are one each.
 */
function splitAtSpaces(part: string): string[] {
  const words = splitOutsideParens(part.trim(), /\s/).filter((w) => w.length > 0);
  const out: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && w.length >= 2 && (isWholeName(cur) || (cur.length >= 2 && startsName(w))) && !/^(办公室|委员会|管委会|分局|支队|大队|中队|党组|机关)/.test(w)) {
      out.push(cur);
      cur = w;
    } else cur += w;
  }
  if (cur || out.length === 0) out.push(cur);
  return out;
}

const isWholeName = (s: string) => s.length >= 2 && (DEPT_END.test(s) || BODY_END.test(s));
/** A word that begins a name of its own: "各镇", "有关单位", "县财政局" (not "市场监管局"). */
const startsName = (w: string) => /^(各|有关|相关)/.test(w) || (/^[省市县区州旗][\u4e00-\u9fff]{2,}/.test(w) && !/^(市场|区域|县域|[省市县区]级)/.test(w));

/** Splits a list of department names: 、 / , and spaces; drops 等部门-style tails. */
export function splitDepartments(list: string): string[] {
  const parts = splitOutsideParens(list.trim(), /[、,，;；/]/)
    .flatMap(splitAtSpaces)
    .map(cleanName)
    .filter((s) => s.length > 0);
  // "各县、区人民政府" is one unit: the 、 only abbreviates "各县人民政府、各区人民政府".
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let name = parts[i];
    // "各县、市、区政府" → 各县市区政府: every part after 各县 that begins with a level word joins it
    // (so does "相关市、县政府", "有关县、区政府").
    while (/^(?:各|相关|有关)[\u4e00-\u9fff]{0,4}[县市区镇乡州旗]$/.test(name) && /^[县市区镇乡州旗]/.test(parts[i + 1] ?? '')) name += parts[++i];
    // "番禺区、南沙区政府", "海东市、兰州市、临夏州发展改革部门": places listed before the body they share
    // each have that body — 番禺区政府 and 南沙区政府 ("哈尔滨、黑河、绥芬河市政府": 哈尔滨市政府 …).
    if (lookupPlace(name) && !DEPT_END.test(name)) {
      let k = i;
      while (k + 1 < parts.length && lookupPlace(parts[k + 1]) && !DEPT_END.test(parts[k + 1])) k++;
      const shared = parts[k + 1] ? sharedBody(parts[k + 1]) : null;
      if (shared) {
        for (const place of parts.slice(i, k + 1)) out.push(`${place}${/[省市县区州盟旗]$/.test(place) ? '' : shared.level}${shared.body}`);
        out.push(parts[k + 1]);
        i = k + 1;
        continue;
      }
    }
    // "市知识产权、工商、版权局": stems listed before the body whose ending they share each have that ending
    // (and the level the first opens with) — 市知识产权局, 市工商局, 市版权局.
    if (isStem(name)) {
      let k = i;
      while (k + 1 < parts.length && isStem(parts[k + 1])) k++;
      const ending = parts[k + 1] ? SHARED_ENDING.exec(parts[k + 1])?.[0] : undefined;
      if (ending && parts[k + 1].length - ending.length >= 2) {
        const level = /^[省市县区]/.exec(parts[i])?.[0] ?? '';
        const withLevel = (n: string) => (level && !/^[省市县区]/.test(n) ? `${level}${n}` : n);
        for (const stem of parts.slice(i, k + 1)) out.push(withLevel(`${stem}${ending}`));
        out.push(withLevel(parts[k + 1]));
        i = k + 1;
        continue;
      }
    }
    // "市直有关部门、单位": a bare 单位/部门 completes the name before it; after "X等部门" it is the
    // list's tail, and a lone level word ("市经信局、市" cut by the page) is no unit.
    if (/^(单位|部门|有关单位|相关单位)$/.test(name)) {
      if (out.length && /部门$|单位$/.test(out[out.length - 1])) out[out.length - 1] += `、${name}`;
      continue;
    }
    if (/^[省市县区镇乡]$/.test(name)) continue;
    // ("各区、县(市)政府及开发区管委会": the joined name may still hold a second body after 及.)
    out.push(...(name === parts[i] ? splitJoined(name) : splitAtJoin(name)));
  }
  return out;
}

/** A body's one-character ending that stems listed before it share: 局, 委, 院, 厅, 办. */
const SHARED_ENDING = /(?<![布格大全开结当骗赌棋饭牌])(局|委|院|厅|办)$/;

/** A stem of a body's name, without its ending: "知识产权", "市工商", "版权" (no place, no body, no phrase). */
function isStem(name: string): boolean {
  return /^[\u4e00-\u9fff]{2,6}$/.test(name) && !DEPT_END.test(name) && !DIVISION.test(name) && !lookupPlace(name) && !/^(各|相关|有关|其他|其它)|(等|和|及|的|们|门|位|府|会|心|区|县|镇|乡|道|组|站|所|队|社|馆|场|行|司|部|处|科|股|室|厂|院|校|团|联|署|局|委|厅|办)$/.test(name);
}

/**
 * The body a place's name opens ("南沙区政府" → 南沙区 + 政府, "临夏州发展改革部门" → 临夏州 + 发展改革部门), with the
 * place's level word (市 of 绥芬河市) for places listed before it without one. Null when no place opens it.
 */
function sharedBody(name: string): { body: string; level: string } | null {
  const opened = DEPT_END.test(name) ? placeOpening(name) : null;
  if (!opened || !/^[\u4e00-\u9fff]{2,}$/.test(opened.body)) return null;
  // (The body is a kind of office, not a place of its own: "南沙区政府", not "兰州市西固区".)
  if (lookupPlace(opened.body) || /^[省市县区州]/.test(opened.body)) return null;
  return { body: opened.body, level: opened.place[opened.place.length - 1] };
}

/** A division inside an office: 标准化处, 食品生产科, 法规股 (not 好处, 之处, 学科). */
const DIVISION = /^[\u4e00-\u9fff]{2,10}(?<![好出之各学本专])(?:处|科|股|处室|科室|股室)$/;

/** 局 that ends a body's name, not a word that ends like one (布局, 格局, 大局 …). */
export const BODY_JU = '(?<![布格大全开结当骗赌棋饭牌])局';

export const DEPT_END = new RegExp(`(${BODY_JU}|委|委员会|委会|协会|工会|联合会|商会|办|办公室|督查室|厅|部|部门|院|中心|政府|管委会|单位|公司|集团|支队|大队|总队|中队|军分区|分行|支行|海关|妇联|残联|科协|工商联|侨联|文联|社科联|供销社|联社)$`);

/** A name joined back from a 各县、市、区 list, split only where 及/以及 follows a body's name. */
function splitAtJoin(name: string): string[] {
  const m = /^(.{2,}?)(?:以及|及)(.{3,})$/.exec(name);
  if (m && DEPT_END.test(m[1])) return [m[1], m[2]];
  // "经济投资局和航空口岸局": 和 joins two bodies when both sides are whole names ("住房和城乡建设局" is one).
  const h = /^(.{3,}?)和(.{3,})$/.exec(name);
  // ("各县(市、区)党委和人民政府", "高新区党工委和管委会": the second body is the same place's — one owner.)
  if (h && /^(人民政府|政府|管委会|管理委员会|党委|党工委)$/.test(h[2])) return [name];
  return h && DEPT_END.test(h[1]) && (DEPT_END.test(h[2]) || isBody(h[2])) ? [h[1], h[2]] : [name];
}

/** "州委编办及州直相关单位": two units joined by 及/以及/和, when the first reads as a body's name. */
function splitJoined(name: string): string[] {
  // "县林业局等相关部门和各镇人民政府": the 等-list ends, another unit follows.
  const etc = /^(.{2,}?)等(?:省直|市直|县直|区直)?(?:相关|有关)?(?:部门|单位)(?:和|及|以及)(.{3,})$/.exec(name);
  if (etc) return [etc[1], ...splitJoined(etc[2])];
  const joined = splitAtJoin(name);
  return joined.length > 1 ? joined : splitRunTogether(name);
}

/** Where a body's name may end: its kind word. */
const BODY_END = new RegExp(`(${BODY_JU}|委|办|股|馆|站|所|队|中心|公司|院|社)$`);
/** Small bodies that have no sub-bodies named after them: what follows their name is another body. */
const LEAF_END = /(股|馆|站|所)$/;

/**
 * Two bodies run together by a page that lost the line between cells: "文化宣传股文化馆", "派出所工商质监所",
 * "县发改局县财政局". A name splits after a body's kind word when the rest is a body too and either the
 * first is a small body (股/馆/站/所) or both start with the same level (县…县…). "市公安局交警支队" stays one
 * name: a sub-body is named after its parent.
 */
function splitRunTogether(name: string): string[] {
  if (name.length < 6) return [name];
  for (let i = 3; i <= name.length - 3; i++) {
    const left = name.slice(0, i);
    const right = name.slice(i);
    if (!BODY_END.test(left) || !BODY_END.test(right) || /^(办公室|党组|机关|分局|支队|大队|中队)/.test(right)) continue;
    const sameLevel = /^[省市县区镇乡]/.test(left) && left[0] === right[0];
    if (LEAF_END.test(left) || sameLevel) return [left, ...splitRunTogether(right)];
  }
  return [name];
}

interface Clause {
  names: string[];
  role?: OwnerRole;
}

/**
 * A list joined by a connector inside one owner clause: "市公安局、市建委协同市交通运输局" — those who assist
 * (协同/配合/协助) take part and the body they assist has the clause's role; "市住建局会同市交通局" — the body
 * that convenes (会同) has it and those it convenes take part. Null when the clause has no such connector or
 * a side is not a list of bodies.
 */
function connectorClauses(text: string, role: OwnerRole | undefined): Clause[] | null {
  const m = /^(.{2,}?)(协同|配合|协助|会同)(.{2,})$/.exec(text.trim());
  if (!m) return null;
  const first = splitDepartments(m[1]);
  const second = splitDepartments(m[3]);
  if (!first.length || !second.length || ![...first, ...second].every(isBody)) return null;
  const main = role && role !== 'partner' ? (role === 'responsible' ? 'lead' : role) : role;
  return m[2] === '会同' ? [{ names: first, role: main }, { names: second, role: 'partner' }] : [{ names: first, role: 'partner' }, { names: second, role: main }];
}

/** Parses an owner expression body, e.g. "市质监局牵头,厦门检验检疫局、经发局参加". */
export function parseOwnerList(expr: string): Owners | null {
  const clauses: Clause[] = [];
  let deadlineText: string | null = null;
  let firstLeads = false;
  // What follows a full stop in a bracket is a note ("以下各项工作均需…落实,不再列出") — unless it hands
  // out a duty of its own: "(X、Y按职责分工负责。各市、县〔区〕政府属地负责,下同)".
  // "县发改局(首位单位为牵头单位,下同)、县财政局": a bracketed note of the rule marks the lead, and is no name.
  expr = expr.replace(/[(（]([^()（）]{4,30})[)）]/g, (all, note: string) => {
    if (!FIRST_IS_LEAD.test(note)) return all;
    firstLeads = true;
    return '';
  });
  const [first, ...more] = expr.split('。');
  const extra = more.map((m) => m.replace(/[,，]?\s*(下同|以下同)\s*$/, '').trim()).filter((m) => /^[^,，;；]{2,40}?(属地负责|负责|配合|参与)$/.test(m) && splitDepartments(m.replace(/(属地负责|负责|配合|参与)$/, '')).every(isBody));
  // "X和Y分别牵头、Z": a role word ends its clause even where a 、 follows it.
  const body = [first, ...extra].join(',').replace(/(分别牵头|牵头负责|牵头)、/g, '$1,');
  for (const raw of splitOutsideParens(body, /[,，;；]/)) {
    if (FIRST_IS_LEAD.test(raw)) {
      firstLeads = true;
      continue;
    }
    if (/^(下同|以下|不再列出)/.test(raw.trim())) continue;
    let text = raw.trim().replace(/^(此项工作|该项工作|本项工作|上述工作|以上工作)?由/, '').replace(/^(其中|并)/, '');
    if (!text) continue;
    if (DEADLINE_PHRASE.test(text)) {
      deadlineText ??= text;
      continue;
    }
    // "…配合,在9月底前完成供地工作": the owner expression has ended; what follows is the task.
    if (/^(在|于|并|要|确保|力争|全面|切实)/.test(text) || (/(完成|实现|建成|开展|推进)/.test(text) && !ROLE_SUFFIX.test(text))) {
      deadlineText ??= /(?:\d{4}\s*年)?\s*\d{1,2}\s*月(?:\d{1,2}\s*日)?(?:底|末|上旬|中旬|下旬)?\s*前|(?:\d{4}\s*年)?年底前/.exec(text)?.[0] ?? null;
      break;
    }
    // "县创建办、县爱委会牵头组织有关单位…验收": the owners end at their role word; the task follows.
    const midRole = !ROLE_SUFFIX.test(text) ? /^(.{2,80}?)(牵头负责|牵头|负责)(?=[\u4e00-\u9fff]{2,})/.exec(text) : null;
    const ended = !!midRole && splitDepartments(midRole[1]).every((n) => isBody(n));
    if (ended) text = midRole![1] + midRole![2];
    const m = ROLE_SUFFIX.exec(text);
    const role = m ? ROLE_OF(m[1]) : undefined;
    if (m) text = text.slice(0, m.index);
    // "★区发改委、统计局": the marked units lead (a table's way of writing 牵头), the others are responsible.
    if (LEAD_MARK.test(text)) {
      const items = splitOutsideParens(text, /[、]/);
      const marked = items.filter((p) => LEAD_MARK.test(p.trim().slice(0, 1)));
      const others = items.filter((p) => !LEAD_MARK.test(p.trim().slice(0, 1)));
      if (marked.length) {
        clauses.push({ names: splitDepartments(marked.join('、')), role: 'lead' });
        if (others.length) clauses.push({ names: splitDepartments(others.join('、')), role: role && role !== 'lead' ? role : 'responsible' });
        continue;
      }
    }
    const joined = connectorClauses(text, role);
    if (joined) {
      clauses.push(...joined);
      if (ended) break;
      continue;
    }
    const names = splitDepartments(text);
    if (names.length === 0 && role) continue;
    // "…,相关部门配合,细化分工、落实责任,尽快完成…": a clause after the owners that names no body and has
    // no role word is the task going on.
    if (!role && clauses.length > 0 && !names.some((n) => isBody(n))) break;
    if (names.some((n) => n.length > MAX_NAME || /[。:：]/.test(n))) return null;
    clauses.push({ names, role });
    if (ended) break;
  }
  if (clauses.length === 0) return null;
  assignMissingRoles(clauses);
  const owners = collect(clauses, expr.trim());
  if (firstLeads && owners.lead.length === 0 && owners.units.length > 1) owners.lead = [owners.units[0]];
  return { ...owners, deadlineText };
}

/** A clause without a role word takes the role of the next clause that has one ("X、Y,Z负责"). */
function assignMissingRoles(clauses: Clause[]): void {
  let next: OwnerRole | undefined;
  for (let i = clauses.length - 1; i >= 0; i--) {
    if (clauses[i].role) next = clauses[i].role;
    else clauses[i].role = next;
  }
  // Units listed after the lead without a role word of their own are responsible, not leads too.
  let prev: OwnerRole = 'responsible';
  for (const c of clauses) {
    if (c.role) prev = c.role === 'lead' ? 'responsible' : c.role;
    else c.role = prev;
  }
}

function collect(clauses: Clause[], quote: string): Owners {
  const byRole = (r: OwnerRole) => unique(clauses.filter((c) => c.role === r).flatMap((c) => c.names));
  const leads = byRole('lead');
  const responsible = byRole('responsible');
  const units = unique(clauses.flatMap((c) => c.names));
  const partners = byRole('partner');
  // A plain list of responsible units — of one unit too — has no lead (牵头 is what marks one); set against
  // partners (配合单位) they are the leads.
  return {
    lead: leads.length ? leads : responsible.length > 0 && partners.length > 0 ? responsible : [],
    units,
    partners,
    quote,
  };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

const BRACKET = /[([〔【（]/;
const HAS_ROLE = /牵头|负责|参加|配合|协助|协办|参与|落实/;

/** The last bracketed owner expression in a task text: "…(市质监局牵头,…参加)。" */
export function findParentheticalOwners(text: string): Owners | null {
  return annotations(text).at(-1)?.owners ?? null;
}

/** Every bracketed owner annotation of a text, in order, with where it ends. */
function annotations(text: string): Array<{ end: number; owners: Owners }> {
  if (!BRACKET.test(text)) return [];
  const out: Array<{ end: number; owners: Owners }> = [];
  for (const g of bracketGroups(text)) {
    const owners = annotationOwners(g, text);
    if (owners) out.push({ end: g.start + g.whole.length, owners });
  }
  return out;
}

/**
 * The owners a bracket group states: role words inside ("X牵头,Y参与"), or — closing a sentence — a bare
 * list of bodies ("…的重要内容(县食安办)。"), which are responsible. A second name right after a body
 * ("区民政局(区委社会工委)") is a note, not an annotation.
 */
function annotationOwners(g: { start: number; whole: string; inner: string; raw: string }, text: string): Owners | null {
  const at = g.start;
  if (g.inner.length < 2 || g.inner.length > 300 || LABEL_AT.test(g.raw)) return null;
  // ("牵头单位(无牵头单位的,责任单位即为牵头单位,下同)": a bracket that defines a word is a note, no owners.)
  if (/即为|是指|指的是/.test(g.inner)) return null;
  if (!HAS_ROLE.test(g.inner)) {
    // (A page that lost the full stop after it: "…保障。(市食安委各成员单位)扎实开展…" — it follows one.)
    const closes = /^\s*([。;；]|$)/.test(text.slice(at + g.whole.length)) || /[。;；]\s*$/.test(text.slice(0, at));
    const names = splitDepartments(g.inner);
    // ("市知识产权、工商、版权、公安局,市法院、检察院": stems before a body share its ending, as written.)
    const stemmed = g.inner.split(/[,，;；]/).every((run) => {
      const items = run.split('、').map((x) => x.trim());
      return items.length > 0 && DEPT_END.test(items.at(-1)!) && items.every((x) => /^[\u4e00-\u9fff]{2,12}$/.test(x));
    });
    // ("…省地方标准100项。(标准化处)": an office's own divisions — 处, 科, 股 — own its items too.)
    const bare = names.length > 0 && (stemmed || names.every((n) => (DEPT_END.test(n) || DIVISION.test(n)) && n.length <= MAX_NAME)) && !/以下简称|简称/.test(g.inner);
    if (!closes || !bare || DEPT_END.test(text.slice(Math.max(0, at - 3), at))) return null;
    return { ...collect([{ names, role: 'responsible' }], g.whole), deadlineText: null };
  }
  const owners = parseOwnerList(g.inner);
  return owners && owners.units.length > 0 ? { ...owners, quote: g.whole } : null;
}

/** Top-level bracket groups of a text, nested brackets kept inside ("(…各市〔州〕…负责)"). */
function bracketGroups(text: string): Array<{ start: number; whole: string; inner: string; raw: string }> {
  const out: Array<{ start: number; whole: string; inner: string; raw: string }> = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (OPEN.includes(ch)) {
      if (depth === 0) start = i;
      depth++;
    } else if (CLOSE.includes(ch) && depth > 0) {
      depth--;
      if (depth === 0) out.push({ start, whole: text.slice(start, i + 1), inner: text.slice(start + 1, i), raw: text.slice(start + 1, i) });
    }
  }
  // A bracket the text ends inside (a page cut off mid-annotation) still holds its owners — but not the
  // name the cut went through ("牵头单位:市发").
  if (depth > 0 && start >= 0) {
    const inner = text.slice(start + 1).replace(/[、,，:：]?[\u4e00-\u9fff]{1,6}$/, (tail) => (DEPT_END.test(tail) ? tail : ''));
    out.push({ start, whole: text.slice(start), inner, raw: text.slice(start + 1) });
  }
  return out;
}

/**
 * An item holding several tasks, each closed by its own owner annotation ("A…。(X牵头,Y参与) B…。(Z负责)"):
 * one segment per annotation, or null when the item has fewer than two.
 */
export function ownerSegments(text: string): Array<{ text: string; owners: Owners }> | null {
  const delegated = delegatedSegments(text);
  if (delegated) return delegated;
  const found = annotations(text);
  if (found.length < 2) return null;
  let prev = 0;
  return found.map((f) => {
    const segment = { text: text.slice(prev, f.end).trim(), owners: f.owners };
    prev = f.end;
    return segment;
  });
}

/** "由X牵头,Y配合,在9月底前完成A;由Z牵头,…完成B。": one task per clause that hands out its own lead. */
function delegatedSegments(text: string): Array<{ text: string; owners: Owners }> | null {
  if ((text.match(/由[^。;；]{2,60}?牵头/g)?.length ?? 0) < 2) return null;
  const out: Array<{ text: string; owners: Owners }> = [];
  for (const clause of text.split(/(?<=[;；。])/)) {
    const owners = findDelegatedOwners(clause);
    if (owners) out.push({ text: clause.trim(), owners });
  }
  return out.length >= 2 ? out : null;
}

/** "此项工作由各级政府牵头负责,质监、发改…等部门配合。" / "由X牵头,Y参与" */
export function findDelegatedOwners(text: string): Owners | null {
  const re = /(?:此项工作|该项工作|本项工作|上述工作|以上工作)?由([^。;]{2,200}?(?:牵头|负责|承办|主办)[^。;]*)/g;
  let found: Owners | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // ("由乡三农服务中心承办,乡畜牧站、卫生院配合": 承办/主办 set against partners hand the work out too.)
    if (!/此项|该项|本项|上述|以上/.test(m[0]) && !/牵头/.test(m[1]) && !/(承办|主办)[,，][^。;]*(配合|参加|协助|参与)/.test(m[1])) continue;
    const owners = parseOwnerList(m[1]);
    if (owners && owners.units.length > 0) found = { ...owners, quote: m[0] };
  }
  return found;
}

const LEAD_LABEL = '(?:主要责任|牵头责任|牵头|主办|主责)(?:单位|部门)';
// ("部门分工:省发展改革委牵头,各地、各部门配合": a label for the division of work, its value with role words.)
const RESP_LABEL = '(?:(?:责任|负责|承办|落实|实施|组织)(?:单位|部门)|部门分工|责任分工|责任地区)';
const PART_LABEL = '(?:主要)?(?:配合|协办|协助|参与|参加|协同|协作)(?:责任)?(?:单位|部门)';
export const TIME_LABEL = '(?:完成时限|完成时间|时间节点|时限要求|时间要求|完成期限|时间安排|活动时间|实施时间|推进时间|治理时限|整改时限|办结时限|工作时限)';
/** Labels beside the owners whose values are no units: a leader's or contact's name, how far it got, who supplies the figures or checks the work. */
const OTHER_LABEL = '(?:(?:数据提供|数据来源|数据|统计|督办|督查|考核|监测)(?:单位|部门)|牵头领导|责任领导|分管领导|联系领导|包抓领导|项目责任人|具体责任人|责任人|联系人|实际完成情况|完成情况|进展情况|推进情况)';
const SKIPPED = new RegExp(`^${OTHER_LABEL}$`);
const OTHER_FIELD = new RegExp(`${OTHER_LABEL}\\s*[:：][^,，;；)）\\]】\n]*[,，;；]?`, 'g');
/** A text without its label fields that name no unit ("(牵头领导:谢瑞武,牵头单位:…)" → "(牵头单位:…)"). */
export const withoutOtherFields = (text: string) => text.replace(OTHER_FIELD, '');
/** A label: "牵头单位:" or "【牵头单位】" (a bracketed label needs no colon). */
const LABEL = new RegExp(
  `(?:[【\\[]\\s*(${LEAD_LABEL}|${RESP_LABEL}|${PART_LABEL}|${TIME_LABEL}|${OTHER_LABEL})\\s*[】\\]]\\s*[:：]?|(${LEAD_LABEL}|${RESP_LABEL}|${PART_LABEL}|${TIME_LABEL}|${OTHER_LABEL})\\s*(?:[:：]|为(?=[\\u4e00-\\u9fff])(?!牵头|主责|准)))`,
  'g',
);
const LABEL_AT = new RegExp(`(${LEAD_LABEL}|${RESP_LABEL}|${PART_LABEL}|${TIME_LABEL})\\s*(?:[:：]|为(?=[\\u4e00-\\u9fff])(?!牵头|主责|准))`);

/**
 * A text holding several labelled tasks, one after another ("A…,责任单位为区发改委;B…,责任单位为区经信局;"
 * or "A\n牵头单位:X\nB\n牵头单位:Y"): one segment per run of adjacent labels, or null for fewer than two.
 */
export function labelledSegments(text: string): Array<{ text: string; owners: Owners }> | null {
  const labels = [...text.matchAll(LABEL)];
  if (labels.length < 2) return null;
  // Runs of labels with nothing but their values and separators between them.
  const runs: Array<{ start: number; end: number }> = [];
  labels.forEach((m, i) => {
    const start = m.index;
    const end = start + m[0].length + valueUntil(text, start + m[0].length, labels[i + 1]?.index ?? text.length).length;
    const last = runs[runs.length - 1];
    if (last && !/[\u4e00-\u9fff\d]/.test(text.slice(last.end, start).replace(/[()（）【】\[\]]/g, ''))) last.end = end;
    else runs.push({ start, end });
  });
  if (runs.length < 2) return null;
  const out: Array<{ text: string; owners: Owners }> = [];
  let prev = 0;
  for (const r of runs) {
    const close = /^[)）】\]]*[。;；]?/.exec(text.slice(r.end))![0].length;
    const owners = findLabelledOwners(text.slice(r.start, r.end + close));
    const segment = text.slice(prev, r.end + close).trim();
    prev = r.end + close;
    if (owners && owners.units.length) out.push({ text: segment, owners });
  }
  return out.length >= 2 ? out : null;
}

/** `牵头单位:X` / `(牵头单位:X;配合单位:Y)` / `【牵头单位】X` / `完成时限:…` label expressions. */
export function findLabelledOwners(text: string): Owners | null {
  const labels = [...text.matchAll(LABEL)];
  if (labels.length === 0) return null;
  const clauses: Clause[] = [];
  const quotes: string[] = [];
  let deadlineText: string | null = null;
  let firstLeads = false;
  const afterSemicolon: Clause[] = [];
  labels.forEach((m, i) => {
    const label = m[1] ?? m[2];
    const start = m.index + m[0].length;
    let value = valueUntil(text, start, labels[i + 1]?.index ?? text.length);
    // A label in a bracket the page cut off ("(牵头单位:市发"): the last name is a fragment unless it reads as one.
    if (!labels[i + 1] && start + value.length >= text.trimEnd().length && count(text.slice(0, m.index), OPEN) > count(text.slice(0, m.index), CLOSE)) {
      value = value.replace(/(^|[、,，])([\u4e00-\u9fff]{1,6})$/, (all, sep, tail) => (DEPT_END.test(tail) ? all : ''));
    }
    if (SKIPPED.test(label)) return;
    quotes.push(`${m[0]}${value}`.trim());
    if (new RegExp(`^${TIME_LABEL}$`).test(label)) {
      // (The bracket the label stands in closes after its value: "完成时限:全年〕".)
      deadlineText ??= value.trim().replace(/[)\]〕】）]+$/, '').trim() || null;
      return;
    }
    const role: OwnerRole = new RegExp(`^${LEAD_LABEL}$`).test(label) ? 'lead' : new RegExp(`^${PART_LABEL}$`).test(label) ? 'partner' : 'responsible';
    // "责任单位:A、B;C、D": the units before the semicolon are responsible, those after it take part.
    const [head, ...afterSemi] = splitOutsideParens(value, /[;；]/);
    if (afterSemi.length && role === 'responsible') {
      const after = splitDepartments(afterSemi.join('、').replace(/[,，]/g, '、'));
      if (after.length) afterSemicolon.push({ names: after, role: 'partner' });
      value = head;
    }
    const parts = splitOutsideParens(value, /[,，]/).map((p) => p.trim());
    const kept: string[] = [];
    for (const p of parts) {
      if (DEADLINE_PHRASE.test(p)) deadlineText ??= p;
      else if (LIST_NOTE.test(p)) continue;
      // "…,排在首位的为牵头单位,下同": the plan's rule for the list, not a name.
      else if (FIRST_IS_LEAD.test(p)) {
        firstLeads = true;
        // ("市发改委、市财政局(第一责任单位为牵头单位,下同)": the names before the note stay.)
        // ("县发改局(首位单位为牵头单位,下同)、县财政局": the note may stand after the first name.)
        const before = p.replace(/[(（][^()（）]*[)）]/g, (note) => (FIRST_IS_LEAD.test(note) ? '' : note)).replace(/[(（][^()（）]*$/, '').trim();
        if (before && !FIRST_IS_LEAD.test(before)) kept.push(before);
      } else if (/^(下同|以下同)$/.test(p)) continue;
      else if (p) kept.push(p);
    }
    const joined = kept.join('、');
    // "责任单位:市环保局牵头,市发改委、市经信委配合": the value carries its own role words, which decide.
    const inner = INNER_ROLE.test(joined) ? parseOwnerList(kept.join(',')) : null;
    if (inner && inner.units.length) {
      const marked = new Set([...inner.lead, ...inner.partners]);
      const rest = inner.units.filter((u) => !marked.has(u));
      if (inner.lead.length && (inner.partners.length || rest.length)) clauses.push({ names: inner.lead, role: 'lead' });
      else if (inner.lead.length) rest.unshift(...inner.lead);
      if (rest.length) clauses.push({ names: rest, role });
      if (inner.partners.length) clauses.push({ names: inner.partners, role: 'partner' });
      return;
    }
    const tail = ROLE_TAIL.exec(joined);
    const names = splitDepartments(joined.replace(ROLE_TAIL, ''));
    if (names.length) clauses.push({ names, role: tail && /牵头/.test(tail[1]) ? 'lead' : role });
  });
  clauses.push(...afterSemicolon);
  if (clauses.length === 0 && !deadlineText) return null;
  if (clauses.length === 0) return { lead: [], units: [], partners: [], quote: quotes.join(';'), deadlineText };
  const owners = collect(clauses, quotes.join(';'));
  if (firstLeads && owners.lead.length === 0 && owners.units.length > 1) owners.lead = [owners.units[0]];
  return { ...owners, deadlineText };
}

/** Role words inside a label's value that split it into roles of its own. */
const INNER_ROLE = /[\u4e00-\u9fff](?:牵头|配合|参加|协助|协办|参与)(?:[,，、;；]|$)/;

/** A note on a list, not a unit: "…,不再列出", "下同". */
const LIST_NOTE = /^(下同|以下|不再列出|不再一一列出|不再重复)/;

const ROLE_TAIL = /(分别牵头|按职责分工负责|按职责负责|分工负责|负责落实|牵头负责|负责)$/;

/**
 * After a semicolon, the same value goes on when nothing but bodies follow up to the sentence's end:
 * "责任单位:市发展改革委、市商务局;市教育局、市科技局等,各县(市、区)" (the units that lead, then those
 * that take part) — not when another label or a sentence does.
 */
function bodiesFollow(rest: string): boolean {
  const clause = /^[^;；。\n]*/.exec(rest)![0].trim();
  if (!clause || LABEL_AT.test(clause)) return false;
  const names = splitOutsideParens(clause.replace(/(等相关部门|等有关部门|等相关单位|等有关单位|等部门|等单位|等)(?=[,，、]|$)/g, ''), /[、,，]/).map((p) => p.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => isBody(n) || /^各[\u4e00-\u9fff()（）、]{0,8}(县|市|区|镇|乡|街道|部门|单位|地|\)|）)$/.test(n) || /(高新区|经开区|开发区|新区|园区)$/.test(n));
}

/** A label's value: up to the next label, a sentence end, or the bracket that closes around it. */
/** The next space-delimited token is a body or a list of bodies ("市城管局、市财政局"). */
function bodiesAhead(rest: string): boolean {
  const tok = /^\s*(\S+)/.exec(rest)?.[1] ?? '';
  const parts = tok.replace(/[;；。)）]+$/, '').split(/[、,，]/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => isBody(p));
}

function valueUntil(text: string, start: number, limit: number): string {
  let depth = 0;
  let i = start;
  for (; i < limit; i++) {
    const ch = text[i];
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && /[;；]/.test(ch) && !bodiesFollow(text.slice(i + 1, limit))) break;
    else if (depth === 0 && /[。\n]/.test(ch)) break;
    // The next item of a list flattened onto one line ("… 2.落实…").
    else if (depth === 0 && /\s/.test(ch) && /^\s*\d{1,2}[.、](?=[\u4e00-\u9fff])/.test(text.slice(i, i + 6))) break;
    // Another label after a space ("市交通委 项目责任人:劳可军"), or run into the value ("9月活动地点:全市").
    else if (depth === 0 && /\s/.test(ch) && /^\s+[\u4e00-\u9fff]{2,8}[:：]/.test(text.slice(i, i + 12))) break;
    else if (depth === 0 && i > start && /^[\u4e00-\u9fff]{2,4}[:：]/.test(text.slice(i, i + 5))) break;
    // A list of bodies that a space ends, before words that are none ("…,各区政府 鄞州 海曙、江东 合计 …").
    // (A separator after the space continues the list, "市 住建局 、资源规划 局", and so does a name's last
    // character spaced off: "龙山 管委 会".)
    else if (depth === 0 && /\s/.test(ch) && DEPT_END.test(text.slice(start, i).trim()) && !/^\s*[、,，]|^\s+[\u4e00-\u9fff](?:$|[\s、,，;；])/.test(text.slice(i)) && !bodiesAhead(text.slice(i))) break;
  }
  return text.slice(start, i).replace(/[\s;；]+$/, '');
}

/**
 * A plan's own rule for lists without a 牵头 mark: "(列第一位的为牵头单位)", "首位单位为牵头单位,下同".
 */
export const FIRST_IS_LEAD = /(首位|列第一位|排在第一位|排名第一位?|第一个|列首位|排序第一|(?<![\u4e00-\u9fff])第一位?)(的|者)?(责任)?(单位|部门)?(为|是)(工作)?(牵头|主责)/;

/**
 * A sentence that is nothing but an owner statement: "省质监局、工业和信息化厅、科技厅负责落实。" — every
 * name a body, ending with a role word.
 */
export function findSentenceOwners(text: string): Owners | null {
  let found: Owners | null = null;
  for (const raw of text.split(/[。;；\n]/)) {
    const sentence = raw.trim();
    if (sentence.length < 4 || sentence.length > 200 || !ROLE_SUFFIX.test(sentence)) continue;
    const owners = parseOwnerList(sentence);
    if (owners && owners.units.length && owners.units.every((u) => DEPT_END.test(u) || /(部门|单位|街道|乡镇|企业)$/.test(u))) {
      found = { ...owners, quote: sentence };
    }
  }
  return found;
}

/**
 * "市公安局、市建委协同市交通运输局负责…": those who assist (协同/配合/协助) take part, the body they assist
 * leads; "市发改委会同市财政局负责…": the body that convenes (会同) leads, those it convenes take part.
 */
export function findAssistOwners(text: string): Owners | null {
  // "市卫健委牵头,会同市教体局起草了…": the body that leads convenes the others.
  const led = ledWith(text);
  if (led) {
    const lead = splitDepartments(led[1]);
    const partners = splitDepartments(led[2]);
    if (lead.length && partners.length && [...lead, ...partners].every(isBody)) return { lead, units: [...lead, ...partners], partners, quote: led[0], deadlineText: null };
  }
  const m = assistAt(text.trim());
  if (!m) return null;
  const first = splitDepartments(m[1]);
  const second = splitDepartments(m[3]);
  if (!first.length || !second.length || ![...first, ...second].every(isBody)) return null;
  const [lead, partners] = m[2] === '会同' ? [first, second] : [second, first];
  return { lead, units: [...lead, ...partners], partners, quote: m[0], deadlineText: null };
}

/** How a body's name ends when it opens a sentence as its subject. */
const SUBJECT_BODY_END = '委员会|局|委|办|厅|部门|办公室|中心|政府|管委会|领导小组|督查室|各单位';

/** `(?:[\u4e00-\u9fff()（）]{2,24}?(?:委员会|局|…|各单位)[、和及]?){min,max}?`: bodies in a row (read by name-runs.ts). */
const bodies = (min: number, max: number): NameList => ({ char: isHanOrParen, least: 2, most: 24, ends: SUBJECT_BODY_END.split('|'), sep: '、和及', min, max, lazy: true });
const [LEADS, CONVENED, ASSISTING, ASSISTED] = [bodies(1, 4), bodies(1, 6), bodies(1, 8), bodies(1, 4)];

/**
 * `(?:^|[,，。;；])\s*(BODIES{1,4})牵头[,，]?(?:会同|联合|协调)(BODIES{1,6})(?=[\u4e00-\u9fff])`: "市卫健委牵头,会同
 * 市教体局…" — the match and its two lists of bodies.
 */
function ledWith(text: string): [string, string, string] | null {
  if (!/牵头[,，]?(?:会同|联合|协调)/.test(text)) return null;
  const convened = (q: number): { word: number; end: number } | null => {
    if (!text.startsWith('牵头', q)) return null;
    for (const at of /[,，]/.test(text[q + 2] ?? '') ? [q + 3, q + 2] : [q + 2]) {
      if (!wordAt(text, at, ['会同', '联合', '协调'])) continue;
      const end = afterNames(text, at + 2, CONVENED, (e) => (isHan(text, e) ? e : null));
      if (end !== null) return { word: at + 2, end };
    }
    return null;
  };
  // (One memo for every start: where a run of names fails does not depend on where it began.)
  const memo = newMemo<{ q: number; word: number; end: number }>();
  for (let i = 0; i < text.length; i++) {
    for (const from of [...(i === 0 ? [0] : []), ...('，,。;；'.includes(text[i]) ? [i + 1] : [])]) {
      let at = from;
      while (at < text.length && /\s/.test(text[at])) at++;
      const m = afterNames(text, at, LEADS, (q) => {
        const c = convened(q);
        return c && { q, ...c };
      }, memo);
      if (m) return [text.slice(i, m.end), text.slice(at, m.q), text.slice(m.word, m.end)];
    }
  }
  return null;
}

/**
 * `^(BODIES{1,8})(协同|配合|协助|会同)(BODIES{1,4})(?:牵头)?负责`: "市公安局、市建委协同市交通运输局负责…" — the match,
 * the bodies before the word, the word, the bodies after it.
 */
function assistAt(text: string): [string, string, string, string] | null {
  return afterNames(text, 0, ASSISTING, (q) => {
    const word = wordAt(text, q, ['协同', '配合', '协助', '会同']);
    if (!word) return null;
    return afterNames(text, q + 2, ASSISTED, (e) => {
      const end = text.startsWith('牵头负责', e) ? e + 4 : text.startsWith('负责', e) ? e + 2 : null;
      return end === null ? null : [text.slice(0, end), text.slice(0, q), word, text.slice(q + 2, e)];
    });
  });
}

/** A name that is a body's (局, 委, 办公室, 街道 …), not a phrase. */
export const isBody = (n: string) => {
  // "区纪委(区监委)": a second nameplate after the name.
  const name = n.replace(/[(（][\u4e00-\u9fff]{1,12}[)）]$/, '');
  return n.length <= MAX_NAME && (DEPT_END.test(name) || /(部门|单位|街道|乡镇|企业|各乡镇|各镇|各街道|办公室|办事处|督查室|督办室|领导小组)$/.test(name));
};

/**
 * Owner clauses inside a sentence, without brackets or 由: "…早着手,县交通局负责,各乡镇配合,细化任务…" — a
 * clause of bodies ending in 负责/牵头, and the clauses of bodies that take part right after it.
 */
export function findClauseOwners(text: string): Owners | null {
  const clauses = text.split(/[,，;；。\n]/).map((c) => c.trim());
  for (let i = 0; i < clauses.length; i++) {
    const m = /^(.{2,80}?)(牵头负责|牵头|负责)$/.exec(clauses[i]);
    if (!m) continue;
    const joined = connectorClauses(m[1], 'lead');
    const leads = joined ? joined.flatMap((c) => c.names) : splitDepartments(m[1]);
    if (leads.length === 0 || !leads.every(isBody) || /^(各|全|有关|相关)/.test(leads[0])) continue;
    const found: Clause[] = joined ?? [{ names: leads, role: /牵头/.test(m[2]) || leads.length === 1 ? 'lead' : 'responsible' }];
    const quote = [clauses[i]];
    let deadlineText: string | null = null;
    for (let k = i + 1; k < clauses.length; k++) {
      // "…负责,长期坚持" / "…配合,2025年6月底前完成": the deadline closes the owner statement.
      if (DEADLINE_PHRASE.test(clauses[k])) {
        deadlineText = clauses[k];
        break;
      }
      const p = /^(.{2,160}?)(配合|参与|协助|协办|参加)$/.exec(clauses[k]);
      const names = p ? splitDepartments(p[1]) : [];
      if (!p || !names.every(isBody)) break;
      found.push({ names, role: 'partner' });
      quote.push(clauses[k]);
    }
    return { ...collect(found, quote.join(',')), deadlineText };
  }
  return null;
}

/**
 * The body a sentence makes its subject: "县政府政务督查室将对…开展专项督查", "…,市政府督考办要加大督查考核力度" —
 * one specific body (not 各单位/有关部门) before 将/要/负责; none when the text names several such subjects.
 */
export function findSubjectOwners(text: string): Owners | null {
  const subjects = new Map<string, string>();
  for (const m of text.matchAll(/(?:^|[。;；,，\n])\s*((?:(?!各|全|有关|相关|其他|其余)[\u4e00-\u9fff()]){2,24}?(?:督查室|督考办|督办室|办公室|领导小组|委员会|局|委|办|厅|中心|管委会|政府|部门))(?:将|要|负责|须|必须)(?=[\u4e00-\u9fff])/g)) {
    const name = cleanName(m[1]);
    if (!isBody(name) || /^(我|本|该|此|其|他|你)/.test(name)) continue;
    if (!subjects.has(name)) subjects.set(name, m[0].replace(/^[。;；,，\n\s]+/, ''));
  }
  if (subjects.size !== 1) return null;
  const [[name, quote]] = [...subjects];
  return { lead: [], units: [name], partners: [], quote, deadlineText: null };
}

/**
 * An item whose first sentences hand its work to the bodies that open one of them ("宣传发动阶段(1月8日-9日)。
 * 县创建办、爱卫办制定活动实施方案…"): those bodies, when no other owner expression is there.
 */
export function findOpeningSubject(text: string): Owners | null {
  for (const sentence of text.split(/(?<=[。;；])/).slice(0, 2)) {
    const subject = sentenceSubject(sentence);
    // (The subject is the sentence's own grammar: it stays in the task's text.)
    if (subject) return { ...subject, partners: [], quote: '', deadlineText: null };
  }
  return null;
}

/** The bodies a sentence opens with as its subject ("(一)卫生健康委负责…", "县创建办、爱卫办制定…"), or null. */
function sentenceSubject(sentence: string): { lead: string[]; units: string[] } | null {
  const m = subjectAt(sentence.trim().replace(/^[(（][一二三四五六七八九十]{1,3}[)）]/, ''));
  const names = m ? splitDepartments(m[1]) : [];
  if (!m || !names.length || !names.every(isBody) || GENERIC_BODY.test(names[0])) return null;
  return { lead: /牵头/.test(m[2]) ? names : [], units: names };
}

/**
 * A numbered item addressed to a class of bodies ("三、各项目承担单位请于11月15日前提交…", "(一)请各旗县质量
 * 技术监督工作主管部门要高度重视…"): they are the item's owners, as written. Only an item's first words:
 * such a subject mid-paragraph is exhortation, not an assignment.
 */
export function findAddressedOwners(text: string): Owners | null {
  // (Or a list that opens with such a class: "请各县(区)局、园区分局于11月17日前报送…".)
  const m = /^(?:请)?(?:作为[^,，。;；]{1,16}的)?(各[\u4e00-\u9fff()（）]{0,24}?(?:单位|部门|政府|管委会|乡镇|街道|县区|县\(市、区\)|县市区|协会|分局|科室|股室|所|站|局)(?:[、和及][\u4e00-\u9fff()（）]{2,16}?(?:单位|部门|政府|管委会|分局|局|委|办|中心|所|站))*)(?:要|请于|请|应当|应|须|必须|负责|务必|于|在|对|按照|将)(?=[\u4e00-\u9fff\d])/.exec(text.trim());
  if (!m) return null;
  // (和/及 joins two bodies only after a whole name: "各管理和指导单位" is one.)
  const names = splitDepartments(m[1].replace(/(?<=单位|部门|政府|管委会|局|委|办|中心|所|站|县市区|县区)[和及](?=[\u4e00-\u9fff]{2})/g, '、'));
  if (!names.length || !names.every((n) => isBody(n) || /^各/.test(n))) return null;
  return { lead: [], units: names, partners: [], quote: '', deadlineText: null };
}

/**
 * Lines that each open with who does them, one task a line: "区城管局负责,工商局、区商务局配合,取缔…" /
 * "2008年5月1日前" / "区商务局、区城管局负责督促业主…" — a page that pasted a table's cells as lines. A line
 * without owners (its deadline cell) belongs to the owner line above it.
 */
export function lineOwnerSegments(text: string): Array<{ text: string; owners: Owners }> | null {
  const out: Array<{ text: string; owners: Owners }> = [];
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    const clause = findClauseOwners(t);
    const opening = clause && t.startsWith(clause.quote) ? clause : null;
    const subject = opening ? null : sentenceSubject(t);
    const owners = opening ?? (subject ? { ...subject, partners: [], quote: '', deadlineText: null } : null);
    if (owners) out.push({ text: t, owners });
    else if (out.length) out[out.length - 1].text += `\n${t}`;
  }
  for (const seg of out) if (!seg.owners.quote) seg.owners.quote = seg.text;
  return out.length >= 2 && new Set(out.map((o) => o.owners.units.join('、'))).size >= 2 ? out : null;
}

/**
 * A paragraph that hands out duties sentence by sentence, each opening with its body: "区委办公室负责将…;
 * 区政府办公室负责对…;区统计局负责对…" or "质监部门要…。宣传部门负责…。商务部门牵头负责…" — one task per such
 * sentence (what precedes the first is the paragraph's lead-in), or null for fewer than two.
 */
export function subjectSegments(text: string): Array<{ text: string; owners: Owners }> | null {
  const out: Array<{ text: string; owners: Owners }> = [];
  // (An enumeration run into one sentence — ":(一)卫生健康委负责…,(二)教育局负责…" — is split at its markers.)
  for (const sentence of text.split(/(?<=[。;；])|\n|(?<=[:：,，])(?=[(（][一二三四五六七八九十]{1,3}[)）])/)) {
    const subject = sentenceSubject(sentence);
    if (subject) {
      out.push({ text: sentence.trim(), owners: { ...subject, partners: [], quote: '', deadlineText: null } });
    } else if (out.length && sentence.trim()) out[out.length - 1].text += sentence.trim();
  }
  // (The subject is the sentences' own grammar: the whole segment is the task and its quote.)
  for (const seg of out) seg.owners.quote = seg.text;
  // (One body named again and again hands out nothing: the item stays one task.)
  return new Set(out.map((o) => o.owners.units.join('、'))).size >= 2 ? out : null;
}

/** No one body in particular: 各部门, 有关单位, 本单位. */
const GENERIC_BODY = /^(各|全|有关|相关|其他|其余|我|本|该)/;

/**
 * A line that names its bodies and then their duty after a colon: "市卫生局:负责医院周边环境秩序…",
 * "(9)市旅游局:负责…", "市委宣传部、市文明办:把爱国卫生工作…". Not a label ("牵头单位:", "附件:").
 */
export function unitDuty(text: string): { units: string[]; duty: string } | null {
  const m = /^([^:：。;；,，\n]{2,40})[:：]\s*(\S[\s\S]*)$/.exec(text.trim());
  if (!m || LABEL_AT.test(`${m[1]}:`) || /^(附件|注|备注|联系人|电话|地址|邮箱|来源|主题|索引号|发文|抄送|主送)/.test(m[1])) return null;
  const units = splitDepartments(m[1]);
  if (units.length === 0 || !units.every(isBody) || GENERIC_BODY.test(units[0])) return null;
  return { units, duty: m[2].trim() };
}

/**
 * Bodies each named as a sentence of its own, their duty in the sentences after it: "各组成单位及其职责如下:
 * 县环保局。负责对全县…。县交通局、公路局。负责…巡查…。县农委。负责…" — one duty per body list, running to
 * the next such name. At least two, so that a lone short sentence that happens to be a name is no list.
 */
export function unitDutySegments(text: string): { units: string[]; duty: string }[] | null {
  const heads: { at: number; end: number; units: string[] }[] = [];
  const re = /(?<=^|[。:：;；\n])\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?([\u4e00-\u9fff()（）、]{2,40}?)[。.．]\s*(?=(?:主要|具体)?(?:负责|承担|牵头|组织|指导|配合))/g;
  for (const m of text.matchAll(re)) {
    const units = splitDepartments(m[1]);
    if (units.length === 0 || !units.every(isBody) || GENERIC_BODY.test(units[0])) continue;
    heads.push({ at: m.index!, end: m.index! + m[0].length, units });
  }
  if (heads.length < 2) return null;
  return heads.map((h, i) => ({ units: h.units, duty: text.slice(h.end, heads[i + 1]?.at ?? text.length).trim() })).filter((d) => d.duty.length > 0);
}

/** A sentence's subject bodies (each may have a second nameplate, "区纪委(区监委)") and the verb that hands them the duty. */
const SUBJECTS: NameList = { ...bodies(1, 6), plate: true };
const SUBJECT_VERBS = ['牵头负责', '牵头', '负责', '要', '将', '须', '应', '制定', '组织', '开展'];

/**
 * `^(BODIES{1,6})(?:根据各自职责|按照各自职责|按职责分工|按照职责分工|分别)?(牵头负责|牵头|负责|要|将|须|应|制定|组织|开展)(?=[\u4e00-\u9fff])`:
 * the match, the bodies, the verb.
 */
function subjectAt(text: string): [string, string, string] | null {
  return afterNames(text, 0, SUBJECTS, (q) => {
    const how = wordAt(text, q, ['根据各自职责', '按照各自职责', '按职责分工', '按照职责分工', '分别']);
    for (const at of how ? [q + how.length, q] : [q]) {
      const verb = SUBJECT_VERBS.find((v) => text.startsWith(v, at) && isHan(text, at + v.length));
      if (verb) return [text.slice(0, at + verb.length), text.slice(0, q), verb];
    }
    return null;
  });
}

/** Any owner expression in a task text, most specific first. */
/**
 * "〔市生态环境局、发展改革委等按职责分工负责。责任单位:各县(市、区)人民政府…〕": a bracket whose label
 * comes after a sentence naming the bodies that do it by role — both lists own the item, the role's first.
 */
function withBracketLead(text: string, labelled: Owners): Owners {
  const g = bracketGroups(text).find((x) => x.inner.includes(labelled.quote));
  if (!g) return labelled;
  const before = g.inner.slice(0, g.inner.indexOf(labelled.quote)).replace(/[。;；,，\s]+$/, '');
  if (!before || LABEL_AT.test(before) || !HAS_ROLE.test(before)) return labelled;
  const first = parseOwnerList(before.split(/[。;；]/).at(-1)!);
  if (!first || first.units.length === 0) return labelled;
  return { ...labelled, lead: unique([...first.lead, ...labelled.lead]), units: unique([...first.units, ...labelled.units]), partners: unique([...first.partners, ...labelled.partners]), quote: g.whole };
}

export function extractOwners(text: string): Owners | null {
  const labelled = findLabelledOwners(text);
  if (labelled && labelled.units.length) return withBracketLead(text, labelled);
  const other = findParentheticalOwners(text) ?? findDelegatedOwners(text) ?? findAssistOwners(text) ?? findSentenceOwners(text) ?? findClauseOwners(text) ?? findSubjectOwners(text);
  if (other && labelled?.deadlineText) return { ...other, deadlineText: other.deadlineText ?? labelled.deadlineText };
  return other ?? labelled;
}
