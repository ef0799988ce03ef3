import iconv from 'iconv-lite';
import { LoadError } from './document.ts';
import { toSimplified } from './normalize-text.ts';

/**
 * Bytes → text for plan files that carry no reliable charset label. Chinese office PCs still save
 * plain text and CSV as GBK, so after strict UTF-8 we try GB18030 (a superset of GBK/GB2312) — but only
 * keep it when the result looks like real Chinese, because almost any byte soup "decodes" as GB18030.
 */
export interface DecodedText {
  text: string;
  encoding: string;
}

const SNIFF_BYTES = 8192;
/** Above this share of C0 control bytes a file is not text, whatever it decodes to. */
const MAX_CONTROL_SHARE = 0.1;
/** Real GBK Chinese sits almost entirely in the GB2312 block; random bytes land there only ~1/3 of the time. */
const MAX_ODD_GB_SHARE = 0.15;

export function decodeText(bytes: Buffer): DecodedText {
  const bom = detectBom(bytes);
  if (bom) return finish(decodeStrict(bom.encoding, bytes.subarray(bom.length)), bom.encoding);
  assertNotBinary(bytes);
  const { text, encoding } = decodeUnlabelled(bytes);
  return finish(text, encoding);
}

/**
 * For bytes with a declared charset (an HTML meta tag). Valid UTF-8 still wins, because pages re-saved
 * as UTF-8 often keep their old "gb2312" meta, and UTF-8 Chinese also decodes as (wrong) GB18030.
 */
export function decodeWithLabel(bytes: Buffer, label: string): DecodedText {
  if (detectBom(bytes)) return decodeText(bytes);
  assertNotBinary(bytes);
  for (const encoding of ['utf-8', label]) {
    try {
      return finish(new TextDecoder(encoding, { fatal: true }).decode(bytes), new TextDecoder(encoding).encoding);
    } catch (err) {
      if (err instanceof LoadError) throw err;
    }
  }
  return decodeText(bytes);
}

function finish(raw: string, encoding: string): DecodedText {
  const text = normaliseNewlines(raw.replace(/^\uFEFF/, ''));
  if (text.trim() === '') throw new LoadError('empty', '文件内容为空 (empty file)');
  return { text, encoding };
}

export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function detectBom(bytes: Buffer): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

function decodeStrict(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new LoadError('encoding', `文本编码无法识别 (invalid ${encoding} text)`);
  }
}

function assertNotBinary(bytes: Buffer): void {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) throw new LoadError('binary', '不是文本文件，疑似二进制文件 (binary data, NUL bytes)');
  let control = 0;
  for (const b of head) {
    // TAB LF VT FF CR and SUB (old DOS end-of-file marker) all occur in genuine text files.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a) || b === 0x7f) {
      control++;
    }
  }
  if (head.length > 0 && control / head.length > MAX_CONTROL_SHARE) {
    throw new LoadError('binary', '不是文本文件，疑似二进制文件 (binary data, control characters)');
  }
}

function decodeUnlabelled(bytes: Buffer): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: fall through to GB18030
  }
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    throw new LoadError('encoding', '文本编码无法识别，请另存为 UTF-8 (neither UTF-8 nor GBK)');
  }
  if (!looksLikeGbChinese(bytes, text) && !looksLikeTraditionalGbk(text)) {
    throw new LoadError('encoding', '文本编码无法识别，请另存为 UTF-8 (neither UTF-8 nor GBK Chinese)');
  }
  return { text, encoding: 'gb18030' };
}

/**
 * Traditional Chinese saved as GBK sits in the GBK extension area, so the byte test above refuses it.
 * Converted to simplified and encoded again, real traditional text lands in the GB2312 block; byte soup
 * (random rare characters with no simplified form) does not.
 */
function looksLikeTraditionalGbk(text: string): boolean {
  const sample = toSimplified(text.slice(0, 3000));
  return looksLikeGbChinese(iconv.encode(sample, 'gbk'), sample);
}

/**
 * Judged on the bytes, not the decoded chars: GB18030 maps nearly every byte pair to *some* Han
 * character, but everyday Chinese (and full-width punctuation) is encoded in the GB2312 block
 * (lead 0xA1–0xF7, trail 0xA1–0xFE). Four-byte sequences and GBK-extension pairs are rare in real text.
 */
function looksLikeGbChinese(bytes: Buffer, text: string): boolean {
  let common = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const trail = bytes[i + 1] ?? 0;
    if (trail >= 0x30 && trail <= 0x39) {
      odd++;
      i += 4;
      continue;
    }
    if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) common++;
    else odd++;
    i += 2;
  }
  if (common === 0 || odd / (common + odd) > MAX_ODD_GB_SHARE) return false;
  return /\p{Script=Han}/u.test(text);
}
