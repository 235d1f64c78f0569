// Shared helpers for the unit tests (plain Node, no VS Code).
import { type Engine, type Finding, type LintResult, TextDocument, applyEdits, bundledEngine, lint } from '../../src/core/index';

let cached: Engine | undefined;
export function engine(): Engine {
  return (cached ??= bundledEngine());
}

export function lintAs(text: string, languageId = 'markdown', e: Engine = engine()): LintResult {
  return lint(new TextDocument('file:///test', text, 1, languageId), { engine: e, languageId });
}

export function ids(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.ruleId);
}

/** Applies a fix's edits (ranges) to the text. */
export function applyFix(text: string, f: Finding, index = 0): string {
  const doc = new TextDocument('file:///x', text);
  const fix = f.fixes[index];
  return applyEdits(text, fix.edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText }))).text;
}

/** Text covered by an excluded range list, for readable assertions. */
export function excludedTexts(text: string, pairs: Int32Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) out.push(text.slice(pairs[i], pairs[i + 1]));
  return out;
}

/** A seeded PRNG (mulberry32): random tests that replay from their seed. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
