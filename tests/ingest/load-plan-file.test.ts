import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_BYTES,
  isPlanFile,
  loadPlanBuffer,
  loadPlanFile,
  PLAN_EXTENSIONS,
} from '../../src/ingest/load-plan-file.ts';
import { makeDocx, makePdf, makeXlsx, noise, TITLE } from './load-fixtures.ts';
import { expectFailure, loadOk, tempDir } from './load-helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('dispatch', () => {
  it('lists the supported extensions', () => {
    expect([...PLAN_EXTENSIONS].sort()).toEqual(
      ['.csv', '.docx', '.htm', '.html', '.markdown', '.md', '.pdf', '.text', '.txt', '.xlsx'].sort(),
    );
  });

  it('picks the loader by extension, case-insensitively, and reports the basename', async () => {
    const files: Array<[string, Buffer | string, string]> = [
      ['a.TXT', TITLE, 'txt'],
      ['b.Md', `# ${TITLE}`, 'md'],
      ['c.HTML', `<p>${TITLE}</p>`, 'html'],
      ['d.Docx', await makeDocx([TITLE], false), 'docx'],
      ['e.xlsX', await makeXlsx(), 'xlsx'],
      ['f.CSV', `序号,名称\n1,${TITLE}`, 'csv'],
      ['g.Pdf', makePdf([[{ x: 72, y: 700, size: 12, text: TITLE }]]), 'pdf'],
    ];
    for (const [name, bytes, format] of files) {
      const doc = await loadOk(tmp.write(name, bytes));
      expect(doc.file).toBe(name);
      expect(doc.format).toBe(format);
      expect(JSON.stringify(doc.blocks)).toContain('明州市');
    }
  });

  it('loads from memory with a path-like name', async () => {
    const result = await loadPlanBuffer('uploads\\2025/方案.txt', Buffer.from(TITLE));
    expect(result).toEqual({
      ok: true,
      doc: { file: '方案.txt', format: 'txt', encoding: 'utf-8', blocks: [{ kind: 'para', text: TITLE, line: 1 }] },
    });
  });
});

describe('isPlanFile', () => {
  it('accepts supported names and skips dotfiles, lock files and other types', () => {
    expect(isPlanFile('明州市质量强市工作方案.docx')).toBe(true);
    expect(isPlanFile('/data/plans/README.md')).toBe(true);
    expect(isPlanFile('任务表.XLSX')).toBe(true);
    expect(isPlanFile('~$明州市方案.docx')).toBe(false);
    expect(isPlanFile('.DS_Store')).toBe(false);
    expect(isPlanFile('.hidden.txt')).toBe(false);
    expect(isPlanFile('旧方案.doc')).toBe(false);
    expect(isPlanFile('txt')).toBe(false);
  });
});

describe('failures never throw and name the file', () => {
  it('refuses unsupported formats with a conversion hint, before touching the disk', async () => {
    const cases: Array<[string, RegExp]> = [
      ['旧方案.doc', /^旧方案\.doc: 不支持 \.doc 格式，.*另存为 \.docx/],
      ['方案.WPS', /^方案\.WPS: 不支持 \.wps 格式，.*另存为 \.docx/],
      ['方案.rtf', /另存为 \.docx/],
      ['任务表.xls', /^任务表\.xls: 不支持 \.xls 格式，.*另存为 \.xlsx/],
      ['扫描.png', /文字识别/],
      ['说明', /^说明: 不支持无扩展名的文件，支持的格式：\.txt/],
    ];
    for (const [name, message] of cases) {
      const w = expectFailure(await loadPlanFile(path.join(tmp.dir, 'missing', name)));
      expect(w).toMatchObject({ file: name, code: 'unsupported' });
      expect(w.message).toMatch(message);
    }
  });

  it('refuses files over maxBytes (default 20 MiB) from their size alone', async () => {
    const big = tmp.write('巨大.txt', '');
    fs.truncateSync(big, DEFAULT_MAX_BYTES + 1); // sparse: cheap to create, and never read
    const w = expectFailure(await loadPlanFile(big));
    expect(w).toMatchObject({ file: '巨大.txt', code: 'too-large' });
    expect(w.message).toBe('巨大.txt: 文件过大（20.0 MB，上限 20.0 MB）(file too large)');
    const small = tmp.write('small.txt', TITLE);
    expect(expectFailure(await loadPlanFile(small, { maxBytes: 10 })).code).toBe('too-large');
    expect(expectFailure(await loadPlanBuffer('m.txt', Buffer.from(TITLE), { maxBytes: 10 })).code).toBe('too-large');
  });

  it('reports missing paths and directories as unreadable', async () => {
    const missing = expectFailure(await loadPlanFile(path.join(tmp.dir, '不存在.txt')));
    expect(missing).toMatchObject({ code: 'unreadable', message: '不存在.txt: 文件不存在 (file not found)' });
    fs.mkdirSync(path.join(tmp.dir, 'folder.md'));
    expect(expectFailure(await loadPlanFile(path.join(tmp.dir, 'folder.md'))).code).toBe('unreadable');
  });

  it('reports zero-byte files of every format as empty', async () => {
    for (const ext of ['.txt', '.docx', '.xlsx', '.pdf', '.csv', '.html']) {
      const w = expectFailure(await loadPlanFile(tmp.write(`空${ext}`, Buffer.alloc(0))));
      expect(w).toMatchObject({ code: 'empty', message: `空${ext}: 文件内容为空 (empty file)` });
    }
  });

  it('reports binary garbage, corrupt containers and undecodable text', async () => {
    const nul = Buffer.concat([Buffer.from(TITLE), Buffer.alloc(16), noise(64)]);
    expect(expectFailure(await loadPlanFile(tmp.write('nul.txt', nul))).code).toBe('binary');
    expect(expectFailure(await loadPlanFile(tmp.write('nul.csv', nul))).code).toBe('binary');
    for (const name of ['x.docx', 'x.xlsx', 'x.pdf']) {
      const w = expectFailure(await loadPlanFile(tmp.write(name, noise(1024))));
      expect(w).toMatchObject({ file: name, code: 'corrupt' });
    }
    expect(expectFailure(await loadPlanFile(tmp.write('noise.md', noise(1024)))).code).toBe('encoding');
  });
});
