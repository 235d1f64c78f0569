/**
 * Citation key completion: every reference the document can cite, ranked by
 * fuse.js over key, authors, title and year. Keys that start with what was
 * typed come first, then references tied to a drug or target named in the
 * current sentence (the term database knows which references support which
 * facts; the writer's own entries are tied by DOI or by a term in their title).
 */
import Fuse from 'fuse.js';
import type { CslItem } from '../data/types';
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
}

interface Indexed {
  i: number;
  key: string;
  authors: string;
  title: string;
  year: string;
}

const fuseCache = new WeakMap<readonly CitableReference[], Fuse<Indexed>>();

function fuseOf(refs: readonly CitableReference[]): Fuse<Indexed> {
  let fuse = fuseCache.get(refs);
  if (!fuse) {
    const docs = refs.map((r, i) => ({
      i,
      key: r.key,
      authors: [...(r.item.author ?? []), ...(r.item.editor ?? [])].map((n) => n.family ?? n.literal ?? '').join(' '),
      title: r.item.title ?? '',
      year: yearOf(r.item),
    }));
    fuse = new Fuse(docs, {
      keys: [{ name: 'key', weight: 3 }, { name: 'authors', weight: 2 }, { name: 'title', weight: 1 }, { name: 'year', weight: 1 }],
      includeScore: true,
      threshold: 0.35,
      ignoreLocation: true,
      minMatchCharLength: 1,
    });
    fuseCache.set(refs, fuse);
  }
  return fuse;
}

export interface CompleteOptions {
  /** Keys tied to the current sentence (see {@link relevantKeys}). */
  readonly relevant?: ReadonlySet<string>;
  /** Keys already in the citation group. */
  readonly exclude?: readonly string[];
  /** The writer's bibliographies, for the note on bundled references they lack. */
  readonly bibliographyLabel?: string;
  readonly limit?: number;
}

export function completeCitations(refs: readonly CitableReference[], prefix: string, opts: CompleteOptions = {}): CitationCompletion[] {
  const limit = opts.limit ?? 200;
  const relevant = opts.relevant ?? new Set<string>();
  const exclude = new Set(opts.exclude ?? []);
  const lower = prefix.toLowerCase();
  type Hit = { r: CitableReference; score: number; keyPrefix: boolean };
  const hits = new Map<number, Hit>();
  if (!prefix) {
    refs.forEach((r, i) => hits.set(i, { r, score: 0, keyPrefix: false }));
  } else {
    refs.forEach((r, i) => {
      if (r.key.toLowerCase().startsWith(lower)) hits.set(i, { r, score: 0, keyPrefix: true });
    });
    for (const res of fuseOf(refs).search(prefix, { limit: limit * 2 })) {
      if (!hits.has(res.item.i)) hits.set(res.item.i, { r: refs[res.item.i], score: res.score ?? 1, keyPrefix: false });
    }
  }
  const ranked = [...hits.values()].filter((h) => !exclude.has(h.r.key));
  ranked.sort((a, b) =>
    Number(b.keyPrefix) - Number(a.keyPrefix) ||
    Number(relevant.has(b.r.key)) - Number(relevant.has(a.r.key)) ||
    a.score - b.score ||
    Number(b.r.inDocument) - Number(a.r.inDocument) ||
    (a.r.key < b.r.key ? -1 : a.r.key > b.r.key ? 1 : 0));
  return ranked.slice(0, limit).map((h, n) => {
    const { r } = h;
    const where = r.bundled && !r.inDocument
      ? `Bundled reference, not in ${opts.bibliographyLabel ?? 'your bibliography'}: choosing it offers to add its entry.`
      : r.source === 'bundled' ? 'Bundled reference (IMiD Lens term database).' : `From ${r.source}.`;
    return {
      key: r.key,
      detail: citationLabel(r.item),
      documentation: `${formatReference(r.item)}\n\n*${md(where)}*`,
      filterText: prefix ? `${prefix} ${filterTextOf(r.item)}` : filterTextOf(r.item),
      sortText: String(n).padStart(5, '0'),
      source: r.source,
      bundled: r.bundled,
      inDocument: r.inDocument,
      relevant: relevant.has(r.key),
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

/**
 * Keys of references tied to the drugs and targets named in the sentence at
 * `offset` (or, when it names none, the sentence before it).
 */
export function relevantKeys(db: TermDb, prose: Prose, offset: number, refs: readonly CitableReference[]): Set<string> {
  const sentences = new SentenceIndex(prose);
  let s = sentences.around(offset);
  let mentions = scan(db, prose, s.start, s.end).filter((m) => m.form);
  if (!mentions.length && s.start > 0) {
    s = sentences.around(Math.max(0, s.start - 1));
    mentions = scan(db, prose, s.start, s.end).filter((m) => m.form);
  }
  const termIds = new Set(mentions.map((m) => m.form!.termId));
  const out = new Set<string>();
  if (!termIds.size) return out;
  const dois = new Set<string>();
  for (const id of termIds) {
    const term = db.term(id);
    if (!term) continue;
    for (const k of db.refsOf(term)) {
      out.add(k);
      const doi = db.reference(k)?.DOI;
      if (doi) dois.add(doi.toLowerCase());
    }
  }
  for (const r of refs) {
    if (out.has(r.key)) continue;
    const doi = r.item.DOI?.toLowerCase();
    if (doi && dois.has(doi)) out.add(r.key);
    else if (!r.bundled) {
      for (const t of termsInTitle(db, r.item)) {
        if (termIds.has(t)) {
          out.add(r.key);
          break;
        }
      }
    }
  }
  return out;
}
