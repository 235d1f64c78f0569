// Every surface-form family resolves; names inside longer words, code, URLs and citation keys never match.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractMarkdown, scan } from '../../src/core/index';
import { engine } from './util';

function found(text: string): Array<[string, string, string]> {
  const e = engine();
  return scan(e.db, extractMarkdown(text)).filter((m) => m.form).map((m) => [m.text, m.form!.termId, m.form!.kind]);
}

test('INN in any case', () => {
  assert.deepEqual(found('LENALIDOMIDE, Lenalidomide and lenalidomide.').map((x) => x[1]), ['lenalidomide', 'lenalidomide', 'lenalidomide']);
});

test('brands with or without ® and ™', () => {
  assert.deepEqual(found('Revlimid® and Pomalyst™ and Otezla.'), [
    ['Revlimid®', 'lenalidomide', 'brand'],
    ['Pomalyst™', 'pomalidomide', 'brand'],
    ['Otezla', 'apremilast', 'brand'],
  ]);
});

test('research codes with hyphen, space, none, or a typographic hyphen', () => {
  const got = found('CC-5013, CC 5013, CC5013, CC\u20115013 and CC-4047.');
  assert.deepEqual(got.map((x) => x[1]), ['lenalidomide', 'lenalidomide', 'lenalidomide', 'lenalidomide', 'pomalidomide']);
  assert.ok(got.every((x) => x[2] === 'code'));
});

test('class terms: plurals and possessives', () => {
  const got = found("IMiDs, the IMiD's mechanism and the IMiDs' targets");
  assert.deepEqual(got.map((x) => x[1]), ['imid', 'imid', 'imid']);
  assert.equal(got[1][0], 'IMiD', 'possessive matches the base name');
});

test('misspellings resolve to their INN', () => {
  assert.deepEqual(found('lenolidomide and pomalidamide'), [
    ['lenolidomide', 'lenalidomide', 'misspelling'],
    ['pomalidamide', 'pomalidomide', 'misspelling'],
  ]);
});

test('former names and protein symbols', () => {
  assert.deepEqual(found('Actimid and CRBN.').map((x) => [x[1], x[2]]), [['pomalidomide', 'former'], ['cereblon', 'synonym']]);
});

test('never inside a longer word, code, a URL or a citation key', () => {
  assert.deepEqual(found('xlenalidomide lenalidomidex CC-50134 `lenalidomide` https://a.org/lenalidomide [@lenalidomide2005]'), []);
});

test('hyphenated compounds keep the name ("lenalidomide-based")', () => {
  assert.deepEqual(found('lenalidomide-based regimens').map((x) => x[0]), ['lenalidomide']);
});

test('multi-word brands may wrap across a line', () => {
  assert.deepEqual(found('sold as Thalidomide\nPharmion in 2008').map((x) => [x[1], x[2]]), [['thalidomide', 'brand']]);
});
