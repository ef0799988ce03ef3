import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { collapseWhitespace, htmlToBlocks } from '../../src/ingest/html-blocks.ts';
import { loadPlanFile } from '../../src/ingest/load-plan-file.ts';
import { HEADER, makeDocx, noise, TABLE_CAPTION, TASKS, TITLE } from './load-fixtures.ts';
import { expectFailure, loadOk, paras, tables, tempDir } from './load-helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** What a government site's "save page as" gives: chrome around the article, GBK, a merged table. */
const PAGE = `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>站点标题</title><style>p { color: red }</style><script>document.write("<p>脚本</p>")</script></head>
<body>
<header><div>明州市人民政府门户网站</div></header>
<nav><ul><li>首页</li><li>政务公开</li></ul></nav>
<div class="article">
  <h1>${TITLE}</h1>
  <p>&nbsp;&nbsp;为深入实施质量强国战略，
  加快建设质量强市，制定本方案。</p>
  <p>一、总体要求<br>二、主要目标<br/>三、重点任务</p>
  <p>质量 &amp; 标准 &lt;试行&gt;</p>
  <p hidden>隐藏文字</p><p style="display: none">也隐藏</p>
  <table border="1">
    <caption>${TABLE_CAPTION}</caption>
    <thead><tr>${HEADER.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
    <tbody>
      <tr><td>1</td><td rowspan="2">质量发展</td><td>制造业质量竞争力指数</td><td>达到86以上</td><td>市工信局</td><td rowspan="2">2025年12月</td></tr>
      <tr><td>2</td><td>产品质量监督抽查合格率</td><td>稳定在95%以上</td><td>市市场监管局</td></tr>
      <tr><td>3</td><td>质量基础</td><td colspan="2">标准化：<table><tr><td>国家标准</td><td>5项</td></tr></table></td><td><p>市市场监管局</p><p>市工信局</p></td><td>2026年6月</td></tr>
    </tbody>
  </table>
  <div>四、保障措施<span>（略）</span></div>
  <form><select><option>请选择</option></select><p>表单里的字</p></form>
</div>
<footer>版权所有 明州市人民政府</footer>
<noscript>请启用脚本</noscript><iframe src="x"></iframe>
</body></html>`;

describe('html', () => {
  it('honours a gb2312 meta charset and keeps only the article', async () => {
    const doc = await loadOk(tmp.write('方案.HTM', iconv.encode(PAGE, 'gbk')));
    expect(doc).toMatchObject({ file: '方案.HTM', format: 'html', encoding: 'gb18030' });
    expect(paras(doc.blocks)).toEqual([
      TITLE,
      '为深入实施质量强国战略，加快建设质量强市，制定本方案。',
      '一、总体要求',
      '二、主要目标',
      '三、重点任务',
      '质量 & 标准 <试行>',
      '四、保障措施（略）',
    ]);
  });

  it('resolves rowspan by repetition and colspan with blanks, in document order', async () => {
    // Re-saved as UTF-8 but still claiming gb2312, as often happens: the valid UTF-8 must win.
    const doc = await loadOk(tmp.write('page.html', PAGE));
    expect(doc.encoding).toBe('utf-8');
    expect(doc.blocks[0]).toEqual({ kind: 'para', text: TITLE });
    expect(doc.blocks.map((b) => b.kind)).toEqual(['para', 'para', 'para', 'para', 'para', 'para', 'table', 'para']);
    expect(tables(doc.blocks)).toEqual([
      {
        kind: 'table',
        name: TABLE_CAPTION,
        rows: [
          HEADER,
          ['1', '质量发展', '制造业质量竞争力指数', '达到86以上', '市工信局', '2025年12月'],
          ['2', '质量发展', '产品质量监督抽查合格率', '稳定在95%以上', '市市场监管局', '2025年12月'],
          ['3', '质量基础', '标准化： 国家标准 5项', '', '市市场监管局 市工信局', '2026年6月'],
        ],
      },
    ]);
  });

  it('reads a one-column layout table as prose and drops empty border rows and columns', () => {
    const blocks = htmlToBlocks(
      '<table><tr><td><p>第一段</p><p>第二段</p></td></tr><tr><td>第三段</td></tr></table>' +
        '<table><tr><td></td><td></td><td></td></tr><tr><td></td><td>甲</td><td>乙</td></tr><tr><td></td><td></td></tr></table>',
    );
    expect(blocks).toEqual([
      { kind: 'para', text: '第一段' },
      { kind: 'para', text: '第二段' },
      { kind: 'para', text: '第三段' },
      { kind: 'table', rows: [['甲', '乙']] },
    ]);
  });

  it('collapses whitespace like a browser, without splitting hard-wrapped Chinese', () => {
    expect(collapseWhitespace('  质量\n   强市  ISO\n9001 标准\t体系 ')).toBe('质量强市 ISO 9001 标准 体系');
  });

  it('reports a page with no text', async () => {
    const page = '<html><body><nav>导航</nav><script>x()</script></body></html>';
    expect(expectFailure(await loadPlanFile(tmp.write('nav.html', page))).code).toBe('no-text');
  });
});

describe('docx', () => {
  it('keeps paragraphs and the table, with the vertical merge repeated and gridSpan blanks', async () => {
    const bytes = await makeDocx([TITLE, '一、总体要求', '坚持质量第一、效益优先。'], true);
    const doc = await loadOk(tmp.write('明州市方案.docx', bytes));
    expect(doc.format).toBe('docx');
    expect(paras(doc.blocks)).toEqual([TITLE, '一、总体要求', '坚持质量第一、效益优先。']);
    expect(tables(doc.blocks)).toEqual([
      { kind: 'table', rows: [[TABLE_CAPTION, '', '', '', '', ''], HEADER, ...TASKS] },
    ]);
  });

  it('reports corrupt, non-Word, legacy and empty documents', async () => {
    const corrupt = expectFailure(await loadPlanFile(tmp.write('bad.docx', noise(2048))));
    expect(corrupt.code).toBe('corrupt');
    expect(corrupt.message).toMatch(/^bad\.docx: 文件已损坏.*\(corrupt \.docx: /);

    const zip = new JSZip();
    zip.file('hello.txt', '不是 Word');
    const notWord = await zip.generateAsync({ type: 'nodebuffer' });
    expect(expectFailure(await loadPlanFile(tmp.write('zip.docx', notWord))).code).toBe('corrupt');

    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), noise(512)]);
    const legacy = expectFailure(await loadPlanFile(tmp.write('old.docx', ole)));
    expect(legacy.code).toBe('unsupported');
    expect(legacy.message).toContain('.docx');

    const blank = await makeDocx(['', '   '], false);
    expect(expectFailure(await loadPlanFile(tmp.write('blank.docx', blank))).code).toBe('no-text');
  });
});
