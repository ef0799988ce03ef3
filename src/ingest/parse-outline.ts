/**
 * The plan's outline: headings 一、/（一）/1./1、/（1）/①/第一阶段, nested by the order in which marker
 * styles appear (the usual 一、 → （一） → 1、 → （1） → ①, but any consistent order works), also when a
 * whole document sits on one line.
 */

export type MarkerKind = 'cn' | 'pcn' | 'num' | 'pnum' | 'circ' | 'ord';

export interface OutlineNode {
  /** Marker as written, without trailing punctuation: '三', '(一)', '15', '(1)', '①', '第一阶段'. */
  label: string;
  kind: MarkerKind | 'root';
  /** The heading's own title: the text after the marker up to the first sentence end. */
  title: string;
  /** All text of this node (title included, marker excluded), excluding its children. */
  text: string;
  /** 1-based source line of the heading. */
  line: number;
  depth: number;
  parent?: OutlineNode;
  children: OutlineNode[];
}

interface Marker {
  kind: MarkerKind;
  label: string;
  rest: string;
}

const CN_NUM = '一二三四五六七八九十百';
const MARKERS: Array<[MarkerKind, RegExp, (m: RegExpExecArray) => string]> = [
  ['ord', new RegExp(`^(第[${CN_NUM}]+(?:阶段|部分|章))\\s*[:,、]?\\s*`), (m) => m[1]],
  ['cn', new RegExp(`^([${CN_NUM}]+)\\s*[、.]\\s*`), (m) => m[1]],
  // ("( 二)": a space inside the bracket as pages leave it.)
  ['pcn', new RegExp(`^\\(\\s?([${CN_NUM}]+)\\s?\\)\\s*[、.]?\\s*`), (m) => `(${m[1]})`],
  ['pnum', /^\(\s?(\d{1,2})\s?\)\s*[、.]?\s*/, (m) => `(${m[1]})`],
  ['num', /^(\d{1,2})\s*(?:[、]|\.(?!\d))\s*/, (m) => m[1]],
  ['circ', /^([\u2460-\u2473])\s*/, (m) => m[1]],
];

/** Recognises a heading marker at the start of a segment. */
export function readMarker(segment: string): Marker | null {
  for (const [kind, re, label] of MARKERS) {
    const m = re.exec(segment);
    if (m && m[0].length < segment.length) return { kind, label: label(m), rest: segment.slice(m[0].length) };
  }
  return null;
}

/**
 * Where a long line holds several headings (a document flattened onto one line), it is cut before each
 * marker that follows a space or a sentence end. `1.` is not a cut point mid-line (decimals, 1.1.1 refs).
 */
const CUT_BEFORE = new RegExp(
  `(?<=[\\s。;!?])(?=(?:[${CN_NUM}]+、|\\([${CN_NUM}]+\\)|\\d{1,2}、(?!\\d)|\\(\\d{1,2}\\)|[\\u2460-\\u2473]))` +
    `|(?<=[:])(?=(?:\\(\\d{1,2}\\)|[\\u2460-\\u2473]))` +
    // "一、加强要素支持(一)强化财税…": a sub-heading run into its heading (not "第(一)项").
    `|(?<=[\\u4e00-\\u9fff])(?<![第款项条])(?=\\([${CN_NUM}]{1,3}\\)[\\u4e00-\\u9fff])` +
    // "…(市税务局、市财政局)(二)加强融资支持": an item after the owners' bracket that closed the one before.
    `|(?<=[)])(?=\\([${CN_NUM}]{1,3}\\)[\\u4e00-\\u9fff]{2})` +
    // "… 2.落实…": a numbered item after a space, when a Han character follows its dot.
    `|(?<=\\s)(?=\\d{1,2}\\.(?=[\\u4e00-\\u9fff]))`,
);

export function splitAtMarkers(line: string): string[] {
  return line
    .split(CUT_BEFORE)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The heading title: text up to the first 。 (or the whole short line). */
export function headingTitle(rest: string): string {
  const end = rest.search(/[。;]/);
  const title = end >= 0 ? rest.slice(0, end) : rest;
  return title.length > 60 ? title.slice(0, 60) : title.trim();
}

export interface OutlineLine {
  text: string;
  line: number;
}

/** Builds the outline tree from content lines (already normalised and cleaned). */
export function parseOutline(lines: OutlineLine[]): OutlineNode {
  const root: OutlineNode = { label: '', kind: 'root', title: '', text: '', line: 0, depth: 0, children: [] };
  const stack: OutlineNode[] = [root];
  for (const { text, line } of lines) {
    for (const segment of splitAtMarkers(text)) {
      const marker = readMarker(segment);
      if (!marker) {
        appendText(stack[stack.length - 1], segment);
        continue;
      }
      const parent = parentFor(stack, marker.kind, marker.label);
      const node: OutlineNode = {
        label: marker.label,
        kind: marker.kind,
        title: headingTitle(marker.rest),
        text: marker.rest,
        line,
        depth: parent.depth + 1,
        parent,
        children: [],
      };
      parent.children.push(node);
      stack.push(node);
    }
  }
  return root;
}

/**
 * Pops the stack to the node that a heading of `kind` belongs under (a sibling of the same kind pops it).
 * A list that starts again at its first number below a deeper heading is that heading's own list:
 * "(13)… (二)日常办事机构 2.办公室职责 (1)负责…" puts (1) under 2, not beside (13).
 */
function parentFor(stack: OutlineNode[], kind: MarkerKind, label: string): OutlineNode {
  let at = stack.length - 1;
  while (at > 0 && stack[at].kind !== kind) at--;
  if (at > 0 && at < stack.length - 1 && isFirst(label) && !isFirst(stack[at].label)) return stack[stack.length - 1];
  if (at > 0) stack.length = at;
  return stack[stack.length - 1];
}

/** A list's first marker: 一 / (一) / 1 / (1) / ① / 第一阶段. */
const isFirst = (label: string) => /^(?:\(?(?:一|1)\)?|①|第一.*)$/.test(label);

function appendText(node: OutlineNode, text: string): void {
  node.text = node.text ? `${node.text}\n${text}` : text;
}

/** Depth-first walk over all nodes except the root. */
export function* walkOutline(node: OutlineNode): Generator<OutlineNode> {
  for (const child of node.children) {
    yield child;
    yield* walkOutline(child);
  }
}

/** Titles from the top chapter down to this node, each with its marker: ['三、工作措施', '(一)加强…', '4、加快…']. */
export function sectionPath(node: OutlineNode): string[] {
  const path: string[] = [];
  for (let n: OutlineNode | undefined = node; n && n.kind !== 'root'; n = n.parent) {
    path.unshift(`${n.label}${n.kind === 'cn' || n.kind === 'num' ? '、' : ''}${n.title}`);
  }
  return path;
}
