import { pinyin } from 'pinyin-pro';
import { normalizeText, toSimplified } from '../ingest/normalize-text.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { findPlaces, lookupPlace, lookupPlaceLoosely, placeContains, placeNames, shortPlaceName } from '../kb/place-names.ts';
import { ASKS_STEPS, FREQUENCY_ASK } from './answerability.ts';

/**
 * What a staff question asks: its kind (intent), which plans it names (city, 文号), item numbers,
 * departments, dates, and the content words left once those are taken out. Rule-based and fast; it
 * tolerates traditional characters, full-width input, spaces and keyword-only queries.
 */

export type Intent =
  | 'help'
  | 'cross_plan'
  | 'reporting'
  | 'schedule'
  | 'deadline'
  | 'duties'
  | 'owner'
  | 'target'
  | 'search';

export interface Question {
  raw: string;
  /** Normalised (half-width, simplified) question text. */
  text: string;
  intent: Intent;
  /** Plans the question names; empty = not named. */
  files: string[];
  /** Item numbers: "1.4.3" (table), "15" (第15条), "(三)". */
  refs: string[];
  /** Department names as they appear in the question. */
  departments: string[];
  /** A date named in the question ("2019年5月") as YYYY-MM(-DD). */
  date: string | null;
  /** The question with plan names, departments and question words removed: what to search for. */
  content: string;
  /** The asker wants the 任务分解表 row rather than the body text. */
  wantsTable: boolean;
  /** 我们局/本部门: the asker's own department (from the chat binding or a command argument). */
  ownDepartment: boolean;
  /** The content before department names were taken out (for plain text search). */
  topic: string;
  /** The question without plan names and item numbers, question words kept. */
  rest: string;
  /** The target year asked about ("2020年…目标"), not a baseline ("比2010年"). */
  targetYear: number | null;
  /** The unit the question expects ("多少件" → 件, "多少钱" → 元). */
  unit: string | null;
  /** A phrase in quotation marks (“黑名单”): the exact thing asked about. */
  quoted: string | null;
  /** A place the question names whose plan is not loaded ("杭州"). */
  unknownPlace: string | null;
  /** A place no plan names, the question answered from a plan that names none (said so in the answer). */
  guessedFor?: string | null;
  /** Beside loaded places, a place no plan is for ("金东和临安的…": 临安). */
  otherPlace?: string | null;
}

/** How often or by which day something is handed in: "多久报一次", "几号前报", "哪天前交". */
const REPORT_TIME = /报一次|(几号|哪天|何时|什么时候|啥时候)(之?前)?(报|交)(?![告名])/;

const INTENTS: Array<[Intent, RegExp]> = [
  ['help', /^(帮助|help|菜单|功能|使用说明|怎么用|你能做什么|能问什么|你是谁|\?)$/i],
  ['cross_plan', /哪些(城市|方案|地方|市|地区|区|县|省|州)(?!局|委|政府)|哪几个(城市|方案|地方|市|地区)|哪几(个)?市|几个(城市|方案)|各(城市|地)(?![、,，]?各?(部门|单位))(都)?|(哪些|几个)方案|哪个市|哪些地方|方案(里|中)哪些|哪些(提到|提出|规定|明确|要求)/],
  // (A 政府工作报告 is the document the tasks come from, not a report to send.)
  ['reporting', new RegExp(String.raw`(?<!政府工作|工作)报告(?!重点|确定|任务|目标|责任)|报送|上报|汇报|[要需应]报(?=[\u4e00-\u9fff])|多久报|${REPORT_TIME.source}|总结(材料)?(交|报|给|送)|交给谁|报给谁|交到哪|报到哪|报哪`)],
  ['schedule', /阶段|进度安排|工作步骤|实施步骤|推进步骤|为期|多久|多长时间|哪段时间|时间安排|分几步/],
  ['deadline', /哪几天|几号到几号|什么时候|什么时间|何时|啥时候|完成时限|时限|时间节点|截止|期限|哪天|几月|哪个月|哪月|到期|完成时间|哪年完成|哪一年/],
  ['duties', /(?:要|需|应|需要)明确(?:哪些|什么|啥)|(?:负责|牵头|承担|参与|配合|分管)(?:了|的)?(?:哪几|哪些)(?!部门|单位|局|委)|负责什么|负责哪些|负责啥|职责|干啥|干嘛|做什么|干什么|要做|任务有哪些|哪些任务|有什么任务|要干|工作有哪些|要求有哪些|有啥要求|有什么要求|提了什么要求|提出了什么要求|要求是什么|承担/],
  ['owner', /谁|协同单位|协办单位|发起部门|哪个部门|哪些部门|哪个单位|哪些单位|哪个委|哪个办|哪个科|哪个处|哪个室|哪几家(?!知名|企业|公司|品牌|医院|学校|银行)|哪几个部门|哪几个单位|什么部门|啥部门|哪个局|哪些局|哪家|牵头|责任单位|负责单位|由哪|配合|参加|主责|归口/],
  ['target', /多少|几个|几项|几家|几件|几张|几天|几次|目标|指标|比例|百分之|达到|合格率|覆盖率|满意度|率|数量|多大/],
];

/** Words that say what kind of question it is, not what it is about. */
const QUESTION_WORDS =
  /请问|请|一下|哪位[县市区镇乡旗州省]?(?:副?(?:领导|县长|市长|区长|旗长))?|安排在|是啥|分别是|目标是|各是|几号前|几号|多久报一次|报一次|上报给|报给|报到|交给|各为|分别为|今年|本年度|除了|以外|之外|还有|这一块|这块|这一部分|这部分|这方面|由哪个|由哪些|由哪家|由什么|哪个股室|股室|科室|处室|怎么算|怎么处理|怎么办|咋算|咋办|那一条|那一项|那条|那项|这些|那些|(?<![存所现实])在哪儿|(?<![存所现实])在哪里|哪里|哪儿|(?<![存所现实])在哪|哪个月|哪月|几月份|哪一年|哪年|五个方案里|哪段时间|什么时间段|时间段|在哪些方案里|在哪几个方案里|在哪些方案中|哪些方案里|哪几个方案|哪些方案|哪些城市|哪几个城市|哪些地方|出现过|出现|提到过|提到了|提及过|里面|我想知道|想问|是哪个|是哪些|(?:哪个|哪些|哪家|什么)(?:机构|机关|组织)|都有|都是|都包括|参与负责|参与单位|参与的单位|哪个|哪些|哪家|是谁|由谁|谁|什么时候|什么时间|啥时候|何时|什么|多少|几个|几项|几家|几件|是否|有没有|有无|吗|呢|啊|吧|呀|怎么样|怎样|如何|要求|规定|提出|提到|提及|方案里|方案中|方案|分解表里|分解表中|分解表|这一条|这一项|这条|这项|该项|其中|完成时限|时限|牵头单位|责任单位|配合单位|协同单位|协办单位|发起部门|配合部门|负责单位|牵头|负责(?!人)|配合|协同|发起|参加|部门|单位|职责|分别|目标是|目标|要达到|达到|完成|截止|到期|为期|多久|多长时间|阶段|干啥|做什么|干什么|在创建中|创建中|我们局|我局|本局|本部门|我们部门|我们|啥/g;

/** Words that ask which, when or how many — a closed class, whatever the topic (哪个, 几号前 and the
 * like are QUESTION_WORDS', taken out whole there). */
const ASKING = /哪(?:一|[两二三四五六七八九十])?(?:天|日|次|条|张|级|块|步|份|种|类|批|轮|几(?:个|项|家|种|类|条|方面|天|日|次|年|月)?)|哪[两二三四五六七八九十]个|哪个(?=[局委办处科])|第几[\u4e00-\u9fff]?|几(?:部分|年|月|天|日|次|条|份|种|步|名|部|组|分|户|句|大|时|批|轮|类|期|届)|最(?:晚|早|迟)|具体(?=是|为|在|哪|什么|啥|多少|几|怎么|如何|到|时间|日期)/g;

const DEPT_NAME = /^.{1,20}(局|委|办|部|院|会|厅|队|行|关|所|政府|中心|小组|室|站|社|台|联|协|部门|股|科|处)$/;

export interface Lexicon {
  /** City or 文号 → plan file. Longest names first. */
  plans: Array<[string, string]>;
  /** Pinyin of the loaded plans' places → the place as written (gangcheng → 钢城). */
  pinyin?: Array<[string, string]>;
  /** Department names (as written and config aliases), longest first. */
  departments: string[];
  /**
   * Every plan's title as a question writes it (titleKey) → plan file, and whether the plan's place is
   * unknown (a notice that says only 全市: "九江市2022年全市食品安全重点工作安排里…" names it by its title).
   * Longest first.
   */
  titles?: Array<[key: string, file: string, placeless: boolean]>;
}

/** A title as a question writes it: no brackets, quotes or spaces; 全市/全县/本市 dropped. */
const titleKey = (s: string) => s.replace(/[《》〈〉“”"'‘’「」\s]/g, '').replace(/(全|本)(市|县|区|省|州|旗)/g, '');

/** Title words that name no plan in particular. */
const GENERIC_TITLE_WORD = /^(关于|开展|工作|通知|方案|实施|意见|质量|年度|重点|推进|建设|加强|进一步|活动|印发|任务|情况|落实|计划|要点|管理|办法|全市|全县|全省|全区|发展|提升|行动|政府|报告|有关|做好|组织|进展|的|年|市|县|区|省)+$/;

/**
 * The one placeless plan whose title shares with the question runs of characters no other title has —
 * five characters or more of them, none a generic title word ("质量月" and "征文": only that notice's).
 */
function byTitleWords(question: string, titles: Array<[string, string, boolean]>): string | null {
  const q = question.replace(/[^\u4e00-\u9fff]/g, ' ');
  // (How many titles hold a run: counted once per run, not once per title that shares it.)
  const holders = new Map<string, number>();
  const heldBy = (run: string) => holders.get(run) ?? holders.set(run, titles.filter(([t]) => t.includes(run)).length).get(run)!;
  const score = new Map<string, number>();
  for (const [title, file, placeless] of titles) {
    if (!placeless) continue;
    let n = 0;
    for (let i = 0; i < q.length; ) {
      let j = i + 1;
      while (j <= q.length && q[j - 1] !== ' ' && title.includes(q.slice(i, j))) j++;
      const run = q.slice(i, j - 1);
      if (run.length >= 2 && !/^\d/.test(run) && !GENERIC_TITLE_WORD.test(run) && heldBy(run) === 1) n += run.length;
      i = Math.max(i + 1, j - 1);
    }
    if (n) score.set(file, n);
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
  return ranked.length && ranked[0][1] >= 5 && (ranked.length === 1 || ranked[1][1] < ranked[0][1]) ? ranked[0][0] : null;
}

/**
 * Places below a county and zones a plan is for, as its title, issuer or opening writes them ("高青县木李镇
 * 2024年…", "广西-东盟经济技术开发区建设质量强区工作领导小组办公室"): the gazetteer knows counties only.
 * Each with the forms staff type: without the hyphen, without the region before it, 经开区 / 高新区.
 */
export function subPlaceForms(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:^|[县市区旗])([\u4e00-\u9fff]{2,3}(?:镇|乡|街道))(?=人民政府|党委|政府|办事处|\d|[^\u4e00-\u9fff]|关于|$)/g)) {
    if (!/^(各|全|本|乡|城|村|该)/.test(m[1])) out.add(m[1]);
  }
  for (const m of text.matchAll(/([\u4e00-\u9fff]{2,6}-?[\u4e00-\u9fff]{0,6}?)(经济技术开发区|高新技术产业开发区|经济开发区|高新区|经开区|开发区|新区)/g)) {
    const name = m[1].replace(/^(关于|印发|加快|推进|建设)/, '');
    if (name.length < 2 || /^(各|全|本|该|市|县|区)/.test(name)) continue;
    const short = m[2] === '经济技术开发区' ? '经开区' : m[2] === '高新技术产业开发区' ? '高新区' : m[2];
    const parts = [name, name.replace('-', ''), ...(name.includes('-') ? [name.split('-').pop()!] : [])];
    for (const part of parts) if (part.length >= 2) [`${part}${m[2]}`, `${part}${short}`].forEach((f) => out.add(f));
    // ("西咸地标申报": a 新区 with a name of its own goes by the name alone.)
    const own = name.replace(/^[\u4e00-\u9fff]{2,3}省/, '');
    if (m[2] === '新区' && own.length === 2 && !/高新|经济|开发|城市|城区|东部|西部|南部|北部/.test(own)) out.add(own);
  }
  return [...out];
}

export function buildLexicon(kb: KnowledgeBase): Lexicon {
  const plans: Array<[string, string]> = [];
  const opening = new Map<string, string>();
  for (const x of kb.passages ?? []) if (!opening.has(x.file)) opening.set(x.file, x.text.slice(0, 120));
  for (const p of kb.plans) {
    const own = new Set([...placeForms(p.city), ...(p.docNo ? [p.docNo] : []), ...subPlaceForms([p.title, p.issuer, opening.get(p.file)].filter(Boolean).join(' '))]);
    for (const name of own) plans.push([name, p.file]);
  }
  // Only names that read as a body (市质监局, 卫计委): stems such as 商务 or 交通 are ordinary words.
  const names = new Set<string>();
  for (const e of kb.departments.entries()) {
    for (const n of [...e.asWritten, ...kb.departments.aliasesOf(e.key)]) {
      if (!DEPT_NAME.test(n)) continue;
      names.add(n);
      // "嘉鱼县科经局" reads as the place and "科经局" once the place is taken: the name without its level.
      const bare = n.replace(/^[县区市省州]/, '');
      if (bare !== n && bare.length >= 3 && DEPT_NAME.test(bare) && !/^(委|政府|人民政府)/.test(bare)) names.add(bare);
    }
  }
  // Staff type a place in pinyin ("gangcheng区", "qiqihaer"): the pinyin of each loaded plan's place
  // names it, when it names no other loaded place too (taizhou is 泰州 or 台州: only if one is loaded).
  const pinyinOf = new Map<string, Set<string>>();
  for (const [name] of plans) {
    if (!/^[\u4e00-\u9fff]{2,}$/.test(name)) continue;
    // (西藏自治区 → xizang, 天府新区 → tianfu: the name without its level or zone words.)
    const base = shortPlaceName(name.replace(/(火炬)?(高新技术产业开发区|高技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区|新区)$/, ''));
    // (湘西州 → 湘西; 明州 stays 明州.)
    const short = base.length > 2 ? base.replace(/(自治州|州)$/, '') : base;
    const written = short.length >= 2 ? short : name;
    const latin = toPinyin(written);
    if (latin.length >= 4) pinyinOf.set(latin, (pinyinOf.get(latin) ?? new Set()).add(written));
  }
  const pinyin = [...pinyinOf].filter(([, names]) => names.size === 1).map(([latin, names]): [string, string] => [latin, [...names][0]]);
  const titles: Array<[string, string, boolean]> = kb.plans.filter((p) => p.title && titleKey(p.title).length >= 6).map((p) => [titleKey(p.title!), p.file, !p.city || p.city === '全国']);
  return {
    titles: titles.sort((a, b) => b[0].length - a[0].length),
    plans: plans.sort((a, b) => b[0].length - a[0].length),
    departments: [...names].sort((a, b) => b.length - a.length),
    pinyin: pinyin.sort((a, b) => b[0].length - a[0].length),
  };
}

/** A place name in plain pinyin, lowercase, without tones or spaces: 齐齐哈尔 → qiqihaer. */
function toPinyin(name: string): string {
  return pinyin(name, { toneType: 'none', separator: '', nonZh: 'removed' }).toLowerCase().replace(/ü/g, 'v');
}

/** Pinyin words of a question that name a loaded plan's place, written back in characters. */
function placesFromPinyin(text: string, lexicon: Lexicon): string {
  if (!lexicon.pinyin?.length || !/[a-z]{4,}/i.test(text)) return text;
  // ("weihai 火炬高新区": the place and the zone it names are one name again.)
  return text.replace(/([a-z]{4,})(\s*)/gi, (all, word: string) => {
    const place = lexicon.pinyin!.find(([latin]) => latin === word.toLowerCase())?.[1];
    return place ? place : all;
  });
}

/** The ways a question may name a plan's place: 厦门/厦门市, 洞头区/洞头, 青海省/青海. */
function placeForms(city: string | null): string[] {
  if (!city) return [];
  const full = lookupPlaceLoosely(city)?.name ?? (/[省市县区州旗]$/.test(city) ? city : `${city}市`);
  const short = shortPlaceName(full);
  // 巴音郭楞蒙古自治州 → 巴州, 博尔塔拉 → 博州: an autonomous prefecture goes by its first character and 州.
  // 呼和浩特市 → 呼市, 乌鲁木齐市 → 乌市: a four-character city by its first character.
  const abbrev = /自治州$/.test(full) && short.length >= 3 ? `${short[0]}州` : /市$/.test(full) && short.length >= 4 ? `${short[0]}市` : null;
  // 南宁经济技术开发区 → 南宁经开区 / 南宁开发区, 南宁高新技术产业开发区 → 南宁高新区, 威海火炬高技术产业开发区 →
  // 威海高新区 / 威海火炬高新区: zones by their usual short names.
  const zone = /^(.{2,6}?)(火炬)?(经济技术开发区|经济开发区|高新技术产业开发区|高技术产业开发区)$/.exec(city);
  const zoneForms = !zone ? [] : /高/.test(zone[3]) ? [`${zone[1]}高新区`, ...(zone[2] ? [`${zone[1]}火炬高新区`] : [])] : [`${zone[1]}经开区`, `${zone[1]}开发区`];
  // 四川天府新区 → 天府新区 / 天府: a zone named after its province goes by its own name.
  const inProvince = /^(.{2,3}?)(.{2,4}新区)$/.exec(city);
  if (inProvince && lookupPlace(inProvince[1])?.level === 'province') zoneForms.push(inProvince[2], inProvince[2].replace(/新区$/, ''));
  return [...new Set([city, full, short, abbrev, ...zoneForms].filter((n): n is string => !!n && n.length >= 2 && n !== '全国'))];
}

/** A zone a place's plan may be for, said after the place (南宁经开区, 明州高新区). */
const ZONE_WORDS = '经开区|高新区|开发区|新区|示范区|经济技术开发区|高新技术产业开发区|经济开发区';

/**
 * The level word that may follow a short place name: 湘西(州), 洞头(区) — only its own level (吐鲁番省优 is
 * 省优) —, then the zone it may name.
 */
function levelSuffix(name: string): string {
  if (/[市县区省州旗]$/.test(name)) return `(?:${ZONE_WORDS})?`;
  const full = lookupPlaceLoosely(name)?.name ?? `${name}市`;
  const level = full.endsWith('自治州') ? '自治州|州' : full.endsWith('自治县') ? '自治县|县' : full.slice(-1);
  // (A level word before 级 is 县级/市级, not the place's: "汉阴县级园区"; 市 before 场 is 市场: "福鼎市场监管局".)
  return `(?:(?:${level})(?!级|场))?(?:${ZONE_WORDS})?`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** English words staff mix in ("1.4.3 lead?", "deadline") mapped to the Chinese the rules read. */
const ENGLISH: Array<[RegExp, string]> = [
  // (Phrases before the words they contain: "lead unit" is 牵头单位, "who is the lead" 谁牵头.)
  [/\b(lead|leading)\s+(unit|department|dept|agency|office|body)s?\b/gi, '牵头单位'],
  [/\bwho\s+(is|are)\s+(the\s+)?(lead|leader)\b/gi, '谁牵头'],
  [/\b(responsible|in\s+charge)(\s+(unit|department|dept|agency|office|body)s?)?\b/gi, '责任单位'],
  [/\b(deadline|due( date)?|ddl)\b/gi, '完成时限'],
  [/\bquality\s+month\b/gi, '质量月'],
  [/\b(target|goal|kpi)s?\b/gi, '目标'],
  [/\b(lead|leader|owner)\b/gi, '谁牵头'],
  [/\bwho(\s+is\s+responsible)?\b/gi, '是谁'],
  [/\b(phase|stage)s?\b/gi, '阶段'],
  [/\breports?\b/gi, '报告'],
  [/\b(plan|program(me)?|scheme)s?\b/gi, '方案'],
  [/\bproduct quality\b/gi, '产品质量'],
  [/\b(mayor'?s?|governor'?s?)\s+quality\s+awards?\b/gi, '市长质量奖'],
  [/\bquality\s+awards?\b/gi, '质量奖'],
  [/\bquality\b/gi, '质量'],
  [/\b(prize|bonus|reward)\s+money\b|\b(prize|bonus|reward)s?\b/gi, '奖金'],
  [/\bhow\s+(much|many)\b/gi, '多少'],
  [/\bhow\s+often\b/gi, '多久一次'],
  [/\bwhen\b/gi, '什么时候'],
  [/\bbudget\b/gi, '经费'],
  [/\bbrands?\b/gi, '品牌'],
  [/\b(IP|intellectual property)\b/g, '知识产权'],
  [/\bstandard(s|ization|isation)?\b/gi, '标准'],
  [/\b(theme|topic)\b/gi, '主题'],
  [/\b(contact|phone|tel)\b/gi, '联系电话'],
  [/\bemail\b/gi, '邮箱'],
  [/\bwen\s*hao\b/gi, '文号'],
  [/\bfood\s+safety\b/gi, '食品安全'],
  [/\bservice\s+industry\b/gi, '服务业'],
  [/\bsmall\s+and\s+micro\b/gi, '小微'],
  [/\b(pass|qualified|qualification)\s+rate\b/gi, '合格率'],
  [/\b(spot[\s-]+checks?|sampling\s+inspections?|inspections?)\b/gi, '抽查'],
  [/\btraceability\b/gi, '追溯'],
  [/\bplatforms?\b/gi, '平台'],
  [/\b(enterprises?|compan(y|ies)|firms?|businesses)\b/gi, '企业'],
  [/\b(elevators?|lifts)\b/gi, '电梯'],
  [/\bcertifications?\b/gi, '认证'],
  [/\bmeasures?\b/gi, '措施'],
  [/\btasks?\b/gi, '任务'],
  [/\b(doc(ument)?|file)\s*(no\.?|number)\b/gi, '文号'],
  [/\bnotices?\b/gi, '通知'],
  [/\b(issued|published)\b/gi, '印发'],
  [/\b(departments?|dept)\b/gi, '部门'],
  [/\bunits?\b/gi, '单位'],
  [/\b(funds?|funding)\b/gi, '资金'],
  // English function words left between the mapped ones weigh nothing.
  // (Only as English words: the A of "A级", "A类" beside Chinese is a grade, not an article.)
  [/(?<![\u4e00-\u9fff\w])(the|a|an|is|are|was|were|of|to|in|for|on|at|by|and|or|that|this|which|what|it|its|be|do|does|did|please|pls|about|with|from|any|there)(?![\u4e00-\u9fff\w])/gi, ''],
];

/** Colloquial and Cantonese wording ("係幾多", "要干嘛来着", "啥时候要搞完") in the words the rules read. */
const COLLOQUIAL: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  [/[系係是]?[几幾]多/g, '是多少'],
  [/干嘛|干啥|做啥|搞啥|弄啥/g, '做什么'],
  [/(?<=[\u4e00-\u9fff])来着/g, ''],
  [/搞完|弄完|干完|做完/g, '完成'],
  // "GDP跟固投": 跟 joins two things asked about (not 跟踪, 跟进, 跟谁).
  [/(?<=[\u4e00-\u9fffA-Za-z0-9])跟(?![踪进随着谁])(?=[\u4e00-\u9fffA-Za-z])/g, '和'],
  // "考核考谁": whom it assesses.
  [/考谁|考核谁/g, '考核对象是谁'],
  // "每个月", "每个季度": plans write 每月, 每季度.
  [/每个(月|季度|星期|周|年|工作日)/g, '每$1'],
  [/(是)?(啥|什么)意思/g, '指什么'],
  // Cantonese: "係邊個單位印發嘅" is 是哪个单位印发的 (the text is simplified first: 系边个…嘅).
  [/边(个|几个|度|啲)/g, (_m: string, w: string) => ({ 个: '哪个', 几个: '哪几个', 度: '哪里', 啲: '哪些' })[w] ?? _m],
  [/系(?=哪|谁|几|多少|咩|乜|什么)/g, '是'],
  [/咩|乜嘢/g, '什么'],
  [/嘅/g, '的'],
  // "广东22年…", "07年政府工作": a year written with two digits.
  [/(^|[^\d第近连续每多几满])([0-2]\d)年(?![内以来间后前度底末])/g, '$120$2年'],
  // "要不要交钱", "收钱吗": plans write of 收取费用.
  [/要不要(交|缴|付|花)钱|(交|缴|付|花|收)钱|收不收费|收费吗/g, '收取费用'],
  // "占比要搞到多少": 比重 达到.
  [/(搞|弄|做|提)到(?=多少|几)/g, '达到'],
  [/占比/g, '比重'],
  // "批下来后多久要拿出计划": 批准, 提出.
  [/批下来|批了以后|批完/g, '批准'],
  [/拿出(?=[\u4e00-\u9fff]{0,4}(计划|方案|意见|办法))/g, '提出'],
  // "那个分解表里": a filler that points at nothing.
  [/(?<![\u4e00-\u9fff]{2}[的])(那个|这个)(?=[\u4e00-\u9fff\d])/g, ''],
];

export function normalizeQuestion(raw: string): string {
  let text = toSimplified(normalizeText(raw.slice(0, 500), false));
  // "@督办助手 …": the mention that addressed the bot is no part of the question.
  text = text.replace(/^\s*@\S+\s+/, '');
  for (const [re, zh] of ENGLISH) text = text.replace(re, ` ${zh} `);
  for (const [re, zh] of COLLOQUIAL) text = text.replace(re, zh as string);
  return text.replace(/\s+/g, ' ').trim();
}

export function understandQuestion(raw: string, lexicon: Lexicon): Question {
  const text = placesFromPinyin(normalizeQuestion(raw), lexicon);
  let rest = ` ${text} `;
  const files = new Set<string>();
  // A place may have several plans: every plan of a name it names is in scope.
  const named: string[] = [];
  for (const [name, file] of lexicon.plans) {
    if (rest.includes(name) || named.includes(name)) {
      files.add(file);
      if (!named.includes(name)) named.push(name);
    }
  }
  // "湘西州" / "吉林省": a level suffix written after a short place name goes with it.
  // A 文号 written without its brackets ("鄂政发2018 26号") still names its plan.
  const bare = (s: string) => s.replace(/[〔〕[\]()【】\s]/g, '');
  const bareText = bare(text);
  for (const [name, file] of lexicon.plans) {
    if (/号$/.test(name) && !files.has(file) && bareText.includes(bare(name))) {
      files.add(file);
      rest = rest.replace(new RegExp(bare(name).split('').map(escapeRegExp).join('[〔〕\\[\\]()【】\\s]*')), ' ');
    }
  }
  // "杭州市上城区…": the place above a plan's place, written right before it, goes with it.
  for (const name of named) {
    // ("汉阴县级五大产业园区": 县 goes with 级 — the place is 汉阴, the rest is 县级….)
    const notLevel = /[县市区省]$/.test(name) ? '(?!级)' : '';
    // ("福鼎市场监管局": the 市 of 福鼎市 is 市场's.)
    const own = /市$/.test(name) ? `${escapeRegExp(name.slice(0, -1))}(?:市(?!场))?` : escapeRegExp(name);
    rest = rest.replace(new RegExp(`([\\u4e00-\\u9fff]{2,7}?(?:省|市|自治区|自治州|州|地区|盟))?${own}${levelSuffix(name)}${notLevel}`, 'g'), (all, parent?: string) => {
      if (!parent) return ' ';
      // (Only a known place: "在上城区" keeps nothing, "年度上城区" keeps its 年度.)
      for (let k = 0; k < parent.length - 1; k++) if (lookupPlace(parent.slice(k))) return `${parent.slice(0, k)} `;
      return `${parent} `;
    });
  }
  // "湖南那两个营商环境文件(湘西州、岳阳)": the province the named places lie in says where they are, not what
  // is asked.
  const namedPlaces = named.map(lookupPlaceLoosely).filter((p): p is NonNullable<typeof p> => !!p);
  if (namedPlaces.length) {
    for (const m of findPlaces(rest).reverse()) {
      if (namedPlaces.some((p) => placeContains(m.place, p))) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m.text.length)}`;
    }
  }
  // "《哈尔滨市…2017年行动计划》是以哪个机构名义印发的": a quoted title names that plan, not every plan of its place.
  const quotedNames = [...text.matchAll(/《([^《》]{6,90})》/g)].map((m) => titleKey(m[1]));
  const byQuote = quotedNames.length ? (lexicon.titles ?? []).filter(([key]) => quotedNames.includes(key)).map(([, file]) => file) : [];
  if (byQuote.length && new Set(named.map(shortPlaceName)).size <= 1 && (files.size === 0 || byQuote.every((f) => files.has(f)))) {
    files.clear();
    for (const f of byQuote) files.add(f);
  }
  // "2019年广东省食品安全重点工作安排": of a place's several plans, the one of the year the question names
  // (when its title says so and others' do not).
  // (Not when it names another of them too: "2017年行动计划和创建方案…".)
  const years = new Set(text.match(/(?:19|20)\d{2}(?=年)/g));
  if (years.size === 1 && files.size > 1 && !/[和与及]|分别|两份|各自/.test(text)) {
    const [year] = years;
    const ofYear = (lexicon.titles ?? []).filter(([key, file]) => files.has(file) && key.includes(`${year}年`)).map(([, file]) => file);
    if (ofYear.length > 0 && ofYear.length < files.size) {
      files.clear();
      for (const f of ofYear) files.add(f);
    }
  }
  // A plan known by its title only: the question writes the title.
  // ("2019年国家食品安全重点工作安排" writes "2019年食品安全重点工作安排" with a word after its year; then
  // the shorter "食品安全重点工作安排" of another plan, inside it, is not also meant.)
  // ("2019年全国标准化工作要点和浙江标准化+行动计划分别…": beside a place, a placeless plan's whole title
  // names the other document.)
  const beside = files.size > 0 && /[和与及]|分别|两份|各自/.test(text);
  if ((files.size === 0 || beside) && lexicon.titles?.length) {
    let key = titleKey(rest);
    const matched: string[] = [];
    for (const [title, file, placeless] of lexicon.titles) {
      if (!placeless || matched.some((m) => m.includes(title))) continue;
      if (beside && (title.length < 8 || !key.includes(title))) continue;
      const dated = /^((?:19|20)\d{2}年)(.{6,})$/.exec(title);
      const at = key.includes(title) ? title : dated ? new RegExp(`${dated[1]}[\\u4e00-\\u9fff]{1,4}?${escapeRegExp(dated[2])}`).exec(key)?.[0] : undefined;
      if (!at) continue;
      files.add(file);
      matched.push(dated ? dated[2] : title);
      key = key.replace(at, ' ');
      rest = ` ${key} `;
    }
  }
  // A plan that names no place, asked by words only its title has ("省质量月征文…" of "关于开展…“质量月”有奖征文
  // 活动的通知").
  if (files.size === 0 && named.length === 0 && lexicon.titles?.length) {
    const file = byTitleWords(rest, lexicon.titles);
    if (file) files.add(file);
  }
  const refs = findRefs(rest);
  for (const r of refs) rest = rest.replace(r.raw, ' ');
  const topic = clean(rest);
  const withoutPlans = rest.trim();
  const departments: string[] = [];
  for (const name of lexicon.departments) {
    if (rest.includes(name)) {
      departments.push(name);
      rest = rest.split(name).join(' ');
    }
  }
  const date = findDate(rest);
  const ownDepartment = /我们局|我局|本局|本部门|我们部门|我们单位|本单位/.test(text);
  return {
    raw,
    text,
    // ("甘肃…方案里由谁对各地实施情况开展督导": 各地 inside one named plan is its own places, not a question
    // across plans.)
    // ("广东…考核,哪些市是A级": the cities a named plan lists are its content, not plans to compare.)
    intent: files.size === 1 && !CROSS_ASK.test(text) ? withinOnePlan(intentOf(text.replace(/各(城市|地)/g, '各方'))) : intentOf(text),
    files: [...files],
    refs: refs.map((r) => r.ref),
    departments,
    date,
    content: clean(rest),
    wantsTable: /分解表|附件|表里|表中/.test(text),
    ownDepartment,
    topic,
    rest: withoutPlans,
    targetYear: targetYearOf(text),
    unit: unitOf(text),
    quoted: /[“"「]([^”"」]{2,12})[”"」]/.exec(text)?.[1] ?? null,
    unknownPlace: files.size ? null : unknownPlaceIn(rest, lexicon),
    otherPlace: files.size ? unknownPlaceIn(rest, lexicon) : null,
  };
}

/** Years and dates are read separately (targetYear, date); as search words they only dilute. */
/** "两座", "三个": counts written in words, as plans write them in figures (2座, 3个). */
const WORD_COUNT = /(?<![一二两三四五六七八九十百千万第])([两二三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?)(?=[个座条所家项件次名户张套处台辆批场])/g;
const DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function wordCountToFigure(w: string): string {
  if (!w.includes('十')) return String(DIGIT[w]);
  const [tens, ones] = w.split('十');
  return String((tens ? DIGIT[tens] : 1) * 10 + (ones ? DIGIT[ones] : 0));
}

function clean(rest: string): string {
  return rest
    // "哪天印发的", "具体哪两个方面", "最晚几号", "怎么报": the asking words, not what is asked about.
    .replace(ASKING, ' ')
    .replace(WORD_COUNT, (w) => wordCountToFigure(w))
    // "政府工作报告分工里", "任务分解中": where to look, not what about.
    .replace(/(?:政府工作报告|工作报告)?(?:重点)?(?:工作)?(?:任务)?(?:分工|分解|责任分解|任务分工)(?:方案|表)?(?:里|中|里面)|政府工作报告(?:里|中)/g, ' ')
    // "两份质量强市文件里": which documents, not what about.
    .replace(/(?:这|那)?[两二三四几2-4][份个][\u4e00-\u9fff]{0,8}?(?:文件|方案|计划|通知|意见|材料)(?:里|中|里面)?(?:的)?/g, ' ')
    // "山东、广东、浙江三个省", "这两地": how many places are named, not what about.
    // ("“五县”联创" is a name: a count without 个 or 这 is not taken out.)
    .replace(/(?<![十第\d])(?:(?:这|那)?[两二三四五六几2-6]个(?:省份?|市(?!场)|县|区|城市|地方)|(?:这|那)[两二三四五六几2-6](?:省|市|县|区|地)|[两二三四五六2-6]地(?=的|分别|各|都|\s|$))(?![长级])(?![\u4e00-\u9fff]{0,4}(?:局|委|办|政府|域))/g, ' ')
    .replace(/(到|至|截至)?\d{4}\s*年(度|\d{1,2}\s*月(\d{1,2}\s*日)?)?(底|末)?/g, ' ')
    .replace(/百分之(多少|几)?|百分比|百分点/g, ' % ')
    .replace(/\([^)]*\)/g, ' ')
    // "一共分了多少项", "分了几个方面": a count is asked; 一共/分了 are no content.
    .replace(/一共|总共|共计|总计|分(?:了|成|为)?(?=(?:多少|几))/g, ' ')
    .replace(/(?:多少|几)个?(?:大类|方面|部分|类|项)/g, ' ')
    // "要明确哪些东西", "考核年度怎么划分": what is asked, not what it is about.
    .replace(/(哪些|什么|啥)东西|(怎么|如何|怎样)(划分|计算|界定|确定|算)/g, ' ')
    // "考核有哪几个环节": which steps is asked, the steps are no content.
    .replace(new RegExp(`有?${ASKS_STEPS.source}`, 'g'), ' ')
    // "多久评一次", "几年开一次": how often is asked, not what.
    .replace(/(多久|多长时间|几年|几个月|每隔多久)(?=[\u4e00-\u9fff]{0,3}一次)|一次(?!性)|频次|频率/g, ' ')
    // "在地理标志数量上各定了什么目标": the frame and the verb that sets a target are no content.
    .replace(/在((?:(?!什么|时候|哪|多少|几)[\u4e00-\u9fff]){2,12}?)的?(?:数量|方面|领域|这块)?上(?=各|都|分别|定|设|订|制定|确定|提出|有|什么|哪|多少|几)(?:各|都|分别)?(?:定|设|订|设定|制定|确定|提出)?了?/g, ' $1 ')
    .replace(QUESTION_WORDS, ' ')
    // "要在什么时候前报上去": with the when taken out, its frame and the sending verb are no content.
    .replace(/(?:要|需要?|应|须|必须)?在\s+前?(?=\s|报|交|送|上报|完成)|(?:报|交|送)(?:上去|上来|过去)/g, ' ')
    .replace(/[?!,;:]|(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/(^|\s)的+|的+(?=\s|$)/g, ' ')
    // "目标里经济…": a 里 left of a word taken out ("…里") is no content.
    .replace(/(^|\s)里(?=[\u4e00-\u9fff])/g, ' ')
    // "合格率达到了多少": the 了 left of a question word is no content.
    .replace(/(^|\s)了+|了+(?=\s|$)/g, ' ')
    // "莲都区和丽水市…": the 和 left between places taken out joins nothing.
    .replace(/(^|\s)[和与及、]+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function targetYearOf(text: string): number | null {
  const years = new Set<number>();
  for (const m of text.matchAll(/(\d{4})\s*年(?!\d{1,2}月)/g)) {
    const before = text.slice(Math.max(0, m.index - 1), m.index);
    if (!/[比较]/.test(before)) years.add(Number(m[1]));
  }
  // "宁波2019年和慈溪2021年的…分别是多少": each place its own year — no one year for all.
  return years.size === 1 ? [...years][0] : null;
}

const UNIT_WORDS: Array<[RegExp, string]> = [
  [/多少钱|多少元|几元|奖励多少|资金多少/, '元'],
  // "总量要到多少亿": a figure in 亿 (or 万) — "2000亿元", not the "15%" beside it.
  [/(?:多少|几)(亿|万)(?:元)?(?![\u4e00-\u9fff])/, '$1'],
  // "从几个方面开展", "分几个部分": the parts counted are the unit ("7方面", "八个部分").
  [/(?:多少|几)个?(方面|部分|环节|阶段|领域|板块|层面|维度)/, '$1'],
  [/(?:多少|几)(件|个|项|家|只|张|天|次|名|所|座|台|批|户|人|亩|吨|公里|篇|期|场)/, '$1'],
];

function unitOf(text: string): string | null {
  for (const [re, unit] of UNIT_WORDS) {
    const m = re.exec(text);
    if (m) return unit.startsWith('$') ? m[1] : unit;
  }
  return null;
}

/** A prefecture- or county-level place named in the question that is not a loaded plan's city. */
function unknownPlaceIn(text: string, lexicon: Lexicon): string | null {
  const known = new Set(lexicon.plans.map(([name]) => name.replace(/市$/, '')));
  for (const place of placeNames()) {
    if (!text.includes(place)) continue;
    // "常州市新北区…": the place inside the one named first is the one asked about.
    if (childPlaceAfter(text, place)) continue;
    // Named as the subject ("杭州质量强市方案…", "杭州的…"), not as a word inside a sentence.
    if (!new RegExp(`^\\s*(请问)?${place}|${place}(\\d{4}年|市|的|方案|质量|在|对)`).test(text)) continue;
    const short = place.replace(/(市|县|地区|自治州|盟)$/, '');
    if (!known.has(short) && ![...known].some((k) => k.includes(short) || short.includes(k))) return place;
  }
  // "金东和临安的…": a county by its short name, joined to a place the question names.
  const joined = /[和与跟及、]([\u4e00-\u9fff]{2,3}?)(?=的|方案|质量|民生|政府|两个|两地|\d{2,4}年|工作|计划|通知|意见|实施|专项|年度|任务)/.exec(text);
  if (joined && lookupPlaceLoosely(joined[1]) && !known.has(joined[1]) && ![...known].some((k) => k.includes(joined[1]))) return joined[1];
  return null;
}

/** Whether a county or district name follows `place` directly in `text` ("常州市" + "新北区"). */
function childPlaceAfter(text: string, place: string): boolean {
  const after = text.slice(text.indexOf(place) + place.length);
  const m = /^[\u4e00-\u9fff]{1,6}?(区|县|市|旗|新区)/.exec(after);
  return !!m && m[0] !== place && !!lookupPlaceLoosely(m[0]) && lookupPlaceLoosely(m[0]) !== lookupPlaceLoosely(place);
}

/** What asks across plans whatever plan is named: which cities, which plans, how many of them. */
const CROSS_ASK = /哪些(城市|方案|地方)|哪几个(城市|方案|地方|市)|哪个市|几个(城市|方案)|(哪些|几个)方案|方案(里|中)哪些/;

/** "重大质量安全事故报告制度由哪些部门负责": who owns a reporting system is an owner question. */
const OWNER_ASK = /(由|归)(哪些|哪个|哪几个|什么)(部门|单位)|(哪些|哪个|哪几个)(部门|单位)(负责|牵头)|谁(负责|牵头)|归哪/;
const REPORT_ASK = new RegExp(`报送|上报|汇报|交给谁|报给谁|交到哪|报到哪|报哪|向谁报告|报告给|${REPORT_TIME.source}`);

/** "谁更高", "哪个多": which of two figures is larger — a target question, not who owns something. */
export const WHICH_HIGHER = /(谁|哪个|哪一个|哪边|哪家|哪个地方)(的)?(目标)?(更|最)?(高|低|多|少|大|小)(?![\u4e00-\u9fff]{0,2}(部门|单位))/;

/** Inside one named plan there are no plans to compare: a "哪些市" question asks what the plan says. */
const withinOnePlan = (intent: Intent): Intent => (intent === 'cross_plan' ? 'search' : intent);

function intentOf(text: string): Intent {
  if (WHICH_HIGHER.test(text) && /目标|指标|多少|率|数|量|比重|指数/.test(text)) return 'target';
  if (/报告/.test(text) && OWNER_ASK.test(text) && !REPORT_ASK.test(text)) return 'owner';
  // "考核有哪几个环节": the steps a text lists, not a number to reach.
  if (ASKS_STEPS.test(text)) return 'search';
  // "质量奖多久评一次": how often, not the phases of a plan (a report's frequency stays a reporting question).
  if (FREQUENCY_ASK.test(text) && !REPORT_ASK.test(text) && !/报告|汇报/.test(text)) return 'search';
  for (const [intent, re] of INTENTS) {
    if (!re.test(text)) continue;
    // "芷江镇政府在集中整治阶段要做什么": what a body does in a phase, not the phases.
    if (intent === 'schedule' && DOES_WHAT.test(text) && !/(什么|哪个|哪些|几个|哪一)阶段/.test(text)) return 'duties';
    // ("…工作实施阶段,由谁对各地开展督导": who acts in a phase, not the phases.)
    if (intent === 'schedule' && /由谁|谁(负责|牵头|来)|由哪(个|些)(部门|单位)/.test(text) && !/(什么|哪个|哪些|几个|哪一)阶段|什么时候|何时|哪天/.test(text)) return 'owner';
    return intent;
  }
  return 'search';
}

const DOES_WHAT = /(要|需要|应|应当|负责)(做|干)?(什么|啥|哪些)|做什么|干什么|干啥|做啥/;

/** "1.4.3", "第15条/项", "15条", "(三)". Years and percentages are not item numbers. */
function findRefs(text: string): Array<{ raw: string; ref: string }> {
  const out: Array<{ raw: string; ref: string }> = [];
  // (A figure with its unit — "8.3万亩", "60.58亩", "2.5倍" — is a quantity, not an item number.)
  // (A day named by its date — "5.20计量日", "3.15消费者权益日" — is no item number either, nor a
  // version — "营商环境6.0版".)
  // (…nor a name with letters: "PM2.5".)
  for (const m of text.matchAll(/(?<![\d.A-Za-z])(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d.%])(?!\s*[万亿千百]?[亩个吨人元件家条所座米套户台辆项次倍公平分版]|\s*万)/g)) {
    if (/^(?:[1-9]|1[0-2])\.\d{1,2}$/.test(m[1]) && /^(?:(?!几|哪|什么)[\u4e00-\u9fff]){0,6}日/.test(text.slice(m.index + m[0].length))) continue;
    out.push({ raw: m[0], ref: m[1] });
  }
  // (A bare "N项" is an item only where the question goes on to ask about it — "3项谁牵头", "12项的牵头单位";
  // "那个149项的分工方案" counts items.)
  for (const m of text.matchAll(/第\s*(\d{1,3})\s*(?:条|项|款|点)|(?<![\d.])(\d{1,3})\s*(?:条|项)(?![\d])(?=\s*(?:谁|由|是|的(?:牵头|责任|完成|负责|时限|目标)|牵头|负责|完成|要求|[,，?？]|$))/g)) {
    out.push({ raw: m[0], ref: m[1] ?? m[2] });
  }
  for (const m of text.matchAll(/第([一二三四五六七八九十]{1,3})(?:条|项)|\(([一二三四五六七八九十]{1,3})\)/g)) {
    out.push({ raw: m[0], ref: m[1] ? cnToNumber(m[1]) : `(${m[2]})` });
  }
  return out;
}

export function cnToNumber(s: string): string {
  const d: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (s === '十') return '10';
  if (s.startsWith('十')) return String(10 + (d[s[1]] ?? 0));
  if (s.includes('十')) return String((d[s[0]] ?? 1) * 10 + (d[s[2]] ?? 0));
  return String(d[s] ?? s);
}

function findDate(text: string): string | null {
  const m = /(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/.exec(text) ?? /(\d{4})-(\d{1,2})(?:-(\d{1,2}))?/.exec(text);
  if (!m) return null;
  const mm = m[2].padStart(2, '0');
  return m[3] ? `${m[1]}-${mm}-${m[3].padStart(2, '0')}` : `${m[1]}-${mm}`;
}
