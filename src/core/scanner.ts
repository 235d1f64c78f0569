/**
 * One pass over a document for every surface form in the term database.
 * Matches inside excluded stretches (code, URLs, citation keys, LaTeX
 * commands...) and inside longer words are dropped.
 */
import { type Prose, firstPairEndingAfter } from './prose/types';
import { type ResolvedMatch, type SurfaceForm, type TermDb, isWordCode } from './termdb';

export interface Mention {
  readonly start: number;
  readonly end: number;
  /** The matched text. */
  readonly text: string;
  /** Undefined for claim trigger words that are not terms. */
  readonly form: SurfaceForm | undefined;
  readonly key: string;
}

/** All mentions in [start, end) of the prose (default: the whole text), in order. */
export function scan(db: TermDb, prose: Prose, start = 0, end = prose.text.length): Mention[] {
  const { text, excluded } = prose;
  const re = db.scanner;
  const out: Mention[] = [];
  let ex = firstPairEndingAfter(excluded, start);
  const exN = excluded.length / 2;
  // a range that ends before the text does: the regex reads up to the first character after `end`
  // that no surface form can hold (see barrierOf), not on to the next name, pages further on
  let subject = text;
  if (end < text.length) {
    const barrier = barrierOf(re);
    if (barrier) {
      barrier.lastIndex = end;
      const b = barrier.exec(text);
      if (b) subject = text.slice(0, b.index + 1);
    }
  }
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(subject)) !== null) {
    const s = m.index;
    if (s >= end) break;
    const e = s + m[0].length;
    if (e === s) {
      re.lastIndex++;
      continue;
    }
    // part of a longer word?
    if (s > 0 && isWordCode(text.charCodeAt(s - 1))) {
      re.lastIndex = s + 1;
      continue;
    }
    // inside or across an excluded stretch?
    while (ex < exN && excluded[2 * ex + 1] <= s) ex++;
    if (ex < exN && excluded[2 * ex] < e) {
      re.lastIndex = Math.max(s + 1, Math.min(excluded[2 * ex + 1], e));
      continue;
    }
    const r = db.resolve(m[0]);
    if (!r.reported) continue;
    if (r.form && (partOfLongerCode(m[0], text, e) || allCapsOf(r, m[0]))) {
      re.lastIndex = s + 1;
      continue;
    }
    out.push({ start: s, end: e, text: m[0], form: r.form, key: r.key });
  }
  return out;
}

const barriers = new WeakMap<RegExp, RegExp | null>();
/** ASCII punctuation that may stop a match, if the scanner regex cannot match it. */
const BARRIER_CANDIDATES = ',;:!?"<>=+*/&~`@#%$^|{}[]()\\\'';

/**
 * Characters no match of the scanner regex can read past: characters that appear nowhere in its
 * source (no literal, no class, no range holds them; white space is never one). A match that
 * starts before a barrier ends at it at the latest, and what the regex does there depends only on
 * the text up to and including it, so a scan of [start, end) may run the regex over the text up to
 * the first barrier after `end` with the same results. Null when the source has constructs that
 * could match anything (., negated classes, \w, \S ...).
 */
export function barrierOf(re: RegExp): RegExp | null {
  let b = barriers.get(re);
  if (b === undefined) {
    b = barrierRegex(re.source);
    barriers.set(re, b);
  }
  return b;
}

function barrierRegex(src: string): RegExp | null {
  const used = new Set<number>();
  let i = 0;
  // one character of the source (an escape or a literal): its code, -1 for \s, undefined for anything else
  const atom = (): number | undefined => {
    const c = src[i];
    if (c !== '\\') {
      i++;
      return c.charCodeAt(0);
    }
    const e = src[i + 1] ?? '';
    if (e === 'u') {
      const h = src.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(h)) return undefined;
      i += 6;
      return parseInt(h, 16);
    }
    i += 2;
    if (e === 's') return -1;
    if (/[A-Za-z0-9]/.test(e)) return undefined;
    return e.charCodeAt(0);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '.') return null;
    if (c !== '[') {
      const a = atom();
      if (a === undefined) return null;
      if (a >= 0) used.add(a);
      continue;
    }
    i++;
    if (src[i] === '^') return null;
    while (i < src.length && src[i] !== ']') {
      const lo = atom();
      if (lo === undefined) return null;
      if (src[i] === '-' && src[i + 1] !== ']' && lo >= 0) {
        i++;
        const hi = atom();
        if (hi === undefined || hi < 0) return null;
        for (let k = lo; k <= hi; k++) used.add(k);
      } else if (lo >= 0) used.add(lo);
    }
    i++;
  }
  // case-insensitive matching: a character matches its other case too
  for (const k of [...used]) {
    const ch = String.fromCharCode(k);
    for (const v of [ch.toLowerCase(), ch.toUpperCase()]) if (v.length === 1) used.add(v.charCodeAt(0));
  }
  const free = [...BARRIER_CANDIDATES].filter((ch) => !used.has(ch.charCodeAt(0)));
  return free.length ? new RegExp(`[${free.map((ch) => `\\${ch}`).join('')}]`, 'g') : null;
}

const CODE_SHAPE = /^[A-Za-z]{1,5}[-\u2010\u2011 ]?\d{2,}$/;
const HYPHEN = /[-\u2010\u2011]/;

/**
 * A name that continues into a longer identifier: "BMS" in BMS-986158, "CC-90009" in the study
 * code CC-90009-AML-001. An ordinary hyphenated word after it ("lenalidomide-based",
 * "CC-220-treated", "GSPT1-selective") keeps the match.
 */
function partOfLongerCode(match: string, text: string, end: number): boolean {
  if (!HYPHEN.test(text.charAt(end))) return false;
  const next = text.charAt(end + 1);
  if (next >= '0' && next <= '9') return /[A-Za-z]$/.test(match) || CODE_SHAPE.test(match);
  if (!CODE_SHAPE.test(match)) return false;
  // an upper-case segment followed by another hyphen or a digit: -AML-001, -NHL-001, -MM2
  return /^[A-Z]{2,}(?:[-\u2010\u2011\d]|$)/.test(text.slice(end + 1, end + 16));
}

const allCaps = new WeakMap<ResolvedMatch, boolean>();

/** {@link ambiguousAllCaps} of a resolved match (depends on the matched text only, so remembered). */
function allCapsOf(r: ResolvedMatch, match: string): boolean {
  let v = allCaps.get(r);
  if (v === undefined) {
    v = ambiguousAllCaps(match, r.form!);
    allCaps.set(r, v);
  }
  return v;
}

/**
 * Mixed-case class acronyms written in capitals mean something else: "IMIDs" are immune-mediated
 * inflammatory diseases (where apremilast is used), not "IMiDs". An all-caps match of a short
 * mixed-case form (IMiD, CELMoD) is therefore not reported.
 */
function ambiguousAllCaps(match: string, form: SurfaceForm): boolean {
  const letters = match.replace(/[^A-Za-z]/g, '').replace(/([A-Z])s$/, '$1'); // "IMIDs" is all caps too
  if (letters.length < 2 || letters.length > 8 || letters !== letters.toUpperCase()) return false;
  const name = form.name.replace(/[^A-Za-z]/g, '').replace(/s$/, '');
  return /[A-Z]/.test(name.slice(1)) && /[a-z]/.test(name);
}

/** The mention covering `offset`, scanning only the line around it. */
export function mentionAt(db: TermDb, prose: Prose, offset: number): Mention | undefined {
  const text = prose.text;
  let ls = text.lastIndexOf('\n', offset - 1) + 1;
  let le = text.indexOf('\n', offset);
  if (le < 0) le = text.length;
  // multi-word names may wrap: widen to the neighbouring lines, bounded
  ls = Math.max(0, text.lastIndexOf('\n', Math.max(0, ls - 2)) + 1, offset - 400);
  const next = text.indexOf('\n', le + 1);
  le = Math.min(next < 0 ? text.length : next, offset + 400);
  for (const m of scan(db, prose, ls, le)) {
    if (m.form && m.start <= offset && offset <= m.end) return m;
    if (m.start > offset) break;
  }
  return undefined;
}
