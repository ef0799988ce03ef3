import { dirname } from 'node:path';
import { StoreOpenError } from './store-errors.ts';
import type { Store } from './store.ts';
import { bounded } from './timeouts.ts';

/**
 * Opening the SQLite store safely: a probe at start-up (a read, a write and the sets table) finds a
 * corrupt, foreign or read-only file at once, with a message that names the file and what to do —
 * instead of a raw stack trace on the first group message, or a bot that starts and then forgets.
 */

/** The key the probe reads, writes and deletes again. */
const PROBE_KEY = 'store:probe';

/**
 * Read, write and delete the probe key and touch the sets table; a failure that means the file cannot
 * be used becomes a `StoreOpenError` (see `sqliteOpenError`), anything else is rethrown as it is.
 */
export async function probeSqlite(store: Store, file: string, ms: number): Promise<void> {
  try {
    await bounded('probe', async () => {
      await store.get(PROBE_KEY);
      await store.set(PROBE_KEY, { at: new Date().toISOString() });
      await store.setMembers(PROBE_KEY);
      await store.delete(PROBE_KEY);
    }, ms, `数据文件 ${file} `);
  } catch (error) {
    throw sqliteOpenError(error, file) ?? error;
  }
}

/** Why a data file cannot be used, in Chinese with the remedy; null when the error is none of those. */
export function sqliteOpenError(error: unknown, file: string): StoreOpenError | null {
  const code = errorCode(error);
  const dir = dirname(file);
  const message = ((): string | null => {
    switch (code) {
      case 'SQLITE_NOTADB':
      case 'SQLITE_CORRUPT':
        return `数据文件 ${file} 已损坏(不是有效的 SQLite 数据库): 请从备份恢复, 或改名后重启以新建空库(绑定和进展记录会丢失)`;
      case 'SQLITE_READONLY':
        return `数据文件 ${file} 只读, 无法写入: 请让运行机器人的用户对该文件和目录 ${dir} 有读写权限, 或设置 DUBAN_DATA_DIR 到可写的目录`;
      case 'SQLITE_CANTOPEN':
      case 'SQLITE_PERM':
      case 'SQLITE_AUTH':
      case 'EACCES':
      case 'EPERM':
      case 'EROFS':
        return `数据目录 ${dir} 只读或无法访问, 打不开数据文件 ${file}: 请检查权限或设置 DUBAN_DATA_DIR 到可写的目录`;
      case 'ENOTDIR':
      case 'EEXIST':
        return `数据目录 ${dir} 无法创建(路径上有同名文件): 请检查路径或设置 DUBAN_DATA_DIR`;
      case 'SQLITE_FULL':
      case 'ENOSPC':
        return `数据文件 ${file} 所在磁盘已满, 无法写入: 请清理磁盘空间后重启`;
      case 'SQLITE_BUSY':
      case 'SQLITE_LOCKED':
        return `数据文件 ${file} 被另一个进程锁定: 是否已有一个机器人在运行? 同一个数据文件只能由一个实例使用(多实例请用 Redis)`;
      case 'SQLITE_IOERR':
        return `读写数据文件 ${file} 时发生磁盘错误: 请检查磁盘, 必要时从备份恢复`;
      default:
        return null;
    }
  })();
  return message ? new StoreOpenError(message, code?.startsWith('E') ? dir : file, { cause: error }) : null;
}

/** The first `code` (SQLITE_… or a Node errno name) on an error or along its `cause` chain. */
export function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
  }
  return undefined;
}
