import type { Source } from '../kb/records.ts';
import type { Hit } from '../kb/search-index.ts';
import { tokens } from '../kb/text-tokens.ts';
import { bestPerPlan, MATCH, type Answer, type Ctx } from './answer-context.ts';
import { focus } from './format.ts';

/**
 * Numeric targets: the value with its qualifier and unit ("96%以上", "37370万吨以内") and the year it is
 * due, quoted from the clause that states it. A number the extractor did not file as a target is still
 * found in the plan's sentences, but only a sentence that holds a number is an answer.
 */

const HAS_NUMBER = /\d|[一二两三四五六七八九十百千万]+(个|项|年|家|件|次)/;

export function answerTarget(c: Ctx): Answer | null {
  const hits = c.search(['target', 'sentence']).filter((h) => h.doc.kind === 'target' || HAS_NUMBER.test(h.doc.text));
  const best = bestPerPlan(preferTargets(hits), MATCH);
  if (best.length === 0) return null;
  const lines: string[] = [];
  const sources: Source[] = [];
  for (const h of best.slice(0, 3)) {
    const { line, source } = h.doc.kind === 'target' ? targetLine(c, h) : sentenceLine(c, h);
    lines.push(line);
    sources.push(source);
  }
  return c.answer(lines.join('\n'), sources);
}

/** At equal coverage a target record beats a bare sentence (it carries the year and the value). */
function preferTargets(hits: Hit[]): Hit[] {
  return hits
    .map((h) => (h.doc.kind === 'target' ? { ...h, score: h.score + 0.02 } : h))
    .sort((a, b) => b.score - a.score);
}

function targetLine(c: Ctx, h: Hit): { line: string; source: Source } {
  const t = c.kb.targets[h.doc.index];
  const quote = focusTarget(t.source.quote.replace(/[。;,]$/, ''), t.metric, t.valueText);
  const clause = quote.includes(t.metric) ? quote : `${t.metric}: ${quote}`;
  const year = t.year && !clause.includes(String(t.year)) ? `(目标年份${t.year}年)` : '';
  return { line: `${c.label(t.file)}: ${clause}${year}${c.cite(t.source)}`, source: t.source };
}

export function sentenceLine(c: Ctx, h: Hit): { line: string; source: Source } {
  const ref = c.p.sentences[h.doc.index];
  const passage = c.kb.passages[ref.passage];
  const text = focus(ref.text, tokens(c.q.content));
  return { line: `${c.label(passage.file)}: ${text}${c.cite(passage)}`, source: { ...passage, quote: text } };
}

/** In a clause listing several targets ("创A3个、B达到22个、C达到100件"), the part about this one. */
export function focusTarget(quote: string, metric: string, valueText: string, minLength = 40): string {
  if (quote.length <= minLength) return quote;
  const m = quote.indexOf(metric);
  const v = m >= 0 ? quote.indexOf(valueText, m) : -1;
  return v >= 0 ? quote.slice(m, v + valueText.length) : quote;
}
