import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractMarkdown, splitSentences } from '../../src/core/index';

function sentences(text: string): string[] {
  const p = extractMarkdown(text);
  return splitSentences(p, 0, text.length).map((s) => text.slice(s.start, s.end));
}

test('splits on sentence ends and survives hard wraps', () => {
  assert.deepEqual(sentences('Apremilast is\na PDE4 inhibitor. It raises\ncAMP.'), ['Apremilast is\na PDE4 inhibitor.', 'It raises\ncAMP.']);
});

test('abbreviations, initials, decimals and et al. do not end sentences', () => {
  const s = sentences('Krönke et al. (2014) showed it, e.g. in MM. The dose was 2.5 mg vs. 5 mg. See Fig. 2 and S.T.E.P.S. materials.');
  assert.deepEqual(s, ['Krönke et al. (2014) showed it, e.g. in MM.', 'The dose was 2.5 mg vs. 5 mg.', 'See Fig. 2 and S.T.E.P.S. materials.']);
});

test('a citation after the period stays with its sentence', () => {
  assert.deepEqual(sentences('IMiDs bind cereblon.[@ito2010] Next one.'), ['IMiDs bind cereblon.[@ito2010]', 'Next one.']);
});

test('lower-case after a period is not a new sentence', () => {
  assert.deepEqual(sentences('Given with dex. on day 1. Next.'), ['Given with dex. on day 1.', 'Next.']);
});
