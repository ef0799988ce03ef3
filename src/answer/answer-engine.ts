import type { DepartmentEntry } from '../kb/departments.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { Ctx, NEAR_REPLY, planByTitle, prepare, type Answer, type Prepared } from './answer-context.ts';
import { answerCrossPlan, plansOfKind } from './answer-cross-plan.ts';
import { answerDocFact, askedDocAttributes, withoutTitles } from './answer-doc-facts.ts';
import { answerFrame, answerFromEvidence, answerPersonAct, answerRespectively } from './answer-evidence.ts';
import { segment, tokens } from '../kb/text-tokens.ts';
import { docNoInitial, findPlaces, lookupPlaceLoosely, placeContains, shortPlaceName, type Place } from '../kb/place-names.ts';
import { parseChineseDate } from '../ingest/parse-dates.ts';
import { answerStates, askedAttribute, asksForPointInTime, ASKS_DAY, ATTRIBUTE_WORDS, STATES_DAY, statesAskedEvent, statesOwner } from './answerability.ts';
import { answerDuties, answerRoleDuty } from './answer-duties.ts';
import { answerHelp } from './answer-help.ts';
import { answerMembers } from './answer-members.ts';
import { answerFromPassages, withPassageSupplement } from './answer-passages.ts';
import { answerDepartmentFirst, answerDueList, answerPlanMeta, answerTargetList, answerUnknownPlace, notLoaded } from './answer-lists.ts';
import { answerDeadline, answerOwner } from './answer-owner.ts';
import { answerReportDue, answerReporting } from './answer-reporting.ts';
import { answerPhaseByName, answerSchedule } from './answer-schedule.ts';
import { answerSearch, NEAR_HEAD, refusal, withNearText } from './answer-search.ts';
import { answerAboutSubject, answerLocation, answerQuoted } from './answer-subject.ts';
import { answerTarget } from './answer-target.ts';
import { answerEnumeration, answerFamily, answerSteps, answerSectionList, answerShortSection } from './answer-sections.ts';
import { answerPlanProgress, ASKS_PROGRESS } from './answer-progress.ts';
import type { Citation } from './format.ts';
import { understandQuestion, type Intent, type Lexicon, type Question } from './understand-question.ts';

/**
 * Answers staff questions from the knowledge base: understand the question, try the handlers for its
 * kind in order, compose the reply from the records' fields — or refuse honestly. No LLM involved.
 */

export interface AskOptions {
  /** The clock: decides what is due or overdue. */
  now?: Date;
  /** The asker's department, for 我们局/本部门. */
  department?: string | null;
  /** Plans to use when the question names none (a group's bound city). */
  files?: string[];
  /** This part of a message asks only how far its task has got (the part before named the task). */
  progressOnly?: boolean;
  /** What the answer to the part before cited: the task a progress follow-up asks about. */
  previous?: Citation[];
  /** A part of a question already split per plan: not split again. */
  perPlanPart?: boolean;
  /** Characters a refusal may use for the nearest text it quotes (a part of a split question gets its share). */
  nearBudget?: number;
  /** Ask these plans only, whatever the question names (a place's placeless fragment, asked after its plans). */
  onlyFiles?: string[];
}

type Handler = (c: Ctx) => Answer | null;

/** Handlers per intent, most specific first; the first that finds an answer wins. */
const STRATEGIES: Record<Intent, Handler[]> = {
  help: [answerHelp],
  cross_plan: [answerCrossPlan],
  reporting: [answerReporting, answerOwner, answerSearch],
  schedule: [answerSchedule, answerSearch],
  // ("交年度工作总结截止到哪天": a report's due date is a deadline too.)
  deadline: [answerPhaseByName, answerDeadline, answerReportDue, answerTarget, answerSearch],
  duties: [answerRoleDuty, answerDuties, answerAboutSubject, answerOwner, answerSearch],
  owner: [answerRoleDuty, answerOwner, answerDuties, answerReporting, answerSearch],
  target: [answerTarget, answerSearch],
  search: [answerRoleDuty, answerDuties, answerOwner, answerTarget, answerQuoted, answerSearch, answerAboutSubject],
};

/** Questions about a set (due list, target list, plan data, a department's tasks) come before the kinds. */
const SET_QUESTIONS: Handler[] = [answerUnknownPlace, answerDocFact, answerShortSection, answerFrame, answerPlanMeta, answerMembers, answerLocation, answerPersonAct, answerRespectively, answerDueList, answerTargetList, answerDepartmentFirst, answerSectionList, answerSteps, answerFamily, answerEnumeration];

export const MAX_QUESTION = 500;


/** The asking end of a question ("要达到多少个", "什么时候完成", "谁牵头"), from its question word on. */
const ASKING_TAIL = /(?:要|需|应|将)?(?:达到|完成|实现|提高到|增长)?(?:多少|几[个项家件次名条种所座]?|什么时候|何时|哪天|哪一?年|哪些|哪个|哪几|谁|什么|啥)[^,，。]*$/;

/** What is said of a named place whose plan gave nothing. */
const NOTHING_FOUND = '方案中没有找到相关内容。';

/**
 * A question that names several places is answered for each: a place whose plan gave nothing is said
 * so, rather than left out ("厦门、吐鲁番、宜兴的…" answered for two).
 */
function withMissingPlaces(c: Ctx, a: Answer): Answer {
  const named = [...new Set(c.q.files.map((f) => c.label(f)))];
  if (!a.found || named.length < 2) return a;
  const answered = new Set(a.citations.map((x) => c.label(x.file)));
  const missing = named.filter((n) => !answered.has(n) && !a.answer.includes(n));
  return missing.length ? { ...a, answer: `${a.answer}\n${missing.join('、')}: ${NOTHING_FOUND}` } : a;
}

export class AnswerEngine {
  readonly prepared: Prepared;

  constructor(kb: KnowledgeBase) {
    this.prepared = prepare(kb);
  }

  /** The department a name means in each plan (optionally only the plan of `city`). */
  findDepartment(name: string, city?: string): DepartmentEntry[] {
    const { kb } = this.prepared;
    const plans = kb.plans.filter((p) => !city || p.city === city || p.city === city.replace(/市$/, ''));
    return plans.flatMap((p) => kb.departments.resolve(name, p.file, p.city) ?? []);
  }

  /**
   * Several questions in one message ("谁当组长？办公室放在哪？") are answered one by one; a plan named
   * in the first carries over to the next.
   */
  ask(raw: string, opts: AskOptions = {}): Answer {
    const parts = raw.slice(0, MAX_QUESTION).split(/[?？]/).map((p) => p.trim()).filter((p) => p.replace(/\s/g, '').length >= 3);
    if (parts.length < 2) return this.askOne(raw, opts);
    const answers: Answer[] = [];
    let files = opts.files;
    // (The parts share one reply's room for the closest text their refusals quote.)
    const nearBudget = Math.floor(NEAR_REPLY / Math.min(parts.length, 3));
    parts.slice(0, 3).forEach((part, k) => {
      // "…什么时候前报送?报给谁?": a follow-up without words of its own asks about what came before.
      const own = understandQuestion(part, this.prepared.lexicon);
      // "…累计要达到多少个?示范应用场景呢?": one that names only its subject asks what the one before asked.
      const asking = k > 0 ? ASKING_TAIL.exec(parts[k - 1]) : null;
      const elliptic = k > 0 && /呢$/.test(part) && !ASKING_TAIL.test(part) && asking;
      const text =
        k > 0 && own.files.length === 0 && tokens(own.content.replace(ATTRIBUTE_WORDS, ' ').replace(/^(请|再)?(列|列下|列出|列一下|说|说下|说一下|给|给下|告诉我|写|写下)/, ' ')).length === 0
          ? `${parts[k - 1]} ${part}`
          : elliptic
            ? `${part.replace(/呢$/, '')}${asking![0]}`
            : part;
      const q = text === part ? own : understandQuestion(text, this.prepared.lexicon);
      if (q.files.length) files = q.files;
      // "…目标多少公里? 截至9月底完成了多少?": the follow-up asks for the recorded progress only.
      const progressOnly = k > 0 && ASKS_PROGRESS.test(part) && !ASKS_PROGRESS.test(parts[k - 1]);
      const previous = progressOnly ? answers[k - 1]?.citations : undefined;
      answers.push(this.askOne(progressOnly && text === part ? `${parts[k - 1]} ${part}` : text, { ...opts, files, progressOnly, previous, nearBudget }));
    });
    // ("谁牵头？谁是责任单位？": the task's line with all its units stands for the one that counted them.)
    const task = (l: string) => l.split('」')[0];
    const all = [...new Set(answers.map((a) => a.answer))];
    const lines = all.filter((l) => !(l.includes('」') && l.includes('(另有') && all.some((m) => m !== l && task(m) === task(l) && !m.includes('(另有'))));
    return {
      answer: lines.join('\n'),
      found: answers.some((a) => a.found),
      citations: answers.flatMap((a) => a.citations),
      intent: answers[0].intent,
    };
  }

  /** Plans whose own text names a place no plan is for ("涉及嘉鱼的重点事项" in a plan without a place). */
  private readonly mentioning = new Map<string, string[]>();

  private plansMentioning(place: string): string[] {
    let files = this.mentioning.get(place);
    if (!files) {
      const short = shortPlaceName(place);
      const forms = [...new Set([place, short])].filter((f) => f.length >= 2);
      const { kb } = this.prepared;
      const found = new Set<string>();
      for (const p of kb.passages) if (!found.has(p.file) && forms.some((f) => p.text.includes(f))) found.add(p.file);
      for (const t of kb.tasks) if (!found.has(t.file) && forms.some((f) => t.text.includes(f) || t.progress?.some((p) => p.text.includes(f)))) found.add(t.file);
      files = kb.plans.map((p) => p.file).filter((f) => found.has(f));
      this.mentioning.set(place, files);
    }
    return files;
  }

  /**
   * "九江今年食品安全重点工作安排里…": a plan whose text never says its place (a notice that says only 全市)
   * is the one asked about when the question restates its title — at least 70% of the title's character
   * pairs, place words and years aside — or 40% when its 文号 opens with the place's first character
   * (宝府办〔2008〕18号 for 宝山区). The one best plan, if one clears that bar.
   */
  private placelessByTitle(question: string, place: string): string[] {
    const pairs = (s: string) => {
      const t = s.replace(/[^\u4e00-\u9fff]/g, '').replace(/(全|本)(市|县|区|省|州)|年度?/g, '');
      return new Set([...t].slice(1).map((ch, i) => t[i] + ch));
    };
    const asked = pairs(question);
    let best: { file: string; share: number } | null = null;
    for (const p of this.prepared.kb.plans) {
      if (p.city || !p.title) continue;
      const title = pairs(p.title);
      if (title.size < 4) continue;
      const share = [...title].filter((x) => asked.has(x)).length / title.size;
      const initial = docNoInitial(p.docNo);
      const bar = initial && initial === place[0] ? 0.4 : 0.7;
      if (share >= bar && (!best || share > best.share)) best = { file: p.file, share };
    }
    return best ? [best.file] : [];
  }

  private placelessTokens = new Map<string, Set<string>>();

  /** Whether a plan's text names a place inside `place` (a county of the city asked about). */
  private namesPlaceInside(file: string, place: string): boolean {
    const outer = lookupPlaceLoosely(place);
    if (!outer) return false;
    let inside = this.placesNamed.get(file);
    if (!inside) {
      const mine = this.prepared.byFile.get(file);
      const text = [...(mine?.passages ?? []).map((x) => x.text), ...(mine?.tasks ?? []).map((t) => t.text)].join('\n').slice(0, 20000);
      inside = findPlaces(text).map((m) => m.place);
      this.placesNamed.set(file, inside);
    }
    return inside.some((p) => placeContains(outer, p));
  }

  private placesNamed = new Map<string, Place[]>();

  /** The search tokens of a plan's own passages (once per plan). */
  private planTokens(file: string): Set<string> {
    let own = this.placelessTokens.get(file);
    if (!own) {
      own = new Set<string>();
      for (const x of this.prepared.byFile.get(file)?.passages ?? []) for (const t of tokens(x.text)) own.add(t);
      this.placelessTokens.set(file, own);
    }
    return own;
  }

  /**
   * The placeless plan whose text holds half or more (and at least three) of the question's words — or a
   * third (and at least two) when its 文号 opens with the asked place's first character (平政办 for 平顶山)
   * or its text names a county of the asked place.
   */
  private placelessByText(content: string, place: string | null = null): string[] {
    const asked = [...new Set(tokens(content))].filter((t) => !t.startsWith('+'));
    if (asked.length < 2) return [];
    let best: { file: string; share: number } | null = null;
    for (const p of this.prepared.kb.plans) {
      if (p.city) continue;
      // (The plan's own passages, by file: not a walk over every plan's passages per plan.)
      const own = this.planTokens(p.file);
      const share = asked.filter((t) => own.has(t)).length / asked.length;
      // (宝府办〔2008〕18号 for 宝山区; a table of 樟树市, 明月山管委会 … for 宜春: what the plan writes points to
      // the place, and lowers the bar.)
      const initial = place && (docNoInitial(p.docNo) === place[0] || this.namesPlaceInside(p.file, place));
      const [bar, least] = initial ? [0.3, 2] : [0.5, 3];
      if (share >= bar && share * asked.length >= least && (!best || share > best.share)) best = { file: p.file, share };
    }
    return best ? [best.file] : [];
  }

  /**
   * A place no plan is for — named as such, or a county by its short name at the start ("临安今年民生实事…",
   * short county names being plain words elsewhere) — scopes the question to the one to three plans whose
   * own text names it, rather than being "not loaded".
   */
  private scopeByMention(q: Question, hasDefault = false): void {
    // "金东和临安的民生实事…": a second place no plan is for joins the scope by the plan that names it, or
    // the placeless plan whose text matches — and is no part of what is asked.
    if (q.otherPlace && q.files.length) {
      const other = q.otherPlace;
      const drop = (s: string) => withoutPlace(s, other).replace(/(^|\s)[和与及跟、]+(?=\s|$)/g, ' ').replace(/\s+/g, ' ').trim();
      const content = drop(q.content);
      const mention = this.plansMentioning(other).filter((f) => !q.files.includes(f));
      // (宝府办〔2008〕18号 is 宝山区's: a 文号 opening with the place's first character lowers the bar.)
      const found = mention.length === 1 ? mention : [...this.placelessByTitle(q.text, other), ...this.placelessByText(content, other)].filter((f, i, all) => !q.files.includes(f) && all.indexOf(f) === i).slice(0, 1);
      if (found.length === 1) Object.assign(q, { files: [...q.files, found[0]], content, topic: drop(q.topic) });
      return;
    }
    if (q.files.length === 0 && this.scopeByPointer(q)) return;
    const place = q.unknownPlace ?? (q.files.length === 0 ? countyAtStart(q.text) : null);
    if (!place) {
      // (Not when the part before already named the plan: "…哪天落款的?网上哪天发布的?".)
      if (q.files.length === 0 && !hasDefault && askedDocAttributes(q.text).length) this.scopeByOwnWords(q);
      return;
    }
    let files = this.plansMentioning(place);
    if (files.length === 0 && q.unknownPlace) files = this.placelessByTitle(q.text, q.unknownPlace);
    // A plan that names no place may be that place's: the placeless plan whose text shares most of the
    // question's words ("钦州质量强市战略决定里要实施哪六大工程" — a 决定 whose page never says 钦州).
    let guessedFor: string | null = null;
    if (files.length === 0 && q.unknownPlace) {
      // (What is left of the question when its content is the place alone: "宝山区任务分解里牵头单位负责什么".)
      const content = withoutPlace(q.content, q.unknownPlace);
      files = this.placelessByText(tokens(content).length >= 2 ? content : withoutPlace(q.text, q.unknownPlace), q.unknownPlace);
      if (files.length) guessedFor = q.unknownPlace;
    }
    if (files.length === 0 || files.length > 3) return;
    const drop = (s: string) => withoutPlace(s, place);
    Object.assign(q, { files, unknownPlace: null, content: drop(q.content), topic: drop(q.topic), guessedFor });
  }

  /**
   * "建协质量月那个函的联系人和电话": a question for a document's own fact (its contact, 文号, date) that names
   * neither place nor title may still name the document by words only its text has (建协, of 建协质函〔2024〕3号).
   * The one plan whose text holds every word of the question that any plan holds — one of them held by that
   * plan alone — is in scope.
   */
  private scopeByOwnWords(q: Question): void {
    // (A 文号 or a 《title》 names the document by itself: "渝中知办发〔2024〕14号这个通知…".)
    if (/〔\s*\d{4}\s*〕|[\[(（]\s*\d{4}\s*[\])）]\s*\d+\s*号|《/.test(q.text)) return;
    const words = segment(q.content.replace(ATTRIBUTE_WORDS, ' ')).filter((w) => w.length >= 2 && /^[\u4e00-\u9fff]+$/.test(w) && !OWN_WORD_STOP.test(w));
    if (words.length === 0 || words.length > 6) return;
    const mentioned = words.map((w) => ({ w, files: this.plansMentioning(w) })).filter((x) => x.files.length > 0);
    if (mentioned.length === 0) return;
    const files = mentioned[0].files.filter((f) => mentioned.every((x) => x.files.includes(f)));
    if (files.length !== 1) return;
    // (The word only that plan has must name the document itself — in its title, 文号 or issuer — not
    // merely occur in its text.)
    const plan = this.prepared.kb.plans.find((p) => p.file === files[0]);
    const head = [plan?.title, plan?.docNo, plan?.issuer].filter(Boolean).join(' ');
    if (mentioned.some((x) => x.files.length === 1 && head.includes(x.w))) q.files = files;
  }

  /**
   * "提到涂井乡友谊村的那份政府工作报告…", "山兰稻那个县…": a plan pointed at by words only its text has —
   * the one plan whose text holds every one of them is in scope, and the pointing words are no part of
   * what is asked.
   */
  private scopeByPointer(q: Question): boolean {
    const m = POINTER.exec(q.raw);
    if (!m) return false;
    const words = (m[1] ?? m[2]).replace(/[“”"]/g, '').split(/[、和及与,，]/).map((w) => w.trim()).filter((w) => w.length >= 2);
    if (words.length === 0) return false;
    const sets = words.map((w) => new Set(this.plansMentioning(w)));
    const files = [...sets[0]].filter((f) => sets.every((x) => x.has(f)));
    if (files.length !== 1) return false;
    // (Only where they point: "讲山兰稻、绿橙的那份…里,绿橙产业发展…" still asks of 绿橙.)
    const drop = (s: string) =>
      words
        .reduce((t, w) => t.replace(w, ''), s)
        .replace(/(?:提到|写到|讲到|说到|讲|有|种)?[、和及与,，]*的?那(?:个|份|篇)?|(^|\s)[县市区旗州](?=\s|$)/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    Object.assign(q, { files, unknownPlace: null, content: drop(q.content), topic: drop(q.topic) });
    return true;
  }

  private askOne(raw: string, opts: AskOptions): Answer {
    const q = understandQuestion(raw.slice(0, MAX_QUESTION), this.prepared.lexicon);
    this.scopeByMention(q, !!opts.files?.length);
    if (opts.onlyFiles) q.files = opts.onlyFiles;
    if (!q.text.replace(/[\s\p{P}\p{S}]/gu, '')) q.intent = 'help';
    const c = new Ctx(this.prepared, q, opts.now ?? new Date(), opts.department ?? null, opts.files);
    if (opts.nearBudget) c.nearBudget = opts.nearBudget;
    // A cross-plan question may name a place inside what it cites ("落实重庆市委…《…》(渝委发〔2023〕11号)").
    const citesDocument = /《[^》]+》|〔\d{4}〕/.test(q.text);
    const first = q.intent === 'help' ? [] : q.intent === 'cross_plan' ? (citesDocument ? [plansOfKind] : [answerUnknownPlace, plansOfKind]) : [plansOfKind, ...SET_QUESTIONS];
    let answer: Answer | null = null;
    // The first handler whose answer states what is asked (a date for 什么时候, a figure for 多少 …);
    // an answer that does not is no answer.
    // (Words of the plan's own name — "…年度推进计划" — ask for nothing.)
    const attr = askedAttribute(withoutTitles(q.text, c.scopeTitles()));
    const pointInTime = asksForPointInTime(q.text);
    const asksDay = ASKS_DAY.test(q.text);
    // "报给谁": the recipient is asked, not who owns a task.
    const asksRecipient = /(报|交|送|报送|上报)(给|到|至)?(谁|哪)|(报|交|送|寄)(给|到|至)[^,，。?？]{1,10}(谁|哪)/.test(q.text);
    for (const handler of [...first, ...STRATEGIES[q.intent]].filter((h) => !(asksRecipient && h === answerOwner))) {
      const a = handler(c);
      // (The document-fact handler answers exactly the attributes it read from the question.)
      if (!a || (a.found && handler !== answerDocFact && !answerStates(attr, a.answer, pointInTime))) continue;
      // ("申报截止时间是什么时候": a sentence found by its words answers only when it names that act.)
      if (a.found && handler === answerSearch && !statesAskedEvent(q.text, a.answer)) continue;
      // "哪天开的": a year alone is no day.
      if (a.found && asksDay && handler !== answerDocFact && !STATES_DAY.test(a.answer)) continue;
      // "…的牵头单位是哪个部门": a sentence found by its words answers only when it says who does it (owner
      // answers composed from records say it by construction).
      if (a.found && attr === 'owner' && handler === answerSearch && !statesOwner(a.answer)) continue;
      // (A handler that found nothing and did not decide leaves the question to the next; its refusal is
      // kept in case no other answers.)
      if (!a.found && !a.decided && handler === answerSchedule) {
        answer ??= { ...a, via: handler.name };
        continue;
      }
      answer = { ...a, via: handler.name };
      break;
    }
    // No handler answered: the plan's own sentence that states what is asked, if there is one. A
    // decided refusal stands: its handler checked the item, year, unit or period asked for.
    if (!answer?.found && !answer?.decided) {
      const floor = answerFromEvidence(c);
      if (floor) answer = { ...floor, via: 'answerFromEvidence' };
      else {
        const passages = answerFromPassages(c);
        // (Asked who does it, passages that say no one are no answer: the refusal shows them as near text.)
        if (passages && (attr !== 'owner' || statesOwner(passages.answer)) && statesAskedEvent(q.text, passages.answer)) answer = { ...passages, via: 'answerFromPassages' };
      }
    }
    if (answer?.found && answer.via !== 'answerFromPassages' && answer.via !== 'answerFromEvidence') answer = withPassageSupplement(c, answer);
    answer = withPlanProgress(c, answer, opts.progressOnly === true, opts.previous ?? []);
    // A handler's own refusal ("没有写明反馈单位") offers the closest text too, as the last resort's does —
    // unless the place asked about has no plan loaded (nothing there is close).
    if (answer && !answer.found && answer.via !== 'answerUnknownPlace' && !answer.answer.includes(NEAR_HEAD)) answer = withNearText(c, answer);
    let whole = withMissingPlaces(c, answer ?? { ...refusal(c), via: 'refusal' });
    // Answered from a plan that names no place: say that no plan names the place asked about.
    if (q.guessedFor && whole.found) whole = { ...whole, answer: `没有找到写明${q.guessedFor}的方案; 未写明地名的方案中:\n${whole.answer}` };
    // …and nothing there either: the place is not loaded, as without the guess.
    else if (q.guessedFor) return { ...notLoaded(c, q.guessedFor), via: 'answerUnknownPlace' };
    // The place's plans say nothing of it, and a plan whose page names no place (a fragment of a 分工表)
    // shares most of the question's words: asked there, the answer says where it comes from.
    if (!whole.found && !opts.perPlanPart && !opts.onlyFiles && q.files.length && q.intent !== 'cross_plan' && q.intent !== 'help') {
      // (Only when the place's own plans hardly speak of it — "连锁餐饮企业的配送率" in a fragment, not in the
      // place's notice — and the fragment speaks of nearly all of it.)
      const asked = [...new Set(tokens(q.content))].filter((t) => !t.startsWith('+'));
      const share = (files: string[]) => {
        const own = files.map((f) => this.planTokens(f));
        return asked.length ? asked.filter((t) => own.some((o) => o.has(t))).length / asked.length : 1;
      };
      const own = share(q.files);
      const placeless = own <= 0.75 ? this.placelessByText(q.content).filter((f) => !q.files.includes(f) && share([f]) >= Math.max(0.75, own + 0.25)) : [];
      const a = placeless.length ? this.askOne(raw, { ...opts, onlyFiles: placeless, perPlanPart: true }) : null;
      if (a?.found && a.citations.length && a.citations.every((x) => placeless.includes(x.file)) && !a.answer.includes(NOTHING_FOUND)) {
        const named = [...new Set(q.files.map((f) => c.label(f)))].join('、');
        return withVerdict(c, { ...a, answer: `${named}方案中没有找到; 未写明地名的方案中:\n${a.answer}` });
      }
    }
    if (opts.perPlanPart) return whole;
    // "A方案和B计划，分别/哪个…": two documents named by their places or titles, when the whole question
    // reached fewer of them.
    const cited = new Set(whole.citations.map((x) => x.file));
    const perDocument = cited.size < 2 ? this.askPerDocument(q, opts) : null;
    if (perDocument) return withVerdict(c, perDocument, [...new Set(perDocument.citations.map((x) => x.file))]);
    if (whole.found && !whole.answer.includes(NOTHING_FOUND)) return withVerdict(c, whole);
    return withVerdict(c, this.askPerPlan(q, opts) ?? this.withMissingAnswered(c, whole, opts));
  }

  /**
   * "泰安和濮阳…各定了什么目标": a named place whose plan gave the whole question nothing is asked again in
   * its own plan alone, where the plan's own sentence that states what is asked may answer; else it stays
   * "没有找到".
   */
  private withMissingAnswered(c: Ctx, whole: Answer, opts: AskOptions): Answer {
    if (!whole.found || !whole.answer.includes(NOTHING_FOUND)) return whole;
    const citations = [...whole.citations];
    const lines = whole.answer.split('\n').map((line) => {
      const m = new RegExp(`^(.+): ${NOTHING_FOUND}$`).exec(line);
      if (!m) return line;
      const labels = m[1].split('、');
      const answered = labels.map((label) => {
        const files = c.q.files.filter((f) => c.label(f) === label);
        if (files.length === 0) return null;
        const a = this.askOne(c.q.text, { ...opts, files, perPlanPart: true, nearBudget: Math.floor(NEAR_REPLY / 2) });
        if (!a.found || a.citations.some((x) => !files.includes(x.file))) return null;
        citations.push(...a.citations);
        return a.answer;
      });
      const still = labels.filter((_, k) => !answered[k]);
      return [...answered.filter((a): a is string => !!a), ...(still.length ? [`${still.join('、')}: ${NOTHING_FOUND}`] : [])].join('\n');
    });
    return { ...whole, answer: lines.join('\n'), citations };
  }

  /**
   * "深圳市长质量奖评审人员管理规定和交通运输部计量检定规程管理办法两个征求意见稿，哪个意见反馈截止更早":
   * the two sides of a 和/与/及 each name one document — by its place or by most of its title — and the
   * question asks of both (分别, 各, 哪个, 两份…). Each side is asked with what the question asks, in its
   * own document; null unless both sides name a document and they differ.
   */
  private askPerDocument(q: Question, opts: AskOptions): Answer | null {
    const text = q.text;
    if (!/分别|各自|各是|各为|哪个|哪份|哪一份|哪一个|两个|两份|两地|都|一个[^,，。?？]{1,24}[,，、]\s*(另)?一个/.test(text)) return null;
    const { lexicon, titles } = this.prepared;
    const fileOf = (side: string): string | null => {
      const u = understandQuestion(side, lexicon);
      // (A side may name its plan the way a whole question does: by a place only its text names, or a
      // placeless plan's title — "宝山2008年政府工作任务分解".)
      if (u.files.length === 0) this.scopeByMention(u);
      if (u.files.length === 1) return u.files[0];
      if (u.files.length > 0) return null;
      // (A plan without a place or title — "2008年那个县政府督查通知" — by the words of its own text.)
      // (Only a side that names a document: "省著名商标2015年目标" is a thing inside the plan asked about.)
      const byTitle = planByTitle(titles, side);
      if (byTitle || !/(通知|方案|意见|计划|报告|通报|制度|要点|清单|办法|细则|规划|纲要|分解表|安排|部署)/.test(side)) return byTitle;
      const byText = this.placelessByText(side);
      return byText.length === 1 ? byText[0] : null;
    };
    for (const j of [...text.matchAll(/[和与及跟]/g)].map((m) => m.index!)) {
      const left = text.slice(0, j);
      const rest = text.slice(j + 1);
      const comma = rest.search(/[,，]/);
      let right = comma >= 0 ? rest.slice(0, comma) : rest;
      let tail = comma >= 0 ? rest.slice(comma + 1) : '';
      if (!tail) {
        const at = right.search(new RegExp(`分别|各自|各是|各为|${ASKED_FROM.source}`));
        if (at <= 0) continue;
        tail = right.slice(at);
        right = right.slice(0, at);
      }
      if (left.replace(/\s/g, '').length < 2 || right.replace(/\s/g, '').length < 2) continue;
      const a = fileOf(left);
      const b = a ? fileOf(right) : null;
      if (!a || !b || a === b) continue;
      const ask = tail.replace(/分别|各自|各/g, '');
      // "…,一个要求每月什么时候报总结,一个要求巡查坚持多久": the first ask is of the first, the second of the second.
      const split = /^\s*一个(.+?)[,，、]\s*(?:另)?一个(.+)$/.exec(tail);
      // "合川和崆峒的制造业产品质量合格率目标分别是多少": a place alone on the left shares the right's words.
      const shared = sharedWords(left, right.trim(), lexicon.plans.map(([name]) => name).filter((n) => !/号$/.test(n)), true);
      const answers = [
        this.askOne(`${left}${shared} ${split ? split[1] : ask}`, { ...opts, files: [a], perPlanPart: true }),
        this.askOne(`${right} ${split ? split[2] : ask}`, { ...opts, files: [b], perPlanPart: true }),
      ];
      if (answers.filter((x) => x.found).length === 0) return null;
      return { answer: answers.map((x) => x.answer).join('\n'), found: true, citations: answers.flatMap((x) => x.citations), intent: answers[0].intent, via: 'askPerDocument' };
    }
    return null;
  }

  /**
   * "六安的民生工程通报和大连的挂牌督办项目里，市民政局各负责什么": each place with its own words is a question
   * of its own, asked with what the question asks of both; answered per plan when that finds more.
   */
  private askPerPlan(q: Question, opts: AskOptions): Answer | null {
    const parts = splitPerPlan(q.text, this.prepared.lexicon);
    if (!parts) return null;
    const answers = parts.map((p) => this.askOne(p, { ...opts, perPlanPart: true, nearBudget: Math.floor(NEAR_REPLY / parts.length) }));
    if (answers.filter((a) => a.found).length < 2) return null;
    return {
      answer: answers.map((a) => a.answer).join('\n'),
      found: true,
      citations: answers.flatMap((a) => a.citations),
      intent: answers[0].intent,
      via: 'askPerPlan',
    };
  }
}

/**
 * What the left side of "A和B的X" shares: the right's words after the place it opens with, when the
 * left is a place's name alone ("合川"); '' otherwise.
 */
function sharedWords(left: string, right: string, names: string[], withPlaces = false): string {
  // (A place only a plan's text names — "丽水市" of a placeless 责任分解 — is a place too, when asked.)
  const places = withPlaces ? findPlaces(left).map((m) => m.text) : [];
  const leftOwn = [...names, ...places].reduce((t, n) => t.split(n).join(''), left).replace(/[的\s]/g, '');
  if (leftOwn.length >= 2) return '';
  const second = names.filter((n) => right.startsWith(n)).sort((x, y) => y.length - x.length)[0];
  return second ? right.slice(second.length).replace(/^[”"》」]/, '').replace(/^[市县区省州]?/, '') : '';
}

/** Words of asking, not of a document: they name none. */
const OWN_WORD_STOP = /^(那个|这个|那份|这份|哪个|哪些|什么|多少|是否|文件|通知|方案|意见|计划|要点|函|里面|上面|请问|一下|我们|你们|他们)$/;

/** "提到X的那份…", "讲X、Y的那份…", "种X的那个县", "X那个县": the words that point at a plan. */
const POINTER = /(?:提到|写到|讲到|说到|讲|有|种)\s*([\u4e00-\u9fff“”"、]{2,24}?)\s*的那(?:份|个|篇)|^([\u4e00-\u9fff]{2,8}?)那个(?:县|市|区|旗)/;

/** Where what a question asks of both its sides begins: "…是多少", "…由谁", "…什么时候". */
const ASKED_FROM = /(?:是|要|由)?(?:多少|几|什么时候|何时|哪天|哪年|谁|哪个|哪些|什么|啥|多久|多长时间)/;

/** "一样吗", "谁更高", "哪个多": the two answers' figures compared. */
const COMPARES = /一样|相同|一致|有何不同|有什么不同|区别|差别|(谁|哪个|哪一个|哪家|哪边|哪份)(?:[^,，。?？]{0,10}?(更|最)|(更|最)?)(高|低|多|少|大|小|早|晚)/;
/** A comparison of when: "哪个截止更早", "谁先印发". */
const COMPARES_WHEN = /(谁|哪个|哪一个|哪份)[^,，。?？]{0,10}?(更|最)?(早|晚)|(谁|哪个|哪份)先/;

/** A comparing question over two named places: the verdict from each place's first answer line, first. */
function withVerdict(c: Ctx, a: Answer, files: string[] = c.q.files): Answer {
  if (!a.found || files.length < 2 || !COMPARES.test(c.q.text)) return a;
  const labels = [...new Set(files.map((f) => c.label(f)))];
  if (labels.length !== 2) return a;
  const lines = a.answer.split('\n');
  const firsts = labels.map((l) => lines.find((x) => x.startsWith(l)));
  if (firsts.some((x) => !x)) return a;
  const when = COMPARES_WHEN.exec(c.q.text);
  const verdict = when ? comparedDates(firsts as string[], /晚/.test(when[0])) : compared(firsts as string[]);
  return verdict ? { ...a, answer: `${verdict}\n${a.answer}` } : a;
}

/**
 * Each answer's first figure ("制造业质量竞争力指数达到86.5", "4.5件以上"): when both have one in the same
 * unit, which is higher or that they are the same — said from the figures shown below it, nothing else.
 */
function compared(answers: string[]): string | null {
  const figure = (a: string) => {
    const body = a.slice(a.indexOf(':') + 1).replace(/(?:\d{4}\s*年)?\d{1,2}\s*月(?:\d{1,2}\s*日)?|\d{4}-\d{1,2}(?:-\d{1,2})?/g, ' ').replace(/(?:19|20)\d{2}\s*年|〔[^〕]*〕|\d+(?:\.\d+)?\s*(?:个|项)?(?:阶段|方面)/g, ' ');
    const m = /(\d+(?:\.\d+)?)\s*(%|‰|万?[个项家件元人次亩吨]|亿元|分)?/.exec(body);
    return m ? { value: Number(m[1]), unit: m[2] ?? '', label: labelOf(a) } : null;
  };
  const [a, b] = answers.map(figure);
  if (!a || !b || a.unit !== b.unit || !a.label || !b.label) return null;
  if (a.value === b.value) return `两者相同: 都是${a.value}${a.unit}。`;
  const [hi, lo] = a.value > b.value ? [a, b] : [b, a];
  return `${hi.label}更高(${hi.value}${hi.unit}), ${lo.label}为${lo.value}${lo.unit}。`;
}

/** "哪个截止更早", "哪个印发得更早": each answer's first full date (in Arabic or Chinese numerals), the earlier (or later) named first. */
function comparedDates(answers: string[], later: boolean): string | null {
  const dated = answers.map((a) => {
    const body = a.slice(a.indexOf(':') + 1);
    const m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})-(\d{1,2})-(\d{1,2})|[〇○零O0一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日/.exec(body);
    const key = !m ? null : m[1] ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : m[4] ? `${m[4]}-${m[5].padStart(2, '0')}-${m[6].padStart(2, '0')}` : parseChineseDate(m[0]);
    return m && key ? { key, text: m[0], label: labelOf(a) } : null;
  });
  const [a, b] = dated;
  if (!a || !b || !a.label || !b.label || a.key === b.key) return null;
  const [first, second] = (a.key < b.key) !== later ? [a, b] : [b, a];
  return `${first.label}的更${later ? '晚' : '早'}(${first.text}; ${second.label} ${second.text})。`;
}

/** The place (or plan) an answer line opens with: "赣州: …", "深圳《…》…". */
function labelOf(line: string): string {
  return line.split(/[:：「《\s]/)[0];
}

/**
 * A question naming two places, each with its own words, joined by 和/与/及 ("A的X和B的Y里，Z分别是什么",
 * "A的X和B的Y分别持续多久"): the two questions "A的X Z" and "B的Y Z", or null.
 */
export function splitPerPlan(text: string, lexicon: Lexicon): string[] | null {
  // "A和B的分解目标里，A的X和B的Y分别是多少": the last clause pairs each place with its own words.
  const comma = Math.max(text.lastIndexOf(','), text.lastIndexOf('，'));
  if (comma > 0) {
    const inner = splitPerPlan(text.slice(comma + 1), lexicon);
    if (inner) return inner;
  }
  // (A plan that names no place goes by its title: "靖边和那份“构建质量强县的通知”".)
  const names = [...lexicon.plans.map(([name]) => name).filter((n) => !/号$/.test(n)), ...(lexicon.titles ?? []).filter(([, , placeless]) => placeless).map(([t]) => t)];
  const at = (from: number) => {
    let best = -1;
    for (const n of names) {
      const i = text.indexOf(n, from);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    return best;
  };
  const first = at(0);
  if (first < 0) return null;
  const m = /[和与及]/g;
  m.lastIndex = first + 2;
  for (let j = m.exec(text); j; j = m.exec(text)) {
    // ("和那份“…”": a pointing word and an opening quote may stand before the second.)
    const lead = /^(?:那份|那个|这份|这个|另一份|另一个)?[“"《「]?/.exec(text.slice(j.index + 1))![0].length;
    const second = at(j.index + 1);
    if (second !== j.index + 1 + lead) continue;
    const left = text.slice(0, j.index);
    const rest = text.slice(j.index + 1);
    const comma = rest.search(/[,，]/);
    let right = comma >= 0 ? rest.slice(0, comma) : rest;
    let tail = comma >= 0 ? rest.slice(comma + 1) : '';
    if (!tail) {
      // (What both are asked: from 分别/各自, else from the question word.)
      const each = right.search(/分别|各自/);
      const from = each >= 0 ? each : right.search(ASKED_FROM);
      if (from <= 0) return null;
      tail = right.slice(from);
      right = right.slice(0, from);
    }
    tail = tail.replace(/分别|各自|各/g, '');
    const isName = (t: string) => names.includes(t.replace(/\s/g, ''));
    if ((left.replace(/\s/g, '').length < 3 && !isName(left)) || right.replace(/\s/g, '').length < 3) return null;
    // "郑州市和虞城县的质量工作考核分别…": a place alone on the left shares the words after the second.
    const shared = sharedWords(left, right.slice(lead), names);
    return [`${left}${shared} ${tail}`, `${right} ${tail}`];
  }
  return null;
}

/**
 * "谁牵头，进度咋样" / "目标多少? 现在完成了多少": the progress a plan's own table records for the task is
 * added to the answer, or is the answer when the question (or this part of it) asks only that.
 */
function withPlanProgress(c: Ctx, answer: Answer | null, progressOnly: boolean, previous: Citation[]): Answer | null {
  if (!ASKS_PROGRESS.test(withoutTitles(c.q.text, c.scopeTitles()))) return answer;
  const progress = answerPlanProgress(c, [...previous, ...(answer?.found ? answer.citations : [])]);
  if (!progress) return answer;
  if (progressOnly || !answer?.found) return { ...progress, via: 'answerPlanProgress' };
  if (progress.citations.every((p) => answer.answer.includes(p.quote.slice(0, 20)))) return answer;
  return { ...answer, answer: `${answer.answer}\n${progress.answer}`, citations: [...answer.citations, ...progress.citations] };
}

/** A question's text without a place's name, full or short. */
function withoutPlace(s: string, place: string): string {
  return s.split(place).join(' ').split(shortPlaceName(place)).join(' ').replace(/\s+/g, ' ').trim();
}

/** A county or district named by the first characters of a question (临安, 师宗县), as the gazetteer writes it. */
function countyAtStart(text: string): string | null {
  const lead = text.replace(/^\s*(请问|问一下|想问下?|麻烦问下?)\s*/, '');
  for (const len of [5, 4, 3, 2]) {
    const place = lookupPlaceLoosely(lead.slice(0, len));
    if (place && place.level === 'county') return place.name;
  }
  return null;
}
