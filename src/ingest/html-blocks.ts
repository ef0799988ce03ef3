import { HTMLElement, parse, TextNode, type Node } from 'node-html-parser';
import type { Block } from './document.ts';
import { tidyRows } from './table-rows.ts';

/**
 * HTML → blocks, shared by the .html loader and .docx (via mammoth), so both give tables as tables.
 * Spans are resolved here into plain rows: rowspan repeats the value down its column (a merged
 * 责任单位 cell really does apply to every row it covers); colspan fills the extra columns with ''.
 */

/** Page furniture of government sites and interactive widgets: never plan content. */
const DROPPED = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'iframe', 'form', 'select',
  'button', 'svg', 'object', 'embed',
]);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li',
  'main', 'ol', 'p', 'pre', 'section', 'summary', 'td', 'th', 'tr', 'ul',
]);
const MAX_COLSPAN = 1000;

export function htmlToBlocks(html: string): Block[] {
  // node-html-parser keeps doctypes and XML declarations as text nodes.
  const markup = html.replace(/<!doctype[^>]*>|<\?xml[^>]*\?>/gi, '');
  const root = parse(markup, { comment: false, blockTextElements: { script: false, style: false, noscript: false } });
  const flow = new Flow(false);
  walk(root, flow);
  flow.flush();
  return flow.blocks;
}

/** Collects inline text into the current paragraph; block boundaries close it. */
class Flow {
  readonly blocks: Block[] = [];
  private run = '';

  /** Inside a table cell nested tables are just more text, so the outer grid stays rectangular. */
  constructor(readonly flattenTables: boolean) {}

  add(text: string): void {
    this.run += text;
  }

  flush(): void {
    const text = collapseWhitespace(this.run);
    if (text !== '') this.blocks.push({ kind: 'para', text });
    this.run = '';
  }
}

function walk(node: Node, flow: Flow): void {
  if (node instanceof TextNode) {
    flow.add(node.text);
    return;
  }
  if (!(node instanceof HTMLElement)) return;
  const tag = (node.tagName ?? '').toLowerCase();
  if (DROPPED.has(tag) || isHidden(node)) return;
  if (tag === 'br') return flow.flush();
  if (tag === 'table' && !flow.flattenTables) {
    flow.flush();
    return emitTable(node, flow);
  }
  const block = BLOCK.has(tag);
  if (block) flow.flush();
  for (const child of node.childNodes) walk(child, flow);
  if (block) flow.flush();
}

function isHidden(el: HTMLElement): boolean {
  return el.hasAttribute('hidden') || /display\s*:\s*none/i.test(el.getAttribute('style') ?? '');
}

function emitTable(table: HTMLElement, flow: Flow): void {
  const rows = table.querySelectorAll('tr').filter((tr) => tr.closest('table') === table);
  const cells = rows.map(cellsOf);
  // Old government pages lay out the whole article in a one-column table; that is prose, not data.
  if (cells.every((row) => row.length <= 1)) {
    for (const row of cells) for (const cell of row) walkChildren(cell, flow);
    return;
  }
  const grid = tidyRows(buildGrid(cells));
  if (grid.length === 0) return;
  const caption = table.childNodes.find((n) => n instanceof HTMLElement && n.tagName === 'CAPTION');
  const name = caption ? collapseWhitespace(caption.text) : '';
  flow.blocks.push(name ? { kind: 'table', rows: grid, name } : { kind: 'table', rows: grid });
}

function walkChildren(el: HTMLElement, flow: Flow): void {
  for (const child of el.childNodes) walk(child, flow);
  flow.flush();
}

function cellsOf(tr: HTMLElement): HTMLElement[] {
  return tr.childNodes.filter(
    (n): n is HTMLElement => n instanceof HTMLElement && (n.tagName === 'TD' || n.tagName === 'TH'),
  );
}

function buildGrid(rows: HTMLElement[][]): string[][] {
  const grid: string[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (grid[r][c] !== undefined) c++;
      const text = cellText(cell);
      const colspan = spanOf(cell, 'colspan', MAX_COLSPAN);
      const rowspan = spanOf(cell, 'rowspan', rows.length - r);
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) grid[r + dr][c + dc] = dc === 0 ? text : '';
      }
      c += colspan;
    }
  });
  return grid.map((row) => Array.from(row, (v) => v ?? ''));
}

/** rowspan="0" means "to the end of the table section"; junk or missing values mean 1. */
function spanOf(cell: HTMLElement, attr: 'rowspan' | 'colspan', max: number): number {
  const raw = (cell.getAttribute(attr) ?? '').trim();
  const n = Number.parseInt(raw, 10);
  if (attr === 'rowspan' && n === 0) return max;
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, max);
}

function cellText(cell: HTMLElement): string {
  const flow = new Flow(true);
  walkChildren(cell, flow);
  return flow.blocks.map((b) => (b.kind === 'para' ? b.text : '')).join(' ');
}

const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Like a browser: whitespace runs become one space, except that a line break between two CJK
 * characters disappears (CSS Text segment-break rule), so hard-wrapped Chinese source is not split.
 */
export function collapseWhitespace(text: string): string {
  return text
    .replace(/\s+/g, (ws: string, at: number, all: string) =>
      ws.includes('\n') && WIDE.test(all[at - 1] ?? '') && WIDE.test(all[at + ws.length] ?? '') ? '' : ' ',
    )
    .trim();
}
