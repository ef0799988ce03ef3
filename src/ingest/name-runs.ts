/**
 * Bodies' names written one after another ("市发改委市财政局…", "市公安局、市建委协同…"), read the way the
 * regexes that describe them read — `(?:[\u4e00-\u9fff]{2,24}?(?:局|委|…)[、和及]?){1,8}?` and then what
 * follows — trying the same cuts in the same order, so finding the same match. The regex engine tries
 * every way to cut a run into names again from each cut, which takes exponential time on a long run of
 * 局/委/办 (a hundred characters of 局 took minutes); here a cut after which nothing matched is remembered
 * as such, so each place in the text is tried once for each count of names.
 */

export interface NameList {
  /** Whether a name may hold the character at `t[i]` before its ending (false past the end of `t`). */
  char: (t: string, i: number) => boolean;
  /** How many such characters: at least, at most (tried fewest first, as `{2,24}?`). */
  least: number;
  most: number;
  /** The endings, in the order the regex's alternation tries them (`委员会` before `委`). */
  ends: readonly string[];
  /** A second nameplate in brackets after a name, "区纪委(区监委)", taken when there (`(?:[(（]…[)）])?`). */
  plate?: boolean;
  /** Characters one of which may follow a name (`[、和及]?`, taken when there). */
  sep: string;
  /** How many names: at least, at most (Infinity for `{2,}`); `lazy` for `{1,8}?`, fewest first. */
  min: number;
  max: number;
  lazy: boolean;
}

export const isHan = (t: string, i: number): boolean => i < t.length && t.charCodeAt(i) >= 0x4e00 && t.charCodeAt(i) <= 0x9fff;

const PLATE = /[(（][\u4e00-\u9fff]{1,10}[)）]/y;

/**
 * The first result of `then(end)` for an end of a run of names starting at `start`, with ends tried in the
 * regex's order (all its other ways of reaching the same end with the same count of names come to the same
 * result, so none is tried twice); null when no end gives one.
 */
export function afterNames<R>(t: string, start: number, list: NameList, then: (end: number) => R | null, memo?: NameMemo<R>): R | null {
  // (Most text does not open with a name at all.)
  if (list.min > 0 && !opensWithName(t, start, list)) return null;
  return afterSteps(start, (at) => nameEnds(t, at, list), list, then, memo);
}

/** Whether a name starts at `at`: the first of nameEnds, without making anything. */
function opensWithName(t: string, at: number, list: NameList): boolean {
  for (let n = 0; ; n++) {
    if (n >= list.least && list.ends.some((end) => t.startsWith(end, at + n))) return true;
    if (n >= list.most || !list.char(t, at + n)) return false;
  }
}

/**
 * The same for any repeated part `(?:…){min,max}` (lazy or not) whose ways to match at `at` are `steps(at)`,
 * where it ends, in the regex's order; what follows it is `then`.
 */
export function afterSteps<R>(
  start: number,
  steps: (at: number) => Iterator<number>,
  count: { min: number; max: number; lazy: boolean },
  then: (end: number) => R | null,
  memo: NameMemo<R> = newMemo(),
): R | null {
  const { failed, tried } = memo;
  const thenAt = (end: number): R | null => {
    if (!tried.has(end)) tried.set(end, then(end));
    return tried.get(end)!;
  };
  // (Past `min`, any count is as good as another for `{2,}`: one state.)
  const width = Number.isFinite(count.max) ? count.max + 1 : count.min + 1;
  const key = (at: number, n: number) => at * width + Math.min(n, width - 1);
  // The regex's backtracking, with a stack of its own (a run of thousands of names is thousands deep).
  const stack: Array<{ at: number; n: number; next: Iterator<number> | null }> = [];
  const enter = (at: number, n: number): R | null => {
    if (failed.has(key(at, n))) return null;
    if (count.lazy && n >= count.min) {
      const r = thenAt(at);
      if (r !== null) return r;
    }
    stack.push({ at, n, next: n < count.max ? steps(at) : null });
    return null;
  };
  let found = enter(start, 0);
  while (found === null && stack.length) {
    const top = stack[stack.length - 1];
    const step = top.next?.next();
    if (step && !step.done) {
      found = enter(step.value, top.n + 1);
      continue;
    }
    stack.pop();
    if (!count.lazy && top.n >= count.min) found = thenAt(top.at);
    if (found === null) failed.add(key(top.at, top.n));
  }
  return found;
}

/**
 * What was tried: reused for runs of names tried from several starts in one text with one `then` (a
 * pattern tried at each 转发 of a line), since where a run fails does not depend on where it began.
 */
export interface NameMemo<R> {
  failed: Set<number>;
  tried: Map<number, R | null>;
}

export const newMemo = <R>(): NameMemo<R> => ({ failed: new Set(), tried: new Map() });

/** Where one name (with its nameplate and separator) can end at `at`, in the order the regex tries them. */
function* nameEnds(t: string, at: number, list: NameList): Generator<number> {
  let n = 0;
  for (; n < list.least; n++) if (!list.char(t, at + n)) return;
  for (;;) {
    for (const end of list.ends) {
      if (!t.startsWith(end, at + n)) continue;
      const e = at + n + end.length;
      if (list.plate) {
        PLATE.lastIndex = e;
        if (PLATE.test(t)) yield* withSep(t, PLATE.lastIndex, list.sep);
      }
      yield* withSep(t, e, list.sep);
    }
    if (n >= list.most || !list.char(t, at + n)) return;
    n++;
  }
}

function* withSep(t: string, e: number, sep: string): Generator<number> {
  if (e < t.length && sep.includes(t[e])) yield e + 1;
  yield e;
}

/** The first of `words` (in order) that `t` has at `at`. */
export function wordAt(t: string, at: number, words: readonly string[]): string | null {
  return words.find((w) => t.startsWith(w, at)) ?? null;
}

/** Han characters and round brackets: `[\u4e00-\u9fff()（）]`. */
export const isHanOrParen = (t: string, i: number): boolean => isHan(t, i) || (i < t.length && '()（）'.includes(t[i]));
