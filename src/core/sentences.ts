/**
 * Sentence splitting over prose: sentences span hard line wraps and markup,
 * stop at hard breaks (blank lines, headings, list items, table cells), and
 * survive abbreviations common in medical writing (e.g., i.e., et al., Fig.,
 * vs., approx., No., initials such as "S.T.E.P.S.") and decimals (2.5 mg).
 */
import { type Prose, firstPairEndingAfter, insideAny } from './prose/types';

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
const CLOSERS = '"\'\u201d\u2019)]*_';

function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}

/** The block (between hard breaks) containing `offset`. */
export function blockAround(prose: Prose, offset: number): { start: number; end: number } {
  const br = prose.breaks;
  let lo = 0;
  let hi = br.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (br[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  const start = lo > 0 ? br[lo - 1] : 0;
  const end = lo < br.length ? br[lo] : prose.text.length;
  return { start, end };
}

/** Skips white space and excluded stretches from k (forward), up to end. */
function skipBlank(prose: Prose, k: number, end: number): number {
  const { text, excluded } = prose;
  let ex = firstPairEndingAfter(excluded, k);
  const n = excluded.length / 2;
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

/** Splits [start, end) into sentences. Linear in the length of the range. */
export function splitSentences(prose: Prose, start: number, end: number): Sentence[] {
  const { text, excluded } = prose;
  const out: Sentence[] = [];
  let s = skipBlank(prose, start, end);
  const re = TERMINATOR;
  re.lastIndex = s;
  let m: RegExpExecArray | null;
  while (s < end && (m = re.exec(text)) !== null) {
    const at = m.index;
    if (at >= end) break;
    let j = at + m[0].length;
    if (insideAny(excluded, at)) continue;
    // closing quotes/brackets/emphasis, then citations or footnote markers glued to the sentence
    while (j < end && CLOSERS.includes(text[j])) j++;
    while (j < end && insideAny(excluded, j) && !isSpaceCode(text.charCodeAt(j))) {
      const ex = firstPairEndingAfter(excluded, j);
      j = excluded[2 * ex + 1];
      while (j < end && CLOSERS.includes(text[j])) j++;
    }
    if (j < end && !isSpaceCode(text.charCodeAt(j))) continue; // 2.5 mg, e.g.x, URLs
    const next = skipBlank(prose, j, end);
    if (next < end && isLower(text.charCodeAt(next))) continue;
    if (m[0] === '.' && isAbbreviation(text, at, s)) continue;
    out.push({ start: s, end: j });
    s = next;
    re.lastIndex = s;
  }
  if (s < end) {
    let e = end;
    while (e > s && (isSpaceCode(text.charCodeAt(e - 1)) || insideAny(excluded, e - 1))) e--;
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
  const word = text.slice(k, dot);
  if (!word) return false;
  if (NEVER_SPLIT.has(word.toLowerCase())) return true;
  // initials and dotted acronyms: "J.", "S.T.E.P.S."
  if (/^(?:[A-Z]\.)*[A-Z]$/.test(word)) return true;
  return false;
}

/** Caches the sentences of each block of one prose (per document version). */
export class SentenceIndex {
  private readonly blocks = new Map<number, Sentence[]>();

  constructor(readonly prose: Prose) {}

  /** The sentence containing `offset` (or the block when it holds none). */
  around(offset: number): Sentence {
    const block = blockAround(this.prose, offset);
    let list = this.blocks.get(block.start);
    if (!list) {
      list = splitSentences(this.prose, block.start, block.end);
      this.blocks.set(block.start, list);
    }
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = list[mid];
      if (offset < x.start) hi = mid - 1;
      else if (offset >= x.end) lo = mid + 1;
      else return x;
    }
    return block;
  }
}
