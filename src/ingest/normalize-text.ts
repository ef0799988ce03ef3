import * as OpenCC from 'opencc-js';

/**
 * Text normalisation for plan documents: width, punctuation, pinyin annotations and traditional
 * characters. Damaged text ('?' runs, mojibake) is kept exactly as it is — never guessed.
 */

type Converter = (s: string) => string;
let t2sConverter: Converter | undefined;

/** opencc builds its dictionaries on first use (~50 ms), so it is created lazily, not at import. */
export function toSimplified(s: string): string {
  t2sConverter ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  return t2sConverter(s);
}

/** Full-width ASCII (！ … ～) and the ideographic space become their half-width forms. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Dashes and brackets in one form each, so patterns can match one character. The em dash (—) used in
 * Chinese names and ranges is kept (names are cited as written); only look-alikes are folded into it.
 */
export function unifyPunctuation(s: string): string {
  return s
    .replace(/[\u2010\u2011\u2012\u2013\u2212\ufe63]/g, '-')
    .replace(/[\u2015\u2500]/g, '—')
    .replace(/[\u2022\u2027\u30fb\u00b7\u2219\u22c5]/g, '·')
    .replace(/[\u3010\u3016]/g, '【')
    .replace(/[\u3011\u3017]/g, '】')
    // 文号 brackets in their small and white forms (石政规发﹝2020﹞5号, 〘〙): the tortoise-shell bracket.
    .replace(/[\ufe5d\u3018]/g, '〔')
    .replace(/[\ufe5e\u3019]/g, '〕')
    .replace(/[\u201c\u201d\u300c\u300d]/g, (c) => (c === '\u201c' || c === '\u300c' ? '“' : '”'))
    .replace(/[\u2018\u2019]/g, (c) => (c === '\u2018' ? '‘' : '’'))
    // The small forms (1﹒, ﹐, ﹑, ﹔, ﹕, ﹙﹚): the plain ones, so item numbers and lists read as usual.
    .replace(/[\ufe50-\ufe5a]/g, (c) => ({ '\ufe50': ',', '\ufe51': '、', '\ufe52': '.', '\ufe54': ';', '\ufe55': ':', '\ufe56': '?', '\ufe57': '!', '\ufe58': '—', '\ufe59': '(', '\ufe5a': ')' })[c] ?? c)
    .replace(/\u00a0/g, ' ');
}

const TONE_MARKS = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';
// Mostly after a Han character; after mojibake ("飞a(chǎn)") too — a tone-marked group is always pinyin.
// (A group of letters with a tone mark among them: the lookahead finds the mark, once, where
// `[a-z…]*[ā…][a-z…]*` tried every split of a long run of marked letters.)
const PINYIN_AFTER_HAN = new RegExp(
  `(?<=\\S)\\(\\s*(?=[a-z${TONE_MARKS}]*[${TONE_MARKS}])[a-z${TONE_MARKS}]+\\s*\\)`,
  'gi',
);

/** A tone-marked syllable left bare where mojibake ate its parentheses ("轉變?yōu)橐"). */
const BARE_PINYIN = new RegExp(`(?<=[?\\u3400-\\u9fff])[a-z]*[${TONE_MARKS}][a-z${TONE_MARKS}]*(?![a-z])`, 'gi');

/** Removes pinyin annotations such as 發(fā) → 發; keeps (ISO 9001), (1), (市质监局负责). */
export function stripPinyin(s: string): string {
  return s.replace(PINYIN_AFTER_HAN, '').replace(BARE_PINYIN, '');
}

const HAN = /[\u4e00-\u9fff]/g;

/**
 * Whether a text is written in traditional characters: converts a sample and counts changed Han
 * characters. Converting an already simplified text is skipped because it is slow and can alter a
 * few characters that are valid simplified forms.
 */
/** Frequent characters that exist only in traditional writing; a cheap pre-check before opencc. */
const TRADITIONAL_ONLY = /[們個來時會發說對於與這為國業實質經濟環產術當們讓處導數據點應該標廠價]/g;

export function looksTraditional(s: string): boolean {
  const sample = s.slice(0, 4000);
  if ((sample.match(TRADITIONAL_ONLY)?.length ?? 0) < 3) return false;
  const han = sample.match(HAN)?.length ?? 0;
  if (han < 20) return false;
  const converted = toSimplified(sample);
  let changed = 0;
  for (let i = 0; i < sample.length && i < converted.length; i++) {
    if (sample[i] !== converted[i]) changed++;
  }
  return changed / han > 0.03;
}

export interface NormalizeOptions {
  /** Force (true) or forbid (false) t2s; by default it is detected per document. */
  traditional?: boolean;
}

/** Normalises one string; `traditional` says whether to convert it to simplified characters. */
export function normalizeText(s: string, traditional: boolean): string {
  let out = s.normalize('NFC');
  out = unifyPunctuation(toHalfWidth(out));
  out = stripPinyin(out);
  // ("??上海市徐汇区市场监督管理局" / "??2025年6月13日": a page's indent spaces lost to question marks.)
  out = out.replace(/(^|\n)[ \t]*\?{2,}(?=[^\s?])/g, '$1');
  if (traditional) out = toSimplified(out);
  return joinSpacedNames(out.replace(/[ \t]+/g, ' '));
}

/**
 * A roster spaced to line up ("组 长:王 勇 国务委员", "成 员:毛定之 …"): a label of two to four characters
 * written one character apart before its colon, and a two-character name written apart after it (or at
 * a line's start before the person's post), are one word each.
 */
export function joinSpacedNames(s: string): string {
  return s
    .replace(/(^|\n)[ ]*((?:[\u4e00-\u9fff] ){1,3}[\u4e00-\u9fff])[ ]*(?=[:：])/g, (_m, start: string, label: string) => start + label.replace(/ /g, ''))
    .replace(/([:：][ ]*|(?:^|\n)[ ]*)([\u4e00-\u9fff]) ([\u4e00-\u9fff])(?= [\u4e00-\u9fff]{3,}| *$| *\n)/g, '$1$2$3');
}
