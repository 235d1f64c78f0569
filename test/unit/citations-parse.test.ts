// Bibliography parsing: real exports (Zotero/Better BibTeX, JabRef, Mendeley), malformed files,
// CSL-JSON and CSL-YAML, the per-entry cache, slicing, and a generated 10,000-entry file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  type ParsedBibliography,
  bibFormatOf,
  newBibliographyCache,
  newBibtexCache,
  parseBibliography,
  parseBibliographySteps,
  parseBibtex,
  parseCslJson,
  parseCslYaml,
  runSliced,
  runSync,
  scanBibtex,
  yearOf,
} from '../../src/core/index';
import { latexToText, parseName, splitAnd } from '../../src/core/citations/latex';

const fixture = (name: string) => fs.readFileSync(path.join(process.cwd(), 'test/fixtures/bib', name), 'utf8');
const parseFixture = (name: string) => parseBibliography(fixture(name), bibFormatOf(name)!);
const byKey = (r: ParsedBibliography) => new Map(r.entries.map((e) => [e.key, e]));
const problemLines = (r: ParsedBibliography) => r.problems.map((p) => [p.range.start.line + 1, p.code, p.severity]);

describe('the BibTeX scanner', () => {
  test('cuts a file into entries, skipping text and comments between them', () => {
    const text = 'Header text with an address me@example.org\n@article{a, title={x {y}}}\n% @book{commented,\n@comment{@article{no,}}\n@book(b, title = "p(q)")\n';
    const chunks = [...scanBibtex(text)];
    assert.deepEqual(chunks.map((c) => [c.type, c.key, c.closed]), [['article', 'a', true], ['book', 'commented', false], ['comment', '@article', true], ['book', 'b', true]]);
    assert.equal(text.slice(chunks[0].start, chunks[0].end), '@article{a, title={x {y}}}');
    assert.equal(text.slice(chunks[3].start, chunks[3].end), '@book(b, title = "p(q)")');
  });

  test('an entry that is never closed ends before the next line that starts an entry', () => {
    const text = '@article{broken,\n  title = {Unbalanced {brace},\n  year = 2020\n\n@article{next, title={ok}}\n';
    const chunks = [...scanBibtex(text)];
    assert.deepEqual(chunks.map((c) => [c.key, c.closed]), [['broken', false], ['next', true]]);
    assert.equal(chunks[1].start, text.indexOf('@article{next'));
  });

  test('escaped braces do not count; a line starting with @ inside a closed value is a new entry (documented limit)', () => {
    const chunks = [...scanBibtex('@misc{a, title = {50\\% \\{not a brace}}\n@misc{b, note={x}}')];
    assert.deepEqual(chunks.map((c) => [c.key, c.closed]), [['a', true], ['b', true]]);
  });
});

describe('BibTeX exports from reference managers', () => {
  test('Zotero / Better BibTeX (BibLaTeX fields, UTF-8, {{protected}} words, eprinttype pmid)', () => {
    const r = parseFixture('zotero-bbt.bib');
    assert.deepEqual(r.problems, []);
    const e = byKey(r);
    assert.deepEqual([...e.keys()], ['chamberlainStructureHumanCereblon2014', 'fischerStructureDDB1CRBN2014', 'kronkeLenalidomideCausesSelective2014', 'schaferApremilastChapter2019']);
    const ch = e.get('chamberlainStructureHumanCereblon2014')!.item;
    assert.equal(ch.title, 'Structure of the Human Cereblon–DDB1–Lenalidomide Complex Reveals Basis for Responsiveness to Thalidomide Analogs');
    assert.equal(ch['container-title'], 'Nature Structural & Molecular Biology');
    assert.equal(ch.author?.[5]?.literal ?? ch.author?.[5]?.family, 'Chie-Leon');
    assert.equal(ch.DOI, '10.1038/nsmb.2874');
    assert.equal(ch.issue, '9');
    assert.equal(ch.page, '803-809');
    assert.deepEqual(ch.issued, { 'date-parts': [[2014, 8]] });
    const kr = e.get('kronkeLenalidomideCausesSelective2014')!.item;
    assert.equal(kr.author?.[0].family, 'Krönke');
    assert.equal(kr.PMID, '24292625');
    const chapter = e.get('schaferApremilastChapter2019')!.item;
    assert.equal(chapter.type, 'chapter');
    assert.equal(chapter['container-title'], 'Handbook of Experimental Pharmacology');
    assert.equal(chapter.publisher, 'Springer');
    assert.deepEqual(e.get('fischerStructureDDB1CRBN2014')!.keyRange, { start: { line: 18, character: 9 }, end: { line: 18, character: 37 } });
  });

  test('JabRef (@String, # concatenation, {\\"o} accents, month macros, jabref-meta comments)', () => {
    const r = parseFixture('jabref.bib');
    assert.deepEqual(r.problems, []);
    const e = byKey(r);
    assert.deepEqual([...e.keys()], ['Kroenke2015', 'Ito2010', 'Lu2014']);
    const k = e.get('Kroenke2015')!.item;
    assert.equal(k.author?.[0].family, 'Krönke');
    assert.equal(k.author?.[13].family, 'Järås');
    assert.equal(k['container-title'], 'Nature', '@String nat');
    assert.equal(k.title, 'Lenalidomide induces ubiquitination and degradation of CK1α in del(5q) MDS');
    assert.deepEqual(k.issued, { 'date-parts': [[2015, 7]] });
    assert.equal(e.get('Lu2014')!.item['container-title'], 'Science (New York, N.Y.)', 'sci # {…}');
    assert.equal(e.get('Lu2014')!.item.PMID, '24292623');
    assert.equal(e.get('Ito2010')!.item['container-title'], 'Science');
  });

  test('Mendeley (free text header, {{double braced}} titles, file paths with $\\backslash$)', () => {
    const r = parseFixture('mendeley.bib');
    assert.deepEqual(r.problems, []);
    const m = byKey(r).get('Matyskiela2016')!.item;
    assert.equal(m.title, 'A novel cereblon modulator recruits GSPT1 to the CRL4(CRBN) ubiquitin ligase');
    assert.equal(yearOf(m), '2016');
    assert.equal(m.author?.length, 24);
    assert.equal(byKey(r).get('Donovan2018')!.item.author?.[2].family, 'Nowak');
  });

  test('crossref: the child inherits from a parent defined after it', () => {
    const r = parseFixture('crossref.bib');
    assert.deepEqual(r.problems, []);
    const child = byKey(r).get('chapterKey')!.item;
    assert.equal(child.type, 'paper-conference');
    assert.equal(child['container-title'], 'Proceedings of the Cereblon Symposium');
    assert.equal(child.publisher, 'Imaginary Press');
    assert.equal(yearOf(child), '2023');
    assert.equal(child.title, 'Cereblon modulators at the bench');
  });
});

describe('LaTeX and names (the hand-written parser, docs/bibtex.md)', () => {
  const one = (body: string) => parseBibtex(body).entries[0].item;

  test('accents in every form, special letters, dashes, escapes, math and formatting commands', () => {
    assert.equal(latexToText('M{\\"u}ller J\\"org Garc{\\\'\\i}a \\v{S}koda Ji\\v r\\\'{\\i} \\c{c}a \\`a \\^ile na\\"ive \\H{o} \\u{g} \\k{a} \\r{a} \\={o} \\.{z}'), 'Müller Jörg García Škoda Jiří ça à île naïve ő ğ ą å ō ż');
    assert.equal(latexToText('{\\O}stergaard S{\\o}ren Ka{\\l}u{\\.z}a Stra{\\ss}e {\\ae}ther {\\AA}se'), 'Østergaard Søren Kałuża Straße æther Åse');
    assert.equal(latexToText('a -- b --- c \\textendash{} d \\& 50\\% \\$5 x\\_y non~breaking'), 'a – b — c – d & 50% $5 x_y non breaking');
    assert.equal(latexToText('{CK1$\\alpha$} and TNF-$\\alpha$, \\textbeta-catenin, $x^{2}_i$'), 'CK1α and TNF-α, β-catenin, x2i');
    assert.equal(latexToText('\\emph{a} \\textit{b} {\\em c} \\textbf{d} \\href{https://x.org}{e} \\url{u}'), 'a b c d e u');
    assert.equal(latexToText('no LaTeX at all'), 'no LaTeX at all');
  });

  test('BibTeX names: the three forms, von parts, Jr, protected groups, "others"', () => {
    assert.deepEqual(parseName('de la Fontaine, Jean'), { family: 'de la Fontaine', given: 'Jean' });
    assert.deepEqual(parseName('Ludwig van Beethoven'), { family: 'van Beethoven', given: 'Ludwig' });
    assert.deepEqual(parseName('Doe, Jr., John'), { family: 'Doe Jr.', given: 'John' });
    assert.deepEqual(parseName('{World Health Organization}'), { literal: 'World Health Organization' });
    assert.deepEqual(parseName('{Chie-Leon}, Barbara'), { family: 'Chie-Leon', given: 'Barbara' });
    assert.deepEqual(parseName('Kr{\\"o}nke, Jan'), { family: 'Krönke', given: 'Jan' });
    assert.deepEqual(parseName('Aristotle'), { family: 'Aristotle' });
    assert.deepEqual(splitAnd('A, B and {Smith and Sons} AND C, D'), ['A, B', '{Smith and Sons}', 'C, D']);
    const it = one('@article{k, author = {Smith, A. and Jones, B. and others}}');
    assert.deepEqual(it.author, [{ family: 'Smith', given: 'A.' }, { family: 'Jones', given: 'B.' }]);
    assert.equal(it['authors-truncated'], true);
  });

  test('fields: @string and # in quotes and braces, month macros, verbatim DOI and URL, pages, lists', () => {
    const r = parseBibtex('@string{jc = "J. Chem. " # {Phys.}}\n@article{k, journal = jc, year = 2020, month = mar, pages = {e1--e10}, doi = {10.1/x\\_1}, url = {https://e.org/~u/a--b}, title = "Quoted {T} \\"{a}"}\n@book{b, publisher = {Springer and Elsevier}, date = {2001-05-06}, number = {7}}');
    assert.deepEqual(r.problems, []);
    const k = r.entries[0].item;
    assert.equal(k['container-title'], 'J. Chem. Phys.');
    assert.deepEqual(k.issued, { 'date-parts': [[2020, 3]] });
    assert.equal(k.page, 'e1-e10');
    assert.equal(k.DOI, '10.1/x_1');
    assert.equal(k.URL, 'https://e.org/~u/a--b');
    assert.equal(k.title, 'Quoted T ä');
    const b = r.entries[1].item;
    assert.equal(b.publisher, 'Springer; Elsevier');
    assert.deepEqual(b.issued, { 'date-parts': [[2001, 5, 6]] });
    assert.equal(b.number, '7');
  });

  test('crossref: a chapter takes the book title as its container, not as its title; a broken parent key is reported', () => {
    const r = parseBibtex('@inbook{c, title = {Chapter}, crossref = {b}, pages = {1-2}}\n@book{b, title = {The Book}, author = {Main, A.}, publisher = {P}, year = {1999}}');
    const c = r.entries[0].item;
    assert.equal(c.title, 'Chapter');
    assert.equal(c['container-title'], 'The Book');
    assert.equal(c.publisher, 'P');
    assert.equal(c.author?.[0].family, 'Main');
  });

  test('an entry without a key (EndNote exports) is a warning at its line; the entries around it are kept', () => {
    const r = parseBibtex('@article{a, title={A}}\n@article{author = {Doe, J.}, title = {No key}}\n@article{b, title={B}}\n');
    assert.deepEqual(r.entries.map((e) => e.key), ['a', 'b']);
    assert.deepEqual(r.problems.map((p) => [p.range.start.line, p.severity, p.message]), [[1, 'warning', '@article: the entry has no citation key, so it cannot be cited (add one after the "{")']]);
  });

  test('spacing commands: \\hspace{…} is a space, \\cite{key} keeps its key', () => {
    assert.equal(latexToText('Space\\hspace{1em}Quad, see \\cite{KR}'), 'Space Quad, see KR');
  });

  test('a cached entry is parsed again only when an @string it reads changed', () => {
    const cache = newBibtexCache();
    const text = '@string{j = {Blood}}\n@string{x = {X}}\n@article{a, journal = j}\n@article{b, journal = {Plain}}\n';
    const r1 = parseBibtex(text, cache);
    const r2 = parseBibtex(text.replace('{X}', '{Y}'), cache);
    assert.equal(r2.entries[0].item, r1.entries[0].item, 'a reads j only');
    const r3 = parseBibtex(text.replace('{Blood}', '{Leukemia}'), cache);
    assert.notEqual(r3.entries[0].item, r1.entries[0].item);
    assert.equal(r3.entries[0].item['container-title'], 'Leukemia');
    assert.equal(r3.entries[1].item, r1.entries[1].item);
  });
});

describe('malformed BibTeX: one broken entry never loses the others', () => {
  const r = parseFixture('malformed.bib');

  test('every entry is read, the broken ones too (so their keys are not reported as unknown)', () => {
    assert.deepEqual(r.entries.map((e) => e.key), ['good1', 'unbalanced', 'good2', 'missingcomma', 'undefinedstring', 'orphan', 'good3']);
    assert.equal(byKey(r).get('good2')!.item.title, 'Identification of a primary target of thalidomide teratogenicity');
    assert.equal(byKey(r).get('good3')!.item['container-title'], 'Blood', '@string still applies after the broken entries');
    assert.equal(byKey(r).get('good1')!.item.author?.[0].family, 'Krönke', 'the first good1 wins over its duplicate');
  });

  test('each problem is at its line, with a message that names the entry', () => {
    assert.deepEqual(problemLines(r), [
      [12, 'bibliography-syntax', 'error'],
      [27, 'bibliography-syntax', 'error'],
      [34, 'bibliography-undefined-string', 'warning'],
      [38, 'bibliography-syntax', 'warning'],
      [44, 'duplicate-citation-key', 'warning'],
    ]);
    assert.match(r.problems[0].message, /@article\{unbalanced\} is not closed: a "\}" is missing before line 18/);
    assert.match(r.problems[1].message, /@article\{missingcomma\}: expected "," or "\}" after the value of "author" but found "t" \(a comma missing\?\)/);
    assert.match(r.problems[2].message, /@string "leukemia" is not defined/);
    assert.match(r.problems[3].message, /crossref "nosuchbook" is not defined/);
    assert.match(r.problems[4].message, /Duplicate key "good1": already defined on line 4/);
    assert.deepEqual(r.problems[4].range, { start: { line: 43, character: 9 }, end: { line: 43, character: 14 } });
  });

  test('an entry whose key is not followed by a comma keeps its key, with one problem', () => {
    const r = parseBibtex('@article{nocomma2021\n  title = {T},\n  year = {2021}\n}\n@article{ok, title={x}}');
    assert.deepEqual(r.entries.map((e) => e.key), ['nocomma2021', 'ok']);
    assert.equal(r.problems.length, 1, 'the first error of an entry; the rest are its consequences');
    assert.match(r.problems[0].message, /the key "nocomma2021" is not followed by "," \(found "t"\)/);
  });

  test('junk never throws: binary bytes, an endless line, stray braces, a lone @', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const junk = Array.from({ length: 20000 }, () => String.fromCharCode(Math.floor(rnd() * 0x3000))).join('');
    // '@article{%}' and '@misc{k, note={a} % c}' used to hang the library (a % comment with no newline after it)
    for (const text of ['@article{%}', '@misc{k, note={a} % c}', '@article{% and #{\\"u}@}}', junk, '@', '@article', '@article{', '}}}}{{{{', `@article{x, title={${'a'.repeat(100000)}`, '@string{a = b # c}\n@article{k, title = a}', '\u0000\u0001@misc{k,}', '@article{k,\r\n title={CRLF}\r\n}\r\n']) {
      const res = parseBibtex(text);
      assert.ok(Array.isArray(res.entries) && Array.isArray(res.problems));
    }
    assert.deepEqual(parseBibtex('@article{k,\r\n title={CRLF}\r\n}\r\n').entries.map((e) => [e.key, e.item.title]), [['k', 'CRLF']]);
  });
});

test('an entry of megabytes (an unclosed brace swallowed the file) is reported, never handed to the parser', () => {
  const huge = `@article{swallowed,\n  title = {${'x '.repeat(200000)}}\n}\n@article{after, title = {Still read}}\n`;
  const r = parseBibtex(huge);
  assert.deepEqual(r.entries.map((e) => e.key), ['swallowed', 'after'], 'its key still counts');
  assert.match(r.problems[0].message, /@article\{swallowed\}: this entry is 391 KB long \(a brace is probably not closed\); it was not read/);
  const json = parseCslJson(`[{"id": "big", "title": "${'y'.repeat(300000)}"}, {"id": "small"}]`);
  assert.deepEqual(json.entries.map((e) => e.key), ['big', 'small'], 'the key of a huge item still counts');
  assert.match(json.problems[0].message, /293 KB long/);
});

describe('the per-entry cache', () => {
  const base = '@string{j = {Blood}}\n@article{a, title = {First}, journal = j}\n@article{b, title = {Second}, journal = j}\n';

  test('unchanged entries are reused (same objects); the edited one is parsed again', () => {
    const cache = newBibtexCache();
    const r1 = parseBibtex(base, cache);
    const r2 = parseBibtex(base.replace('Second', 'Second, edited'), cache);
    assert.equal(r2.entries[0].item, r1.entries[0].item, 'entry a reused');
    assert.notEqual(r2.entries[1].item, r1.entries[1].item);
    assert.equal(r2.entries[1].item.title, 'Second, edited');
    assert.equal(cache.size, 3, 'the cache holds what the last pass used, nothing more');
  });

  test('an edited @string reaches every entry after it (it is part of their cache key)', () => {
    const cache = newBibtexCache();
    parseBibtex(base, cache);
    const r = parseBibtex(base.replace('{Blood}', '{Leukemia}'), cache);
    assert.deepEqual(r.entries.map((e) => e.item['container-title']), ['Leukemia', 'Leukemia']);
  });
});

describe('CSL-JSON and CSL-YAML', () => {
  test('a Zotero CSL-JSON export', () => {
    const r = parseFixture('zotero.json');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.entries.map((e) => e.key), ['kronke2014', 'petzold2016']);
    assert.equal(yearOf(r.entries[0].item), '2014');
    assert.deepEqual(r.entries[1].keyRange.start, { line: 22, character: 11 });
  });

  test('a broken item is reported at its line (jsonc-parser) and the others are kept', () => {
    const r = parseFixture('broken.json');
    assert.deepEqual(r.entries.map((e) => e.key), ['first', 'second', 'third']);
    assert.deepEqual(problemLines(r), [[12, 'bibliography-syntax', 'error'], [14, 'bibliography-syntax', 'error'], [26, 'duplicate-citation-key', 'warning']]);
    assert.match(r.problems[0].message, /CommaExpected/);
    assert.match(r.problems[1].message, /without an "id"/);
    assert.equal(yearOf(r.entries[2].item), '2022', '"issued": "2022" is read as a raw date');
  });

  test('other CSL-JSON shapes and mistakes', () => {
    assert.deepEqual(parseCslJson('{"items": [{"id": "a", "type": "book"}, {"id": "b"}]}').entries.map((e) => e.key), ['a', 'b']);
    assert.deepEqual(parseCslJson('{"a": {"type": "book", "title": "T"}}').entries.map((e) => [e.key, e.item.title]), [['a', 'T']]);
    assert.deepEqual(parseCslJson('{"id": 12, "type": "book"}').entries.map((e) => e.key), ['12']);
    const missingComma = parseCslJson('[\n  {"id": "a"}\n  {"id": "b"}\n]');
    assert.deepEqual(missingComma.entries.map((e) => e.key), ['a', 'b']);
    assert.match(missingComma.problems[0].message, /comma is missing/);
    assert.equal(missingComma.problems[0].range.start.line, 2);
    assert.match(parseCslJson('[{"id": "a"},\n]').problems[0].message, /comma after the last item/);
    assert.match(parseCslJson('[{"id": "a"}').problems[0].message, /not closed/);
    const unclosed = parseCslJson('[\n  {\n    "id": "a",\n    "author": [\n      {\n        "family": "X"\n      }\n    ]\n  ,\n  {\n    "id": "b"\n  }\n]');
    assert.ok(unclosed.entries.some((e) => e.key === 'b'));
    assert.match(parseCslJson('nonsense').problems[0].message, /expected an array/);
    assert.deepEqual(parseCslJson('').entries, []);
    assert.deepEqual(parseCslJson('{"id":"').entries, [], 'an empty id is no key (found by fuzzing)');
    assert.deepEqual(parseCslJson('[\r\n').problems[0].range.start, { line: 0, character: 1 }, 'never past the end of a CRLF line (found by fuzzing)');
    assert.match(parseCslYaml('*!').problems[0].message, /Unresolved alias/, 'an unresolved YAML alias is a problem, not an exception (found by fuzzing)');
    assert.match(parseCslYaml('- *a\n- id: b\n').problems[0].message, /Unresolved alias/);
    assert.match(parseCslJson('[{"id": " "}]').problems[0].message, /empty "id"/);
  });

  test('CSL-YAML as pandoc writes it (references: in a YAML block) and a broken item', () => {
    const r = parseFixture('pandoc.yaml');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.entries.map((e) => [e.key, yearOf(e.item)]), [['fischer2014', '2014'], ['donovan2018', '2018']]);
    assert.equal(r.entries[1].item.title, 'Thalidomide promotes degradation of SALL4, a transcription factor implicated in Duane Radial Ray syndrome');
    assert.equal(r.entries[0].item.volume, '512');
    assert.deepEqual(r.entries[0].keyRange.start, { line: 3, character: 6 });
    const b = parseFixture('broken.yaml');
    assert.deepEqual(b.entries.map((e) => e.key), ['good-yaml', 'broken-yaml', 'after-broken']);
    assert.equal(b.problems.length, 1);
    assert.ok(b.problems[0].range.start.line >= 4 && b.problems[0].range.start.line <= 7, 'inside the broken item');
    assert.deepEqual(parseCslYaml('[{id: a, type: book}, {id: b}]').entries.map((e) => e.key), ['a', 'b'], 'flow style is read whole');
  });
});

describe('large files', () => {
  // Generated here, not committed. No timing assertion: speed belongs to the benchmark.
  const N = 10000;
  const entry = (i: number) => i % 2500 === 1234
    ? `@article{broken${i},\n  title = {Unbalanced {brace},\n  year = {2020}\n`
    : `@article{key${i},\n  author = {Kr{\\"o}nke, Jan and Ebert, Benjamin L. and others},\n  title = {Lenalidomide study {IKZF1} number ${i}},\n  journal = {Science},\n  year = {${2000 + (i % 25)}},\n  doi = {10.1126/science.${i}}\n}\n`;
  const text = Array.from({ length: N }, (_, i) => entry(i)).join('\n');

  test(`a generated ${N}-entry file: every entry, the broken ones reported at their lines`, () => {
    const r = parseBibtex(text);
    assert.equal(r.entries.length, N);
    assert.equal(new Set(r.entries.map((e) => e.key)).size, N);
    assert.deepEqual(r.problems.map((p) => p.message.slice(0, 24)), ['@article{broken1234} is ', '@article{broken3734} is ', '@article{broken6234} is ', '@article{broken8734} is ']);
    const line = text.slice(0, text.indexOf('@article{broken3734')).split('\n').length - 1;
    assert.equal(r.problems[1].range.start.line, line);
    const last = r.entries[N - 1];
    assert.equal(last.item.title, `Lenalidomide study IKZF1 number ${N - 1}`);
    assert.equal(last.item.author?.[0].family, 'Krönke');
  });

  test('sliced parsing pauses, gives the same result, and can be cancelled', async () => {
    const small = text.slice(0, text.indexOf('@article{key300,'));
    let pauses = 0;
    const sliced = await runSliced(parseBibliographySteps(small, 'bibtex'), { pause: async () => void pauses++, budgetMs: 0 });
    assert.ok(pauses > 100, `paused ${pauses} times`);
    assert.deepEqual(sliced?.entries.map((e) => e.key), runSync(parseBibliographySteps(small, 'bibtex')).entries.map((e) => e.key));
    let calls = 0;
    const cancelled = await runSliced(parseBibliographySteps(small, 'bibtex', newBibliographyCache('bibtex')), { pause: async () => void calls++, budgetMs: 0, cancelled: () => calls >= 3 });
    assert.equal(cancelled, undefined);
  });
});
