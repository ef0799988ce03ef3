import type { KnowledgeBase } from './knowledge-base.ts';
import type { Target } from './records.ts';
import { uniqueTokens } from './text-tokens.ts';

/**
 * Retrieval over the structured records (and the plans' sentences, for facts no record captures).
 * Scoring is IDF-weighted coverage: the share of the question's informative tokens that a record
 * contains. Unlike raw BM25 it has an absolute scale, so "nothing matches well enough" is a threshold,
 * which is how the engine knows to say a fact is not in the plans.
 */

export type DocKind = 'task' | 'target' | 'duty' | 'phase' | 'report' | 'sentence';

export interface SearchDoc {
  kind: DocKind;
  file: string;
  /** Index into the knowledge base's array of that kind (for sentences: into `passages`). */
  index: number;
  text: string;
}

export interface Hit {
  doc: SearchDoc;
  /** IDF-weighted share of the query's tokens found in the record, 0…1. */
  coverage: number;
  /** coverage plus a small bonus for short, specific records. */
  score: number;
}

export interface SearchOptions {
  files?: ReadonlySet<string> | null;
  kinds?: ReadonlySet<DocKind> | null;
  limit?: number;
}

/** Tokens in more than this share of records do not generate candidates (they still score). */
const COMMON_SHARE = 0.25;
const MAX_CANDIDATES = 4000;

export class SearchIndex {
  readonly docs: SearchDoc[] = [];
  private readonly vocab = new Map<string, number>();
  private df: number[] = [];
  private postings: number[][] = [];
  private docTokens: Int32Array[] = [];
  private readonly docIds = new Map<SearchDoc, number>();

  add(doc: SearchDoc): void {
    const id = this.docs.length;
    this.docs.push(doc);
    this.docIds.set(doc, id);
    const ids = uniqueTokens(doc.text).map((t) => this.intern(t));
    ids.sort((a, b) => a - b);
    this.docTokens.push(Int32Array.from(ids));
    for (const t of ids) {
      this.df[t]++;
      this.postings[t].push(id);
    }
  }

  private intern(token: string): number {
    let id = this.vocab.get(token);
    if (id === undefined) {
      id = this.vocab.size;
      this.vocab.set(token, id);
      this.df.push(0);
      this.postings.push([]);
    }
    return id;
  }

  /**
   * IDF of a token; a token no record contains weighs half the maximum (a typo should not veto), except
   * a join ("+省名"), which only sharpens matches that have it and never counts against the others.
   */
  idf(token: string): number {
    const n = this.docs.length;
    const id = this.vocab.get(token);
    if (id === undefined && token.startsWith('+')) return 0;
    const df = id === undefined ? 0 : this.df[id];
    const w = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    return id === undefined ? w / 2 : w;
  }

  /** The query token with the highest IDF that some record contains (unknown tokens cannot be required). */
  mostSpecific(queryTokens: string[]): string | null {
    let best: string | null = null;
    let bestIdf = -1;
    for (const t of new Set(queryTokens)) {
      const id = this.vocab.get(t);
      if (id === undefined || t.startsWith('+')) continue;
      const w = this.idf(t);
      if (w > bestIdf) [best, bestIdf] = [t, w];
    }
    return best;
  }

  /** Whether any record has the token. */
  knows(token: string): boolean {
    return this.vocab.has(token);
  }

  /** Whether a document contains a token. */
  contains(doc: SearchDoc, token: string): boolean {
    const id = this.vocab.get(token);
    const docId = this.docIds.get(doc);
    return id !== undefined && docId !== undefined && has(this.docTokens[docId], id);
  }

  search(queryTokens: string[], opts: SearchOptions = {}): Hit[] {
    const q = [...new Set(queryTokens)].map((t) => ({ t, id: this.vocab.get(t), w: this.idf(t) }));
    const total = q.reduce((s, x) => s + x.w, 0);
    if (total === 0) return [];
    const candidates = this.candidates(q, opts);
    const hits: Hit[] = [];
    for (const docId of candidates) {
      const toks = this.docTokens[docId];
      let matched = 0;
      for (const x of q) if (x.id !== undefined && has(toks, x.id)) matched += x.w;
      const coverage = matched / total;
      hits.push({ doc: this.docs[docId], coverage, score: coverage + 0.04 / (1 + toks.length / 80) });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, opts.limit ?? 20);
  }

  /** Docs sharing a rarer query token, filtered by plan and kind. */
  private candidates(q: Array<{ id: number | undefined }>, opts: SearchOptions): Set<number> {
    const n = this.docs.length;
    const ids = q.flatMap((x) => (x.id === undefined ? [] : [x.id])).sort((a, b) => this.df[a] - this.df[b]);
    const out = new Set<number>();
    for (const id of ids) {
      if (this.df[id] > n * COMMON_SHARE && out.size > 0) break;
      for (const docId of this.postings[id]) {
        const d = this.docs[docId];
        if (opts.files && !opts.files.has(d.file)) continue;
        if (opts.kinds && !opts.kinds.has(d.kind)) continue;
        out.add(docId);
      }
      if (out.size >= MAX_CANDIDATES) break;
    }
    return out;
  }
}

function has(sorted: Int32Array, x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid];
    if (v === x) return true;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Sentences of a passage: split at 。 ; ! ? so one fact is one retrievable unit. */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[。;!?])/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 4);
}

/** Every record and sentence of a knowledge base, indexed. */
export function buildSearchIndex(kb: KnowledgeBase): { index: SearchIndex; sentences: SentenceRef[] } {
  const index = new SearchIndex();
  const tail = (path: string[]) => path.slice(-2).join(' ');
  kb.tasks.forEach((t, i) => index.add({ kind: 'task', file: t.file, index: i, text: `${t.text} ${tail(t.source.path)}` }));
  kb.targets.forEach((t, i) => index.add({ kind: 'target', file: t.file, index: i, text: targetText(t) }));
  kb.duties.forEach((d, i) => index.add({ kind: 'duty', file: d.file, index: i, text: `${d.heading} ${d.text}` }));
  kb.phases.forEach((p, i) => index.add({ kind: 'phase', file: p.file, index: i, text: `${p.name} ${p.when} ${p.description}` }));
  kb.reports.forEach((r, i) => index.add({ kind: 'report', file: r.file, index: i, text: `${r.what} ${r.source.quote}` }));
  const sentences: SentenceRef[] = [];
  kb.passages.forEach((p, pi) => {
    for (const s of sentencesOf(p.text)) {
      // A sentence is found by its section's heading too ("(二)总体目标" … "到2020年,建立起…").
      const heading = p.path.at(-1)?.replace(/^[^、)]*[、)]/, '') ?? '';
      index.add({ kind: 'sentence', file: p.file, index: sentences.length, text: heading && !s.startsWith(heading) ? `${s} ${heading}` : s });
      sentences.push({ passage: pi, text: s });
    }
  });
  return { index, sentences };
}

/** A target is found by its own part of the clause, so the targets of one clause stay apart. */
function targetText(t: Target): string {
  const quote = t.source.quote;
  const m = quote.indexOf(t.metric);
  if (m < 0) return `${t.metric} ${t.valueText}`;
  const after = quote.indexOf(t.valueText, m);
  if (after >= 0) return quote.slice(m, after + t.valueText.length);
  const before = quote.lastIndexOf(t.valueText, m); // value first: "建成3家绿色示范工厂"
  return before >= 0 ? quote.slice(before, m + t.metric.length) : `${t.metric} ${t.valueText}`;
}

export interface SentenceRef {
  passage: number;
  text: string;
}
