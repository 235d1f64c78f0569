/**
 * The fact frames: checks generated from the facts of data/terms, not from lists of
 * phrasings. Each frame (src/core/frames/checks/, one file each) reads an analysed
 * sentence (entities, clauses, negation, tense, time anchors, the drug a pronoun or a
 * heading points to) and compares what it says with the facts valid at the document's
 * date. A drug, approval, holder or dosage form added to data/terms gets every frame's
 * check with no new code and no new pattern.
 */
import type { BundledData, Severity } from '../data/types';
import type { OffsetFix, RawFinding } from '../findings';
import { type Prose, insideAny, maskedSlice } from '../prose/index';
import { type Mention, scan } from '../scanner';
import { type Sentence as Span, Terminators, blockAround, splitSentences } from '../sentences';
import { firstStartAtOrAfter } from '../search';
import type { TermDb } from '../termdb';
import { type Context, Sentence } from './analyse';
import { APPROVAL_FRAME } from './checks/approval';
import { BRAND_DATE_FRAME } from './checks/brandDate';
import { CLASS_FRAME } from './checks/class';
import { COMPANY_FRAME } from './checks/company';
import { FORM_FRAME } from './checks/form';
import { FORMER_USE_FRAME } from './checks/formerUse';
import { GENERATION_FRAME } from './checks/generation';
import { MECHANISM_FRAME } from './checks/mechanism';
import { MECHANISM_KNOWN_FRAME } from './checks/mechanismKnown';
import { RECENCY_FRAME } from './checks/recency';
import { STATUS_FRAME } from './checks/status';
import { TERATOGENICITY_FRAME } from './checks/teratogenicity';
import { Facts } from './facts';
import { type FrameLexicon, Lexicon, tokenize } from './lexicon';
import type { Contradiction, FrameRule } from './types';

export type { FrameRule } from './types';

/** Tests and `npm run eval` can see a frame that throws (frames never throw to the user). */
export let debugFrames: ((ruleId: string, error: unknown) => void) | undefined;
export function setFrameDebug(f: ((ruleId: string, error: unknown) => void) | undefined): void {
  debugFrames = f;
}

/** In order of precedence: a sentence gets the first contradiction found (the gravest kinds first). */
export const FRAME_RULES: readonly FrameRule[] = [
  TERATOGENICITY_FRAME,
  MECHANISM_FRAME,
  MECHANISM_KNOWN_FRAME,
  COMPANY_FRAME,
  APPROVAL_FRAME,
  STATUS_FRAME,
  FORM_FRAME,
  BRAND_DATE_FRAME,
  FORMER_USE_FRAME,
  CLASS_FRAME,
  GENERATION_FRAME,
  RECENCY_FRAME,
];

export interface FrameRunOptions {
  /** The date the text is checked at, in ms (document date, --as-of or today). */
  readonly at: number;
  readonly severityOf: (ruleId: string, dflt: Severity) => Severity | 'off';
  /** Stop when this many findings lie before the sentence (the rules' findings counted by `before`, and the frames'). */
  readonly limit?: number;
  /** How many findings of the other stages start before an offset. */
  readonly before?: (offset: number) => number;
  /** "Add citation for the evidence" for the sentence, in the document's own syntax. */
  readonly citeFix?: (sentence: Span, keys: readonly string[]) => OffsetFix | undefined;
  /** The sentences of a block of this prose, split once and shared with the claim rules (a SentenceIndex). */
  readonly sentences?: { inBlock(block: { start: number; end: number }): readonly Span[] };
}

export class FrameEngine {
  readonly lex: Lexicon;
  readonly facts: Facts;
  private readonly domainCue: RegExp;
  /** One word of every cue phrase (its longest), as one case-insensitive alternation: the pre-check. */
  private readonly anchors: RegExp;
  /** Names whose mere presence lets the frames look (a company, a protein, a class; brands for their dates). */
  private readonly anchorKinds = new Set(['company', 'protein', 'complex', 'class']);

  constructor(
    readonly db: TermDb,
    lexicon: FrameLexicon,
  ) {
    this.lex = new Lexicon(lexicon);
    this.facts = new Facts(db, this.lex);
    // words that put a sentence in the domain without naming a drug ("the right-handed form", "morning sickness")
    const words = [...(lexicon.domainWords ?? [])].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.domainCue = words.length ? new RegExp(`\\b(?:${words.join('|')})`, 'i') : /(?!)/;
    this.anchors = anchorRegex(this.lex);
  }

  static from(db: TermDb, data: BundledData): FrameEngine | undefined {
    const lexicon = (data as BundledData & { frames?: FrameLexicon }).frames;
    return lexicon ? new FrameEngine(db, lexicon) : undefined;
  }

  /**
   * Frame findings of the sentences that start in [from, to). `mentions` are the scanner's
   * mentions of that range (sorted); `existing` are the claim findings already made there
   * (a sentence a bundled rule flagged is not flagged twice).
   */
  run(prose: Prose, from: number, to: number, mentions: readonly Mention[], existing: readonly RawFinding[], opts: FrameRunOptions, out: RawFinding[]): number | undefined {
    const rules = FRAME_RULES.filter((r) => opts.severityOf(r.id, r.severity) !== 'off');
    if (!rules.length || from >= to) return undefined;
    const first = out.length;
    const terminators = new Terminators(prose.text);
    const atYear = new Date(opts.at).getUTCFullYear();
    const text = prose.text;
    const headingTopics = new Map<number, { id: string; name: string } | undefined>();
    const years = new YearWindow(text, atYear);
    // The context of a sentence depends only on the text within CONTEXT characters before it (in its
    // paragraph), so a full lint and an incremental re-check of a window compute the same context:
    // the drug mentions before the range are scanned once, those of the range come with it.
    const before = from > 0 ? scan(this.db, prose, Math.max(0, from - CONTEXT), from) : [];
    const drugMentions = [...before, ...mentions].filter((m) => m.form && isContextKind(this.db.terms.get(m.form.termId)?.kind));
    const spans = new Map<number, Span[]>();
    const spansOf = (block: { start: number; end: number }) => {
      let l = spans.get(block.start);
      if (!l) spans.set(block.start, (l = (opts.sentences?.inBlock(block) ?? splitSentences(prose, block.start, block.end, terminators)).flatMap((x) => splitLabelLines(text, x))));
      return l;
    };
    let lo = 0;
    let hi = 0;
    let paraStart = -1;
    let paraEnd = -1;
    let topicPara = -1;
    let topicNear = false;
    let topic: { id: string; name: string } | undefined;
    let mi = 0;
    let ei = 0;
    let pos = from;
    while (pos < to) {
      const block = blockAround(prose, pos);
      const blockEnd = Math.max(block.end, pos + 1);
      const list = spansOf(block);
      for (let si = 0; si < list.length; si++) {
        const span = list[si];
        // a sentence is checked with the range that holds its start
        if (span.start < from) continue;
        if (span.start >= to) break;
        if (opts.limit !== undefined && out.length - first + (opts.before?.(span.start) ?? 0) >= opts.limit) return span.start;
        // a "sentence" of thousands of characters (a table, a generated line) is no sentence a frame can read
        if (span.end - span.start > MAX_SENTENCE) continue;
        // the cheap pre-check first (the context below depends only on the span's start, so skipping it is safe):
        while (mi < mentions.length && mentions[mi].start < span.start) mi++;
        const mine: Mention[] = [];
        for (let k = mi; k < mentions.length && mentions[k].start < span.end; k++) mine.push(mentions[k]);
        const hasEntity = mine.some((m) => m.form);
        const body = text.slice(span.start, span.end);
        // no frame can find anything without one of its anchor words or a name it reads
        const namedCue = hasEntity && mine.some((m) => (m.form && this.anchorKinds.has(this.db.terms.get(m.form.termId)?.kind ?? '')) || m.form?.kind === 'brand');
        if (!namedCue && !this.anchors.test(body)) continue;
        if (insideAny(prose.quotes, span.start)) continue;
        // a sentence a bundled rule flagged is not checked again
        while (ei < existing.length && existing[ei].start < span.start) ei++;
        if (ei < existing.length && existing[ei].start < span.end) continue;
        if (!(span.start >= paraStart && span.start < paraEnd)) {
          paraStart = paragraphStart(text, span.start);
          paraEnd = paragraphEnd(text, span.start);
        }
        const para = paraStart;
        // context: the drug mentions in [max(paragraph start, start - CONTEXT), start)
        const ctxFrom = Math.max(para, span.start - CONTEXT);
        while (hi < drugMentions.length && drugMentions[hi].start < span.start) hi++;
        while (lo < hi && drugMentions[lo].start < ctxFrom) lo++;
        const window = drugMentions.slice(Math.max(lo, hi - 8), hi);
        const previous = drugIds(this.db, window);
        if (topicPara !== para || (topicNear && span.start - para > CONTEXT)) {
          topicPara = para;
          topicNear = span.start - para <= CONTEXT;
          topic = topicOf(this.db, prose, para, headingTopics, span.start);
        }
        if (!hasEntity && !previous.length && !topic && !this.domainCue.test(body)) continue;
        let lastSentence: string[] = [];
        if (window.length) {
          // the drugs of the sentence that holds the last of them
          const last = window[window.length - 1].start;
          const home = spanAt(spansOf(blockAround(prose, last)), last);
          if (home) lastSentence = [...new Set(drugIds(this.db, drugMentions.slice(lo, hi).filter((m) => m.start >= home.start && m.start < home.end)))];
        }
        const { chain: carried, unresolved } = this.carried(text, list, si, para, drugMentions);
        const latestYear = years.latest(span.start);
        const ctx: Context = { previous, lastSentence, ...(topic ? { topic: topic.id, topicName: topic.name } : {}), ...(carried ? { chain: carried } : {}), ...(unresolved ? { unresolved } : {}), ...(latestYear ? { latestYear } : {}) };
        const s = new Sentence(maskedSlice(prose, span.start, span.end), span.start, mine, this.db, this.lex, ctx);
        this.check(prose, s, span, rules, opts, atYear, out);
      }
      pos = blockEnd;
    }
    return undefined;
  }

  /**
   * The subject carried into a sentence (Context.chain): the earlier sentences of its block in the
   * same paragraph, within CONTEXT characters, each passing on the drug it opens with or the one
   * it received when it opens with a singular pronoun. It depends only on the text before the
   * sentence, so a check of part of a document finds what a full check finds.
   */
  private carried(text: string, spans: readonly Span[], idx: number, para: number, drugMentions: readonly Mention[]): { chain?: string; unresolved: boolean } {
    const span = spans[idx];
    let k = idx;
    while (k > 0 && idx - k < 8 && spans[k - 1].start >= para && spans[k - 1].start >= span.start - CONTEXT) k--;
    let chain: string | undefined;
    // the last sentence that named a drug opened with a pronoun whose drug is not in the paragraph
    // ("It was developed by Celgene, the company behind Revlimid. Amgen owns it now.")
    let unresolved = false;
    // (a drug named in an earlier sentence of the window resolves such a pronoun)
    let seen = false;
    for (; k < idx; k++) {
      const sp = spans[k];
      const mine: Mention[] = [];
      for (let m = firstStartAtOrAfter(drugMentions, sp.start); m < drugMentions.length && drugMentions[m].start < sp.end; m++) mine.push(drugMentions[m]);
      const before = chain;
      const body = text.slice(sp.start, sp.end);
      chain = this.opener(body, sp.start, mine, chain);
      const names = mine.some((m) => m.form);
      if (names) unresolved = !before && !chain && !seen && this.opensWithPronoun(body);
      seen ||= names;
    }
    return { ...(chain ? { chain } : {}), unresolved };
  }

  private opensWithPronoun(body: string): boolean {
    const lead = leadLength(body);
    return !!this.lex.pronounsSingular.at(tokenize(body.slice(lead, lead + 40)), 0);
  }

  /**
   * The drug a sentence opens with (its first words name it), or the carried one when it opens with
   * a singular pronoun ("It", "The drug"); otherwise none.
   */
  private opener(body: string, base: number, mine: readonly Mention[], carried: string | undefined): string | undefined {
    const lead = leadLength(body);
    const at = base + lead;
    const first = mine.find((m) => m.form && m.start >= at - 1);
    if (first && first.start <= at + 1) {
      const t = this.db.terms.get(first.form!.termId);
      return t?.kind === 'drug' ? t.id : undefined;
    }
    if (!carried) return undefined;
    // a sentence that names no drug leaves the paragraph's subject where it was ("The first weeks were
    // rough. Now I take one capsule ...")
    if (!mine.some((m) => m.form)) return carried;
    return this.opensWithPronoun(body) ? carried : undefined;
  }

  private check(prose: Prose, s: Sentence, span: Span, rules: readonly FrameRule[], opts: FrameRunOptions, atYear: number, out: RawFinding[]): void {
    const found: Contradiction[] = [];
    for (const r of rules) {
      const before = found.length;
      try {
        r.check({ s, facts: this.facts, lex: this.lex, at: opts.at, atYear }, found);
      } catch (e) {
        if (debugFrames) debugFrames(r.id, e);
        found.length = before; // a frame that fails on odd input says nothing
      }
      if (found.length > before) break; // one contradiction per sentence is enough to act on
    }
    // a claim inside quotation marks is reported speech ("a reviewer wrote that "X is an IMiD"")
    const quoted = quotedSpans(s.text, s.base);
    for (const c of found.filter((x) => !quoted.some(([a, b]) => x.start >= a && x.start < b) && !insideAny(prose.quotes, x.start)).slice(0, 1)) {
      const rule = rules.find((r) => r.id === c.ruleId)!;
      const severity = c.severity ?? (opts.severityOf(rule.id, rule.severity) as Severity);
      const fixes: OffsetFix[] = [];
      if (c.rewrite) fixes.push({ title: c.rewrite.title, kind: 'rewrite', edits: c.rewrite.edits });
      const keys = [...new Set(c.evidence)].filter((k) => this.db.references.has(k)).slice(0, 3);
      const cite = keys.length && opts.citeFix ? opts.citeFix(span, keys) : undefined;
      if (cite) fixes.push(cite);
      out.push({
        ruleId: rule.id,
        severity,
        message: c.message,
        start: c.start,
        end: c.end,
        explanation: rule.description,
        evidence: keys,
        family: rule.family,
        fixes,
        data: { frame: rule.id, ...(c.data ?? {}) },
      });
    }
  }
}

/** A line that is a label and its value ("Drug class: ...", "- Status: ...", "Manufacturer: ..."). */
const YEAR = /\b(19[5-9]\d|20\d\d)\b/g;
/** How far before a sentence its text is read for years (latestYearBefore). */
const YEARS_BACK = 2000;

/**
 * latestYearBefore for increasing offsets, reading the text once: the years read for one
 * sentence stay for the next while they lie within YEARS_BACK of it. Exact because a match of YEAR
 * is a whole 4-digit word: a scan that starts anywhere finds every match of a full scan from there on.
 */
export class YearWindow {
  private readonly re = new RegExp(YEAR.source, 'g');
  private readonly found: Array<{ index: number; year: number }> = [];
  private head = 0;
  /** Matches are known from here on, up to `next` (fetched, not yet taken; null: none left; undefined: not fetched). */
  private origin = -1;
  private next: { index: number; year: number } | null | undefined;
  private lastAt = -1;

  constructor(
    private readonly text: string,
    private readonly atYear: number,
  ) {}

  /** The latest year (up to `atYear`) written in the YEARS_BACK characters before `at`. */
  latest(at: number): number | undefined {
    const lo = Math.max(0, at - YEARS_BACK);
    // a step back, or a gap past every match known: start reading again at lo
    if (at < this.lastAt || lo < this.origin || this.origin < 0 || (this.next && this.next.index < lo)) {
      this.found.length = 0;
      this.head = 0;
      this.origin = lo;
      this.re.lastIndex = lo;
      this.next = undefined;
    }
    this.lastAt = at;
    for (;;) {
      if (this.next === undefined) {
        const m = this.re.exec(this.text);
        this.next = m ? { index: m.index, year: Number(m[1]) } : null;
      }
      if (this.next === null || this.next.index >= at) break;
      this.found.push(this.next);
      this.next = undefined;
    }
    while (this.head < this.found.length && this.found[this.head].index < lo) this.head++;
    if (this.head > 64 && this.head * 2 > this.found.length) {
      this.found.splice(0, this.head);
      this.head = 0;
    }
    let best: number | undefined;
    for (let k = this.head; k < this.found.length; k++) {
      const y = this.found[k].year;
      if (y <= this.atYear && (best === undefined || y > best)) best = y;
    }
    return best;
  }
}

/** The latest year (up to `atYear`) written in the 2,000 characters before `at` (the reference YearWindow is checked against). */
export function latestYearBefore(text: string, at: number, atYear: number): number | undefined {
  let best: number | undefined;
  YEAR.lastIndex = Math.max(0, at - YEARS_BACK);
  for (let m = YEAR.exec(text); m && m.index < at; m = YEAR.exec(text)) {
    const y = Number(m[1]);
    if (y <= atYear && (best === undefined || y > best)) best = y;
  }
  return best;
}

/** What may come before a sentence's first word: list bullets, heading marks, emphasis, an opening bracket or quote. */
const OPENER = /^[\s#>*_\-\u2022|("\u201c]*/;

/** Where a sentence's own words start: past markup and a fronted adverb or phrase ("Chemically it is ...", "By raising cAMP, it ...", "Unlike thalidomide, it ..."). */
function leadLength(body: string): number {
  const open = OPENER.exec(body)?.[0].length ?? 0;
  return open + (FRONTED.exec(body.slice(open))?.[0].length ?? 0);
}
/** A fronted adverb ("Chemically ") or a short fronted phrase closed by a comma ("By raising cAMP, "). */
const FRONTED = /^(?:[A-Z][a-z]+ly,?\s+|(?:In|Outside|Across|Throughout|Within)\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){1,3}(?=(?:it|they|the drug|this drug)\b)|(?:By|Unlike|Like|In|As|After|Before|Although|Though|Because|Since|When|While|With|Without|For|Despite|Compared|Following|Besides|Apart|Today|However|Moreover|Furthermore|Nevertheless|Instead|Thus|Therefore|Indeed|Notably|Importantly|Also|Now)\b[^,.;:!?]{0,60},\s+)/;
const LABEL_LINE = /^[ \t]*(?:[-*\u2022+>|][ \t]*)?(?:[A-Za-z][A-Za-z .()/'\u2019-]{0,40}|(?:early |mid-?|late )?(?:1[89]|20)\d\ds?)[:=]/;

/**
 * Infobox, slide and leaflet lines without end punctuation run together into one "sentence":
 * each label line ("Drug class: ...") and each short title line is checked on its own.
 */
export function splitLabelLines(text: string, span: Span): Span[] {
  // a span without a line break is one sentence (looked for within the span only: a one-line document
  // of megabytes must not be searched to its end for every sentence)
  let nl = span.start;
  while (nl < span.end && text.charCodeAt(nl) !== 10) nl++;
  if (nl >= span.end) return [span];
  const out: Span[] = [];
  let start = span.start;
  let lineStart = span.start;
  let prevLine = '';
  let prevWhole = false;
  for (;;) {
    let lineEnd = lineStart;
    while (lineEnd < span.end && text.charCodeAt(lineEnd) !== 10) lineEnd++;
    const line = text.slice(lineStart, lineEnd);
    // a title line: a whole short line of at most four words, followed by a line that starts a new statement
    const title = prevWhole && prevLine.trim().split(/\s+/).length <= 4 && !/[.!?,;:]\s*$/.test(prevLine) && /^\s*(?:[-*\u2022]\s*)?[A-Z0-9]/.test(line);
    if (lineStart > start && (LABEL_LINE.test(line) || LABEL_LINE.test(prevLine) || title)) {
      out.push(trimSpan(text, start, lineStart));
      start = lineStart;
    }
    prevLine = line;
    prevWhole = lineStart === 0 || text.charCodeAt(lineStart - 1) === 10;
    if (lineEnd >= span.end) break;
    lineStart = lineEnd + 1;
  }
  out.push(trimSpan(text, start, span.end));
  return out.filter((x) => x.end > x.start);
}

function trimSpan(text: string, start: number, end: number): Span {
  while (end > start && /\s/.test(text.charAt(end - 1))) end--;
  while (start < end && /\s/.test(text.charAt(start))) start++;
  return { start, end };
}

/** The span holding `offset` in a sorted list of spans (binary search). */
function spanAt(spans: readonly Span[], offset: number): Span | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= offset) lo = mid + 1;
    else if (spans[mid].start > offset) hi = mid - 1;
    else return spans[mid];
  }
  return undefined;
}

/** Longer stretches without a sentence end are not analysed (linear time on pathological lines). */
export const MAX_SENTENCE = 2000;
/** How far back (characters, within the paragraph) a pronoun or "the drug" looks for its drug. */
export const CONTEXT = 4000;

function isContextKind(kind: string | undefined): boolean {
  return kind === 'drug' || kind === 'class';
}

const STOP = new Set(['the', 'a', 'an', 'is', 'are', 'was', 'were', 'of', 'in', 'on', 'to', 'for', 'by', 'as', 'and', 'or', 'be', 'been', 'being', 'it', 'its', 'this', 'that', 'with', 'has', 'have', 'not', 'no', 'from', 'at', 'one']);

/** The pre-check of a sentence: the longest word of every cue phrase of the frames, and years. */
function anchorRegex(lex: Lexicon): RegExp {
  const words = new Set<string>();
  const d = lex.data;
  const lists: Array<readonly string[] | undefined> = [
    ...d.classes.map((c) => c.phrases), ...Object.values(d.generations), d.mechanism.inhibit, d.mechanism.degrade, d.mechanism.stabilise, d.mechanism.bind,
    d.mechanism.primacy, d.mechanism.explains, d.unknown.cues, d.company.marketPresent, d.company.develop, d.company.possessiveNouns, d.approval.verbs, d.approval.launch,
    ...d.forms.map((f) => f.words), d.status.investigational, d.status.trials, d.status.expected, d.status.onlyOnMarket, d.recency.cues, d.recency.ago,
    d.teratogenicity.safe, d.teratogenicity.enantiomer, d.teratogenicity.singleEnantiomer, d.teratogenicity.noPrecaution, d.teratogenicity.semenNegative, ...(d.mechanism.markers ?? []).map((mk) => mk.words), d.brandWords, d.formerUse?.verbs, d.indications.find((x) => x.code === 'morning-sickness')?.words, d.classLabels,
  ];
  for (const list of lists) {
    for (const p of list ?? []) {
      const ws = p.toLowerCase().split(/[^a-z0-9\u00c0-\u024f\u0370-\u03ff]+/).filter((w) => w && !STOP.has(w));
      const w = ws.sort((a, b) => b.length - a.length)[0];
      if (w) words.add(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    }
  }
  return new RegExp(`\\b(?:${[...words].sort((a, b) => b.length - a.length).join('|')})|\\b(?:1[89]|20)\\d\\d`, 'i');
}

function drugIds(db: TermDb, mentions: readonly Mention[]): string[] {
  const out: string[] = [];
  for (const m of mentions) {
    if (!m.form) continue;
    const t = db.terms.get(m.form.termId);
    if (t && (t.kind === 'drug' || t.kind === 'class')) out.push(t.id);
  }
  return out;
}

/** Start of the paragraph (text after the last blank line) holding `offset`. */
export function paragraphStart(text: string, offset: number): number {
  let k = offset;
  for (;;) {
    const nl = text.lastIndexOf('\n', k - 1);
    if (nl < 0) return 0;
    const prev = text.lastIndexOf('\n', nl - 1);
    if (/^[ \t\r]*$/.test(text.slice(prev + 1, nl))) {
      // a lead-in that ends with a colon ("Key facts about thalidomide:") belongs to the list after it
      let q = prev;
      while (q > 0 && /^[ \t\r]*$/.test(text.slice(text.lastIndexOf('\n', q - 1) + 1, q))) q = text.lastIndexOf('\n', q - 1);
      const lead = q > 0 ? text.slice(text.lastIndexOf('\n', q - 1) + 1, q) : '';
      if (!/:[ \t\r]*$/.test(lead) || offset - q > 2000) return nl + 1;
      k = q;
      continue;
    }
    k = nl;
    if (offset - k > 20000) return nl + 1;
  }
}

/** End of the paragraph holding `offset` (the blank line after it, or the end). */
export function paragraphEnd(text: string, offset: number): number {
  const re = /\n[ \t\r]*\n/g;
  re.lastIndex = offset;
  const m = re.exec(text);
  return m ? m.index + 1 : text.length;
}

/**
 * The one drug a paragraph is about when its sentences do not name it: the section's heading
 * (Markdown #, LaTeX \section) or the paragraph's own first line when that is a short title
 * ("Thalidomide" over an infobox).
 */
function topicOf(db: TermDb, prose: Prose, para: number, headings: Map<number, { id: string; name: string } | undefined>, at: number): { id: string; name: string } | undefined {
  const title = at - para <= CONTEXT ? titleTopic(db, prose, para) : undefined;
  const heading = headingTopic(db, prose, para, headings);
  // the same drug in both: the one written as a brand or code keeps what that name says ("# Contergan" over
  // "Active ingredient: thalidomide")
  if (title && heading?.id === title.id && title.name.toLowerCase() === db.terms.get(title.id)?.preferredName.toLowerCase()) return heading;
  if (title) return title;
  if (heading) return heading;
  // the document's title ("REVLIMID (lenalidomide) capsules, for oral use" over a label), unless a heading
  // between it and the paragraph names no drug of its own or names two
  if (!headings.has(-1)) headings.set(-1, documentTopic(db, prose));
  const doc = headings.get(-1);
  return doc && para > (documentTitleLine(prose.text)?.end ?? Infinity) ? doc : undefined;
}

/** "Trade names: Thalomid; Contergan", "Active substance: apremilast": a label line that names the drug. */
const NAMING_LABEL = /^[ \t]*(?:[-*\u2022][ \t]*)?(?:names?|trade names?|brand names?|other names?|generic names?|inn|active (?:substances?|ingredients?)|proprietary name|non-proprietary name|synonyms?|drug name|medicine)[ \t]*:/i;

/**
 * The line of a document that can be its title: front matter's `title:` value, else the first
 * non-blank line when it is short (at most 12 words and 120 characters) and no sentence, or a naming
 * label. An edit up to its end changes the topic of every paragraph (frameWindowEnd).
 */
export function documentTitleLine(text: string): { start: number; end: number } | undefined {
  let k = 0;
  if (text.startsWith('---')) {
    const close = text.indexOf('\n---', 3);
    if (close < 0 || close > 4000) return undefined;
    const m = /\n[ \t]*title:[ \t]*["']?([^"'\r\n]+)/.exec(text.slice(0, close));
    if (m) return { start: m.index + m[0].length - m[1].length, end: close };
    k = text.indexOf('\n', close + 4);
    if (k < 0) return undefined;
  }
  while (k < text.length && k < 4000 && /\s/.test(text.charAt(k))) k++;
  let end = k;
  while (end < text.length && end - k <= 120 && text.charCodeAt(end) !== 10) end++;
  if (end - k > 120 || end === k) return undefined;
  const line = text.slice(k, end).replace(/^#{1,6}[ \t]+/, '').trim();
  if (/[.!?]$/.test(line) || line.split(/\s+/).length > 12) return undefined;
  // "Lenalidomide in relapsed myeloma: a phase II study": the part before a colon, unless it is a naming label
  const colon = text.indexOf(':', k);
  return { start: k, end: colon >= 0 && colon < end && !NAMING_LABEL.test(line) ? colon : end };
}

/** The one drug the document's title names (brands and codes count as their drug). */
function documentTopic(db: TermDb, prose: Prose): { id: string; name: string } | undefined {
  const line = documentTitleLine(prose.text);
  if (!line) return undefined;
  const ms = scan(db, prose, line.start, line.end).filter((m) => m.form);
  const ids = [...new Set(drugIds(db, ms))];
  return ids.length === 1 ? { id: ids[0], name: ms.find((m) => m.form!.termId === ids[0])!.text } : undefined;
}

/** The drug named by a paragraph's first line when that line is a short title ("Thalidomide" over an infobox). */
function titleTopic(db: TermDb, prose: Prose, para: number): { id: string; name: string } | undefined {
  const text = prose.text;
  // the first line, read no further than a title can be long (a one-line document of megabytes)
  let end = para;
  while (end < text.length && end - para <= 80 && text.charCodeAt(end) !== 10) end++;
  if (end - para > 80) return undefined;
  const firstLine = text.slice(para, end).trim();
  // a title line, not a label line ("Active ingredient: thalidomide" under "# Contergan")
  // (a naming label is a title: "Trade names: Thalomid; Contergan" heads an infobox)
  if (!firstLine || (firstLine.split(/\s+/).length > 4 && !NAMING_LABEL.test(firstLine)) || /[.!?]$/.test(firstLine) || (firstLine.includes(':') && !NAMING_LABEL.test(firstLine))) return undefined;
  const ms = scan(db, prose, para, end).filter((m) => m.form);
  const ids = [...new Set(drugIds(db, ms))];
  return ids.length === 1 ? { id: ids[0], name: ms.find((m) => m.form!.termId === ids[0])!.text } : undefined;
}

/** A heading line above a paragraph: n lines above it (0: the line right above), [ls, end) its text. */
export interface HeadingLine {
  readonly n: number;
  readonly ls: number;
  readonly end: number;
  readonly md: RegExpExecArray | null;
  readonly tex: RegExpExecArray | null;
}

/** How many lines above a paragraph headingTopic looks at most. */
const HEADING_LINES = 200;

/** The heading line [ls, end), if it is one: a Markdown heading or a LaTeX \section. */
function headingAt(text: string, ls: number, end: number): { md: RegExpExecArray | null; tex: RegExpExecArray | null } | undefined {
  // a heading line starts with # (after at most three blanks) or a backslash: other lines (and
  // empty ones) are not read; a line starts with at most one of the two kinds' first characters
  const c0 = text.charCodeAt(ls);
  const isTex = c0 === 92; /* \ */
  const isMd = !isTex && (c0 === 35 /* # */ || isSpaceCode(c0, text, ls));
  if (!(isTex || isMd) || ls >= end) return undefined;
  const line = text.slice(ls, end);
  const md = isMd ? MD_HEADING.exec(line) : null;
  const tex = isTex ? TEX_HEADING.exec(line) : null;
  return md || tex ? { md, tex } : undefined;
}

/**
 * The heading lines among the HEADING_LINES lines above `para`, nearest first, walking up line by
 * line (what headingTopic read before HeadingLines; kept for what HeadingLines does not cover).
 */
export function walkHeadingLines(text: string, para: number): HeadingLine[] {
  const out: HeadingLine[] = [];
  let k = para;
  for (let n = 0; n < HEADING_LINES && k > 0; n++) {
    const ls = text.lastIndexOf('\n', k - 2) + 1;
    const h = headingAt(text, ls, k - 1);
    if (h) out.push({ n, ls, end: k - 1, md: h.md, tex: h.tex });
    k = ls;
  }
  return out;
}

/**
 * walkHeadingLines for the paragraphs of a run, which come in document order: the line breaks and
 * heading lines are read once, HEADING_LINES + 2 lines above the first paragraph and then forward,
 * instead of HEADING_LINES lines above every paragraph. A paragraph that does not start a line, or
 * lies before what was read, gets the plain walk.
 */
export class HeadingLines {
  /** Every line break in [from, to), ascending. */
  private readonly nl: number[] = [];
  private from = -1;
  private to = -1;
  /** Whether `from` is the start of the text (no line break before nl[0]). */
  private atStart = false;
  /** The heading lines among them, by the index in nl of the line break that ends them. */
  private readonly heads: Array<{ readonly i: number; readonly ls: number; readonly md: RegExpExecArray | null; readonly tex: RegExpExecArray | null }> = [];

  constructor(readonly text: string) {}

  above(para: number): HeadingLine[] {
    const text = this.text;
    if (para <= 0) return [];
    if (text.charCodeAt(para - 1) !== 10) return walkHeadingLines(text, para);
    if (this.from < 0) {
      // the first paragraph: the line breaks above it, back to HEADING_LINES + 2 of them or the start
      const back: number[] = [para - 1];
      while (back.length < HEADING_LINES + 2) {
        const p = back[back.length - 1];
        const q = p > 0 ? text.lastIndexOf('\n', p - 1) : -1;
        if (q < 0) {
          this.atStart = true;
          break;
        }
        back.push(q);
      }
      back.reverse();
      this.from = this.atStart ? 0 : back[0];
      this.to = this.from;
      for (const q of back) this.add(q);
      this.to = para;
    } else if (para - 1 < this.from) return walkHeadingLines(text, para);
    while (this.to <= para - 1) {
      const q = text.indexOf('\n', this.to);
      if (q < 0) {
        this.to = text.length;
        break;
      }
      this.add(q);
      this.to = q + 1;
    }
    // the line break that ends the line right above the paragraph
    const nl = this.nl;
    let lo = 0;
    let hi = nl.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (nl[mid] < para - 1) lo = mid + 1;
      else hi = mid - 1;
    }
    const j = lo;
    if (nl[j] !== para - 1) return walkHeadingLines(text, para);
    // the lines j - n for n < HEADING_LINES must all have a known start
    if (!this.atStart && j - (HEADING_LINES - 1) < 1) return walkHeadingLines(text, para);
    const heads = this.heads;
    lo = 0;
    hi = heads.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (heads[mid].i <= j) lo = mid + 1;
      else hi = mid - 1;
    }
    const out: HeadingLine[] = [];
    for (let h = hi; h >= 0 && j - heads[h].i < HEADING_LINES; h--) {
      const x = heads[h];
      out.push({ n: j - x.i, ls: x.ls, end: nl[x.i], md: x.md, tex: x.tex });
    }
    return out;
  }

  /** Takes the next line break (ascending) and the heading line it ends, if it is one. */
  private add(q: number): void {
    const i = this.nl.length;
    this.nl.push(q);
    const ls = i > 0 ? this.nl[i - 1] + 1 : this.atStart ? 0 : -1;
    if (ls < 0) return;
    const h = headingAt(this.text, ls, q);
    if (h) this.heads.push({ i, ls, md: h.md, tex: h.tex });
  }
}
const headingLinesOfRun = new WeakMap<object, HeadingLines>();

const MD_HEADING = /^\s{0,3}(#{1,6})\s/;
const TEX_HEADING = /^\\((?:sub)*)section\*?\{/;

/** Whether the character at i (code c) is one /\s/ matches, without a RegExp for ASCII. */
function isSpaceCode(c: number, text: string, i: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(text.charAt(i));
}

/** The drug of the nearest heading above a paragraph (within 30 lines), if it names exactly one. */
function headingTopic(db: TermDb, prose: Prose, para: number, headings: Map<number, { id: string; name: string } | undefined>): { id: string; name: string } | undefined {
  const text = prose.text;
  // the nearest heading; one without a drug ("## Mechanism") takes its parent's ("# Thalidomide")
  let level = Infinity;
  const pending: number[] = [];
  // the heading lines above the paragraph, read once per run (the cache of headings is the run's)
  let lines = headingLinesOfRun.get(headings);
  if (!lines || lines.text !== text) headingLinesOfRun.set(headings, (lines = new HeadingLines(text)));
  // nearest first; past 30 lines only while looking for the parent of a heading without a drug
  for (const { n, ls, end, md, tex } of lines.above(para)) {
    if (!(n < 30 || level < Infinity)) break;
    const lv = md ? md[1].length : tex![1].length / 3 + 1;
    if (lv < level) {
      let topic: { id: string; name: string } | undefined;
      if (headings.has(ls)) topic = headings.get(ls);
      else {
        const ms = scan(db, prose, ls, end).filter((m) => m.form);
        const ids = [...new Set(drugIds(db, ms))];
        topic = ids.length === 1 ? { id: ids[0], name: ms.find((m) => m.form!.termId === ids[0])!.text } : undefined;
        if (topic || lv <= 1) headings.set(ls, topic);
      }
      if (topic || lv <= 1) {
        for (const p of pending) headings.set(p, topic);
        return topic;
      }
      pending.push(ls);
      level = lv;
    }
  }
  return undefined;
}

/** Stretches between paired double quotes in a sentence (document offsets). */
function quotedSpans(text: string, base: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /["\u201c]([^"\u201c\u201d]{3,})["\u201d]|``([^`']{3,})''/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push([base + m.index, base + m.index + m[0].length]);
  return out;
}

/** The date a document states: front matter `date:` (Markdown, Quarto) or LaTeX \date{...}; undefined when none or unreadable. */
export function documentDate(text: string): number | undefined {
  const head = text.slice(0, 4000);
  const fm = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(head);
  const raw = fm ? /^date:\s*["']?([^"'\r\n]+)["']?\s*$/m.exec(fm[1])?.[1] : /\\date\{([^}]*)\}/.exec(head)?.[1];
  if (!raw) return undefined;
  const iso = /(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(raw);
  if (iso) return Date.UTC(Number(iso[1]), iso[2] ? Number(iso[2]) - 1 : 0, iso[3] ? Number(iso[3]) : 1);
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : t;
}

const HEADING_LINE = /(^|\n)[ \t]{0,3}(#{1,6}[ \t]|\\(sub)*section\*?\{)/;

/**
 * How far an incremental re-check must reach for the frames after an edit in [from, to): the
 * end of the paragraph after `to` (pronouns and a title line carry into it), or, when the edited
 * stretch holds (or held) a heading, the next heading (the section's topic changed).
 */
export function frameWindowEnd(text: string, old: string, from: number, to: number, oldTo: number): number {
  // the document's title line is every paragraph's last resort for a topic
  const title = Math.max(documentTitleLine(text)?.end ?? -1, documentTitleLine(old)?.end ?? -1);
  if (title >= 0 && from <= title + 1) return text.length;
  let end = paragraphEnd(text, Math.min(text.length, to));
  if (end < text.length) end = paragraphEnd(text, Math.min(text.length, end + 1));
  if (HEADING_LINE.test(text.slice(from, to)) || HEADING_LINE.test(old.slice(from, Math.min(old.length, oldTo)))) {
    const re = /\n[ \t]{0,3}(#{1,6}[ \t]|\\(sub)*section\*?\{)/g;
    re.lastIndex = Math.min(text.length, to);
    const m = re.exec(text);
    end = Math.max(end, m ? m.index + 1 : text.length);
  }
  else end = Math.min(end, to + CONTEXT + MAX_SENTENCE);
  // line-aligned, as the session's windows are
  while (end < text.length && text.charCodeAt(end - 1) !== 10) end++;
  return Math.max(to, end);
}
