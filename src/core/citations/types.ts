/**
 * Bibliographies as plain data: what a parsed BibTeX / CSL-JSON / CSL-YAML
 * file yields (entries with their key positions, problems with their lines),
 * and the small cache that lets an edit re-parse only the entries it changed.
 */
import type { CslItem } from '../data/types';
import type { LineIndex, Position, Range } from '../document';

export type BibFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** One reference of a writer's bibliography. */
export interface BibEntry {
  readonly key: string;
  readonly item: CslItem;
  /** Offsets of the whole entry in the file. */
  readonly start: number;
  readonly end: number;
  /** The key as written (0-based line, UTF-16 columns), for diagnostics in the file. */
  readonly keyRange: Range;
}

export type BibProblemCode = 'bibliography-syntax' | 'duplicate-citation-key' | 'bibliography-undefined-string' | 'bibliography-unreadable';

/** Something wrong in a bibliography file, at its line. */
export interface BibProblem {
  readonly code: BibProblemCode;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly range: Range;
}

export interface ParsedBibliography {
  readonly format: BibFormat;
  readonly entries: readonly BibEntry[];
  readonly problems: readonly BibProblem[];
}

/** The format of a bibliography file from its name (undefined: not a bibliography). */
export function bibFormatOf(path: string): BibFormat | undefined {
  const m = /\.([A-Za-z]+)$/.exec(path);
  switch (m?.[1].toLowerCase()) {
    case 'bib':
    case 'bibtex':
    case 'biblatex':
      return 'bibtex';
    case 'json':
      return 'csl-json';
    case 'yaml':
    case 'yml':
      return 'csl-yaml';
    default:
      return undefined;
  }
}

/**
 * Parsed chunks keyed by their text (and whatever else their result depends
 * on): a file edited in one entry re-parses that entry only. `commit()` after
 * a complete pass drops the chunks that are gone, so the cache never outgrows
 * the file.
 */
export class ChunkCache<T> {
  private current = new Map<string, T>();
  private next = new Map<string, T>();

  get(key: string): T | undefined {
    const hit = this.next.get(key) ?? this.current.get(key);
    if (hit !== undefined) this.next.set(key, hit);
    return hit;
  }

  set(key: string, value: T): void {
    this.next.set(key, value);
  }

  /** A pass finished: keep only what it used. */
  commit(): void {
    this.current = this.next;
    this.next = new Map();
  }

  /** A pass was abandoned: keep everything (the next pass will likely need it). */
  abandon(): void {
    for (const [k, v] of this.next) this.current.set(k, v);
    this.next = new Map();
  }

  get size(): number {
    return this.current.size;
  }
}

/** Running a parse: one step per chunk, so a driver can pause between steps. */
export type ParseSteps<T> = Generator<void, T, void>;

/** Runs every step at once (CLI, tests). */
export function runSync<T>(steps: ParseSteps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface SliceOptions {
  /** Gives the event loop back (the adapter's setTimeout). */
  readonly pause: () => Promise<void>;
  /** Milliseconds of work between pauses (default 12). */
  readonly budgetMs?: number;
  /** True when the result is no longer wanted (a newer version is being parsed). */
  readonly cancelled?: () => boolean;
  readonly now?: () => number;
}

/** Runs the steps in slices of `budgetMs`, pausing in between; undefined when cancelled. */
export async function runSliced<T>(steps: ParseSteps<T>, opts: SliceOptions): Promise<T | undefined> {
  const now = opts.now ?? Date.now;
  const budget = opts.budgetMs ?? 12;
  let t0 = now();
  for (;;) {
    if (opts.cancelled?.()) {
      steps.return(undefined as never);
      return undefined;
    }
    const r = steps.next();
    if (r.done) return r.value;
    if (now() - t0 >= budget) {
      await opts.pause();
      t0 = now();
    }
  }
}

/** 32-bit FNV-1a of a string, continuing from `h` (cache keys that stay short). */
export function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The position of an offset, never past the end of its line's content (an offset inside a \r\n pair is the line's end). */
export function positionIn(index: LineIndex, offset: number): Position {
  const p = index.positionAt(offset);
  const max = index.lineEnd(p.line) - index.lineStarts[p.line];
  return p.character > max ? { line: p.line, character: max } : p;
}
