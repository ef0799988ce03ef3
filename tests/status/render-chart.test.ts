import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  completionText,
  groupRows,
  loadCjkFontFamily,
  RenderChartError,
  renderStatusChart,
  SEGMENTS,
  type ChartRow,
} from '../../src/status/render-chart.ts';

const row = (label: string, done: number, inProgress: number, overdue: number, notStarted: number): ChartRow => ({
  label,
  done,
  inProgress,
  overdue,
  notStarted,
});

const ROWS: ChartRow[] = [
  row('市住房和城乡建设局', 6, 3, 1, 0),
  row('市市场监督管理局', 4, 4, 0, 2),
  row('市生态环境局', 2, 1, 3, 4),
];

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Counts of each exact RGB colour in the decoded PNG, keyed "#rrggbb". */
async function colourCounts(png: Buffer): Promise<Map<string, number>> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  const counts = new Map<string, number>();
  for (let i = 0; i < data.length; i += 4) {
    const hex = `#${[data[i], data[i + 1], data[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    counts.set(hex, (counts.get(hex) ?? 0) + 1);
  }
  return counts;
}

const colourOf = (key: (typeof SEGMENTS)[number]['key']) => SEGMENTS.find((s) => s.key === key)!.color;

/** Each character drawn alone, thresholded to an ink mask and serialised, so equal masks compare equal. */
function glyphMasks(chars: string[], family: string): string[] {
  const size = 48;
  return chars.map((ch) => {
    const canvas = createCanvas(size * 2, size * 2);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#000';
    ctx.font = `${size}px ${family}`;
    ctx.fontVariationSettings = '"wght" 400';
    ctx.textBaseline = 'top';
    ctx.fillText(ch, size / 2, size / 2);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let mask = '';
    for (let i = 0; i < data.length; i += 4) mask += data[i] < 128 ? '1' : '0';
    return mask;
  });
}

const inkShare = (mask: string) => mask.split('1').length / mask.length;

describe('renderStatusChart', () => {
  it('registers no fonts until the first render', () => {
    expect(GlobalFonts.families.some((f) => f.family.startsWith('DubanNotoSansSC'))).toBe(false);
  });

  it('returns a PNG of the requested width, and 800 px wide by default', async () => {
    const png = await renderStatusChart(ROWS, { title: '质量强市工作任务进展', subtitle: '截至 2025年3月31日', width: 640 });
    const { width, height } = pngSize(png);
    expect(width).toBe(640);
    expect(height).toBeGreaterThan(200);
    expect(pngSize(await renderStatusChart(ROWS, { title: '进展' })).width).toBe(800);
  });

  it('draws all four segment colours, the legend, and dark text on white', async () => {
    const counts = await colourCounts(await renderStatusChart(ROWS, { title: '进展', subtitle: '截至今日' }));
    for (const { color } of SEGMENTS) expect(counts.get(color) ?? 0, color).toBeGreaterThan(200);
    expect(counts.get('#ffffff') ?? 0).toBeGreaterThan(10_000);
    const dark = [...counts].filter(([hex]) => parseInt(hex.slice(1, 3), 16) < 80).reduce((n, [, c]) => n + c, 0);
    expect(dark).toBeGreaterThan(300);
  });

  it('sizes the segments by the counts', async () => {
    const allDone = await colourCounts(await renderStatusChart([row('甲局', 10, 0, 0, 0)], { title: 'x' }));
    const allLate = await colourCounts(await renderStatusChart([row('甲局', 0, 0, 10, 0)], { title: 'x' }));
    const green = colourOf('done');
    const red = colourOf('overdue');
    // Only the legend swatch is left of the colour that has no tasks.
    expect(allDone.get(green)).toBeGreaterThan(20 * (allDone.get(red) ?? 0));
    expect(allLate.get(red)).toBeGreaterThan(20 * (allLate.get(green) ?? 0));
  });

  it('grows with the rows but stops at 15 bars', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => row(`第${i + 1}局`, 1, 1, 1, 1));
    const h = async (n: number) => pngSize(await renderStatusChart(many(n), { title: 'x' })).height;
    const [h3, h15, h30] = await Promise.all([h(3), h(15), h(30)]);
    expect(h15).toBeGreaterThan(h3);
    expect(h30).toBe(h15);
  });

  it('renders an empty chart rather than failing', async () => {
    expect(pngSize(await renderStatusChart([], { title: '进展' })).width).toBe(800);
  });

  it('rejects negative or fractional counts and impossible widths with INVALID_INPUT', async () => {
    const bad = renderStatusChart([row('甲局', -1, 0, 0, 0)], { title: 'x' });
    await expect(bad).rejects.toBeInstanceOf(RenderChartError);
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(renderStatusChart([row('甲局', 1.5, 0, 0, 0)], { title: 'x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(renderStatusChart(ROWS, { title: 'x', width: 10 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('Chinese text', () => {
  const LABEL = [...'住房和城乡建设局'];

  it('draws each Chinese character as its own glyph, not a box', async () => {
    const masks = glyphMasks(LABEL, await loadCjkFontFamily());
    expect(new Set(masks).size).toBe(LABEL.length);
    for (const mask of masks) expect(inkShare(mask)).toBeGreaterThan(0.02);
  });

  it('the glyph check catches boxes: one repeated character gives one mask', async () => {
    expect(new Set(glyphMasks([...'局局局'], await loadCjkFontFamily())).size).toBe(1);
  });

  // Read at collection time, before any render registers the bundled font.
  const systemHasCjk = GlobalFonts.families.some(
    (f) => !f.family.startsWith('DubanNotoSansSC') && /CJK|Sans SC|Hei|Song|Ming|WenQuanYi|Source Han|PingFang/i.test(f.family),
  );
  it.skipIf(systemHasCjk)('without the bundled font this machine draws identical boxes', () => {
    expect(new Set(glyphMasks(LABEL, '"NoSuchFontFamily"')).size).toBe(1);
  });

  it('shows the labels in the chart: different names of the same length give different pictures', async () => {
    const chart = (label: string) => renderStatusChart([row(label, 3, 2, 1, 1)], { title: '进展' });
    const [a, b] = await Promise.all([chart('住房和城乡建设局'), chart('局局局局局局局局')]);
    expect(a.equals(b)).toBe(false);
  });
});

describe('groupRows and completionText', () => {
  it('keeps 15 rows as given and folds the rest into 其他', () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(`第${i + 1}局`, i, 1, 2, 3));
    const grouped = groupRows(rows);
    expect(grouped).toHaveLength(15);
    expect(grouped.slice(0, 14)).toEqual(rows.slice(0, 14));
    expect(grouped[14]).toEqual(row('其他', 14 + 15 + 16 + 17 + 18 + 19, 6, 12, 18));
    expect(groupRows(rows.slice(0, 15))).toEqual(rows.slice(0, 15));
  });

  it('rounds the completion rate and shows a dash for a department with no tasks', () => {
    expect(completionText(row('甲', 3, 1, 1, 0))).toBe('60%');
    expect(completionText(row('甲', 1, 2, 0, 0))).toBe('33%');
    expect(completionText(row('甲', 0, 0, 0, 0))).toBe('—');
  });
});
