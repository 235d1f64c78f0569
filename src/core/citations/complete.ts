/**
 * Citation key completion: every reference the document can cite, ranked by
 * fuse.js over key, authors, title and year. Keys that start with what was
 * typed come first, then references tied to a drug or target named in the
 * current sentence (the term database knows which references support which
 * facts; the writer's own entries are tied by DOI or by a term in their title).
 * Among those, the references behind a drug named in the sentence (its own
 * papers: the title names it, or no other drug cites them) come first and are
 * starred; references the drug shares with others follow, unstarred.
 */
import Fuse from 'fuse.js';
import type { CslItem, Term } from '../data/types';
import type { Prose } from '../prose/types';
import { scan } from '../scanner';
import { SentenceIndex } from '../sentences';
import { type TermDb, isWordCode } from '../termdb';
import type { CitableReference } from './check';
import { citationLabel, filterTextOf, formatReference, md, yearOf } from './format';

export interface CitationCompletion {
  readonly key: string;
  /** "Krönke et al. (2014)" */
  readonly detail: string;
  /** Markdown: the formatted reference with DOI/PubMed links, and where it comes from. */
  readonly documentation: string;
  readonly filterText: string;
  readonly sortText: string;
  readonly source: string;
  readonly bundled: boolean;
  /** False for a bundled reference the document's bibliographies lack (choosing it offers to add it). */
  readonly inDocument: boolean;
  /** Tied to a term named in the current sentence. */
  readonly relevant: boolean;
  /** Behind a drug (or, in a sentence naming none, a term) named in the sentence: worth a star. */
  readonly starred: boolean;
}

/**
 * Reference key → how closely it is tied to the sentence (lower is closer). Below
 * {@link STARRED_BELOW}: behind a term named in the sentence (starred); from there on: cited by
 * one of its terms along with others. A plain set counts every member as starred.
 */
export type Relevance = ReadonlyMap<string, number> | ReadonlySet<string>;

export const STARRED_BELOW = 100;

function rankIn(relevance: Relevance, key: string): number | undefined {
  if ('get' in relevance) return relevance.get(key);
  return relevance.has(key) ? 0 : undefined;
}

interface Indexed {
  i: number;
  key: string;
  authors: string;
  title: string;
  year: string;
}

/**
 * Per reference list (a new list whenever a bibliography changes): what every keystroke would
 * otherwise recompute. `hay` is key, authors, title and year in lower case for the fast matcher.
 */
interface RefIndex {
  readonly docs: Indexed[];
  readonly keyLower: string[];
  readonly hay: string[];
  /** Indexes in the order of an empty prefix: references in the document first, then by key. */
  readonly baseOrder: number[];
  fuse?: Fuse<Indexed>;
}

/**
 * Up to this many references, fuse.js ranks every one (typo-tolerant, bitap). Above it, fuse.js
 * costs ~15 ms per 1,000 references per keystroke (VS Code asks again on every character), so a
 * linear matcher ranks instead: key prefix, then substrings (every word of the query) at a word
 * start, then anywhere, then the query's letters in order in the key ("krnke" finds kroenke2015);
 * VS Code's own fuzzy filter then works over filterText as always.
 */
export const FUSE_MAX_REFERENCES = 1000;

const indexCache = new WeakMap<readonly CitableReference[], RefIndex>();

/** Ties between equally good matches: references in the document first, then by key. */
function byPlace(a: CitableReference, b: CitableReference): number {
  return Number(b.inDocument) - Number(a.inDocument) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function refIndex(refs: readonly CitableReference[]): RefIndex {
  let ix = indexCache.get(refs);
  if (!ix) {
    const docs = refs.map((r, i) => ({
      i,
      key: r.key,
      authors: [...(r.item.author ?? []), ...(r.item.editor ?? [])].map((n) => n.family ?? n.literal ?? '').join(' '),
      title: r.item.title ?? '',
      year: yearOf(r.item),
    }));
    const keyLower = docs.map((d) => d.key.toLowerCase());
    const hay = docs.map((d) => `${d.key} ${d.authors} ${d.title} ${d.year}`.toLowerCase());
    const baseOrder = docs.map((d) => d.i).sort((a, b) => byPlace(refs[a], refs[b]));
    ix = { docs, keyLower, hay, baseOrder };
    indexCache.set(refs, ix);
  }
  return ix;
}

function fuseOf(ix: RefIndex): Fuse<Indexed> {
  ix.fuse ??= new Fuse(ix.docs, {
    keys: [{ name: 'key', weight: 3 }, { name: 'authors', weight: 2 }, { name: 'title', weight: 1 }, { name: 'year', weight: 1 }],
    includeScore: true,
    threshold: 0.35,
    ignoreLocation: true,
    minMatchCharLength: 1,
  });
  return ix.fuse;
}

/** At the start of the haystack or after a character that is not a letter or digit (any non-ASCII counts as a letter). */
function isWordStart(s: string, at: number): boolean {
  if (at === 0) return true;
  const c = s.charCodeAt(at - 1);
  return !((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c >= 128);
}

/** The fast matcher's score (lower is better), or undefined when the reference does not match. */
function fastScore(hay: string, key: string, words: readonly string[], whole: string): number | undefined {
  let found = true;
  let atStart = true;
  for (const w of words) {
    let at = hay.indexOf(w);
    if (at < 0) {
      found = false;
      break;
    }
    while (at >= 0 && !isWordStart(hay, at)) at = hay.indexOf(w, at + 1);
    if (at < 0) atStart = false;
  }
  if (found) return atStart ? 0.1 : 0.2;
  // the letters of the query in order in the key, from its first letter, with at most three
  // skipped ("krnke" finds kroenke2015; "smith199" does not find smith2019x1990)
  if (key[0] !== whole[0]) return undefined;
  let k = 0;
  let i = 0;
  for (; i < key.length && k < whole.length && i - k <= 3; i++) if (key[i] === whole[k]) k++;
  return k === whole.length && i - k <= 3 ? 0.4 : undefined;
}

/** Per item: the parts of a completion that do not depend on the query. */
const shown = new WeakMap<CslItem, { detail: string; reference: string; filterText: string }>();
function shownOf(item: CslItem): { detail: string; reference: string; filterText: string } {
  let v = shown.get(item);
  if (!v) {
    v = { detail: citationLabel(item), reference: formatReference(item), filterText: filterTextOf(item) };
    shown.set(item, v);
  }
  return v;
}

export interface CompleteOptions {
  /** Keys tied to the current sentence, and how closely (see {@link relevantKeys}). */
  readonly relevant?: Relevance;
  /** Keys already in the citation group. */
  readonly exclude?: readonly string[];
  /** The writer's bibliographies, for the note on bundled references they lack. */
  readonly bibliographyLabel?: string;
  readonly limit?: number;
}

export function completeCitations(refs: readonly CitableReference[], prefix: string, opts: CompleteOptions = {}): CitationCompletion[] {
  const limit = opts.limit ?? 200;
  const relevance = opts.relevant ?? new Set<string>();
  const rank = (key: string) => rankIn(relevance, key) ?? Infinity;
  const exclude = new Set(opts.exclude ?? []);
  const lower = prefix.toLowerCase();
  const ix = refIndex(refs);
  type Hit = { r: CitableReference; score: number; keyPrefix: boolean };
  let ranked: Hit[] = [];
  if (!prefix) {
    // no query: relevant references first (closest first), then the base order; the few relevant
    // ones are sorted, the rest is not
    const tied: Hit[] = [];
    for (const i of ix.baseOrder) {
      const r = refs[i];
      if (!exclude.has(r.key) && rank(r.key) !== Infinity) tied.push({ r, score: 0, keyPrefix: false });
    }
    tied.sort((a, b) => rank(a.r.key) - rank(b.r.key));
    ranked = tied.slice(0, limit);
    for (const i of ix.baseOrder) {
      if (ranked.length >= limit) break;
      const r = refs[i];
      if (!exclude.has(r.key) && rank(r.key) === Infinity) ranked.push({ r, score: 0, keyPrefix: false });
    }
  } else if (refs.length <= FUSE_MAX_REFERENCES) {
    const hits = new Map<number, Hit>();
    refs.forEach((r, i) => {
      if (ix.keyLower[i].startsWith(lower)) hits.set(i, { r, score: 0, keyPrefix: true });
    });
    for (const res of fuseOf(ix).search(prefix, { limit: limit * 2 })) {
      if (!hits.has(res.item.i)) hits.set(res.item.i, { r: refs[res.item.i], score: res.score ?? 1, keyPrefix: false });
    }
    ranked = [...hits.values()].filter((h) => !exclude.has(h.r.key));
    ranked.sort((a, b) =>
      Number(b.keyPrefix) - Number(a.keyPrefix) ||
      Math.min(rank(a.r.key), 1e9) - Math.min(rank(b.r.key), 1e9) ||
      a.score - b.score ||
      byPlace(a.r, b.r));
  } else {
    // Linear: walk the base order (in document, then key) and drop each hit into its bucket
    // (key prefix, tied to the sentence, score class); the buckets in order give the same ranking
    // as the comparator above, without sorting thousands of hits per keystroke (only the few
    // tied ones are sorted by how closely they are tied).
    const words = lower.split(/\s+/).filter(Boolean);
    const buckets: Hit[][] = Array.from({ length: 16 }, () => []);
    const closer = (a: Hit, b: Hit) => rank(a.r.key) - rank(b.r.key);
    for (const i of ix.baseOrder) {
      const r = refs[i];
      if (exclude.has(r.key)) continue;
      const keyPrefix = ix.keyLower[i].startsWith(lower);
      const score = keyPrefix ? 0 : fastScore(ix.hay[i], ix.keyLower[i], words, lower);
      if (score === undefined) continue;
      const cls = score === 0 ? 0 : score === 0.1 ? 1 : score === 0.2 ? 2 : 3;
      buckets[(keyPrefix ? 0 : 8) + (rank(r.key) !== Infinity ? 0 : 4) + cls].push({ r, score, keyPrefix });
    }
    for (const base of [0, 8]) {
      const tied = buckets.slice(base, base + 4).flat().sort((a, b) => closer(a, b) || a.score - b.score);
      for (const b of [tied, ...buckets.slice(base + 4, base + 8)]) for (const h of b) if (ranked.length < limit) ranked.push(h);
    }
  }
  return ranked.slice(0, limit).map((h, n) => {
    const { r } = h;
    const where = r.bundled && !r.inDocument
      ? `Bundled reference, not in ${opts.bibliographyLabel ?? 'your bibliography'}: choosing it offers to add its entry.`
      : r.source === 'bundled' ? 'Bundled reference (IMiD Lens term database).' : `From ${r.source}.`;
    const v = shownOf(r.item);
    return {
      key: r.key,
      detail: v.detail,
      documentation: `${v.reference}\n\n*${md(where)}*`,
      filterText: prefix ? `${prefix} ${v.filterText}` : v.filterText,
      sortText: String(n).padStart(5, '0'),
      source: r.source,
      bundled: r.bundled,
      inDocument: r.inDocument,
      relevant: rank(r.key) !== Infinity,
      starred: rank(r.key) < STARRED_BELOW,
    };
  });
}

const titleTerms = new WeakMap<CslItem, ReadonlySet<string>>();

/** Term ids named in a reference's title (cached per item). */
function termsInTitle(db: TermDb, item: CslItem): ReadonlySet<string> {
  let set = titleTerms.get(item);
  if (!set) {
    const s = new Set<string>();
    const title = item.title ?? '';
    const re = db.scanner;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (title && (m = re.exec(title)) !== null) {
      if (m[0].length === 0 || (m.index > 0 && isWordCode(title.charCodeAt(m.index - 1)))) {
        re.lastIndex = m.index + 1;
        continue;
      }
      const form = db.lookup(m[0]);
      if (form) s.add(form.termId);
    }
    set = s;
    titleTerms.set(item, set);
  }
  return set;
}

/** Per reference list: keys by DOI, and the writer's keys by the terms their titles name. */
interface Ties {
  readonly byDoi: Map<string, string[]>;
  readonly byTitleTerm: Map<string, string[]>;
}
const tiesCache = new WeakMap<readonly CitableReference[], Ties>();

function tiesOf(db: TermDb, refs: readonly CitableReference[]): Ties {
  let t = tiesCache.get(refs);
  if (!t) {
    const byDoi = new Map<string, string[]>();
    const byTitleTerm = new Map<string, string[]>();
    const push = (m: Map<string, string[]>, k: string, v: string) => {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    for (const r of refs) {
      const doi = r.item.DOI?.toLowerCase();
      if (doi) push(byDoi, doi, r.key);
      if (!r.bundled) for (const id of termsInTitle(db, r.item)) push(byTitleTerm, id, r.key);
    }
    t = { byDoi, byTitleTerm };
    tiesCache.set(refs, t);
  }
  return t;
}

/** Per term database: the terms citing each reference key. */
const citingCache = new WeakMap<TermDb, Map<string, Term[]>>();

function citingOf(db: TermDb): Map<string, Term[]> {
  let m = citingCache.get(db);
  if (!m) {
    const map = new Map<string, Term[]>();
    for (const t of db.terms.values()) {
      for (const k of db.refsOf(t)) {
        const list = map.get(k);
        if (list) list.push(t);
        else map.set(k, [t]);
      }
    }
    m = map;
    citingCache.set(db, m);
  }
  return m;
}

/**
 * Keys of references tied to the drugs and targets named in the sentence at
 * `offset` (or, when it names none, the sentence before it), with how closely
 * (lower is closer; see {@link Relevance}). A reference is behind a term when
 * its title names the term or no other term of the same kind cites it (the
 * pomalidomide label, MM-003; not the cereblon structure papers every IMiD
 * cites). Starred, below {@link STARRED_BELOW}: references behind a drug named
 * in the sentence (behind any named term when it names no drug), those behind
 * more of the named terms first. Then references the named terms share with
 * others, the more specific first.
 */
export function relevantKeys(db: TermDb, prose: Prose, offset: number, refs: readonly CitableReference[]): Map<string, number> {
  const sentences = new SentenceIndex(prose);
  let s = sentences.around(offset);
  let mentions = scan(db, prose, s.start, s.end).filter((m) => m.form);
  if (!mentions.length && s.start > 0) {
    s = sentences.around(Math.max(0, s.start - 1));
    mentions = scan(db, prose, s.start, s.end).filter((m) => m.form);
  }
  const out = new Map<string, number>();
  const named = [...new Set(mentions.map((m) => m.form!.termId))].map((id) => db.term(id)).filter((t): t is Term => !!t);
  if (!named.length) return out;
  const drugs = named.filter((t) => t.kind === 'drug');
  const starring = new Set((drugs.length ? drugs : named).map((t) => t.id));
  const citing = citingOf(db);
  const tied = tiesOf(db, refs);
  const behind = new Map<string, number>();
  const closer = (k: string, rank: number) => {
    const prev = out.get(k);
    if (prev === undefined || rank < prev) out.set(k, rank);
  };
  const isBehind = (k: string, term: Term) => {
    const item = db.reference(k);
    if (item && termsInTitle(db, item).has(term.id)) return true;
    return !(citing.get(k) ?? []).some((t) => t.id !== term.id && t.kind === term.kind);
  };
  for (const term of named) {
    for (const k of db.refsOf(term)) {
      if (starring.has(term.id) && isBehind(k, term)) behind.set(k, (behind.get(k) ?? 0) + 1);
      else closer(k, STARRED_BELOW + Math.min(citing.get(k)?.length ?? 0, 50));
    }
    // the writer's own entries whose titles name the term
    for (const k of tied.byTitleTerm.get(term.id) ?? []) {
      if (starring.has(term.id)) behind.set(k, (behind.get(k) ?? 0) + 1);
      else closer(k, STARRED_BELOW);
    }
  }
  for (const [k, n] of behind) closer(k, STARRED_BELOW - 1 - Math.min(n, 50));
  // the writer's entries with the DOI of a tied bundled reference are tied as closely
  for (const [k, rank] of [...out]) {
    const doi = db.reference(k)?.DOI;
    for (const other of doi ? tied.byDoi.get(doi.toLowerCase()) ?? [] : []) closer(other, rank);
  }
  return out;
}
