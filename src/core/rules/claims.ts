/**
 * Data-driven claim rules (data/claims/*.json and the user's extra rules).
 *
 * A claim rule is a set of regexes over one sentence (markup blanked) that
 * name a subject term and a wrong or outdated predicate. Patterns use macros
 * that expand from the term database, so every surface form of a subject
 * (brands, codes, misspellings...) is covered without repeating them. Each
 * match then passes the generic context checks (negation, historical framing,
 * hedged or reported speech, quotation) before it becomes a finding.
 *
 * A name rule flags outdated surface forms (research codes, former names,
 * retired programme names) used as current, with a lexical fix to the
 * current name.
 */
import type { ClaimFile, ClaimRule, Severity } from '../data/types';
import { type OffsetFix, type RawFinding, matchCase } from '../findings';
import type { Mention } from '../scanner';
import { type TermDb, compileTrie } from '../termdb';
import { isHedged, isHistorical, isNegated, isQuoted } from './context';
import { checkRegexSafety } from './safeRegex';
import { WordSet } from './wordSet';

export interface CompiledRule {
  readonly rule: ClaimRule;
  readonly family: string;
  readonly source: string;
  readonly type: 'claim' | 'name';
  readonly patterns: RegExp[];
  /**
   * Per pattern, words that any match needs (see {@link requiredWords}): a pattern whose needs a
   * sentence does not meet cannot match there and is not run (nor compiled, on a first document).
   * Read from the patterns on first use.
   */
  readonly needs?: ReadonlyArray<Need>;
  readonly unless: RegExp[];
  /** Term ids whose mention makes the rule worth running on a sentence. */
  readonly triggers: ReadonlySet<string>;
  /** name rules: formKeys of outdated forms → replacement. */
  readonly outdated?: ReadonlyMap<string, string>;
  /** name rules: term ids whose current name in the sentence makes the old name acceptable. */
  readonly currentTerms?: ReadonlySet<string>;
  readonly rewrites: Array<{ title?: string; replace: string; when?: RegExp }>;
  /** From the user's configuration (patterns screened, time-budgeted). */
  readonly untrusted?: boolean;
}

export interface RuleProblem {
  readonly ruleId?: string;
  readonly source: string;
  readonly message: string;
}

const NAME_OF_GROUP = /\(\?<([A-Za-z_$][\w$]*)>/g;

/** Turns literal spaces (outside character classes) into \s+ so wording survives wraps and markup. */
export function flexibleSpaces(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      out += c + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      continue;
    }
    if (c === ' ') {
      while (src[i + 1] === ' ') i++;
      // " ?" and " *" make the whole white-space run optional
      const q = src[i + 1];
      if (q === '?' || q === '*') {
        out += '\\s*';
        i++;
        if (src[i + 1] === '?') i++; // lazy marker
      } else if (q === '+') {
        out += '\\s+';
        i++;
      } else out += '\\s+';
      continue;
    }
    out += c;
  }
  return out;
}

function alternation(db: TermDb, termIds: Iterable<string>): string {
  const names: string[] = [];
  for (const id of termIds) for (const f of db.formsOf(id)) names.push(f.name);
  if (!names.length) return '(?!)';
  const re = compileTrie(names);
  // compileTrie appends [®™]? and a word-end lookahead; add the word-start lookbehind here
  return `(?<![A-Za-z0-9_\\u00C0-\\u024F\\u0370-\\u03FF])(?:${re.source})`;
}

/** Expands a selector ("apremilast", "members:imid") to term ids. */
export function selectTerms(db: TermDb, selector: string): string[] {
  if (selector.startsWith('members:')) {
    const cls = selector.slice(8);
    return [cls, ...db.membersOf(cls)].filter((id) => db.term(id));
  }
  return db.term(selector) ? [selector] : [];
}

export function compileRules(db: TermDb, files: readonly ClaimFile[], sources: readonly string[] = [], opts: { untrusted?: boolean } = {}): { rules: CompiledRule[]; problems: RuleProblem[] } {
  const rules: CompiledRule[] = [];
  const problems: RuleProblem[] = [];
  files.forEach((file, fi) => {
    const source = sources[fi] ?? `data/claims/${file.family}.json`;
    const needOfMacro = macroNeeds(file);
    for (const rule of file.rules) {
      try {
        rules.push(compileRule(db, file, rule, source, opts.untrusted ?? false, needOfMacro));
      } catch (e) {
        problems.push({ ruleId: rule.id, source, message: `rule "${rule.id}": ${(e as Error).message}` });
      }
    }
  });
  return { rules, problems };
}

/** The words each macro of a file needs (read once per file; term macros need no fixed word). */
export function macroNeeds(file: ClaimFile): (name: string) => Need {
  const memo = new Map<string, Need>();
  const needOf = (name: string): Need => {
    let n = memo.get(name);
    if (n) return n;
    memo.set(name, []); // a macro that names itself needs nothing more
    try {
      n = file.macros && name in file.macros ? requiredWords(file.macros[name], needOf) : [];
    } catch {
      n = [];
    }
    memo.set(name, n);
    return n;
  };
  return needOf;
}

function compileRule(db: TermDb, file: ClaimFile, rule: ClaimRule, source: string, untrusted: boolean, needOfMacro: (name: string) => Need): CompiledRule {
  const type = rule.type ?? 'claim';
  if (type === 'name') {
    if (!rule.forms) throw new Error('a name rule needs "forms"');
    const outdated = new Map<string, string>();
    const currentTerms = new Set<string>();
    const triggers = new Set<string>();
    for (const id of rule.forms.terms) {
      const term = db.term(id);
      if (!term) throw new Error(`unknown term "${id}" in forms.terms`);
      triggers.add(id);
      currentTerms.add(id);
      const replacement = rule.replacement ?? term.preferredName;
      for (const f of db.formsOf(id)) {
        const byKind = rule.forms.kinds ? (rule.forms.kinds as string[]).includes(f.kind) : false;
        const byName = rule.forms.names?.some((n) => n.toLowerCase() === f.name.toLowerCase()) ?? false;
        if (byKind || byName) outdated.set(f.name.toLowerCase(), replacement);
      }
      for (const n of rule.forms.names ?? []) {
        if (!db.formsOf(id).some((f) => f.name.toLowerCase() === n.toLowerCase())) throw new Error(`"${n}" is not a surface form of "${id}"`);
      }
    }
    if (!outdated.size) throw new Error('forms select no surface form');
    return { rule, family: file.family, source, type, patterns: [], unless: compileList(rule.unless, untrusted), triggers, outdated, currentTerms, rewrites: [], untrusted };
  }
  if (!rule.patterns?.length) throw new Error('a claim rule needs "patterns"');
  const subjectIds = new Set<string>();
  for (const sel of rule.subject ?? []) {
    const ids = selectTerms(db, sel);
    if (!ids.length) throw new Error(`subject "${sel}" selects no term`);
    ids.forEach((id) => subjectIds.add(id));
  }
  const triggers = new Set<string>(subjectIds);
  const macroCache = new Map<string, string>();
  const expand = (src: string, depth = 0): string => {
    if (depth > 5) throw new Error('macros nest too deeply');
    return src.replace(/\{([a-z][a-z0-9-]*(?::[a-z0-9-]+)?)\}/gi, (whole, name: string) => {
      const cached = macroCache.get(name);
      if (cached) return cached;
      let out: string;
      if (name === 'subject') {
        if (!subjectIds.size) throw new Error('{subject} used but the rule has no "subject"');
        out = alternation(db, subjectIds);
      } else if (name.startsWith('term:') || name.startsWith('members:')) {
        const ids = selectTerms(db, name.startsWith('term:') ? name.slice(5) : name);
        if (!ids.length) throw new Error(`macro {${name}} selects no term`);
        out = alternation(db, ids);
        if (!subjectIds.size) ids.forEach((id) => triggers.add(id));
      } else if (file.macros && name in file.macros) {
        out = `(?:${expand(flexibleSpaces(file.macros[name]), depth + 1)})`;
      } else {
        throw new Error(`unknown macro ${whole}`);
      }
      macroCache.set(name, out);
      return out;
    });
  };
  // read on the rule's first sentence (see planOf), not when the engine is built; the bundled
  // rules' needs come ready from the build (primeNeeds), by the regex they belong to
  let needs: Need[] | undefined;
  const needsOf = (): Need[] =>
    (needs ??= rule.patterns!.map((p) => {
      const key = patternNeedKey(p, file);
      const known = knownNeeds.get(key);
      if (known) return known;
      let n: Need;
      try {
        n = requiredWords(p, needOfMacro);
      } catch {
        n = []; // a syntax the reader does not follow: the pattern always runs
      }
      if (knownNeeds.size < MAX_KNOWN_NEEDS) knownNeeds.set(key, n);
      return n;
    }));
  const patterns = rule.patterns.map((p) => {
    if (untrusted) assertSafe(p);
    let src = expand(flexibleSpaces(p));
    // A macro used twice repeats its named groups: only the first keeps its name
    // (duplicate names are a syntax error); rewrites see the first occurrence.
    const seen = new Set<string>();
    src = src.replace(NAME_OF_GROUP, (g, n: string) => {
      if (seen.has(n)) return '(?:';
      seen.add(n);
      return g;
    });
    return new RegExp(src, 'gi');
  });
  if (!triggers.size) throw new Error('the rule names no term (use "subject" or a {term:...} macro)');
  return {
    rule,
    family: file.family,
    source,
    type: 'claim',
    patterns,
    get needs() {
      return needsOf();
    },
    unless: compileList(rule.unless, untrusted),
    triggers,
    rewrites: (rule.rewrites ?? []).map((r) => ({ ...(r.title ? { title: r.title } : {}), replace: r.replace, ...(r.when ? { when: new RegExp(r.when, 'i') } : {}) })),
    untrusted,
  };
}

/**
 * Needs read so far (or given by the build), by {@link patternNeedKey}: what requiredWords reads
 * from a pattern depends on the pattern and its file's macros, nothing else.
 */
const knownNeeds = new Map<string, Need>();
const MAX_KNOWN_NEEDS = 4096;

/** The needs read so far, by key: what a build stores (esbuild.mjs) to give {@link primeNeeds}. */
export function needEntries(): Array<[string, Need]> {
  return [...knownNeeds];
}

/**
 * Needs computed ahead (the build's, for the bundled rules): a first document then does not read
 * the patterns of every rule with cold code. An entry of other data is simply never asked for.
 */
export function primeNeeds(entries: ReadonlyArray<readonly [string, Need]>): void {
  for (const [key, need] of entries) knownNeeds.set(key, need);
}

const macrosKeys = new WeakMap<ClaimFile, string>();
/** The key of a pattern's needs: a hash of the pattern as written and one of its file's macros. */
export function patternNeedKey(pattern: string, file: ClaimFile): string {
  let m = macrosKeys.get(file);
  if (m === undefined) macrosKeys.set(file, (m = needKey(JSON.stringify(file.macros ?? {}))));
  return `${needKey(pattern)}:${m}`;
}

/** A 64-bit hash of a string (two 32-bit FNV-1a variants) with its length, as a short string key. */
export function needKey(src: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ src.length;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return `${src.length.toString(36)}.${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

function compileList(list: string[] | undefined, untrusted: boolean): RegExp[] {
  return (list ?? []).map((p) => {
    if (untrusted) assertSafe(p);
    // global only so that primeRegex can compile it straight to machine code: tested from lastIndex 0 (see unlessHolds)
    return new RegExp(flexibleSpaces(p), 'gi');
  });
}

/**
 * V8 compiles a RegExp on its first exec: for a subject shorter than 1000 characters to bytecode
 * (with a slow peephole pass), then again to machine code on its next exec; for a longer subject
 * straight to machine code, which costs less than the bytecode alone. A claim regex runs on every
 * sentence that needs it, so before its first real exec it is run once at the end of a
 * 1000-character string (one position, no match of consequence): a first document then compiles
 * each regex it needs once, to machine code (about a third of the cost of the two-step way).
 * Needs a global or sticky regex (lastIndex is honoured); the caller resets lastIndex.
 */
function primeRegex(re: RegExp, wide: boolean | undefined): void {
  // V8 compiles a regex for one-byte and for two-byte strings apart: the primer is of the kind the sentences are
  const done = wide ? primedWide : primed;
  if (done.has(re)) return;
  done.add(re);
  const primer = wide ? PRIMER_WIDE : PRIMER;
  re.lastIndex = primer.length;
  re.exec(primer);
  re.lastIndex = 0;
}
const primed = new WeakSet<RegExp>();
const primedWide = new WeakSet<RegExp>();
const PRIMER = ' '.repeat(1024);
const PRIMER_WIDE = `${' '.repeat(1023)}\u2014`;

/** Whether an `unless` regex of a rule matches the sentence (global regexes, run from the start). */
function unlessHolds(unless: readonly RegExp[], text: string, wide: boolean | undefined): boolean {
  for (const u of unless) {
    primeRegex(u, wide);
    u.lastIndex = 0;
    const hit = u.test(text);
    u.lastIndex = 0;
    if (hit) return true;
  }
  return false;
}

const MACRO = /\{[a-z][a-z0-9-]*(?::[a-z0-9-]+)?\}/gi;

function assertSafe(pattern: string): void {
  // Screened as it will run (spaces become \s+); macros expand to vetted term tries.
  const problem = checkRegexSafety(flexibleSpaces(pattern).replace(MACRO, 'X'));
  if (problem) throw new Error(`pattern ${JSON.stringify(pattern)} is rejected: ${problem}`);
}

// --- required words ----------------------------------------------------------------------

/**
 * What a pattern needs in a sentence to match, as lower-case ASCII words: every inner list (a
 * clause) must have one of its words in the sentence. Empty when nothing is certain.
 */
export type Need = ReadonlyArray<readonly string[]>;

/** Whether the lower-cased text holds a word of every clause. */
export function meets(need: Need, lower: string): boolean {
  for (const clause of need) {
    let any = false;
    for (const w of clause) {
      if (lower.includes(w)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

/** The required words of a list of rules as one {@link WordSet}, and each pattern's needs as word ids. */
interface NeedPlan {
  readonly words: WordSet;
  /** Per rule (by index), per pattern, the clauses of its needs as word ids. */
  readonly ids: Array<number[][][] | undefined>;
  /** Per rule: words of which a sentence needs one for any pattern of the rule to match (undefined: no such words). */
  readonly some: Array<number[] | undefined>;
  /** The rules (their indices) each term triggers. */
  readonly byTerm: Map<string, number[]>;
}

const plans = new WeakMap<readonly CompiledRule[], NeedPlan>();

function planOf(rules: readonly CompiledRule[]): NeedPlan {
  let plan = plans.get(rules);
  if (plan) return plan;
  const all: string[] = [];
  for (const r of rules) for (const n of r.needs ?? []) for (const c of n) all.push(...c);
  const words = new WordSet(all);
  const ids: Array<number[][][] | undefined> = [];
  const some: Array<number[] | undefined> = [];
  rules.forEach((r, k) => {
    // a word the set could not take (not ASCII) makes its clause always met: the clause is dropped
    const n = r.needs?.map((x) => x.filter((c) => c.every((w) => words.id(w) >= 0)).map((c) => c.map((w) => words.id(w))));
    ids[k] = n;
    // the first clause of every pattern, together (a pattern that needs nothing: none)
    some[k] = n && n.length && n.every((x) => x.length) ? [...new Set(n.flatMap((x) => x[0]))] : undefined;
  });
  const byTerm = new Map<string, number[]>();
  rules.forEach((r, k) => {
    for (const t of r.triggers) {
      const l = byTerm.get(t);
      if (l) l.push(k);
      else byTerm.set(t, [k]);
    }
  });
  plans.set(rules, (plan = { words, ids, some, byTerm }));
  return plan;
}

function someOf(clause: readonly number[], words: WordSet): boolean {
  for (const id of clause) if (words.has(id)) return true;
  return false;
}

function meetsIds(need: readonly number[][], words: WordSet): boolean {
  for (const clause of need) {
    let any = false;
    for (const id of clause) {
      if (words.has(id)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

/** A clause of words shorter than this is not worth testing ("is", "an"). */
const MIN_WORD = 3;
/** An alternation of more words than this is not worth a clause. */
const MAX_CLAUSE = 48;
/** Clauses kept per pattern (the most selective: longest shortest word). */
const MAX_CLAUSES = 4;

/**
 * Words every match of a case-insensitive regex source (as written in a claim file: a space
 * stands for any white space, see {@link flexibleSpaces}) must contain (or that its positive
 * lookarounds need in the same string), read from the source: a literal run of ASCII characters
 * outside classes and quantifiers is needed as written, a group's needs hold when the group is not
 * optional, an alternation needs one of its branches' words. Anything else (classes, escapes,
 * non-ASCII letters, back-references, negative lookarounds) needs nothing. {name} macros (before
 * expansion) need what `macro(name)` says. A necessary condition only: matching is still the
 * regex's; a sentence without the words is one where the regex cannot match, so it is not run.
 */
export function requiredWords(src: string, macro: (name: string) => Need = () => []): Need {
  const r = new NeedReader(src, macro);
  const all = r.alt();
  if (r.i !== src.length) throw new Error(`unbalanced group at ${r.i}`);
  return all;
}

/** Lower-case ASCII characters that stand for themselves after a backslash. */
const LITERAL_ESCAPE = /^[-.\/\\^$*+?()[\]{}|,:;'"!#%&=<>@~`_ ]$/;
const QUANT_BRACE = /\{(\d+)(?:,\d*)?\}/y;
const MACRO_NAME = /\{([a-z][a-z0-9-]*(?::[a-z0-9-]+)?)\}/iy;

/** Score of a clause: its shortest word first, then fewer words. */
function clauseScore(c: readonly string[]): number {
  let min = Infinity;
  for (const w of c) if (w.length < min) min = w.length;
  return min * 100 - c.length;
}

/** The best clauses of a need: only words long enough to be worth looking for, at most MAX_CLAUSES. */
function prune(n: string[][]): string[][] {
  const kept = n.filter((c) => c.length && c.every((w) => w.length >= MIN_WORD));
  if (kept.length > MAX_CLAUSES) kept.sort((x, y) => clauseScore(y) - clauseScore(x)).length = MAX_CLAUSES;
  return kept;
}

/** A reader of one regex source for {@link requiredWords}: recursive descent, methods (no closures per call). */
class NeedReader {
  i = 0;

  constructor(
    readonly src: string,
    readonly macro: (name: string) => Need,
  ) {}

  /** A quantifier at i (consumed): its minimum count, or -1 when there is none. */
  private quantifier(): number {
    const src = this.src;
    const c = src.charCodeAt(this.i);
    let min: number;
    if (c === 42 /* * */ || c === 63 /* ? */) {
      min = 0;
      this.i++;
    } else if (c === 43 /* + */) {
      min = 1;
      this.i++;
    } else if (c === 123 /* { */) {
      QUANT_BRACE.lastIndex = this.i;
      const m = QUANT_BRACE.exec(src);
      if (!m) return -1;
      min = Number(m[1]);
      this.i += m[0].length;
    } else return -1;
    if (src.charCodeAt(this.i) === 63) this.i++;
    return min;
  }

  alt(): string[][] {
    const first = this.seq();
    if (this.src.charCodeAt(this.i) !== 124 /* | */) return first;
    const words = new Set<string>();
    let ok = true;
    const add = (n: string[][]) => {
      let best: string[] | undefined;
      let score = -1;
      for (const c of n) {
        const sc = clauseScore(c);
        if (sc > score) {
          score = sc;
          best = c;
        }
      }
      if (!best) ok = false;
      else for (const w of best) words.add(w);
    };
    add(first);
    while (this.src.charCodeAt(this.i) === 124) {
      this.i++;
      add(this.seq());
    }
    return ok && words.size <= MAX_CLAUSE ? [[...words]] : [];
  }

  private seq(): string[][] {
    const src = this.src;
    const out: string[][] = [];
    let run = '';
    while (this.i < src.length) {
      const c = src.charCodeAt(this.i);
      if (c === 124 /* | */ || c === 41 /* ) */) break;
      let lit = '';
      let need: Need = [];
      if (c === 40 /* ( */) {
        this.i++;
        let negative = false;
        if (src.charCodeAt(this.i) === 63 /* ? */) {
          const d = src[this.i + 1];
          if (d === ':' || d === '=') this.i += 2;
          else if (d === '!') {
            negative = true;
            this.i += 2;
          } else if (d === '<' && src[this.i + 2] === '=') this.i += 3;
          else if (d === '<' && src[this.i + 2] === '!') {
            negative = true;
            this.i += 3;
          } else if (d === '<') this.i = src.indexOf('>', this.i) + 1;
          else throw new Error(`unsupported group at ${this.i}`);
        }
        const inner = this.alt();
        if (src.charCodeAt(this.i) !== 41) throw new Error(`unbalanced group at ${this.i}`);
        this.i++;
        if (!negative) need = inner;
      } else if (c === 91 /* [ */) {
        let k = this.i + 1;
        if (src[k] === '^') k++;
        if (src[k] === ']') k++;
        while (k < src.length && src[k] !== ']') k += src[k] === '\\' ? 2 : 1;
        this.i = k + 1;
      } else if (c === 92 /* \ */) {
        const e = src[this.i + 1] ?? '';
        this.i += 2;
        if (LITERAL_ESCAPE.test(e)) lit = e;
        else if (e === 'u') this.i += src[this.i] === '{' ? src.indexOf('}', this.i) + 1 - this.i : 4;
        else if (e === 'x') this.i += 2;
        else if (e === 'k') this.i = src.indexOf('>', this.i) + 1;
        else if (e === 'c') this.i++;
        else if (e >= '0' && e <= '9') while (this.i < src.length && src[this.i] >= '0' && src[this.i] <= '9') this.i++;
        // \b \B \s \S \w \W \d \D \n \t ...: no word
      } else if (c === 123 /* { */) {
        MACRO_NAME.lastIndex = this.i;
        const m = MACRO_NAME.exec(src);
        if (m) {
          this.i += m[0].length;
          // an optional macro needs nothing: it is not read
          const at = this.i;
          const q = this.quantifier();
          this.i = at;
          if (q !== 0) need = this.macro(m[1]);
        } else this.i++; // a brace that is no macro or quantifier: a literal, taken as nothing
      } else if (c === 46 /* . */ || c === 94 /* ^ */ || c === 36 /* $ */) this.i++;
      else {
        this.i++;
        // a space is white space of any length (see flexibleSpaces): no word
        if (c < 128 && c !== 32) lit = src[this.i - 1].toLowerCase();
      }
      const min = this.quantifier();
      if (lit) {
        if (min < 0) run += lit;
        else {
          if (min >= 1) run += lit;
          if (run) out.push([run]);
          run = '';
        }
        continue;
      }
      if (run) out.push([run]);
      run = '';
      if (min !== 0) for (const cl of need) out.push(cl as string[]);
    }
    if (run) out.push([run]);
    return prune(out);
  }
}

// --- evaluation ----------------------------------------------------------------------------

export interface SentenceInput {
  /** Document offset of the sentence start. */
  readonly start: number;
  /** Sentence text with markup blanked (same length as the sentence). */
  readonly text: string;
  /**
   * Whether the document holds a character above U+00FF, so that V8 stores its text (and the
   * sentences cut from it) two bytes a character: the regexes are compiled for that (primeRegex).
   * Only a matter of speed.
   */
  readonly wide?: boolean;
  /**
   * The document's prose text as written and whether an offset is markup (blanked in `text`), so a
   * rewrite can widen its span over emphasis or braces that belong to the claim. Document offsets.
   */
  readonly raw?: { readonly text: string; markup(offset: number): boolean };
  /** Mentions inside the sentence (document offsets). */
  readonly mentions: readonly Mention[];
  /** Whether the sentence sits in a block quote. */
  readonly quoted: boolean;
  /** Where the findings of bundled rules switched off go (they silence the fact frames on their sentences). */
  readonly silenced?: RawFinding[];
  /** Whether a document offset lies inside a quotation the prose layer found (LaTeX ``...'', quote environments). */
  readonly quotedAt?: (offset: number) => boolean;
  /** Stretches of the sentence that hold citations, to carry over into rewrites: document offsets. */
  readonly citations: ReadonlyArray<{ start: number; end: number; text: string }>;
  /** Build the "insert citation" edit for evidence keys (language-specific); undefined when not possible. */
  readonly citeFix?: (keys: readonly string[]) => OffsetFix | undefined;
}

export interface Severities {
  severityOf(ruleId: string, dflt: Severity): Severity | 'off';
}

/**
 * Time budget per rule and document. JavaScript cannot interrupt a running
 * RegExp (user patterns are screened for catastrophic backtracking when they
 * load); this bounds the total: a rule whose evaluations on one document add up
 * to more than `limitMs` (measured with the engine's injected clock) is skipped
 * for the rest of that document and reported once.
 *
 * By default only the user's rules (.imid-lens.json) are timed: the bundled ones
 * are reviewed and performance-tested, and skipping them because a machine is
 * busy would make findings come and go. The first evaluation of a rule in an
 * engine is never charged (V8 compiles the RegExp then).
 */
export class RuleBudget {
  private readonly spent = new Map<string, number>();
  private readonly over = new Set<string>();
  /** Rules that ran out of budget, in the order they did, with where (document offsets). */
  readonly exceeded: Array<{ ruleId: string; spentMs: number; start: number; end: number }> = [];

  constructor(
    readonly clock: () => number,
    readonly limitMs: number,
    /** Which rules are timed: the user's (default) or all. */
    readonly scope: 'user' | 'all' = 'user',
  ) {}

  /** Budget for a document of `length` characters: a base plus a share per KB, so long documents are not starved. */
  static forDocument(clock: () => number, length: number, opts: { baseMs?: number; msPerKb?: number; scope?: 'user' | 'all' } = {}): RuleBudget {
    return new RuleBudget(clock, (opts.baseMs ?? DEFAULT_BUDGET_MS) + (opts.msPerKb ?? DEFAULT_BUDGET_MS_PER_KB) * (length / 1024), opts.scope ?? 'user');
  }

  /** Whether this rule's time counts. */
  times(r: CompiledRule): boolean {
    return this.scope === 'all' || r.untrusted === true;
  }

  isOver(ruleId: string): boolean {
    return this.over.has(ruleId);
  }

  charge(ruleId: string, ms: number, where: { start: number; end: number }): void {
    const total = (this.spent.get(ruleId) ?? 0) + Math.max(0, ms);
    this.spent.set(ruleId, total);
    if (total > this.limitMs && !this.over.has(ruleId)) {
      this.over.add(ruleId);
      this.exceeded.push({ ruleId, spentMs: total, start: where.start, end: where.end });
    }
  }
}

/** Rules that have run once in their engine (their RegExps are compiled). */
const warmed = new WeakSet<CompiledRule>();

export const DEFAULT_BUDGET_MS = 250;
export const DEFAULT_BUDGET_MS_PER_KB = 1;

export function evaluateSentence(rules: readonly CompiledRule[], s: SentenceInput, sev: Severities, out: RawFinding[], budget?: RuleBudget): void {
  const firstOfSentence = out.length;
  const plan = planOf(rules);
  // the rules a mention of the sentence triggers, in their order
  const relevant = new Uint8Array(rules.length);
  let any = false;
  for (const m of s.mentions) {
    if (!m.form) continue;
    const l = plan.byTerm.get(m.form.termId);
    if (l) {
      for (let k = 0; k < l.length; k++) relevant[l[k]] = 1;
      any = true;
    }
  }
  if (!any) return;
  let read = false;
  for (let ri = 0; ri < rules.length; ri++) {
    if (!relevant[ri]) continue;
    const r = rules[ri];
    let severity = sev.severityOf(r.rule.id, r.rule.severity);
    let into = out;
    if (severity === 'off') {
      // a bundled rule switched off still marks its sentences, so that the fact frames stay silent there too
      if (!s.silenced || r.family === 'user') continue;
      severity = 'hint';
      into = s.silenced;
    }
    const timed = budget !== undefined && budget.times(r);
    if (timed && budget.isOver(r.rule.id)) continue;
    const t0 = timed ? budget.clock() : 0;
    // the patterns whose required words the sentence holds (the others cannot match)
    let runnable: RegExp[] | undefined = r.patterns;
    if (r.type === 'claim' && r.needs) {
      if (!read) {
        plan.words.read(s.text);
        read = true;
      }
      const needs = plan.ids[ri];
      if (needs) {
        runnable = undefined;
        // no pattern of the rule can match without one of these words
        const some = plan.some[ri];
        if (!some || someOf(some, plan.words)) {
          for (let k = 0; k < r.patterns.length; k++) {
            if (meetsIds(needs[k], plan.words)) (runnable ??= []).push(r.patterns[k]);
          }
        }
      }
    }
    if (runnable && !unlessHolds(r.unless, s.text, s.wide)) {
      if (r.type === 'name') evaluateName(r, s, severity, into);
      else evaluateClaim(r, runnable, s, severity, into, into === out ? firstOfSentence : into.length);
    }
    if (timed) {
      const ms = budget.clock() - t0;
      if (warmed.has(r)) budget.charge(r.rule.id, ms, { start: s.start, end: s.start + s.text.trimEnd().length });
      else warmed.add(r);
    }
  }
}

function guarded(r: CompiledRule, s: SentenceInput, start: number, end: number, scope: 'claim' | 'sentence'): boolean {
  const g = r.rule.guards ?? {};
  const c = { sentence: s.text, matchStart: start, matchEnd: end };
  if (g.quotation !== false && (s.quoted || s.quotedAt?.(s.start + start) || isQuoted(c))) return true;
  if (g.negation !== false && isNegated(c)) return true;
  if (g.historical !== false && isHistorical(c, scope)) return true;
  if (g.hedge !== false && isHedged(c)) return true;
  return false;
}

function evaluateClaim(r: CompiledRule, patterns: readonly RegExp[], s: SentenceInput, severity: Severity, out: RawFinding[], firstOfSentence: number): void {
  let lastEnd = -1;
  const hits: Array<{ start: number; end: number; m: RegExpExecArray }> = [];
  for (const re of patterns) {
    primeRegex(re, s.wide);
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = re.exec(s.text)) !== null && guard++ < 50) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      hits.push({ start: m.index, end: m.index + m[0].length, m });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  for (const h of hits) {
    if (h.start < lastEnd) continue; // overlapping alternative patterns of the same rule
    // trim blank (markup) edges so the range sits on words
    let hs = h.start;
    let he = h.end;
    while (hs < he && s.text.charCodeAt(hs) === 32) hs++;
    while (he > hs && /\s/.test(s.text[he - 1])) he--;
    if (guarded(r, s, hs, he, 'claim')) continue;
    lastEnd = h.end;
    const docStart = s.start + hs;
    const docEnd = s.start + he;
    // a rewrite replaces a span whose markup is balanced ("*Apremilast* is a **third-generation IMiD**")
    const [rs, re] = s.raw ? balancedSpan(s.raw, docStart, docEnd) : [docStart, docEnd];
    // citations inside the replaced span move to its end ("Apremilast [@x] is an IMiD" keeps [@x])
    const carried = s.citations.filter((c) => c.start >= rs && c.end <= re).map((c) => c.text);
    // one finding per stretch of text and family: an earlier rule of the family already said it
    let dup = false;
    for (let k = firstOfSentence; k < out.length && !dup; k++) {
      const o = out[k];
      dup = o.family === r.family && o.start < docEnd && docStart < o.end;
    }
    if (dup) continue;
    const fixes: OffsetFix[] = [];
    const original = s.text.slice(hs, he);
    const atSentenceStart = /^[\s"'\u201c\u2018(\[*_]*$/.test(s.text.slice(0, hs));
    for (const rw of r.rewrites) {
      if (rw.when && !rw.when.test(original)) continue;
      // a template written for another pattern of the rule (it names a group this pattern lacks)
      if (!templateFits(rw.replace, h.m)) continue;
      let text = expandTemplate(rw.replace, h.m);
      // markup is blanked in the groups: "(\\textit{R})-thalidomide" reads "( R )-thalidomide" until the
      // blanks next to brackets and before commas go
      text = text.replace(/\s+/g, ' ').trim().replace(/([([{]) /g, '$1').replace(/ ([)\]},;])/g, '$1');
      // a capital at the start of the sentence stays; "PROTACs such as ..." mid-sentence is an acronym
      if (atSentenceStart) text = matchCase(text, original);
      if (carried.length) text += ` ${carried.join(' ')}`;
      if (text === original) continue;
      fixes.push({ title: rw.title ? expandTemplate(rw.title, h.m) : `Rewrite as "${abbreviate(text)}"`, kind: 'rewrite', edits: [{ start: rs, end: re, newText: text }] });
    }
    const cite = s.citeFix?.(r.rule.evidence);
    if (cite) fixes.push(cite);
    out.push({
      ruleId: r.rule.id,
      severity,
      message: r.rule.message,
      start: docStart,
      end: docEnd,
      explanation: r.rule.explanation,
      evidence: r.rule.evidence,
      family: r.family,
      fixes,
    });
  }
}

const SUCCESSION_BEFORE = /\b(?:formerly|previously|earlier|former|old|older|original|originally|replaced|replacing|replaces|succeeded|succeeds|succeeding|took over from|renamed|successor to|superseded|supersedes|predecessor|instead of|rather than)\b[^.;]{0,25}$/i;
/** The code introduced as a code: "under the code CC-10004", "was known by the code CC-4047", "Research code: CC-5013". */
const CODE_INTRO = /(?:\b(?:under|by|with|as) (?:the |its )?(?:research |development |laboratory |company |internal |original )?(?:code|code name|designation)|\bcode-?named|\b(?:was|were|had been) (?:first |initially |originally |then |once )?(?:known|designated|called|named|coded|referred to)(?: (?:during|in|at|throughout|for) [a-z ]{0,24}?)?(?: as| by)?(?: the(?: research| development| laboratory| company| internal)? code)?|^\s*(?:[-*\u2022]\s*)?(?:research|development|laboratory|company|former|other|alternative|previous)? ?(?:codes?|code names?|names|synonyms|designations?)\s*[:=]|\b(?:research|development|laboratory|company|internal|original|former) (?:code|code name|name|designation) (?:was|is|had been)(?: originally| initially| first)?)\s*$/i;
const SUCCESSION_AFTER = /^[^.;]{0,12}\b(?:(?:was|were|has been|had been|have been)\s+(?:later\s+|since\s+|subsequently\s+)?(?:renamed|replaced|superseded|retired|discontinued(?!\s+(?:in|by|due|because|for|after|at|owing|when)\b))|(?:was|is|were)\s+(?:the|an?|its)\s+(?:old|older|former|previous|earlier|original|first)\s+(?:name|names|brand|code|programme|program))\b/i;
/** The name itself talked about: "a form that mentions RevAssist", "the name CC-5013", "RevAssist??", "what is RevAssist?" */
const NAME_AS_WORD_BEFORE = /\b(?:mentions?|mentioned|mentioning|refers? to|referred to|the (?:old|former|previous) (?:name|term|word|label)|what(?: is|'s| was)|heard of)\s*["'\u201c\u2018]?$/i;

function evaluateName(r: CompiledRule, s: SentenceInput, severity: Severity, out: RawFinding[]): void {
  const outdated = r.outdated!;
  for (const m of s.mentions) {
    if (!m.form) continue;
    const replacement = outdated.get(m.form.name.toLowerCase());
    if (!replacement) continue;
    if (r.rule.allowWithCurrentName !== false) {
      // "lenalidomide (CC-5013)": the current name is in the sentence
      const current = s.mentions.some((o) => o !== m && o.form && o.form.termId === m.form!.termId && !outdated.has(o.form.name.toLowerCase()) && o.form.kind !== 'misspelling');
      if (current) continue;
    }
    const rel = m.start - s.start;
    // part of an identifier such as the protocol number "CC-5013-MM-009"
    if (/^[-\u2010\u2011][A-Z0-9]/.test(s.text.slice(rel + m.text.length, rel + m.text.length + 2))) continue;
    if (guarded(r, s, rel, rel + (m.end - m.start), 'sentence')) continue;
    // "replaced the earlier S.T.E.P.S. program", "RevAssist was renamed": the old name named as old
    if (CODE_INTRO.test(s.text.slice(Math.max(0, s.text.lastIndexOf('\n', rel) + 1, rel - 60), rel))) continue;
    if (NAME_AS_WORD_BEFORE.test(s.text.slice(Math.max(0, rel - 40), rel))) continue;
    // a question that is only the name ("RevAssist??")
    if (/^\W*$/.test(s.text.slice(0, rel)) && /^\W*\?[?!\s]*$/.test(s.text.slice(rel + m.text.length))) continue;
    if (SUCCESSION_BEFORE.test(s.text.slice(Math.max(0, rel - 40), rel)) || SUCCESSION_AFTER.test(s.text.slice(rel + m.text.length, rel + m.text.length + 40))) continue;
    const atSentenceStart = s.text.slice(0, rel).trim() === '';
    const newText = atSentenceStart ? matchCase(replacement, 'A') : replacement;
    // "... through S.T.E.P.S." : the last dot also ends the sentence and stays
    let text = m.text;
    let end = m.end;
    if (text.endsWith('.') && !replacement.endsWith('.') && s.text.slice(rel + text.length).trim() === '') {
      text = text.slice(0, -1);
      end--;
    }
    out.push({
      ruleId: r.rule.id,
      severity,
      message: r.rule.message.replace(/\{name\}/g, text).replace(/\{current\}/g, replacement),
      start: m.start,
      end,
      explanation: r.rule.explanation,
      evidence: r.rule.evidence,
      family: r.family,
      fixes: [{ title: `Change "${text}" to "${newText}"`, kind: 'lexical', edits: [{ start: m.start, end, newText }] }],
      data: { termId: m.form.termId, outdated: text, current: replacement },
    });
  }
}

const MARKUP_PAIRS: ReadonlyArray<readonly [string, string]> = [['{', '}'], ['(', ')'], ['[', ']']];

/**
 * The span [start, end) of the document, widened over adjacent markup (at most 12 characters each
 * side) until the markup inside it is balanced: emphasis delimiters (* _ ~ ^ ` runs) pair up and
 * brackets close. A rewrite of that span drops the formatting inside the claim instead of leaving
 * "*Apremilast is a ... inhibitor**". When no balanced span is found nearby, the span is returned
 * as is.
 */
export function balancedSpan(raw: { readonly text: string; markup(offset: number): boolean }, start: number, end: number): [number, number] {
  const t = raw.text;
  const isMarkup = (i: number) => i >= 0 && i < t.length && raw.markup(i) && !/\s/.test(t[i]);
  let any = false;
  for (let i = start; i < end && !any; i++) any = isMarkup(i);
  if (!any) return [start, end];
  const balanced = (a: number, b: number): boolean => {
    // emphasis delimiters pair by run ("**" closes "**"), brackets by count
    const stack: string[] = [];
    const depth = new Map<string, number>();
    for (let i = a; i < b; i++) {
      if (!isMarkup(i)) continue;
      const c = t[i];
      if ('*_~^`'.includes(c)) {
        let j = i;
        while (j + 1 < b && t[j + 1] === c && isMarkup(j + 1)) j++;
        const run = t.slice(i, j + 1);
        if (stack[stack.length - 1] === run) stack.pop();
        else stack.push(run);
        i = j;
        continue;
      }
      for (const [o, cl] of MARKUP_PAIRS) {
        if (c === o) depth.set(o, (depth.get(o) ?? 0) + 1);
        else if (c === cl) depth.set(o, (depth.get(o) ?? 0) - 1);
      }
    }
    return stack.length === 0 && [...depth.values()].every((d) => d === 0);
  };
  let best: [number, number] | undefined;
  for (let l = 0; l <= 12 && (l === 0 || isMarkup(start - l)); l++) {
    for (let r = 0; r <= 12 && (r === 0 || isMarkup(end + r - 1)); r++) {
      if ((!best || l + r < best[1] - best[0] - (end - start)) && balanced(start - l, end + r)) best = [start - l, end + r];
    }
  }
  return best ?? [start, end];
}

/** Whether every $<name> of the template is a group of the pattern that matched (it may be unmatched). */
export function templateFits(template: string, m: RegExpExecArray): boolean {
  for (const g of template.matchAll(/\$<([A-Za-z_$][\w$]*)>/g)) {
    if (!m.groups || !(g[1] in m.groups)) return false;
  }
  return true;
}

/** $<name>, $1..$9 and $& from the match; unmatched groups expand to nothing. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(?:<([A-Za-z_$][\w$]*)>|(\d)|&)/g, (_whole, name: string | undefined, num: string | undefined) => {
    if (name !== undefined) return m.groups?.[name] ?? '';
    if (num !== undefined) return m[Number(num)] ?? '';
    return m[0];
  });
}

function abbreviate(s: string): string {
  return s.length > 70 ? `${s.slice(0, 67)}…` : s;
}
