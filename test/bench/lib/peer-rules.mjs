// Shared loader for the rule database (used by the baselines, the generator and the self-test).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const rulesDir = path.join(root, 'peer');
export const termDb = JSON.parse(fs.readFileSync(path.join(rulesDir, 'terms.json'), 'utf8'));
export const claimDb = JSON.parse(fs.readFileSync(path.join(rulesDir, 'claims.json'), 'utf8'));
export const terms = termDb.terms;
export const claims = claimDb.claims;

export const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');

// One alternation of all 60 term patterns, longest first, word-bounded, case-insensitive.
export function termAlternation(flags = 'gi') {
  const pats = [...terms.map((t) => t.pattern)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return new RegExp('\\b(?:' + pats.map(escapeRe).join('|') + ')\\b', flags);
}
export const termByLower = new Map(terms.map((t) => [t.pattern.toLowerCase(), t]));
export function claimRegexes(flags = 'gi') {
  return claims.map((c) => ({ id: c.id, re: new RegExp(c.regex, flags) }));
}
export function countMatches(re, text) {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}
