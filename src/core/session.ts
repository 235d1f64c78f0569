/**
 * Incremental re-lint of one open document (issue 7). Pure: no 'vscode', no 'node:*'.
 *
 * A session keeps the previous text, its prose, its mentions and its findings.
 * Given the new text it finds the changed stretch (common prefix and suffix),
 * then:
 *
 * 1. re-extracts prose from the last *sync point* before the change (a line
 *    start where the extractor was in its initial state) until it reaches a
 *    sync point after the change where the previous extraction was in the same
 *    state: from there on everything is the previous result, shifted. Edits
 *    with long-range effects (a code fence, a comment or math opened and not
 *    closed, a list that changes how later indented lines read) simply make
 *    that window longer, up to the end of the document;
 * 2. re-checks only that window: mentions, misspellings, claims (sentence by
 *    sentence), citation keys and disable comments inside it;
 * 3. keeps the findings before the window as they are (same objects) and shifts
 *    those after it (offsets by the length change, lines by the line change).
 *
 * The result equals a full lint() of the new text (the tests check this on
 * random edits). It falls back to a full lint when that cannot be guaranteed
 * cheaply: the first lint, a different engine or citation checker, LaTeX
 * (its extractor cannot resume), an edit before the first sync point (front
 * matter), a change to the disable … enable comments in the window, a window
 * boundary a multi-word name could run across, or a previous rule-time-budget
 * report. Stale results are never returned: every call answers for the text
 * it was given.
 */
import type { DocumentLike, Range } from './document';
import type { Engine } from './engine';
import { type Finding, type PublicEdit, type PublicFix, type RawFinding, compareRaw, toPublic } from './findings';
import { frameWindowEnd } from './frames/index';
import { lowerBound } from './search';
import { type CitationChecker, type LintResult, type Suppressed, checkDirectives, citationFindings, directiveMatcher, lintProse, lintRaw } from './lint';
import {
  type CitationRef,
  type Directive,
  FRONT_MATTER_OPENER,
  type Prose,
  type ProseKind,
  extractProsePart,
  firstPairEndingAfter,
  proseKindOf,
} from './prose/index';
import type { Mention } from './scanner';
import type { TermDb } from './termdb';

export interface SessionOptions {
  readonly engine: Engine;
  readonly languageId: string;
  readonly citations?: CitationChecker;
  /** As in lint(): a result cut short is always recomputed in full (with the limit), never patched. */
  readonly maxFindings?: number;
}

/** How the last update was done (for the benchmark, the log and the tests). */
export interface UpdateInfo {
  readonly mode: 'full' | 'incremental' | 'unchanged';
  /** Why a full lint was needed. */
  readonly reason?: string;
  /** The re-checked window in the new text [start, end). */
  readonly window?: readonly [number, number];
}

interface Item {
  /** Offsets as the finding was computed; add `shift` for where it is now (shifting never copies it). */
  readonly raw: RawFinding;
  readonly shift: number;
  readonly finding: Finding;
  readonly by: Directive | undefined;
}

interface State {
  readonly text: string;
  readonly kind: ProseKind;
  readonly engine: Engine;
  readonly citations: CitationChecker | undefined;
  readonly maxFindings: number | undefined;
  readonly prose: Prose;
  readonly mentions: Mentions;
  readonly items: readonly Item[];
  readonly result: LintResult;
  /** Markdown front matter: where its closing line ends (edits before it need a full lint); -1 none; -2 opened, never closed. */
  readonly frontMatterEnd: number;
}

/** A rule that ran out of its time budget was skipped for the rest of the document: results after it are not local. */
const BUDGET_RULE = 'rule-time-budget';

export class LintSession {
  private state: State | undefined;
  private info: UpdateInfo = { mode: 'full', reason: 'first lint' };

  /** How the last {@link update} was done. */
  get lastUpdate(): UpdateInfo {
    return this.info;
  }

  /** Forgets the previous text: the next update is a full lint. */
  reset(): void {
    this.state = undefined;
  }

  /**
   * The same result as {@link update}, computed in steps an editor can yield between: a document
   * larger than `chunk` characters that this session has not seen (or has seen only the start of)
   * is fed to it a chunk at a time, each chunk ending at a line end, as if it were being typed in;
   * each step is then an incremental update over about `chunk` characters. Steps stop early, and
   * the rest is done in one update, when the extractor cannot resume (LaTeX), a step had to lint in
   * full, or a finding limit cut the result short. Not stepped: a document the session already
   * holds with a different text (an edit: update() is incremental anyway).
   */
  *updateInSteps(doc: DocumentLike, opts: SessionOptions, chunk = 256 * 1024): Generator<void, LintResult, void> {
    const text = doc.getText();
    const kind = proseKindOf(opts.languageId);
    const prev = this.state;
    let n = 0;
    if (prev) {
      if (mustRelint(prev, opts, kind) || text.length <= prev.text.length || !text.startsWith(prev.text)) return this.update(doc, opts);
      n = prev.text.length;
    }
    if (kind && kind !== 'latex') {
      let steps = 0;
      while (text.length - n > chunk) {
        // someone else updated the session between steps (a hover on the document, say): finish
        if ((this.state?.text.length ?? 0) !== n) break;
        const nl = text.indexOf('\n', n + chunk);
        if (nl < 0 || nl + 1 >= text.length) break;
        const r = this.update(prefixOf(doc, text, nl + 1), opts);
        steps++;
        if (r.truncated || (steps > 1 && this.info.mode === 'full')) break;
        n = nl + 1;
        yield;
      }
    }
    return this.update(doc, opts);
  }

  /** The lint result of `doc`'s current text (same as lint()), reusing what the previous call computed. */
  update(doc: DocumentLike, opts: SessionOptions): LintResult {
    const text = doc.getText();
    const kind = proseKindOf(opts.languageId);
    const prev = this.state;
    if (!kind || !prev) return this.full(doc, text, opts, kind ? 'first lint' : 'language not read');
    const why = mustRelint(prev, opts, kind);
    if (why) return this.full(doc, text, opts, why);
    if (prev.text === text) {
      this.info = { mode: 'unchanged' };
      return prev.result;
    }
    const r = this.incremental(doc, text, kind, prev, opts);
    return typeof r === 'string' ? this.full(doc, text, opts, r) : r;
  }

  private full(doc: DocumentLike, text: string, opts: SessionOptions, reason: string): LintResult {
    this.info = { mode: 'full', reason };
    const lintOpts = { engine: opts.engine, languageId: opts.languageId, ...(opts.citations ? { citations: opts.citations } : {}), ...(opts.maxFindings !== undefined ? { maxFindings: opts.maxFindings } : {}) };
    const r = lintRaw(text, lintOpts);
    const kind = proseKindOf(opts.languageId);
    if (!r || !kind) {
      this.state = undefined;
      return { findings: [], suppressed: [], prose: undefined, mentions: [] };
    }
    const silencedBy = directiveMatcher(r.prose);
    const items = r.raw.map((raw) => ({ raw, shift: 0, finding: toPublic(doc, raw), by: silencedBy(raw) }));
    const mentions = Mentions.of(r.mentions);
    const result = resultOf(items, r.prose, mentions, r.truncated);
    this.state = { text, kind, engine: opts.engine, citations: opts.citations, maxFindings: opts.maxFindings, prose: r.prose, mentions, items, result, frontMatterEnd: kind === 'markdown' ? frontMatterEnd(text) : -1 };
    return result;
  }

  /** The incremental path; a string says why a full lint is needed instead. */
  private incremental(doc: DocumentLike, text: string, kind: ProseKind, prev: State, opts: SessionOptions): LintResult | string {
    const old = prev.text;
    const syncs = prev.prose.syncPoints;
    if (!syncs || !syncs.length) return 'the extractor cannot resume (LaTeX)';
    if (prev.items.some((it) => it.raw.ruleId === BUDGET_RULE)) return 'a rule ran out of its time budget';
    const [a, oldEnd, newEnd] = changedRange(old, text);
    const delta = text.length - old.length;
    if (kind === 'markdown') {
      if (FRONT_MATTER_OPENER.test(old) !== FRONT_MATTER_OPENER.test(text)) return 'front matter opened or removed';
      if (prev.frontMatterEnd === -2) return 'front matter opened but not closed';
      if (a < prev.frontMatterEnd) return 'change in the front matter';
    }
    const db = opts.engine.db;

    // 1. window start: the last old sync point at or before the change that no name runs across
    // (a plain-text sync point is the \n that ended a blank line: that character must be unchanged too)
    let si = upperBound(syncs, kind === 'plaintext' ? a - 1 : a) - 1;
    while (si >= 0 && !safeBoundary(db, old, syncs[si])) si--;
    if (si < 0) return 'change before the first sync point';
    const from = syncs[si];

    // 2. re-extract until back in step with the old extraction
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
    // a window that runs to the end replaces everything after `from` (old.length + 1: nothing of the old text survives)
    let oldTo = to === text.length ? old.length + 1 : to - delta;
    const prose = spliceProse(prev.prose, part.prose, text, from, oldTo, delta);
    if (typeof prose === 'string') return prose;
    // disable … enable comments act beyond the window: they must be the same ones
    if (!sameBlockDirectives(prev.prose.directives, prose.directives, from, oldTo, to)) return 'disable/enable comments changed';

    // the fact frames read a sentence with its paragraph and section: re-check to the end of the paragraph
    // (and to the next heading when a heading changed)
    if (opts.engine.frames) {
      const ext = frameWindowEnd(text, old, from, to, oldTo);
      if (ext > to) {
        to = ext;
        oldTo = to === text.length ? old.length + 1 : to - delta;
      }
    }

    // 3. re-check the window: terms and claims, citation keys, disable comments (the stages of lintRaw)
    const lintOpts = { engine: opts.engine, languageId: opts.languageId, ...(opts.citations ? { citations: opts.citations } : {}) };
    const { raw, mentions: windowMentions } = lintProse(prose, opts.engine, from, to);
    const c0 = firstAtOrAfter(prose.citations, from);
    const c1 = firstAtOrAfter(prose.citations, to);
    for (const r of citationFindings({ ...prose, citations: prose.citations.slice(c0, c1) }, lintOpts)) {
      if (r.start >= from && r.start < to) raw.push(r); // document-level findings (a missing bibliography) are kept from before
    }
    const d0 = firstAtOrAfter(prose.directives, from);
    const d1 = firstAtOrAfter(prose.directives, to);
    if (d1 > d0) raw.push(...checkDirectives({ ...prose, directives: prose.directives.slice(d0, d1) }, opts.engine));
    raw.sort(compareRaw);
    for (const r of raw) {
      if (r.ruleId === BUDGET_RULE) return 'a rule ran out of its time budget';
      if (r.start < from || r.end > to || !editsWithin(r, from, to)) return 'a finding of the window reaches outside it';
    }

    // 4. findings: before the window (same objects), the window (new), after it (shifted)
    const items = prev.items;
    const i0 = firstItemFrom(items, from);
    const i1 = firstItemFrom(items, oldTo);
    for (let k = 0; k < i0; k++) if (!editsWithin(items[k].raw, -items[k].shift, from - items[k].shift)) return 'a finding before the window reaches into it';
    const lineDelta = lineStarts(text, from, to) - lineStarts(old, from, oldTo);
    // offsets from here on sit on lines that start after the change (same columns, lines moved by lineDelta)
    const stable = text.charCodeAt(to - 1) === 10 && old.charCodeAt(oldTo - 1) === 10 ? to : to + 1;
    const silencedBy = directiveMatcher(prose);
    const next: Item[] = items.slice(0, i0);
    for (const r of raw) next.push({ raw: r, shift: 0, finding: toPublic(doc, r), by: silencedBy(r) });
    const directiveOf = movedDirectives(prev.prose.directives, prose.directives, from, oldTo, to, delta);
    for (let k = i1; k < items.length; k++) {
      const moved = shiftItem(items[k], directiveOf, oldTo, delta, lineDelta, stable);
      if (!moved) return 'a finding after the window reaches into it';
      next.push(moved);
    }

    // mentions: before, window, after (shifted lazily: nothing is copied until someone reads them)
    const mentions = prev.mentions.splice(from, oldTo, windowMentions, delta);
    if (!mentions) return 'a mention runs across the window';

    // an edit that takes the count past the limit: the full lint cuts it where lint() would
    if (opts.maxFindings !== undefined && next.length >= opts.maxFindings) return 'the findings reached the limit';
    const result = resultOf(next, prose, mentions);
    this.state = { ...prev, text, prose, mentions, items: next, result };
    this.info = { mode: 'incremental', window: [from, to] };
    return result;
  }
}

/** Why the previous state cannot be built on (a full lint is needed), whatever the new text. */
function mustRelint(prev: State, opts: SessionOptions, kind: ProseKind | undefined): string | undefined {
  if (prev.engine !== opts.engine || prev.citations !== opts.citations || prev.kind !== kind) return 'engine, citation checker or language changed';
  if (prev.result.truncated || prev.maxFindings !== opts.maxFindings) return 'the finding limit cut the previous result short, or changed';
  return undefined;
}

function resultOf(items: readonly Item[], prose: Prose, mentions: Mentions, truncated?: boolean): LintResult {
  const findings: Finding[] = [];
  const suppressed: Suppressed[] = [];
  for (const it of items) {
    if (it.by) suppressed.push({ finding: it.finding, directive: it.by });
    else findings.push(it.finding);
  }
  return {
    findings,
    suppressed,
    prose,
    get mentions(): Mention[] {
      return mentions.toArray();
    },
    ...(truncated ? { truncated } : {}),
  };
}

/** Stretches [lo, hi) of a sorted mention list whose offsets are `shift` off. */
interface Piece {
  readonly list: readonly Mention[];
  readonly lo: number;
  readonly hi: number;
  readonly shift: number;
}

/**
 * The document's mentions as pieces of earlier lists with an offset shift each: an edit splices
 * in the window's mentions and shifts the rest without copying them; the flat array is built
 * (once) only when someone asks for it.
 */
class Mentions {
  private flat: Mention[] | undefined;

  private constructor(private readonly pieces: readonly Piece[]) {}

  static of(list: readonly Mention[]): Mentions {
    return new Mentions(list.length ? [{ list, lo: 0, hi: list.length, shift: 0 }] : []);
  }

  /** Mentions before `from` kept, `window` (new offsets), those from `oldTo` on shifted; undefined if one crosses a boundary. */
  splice(from: number, oldTo: number, window: readonly Mention[], delta: number): Mentions | undefined {
    const out: Piece[] = [];
    let last: { end: number } | undefined; // the last mention kept before the window (effective offsets)
    let crossing = false;
    for (const p of this.pieces) {
      const a = p.lo;
      const cut1 = lowerStart(p, from); // first index whose start >= from
      const cut2 = lowerStart(p, oldTo);
      if (cut1 > a) {
        out.push({ list: p.list, lo: a, hi: cut1, shift: p.shift });
        const m = p.list[cut1 - 1];
        last = { end: m.end + p.shift };
      }
      if (cut2 > cut1) {
        const m = p.list[cut2 - 1]; // last mention inside the replaced stretch
        if (m.end + p.shift > oldTo) crossing = true;
      }
    }
    if (crossing || (last && last.end > from)) return undefined;
    if (window.length) out.push({ list: window, lo: 0, hi: window.length, shift: 0 });
    for (const p of this.pieces) {
      const cut2 = lowerStart(p, oldTo);
      if (p.hi > cut2) out.push({ list: p.list, lo: cut2, hi: p.hi, shift: p.shift + delta });
    }
    // many small pieces after a long editing session: flatten once in a while
    const next = new Mentions(out);
    return out.length > 48 ? Mentions.of(next.toArray()) : next;
  }

  toArray(): Mention[] {
    if (!this.flat) {
      const flat: Mention[] = [];
      for (const p of this.pieces) {
        for (let k = p.lo; k < p.hi; k++) {
          const m = p.list[k];
          flat.push(p.shift ? { ...m, start: m.start + p.shift, end: m.end + p.shift } : m);
        }
      }
      this.flat = flat;
    }
    return this.flat;
  }
}

/** First index in [p.lo, p.hi) whose effective start is >= v. */
function lowerStart(p: Piece, v: number): number {
  let lo = p.lo;
  let hi = p.hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.list[mid].start + p.shift < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** End of the line that closes Markdown front matter; -1 when there is none, -2 when it is opened but never closed. */
function frontMatterEnd(text: string): number {
  const fm = FRONT_MATTER_OPENER.exec(text);
  if (!fm) return -1;
  const closer = fm[0].startsWith('+') ? /^\+\+\+[ \t]*$/m : /^(?:---|\.\.\.)[ \t]*$/m;
  const c = closer.exec(text.slice(fm[0].length));
  if (!c) return -2;
  const end = fm[0].length + c.index + c[0].length;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl + 1;
}

// --- the changed stretch -----------------------------------------------------------------

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

// --- window boundaries --------------------------------------------------------------------

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

// --- prose splicing -------------------------------------------------------------------------

function spliceProse(old: Prose, part: Prose, text: string, from: number, oldTo: number, delta: number): Prose | string {
  const excluded = splicePairs(old.excluded, part.excluded, from, oldTo, delta);
  if (!excluded) return 'an excluded stretch crosses the window';
  const quotes = splicePairs(old.quotes, part.quotes, from, oldTo, delta);
  if (!quotes) return 'a quotation crosses the window';
  const breaks = spliceOffsets(old.breaks, part.breaks, from, oldTo, delta);
  const syncPoints = spliceOffsets(old.syncPoints ?? new Int32Array(0), part.syncPoints ?? new Int32Array(0), from, oldTo, delta);
  const directives = spliceObjects(old.directives, part.directives, from, oldTo, delta);
  const citations = spliceObjects<CitationRef>(old.citations, part.citations, from, oldTo, delta);
  const bibliographies = spliceObjects(old.bibliographies, part.bibliographies, from, oldTo, delta);
  if (!directives || !citations || !bibliographies) return 'a comment, citation or bibliography crosses the window';
  return { text, kind: old.kind, excluded, breaks, quotes, directives, citations, bibliographies, syncPoints };
}

/** Old pairs before `from`, the part's pairs, old pairs from `oldTo` on (shifted); touching pairs merged as mergePairs would. */
function splicePairs(old: Int32Array, part: Int32Array, from: number, oldTo: number, delta: number): Int32Array | undefined {
  const n = old.length / 2;
  const i0 = firstPairEndingAfter(old, from); // pairs [0, i0) end at or before `from`
  if (i0 < n && old[2 * i0] < from) return undefined;
  let i1 = firstPairEndingAfter(old, oldTo);
  if (i1 < n && old[2 * i1] < oldTo) return undefined; // crosses the window end
  const out = new Int32Array(2 * i0 + part.length + 2 * (n - i1));
  out.set(old.subarray(0, 2 * i0), 0);
  let w = 2 * i0;
  for (let k = 0; k < part.length; k += 2) w = pushPair(out, w, part[k], part[k + 1]);
  for (; i1 < n; i1++) w = pushPair(out, w, old[2 * i1] + delta, old[2 * i1 + 1] + delta);
  return w === out.length ? out : out.slice(0, w);
}

function pushPair(out: Int32Array, w: number, s: number, e: number): number {
  if (w > 0 && s <= out[w - 1]) {
    if (e > out[w - 1]) out[w - 1] = e;
    return w;
  }
  out[w] = s;
  out[w + 1] = e;
  return w + 2;
}

function spliceOffsets(old: Int32Array, part: Int32Array, from: number, oldTo: number, delta: number): Int32Array {
  const i0 = lowerBound(old, from);
  const i1 = lowerBound(old, oldTo);
  const out = new Int32Array(i0 + part.length + (old.length - i1));
  out.set(old.subarray(0, i0), 0);
  let w = i0;
  const push = (v: number) => {
    if (w === 0 || out[w - 1] !== v) out[w++] = v;
  };
  for (let k = 0; k < part.length; k++) push(part[k]);
  for (let k = i1; k < old.length; k++) push(old[k] + delta);
  return w === out.length ? out : out.slice(0, w);
}

function spliceObjects<T extends { readonly start: number; readonly end: number }>(old: readonly T[], part: readonly T[], from: number, oldTo: number, delta: number): T[] | undefined {
  const out: T[] = [];
  for (const x of old) {
    if (x.end <= from) out.push(x);
    else if (x.start < from) return undefined;
  }
  for (const x of part) out.push(x);
  for (const x of old) {
    if (x.start >= oldTo) out.push(delta ? { ...x, start: x.start + delta, end: x.end + delta } : x);
    else if (x.end > oldTo && x.start >= from) return undefined;
  }
  return out;
}

/**
 * Old directive → the same directive in the new prose: before the window the
 * same object; in the window the block directive at the same rank (the window
 * holds the same sequence of them); after it, the shifted one.
 */
function movedDirectives(old: readonly Directive[], now: readonly Directive[], from: number, oldTo: number, to: number, delta: number): (d: Directive) => Directive | undefined {
  const isBlock = (d: Directive) => d.kind === 'disable' || d.kind === 'enable';
  const oldWindow = old.filter((d) => d.start >= from && d.start < oldTo && isBlock(d));
  const newWindow = now.filter((d) => d.start >= from && d.start < to && isBlock(d));
  return (d) => {
    if (d.start < from) return d;
    if (d.start < oldTo) {
      const k = oldWindow.indexOf(d);
      return k >= 0 ? newWindow[k] : undefined;
    }
    const moved = d.start + delta;
    const x = now[firstAtOrAfter(now, moved)];
    return x && x.start === moved ? x : undefined;
  };
}

function sameBlockDirectives(old: readonly Directive[], now: readonly Directive[], from: number, oldTo: number, to: number): boolean {
  const key = (d: Directive) => `${d.kind} ${d.rules.join(',')}`;
  const a = old.filter((d) => d.start >= from && d.start < oldTo && (d.kind === 'disable' || d.kind === 'enable')).map(key);
  const b = now.filter((d) => d.start >= from && d.start < to && (d.kind === 'disable' || d.kind === 'enable')).map(key);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// --- findings -------------------------------------------------------------------------------

/** Every offset of a finding (its range and its edits in this document) lies in [from, to]. */
function editsWithin(r: RawFinding, from: number, to: number): boolean {
  if (r.start < from || r.end > to) return false;
  for (const x of r.fixes) for (const e of x.edits) if (e.start < from || e.end > to) return false;
  return true;
}

/**
 * A finding after the window, moved by the change: offsets by delta, lines by lineDelta, columns
 * unchanged. The raw finding is kept (its shift grows); the public one is copied, and its fixes only
 * when lines moved (their edits carry positions, not offsets).
 */
function shiftItem(it: Item, directiveOf: (d: Directive) => Directive | undefined, oldTo: number, delta: number, lineDelta: number, stable: number): Item | undefined {
  const r = it.raw;
  const was = it.shift;
  if (r.start + was < oldTo || r.start + was + delta < stable) return undefined;
  for (const x of r.fixes) for (const e of x.edits) if (e.start + was < oldTo || e.start + was + delta < stable) return undefined;
  const by = it.by && directiveOf(it.by);
  if (it.by && !by) return undefined;
  if (delta === 0 && lineDelta === 0 && by === it.by) return it;
  const f = it.finding;
  let finding: Finding;
  if (lineDelta === 0) finding = { ...f, start: f.start + delta, end: f.end + delta };
  else {
    const fixes: PublicFix[] = [];
    for (const x of f.fixes) {
      if (!x.edits.length) {
        fixes.push(x);
        continue;
      }
      const edits: PublicEdit[] = [];
      for (const e of x.edits) edits.push({ range: moveRange(e.range, lineDelta), newText: e.newText });
      fixes.push({ ...x, edits });
    }
    finding = { ...f, range: moveRange(f.range, lineDelta), fixes, start: f.start + delta, end: f.end + delta };
  }
  return { raw: r, shift: was + delta, finding, by };
}

function moveRange(r: Range, lineDelta: number): Range {
  return lineDelta ? { start: { line: r.start.line + lineDelta, character: r.start.character }, end: { line: r.end.line + lineDelta, character: r.end.character } } : r;
}

// --- small helpers ----------------------------------------------------------------------------

/** Number of line starts in (from, to]: after a \n, or after a \r not followed by \n (as LineIndex counts lines). */
function lineStarts(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
}

function hasSorted(a: Int32Array, v: number): boolean {
  const i = lowerBound(a, v);
  return i < a.length && a[i] === v;
}

function upperBound(a: Int32Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAtOrAfter(list: ReadonlyArray<{ readonly start: number }>, v: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstItemFrom(items: readonly Item[], v: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].raw.start + items[mid].shift < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first `end` characters of a document: positions are the document's own (they do not depend on what follows). */
function prefixOf(doc: DocumentLike, text: string, end: number): DocumentLike {
  const part = text.slice(0, end);
  return {
    uri: doc.uri,
    version: doc.version,
    ...(doc.languageId !== undefined ? { languageId: doc.languageId } : {}),
    getText: () => part,
    positionAt: (offset: number) => doc.positionAt(Math.min(offset, end)),
    offsetAt: (position) => Math.min(doc.offsetAt(position), end),
  };
}
