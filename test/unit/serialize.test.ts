// Bundled references written into the writer's bibliography carry no editorial notes of the term database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryText, toBibtex, toCslJsonItem } from '../../src/core/index';
import { engine } from './util';

test('no note field in BibTeX or CSL-JSON: data/references.json\'s notes are editorial ("not verified here")', () => {
  const db = engine().db;
  const noted = [...db.references.values()].filter((r) => r.note);
  assert.ok(noted.length > 5, 'the data has notes to leave out');
  for (const r of noted) {
    assert.doesNotMatch(toBibtex(r), /^\s*note\s*=/m, r.id);
    assert.equal(toCslJsonItem(r).note, undefined, r.id);
    assert.doesNotMatch(entryText(r, 'csl-json')!, /"note"/, r.id);
  }
  const bib = toBibtex({ id: 'x', type: 'article-journal', title: 'T', note: 'PMID not verified here; cite by DOI.', DOI: '10.1/x' });
  assert.equal(bib, '@article{x,\n  title = {T},\n  doi   = {10.1/x}\n}');
});
