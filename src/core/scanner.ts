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
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
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
