/**
 * Department-like names in LLM text ("市气象局", "厦门检验检疫局", "质量强市领导小组") and whether the
 * records name them. Chinese has no spaces, so a name is the run of Han characters before a suffix
 * (局/委/办/厅/部/中心/政府/管委会/小组/队/支行/海关 …), cut at function words (由, 和, 是, 牵头 …).
 * Both sides are normalised by the caller (normalizeForGrounding).
 */

/** Longest first, so "管委会" wins over "委" and "领导小组" over "小组". */
const SUFFIX = /管委会|委员会|联合会|办公室|领导小组|工作小组|小组|中心|政府|支行|分行|银行|海关|协会|商会|学会|工会|局|委|办|厅|部|署|院|所|站|队/g;

/** Uses of suffix characters that are ordinary words: 布局, 部门, 办理, 委托, 中心城区, 队伍, 网站 … */
const NOT_A_NAME: Record<string, { prev?: string; next?: string; prevMust?: string }> = {
  局: { prev: '格布大结当开全终僵残饭赌骗棋平', next: '面势限' },
  委: { next: '员托屈婉派任' },
  办: { prev: '举创开主承协督兴包查代交申操试', next: '理法事好公学成结件文' },
  厅: { prev: '大餐客展舞歌门' },
  部: { prev: '全内外局干细俱乐头总东西南北中上下底顶后前背胸腹面根本一', next: '门分署位件长队委' },
  中心: { prev: '市', next: '城区任工环思内点地位化镇村街组小' },
  署: { prev: '部签公' },
  院: { next: '士长校子落' },
  所: { prev: '场住诊厕处无之其有', next: '有以需属在得谓长' },
  站: { prev: '网车驿油', next: '点长台' },
  队: { prev: '团排梯车球', next: '伍列员长' },
  银行: { next: '业' },
  // "推动政府…", "形成政府…" are not names; 市政府, 各级政府, 当地政府, 区政府 are.
  政府: { prevMust: '省市区县州镇乡级地方' },
};

/** Function words and verb endings a name never spans: "由市质监局牵头", "请督促工商局". */
const BOUNDARY = new Set('由和与及同或并等各是为的了在从将把让被该其属至到向对于请找问给即还均都也则就且而以头责合加括系知促导持助报送派示求议需要可称按'.split(''));
/** Words a rewording puts right before a name ("这项工作市住建局牵头"): never part of it. */
const LEADING_WORDS = /^(?:(?:这|该|此|本)[项条个](?:工作|任务)?|(?:工作|任务)(?=[省市区县]))/;
const HAN = /[\u4e00-\u9fff]/;
const MAX_NAME = 12;
const ADMIN = /[省市区县州镇乡]$/;

interface Mention {
  start: number;
  end: number;
  head: string;
  suffix: string;
}

/** Department-like names in `text` that `haystack` does not support. */
export function ungroundedDepartments(text: string, haystack: string): string[] {
  const bad: string[] = [];
  for (const m of departmentMentions(text)) {
    const name = m.head + m.suffix;
    if (!isGroundedName(name, m.head.length, m.suffix.length, haystack)) bad.push(name);
  }
  return bad;
}

/** Mentions, right to left, with shorter ones inside a longer name dropped ("中心" in "…中心支行"). */
export function departmentMentions(text: string): Mention[] {
  const found: Mention[] = [];
  for (const match of text.matchAll(SUFFIX)) {
    const suffix = match[0];
    const at = match.index;
    const rule = NOT_A_NAME[suffix];
    const before = text[at - 1] ?? '\0';
    if (rule?.prev?.includes(before) || rule?.next?.includes(text[at + suffix.length] ?? '\0')) continue;
    if (rule?.prevMust && !rule.prevMust.includes(before)) continue;
    let start = at;
    while (start > 0 && at - start < MAX_NAME && HAN.test(text[start - 1]) && !BOUNDARY.has(text[start - 1])) start--;
    start += LEADING_WORDS.exec(text.slice(start, at))?.[0].length ?? 0;
    if (start === at) continue;
    found.push({ start, end: at + suffix.length, head: text.slice(start, at), suffix });
  }
  const kept: Mention[] = [];
  let coveredFrom = Infinity;
  for (const m of found.reverse()) {
    if (m.end > coveredFrom) continue;
    kept.push(m);
    coveredFrom = m.start;
  }
  return kept;
}

/**
 * Grounded when the records hold the whole name, or hold its tail (at least two characters before
 * the suffix) and what precedes the tail is itself in the records ("厦门" + "市质监局"), or is the
 * same administrative level the records use ("市" + "质监局" when they say "市卫生局、质监局").
 * "省质监局" against "市质监局", or "泉州质监局" against a 厦门 plan, is not grounded.
 */
function isGroundedName(name: string, headLength: number, suffixLength: number, haystack: string): boolean {
  if (haystack.includes(name)) return true;
  let tail = name.length - 1;
  while (tail > 0 && !haystack.includes(name.slice(-tail))) tail--;
  if (tail - suffixLength < Math.min(2, headLength)) return false;
  const prefix = name.slice(0, name.length - tail);
  if (prefix.length >= 2 && haystack.includes(prefix)) return true;
  if (prefix.length === 1 && ADMIN.test(prefix)) {
    return new RegExp(`${prefix}[\\u4e00-\\u9fff]{1,8}?(?:局|委|办|厅|部|中心|政府)`).test(haystack);
  }
  return false;
}
