/**
 * Precision and recall of the claim rules on the labelled corpus
 * (test/fixtures/claims/corpus.json): per family and overall.
 *
 * Every corpus entry is linted on its own. An expected rule that fires on the
 * entry is a true positive, one that does not a false negative (counted in the
 * entry's family); any other finding of a claim or name rule from data/claims
 * (or the user's rules) is a false positive, counted in the family of the rule
 * that fired. Built-in findings (misspellings, citation keys) are not claims
 * and are not counted.
 */
import { type Engine, type Finding, lintText } from '../../src/core/index';

export interface CorpusEntry {
  readonly id: string;
  readonly family: string;
  /** The rule (or rules) that must flag the entry; null when no claim rule may. */
  readonly expect: string | string[] | null;
  readonly kind: string;
  readonly lang?: string;
  readonly text: string;
  /** "dev": written with the rules; "holdout": written after them and first evaluated untuned. */
  readonly set?: string;
}

export interface Corpus {
  readonly description?: string;
  readonly sentences: readonly CorpusEntry[];
}

export interface Score {
  readonly family: string;
  tp: number;
  fp: number;
  fn: number;
  /** Corpus entries of the family, flagged and look-alike. */
  entries: number;
  positives: number;
}

export interface Miss {
  readonly id: string;
  readonly family: string;
  readonly kind: string;
  readonly text: string;
  readonly expected: readonly string[];
  readonly got: readonly string[];
}

export interface EvalResult {
  readonly families: Score[];
  readonly overall: Score;
  /** Expected findings that did not come. */
  readonly falseNegatives: Miss[];
  /** Findings on entries that should not have them. */
  readonly falsePositives: Miss[];
}

export const TARGET = { precision: 0.95, recall: 0.9 } as const;

export function expectedOf(e: CorpusEntry): string[] {
  return e.expect === null ? [] : Array.isArray(e.expect) ? [...e.expect] : [e.expect];
}

export function precision(s: Score): number {
  return s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
}

export function recall(s: Score): number {
  return s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
}

/** Findings of the claim rules and the fact frames. */
export function claimAndFrameFindings(engine: Engine, text: string, lang = 'markdown'): Finding[] {
  const ids = new Set(engine.claimRuleIds);
  return lintText(text, lang, engine).findings.filter((f) => ids.has(f.ruleId));
}

export function evaluate(engine: Engine, corpus: Corpus, opts: { set?: string } = {}): EvalResult {
  const familyOf = new Map(engine.rules.map((r) => [r.rule.id, r.family] as const));
  const scores = new Map<string, Score>();
  const score = (family: string): Score => {
    let s = scores.get(family);
    if (!s) scores.set(family, (s = { family, tp: 0, fp: 0, fn: 0, entries: 0, positives: 0 }));
    return s;
  };
  const falseNegatives: Miss[] = [];
  const falsePositives: Miss[] = [];
  const frameIds = new Set(engine.claimRuleIds.filter((id) => !familyOf.has(id)));
  for (const e of corpus.sentences) {
    if (opts.set && (e.set ?? 'dev') !== opts.set) continue;
    const expected = expectedOf(e);
    const all = claimAndFrameFindings(engine, e.text, e.lang ?? 'markdown');
    // fact-frame findings (src/core/frames) have ids of their own: on a sentence to flag they do not
    // stand for the expected rule (neither TP nor FP); on a look-alike they are false alarms
    const got = all.filter((f) => !frameIds.has(f.ruleId) || (!expectedOf(e).length && f.severity !== 'information' && f.severity !== 'hint')).map((f) => f.ruleId);
    for (const f of all) if (frameIds.has(f.ruleId) && f.family) familyOf.set(f.ruleId, f.family);
    const fam = score(e.family);
    fam.entries++;
    if (expected.length) fam.positives++;
    for (const id of expected) {
      if (got.includes(id)) score(familyOf.get(id) ?? e.family).tp++;
      else score(familyOf.get(id) ?? e.family).fn++;
    }
    if (expected.some((id) => !got.includes(id))) falseNegatives.push({ id: e.id, family: e.family, kind: e.kind, text: e.text, expected, got });
    const extra = got.filter((id, i) => !expected.includes(id) || got.indexOf(id) !== i);
    for (const id of extra) score(familyOf.get(id) ?? 'user').fp++;
    if (extra.length) falsePositives.push({ id: e.id, family: e.family, kind: e.kind, text: e.text, expected, got });
  }
  const families = [...scores.values()].sort((a, b) => a.family.localeCompare(b.family));
  const overall: Score = { family: 'overall', tp: 0, fp: 0, fn: 0, entries: 0, positives: 0 };
  for (const s of families) {
    overall.tp += s.tp;
    overall.fp += s.fp;
    overall.fn += s.fn;
    overall.entries += s.entries;
    overall.positives += s.positives;
  }
  return { families, overall, falseNegatives, falsePositives };
}

const pct = (x: number) => x.toFixed(3);

/** A fixed-width table, then the misses (what to look at next). */
export function formatReport(r: EvalResult, opts: { details?: boolean } = {}): string {
  const head = `${'family'.padEnd(22)} ${'entries'.padStart(7)} ${'flag'.padStart(5)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`;
  const row = (s: Score) => `${s.family.padEnd(22)} ${String(s.entries).padStart(7)} ${String(s.positives).padStart(5)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)} ${pct(precision(s)).padStart(9)} ${pct(recall(s)).padStart(7)}`;
  const lines = [head, '-'.repeat(head.length), ...r.families.map(row), '-'.repeat(head.length), row(r.overall)];
  const ok = precision(r.overall) >= TARGET.precision && recall(r.overall) >= TARGET.recall;
  lines.push('', `target: precision >= ${TARGET.precision}, recall >= ${TARGET.recall}: ${ok ? 'met' : 'NOT met'}`);
  if (opts.details !== false) {
    if (r.falseNegatives.length) {
      lines.push('', 'missed (false negatives):');
      for (const m of r.falseNegatives) lines.push(`  ${m.id} [${m.expected.join(', ')}] got [${m.got.join(', ')}]: ${JSON.stringify(m.text)}`);
    }
    if (r.falsePositives.length) {
      lines.push('', 'false alarms (false positives):');
      for (const m of r.falsePositives) lines.push(`  ${m.id} (${m.kind}) expected [${m.expected.join(', ')}] got [${m.got.join(', ')}]: ${JSON.stringify(m.text)}`);
    }
  }
  return lines.join('\n');
}
