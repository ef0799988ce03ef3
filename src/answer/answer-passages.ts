import type { Answer, Ctx } from './answer-context.ts';
import { statesNothing } from './answer-context.ts';
import { agreesWithQuestion } from './answer-evidence.ts';
import { focus } from './format.ts';
import { withoutTitles } from './answer-doc-facts.ts';
import { segment, STOP_CHARS, tokens } from '../kb/text-tokens.ts';
import { askedAttribute, statesAskedFigure, asksForPointInTime, ATTRIBUTE_WORDS, CITED_DOCUMENT, namesAskedRole, statesAttribute } from './answerability.ts';

/**
 * The second retrieval floor, for the few plans a question names: the plans' sentences ranked by their
 * characters (BM25 over character bigrams and single characters, as a plain retrieval bot would),
 * so that wording jieba segments otherwise than the plan ("把2020年定为…年" / "确定2020年为…攻坚年",
 * "隔多久再申报" / "再次申报应当间隔三届") still finds its sentence. Answerability still decides: the
 * sentence must cover most of the question's characters and state what is asked (a date, a figure,
 * a person …), in the year and unit asked; otherwise nothing is said and the question is refused.
 */

/** Question words and particles: what a question asks with, not what it asks about. */
const ASKING =
  /第几(?:届|期|次|批|轮|阶段)|什么|啥子|啥|哪些|哪个|哪几个|哪几项|哪几|哪一|哪|多少|几个|几项|怎么样|怎么|咋个|咋样|咋|如何|怎样|是否|是不是|有没有|吗|呢|吧|啊|呀|嘛|请问|一下|具体|主要|都有|分别|方案里|方案中|方案|文件里|文件|计划里|规划里|里面|里/g;

/** Words of how staff ask, not of what: never a sign that the plan lacks the topic. */
const FUNCTION_WORDS = /安排在|才能|能够|可以|需要|应该|应当|多久|时候|怎么|为啥|为何|干啥|哪里|这个|那个|这些|那些|还是|或者|一般|目前|现在|拿到|收到|下发|发下|以后|之后|后来|到底|准备|打算|说要|提到/g;

/** A year as written before 年. */
const YEAR = /(?:19|20)\d{2}(?=\s*年)/g;

const MAX_PLANS = 6;
/** How much of the question's weight a sentence must hold. */
const MIN_COVERAGE = 0.55;
/** What a sentence read with the one before it is worth against a sentence alone. */
const PAIR_DISCOUNT = 0.9;
/**
 * Asked for what few sentences state at all (第几届, an e-mail, a phone number), a sentence that states it
 * needs less of the question's other words.
 */
const RARE_ATTRIBUTES: ReadonlySet<string> = new Set(['ordinal', 'email', 'phone']);
const MIN_COVERAGE_RARE = 0.3;
const SHOWN = 2;
const WIDTH = 220;

interface Term {
  t: string;
  w: number;
}

/**
 * A text's search terms: the bigrams inside its words (as jieba cuts them), its characters (so that a word
 * cut otherwise still matches: 隔 / 间隔), and its years.
 */
function termsOf(text: string): string[] {
  const out = tokens(text).filter((t) => !t.startsWith('+'));
  for (const ch of text) if (/[\u4e00-\u9fff]/.test(ch) && !STOP_CHARS.has(ch)) out.push(ch);
  for (const m of text.matchAll(YEAR)) out.push(m[0]);
  return out;
}

/**
 * A short word the plans write out in full: 质监 for 质量技术监督, 审完 for 审查 — its first character
 * opens a word of the plans that its second closes within a few characters, or a verb with 完/好 after it.
 */
function abbreviates(word: string, text: string): boolean {
  if (!/^[\u4e00-\u9fff]{2}$/.test(word)) return false;
  if (/[完好掉]$/.test(word)) return text.includes(word[0]);
  return new RegExp(`${word[0]}[\\u4e00-\\u9fff]{1,4}${word[1]}`).test(text);
}

interface Ranking {
  attr: ReturnType<typeof askedAttribute>;
  qTerms: string[];
  /** The share of the question's weight a text holds. */
  coverageOf: (text: string) => number;
  /** Sentences in scope holding at least MIN_COVERAGE, best first. */
  scored: Array<{ id: number; coverage: number; withPrevious?: boolean }>;
}

/** The named plans' sentences ranked by the question's characters, or null when nothing can be ranked. */
function rank(c: Ctx): Ranking | null {
  if (c.q.intent === 'help' || c.q.intent === 'cross_plan' || !c.files || c.files.size > MAX_PLANS) return null;
  // "市林业局负责什么" names its owner and asks for the duty: plain text, not an owner.
  const asksDuty = c.q.departments.length > 0 && /(负责|承担|干|做|管)(些)?(什么|啥|哪些)|职责/.test(c.q.text);
  const attr = asksDuty ? 'text' : askedAttribute(c.q.text);
  if (attr === 'docNo' && !CITED_DOCUMENT.test(withoutTitles(c.q.text, c.scopeTitles()))) return null;
  const query = withoutTitles(c.q.topic, c.scopeTitles()).replace(ATTRIBUTE_WORDS, ' ').replace(ASKING, ' ').replace(FUNCTION_WORDS, ' ');
  // (Years are read apart from the topic; they still pick the sentence: "把2020年定为…".)
  const years = [...c.q.text.matchAll(YEAR)].map((m) => m[0]);
  const qTerms = [...new Set([...termsOf(query), ...years])];
  if (qTerms.filter((t) => t.length >= 2).length === 0) return null;
  const ids = c.sentenceIds();
  if (ids.length === 0) return null;
  // A word of the question that the plans in scope never use ("制造业质量竞争力指数" where they speak of
  // 质量竞争力 only) means the fact asked for is not there: for a date, figure or person that refuses;
  // a question in plain words may carry one colloquial word of its own.
  const scopeText = ids.map((i) => c.p.sentences[i].text).join('\n');
  // (A short form the plans write out, 质监, is not absent; it still cannot count for a sentence.)
  const unwritten = tokens(query).filter((t) => !t.startsWith('+') && !scopeText.includes(t));
  const absent = unwritten.filter((t) => !abbreviates(t, scopeText));
  // (Counted by word: an abbreviation the plan spells out, 爱卫会, is one colloquial word, not two bigrams.)
  const absentWords = segment(query).filter((w) => tokens(w).some((t) => absent.includes(t)));
  if (absentWords.length > (attr === 'text' ? 1 : 0)) return null;
  // (Terms are substrings: a sentence has one when it contains it, whatever its own segmentation.)
  const sets = ids.map((i) => {
    const text = c.p.sentences[i].text;
    return new Set(qTerms.filter((t) => text.includes(t)));
  });
  const df = new Map<string, number>(qTerms.map((t) => [t, 0]));
  for (const s of sets) for (const t of s) df.set(t, df.get(t)! + 1);
  const n = ids.length;
  // A term no sentence in scope has weighs as a rare one: the question asks about something absent.
  const weight = (t: string): number => Math.log(1 + (n - df.get(t)! + 0.5) / (df.get(t)! + 0.5)) * (t.length === 1 ? 0.5 : 1);
  // A colloquial word the plans never use (tolerated above) does not count against the sentences.
  const terms: Term[] = qTerms.filter((t) => !unwritten.includes(t)).map((t) => ({ t, w: weight(t) }));
  const total = terms.reduce((a, x) => a + x.w, 0);
  if (total === 0) return null;
  const covers = (has: (t: string) => boolean) => terms.reduce((a, x) => a + (has(x.t) ? x.w : 0), 0) / total;
  const scored = ids
    .map((id, k) => {
      const own = covers((t) => sets[k].has(t));
      // "…县食安办组织年度考核。…对建有科普基地…的,适当予以加分。": a sentence read with the one before it in
      // its paragraph, when together they hold clearly more of the question (at a small discount).
      const prev = ids[k - 1] === id - 1 && c.p.sentences[id - 1]?.passage === c.p.sentences[id].passage ? k - 1 : -1;
      const pair = prev >= 0 ? covers((t) => sets[k].has(t) || sets[prev].has(t)) * PAIR_DISCOUNT : 0;
      return pair > own + 0.1 ? { id, coverage: pair, withPrevious: true } : { id, coverage: own };
    })
    .filter((x) => x.coverage >= (RARE_ATTRIBUTES.has(attr) ? MIN_COVERAGE_RARE : MIN_COVERAGE))
    .sort((a, b) => b.coverage - a.coverage);
  const coverageOf = (text: string) => terms.reduce((a, x) => a + (text.includes(x.t) ? x.w : 0), 0) / total;
  return { attr, qTerms, coverageOf, scored };
}

/** The best sentences that state what is asked, as shown. */
function bestSentences(c: Ctx, r: Ranking): Array<{ id: number; text: string; coverage: number }> {
  const pointInTime = asksForPointInTime(c.q.text);
  const shown: Array<{ id: number; text: string; coverage: number }> = [];
  const asksContent = ASKS_CONTENT.test(c.q.text);
  for (const x of r.scored) {
    // (The plan's title line may answer here: "是第几届的" of a notice whose title says so.)
    if (statesNothing(c, x.id, false)) continue;
    const own = asksContent ? withItemBody(c, x.id) : withLeadIn(c, x.id);
    const text = x.withPrevious ? `${c.p.sentences[x.id - 1].text.trim()}${own}` : own;
    if (!statesAttribute(r.attr, text, pointInTime) || !agreesWithQuestion(c, text)) continue;
    if (!namesAskedRole(c.q.text, text)) continue;
    // (A figure asked for: in the clause that names it, not a neighbour's.)
    if (r.attr === 'quantity' && !statesAskedFigure(c.q.text, text, r.qTerms)) continue;
    if (shown.some((s) => s.text.includes(text) || text.includes(s.text))) continue;
    if (shown.length && x.coverage < r.scored[0].coverage - 0.1) break;
    shown.push({ id: x.id, text, coverage: x.coverage });
    if (shown.length === SHOWN) break;
  }
  return shown;
}

function linesOf(c: Ctx, r: Ranking, shown: Array<{ id: number; text: string }>): Answer {
  const sources = shown.map((s) => {
    const ref = c.p.sentences[s.id];
    return { ...c.kb.passages[ref.passage], quote: s.text };
  });
  const lines = shown.map((s, k) => `${c.label(sources[k].file)}: ${focus(s.text, r.qTerms.filter((t) => t.length === 2), WIDTH)}${c.cite(sources[k])}`);
  return c.answer(lines.join('\n'), sources);
}

export function answerFromPassages(c: Ctx): Answer | null {
  const r = rank(c);
  if (!r) return null;
  const shown = bestSentences(c, r);
  return shown.length ? linesOf(c, r, shown) : null;
}

/** How much more of the question a plan's sentence must hold than a composed answer to be added to it. */
const SUPPLEMENT_MARGIN = 0.15;

/**
 * A composed answer (a department's task list, an owner line) that holds little of what the question
 * says, when a sentence of the named plan holds much more and states what is asked: the sentence is
 * added, cited, after the answer — the records answered, but perhaps not the question.
 */
export function withPassageSupplement(c: Ctx, answer: Answer): Answer {
  if (!answer.found || !['duties', 'owner', 'deadline', 'reporting', 'search', 'schedule'].includes(c.q.intent)) return answer;
  // (Cheap first: an answer that already holds most of the question's words needs no ranking.)
  const words = tokens(c.q.content).filter((t) => !t.startsWith('+'));
  if (words.length === 0 || words.filter((t) => answer.answer.includes(t)).length >= words.length * (1 - SUPPLEMENT_MARGIN)) return answer;
  const r = rank(c);
  if (!r || r.scored.length === 0) return answer;
  const own = r.coverageOf(answer.answer);
  const [best] = bestSentences(c, r);
  if (!best || best.coverage < own + SUPPLEMENT_MARGIN) return answer;
  // (Nothing the answer already quotes in full: a sentence of it, or its first 60 characters.)
  // (A heading shown with its line, "活动主题: …", is quoted in full when its line is.)
  // (…unless the sentence adds one of its own the answer lacks: "…监督管理。重点整治…等问题。")
  const parts = best.text.split(/(?<=[。;；])|^[^:：]{2,16}: /).map((x) => x?.trim() ?? '').filter((x) => x.length >= 12);
  if (parts.length && parts.every((x) => answer.answer.includes(x.slice(0, 60)))) return answer;
  const extra = linesOf(c, r, [best]);
  return { ...answer, answer: `${answer.answer}\n原文: ${extra.answer}`, citations: [...answer.citations, ...extra.citations] };
}

/** The question asks what a thing consists of ("具体要做哪些事", "有哪些措施"), not a single fact. */
const ASKS_CONTENT = /具体|哪些事|做哪些|做什么|干什么|干啥|做啥|内容|哪些措施|哪些要求|怎么做|怎么干/;
const ITEM_BODY = 160;

/**
 * An item's heading sentence ("2.努力建设模范政治机关。") names what the item is about; what to do is in the
 * sentences after it. Asked what it consists of, the heading is quoted with the rest of its item.
 */
function withItemBody(c: Ctx, id: number): string {
  const here = c.p.sentences[id];
  let text = withLeadIn(c, id);
  const opensItem = c.p.sentences[id - 1]?.passage !== here.passage;
  if (!opensItem || text.length > 24) return text;
  for (let k = id + 1; text.length < ITEM_BODY && c.p.sentences[k]?.passage === here.passage; k++) text += c.p.sentences[k].text.trim();
  return text;
}

/**
 * A line that only leads into the next ("各县区人民政府,市政府各有关直属单位:", "责任单位:") states nothing
 * by itself: it is shown with the sentence that follows it in the same plan.
 */
export function withLeadIn(c: Ctx, id: number): string {
  const here = c.p.sentences[id];
  const text = here.text.trim();
  // A section's heading line ("一、活动主题") names what follows it: shown with the line after it.
  const passage = c.kb.passages[here.passage];
  const heading = text.length <= 16 && !/[。;；,，!?]/.test(text) && passage.text.trim() === text && (passage.path.at(-1) ?? '').endsWith(text);
  if (!/[:：]$/.test(text) && !heading) return text;
  const next = c.p.sentences[id + 1];
  if (!next || c.kb.passages[next.passage].file !== passage.file) return text;
  return `${text}${heading ? ': ' : ''}${next.text.trim()}`;
}
