import { docNoInitial, findPlaces, provinceByAbbreviation, lookupPlaceLoosely, placeByCode, placeContains, prefecturesStartingWith, type Place, type PlaceMention } from '../kb/place-names.ts';

/**
 * The place that issues a plan (厦门, 洞头区, 青海省, 杨凌示范区): from its title, its issuing body, the
 * covering notice, and — when none of those names one — the place its text keeps naming as itself
 * ("结合宜春实际"). Known places come from china-area-data, so a word is never cut into a "place"
 * (加快建设质量强区 names none); a place the gazetteer does not know is read only at the very start of a
 * title or issuer ("明州市…"). Documents the plan cites (《甘肃省…方案》) do not count.
 */

export interface PlaceInput {
  title: string | null;
  issuer: string | null;
  /** The covering notice's issuing part ("XX市人民政府办公室"). */
  notice: string | null;
  docNo: string | null;
  lines: string[];
  /** The file name: offices name files after the plan ("阳江市质量工作考核方案.docx"). */
  file?: string | null;
  /** A government page's 索引号 (11500104009286164T/2024-00002, 000330185/2022-86781). */
  index?: string | null;
  /** The body a page grid says published it (发布机构: 下陆区政府办公室). */
  publisher?: string | null;
}

/** What follows a place that the plan belongs to: its kind, right at the end of the title. */
const PLAN_OF = /^(?:[\u4e00-\u9fff]{0,4})(?:行动方案|实施方案|工作方案|推进方案|行动计划|工作计划|实施意见|实施细则|工作要点)(?:\s*\([^()]{1,24}\))?$/;

/** Zones that act as places: 杨凌示范区, 滨海新区, XX经济技术开发区. */
const ZONE = /^([\u4e00-\u9fff]{2,8}?(?:新区|示范区|高新区|高新技术产业开发区|高技术产业开发区|经济技术开发区|经济开发区|开发区|保税区|试验区))/;
/** A place the gazetteer lacks, at the start of a title or issuer: 2–4 characters before 市/县/区/省. */
const UNKNOWN_PLACE = /^([\u4e00-\u9fff]{2,4}?(?:[\u4e00-\u9fff]{1,3}族(?=乡|镇))?)(市|县|区|省|镇|乡|街道)(?=\d{4}年|人民政府|委|政府|办事处|质量|创建|关于|深入|推进|加快|实施|贯彻|开展|建设|[\u4e00-\u9fff]{0,14}(?:方案|意见|规划|计划|办法|要点|清单|安排|分解表|措施|细则|纲要))/;
/** A body named by its place alone: 宜兴人民政府, 明州人民政府. */
const PLACE_BODY = /^([\u4e00-\u9fff]{2,4}?)(?=人民政府|市委|县委|区委|政府办公室)/;
/** Words that show a captured "name" is a phrase (质量强, 加快建设…), not a place. */
const NOT_A_NAME = /质量|建设|推进|加快|关于|印发|深入|全面|全市|创建|实施|贯彻|开展|政府|人民|^[区市县省全本]|^自治|[强各我该的年委党第次届]/;
const PREFIX = /^(?:原标题[:]?|中共|中国共产党|关于印发|关于转发|关于|印发|\d{4}年(?:度)?|[(\s])+/;

export function findPlanPlace(input: PlaceInput): string | null {
  for (const text of [input.title, input.issuer, input.notice]) {
    const place = leadingPlace(text);
    if (place) return place;
  }
  const county = countyAtTitleStart(input.title, input.lines);
  if (county) return county;
  for (const text of [input.title, input.issuer, input.notice]) {
    const place = anyPlace(text);
    if (place) return place;
  }
  // The body that put the page online is of the same place, when the document names none itself.
  const published = leadingPlace(input.publisher ?? null);
  if (published) return published;
  // A national body's document is the country's, whatever places its addressees or examples name.
  if (NATIONAL.test([input.issuer, input.notice, input.docNo, input.title].join(' '))) return '全国';
  // A notice addressed to every province ("各省、自治区、直辖市…", "最高人民法院、…") comes from the centre.
  if (!input.title || !leadingPlace(input.title)) {
    if (input.lines.slice(0, 8).some((l) => /各省[、,，]\s*自治区[、,，]\s*直辖市|最高人民法院[、,，]\s*最高人民检察院|中央组织部[、,，]/.test(l))) return '全国';
  }
  // (The bodies a notice is addressed to as stationed in its city, "各驻新高校…", name it before the places its
  // text cites.)
  // ("各地级以上市质监局,深圳市市场监管局,…:": a notice to every city of a province is the province's.)
  const toCities = input.lines.slice(0, 20).some((l) => /^\s*各(?:地级以上市|地级市|设区市|地市|市\(州\)|市、州|州、市|市州)/.test(l));
  const province = toCities ? ownProvince(input.docNo, input.lines, true) : null;
  if (province) return province;
  return stationedPlace(input.lines) ?? selfNamedPlace(input.lines) ?? docNoPlace(input.docNo, input.lines) ?? ownProvince(input.docNo, input.lines) ?? countiesOfOneCity(input.lines) ?? fileNamePlace(input.file) ?? indexPlace(input.index) ?? (NATIONAL.test([input.issuer, input.notice, input.docNo, input.title].join(' ')) || /全国/.test(input.title ?? '') ? '全国' : null);
}

/** A national body's document applies to the whole country. */
const NATIONAL = /(^|[\s、,，])(国务院|国家[\u4e00-\u9fff]{1,12}(局|委|部)|中共中央|市场监管总局|[\u4e00-\u9fff]{2,6}部(办公厅)?([\s、,，]|$)|国[\u4e00-\u9fff]{0,6}发〔)/;

/** The place a title or issuer starts with; a county right after its prefecture is the place. */
function leadingPlace(raw: string | null): string | null {
  if (!raw) return null;
  const text = raw.replace(PREFIX, '');
  // (新疆生产建设兵团 governs its own land like a province, and the gazetteer has no code for it.)
  if (/^(?:新疆生产建设)?兵团(?!团)/.test(text)) return '新疆生产建设兵团';
  const mentions = findPlaces(text.slice(0, 40));
  const first = mentions[0];
  if (first && first.index === 0) {
    // "河南虞城:成功创建…": a news headline names the county by its short form after its province.
    const county = /^([\u4e00-\u9fff]{2,3}?)(?=[:：\s—])/.exec(text.slice(first.text.length))?.[1];
    const known = county && first.place.level !== 'county' ? lookupPlaceLoosely(county) : null;
    if (known && known.level === 'county') return display(known.name);
    const next = mentions[1];
    // "四川省深入推进农产品质量安全省建设雅安市行动方案": a place inside the first, named right before the
    // plan's kind, is the one whose plan it is (the province's campaign, the city's plan).
    const own = mentions.find((m) => m.index > first.text.length && placeContains(first.place, m.place) && PLAN_OF.test(text.slice(m.index + m.text.length)));
    if (own) return display(own.place.name);
    // ("北京城市副中心(通州区)…": a place in brackets near the start, inside the first, is the plan's own.)
    const bracketed = mentions.find((m) => m.index > first.text.length && m.index <= first.text.length + 12 && /[(（]$/.test(text.slice(0, m.index)) && /^[)）]/.test(text.slice(m.index + m.text.length)) && placeContains(first.place, m.place));
    if (bracketed) return display(bracketed.place.name);
    const chosen = next && next.index === first.text.length && rank(next) > rank(first) ? next : first;
    const zone = ZONE.exec(text.slice(chosen.index));
    // ("陕西省西咸新区": a zone with a name of its own goes by it, without its province.)
    if (zone && zone[1].startsWith(chosen.text) && chosen.place.level === 'province' && /^[\u4e00-\u9fff]{2,}(新区|示范区|开发区|试验区)$/.test(zone[1].slice(chosen.text.length)) && !/^(高新|经济|技术|国家)/.test(zone[1].slice(chosen.text.length))) return zone[1].slice(chosen.text.length);
    return display(zone && zone[1].startsWith(chosen.text) ? zone[1] : chosen.place.name);
  }
  const zone = ZONE.exec(text);
  // ("促进我市开发区改革…": a phrase about the city's zones names none.)
  if (zone && !NOT_A_NAME.test(zone[1].slice(0, 2)) && !/[我本该各]|促进|推动|支持|发展/.test(zone[1])) return zone[1];
  if (first) return null;
  const body = PLACE_BODY.exec(text);
  if (body && !NOT_A_NAME.test(body[1])) return display(lookupPlaceLoosely(body[1])?.name ?? body[1]);
  const unknown = UNKNOWN_PLACE.exec(text);
  // "石柱县…" names 石柱土家族自治县: a county's short form with a level word.
  if (unknown && !NOT_A_NAME.test(unknown[1])) {
    const known = lookupPlaceLoosely(unknown[1]);
    return display(known && known.name.endsWith(unknown[2]) ? known.name : unknown[1] + unknown[2]);
  }
  return null;
}

/** A known place anywhere in a title or issuer, outside the documents it cites. */
function anyPlace(raw: string | null): string | null {
  if (!raw) return null;
  const text = withoutCitations(raw);
  const mentions = findPlaces(text);
  // ("关于批准四平市等11个市(县)开展吉林省…活动的通知": the places a title approves or commends are its
  // objects; the other place it names issued it.)
  const object = (m: PlaceMention) => /(批准|同意|表彰|命名|授予|确定|公布|通报表扬)$/.test(text.slice(Math.max(0, m.index - 4), m.index));
  const first = mentions.find((m) => !object(m)) ?? mentions[0];
  return first ? display(first.place.name) : null;
}

/**
 * "嘉政办发〔2021〕5号 … 涉及嘉鱼的重点事项": a 文号 opens with its place's first character, and the text names
 * that place by its short form — which alone would be too weak (short county names are often words).
 */
function docNoPlace(docNo: string | null, lines: string[]): string | null {
  const initial = docNoInitial(docNo);
  if (!initial) return null;
  const text = withoutCitations(lines.join('\n').slice(0, 6000));
  for (let i = text.indexOf(initial); i >= 0; i = text.indexOf(initial, i + 1)) {
    for (const len of [3, 2]) {
      const place = lookupPlaceLoosely(text.slice(i, i + len));
      if (place && place.level !== 'province') return display(place.name);
    }
  }
  return null;
}

/** How a province's own papers name it: 我省, 全省, 省委省政府. */
const PROVINCE_SELF = /我省|全省|本省|省委[、\s]*省政府/;

/**
 * A province's own document that never names it in full: "粤市监质发〔2021〕100号 … 结合我省实际" (the 文号
 * opens with the province's one-character name), or "省委省政府印发… 结合我省实际" citing 《国务院关于支持贵州…》
 * (the one province the text names at all). Only when the text speaks of itself as a province's.
 */
function ownProvince(docNo: string | null, lines: string[], toCities = false): string | null {
  const text = lines.join('\n').slice(0, 6000);
  if (!PROVINCE_SELF.test(text) || (!toCities && /我市|全市|本市|我县|全县/.test(text))) return null;
  const byNo = provinceByAbbreviation(docNoInitial(docNo));
  if (byNo) return display(byNo);
  const provinces = new Set(findPlaces(text).filter((m) => m.place.level === 'province').map((m) => m.place.name));
  if (provinces.size === 1) return display([...provinces][0]);
  // (Addressed to every city, naming some: the province they are all in — 深圳市 and 顺德区 are 广东省's.)
  if (!toCities || provinces.size > 0) return null;
  const of = new Set(findPlaces(withoutCitations(text)).map((m) => m.place.code?.slice(0, 2)).filter(Boolean));
  const only = of.size === 1 ? placeByCode(`${[...of][0]}0000`) : null;
  return only ? display(only.name) : null;
}

/**
 * The place a 索引号 is registered in, when nothing in the document names one. Public-information
 * indexes begin with the publishing body's code: an 18-character 统一社会信用代码 (11 + the six-digit
 * administrative code of its registry + …: 11500104… → 大渡口区), or a body code padded with zeros
 * (000330185 → 330185 → 临安区). A code the gazetteer does not know gives nothing.
 */
function indexPlace(index: string | null | undefined): string | null {
  const code = index?.trim().split('/')[0] ?? '';
  const area = /^1\d(\d{6})[0-9A-Z]{10}$/.exec(code)?.[1] ?? /^000(\d{6})$/.exec(code)?.[1];
  const place = area ? placeByCode(area) : null;
  return place ? display(place.name) : null;
}

/**
 * "直属及驻漯有关单位": bodies stationed in a city are addressed by its one-character abbreviation — the
 * city whose name starts with it, when only one does (驻石 could be 石家庄 or 石嘴山: nothing).
 */
function stationedPlace(lines: string[]): string | null {
  const text = lines.slice(0, 30).join('\n');
  for (const m of text.matchAll(/驻([\u4e00-\u9fff])(?:各|有关|市|单位|高校|企业|部队|机构)/g)) {
    const cities = prefecturesStartingWith(m[1]);
    if (cities.length === 1) return display(cities[0].name);
    // ("各驻新高校…报送至新乡市…": of the cities the character could name, the one the text names.)
    const named = cities.filter((c) => text.includes(c.name));
    if (named.length === 1) return display(named[0].name);
  }
  return null;
}

/**
 * A city's own page that never names the city ("我市…" over a table of 樟树市, 高安市, 明月山管委会): the
 * city whose counties it names — two or more of them, and no county of another city.
 */
function countiesOfOneCity(lines: string[]): string | null {
  const text = lines.slice(0, 200).join('\n');
  if (!/我市|全市/.test(text)) return null;
  const counties = new Map<string, string>();
  for (const m of findPlaces(text)) if (m.place.level === 'county' && m.place.code) counties.set(m.place.name, m.place.code.slice(0, 4));
  const cities = new Set(counties.values());
  if (counties.size < 2 || cities.size !== 1) return null;
  const city = placeByCode(`${[...cities][0]}00`);
  return city && city.level === 'prefecture' ? display(city.name) : null;
}

/** A known place in the file name, when the text names none. */
function fileNamePlace(file: string | null | undefined): string | null {
  if (!file) return null;
  const first = findPlaces(file.replace(/\.[a-z0-9]+$/i, ''))[0];
  return first ? display(first.place.name) : null;
}

const rank = (m: PlaceMention) => ({ province: 0, prefecture: 1, county: 2 })[m.place.level];

/** The place the text names most often as itself, outside cited documents. */
function selfNamedPlace(lines: string[]): string | null {
  const text = withoutCitations(lines.join('\n').slice(0, 6000));
  // "结合宜兴实际" is how a plan names itself.
  for (const m of text.matchAll(/(?:结合|立足|符合)([\u4e00-\u9fff]{2,8}?)(?:的)?实际/g)) {
    const place = lookupPlaceLoosely(m[1]);
    if (place) return display(place.name);
  }
  const counts = new Map<string, { n: number; first: number; self: boolean; name: string }>();
  const count = (key: string, index: number, self: boolean) => {
    const c = counts.get(key) ?? { n: 0, first: index, self: false, name: key };
    c.n++;
    c.self ||= self;
    counts.set(key, c);
  };
  const mentions = findPlaces(text);
  // "各区、市人民政府,青岛西海岸新区管委,市政府各部门:": a city named among a notice's addressees (its own
  // zone, its own districts) is the notice's city.
  const addressed: Array<[number, number]> = [];
  let offset = 0;
  for (const line of text.split('\n').slice(0, 20)) {
    if (/^\s*各[^。]{2,200}[:：]\s*$/.test(line)) addressed.push([offset, offset + line.length]);
    offset += line.length + 1;
  }
  const inAddressees = (m: PlaceMention) => m.place.level === 'prefecture' && addressed.some(([a, b]) => m.index >= a && m.index < b);
  // Where a run of adjacent names starts ("广州市天河区": the county's run starts at 广州市).
  let runStart = -1, runEnd = -1;
  for (const [i, m] of mentions.entries()) {
    if (m.index !== runEnd) runStart = m.index;
    runEnd = m.index + m.text.length;
    // "达州市通川区组织召开…": a prefecture written before its county names the county.
    const next = mentions[i + 1];
    if (next && next.index === m.index + m.text.length && rank(next) > rank(m)) continue;
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    const after = text.slice(m.index + m.text.length, m.index + m.text.length + 6);
    // "黑龙江日报7月26日讯": the paper that reports it is not the place it reports on.
    if (MEDIA_AFTER.test(after)) continue;
    // "高新区管委会、新城区管委会": a zone's committee among the responsible bodies is inside the text's place.
    if (/^(管委会|管理委员会|工委)/.test(after)) continue;
    // "通讯地址:北京市海淀区…": where to post things is no place the text is about.
    if (/(地址|寄至|寄往|邮寄到|位于)\s*[:：]?\s*$/.test(text.slice(Math.max(0, runStart - 8), runStart))) continue;
    // ("来源:四川食安", "编辑:…": who published or wrote a page is no place it is about.)
    if (/(来源|编辑|作者|记者|通讯员|供稿)\s*[:：]\s*$/.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    count(m.place.name, m.index, SELF_BEFORE.test(before) || SELF_AFTER.test(after) || inAddressees(m));
  }
  // "推动哈市加快…": a city of three or more characters goes by its first one and 市 in its own papers —
  // counted for the city the text also names in full.
  const abbreviated = new Map([...counts.keys()].filter((k) => /市$/.test(k) && k.length >= 4).map((k) => [k[0], k]));
  for (const m of text.matchAll(/([\u4e00-\u9fff])市(?![场民委长级区县直属])/g)) {
    const key = abbreviated.get(m[1]);
    if (key && !text.startsWith(key.slice(0, -1), m.index)) count(key, m.index, SELF_BEFORE.test(text.slice(Math.max(0, m.index - 4), m.index)));
  }
  // Mentions outweigh one self-naming phrase: "推进新密市、郑东新区争创…" in a report on 郑州 names a county
  // once; the place the text keeps naming is its subject.
  const score = (c: { n: number; self: boolean }) => c.n + (c.self ? 2 : 0);
  const best = [...counts.values()].filter((c) => c.self || c.n >= 2).sort((a, b) => score(b) - score(a) || Number(b.self) - Number(a.self) || a.first - b.first)[0];
  // ("视察东北、辽宁、大连时…(牵头单位:市发展改革委)": a text whose own bodies are a city's — 市X局/委 — is the
  // one city it names in the province it keeps naming.)
  const outer = best ? lookupPlaceLoosely(best.name) : null;
  // (The one named place inside the outer one that fits, if exactly one does.)
  const oneInside = (fits: (p: Place) => boolean): Place | null => {
    const inner = [...counts.keys()].map(lookupPlaceLoosely).filter((p): p is Place => !!p && fits(p) && placeContains(outer!, p));
    return inner.length === 1 ? inner[0] : null;
  };
  // ("视察东北、辽宁、大连时…(牵头单位:市发展改革委)": a text whose own bodies are a city's — 市X局/委 — is the
  // one city it names in the province it keeps naming.)
  const city = outer?.level === 'province' && cityBodies(text) >= 2 ? oneInside((p) => p.level === 'prefecture') : null;
  if (city) return display(city.name);
  // ("区人民政府各工作部门… 西安市… 莲湖区电梯安全问题专项联席会议": a text whose own bodies are a district's is
  // the one district of that level it names inside the city it keeps naming.)
  const ownLevel = outer ? bareLevel(text) : null;
  const district = outer && ownLevel && outer.level !== 'county' ? oneInside((p) => p.level === 'county' && p.name.endsWith(ownLevel)) : null;
  if (district) return display(district.name);
  if (best) return display(best.name);
  // A report that names one county once and no other place ("5月11日,石泉县…启动会召开") is that county's.
  const only = counts.size === 1 ? [...counts.values()][0] : null;
  // (A city named once is that text's too when it opens the text's first sentences: "8月21日,麻城市品牌建设
  // 工作推进会召开".)
  const opens = (at: number) => at < 300 && /(^|[。\n]|日[,，]|(近日|日前|近期|今年以来)[,，]?)\s*$/.test(text.slice(Math.max(0, at - 12), at));
  if (only) return /[县旗]$|[^市]区$/.test(only.name) || opens(only.first) ? display(only.name) : null;
  // "区市场监督管理局组织宣州区…会议, 区农业农村局、区住建局…参加 … 宣城市…印发的": the text's own bodies go by
  // their bare level (区X局), and the one named place of that level is the text's.
  const level = bareLevel(text);
  const ofLevel = level ? [...counts.values()].filter((c) => c.name.endsWith(level) && !(level === '区' && /市辖区$/.test(c.name))) : [];
  return ofLevel.length === 1 ? display(ofLevel[0].name) : null;
}

/** How many of a text's bodies are named by the bare city level: "市发展改革委", "市市场监管局". */
function cityBodies(text: string): number {
  return [...text.matchAll(/(?:^|[,，、:：;；(（\s])市(?!场|民|级|县|区|直)[\u4e00-\u9fff]{1,10}?(?:局|委|办)(?![\u4e00-\u9fff])/g)].length;
}

/** The level (县/区/旗) most of a text's bare-named bodies carry ("区农业农村局、区住建局"), if any. */
function bareLevel(text: string): string | null {
  const n = new Map<string, number>();
  for (const m of text.matchAll(/(?:^|[,，、:：。;；(（\s])(县|区|旗)(?:政府|委|[\u4e00-\u9fff]{1,8}?(?:局|委|办|中心))/g)) n.set(m[1], (n.get(m[1]) ?? 0) + 1);
  const best = [...n.entries()].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] >= 2 && (n.size === 1 || best[1] >= 2 * Math.max(...[...n.values()].filter((v) => v !== best[1]), 0)) ? best[0] : null;
}

/** What follows a place's name when it names a newspaper, station or news site. */
const MEDIA_AFTER = /^(日报|晚报|早报|商报|新闻|电视台|广播|融媒|发布|讯)/;

/** How a plan names itself around a place: "结合X…", "…X实际/篇章/人民政府". */
const SELF_BEFORE = /(结合|全面提升|推动|推进|助力|加快|建设|打造)$/;
const SELF_AFTER = /^(实际|篇章|特色|人民政府|市委|县委|区委)/;

/** 《…》 spans and 根据/按照 clauses name other documents' places. */
function withoutCitations(text: string): string {
  return text.replace(/《[^》]{0,80}》/g, ' ').replace(/(根据|按照|依据)[^,。;]{0,80}/g, ' ');
}

/**
 * "蕲春召开…创建动员会": a headline may open with a county's short form (short county names are words
 * elsewhere, so only when the text names that county in full too).
 */
function countyAtTitleStart(title: string | null, lines: string[]): string | null {
  const text = title?.replace(PREFIX, '') ?? '';
  for (const len of [3, 2]) {
    const place = lookupPlaceLoosely(text.slice(0, len));
    if (place?.level === 'county' && place.name !== text.slice(0, len) && lines.slice(0, 60).some((l) => l.includes(place.name))) return display(place.name);
  }
  return null;
}

/** Cities are shown without 市 (厦门, 宜兴); other levels keep their suffix (洞头区, 磐安县, 青海省). */
function display(name: string): string {
  return name.replace(/市$/, '');
}
