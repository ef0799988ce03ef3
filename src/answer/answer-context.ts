import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Duty, Passage, Plan, Source, Target, Task } from '../kb/records.ts';
import { buildSearchIndex, type DocKind, type Hit, type SearchIndex, type SentenceRef } from '../kb/search-index.ts';
import { tokens } from '../kb/text-tokens.ts';
import { cite, citation, planLabel, type Citation } from './format.ts';
import { buildLexicon, type Intent, type Lexicon, type Question } from './understand-question.ts';

/** What every question handler gets: the question, the knowledge base and its indexes, the clock. */

export interface Answer {
  answer: string;
  /** False when the plans do not support an answer (an honest refusal). */
  found: boolean;
  citations: Citation[];
  intent: Intent;
  /** A refusal that is certain (the place has no plan loaded): no other source may answer instead. */
  decided?: boolean;
  /** Which handler gave the answer (for evaluation and logs). */
  via?: string;
}

/** The prepared knowledge base: built once, shared by all questions. */
export interface Prepared {
  kb: KnowledgeBase;
  index: SearchIndex;
  sentences: SentenceRef[];
  lexicon: Lexicon;
  titles: TitleIndex;
  /** Each plan with its tasks, duties, passages and targets, so per-plan questions do not scan every record. */
  byFile: Map<string, PlanIndex>;
}

export interface PlanIndex {
  plan: Plan;
  tasks: Task[];
  duties: Duty[];
  targets: Target[];
  passages: Passage[];
  sentences: number[];
}

export function prepare(kb: KnowledgeBase): Prepared {
  const { index, sentences } = buildSearchIndex(kb);
  const byFile = new Map<string, PlanIndex>(kb.plans.map((plan) => [plan.file, { plan, tasks: [], duties: [], targets: [], passages: [], sentences: [] }]));
  for (const t of kb.tasks) byFile.get(t.file)?.tasks.push(t);
  for (const t of kb.targets) byFile.get(t.file)?.targets.push(t);
  for (const d of kb.duties) byFile.get(d.file)?.duties.push(d);
  for (const p of kb.passages) byFile.get(p.file)?.passages.push(p);
  sentences.forEach((s, i) => byFile.get(kb.passages[s.passage].file)?.sentences.push(i));
  return { kb, index, sentences, lexicon: buildLexicon(kb), titles: buildTitleIndex(kb), byFile };
}

/** Plan titles as token sets with title-level IDF, to find a plan that a question names by its title. */
export interface TitleIndex {
  plans: Array<{ file: string; tokens: Set<string>; weight: number }>;
  idf: Map<string, number>;
}

function buildTitleIndex(kb: KnowledgeBase): TitleIndex {
  const plans = kb.plans.map((p) => ({ file: p.file, tokens: new Set(p.title ? tokens(p.title).filter((t) => !t.startsWith('+') && !/^\d+$/.test(t)) : []), weight: 0 }));
  const df = new Map<string, number>();
  for (const p of plans) for (const t of p.tokens) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map([...df].map(([t, n]) => [t, Math.log(1 + plans.length / n)]));
  for (const p of plans) p.weight = [...p.tokens].reduce((s, t) => s + (idf.get(t) ?? 0), 0);
  return { plans, idf };
}

/**
 * The plan a question names by its title ("质量强县(区、镇)培育建设工作方案的文号"): most of the title's
 * distinctive words are in the question, and clearly more than of any other title.
 */
export function planByTitle(titles: TitleIndex, text: string): string | null {
  if (titles.plans.length < 2) return null;
  const q = new Set(tokens(text));
  const scored = titles.plans
    .map((p) => {
      const shared = [...p.tokens].filter((t) => q.has(t));
      const w = shared.reduce((s, t) => s + (titles.idf.get(t) ?? 0), 0);
      return { file: p.file, n: shared.length, cover: p.weight ? w / p.weight : 0, w };
    })
    .sort((a, b) => b.cover * b.w - a.cover * a.w);
  const [best, second] = scored;
  // Three shared words must be most of the title ("食品安全" alone names no plan).
  if (!best || best.n < 3 || best.cover < (best.n >= 4 ? 0.45 : 0.6)) return null;
  return !second || second.cover * second.w < best.cover * best.w * 0.6 ? best.file : null;
}

/** A reply that refuses stays chat-sized: the text it quotes fits in this many characters with its head. */
export const NEAR_REPLY = 520;

/** A record is good enough to answer from when it covers this share of the question's content. */
export const MATCH = 0.5;
/** Above this coverage a record need not contain the question's most specific word. */
const KEY_OVERRIDE = 0.7;

/** Staff shorthand → the plans' wording. */
/** Words staff use for what plans spell out: GDP, and the office shorthand of 政府工作报告 targets. */
const SYNONYMS: Record<string, string> = {
  gdp: '生产总值',
  cpi: '居民消费价格',
  社零: '社会消费品零售总额',
  规上: '规模以上',
  固投: '固定资产投资',
  高企: '高新技术企业',
  技改: '技术改造',
  一般公共预算: '一般公共预算收入',
  涨: '增长',
  涨幅: '增长',
  增速: '增长',
  增幅: '增长',
  报备: '备案',
  国标: '国家标准',
  行标: '行业标准',
  地标: '地方标准',
  团标: '团体标准',
  ip: '知识产权',
  ddl: '截止',
  // The office shorthand of the campaigns' own names.
  食安: '食品安全',
  质安: '质量安全',
  知产: '知识产权',
  市监: '市场监管',
  特设: '特种设备',
  // What a document must state: "写清楚哪些东西" is what it must 明确.
  清楚: '明确',
  写明: '明确',
  // Air-quality shorthand; a plan may write either.
  pm10: '可吸入颗粒物',
  'pm2.5': '细颗粒物',
};

export class Ctx {
  readonly files: ReadonlySet<string> | null;
  /** Characters a refusal may fill with the nearest text it quotes (less for a part of a split question). */
  nearBudget = NEAR_REPLY;
  private readonly segmented = new Map<string, string[]>();

  constructor(
    readonly p: Prepared,
    readonly q: Question,
    readonly now: Date,
    /** The asker's department (chat binding or command argument), for 我们局. */
    readonly ownDepartment: string | null,
    defaultFiles: string[] = [],
  ) {
    // A question across plans is not narrowed to the plan whose title it happens to echo.
    const byTitle = q.files.length || defaultFiles.length || q.intent === 'cross_plan' ? null : planByTitle(p.titles, q.content);
    const named = q.files.length ? q.files : defaultFiles.length ? defaultFiles : byTitle ? [byTitle] : [];
    this.files = named.length ? new Set(named) : null;
  }

  get kb(): KnowledgeBase {
    return this.p.kb;
  }

  /**
   * Search the question's content (or `text`) over some kinds of records in the plans in scope. A hit
   * must contain the question's most specific known word unless it covers nearly all of it: "厦门森林
   * 覆盖率" must not be answered with another 覆盖率.
   */
  search(kinds: DocKind[], text = this.q.content, limit = 30): Hit[] {
    // Handlers ask the same search more than once (an owner and then a deadline handler, a refusal's near
    // text): it is run once per question (whose scope is fixed). (A copy: callers may sort what they get.)
    const memo = `${kinds.join(',')}|${limit}|${text}`;
    let hits = this.searched.get(memo);
    if (!hits) {
      hits = this.runSearch(kinds, text, limit);
      this.searched.set(memo, hits);
    }
    return [...hits];
  }

  private readonly searched = new Map<string, Hit[]>();

  private runSearch(kinds: DocKind[], text: string, limit: number): Hit[] {
    // Handlers search the same question text several times; it is segmented once.
    let toks = this.segmented.get(text);
    if (!toks) {
      toks = tokens(text);
      this.segmented.set(text, toks);
    }
    if (toks.length === 0) return [];
    toks = this.withoutTitleWords(this.withSynonyms(toks));
    // ("river chief plan 里 industrial water saving 工业节水": English words no plan writes, beside the
    // Chinese that says the same, weigh nothing.)
    if (toks.some((t) => /[\u4e00-\u9fff]/.test(t))) toks = toks.filter((t) => !/^[a-z]{3,}$/i.test(t) || this.p.index.knows(t));
    const hits = this.p.index.search(toks, { files: this.files, kinds: new Set(kinds), limit }).filter((h) => !isTitleLine(this, h));
    const key = this.p.index.mostSpecific(toks);
    if (!key) return hits;
    // (The key word written in the record counts even when the record was segmented otherwise:
    // "2024年老旧小区" may be cut 年老|旧…, and has no 老旧 token.)
    // ("征集政府质量奖评审专家…推荐表…由谁汇总": a key word the named plan's title or opening states is what
    // the whole notice is about — its later sentences need not repeat it.)
    const subject = this.files && this.files.size === 1 ? this.planContext() : null;
    const about = subject?.has(key) ?? false;
    return hits.filter((h) => h.coverage >= KEY_OVERRIDE || this.p.index.contains(h.doc, key) || h.doc.text.includes(key) || (about && h.coverage >= MATCH - 0.1));
  }

  /**
   * A word staff use that plans spell out (GDP → 地区生产总值), when the plans do not use the word itself —
   * or, for the Latin names of headline figures, when they spell the figure out too ("地区生产总值增长6%左右"
   * beside "单位GDP能耗下降": the figure asked for is the one spelled out).
   */
  private withSynonyms(toks: string[]): string[] {
    return toks.flatMap((t) => (SYNONYMS[t] && (!this.scopeUses(t) || (/^[a-z]+$/.test(t) && this.scopeUses(SYNONYMS[t]))) ? tokens(SYNONYMS[t]) : [t]));
  }

  /** Whether the plans in scope write a word anywhere (passages, tasks, targets). */
  scopeWrites(word: string): boolean {
    return this.scopeHolds(word, (x) => x.includes(word), true);
  }

  /** Whether the plans in scope use a (Latin) word themselves. */
  private scopeUses(word: string): boolean {
    const re = new RegExp(word, 'i');
    return this.scopeHolds(word, (x) => re.test(x), false);
  }

  /** Whether a text of the plans in scope holds `word` (by `has`); with no scope, whether any record does. */
  private scopeHolds(word: string, has: (text: string) => boolean, withTargets: boolean): boolean {
    if (!this.files) return this.p.index.knows(word);
    // (A table's rows are tasks, not passages: "规上" may be written in the 分解表 only.)
    return [...this.files].some((f) => {
      const mine = this.p.byFile.get(f);
      return !!mine && (mine.passages.some((p) => has(p.text)) || mine.tasks.some((t) => has(t.text)) || (withTargets && mine.targets.some((t) => has(t.metric) || has(t.source.quote))));
    });
  }

  /**
   * Words a question uses to name its plan ("广东支持民间投资方案里…") are not what it asks about: when
   * the plans in scope are few, their titles' words are left out of the search (unless nothing is left).
   */
  private withoutTitleWords(toks: string[]): string[] {
    if (!this.files || this.files.size > 3) return toks;
    const q = new Set(toks);
    const title = new Set<string>();
    const shared: string[] = [];
    for (const f of this.files) {
      const tt = this.p.titles.plans.find((p) => p.file === f)?.tokens ?? new Set<string>();
      // Only when the question names the plan by its title: most of the title's words are in it.
      const mine = [...tt].filter((t) => q.has(t));
      if (mine.length >= 3 && mine.length >= tt.size * 0.25) mine.forEach((t) => (title.add(t), shared.push(t)));
    }
    // "国家知识产权…推进计划" names a national plan by its level, as "厦门…方案" names a city's.
    if (shared.length && [...this.files].some((f) => this.kb.plans.find((p) => p.file === f)?.city === '全国')) ['国家', '全国'].forEach((t) => title.add(t));
    const kept = toks.filter((t) => !title.has(t));
    return kept.length >= 2 ? kept : toks;
  }

  label(file: string): string {
    return planLabel(this.kb, file);
  }

  cite(source: Source, origin?: Task['origin']): string {
    return cite(this.kb, source, origin);
  }

  answer(text: string, sources: Source[], found = true): Answer {
    return { answer: text, found, citations: sources.map(citation), intent: this.q.intent };
  }

  /** Of the sentences `ids`, the one that shares most tokens with `toks` (the first on a tie). */
  mostShared(ids: number[], toks: ReadonlySet<string>): number {
    const score = (i: number) => tokens(this.p.sentences[i].text).filter((t) => toks.has(t)).length;
    return ids.reduce((a, b) => (score(b) > score(a) ? b : a));
  }

  /** Indexes of the sentences in scope (all of them when no plan is named). */
  sentenceIds(): number[] {
    if (!this.files) return this.p.sentences.map((_, i) => i);
    return [...this.files].flatMap((f) => this.p.byFile.get(f)?.sentences ?? []);
  }

  /** The titles of the few plans a question names (none when it names none or many). */
  scopeTitles(): Array<string | null> {
    if (!this.files || this.files.size > 6) return [];
    return [...this.files].map((f) => this.kb.plans.find((p) => p.file === f)?.title ?? null);
  }

  /**
   * A search that, when nothing matches the whole question, tries again without the words that name the
   * plan itself ("第八届市长质量奖", "迎接省…考核"): they are said once in its title or opening, not in each item.
   */
  searchBeyondContext(kinds: DocKind[]): Hit[] {
    const hits = this.search(kinds);
    if (hits.some((h) => h.coverage >= MATCH)) return hits;
    const own = this.withoutPlanWords(this.q.content);
    return own ? this.search(kinds, own) : hits;
  }

  /** A text's words without those of the plan's own name and opening, or null when none or all are. */
  withoutPlanWords(text: string): string | null {
    const context = this.planContext();
    const all = tokens(text);
    const own = all.filter((t) => !context.has(t));
    return own.length && own.length < all.length ? own.join(' ') : null;
  }

  /**
   * Words that name the plan rather than a task in it ("迎接省城市精细化管理考核" of a notice whose opening
   * says so): the title's and the opening paragraph's words, for the one to three plans in scope.
   */
  planContext(): Set<string> {
    if (this.contextMemo) return this.contextMemo;
    const out = new Set<string>();
    if (this.files && this.files.size <= 3) {
      for (const f of this.files) {
        const plan = this.p.byFile.get(f)?.plan;
        for (const t of tokens(plan?.title ?? '')) out.add(t);
        const opening = (this.p.byFile.get(f)?.passages ?? []).slice(0, 3);
        for (const p of opening) for (const t of tokens(p.text)) out.add(t);
      }
    }
    this.contextMemo = out;
    return out;
  }

  private contextMemo: Set<string> | undefined;

  /** Plans in scope, in knowledge-base order. */
  planFiles(): string[] {
    return this.kb.plans.map((p) => p.file).filter((f) => !this.files || this.files.has(f));
  }

  /** "宜兴方案" / "已收录的方案" for refusals. */
  scopeLabel(): string {
    if (!this.files) return '已收录的方案';
    return `${[...this.files].map((f) => this.label(f)).join('、')}方案`;
  }
}

/**
 * The best hit per plan, for questions that name no plan: every plan whose best record is close to the
 * overall best is answered (per city), never one picked silently.
 */
export function bestPerPlan(hits: Hit[], min = MATCH, margin = 0.12): Hit[] {
  const best = new Map<string, Hit>();
  for (const h of hits) if (!best.has(h.doc.file)) best.set(h.doc.file, h);
  const top = hits[0]?.coverage ?? 0;
  return [...best.values()].filter((h) => h.coverage >= min && h.coverage >= top - margin);
}

/** Marks a refusal as certain: the handler checked the item, year, unit or period asked for. */
export function decided(a: Answer): Answer {
  return { ...a, decided: true };
}

/** "第五条 各镇人民政府应当履行下列消": a page cut off inside its last, short sentence — which states nothing. */
export function isCutTail(c: Ctx, sentence: number): boolean {
  const ref = c.p.sentences[sentence];
  const file = c.kb.passages[ref.passage].file;
  const text = ref.text.replace(/\s+/g, '');
  if (c.p.byFile.get(file)?.sentences.at(-1) !== sentence || text.length > 40 || /[。;；!！?？)）」”]$/.test(text)) return false;
  // (Cut, not merely unpunctuated: a bracket left open, a list announced, or a word that must go on.)
  return (text.match(/[(（]/g)?.length ?? 0) > (text.match(/[)）]/g)?.length ?? 0) || /下列[\u4e00-\u9fff]{0,4}$|[的和与及或在对将把为、,，:：]$/.test(text);
}

/** A plan's own title line (or another sentence that states nothing): it shares a question's words and answers nothing. */
export function isTitleLine(c: Ctx, h: Hit): boolean {
  return h.doc.kind === 'sentence' && statesNothing(c, h.doc.index);
}

const ASKS_DUTY = /职责|职能|任务|负责|承担/;

/** A sentence that names a document, its addressees or its formulas, or a cut-off tail: it states nothing asked. */
export function statesNothing(c: Ctx, sentence: number, titleToo = true): boolean {
  const file = c.kb.passages[c.p.sentences[sentence].passage].file;
  const title = c.p.byFile.get(file)?.plan.title;
  const text = c.p.sentences[sentence].text.replace(/\s+/g, '');
  if (isCutTail(c, sentence)) return true;
  // ("…:《X办法》已经市政府常务会议审议通过,现印发给你们,请认真贯彻": the covering notice's formula states
  // nothing of the plan — its facts are read as document facts.)
  // ("各镇人民政府(街道办事处)、市府直属有关单位:": whom a notice is sent to states no duty either — though
  // it may say what they are to do with the notice, "请认真贯彻执行".)
  if (ASKS_DUTY.test(c.q.text)) {
    if (/(现将|现把)?《[^》]{4,80}》[^。]{0,40}?(印发|转发|下发)给你们|现(予)?(印发|转发)给你们|现予印发/.test(text) && text.length <= 260) return true;
    if (/^各[^。:：]{2,160}[:：]$/.test(text) && /(单位|部门|政府|办事处|委员会|机关)[)）]?[:：]$/.test(text)) return true;
  }
  // ("附件:2019年地方知识产权战略实施工作要点表": an attachment's name states nothing.)
  if (/^附件\s*\d*\s*[:：][^。;；,，]{2,60}$/.test(text)) return true;
  return titleToo && !!title && text.length <= title.length + 4 && text.includes(title.replace(/\s+/g, ''));
}
