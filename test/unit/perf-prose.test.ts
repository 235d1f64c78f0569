// The linear-time inline pass of the Markdown extractor (issue 7): its token stream and its
// remembered searches must answer exactly what the plain regex / indexOf searches they replace
// would answer, for any order of queries. Correctness only: no timings here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractMarkdown, insideAny } from '../../src/core/index';
import { InlineTokens } from '../../src/core/prose/markdown';
import { excludedTexts, mulberry32 } from './util';

// The inline regex as it was before bare URLs were split off (one regex over the whole text).
const REFERENCE =
  /`+|<!--|<(?:https?|ftp|mailto):[^>\s]*>|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*?)?\/?>|!?\]\(|\]\[[^\]\n]*\]|\[\^[^\]\s]+\]|https?:\/\/|ftp:\/\/|www\.|@\{|@|\$\$?|\\[[(]|\*+|_+|~~|\\[\\`*_{}[\]()#+\-.!$@%&~^|<>"']|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});|\{\{<|\{[#.=][^}\n]*\}|\^\[/g;

const PIECES = ['word ', 'http://a.org/x ', 'https://b.org', 'xhttps://c', 'ftp://d', 'www.e.com', 'awww.f', 'ttps://', '://', 'htt', 'ps://', 'w', 'ww.', '`', '``', '<!--', '-->', '<pre>', '</pre >', '</PRE>', '<b>', '](', '![', '][x]', '[^1]', '@', '@{k}', '$', '$$', '\\(', '\\)', '\\[', '\\]', '\\*', '*', '**', '_', '~~', '&amp;', '&#12;', '{{<', '>}}', '{#id}', '^[', ']', '\n', '\n\n', 'é ', '\u2019'];

function randomText(rnd: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

function reference(text: string, pos: number): { at: number; tok: string } | null {
  REFERENCE.lastIndex = pos;
  const m = REFERENCE.exec(text);
  return m && { at: m.index, tok: m[0] };
}

test('inline tokens equal one regex over the whole text, for increasing and random query positions', () => {
  const rnd = mulberry32(7);
  let checked = 0;
  for (let doc = 0; doc < 300; doc++) {
    const text = randomText(rnd, 5 + Math.floor(rnd() * 80));
    const tokens = new InlineTokens(text);
    // document order (how the extractor asks), then random order (the cache must never answer wrongly)
    const positions: number[] = [];
    for (let p = 0; p <= text.length; p += 1 + Math.floor(rnd() * 7)) positions.push(p);
    for (let k = 0; k < 30; k++) positions.push(Math.floor(rnd() * (text.length + 1)));
    for (const p of positions) {
      assert.deepEqual(tokens.next(p), reference(text, p), `at ${p} in ${JSON.stringify(text)}`);
      checked++;
    }
  }
  assert.ok(checked > 5000);
});

test('remembered indexOf and closing-tag searches equal fresh searches in any query order', () => {
  const rnd = mulberry32(11);
  for (let doc = 0; doc < 200; doc++) {
    const text = randomText(rnd, 5 + Math.floor(rnd() * 60));
    const tokens = new InlineTokens(text);
    for (let k = 0; k < 60; k++) {
      const from = Math.floor(rnd() * (text.length + 2));
      const needle = ['$$', '$', '\\)', '\\]', '-->', '>}}', ']', '}', '\n\n', '`', '://', 'www.'][Math.floor(rnd() * 12)];
      assert.equal(tokens.indexOf(needle, from), text.indexOf(needle, from), `${needle} from ${from} in ${JSON.stringify(text)}`);
      const re = /<\/pre\s*>/gi;
      re.lastIndex = from;
      const m = re.exec(text);
      assert.deepEqual(tokens.closeTag('pre', from), m ? [m.index, m[0].length] : undefined);
    }
  }
});

test('sparse markup: openers far from their closers are handled per paragraph, as before', () => {
  // many `\(` and `$$` openers whose only closer sits paragraphs later: none may pair across paragraphs
  const para = 'Lenalidomide \\( and $$ and <pre> and [@a and `x here.\n\n';
  const text = `${para.repeat(200)}Closers \\) $$ </pre> ] \` at the end.`;
  const p = extractMarkdown(text);
  const texts = excludedTexts(text, p.excluded);
  assert.ok(!texts.some((t) => t.includes('\n\n')), 'no exclusion spans a blank line');
  assert.ok(!insideAny(p.excluded, text.indexOf('Lenalidomide', text.length - 3 * para.length)), 'prose stays prose');
  // the escape backslash of an unclosed `\(` is markup, the rest is prose
  assert.ok(texts.includes('\\'));
  assert.ok(texts.includes('<pre>'));
});

test('bare URLs are excluded with and without a scheme, not inside words', () => {
  const text = 'See http://a.org/lenalidomide, https://b.org/x) and ftp://c/d and www.e.com/f; not awww.g.com.';
  const texts = excludedTexts(text, extractMarkdown(text).excluded);
  assert.deepEqual(texts, ['http://a.org/lenalidomide', 'https://b.org/x', 'ftp://c/d', 'www.e.com/f']);
});
