/**
 * Drug and target name completion, ranked by fuse.js. Brands, research codes
 * and former names complete to the INN ("Revl" → lenalidomide), so the
 * writer gets the preferred name whatever they remember, in the writer's
 * capitalisation ("Pomalidamid" at the start of a sentence → "Pomalidomide").
 * Fuzzy matches keep the first letter typed: "Revl" never offers cereblon.
 */
import Fuse from 'fuse.js';
import { md } from './citations/format';
import type { Term } from './data/types';
import type { Prose } from './prose/types';
import { SentenceIndex } from './sentences';
import type { FormKind, SurfaceForm, TermDb } from './termdb';

export interface TermCompletion {
  /** What the list shows: the name that matched ("Revlimid"). */
  label: string;
  /** Shown after the label: "→ lenalidomide" for aliases. */
  description?: string;
  detail: string;
  insertText: string;
  filterText: string;
  sortText: string;
  termId: string;
  termKind: Term['kind'];
  formKind: FormKind;
  documentation: string;
}

const RESOLVE_TO_INN: ReadonlySet<FormKind> = new Set(['brand', 'code', 'former', 'misspelling']);
/** Typed characters before fuzzy (typo-tolerant) matches are offered; shorter prefixes match name starts only. */
const FUZZY_MIN = 4;
const WORD_CHAR = /[\p{L}\p{N}\-_®™]/u;

interface Indexed {
  name: string;
  form: SurfaceForm;
}

const fuseCache = new WeakMap<TermDb, Fuse<Indexed>>();

function fuseOf(db: TermDb): Fuse<Indexed> {
  let fuse = fuseCache.get(db);
  if (!fuse) {
    const items: Indexed[] = [];
    for (const f of db.forms.values()) if (f.kind !== 'misspelling' && f.kind !== 'plural') items.push({ name: f.name, form: f });
    fuse = new Fuse(items, { keys: ['name'], includeScore: true, threshold: 0.4, ignoreLocation: true, minMatchCharLength: 1 });
    fuseCache.set(db, fuse);
  }
  return fuse;
}

/** The partial word before `offset` (letters, digits, hyphens) and where it starts. */
export function wordBefore(text: string, offset: number): { word: string; start: number } {
  let s = offset;
  while (s > 0 && s > offset - 64 && WORD_CHAR.test(text[s - 1])) s--;
  return { word: text.slice(s, offset), start: s };
}

function detailOf(db: TermDb, term: Term, form: SurfaceForm): string {
  const kind = term.kind === 'drug' ? (term.memberOf?.length ? db.term(term.memberOf[0].id)?.preferredName ?? 'drug' : 'drug') : term.kind;
  switch (form.kind) {
    case 'brand':
      return `brand of ${term.preferredName} (${kind})`;
    case 'code':
      return `research code of ${term.preferredName}`;
    case 'former':
      return `former name of ${term.preferredName}`;
    case 'synonym':
      return `${term.preferredName} (${kind})`;
    default:
      return kind;
  }
}

export interface CompleteTermsOptions {
  readonly limit?: number;
  /** The word being typed is the first of its sentence (see {@link startsSentence}). */
  readonly sentenceStart?: boolean;
}

/** Whether the word starting at `start` is the first word of its sentence (nothing but markup and spaces before it). */
export function startsSentence(prose: Prose, start: number): boolean {
  const s = new SentenceIndex(prose).around(start);
  return !/[\p{L}\p{N}]/u.test(prose.text.slice(s.start, start));
}

const startsUpper = (s: string) => {
  const c = s.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
};
const startsLower = (s: string) => {
  const c = s.charAt(0);
  return c !== c.toUpperCase() && c === c.toLowerCase();
};

/**
 * The writer's capitalisation: a capital typed where the name has none ("Pomalidamid" →
 * "Pomalidomide"), or a capital at the start of a sentence ("Revl" → "Lenalidomide" there,
 * "lenalidomide" mid-sentence, where the capital is the brand's own). Names that start with a
 * capital or a digit (IKZF1, CRBN, CC-220) never change; lower case typed is kept as it is.
 */
function inWritersCase(text: string, typed: string, matched: string, sentenceStart: boolean): string {
  if (!startsUpper(typed) || !startsLower(text)) return text;
  if (!sentenceStart && !startsLower(matched)) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Ranked completions for a typed prefix (empty prefix: every preferred name). */
export function completeTerms(db: TermDb, prefix: string, options: CompleteTermsOptions | number = {}): TermCompletion[] {
  const opts = typeof options === 'number' ? { limit: options } : options;
  const limit = opts.limit ?? 40;
  const sentenceStart = opts.sentenceStart ?? false;
  const forms: SurfaceForm[] = [];
  if (prefix.length === 0) {
    for (const t of db.terms.values()) forms.push({ termId: t.id, name: t.preferredName, kind: 'preferred' });
    forms.sort((a, b) => a.name.localeCompare(b.name));
  } else {
    const seen = new Set<string>();
    const lower = prefix.toLowerCase();
    // exact prefix matches first, then fuse.js's fuzzy ranking
    const prefixed = [...db.forms.values()].filter((f) => f.kind !== 'misspelling' && f.kind !== 'plural' && f.name.toLowerCase().startsWith(lower));
    prefixed.sort((a, b) => a.name.length - b.name.length || a.name.localeCompare(b.name));
    // Fuzzy matches (typos: "pomalidamid") from four letters on, keeping the first letter typed
    // (a typo rarely changes it): "Revl" and "Cel" do not offer cereblon.
    const first = lower.charAt(0);
    const fuzzy = prefix.length < FUZZY_MIN ? [] : fuseOf(db).search(prefix, { limit: limit * 2 }).map((r) => r.item.form).filter((f) => f.name.charAt(0).toLowerCase() === first);
    for (const f of [...prefixed, ...fuzzy]) {
      const key = `${f.termId}\0${f.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      forms.push(f);
    }
  }
  const out: TermCompletion[] = [];
  const insertedSeen = new Set<string>();
  for (const form of forms) {
    if (out.length >= limit) break;
    const term = db.term(form.termId);
    if (!term) continue;
    const resolves = RESOLVE_TO_INN.has(form.kind);
    const insertText = inWritersCase(resolves ? term.preferredName : form.name, prefix, form.name, sentenceStart);
    // one entry per inserted text and alias
    const dedupe = `${insertText}\0${form.name}`;
    if (insertedSeen.has(dedupe)) continue;
    insertedSeen.add(dedupe);
    out.push({
      // what the writer gets: "Pomalidomide" for "Pomalid", "Revlimid → lenalidomide" for "Revl"
      label: resolves ? form.name : insertText,
      ...(resolves ? { description: `→ ${insertText}` } : {}),
      detail: detailOf(db, term, form),
      insertText,
      // Keeps fuzzy hits visible: the editor's own filter always matches the typed word.
      filterText: prefix ? `${prefix} ${form.name}` : form.name,
      sortText: String(out.length).padStart(4, '0'),
      termId: term.id,
      termKind: term.kind,
      formKind: form.kind,
      documentation: `**${md(term.preferredName)}**: ${md(term.summary.text)}`,
    });
  }
  return out;
}

/** Names close to an unknown one ("did you mean"), for `explain` and look-ups. */
export function suggestNames(db: TermDb, name: string, limit = 5): string[] {
  const out: string[] = [];
  for (const r of fuseOf(db).search(name, { limit: limit * 3 })) {
    if (!out.includes(r.item.name)) out.push(r.item.name);
    if (out.length >= limit) break;
  }
  return out;
}
