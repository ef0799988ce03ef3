/**
 * Okapi BM25 over character unigrams and bigrams: the ranking a plain retrieval bot uses, kept here as
 * duban's floor for the text it offers when it cannot answer ("相近的原文"). Character n-grams need no
 * segmentation, so a question worded unlike the plan ("压到多少天" / "压缩至90个工作日") still meets the
 * sentence that shares most of its characters. Scores are relative (no absolute scale): use it to order
 * text already in scope, never to decide whether something was found.
 */

const K1 = 1.2;
const B = 0.75;
const SKIP = /[\s\p{P}\p{S}]/gu;

/** Unigrams and bigrams of the text without spaces, punctuation and symbols. */
export function charTerms(text: string): string[] {
  const t = text.toLowerCase().replace(SKIP, '');
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    out.push(t[i]);
    if (i + 1 < t.length) out.push(t.slice(i, i + 2));
  }
  return out;
}

export interface Ranked {
  /** Position in the `docs` given. */
  index: number;
  score: number;
}

/**
 * The `k` best of `docs` for `query` (score > 0, best first; equal scores keep the documents' order).
 * IDF is taken over `docs` themselves, so rank the whole scope at once, not a pre-filtered few.
 */
export function rankByBm25(docs: readonly string[], query: string, k: number): Ranked[] {
  const q = [...new Set(charTerms(query))];
  if (q.length === 0 || docs.length === 0 || k <= 0) return [];
  const wanted = new Set(q);
  // Only the query's terms are counted, and a pair is cut out only where its first character starts one of
  // the query's pairs: one pass over each text, allocating next to nothing.
  const starts = new Set(q.filter((w) => w.length === 2).map((w) => w[0]));
  const tfs: Array<Map<string, number>> = [];
  const lengths: number[] = [];
  const df = new Map<string, number>();
  for (const d of docs) {
    const t = d.toLowerCase().replace(SKIP, '');
    const tf = new Map<string, number>();
    for (let i = 0; i < t.length; i++) {
      const ch = t[i];
      if (wanted.has(ch)) tf.set(ch, (tf.get(ch) ?? 0) + 1);
      if (i + 1 < t.length && starts.has(ch)) {
        const pair = t.slice(i, i + 2);
        if (wanted.has(pair)) tf.set(pair, (tf.get(pair) ?? 0) + 1);
      }
    }
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    tfs.push(tf);
    // (As many terms as charTerms gives: each character and each pair.)
    lengths.push(Math.max(0, 2 * t.length - 1));
  }
  const n = docs.length;
  const avg = lengths.reduce((a, b) => a + b, 0) / n || 1;
  const idf = new Map(q.map((w) => [w, Math.log(1 + (n - (df.get(w) ?? 0) + 0.5) / ((df.get(w) ?? 0) + 0.5))]));
  const scored: Ranked[] = [];
  tfs.forEach((tf, index) => {
    let score = 0;
    for (const [w, f] of tf) score += idf.get(w)! * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * lengths[index]) / avg)));
    if (score > 0) scored.push({ index, score });
  });
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, k);
}
