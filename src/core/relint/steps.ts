/**
 * The first check of a document in steps (LintSession.updateInSteps): the prose is extracted once,
 * then the window stages of the lint pipeline (terms and claims) run over one window per step,
 * and the document stages (citations, disable comments) once at the end. Every language is
 * stepped this way (LaTeX too: nothing has to resume an extractor).
 *
 * A window ends at a point where a pass over the whole document would have done the same on either
 * side: a hard break (paragraph, heading, list item…) or a sentence start no name runs across;
 * inside one sentence longer than a step (a generated line of megabytes without a full stop), at
 * white space far from every name, where neither the claim rules' windows around the names nor the
 * fact frames (which skip such sentences) join the two sides. Never inside a word, nor between the
 * two halves of a surrogate pair. Windows share the document's rule time budget and sentence index,
 * so their findings together are lintRaw()'s (the unit tests check this, LaTeX and long lines too).
 */
import { type RawFinding, compareRaw } from '../findings';
import { MAX_SENTENCE } from '../frames/index';
import { LONG_SENTENCE, type LintOptions, SENTENCE_WINDOW, STAGES, type SharedState, type StageOutput, lintRaw, reportBudget, runStages } from '../lint';
import { type Prose, type ProseKind, extractProse } from '../prose/index';
import { RuleBudget } from '../rules/claims';
import { type Mention, scan } from '../scanner';
import { type Sentence, SentenceIndex, blockAround } from '../sentences';
import { firstIndex } from '../search';
import type { TermDb } from '../termdb';
import { safeBoundary } from './window';

export interface RawResult {
  readonly prose: Prose;
  readonly raw: RawFinding[];
  readonly mentions: Mention[];
  readonly truncated?: boolean;
}

/** What a step did (for the benchmark, the log and the tests). */
export interface Step {
  readonly stage: 'extract' | 'window' | 'document';
  readonly from: number;
  readonly to: number;
  /** The document's prose (ready after the first step). */
  readonly prose: Prose;
}

/**
 * lintRaw() of `text`, one step per window of about `chunk` characters: the generator yields after
 * each step (with what it did) and returns the result. A result the finding limit cuts short is
 * computed as lintRaw() computes it, in one step (it stops early, so that step is short).
 */
export function* lintRawInSteps(text: string, kind: ProseKind, opts: LintOptions, chunk: number): Generator<Step, RawResult, void> {
  const prose = extractProse(text, kind);
  yield { stage: 'extract', from: 0, to: text.length, prose };
  const out = yield* runStagesInSteps(prose, opts, 0, text.length, true, chunk);
  // lintRaw() cuts a result that reaches the limit (and may stop its rules earlier): do as it does
  if (!out || (opts.maxFindings !== undefined && out.raw.length >= opts.maxFindings)) return lintRaw(text, opts) as RawResult;
  return { prose, raw: out.raw, mentions: out.mentions };
}

/**
 * runStages(STAGES, …) over [from, to) of `prose`, in steps: the window stages over one window of
 * about `chunk` characters per step, the document stages once at the end (over the whole document
 * when `whole`). Same output; undefined when the finding limit stopped a window (the result is
 * then cut short: the caller computes it as lintRaw() does).
 */
export function* runStagesInSteps(prose: Prose, opts: LintOptions, from: number, to: number, whole: boolean, chunk: number): Generator<Step, StageOutput | undefined, void> {
  const engine = opts.engine;
  const max = opts.maxFindings;
  const shared: SharedState = { budget: RuleBudget.forDocument(engine.clock, to - from, engine.ruleBudget), sentences: new SentenceIndex(prose) };
  const raw: RawFinding[] = [];
  const mentions: Mention[] = [];
  for (let a = from; a < to; ) {
    const b = Math.min(to, stepEnd(prose, engine.db, shared.sentences, a, a + Math.max(1, chunk)));
    // with a limit, a window stops where the findings reach it (a dense line stays cheap)
    const out = runStages(WINDOW_STAGES, { prose, opts, from: a, to: b, whole: false, shared, ...(max !== undefined ? { stopAfter: max - raw.length } : {}) });
    for (const r of out.raw) raw.push(r);
    for (const m of out.mentions) mentions.push(m);
    if (max !== undefined && (out.stoppedAt !== undefined || raw.length >= max)) return undefined;
    yield { stage: 'window', from: a, to: b, prose };
    a = b;
  }
  const all = whole ? { from: 0, to: prose.text.length } : { from, to };
  for (const r of runStages(DOCUMENT_STAGES, { prose, opts, ...all, whole }).raw) raw.push(r);
  reportBudget(engine, shared.budget, raw);
  raw.sort(compareRaw);
  return { raw, mentions };
}

const WINDOW_STAGES = STAGES.filter((s) => s.scope === 'window');
const DOCUMENT_STAGES = STAGES.filter((s) => s.scope === 'document');

/** Room kept free of names on both sides of a split inside a sentence (the claim rules look SENTENCE_WINDOW around a name). */
const GAP = SENTENCE_WINDOW + 50;
/** Longer than any name the scanner matches: a scan that starts this far back sees every name that reaches the gap. */
const NAME_MARGIN = 256;

/**
 * Where the window that starts at `from` ends: the first safe point at or after `target` (see the
 * file comment), or the end of the text.
 */
export function stepEnd(prose: Prose, db: TermDb, sentences: SentenceIndex, from: number, target: number): number {
  const text = prose.text;
  const n = text.length;
  const safe = (q: number) => q > from && q < n && !isLowSurrogate(text.charCodeAt(q)) && safeBoundary(db, text, q);
  let p = Math.max(target, from + 1);
  while (p < n) {
    const block = blockAround(prose, p);
    const list = sentences.inBlock(block);
    for (let k = firstIndex(list.length, (i) => list[i].end > p); k < list.length; k++) {
      const s = list[k];
      if (s.start >= p) {
        if (safe(s.start)) return s.start;
        continue;
      }
      // s holds p: a sentence longer than a step may be split at white space away from every name
      if (s.end - s.start > Math.max(LONG_SENTENCE, MAX_SENTENCE)) {
        // (no name within GAP of it: safeBoundary's look at the word before does not apply)
        const q = splitInSentence(prose, db, s, p);
        if (q > from && q < n) return q;
      }
    }
    if (block.end >= n) return n;
    if (block.end > p && safe(block.end)) return block.end;
    p = Math.max(block.end, p + 1);
  }
  return n;
}

/**
 * A point q >= p inside the long sentence s, right after white space, with no name within GAP on
 * either side and no line break within MAX_SENTENCE (so that every part of s the fact frames read
 * on its own and that holds q is longer than MAX_SENTENCE: they skip it); -1 when there is none
 * in the next stretch of the sentence.
 */
function splitInSentence(prose: Prose, db: TermDb, s: Sentence, p: number): number {
  const text = prose.text;
  const lo = Math.max(s.start, p - GAP - NAME_MARGIN);
  const hi = Math.min(s.end, p + 64 * 1024);
  const names = scan(db, prose, lo, hi);
  let q = p;
  let k = 0;
  for (;;) {
    // past every name that comes within GAP of q
    while (k < names.length && names[k].end + GAP <= q) k++;
    if (k < names.length && names[k].start < q + GAP) {
      q = names[k].end + GAP;
      continue;
    }
    while (q < hi && !isSpace(text.charCodeAt(q - 1))) q++;
    if (q + GAP >= hi) return -1;
    // the white space moved q: check the names again
    if (k < names.length && names[k].start < q + GAP) continue;
    break;
  }
  const before = text.lastIndexOf('\n', q - 1);
  const after = text.indexOf('\n', q);
  if ((before >= s.start && before > q - MAX_SENTENCE) || (after >= 0 && after < s.end && after < q + MAX_SENTENCE)) return -1;
  return q;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
