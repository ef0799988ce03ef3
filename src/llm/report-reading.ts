import { arabizeQuantities } from './chinese-numerals.ts';

/**
 * What a plain-language progress report says, read by code — the checks a model's reading must pass
 * (and the reading used when the model is slow, down or wrong):
 * - the state: a stated percentage below 100, or words of work under way (进展到, 推进中, 正在, 基本,
 *   一半, 还没 …), is 推进中; 已完成 / 完成了 / 弄完 … with no such contrary word is 已完成;
 * - the item: a task number written in the text, or the task whose wording the text shares most.
 */

export type ToldState = '推进中' | '已完成';

export interface ToldProgress {
  state: ToldState;
  /** The percentage the text states (one value), 100 when done, else null. */
  percent: number | null;
}

const UNDER_WAY =
  /进展到|进度(?:到|达|为)|推进中|进行中|实施中|建设中|开展中|在建|正在|还在|仍在|尚未|还没|还未|没有?(?:全部)?(?:完成|弄完|办完|做完|干完|办结|完工|建成)|未(?:全部)?(?:完成|办结|完工|建成)|部分|一半|大半|过半|多半|初步|基本|大部|大体|启动|开始|筹备|准备|着手|(?<!按)计划|预计|争取|将于|即将|快要|快完|接近|差不多|收尾|待|还差|剩/;
const DONE = /完成|弄完|办完|做完|干完|搞完|搞定|办结|完工|竣工|建成|落实到位|验收通过|通过验收|上线了|已上线|结项/;

/** The state and percentage the text itself states. */
export function toldProgress(text: string): ToldProgress {
  const t = arabizeQuantities(text.normalize('NFKC')).replace(/\s+/g, '');
  const percents = [
    ...[...t.matchAll(/(?<![\d.])(\d{1,3})(?:\.\d+)?%/g)].map((m) => Number(m[1])),
    ...[...t.matchAll(/(?<![\d.])(\d)成(?![果效立本员为功绩])/g)].map((m) => Number(m[1]) * 10),
  ].filter((p) => p >= 0 && p <= 100);
  const partial = percents.filter((p) => p < 100);
  if (partial.length || UNDER_WAY.test(t)) {
    const distinct = [...new Set(partial)];
    return { state: '推进中', percent: distinct.length === 1 ? distinct[0] : null };
  }
  if (DONE.test(t) || percents.includes(100)) return { state: '已完成', percent: 100 };
  return { state: '推进中', percent: null };
}

export interface ItemCandidate {
  ref: string | null;
  text: string;
}

/** Words of report-speak that say nothing about which task is meant. */
const SPEECH = new Set(
  ('我们 我局 本局 我委 本单位 已经 完成 那项 这项 那个 这个 那块 这块 工作 任务 进展 进度 目前 现在 上周 本周 这周 今天 昨天 ' +
    '基本 全部 弄完 办完 做完 搞定 推进 报告 汇报 情况 项目 单位 部门 开始 启动 正在 已完 完了 质量 建设 开展 提升 加强 推进 落实 达到 以上')
    .split(' ')
    .flatMap((w) => bigramsOf(w)),
);

function bigramsOf(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) if (/^[\u4e00-\u9fff]{2}$/.test(s.slice(i, i + 2))) out.push(s.slice(i, i + 2));
  return out;
}

/** Task numbers of the candidates written in the text ("3.1.1", not a lone "1"). */
export function refsWritten(text: string, candidates: ItemCandidate[]): string[] {
  const t = text.normalize('NFKC');
  const refs = new Set<string>();
  for (const c of candidates) {
    if (!c.ref || !c.ref.includes('.')) continue;
    const escaped = c.ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(?<![\\d.])${escaped}(?![\\d.])`).test(t)) refs.add(c.ref);
  }
  return [...refs];
}

/** How well each candidate's wording matches the text: shared informative bigrams, weighted by rarity. */
export function wordingScores(text: string, candidates: ItemCandidate[]): Array<{ shared: number; score: number }> {
  const said = new Set(bigramsOf(text.normalize('NFKC')).filter((g) => !SPEECH.has(g)));
  const grams = candidates.map((c) => new Set(bigramsOf(c.text.normalize('NFKC'))));
  const df = new Map<string, number>();
  for (const set of grams) for (const g of set) if (said.has(g)) df.set(g, (df.get(g) ?? 0) + 1);
  const n = candidates.length;
  return grams.map((set) => {
    let shared = 0;
    let score = 0;
    for (const g of set) {
      const d = df.get(g);
      if (!d || (d === n && n > 1)) continue;
      shared++;
      score += Math.log(1 + n / d);
    }
    return { shared, score };
  });
}

/** At least this many shared informative bigrams make a wording match. */
const MIN_SHARED = 2;

export interface ItemChoice {
  index: number;
  /** The text names this item alone (its number, or clearly the best wording match). */
  sure: boolean;
}

/**
 * Whether the item at `index` is one the text describes: its number is written in the text, or (no
 * number written) its wording matches the text at least as well as any other candidate's.
 */
export function checkItem(text: string, candidates: ItemCandidate[], index: number): ItemChoice | null {
  const c = candidates[index];
  if (!c) return null;
  const written = refsWritten(text, candidates);
  if (written.length) return c.ref && written.includes(c.ref) ? { index, sure: written.length === 1 } : null;
  const scores = wordingScores(text, candidates);
  const mine = scores[index];
  const best = Math.max(...scores.map((s) => s.score));
  if (mine.shared < MIN_SHARED || mine.score < best) return null;
  return { index, sure: scores.filter((s) => s.score === best).length === 1 };
}

/** The item the text describes, by code alone: a single written number, or a single best wording match. */
export function itemFromText(text: string, candidates: ItemCandidate[]): ItemChoice | null {
  const written = refsWritten(text, candidates);
  if (written.length === 1) {
    const index = candidates.findIndex((c) => c.ref === written[0]);
    return index >= 0 ? { index, sure: true } : null;
  }
  if (written.length > 1) return null;
  const scores = wordingScores(text, candidates);
  const best = Math.max(...scores.map((s) => s.score), 0);
  const top = scores.map((s, i) => ({ ...s, i })).filter((s) => s.score === best && s.shared >= MIN_SHARED);
  return top.length === 1 ? { index: top[0].i, sure: true } : null;
}
