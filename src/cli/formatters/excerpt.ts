/**
 * The excerpt under a stylish finding: the line with the flagged words, windowed around
 * them when the line is long, and a caret line under the flagged words.
 *
 * Positions are UTF-16 offsets (as everywhere in the engine); the caret line counts
 * terminal columns: a code point is one column, except combining marks and format
 * characters (zero: format characters such as bidi controls are dropped from the
 * excerpt) and East Asian wide characters (two). Tabs and other control characters are
 * shown as one space, so no escape sequence from a document reaches the terminal.
 * Work is bounded by the window, not by the line: a 5 MB single-line file costs
 * what a short line costs.
 */

export interface Excerpt {
  /** The excerpt: "…" marks text left out at either end. */
  readonly line: string;
  /** Spaces, then one "^" per column of the flagged words (at least one). */
  readonly caret: string;
}

interface Cell {
  /** As shown. */
  readonly s: string;
  /** Columns. */
  readonly w: number;
  /** UTF-16 code units in the text. */
  readonly n: number;
}

const COMBINING = /^[\p{Mn}\p{Me}]$/u;
const FORMAT = /^\p{Cf}$/u;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** How a code point is shown in an excerpt, and its width in terminal columns. */
export function cell(ch: string): Cell {
  const cp = ch.codePointAt(0)!;
  const n = ch.length;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return { s: ' ', w: 1, n };
  if (cp < 0x7f) return { s: ch, w: 1, n };
  if (FORMAT.test(ch)) return { s: '', w: 0, n };
  if (COMBINING.test(ch)) return { s: ch, w: 0, n };
  return { s: ch, w: isWide(cp) ? 2 : 1, n };
}

const isBreak = (c: number) => c === 10 || c === 13;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isSpace = (s: string) => s === ' ';
/** Longest piece of a cut word that is dropped to end the window at a word boundary. */
const WORD = 15;

/** Code points forward from `from`, stopping at a line break, `to` or `maxWidth` columns. */
function forward(text: string, from: number, to: number, maxWidth: number): { cells: Cell[]; width: number; next: number } {
  const cells: Cell[] = [];
  let width = 0;
  let i = from;
  while (i < to && !isBreak(text.charCodeAt(i))) {
    const n = isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    const c = cell(text.slice(i, i + n));
    if (width + c.w > maxWidth) break;
    cells.push(c);
    width += c.w;
    i += n;
  }
  return { cells, width, next: i };
}

/** Code points backward from `from` (exclusive) down to `lineStart`, at most `maxWidth` columns, in text order. */
function backward(text: string, lineStart: number, from: number, maxWidth: number): { cells: Cell[]; width: number; first: number } {
  const cells: Cell[] = [];
  let width = 0;
  let i = from;
  while (i > lineStart) {
    const n = isLow(text.charCodeAt(i - 1)) && i - 2 >= lineStart && isHigh(text.charCodeAt(i - 2)) ? 2 : 1;
    const c = cell(text.slice(i - n, i));
    if (width + c.w > maxWidth) break;
    cells.push(c);
    width += c.w;
    i -= n;
  }
  return { cells: cells.reverse(), width, first: i };
}

const widthOf = (cells: readonly Cell[]) => cells.reduce((a, c) => a + c.w, 0);
const join = (cells: readonly Cell[]) => cells.map((c) => c.s).join('');

/**
 * The excerpt of the finding [start, end) on the line that starts at `lineStart`, at most about
 * `width` columns wide (plus an ellipsis at each end). A finding that runs onto the next
 * lines is underlined to the end of its first line.
 */
export function excerpt(text: string, lineStart: number, start: number, end: number, width = 100): Excerpt {
  width = Math.max(20, width);
  start = Math.max(lineStart, Math.min(start, text.length));
  // the flagged words, at most width - 20 columns so that some context stays visible
  const inside = forward(text, start, Math.max(start, end), width - 20);
  const cut = inside.next < end && inside.next < text.length && !isBreak(text.charCodeAt(inside.next));
  const room = width - inside.width;
  // context: up to `room` columns each way, then shared out (what one side cannot use goes to the other)
  const left = backward(text, lineStart, start, room);
  const right = cut ? { cells: [], width: 0, next: inside.next } : forward(text, inside.next, text.length, room);
  let takeRight = Math.min(right.width, room - Math.min(left.width, Math.ceil(room / 2)));
  const takeLeft = Math.min(left.width, room - takeRight);
  takeRight = Math.min(right.width, room - takeLeft);

  let k = 0;
  for (let w = left.width; w > takeLeft; k++) w -= left.cells[k].w;
  const dropped = left.cells.slice(0, k);
  let before = left.cells.slice(k);
  let n = right.cells.length;
  for (let w = right.width; w > takeRight; n--) w -= right.cells[n - 1].w;
  let after = right.cells.slice(0, n);
  // a window edge inside a word: show the whole words next to it, not a piece (unless the word is long)
  const cellAt = (k: number) => (k < text.length && !isBreak(text.charCodeAt(k)) ? cell(text.slice(k, isHigh(text.charCodeAt(k)) ? k + 2 : k + 1)) : undefined);
  const prevOut = dropped.length ? dropped[dropped.length - 1] : left.first > lineStart ? cellAt(left.first - 1) : undefined;
  if (prevOut && !isSpace(prevOut.s) && before.length && !isSpace(before[0].s)) {
    const k = before.findIndex((c) => isSpace(c.s));
    if (k >= 0 && k <= WORD) dropped.push(...before.slice(0, k + 1)), (before = before.slice(k + 1));
  }
  const nextOut = after.length < right.cells.length ? right.cells[after.length] : cellAt(right.next);
  if (nextOut && !isSpace(nextOut.s) && after.length && !isSpace(after[after.length - 1].s)) {
    let k = after.length - 1;
    while (k >= 0 && !isSpace(after[k].s)) k--;
    if (k >= 0 && after.length - 1 - k <= WORD) after = after.slice(0, k);
  }
  // text left out before the window (white space at the start of the line does not count)
  const moreBefore = left.first > lineStart || dropped.some((c) => !isSpace(c.s) && c.w > 0);
  if (!moreBefore) while (before.length && isSpace(before[0].s)) before = before.slice(1);
  let moreAfter = cut;
  if (!cut) {
    // text left out after the window (white space at the end of the line does not count)
    const shownEnd = inside.next + after.reduce((a, c) => a + c.n, 0);
    const rest = forward(text, shownEnd, text.length, 40);
    moreAfter = rest.cells.some((c) => !isSpace(c.s) && c.w > 0) || (rest.next < text.length && !isBreak(text.charCodeAt(rest.next)));
  }
  if (!moreAfter) while (after.length && isSpace(after[after.length - 1].s)) after = after.slice(0, -1);
  const prefix = moreBefore ? '…' : '';
  const line = `${prefix}${join(before)}${join(inside.cells)}${join(after)}${moreAfter ? '…' : ''}`;
  const caret = `${' '.repeat(prefix.length + widthOf(before))}${'^'.repeat(Math.max(1, inside.width))}`;
  return { line: line.trimEnd(), caret };
}
