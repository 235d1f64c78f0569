/**
 * The frames' cue words (data/frames/lexicon.json), compiled once per engine into
 * phrase tables: a phrase is a sequence of normalised word tokens, matched longest
 * first at a token position. Words only, no regular expressions: a writer extends
 * the lists without knowing how they are matched.
 */
import { foldDiacritics } from '../termdb';

export interface LexClass {
  readonly id: string;
  readonly term?: string;
  readonly group: string;
  readonly impliedByTarget?: string;
  readonly phrases: readonly string[];
  readonly near?: readonly string[];
  readonly loose?: readonly string[];
}

export interface FrameLexicon {
  /** Word beginnings that put a sentence without a named drug in the domain (a cheap pre-check). */
  readonly domainWords?: readonly string[];
  /** Words that call a name a brand ("brand name", "marketed as", "Trade names:"). */
  readonly brandWords?: readonly string[];
  /** A frame around a claim that denies it ("It is not true that …", "… is a myth"). */
  readonly metaNegation?: readonly string[];
  /** Words that make a brand word no claim ("the proposed brand name"). */
  readonly brandNotClaim?: readonly string[];
  readonly negators: readonly string[];
  readonly excluders?: readonly string[];
  readonly historical: readonly string[];
  readonly reporting?: readonly string[];
  readonly descriptions?: readonly string[];
  readonly reporters?: readonly string[];
  readonly conditionals?: readonly string[];
  readonly pronouns: { readonly singular: readonly string[]; readonly plural: readonly string[] };
  readonly be?: readonly string[];
  readonly bePresent?: readonly string[];
  readonly bePast?: readonly string[];
  readonly determiners?: readonly string[];
  readonly fillers?: readonly string[];
  readonly classCopula?: readonly string[];
  readonly classListMarkers?: readonly string[];
  readonly classAndOther?: readonly string[];
  readonly classLabels?: readonly string[];
  readonly classes: readonly LexClass[];
  readonly targetRelation?: Readonly<Record<string, string>>;
  readonly generations: Readonly<Record<string, readonly string[]>>;
  readonly generationNouns?: readonly string[];
  readonly mechanism: {
    readonly inhibit: readonly string[];
    readonly degrade: readonly string[];
    readonly stabilise: readonly string[];
    readonly bind: readonly string[];
    readonly dualUse: readonly string[];
    readonly fixVerbs?: Readonly<Record<string, string>>;
    readonly primacy?: readonly string[];
    readonly processes?: readonly string[];
    readonly primacyNouns?: readonly string[];
    readonly explains?: readonly string[];
    /** "this anti-TNF action is the basis of its teratogenic effects": the process before, the effect after. */
    readonly explainedBy?: readonly string[];
    readonly partial?: readonly string[];
    /** Messengers and markers a drug moves one way (ids used by data/terms `effects`). */
    readonly markers?: ReadonlyArray<{ readonly id: string; readonly words: readonly string[] }>;
    readonly raise?: readonly string[];
    readonly lower?: readonly string[];
  };
  readonly formerUse?: { readonly verbs: readonly string[]; readonly labels: readonly string[] };
  readonly unknown: { readonly cues: readonly string[]; readonly labelWording?: readonly string[]; readonly topics: readonly string[]; readonly thalidomideTopics?: readonly string[]; readonly effectTopics?: readonly string[]; readonly notAbout?: readonly string[] };
  readonly company: { readonly marketPresent: readonly string[]; readonly marketPast: readonly string[]; readonly develop: readonly string[]; readonly since: readonly string[]; readonly transfer?: readonly string[]; readonly possessiveNouns?: readonly string[]; readonly dealPending?: readonly string[] };
  readonly approval: {
    readonly verbs: readonly string[];
    readonly launch: readonly string[];
    /** Launch phrases that also say a drug was still on sale then ("sold in 1960"), not that it started. */
    readonly launchOngoing?: readonly string[];
    readonly generic?: readonly string[];
    readonly agencies: ReadonlyArray<{ readonly id: string; readonly region: string; readonly words: readonly string[] }>;
    readonly regions?: ReadonlyArray<{ readonly region: string; readonly words: readonly string[] }>;
    readonly notEvent?: readonly string[];
    readonly completeTables?: readonly string[];
  };
  readonly indications: ReadonlyArray<{ readonly code: string; readonly group?: string; readonly words: readonly string[] }>;
  readonly indicationGroups?: Readonly<Record<string, readonly string[]>>;
  readonly forms: ReadonlyArray<{ readonly form: string; readonly words: readonly string[] }>;
  readonly formGroups?: Readonly<Record<string, readonly string[]>>;
  readonly formCopula?: readonly string[];
  readonly status: {
    readonly investigational: readonly string[];
    readonly trials: readonly string[];
    readonly expected: readonly string[];
    readonly onlyOnMarket: readonly string[];
    readonly market: readonly string[];
    readonly qualifiers: readonly string[];
    readonly labels?: readonly string[];
    readonly applicationWords?: readonly string[];
    /** Said of a drug on the market: "approved", "launched", "commercially available". */
    readonly onMarket?: readonly string[];
    /** Before a phase, making it the drug's ceiling: "only", "still", "so far". */
    readonly phaseLimits?: readonly string[];
    /** Before a phase, denying it was reached: "not yet entered", "no", "yet to enter". */
    readonly phaseNegators?: readonly string[];
    /** Early clinical stages without a number: "early-stage", "dose-finding", "first-in-human". */
    readonly early?: readonly string[];
    /** "no generic version", "no generic competition". */
    readonly noGeneric?: readonly string[];
    /** "years away from approval". */
    readonly farFromApproval?: readonly string[];
  };
  readonly recency: { readonly cues: readonly string[]; readonly nouns: readonly string[]; readonly ago: readonly string[]; readonly discovery: readonly string[]; readonly notRecency: readonly string[]; readonly possessive?: readonly string[]; readonly modified?: readonly string[] };
  readonly teratogenicity: { readonly safe: readonly string[]; readonly enantiomer: readonly string[]; readonly enantiomerSafe: readonly string[]; readonly facts?: readonly string[]; readonly singleEnantiomer?: readonly string[]; readonly male?: readonly string[]; readonly noPrecaution?: readonly string[]; readonly semenNegative?: readonly string[]; readonly precautionTopics?: readonly string[] };
}

/** Normalises a word for matching: lower case, Latin diacritics folded, curly apostrophes straight. */
export function norm(w: string): string {
  // ASCII (most words): lower case is all there is to do
  let ascii = true;
  for (let i = 0; i < w.length; i++) {
    if (w.charCodeAt(i) >= 128) {
      ascii = false;
      break;
    }
  }
  if (ascii) return w.toLowerCase();
  return foldDiacritics(w.toLowerCase().replace(/[\u2019\u2018]/g, "'"));
}

const TOKEN = /[A-Za-z\u00c0-\u024f\u0370-\u03ff0-9]+(?:['\u2019](?![sS]\b)[A-Za-z]+)*|['\u2019][sS]\b|[^\sA-Za-z\u00c0-\u024f\u0370-\u03ff0-9]/g;

export interface RawToken {
  readonly t: string;
  readonly start: number;
  readonly end: number;
}

/** Word, number and punctuation tokens of a text; hyphens and dashes are kept as tokens ("-"), possessive 's is its own token. */
export function tokenize(text: string, base = 0): RawToken[] {
  const out: RawToken[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) out.push({ t: norm(m[0]), start: base + m.index, end: base + m.index + m[0].length });
  return out;
}

const HYPHENS = new Set(['-', '\u2010', '\u2011', '\u2012', '\u2013']);
export const isHyphen = (t: string): boolean => HYPHENS.has(t);
/** A token a phrase reads past after its first word: a hyphen or a quotation mark. */
const skippedInPhrase = (t: string): boolean => HYPHENS.has(t) || t === '"' || t === '\u201c' || t === '\u201d';

/** A phrase's tokens, hyphens dropped ("third-generation" = "third generation"). */
export function phraseTokens(p: string): string[] {
  return tokenize(p).map((x) => x.t).filter((t) => !isHyphen(t));
}

export interface PhraseHit<V> {
  readonly i: number;
  /** Index after the last token of the match. */
  readonly j: number;
  readonly value: V;
  readonly phrase: string;
}

/** A node of a PhraseTable's token trie: the phrase that ends here (the first one added) and the tokens that continue one. */
interface PhraseNode<V> {
  hit: { readonly value: V; readonly phrase: string } | undefined;
  next: Map<string, PhraseNode<V>> | undefined;
}

/**
 * Phrases as a trie of their tokens; longest match wins (of phrases with the same tokens, the
 * first added). Hyphen and quotation-mark tokens in the text are skipped inside a phrase.
 */
export class PhraseTable<V> {
  private readonly root = new Map<string, PhraseNode<V>>();
  private readonly list: Array<{ readonly phrase: string; readonly value: V }> = [];

  add(phrase: string, value: V): void {
    const toks = phraseTokens(phrase);
    if (!toks.length) return;
    this.list.push({ phrase, value });
    let map = this.root;
    let node: PhraseNode<V> | undefined;
    for (const t of toks) {
      node = map.get(t);
      if (!node) map.set(t, (node = { hit: undefined, next: undefined }));
      map = node.next ??= new Map();
    }
    if (node!.next!.size === 0) node!.next = undefined;
    node!.hit ??= { value, phrase };
  }

  addAll(phrases: readonly string[] | undefined, value: V): this {
    for (const p of phrases ?? []) this.add(p, value);
    return this;
  }

  /** The longest phrase starting at token i, or undefined. */
  at(toks: readonly { t: string }[], i: number, end = toks.length): PhraseHit<V> | undefined {
    let node = this.root.get(toks[i]?.t);
    if (!node || i >= end) return undefined;
    let k = i + 1;
    let best = node.hit;
    let bestJ = k;
    while (node.next) {
      // inside a phrase: "third-generation" reads as "third generation", quotation marks are not words
      while (k < end && skippedInPhrase(toks[k].t)) k++;
      if (k >= end) break;
      const child: PhraseNode<V> | undefined = node.next.get(toks[k].t);
      if (!child) break;
      node = child;
      k++;
      if (node.hit) {
        best = node.hit;
        bestJ = k;
      }
    }
    return best && { i, j: bestJ, value: best.value, phrase: best.phrase };
  }

  /** The phrases added (that have tokens), in order, with their values. */
  phrases(): ReadonlyArray<{ readonly phrase: string; readonly value: V }> {
    return this.list;
  }

  /** Every longest, non-overlapping match in [from, to). */
  all(toks: readonly { t: string }[], from = 0, to = toks.length): Array<PhraseHit<V>> {
    const out: Array<PhraseHit<V>> = [];
    for (let i = from; i < to; i++) {
      const h = this.at(toks, i, to);
      if (h) {
        out.push(h);
        i = h.j - 1;
      }
    }
    return out;
  }

  has(toks: readonly { t: string }[], from = 0, to = toks.length): boolean {
    for (let i = from; i < to; i++) if (this.at(toks, i, to)) return true;
    return false;
  }

  /** First tokens of every phrase (for a cheap pre-check of a sentence). */
  firstWords(): IterableIterator<string> {
    return this.root.keys();
  }
}

const table = (words: readonly string[] | undefined): PhraseTable<true> => new PhraseTable<true>().addAll(words, true);

/** The lexicon compiled into phrase tables (once per engine). */
export class Lexicon {
  readonly negators: PhraseTable<true>;
  readonly excluders: PhraseTable<true>;
  readonly historical: PhraseTable<true>;
  readonly reporting: PhraseTable<true>;
  readonly descriptions: PhraseTable<true>;
  readonly reporters: PhraseTable<true>;
  readonly enantiomerFacts: PhraseTable<true>;
  readonly conditionals: PhraseTable<true>;
  readonly pronounsSingular: PhraseTable<true>;
  readonly pronounsPlural: PhraseTable<true>;
  readonly be: Set<string>;
  readonly bePresent: Set<string>;
  readonly bePast: Set<string>;
  readonly fillers: Set<string>;
  readonly classes: PhraseTable<LexClass>;
  readonly classById = new Map<string, LexClass>();
  readonly classCopula: PhraseTable<true>;
  readonly classListMarkers: PhraseTable<true>;
  readonly classAndOther: PhraseTable<true>;
  readonly classLabels: PhraseTable<true>;
  readonly generations = new PhraseTable<string>();
  readonly generationNouns: PhraseTable<true>;
  readonly mech = new PhraseTable<'inhibit' | 'degrade' | 'stabilise' | 'bind'>();
  /** "cAMP", "cyclic AMP" → the marker id; "raises" / "lowers" → the direction. */
  readonly markers = new PhraseTable<string>();
  readonly direction = new PhraseTable<'raises' | 'lowers'>();
  readonly dualUse: PhraseTable<true>;
  readonly unknownCues: PhraseTable<true>;
  readonly labelWording: PhraseTable<true>;
  readonly unknownTopics: PhraseTable<true>;
  /** "its anticancer effects", "why it works so well": a topic only for a cue that says unexplained. */
  readonly unknownEffectTopics: PhraseTable<true>;
  readonly thalidomideTopics: PhraseTable<true>;
  readonly companyVerbs = new PhraseTable<'present' | 'past' | 'develop'>();
  readonly companySince: PhraseTable<true>;
  readonly companyTransfer: PhraseTable<true>;
  readonly approvalVerbs: PhraseTable<true>;
  readonly launchVerbs: PhraseTable<true>;
  readonly launchOngoing: Set<string>;
  readonly brandWords: PhraseTable<true>;
  readonly metaNegation: PhraseTable<true>;
  readonly brandNotClaim: PhraseTable<true>;
  readonly approvalGeneric: PhraseTable<true>;
  readonly agencies = new PhraseTable<{ id: string; region: string }>();
  readonly regions = new PhraseTable<string>();
  readonly indications = new PhraseTable<{ code: string; group?: string }>();
  readonly indicationGroups: Readonly<Record<string, readonly string[]>>;
  readonly forms = new PhraseTable<string>();
  readonly formGroups: Readonly<Record<string, readonly string[]>>;
  readonly formCopula: PhraseTable<true>;
  readonly investigational: PhraseTable<true>;
  readonly trials: PhraseTable<true>;
  readonly expected: PhraseTable<true>;
  readonly onlyOnMarket: PhraseTable<true>;
  readonly market: PhraseTable<true>;
  readonly qualifiers: PhraseTable<true>;
  readonly recencyCues: PhraseTable<true>;
  readonly recencyNouns: PhraseTable<true>;
  readonly recencyAgo: PhraseTable<true>;
  readonly discovery: PhraseTable<true>;
  readonly notRecency: PhraseTable<true>;
  readonly safeInPregnancy: PhraseTable<true>;
  readonly enantiomer: PhraseTable<true>;
  readonly enantiomerSafe: PhraseTable<true>;
  readonly singleEnantiomer: PhraseTable<true>;
  /** Male patients and the precautions said not to concern them (the semen facts of data/terms). */
  readonly male: PhraseTable<true>;
  readonly noPrecaution: PhraseTable<true>;
  readonly semenNegative: PhraseTable<true>;
  readonly precautionTopics: PhraseTable<true>;
  readonly primacy: PhraseTable<true>;
  readonly processes: PhraseTable<true>;
  readonly primacyNouns: PhraseTable<true>;
  readonly explains: PhraseTable<true>;
  readonly explainedBy: PhraseTable<true>;
  readonly partial: PhraseTable<true>;
  readonly possessiveNouns: Set<string>;
  readonly formerUseVerbs: PhraseTable<true>;
  readonly formerUseLabels: PhraseTable<true>;
  readonly statusLabels: PhraseTable<true>;
  readonly applicationWords: PhraseTable<true>;
  readonly onMarket: PhraseTable<true>;
  readonly phaseLimits: PhraseTable<true>;
  readonly phaseNegators: PhraseTable<true>;
  readonly early: PhraseTable<true>;
  readonly noGeneric: PhraseTable<true>;
  readonly dealPending: PhraseTable<true>;
  readonly farFromApproval: PhraseTable<true>;
  readonly approvalNotEvent: Set<string>;
  readonly possessive: Set<string>;
  readonly recencyModified: Set<string>;
  readonly unknownNotAbout: PhraseTable<true>;
  readonly completeTables: Set<string>;
  readonly targetRelation: Readonly<Record<string, string>>;
  readonly fixVerbs: Readonly<Record<string, string>>;
  /** First words of every cue: a sentence with none of them and no mention is not analysed. */
  readonly cueFirstWords = new Set<string>();

  constructor(readonly data: FrameLexicon) {
    const d = data;
    this.negators = table(d.negators);
    this.excluders = table(d.excluders);
    this.historical = table(d.historical);
    this.reporting = table(d.reporting);
    this.descriptions = table(d.descriptions);
    this.reporters = table(d.reporters);
    this.enantiomerFacts = table(d.teratogenicity.facts);
    this.conditionals = table(d.conditionals);
    this.pronounsSingular = table(d.pronouns.singular);
    this.pronounsPlural = table(d.pronouns.plural);
    this.be = new Set(d.be ?? []);
    this.bePresent = new Set(d.bePresent ?? []);
    this.bePast = new Set(d.bePast ?? []);
    this.fillers = new Set((d.fillers ?? []).map(norm));
    this.classes = new PhraseTable<LexClass>();
    for (const c of d.classes) {
      this.classById.set(c.id, c);
      this.classes.addAll(c.phrases, c);
    }
    this.classCopula = table(d.classCopula);
    this.classListMarkers = table(d.classListMarkers);
    this.classAndOther = table(d.classAndOther);
    this.classLabels = table(d.classLabels);
    for (const [g, words] of Object.entries(d.generations)) this.generations.addAll(words, g);
    this.generationNouns = table(d.generationNouns);
    this.mech.addAll(d.mechanism.inhibit, 'inhibit').addAll(d.mechanism.degrade, 'degrade').addAll(d.mechanism.stabilise, 'stabilise').addAll(d.mechanism.bind, 'bind');
    this.dualUse = table(d.mechanism.dualUse);
    for (const mk of d.mechanism.markers ?? []) this.markers.addAll(mk.words, mk.id);
    this.direction.addAll(d.mechanism.raise, 'raises').addAll(d.mechanism.lower, 'lowers');
    this.fixVerbs = d.mechanism.fixVerbs ?? {};
    this.unknownCues = table(d.unknown.cues);
    this.labelWording = table(d.unknown.labelWording);
    this.unknownTopics = table(d.unknown.topics);
    this.unknownEffectTopics = table(d.unknown.effectTopics);
    this.thalidomideTopics = table(d.unknown.thalidomideTopics);
    this.companyVerbs.addAll(d.company.marketPresent, 'present').addAll(d.company.marketPast, 'past').addAll(d.company.develop, 'develop');
    this.companySince = table(d.company.since);
    this.companyTransfer = table(d.company.transfer);
    this.approvalVerbs = table(d.approval.verbs);
    this.launchVerbs = table(d.approval.launch);
    this.launchOngoing = new Set((d.approval.launchOngoing ?? []).map(norm));
    this.brandWords = table(d.brandWords);
    this.metaNegation = table(d.metaNegation);
    this.brandNotClaim = table(d.brandNotClaim);
    this.approvalGeneric = table(d.approval.generic);
    for (const a of d.approval.agencies) this.agencies.addAll(a.words, { id: a.id, region: a.region });
    for (const r of d.approval.regions ?? []) this.regions.addAll(r.words, r.region);
    for (const x of d.indications) this.indications.addAll(x.words, { code: x.code, ...(x.group ? { group: x.group } : {}) });
    this.indicationGroups = (d as { indicationGroups?: Record<string, string[]> }).indicationGroups ?? {};
    for (const f of d.forms) this.forms.addAll(f.words, f.form);
    this.formGroups = (d as { formGroups?: Record<string, string[]> }).formGroups ?? {};
    this.formCopula = table(d.formCopula);
    this.investigational = table(d.status.investigational);
    this.trials = table(d.status.trials);
    this.expected = table(d.status.expected);
    this.onlyOnMarket = table(d.status.onlyOnMarket);
    this.market = table(d.status.market);
    this.qualifiers = table(d.status.qualifiers);
    this.recencyCues = table(d.recency.cues);
    this.recencyNouns = table(d.recency.nouns);
    this.recencyAgo = table(d.recency.ago);
    this.discovery = table(d.recency.discovery);
    this.notRecency = table(d.recency.notRecency);
    this.safeInPregnancy = table(d.teratogenicity.safe);
    this.enantiomer = table(d.teratogenicity.enantiomer);
    this.enantiomerSafe = table(d.teratogenicity.enantiomerSafe);
    this.singleEnantiomer = table(d.teratogenicity.singleEnantiomer);
    this.male = table(d.teratogenicity.male);
    this.noPrecaution = table(d.teratogenicity.noPrecaution);
    this.semenNegative = table(d.teratogenicity.semenNegative);
    this.precautionTopics = table(d.teratogenicity.precautionTopics);
    this.targetRelation = d.targetRelation ?? {};
    this.primacy = table(d.mechanism.primacy);
    this.processes = table(d.mechanism.processes);
    this.primacyNouns = table(d.mechanism.primacyNouns);
    this.explains = table(d.mechanism.explains);
    this.explainedBy = table(d.mechanism.explainedBy);
    this.partial = table(d.mechanism.partial);
    this.possessiveNouns = new Set((d.company.possessiveNouns ?? []).map(norm));
    this.formerUseVerbs = table(d.formerUse?.verbs);
    this.formerUseLabels = table(d.formerUse?.labels);
    this.statusLabels = table(d.status.labels);
    this.applicationWords = table(d.status.applicationWords);
    this.onMarket = table(d.status.onMarket);
    this.phaseLimits = table(d.status.phaseLimits);
    this.phaseNegators = table(d.status.phaseNegators);
    this.early = table(d.status.early);
    this.noGeneric = table(d.status.noGeneric);
    this.dealPending = table(d.company.dealPending);
    this.farFromApproval = table(d.status.farFromApproval);
    this.approvalNotEvent = new Set((d.approval.notEvent ?? []).map(norm));
    this.possessive = new Set((d.recency.possessive ?? []).map(norm));
    this.recencyModified = new Set((d.recency.modified ?? []).map(norm));
    this.unknownNotAbout = table(d.unknown.notAbout);
    this.completeTables = new Set(d.approval.completeTables ?? []);
    const cueTables: Array<PhraseTable<unknown>> = [
      this.classes, this.generations, this.mech, this.unknownCues, this.companyVerbs, this.approvalVerbs, this.launchVerbs,
      this.forms, this.investigational, this.trials, this.expected, this.onlyOnMarket, this.recencyCues, this.recencyAgo,
      this.safeInPregnancy, this.enantiomer, this.singleEnantiomer, this.noPrecaution, this.semenNegative, this.classLabels, this.markers, this.onMarket, this.phaseLimits, this.phaseNegators, this.early, this.noGeneric, this.farFromApproval,
    ];
    for (const t of cueTables) for (const w of t.firstWords()) this.cueFirstWords.add(w);
  }
}
