/**
 * Builders for invented plan files (明州市 is fictional) in every format the loaders read. Everything is
 * generated in-process so the tests never depend on documents copied from elsewhere.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export const TITLE = '明州市质量强市工作方案';
export const HEADER = ['序号', '目标类别', '目标项目', '目标内容', '责任单位', '完成时限'];
/** Row 1 and 2 share the vertically merged 目标类别 "质量发展". */
export const TASKS = [
  ['1', '质量发展', '制造业质量竞争力指数', '达到86以上', '市工信局', '2025年12月'],
  ['2', '质量发展', '产品质量监督抽查合格率', '稳定在95%以上', '市市场监管局', '2025年12月'],
  ['3', '质量基础', '标准化', '主导制定国家标准5项', '市市场监管局、市工信局', '2026年6月'],
];
export const TABLE_CAPTION = '明州市质量强市重点任务分解表';

// ---------------------------------------------------------------- docx

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const wPara = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
const wCell = (text: string, props = '') => `<w:tc><w:tcPr>${props}</w:tcPr>${wPara(text)}</w:tc>`;

function docxTable(): string {
  const title = `<w:tr>${wCell(TABLE_CAPTION, '<w:gridSpan w:val="6"/>')}</w:tr>`;
  const header = `<w:tr>${HEADER.map((h) => wCell(h)).join('')}</w:tr>`;
  const rows = TASKS.map((row, r) => {
    const cells = row.map((v, c) => {
      if (c !== 1 || r > 1) return wCell(v);
      return r === 0 ? wCell(v, '<w:vMerge w:val="restart"/>') : wCell('', '<w:vMerge/>');
    });
    return `<w:tr>${cells.join('')}</w:tr>`;
  });
  const grid = `<w:tblGrid>${'<w:gridCol w:w="1400"/>'.repeat(6)}</w:tblGrid>`;
  return `<w:tbl>${grid}${title}${header}${rows.join('')}</w:tbl>`;
}

/** A minimal but genuine WordprocessingML package: content types, package rels and the main part. */
export async function makeDocx(paragraphs: string[], withTable: boolean): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
  );
  const body = paragraphs.map(wPara).join('') + (withTable ? docxTable() : '');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

// ---------------------------------------------------------------- xlsx

export async function makeXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务分解表');
  ws.addRow([TABLE_CAPTION]);
  ws.mergeCells('A1:F1');
  ws.addRow(HEADER);
  for (const [i, row] of TASKS.entries()) ws.addRow([i + 1, i === 1 ? null : row[1], ...row.slice(2, 5), null]);
  ws.mergeCells('B3:B4');
  ws.getCell('F3').value = new Date(Date.UTC(2025, 11, 31));
  ws.getCell('F3').numFmt = 'yyyy-mm-dd';
  ws.getCell('F4').value = new Date(Date.UTC(2025, 11, 1));
  ws.getCell('F4').numFmt = 'yyyy"年"m"月"';
  ws.getCell('F5').value = { formula: '"2026年"&"6月"', result: '2026年6月' };
  ws.getCell('G2').value = '完成率';
  ws.getCell('G3').value = 0.955;
  ws.getCell('G3').numFmt = '0.0%';
  ws.getCell('G4').value = { richText: [{ text: '进展' }, { text: '顺利', font: { bold: true } }] };
  ws.getRow(9).getCell(1).value = ''; // a touched but empty trailing row must not survive
  const hidden = wb.addWorksheet('下拉选项');
  hidden.addRow(['市工信局']);
  hidden.state = 'hidden';
  wb.addWorksheet('空表');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- pdf

export interface PdfLine {
  x: number;
  y: number;
  size: number;
  text: string;
}

/**
 * A hand-written PDF with a Type0 / Identity-H font and a ToUnicode CMap, the way Chinese office
 * software writes CJK text, so the text layer really has to be mapped back to Unicode. Each page is
 * a list of text runs; an empty page list models a scan (a drawn box, no text).
 */
export function makePdf(pages: PdfLine[][], cmap: 'identity' | 'unigb' = 'identity'): Buffer {
  const chars = [...new Set(pages.flat().flatMap((l) => [...l.text]))];
  const ucs2 = (ch: string) => ch.charCodeAt(0).toString(16).padStart(4, '0');
  const cid = cmap === 'unigb' ? ucs2 : (ch: string) => (chars.indexOf(ch) + 1).toString(16).padStart(4, '0');
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const pageIds = pages.map((_, i) => 7 + i * 2);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  // 'unigb' is the other common shape: a predefined CMap, no ToUnicode, so pdfjs needs its bundled CMap files.
  const [encoding, ordering] = cmap === 'unigb' ? ['UniGB-UCS2-H', 'GB1'] : ['Identity-H', 'Identity'];
  add(`<< /Type /Font /Subtype /Type0 /BaseFont /MingSong /Encoding /${encoding} /DescendantFonts [4 0 R]${cmap === 'unigb' ? '' : ' /ToUnicode 5 0 R'} >>`);
  add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /MingSong /CIDSystemInfo << /Registry (Adobe) /Ordering (${ordering}) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 >>`);
  add(stream(toUnicodeCMap(chars)));
  // Without a descriptor pdfjs rejects the CID font and falls back to one-byte codes.
  add('<< /Type /FontDescriptor /FontName /MingSong /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>');
  for (const lines of pages) {
    const ops = lines.length
      ? lines.map((l) => `BT /F1 ${l.size} Tf ${l.x} ${l.y} Td <${[...l.text].map(cid).join('')}> Tj ET`)
      : ['0.5 g 50 50 400 600 re f'];
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 2} 0 R >>`);
    add(stream(ops.join('\n')));
  }
  return assemblePdf(objects);
}

function stream(content: string): string {
  return `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
}

function toUnicodeCMap(chars: string[]): string {
  const entries = chars.map((ch, i) => {
    const unicode = Buffer.from(ch, 'utf16le').swap16().toString('hex').toUpperCase();
    return `<${(i + 1).toString(16).padStart(4, '0')}> <${unicode}>`;
  });
  return [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    `${entries.length} beginbfchar`,
    ...entries,
    'endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
}

function assemblePdf(objects: string[]): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// ---------------------------------------------------------------- misc

/** Deterministic noise (no NULs, few controls) so "corrupt" tests do not depend on Math.random. */
export function noise(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out[i] = 0x80 + ((s >> 16) % 0x80);
  }
  return out;
}
