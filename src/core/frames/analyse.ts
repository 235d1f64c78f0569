/**
 * The linguistic layer of the fact frames, hand-written and small: a sentence becomes
 * tokens with the scanner's entities on them, clauses (split at ';' and at contrastive
 * conjunctions), and questions a frame asks about a cue: is it negated (scope: the
 * clause before the cue, stopping at an entity), is its clause historical, reported or
 * conditional, which years anchor it, and which drugs it is about (named in the clause,
 * coordinated, not behind "unlike"; else a pronoun or "the drug" resolved to the
 * paragraph's last drug; else the section's topic). See docs/frames.md.
 */
import type { Term, TermKind } from '../data/types';
import type { Mention } from '../scanner';
import type { TermDb } from '../termdb';
import { type Lexicon, type PhraseHit, PhraseTable, type RawToken, isHyphen, tokenize } from './lexicon';

export interface Ent {
  readonly termId: string;
  readonly kind: TermKind;
  /** How the name was written: preferred, brand, code, former, synonym, plural, misspelling. */
  readonly formKind: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Tok extends RawToken {
  /** The entity this token is part of. */
  ent?: Ent;
}

export interface Clause {
  readonly from: number;
  readonly to: number;
}

export interface Subject {
  readonly termId: string;
  /** Where the subject is written in this sentence, if it is. */
  readonly ent?: Ent;
  readonly how: 'named' | 'pronoun' | 'topic' | 'default';
}

export interface Context {
  /** Drugs (or classes) of the previous sentences of the paragraph, most recent last. */
  readonly previous: readonly string[];
  /** The drugs of the last earlier sentence of the paragraph that named any, in order (its subject first). */
  readonly lastSentence?: readonly string[];
  /**
   * The drug the paragraph's last sentence was about when it opened with it or with a singular
   * pronoun that carried it on ("Mezigdomide is ... . It belongs to ... a newer group than the
   * IMiDs. It has ..."): a singular pronoun refers to it before any other drug of that sentence.
   */
  readonly chain?: string;
  /** The last earlier sentence of the paragraph that named a drug opened with a pronoun whose drug is not in the paragraph: a pronoun now is as unresolved. */
  readonly unresolved?: boolean;
  /** The latest year written in the text before the sentence (up to the checking year): the text is at least that recent. */
  readonly latestYear?: number;
  /** The drug the section heading or the block's title line is about. */
  readonly topic?: string;
  /** The topic as written there (a brand, a code, the INN). */
  readonly topicName?: string;
}

const YEAR = /^(1[89]\d\d|20\d\d)(s?)$/;
// a Map: a token such as "constructor" must not find Object's prototype
const SHORT_DECADE = new Map<string, number>([['50s', 1950], ['60s', 1960], ['70s', 1970], ['80s', 1980], ['90s', 1990], ['fifties', 1950], ['sixties', 1960], ['nineties', 1990]]);
const ONCE_FREQUENCY = new Set(['daily', 'weekly', 'monthly', 'every', 'per', 'nightly', 'each', 'again']);
const PERIODS = new Set(['day', 'week', 'month', 'year', 'night', 'fortnight', 'cycle']);
const ARTICLES = new Set(['the', 'a', 'an']);
const SUBJECT_PRONOUNS = new Set(['it', "it's", 'its']);
const PP_OBJECT = new Set(['of', 'than', 'to', 'from', 'like', 'unlike']);
const CONCESSIVE = new Set(['although', 'though', 'while', 'whilst', 'whereas', 'despite', 'even']);
const CLAUSE_BREAK = new Set([';', 'but', 'whereas', 'although', 'though', 'while', 'whilst', 'yet', '\u2014']);
/** A line that is a label and its value ("Drug class: ...", "- Status: ...", "Manufacturer: ..."). */
const LABEL_LINE = /^[ \t]*(?:[-*\u2022+>|][ \t]*)?(?:[A-Za-z][A-Za-z .()/'\u2019-]{0,40}|(?:early |mid-?|late )?(?:1[89]|20)\d\ds?)[:=]/;
const ANAPHOR_DET = new Set(['these', 'those', 'both', 'such', 'the', 'this', 'that', 'all', 'each', 'either', 'neither']);
const ANAPHOR_NOUN_SING = new Set(['drug', 'agent', 'compound', 'medicine', 'medication', 'molecule', 'analogue', 'analog', 'derivative', 'product', 'substance', 'pill', 'tablet', 'capsule', 'brand', 'therapy', 'treatment', 'immunomodulator', 'imid', 'celmod']);
const ANAPHOR_NOUN_PLUR = new Set(['drugs', 'agents', 'compounds', 'medicines', 'medications', 'molecules', 'analogues', 'analogs', 'derivatives', 'products', 'substances', 'imids', 'celmods', 'immunomodulators', 'therapies', 'treatments']);

export class Sentence {
  readonly toks: Tok[];
  readonly ents: Ent[];
  readonly clauses: Clause[];

  constructor(
    readonly text: string,
    readonly base: number,
    mentions: readonly Mention[],
    readonly db: TermDb,
    readonly lex: Lexicon,
    readonly ctx: Context,
  ) {
    this.toks = tokenize(text, base);
    // tokens that start a line (for label lines and lists inside one sentence)
    const lineStart = new Set<number>();
    for (let i = 0; i < this.toks.length; i++) {
      const gapFrom = i === 0 ? 0 : this.toks[i - 1].end - base;
      const nl = i === 0 ? -1 : text.indexOf('\n', gapFrom);
      if (i === 0 || (nl >= 0 && nl < this.toks[i].start - base)) lineStart.add(i);
    }
    this.ents = [];
    let k = 0;
    for (const m of mentions) {
      if (!m.form) continue;
      const term = db.terms.get(m.form.termId);
      if (!term) continue;
      const ent: Ent = { termId: term.id, kind: term.kind, formKind: m.form.kind, start: m.start, end: m.end, text: m.text };
      this.ents.push(ent);
      while (k < this.toks.length && this.toks[k].end <= m.start) k++;
      for (let j = k; j < this.toks.length && this.toks[j].start < m.end; j++) this.toks[j].ent = ent;
    }
    this.clauses = [];
    let from = 0;
    const lineOf = (i: number) => {
      const st = this.toks[i].start - base;
      const nl = text.lastIndexOf('\n', st - 1);
      const end = text.indexOf('\n', st);
      return text.slice(nl + 1, end < 0 ? text.length : end);
    };
    // a fronted concessive clause ends at its comma: "Although X has long been used, its mechanism ..."
    let concessive = false;
    for (let i = 0; i < this.toks.length; i++) {
      const t = this.toks[i].t;
      if (concessive && t === ',' && i > from) {
        this.clauses.push({ from, to: i });
        from = i + 1;
        concessive = false;
        continue;
      }
      if (i === this.firstWordAt(0) && CONCESSIVE.has(t)) concessive = true;
      if (i > from && lineStart.has(i) && (LABEL_LINE.test(lineOf(i)) || LABEL_LINE.test(lineOf(i - 1)))) {
        this.clauses.push({ from, to: i });
        from = i;
        continue;
      }
      if (CLAUSE_BREAK.has(t) && i > from) {
        // "while" and "yet" only as conjunctions after a comma or at the start
        if ((t === 'while' || t === 'whilst' || t === 'yet') && i > 0 && this.toks[i - 1].t !== ',') continue;
        this.clauses.push({ from, to: i });
        from = i + (t === ';' || t === '\u2014' ? 1 : 0);
      }
    }
    this.clauses.push({ from, to: this.toks.length });
  }

  /** The first word at or after token `from`, past bullets and heading marks (usable in the constructor). */
  private firstWordAt(from: number): number {
    let k = from;
    while (k < this.toks.length && /^[#*\-\u2022|>]$/.test(this.toks[k].t)) k++;
    return k;
  }

  private readonly hitCache = new Map<PhraseTable<unknown>, Array<PhraseHit<unknown>>>();
  /** Per phrase table of the lexicon (by its number), the tokens of this sentence where a phrase of it can start. */
  private starts: Array<number[] | undefined> | undefined;
  /** Per phrase table of the lexicon (by its number), its matches in this sentence once looked up. */
  private hitsById: Array<Array<PhraseHit<unknown>> | undefined> | undefined;
  private index: FirstWordIndex | undefined;

  /** Every match of a phrase table in the sentence (computed once per table and sentence). */
  hits<V>(table: PhraseTable<V>): Array<PhraseHit<V>> {
    const index = (this.index ??= firstWordIndex(this.lex));
    const id = index.ids.get(table as PhraseTable<unknown>);
    if (id === undefined) {
      // a table from outside the lexicon
      let h = this.hitCache.get(table as PhraseTable<unknown>);
      if (!h) this.hitCache.set(table as PhraseTable<unknown>, (h = table.all(this.toks) as Array<PhraseHit<unknown>>));
      return h as Array<PhraseHit<V>>;
    }
    const byId = (this.hitsById ??= []);
    let h = byId[id];
    if (h) return h as Array<PhraseHit<V>>;
    if (!this.starts) {
      this.starts = [];
      for (let i = 0; i < this.toks.length; i++) {
        const l = index.byWord.get(this.toks[i].t);
        if (l) for (let k = 0; k < l.length; k++) (this.starts[l[k]] ??= []).push(i);
      }
    }
    // what table.all(this.toks) finds, trying only the tokens where a phrase of the table can start
    h = [];
    const starts = this.starts[id];
    if (starts) {
      let next = 0;
      for (const i of starts) {
        if (i < next) continue;
        const hit = table.at(this.toks, i, this.toks.length);
        if (hit) {
          h.push(hit);
          next = hit.j;
        }
      }
    }
    byId[id] = h;
    return h as Array<PhraseHit<V>>;
  }

  /** Matches that lie within tokens [from, to). */
  hitsIn<V>(table: PhraseTable<V>, from = 0, to = this.toks.length): Array<PhraseHit<V>> {
    return this.hits(table).filter((h) => h.i >= from && h.j <= to);
  }

  hasIn(table: PhraseTable<unknown>, from = 0, to = this.toks.length): boolean {
    return this.hits(table).some((h) => h.i >= from && h.j <= to);
  }

  term(id: string): Term | undefined {
    return this.db.terms.get(id);
  }

  clauseOf(i: number): Clause {
    for (const c of this.clauses) if (i >= c.from && i < c.to) return c;
    return this.clauses[this.clauses.length - 1];
  }

  /** Entity starting at token i (the first token of a mention). */
  entAt(i: number): Ent | undefined {
    const e = this.toks[i]?.ent;
    return e && (i === 0 || this.toks[i - 1].ent !== e) ? e : undefined;
  }

  /** Index of the first token after the entity that starts at i. */
  afterEnt(i: number): number {
    const e = this.toks[i].ent;
    let j = i;
    while (j < this.toks.length && this.toks[j].ent === e) j++;
    return j;
  }

  /** The cue at i is negated: a negator in its clause before it (within 8 tokens, not across a drug or a comma + conjunction). */
  negated(i: number, j = i): boolean {
    const c = this.clauseOf(i);
    // "It is not true that X …", "That X … is a myth": the whole claim is denied
    if (this.hasIn(this.lex.metaNegation, c.from, c.to)) return true;
    // "non-biologic", "non-sedative": the prefix negates the word it is glued to
    if (this.toks[i - 1]?.t === '-' && (this.toks[i - 2]?.t === 'non' || this.toks[i - 2]?.t === 'not')) return true;
    if (this.toks[i]?.t.startsWith('non') && this.toks[i].t.length > 5 && /^non[a-z]/.test(this.toks[i].t) && !['none', 'nonetheless'].includes(this.toks[i].t)) return true;
    for (let k = i - 1; k >= Math.max(c.from, i - 8); k--) {
      const t = this.toks[k];
      if (t.ent && (t.ent.kind === 'drug' || t.ent.kind === 'company')) {
        // "neither (R)- nor (S)-thalidomide can be ...", "no IMiD is ...": the negation is on the subject
        for (let m = k - 1; m >= Math.max(c.from, k - 8); m--) if (this.toks[m].t === 'neither' || this.toks[m].t === 'nor' || this.toks[m].t === 'no') return true;
        break;
      }
      if (t.t === 'and' || t.t === 'or' || t.t === 'but' || ((t.t === 'which' || t.t === 'that') && this.toks[k - 1]?.t === ',')) break;
      const neg = this.lex.negators.at(this.toks, k, j);
      // "X, unlike the other two, has ...": "unlike" contrasts its own phrase, not the predicate after the comma
      if (neg && !((neg.phrase === 'unlike' || neg.phrase === 'in contrast to') && this.toks.slice(neg.j, i).some((t) => t.t === ','))) return true;
    }
    // a label line whose value denies it: "Cereblon binding: none"
    if (this.toks[j]?.t === ':' && ['none', 'no', 'nil', 'not', 'n'].includes(this.toks[j + 1]?.t ?? '')) return true;
    // "is inhibited not by ...", "X is a sedative? no"
    const n = this.toks[j];
    return !!n && (n.t === 'not' || n.t === 'no') && this.toks[j + 1]?.t !== 'only';
  }

  /** A marker of history, reporting or a condition anywhere in the clause of i. */
  framedAsPast(i: number, except?: { from: number; to: number }): boolean {
    const c = this.clauseOf(i);
    if (except) return this.hitsIn(this.lex.historical, c.from, c.to).some((h) => (h.j <= except.from || h.i >= except.to) && this.framedAsPastBy(h));
    return this.hitsIn(this.lex.historical, c.from, c.to).some((h) => this.framedAsPastBy(h));
  }

  private framedAsPastBy(h: { i: number; j: number; phrase: string }): boolean {
    // "is used to treat", "are used to": a passive, not the habitual past "used to"
    // "once a day", "once daily", "more than once": a frequency, not "once" = formerly
    // "has remained elusive": the present perfect runs up to now
    if ((h.phrase === 'remained' || h.phrase === 'long remained') && ['has', 'have', "'s"].includes(this.toks[h.i - 1]?.t ?? '')) return false;
    return !(h.phrase === 'used to' && (this.lex.be.has(this.toks[h.i - 1]?.t ?? '') || (/ly$|^also$|^still$|^now$|^often$/.test(this.toks[h.i - 1]?.t ?? '') && this.lex.be.has(this.toks[h.i - 2]?.t ?? '')))) && !(h.phrase === 'once' && this.frequency(h.j)) && !((h.phrase === 'earlier' || h.phrase === 'earliest' || h.phrase === 'early') && this.drugNoun(h.j));
  }

  /** "earlier drugs", "earlier-generation IMiDs": a comparison between drugs, not a time frame. */
  private drugNoun(j: number): boolean {
    let m = j;
    if (this.toks[m]?.t === '-' || this.toks[m]?.t === 'generation') m += this.toks[m]?.t === '-' ? 2 : 1;
    const t = this.toks[m]?.t ?? '';
    return ANAPHOR_NOUN_PLUR.has(t) || ANAPHOR_NOUN_SING.has(t) || this.toks[m]?.ent?.kind === 'class';
  }

  /** "once" ending at token j is a frequency: "once daily", "once a day", "once or twice", "more than once". */
  private frequency(j: number): boolean {
    const next = this.toks[j]?.t ?? '';
    const prev = this.toks[j - 2]?.t ?? '';
    return ONCE_FREQUENCY.has(next) || ((next === 'a' || next === 'per' || next === 'every') && PERIODS.has(this.toks[j + 1]?.t ?? '')) || (next === 'or' && this.toks[j + 1]?.t === 'twice') || prev === 'than' || prev === 'at';
  }

  /** The sentence asks rather than claims ("Is Pomalyst still only available in trials?"). */
  get question(): boolean {
    return this.text.trimEnd().endsWith('?');
  }

  /** Attributed to others: a verb of description or report and who says it ("some guides describe X as ...", "a review called it ..."). */
  attributed(i: number): boolean {
    const c = this.clauseOf(i);
    return (this.hasIn(this.lex.descriptions, c.from, c.to) || this.hasIn(this.lex.reporting, c.from, c.to)) && this.hasIn(this.lex.reporters, c.from, c.to);
  }

  reported(i: number): boolean {
    const c = this.clauseOf(i);
    return this.hasIn(this.lex.reporting, c.from, c.to);
  }

  conditional(i: number): boolean {
    const c = this.clauseOf(i);
    return this.hasIn(this.lex.conditionals, c.from, c.to);
  }

  /** Years written in the clause of i ("1998", "the 1950s" → 1950 with decade true). */
  private allYears: Array<{ year: number; decade: boolean; i: number }> | undefined;

  years(i: number, whole = false): Array<{ year: number; decade: boolean; i: number }> {
    const all = (this.allYears ??= this.findYears());
    if (whole) return all;
    const c = this.clauseOf(i);
    return all.filter((y) => y.i >= c.from && y.i < c.to);
  }

  private findYears(): Array<{ year: number; decade: boolean; i: number }> {
    const c = { from: 0, to: this.toks.length };
    const out: Array<{ year: number; decade: boolean; i: number }> = [];
    for (let k = c.from; k < c.to; k++) {
      const t = this.toks[k];
      if (t.ent) continue;
      // only a token that starts with a digit or spells a decade can be a year
      const c0 = t.t.charCodeAt(0);
      const digit = c0 >= 48 && c0 <= 57;
      if (!digit && c0 !== 102 && c0 !== 115 && c0 !== 110) continue;
      const short = SHORT_DECADE.get(t.t);
      if (short) {
        out.push({ year: short, decade: true, i: k });
        continue;
      }
      if (!digit) continue;
      const m = YEAR.exec(t.t);
      if (!m) continue;
      // a reference number, a dose or a page ("[1998]", "1998 mg") is not a year
      const next = this.toks[k + 1]?.t;
      if (next === 'mg' || next === 'patients' || next === '%') continue;
      out.push({ year: Number(m[1]), decade: m[2] === 's' || next === "'s", i: k });
    }
    return out;
  }

  /** Drug entities of the clause of i, before i, not behind an excluder ("unlike X"), nearest group first (coordinated names together). */
  namedBefore(i: number, kinds: readonly TermKind[] = ['drug']): Ent[] {
    const c = this.clauseOf(i);
    const found: Array<{ ent: Ent; k: number }> = [];
    for (let k = c.from; k < i; k++) {
      const e = this.entAt(k);
      if (!e || !kinds.includes(e.kind)) continue;
      if (this.excluded(k, c.from) || this.modifier(k)) continue;
      found.push({ ent: e, k });
    }
    if (!found.length) return [];
    // "X, a derivative of Y approved for ...", "more potent than Y": a name behind "of" or "than" is
    // the object of its phrase, not the subject, when another name can be
    const heads = found.filter((f) => !PP_OBJECT.has(this.toks[f.k - 1]?.t ?? ''));
    if (heads.length && heads.length < found.length) found.splice(0, found.length, ...heads);
    // the nearest one and the names coordinated with it ("X, Y and Z", "X/Y", "X (Y)")
    const group = [found[found.length - 1]];
    for (let n = found.length - 2; n >= 0; n--) {
      const gap = this.toks.slice(this.afterEnt(found[n].k), group[0].k).map((t) => t.t);
      if (gap.every((t) => t === ',' || t === 'and' || t === 'or' || t === '/' || t === '(' || t === ')' || t === '&' || t === 'as' || t === 'well' || t === 'both' || t === 'its' || t === 'analogues' || t === 'analogs' || t === 'the' || isHyphen(t))) group.unshift(found[n]);
      else break;
    }
    return group.map((g) => g.ent);
  }

  /** Drug entities after i in its clause (passives: "by X"; lists: "such as X, Y"), not behind an excluder. */
  namedAfter(i: number, kinds: readonly TermKind[] = ['drug'], within = 12): Ent[] {
    const c = this.clauseOf(i);
    const out: Ent[] = [];
    for (let k = i; k < Math.min(c.to, i + within); k++) {
      const e = this.entAt(k);
      if (!e || !kinds.includes(e.kind)) continue;
      if (this.excluded(k, i)) continue;
      out.push(e);
    }
    return out;
  }

  /** The name at k modifies another noun ("lenalidomide-based regimens", "lenalidomide maintenance"), so it is not the subject. */
  modifier(k: number): boolean {
    let q = this.afterEnt(k);
    const hy = this.toks[q]?.t === '-';
    if (hy) q++;
    const next = this.toks[q];
    if (!next || next.ent) return false;
    return (hy && /^[a-z]/.test(next.t) && next.t !== 'a') || this.lex.recencyModified.has(next.t);
  }

  /** The token at k follows an excluder ("unlike", "except", "but not") within its phrase. */
  excluded(k: number, from: number): boolean {
    for (let m = k - 1; m >= Math.max(from, k - 4); m--) {
      const t = this.toks[m].t;
      if (t === ',' || t === '.' || t === ';') {
        // "unlike the IMiDs, X" → X is not excluded; "except, of course, X" rarely
        return false;
      }
      const ex = this.lex.excluders.at(this.toks, m, k);
      // "not" and "nor" exclude only the name right after them ("X, not Y"), not "do not know how Y works"
      if (ex && !((ex.phrase === 'not' || ex.phrase === 'nor') && m < k - 1 && !(m === k - 2 && ARTICLES.has(this.toks[k - 1].t)))) return true;
      if (this.toks[m].ent && this.toks[m].ent!.kind === 'drug') continue;
    }
    return false;
  }

  /** An anaphor in the clause of i ("it", "the drug", "these agents", "this oral agent"): its drugs. */
  pronounBefore(i: number): string[] {
    const c = this.clauseOf(i);
    for (let k = c.from; k < c.to; k++) {
      if (k >= i && k > i + 8) break;
      const a = this.anaphorAt(k);
      if (!a) continue;
      const ids = this.antecedents(k, a);
      if (ids.length) return ids;
    }
    return [];
  }

  /** 'singular' or 'plural' when an anaphor starts at token k. */
  anaphorAt(k: number): 'singular' | 'plural' | undefined {
    if (this.toks[k].ent) return undefined;
    if (this.lex.pronounsSingular.at(this.toks, k)) return 'singular';
    if (this.lex.pronounsPlural.at(this.toks, k)) return 'plural';
    const t = this.toks[k].t;
    if (!ANAPHOR_DET.has(t)) return undefined;
    for (let m = k + 1; m < Math.min(this.toks.length, k + 4); m++) {
      const w = this.toks[m];
      if (w.ent) return undefined;
      if (ANAPHOR_NOUN_PLUR.has(w.t)) return t === 'this' || t === 'that' ? undefined : 'plural';
      // "neither drug", "either agent": two drugs named before
      if (ANAPHOR_NOUN_SING.has(w.t)) return t === 'these' || t === 'those' || t === 'both' || t === 'all' ? undefined : t === 'neither' || t === 'either' ? 'plural' : t === 'the' && m > k + 1 ? undefined : 'singular';
      if (!/^[a-z-]+$/.test(w.t)) return undefined;
    }
    return undefined;
  }

  /** The drugs an anaphor at k points to: a drug named earlier in this sentence, else the last sentence's. */
  private antecedents(k: number, n: 'singular' | 'plural'): string[] {
    const here: string[] = [];
    for (let m = 0; m < k; m++) {
      const e = this.entAt(m);
      if (e && (e.kind === 'drug' || e.kind === 'class') && !this.excluded(m, Math.max(0, m - 4)) && !here.includes(e.termId)) here.push(e.termId);
    }
    if (!here.length && n === 'singular' && this.ctx.chain) return [this.ctx.chain];
    if (!here.length && n === 'singular' && this.ctx.unresolved && !this.ctx.topic) return [];
    const recent = [...new Set([...this.ctx.previous].reverse())].slice(0, 4).reverse();
    const pool = here.length ? here : n === 'plural' && recent.length > 1 ? recent : (this.ctx.lastSentence ?? []);
    if (!pool.length) return this.ctx.topic ? [this.ctx.topic] : [];
    return n === 'singular' ? [pool[0]] : pool.slice(0, 4);
  }

  /**
   * What the cue at i is about: drugs named before it in its clause, else named after it
   * (when `after`), else a pronoun's antecedent, else the section topic.
   */
  subjects(i: number, opts: { after?: boolean; kinds?: readonly TermKind[]; topic?: boolean; context?: boolean; sentence?: boolean } = {}): Subject[] {
    const kinds = opts.kinds ?? ['drug'];
    const before = this.namedBefore(i, kinds);
    if (before.length) return before.map((e) => ({ termId: e.termId, ent: e, how: 'named' as const }));
    // a subject pronoun opening the clause is the subject, whatever names follow ("It works by binding
    // cereblon, the protein that thalidomide binds")
    const c0 = this.clauseOf(i);
    const w0 = this.firstWord(c0.from);
    if (opts.after && w0 < i && this.anaphorAt(w0) === 'singular' && SUBJECT_PRONOUNS.has(this.toks[w0].t)) {
      const p0 = this.pronounBefore(w0 + 1);
      if (p0.length) return p0.map((termId) => ({ termId, how: 'pronoun' as const }));
    }
    if (opts.after) {
      const after = this.namedAfter(i, kinds);
      if (after.length) return after.map((e) => ({ termId: e.termId, ent: e, how: 'named' as const }));
    }
    const p = this.pronounBefore(i);
    if (p.length) return p.map((termId) => ({ termId, how: 'pronoun' as const }));
    // a clause without a subject of its own in a sentence about one drug ("X acts on Y, although the
    // target remains elusive"): the sentence's drug
    if (opts.sentence) {
      const c = this.clauseOf(i);
      const ids = new Set<string>();
      for (let k = 0; k < this.toks.length; k++) {
        const e = this.entAt(k);
        if (e && kinds.includes(e.kind) && (k < c.from || k >= c.to) && !this.excluded(k, Math.max(0, k - 4))) ids.add(e.termId);
      }
      if (ids.size === 1) return [{ termId: [...ids][0], how: 'pronoun' }];
    }
    if (opts.topic !== false && this.ctx.topic && !this.ents.some((e) => e.kind === 'drug')) return [{ termId: this.ctx.topic, how: 'topic' }];
    // a clause with no subject of its own in a paragraph about one drug (a list item, "Manufactured for: ...")
    if (opts.context && !this.ents.some((e) => e.kind === 'drug') && this.ctx.lastSentence?.length === 1 && !this.ctx.unresolved) return [{ termId: this.ctx.lastSentence[0], how: 'pronoun' }];
    return [];
  }

  /** The first word of a clause, past list bullets, heading marks and table bars. */
  firstWord(from: number): number {
    let k = from;
    while (k < this.toks.length && /^[#*\-\u2022|>]$/.test(this.toks[k].t)) k++;
    return k;
  }

  /** Offsets of tokens [i, j). */
  span(i: number, j: number): { start: number; end: number } {
    return { start: this.toks[i].start, end: this.toks[Math.max(i, j - 1)].end };
  }

  textOf(i: number, j: number): string {
    const s = this.span(i, j);
    return this.text.slice(s.start - this.base, s.end - this.base);
  }

  /** Present tense around a cue: a present be-verb or an -s verb, and no past be-verb, in the clause. */
  tenseOf(i: number): 'present' | 'past' | 'unknown' {
    const c = this.clauseOf(i);
    let past = false;
    let present = false;
    for (let k = c.from; k < c.to; k++) {
      const t = this.toks[k].t;
      if (this.lex.bePast.has(t) || t === 'had' || t === 'did') past = true;
      else if (this.lex.bePresent.has(t) || t === 'has' || t === 'have' || t === 'does' || t === 'do') present = true;
    }
    if (past && !present) return 'past';
    if (present && !past) return 'present';
    return 'unknown';
  }
}

interface FirstWordIndex {
  /** A number per phrase table of the lexicon. */
  readonly ids: Map<PhraseTable<unknown>, number>;
  /** The numbers of the tables that have a phrase starting with a word. */
  readonly byWord: Map<string, number[]>;
}

const firstWordIndexes = new WeakMap<Lexicon, FirstWordIndex>();
let lastLex: Lexicon | undefined;
let lastIndex: FirstWordIndex | undefined;

/**
 * The phrase tables of a lexicon by the first words of their phrases (built once per lexicon): a
 * table none of whose first words is a token of a sentence has no match in it (PhraseTable.at
 * starts a match only at a token equal to a phrase's first word).
 */
function firstWordIndex(lex: Lexicon): FirstWordIndex {
  let index = lex === lastLex ? lastIndex : firstWordIndexes.get(lex);
  if (index) return index;
  index = { ids: new Map(), byWord: new Map() };
  for (const v of Object.values(lex)) {
    if (!(v instanceof PhraseTable) || index.ids.has(v)) continue;
    const id = index.ids.size;
    index.ids.set(v as PhraseTable<unknown>, id);
    for (const w of (v as PhraseTable<unknown>).firstWords()) {
      const l = index.byWord.get(w);
      if (l) l.push(id);
      else index.byWord.set(w, [id]);
    }
  }
  firstWordIndexes.set(lex, index);
  lastLex = lex;
  lastIndex = index;
  return index;
}

/** A year-month-day string's time (first day of the period for partial dates). */
export function dateValue(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1);
}

export function yearOf(s: string | undefined): number | undefined {
  const m = s ? /^(\d{4})/.exec(s) : null;
  return m ? Number(m[1]) : undefined;
}
