import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import { DEMO_DIR } from './helpers/seeds.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('duban kb', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'duban-cli-'));
    env = { DUBAN_DATA_DIR: join(dir, 'data') };
    for (const f of readdirSync(DEMO_DIR)) {
      copyFileSync(join(DEMO_DIR, f), join(dir, f));
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON contract: tasks with file, ref, text, lead, units, deadline', async () => {
    const c = capture();
    expect(await runCli(['kb', '--plans', dir, '--json'], c.io, env)).toBe(0);
    const kb = JSON.parse(c.out.join(''));
    const row = kb.tasks.find((t: { ref: string }) => t.ref === '1.1.1');
    expect(row).toMatchObject({ file: '明州市质量强市示范城市创建工作方案.md', lead: ['市委宣传部'], deadline: '2026-06' });
    expect(row.units).toEqual(['市委宣传部', '市市场监管局', '市文化广电旅游局']);
    for (const key of ['plans', 'tasks', 'targets', 'duties', 'phases', 'reports', 'campaignDates', 'departments', 'warnings']) {
      expect(kb).toHaveProperty(key);
    }
    expect(kb.tasks.every((t: Record<string, unknown>) => 'ref' in t && Array.isArray(t.lead) && Array.isArray(t.units))).toBe(true);
  });

  it('warns once per unreadable file, naming it, and still loads the rest', async () => {
    writeFileSync(join(dir, 'broken.docx'), 'not a zip at all');
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'old.doc'), 'x');
    writeFileSync(join(dir, 'notes.bin'), 'ignored: not a plan extension');
    const c = capture();
    expect(await runCli(['kb', '--plans', dir, '--json'], c.io, env)).toBe(0);
    const kb = JSON.parse(c.out.join(''));
    expect(kb.plans).toHaveLength(1);
    expect(kb.warnings.map((w: { file: string }) => w.file).sort()).toEqual(['broken.docx', 'empty.txt', 'old.doc']);
    for (const w of kb.warnings) expect(w.message.startsWith(`${w.file}: `)).toBe(true);
  });

  it('prints a readable summary and serves the second run from the cache', async () => {
    const first = capture();
    await runCli(['kb', '--plans', dir], first.io, env);
    expect(first.out.join('\n')).toContain('新解析 1, 缓存 0');
    expect(first.out.join('\n')).toMatch(/任务 \d+\(分解表 26\)/);
    const second = capture();
    await runCli(['kb', '--plans', dir], second.io, env);
    expect(second.out.join('\n')).toContain('新解析 0, 缓存 1');
    const noCache = capture();
    await runCli(['kb', '--plans', dir, '--no-cache'], noCache.io, env);
    expect(noCache.out.join('\n')).toContain('新解析 1, 缓存 0');
  });

  it('shows progress on large folders', async () => {
    for (let i = 0; i < 24; i++) writeFileSync(join(dir, `p${i}.txt`), `明州市第${i}号方案\n一、目标\n到2027年,合格率达到9${i % 10}%以上。`);
    const c = capture();
    await runCli(['kb', '--plans', dir, '--no-cache'], c.io, env);
    expect(c.err.some((l) => /读取方案 25\/25 \(100%\)/.test(l))).toBe(true);
  });

  it('answers misuse with one line and exit 2, and an empty folder with exit 1', async () => {
    const bad = capture();
    expect(await runCli(['kb', '--plan', dir], bad.io, env)).toBe(2);
    expect(bad.err.join('\n')).toContain('duban help');
    const missing = capture();
    expect(await runCli(['kb', '--plans', join(dir, 'nope')], missing.io, env)).toBe(2);
    expect(missing.err.join('')).toContain('找不到方案路径');
    const empty = mkdtempSync(join(tmpdir(), 'duban-empty-'));
    const none = capture();
    expect(await runCli(['kb', '--plans', empty], none.io, env)).toBe(1);
    expect(none.err.join('')).toContain('没有可用的方案');
    rmSync(empty, { recursive: true });
    const unknown = capture();
    expect(await runCli(['frobnicate'], unknown.io, env)).toBe(2);
  });

  it('previews the reminders of a day as the JSON contract', async () => {
    const c = capture();
    expect(await runCli(['remind', '--plans', dir, '--date', '2026-12-24', '--json', '--store', 'memory'], c.io, env)).toBe(0);
    const list = JSON.parse(c.out.join(''));
    expect(list.length).toBeGreaterThan(0);
    for (const d of list) {
      expect(Object.keys(d).sort()).toEqual(['due', 'kind', 'refs', 'text', 'to']);
      expect('department' in d.to || 'room' in d.to).toBe(true);
    }
    const mkt = list.find((d: { to: { department?: string } }) => d.to.department === '市市场监管局');
    expect(mkt.text).toContain('2026年12月31日到期, 还有7天');
    expect(mkt.refs.some((r: { ref: string }) => r.ref === '2.2.1')).toBe(true);
    const none = capture();
    await runCli(['remind', '--plans', dir, '--date', '2026-12-25', '--store', 'memory'], none.io, env);
    expect(none.out.join('')).toContain('没有要发送的提醒');
  });
});
