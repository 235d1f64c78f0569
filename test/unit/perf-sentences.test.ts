// The sentence splitter walks excluded stretches with forward cursors and shares one remembered
// terminator search per document (issue 7). These tests hold it to the straightforward version it
// replaced (kept below as the reference) on seeded random documents. Correctness only: no timings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Prose, SentenceIndex, Terminators, extractLatex, extractMarkdown, firstPairEndingAfter, insideAny, splitSentences } from '../../src/core/index';
import { mulberry32 } from './util';

// ---- reference: the splitter before issue 7 (binary search per question, one regex search per block)
const NEVER_SPLIT = new Set([
  'e.g', 'i.e', 'al', 'vs', 'cf', 'approx', 'ca', 'incl', 'resp', 'fig', 'figs', 'ref', 'refs', 'eq', 'eqs', 'no', 'nos',
  'vol', 'vols', 'pp', 'p', 'suppl', 'dr', 'prof', 'mr', 'mrs', 'ms', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb',
  'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'dept', 'univ', 'viz', 'sec', 'ch', 'chap', 'tab',
  'ed', 'eds', 'repr', 'ser', 'nr', 'vs', 'v', 'u.s', 'u.k', 'e.u', 'n.b', 'a.k.a', 'et', 'ibid', 'op', 'cit', 'min', 'max',
  'mol', 'wt', 'conc', 'temp', 'aq', 'sol', 'soln', 'approx', 'esp', 'govt', 'intl', 'natl', 'pharm', 'med', 'clin', 'biol',
  'chem', 'j', 'proc', 'rev', 'res', 'sci', 'lett', 'oncol', 'hematol', 'haematol', 'immunol',
]);
const CLOSERS = '"\'\u201d\u2019)]*_';
const isLower = (c: number) => (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
function skipBlankRef(prose: Prose, k: number, end: number): number {
  const { text, excluded } = prose;
  let ex = firstPairEndingAfter(excluded, k);
  const n = excluded.length / 2;
  while (k < end) {
    if (ex < n && excluded[2 * ex] <= k) {
      k = excluded[2 * ex + 1];
      ex++;
      continue;
    }
    if (isSpace(text.charCodeAt(k))) {
      k++;
      continue;
    }
    break;
  }
  return k;
}
function isAbbreviationRef(text: string, dot: number, sentenceStart: number): boolean {
  let k = dot;
  while (k > sentenceStart) {
    const c = text.charCodeAt(k - 1);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46) k--;
    else break;
  }
  const word = text.slice(k, dot);
  if (!word) return false;
  if (NEVER_SPLIT.has(word.toLowerCase())) return true;
  return /^(?:[A-Z]\.)*[A-Z]$/.test(word);
}
function splitRef(prose: Prose, start: number, end: number): Array<{ start: number; end: number }> {
  const { text, excluded } = prose;
  const out: Array<{ start: number; end: number }> = [];
  let s = skipBlankRef(prose, start, end);
  const re = /[.!?\u2026]+/g;
  re.lastIndex = s;
  let m: RegExpExecArray | null;
  while (s < end && (m = re.exec(text)) !== null) {
    const at = m.index;
    if (at >= end) break;
    let j = at + m[0].length;
    if (insideAny(excluded, at)) continue;
    while (j < end && CLOSERS.includes(text[j])) j++;
    while (j < end && insideAny(excluded, j) && !isSpace(text.charCodeAt(j))) {
      j = excluded[2 * firstPairEndingAfter(excluded, j) + 1];
      while (j < end && CLOSERS.includes(text[j])) j++;
    }
    if (j < end && !isSpace(text.charCodeAt(j))) continue;
    const next = skipBlankRef(prose, j, end);
    if (next < end && isLower(text.charCodeAt(next))) continue;
    if (m[0] === '.' && isAbbreviationRef(text, at, s)) continue;
    out.push({ start: s, end: j });
    s = next;
    re.lastIndex = s;
  }
  if (s < end) {
    let e = end;
    while (e > s && (isSpace(text.charCodeAt(e - 1)) || insideAny(excluded, e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

// ---- random documents
const PIECES = ['Lenalidomide ', 'was ', 'given ', 'daily', '. ', '.', '! ', '? ', '\u2026 ', '...', ' e.g. ', 'et al. ', 'Fig. 2 ', 'J. ', 'S.T.E.P.S. ', '2.5 ', 'mg ', 'vs. ', 'the ', 'Next ', 'next ', '\u00e9t\u00e9 ', '"', '\u201d', '\u2019', ')', ']', '*', '_', '**', '[@a]', '[^1]', '`code.` ', '$x.$', 'http://a.org/x. ', '<!-- c. -->', '\n', '\n\n', '# ', '- ', '> ', '| a. | b. |\n', '  ', '\u00a0'];
function randomText(rnd: () => number): string {
  let s = '';
  const n = 3 + Math.floor(rnd() * 120);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

test('splitSentences equals the reference splitter on every block of random Markdown and LaTeX', () => {
  const rnd = mulberry32(20251122);
  let sentences = 0;
  for (let doc = 0; doc < 1500; doc++) {
    const text = randomText(rnd);
    const prose = doc % 4 === 3 ? extractLatex(text.replace(/<!--/g, '%')) : extractMarkdown(text);
    const bounds = [0, ...Array.from(prose.breaks), prose.text.length];
    const shared = new Terminators(prose.text);
    for (let i = 0; i + 1 < bounds.length; i++) {
      if (bounds[i + 1] <= bounds[i]) continue;
      const want = splitRef(prose, bounds[i], bounds[i + 1]);
      assert.deepEqual(splitSentences(prose, bounds[i], bounds[i + 1]), want, JSON.stringify(prose.text));
      assert.deepEqual(splitSentences(prose, bounds[i], bounds[i + 1], shared), want, 'with the shared terminator search');
      sentences += want.length;
    }
    // arbitrary ranges too (not only whole blocks)
    const a = Math.floor(rnd() * (prose.text.length + 1));
    const b = a + Math.floor(rnd() * (prose.text.length + 1 - a));
    assert.deepEqual(splitSentences(prose, a, b), splitRef(prose, a, b));
  }
  assert.ok(sentences > 3000, `only ${sentences} sentences: the generator is too tame`);
});

test('the sentence index answers the same in document order and in random order', () => {
  const rnd = mulberry32(5);
  for (let doc = 0; doc < 200; doc++) {
    const prose = extractMarkdown(randomText(rnd));
    const forward = new SentenceIndex(prose);
    const random = new SentenceIndex(prose);
    const offsets = Array.from({ length: 40 }, () => Math.floor(rnd() * (prose.text.length + 1)));
    const byRandom = offsets.map((o) => random.around(o));
    const sorted = [...offsets].sort((x, y) => x - y);
    const byOrder = new Map(sorted.map((o) => [o, forward.around(o)]));
    offsets.forEach((o, i) => assert.deepEqual(byRandom[i], byOrder.get(o)));
  }
});

test('remembered terminator search equals a fresh regex search for any query order', () => {
  const rnd = mulberry32(9);
  for (let doc = 0; doc < 200; doc++) {
    const text = randomText(rnd);
    const t = new Terminators(text);
    for (let k = 0; k < 50; k++) {
      const pos = Math.floor(rnd() * (text.length + 2));
      const re = /[.!?\u2026]+/g;
      re.lastIndex = pos;
      const m = re.exec(text);
      assert.equal(t.next(pos), m ? m.index : -1);
      if (m) assert.equal(t.length, m[0].length);
    }
  }
});

test('a table of 3000 rows without punctuation: every row is its own sentence', () => {
  const text = `${Array.from({ length: 3000 }, (_, i) => `| lenalidomide ${i} | dose |`).join('\n')}\n\nEnd.`;
  const prose = extractMarkdown(text);
  const index = new SentenceIndex(prose);
  const at = text.indexOf('lenalidomide 2999');
  const s = index.around(at);
  assert.equal(text.slice(s.start, s.end), 'lenalidomide 2999');
});
