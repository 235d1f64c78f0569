/**
 * Merging an incremental re-check into the previous result (src/core/session.ts): the prose, the
 * mentions and the findings before the window are kept (the same objects), the window's are
 * spliced in, and those after it are shifted by the length and line change.
 */
import type { DocumentLike, Range } from '../document';
import { type Finding, type PublicEdit, type PublicFix, type RawFinding, toPublic } from '../findings';
import { type LintResult, type Suppressed, directiveMatcher } from '../lint';
import { type CitationRef, type Directive, type Prose, firstPairEndingAfter } from '../prose/index';
import type { Mention } from '../scanner';
import { firstIndex, firstStartAtOrAfter, lowerBound } from '../search';
import type { Window } from './window';

/** A finding of the session's result. */
export interface Item {
  /** Offsets as the finding was computed; add `shift` for where it is now (shifting never copies it). */
  readonly raw: RawFinding;
  readonly shift: number;
  readonly finding: Finding;
  readonly by: Directive | undefined;
}

/** Items of freshly computed findings (no shift), each with the disable comment that silences it. */
export function itemsOf(doc: DocumentLike, raw: readonly RawFinding[], silencedBy: (r: RawFinding) => Directive | undefined): Item[] {
  return raw.map((r) => ({ raw: r, shift: 0, finding: toPublic(doc, r), by: silencedBy(r) }));
}

/** A rule that ran out of its time budget was skipped for the rest of the document: results after it are not local. */
export const BUDGET_RULE = 'rule-time-budget';

/**
 * The findings and mentions of the new text: before the window the previous ones (same objects),
 * the window's (sorted `raw`, new), after it the previous ones shifted; a string says why they
 * cannot be merged (a full lint is needed).
 */
export function mergeWindow(doc: DocumentLike, old: { readonly text: string; readonly prose: Prose; readonly items: readonly Item[]; readonly mentions: Mentions }, text: string, w: Window, raw: readonly RawFinding[], windowMentions: readonly Mention[]): { items: Item[]; mentions: Mentions } | string {
  const { from, to, oldTo, delta, prose } = w;
  for (const r of raw) {
    if (r.ruleId === BUDGET_RULE) return 'a rule ran out of its time budget';
    if (r.start < from || r.end > to || !editsWithin(r, from, to)) return 'a finding of the window reaches outside it';
  }
  const items = old.items;
  const i0 = firstItemFrom(items, from);
  const i1 = firstItemFrom(items, oldTo);
  for (let k = 0; k < i0; k++) if (!editsWithin(items[k].raw, -items[k].shift, from - items[k].shift)) return 'a finding before the window reaches into it';
  const lineDelta = lineStarts(text, from, to) - lineStarts(old.text, from, oldTo);
  // offsets from here on sit on lines that start after the change (same columns, lines moved by lineDelta)
  const stable = text.charCodeAt(to - 1) === 10 && old.text.charCodeAt(oldTo - 1) === 10 ? to : to + 1;
  const next: Item[] = items.slice(0, i0);
  for (const it of itemsOf(doc, raw, directiveMatcher(prose))) next.push(it);
  const directiveOf = movedDirectives(old.prose.directives, prose.directives, from, oldTo, to, delta);
  for (let k = i1; k < items.length; k++) {
    const moved = shiftItem(items[k], directiveOf, oldTo, delta, lineDelta, stable);
    if (!moved) return 'a finding after the window reaches into it';
    next.push(moved);
  }
  // mentions: before, window, after (shifted lazily: nothing is copied until someone reads them)
  const mentions = old.mentions.splice(from, oldTo, windowMentions, delta);
  if (!mentions) return 'a mention runs across the window';
  return { items: next, mentions };
}

/** Index of the first item at or after offset v (items are in document order). */
export function firstItemFrom(items: readonly Item[], v: number): number {
  return firstIndex(items.length, (k) => items[k].raw.start + items[k].shift >= v);
}

export function resultOf(items: readonly Item[], prose: Prose, mentions: Mentions, truncated?: boolean): LintResult {
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
export class Mentions {
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
  return firstIndex(p.hi, (k) => p.list[k].start + p.shift >= v, p.lo);
}

// --- prose splicing -------------------------------------------------------------------------

export function spliceProse(old: Prose, part: Prose, text: string, from: number, oldTo: number, delta: number): Prose | string {
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
export function movedDirectives(old: readonly Directive[], now: readonly Directive[], from: number, oldTo: number, to: number, delta: number): (d: Directive) => Directive | undefined {
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
    const x = now[firstStartAtOrAfter(now, moved)];
    return x && x.start === moved ? x : undefined;
  };
}

export function sameBlockDirectives(old: readonly Directive[], now: readonly Directive[], from: number, oldTo: number, to: number): boolean {
  const key = (d: Directive) => `${d.kind} ${d.rules.join(',')}`;
  const a = old.filter((d) => d.start >= from && d.start < oldTo && (d.kind === 'disable' || d.kind === 'enable')).map(key);
  const b = now.filter((d) => d.start >= from && d.start < to && (d.kind === 'disable' || d.kind === 'enable')).map(key);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// --- findings -------------------------------------------------------------------------------

/** Every offset of a finding (its range and its edits in this document) lies in [from, to]. */
export function editsWithin(r: RawFinding, from: number, to: number): boolean {
  if (r.start < from || r.end > to) return false;
  for (const x of r.fixes) for (const e of x.edits) if (e.start < from || e.end > to) return false;
  return true;
}

/**
 * A finding after the window, moved by the change: offsets by delta, lines by lineDelta, columns
 * unchanged. The raw finding is kept (its shift grows); the public one is copied, and its fixes only
 * when lines moved (their edits carry positions, not offsets).
 */
export function shiftItem(it: Item, directiveOf: (d: Directive) => Directive | undefined, oldTo: number, delta: number, lineDelta: number, stable: number): Item | undefined {
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

/** Number of line starts in (from, to]: after a \n, or after a \r not followed by \n (as LineIndex counts lines). */
function lineStarts(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
}
