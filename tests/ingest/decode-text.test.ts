import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode-text.ts';

describe('decodeText', () => {
  it('reads traditional Chinese saved as GBK', () => {
    const text = '為貫徹落實科學發展觀,促進經濟發展方式轉變,提高產品、工程、服務和環境質量總體水平,實現經濟社會又好又快發展。';
    const bytes = iconv.encode(text, 'gbk');
    expect(decodeText(bytes)).toEqual({ text, encoding: 'gb18030' });
  });

  it('still refuses byte soup that merely decodes as GB18030', () => {
    const soup = Buffer.from(Array.from({ length: 600 }, (_, i) => 0x81 + ((i * 37) % 0x7e)));
    expect(() => decodeText(soup)).toThrow(/编码/);
  });
});
