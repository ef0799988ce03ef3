import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { LoadError, type LoadedDocument, type ParagraphBlock } from './document.ts';
import { oneLine } from './load-errors.ts';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * PDF text layer → one paragraph per visual line, pages in order. No OCR: a scan yields 'no-text'.
 * pdfjs-dist 4 (legacy build) because 5+ needs Node 22; it is imported lazily since it is large and
 * only PDFs need it. In Node pdfjs runs its "fake worker" in-process, importing its own worker module
 * from disk, and CMaps/standard fonts are read from the package directory — nothing touches the network.
 */
export async function loadPdf(file: string, bytes: Buffer): Promise<LoadedDocument> {
  const pdfjs = await loadPdfjs();
  const assets = assetDirs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    cMapUrl: assets.cmaps,
    cMapPacked: true,
    standardFontDataUrl: assets.fonts,
  });
  try {
    const doc = await task.promise.catch((err: unknown) => {
      throw openError(err);
    });
    const blocks: ParagraphBlock[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      for (const text of groupLines(content.items.filter(isTextItem))) blocks.push({ kind: 'para', text });
    }
    if (blocks.length === 0) {
      throw new LoadError('no-text', 'PDF 没有文字层，可能是扫描图片，需要先做文字识别 (OCR) (no text layer, probably a scanned image)');
    }
    return { file, format: 'pdf', blocks };
  } catch (err) {
    if (err instanceof LoadError) throw err;
    throw new LoadError('corrupt', `PDF 文件已损坏，无法读取 (corrupt PDF: ${oneLine(err)})`);
  } finally {
    await task.destroy();
  }
}

function openError(err: unknown): LoadError {
  if ((err as { name?: string })?.name === 'PasswordException') {
    return new LoadError('unreadable', 'PDF 已加密，请提供未加密的版本 (password-protected PDF)');
  }
  return new LoadError('corrupt', `PDF 文件已损坏，无法读取 (corrupt PDF: ${oneLine(err)})`);
}

function isTextItem(item: object): item is TextItem {
  return 'str' in item && 'transform' in item;
}

interface Placed {
  str: string;
  x: number;
  y: number;
  end: number;
  size: number;
}

/** Items whose baselines differ by less than half a glyph height belong to the same line. */
export function groupLines(items: TextItem[]): string[] {
  const placed = items.filter((it) => it.str.trim() !== '').map(place);
  placed.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Placed[][] = [];
  for (const item of placed) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].y - item.y) < 0.5 * Math.min(line[0].size, item.size)) line.push(item);
    else lines.push([item]);
  }
  return lines.map(joinLine).filter((t) => t !== '');
}

function place(it: TextItem): Placed {
  const [, , c, d, x, y] = it.transform as number[];
  const size = Math.hypot(c, d) || it.height || 10;
  return { str: it.str, x, y, end: x + it.width, size };
}

/** A space only where the page shows a gap: CJK glyphs sit edge to edge and must not be split. */
function joinLine(line: Placed[]): string {
  line.sort((a, b) => a.x - b.x);
  let text = '';
  let prevEnd = -Infinity;
  for (const item of line) {
    const gap = item.x - prevEnd;
    if (text !== '' && gap > 0.25 * item.size && !/\s$/.test(text) && !/^\s/.test(item.str)) text += ' ';
    text += item.str;
    prevEnd = Math.max(prevEnd, item.end);
  }
  return text.trim();
}

let pdfjsPromise: Promise<Pdfjs> | undefined;

/** pdfjs warns via console.log at import time when its optional canvas binary is missing; we never render. */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjsPromise ??= (async () => {
    const log = console.log;
    console.log = (...args: unknown[]) => {
      if (!(typeof args[0] === 'string' && args[0].startsWith('Warning: '))) log(...args);
    };
    try {
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      console.log = log;
    }
  })().catch((err: unknown) => {
    pdfjsPromise = undefined; // let the next PDF retry rather than caching the failure
    throw err;
  });
  return pdfjsPromise;
}

function assetDirs(): { cmaps: string; fonts: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cmaps: join(root, 'cmaps') + '/', fonts: join(root, 'standard_fonts') + '/' };
}
