/**
 * What a question asks for — a person, an owner, a number, a date, a contact, a document number, or
 * just a passage — and whether a sentence actually states it. An answer is given from a sentence only
 * when it states the asked attribute: a question for the 组长's name is not answered with a sentence
 * that merely mentions 组长, a question for a figure not with a sentence that has none.
 */

export type AskedAttribute = 'person' | 'owner' | 'money' | 'quantity' | 'ordinal' | 'frequency' | 'date' | 'phone' | 'email' | 'docNo' | 'place' | 'text';

/** What a person does at a meeting, as a question asks who did it (主持, 讲话 …). */
const MEETING_ACTS = '主持|讲话|出席|致辞|汇报|宣读|通报|签订|签署';

/** A question for which steps a text lists ("考核有哪几个环节"). */
export const ASKS_STEPS = /(哪几个|哪些|几个)(环节|步骤|程序|流程)/;

/** A question for a day, and what states one (a year or month alone does not, nor a 文号's 3号: 建协质函〔2024〕3号). */
export const ASKS_DAY = /哪天|哪一天|几号(?!文)|几月几[日号]/;
export const STATES_DAY = /(?<![〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d*)\d{1,2}\s*[日号]|\d{1,2}\s*月\s*(?:底|末|初|上旬|中旬|下旬)|\d{4}-\d{1,2}-\d{1,2}|没有找到|没有写明|未写明/;

/** A question for how often something recurs. */
export const FREQUENCY_ASK = /多久(?:[\u4e00-\u9fff]{0,3})?一次|多长时间(?:[\u4e00-\u9fff]{0,3})?一次|几年(?:[\u4e00-\u9fff]{0,3})?一次|几个月(?:[\u4e00-\u9fff]{0,3})?一次|频次|频率|每隔多久|多久(?:开|评|召开|举行|举办|检查|调度|通报)(?!完|好)/;
/** A recurrence as plans write it: 每年, 每2年, 每两个月, 每季度, 定期, 每隔…. */
const RECURRENCE = /每(?:[一二两三四五六七八九十\d]+\s*)?(?:个)?(?:年|月|季度|季|周|半年|星期|旬)|定期|每隔/;

const ASKS: Array<[AskedAttribute, RegExp]> = [
  ['docNo', /文号|(?<!老)字号/],
  ['email', /邮箱|邮件|e-?mail/i],
  ['phone', /电话|联系方式|号码/],
  ['person', /(组长|副组长|主任|负责人|联系人|领导|县长|市长|区长|书记|局长|科长|股长|处长|所长|站长|队长|院长|厅长|部长|主席|秘书长)\s*(是|为)?\s*(谁|哪位|哪个人|是哪位)|哪位(领导|县长|市长|区长|同志)?|谁(担任|任|当)|姓名|名字/],
  // Who chaired, spoke at or reported to a meeting is a person, not a body: "会议由谁主持", "是谁汇报…".
  ['person', new RegExp(`(由|是)?谁(${MEETING_ACTS}|作报告|部署)|(${MEETING_ACTS})[^,，。?？]{0,16}?(是|的是)?(谁|哪位|哪个(市|县|区)?领导)`)],
  // Which one in a series (第几届, 第几期): answered only by 第八届, 第三期.
  ['ordinal', /第几(届|期|次|批|轮|阶段|号)/],
  // A sum of money: answered only by an amount in 元.
  ['money', /多少(?:万元|亿元|元|钱)|(?:预算|资金|经费|奖励|补助|补贴|投资|投入|费用|奖金)(?![^,，。?？]{0,4}(?:强度|比例|比重|占比|率|增长|增速|增幅))[^,，。?？]{0,8}多少|多少[^,，。?？]{0,4}(?:预算|资金|经费|奖金)/],
  // "哪几个部门" asks which, not how many.
  ['quantity', /多少|(?<![哪那这])几(个|项|家|件|次|名|所|座|条|种|类|亩|吨|天|年|倍|批|户|人|张|期|场|位|部|套)(?!部门|单位|局)|百分之几/],
  // How often ("多久评一次", "几年开一次"): answered only by a recurrence (每年, 每2年, 每季度, 定期).
  ['frequency', FREQUENCY_ASK],
  ['date', /哪几天|几号到几号|(?<![第发办字函文规令〕\]])几号(?!文)|什么时候|何时|啥时候|哪天|哪一天|哪年|哪一年|几月|哪个月|时限|期限|截止|截至|之前|多久|时间|日期|哪个年度|什么年度|多长时间|哪段时间|频次|多久一次|几次/],
  ['place', /(?<![存所现实])在哪|哪里|地址|地点|设在/],
  ['owner', /谁|哪个(部门|单位|局|机构|办公室)|哪些(部门|单位|局|机构)|哪几(个|家)(部门|单位|局|机构)|什么(部门|单位|机构)|牵头|负责|责任单位|配合|协办|承办|主责|归口|由哪/],
];

/** The attribute the question asks for (the first kind that its wording names), or 'text'. */
export function askedAttribute(question: string): AskedAttribute {
  // "…目标谁更高": a figure is asked for, not a person or body.
  if (/(谁|哪个|哪一个|哪边)(的)?(目标)?(更|最)?(高|低|多|少)/.test(question) && /目标|指标|多少|率|数|量|比重|指数/.test(question)) return 'quantity';
  // "压缩企业开办时间这条的责任单位是哪个": what the question ends by asking decides, not a word of its topic.
  if (OWNER_AT_END.test(question.trim())) return 'owner';
  for (const [attr, re] of ASKS) {
    if (!re.test(question)) continue;
    // "需要增加责任单位的,怎么定" / "牵头单位负责人要承担什么责任" ask how or what, not who.
    if (attr === 'owner' && ASKS_HOW.test(question) && !/谁|哪个|哪些|哪家|哪几/.test(question)) return 'text';
    // ("牵头和参与制修订国际标准的目标?": a goal is asked, whatever role words name it.)
    if (attr === 'owner' && /(?:目标|指标)(?:是什么|是啥|有哪些|呢)?[?？]?$/.test(question.trim()) && !/谁|哪个|哪些|哪家|哪几/.test(question)) return 'text';
    // "各单位的联系电话要在什么时候前报给哪个部门": the phone list is what is handed in; when is asked.
    if ((attr === 'phone' || attr === 'email') && /什么时候|啥时候|何时|哪天|几号|截止/.test(question) && /报|交|送/.test(question)) continue;
    return attr;
  }
  return 'text';
}

const OWNER_AT_END = /(?:责任单位|牵头单位|配合单位|负责单位|责任部门|牵头部门)(?:是|为)?(?:哪个|哪些|哪家|谁)(?:部门|单位)?(?:啊|呢)?[?？]?$/;

const ASKS_HOW = /(怎么|如何|怎样|咋)(定|确定|办|处理|做|认定|算|分工|落实)|(承担|负)(什么|哪些|啥)责任|什么责任/;

const DEPARTMENT = /[\u4e00-\u9fff]{1,20}(局|委员会|委|办公室|办|厅|部|院|会|中心|小组|政府|管委会|公司|集团|所|站|队|社|行|支队|大队|街道|乡镇|镇)(?![\u4e00-\u9fff]{0,1}(长|主任|书记))/;
/** An owner statement: a role word, or a body as the subject of 制定/发布/设立/开展/实施 (由X制定, X每季度对…开展…). */
const ROLE = /向[^,，。;；]{2,40}?(?:提交|报送|报告|上报|递交)|牵头|负责|(?:考核|监督|检查|评价|服务)?对象(?:为|是|包括)|责任单位|主办|承办|协办|配合|参与|参加|落实单位|负总责|督导|统筹|由[\u4e00-\u9fff]{2,32}(制定|发布|设立|组织实施|承担|组织)|由[^。;；]{2,60}?(?:具体)?(?:组织实施|负责组织|组织开展|负责实施)|(局|委|办|厅|部门|小组|政府|中心)(每(?:年|半年|季度|季|月)|定期|要|应|将|须|负责)?((?:按照|依据|根据)《[^》]{1,40}》)?(对[^,，。;；]{1,24})?(制定|发布|设立|组织实施|组织开展|组织|开展|承担|实施)/;
const PERSON = new RegExp(
  String.raw`(牵头|责任|分管|联系|包保|挂点)(负责)?(市|县|区|省)?领导\s*[:：]\s*(?!(?:省|市|县|区|旗|州)?(?:政府|委|人大|政协)|分管|主要|相关|有关)[\u4e00-\u9fff]{2,4}|` +
    `${titledDoing('主持|出席|讲话|汇报|宣读|通报|致辞|作了|作|强调|指出|要求|参加', '')}|` +
    String.raw`[\u4e00-\u9fff]{2,3}(?<!领导|负责|干部)(同志|先生|女士)|(常务)?副?(县|市|区|州|省|镇|乡)长|书记|(局|处|科|所)长|主任[:：为]|组长[:：为]|联系人[:：]\s*[\u4e00-\u9fff]`,
);
/** A titled person doing an act: "副县长李国忠主持", "杜兴中局长汇报" (`gap`: what may stand between). */
function titledDoing(acts: string, gap: string): string {
  return `(长|主任|书记|主席|委员|秘书长)[\\u4e00-\\u9fff]{2,3}${gap}(${acts})|[\\u4e00-\\u9fff]{2,3}(局长|市长|县长|区长|书记|主任)${gap}(${acts})`;
}

/** A figure: a number with a unit or qualifier (120只, 95%以上, 7万件), or a bare one reached (指数达到86) — a date or 文号 number is not one. */
/** (A lone 一 — "建立一个平台", "一批企业" — counts nothing.) */
const NUMBER = /(?:连续|近|累计|共)\s*[\d一二三四五六七八九十两]+\s*年|\d+(\.\d+)?\s*(%|‰|(?![年月日号时])[\u4e00-\u9fff])|(?:达到|提高到|提升到|增至|升至|保持在)\s*\d+(\.\d+)?(?![\d.年月日号])|(?:[两二三四五六七八九十百千万]|一[十百千万])[一二三四五六七八九十百千万两]*(个|项|家|件|次|名|所|座|条|种|类|倍|批|户|期|场|位|只|方面|部分|环节|阶段|领域)/;
const DATE =
  /(?:间隔|每隔|隔)\s*[一二三四五六七八九十两\d]+\s*(?:届|轮|次)|[一二三四五六七八九十两\d]+\s*(个)?(年|月|天|周|个工作日)(内|以内|之内)?(?![度份])|\d{4}\s*年|\d{1,2}\s*月(\d{1,2}\s*日)?(底|前|中旬|上旬|下旬)?|年底|年内|全年|上半年|下半年|季度|每月|每周|每年|每半年|长期|持续|常态化|\d{4}-\d{1,2}|[一二三四五六七八九十]+月/;
const PHONE = /(?<![\dA-Za-z._%+-])(?:0\d{2,3}\s*[-—]?\s*)?\d{7,8}(?![\d@])|(?<!\d)1\d{10}(?!\d)/;
const EMAIL = /[A-Za-z0-9._%+-]+@\s*[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;
const EMAIL_G = new RegExp(EMAIL.source, 'g');
const DOC_NO = /[\u4e00-\u9fff]{1,12}[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*\d{1,4}\s*号/;
const PLACE = /设在|位于|地址|地点|[\u4e00-\u9fff]{2,}(路|街|大道)\d*号|广场|会议室|中心/;

/** A document's title or heading line ("…2021年重点任务分工方案"): it names things, it states nothing. */
const TITLE_LINE = /^(?:附件\s*\d*\s*[:：]\s*)?[^。;,:：]{4,70}(方案|通知|意见|计划|清单|办法|规划|要点|纲要|分解表|安排|情况表|进度表|汇总表|一览表|统计表|明细表|台账|责任分解|任务分解|责任分工|任务分工)$/;

/** A span of time ("90个工作日以内", "3个月内"): it answers 多久, not 什么时候. */
const DURATION = /(?<![\d年])(?:[一二三四五六七八九十两]+|\d{1,3})\s*(?:个\s*(?:月|工作日|小时|星期)|工作日|天|周|小时|年\s*(?:内|以内|之内))\s*(?:内|以内|之内)?|(?<![\d年〇○零O一二三四五六七八九十两])[一二三四五六七八九十两]{1,2}\s*年(?![底末度份前])/g;

/** A question for a point in time (什么时候, 时间节点), not for how long. */
export function asksForPointInTime(question: string): boolean {
  return /什么时候|何时|啥时候|什么时间|啥时间|哪天|哪一天|几月|哪个月|时间节点|截止|之前|哪年|哪一年/.test(question) && !/多久|多长时间|几天|多少天|为期|期限多长|几个工作日/.test(question);
}

/** Whether a text states the asked attribute (for a date, with `pointInTime`, not a mere duration). */
export function statesAttribute(attr: AskedAttribute, text: string, pointInTime = false): boolean {
  // (A title says which edition it is for: 关于组织申报第九届…的通知.)
  if (attr !== 'text' && attr !== 'ordinal' && TITLE_LINE.test(text.trim())) return false;
  switch (attr) {
    case 'person':
      return PERSON.test(text);
    case 'owner':
      return ROLE.test(text) && DEPARTMENT.test(text);
    case 'quantity':
      return NUMBER.test(text);
    case 'money':
      return /\d+(?:\.\d+)?\s*(?:万|亿)?元/.test(text);
    case 'ordinal':
      return /第[一二三四五六七八九十百\d]+(届|期|次|批|轮|阶段|号)/.test(text);
    case 'frequency':
      return RECURRENCE.test(text);
    case 'date':
      // A year inside a document's title (《…2021年…方案》) is no date of this task.
      // (持续推进, 长期: ongoing work has no point in time.)
      // (…and one an excerpt cut off inside: "「按照《2007年…分解表…」".)
      return DATE.test(text.replace(/《[^》]*(?:》|…|$)/g, ' ').replace(pointInTime ? DURATION : /$^/, ' ').replace(pointInTime ? /持续|长期|常态化/g : /$^/, ' '));
    case 'phone':
      return PHONE.test(text.replace(EMAIL_G, ' '));
    case 'email':
      return EMAIL.test(text);
    case 'docNo':
      return DOC_NO.test(text);
    case 'place':
      return PLACE.test(text);
    case 'text':
      return true;
  }
}

/** The roles a person is asked for by (办公室主任, 组长, 联系人). */
const PERSON_ROLE = /副组长|组长|副主任|主任|负责人|联系人|副局长|局长|副县长|县长|副市长|市长|副区长|区长|书记|指挥长/;

/** A person asked for by role is stated only by a text that names that role: 组长 does not answer 主任. */
export function namesAskedRole(question: string, text: string): boolean {
  const { person, label } = askedRoles(question);
  if (person && !text.includes(person)) return false;
  return !label || text.includes(label);
}

/** What a person is asked for having done at a meeting (主持, 讲话 …); 签责任书 is 签订 by another word. */
const PERSON_ACT = new RegExp(`${MEETING_ACTS}|作报告|部署`);

/** "签订了什么", "印发了哪些文件": the act a question asks the object of. */
const ASKED_ACT = /([\u4e00-\u9fff]{2})了(?:哪些|什么|啥|哪几)/;
/** Acts every sentence may state: they pick none. */
const GENERIC_ACT = /^(做|干|是|有|要|包括|包含|负责|涉及|提出|开展|完成|安排|部署|明确|规定|强调|要求)/;

/** The act a question asks the object of ("会上签订了什么" → 签订), unless any sentence may state it. */
export function askedAct(question: string): string | null {
  const act = ASKED_ACT.exec(question)?.[1];
  return act && !GENERIC_ACT.test(act) ? act : null;
}

/** The act a question asks who did ("会议由谁主持" → 主持), when it asks for a person by one. */
export function askedPersonAct(question: string): string | null {
  if (askedAttribute(question) !== 'person' || PERSON_ASKED.test(question)) return null;
  return PERSON_ACT.exec(question)?.[0] ?? null;
}

/** Whether a sentence names a person (a title and a name) doing that act: "副县长李国忠主持会议". */
export function statesPersonAct(text: string, act: string): boolean {
  if (!text.includes(act)) return false;
  const titled = new RegExp(`${titledDoing(act, '[^。;；]{0,6}')}|${act}[^。;；]{0,3}[:：]?[\\u4e00-\\u9fff]{0,20}(长|主任|书记|主席)[\\u4e00-\\u9fff]{2,3}`);
  return titled.test(text) || (act === '主持' && /由[^。;；]{2,40}主持/.test(text));
}

const PERSON_ASKED = new RegExp(`(${PERSON_ROLE.source})(?:是|为)?(?:谁|哪位|哪个人)`);
let lastRoles: { question: string; person: string | null; label: string | null } | null = null;

/** The role a question asks a person or a body by (read once per question: it is checked per sentence). */
function askedRoles(question: string): { person: string | null; label: string | null } {
  if (lastRoles?.question === question) return lastRoles;
  // (The role right before 是谁: "市长质量奖评审委员会办公室主任是谁" asks for the 主任.)
  const asksPerson = askedAttribute(question) === 'person';
  const person = asksPerson ? (PERSON_ASKED.exec(question)?.[1] ?? PERSON_ROLE.exec(question)?.[0] ?? null) : null;
  // "会议由谁主持": the sentence that says who chaired it, not one that names a 副县长 for something else.
  const act = asksPerson && !person ? (PERSON_ACT.exec(question)?.[0] ?? null) : null;
  // A role of its own that no owner record keeps (数据提供单位, 监督单位): the text names it.
  // ("那一项的数据提供单位是谁": the label after 的.)
  const found = /([\u4e00-\u9fff]{2,8}(?:单位|部门))(?:是|为)?(?:谁|哪个|哪些|哪家)/.exec(question)?.[1]?.replace(/^.*[的项里中]/, '') ?? null;
  lastRoles = { question, person: person ?? act, label: found && !OWNER_LABELS.test(found) ? found : null };
  return lastRoles;
}

/** Labels of the roles owner records keep (牵头单位, 责任部门, 配合单位 …), and plain 单位/部门 words. */
const OWNER_LABELS = /(?:^|[\u4e00-\u9fff]{0,3})(?:(?:牵头|责任|配合|负责|参与|参加|协办|承办|主办|主责|落实|实施|协同|协助)(?:责任)?(?:单位|部门)|哪个(?:单位|部门)|什么(?:单位|部门)|哪些(?:单位|部门)|(?:主管|相关|有关|职能|业务)(?:单位|部门)|^(?:单位|部门))$/;

/** Attributes a composed answer must state to count as an answer (owners are composed from records). */
const CHECKED: ReadonlySet<AskedAttribute> = new Set(['date', 'quantity', 'ordinal', 'money', 'phone', 'email', 'docNo', 'person']);

/** Whether a handler's answer states what was asked; answers that do not are no answer. */
export function answerStates(attr: AskedAttribute, text: string, pointInTime = false): boolean {
  if (!CHECKED.has(attr)) return true;
  // A statement that the plan lacks it ("没有找到第六阶段") answers too.
  // (For a person, only a statement about a person: "未写明牵头单位" says nothing of who leads it.)
  if (/没有找到|没有包含|没有写明|未写明|没有提到|没有规定/.test(text) && (attr !== 'person' || /(没有找到|没有包含|没有写明|未写明|没有提到)[^;；。]{0,12}(人|领导|姓名|名字)/.test(text))) return true;
  // Each line without its "城市: " label and its citation: one that states it is enough.
  return text.split('\n').some((line) => statesAttribute(attr, line.replace(/^[^:\s]{1,12}: /, '').replace(/〔[^〕]*〕$/, '').trim(), pointInTime));
}

/**
 * The act a date question asks the time of, when it is one a sentence must name to be about it: "申报截止
 * 时间" asks when to apply, "什么时候之前报省市场监管局" when to hand in — a sentence that dates another
 * thing ("到2027年,培育建设100个…") does not answer it. (完成 and 截止 are not asked acts: deadlines are
 * written without them.)
 */
const ASKED_EVENTS: Array<[asked: RegExp, stated: RegExp]> = [
  [/申报|报名/, /申报|报名|推荐/],
  [/报送|上报|提交|报给|报至|报到|交到|交给|(?<![申汇简情年季月周])报(?=[\u4e00-\u9fff]{0,3}(?:省|市|县|区)?[\u4e00-\u9fff]{0,10}(?:办公室|办|局|委|政府|小组|厅))/, /报|提交|交|送/],
  [/召开|举办|举行/, /召开|举办|举行|开展|启动/],
  [/起草/, /起草|草案|完成/],
  [/验收/, /验收/],
  [/评选|评审|评定/, /评选|评审|评定|认定/],
];

/** Whether a text names the act a date question asks the time of (true when it asks none of them). */
export function statesAskedEvent(question: string, text: string): boolean {
  if (askedAttribute(question) !== 'date') return true;
  // (Not in a title the sentence cites, nor in a word that only looks like it: 政府工作报告, 日报.)
  const own = text.replace(/《[^》]*》|“[^”]*”/g, ' ').replace(/报告|报表|报道|日报|晚报|汇报会|情报|警报/g, ' ');
  if (!ASKED_EVENTS.every(([asked, stated]) => !asked.test(question) || stated.test(own))) return false;
  // "定在几月几号开": a day is asked, and a sentence that gives only the year ("召开2017年…发布会") does not say it.
  return !ASKS_DAY.test(question) || STATES_DAY.test(own);
}

/**
 * A sentence that says who does something: a body with its role (市教育局牵头, 由X负责), or an owner label
 * (牵头单位:…) — not a body that merely appears ("经州人民政府同意…统筹推进").
 */
const OWNER_STATED = new RegExp(`${DEPARTMENT.source}[^,，。;；]{0,6}?(?:牵头|负责|主办|承办|配合|参与|组织实施)|(?:牵头|责任|配合|承办|主办|协办)(?:单位|部门)\\s*[:：为]|由[^。;；]{2,40}?(?:牵头|负责|组织|实施|承担)`);
export function statesOwner(text: string): boolean {
  return OWNER_STATED.test(text);
}

/** A question for another document's number (依据的…文件文号) rather than the plan's own. */
export const CITED_DOCUMENT = /依据|根据|提到|引用|原(来)?的?|之前|上级|落实的|贯彻的|转发的|省里|国家|哪个文件/;

/** Words that name the attribute rather than the topic ("联系电话多少"): they are not searched for. */
export const ATTRIBUTE_WORDS = /联系电话|电话|邮箱|电子邮件|邮件|联系方式|号码|文号|(?<!老)字号|日期|时间|哪天|哪一天|联系人|姓名|名字|地址|地点/g;

/** A question for a figure (多少, 几个), not for which of a list (哪几大工程). */
const ASKS_FIGURE = /多少|(?<![哪那这])几(?!大)/;

/** A text answers a question for a figure only when the clause naming what is asked holds one. */
export function statesAskedFigure(question: string, text: string, questionTokens: string[]): boolean {
  if (!ASKS_FIGURE.test(question)) return true;
  // "从几个方面开展": the count of parts is stated where the text counts them ("…等7方面"), whatever the
  // clause names.
  const parts = PARTS_ASKED.exec(question)?.[1];
  if (parts) return figureInUnit(parts, true).test(text);
  // A rate or index asked for ("工业产品监督抽查合格率…是多少") is stated only where the text names that
  // measure: a count of samples beside other words of the question is not it.
  const measure = [...question.matchAll(MEASURE_ASKED)].at(-1)?.[1];
  if (measure && !text.includes(measure)) return false;
  // "…专利产业化率明显提升,全市涉专利技术合同成交额累计增长30%以上": the measure's own clause, or the one
  // after it when that names no measure of its own, holds its figure — not the next measure's.
  if (measure && !measureClauseHasFigure(text, measure)) return false;
  return clauseStatesNumber(text, questionTokens);
}

/**
 * A figure in the unit a question asks for — "7万件", "6个方面", "6大部分" — as a pattern: in figures only,
 * or (`words`) also in Chinese numerals ("八方面", "五个部分").
 */
export function figureInUnit(unit: string, words = false): RegExp {
  return new RegExp(`${words ? '(?:\\d|[一二两三四五六七八九十百千])' : '\\d'}\\s*(?:万|亿)?(?:个\\s*${words ? '|大' : ''})?${unit}`);
}

/** A measure of its own named before a figure: 成交额, 增加值, 合格率 … */
const OWN_MEASURE = /(?:额|值|率|度|量|数|比重|指数|规模|收入|总额|产值)[^,，;；。\d]{0,8}\d/;

function measureClauseHasFigure(text: string, measure: string): boolean {
  const clauses = text.split(/[,，;；。]/);
  return clauses.some((c, k) => {
    if (!c.includes(measure)) return false;
    if (NUMBER.test(c.slice(c.indexOf(measure)))) return true;
    const next = clauses[k + 1];
    return !!next && NUMBER.test(next) && !OWN_MEASURE.test(next);
  });
}

/**
 * The words a figure question puts before its measure ("批发零售业2025年增加值要突破多少" → 批发零售业): what
 * the measure is of. Null when the question names no such measure or nothing before it.
 */
export function measureSubject(question: string): string | null {
  const m = /(增加值|生产总值|总产值|产值|营业收入|销售收入|收入|销售额|交易额|成交额|零售总额|总额|投资额|税收|利润|产量|[\u4e00-\u9fff]{1,3}率|满意度|指数|比重)/.exec(question);
  if (!m) return null;
  const before = question.slice(0, m.index).replace(/(?:19|20)\d{2}\s*年(?:底|末)?|\d+/g, '');
  const run = /([\u4e00-\u9fff]{2,8})$/.exec(before.split(/[里中的对,，、:：?？\s]|方案|计划|意见|要点|文件/).at(-1) ?? '')?.[1];
  return run ?? null;
}

/** A count of a text's parts asked for ("分几个部分", "从哪几个方面"). */
const PARTS_ASKED = /(?:多少|几)\s*(?:个|大)?\s*(方面|部分|环节|阶段|领域|板块|层面|维度)/;

/** The measure a question asks the figure of: 合格率, 满意度, 覆盖率, 比重, 指数 (its last characters). */
const MEASURE_ASKED = /([\u4e00-\u9fff]率|满意度|知名度|贡献度|集中度|比重|指数)(?:的)?(?:目标|指标|要|应|须|需|能|得|力争|达到|提高到|提升到|是|定|为|有|多少|几|[\s?？]|$)/g;

/**
 * A figure asked for must be in the clause that names what is asked: "…比重达12%,战略性新兴产业增加值占…
 * 比重达" (a page cut off after the metric) does not state the second metric's figure. The clause sharing
 * most of the question's words decides; a text none of whose clauses share any says nothing against.
 */
export function clauseStatesNumber(text: string, questionTokens: string[]): boolean {
  const clauses = text.split(/[,，;；。]/).filter((c) => c.trim());
  const counts = clauses.map((c) => questionTokens.filter((t) => t.length >= 2 && !t.startsWith('+') && c.includes(t)).length);
  const most = Math.max(0, ...counts);
  if (most === 0) return true;
  // (The subject may stand in a clause of its own, its figure in the next one or two: "凡获得市级质量奖的
  // 组织,…,奖金为奖励的50%"; clauses naming as much of the question are all looked at.)
  const figure = (c: string | undefined) => !!c && (NUMBER.test(c) || /翻一番|翻番|倍/.test(c));
  return counts.some((n, k) => n === most && (figure(clauses[k]) || figure(clauses[k + 1]) || figure(clauses[k + 2])));
}
