// Prose extraction: what is never linted, per language.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractLatex, extractMarkdown, extractPlain, insideAny } from '../../src/core/index';
import { excludedTexts } from './util';

const at = (text: string, needle: string, delta = 0) => text.indexOf(needle) + delta;

test('markdown: front matter, fences, inline code, URLs, comments, math are excluded', () => {
  const text = [
    '---', 'title: lenalidomide', 'bibliography: refs.bib', '---', '',
    'Prose lenalidomide here.', '',
    '```python', 'lenalidomide = 1', '```', '',
    'Inline `Revlimid` and https://example.org/Revlimid and <https://x.org/CC-5013>.',
    '<!-- pomalidomide in a comment -->',
    'Math $x = \\mathrm{CC5013}$ and $$y$$ but $5 and $6 stay prose.',
    '    indented code Revlimid',
  ].join('\n');
  const p = extractMarkdown(text);
  assert.ok(insideAny(p.excluded, at(text, 'title: lenalidomide', 8)), 'front matter');
  assert.ok(!insideAny(p.excluded, at(text, 'Prose lenalidomide', 7)), 'prose stays');
  assert.ok(insideAny(p.excluded, at(text, 'lenalidomide = 1')), 'fenced code');
  assert.ok(insideAny(p.excluded, at(text, 'Revlimid`')), 'inline code');
  assert.ok(insideAny(p.excluded, at(text, 'Revlimid and <')), 'URL');
  assert.ok(insideAny(p.excluded, at(text, 'CC-5013>')), 'autolink');
  assert.ok(insideAny(p.excluded, at(text, 'pomalidomide in')), 'HTML comment');
  assert.ok(insideAny(p.excluded, at(text, 'CC5013')), 'inline math');
  assert.ok(!insideAny(p.excluded, at(text, 'stay prose')), 'dollar amounts are not math');
  assert.deepEqual(p.bibliographies.map((b) => b.path), ['refs.bib']);
});

test('markdown: citations are recorded and excluded; e-mails and Quarto cross-references are not citations', () => {
  const text = 'As shown [see @kronke2014, p. 3; -@lu2014] and @ito2010 argued. Mail a.b@lenalidomide.org; see @fig-cereblon.';
  const p = extractMarkdown(text);
  assert.deepEqual(p.citations.map((c) => [c.key, c.bracketed]), [['kronke2014', true], ['lu2014', true], ['ito2010', false]]);
  assert.ok(insideAny(p.excluded, at(text, 'see @kronke')), 'the whole citation group is markup');
  assert.ok(insideAny(p.excluded, at(text, 'lenalidomide.org')), 'e-mail address');
  assert.ok(insideAny(p.excluded, at(text, 'fig-cereblon', 5)), 'cross-reference excluded');
  assert.equal(text.slice(p.citations[0].start, p.citations[0].end), 'kronke2014');
});

test('markdown: emphasis markers and link destinations are markup; link text is prose', () => {
  const text = 'The **apremilast** label ([Otezla](https://x.org/apremilast "t")).';
  const p = extractMarkdown(text);
  assert.ok(insideAny(p.excluded, at(text, '**')));
  assert.ok(!insideAny(p.excluded, at(text, 'apremilast**')));
  assert.ok(!insideAny(p.excluded, at(text, 'Otezla')));
  assert.ok(insideAny(p.excluded, at(text, 'x.org/apremilast')));
});

test('markdown: headings, list items and table cells are hard breaks; block quotes are quotes', () => {
  const text = '# Title\nText one.\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n| x | y |\n\n> quoted lenalidomide\n';
  const p = extractMarkdown(text);
  const breaks = [...p.breaks];
  assert.ok(breaks.includes(at(text, '- item two') ));
  assert.ok(breaks.includes(at(text, '| x') + 0) || breaks.includes(at(text, '| x')));
  assert.ok(insideAny(p.quotes, at(text, 'quoted lenalidomide')));
});

test('markdown: directives are parsed from comments with their reason', () => {
  const text = '<!-- imid-lens-disable-next-line apremilast-not-imid, misspelled-name -- quoting the 2012 review -->\nApremilast is an IMiD.';
  const p = extractMarkdown(text);
  assert.equal(p.directives.length, 1);
  assert.deepEqual(p.directives[0].rules, ['apremilast-not-imid', 'misspelled-name']);
  assert.equal(p.directives[0].reason, 'quoting the 2012 review');
  assert.equal(p.directives[0].kind, 'disable-next-line');
});

test('markdown: an unclosed fence runs to the end; nothing crashes on junk', () => {
  const p = extractMarkdown('text\n```\nlenalidomide\n');
  assert.ok(insideAny(p.excluded, 10));
  for (const junk of ['`', '```', '<!--', '$', '[@', '@', '\\', '---\n', '~~~', '|', '> ', '* ', '#', '[^x]: y', '\u0000\u0001\uffff']) {
    assert.doesNotThrow(() => extractMarkdown(junk), junk);
  }
});

test('latex: preamble, comments, math, commands and citation arguments are excluded', () => {
  const text = [
    '\\documentclass{article}', '\\addbibresource{refs.bib}', '\\begin{document}',
    '\\section{Lenalidomide}', 'Pomalidomide binds cereblon~\\cite[p.~3]{lu2014,kronke2014}.',
    '% Revlimid in a comment', 'Cost 5\\% of $x_{CC5013}$ and \\(y\\) and \\ref{fig:revlimid}.',
    '\\begin{equation}z = lenalidomide\\end{equation}', '\\textit{Otezla} is prose.', '\\end{document}',
  ].join('\n');
  const p = extractLatex(text);
  assert.ok(insideAny(p.excluded, at(text, 'refs.bib')), 'preamble');
  assert.ok(!insideAny(p.excluded, at(text, 'Pomalidomide')), 'prose');
  assert.ok(insideAny(p.excluded, at(text, 'lu2014')), 'citation keys');
  assert.ok(insideAny(p.excluded, at(text, 'Revlimid in')), 'comment');
  assert.ok(insideAny(p.excluded, at(text, 'CC5013')), 'math');
  assert.ok(insideAny(p.excluded, at(text, 'fig:revlimid')), 'ref argument');
  assert.ok(insideAny(p.excluded, at(text, 'z = lenalidomide')), 'equation environment');
  assert.ok(insideAny(p.excluded, at(text, '\\textit')), 'command name');
  assert.ok(!insideAny(p.excluded, at(text, 'Otezla')), 'argument of a text command is prose');
  assert.ok(!insideAny(p.excluded, at(text, 'Lenalidomide}')), 'section title is prose');
  assert.deepEqual(p.citations.map((c) => c.key), ['lu2014', 'kronke2014']);
  assert.deepEqual(p.bibliographies.map((b) => b.path), ['refs.bib']);
});

test('latex: directive in a comment; \\bibliography adds .bib', () => {
  const text = '\\begin{document}\n% imid-lens-disable-next-line misspelled-name -- spelled as in the source\nlenolidomide\n\\bibliography{refs,more}\n\\end{document}';
  const p = extractLatex(text);
  assert.equal(p.directives[0].reason, 'spelled as in the source');
  assert.deepEqual(p.bibliographies.map((b) => b.path), ['refs.bib', 'more.bib']);
});

test('plain text: URLs and e-mails are excluded; directive lines are parsed', () => {
  const text = 'See https://example.org/revlimid. Mail me@revlimid.org\n# imid-lens-disable-next-line misspelled-name\nlenolidomide';
  const p = extractPlain(text);
  assert.deepEqual(excludedTexts(text, p.excluded).slice(0, 2), ['https://example.org/revlimid', 'me@revlimid.org']);
  assert.equal(p.directives.length, 1);
});

test('Markdown: "@{}" names no key and is no citation (found by the fuzz test: a citation with an empty key)', () => {
  for (const text of ['; @{}', 'See @{} here.', '[@{}]']) {
    const p = extractMarkdown(text);
    assert.deepEqual(p.citations.map((c) => c.key), [], text);
  }
  assert.deepEqual(extractMarkdown('See @{kronke 2014} here.').citations.map((c) => c.key), ['kronke 2014']);
});
