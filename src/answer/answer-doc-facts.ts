import type { Plan, Source } from '../kb/records.ts';
import type { Answer, Ctx } from './answer-context.ts';
import { formatDate } from './format.ts';
import { CITED_DOCUMENT } from './answerability.ts';
import { numberAfter } from '../ingest/extract-doc-facts.ts';
import { parseChineseDate } from '../ingest/parse-dates.ts';

/**
 * Questions about the document itself: its 文号, date (落款/成文, as written), issuing body, title, the
 * documents it implements, its goal year and period, and on drafts the comment deadline and contacts.
 * Each asked attribute is answered from the plan's own record — or the plan is said not to state it.
 */

type Attr = 'attachments' | 'index' | 'validity' | 'feedback' | 'addressees' | 'approval' | 'drafter' | 'planYear' | 'docNo' | 'signed' | 'published' | 'source' | 'issuer' | 'title' | 'implements' | 'goalYear' | 'period' | 'commentDeadline' | 'phone' | 'email' | 'contact' | 'address';

const ASKS: Array<[Attr, RegExp]> = [
  ['index', /索引号/],
  ['attachments', /附件[^,，。?？]{0,6}(哪|几|什么|有啥|是啥|清单)|(带|附|有|挂|上传)了?(哪几|哪些|哪|几)[个份项]?附件/],
  ['validity', /还有效|有效吗|是否有效|有没有效|失效|废止|有效性|效力|还管用|还适用|还能用|还执行吗/],
  ['feedback', /(找谁|向谁|跟谁|给谁|向哪个?(单位|部门))(反映|反馈)|(反映|反馈|提交|寄|交)(给|到|至)?(谁|哪)/],
  ['addressees', /发给谁|发给哪些|发给了哪些|发给了谁|下发给|印发给|发到哪些|主送|发往|发至哪|发给[^,，。?？]{1,8}(哪些|哪个|谁)/],
  ['drafter', /(哪个|哪些|哪几个|哪两个|哪几家|哪两家|哪家|什么|谁)(单位|部门|机构)?(牵头)?(联合)?(起草|草拟|拟定|拟制)(的|了)?([?？、,，]|$)/],
  ['planYear', /(方案|计划|清单|要点|安排|文件|报告|这份|这个)[^,，]{0,12}(哪一?个?年度|哪一?年的|什么年度|针对哪一?年)/],
  ['docNo', /文号|发文字号|(?<!老)字号|几号文|第几期|哪一期|文件编号|发文编号/],
  // (When comments are due — not the day the call for comments was issued, "征求意见公告是哪天发的".)
  ['commentDeadline', /(意见|反馈|征求|征集).{0,12}(截止|截至|期限|多久|时间|之前|前|到(什么时候|何时|哪天|啥时候)|(什么时候|何时|哪天|啥时候)(截止|结束|为止))|截止(时间|日期)|截至(时间|日期)/],
  ['signed', /落款|成文|几月几[号日](印发|发布|出台|下发|发的|签发)|几号(印发|发布|出台|下发|发的|签发)|转发(的)?(日期|时间)|(哪天|什么时候|啥时候|何时)转发|(哪年|哪一年|哪天|什么时候|啥时候|何时)(出的|出台的?|印发的?|发的)|(更早|更晚|先|后)(出台|印发|发布)|(出台|印发|发布|发文|下发|制定|签发)得?(更|最)(早|晚)|哪(个|份|一份|一个)(更|最)(早|晚)|(印发|签发|出台|下发|发文|制定|发出)(的)?(时间|日期)|(印发|签发|出台|下发)[^,，。?？]{1,16}?的(时间|日期)(是|为)?(哪天|什么时候|多少|啥)?[?？]?$|哪天(印发|签发|出台|下发|发的|发文|定的)|(什么时候|啥时候|哪天|何时)(印发|签发|出台|下发|发的|定的|制定|发布的|印的)|何时(印发|签发|出台|下发|制定)|(哪天|哪一天|什么时候|何时|什么日期)(的|发布|公布)|是哪天|日期是|[,，、?？]\s*(哪天|哪一天|何时|什么时候)(印发|发布)?的?[?？]?$/],
  ['published', /发布(日期|时间)|(成文|印发)(时间|日期)?(和|及|与|、)发布|(网上|网站|页面)?(公开|挂网)(日期|时间)|(啥时候|什么时候|哪天|何时)(挂出来|挂出|挂网|上网|放出来|公开)|(哪天|什么时候|啥时候|何时)(发布|公布|挂网|上网)|(?<!(?:哪个|哪家|什么|谁)(?:单位|部门|机构|机关)?在?)网上.{0,4}(发布|公布)|网页上的日期|(页面|网页|网站).{0,8}(什么时候|哪天|日期|时间)/],
  ['source', /来源|\bsource\b|(哪家|哪个|什么)(报纸|报社|媒体|网站)/i],
  ['approval', /(哪次|什么|哪个|哪一次)(常务)?(会议|常务会|常委会)|经(过)?(谁|哪个|什么|哪些)(单位|部门|会议|领导)?(研究|审议)?(同意|批准|审议)|(谁|哪个单位)(同意|批准)(的|了)|由谁(研究|审议|讨论)?(同意|批准|通过)|(哪个|什么|哪次)会(议)?上?(研究|审议|讨论)?(同意|批准|通过)|(哪个|什么|哪次)会(议)?上?(研究|审议|讨论)|会议(通过|审议|同意)/],
  // The document's own issuer: the issuing verb ends the question ("是哪个单位印发的"), or a label names it —
  // not "哪个部门发布质量状况报告", whose object is another thing.
  ['issuer', /(哪个|哪些|哪几个|哪两个|哪几家|哪两家|哪家|什么|谁)(单位|部门|机构|机关|政府)?(的?名义)?(牵头)?(会同[^,，。?？]{0,8})?(联合|一起|共同)?(在(?:网上|网站上?|官网上?|[^,，。?？]{1,6}网站?上?))?(发布|印发|发|出台|下发|发文|签发|编|编制|制定|制发|出|转发)(的|了)?([?？、,，]|$)|是谁[、,，和](哪天|何时|什么时候)?(印发|发布|发)|(哪个|哪家|什么|哪些)(单位|部门|机构|机关)[、,，和]\s*(哪天|哪一天|何时|什么时候|啥时候|哪年|几号)[^,，。?？]{0,3}(印发|发布|发|出台|下发|签发)|(印发|发布|转发|下发|出台)[^,，。?？]{0,30}的(是|为)?(哪个|哪家|什么|哪一个)(单位|部门|机构|机关)([?？]|$)|发文(单位|机关)|发布机构|制发机关|落款单位|联合(印发|发文|发的|发布)/],
  ['title', /标题|全称|全名|名称是|叫什么|(什么|哪个|哪一)稿|是不是(草案|征求意见稿|定稿|正式)|(是|算)?(正式稿|定稿|正式文件)(吗|么|幺|嘛)?[?？]?$/],
  ['implements', /(根据|依据|依照|按照)(了)?(哪|什么|啥)|(依据|根据)的[^,，]{0,6}(文件|精神)|(根据|依据|依照|按照|贯彻|落实|引用)[^,，。?？]{0,10}(哪个|哪些|什么|哪一个|哪份)(文件|精神|纲要|意见|规定|方案|通知)|(文件|精神)是(哪个|什么|哪些)|(为|是)(贯彻|落实)(哪|什么)|(根据|依据|贯彻|落实|引用)(的是|了)?(哪个|哪些|什么|哪一个)(文件|精神|纲要|意见|规定)|上位(文件|政策)|依据(的)?(文件|是什么)/],
  ['period', /实施期|规划期|实施周期|哪几年|(?:管|覆盖|涵盖|是)哪[一二两三四五六七八九十]年|起止|时间跨度|期限是|(覆盖|涵盖|适用|管)(哪|几|多少|的)[个几]?(年|时间|期)|(规划|计划|方案)[^,，。?？]{0,4}(到|至)哪一?年(截止|结束|为止)/],
  ['goalYear', /(时间节点|节点)[^,，。?？]{0,10}目标|(总体|工作|发展|主要|总)目标[^,，。?？]{0,6}(什么时候|何时|啥时候)|(目标|到|截至|完成)(年份|哪一?年)|目标年|到哪一?年|哪一?年(之?前)?(完成|实现|达到|达成|建成)|目标[^,，。?？]{0,6}(定在|设在|放在|指向|是)哪一?年|指向哪一?年|目标[^,，。?？]{0,6}(时间节点|节点|哪几年|哪两年)|发展目标是到|目标[^,，。?？]{0,6}(以|在)?哪一?年为?节点|目标(的)?(时间)?节点是?哪一?年/],
  ['phone', /电话|联系方式|号码/],
  ['email', /邮箱|邮件|e-?mail/i],
  ['contact', /联系人|解读人|经办人|找谁|联系谁|(哪个|哪些|什么)(司|处|科|股|室|处室|科室|部门)(负责)?联系/],
  ['address', /地址|寄到|邮寄|寄送|寄给|(反馈|寄)(到|至|给)(哪|什么地方|何处)/],
];

const ASKS_IMPLEMENTS = ASKS.find(([a]) => a === 'implements')![1];

const LABEL: Record<Attr, string> = {
  attachments: '附件',
  index: '索引号',
  addressees: '主送',
  feedback: '反馈单位',
  validity: '有效性',
  approval: '审议/同意',
  drafter: '起草单位',
  planYear: '年度',
  docNo: '文号',
  signed: '落款日期',
  published: '发布日期',
  source: '来源',
  issuer: '发文单位',
  title: '标题',
  implements: '依据的文件',
  goalYear: '目标年份',
  period: '实施期',
  commentDeadline: '征求意见截止时间',
  phone: '联系电话',
  email: '电子邮箱',
  contact: '联系人',
  address: '地址',
};

/** The document attributes a question asks for, in the order asked. */
const EVENT_DAY = /(会议|会|仪式|活动|开幕|启动|培训|检查|评审)[^,，。?？]{0,6}(哪天|什么时候|何时|几号|哪一天)[^,，。?？]{0,2}(开|召开|举办|举行|进行|开展)|(开|召开|举办|举行)的?[?？]?$/;

const PERSON_NAME_ASK = /(负责人|联系人|组长|主任|局长|市长|县长|区长|书记|领导|专家|同志|人员|主持人)[^,，。?？]{0,4}(叫什么|名字|姓名|叫啥)/;

export function askedDocAttributes(text: string, ownTitles: Array<string | null> = []): Attr[] {
  // Another document's 文号 ("依据的…文件文号", "原工作方案的文号") is in the clause that cites it — not in
  // the plan's own name ("…国家知识产权强县建设工作方案的文号").
  const cited = CITED_DOCUMENT.test(withoutTitles(text, ownTitles));
  let found = [...new Set(ASKS.filter(([, re]) => re.test(text)).map(([a]) => (a === 'docNo' && cited ? 'implements' : a)))];
  // "联席会议是哪天开的", "启动仪式哪天举办": the day of an event the text tells, not the document's date.
  if (EVENT_DAY.test(text) && !/印发|发布|签发|落款|成文|下发|出台/.test(text)) found = found.filter((a) => a !== 'signed' && a !== 'published');
  // "细化方案+联系人电话啥时候交": what is handed in (a contact list) is the object; when is asked.
  if (/什么时候|啥时候|何时|几号|哪天|截止/.test(text) && /(交|报|送|提交|上报|报送|报备)/.test(text)) found = found.filter((a) => a !== 'phone' && a !== 'contact' && a !== 'email');
  // "规划到哪年截止": when the period ends, not the year its goals are set for.
  if (found.includes('period') && /截止|结束|为止/.test(text)) found = found.filter((a) => a !== 'goalYear');
  // "依据了哪些上级文件?列下文号": the cited documents' numbers, not the plan's own.
  // (…unless a clause of its own asks for the plan's: "是几号文,依据市里哪个文".)
  if (found.includes('implements')) {
    const own = text.split(/[,，;；、]/).some((clause) => /文号|几号文|(?<!老)字号/.test(clause) && !ASKS_IMPLEMENTS.test(clause) && !CITED_DOCUMENT.test(withoutTitles(clause, ownTitles)));
    found = found.filter((a) => a !== 'docNo');
    if (own) found.unshift('docNo');
  }
  // "是谁印发给各区的", "由哪个单位印发给各市县的": who sent it, not to whom.
  if (/(谁|哪个|哪家|什么|哪一个)(单位|部门|机关|机构)?(来|负责)?(印发|下发|发|转发)给(?![^,，。?？]{0,6}(谁|哪))/.test(text)) {
    found = found.filter((a) => a !== 'addressees');
    if (!found.includes('issuer')) found.push('issuer');
  }
  // "负责人叫什么名字": a person's name, not the document's.
  if (PERSON_NAME_ASK.test(text)) found = found.filter((a) => a !== 'title');
  // "遇到问题找谁反映": where problems go, not a contact person.
  if (found.includes('feedback')) found = found.filter((a) => a !== 'contact');
  // "政府网上这篇方案是哪天发的": the page's date.
  if (/网上|网站|网页|页面|挂网/.test(text) && found.includes('signed') && !/落款|成文|印发/.test(text)) found = found.map((a) => (a === 'signed' ? 'published' : a)).filter((a, i, all) => all.indexOf(a) === i);
  // "发布" alone means the document's date unless the page's own date is asked for.
  // "几号发布的": 发布 may mean the day the document was issued or the day its page went up — both are
  // said, each under its own label (the same day once).
  if (found.includes('signed') && /发布|公布/.test(text) && !/落款|成文|印发|签发|下发|出台/.test(text) && !found.includes('published')) found.push('published');
  return found;
}

/** The question without the runs of four or more characters it shares with a plan's own title. */
export function withoutTitles(text: string, titles: Array<string | null>): string {
  const own = titles.filter((t): t is string => !!t);
  if (own.length === 0) return text;
  let out = '';
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && own.some((t) => t.includes(text.slice(i, j + 1)))) j++;
    if (j - i >= 4) {
      // A space keeps what stood apart apart ("落实<title>的通知" is no "落实的").
      out += ' ';
      i = j;
    } else out += text[i++];
  }
  return out;
}

export function answerDocFact(c: Ctx): Answer | null {
  if (c.q.refs.length || !ASKS.some(([, re]) => re.test(c.q.text))) return null;
  const files = c.planFiles();
  if (!c.files || files.length === 0 || files.length > 6) return null;
  // "19.5万户以上这个目标要到哪年实现" asks the year of that target, not the plan's goal year.
  const quotesFigure = /\d+(?:\.\d+)?\s*(?:万|亿|%|个|户|家|件|项|亩|吨|人|元|公里)/.test(withoutTitles(c.q.text, c.scopeTitles()));
  const attrs = askedDocAttributes(c.q.text, c.scopeTitles()).filter((a) => !(a === 'goalYear' && quotesFigure));
  if (attrs.length === 0) return null;
  const lines: string[] = [];
  const sources: Source[] = [];
  let found = false;
  for (const file of files) {
    const plan = c.kb.plans.find((p) => p.file === file)!;
    const parts: string[] = [];
    for (const attr of attrs) {
      const v = valueOf(plan, attr, c.q.text);
      // (One value asked twice — the office comments go to, and its address — is said once.)
      if (v && parts.some((p) => p.endsWith(`: ${v.text}`))) continue;
      if (v) {
        found = true;
        parts.push(`${v.label ?? LABEL[attr]}: ${withArabicDate(v.text)}`);
        sources.push({ file, ref: null, path: [], line: v.line, quote: v.quote });
      } else parts.push(`方案中没有写明${LABEL[attr]}(没有找到)`);
    }
    lines.push(`${c.label(file)}《${plan.title ?? file}》${parts.join('; ')}〔${c.label(file)}〕`);
  }
  return c.answer(lines.join('\n'), sources, found);
}

interface Value {
  /** The value's own label where it differs from the attribute's (发布机构 for an issuer question). */
  label?: string;
  text: string;
  quote: string;
  line: number;
}

function valueOf(plan: Plan, attr: Attr, asked = ''): Value | null {
  const facts = plan.facts.filter((f) => f.kind === attr);
  const one = (text: string | null, quote?: string): Value | null => (text ? { text, quote: quote ?? text, line: 1 } : null);
  switch (attr) {
    case 'docNo': {
      // "考核评分细则文号多少": the number of a document the text cites, when the question names it.
      const cited = citedByName(plan, asked);
      if (cited) return { label: '文号', text: cited.value, quote: cited.quote, line: cited.line };
      return one(plan.docNo);
    }
    case 'drafter': {
      // Who drafted it: the departments named for it, else (a draft for comment) the body that issues it.
      const f = facts[0];
      return f ? { text: f.value, quote: f.quote, line: f.line } : one(plan.issuer);
    }
    case 'planYear': {
      // An annual plan names its year in its title ("2024年度食品安全工作责任清单").
      const y = /((?:19|20)\d{2})\s*年度?/.exec(plan.title ?? '');
      return y ? { text: `${y[0]}(${plan.title})`, quote: plan.title!, line: 1 } : null;
    }
    case 'issuer': {
      // "会上宣读的考核评分细则是谁印发的": the body a cited document's sentence names, when the question names it.
      const cited = citedByName(plan, asked, 'citedIssuer');
      if (cited) return { text: cited.value.slice(cited.value.indexOf('》') + 2), quote: cited.quote, line: cited.line };
      // "哪些部门一起制定的": the bodies whose plan a notice passes on drafted it.
      const drafter = /制定|编|起草|拟/.test(asked) ? plan.facts.find((x) => x.kind === 'drafter') : undefined;
      if (drafter) return { label: '起草单位', text: drafter.value, quote: drafter.quote, line: drafter.line };
      // "哪个部门发布的": who published the page (发布机构, its 来源) — "谁印发的": who issued the plan.
      if (/发布|公布/.test(asked) && !/印发|发文|签发|下发|出台/.test(asked)) {
        const pub = plan.facts.find((x) => x.kind === 'publisher') ?? plan.facts.find((x) => x.kind === 'source');
        if (pub) return { label: pub.kind === 'publisher' ? '发布机构' : '来源', text: pub.value, quote: pub.quote, line: pub.line };
      }
      return one(plan.issuer);
    }
    case 'title':
      return one(plan.title);
    case 'signed': {
      const f = (asked.includes('成文') ? plan.facts.find((x) => x.kind === 'written') : undefined) ?? facts[0];
      // (A news report's date for the issuing is said as such.)
      if (f) return { label: /《/.test(f.quote) ? '报道的印发日期' : /^(成文日期|发文日期)/.exec(f.quote)?.[1], text: f.value, quote: f.quote, line: f.line };
      // No 落款: the date the page gives it, as written and under its own label (成文日期, 发布日期).
      const page = plan.facts.find((x) => x.kind === 'written') ?? plan.facts.find((x) => x.kind === 'published');
      if (page) return { label: page.kind === 'written' ? '成文日期' : '发布日期', text: page.value, quote: page.quote, line: page.line };
      return one(plan.date ? formatDate(plan.date) : null);
    }
    case 'published': {
      const f = facts[0] ?? plan.facts.find((x) => x.kind === 'signed');
      if (!f) return null;
      // The page's date and the 落款 on the same day: both as written ("2023-07-25", "2023年7月25日").
      const signed = plan.facts.find((x) => x.kind === 'signed');
      const day = (v: string) => (v.match(/\d+/g) ?? []).slice(0, 3).map(Number).join('-');
      const same = signed && signed !== f && signed.value !== f.value && day(signed.value) === day(f.value) && day(f.value).split('-').length === 3;
      return { text: same ? `${f.value}(落款${signed.value})` : f.value, quote: f.quote, line: f.line };
    }
    case 'goalYear': {
      const f = facts[0];
      if (!f) return null;
      // Goals at several horizons ("2027年,…" then "到2035年,…"): each of them.
      const shown = facts.slice(0, 3).sort((a, b) => Number(a.value) - Number(b.value));
      return { text: shown.map((g) => `到${g.value}年(“${clip(g.quote)}”)`).join('; '), quote: f.quote, line: f.line };
    }
    case 'implements': {
      // "依据哪次会议通过的政府工作报告": the clause that says so, as written.
      const meeting = /会议|哪次|哪届/.test(asked) ? facts.find((f) => /会议/.test(f.quote)) : undefined;
      if (meeting) {
        const clause = /[^,，。;；]*会议[^,，。;；]*/.exec(meeting.quote)![0];
        return { text: clause.trim(), quote: meeting.quote, line: meeting.line };
      }
      return implementedDocuments(facts, asked);
    }
    case 'commentDeadline': {
      const f = facts[0];
      if (!f) return null;
      // "时间为2025年5月29日至2025年6月28日": the period as written, with its last day.
      const period = /((?:\d{4}年)?\d{1,2}月\d{1,2}日)\s*(?:至|到|—|-|~)\s*((?:\d{4}年)?\d{1,2}月\d{1,2}日)/.exec(f.quote);
      // (Else the day as the text writes it: "于2021年7月18日前书面反馈".)
      const written = /(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:前|之前)?/.exec(f.quote)?.[0];
      return { text: period ? `${period[1]}至${period[2]}(截止${f.value})` : (written ?? f.value), quote: f.quote, line: f.line };
    }
    case 'approval': {
      // As the text says it: "经市委、市政府研究同意", "已经区政府同意".
      const f = facts[0];
      if (!f) return null;
      const at = f.quote.indexOf(f.value);
      const said = at >= 0 ? /^[^,，。;；]{0,6}?(?:同意|通过|批准)/.exec(f.quote.slice(at + f.value.length))?.[0] : null;
      return { text: said != null ? `经${f.value}${said}` : f.value, quote: f.quote, line: f.line };
    }
    case 'feedback': {
      // "有异议的,请在7日之内以书面形式向…反映": the body, with the clause that says how and by when.
      const f = facts[0];
      if (f) return { text: `${f.value}(“${clip(f.quote, 80)}”)`, quote: f.quote, line: f.line };
      // (A draft's mailing address that names the office — "通讯地址:宝坻区市场监督管理局质监科" — is
      // where comments go.)
      const office = plan.facts.find((x) => x.kind === 'address' && /(局|委|办|厅|处|科|室|中心)$/.test(x.value));
      return office ? { label: '通讯地址', text: office.value, quote: office.quote, line: office.line } : null;
    }
    default: {
      if (facts.length === 0) return null;
      return { text: facts.map((f) => f.value).join('、'), quote: facts[0].quote, line: facts[0].line };
    }
  }
}

/**
 * The documents a plan implements, each with the 文号 written after it: the one the question points
 * to (曲靖市 / 省里 / 国务院办公厅 / 自治区 …) when it points to one, else all of them.
 */
function implementedDocuments(facts: Plan['facts'], asked: string): Value | null {
  if (facts.length === 0) return null;
  const withNo = facts.map((f) => {
    const no = numberAfter(f.quote, f.value);
    return { f, text: `《${f.value}》${no ? `(${no})` : ''}` };
  });
  const POINTERS: Array<[RegExp, RegExp]> = [
    [/省里|省委|省政府|省级|省/, /省/],
    [/自治区/, /自治区/],
    [/国务院办公厅|国办/, /国务院办公厅/],
    [/国务院|国家|中央/, /国务院|国家|中共中央|中央/],
    [/市里|市委|市政府/, /市/],
  ];
  const place = /([\u4e00-\u9fff]{2,4}?)(市|州|县|区)(哪|的|文件)/.exec(asked)?.[1];
  const pointed = withNo.filter(({ f }) => (place && f.value.includes(place)) || POINTERS.some(([q, d]) => q.test(asked) && d.test(f.value)));
  const shown = (pointed.length && pointed.length < withNo.length ? pointed : withNo).slice(0, 4);
  return { text: shown.map((x) => x.text).join('、'), quote: shown[0].f.quote, line: shown[0].f.line };
}

/** The cited document (with its 文号) whose name shares a run of five or more characters with the question. */
function citedByName(plan: Plan, asked: string, kind: 'citedNo' | 'citedIssuer' = 'citedNo'): Plan['facts'][number] | null {
  const own = withoutTitles(asked, [plan.title]);
  let best: { f: Plan['facts'][number]; n: number } | null = null;
  for (const f of plan.facts) {
    if (f.kind !== kind) continue;
    const name = f.value.slice(1, f.value.indexOf('》'));
    let n = 0;
    for (let i = 0; i < own.length; i++) for (let j = i + 5; j <= own.length && name.includes(own.slice(i, j)); j++) n = Math.max(n, j - i);
    if (n >= 5 && (!best || n > best.n)) best = { f, n };
  }
  return best?.f ?? null;
}

/** A quote cut to `max` characters, marked where it was cut. */
export function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A date written in Chinese numerals ("二O一一年三月二十三日") is also said in Arabic: (2011年3月23日). */
export function withArabicDate(text: string): string {
  const m = /[〇○零O0一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日/.exec(text);
  const iso = m ? parseChineseDate(m[0]) : null;
  if (!m || !iso) return text;
  const [y, mo, d] = iso.split('-').map(Number);
  const at = m.index + m[0].length;
  return `${text.slice(0, at)}(${y}年${mo}月${d}日)${text.slice(at)}`;
}
