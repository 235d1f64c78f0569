/**
 * Sentence splitting over prose: sentences span hard line wraps and markup,
 * stop at hard breaks (blank lines, headings, list items, table cells), and
 * survive abbreviations common in medical writing (e.g., i.e., et al., Fig.,
 * vs., approx., No., initials such as "S.T.E.P.S.") and decimals (2.5 mg).
 */
import { type Prose, firstPairEndingAfter } from './prose/types';
import { firstIndex, upperBound } from './search';

export interface Sentence {
  readonly start: number;
  readonly end: number;
}

const NEVER_SPLIT = new Set([
  'e.g', 'i.e', 'al', 'vs', 'cf', 'approx', 'ca', 'incl', 'resp', 'fig', 'figs', 'ref', 'refs', 'eq', 'eqs', 'no', 'nos',
  'vol', 'vols', 'pp', 'p', 'suppl', 'dr', 'prof', 'mr', 'mrs', 'ms', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb',
  'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'dept', 'univ', 'viz', 'sec', 'ch', 'chap', 'tab',
  'ed', 'eds', 'repr', 'ser', 'nr', 'vs', 'v', 'u.s', 'u.k', 'e.u', 'n.b', 'a.k.a', 'et', 'ibid', 'op', 'cit', 'min', 'max',
  'mol', 'wt', 'conc', 'temp', 'aq', 'sol', 'soln', 'approx', 'esp', 'govt', 'intl', 'natl', 'pharm', 'med', 'clin', 'biol',
  'chem', 'j', 'proc', 'rev', 'res', 'sci', 'lett', 'oncol', 'hematol', 'haematol', 'immunol',
]);

const TERMINATOR = /[.!?\u2026]+/g;
/** Longest entry of NEVER_SPLIT: longer words are never looked up. */
const NEVER_SPLIT_MAX = Math.max(...[...NEVER_SPLIT].map((w) => w.length));

/** Closing quotes, brackets and emphasis that stay with the sentence before them: " ' ” ’ ) ] * _ */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93 || c === 42 || c === 95;
}

function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/** The block (between hard breaks) containing `offset`. */
export function blockAround(prose: Prose, offset: number): { start: number; end: number } {
  const br = prose.breaks;
  const lo = upperBound(br, offset);
  const start = lo > 0 ? br[lo - 1] : 0;
  const end = lo < br.length ? br[lo] : prose.text.length;
  return { start, end };
}

/**
 * Terminator runs of one text, found in increasing order. A search that ran
 * past one block's end is remembered and reused for the next blocks, so a
 * long run of blocks without punctuation (table rows, headings) is scanned
 * once, not once per block.
 */
export class Terminators {
  private from = -1;
  private at = -1;
  private len = 0;

  constructor(readonly text: string) {}

  /** The first run of . ! ? … starting at or after `pos`: its offset (or -1), then {@link length}. */
  next(pos: number): number {
    if (!(this.from >= 0 && this.from <= pos && (this.at < 0 || this.at >= pos))) {
      TERMINATOR.lastIndex = pos;
      const m = TERMINATOR.exec(this.text);
      this.from = pos;
      this.at = m ? m.index : -1;
      this.len = m ? m[0].length : 0;
    }
    return this.at;
  }

  /** Length of the run {@link next} returned. */
  get length(): number {
    return this.len;
  }
}

/** Skips white space and excluded stretches from k (forward), up to end; `ex` is the first pair ending after k. */
function skipBlank(text: string, excluded: Int32Array, k: number, end: number, ex: number): number {
  const n = excluded.length / 2;
  while (ex < n && excluded[2 * ex + 1] <= k) ex++;
  while (k < end) {
    if (ex < n && excluded[2 * ex] <= k) {
      k = excluded[2 * ex + 1];
      ex++;
      continue;
    }
    if (isSpaceCode(text.charCodeAt(k))) {
      k++;
      continue;
    }
    break;
  }
  return k;
}

/**
 * Splits [start, end) into sentences. Linear in the length of the range: the
 * excluded stretches are walked with forward cursors, never searched again.
 */
export function splitSentences(prose: Prose, start: number, end: number, terminators = new Terminators(prose.text)): Sentence[] {
  const { text, excluded } = prose;
  const nEx = excluded.length / 2;
  const out: Sentence[] = [];
  let exAt = firstPairEndingAfter(excluded, start); // first pair ending after `at` (at only grows)
  let s = skipBlank(text, excluded, start, end, exAt);
  let pos = s;
  while (s < end) {
    const at = terminators.next(pos);
    if (at < 0 || at >= end) break;
    const len = terminators.length;
    pos = at + len;
    let j = at + len;
    while (exAt < nEx && excluded[2 * exAt + 1] <= at) exAt++;
    if (exAt < nEx && excluded[2 * exAt] <= at) continue; // inside an excluded stretch
    // closing quotes/brackets/emphasis, then citations or footnote markers glued to the sentence
    let exJ = exAt;
    while (j < end && isCloser(text.charCodeAt(j))) j++;
    for (;;) {
      if (j >= end) break;
      while (exJ < nEx && excluded[2 * exJ + 1] <= j) exJ++;
      if (!(exJ < nEx && excluded[2 * exJ] <= j) || isSpaceCode(text.charCodeAt(j))) break;
      j = excluded[2 * exJ + 1];
      while (j < end && isCloser(text.charCodeAt(j))) j++;
    }
    if (j < end && !isSpaceCode(text.charCodeAt(j))) continue; // 2.5 mg, e.g.x, URLs
    const next = skipBlank(text, excluded, j, end, exJ);
    if (next < end && isLower(text.charCodeAt(next))) continue;
    if (len === 1 && text.charCodeAt(at) === 46 && isAbbreviation(text, at, s)) continue;
    out.push({ start: s, end: j });
    s = next;
    pos = s;
  }
  if (s < end) {
    let e = end;
    let ex = firstPairEndingAfter(excluded, e - 1);
    while (e > s) {
      const c = e - 1;
      if (isSpaceCode(text.charCodeAt(c))) {
        e--;
        continue;
      }
      while (ex > 0 && excluded[2 * ex - 1] > c) ex--; // first pair ending after c, walking back
      if (ex < nEx && excluded[2 * ex] <= c && excluded[2 * ex + 1] > c) {
        e--;
        continue;
      }
      break;
    }
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

function isAbbreviation(text: string, dot: number, sentenceStart: number): boolean {
  let k = dot;
  while (k > sentenceStart) {
    const c = text.charCodeAt(k - 1);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46) k--;
    else break;
  }
  if (k === dot) return false;
  const word = text.slice(k, dot);
  if (word.length <= NEVER_SPLIT_MAX && NEVER_SPLIT.has(word.toLowerCase())) return true;
  // initials and dotted acronyms: "J.", "S.T.E.P.S."
  if (/^(?:[A-Z]\.)*[A-Z]$/.test(word)) return true;
  return false;
}

/** Caches the sentences of each block of one prose (per document version). */
export class SentenceIndex {
  private readonly blocks = new Map<number, Sentence[]>();
  private readonly terminators: Terminators;

  constructor(readonly prose: Prose) {
    this.terminators = new Terminators(prose.text);
  }

  /** The sentence containing `offset` (or the block when it holds none). */
  around(offset: number): Sentence {
    const block = blockAround(this.prose, offset);
    const list = this.inBlock(block);
    // sentences do not overlap: the first one ending after the offset holds it, if any does
    const x = list[firstIndex(list.length, (i) => list[i].end > offset)];
    return x && x.start <= offset ? x : block;
  }

  /** The sentences of a block (as {@link blockAround} gives it), split once. */
  inBlock(block: { start: number; end: number }): readonly Sentence[] {
    let list = this.blocks.get(block.start);
    if (!list) {
      list = splitSentences(this.prose, block.start, block.end, this.terminators);
      this.blocks.set(block.start, list);
    }
    return list;
  }
}
