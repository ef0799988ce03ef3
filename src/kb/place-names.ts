import { createRequire } from 'node:module';

/**
 * Chinese places (china-area-data): provinces, prefectures and counties with their short forms, so a
 * plan's issuing place can be read from its title, issuer or text, and a question about a place whose
 * plan is not loaded ("杭州的方案…") is told so instead of being answered from another place.
 */

export type PlaceLevel = 'province' | 'prefecture' | 'county';

export interface Place {
  /** The official name: 浙江省, 杭州市, 洞头区, 巴音郭楞蒙古自治州. */
  name: string;
  /** The name without its level suffix when that leaves a name (杭州, 洞头, 巴音郭楞), else the name. */
  short: string;
  level: PlaceLevel;
  /** The six-digit administrative code (350200), when the gazetteer has one. */
  code?: string;
}

interface Gazetteer {
  /** Counties by short form (宜兴 → 宜兴市): only for contexts that mark a place (结合宜兴实际). */
  countyShorts: Map<string, Place>;
  /** Every written form a text may use → the place. Full names always; short forms where safe. */
  forms: Map<string, Place>;
  /** Lengths of the forms by their first character, longest first (for scanning). */
  lengthsByFirst: Map<string, number[]>;
  /** Names for questions (full, and short for provinces and prefectures), longest first. */
  questionNames: string[];
  /** Places by their six-digit administrative code (330185 → 临安区). */
  byCode: Map<string, Place>;
  /** Two-character counties (魏县, 沛县), found only where a name can start. */
  twoChar: Map<string, Place>;
}

let gazetteer: Gazetteer | undefined;

const ETHNIC = '土家族|苗族|藏族|彝族|蒙古族|回族|朝鲜族|壮族|侗族|布依族|哈尼族|傣族|白族|傈僳族|景颇族|羌族|黎族|瑶族|土族|撒拉族|达斡尔族|鄂温克族|畲族|仡佬族|水族|纳西族|拉祜族|佤族|满族|锡伯族|鄂伦春族|保安族|东乡族|裕固族|仫佬族|毛南族|各族|维吾尔';
const ETHNIC_SUFFIX = new RegExp(`(?:(?:${ETHNIC})+|蒙古|哈萨克|柯尔克孜)?自治(?:州|区|县|旗)$`);

/** 浙江省 → 浙江, 杭州市 → 杭州, 内蒙古自治区 → 内蒙古, 延边朝鲜族自治州 → 延边, 磐安县 → 磐安. */
export function shortPlaceName(name: string): string {
  const short = name.replace(ETHNIC_SUFFIX, '').replace(/(特别行政区|省|市|县|区|地区|盟|林区|旗)$/, '');
  if (short.length >= 2) return short;
  // 鄂温克族自治旗 → 鄂温克: the people's name is the place's name.
  const people = name.replace(/族?自治(?:州|区|县|旗)$/, '');
  return people.length >= 2 && people !== name ? people : name;
}

function load(): Gazetteer {
  const data = createRequire(import.meta.url)('china-area-data/v5/data.json') as Record<string, Record<string, string>>;
  const forms = new Map<string, Place>();
  const add = (form: string, place: Place) => {
    if (form.length >= 2 && !forms.has(form)) forms.set(form, place);
  };
  const questionNames = new Set<string>();
  const countyShorts = new Map<string, Place>();
  const twoChar = new Map<string, Place>();
  const byCode = new Map<string, Place>();
  const provinces = Object.entries(data['86'] ?? {});
  const levelOf = (code: string): PlaceLevel => (code in (data['86'] ?? {}) ? 'province' : /00$/.test(code) ? 'prefecture' : 'county');
  // Provinces and prefectures first, so a county's short form never shadows them.
  const ordered = [
    ...provinces.map(([code, name]) => [code, name] as const),
    ...provinces.flatMap(([code]) => Object.entries(data[code] ?? {})),
  ];
  for (const [code, name] of ordered) {
    if (/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(name)) continue;
    const place: Place = { name, short: shortPlaceName(name), level: levelOf(code), code };
    byCode.set(code, place);
    add(name, place);
    add(place.short, place);
    questionNames.add(name);
    if (!/(族|自治)/.test(place.short)) questionNames.add(place.short);
    // 临夏回族自治州 is written 临夏州 in its own documents (恩施州, 黔东南州).
    if (/自治州$/.test(name) && place.short !== name) {
      add(`${place.short}州`, place);
      questionNames.add(`${place.short}州`);
    }
  }
  // Counties: full names only — short county names are often ordinary words (城关, 和平, 新华).
  for (const [province] of provinces) {
    for (const prefecture of Object.keys(data[province] ?? {})) {
      for (const [code, name] of Object.entries(data[prefecture] ?? {})) {
        if (name === '市辖区') continue;
        // Two-character counties (魏县, 沛县) are ordinary text inside words (经费县级, 清单县): kept apart,
        // and found only where a name can start.
        if (name.length < 3) {
          if (/县$/.test(name)) {
            twoChar.set(name, { name, short: name, level: 'county' });
            questionNames.add(name);
          }
          continue;
        }
        const place: Place = { name, short: shortPlaceName(name), level: 'county', code };
        byCode.set(code, place);
        add(name, place);
        if (place.short !== name && !countyShorts.has(place.short)) countyShorts.set(place.short, place);
        questionNames.add(name);
        // 长阳土家族自治县 is written 长阳县 (a 自治旗 its 旗).
        const own = /自治(县|旗)$/.exec(name);
        if (own && place.short !== name && place.short.length >= 2) {
          add(`${place.short}${own[1]}`, place);
          questionNames.add(`${place.short}${own[1]}`);
        }
      }
    }
  }
  const lengthsByFirst = new Map<string, number[]>();
  for (const f of forms.keys()) {
    const ls = lengthsByFirst.get(f[0]) ?? [];
    if (!ls.includes(f.length)) ls.push(f.length);
    lengthsByFirst.set(f[0], ls);
  }
  for (const ls of lengthsByFirst.values()) ls.sort((a, b) => b - a);
  return { countyShorts, twoChar, forms, lengthsByFirst, questionNames: [...questionNames].sort((a, b) => b.length - a.length), byCode };
}

function places(): Gazetteer {
  gazetteer ??= load();
  return gazetteer;
}

/** Place names for questions, full ("杭州市") and short ("杭州"), longest first. Loaded on first use. */
export function placeNames(): string[] {
  return places().questionNames;
}

/** The place a written form names (杭州, 杭州市, 磐安县), if any. */
export function lookupPlace(form: string): Place | null {
  return places().forms.get(form) ?? null;
}

/** The place a body's name opens with, the longest known, and the body after it: 南沙区政府 → 南沙区 + 政府. */
export function placeOpening(name: string): { place: string; body: string } | null {
  for (let n = Math.min(name.length - 2, 8); n >= 2; n--) {
    const place = name.slice(0, n);
    if (/[省市县区州盟旗]$/.test(place) && lookupPlace(place)) return { place, body: name.slice(n) };
  }
  return null;
}

/** A place by any form, county short forms included (宜兴): for contexts that mark a place name. */
export function lookupPlaceLoosely(form: string): Place | null {
  return places().forms.get(form) ?? places().countyShorts.get(form) ?? null;
}

/** The character a 文号 opens with, which is its place's first (嘉政办发〔2021〕5号 → 嘉, 宝府办〔2008〕18号 → 宝). */
export function docNoInitial(docNo: string | null | undefined): string | null {
  return /^([\u4e00-\u9fff])[\u4e00-\u9fff]{0,5}(?:发|字|函|文|办)/.exec(docNo?.trim() ?? '')?.[1] ?? null;
}

/** Provinces by the one character their documents' 文号 open with (粤市监质发, 鄂政发, 豫政办). */
const PROVINCE_ABBREVIATION: Record<string, string> = {
  京: '北京市', 津: '天津市', 沪: '上海市', 渝: '重庆市', 冀: '河北省', 晋: '山西省', 辽: '辽宁省', 吉: '吉林省',
  黑: '黑龙江省', 苏: '江苏省', 浙: '浙江省', 皖: '安徽省', 闽: '福建省', 赣: '江西省', 鲁: '山东省', 豫: '河南省',
  鄂: '湖北省', 湘: '湖南省', 粤: '广东省', 琼: '海南省', 川: '四川省', 黔: '贵州省', 滇: '云南省', 云: '云南省',
  陕: '陕西省', 甘: '甘肃省', 青: '青海省', 宁: '宁夏回族自治区', 新: '新疆维吾尔自治区', 藏: '西藏自治区',
  桂: '广西壮族自治区', 内: '内蒙古自治区',
};

/** The province a one-character 文号 initial names (粤 → 广东省), as the gazetteer spells it. */
export function provinceByAbbreviation(ch: string | null): string | null {
  const name = ch ? PROVINCE_ABBREVIATION[ch] : undefined;
  return name ? (lookupPlaceLoosely(name)?.name ?? name) : null;
}

/** Prefectures (cities) whose name starts with a character: the one-character abbreviation 漯 → 漯河市. */
export function prefecturesStartingWith(ch: string): Place[] {
  return [...places().byCode.values()].filter((p) => p.level === 'prefecture' && p.name.startsWith(ch));
}

/** The outer place contains the inner one (四川省 ⊃ 雅安市 ⊃ 雨城区), by their codes. */
export function placeContains(outer: Place, inner: Place): boolean {
  if (!outer.code || !inner.code || outer.code === inner.code) return false;
  const prefix = outer.level === 'province' ? outer.code.slice(0, 2) : outer.level === 'prefecture' ? outer.code.slice(0, 4) : null;
  return !!prefix && inner.code.startsWith(prefix);
}

/** The place with a six-digit administrative code (330185 → 临安区), if the gazetteer has it. */
export function placeByCode(code: string): Place | null {
  return places().byCode.get(code) ?? null;
}

export interface PlaceMention {
  place: Place;
  /** The form as written. */
  text: string;
  index: number;
}

/** Known places in a text, longest match first at each position, left to right. */
/** Place names that begin with a common verb or word of plans. */
const WORD_FIRST = /^(会同|新建|协同|开发|建设|和平|东方)/;

export function findPlaces(text: string): PlaceMention[] {
  const { forms, lengthsByFirst } = places();
  const out: PlaceMention[] = [];
  for (let i = 0; i < text.length; ) {
    let hit: PlaceMention | null = null;
    for (const len of lengthsByFirst.get(text[i]) ?? []) {
      if (i + len > text.length) continue;
      const form = text.slice(i, i + len);
      const place = forms.get(form);
      // ("县发改委要会同县督查落实办…", "新建区域": a name that is also a verb or word, inside a sentence, is
      // that word — 会同县 and 新建区 are named where a name can start.)
      if (place && WORD_FIRST.test(form) && i > 0 && /[\u4e00-\u9fff]/.test(text[i - 1]) && !/[于在对和与及、]/.test(text[i - 1])) continue;
      if (place) {
        hit = { place, text: form, index: i };
        break;
      }
    }
    // A two-character county where a name starts: after a non-Han character, a place (邯郸市魏县) or 关于/在/对.
    const two = hit ? undefined : places().twoChar.get(text.slice(i, i + 2));
    const last = out.at(-1);
    if (two && (i === 0 || !/[\u4e00-\u9fff]/.test(text[i - 1]) || /[于在对和与及跟同]/.test(text[i - 1]) || (last && last.index + last.text.length === i))) {
      hit = { place: two, text: text.slice(i, i + 2), index: i };
    }
    if (hit) {
      out.push(hit);
      i += hit.text.length;
    } else i++;
  }
  return out;
}
