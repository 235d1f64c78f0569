/**
 * One pass over a document for every surface form in the term database.
 * Matches inside excluded stretches (code, URLs, citation keys, LaTeX
 * commands...) and inside longer words are dropped.
 */
import { type Prose, firstPairEndingAfter } from './prose/types';
import { type SurfaceForm, type TermDb, formKey, isWordCode } from './termdb';

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
    const key = formKey(m[0]);
    const form = db.lookup(m[0]);
    if (!form && !db.isTrigger(key)) continue;
    out.push({ start: s, end: e, text: m[0], form, key });
  }
  return out;
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
