/**
 * The term database: loads term entries, derives every surface form (INN,
 * synonyms, brands with or without ®/™, research codes with hyphen, space or
 * none, Greek and Latin spellings, plurals of class terms, misspellings),
 * checks them for conflicts, and compiles one case-insensitive RegExp (a trie
 * of all forms) that finds every mention in a single pass.
 */
import type { CslItem, Term, TermFile } from './data/types';

export type FormKind = 'preferred' | 'synonym' | 'brand' | 'code' | 'former' | 'misspelling' | 'plural';

export interface SurfaceForm {
  readonly termId: string;
  /** The form as written in the data (e.g. "CC-5013", "Revlimid", "CK1α"). */
  readonly name: string;
  readonly kind: FormKind;
  readonly note?: string;
}

export interface TermDbProblem {
  readonly message: string;
  readonly termId?: string;
  readonly file?: string;
}

// --- normalisation ---------------------------------------------------------------

const SEP_CHARS = '-\u2010\u2011\u2012\u2013 \t\r\n';
const SEP_RE = /[-\u2010\u2011\u2012\u2013\s]+/g;
const GREEK: Record<string, string> = { α: 'a', β: 'b', γ: 'g', δ: 'd', κ: 'k' };
const GREEK_WORD: Record<string, string> = { alpha: 'a', beta: 'b', gamma: 'g', delta: 'd', kappa: 'k' };

/** Latin letters with diacritics → their base letter ("Grünenthal" → "Grunenthal"); Greek letters are kept. */
export function foldDiacritics(s: string): string {
  return /[\u00c0-\u024f]/.test(s) ? s.normalize('NFD').replace(/([A-Za-z])[\u0300-\u036f]+/g, '$1').normalize('NFC') : s;
}

/** Lookup key of a surface form or of matched text: case, marks, diacritics, separators and Greek spelling folded. */
export function formKey(s: string): string {
  let k = foldDiacritics(s.normalize('NFC').toLowerCase()).replace(/[®™©]/g, '');
  k = k.replace(/alpha|beta|gamma|delta|kappa/g, (w) => GREEK_WORD[w]);
  k = k.replace(/[αβγδκ]/g, (c) => GREEK[c]);
  return k.replace(SEP_RE, '').replace(/[’]/g, "'");
}

// --- trie regex ---------------------------------------------------------------------

const T_SEP_REQ = '\u0001';
const T_SEP_OPT = '\u0002';
const T_SEPGREEK = '\u0003';
const T_GREEK = '\u0004';

type CharClass = 'letter' | 'digit' | 'sep' | 'greek' | 'other';

function classOf(c: string): CharClass {
  if (SEP_CHARS.includes(c)) return 'sep';
  if (c in GREEK) return 'greek';
  if (c >= '0' && c <= '9') return 'digit';
  if (/[a-z\u00c0-\u024f]/.test(c)) return 'letter';
  return 'other';
}

/** Splits a (lower-cased) name into trie tokens. */
function tokens(name: string): string[] {
  const s = name.normalize('NFC').toLowerCase().replace(/[®™©]/g, '').replace(/\balpha\b|\bbeta\b|\bgamma\b|\bdelta\b|\bkappa\b/g, (w) => {
    const g = Object.entries(GREEK).find(([, v]) => v === GREEK_WORD[w]);
    return g ? g[0] : w;
  });
  const out: string[] = [];
  let letterRun = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const cls = classOf(c);
    if (cls === 'sep') {
      let j = i;
      while (j + 1 < s.length && classOf(s[j + 1]) === 'sep') j++;
      const prev = i > 0 ? classOf(s[i - 1]) : 'other';
      const next = j + 1 < s.length ? classOf(s[j + 1]) : 'other';
      if (next === 'greek') {
        out.push(T_SEPGREEK + s[j + 1]);
        i = j + 1;
      } else {
        out.push(prev === 'digit' || next === 'digit' || prev === 'greek' ? T_SEP_OPT : T_SEP_REQ);
        i = j;
      }
      letterRun = 0;
      continue;
    }
    if (cls === 'greek') {
      const prev = i > 0 ? classOf(s[i - 1]) : 'other';
      out.push((prev === 'letter' || prev === 'digit' ? T_SEPGREEK : T_GREEK) + c);
      letterRun = 0;
      continue;
    }
    if (cls === 'digit' && letterRun >= 2) out.push(T_SEP_OPT);
    out.push(c);
    letterRun = cls === 'letter' ? letterRun + 1 : 0;
  }
  return out;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

const SEP_CLASS = '[-\\u2010\\u2011\\u2012\\u2013\\s]';

function tokenSource(tok: string): string {
  switch (tok[0]) {
    case T_SEP_REQ:
      return `${SEP_CLASS}+`;
    case T_SEP_OPT:
      return `${SEP_CLASS}?`;
    case T_SEPGREEK: {
      const g = tok[1];
      const latin = GREEK[g];
      const word = Object.keys(GREEK_WORD).find((w) => GREEK_WORD[w] === latin) ?? latin;
      return `(?:${SEP_CLASS}?(?:${g}|${word})|[-\\u2010\\u2011]?${latin})`;
    }
    case T_GREEK: {
      const g = tok[1];
      const latin = GREEK[g];
      const word = Object.keys(GREEK_WORD).find((w) => GREEK_WORD[w] === latin) ?? latin;
      return `(?:${g}|${word})`;
    }
    default: {
      // A letter with a diacritic also matches its base letter: "Grünenthal" and "Grunenthal".
      const base = foldDiacritics(tok);
      if (base !== tok && base.length === tok.length) return `[${tok}${base}]`;
      return tok.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/'/g, "['\u2019]");
    }
  }
}

function emit(node: TrieNode): string {
  // Descending token order puts literal characters before the separator tokens.
  const entries = [...node.children.entries()].sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));
  const alts = entries.map(([tok, child]) => tokenSource(tok) + emit(child));
  if (alts.length === 0) return '';
  // Greedy optional group: the longest form wins, backtracking to shorter ones.
  if (node.terminal) return `(?:${alts.join('|')})?`;
  return alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
}

/** Characters that make a match part of a longer word (ASCII letters/digits, _, Latin-1/Extended, Greek). */
export function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c <= 0x3ff);
}

const WORD_AFTER = '(?![A-Za-z0-9_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0370-\\u03FF])';

/** Trie sources already built, by their sorted names: claim rules expand the same macros again and again. */
const trieSources = new Map<string, string>();

/** The trie sources built so far, by key: what a build stores (esbuild.mjs) to give primeTrieSources(). */
export function trieSourceEntries(): Array<[string, string]> {
  return [...trieSources];
}

/**
 * Trie sources computed ahead (the build's, for the bundled data): compileTrie() then finds them
 * instead of building their tries again. A trie source depends only on its names, which are its
 * key, so an entry of other data is simply never asked for.
 */
export function primeTrieSources(entries: ReadonlyArray<readonly [string, string]>): void {
  for (const [key, source] of entries) trieSources.set(key, source);
}

export function compileTrie(names: Iterable<string>): RegExp {
  const list = [...names];
  if (list.length === 0) return /(?!)/g;
  // the trie does not depend on the order of the names (emit sorts every node's children)
  const key = [...new Set(list)].sort().join('\u0000');
  let source = trieSources.get(key);
  if (source === undefined) {
    source = trieSource(list);
    if (trieSources.size >= 512) trieSources.clear();
    trieSources.set(key, source);
  }
  // a new RegExp each time: callers keep their own lastIndex
  return new RegExp(source, 'gi');
}

/** The source of compileTrie's regex for a non-empty list of names, built (no cache). */
export function trieSource(names: readonly string[]): string {
  const root: TrieNode = { children: new Map(), terminal: false };
  for (const name of names) {
    let node = root;
    for (const t of tokens(name)) {
      let child = node.children.get(t);
      if (!child) {
        child = { children: new Map(), terminal: false };
        node.children.set(t, child);
      }
      node = child;
    }
    node.terminal = true;
  }
  return `${emit(root)}[®™]?${WORD_AFTER}`;
}

// --- the database ---------------------------------------------------------------

export interface ResolvedMatch {
  readonly key: string;
  readonly form: SurfaceForm | undefined;
  /** A surface form or a claim trigger: the scanner reports it. */
  readonly reported: boolean;
}

export interface TermDbInput {
  terms: TermFile[];
  references: CslItem[];
  termFiles?: string[];
  /** Terms from the user's .imid-lens.json; their forms never override bundled ones. */
  extraTerms?: Term[];
}

export class TermDb {
  readonly terms = new Map<string, Term>();
  readonly references = new Map<string, CslItem>();
  /** formKey → surface form. */
  readonly forms = new Map<string, SurfaceForm>();
  readonly problems: TermDbProblem[] = [];
  readonly fileOf = new Map<string, string>();
  private regex: RegExp | undefined;
  /** Matched text → what it resolves to (matches repeat: "lenalidomide" thousands of times). */
  private readonly resolved = new Map<string, ResolvedMatch>();
  private readonly formsByTerm = new Map<string, SurfaceForm[]>();
  private readonly members = new Map<string, string[]>();
  /** Extra keywords (not terms) the scanner also reports, e.g. claim triggers. */
  private readonly triggers = new Map<string, string>();

  constructor(input: TermDbInput) {
    for (const r of input.references) this.references.set(r.id, r);
    input.terms.forEach((file, i) => {
      for (const t of file.terms) this.addTerm(t, input.termFiles?.[i]);
    });
    for (const t of input.extraTerms ?? []) this.addTerm(t, '.imid-lens.json');
    for (const t of this.terms.values()) {
      for (const m of t.memberOf ?? []) {
        const list = this.members.get(m.id) ?? [];
        list.push(t.id);
        this.members.set(m.id, list);
      }
    }
  }

  private addTerm(t: Term, file?: string): void {
    if (this.terms.has(t.id)) {
      this.problems.push({ message: `term id "${t.id}" is defined twice`, termId: t.id, file });
      return;
    }
    this.terms.set(t.id, t);
    if (file) this.fileOf.set(t.id, file);
    const add = (name: string, kind: FormKind, note?: string) => this.addForm({ termId: t.id, name, kind, ...(note ? { note } : {}) }, file);
    add(t.preferredName, 'preferred');
    for (const s of t.synonyms ?? []) add(s.name, 'synonym', s.note);
    for (const b of t.brands ?? []) add(b.name, 'brand', b.note);
    for (const c of t.codes ?? []) add(c.name, 'code', c.note);
    for (const f of t.formerNames ?? []) add(f.name, 'former', f.note);
    for (const m of t.misspellings ?? []) add(m, 'misspelling');
    if (t.kind === 'class' || t.kind === 'protein' || t.kind === 'complex') {
      // plurals: IMiDs, CELMoDs, molecular glue degraders, cereblons
      for (const s of [t.preferredName, ...(t.synonyms ?? []).map((x) => x.name)]) {
        if (/[a-z]$/i.test(s) && !/s$/i.test(s)) this.addForm({ termId: t.id, name: `${s}s`, kind: 'plural' }, file, true);
      }
    }
  }

  private addForm(form: SurfaceForm, file?: string, quiet = false): void {
    const key = formKey(form.name);
    const prev = this.forms.get(key);
    if (prev) {
      if (prev.termId !== form.termId && !quiet) {
        this.problems.push({
          message: `surface form "${form.name}" of "${form.termId}" is already claimed by "${prev.termId}" ("${prev.name}")`,
          termId: form.termId,
          file,
        });
      }
      return;
    }
    this.forms.set(key, form);
    const list = this.formsByTerm.get(form.termId) ?? [];
    list.push(form);
    this.formsByTerm.set(form.termId, list);
    this.regex = undefined;
    this.resolved.clear();
  }

  /** Adds non-term keywords (claim triggers); returns nothing, reported by the scanner with termId = "". */
  addTriggers(words: Iterable<string>): void {
    for (const w of words) {
      const key = formKey(w);
      if (!this.forms.has(key) && !this.triggers.has(key)) {
        this.triggers.set(key, w);
        this.regex = undefined;
        this.resolved.clear();
      }
    }
  }

  /** The claim trigger words the scanner also reports (see addTriggers). */
  get triggerWords(): string[] {
    return [...this.triggers.values()];
  }

  isTrigger(key: string): boolean {
    return this.triggers.has(key) && !this.forms.has(key);
  }

  /** The one-pass scanner regex (global, case-insensitive), compiled on first use. */
  get scanner(): RegExp {
    if (!this.regex) {
      const names = [...this.forms.values()].map((f) => f.name).concat([...this.triggers.values()]);
      this.regex = compileTrie(names);
    }
    return this.regex;
  }

  /**
   * What a scanner match stands for: its key, its surface form, and whether it is reported at
   * all (a form or a claim trigger). Same answers as formKey/lookup/isTrigger, memoised.
   */
  resolve(text: string): ResolvedMatch {
    let r = this.resolved.get(text);
    if (!r) {
      const key = formKey(text);
      const form = this.forms.get(key);
      r = { key, form, reported: form !== undefined || this.isTrigger(key) };
      if (this.resolved.size >= 10000) this.resolved.clear(); // bounded: a document cannot grow it without limit
      this.resolved.set(text, r);
    }
    return r;
  }

  /** The surface form that matched text stands for. */
  lookup(text: string): SurfaceForm | undefined {
    const form = this.forms.get(formKey(text));
    if (form) return form;
    // a possessive typed on its own ("IMiD's", "CELMoDs'") names the same term
    const bare = text.trim().replace(/['\u2019]s?$/, '');
    return bare !== text.trim() ? this.forms.get(formKey(bare)) : undefined;
  }

  formsOf(termId: string): readonly SurfaceForm[] {
    return this.formsByTerm.get(termId) ?? [];
  }

  /** Term ids that are members of a class term. */
  membersOf(classId: string): readonly string[] {
    return this.members.get(classId) ?? [];
  }

  term(id: string): Term | undefined {
    return this.terms.get(id);
  }

  reference(key: string): CslItem | undefined {
    return this.references.get(key);
  }

  /** Every reference key cited anywhere in a term. */
  refsOf(term: Term): string[] {
    const out = new Set<string>();
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'refs' && Array.isArray(x)) x.forEach((r) => out.add(String(r)));
          else visit(x);
        }
      }
    };
    visit(term);
    return [...out];
  }

  /** Terms whose facts cite the reference. */
  termsCiting(key: string): string[] {
    return [...this.terms.values()].filter((t) => this.refsOf(t).includes(key)).map((t) => t.id);
  }
}
