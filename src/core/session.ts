/**
 * Incremental re-lint of one open document (issue 7). Pure: no 'vscode', no 'node:*'.
 *
 * A session keeps the previous text, its prose, its mentions and its findings. Given the new
 * text it
 *
 * 1. finds the window to re-check (relint/window.ts): from the last sync point of the extractor
 *    before the change to where the re-extracted prose is back in step with the previous one
 *    (edits with long-range effects, such as a code fence opened and not closed, make it longer);
 * 2. runs the stages of the lint pipeline (lint.ts STAGES: terms and claims, citations, disable
 *    comments) over that window only;
 * 3. merges (relint/merge.ts): findings before the window stay as they are (same objects), those
 *    after it are shifted (offsets by the length change, lines by the line change).
 *
 * The result equals a full lint() of the new text (the tests check this on random edits). It
 * falls back to a full lint when that cannot be guaranteed cheaply: the first lint, a different
 * engine or citation checker, LaTeX (its extractor cannot resume), an edit before the first sync
 * point (front matter), a change to the disable … enable comments in the window, a window
 * boundary a multi-word name could run across, or a previous rule-time-budget report. In
 * {@link LintSession.updateInSteps} that full lint is itself done in steps (relint/steps.ts).
 * Stale results are never returned: every call answers for the text it was given.
 */
import type { DocumentLike } from './document';
import type { Engine } from './engine';
import { type CitationChecker, type LintOptions, type LintResult, STAGES, type StageOutput, directiveMatcher, lintRaw, runStages } from './lint';
import { type ProseKind, proseKindOf } from './prose/index';
import { BUDGET_RULE, type Item, Mentions, itemsOf, mergeWindow, resultOf } from './relint/merge';
import { type RawResult, lintRawInSteps, runStagesInSteps } from './relint/steps';
import { type Window, frontMatterEnd, windowOf } from './relint/window';

export { changedRange, safeBoundary } from './relint/window';
export { stepEnd } from './relint/steps';

export interface SessionOptions {
  readonly engine: Engine;
  readonly languageId: string;
  readonly citations?: CitationChecker;
  /** As in lint(): a result cut short is always recomputed in full (with the limit), never patched. */
  readonly maxFindings?: number;
}

/** How the last update was done (for the benchmark, the log and the tests). */
export interface UpdateInfo {
  readonly mode: 'full' | 'incremental' | 'unchanged';
  /** Why a full lint was needed. */
  readonly reason?: string;
  /** The re-checked window in the new text [start, end). */
  readonly window?: readonly [number, number];
  /** A full lint done in steps: how many windows the terms and claims were checked in. */
  readonly windows?: number;
}

interface State {
  readonly text: string;
  readonly kind: ProseKind;
  readonly engine: Engine;
  readonly citations: CitationChecker | undefined;
  readonly maxFindings: number | undefined;
  readonly prose: RawResult['prose'];
  readonly mentions: Mentions;
  readonly items: readonly Item[];
  readonly result: LintResult;
  /** Markdown front matter: where its closing line ends (edits before it need a full lint); -1 none; -2 opened, never closed. */
  readonly frontMatterEnd: number;
}

const EMPTY: LintResult = { findings: [], suppressed: [], prose: undefined, mentions: [] };

export class LintSession {
  private state: State | undefined;
  /** A check in steps under way: its text and, once extracted, its prose. */
  private pending: { readonly text: string; prose: RawResult['prose'] | undefined } | undefined;
  private info: UpdateInfo = { mode: 'full', reason: 'first lint' };

  /** How the last {@link update} was done. */
  get lastUpdate(): UpdateInfo {
    return this.info;
  }

  /** Forgets the previous text: the next update is a full lint. */
  reset(): void {
    this.state = undefined;
  }

  /** The prose of `text` when the session has it: its result's, or that of a check of it still in steps (nothing is computed). */
  proseOf(text: string): RawResult['prose'] | undefined {
    if (this.state?.text === text) return this.state.prose;
    return this.pending?.text === text ? this.pending.prose : undefined;
  }

  /** The result for `text` if the session already holds it (nothing is computed). */
  resultFor(text: string, opts: SessionOptions): LintResult | undefined {
    const s = this.state;
    return s && s.text === text && !mustRelint(s, opts, proseKindOf(opts.languageId)) ? s.result : undefined;
  }

  /**
   * The same result as {@link update}, computed in steps an editor can yield between: an edit the
   * session can re-check incrementally is done at once (it is small); a full lint of a text longer
   * than `chunk` characters (the first check, LaTeX, an edit in the front matter…) extracts the
   * prose in one step, then checks about `chunk` characters per step (relint/steps.ts). If someone
   * else brings the session up to date with this text between steps (update()), the steps end
   * with that result.
   */
  *updateInSteps(doc: DocumentLike, opts: SessionOptions, chunk = 256 * 1024): Generator<void, LintResult, void> {
    const text = doc.getText();
    const kind = proseKindOf(opts.languageId);
    const prev = this.state;
    if (!kind) return this.update(doc, opts);
    let reason = prev ? mustRelint(prev, opts, kind) : 'first lint';
    if (prev && !reason) {
      if (prev.text === text) return this.update(doc, opts);
      const w = this.windowFor(text, kind, prev, opts);
      if (typeof w !== 'string') {
        // a window longer than a step (a code fence opened above the rest of the document…): in steps too
        let out: StageOutput | undefined;
        if (w.to - w.from > chunk) {
          out = yield* stepsOnly(runStagesInSteps(w.prose, lintOptions(opts, false), w.from, w.to, false, chunk));
          // someone else updated the session meanwhile: what it holds now is the base no longer
          if (this.state !== prev) return this.update(doc, opts);
        } else out = runStages(STAGES, { prose: w.prose, opts: lintOptions(opts, false), from: w.from, to: w.to, whole: false });
        const r = out ? this.merge(doc, text, prev, opts, w, out) : 'the findings reached the limit';
        if (typeof r !== 'string') return r;
        reason = r;
      } else reason = w;
    }
    reason ??= 'first lint';
    if (text.length <= chunk) return this.full(doc, text, opts, reason);
    const steps = lintRawInSteps(text, kind, lintOptions(opts), chunk);
    const pending: { text: string; prose: RawResult['prose'] | undefined } = { text, prose: undefined };
    this.pending = pending;
    let windows = 0;
    try {
      for (let r = steps.next(); ; r = steps.next()) {
        if (r.done) {
          this.info = { mode: 'full', reason, windows };
          return this.settle(doc, text, kind, opts, r.value);
        }
        pending.prose = r.value.prose;
        if (r.value.stage === 'window') windows++;
        yield;
        // someone else updated the session to this text between steps (a command that needs the whole result): done
        const done = this.resultFor(text, opts);
        if (done) return done;
      }
    } finally {
      if (this.pending === pending) this.pending = undefined;
    }
  }

  /**
   * The result of {@link update} when it is cheap (the text is the one the session holds, or an
   * edit it can re-check incrementally); undefined, with nothing computed or changed, when it
   * would need a full lint. For a provider (a hover) that must not stall the editor.
   */
  updateIfCheap(doc: DocumentLike, opts: SessionOptions): LintResult | undefined {
    const text = doc.getText();
    const kind = proseKindOf(opts.languageId);
    const prev = this.state;
    if (!kind || !prev || mustRelint(prev, opts, kind)) return undefined;
    if (prev.text === text) return prev.result;
    const r = this.incremental(doc, text, kind, prev, opts);
    return typeof r === 'string' ? undefined : r;
  }

  /** The lint result of `doc`'s current text (same as lint()), reusing what the previous call computed. */
  update(doc: DocumentLike, opts: SessionOptions): LintResult {
    const text = doc.getText();
    const kind = proseKindOf(opts.languageId);
    const prev = this.state;
    if (!kind || !prev) return this.full(doc, text, opts, kind ? 'first lint' : 'language not read');
    const why = mustRelint(prev, opts, kind);
    if (why) return this.full(doc, text, opts, why);
    if (prev.text === text) {
      this.info = { mode: 'unchanged' };
      return prev.result;
    }
    const r = this.incremental(doc, text, kind, prev, opts);
    return typeof r === 'string' ? this.full(doc, text, opts, r) : r;
  }

  private full(doc: DocumentLike, text: string, opts: SessionOptions, reason: string): LintResult {
    this.info = { mode: 'full', reason };
    const r = lintRaw(text, lintOptions(opts));
    const kind = proseKindOf(opts.languageId);
    if (!r || !kind) {
      this.state = undefined;
      return EMPTY;
    }
    return this.settle(doc, text, kind, opts, r);
  }

  /** Keeps a full lint's result as the session's state. */
  private settle(doc: DocumentLike, text: string, kind: ProseKind, opts: SessionOptions, r: RawResult): LintResult {
    const items = itemsOf(doc, r.raw, directiveMatcher(r.prose));
    const mentions = Mentions.of(r.mentions);
    const result = resultOf(items, r.prose, mentions, r.truncated);
    this.state = { text, kind, engine: opts.engine, citations: opts.citations, maxFindings: opts.maxFindings, prose: r.prose, mentions, items, result, frontMatterEnd: kind === 'markdown' ? frontMatterEnd(text) : -1 };
    return result;
  }

  /** The incremental path; a string says why a full lint is needed instead. */
  private incremental(doc: DocumentLike, text: string, kind: ProseKind, prev: State, opts: SessionOptions): LintResult | string {
    const w = this.windowFor(text, kind, prev, opts);
    if (typeof w === 'string') return w;
    return this.merge(doc, text, prev, opts, w, runStages(STAGES, { prose: w.prose, opts: lintOptions(opts, false), from: w.from, to: w.to, whole: false }));
  }

  /** 1. the window to re-check (relint/window.ts); a string says why a full lint is needed instead. */
  private windowFor(text: string, kind: ProseKind, prev: State, opts: SessionOptions): Window | string {
    if (prev.items.some((it) => it.raw.ruleId === BUDGET_RULE)) return 'a rule ran out of its time budget';
    return windowOf(prev, text, kind, opts.engine.db, Boolean(opts.engine.frames));
  }

  /** 3. the window's findings (2. the stages of the lint pipeline over it) merged with what is kept before and after it. */
  private merge(doc: DocumentLike, text: string, prev: State, opts: SessionOptions, w: Window, out: StageOutput): LintResult | string {
    const merged = mergeWindow(doc, prev, text, w, out.raw, out.mentions);
    if (typeof merged === 'string') return merged;
    // an edit that takes the count past the limit: the full lint cuts it where lint() would
    if (opts.maxFindings !== undefined && merged.items.length >= opts.maxFindings) return 'the findings reached the limit';
    const result = resultOf(merged.items, w.prose, merged.mentions);
    this.state = { ...prev, text, prose: w.prose, mentions: merged.mentions, items: merged.items, result };
    this.info = { mode: 'incremental', window: [w.from, w.to] };
    return result;
  }
}

/** A generator of steps as one that only yields (the session's callers need no step details). */
function* stepsOnly<T>(steps: Generator<unknown, T, void>): Generator<void, T, void> {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    yield;
  }
}

/** lint()'s options; without the finding limit for a window (the merged result is checked against it). */
function lintOptions(opts: SessionOptions, limit = true): LintOptions {
  return { engine: opts.engine, languageId: opts.languageId, ...(opts.citations ? { citations: opts.citations } : {}), ...(limit && opts.maxFindings !== undefined ? { maxFindings: opts.maxFindings } : {}) };
}

/** Why the previous state cannot be built on (a full lint is needed), whatever the new text. */
function mustRelint(prev: State, opts: SessionOptions, kind: ProseKind | undefined): string | undefined {
  if (prev.engine !== opts.engine || prev.citations !== opts.citations || prev.kind !== kind) return 'engine, citation checker or language changed';
  if (prev.result.truncated || prev.maxFindings !== opts.maxFindings) return 'the finding limit cut the previous result short, or changed';
  return undefined;
}
