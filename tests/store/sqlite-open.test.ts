import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.ts';
import { sqliteOpenError } from '../../src/store/sqlite-open.ts';
import { StoreOpenError } from '../../src/store/store-errors.ts';

/**
 * A SQLite data file that cannot be used is found when the store opens, with a Chinese message that
 * names the file and what to do: garbage or corrupt bytes, a read-only file or directory, a data
 * directory that cannot be created. Read-only cases need a user that permissions stop: as root, where
 * chmod does not, `chattr +i` is used when the file system has it; otherwise they are skipped.
 */

let dir: string;
const undo: Array<() => void> = [];
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'duban-sqlite-open-'))));
afterEach(() => {
  for (const u of undo.splice(0).reverse()) u();
  rmSync(dir, { recursive: true, force: true });
});

async function openError(url: string, dataDir = dir): Promise<unknown> {
  const store = await createStore({ url, dataDir }).catch((e: unknown) => e);
  if (!(store instanceof Error)) await (store as { close(): Promise<void> }).close();
  return store;
}

/**
 * Make `path` unwritable for this process: chmod, and — when that does not stop us (root) — the
 * immutable attribute. False when neither works here (the test is then skipped).
 */
function makeReadOnly(path: string, mode: number): boolean {
  chmodSync(path, mode);
  undo.push(() => chmodSync(path, 0o755));
  if (!canWrite(path)) return true;
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
    undo.push(() => execFileSync('chattr', ['-i', path], { stdio: 'ignore' }));
  } catch {
    return false;
  }
  return !canWrite(path);
}

/** Whether this process can still write into `path` (a directory) or to it (a file). */
function canWrite(path: string): boolean {
  try {
    const isDir = !path.endsWith('.sqlite');
    if (isDir) {
      const probe = join(path, '.write-probe');
      writeFileSync(probe, 'x');
      rmSync(probe);
    } else {
      writeFileSync(path, readFileSync(path));
    }
    return true;
  } catch {
    return false;
  }
}

describe('opening the SQLite store', () => {
  it('a file of garbage bytes: StoreOpenError naming the file, saying it is damaged and what to do', async () => {
    const file = join(dir, 'duban.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    const error = await openError('', dir);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toBe(
      `数据文件 ${file} 已损坏(不是有效的 SQLite 数据库): 请从备份恢复, 或改名后重启以新建空库(绑定和进展记录会丢失)`,
    );
    expect((error as StoreOpenError).path).toBe(file);
  });

  it('a database whose pages are damaged: the same message', async () => {
    const file = join(dir, 'state.sqlite');
    const good = await createStore({ url: `sqlite://${file}`, dataDir: dir });
    await good.set('binding:r1', { department: '市住建局' });
    await good.close();
    const bytes = readFileSync(file);
    for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    writeFileSync(file, bytes);
    const error = await openError(`sqlite://${file}`);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toContain(`数据文件 ${file} 已损坏`);
  });

  it('a data directory that cannot be created (a file is in the way): StoreOpenError naming it', async () => {
    writeFileSync(join(dir, 'blocker'), 'x');
    const error = await openError('', join(dir, 'blocker', 'data'));
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toContain(`数据目录 ${join(dir, 'blocker', 'data')}`);
  });

  it('a good file opens, and its data is there', async () => {
    const first = await createStore({ url: '', dataDir: dir });
    await first.set('k', 1);
    await first.close();
    const again = await createStore({ url: '', dataDir: dir });
    expect(await again.get('k')).toBe(1);
    expect(await again.get('store:probe')).toBeUndefined(); // the probe cleans up after itself
    await again.close();
  });

  it('a read-only data file: StoreOpenError naming the file and the remedy', async (ctx) => {
    const file = join(dir, 'duban.sqlite');
    const s = await createStore({ url: '', dataDir: dir });
    await s.close();
    if (!makeReadOnly(file, 0o444)) return ctx.skip('cannot make a file read-only for this user here');
    const error = await openError('', dir);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toMatch(new RegExp(`^数据文件 ${escape(file)} 只读, 无法写入: .*DUBAN_DATA_DIR`));
  });

  it('a read-only data directory (no file yet): StoreOpenError naming the directory and the remedy', async (ctx) => {
    const data = join(dir, 'data');
    mkdirSync(data);
    if (!makeReadOnly(data, 0o555)) return ctx.skip('cannot make a directory read-only for this user here');
    const error = await openError('', data);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).toBe(
      `数据目录 ${data} 只读或无法访问, 打不开数据文件 ${join(data, 'duban.sqlite')}: 请检查权限或设置 DUBAN_DATA_DIR 到可写的目录`,
    );
  });
});

describe('sqliteOpenError (pure)', () => {
  const file = '/x/duban.sqlite';
  const err = (code: string) => Object.assign(new Error(code), { code });

  it.each([
    ['SQLITE_NOTADB', '已损坏'],
    ['SQLITE_CORRUPT', '已损坏'],
    ['SQLITE_READONLY', '只读, 无法写入'],
    ['SQLITE_CANTOPEN', '数据目录 /x 只读或无法访问'],
    ['EACCES', '数据目录 /x 只读或无法访问'],
    ['EROFS', '数据目录 /x 只读或无法访问'],
    ['SQLITE_FULL', '磁盘已满'],
    ['SQLITE_BUSY', '被另一个进程锁定'],
  ])('%s → a message saying %s', (code, words) => {
    const mapped = sqliteOpenError(err(code), file);
    expect(mapped).toBeInstanceOf(StoreOpenError);
    expect(mapped!.message).toContain(words);
    expect(mapped!.cause).toBeInstanceOf(Error);
  });

  it('finds the code on a wrapped error, and leaves unknown errors alone', () => {
    expect(sqliteOpenError(new Error('wrapped', { cause: err('SQLITE_NOTADB') }), file)?.message).toContain(file);
    expect(sqliteOpenError(new Error('something else'), file)).toBeNull();
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
