import { decodeText, decodeWithLabel } from './decode-text.ts';
import type { LoadedDocument } from './document.ts';
import { htmlToBlocks } from './html-blocks.ts';

/** Pages saved from government sites are often GBK and say so only in a meta tag. */
export async function loadHtml(file: string, bytes: Buffer): Promise<LoadedDocument> {
  const label = declaredCharset(bytes);
  const { text, encoding } = label ? decodeWithLabel(bytes, label) : decodeText(bytes);
  return { file, format: 'html', encoding, blocks: htmlToBlocks(text) };
}

/** Per the HTML spec the charset declaration must sit in the first 1024 bytes; allow some slack. */
const PRESCAN_BYTES = 4096;

/** Only the GB family is honoured: anything else is UTF-8 or a lie, and decodeText sniffs those fine. */
export function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, PRESCAN_BYTES).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  const label = m?.[1].toLowerCase();
  if (label && /^(gbk|gb2312|gb18030|x-gbk|cp936|euc-cn)$/.test(label)) return 'gb18030';
  return undefined;
}
