import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadPlanFile } from '../../src/ingest/load-plan-file.ts';
import { makePdf, noise, TITLE, type PdfLine } from './load-fixtures.ts';
import { expectFailure, loadOk, tempDir } from './load-helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Runs are deliberately written out of reading order: the loader must sort by position. */
const PAGE_1: PdfLine[] = [
  { x: 72, y: 700, size: 12, text: '（一）提升制造业质量竞争力。' },
  { x: 150, y: 780, size: 18, text: TITLE },
  // Same baseline, glyphs edge to edge (4 glyphs × 12pt = 48pt): must join without a space.
  { x: 72, y: 740, size: 12, text: '一、总体' },
  { x: 120, y: 740, size: 12, text: '要求' },
  // Same baseline with a visible gap, as in a table row: joined with one space.
  { x: 72, y: 720, size: 12, text: '序号' },
  { x: 160, y: 720.5, size: 12, text: '目标类别' },
  { x: 300, y: 720, size: 12, text: '责任单位' },
];
const PAGE_2: PdfLine[] = [{ x: 72, y: 780, size: 12, text: '二、主要目标：到2025年，合格率达到95%。' }];

describe('pdf', () => {
  it('reads the text layer line by line, pages in order, without console noise', async () => {
    const spy = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    try {
      const doc = await loadOk(tmp.write('明州市方案.PDF', makePdf([PAGE_1, PAGE_2])));
      expect(doc.format).toBe('pdf');
      expect(doc.blocks).toEqual([
        { kind: 'para', text: TITLE },
        { kind: 'para', text: '一、总体要求' },
        { kind: 'para', text: '序号 目标类别 责任单位' },
        { kind: 'para', text: '（一）提升制造业质量竞争力。' },
        { kind: 'para', text: '二、主要目标：到2025年，合格率达到95%。' },
      ]);
      expect(spy).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      warn.mockRestore();
    }
  });

  it('maps predefined Chinese CMaps (UniGB-UCS2-H) using the bundled CMap files', async () => {
    const doc = await loadOk(tmp.write('unigb.pdf', makePdf([PAGE_2], 'unigb')));
    expect(doc.blocks).toEqual([{ kind: 'para', text: '二、主要目标：到2025年，合格率达到95%。' }]);
  });

  it('says a PDF without a text layer needs OCR', async () => {
    const w = expectFailure(await loadPlanFile(tmp.write('扫描件.pdf', makePdf([[], []]))));
    expect(w.code).toBe('no-text');
    expect(w.message).toMatch(/^扫描件\.pdf: .*扫描.*OCR/);
  });

  it('reports random bytes and a truncated file as corrupt', async () => {
    const bad = expectFailure(await loadPlanFile(tmp.write('bad.pdf', noise(3000))));
    expect(bad.code).toBe('corrupt');
    expect(bad.message).toMatch(/^bad\.pdf: PDF 文件已损坏/);
    const header = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog', 'latin1');
    expect(expectFailure(await loadPlanFile(tmp.write('cut.pdf', header))).code).toBe('corrupt');
  });
});
