import { stat, readFile } from 'node:fs/promises';
import type { LoadedDocument, LoadResult, PlanFormat } from './document.ts';
import { failure, failureFromError, oneLine } from './load-errors.ts';
import { loadCsv } from './load-csv.ts';
import { loadDocx } from './load-docx.ts';
import { loadHtml } from './load-html.ts';
import { loadPdf } from './load-pdf.ts';
import { loadText } from './load-text.ts';
import { loadXlsx } from './load-xlsx.ts';

/**
 * Entry point for reading one plan file. Never throws: whatever goes wrong becomes a LoadWarning
 * whose message names the file, so a folder with one bad file still loads the rest.
 */
export interface LoadOptions {
  /** Refuse files larger than this many bytes (default 20 MiB) — plans are never that big, dumps are. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const FORMATS: Readonly<Record<string, PlanFormat>> = {
  '.txt': 'txt', '.text': 'txt', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html',
  '.docx': 'docx', '.xlsx': 'xlsx', '.csv': 'csv', '.pdf': 'pdf',
};

export const PLAN_EXTENSIONS: readonly string[] = Object.keys(FORMATS);

type Loader = (file: string, bytes: Buffer) => Promise<LoadedDocument>;

const LOADERS: Readonly<Record<PlanFormat, Loader>> = {
  txt: (f, b) => loadText(f, b, 'txt'),
  md: (f, b) => loadText(f, b, 'md'),
  html: loadHtml,
  docx: loadDocx,
  xlsx: loadXlsx,
  csv: loadCsv,
  pdf: loadPdf,
};

/** Containers whose parse errors mean a damaged file rather than an unexpected bug in reading text. */
const CONTAINER_FORMATS = new Set<PlanFormat>(['docx', 'xlsx', 'pdf']);

/** Skips dotfiles and Office's `~$name.docx` lock files, which sit next to every open document. */
export function isPlanFile(name: string): boolean {
  const base = baseName(name);
  if (base.startsWith('.') || base.startsWith('~$')) return false;
  return formatOf(base) !== undefined;
}

export async function loadPlanFile(path: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const file = baseName(path);
  if (!formatOf(file)) return failure(file, 'unsupported', unsupportedReason(file));
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) return failure(file, 'unreadable', '不是普通文件 (not a regular file)');
    if (info.size > maxBytes) return tooLarge(file, info.size, maxBytes);
    bytes = await readFile(path);
  } catch (err) {
    return failure(file, 'unreadable', readFailureReason(err));
  }
  return loadPlanBuffer(file, bytes, opts);
}

export async function loadPlanBuffer(file: string, bytes: Buffer, opts: LoadOptions = {}): Promise<LoadResult> {
  const name = baseName(file);
  const format = formatOf(name);
  if (!format) return failure(name, 'unsupported', unsupportedReason(name));
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) return tooLarge(name, bytes.length, maxBytes);
  if (bytes.length === 0) return failure(name, 'empty', '文件内容为空 (empty file)');
  if ((format === 'docx' || format === 'xlsx') && isOleCompound(bytes)) {
    return failure(name, 'unsupported', disguisedOldOffice(format));
  }
  try {
    const doc = await LOADERS[format](name, bytes);
    if (doc.blocks.length === 0) return failure(name, 'no-text', '文件中没有可读取的文字 (no text found)');
    return { ok: true, doc };
  } catch (err) {
    return failureFromError(name, err, CONTAINER_FORMATS.has(format) ? 'corrupt' : 'unreadable');
  }
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

function formatOf(name: string): PlanFormat | undefined {
  return Object.hasOwn(FORMATS, extensionOf(name)) ? FORMATS[extensionOf(name)] : undefined;
}

function tooLarge(file: string, size: number, max: number): LoadResult {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return failure(file, 'too-large', `文件过大（${mb(size)} MB，上限 ${mb(max)} MB）(file too large)`);
}

function readFailureReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return '文件不存在 (file not found)';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限 (permission denied)';
  return `无法读取文件 (${oneLine(err)})`;
}

const UNSUPPORTED_HINTS: ReadonlyArray<[RegExp, string]> = [
  [/^\.(doc|wps|wpt|dot|rtf|odt|docm|dotx)$/, '请用 Word/WPS 另存为 .docx 后再上传 (save as .docx)'],
  [/^\.(xls|et|ett|ods|xlsm|xlsb)$/, '请用 Excel/WPS 另存为 .xlsx 后再上传 (save as .xlsx)'],
  [/^\.(ppt|pptx|dps|odp)$/, '演示文稿请导出为 PDF 后再上传 (export as PDF)'],
  [/^\.(ofd|xps)$/, '请导出为 PDF 后再上传 (export as PDF)'],
  [/^\.(png|jpe?g|gif|bmp|tiff?|webp|heic)$/, '图片需要先做文字识别 (OCR) (image; needs OCR)'],
  [/^\.(zip|rar|7z|tar|gz)$/, '压缩包请先解压 (archive; unpack first)'],
];

/** Tells people what to convert to, since the fix is almost always "save as" in WPS or Word. */
export function unsupportedReason(name: string): string {
  const ext = extensionOf(baseName(name));
  const hint = UNSUPPORTED_HINTS.find(([re]) => re.test(ext))?.[1];
  const what = ext ? `不支持 ${ext} 格式` : '不支持无扩展名的文件';
  return `${what}，${hint ?? `支持的格式：${PLAN_EXTENSIONS.join(' ')} (unsupported file type)`}`;
}

/** Legacy .doc/.xls (and password-protected OOXML) are OLE compound files, often renamed by hand. */
function isOleCompound(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

function disguisedOldOffice(format: PlanFormat): string {
  const target = format === 'docx' ? '.docx' : '.xlsx';
  return `实际是旧版 Office 格式或已加密，请另存为未加密的 ${target} (legacy or encrypted Office file)`;
}
