// Engine-level speed-ups of issue 7 that must not change answers: remembered trie sources
// (claim macros expand the same term sets again and again) and the lazily built directive
// matcher. Correctness only: no timings here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument, compileTrie, directiveMatcher, extractMarkdown, lint, lintRaw } from '../../src/core/index';
import { engine } from './util';

test('compileTrie: same source whatever the order or repetition of the names; a fresh RegExp each call', () => {
  const a = compileTrie(['Revlimid', 'lenalidomide', 'CC-5013']);
  const b = compileTrie(['CC-5013', 'lenalidomide', 'Revlimid', 'lenalidomide']);
  assert.equal(a.source, b.source);
  assert.notEqual(a, b, 'callers keep their own lastIndex');
  a.lastIndex = 5;
  assert.equal(b.lastIndex, 0);
  assert.equal(compileTrie([]).source, '(?!)');
  const text = 'Revlimid (CC 5013) is lenalidomide; CC\u20115013 too.';
  assert.deepEqual([...text.matchAll(b)].map((m) => m[0]), ['Revlimid', 'CC 5013', 'lenalidomide', 'CC\u20115013']);
});

test('directiveMatcher answers like lint(): suppressed findings name their comment', () => {
  const text = [
    '<!-- imid-lens-disable-next-line misspelled-name -- quoted from a label -->',
    'Patients received lenolidomide.',
    '',
    '<!-- imid-lens-disable -->',
    'Pomalidamide was given.',
    '<!-- imid-lens-enable -->',
    '',
    'Then lenolidomide again.',
  ].join('\n');
  const e = engine();
  const res = lint(new TextDocument('file:///d.md', text, 1, 'markdown'), { engine: e, languageId: 'markdown' });
  assert.equal(res.suppressed.length, 2);
  assert.equal(res.findings.filter((f) => f.ruleId === 'misspelled-name').length, 1);
  const raw = lintRaw(text, { engine: e, languageId: 'markdown' })!;
  const by = directiveMatcher(raw.prose);
  const silenced = raw.raw.map((r) => by(r)?.kind ?? null);
  assert.deepEqual(silenced.filter(Boolean), ['disable-next-line', 'disable']);
  assert.equal(directiveMatcher(extractMarkdown('No comments here.'))({ ruleId: 'x', severity: 'warning', message: '', start: 0, end: 1, fixes: [] }), undefined);
});
