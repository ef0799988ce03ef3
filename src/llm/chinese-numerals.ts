/**
 * Chinese numerals used as quantities ("两年", "三个", "十二月", "百分之九十六") rewritten as Arabic
 * ("2年", "3个", "12月", "96%"), so the grounding check compares like with like whichever way the
 * plan and the LLM wrote a number.
 */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

const NUMERAL = '[零〇一二两三四五六七八九十百千万亿]';
/** Measure words after which a Chinese numeral is a quantity (longest first). */
const MEASURES = [
  '个百分点', '个季度', '个月', '季度', '小时', '个', '项', '年', '月', '日', '天', '周', '次', '家', '条',
  '批', '类', '种', '所', '名', '人', '户', '座', '台', '件', '倍', '成', '届', '期', '份', '岁', '元',
  '吨', '亩', '张', '级', '轮', '场',
];
/** A lone "一" is a quantity only with time units; elsewhere ("一项重要工作", "一批") it is mere style. */
const ONE_TIME_UNITS = new Set(['年', '月', '日', '天', '周', '个月', '季度', '个季度', '小时']);
/** Characters before a numeral that make it part of a word, not a quantity (这一项, 每两年, 统一). */
const NOT_QUANTITY_BEFORE = '这那每同统唯某任逐之专万千不';

const QUANTITY = new RegExp(`(?<![${NOT_QUANTITY_BEFORE}])(${NUMERAL}+)(${MEASURES.join('|')})`, 'g');
const PERCENT = new RegExp(`百分之(${NUMERAL}+|\\d+(?:\\.\\d+)?)`, 'g');

/** "十二" → 12, "两百零五" → 205, "二〇一四" → 2014; null when not a well-formed numeral. */
export function parseChineseNumeral(text: string): number | null {
  if (!text || ![...text].every((c) => c in DIGITS || c in SMALL_UNITS || c in BIG_UNITS)) return null;
  if (/^[百千万亿]/.test(text)) return null;
  if (text.length > 1 && [...text].every((c) => c in DIGITS)) {
    return Number([...text].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of text) {
    if (c in DIGITS) {
      if (digit !== null && digit !== 0) return null;
      digit = DIGITS[c];
    } else if (c in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[c];
      digit = null;
    } else {
      total = (total + section + (digit ?? 0)) * BIG_UNITS[c];
      section = 0;
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}

/** Rewrites Chinese-numeral quantities and "百分之…" as Arabic numbers; other text is unchanged. */
export function arabizeQuantities(text: string): string {
  const percent = text.replace(PERCENT, (all, n: string) => {
    const v = /\d/.test(n) ? n : parseChineseNumeral(n);
    return v === null ? all : `${v}%`;
  });
  return percent.replace(QUANTITY, (all, numeral: string, measure: string) => {
    if (numeral === '一' && !ONE_TIME_UNITS.has(measure)) return all;
    // "三万元" → "3万元": keep a trailing 万/亿 as written, the way plans write "3万元".
    const big = /[万亿]$/.test(numeral) && numeral.length > 1 ? numeral.slice(-1) : '';
    const value = parseChineseNumeral(big ? numeral.slice(0, -1) : numeral);
    return value === null ? all : `${value}${big}${measure}`;
  });
}
