import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode-text.ts';
import { LoadError } from '../../src/ingest/document.ts';
import { loadPlanFile } from '../../src/ingest/load-plan-file.ts';
import { HEADER, TASKS, TITLE } from './load-fixtures.ts';
import { expectFailure, loadOk, tempDir } from './load-helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const PLAN_TEXT = [TITLE, '', '一、总体要求', '　　坚持质量第一、效益优先。   ', '二、主要目标', '到2025年，质量强市建设取得明显成效。'].join(
  '\r\n',
);

function decodeError(bytes: Buffer): LoadError {
  try {
    decodeText(bytes);
  } catch (err) {
    if (err instanceof LoadError) return err;
    throw err;
  }
  throw new Error('expected decodeText to fail');
}

describe('decodeText', () => {
  it('reads UTF-8, strips the BOM and normalises CRLF and CR', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const out = decodeText(Buffer.concat([bom, Buffer.from('甲\r\n乙\r丙\n', 'utf8')]));
    expect(out).toEqual({ text: '甲\n乙\n丙\n', encoding: 'utf-8' });
  });

  it('falls back to GB18030 for GBK Chinese', () => {
    expect(decodeText(iconv.encode(PLAN_TEXT, 'gbk'))).toEqual({
      text: PLAN_TEXT.replace(/\r\n/g, '\n'),
      encoding: 'gb18030',
    });
  });

  it('honours UTF-16 BOMs in both byte orders', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('质量强市\r\n', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: '质量强市\n', encoding: 'utf-16le' });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('质量强市', 'utf16le').swap16()]);
    expect(decodeText(be)).toEqual({ text: '质量强市', encoding: 'utf-16be' });
  });

  it('rejects binary data, empty text and non-Chinese legacy encodings with distinct codes', () => {
    expect(decodeError(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41])).code).toBe('binary');
    expect(decodeError(Buffer.from('\x01\x02\x03\x04\x05\x06abc', 'latin1')).code).toBe('binary');
    expect(decodeError(Buffer.from(' \r\n\t　\n', 'utf8')).code).toBe('empty');
    expect(decodeError(Buffer.from([0xef, 0xbb, 0xbf])).code).toBe('empty');
    const latin1 = Buffer.from('Qualitätsoffensive für Mingzhou: Größe, Maßnahmen, Übersicht', 'latin1');
    expect(decodeError(latin1).code).toBe('encoding');
    const big5ish = Buffer.from([0xa4, 0x40, 0xa4, 0x48, 0xa4, 0x6a, 0xa4, 0x70, 0xa4, 0x5d, 0xa4, 0x75]);
    expect(decodeError(big5ish).code).toBe('encoding');
  });
});

describe('text files', () => {
  it('gives one paragraph per non-empty line with its source line number', async () => {
    const doc = await loadOk(tmp.write('明州市方案.txt', PLAN_TEXT));
    expect(doc).toMatchObject({ file: '明州市方案.txt', format: 'txt', encoding: 'utf-8' });
    expect(doc.blocks).toEqual([
      { kind: 'para', text: TITLE, line: 1 },
      { kind: 'para', text: '一、总体要求', line: 3 },
      { kind: 'para', text: '　　坚持质量第一、效益优先。', line: 4 },
      { kind: 'para', text: '二、主要目标', line: 5 },
      { kind: 'para', text: '到2025年，质量强市建设取得明显成效。', line: 6 },
    ]);
  });

  it('reads GBK and UTF-16LE files to the same blocks', async () => {
    const utf8 = await loadOk(tmp.write('u.txt', PLAN_TEXT));
    const gbk = await loadOk(tmp.write('g.TXT', iconv.encode(PLAN_TEXT, 'gbk')));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PLAN_TEXT, 'utf16le')]);
    const le = await loadOk(tmp.write('w.text', utf16));
    expect(gbk.encoding).toBe('gb18030');
    expect(le.encoding).toBe('utf-16le');
    expect(gbk.blocks).toEqual(utf8.blocks);
    expect(le.blocks).toEqual(utf8.blocks);
  });

  it('does not treat pipes in plain text as a table', async () => {
    const doc = await loadOk(tmp.write('pipes.txt', '| 甲 | 乙 |\n|---|---|\n| 1 | 2 |'));
    expect(doc.blocks.map((b) => b.kind)).toEqual(['para', 'para', 'para']);
  });
});

describe('markdown', () => {
  const md = [
    `# ${TITLE}`,
    '',
    '## 一、重点任务',
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => ':---').join('|')}|`,
    ...TASKS.map((r) => `| ${r.join(' | ')} |`),
    '| 4 | 质量基础 | 计量 | 新建社会公用计量标准10项 \\| 力争15项 | 市市场监管局 |  |',
    '',
    '###没有空格的标题',
    '其他 **markdown** 保留。',
  ].join('\n');

  it('turns a pipe table into one table block and strips heading marks', async () => {
    const doc = await loadOk(tmp.write('plan.Markdown', md));
    expect(doc.format).toBe('md');
    expect(doc.blocks).toEqual([
      { kind: 'para', text: TITLE, line: 1 },
      { kind: 'para', text: '一、重点任务', line: 3 },
      {
        kind: 'table',
        line: 5,
        rows: [HEADER, ...TASKS, ['4', '质量基础', '计量', '新建社会公用计量标准10项 | 力争15项', '市市场监管局', '']],
      },
      { kind: 'para', text: '没有空格的标题', line: 12 },
      { kind: 'para', text: '其他 **markdown** 保留。', line: 13 },
    ]);
  });

  it('leaves pipe lines without a delimiter row as paragraphs', async () => {
    const doc = await loadOk(tmp.write('np.md', '| 甲 | 乙 |\n| 1 | 2 |'));
    expect(doc.blocks).toEqual([
      { kind: 'para', text: '| 甲 | 乙 |', line: 1 },
      { kind: 'para', text: '| 1 | 2 |', line: 2 },
    ]);
  });
});

describe('text failures', () => {
  it('reports empty, binary and undecodable files', async () => {
    expect(expectFailure(await loadPlanFile(tmp.write('empty.txt', ''))).code).toBe('empty');
    expect(expectFailure(await loadPlanFile(tmp.write('blank.md', '\n  \n'))).code).toBe('empty');
    const garbage = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x3e, 0x00]);
    const bin = expectFailure(await loadPlanFile(tmp.write('elf.txt', garbage)));
    expect(bin).toMatchObject({ file: 'elf.txt', code: 'binary' });
    expect(bin.message).toMatch(/^elf\.txt: 不是文本文件/);
    const latin = Buffer.from('Plan für die Qualitätsstadt - Größe', 'latin1');
    expect(expectFailure(await loadPlanFile(tmp.write('latin.txt', latin))).code).toBe('encoding');
  });
});
