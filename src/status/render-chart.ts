import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Canvas, SKRSContext2D } from '@napi-rs/canvas';

/**
 * Renders the 进展 summary as a PNG: one horizontal stacked bar per department (or category), with
 * the completion rate at the end of each bar. Chinese text is drawn with Noto Sans SC shipped through
 * npm (@fontsource-variable/noto-sans-sc), because servers often have no CJK font at all and would
 * otherwise draw boxes. Nothing happens at import: the native canvas and the fonts load on first render.
 */

/** Task counts of one department or category. */
export interface ChartRow {
  label: string;
  done: number;
  inProgress: number;
  overdue: number;
  notStarted: number;
}

export interface ChartOptions {
  title: string;
  /** E.g. the as-of date: "截至 2025年3月31日". */
  subtitle?: string;
  /** Image width in pixels (default 800). The height follows from the number of rows. */
  width?: number;
}

export type RenderChartErrorCode = 'INVALID_INPUT' | 'FONT_MISSING';

export class RenderChartError extends Error {
  constructor(
    readonly code: RenderChartErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RenderChartError';
  }
}

type CountKey = Exclude<keyof ChartRow, 'label'>;

/** Segment order, legend text and colour; the order is the order along each bar. */
export const SEGMENTS: readonly { key: CountKey; name: string; color: string }[] = [
  { key: 'done', name: '已完成', color: '#2e9d57' },
  { key: 'inProgress', name: '推进中', color: '#2f7bd8' },
  { key: 'overdue', name: '逾期', color: '#d9443a' },
  { key: 'notStarted', name: '未开始', color: '#b4bac2' },
];

export const MAX_BARS = 15;
export const OTHER_LABEL = '其他';
const DEFAULT_WIDTH = 800;
const MIN_WIDTH = 320;
const MAX_WIDTH = 4000;

/** Keeps the first `max - 1` rows as given and sums the rest into one "其他" bar. */
export function groupRows(rows: readonly ChartRow[], max = MAX_BARS): ChartRow[] {
  if (rows.length <= max) return [...rows];
  return [...rows.slice(0, max - 1), sumRows(rows.slice(max - 1), OTHER_LABEL)];
}

export function sumRows(rows: readonly ChartRow[], label: string): ChartRow {
  const sum: ChartRow = { label, done: 0, inProgress: 0, overdue: 0, notStarted: 0 };
  for (const row of rows) for (const { key } of SEGMENTS) sum[key] += row[key];
  return sum;
}

export function totalOf(row: ChartRow): number {
  return row.done + row.inProgress + row.overdue + row.notStarted;
}

/** "60%", or "—" when the row has no tasks (0% would read as a failure). */
export function completionText(row: ChartRow): string {
  const total = totalOf(row);
  return total === 0 ? '—' : `${Math.round((row.done / total) * 100)}%`;
}

let fontFamily: Promise<string> | undefined;

/**
 * Registers the bundled Noto Sans SC once and returns the CSS family list to use in `ctx.font`.
 * Fontsource ships the font as ~100 woff2 slices by unicode range. Registered under one family name,
 * @napi-rs/canvas picks a single slice and draws boxes for the rest, so each slice gets its own alias
 * and the font string lists them all; the text shaper then falls back slice by slice per character.
 */
export function loadCjkFontFamily(): Promise<string> {
  fontFamily ??= registerBundledFont().catch((err: unknown) => {
    fontFamily = undefined;
    throw err;
  });
  return fontFamily;
}

async function registerBundledFont(): Promise<string> {
  const { GlobalFonts } = await import('@napi-rs/canvas');
  const dir = await bundledFontDir();
  const slices = (await readdir(dir))
    .map((file) => ({ file, slice: /^noto-sans-sc-(.+)-wght-normal\.woff2$/.exec(file)?.[1] }))
    .filter((f): f is { file: string; slice: string } => f.slice !== undefined)
    // Latin first so digits and "%" come from one slice, whichever numbered slice also has them.
    .sort((a, b) => sliceRank(a.slice) - sliceRank(b.slice) || a.slice.localeCompare(b.slice));
  const names: string[] = [];
  for (const { file, slice } of slices) {
    const name = `DubanNotoSansSC-${slice}`;
    if (GlobalFonts.has(name) || GlobalFonts.registerFromPath(join(dir, file), name)) names.push(name);
  }
  if (names.length === 0) {
    throw new RenderChartError('FONT_MISSING', `no Noto Sans SC woff2 could be registered from ${dir}`);
  }
  return [...names.map((n) => `"${n}"`), 'sans-serif'].join(', ');
}

async function bundledFontDir(): Promise<string> {
  try {
    const pkg = createRequire(import.meta.url).resolve('@fontsource-variable/noto-sans-sc/package.json');
    return join(dirname(pkg), 'files');
  } catch (cause) {
    throw new RenderChartError(
      'FONT_MISSING',
      'the Chinese chart font is not installed: run `npm install` (needs @fontsource-variable/noto-sans-sc)',
      { cause },
    );
  }
}

function sliceRank(slice: string): number {
  return slice === 'latin' ? 0 : slice === 'latin-ext' ? 1 : 2;
}

/** Font setter bound to the registered family; weight goes through the variable font's wght axis. */
type SetFont = (ctx: SKRSContext2D, px: number, weight?: 400 | 700) => void;

function fontSetter(family: string): SetFont {
  return (ctx, px, weight = 400) => {
    ctx.font = `${px}px ${family}`;
    // The variable font's default instance is Thin (100); a "bold" keyword alone does not move the axis.
    ctx.fontVariationSettings = `"wght" ${weight}`;
  };
}

const LAYOUT = {
  pad: 24,
  titlePx: 22,
  subtitlePx: 14,
  legendPx: 13,
  labelPx: 14,
  countPx: 12,
  ratePx: 13,
  rowH: 32,
  barH: 20,
  gap: 10,
} as const;

const INK = '#1f2329';
const MUTED = '#646a73';

/** Renders the rows (at most 15 bars, the rest as "其他") as a horizontal stacked bar chart PNG. */
export async function renderStatusChart(rows: ChartRow[], opts: ChartOptions): Promise<Buffer> {
  validate(rows, opts);
  const bars = groupRows(rows);
  const width = opts.width ?? DEFAULT_WIDTH;
  const [{ createCanvas }, family] = await Promise.all([import('@napi-rs/canvas'), loadCjkFontFamily()]);
  const setFont = fontSetter(family);
  const { pad, rowH } = LAYOUT;
  const headerH = pad + LAYOUT.titlePx + (opts.subtitle ? LAYOUT.subtitlePx + 8 : 0) + 14 + LAYOUT.legendPx + 16;
  const bodyH = Math.max(bars.length, 1) * rowH;
  const canvas: Canvas = createCanvas(width, headerH + bodyH + LAYOUT.labelPx + 2 * pad);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff'; // WeChat shows transparency as black in dark mode
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  drawHeader(ctx, setFont, opts);
  drawLegend(ctx, setFont, headerH - 16 - LAYOUT.legendPx);
  if (bars.length === 0) drawEmpty(ctx, setFont, headerH);
  else drawBars(ctx, setFont, bars, headerH);
  drawFooter(ctx, setFont, rows, canvas.height - pad);
  return encodeOneAtATime(canvas);
}

/**
 * @napi-rs/canvas can crash the process when several async PNG encodes run at once (reported upstream:
 * Brooooooklyn/canvas, oven-sh/bun#12375; seen here as a test worker exiting under load): encodes are queued,
 * one at a time. The picture is the same.
 */
let encoding: Promise<unknown> = Promise.resolve();
function encodeOneAtATime(canvas: Canvas): Promise<Buffer> {
  const run = encoding.then(() => canvas.encode('png'));
  encoding = run.catch(() => undefined);
  return run;
}

function validate(rows: readonly ChartRow[], opts: ChartOptions): void {
  const w = opts.width;
  if (w !== undefined && !(Number.isInteger(w) && w >= MIN_WIDTH && w <= MAX_WIDTH)) {
    throw new RenderChartError('INVALID_INPUT', `width must be an integer from ${MIN_WIDTH} to ${MAX_WIDTH}, got ${w}`);
  }
  for (const row of rows) {
    for (const { key } of SEGMENTS) {
      const n = row[key];
      if (!Number.isInteger(n) || n < 0) {
        throw new RenderChartError('INVALID_INPUT', `"${row.label}" ${key} must be a whole number ≥ 0, got ${n}`);
      }
    }
  }
}

function drawHeader(ctx: SKRSContext2D, setFont: SetFont, opts: ChartOptions): void {
  const { pad } = LAYOUT;
  const maxW = ctx.canvas.width - 2 * pad;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillStyle = INK;
  setFont(ctx, LAYOUT.titlePx, 700);
  ctx.fillText(fitText(ctx, opts.title, maxW), pad, pad + LAYOUT.titlePx * 0.85);
  if (opts.subtitle) {
    ctx.fillStyle = MUTED;
    setFont(ctx, LAYOUT.subtitlePx);
    ctx.fillText(fitText(ctx, opts.subtitle, maxW), pad, pad + LAYOUT.titlePx + 8 + LAYOUT.subtitlePx * 0.85);
  }
}

function drawLegend(ctx: SKRSContext2D, setFont: SetFont, top: number): void {
  const size = LAYOUT.legendPx;
  let x = LAYOUT.pad;
  setFont(ctx, size);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const { name, color } of SEGMENTS) {
    ctx.fillStyle = color;
    ctx.fillRect(x, top + 1, size - 2, size - 2);
    ctx.fillStyle = INK;
    ctx.fillText(name, x + size + 4, top + size / 2);
    x += size + 4 + ctx.measureText(name).width + 18;
  }
}

function drawBars(ctx: SKRSContext2D, setFont: SetFont, bars: readonly ChartRow[], top: number): void {
  const { pad, gap, rowH, barH } = LAYOUT;
  const width = ctx.canvas.width;
  setFont(ctx, LAYOUT.labelPx);
  const labelW = Math.min(Math.max(...bars.map((b) => ctx.measureText(b.label).width)), width * 0.32);
  setFont(ctx, LAYOUT.ratePx, 700);
  const rateW = ctx.measureText('100%').width + gap;
  const barX = pad + labelW + gap;
  const scale = (width - pad - rateW - barX) / Math.max(1, ...bars.map(totalOf));
  ctx.textBaseline = 'middle';
  bars.forEach((row, i) => {
    const mid = top + i * rowH + rowH / 2;
    ctx.fillStyle = INK;
    ctx.textAlign = 'right';
    setFont(ctx, LAYOUT.labelPx);
    ctx.fillText(fitText(ctx, row.label, labelW), barX - gap, mid);
    const end = drawSegments(ctx, setFont, row, barX, mid - barH / 2, scale);
    ctx.fillStyle = INK;
    ctx.textAlign = 'left';
    setFont(ctx, LAYOUT.ratePx, 700);
    ctx.fillText(completionText(row), end + 6, mid);
  });
}

/** Draws one bar's segments with their counts inside where they fit; returns the bar's right end. */
function drawSegments(
  ctx: SKRSContext2D,
  setFont: SetFont,
  row: ChartRow,
  x0: number,
  y: number,
  scale: number,
): number {
  const h = LAYOUT.barH;
  let sum = 0;
  let x = x0;
  setFont(ctx, LAYOUT.countPx, 700);
  ctx.textAlign = 'center';
  for (const { key, color } of SEGMENTS) {
    if (row[key] === 0) continue;
    sum += row[key];
    // Edges from cumulative sums, rounded, so neighbouring segments meet without seams.
    const next = x0 + Math.max(Math.round(sum * scale), Math.round(x - x0) + 1);
    ctx.fillStyle = color;
    ctx.fillRect(x, y, next - x, h);
    const text = String(row[key]);
    if (ctx.measureText(text).width + 6 <= next - x) {
      ctx.fillStyle = key === 'notStarted' ? INK : '#ffffff';
      ctx.fillText(text, (x + next) / 2, y + h / 2);
    }
    x = next;
  }
  return x;
}

function drawEmpty(ctx: SKRSContext2D, setFont: SetFont, top: number): void {
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  setFont(ctx, LAYOUT.labelPx);
  ctx.fillText('暂无任务数据', ctx.canvas.width / 2, top + LAYOUT.rowH / 2);
}

function drawFooter(ctx: SKRSContext2D, setFont: SetFont, rows: readonly ChartRow[], baseline: number): void {
  const sum = sumRows(rows, '合计');
  const parts = SEGMENTS.map(({ key, name }) => `${name} ${sum[key]}`).join(' · ');
  ctx.fillStyle = MUTED;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  setFont(ctx, LAYOUT.labelPx - 1);
  const text = `按部门合计 ${totalOf(sum)} 项次(一项任务计入每个责任单位)，完成率 ${completionText(sum)}（${parts}）`;
  ctx.fillText(fitText(ctx, text, ctx.canvas.width - 2 * LAYOUT.pad), LAYOUT.pad, baseline);
}

/** Cuts text to fit maxW, ending in "…". */
function fitText(ctx: SKRSContext2D, text: string, maxW: number): string {
  if (ctx.measureText(text).width <= maxW) return text;
  const chars = [...text];
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > maxW) chars.pop();
  return `${chars.join('')}…`;
}
