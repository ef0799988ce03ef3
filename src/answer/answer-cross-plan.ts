import type { Source } from '../kb/records.ts';
import type { Hit } from '../kb/search-index.ts';
import type { Answer, Ctx } from './answer-context.ts';
import { focus } from './format.ts';
import { tokens } from '../kb/text-tokens.ts';

/**
 * Questions over several plans ("哪些城市提出推行首席质量官制度?"): every plan whose text states the
 * thing, each city with its own citation. Stricter than a single answer: listing a city is a claim.
 */

const CROSS_MATCH = 0.6;

export function answerCrossPlan(c: Ctx): Answer | null {
  if (/阶段|进度安排|工作步骤/.test(c.q.text) && c.q.content.replace(/阶段|进度|安排|有|步骤/g, '').trim().length < 2) return plansWithPhases(c);
  const hits = c.search(['sentence', 'task', 'target', 'duty', 'report'], c.q.quoted ?? c.q.content, 400);
  const states = statesIt(c);
  const best = new Map<string, Hit>();
  for (const h of hits) {
    if (h.coverage < CROSS_MATCH || !states(h.doc.text)) continue;
    const prev = best.get(h.doc.file);
    // A plan's own sentence quotes it best; a record (table row, target) stands in when there is none.
    if (!prev || (prev.doc.kind !== 'sentence' && h.doc.kind === 'sentence')) best.set(h.doc.file, h);
  }
  if (best.size === 0) return null;
  const lines: string[] = [];
  const sources: Source[] = [];
  for (const [file, h] of best) {
    const source = sourceOf(c, h);
    // The indexed text is what states the topic (a record's quote may be another part of its clause).
    const text = h.doc.kind === 'sentence' ? c.p.sentences[h.doc.index].text : h.doc.text;
    lines.push(`${c.label(file)}: ${focus(text, tokens(c.q.content), 50)}${c.cite(source)}`);
    sources.push(source);
  }
  const cities = [...best.keys()].map((f) => c.label(f));
  return c.answer(`共${cities.length}个方案提到(${cities.join('、')}):\n${lines.join('\n')}`, sources);
}

/**
 * A short topic ("质量月", "12365") must appear literally: coverage alone would let its generic part
 * ("质量") vouch for a city. Longer topics rely on coverage and the search's most-specific-word rule.
 */
function statesIt(c: Ctx): (text: string) => boolean {
  const plain = (s: string) => s.replace(/[“”‘’"'《》「」\s]/g, '');
  const topic = plain(c.q.quoted ?? c.q.content);
  if (topic.length > 0 && topic.length <= 6) return (text) => plain(text).includes(topic);
  return () => true;
}

/** The source of any hit (records carry one; sentences take their passage's). */
export function sourceOf(c: Ctx, h: Hit): Source {
  const d = h.doc;
  switch (d.kind) {
    case 'task':
      return c.kb.tasks[d.index].source;
    case 'target':
      return c.kb.targets[d.index].source;
    case 'duty':
      return c.kb.duties[d.index].source;
    case 'phase':
      return c.kb.phases[d.index].source;
    case 'report':
      return c.kb.reports[d.index].source;
    case 'sentence': {
      const s = c.p.sentences[d.index];
      return { ...c.kb.passages[s.passage], quote: s.text };
    }
  }
}

/** "哪些城市有阶段安排": the plans that set phases, with their count and span. */
function plansWithPhases(c: Ctx): Answer | null {
  const files = c.planFiles().filter((f) => c.kb.phases.some((p) => p.file === f));
  if (files.length === 0) return null;
  const lines = files.map((f) => {
    const phases = c.kb.phases.filter((p) => p.file === f);
    return `${c.label(f)}: 分${phases.length}个阶段, ${phases[0].start}至${phases.at(-1)!.end}${c.cite(phases[0].source)}`;
  });
  return c.answer(`共${files.length}个方案有阶段安排:\n${lines.join('\n')}`, files.map((f) => c.kb.phases.find((p) => p.file === f)!.source));
}
