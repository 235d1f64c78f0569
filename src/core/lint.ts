/**
 * text + language + engine → findings (sorted, deterministic), with
 * disable comments applied. The one entry point the editor and the CLI share.
 */
import { bundledCitationChecker } from './citations/check';
import type { Severity } from './data/types';
import { type DocumentLike, LineIndex, TextDocument } from './document';
import { Engine, type EngineInput } from './engine';
import { type Finding, type OffsetEdit, type OffsetFix, type RawFinding, compareRaw, toPublic } from './findings';
import { type Directive, type Prose, extractProse, firstPairEndingAfter, insideAny, maskedSlice, proseKindOf } from './prose/index';
import { BUILTIN_RULES, MISSPELLED_NAME, RULE_TIME_BUDGET, TOO_MANY_PROBLEMS, UNKNOWN_DIRECTIVE_RULE, checkMisspellings } from './rules/builtin';
import { RuleBudget, evaluateSentence } from './rules/claims';
import { documentDate } from './frames/index';
import { type Mention, scan } from './scanner';
import { firstStartAtOrAfter, lowerBound } from './search';
import { type Sentence, SentenceIndex } from './sentences';

/** Checks citations of a document (supplied by the citation layer; optional). */
export type CitationChecker = (prose: Prose, engine: Engine) => RawFinding[];

export interface LintOptions {
  readonly engine: Engine;
  readonly languageId: string;
  readonly citations?: CitationChecker;
  /**
   * Stop after this many findings (the editor's imidLens.maxProblems): the claim rules stop at the
   * sentence where the count is reached and the result holds the first `maxFindings` findings in
   * document order, plus one `too-many-problems` note. A dense pathological file (a finding every
   * few words over megabytes) then costs what its first findings cost. Unset: no limit (the CLI).
   */
  readonly maxFindings?: number;
}

export interface Suppressed {
  readonly finding: Finding;
  readonly directive: Directive;
}

export interface LintResult {
  readonly findings: Finding[];
  /** Findings silenced by a disable comment, with the comment (and its reason). */
  readonly suppressed: Suppressed[];
  readonly prose: Prose | undefined;
  readonly mentions: readonly Mention[];
  /** Set when maxFindings cut the result short. */
  readonly truncated?: boolean;
}

/** Builds an engine and checks the examples of the user's own rules (like prh specs). */
export function createEngine(input: EngineInput): Engine {
  const engine = new Engine(input);
  const user = input.config?.config.claims ?? [];
  const file = input.config?.problems[0]?.file ?? '.imid-lens.json';
  user.forEach((c, i) => {
    if (!engine.rules.some((r) => r.rule.id === c.id && r.family === 'user')) return;
    const where = input.config?.locate(['claims', i, 'examples']) ?? { line: 0, character: 0 };
    for (const text of c.examples?.invalid ?? []) {
      const found = lintText(text, 'plaintext', engine).findings.some((f) => f.ruleId === c.id);
      if (!found) engine.configProblems.push({ file, ...where, message: `rule "${c.id}": invalid example is not flagged: ${JSON.stringify(text)}` });
    }
    for (const text of c.examples?.valid ?? []) {
      const found = lintText(text, 'plaintext', engine).findings.some((f) => f.ruleId === c.id);
      if (found) engine.configProblems.push({ file, ...where, message: `rule "${c.id}": valid example is flagged: ${JSON.stringify(text)}` });
    }
  });
  return engine;
}

export function lintText(text: string, languageId: string, engine: Engine, citations?: CitationChecker): LintResult {
  return lint(new TextDocument('untitled:text', text, 1, languageId), { engine, languageId, ...(citations ? { citations } : {}) });
}

export function lint(doc: DocumentLike, opts: LintOptions): LintResult {
  const r = lintRaw(doc.getText(), opts);
  if (!r) return { findings: [], suppressed: [], prose: undefined, mentions: [] };
  const result = applyDirectives(doc, r.prose, r.raw, r.mentions);
  return r.truncated ? { ...result, truncated: true } : result;
}

/** lint() before the public conversion: the prose, its mentions and the sorted raw findings; undefined for a language it does not read. */
export function lintRaw(text: string, opts: LintOptions): { prose: Prose; raw: RawFinding[]; mentions: Mention[]; truncated?: boolean } | undefined {
  const kind = proseKindOf(opts.languageId);
  if (!kind) return undefined;
  const prose = extractProse(text, kind);
  const { raw, mentions, stoppedAt } = runStages(STAGES, { prose, opts, from: 0, to: prose.text.length, whole: true, ...(opts.maxFindings !== undefined ? { stopAfter: opts.maxFindings } : {}) });
  const max = opts.maxFindings;
  if (max === undefined || (stoppedAt === undefined && raw.length <= max)) return { prose, raw, mentions };
  // keep what was fully checked (before the sentence where the rules stopped), at most `max`
  let n = 0;
  while (n < raw.length && n < max && (stoppedAt === undefined || raw[n].start < stoppedAt)) n++;
  // the note sits where checking stopped: the first finding not kept, or the first sentence not checked
  const cutByCount = n < raw.length && (stoppedAt === undefined || raw[n].start < stoppedAt);
  const at = cutByCount ? raw[n].start : (stoppedAt ?? prose.text.length);
  const kept = raw.slice(0, n);
  const severity = opts.engine.severityOf(TOO_MANY_PROBLEMS.id, TOO_MANY_PROBLEMS.severity);
  if (severity !== 'off') {
    kept.push({
      ruleId: TOO_MANY_PROBLEMS.id,
      severity,
      message: `IMiD Lens stopped checking here after ${max} problems (setting imidLens.maxProblems); the rest of the document was not checked.`,
      start: at,
      end: at,
      fixes: [],
      data: { limit: max },
    });
  }
  return { prose, raw: kept, mentions, truncated: true };
}

// --- the lint pipeline -------------------------------------------------------------------------

/** What a stage checks: the whole document, or a window [from, to) of it. */
export interface StageInput {
  readonly prose: Prose;
  readonly opts: LintOptions;
  readonly from: number;
  readonly to: number;
  /**
   * The whole document: document-level findings (a bibliography that cannot be read) too. A
   * window (an incremental re-check, a step of the first check) reports only what starts in it.
   */
  readonly whole: boolean;
  /** The terms-and-claims stage stops at the sentence where this many findings were reached (see lintRaw). */
  readonly stopAfter?: number;
  /**
   * Shared by the windows of one stepped check, so that its windows together compute what one
   * pass over the document computes: the rule time budget of the whole document (reported by
   * the caller, once) and the sentence index (a long block is split into sentences once).
   */
  readonly shared?: SharedState;
}

export interface SharedState {
  readonly budget: RuleBudget;
  readonly sentences: SentenceIndex;
}

/** What the stages of one window produced: findings (runStages sorts them), the mentions of the window, where checking stopped. */
export interface StageOutput {
  readonly raw: RawFinding[];
  mentions: Mention[];
  stoppedAt?: number;
}

export interface LintStage {
  readonly name: string;
  /**
   * 'window': run over each window of a stepped check; 'document': run once, over the whole
   * document, when the windows are done (cheap, and it has document-level findings).
   */
  readonly scope: 'window' | 'document';
  run(input: StageInput, out: StageOutput): void;
}

/**
 * The one list of lint stages: lint() runs them over the whole document, the incremental
 * session over the window an edit touched, the stepped first check window by window.
 */
export const STAGES: readonly LintStage[] = [
  {
    name: 'terms and claims',
    scope: 'window',
    run(input, out) {
      const r = lintProse(input.prose, input.opts.engine, input.from, input.to, input.stopAfter, input.shared);
      append(out.raw, r.raw);
      out.mentions = r.mentions;
      if (r.stoppedAt !== undefined) out.stoppedAt = r.stoppedAt;
    },
  },
  {
    name: 'citations',
    scope: 'document',
    run({ prose, opts, from, to, whole }, out) {
      // without a bibliography reader, keys are checked against the bundled bibliography
      if (whole) {
        append(out.raw, citationFindings(prose, opts));
        return;
      }
      const cites = prose.citations.slice(firstStartAtOrAfter(prose.citations, from), firstStartAtOrAfter(prose.citations, to));
      for (const r of citationFindings({ ...prose, citations: cites }, opts)) {
        if (r.start >= from && r.start < to) out.raw.push(r); // document-level findings (a missing bibliography) are kept from before
      }
    },
  },
  {
    name: 'disable comments',
    scope: 'document',
    run({ prose, opts, from, to, whole }, out) {
      const ds = whole ? prose.directives : prose.directives.slice(firstStartAtOrAfter(prose.directives, from), firstStartAtOrAfter(prose.directives, to));
      if (ds.length) append(out.raw, checkDirectives(ds === prose.directives ? prose : { ...prose, directives: ds }, opts.engine));
    },
  },
];

/** out.push(...list) without the spread: a dense document has more findings than a call has room for arguments. */
function append<T>(out: T[], list: readonly T[]): void {
  for (const x of list) out.push(x);
}

/** Runs `stages` over the input's range; the findings come back sorted. */
export function runStages(stages: readonly LintStage[], input: StageInput): StageOutput {
  const out: StageOutput = { raw: [], mentions: [] };
  for (const stage of stages) stage.run(input, out);
  out.raw.sort(compareRaw);
  return out;
}

/** The citation stage of lint(): the adapter's checker, else the bundled bibliography's. */
export function citationFindings(prose: Prose, opts: LintOptions): RawFinding[] {
  return (opts.citations ?? bundledCitationChecker)(prose, opts.engine);
}

/** Term and claim findings of a prose (no citations, no directives), in document order. */
export function lintProse(prose: Prose, engine: Engine, from = 0, to = prose.text.length, stopAfter?: number, shared?: SharedState): { raw: RawFinding[]; mentions: Mention[]; stoppedAt?: number } {
  const raw: RawFinding[] = [];
  const mentions = scan(engine.db, prose, from, to);
  const sevMis = engine.severityOf(MISSPELLED_NAME.id, MISSPELLED_NAME.severity);
  const sevMisId = MISSPELLED_NAME.id;
  const sentences = shared?.sentences ?? new SentenceIndex(prose);
  const budget = shared?.budget ?? RuleBudget.forDocument(engine.clock, to - from, engine.ruleBudget);
  const silenced: RawFinding[] | undefined = engine.frames && engine.hasRulesOff ? [] : undefined;
  let group: Mention[] = [];
  let current: Sentence | undefined;
  // sentence by sentence: misspellings of its mentions, then the claim rules
  const flush = () => {
    if (current && group.length) {
      if (sevMis !== 'off') checkMisspellings(engine.db, group, sevMis, raw);
      checkSentence(prose, engine, current, group, raw, budget, silenced);
    }
    group = [];
  };
  let stoppedAt: number | undefined;
  for (const m of mentions) {
    if (!current || m.start >= current.end || m.start < current.start) {
      flush();
      if (stopAfter !== undefined && raw.length >= stopAfter) {
        stoppedAt = m.start;
        break;
      }
      current = sentences.around(m.start);
    }
    group.push(m);
  }
  if (stoppedAt === undefined) flush();
  if (engine.frames) {
    const now = engine.clock();
    const at = engine.asOf ?? documentDate(prose.text) ?? now;
    if (at < now - YEAR_MS) dropUndatedRules(engine, raw);
    // a sentence a bundled rule flagged (warning or error, or switched off) is not flagged again by a frame
    const claims = [...raw.filter((r) => r.ruleId !== sevMisId && (r.severity === 'warning' || r.severity === 'error')), ...(silenced ?? [])].sort(compareRaw);
    // the limit counts the findings in document order: the rules' before a sentence, and the frames'
    const starts = stopAfter === undefined ? [] : raw.map((r) => r.start).sort((a, b) => a - b);
    const before = (offset: number) => lowerBound(starts, offset);
    const framesStopped = engine.frames.run(prose, from, stoppedAt ?? to, mentions, claims, { at, severityOf: (id, d) => engine.severityOf(id, d), sentences, ...(stopAfter !== undefined ? { limit: stopAfter, before } : {}), citeFix: (s, keys) => citeFix(prose, s, maskedSlice(prose, s.start, s.end), keys) }, raw);
    if (framesStopped !== undefined && (stoppedAt === undefined || framesStopped < stoppedAt)) stoppedAt = framesStopped;
  }
  // a shared budget is reported once, by whoever shares it, when all its windows are done
  if (!shared) reportBudget(engine, budget, raw);
  return stoppedAt === undefined ? { raw, mentions } : { raw, mentions, stoppedAt };
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;
/** Families of bundled rules that state today's facts (holders, approvals, current names): the frames check them at a date. */
const TODAYS_FACTS = new Set(['companies', 'approval-status', 'outdated-names', 'recency', 'mechanism-unknown', 'cereblon-mechanism']);

/**
 * A document dated in the past (front matter date, \date, --as-of) is checked against the facts of
 * its date: the fact frames know dates; the bundled regex rules of today's holders, approvals and
 * names do not, so their findings are dropped there.
 */
function dropUndatedRules(engine: Engine, raw: RawFinding[]): void {
  let w = 0;
  for (const r of raw) {
    const info = engine.ruleInfo(r.ruleId);
    if (info && info.source !== 'fact frame' && info.family !== 'builtin' && info.family !== 'user' && TODAYS_FACTS.has(info.family)) continue;
    raw[w++] = r;
  }
  raw.length = w;
}

/** A rule that ran out of its time budget is reported once per document, where it happened. */
export function reportBudget(engine: Engine, budget: RuleBudget, raw: RawFinding[]): void {
  const severity = engine.severityOf(RULE_TIME_BUDGET.id, RULE_TIME_BUDGET.severity);
  if (severity === 'off') return;
  for (const x of budget.exceeded) {
    raw.push({
      ruleId: RULE_TIME_BUDGET.id,
      severity,
      message: `Rule "${x.ruleId}" took ${Math.round(x.spentMs)} ms on this document (budget ${Math.round(budget.limitMs)} ms) and was skipped from here on.`,
      start: x.start,
      end: x.end,
      fixes: [],
      data: { rule: x.ruleId, spentMs: x.spentMs, budgetMs: budget.limitMs },
    });
  }
}

/** A sentence longer than this is checked only around its mentions, SENTENCE_WINDOW characters on either side. */
export const LONG_SENTENCE = 1500;
export const SENTENCE_WINDOW = 600;
const WINDOW = SENTENCE_WINDOW;

function checkSentence(prose: Prose, engine: Engine, s: Sentence, mentions: Mention[], out: RawFinding[], budget: RuleBudget, silenced?: RawFinding[]): void {
  // A "sentence" of a 5 MB line without punctuation: look only around the mentions,
  // in merged windows so that no mention is checked twice.
  if (s.end - s.start > LONG_SENTENCE) {
    let i = 0;
    while (i < mentions.length) {
      const start = Math.max(s.start, mentions[i].start - WINDOW);
      let end = Math.min(s.end, mentions[i].end + WINDOW);
      let j = i + 1;
      while (j < mentions.length && mentions[j].start < end && end - start < 4 * WINDOW) {
        end = Math.min(s.end, Math.max(end, mentions[j].end + WINDOW));
        j++;
      }
      checkWindow(prose, engine, { start, end }, mentions.slice(i, j), out, budget, silenced);
      i = j;
    }
    return;
  }
  checkWindow(prose, engine, s, mentions, out, budget, silenced);
}

function checkWindow(prose: Prose, engine: Engine, s: Sentence, mentions: Mention[], out: RawFinding[], budget: RuleBudget, silenced?: RawFinding[]): void {
  const text = maskedSlice(prose, s.start, s.end);
  const citations: Array<{ start: number; end: number; text: string }> = [];
  const cites = prose.citations;
  for (let k = firstStartAtOrAfter(cites, s.start); k < cites.length && cites[k].start < s.end; k++) {
    const c = cites[k];
    if (c.end > s.end) continue;
    const ex = firstPairEndingAfter(prose.excluded, c.start);
    const cs = prose.excluded[2 * ex];
    const ce = prose.excluded[2 * ex + 1];
    if (!citations.some((x) => x.start === cs)) citations.push({ start: cs, end: ce, text: prose.text.slice(cs, ce).trim() });
  }
  evaluateSentence(engine.rules, {
    start: s.start,
    text,
    wide: isWide(prose),
    raw: { text: prose.text, markup: insideAny.bind(undefined, prose.excluded) },
    mentions,
    quoted: insideAny(prose.quotes, s.start),
    quotedAt: insideAny.bind(undefined, prose.quotes),
    citations,
    // bound, not an arrow: a named closure per sentence costs a defineProperty in bundles built with keepNames
    citeFix: citeFix.bind(undefined, prose, s, text),
    ...(silenced ? { silenced } : {}),
  }, engine, out, budget);
}

const wideProse = new WeakMap<Prose, boolean>();
/** Whether a prose's text holds a character above U+00FF (V8 then stores it two bytes a character); read once per prose. */
function isWide(prose: Prose): boolean {
  let w = wideProse.get(prose);
  if (w === undefined) wideProse.set(prose, (w = /[^\x00-\xff]/.test(prose.text)));
  return w;
}

/** "Add citation for the evidence": the document's own citation syntax before the final punctuation. */
function citeFix(prose: Prose, s: Sentence, masked: string, keys: readonly string[]): OffsetFix | undefined {
  const edit = citationEdit(prose, s, masked, keys);
  return edit && { title: `Add citation for the evidence (${keys.join(', ')})`, kind: 'citation', edits: [edit] };
}

function citationEdit(prose: Prose, s: Sentence, masked: string, keys: readonly string[]): OffsetEdit | undefined {
  if (!keys.length || prose.kind === 'plaintext') return undefined;
  let k = masked.length;
  while (k > 0 && /[\s"'\u201d\u2019)\]*_]/.test(masked[k - 1])) k--;
  const at = k > 0 && /[.!?]/.test(masked[k - 1]) ? s.start + k - 1 : s.start + k;
  const newText = prose.kind === 'latex' ? `~\\cite{${keys.join(',')}}` : ` [${keys.map((x) => `@${x}`).join('; ')}]`;
  return { start: at, end: at, newText };
}

/** Where and what to insert to cite `keys` for the sentence around `offset` (Markdown/LaTeX syntax). */
export function citationEditAt(prose: Prose, offset: number, keys: readonly string[]): OffsetEdit | undefined {
  const s = new SentenceIndex(prose).around(offset);
  return citationEdit(prose, s, maskedSlice(prose, s.start, s.end), keys);
}

/** Findings for disable comments that name unknown rules. */
export function checkDirectives(prose: Prose, engine: Engine): RawFinding[] {
  const sev = engine.severityOf(UNKNOWN_DIRECTIVE_RULE.id, UNKNOWN_DIRECTIVE_RULE.severity);
  if (sev === 'off' || !prose.directives.length) return [];
  const out: RawFinding[] = [];
  const known = new Set(engine.ruleIds);
  for (const d of prose.directives) {
    for (const id of d.rules) {
      if (known.has(id)) continue;
      const at = prose.text.indexOf(id, d.start);
      const start = at >= 0 && at < d.end ? at : d.start;
      out.push({ ruleId: UNKNOWN_DIRECTIVE_RULE.id, severity: sev as Severity, message: `Unknown rule "${id}" in a disable comment.`, start, end: start + (at >= 0 ? id.length : d.end - d.start), fixes: [] });
    }
  }
  return out;
}

function applyDirectives(doc: DocumentLike, prose: Prose, raw: RawFinding[], mentions: Mention[]): LintResult {
  const findings: Finding[] = [];
  const suppressed: Suppressed[] = [];
  const silencedBy = directiveMatcher(prose);
  for (const r of raw) {
    const by = silencedBy(r);
    const f = toPublic(doc, r);
    if (by) suppressed.push({ finding: f, directive: by });
    else findings.push(f);
  }
  return { findings, suppressed, prose, mentions };
}

/**
 * The disable comment that silences a finding, if any: a disable-next-line or
 * disable-line comment on its line, else the last disable … enable before it.
 * Built once per prose; shared by lint() and the incremental session.
 */
export function directiveMatcher(prose: Prose): (r: RawFinding) => Directive | undefined {
  if (!prose.directives.length) return () => undefined;
  // built on first use: an incremental re-lint with no new finding never needs the line index
  let lines: LineIndex | undefined;
  const lineDirectives = new Map<number, Directive[]>();
  const blocks: Directive[] = [];
  const applies = (d: Directive, id: string) => id !== UNKNOWN_DIRECTIVE_RULE.id && (d.rules.length === 0 || d.rules.includes(id));
  return (r) => {
    if (!lines) {
      lines = new LineIndex(prose.text);
      for (const d of prose.directives) {
        if (d.kind === 'disable-next-line') push(lineDirectives, lines.lineAt(d.end) + 1, d);
        else if (d.kind === 'disable-line') push(lineDirectives, lines.lineAt(d.start), d);
        else blocks.push(d);
      }
    }
    const line = lines.lineAt(r.start);
    const by = lineDirectives.get(line)?.find((d) => applies(d, r.ruleId));
    if (by) return by;
    // disable ... enable: the last block directive before the finding decides
    let state: Directive | undefined;
    for (const d of blocks) {
      if (d.start > r.start) break;
      if (d.kind === 'disable' && applies(d, r.ruleId)) state = d;
      else if (d.kind === 'enable' && (d.rules.length === 0 || d.rules.includes(r.ruleId))) state = undefined;
    }
    return state;
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export { BUILTIN_RULES };
