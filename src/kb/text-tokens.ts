import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Retrieval tokens: the text is segmented into words with jieba, and each Chinese word contributes its
 * character bigrams (a two-character word is its own bigram). Bigrams inside words match across
 * different segmentations and near-miss wording ("质监" finds "质监局"); dropping the bigrams that span
 * two words ("半年|总结" → no "年总") keeps questions from being diluted by accidental pairs.
 * Latin and number runs (GDP, 12365, CCC) are whole tokens; one-character words are too weak to count.
 */

let jieba: Jieba | undefined;

/** jieba loads its dictionary on first use (~250 ms), never at import. */
function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 2000 n`).join('\n')));
  }
  return jieba;
}

/**
 * Campaign vocabulary that jieba would split into generic pieces ("质量/月" would match every plan):
 * as words they keep their own bigrams ("量月").
 */
const DOMAIN_WORDS = [
  '质量月', '质量强市', '质量兴市', '质量强省', '质量兴省', '首席质量官', '三品一标', '卓越绩效', '鲁班奖',
  '世界标准日', '世界标准化日', '世界计量日', '世界认可日', '世界知识产权日', '诚信兴商', '质量奖', '名牌产品',
  '驰名商标', '著名商标', '地理标志', '黑名单', '红名单', '质量诚信', '质量信用', '质量文化', '道德讲堂',
  '一票否决', '一岗双责', '质量工程师', '抽检合格率', '合格率', '满意度', '覆盖率', '标准化', '计量',
  '预验收', '迎检', '任务分解表', '领导小组', '牵头单位', '责任单位', '配合单位', '完成时限',
];

/** Quotation marks and title brackets inside a phrase (推行“首席质量官”制度) must not split it. */
const JOINERS = /[“”‘’"'《》「」〈〉<>]/g;
const HAN = /^[\u4e00-\u9fff]+$/;
const INNER_BRACKET = /(?<=[\u4e00-\u9fff])[(（]([\u4e00-\u9fff、]{1,4})[)）](?=[\u4e00-\u9fff])/g;
const LATIN = /^([a-z0-9]+(?:\.[0-9]+)*|[%‰])$/i;

/** One-character words that say nothing about the topic (their joins with neighbours are noise). */
export const STOP_CHARS: ReadonlySet<string> = new Set([
  ...'的了和与及或在是有为对等中上下将把被从向于以其之这那个各并且也都要应须可能会就还而让使由给到过着',
  ...'吗呢啊吧呀哪谁啥么几多少年月日按来经予即则但因所如若比较更最很已再又仍另每该此做搞叫请问说',
]);

export function tokens(text: string): string[] {
  const out: string[] = [];
  // "新(改)建", "新(改、扩)建": a bracket inside a word holds its alternatives — one word without it.
  const words = segmenter().cut(text.replace(JOINERS, '').replace(INNER_BRACKET, (_m, inner: string) => inner.replace(/、/g, '')), true);
  words.forEach((word, i) => {
    if (HAN.test(word)) {
      for (let k = 0; k + 1 < word.length; k++) out.push(word.slice(k, k + 2));
      // A meaningful one-character word qualifies its neighbour ("省/名牌产品" vs "中国/名牌产品"):
      // it joins the next word's first character, so 省名牌 and 中国名牌 stay apart.
      const next = words[i + 1];
      // Marked with "+" so a join never becomes the word a hit must contain (see mostSpecific).
      if (word.length === 1 && !STOP_CHARS.has(word) && next && HAN.test(next)) out.push(`+${word}${next[0]}`);
    } else if (LATIN.test(word)) {
      out.push(word.toLowerCase());
    }
  });
  return out;
}

export function uniqueTokens(text: string): string[] {
  return [...new Set(tokens(text))];
}

/** The jieba words of a text (for picking a question's key word). */
export function segment(text: string): string[] {
  return segmenter().cut(text.replace(JOINERS, ''), true);
}
