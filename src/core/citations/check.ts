/**
 * Citation keys against the bibliographies a document can use.
 *
 * Which keys are known:
 * - no bibliography at all (none named in the document, none configured): the
 *   bundled bibliography, so `[@kronke2014]` is fine in a scratch file;
 * - otherwise the writer's bibliographies. A bundled reference that is not in
 *   them is reported too (pandoc and BibTeX would not find it), with a fix
 *   that appends its entry.
 *
 * A narrative Markdown `@word` (no brackets) counts as a citation when the
 * document has a bibliography (pandoc treats it as one) or when it is a known
 * key; without any bibliography it counts only when it looks like a mistyped
 * known key (it has a digit and is one or two edits from one), so @mentions,
 * handles and decorators are never reported. Bracketed `[@key]` and LaTeX
 * `\cite{key}` always count. While a bibliography is still loading nothing is
 * reported (no flicker of false alarms); a bibliography the document names
 * that cannot be found is reported once, at its name, instead of every key.
 */
import type { CslItem, Severity } from '../data/types';
import type { Engine } from '../engine';
import type { OffsetFix, RawFinding } from '../findings';
import type { CitationRef, Prose } from '../prose/types';
import { BIBLIOGRAPHY_NOT_FOUND, UNKNOWN_CITATION_KEY } from '../rules/builtin';
import { entryText } from './serialize';
import type { BibEntry, BibFormat, BibProblem, ParsedBibliography } from './types';

export type SourceState = 'ready' | 'loading' | 'missing' | 'unreadable';

/** One bibliography a document uses. */
export interface CitationSource {
  /** Short name for messages: the path as the document wrote it, or the file name. */
  readonly label: string;
  /** Where an "Add entry" fix writes (a URI or path the adapter understands). */
  readonly target: string;
  readonly format: BibFormat;
  readonly state: SourceState;
  /** Entries by key (empty unless ready). */
  readonly entries: ReadonlyMap<string, BibEntry>;
  /** Offsets of the name in the document (front matter, \bibliography), when the document names it. */
  readonly named?: { readonly start: number; readonly end: number };
  /** Why it is missing or unreadable. */
  readonly reason?: string;
}

export interface CitationLibrary {
  readonly sources: readonly CitationSource[];
  readonly bundled: ReadonlyMap<string, CslItem>;
  /**
   * How many unknown keys one check may compare with every known key
   * (suggestions are remembered, so the rest get theirs on the next check).
   * The editor bounds it to keep a keystroke cheap; unbounded by default.
   */
  readonly suggestionBudget?: number;
}

/** A reference that can be cited from a document, and where it comes from. */
export interface CitableReference {
  readonly key: string;
  readonly item: CslItem;
  /** The bibliography label, or "bundled". */
  readonly source: string;
  /** In the document's own bibliographies (or the document has none and it is bundled). */
  readonly inDocument: boolean;
  readonly bundled: boolean;
}

/** The entries of a source that has none (loading, missing): one shared map, so memos keyed by it hold. */
export const NO_ENTRIES: ReadonlyMap<string, BibEntry> = new Map();

export function sourceFromParsed(parsed: ParsedBibliography, base: Omit<CitationSource, 'entries' | 'state' | 'format'>): CitationSource {
  const entries = new Map<string, BibEntry>();
  for (const e of parsed.entries) if (!entries.has(e.key)) entries.set(e.key, e);
  return { ...base, format: parsed.format, state: 'ready', entries };
}

const refsMemo = new WeakMap<object, { next: WeakMap<object, unknown>; byLabels: Map<string, CitableReference[]> }>();

/**
 * Every reference the document can cite: its own entries first, then bundled
 * ones. The same array for the same bibliographies (entry maps are replaced
 * when a file is read again), so completion's fuzzy index is built once, not
 * on every keystroke.
 */
export function citableReferences(library: CitationLibrary): CitableReference[] {
  let level = refsMemo as WeakMap<object, unknown>;
  let node: { next: WeakMap<object, unknown>; byLabels: Map<string, CitableReference[]> } | undefined;
  for (const part of [library.bundled, ...library.sources.map((s) => s.entries)]) {
    node = level.get(part) as typeof node;
    if (!node) {
      node = { next: new WeakMap(), byLabels: new Map() };
      level.set(part, node);
    }
    level = node.next;
  }
  const labels = library.sources.map((s) => `${s.state}\u0000${s.label}`).join('\u0001');
  const hit = node!.byLabels.get(labels);
  if (hit) return hit;
  const refs = buildCitable(library);
  node!.byLabels.set(labels, refs);
  return refs;
}

function buildCitable(library: CitationLibrary): CitableReference[] {
  const out: CitableReference[] = [];
  const seen = new Set<string>();
  const own = library.sources.some((s) => s.state === 'ready' || s.state === 'loading');
  for (const s of library.sources) {
    for (const e of s.entries.values()) {
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      out.push({ key: e.key, item: e.item, source: s.label, inDocument: true, bundled: library.bundled.has(e.key) });
    }
  }
  for (const [key, item] of library.bundled) {
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ key, item, source: 'bundled', inDocument: !own, bundled: true });
  }
  return out;
}

/** Looks a key up: the document's bibliographies first, then the bundled one. */
export function lookupKey(library: CitationLibrary, key: string): { item: CslItem; source: string; entry?: BibEntry } | undefined {
  for (const s of library.sources) {
    const e = s.entries.get(key);
    if (e) return { item: e.item, source: s.label, entry: e };
  }
  const b = library.bundled.get(key);
  return b ? { item: b, source: 'bundled' } : undefined;
}

// --- edit distance ------------------------------------------------------------------

/** Optimal-string-alignment distance (a transposition is one edit), case-insensitive, or max+1 when above max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  return osa(a.toLowerCase(), b.toLowerCase(), max);
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);
const bag = new Int32Array(128);

/** Bag distance: a cheap lower bound of the edit distance (a transposition keeps the bag). */
function bagDistance(a: string, b: string): number {
  let other = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c < 128) bag[c]++;
    else other++;
  }
  let missing = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c < 128) {
      if (bag[c] > 0) bag[c]--;
      else missing++;
    } else if (other > 0) other--;
    else missing++;
  }
  let extra = other;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c < 128 && bag[c] > 0) {
      extra += bag[c];
      bag[c] = 0;
    }
  }
  return Math.max(missing, extra);
}

function osa(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (bagDistance(a, b) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  if (rowA.length <= m) {
    rowA = new Int32Array(2 * m + 2);
    rowB = new Int32Array(2 * m + 2);
    rowC = new Int32Array(2 * m + 2);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m], max + 1);
}

function maxEdits(key: string): number {
  return key.length <= 4 ? 1 : key.length <= 12 ? 2 : 3;
}

interface Scored {
  readonly k: string;
  readonly d: number;
}

/** Known keys near `key`: edit distance within the key's budget, or keys it starts (scored max + 0.5). */
function scoreKeys(key: string, candidates: ReadonlyArray<readonly [string, string]>): Scored[] {
  const max = maxEdits(key);
  const lower = key.toLowerCase();
  const scored: Scored[] = [];
  for (const [k, kl] of candidates) {
    if (k === key) continue;
    let d = Math.abs(kl.length - lower.length) > max ? max + 1 : osa(lower, kl, max);
    if (d > max && lower.length >= 3 && kl.startsWith(lower)) d = max + 0.5; // "kronke" → "kronke2014"
    if (d <= max + 0.5) scored.push({ k, d });
  }
  scored.sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return scored;
}

/** Up to `limit` known keys closest to `key` (edit distance, then keys it starts, then alphabetical). */
export function closestKeys(key: string, candidates: Iterable<string>, limit = 3): string[] {
  return scoreKeys(key, [...candidates].map((k) => [k, k.toLowerCase()] as const)).slice(0, limit).map((x) => x.k);
}

/**
 * Suggestions are remembered per set of bibliographies (their entry maps are
 * replaced whenever a file is read again), so typing in a document with many
 * unknown keys does not compare each of them with every known key on every
 * keystroke.
 */
interface Memo {
  readonly next: WeakMap<object, Memo>;
  candidates?: ReadonlyArray<readonly [string, string]>;
  readonly scored: Map<string, Scored[]>;
}

const memoRoot = new WeakMap<object, Memo>();

function memoFor(parts: readonly object[]): Memo {
  let level = memoRoot;
  let node: Memo | undefined;
  for (const p of parts) {
    node = level.get(p);
    if (!node) {
      node = { next: new WeakMap(), scored: new Map() };
      level.set(p, node);
    }
    level = node.next;
  }
  return node!;
}

// --- the check ----------------------------------------------------------------------

function writable(s: CitationSource): boolean {
  return s.state === 'ready' && (s.format === 'bibtex' || s.format === 'csl-json');
}

function listLabels(sources: readonly CitationSource[]): string {
  const labels = sources.map((s) => s.label);
  return labels.length <= 3 ? labels.join(', ') : `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more`;
}

/** Findings for the citation keys of a document (unknown keys; bibliographies that cannot be found). */
export function checkCitations(prose: Prose, library: CitationLibrary, engine: Engine): RawFinding[] {
  const out: RawFinding[] = [];
  const sevKey = engine.severityOf(UNKNOWN_CITATION_KEY.id, UNKNOWN_CITATION_KEY.severity);
  const sevMissing = engine.severityOf(BIBLIOGRAPHY_NOT_FOUND.id, BIBLIOGRAPHY_NOT_FOUND.severity);
  const { sources, bundled } = library;
  let blocked = false;
  for (const s of sources) {
    if (s.state === 'loading') blocked = true;
    if (s.state === 'missing' || s.state === 'unreadable') {
      if (s.named) {
        blocked = true; // one finding at the name, not one per key
        if (sevMissing !== 'off') {
          out.push({
            ruleId: BIBLIOGRAPHY_NOT_FOUND.id,
            severity: sevMissing as Severity,
            message: s.state === 'missing' ? `Bibliography "${s.label}" not found${s.reason ? ` (${s.reason})` : ''}; its citation keys cannot be checked.` : `Bibliography "${s.label}" cannot be read: ${s.reason ?? 'unreadable'}.`,
            start: s.named.start,
            end: s.named.end,
            fixes: [],
            data: { path: s.label },
          });
        }
      }
    }
  }
  if (sevKey === 'off' || blocked || !prose.citations.length) return out;
  const ready = sources.filter((s) => s.state === 'ready');
  const own = ready.length > 0;
  const known = (key: string) => (own ? ready.some((s) => s.entries.has(key)) : bundled.has(key));
  const memo = memoFor([bundled, ...ready.map((s) => s.entries)]);
  let budget = library.suggestionBudget ?? Infinity;
  const near = (key: string): Scored[] => {
    let hit = memo.scored.get(key);
    if (!hit) {
      if (budget <= 0) return [];
      budget--;
      if (!memo.candidates) {
        const set = new Set<string>();
        for (const s of ready) for (const k of s.entries.keys()) set.add(k);
        for (const k of bundled.keys()) set.add(k);
        memo.candidates = [...set].map((k) => [k, k.toLowerCase()] as const);
      }
      hit = scoreKeys(key, memo.candidates);
      if (memo.scored.size > 5000) memo.scored.clear();
      memo.scored.set(key, hit);
    }
    return hit;
  };
  const targets = ready.filter(writable);
  for (const c of prose.citations) {
    if (c.key === '*' || known(c.key)) continue;
    const inBundle = bundled.get(c.key);
    if (!counts(c, own, inBundle !== undefined, near)) continue;
    const fixes: OffsetFix[] = [];
    let message: string;
    if (inBundle) {
      message = `"${c.key}" is a bundled reference that is not in ${listLabels(ready)}: pandoc and BibTeX will not find it.`;
      for (const t of targets) {
        const text = entryText(inBundle, t.format);
        if (text) fixes.push({ title: `Add entry to ${t.label}`, kind: 'bibliography', edits: [], target: t.target, appendText: text });
      }
    } else {
      const where = own ? listLabels(ready) : 'the bundled bibliography (the document names none)';
      const closest = near(c.key).slice(0, 3).map((x) => x.k);
      message = `Unknown citation key "${c.key}": not in ${where}.${closest.length ? ` Did you mean ${closest.map((k) => `"${k}"`).join(', ')}?` : ''}`;
      for (const k of closest) {
        fixes.push({ title: `Change to "${k}"`, kind: 'citation', edits: [{ start: c.start, end: c.end, newText: k }] });
      }
    }
    out.push({
      ruleId: UNKNOWN_CITATION_KEY.id,
      severity: sevKey as Severity,
      message,
      start: c.start,
      end: c.end,
      fixes,
      data: { key: c.key, bundled: inBundle !== undefined },
    });
  }
  return out;
}

/** Does this citation count (see the module comment for narrative `@word`)? */
function counts(c: CitationRef, own: boolean, inBundle: boolean, near: (key: string) => Scored[]): boolean {
  if (c.syntax === 'latex' || c.bracketed || own || inBundle) return true;
  if (!/\d/.test(c.key) || c.key.length < 5) return false;
  const max = Math.min(2, maxEdits(c.key));
  return near(c.key).some((x) => x.d <= max);
}

/**
 * The check without file access (unit tests, rule examples, callers with no
 * bibliography reader): documents that name no bibliography are checked
 * against the bundled one; documents that name one are left alone, because
 * only an adapter can read it.
 */
export function bundledCitationChecker(prose: Prose, engine: Engine): RawFinding[] {
  if (prose.bibliographies.length) return [];
  return checkCitations(prose, { sources: [], bundled: engine.db.references }, engine);
}

// --- duplicates across files ----------------------------------------------------------

/** Keys defined in more than one of the bibliographies used together: a warning at every definition. */
export function crossFileDuplicates(files: ReadonlyArray<{ readonly id: string; readonly label: string; readonly parsed: ParsedBibliography }>): Map<string, BibProblem[]> {
  const byKey = new Map<string, Array<{ id: string; label: string; entry: BibEntry }>>();
  const seenFile = new Set<string>();
  for (const f of files) {
    if (seenFile.has(f.id)) continue;
    seenFile.add(f.id);
    for (const e of f.parsed.entries) {
      const list = byKey.get(e.key);
      if (!list) byKey.set(e.key, [{ id: f.id, label: f.label, entry: e }]);
      else if (!list.some((x) => x.id === f.id)) list.push({ id: f.id, label: f.label, entry: e });
    }
  }
  const out = new Map<string, BibProblem[]>();
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    for (const d of list) {
      const others = list.filter((x) => x !== d).map((x) => `${x.label} (line ${x.entry.keyRange.start.line + 1})`);
      const problems = out.get(d.id) ?? [];
      problems.push({
        code: 'duplicate-citation-key',
        severity: 'warning',
        message: `Duplicate key "${key}": also defined in ${others.join(', ')}; which entry a document gets depends on the order of its bibliographies.`,
        range: d.entry.keyRange,
      });
      out.set(d.id, problems);
    }
  }
  return out;
}
