/**
 * Rules implemented in code (the claim and name rules live in data/claims).
 * Like the data rules, each carries valid/invalid examples that the tests run.
 */
import type { Severity } from '../data/types';
import { type RawFinding, matchCase } from '../findings';
import type { Mention } from '../scanner';
import type { TermDb } from '../termdb';

export interface BuiltinRuleMeta {
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
  readonly fix: 'lexical' | 'none' | 'bibliography';
  readonly examples: { invalid: Array<{ text: string; output?: string; languageId?: string }>; valid: Array<string | { text: string; languageId?: string }> };
}

export const MISSPELLED_NAME: BuiltinRuleMeta = {
  id: 'misspelled-name',
  severity: 'warning',
  description: 'A known misspelling of a drug or protein name; the fix replaces it with the correct spelling.',
  fix: 'lexical',
  examples: {
    invalid: [
      { text: 'Patients received lenolidomide and dexamethasone.', output: 'Patients received lenalidomide and dexamethasone.' },
      { text: 'Pomalidamide was given on days 1-21.', output: 'Pomalidomide was given on days 1-21.' },
    ],
    valid: ['Patients received lenalidomide and dexamethasone.', 'The file `lenolidomide.csv` holds the raw data.'],
  },
};

export const UNKNOWN_CITATION_KEY: BuiltinRuleMeta = {
  id: 'unknown-citation-key',
  severity: 'warning',
  description: 'A citation key that the document\'s bibliographies do not define (a document that names none is checked against the bundled bibliography). A narrative @word counts only when the document has a bibliography or when it looks like a mistyped known key, so @mentions are left alone.',
  fix: 'bibliography',
  examples: {
    invalid: [
      { text: 'Lenalidomide degrades IKZF1 [@kronke2041].', languageId: 'markdown' },
      { text: 'Lenalidomide degrades IKZF1~\\cite[p.~3]{lu2014,kronke2041}.', languageId: 'latex' },
      { text: 'As @kronke2041 showed, lenalidomide degrades IKZF1.', languageId: 'markdown' },
    ],
    valid: [
      { text: 'Lenalidomide degrades IKZF1 [@kronke2014].', languageId: 'markdown' },
      { text: 'Lenalidomide degrades IKZF1~\\cite{lu2014, kronke2014}.', languageId: 'latex' },
      // narrative @word without any bibliography: an @mention, not a citation
      { text: 'Thanks to @jsmith and @MedWriter2024 for the review; mail writer@example.org.', languageId: 'markdown' },
      { text: 'Use `@kronke2041` in code, see https://example.org/@kronke2041 and [@fig-cereblon].', languageId: 'markdown' },
      // a named bibliography only an adapter can read: not checked without one
      { text: '---\nbibliography: refs.bib\n---\nLenalidomide degrades IKZF1 [@kronke2041].', languageId: 'markdown' },
    ],
  },
};

export const BIBLIOGRAPHY_NOT_FOUND: BuiltinRuleMeta = {
  id: 'bibliography-not-found',
  severity: 'warning',
  description: 'A bibliography the document names (front matter, \\bibliography, \\addbibresource) cannot be found or read, so its citation keys cannot be checked.',
  fix: 'none',
  examples: {
    // needs a file system: the invalid cases run in test/unit/citations-check.test.ts and test/cli/citations.test.ts
    invalid: [],
    valid: [{ text: '---\nbibliography: refs.bib\n---\nText [@a].', languageId: 'markdown' }],
  },
};

export const UNKNOWN_DIRECTIVE_RULE: BuiltinRuleMeta = {
  id: 'unknown-rule-in-directive',
  severity: 'warning',
  description: 'A disable comment names a rule id that does not exist (a typo would silently suppress nothing).',
  fix: 'none',
  examples: {
    invalid: [{ text: '<!-- imid-lens-disable-next-line apremilast-is-imid-typo -->\nApremilast is an IMiD.', languageId: 'markdown' }],
    valid: [{ text: '<!-- imid-lens-disable-next-line misspelled-name -->\nlenolidomide', languageId: 'markdown' }],
  },
};

export const RULE_TIME_BUDGET: BuiltinRuleMeta = {
  id: 'rule-time-budget',
  severity: 'warning',
  description: 'A claim rule (usually one from .imid-lens.json) took longer than its time budget on this document and was skipped for the rest of it, so that the editor stays responsive.',
  fix: 'none',
  // only a slow rule triggers it: test/unit/claims.test.ts drives it with an injected clock
  examples: { invalid: [], valid: ['Apremilast is a phosphodiesterase-4 inhibitor.'] },
};

export const TOO_MANY_PROBLEMS: BuiltinRuleMeta = {
  id: 'too-many-problems',
  severity: 'information',
  description: 'The editor stopped checking a document after imidLens.maxProblems findings (default 1,000), so that a very large or generated file stays cheap to check; the note marks where it stopped. The CLI has no limit.',
  fix: 'none',
  // only the limit triggers it: test/unit/lint.test.ts sets maxFindings
  examples: { invalid: [], valid: ['Lenalidomide is given orally.'] },
};

export const BUILTIN_RULES: readonly BuiltinRuleMeta[] = [MISSPELLED_NAME, UNKNOWN_CITATION_KEY, BIBLIOGRAPHY_NOT_FOUND, UNKNOWN_DIRECTIVE_RULE, RULE_TIME_BUDGET, TOO_MANY_PROBLEMS];

export function checkMisspellings(db: TermDb, mentions: readonly Mention[], severity: Severity, out: RawFinding[]): void {
  for (const m of mentions) {
    if (m.form?.kind !== 'misspelling') continue;
    const term = db.term(m.form.termId);
    if (!term) continue;
    const fixed = matchCase(term.preferredName, m.text);
    out.push({
      ruleId: MISSPELLED_NAME.id,
      severity,
      message: `"${m.text}" looks like a misspelling of ${term.preferredName}. Did you mean "${fixed}"?`,
      start: m.start,
      end: m.end,
      fixes: [{ title: `Change to "${fixed}"`, kind: 'lexical', edits: [{ start: m.start, end: m.end, newText: fixed }] }],
      data: { termId: term.id, suggestion: fixed },
    });
  }
}
