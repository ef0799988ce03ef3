import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    // Departments without a group: one combined message to the coordinators, each item with its departments.
    const mkt = list.find((d: { to: { room?: string }; text: string }) => d.to.room === '质量强市工作群' && /〔[^〕]*市市场监管局/u.test(d.text));
    expect(mkt.text).toContain('尚未绑定工作群');
    expect(mkt.text).toContain('2026年12月31日到期, 还有7天');
    expect(mkt.refs.some((r: { ref: string }) => r.ref === '2.2.1')).toBe(true);
    const none = capture();
    await runCli(['remind', '--plans', dir, '--date', '2026-12-25', '--store', 'memory'], none.io, env);
    expect(none.out.join('')).toContain('没有要发送的提醒');
  });
});

describe('duban remind --send (the operators\' drill contract)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'duban-send-'));
    env = { DUBAN_DATA_DIR: join(dir, 'data') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

  it('appends each message as {"key","to","text"}, exit 0; a re-run sends nothing; keys are the same in every run', async () => {
    const outbox = join(dir, 'out.jsonl');
    const c = capture();
    expect(await runCli(['remind', '--send', '--plans', DEMO_DIR, '--date', '2026-12-24', '--outbox', outbox], c.io, env)).toBe(0);
    const first = lines(outbox);
    expect(first.length).toBeGreaterThan(0);
    for (const l of first) {
      expect(Object.keys(l).sort()).toEqual(['key', 'text', 'to']);
      expect(l.to).toEqual({ room: '质量强市工作群' });
    }
    expect(first.map((l) => l.text).join('\n')).toContain('2026年12月31日到期, 还有7天');
    expect(await runCli(['remind', '--send', '--plans', DEMO_DIR, '--date', '2026-12-24', '--outbox', outbox], capture().io, env)).toBe(0);
    expect(lines(outbox)).toHaveLength(first.length);
    // A fresh store plans the same keys.
    const other = join(dir, 'other.jsonl');
    await runCli(['remind', '--send', '--plans', DEMO_DIR, '--date', '2026-12-24', '--outbox', other], capture().io, { DUBAN_DATA_DIR: join(dir, 'data2') });
    expect(lines(other).map((l) => l.key)).toEqual(first.map((l) => l.key));
  });

  it('a target matching FILE.fail fails (exit 3); the next day retries it once (补发), then exit 0', async () => {
    const outbox = join(dir, 'out.jsonl');
    writeFileSync(`${outbox}.fail`, '质量强市\n');
    const day1 = capture();
    expect(await runCli(['remind', '--send', '--plans', DEMO_DIR, '--date', '2026-12-24', '--outbox', outbox], day1.io, env)).toBe(3);
    expect(day1.out.join('')).toContain('下次运行会重试');
    rmSync(`${outbox}.fail`);
    expect(await runCli(['remind', '--send', '--plans', DEMO_DIR, '--date', '2026-12-25', '--outbox', outbox], capture().io, env)).toBe(0);
    const sent = lines(outbox);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((l) => l.key.startsWith('2026-12-24|') && l.text.startsWith('【补发】原定12月24日发送的提醒(当时发送失败)'))).toBe(true);
    expect(await runCli(['remind', '--send', '--plans', DEMO_DIR, '--date', '2026-12-28', '--outbox', outbox], capture().io, env)).toBe(0);
    expect(lines(outbox).filter((l) => l.key.startsWith('2026-12-24|'))).toHaveLength(sent.length);
  });

  it('--time before the send time plans nothing new; misuse is one line and exit 2', async () => {
    const outbox = join(dir, 'out.jsonl');
    expect(await runCli(['remind', '--send', '--plans', DEMO_DIR, '--date', '2026-12-24', '--time', '08:00', '--outbox', outbox], capture().io, env)).toBe(0);
    expect(existsSync(outbox)).toBe(false);
    const bad = capture();
    expect(await runCli(['remind', '--send', '--date', '2026-12-24'], bad.io, env)).toBe(2);
    expect(bad.err.join('')).toContain('--outbox');
    expect(await runCli(['remind', '--send', '--date', '2026-12-24', '--outbox', outbox, '--time', '9点'], capture().io, env)).toBe(2);
  });
});
