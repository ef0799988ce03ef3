import type { Phase, Source } from '../kb/records.ts';
import { tokens } from '../kb/text-tokens.ts';
import { decided, MATCH, type Answer, type Ctx } from './answer-context.ts';
import { formatDate, today } from './format.ts';
import { sentenceLine } from './answer-target.ts';

/**
 * Phases and stages: one phase by name, the phase a date falls in, or the whole schedule; "为期多久"
 * is answered from the sentence that states the duration. A plan without phases says so.
 */

const DURATION = /为期|多久|多长时间|几年/;
/** A question for the plan's own phases. */
const ASKS_PHASES = /(几个|哪些|哪几个|哪几|什么|哪个|当前|现在|目前)(工作)?阶段|分几(个)?(阶段|步)|阶段(安排|划分|怎么分|有哪些|有几个)|步骤|进度安排|^[^,，]{0,12}阶段[?？]?$/;
const CN_ORDINAL = '一二三四五六七八九十';
/** A phase whose description covers this much of a deadline question is what it asks about. */
const PHASE_MATCH = 0.6;

/** A deadline-style question about a phase ("预验收啥时候"): answered from the phase, else not at all. */
export function answerPhaseByName(c: Ctx): Answer | null {
  const phases = c.kb.phases.filter((p) => !c.files || c.files.has(p.file));
  const described = c.search(['phase']).find((h) => h.coverage >= PHASE_MATCH);
  const hit = phaseNamed(c.q.content, phases) ?? (described ? c.kb.phases[described.doc.index] : null);
  if (!hit) return null;
  const line = `${c.label(hit.file)} ${hit.name}: ${hit.when}${hit.description ? `, ${hit.description}` : ''}${c.cite(hit.source)}`;
  return c.answer(line, [hit.source]);
}

export function answerSchedule(c: Ctx): Answer | null {
  const files = c.planFiles();
  // "总结验收阶段安排在几月" of a plan whose phases do not include it: said so, with the phases it has.
  const stage = /([\u4e00-\u9fff]{2,4})阶段/.exec(c.q.text)?.[1];
  // (Of the one plan in scope that has phases — named, or the only one loaded with phases.)
  const phased = [...new Set(c.kb.phases.filter((p) => !c.files || c.files.has(p.file)).map((p) => p.file))];
  if (stage && phased.length === 1 && !/哪|什么|第|当前|现在|目前|各|几个|哪些|这个|那个|每个|下一|上一|本|的/.test(stage)) {
    const phases = c.kb.phases.filter((p) => p.file === phased[0]);
    const core = (p: Phase) => p.name.replace(/^.*[:：]/, '').replace(/阶段$/, '');
    if (phases.length && !phases.some((p) => c.q.text.includes(core(p)) || core(p).includes(stage))) {
      return decided(c.answer(`${c.label(phased[0])}方案中没有找到“${stage}阶段”; 方案写明的阶段: ${phases.map((p) => `${p.name.replace(/^.*[:：]/, '')}(${p.when})`).join('、')}。`, phases.slice(0, 1).map((p) => p.source), false));
    }
  }
  const withPhases = files.filter((f) => c.kb.phases.some((p) => p.file === f));
  const lines: string[] = [];
  const sources: Source[] = [];
  if (DURATION.test(c.q.text)) {
    const hit = c.search(['sentence']).find((h) => /为期|年/.test(h.doc.text) && h.coverage >= MATCH);
    if (hit) {
      const s = sentenceLine(c, hit);
      lines.push(s.line);
      sources.push(s.source);
    }
  }
  if (lines.length) return c.answer(lines.join('\n'), sources);
  if (withPhases.length === 0) {
    // "目标分了哪两个阶段(年份)": a plan without phases that sets its goals at two or more horizons
    // ("到2022年…; 到2035年…") answers with those.
    if (/目标|年份|哪一?年/.test(c.q.text) && c.files) {
      for (const file of files.slice(0, 2)) {
        const plan = c.kb.plans.find((p) => p.file === file);
        const goals = (plan?.facts ?? []).filter((f) => f.kind === 'goalYear');
        if (goals.length < 2) continue;
        lines.push(`${c.label(file)}方案没有分阶段的进度安排; 目标分${goals.length}个时间节点: ${goals.map((g) => `${g.value}年(“${g.quote.slice(0, 40)}${g.quote.length > 40 ? '…' : ''}”)`).join('; ')}〔${c.label(file)}〕`);
        sources.push({ file, ref: null, path: [], line: goals[0].line, quote: goals[0].quote });
      }
      if (lines.length) return c.answer(lines.join('\n'), sources);
    }
    const refusal = c.answer(`${c.scopeLabel()}中没有找到分阶段的进度安排(没有写明阶段和时间)。`, [], false);
    // Decided only when the question asks for the plan's phases, not when it names a stage of something
    // else ("工程审批每个阶段…").
    return ASKS_PHASES.test(c.q.text) ? decided(refusal) : refusal;
  }
  const named = phaseNamed(c.q.content, c.kb.phases.filter((p) => withPhases.includes(p.file)));
  if (named && !/几个阶段|分几|哪些阶段|阶段安排/.test(c.q.text)) {
    return c.answer(`${c.label(named.file)} ${named.name}: ${named.when}${named.description ? `, ${named.description}` : ''}${c.cite(named.source)}`, [named.source]);
  }
  if (!c.files && withPhases.length > 1) {
    return c.answer(`${withPhases.map((f) => c.label(f)).join('、')}的方案都有阶段安排, 请指明城市, 例如“${c.label(withPhases[0])}分几个阶段”。`, []);
  }
  for (const file of withPhases.slice(0, 2)) {
    const phases = c.kb.phases.filter((p) => p.file === file);
    const picked = pickPhases(c, phases);
    lines.push(...picked.lines);
    sources.push(...picked.sources);
  }
  // (Asked of no plan by name, the one plan with phases lacks the one asked for: nothing is said of it —
  // another plan's text may tell it.)
  if (!c.files && sources.length === 0) return null;
  return c.answer(lines.join('\n'), sources);
}

function pickPhases(c: Ctx, phases: Phase[]): { lines: string[]; sources: Source[] } {
  const label = c.label(phases[0].file);
  const line = (p: Phase) => `${p.name}: ${p.when}${p.description ? `, ${p.description}` : ''}${c.cite(p.source)}`;
  // "现在处于哪个阶段": today's phase.
  const now = /现在|目前|当前|眼下|今天/.test(c.q.text) ? today(c.now) : null;
  const when = c.q.date ?? now ?? (c.q.targetYear ? String(c.q.targetYear) : null);
  if (when) {
    const [from, to] = when.length === 4 ? [`${when}-01`, `${when}-12`] : [when.slice(0, 7), when.slice(0, 7)];
    const within = phases.filter((x) => x.start <= to && from <= x.end);
    const asked = when.length === 4 ? `${when}年` : formatDate(when);
    if (within.length === 1) return { lines: [`${label} ${asked}处于${line(within[0])}`], sources: [within[0].source] };
    if (within.length > 1) return { lines: [`${label} ${asked}跨${within.length}个阶段: ${within.map(line).join('; ')}`], sources: within.map((p) => p.source) };
    return { lines: [`${label}的阶段安排中没有包含${asked}的阶段。`], sources: [] };
  }
  const ordinal = /第([一二三四五六七八九十])个?阶段/.exec(c.q.text);
  if (ordinal) {
    const nth = phases[CN_ORDINAL.indexOf(ordinal[1])];
    if (nth) return { lines: [`${label} ${line(nth)}`], sources: [nth.source] };
    return { lines: [`${label}方案中没有找到第${ordinal[1]}阶段: 只有${phases.length}个阶段(${phases.map((p) => p.name).join('、')})。`], sources: [] };
  }
  const named = /几个阶段|分几|哪些阶段|阶段安排|多少个阶段/.test(c.q.text) ? null : phaseNamed(c.q.content, phases);
  if (named) return { lines: [`${label} ${line(named)}`], sources: [named.source] };
  const all = phases.map((p) => `${p.name} ${p.when}`).join('; ');
  return { lines: [`${label}分${phases.length}个阶段${c.cite(phases[0].source)}: ${all}`], sources: phases.map((p) => p.source) };
}

/** The phase the question names ("计划阶段", "预验收"): most of its name, and most of the question. */
function phaseNamed(content: string, phases: Phase[]): Phase | null {
  const q = new Set(tokens(content));
  let best: Phase | null = null;
  let bestScore = 0;
  for (const p of phases) {
    const name = tokens(p.name.replace(/阶段|第[一二三四五六七八九十]+/g, ' '));
    if (name.length === 0 || q.size === 0) continue;
    const shared = name.filter((t) => q.has(t)).length;
    // ("甘肃三项行动啥时候搞总结评估": a phase's whole name in the question names it, whatever else it says.)
    const score = shared === name.length && name.length >= 2 ? 1 + name.length / 100 : Math.min(shared / name.length, shared / q.size);
    if (score > bestScore) [best, bestScore] = [p, score];
  }
  return bestScore >= 0.5 ? best : null;
}
