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
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Quotation marks and title brackets inside a phrase (推行“首席质量官”制度) must not split it. */
const JOINERS = /[“”‘’"'《》「」〈〉<>]/g;
const HAN = /^[\u4e00-\u9fff]+$/;
const LATIN = /^[a-z0-9]+(?:\.[0-9]+)*$/i;

export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const word of segmenter().cut(text.replace(JOINERS, ''), true)) {
    if (HAN.test(word)) {
      for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
    } else if (LATIN.test(word)) {
      out.push(word.toLowerCase());
    }
  }
  return out;
}

export function uniqueTokens(text: string): string[] {
  return [...new Set(tokens(text))];
}
