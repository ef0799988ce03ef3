import type { Source } from '../kb/records.ts';
import { tokens } from '../kb/text-tokens.ts';
import type { Answer, Ctx } from './answer-context.ts';
import { focus } from './format.ts';
import { plain } from './answer-cross-plan.ts';
import { speaksOfTopic } from './answer-duties.ts';

/**
 * What the plan asks of someone who has no duty section or task record — a leading group, "商贸企业",
 * "各新闻媒体": the sentences where they are the subject. A department the plan never mentions is
 * said to be absent rather than answered with another's duties.
 */

const SUBJECT =
  /^(?:对|关于|给)?([\u4e00-\u9fff、()]{2,16}?)(?:在[\u4e00-\u9fff]{0,10}(?:里|中))?(?:都|主要|具体|还|又|应当|应该|需要|要)?(?:提了什么|提出了什么|提出什么|有什么|有啥|有哪些|负责什么|负责啥|负责哪些|负责|的职责|职责|要做|要干|干啥|做什么|要求|承担)/;
const ACTS = /负责|要|应|须|承担|组织|制定|牵头|做好|加强|开展|建立|发挥|实行|推进/;

export function subjectOf(c: Ctx): string | null {
  if (c.q.departments.length) return c.q.departments[0];
  // ("洛阳质量标杆遴选中，各县(市、区)工信主管部门要做什么": the subject opens the last clause.)
  const rest = c.q.rest.replace(/^[\s,,]+/, '').replace(/^(方案里|方案中|方案|的)+/, '');
  const last = rest.slice(Math.max(rest.lastIndexOf(','), rest.lastIndexOf('，')) + 1);
  const m = SUBJECT.exec(rest) ?? (last !== rest ? SUBJECT.exec(last.trim()) : null);
  if (!m) return null;
  const s = m[1].replace(/^(市|本市|全市)(?=[\u4e00-\u9fff]{2})/, '');
  return s.length >= 2 && !/^(哪|什么|谁|我们|本|方案)/.test(s) ? s : null;
}

export function answerAboutSubject(c: Ctx): Answer | null {
  const quoted = c.q.quoted ? quotedSentence(c, c.q.quoted) : null;
  if (quoted) return quoted;
  const subject = subjectOf(c);
  if (!subject) return null;
  const bare = subject.replace(/^市(?!委)/, '');
  const found: Array<{ text: string; source: Source; acts: boolean }> = [];
  for (const i of c.sentenceIds()) {
    const s = c.p.sentences[i];
    const p = c.kb.passages[s.passage];
    if (!s.text.includes(bare)) continue;
    const after = s.text.slice(s.text.indexOf(bare) + bare.length, s.text.indexOf(bare) + bare.length + 8);
    found.push({ text: withContinuation(c, i, bare), source: p, acts: ACTS.test(after) });
  }
  if (found.length === 0) return absent(c, subject);
  // "X在食品追溯方面要做什么": only what X is said to do about that topic.
  if (!found.some((f) => speaksOfTopic(c, f.text))) return null;
  found.splice(0, found.length, ...found.filter((f) => speaksOfTopic(c, f.text)));
  found.sort((a, b) => Number(b.acts) - Number(a.acts));
  const shown = found.slice(0, 3);
  const lines = shown.map((f) => `${c.label(f.source.file)}: ${focus(f.text, tokens(bare), 200)}${c.cite(f.source)}`);
  return c.answer(lines.join('\n'), shown.map((f) => ({ ...f.source, quote: f.text.slice(0, 120) })));
}

/** "“四个纳入”指哪些": a question about a quoted phrase, other than who owns or what figure it has. */
export function answerQuoted(c: Ctx): Answer | null {
  return c.q.quoted ? quotedSentence(c, c.q.quoted) : null;
}

/** A phrase in quotation marks (“三控制”) is best answered by the sentence that states it. */
function quotedSentence(c: Ctx, phrase: string): Answer | null {
  const key = plain(phrase);
  const all = c.sentenceIds().filter((i) => plain(c.p.sentences[i].text).includes(key));
  if (all.length === 0) return null;
  // Of the sentences that quote it (a headline, the sentence that explains it), the one sharing most of
  // the rest of the question.
  const i = all.length === 1 ? all[0] : c.mostShared(all, new Set(tokens(c.q.content.split(phrase).join(' '))));
  const s = c.p.sentences[i];
  const p = c.kb.passages[s.passage];
  // "“规划引领…建设”具体要做哪些事": a heading sentence states nothing; what follows it in its item does.
  let text = s.text;
  if (c.q.intent === 'duties' || text.length < 30) {
    for (let j = i + 1; j < c.p.sentences.length && text.length < 200 && c.p.sentences[j].passage === s.passage; j++) text += c.p.sentences[j].text;
  }
  return c.answer(`${c.label(p.file)}: ${focus(text, tokens(phrase), text === s.text ? 120 : 260)}${c.cite(p)}`, [{ ...p, quote: s.text.slice(0, 120) }]);
}

/**
 * A requirement often goes on in the next sentences without repeating its subject ("建筑施工企业要…。
 * 坚持施工“三控制”…"): they come along until another subject takes over, within chat size.
 */
function withContinuation(c: Ctx, i: number, subject: string): string {
  const first = c.p.sentences[i];
  let text = first.text;
  for (let j = i + 1; j < c.p.sentences.length && text.length < 160; j++) {
    const next = c.p.sentences[j];
    if (next.passage !== first.passage || /^[\u4e00-\u9fff]{2,10}(企业|部门|单位|政府|媒体|小组|机构)要/.test(next.text) || next.text.includes(subject)) break;
    text += next.text;
  }
  return text;
}

/** A body the plans in scope never mention: say so (a department-like name only). */
function absent(c: Ctx, subject: string): Answer | null {
  if (!/(局|委|办|厅|部门|公司|中心|小组)$/.test(subject)) return null;
  return c.answer(`${c.scopeLabel()}中没有提到${subject}, 没有找到它的职责或任务。`, [], false);
}

const WHERE = /设在哪|设在什么|设在何处|在哪里|在哪儿|在哪办|在哪举办|在什么地方|办公地点|地址|设于|放在哪|哪个地点|什么地点/;
/** A placing word, or a place where an event is held ("地点:桃花广场", "在市人民广场举办"). */
const PLACE = /设在|设于|下设|办公地点|地点在|办公室在|设立在|地点\s*[:：]|在[\u4e00-\u9fff]{2,20}(?:举办|举行|召开)/;

/** "领导小组办公室设在哪": a sentence that places the body, found by its name and a placing verb. */
export function answerLocation(c: Ctx): Answer | null {
  if (!WHERE.test(c.q.text)) return null;
  const topic = c.q.topic.replace(WHERE, ' ');
  let hits = c.search(['sentence'], topic, 60).filter((h) => PLACE.test(h.doc.text) && h.coverage >= 0.3);
  // (Without the words that name the plan itself: "3·15主会场" is the 主会场.)
  const own = hits.length === 0 ? c.withoutPlanWords(topic) : null;
  if (own) hits = c.search(['sentence'], own, 60).filter((h) => PLACE.test(h.doc.text) && h.coverage >= 0.5);
  if (hits.length === 0) return null;
  const best = hits.filter((h) => h.doc.file === hits[0].doc.file || c.files).slice(0, 2);
  const lines = best.map((h) => {
    const s = c.p.sentences[h.doc.index];
    const p = c.kb.passages[s.passage];
    return { line: `${c.label(p.file)}: ${focus(s.text, tokens(c.q.topic), 80)}${c.cite(p)}`, source: { ...p, quote: s.text.slice(0, 120) } };
  });
  return c.answer(lines.map((l) => l.line).join('\n'), lines.map((l) => l.source));
}
