// The one-pass baseline: one precompiled RegExp alternation of every surface form (as written in
// the term database), escaped, longest first, word-bounded, case-insensitive. Shared by the
// in-process harness (engine.ts) and the whole-process baseline (baseline.mjs does the same).
export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function baselineRegex(forms: readonly string[]): RegExp {
  const sorted = [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return new RegExp(`\\b(?:${sorted.map(escapeRe).join('|')})\\b`, 'gi');
}

export function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}
