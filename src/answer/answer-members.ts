import { tokens } from '../kb/text-tokens.ts';
import type { Answer, Ctx } from './answer-context.ts';
import { short } from './format.ts';

/**
 * "联席会议成员单位都有谁" / "领导小组由哪些部门组成": the bodies a group is made of, as the plan lists them —
 * "联席会议由区教育局、区财政局…组成", "成员单位: 市发改委、市财政局…" — not the one body that leads it.
 */

/** A question for a group's members ("哪些单位参加" asks a task's partners, not this). */
const ASKS_MEMBERS = /成员(?:单位)?[^,，。?？]{0,4}(?:有|是|包括|包含)?(?:谁|哪些|哪几|啥|什么)|由(?:哪些|哪几个|什么)(?:单位|部门|机构)?(?:组成|构成)|(?:哪些|哪几个)(?:单位|部门)(?:组成|构成)/;

/** A group's member list as plans write it: 由A、B、C(等单位)组成 / 成员单位(为|包括|:)A、B、C. */
const MEMBER_LIST = /由((?:[^。;；由]{2,40}?、){2,}[^。;；]{2,60}?)(?:等(?:[\u4e00-\u9fff]{0,8}(?:单位|部门))?)?(?:共同)?(?:组成|构成)|成员单位(?:为|是|包括|有)?\s*[:：]?\s*((?:[^。;；:：]{2,40}?、){2,}[^。;；]{2,60})/;

export function answerMembers(c: Ctx): Answer | null {
  if (!ASKS_MEMBERS.test(c.q.text) || !c.files || c.files.size > 3) return null;
  const found = c.sentenceIds().filter((i) => MEMBER_LIST.test(c.p.sentences[i].text));
  if (found.length === 0) return null;
  // (The group asked about — 联席会议, 领导小组, 指挥部 — is named in the sentence or just before it.)
  const want = new Set(tokens(c.q.content));
  const best = c.mostShared(found, want);
  const ref = c.p.sentences[best];
  const passage = c.kb.passages[ref.passage];
  // (The plan's own sentence: the list with the group it makes up.)
  return c.answer(`${c.label(passage.file)}: ${short(ref.text.trim(), 400)}${c.cite(passage)}`, [{ ...passage, quote: ref.text }]);
}
