import { departmentMentions } from './department-mentions.ts';
import { checkGrounded, normalizeForGrounding } from './grounding.ts';
import type { GroundingRecord } from './types.ts';

/**
 * "The LLM proposes, the records decide." The strict check on any text a model wrote before a user
 * sees it: every claim in it must be carried by the evidence (the records it was given and the
 * deterministic answer), or the text is refused and the deterministic answer goes out instead.
 *
 * Checked, on both sides normalised (grounding.ts):
 * - numbers, dates, departments, citation markers (checkGrounded);
 * - roles: every "X牵头 / 由X负责 / 牵头单位: X / Y、Z配合 / 配合单位: Y" — per sentence, the set of
 *   units the text gives the lead role and the set it gives the partner role must each EQUAL the
 *   set of one source (a task record, a sentence of the draft or of a record); a person or title given
 *   a role must be given it by the evidence;
 * - statuses and negations (取消, 已完成, 暂停, 无需, 不再, 顺利, 逾期 …): the word must be in the evidence;
 *   a negation (不, 未, 无, 没有, 并非 …) must be in the evidence with the two characters after it;
 * - people and titles (市长, 书记, 主任, 亲自, 批示 …): must be in the evidence;
 * - relative dates (明天, 下周, 本月底, 3天后 …): must be in the evidence;
 * - everything else: each Chinese character must sit in a two-character window found in the evidence,
 *   or in a short list of neutral phrasing words (根据, 方案, 这项, 由 …). Invented names, injected
 *   sentences and new content have no such windows.
 * With `complete`, the text must also keep every department, date and percentage of the draft.
 * The question is never evidence: quoted spans of the draft that only echo it ("没有找到“…”") are masked.
 */

export interface Evidence {
  records: GroundingRecord[];
  /** The deterministic answer (what is sent when the model's text is refused). */
  draft?: string;
  /** The user's text: data, never evidence. */
  question?: string;
  /** Further trusted text derived from the records by code (e.g. "逾期3项" for a digest's "逾期3"). */
  extra?: string[];
}

const SEP = '|';
const HAN = /[\u4e00-\u9fff]/;
const HAN_ONLY = /^[\u4e00-\u9fff]+$/;

/** Neutral words a rewording may add (joined by SEP, so only their own windows count). */
export const PHRASING_WORDS = [
  '根据', '按照', '依据', '方案', '规定', '明确', '要求', '提出', '写明', '这项', '该项', '此项', '这条', '该条', '工作', '任务',
  '事项', '内容', '目标', '指标', '单位', '部门', '牵头', '负责', '配合', '参加', '参与', '共同', '以及', '其中', '包括', '分别',
  '主要', '具体', '如下', '完成', '时限', '期限', '截止', '时间', '日期', '之前', '以前', '达到', '以上', '以下', '相关', '有关',
  '责任', '另外', '此外', '需要', '需在', '应在', '应当', '必须', '简报', '汇总', '截至', '目前', '当前', '情况', '总体', '合计',
  '共计', '其余', '完成率', '占比', '关注', '重点', '督促', '共有', '一共', '数量', '答复', '回复',
].join(SEP);
/** One-character words a rewording may add freely. */
const FUNCTION_CHARS = new Set('的和与及或在是为对等将把从向于以其之这该此各并且也要应须需由给到按共有个项家条名前请'.split(''));

/** Status and change-of-state words: never added to what the evidence says. */
const STATUS_WORDS = [
  '取消', '撤销', '撤回', '作废', '废止', '暂停', '暂缓', '中止', '终止', '停止', '叫停', '搁置', '延期', '推迟', '延后', '顺延',
  '提前', '已完成', '完成了', '全部完成', '均已', '都已', '已经', '办结', '完工', '竣工', '已结束', '结束了', '已验收', '通过验收',
  '已达标', '达标了', '超额', '顺利', '圆满', '良好', '正常', '如期', '按期', '按时', '逾期', '超期', '滞后', '落后', '延误',
  '拖延', '推进中', '正在', '已启动', '启动了', '未启动', '未开始', '不再', '无需', '无须', '不需要', '不用', '不必', '免于', '豁免',
  '合并', '撤并', '调整', '变更', '改由', '转由', '移交', '划归', '交由', '另行', '待定', '批准', '已通过', '已拨付', '没问题',
  '一切', '全部', '所有',
];
/** Negations: with the two characters after them, they must be in the evidence. */
const NEGATION = /并非|并不|没有|没|不|未|无|非(?!常)|勿|毋/g;
/** People and their titles, and what only people do. */
const TITLES = /副?(?:市长|书记|局长|主任|处长|科长|部长|厅长|县长|区长|镇长|乡长|省长|主席|秘书长|组长|总经理|董事长|经理|总理|常委|专员|巡视员|调研员)|负责人|领导|同志|干部|亲自|批示|指示|签批|过问|表扬|批评|问责|约谈|追责|处分/g;
/** Dates relative to today: never added. */
const RELATIVE_DATE =
  /今天|今日|明天|明日|后天|昨天|前天|本周|这周|下周|上周|周末|本月|这个月|下个?月|上个?月|月底|月初|月末|月中|本年|今年|明年|去年|前年|后年|年底|年初|年末|年内|本季度?|下季度?|上季度?|季末|季度末|近期|近日|日内|马上|即将|立即|立刻|尽快|很快|稍后|随后|届时|不久|周[一二三四五六日天]|星期[一二三四五六日天]?|礼拜|\d+(?:天|日|周|个?月|年)(?:后|内|以内|之内|之后|以后)/g;
/** Absolute dates (with qualifiers), taken out before relative ones are looked for. */
const ABSOLUTE_DATE = /(?:(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?)?|(?<!\d)\d{1,2}月(?:\d{1,2}日)?|(?<!\d)\d{1,2}日)(?:底|初|末|中旬|上旬|下旬|上半年|下半年)?/g;
const PERCENT = /(?<![\d.])\d+(?:\.\d+)?[%‰]/g;
const QUANTITY =
  /\d+(?:[.:]\d+)*(?:个百分点|百分点|个季度|个月|万亿元|亿元|万元|元|万吨|吨|平方米|平方公里|公里|万人|万户|万家|万个|万|亿|季度|小时|个|项|家|户|人次|人|名|次|条|批次|批|类|种|所|座|台|件|张|份|届|期|倍|岁|天|日|周|年|月|号|支|辆|处|套|部|级|星|分|位|成|轮|场)?/g;
const MARKER = /〔[^〔〕]{0,80}〕/g;

/** Problems found in `text` (empty: every claim is carried by the evidence). */
export function claimProblems(text: string, evidence: Evidence, opts: { complete?: boolean } = {}): string[] {
  const draft = evidence.draft === undefined ? undefined : withoutEcho(evidence.draft, evidence.question, evidence.records);
  const trusted = [...(draft === undefined ? [] : [draft]), ...(evidence.extra ?? [])];
  const hay = [...trusted, ...evidence.records.flatMap((r) => [r.label, r.text])].map(norm).join(SEP);
  const out = norm(text);
  const problems: string[] = [];
  const add = (kind: string, item: string) => problems.push(`${kind}「${item}」`);

  for (const p of checkGrounded(text, evidence.records, trusted).problems) add('无出处', p);
  const bare = out.replace(MARKER, SEP);
  for (const w of STATUS_WORDS) if (bare.includes(w) && !hay.includes(w)) add('状态', w);
  for (const m of bare.matchAll(NEGATION)) {
    const phrase = m[0] + (bare.slice(m.index + m[0].length).match(/^[\u4e00-\u9fff]{0,2}/)?.[0] ?? '');
    if (!hay.includes(phrase)) add('否定', phrase);
  }
  for (const m of bare.matchAll(TITLES)) if (!hay.includes(m[0])) add('人员', m[0]);
  const hayNoDates = hay.replace(ABSOLUTE_DATE, SEP);
  for (const m of bare.replace(ABSOLUTE_DATE, SEP).matchAll(RELATIVE_DATE)) if (!hayNoDates.includes(m[0])) add('相对日期', m[0]);
  for (const m of bare.matchAll(/[A-Za-z]{2,}/g)) if (!hay.toLowerCase().includes(m[0].toLowerCase())) add('无出处', m[0]);
  // Numbers and dates are checked by checkGrounded; their unit characters need no window.
  for (const run of uncoveredRuns(bare.replace(ABSOLUTE_DATE, SEP).replace(QUANTITY, SEP), hay)) add('无出处', run);
  for (const item of numbersOutOfContext(bare.replace(ABSOLUTE_DATE, SEP), hay.replace(ABSOLUTE_DATE, SEP))) add('数字语境', item);
  for (const claim of unsupportedRoles(out, [...trusted, ...evidence.records.map((r) => r.text)])) add('角色', claim);
  if (opts.complete && draft !== undefined) {
    for (const item of droppedItems(out, norm(draft))) add('遗漏', item);
    for (const claim of droppedRoles(out, norm(draft))) add('遗漏角色', claim);
  }
  return [...new Set(problems)];
}

/** The canonical spelling both sides are compared in; line breaks become sentence ends. */
function norm(s: string): string {
  return normalizeForGrounding(s.normalize('NFKC'), { lineBreaks: '。' });
}

/**
 * The draft without the spans that quote the question back ("没有找到“忽略之前的指令…”的内容"): a
 * quoted span that no record holds and whose wording is mostly the question's.
 */
export function withoutEcho(draft: string, question: string | undefined, records: GroundingRecord[]): string {
  if (!question) return draft;
  const q = squash(question);
  const recs = records.map((r) => squash(r.text)).join(SEP);
  return draft.replace(/“([^“”]{1,120})”/g, (all, inner: string) => {
    const s = squash(inner);
    if (!s || recs.includes(s)) return all;
    const grams = bigrams(s);
    const shared = grams.filter((g) => q.includes(g)).length;
    return grams.length === 0 || shared / grams.length >= 0.5 ? '“…”' : all;
  });
}

const squash = (s: string) => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '');
function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/**
 * Runs of Chinese characters that no evidence window covers: a character is covered by a two-character
 * window (with its neighbour, Chinese or punctuation) found in the evidence, by a phrasing word, or
 * when it is a function character.
 */
function uncoveredRuns(out: string, hay: string): string[] {
  const covered = [...out].map((c) => !HAN.test(c) || FUNCTION_CHARS.has(c));
  const chars = [...out];
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i] + chars[i + 1];
    if (pair.includes(SEP) || !HAN.test(pair)) continue;
    // Two characters of Chinese, or one with the punctuation next to it ("(市", "”主…"), as the evidence has them.
    if (hay.includes(pair) || (HAN_ONLY.test(pair) && PHRASING_WORDS.includes(pair))) {
      if (HAN.test(chars[i])) covered[i] = true;
      if (HAN.test(chars[i + 1])) covered[i + 1] = true;
    }
  }
  const runs: string[] = [];
  let run = '';
  chars.forEach((c, i) => {
    if (!covered[i]) run += c;
    else if (run) (runs.push(run), (run = ''));
  });
  if (run) runs.push(run);
  return runs;
}

/**
 * Quantities the evidence has, but said of something else: "另有3个责任单位" when the only "3个" is
 * "基地3个以上". A quantity's context is the Chinese around it (four characters each side); some
 * occurrence in the evidence must share a two-character window of it. Item numbers (1.4.3) are their
 * own context.
 */
function numbersOutOfContext(out: string, hay: string): string[] {
  const bad: string[] = [];
  for (const m of out.matchAll(QUANTITY)) {
    const item = m[0];
    if (/^\d+(?:\.\d+){2,}$/.test(item) || (m.index > 0 && /[\d.]/.test(out[m.index - 1]))) continue;
    const mine = contextGrams(out, m.index, m.index + item.length);
    if (mine.size === 0) continue;
    let shared = false;
    for (let at = hay.indexOf(item); at !== -1 && !shared; at = hay.indexOf(item, at + 1)) {
      const end = at + item.length;
      if (/\d/.test(hay[at - 1] ?? '') || /[\d]/.test(hay[end] ?? '') || (/\d$/.test(item) && /[.]\d/.test(hay.slice(end, end + 2)))) continue;
      for (const g of contextGrams(hay, at, end)) if (mine.has(g)) shared = true;
    }
    if (!shared) bad.push(item);
  }
  return [...new Set(bad)];
}

function contextGrams(text: string, start: number, end: number): Set<string> {
  const grams = new Set<string>();
  for (const side of [text.slice(Math.max(0, start - 4), start), text.slice(end, end + 4)]) {
    for (let i = 0; i + 1 < side.length; i++) if (HAN_ONLY.test(side.slice(i, i + 2))) grams.add(side.slice(i, i + 2));
  }
  return grams;
}

/** What the draft says that the text dropped: departments, dates, percentages (outside 「quotes」). */
function droppedItems(out: string, fullDraft: string): string[] {
  const dropped: string[] = [];
  // What the draft quotes of a task's wording (「…」) is context, not a claim the text must repeat.
  const draft = fullDraft.replace(/「[^「」]*」/g, SEP);
  for (const m of departmentMentions(draft)) {
    const name = m.head + m.suffix;
    if (!out.includes(name)) dropped.push(name);
  }
  for (const m of draft.matchAll(ABSOLUTE_DATE)) {
    const date = m[0];
    if (!out.includes(date) && !out.includes(date.replace(/(?<=月)(?:底|末)$/, ''))) dropped.push(date);
  }
  for (const m of draft.matchAll(PERCENT)) if (!out.includes(m[0])) dropped.push(m[0]);
  return [...new Set(dropped)];
}

// ---------------------------------------------------------------------------------------------------
// Roles

export type Role = 'lead' | 'partner';
export interface RoleSets {
  lead: Set<string>;
  partner: Set<string>;
}

const LEAD_WORDS = ['总负责', '牵头', '负责', '主责', '主办', '主抓', '主导', '责任'];
const PARTNER_WORDS = ['配合', '参加', '参与', '协助', '协办', '会同', '协同', '协作', '支持'];
const ROLE_WORD = new RegExp(`(${[...LEAD_WORDS, ...PARTNER_WORDS].join('|')})`);
/** "X会同Y…": 会同/协同 name the partner after them, never the unit before them. */
const AFTER_WORDS = [...LEAD_WORDS, ...PARTNER_WORDS].filter((w) => w !== '会同' && w !== '协同');
const ANY_ROLE = [...LEAD_WORDS, ...PARTNER_WORDS].join('|');
/** After a unit: "X牵头", "X等单位配合", "X牵头/负责" (alternatives joined by "/" or "、"). */
const ROLE_AFTER = new RegExp(`^(?:等(?:单位|部门)?|共同|一起|联合|具体|分别|主要|单独|独自|亲自|全面|统一|作为|来|的)*((?:${AFTER_WORDS.join('|')})(?:[/、](?:${ANY_ROLE}))*)(?!人)`);
/** Before a unit: "牵头: X", "牵头单位为X", "参加/配合: X". */
const ROLE_BEFORE = new RegExp(`((?:${ANY_ROLE})(?:[/、](?:${ANY_ROLE}))*)(?:单位|部门)?(?:由|为|是|:|有|包括|即|系)*$`);
const LIST_JOIN = /^(?:、|和|与|及|以及|跟|同|\/)$/;

const roleOf = (word: string): Role => (LEAD_WORDS.includes(word) ? 'lead' : 'partner');

interface Entity {
  start: number;
  end: number;
  name: string;
}

/** Departments and titled people in a clause, left to right, overlaps dropped. */
function entities(clause: string): Entity[] {
  const found: Entity[] = departmentMentions(clause).map((m) => ({ start: m.start, end: m.end, name: m.head + m.suffix }));
  for (const m of clause.matchAll(TITLES)) {
    if (found.some((e) => m.index < e.end && m.index + m[0].length > e.start)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, name: m[0] });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The role claims of one sentence (normalised text): who is given the lead, who the partner role. */
export function sentenceRoles(sentence: string): RoleSets {
  const sets: RoleSets = { lead: new Set(), partner: new Set() };
  for (const clause of sentence.split(/[,，]/)) {
    const list = entities(clause);
    for (let i = 0; i < list.length; ) {
      let j = i;
      while (j + 1 < list.length && LIST_JOIN.test(clause.slice(list[j].end, list[j + 1].start))) j++;
      const after = ROLE_AFTER.exec(clause.slice(list[j].end));
      const before = after ? null : ROLE_BEFORE.exec(clause.slice(0, list[i].start));
      const words = (after?.[1] ?? before?.[1])?.split(/[/、]/) ?? [];
      for (const word of words) for (const e of list.slice(i, j + 1)) sets[roleOf(word)].add(e.name);
      i = j + 1;
    }
  }
  return sets;
}

/** Sentences of normalised text: split at 。;!? and line ends (the record separator too). */
function sentences(text: string): string[] {
  return text.split(/[。;!?|\n]/).filter((s) => s.trim());
}

/**
 * What each evidence text (the draft, one record) states about roles: the lead sets and partner sets
 * of its sentences, and of the whole text. A claim may combine a lead set and a partner set of one
 * text (one task), never of two.
 */
interface RoleSource {
  leads: Set<string>[];
  partners: Set<string>[];
}

function roleSources(texts: string[]): RoleSource[] {
  const out: RoleSource[] = [];
  for (const t of texts) {
    const src: RoleSource = { leads: [], partners: [] };
    const whole: RoleSets = { lead: new Set(), partner: new Set() };
    for (const s of sentences(norm(t))) {
      const r = sentenceRoles(s);
      if (r.lead.size) src.leads.push(r.lead);
      if (r.partner.size) src.partners.push(r.partner);
      for (const x of r.lead) whole.lead.add(x);
      for (const x of r.partner) whole.partner.add(x);
    }
    if (whole.lead.size) src.leads.push(whole.lead);
    if (whole.partner.size) src.partners.push(whole.partner);
    if (src.leads.length || src.partners.length) out.push(src);
  }
  return out;
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/** The sentences of `out` whose role claims no single evidence text states exactly. */
function unsupportedRoles(out: string, sourceTexts: string[]): string[] {
  const sources = roleSources(sourceTexts);
  const bad: string[] = [];
  for (const s of sentences(out)) {
    const claim = sentenceRoles(s);
    if (!claim.lead.size && !claim.partner.size) continue;
    const ok = sources.some(
      (src) => (!claim.lead.size || src.leads.some((l) => sameSet(claim.lead, l))) && (!claim.partner.size || src.partners.some((p) => sameSet(claim.partner, p))),
    );
    if (!ok) bad.push(`${claim.lead.size ? `牵头/负责: ${[...claim.lead].join('、')}` : ''}${claim.lead.size && claim.partner.size ? '; ' : ''}${claim.partner.size ? `配合: ${[...claim.partner].join('、')}` : ''}`);
  }
  return bad;
}

/**
 * Role sets the draft states (per sentence) that the text cut down: some of their units are given a
 * role in the text, but no sentence of the text states the whole set ("负责单位: 市工信局" for the
 * draft's "负责单位: 市工信局、市市场监管局", matching another record's lead). A text that names the
 * units without any role word claims nothing about them.
 */
function droppedRoles(out: string, draft: string): string[] {
  const said = sentences(out).map(sentenceRoles);
  const withRole = new Set(said.flatMap((o) => [...o.lead, ...o.partner]));
  const dropped: string[] = [];
  for (const s of sentences(draft)) {
    const r = sentenceRoles(s);
    for (const [role, set] of [['牵头/负责', r.lead], ['配合', r.partner]] as const) {
      if (!set.size || ![...set].some((x) => withRole.has(x))) continue;
      const key = role === '配合' ? 'partner' : 'lead';
      if (!said.some((o) => sameSet(o[key], set))) dropped.push(`${role}: ${[...set].join('、')}`);
    }
  }
  return dropped;
}

/** Whether a role word occurs at all (for callers that want to know a text makes role claims). */
export function mentionsRoles(text: string): boolean {
  return ROLE_WORD.test(text);
}

// ---------------------------------------------------------------------------------------------------
// Summaries

const STATE = '任务|已完成|完成|推进中|进行中|逾期|未开始';
const COUNT_AFTER = new RegExp(`(${STATE})[^\\d|。;,、\\n]{0,4}?(\\d+)(?![\\d.%‰])`, 'g');
const COUNT_BEFORE = new RegExp(`(?<![\\d.])(\\d+)(?:项|个|件)?(?:任务)?(?:已经|已|均已|都已)?(${STATE})`, 'g');
const canonicalState = (s: string) => (s === '完成' ? '已完成' : s === '进行中' ? '推进中' : s);

/** "逾期3", "3项逾期", "已完成5": each state word with the count given for it. */
export function stateCounts(text: string): Set<string> {
  const n = norm(text);
  const pairs = new Set<string>();
  for (const m of n.matchAll(COUNT_AFTER)) pairs.add(`${canonicalState(m[1])}${m[2]}`);
  for (const m of n.matchAll(COUNT_BEFORE)) pairs.add(`${canonicalState(m[2])}${m[1]}`);
  return pairs;
}

/**
 * A leaders' summary against the computed digest: the claim checks above, every count given for a
 * state (任务, 已完成, 推进中, 逾期, 未开始) is one the digest gives for it, and the totals of the digest's
 * first line (tasks, done, overdue) are all stated.
 */
export function summaryProblems(text: string, digest: string): string[] {
  const given = stateCounts(digest);
  const extra = [...given].map((pair) => `${pair}项`);
  const problems = claimProblems(text, { records: [{ label: '汇总', text: digest }], extra });
  for (const pair of stateCounts(text)) if (!given.has(pair)) problems.push(`数字与汇总不符「${pair}」`);
  const stated = stateCounts(text);
  const totals = [...stateCounts(digest.split('\n')[0] ?? '')].filter((p) => /^(任务|已完成|逾期)/.test(p));
  for (const pair of totals) if (!stated.has(pair)) problems.push(`缺少「${pair}」`);
  return problems;
}
