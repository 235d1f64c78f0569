/**
 * Where the incremental session's windows may start and end (src/core/session.ts): the stretch an
 * edit replaced, the offsets no name runs across, the end of Markdown front matter.
 */
import { frameWindowEnd } from '../frames/index';
import { FRONT_MATTER_OPENER, type Prose, type ProseKind, extractProsePart } from '../prose/index';
import { hasSorted, upperBound } from '../search';
import type { TermDb } from '../termdb';
import { sameBlockDirectives, spliceProse } from './merge';

/** The window an edit makes the session re-check: [from, to) of the new text, [from, oldTo) of the old one. */
export interface Window {
  readonly from: number;
  readonly to: number;
  /** old.length + 1 when the window runs to the end (nothing of the old text after it survives). */
  readonly oldTo: number;
  /** Length change. */
  readonly delta: number;
  /** The new text's prose: the old one's before and after the window, re-extracted inside it. */
  readonly prose: Prose;
}

/** What the session kept of the previous text. */
export interface Previous {
  readonly text: string;
  readonly prose: Prose;
  /** Markdown front matter: where its closing line ends (edits before it need a full lint); -1 none; -2 opened, never closed. */
  readonly frontMatterEnd: number;
}

/**
 * The window to re-check after the previous text became `text`, with the new prose; a string says
 * why a full lint is needed instead.
 *
 * 1. the window starts at the last old sync point at or before the change that no name runs
 *    across (a plain-text sync point is the \n that ended a blank line: that character must be
 *    unchanged too);
 * 2. prose is re-extracted from there until the extractor is back in step with the old extraction
 *    (a sync point after the change where the old extraction was in the same state);
 * 3. with the fact frames on, it reaches to the end of the next paragraph (they read a sentence
 *    with its paragraph and section), and to the next heading when a heading changed.
 */
export function windowOf(prev: Previous, text: string, kind: ProseKind, db: TermDb, frames: boolean): Window | string {
  const old = prev.text;
  const syncs = prev.prose.syncPoints;
  if (!syncs || !syncs.length) return 'the extractor cannot resume (LaTeX)';
  const [a, oldEnd, newEnd] = changedRange(old, text);
  const delta = text.length - old.length;
  if (kind === 'markdown') {
    if (FRONT_MATTER_OPENER.test(old) !== FRONT_MATTER_OPENER.test(text)) return 'front matter opened or removed';
    if (prev.frontMatterEnd === -2) return 'front matter opened but not closed';
    if (a < prev.frontMatterEnd) return 'change in the front matter';
  }

  let si = upperBound(syncs, kind === 'plaintext' ? a - 1 : a) - 1;
  while (si >= 0 && !safeBoundary(db, old, syncs[si])) si--;
  if (si < 0) return 'change before the first sync point';
  const from = syncs[si];

  const part = extractProsePart(text, kind, {
    from,
    until: newEnd,
    resync: (p) => {
      const q = p - delta;
      return q >= oldEnd && hasSorted(syncs, q) && safeBoundary(db, text, p) && safeBoundary(db, old, q);
    },
  });
  if (!part) return 'the extractor cannot resume';
  let to = part.end;
  let oldTo = to === text.length ? old.length + 1 : to - delta;
  const prose = spliceProse(prev.prose, part.prose, text, from, oldTo, delta);
  if (typeof prose === 'string') return prose;
  // disable … enable comments act beyond the window: they must be the same ones
  if (!sameBlockDirectives(prev.prose.directives, prose.directives, from, oldTo, to)) return 'disable/enable comments changed';

  if (frames) {
    const ext = frameWindowEnd(text, old, from, to, oldTo);
    if (ext > to) {
      to = ext;
      oldTo = to === text.length ? old.length + 1 : to - delta;
    }
  }
  return { from, to, oldTo, delta, prose };
}

/** End of the line that closes Markdown front matter; -1 when there is none, -2 when it is opened but never closed. */
export function frontMatterEnd(text: string): number {
  const fm = FRONT_MATTER_OPENER.exec(text);
  if (!fm) return -1;
  const closer = fm[0].startsWith('+') ? /^\+\+\+[ \t]*$/m : /^(?:---|\.\.\.)[ \t]*$/m;
  const c = closer.exec(text.slice(fm[0].length));
  if (!c) return -2;
  const end = fm[0].length + c.index + c[0].length;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * [start, oldEnd) of the old text was replaced by [start, newEnd) of the new
 * one: common prefix and suffix, compared in growing chunks (native string
 * comparison) and then character by character.
 */
export function changedRange(a: string, b: string): [number, number, number] {
  const max = Math.min(a.length, b.length);
  let p = 0;
  for (let step = 4096; step >= 1; ) {
    if (p + step <= max && a.slice(p, p + step) === b.slice(p, p + step)) {
      p += step;
      if (step < 1 << 20) step *= 2;
    } else step >>= 1;
  }
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const maxS = max - p;
  let s = 0;
  for (let step = 4096; step >= 1; ) {
    if (s + step <= maxS && a.slice(a.length - s - step, a.length - s) === b.slice(b.length - s - step, b.length - s)) {
      s += step;
      if (step < 1 << 20) step *= 2;
    } else step >>= 1;
  }
  while (s < maxS && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return [p, a.length - s, b.length - s];
}

const SEPARATOR = /[-\u2010\u2011\u2012\u2013\s]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const preSeparator = new WeakMap<TermDb, Set<string>>();

/** Characters other than letters and digits that stand right before a separator inside some surface form. */
function charsBeforeSeparators(db: TermDb): Set<string> {
  let set = preSeparator.get(db);
  if (!set) {
    set = new Set<string>();
    const names = [...db.forms.values()].map((f) => f.name).concat(db.triggerWords);
    for (const name of names) {
      for (let i = 1; i < name.length; i++) {
        if (!SEPARATOR.test(name[i])) continue;
        const c = name[i - 1];
        if (!LETTER_OR_DIGIT.test(c) && !SEPARATOR.test(c)) {
          set.add(c.toLowerCase()).add(c.toUpperCase());
          if (c === "'" || c === '\u2019') set.add("'").add('\u2019');
        }
      }
    }
    preSeparator.set(db, set);
  }
  return set;
}

/**
 * No scanner match can run across offset `p`: a match that starts before `p`
 * and ends after it contains the last character before `p` that is not a
 * separator (white space or a hyphen), and then continues after a separator;
 * a full stop, a colon, a closing bracket… never stands there in any surface
 * form. (Multi-word names do run across line breaks: "Thalidomide\nCelgene".)
 */
export function safeBoundary(db: TermDb, text: string, p: number): boolean {
  let k = p - 1;
  while (k >= 0 && SEPARATOR.test(text[k])) k--;
  if (k < 0) return true;
  const c = text[k];
  if (LETTER_OR_DIGIT.test(c)) return false;
  return !charsBeforeSeparators(db).has(c);
}
