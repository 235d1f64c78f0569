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
