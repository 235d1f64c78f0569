/**
 * What the prose extractors produce: which parts of a document are prose.
 *
 * Nothing is copied or rewritten: a {@link Prose} is the original text plus
 * sorted offset lists. `excluded` holds the stretches that are never linted
 * (code, math, URLs, front matter, comments, markup, citation keys, LaTeX
 * command names and arguments); `breaks` holds hard sentence boundaries
 * (blank lines, headings, list items, table cells, LaTeX sectioning); `quotes`
 * holds quoted blocks (Markdown block quotes, LaTeX quote environments).
 */

import { firstIndex } from '../search';

export type ProseKind = 'markdown' | 'latex' | 'plaintext';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

/** An in-document suppression comment, e.g. `<!-- imid-lens-disable-next-line rule -- reason -->`. */
export interface Directive {
  readonly kind: DirectiveKind;
  /** Rule ids; empty means every rule. */
  readonly rules: readonly string[];
  /** Text after `--`, kept to show reviewers why. */
  readonly reason?: string;
  /** Offsets of the whole comment. */
  readonly start: number;
  readonly end: number;
}

export type CitationSyntax = 'pandoc' | 'latex';

/** One citation key as written in the document. */
export interface CitationRef {
  readonly key: string;
  /** Offsets of the key itself (without `@`). */
  readonly start: number;
  readonly end: number;
  readonly syntax: CitationSyntax;
  /** Pandoc: bracketed `[@key]` (true) or narrative `@key` (false). LaTeX: always true. */
  readonly bracketed: boolean;
}

/** A bibliography named inside the document (front matter, \bibliography, \addbibresource). */
export interface BibliographyRef {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export interface Prose {
  readonly text: string;
  readonly kind: ProseKind;
  /** Flat, sorted, non-overlapping [start, end) pairs that are never linted. */
  readonly excluded: Int32Array;
  /** Sorted offsets of hard sentence boundaries. */
  readonly breaks: Int32Array;
  /** Flat, sorted [start, end) pairs of quoted blocks. */
  readonly quotes: Int32Array;
  readonly directives: readonly Directive[];
  readonly citations: readonly CitationRef[];
  readonly bibliographies: readonly BibliographyRef[];
  /**
   * Offsets (line starts) where the extractor was in its initial state: it can
   * resume there, and an extraction that reaches one in the same state after an
   * edit produces the same results from there on. Markdown and plain text only.
   */
  readonly syncPoints?: Int32Array;
}

/** An extraction that resumes at a sync point of the previous text and stops once it is back in step. */
export interface Resume {
  /** A sync point of the previous extraction at or before the first changed offset. */
  readonly from: number;
  /** Stop only at sync points at or after this offset (the end of the change, in the new text). */
  readonly until: number;
  /** Whether the previous extraction had a sync point matching `at` (the rest is then unchanged). */
  readonly resync: (at: number) => boolean;
}

/** What a resumed extraction produced: entries in [from, end) only. */
export interface ProsePart {
  readonly prose: Prose;
  /** Where it stopped: a sync point `resync` accepted, or the end of the text. */
  readonly end: number;
}

/** Collects ranges in any order and normalises them once at the end. */
export class ProseBuilder {
  private readonly excl: number[] = [];
  private readonly brk: number[] = [];
  private readonly quo: number[] = [];
  private readonly syncs: number[] = [];
  readonly directives: Directive[] = [];
  readonly citations: CitationRef[] = [];
  readonly bibliographies: BibliographyRef[] = [];

  constructor(
    readonly text: string,
    readonly kind: ProseKind,
  ) {}

  exclude(start: number, end: number): void {
    if (end > start) this.excl.push(start, end);
  }

  break(at: number): void {
    this.brk.push(at);
  }

  quote(start: number, end: number): void {
    if (end > start) this.quo.push(start, end);
  }

  sync(at: number): void {
    this.syncs.push(at);
  }

  build(): Prose {
    return {
      text: this.text,
      kind: this.kind,
      excluded: mergePairs(this.excl),
      breaks: sortUnique(this.brk),
      quotes: mergePairs(this.quo),
      directives: this.directives.sort((a, b) => a.start - b.start),
      citations: this.citations.sort((a, b) => a.start - b.start),
      bibliographies: this.bibliographies,
      syncPoints: Int32Array.from(this.syncs),
    };
  }
}

/** Sorts [start, end) pairs and merges overlapping or touching ones. */
export function mergePairs(flat: number[]): Int32Array {
  const n = flat.length / 2;
  if (n === 0) return new Int32Array(0);
  let sorted = true;
  for (let i = 2; i < flat.length; i += 2) {
    if (flat[i] < flat[i - 2]) {
      sorted = false;
      break;
    }
  }
  let order: number[] | undefined;
  if (!sorted) {
    order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => flat[2 * a] - flat[2 * b] || flat[2 * a + 1] - flat[2 * b + 1]);
  }
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    const s = flat[2 * i];
    const e = flat[2 * i + 1];
    const last = out.length - 1;
    if (last > 0 && s <= out[last]) {
      if (e > out[last]) out[last] = e;
    } else {
      out.push(s, e);
    }
  }
  return Int32Array.from(out);
}

function sortUnique(a: number[]): Int32Array {
  const arr = Int32Array.from(a).sort();
  let w = 0;
  for (let i = 0; i < arr.length; i++) {
    if (i === 0 || arr[i] !== arr[w - 1]) arr[w++] = arr[i];
  }
  return arr.subarray(0, w);
}

/** Index of the first pair whose end is > offset (binary search over flat pairs). */
export function firstPairEndingAfter(pairs: Int32Array, offset: number): number {
  return firstIndex(pairs.length / 2, (i) => pairs[2 * i + 1] > offset);
}

/** True when [start, end) overlaps any pair. */
export function overlapsAny(pairs: Int32Array, start: number, end: number): boolean {
  const i = firstPairEndingAfter(pairs, start);
  return i < pairs.length / 2 && pairs[2 * i] < end;
}

/** True when offset lies inside a pair. */
export function insideAny(pairs: Int32Array, offset: number): boolean {
  const i = firstPairEndingAfter(pairs, offset);
  return i < pairs.length / 2 && pairs[2 * i] <= offset;
}

/**
 * The text of [start, end) with every excluded character replaced by a space,
 * so that offsets stay aligned with the document.
 */
export function maskedSlice(prose: Prose, start: number, end: number): string {
  const { text, excluded } = prose;
  let i = firstPairEndingAfter(excluded, start);
  if (i >= excluded.length / 2 || excluded[2 * i] >= end) return text.slice(start, end);
  let out = '';
  let pos = start;
  for (; i < excluded.length / 2; i++) {
    const s = Math.max(excluded[2 * i], start);
    const e = Math.min(excluded[2 * i + 1], end);
    if (s >= end) break;
    if (s > pos) out += text.slice(pos, s);
    out += blank(text, Math.max(s, pos), e);
    pos = Math.max(pos, e);
  }
  if (pos < end) out += text.slice(pos, end);
  return out;
}

/** Spaces for [s, e), keeping line breaks so that line structure survives. */
function blank(text: string, s: number, e: number): string {
  let out = '';
  let run = 0;
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) {
      if (run) out += ' '.repeat(run);
      run = 0;
      out += text[k];
    } else run++;
  }
  if (run) out += ' '.repeat(run);
  return out;
}

const DIRECTIVE_RE = /^\s*imid-lens-(disable-next-line|disable-line|disable|enable)(?![\w-])([\s\S]*)$/;

/** Parses the body of a comment; undefined when it is not a directive. */
export function parseDirective(body: string, start: number, end: number): Directive | undefined {
  const m = DIRECTIVE_RE.exec(body);
  if (!m) return undefined;
  let rest = m[2].trim();
  let reason: string | undefined;
  const dash = rest.indexOf('--');
  if (dash >= 0) {
    reason = rest.slice(dash + 2).trim() || undefined;
    rest = rest.slice(0, dash).trim();
  }
  const rules = rest.split(/[\s,]+/).filter(Boolean);
  return { kind: m[1] as Directive['kind'], rules, ...(reason ? { reason } : {}), start, end };
}
