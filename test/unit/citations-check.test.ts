// Citation keys: the unknown-key check and its fixes, where completion triggers, ranking,
// and bundled references written back as BibTeX / CSL-JSON.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type CitationLibrary,
  type CitationSource,
  type Finding,
  TextDocument,
  bundledEngine,
  checkCitations,
  citableReferences,
  citationContextAt,
  closestKeys,
  FUSE_MAX_REFERENCES,
  completeCitations,
  crossFileDuplicates,
  editDistance,
  entryText,
  extractProse,
  lint,
  normaliseCslItem,
  parseBibtex,
  parseConfig,
  parseCslJson,
  relevantKeys,
  sourceFromParsed,
  toBibtex,
} from '../../src/core/index';
import { engine } from './util';

const BIB = '@article{lu2014, author = {Lu, Gang}, title = {The myeloma drug lenalidomide}, journal = {Science}, year = {2014}, doi = {10.1126/science.1244917}}\n@article{mine2020, author = {Writer, Ann}, title = {Pomalidomide in practice}, year = {2020}}\n';

function source(text: string, label = 'refs.bib', extra: Partial<CitationSource> = {}): CitationSource {
  const parsed = label.endsWith('.json') ? parseCslJson(text) : parseBibtex(text);
  return { ...sourceFromParsed(parsed, { label, target: `file:///w/${label}` }), ...extra };
}

function check(text: string, languageId: string, sources: CitationSource[], e = engine()): Finding[] {
  const library: CitationLibrary = { sources, bundled: e.db.references };
  const res = lint(new TextDocument('file:///w/doc', text, 1, languageId), {
    engine: e,
    languageId,
    citations: (prose, en) => checkCitations(prose, library, en),
  });
  return res.findings.filter((f) => f.ruleId === 'unknown-citation-key' || f.ruleId === 'bibliography-not-found');
}

describe('unknown citation keys', () => {
  test('without any bibliography the bundled one decides; the finding is on the key, with "Change to" fixes', () => {
    const text = 'Lenalidomide degrades IKZF1 [@kronke2041; @lu2014].';
    const f = check(text, 'markdown', []);
    assert.equal(f.length, 1);
    assert.equal(text.slice(f[0].start, f[0].end), 'kronke2041');
    assert.match(f[0].message, /Unknown citation key "kronke2041": not in the bundled bibliography .*Did you mean "kronke2014"/);
    const titles = f[0].fixes.map((x) => x.title);
    assert.equal(titles[0], 'Change to "kronke2014"');
    assert.ok(f[0].fixes.every((x) => x.kind !== 'lexical'), 'never applied by fix-all');
    assert.equal(f[0].fixes[0].edits[0].newText, 'kronke2014');
    assert.deepEqual(f[0].fixes[0].edits[0].range, f[0].range);
  });

  test("with the writer's bibliography, its keys decide; a bundled key it lacks gets \"Add entry\" in the file's format", () => {
    const md = '---\nbibliography: refs.bib\n---\nSee [@lu2014; @mine2020; @kronke2014; @mine2021].';
    const f = check(md, 'markdown', [source(BIB, 'refs.bib', { named: { start: 17, end: 25 } })]);
    assert.deepEqual(f.map((x) => x.data?.key), ['kronke2014', 'mine2021']);
    assert.match(f[0].message, /"kronke2014" is a bundled reference that is not in refs\.bib/);
    const add = f[0].fixes.find((x) => x.title === 'Add entry to refs.bib')!;
    assert.equal(add.kind, 'bibliography');
    assert.equal(add.target, 'file:///w/refs.bib');
    assert.match(add.appendText!, /^@article\{kronke2014,\n/);
    assert.deepEqual(parseBibtex(add.appendText!).problems, [], 'the appended entry parses');
    assert.equal(f[1].fixes[0].title, 'Change to "mine2020"');
    const json = check('Text [@kronke2014].', 'markdown', [source('[{"id": "mine2020", "type": "book"}]', 'refs.json')]);
    const jsonFix = json[0].fixes.find((x) => x.title === 'Add entry to refs.json')!;
    assert.equal(normaliseCslItem(JSON.parse(jsonFix.appendText!)).item?.DOI, '10.1126/science.1244851');
  });

  test('LaTeX keys always count; \\nocite{*} is not a key', () => {
    const tex = '\\begin{document}\nPomalidomide binds cereblon~\\cite[p.~3]{lu2014, kronke2041}. \\nocite{*}\n\\end{document}';
    const f = check(tex, 'latex', []);
    assert.deepEqual(f.map((x) => tex.slice(x.start, x.end)), ['kronke2041']);
  });

  test('narrative @word: an @mention without a bibliography, a citation with one', () => {
    const text = 'Thanks to @jsmith. As @kronke2041 showed, and @ito2010 too.';
    assert.deepEqual(check(text, 'markdown', []).map((x) => x.data?.key), ['kronke2041'], 'only the near miss of a known key');
    assert.deepEqual(check(text, 'markdown', [source(BIB)]).map((x) => x.data?.key), ['jsmith', 'kronke2041', 'ito2010'], 'pandoc reads every @word as a citation');
  });

  test('nothing while a bibliography is loading; a missing named one is reported once, at its name', () => {
    const md = '---\nbibliography: refs.bib\n---\nSee [@nothere].';
    assert.deepEqual(check(md, 'markdown', [source('', 'refs.bib', { state: 'loading' })]), []);
    const f = check(md, 'markdown', [{ label: 'refs.bib', target: 'x', format: 'bibtex', state: 'missing', entries: new Map(), reason: 'no such file', named: { start: 18, end: 26 } }]);
    assert.deepEqual(f.map((x) => [x.ruleId, md.slice(x.start, x.end)]), [['bibliography-not-found', 'refs.bib']]);
    // a configured (unnamed) file that is missing adds nothing and blocks nothing
    const g = check('See [@nothere].', 'markdown', [source(BIB), { label: 'other.bib', target: 'y', format: 'bibtex', state: 'missing', entries: new Map() }]);
    assert.deepEqual(g.map((x) => x.data?.key), ['nothere']);
  });

  test('the rules can be turned off in .imid-lens.json', () => {
    const e = bundledEngine(parseConfig('{"rules": {"unknown-citation-key": "off"}}'));
    assert.deepEqual(check('See [@kronke2041].', 'markdown', [], e), []);
  });

  test('without an adapter (CLI-less lint), documents that name a bibliography are not checked', () => {
    const res = lint(new TextDocument('file:///x', '---\nbibliography: refs.bib\n---\n[@kronke2041]', 1, 'markdown'), { engine: engine(), languageId: 'markdown' });
    assert.deepEqual(res.findings.filter((f) => f.ruleId === 'unknown-citation-key'), []);
  });

  test('edit distance and closest keys', () => {
    assert.equal(editDistance('kronke2041', 'kronke2014', 2), 1, 'a transposition is one edit');
    assert.equal(editDistance('abc', 'xyz123', 2), 3, 'capped at max + 1');
    assert.deepEqual(closestKeys('kronke2041', ['kronke2014', 'kronke2015', 'lu2014', 'ito2010']), ['kronke2014', 'kronke2015']);
    assert.deepEqual(closestKeys('kronke', ['kronke2014', 'lu2014']), ['kronke2014'], 'a typed prefix of a key');
    assert.deepEqual(closestKeys('zzzz', ['kronke2014']), []);
  });

  test('suggestions: bounded per check, remembered for the next one', () => {
    const e = engine();
    const src = source(BIB);
    const library: CitationLibrary = { sources: [src], bundled: e.db.references, suggestionBudget: 1 };
    const prose = extractProse('See [@mine2021; @lu2041].', 'markdown');
    const first = checkCitations(prose, library, e);
    assert.deepEqual(first.map((f) => f.fixes.length), [1, 0], 'one new key compared per check');
    const second = checkCitations(prose, library, e);
    assert.deepEqual(second.map((f) => f.fixes.map((x) => x.title)), [['Change to "mine2020"'], ['Change to "lu2014"']]);
    assert.equal(editDistance('Krönke2014', 'kronke2014', 2), 1, 'non-ASCII letters count as letters');
    assert.equal(editDistance('tóth2019', 'toth2019x', 1), 2);
  });

  test('duplicate keys across files used together', () => {
    const a = parseBibtex('@misc{x, title={A}}\n@misc{y, title={A}}');
    const b = parseBibtex('\n@misc{x, title={B}}');
    const d = crossFileDuplicates([{ id: 'a', label: 'a.bib', parsed: a }, { id: 'b', label: 'b.bib', parsed: b }]);
    assert.match(d.get('b')![0].message, /Duplicate key "x": also defined in a\.bib \(line 1\)/);
    assert.equal(d.get('b')![0].range.start.line, 1);
    assert.match(d.get('a')![0].message, /also defined in b\.bib \(line 2\)/);
    assert.equal(crossFileDuplicates([{ id: 'a', label: 'a.bib', parsed: a }, { id: 'a', label: 'a.bib', parsed: a }]).size, 0);
  });
});

describe('where completion triggers', () => {
  const ctx = (text: string, kind: 'markdown' | 'latex' = 'markdown', cursor = text.indexOf('|')) => {
    const t = text.replace('|', '');
    const c = citationContextAt(extractProse(t, kind), cursor);
    return c && { prefix: c.prefix, key: t.slice(c.start, c.end), others: c.others };
  };

  test('Markdown: [@, [@a; @, [-@, narrative @ after a space or at a line start', () => {
    assert.deepEqual(ctx('See [@|'), { prefix: '', key: '', others: [] });
    assert.deepEqual(ctx('See [@kro|'), { prefix: 'kro', key: 'kro', others: [] });
    assert.deepEqual(ctx('See [@lu2014; @kr|onke]'), { prefix: 'kr', key: 'kronke', others: ['lu2014'] });
    assert.deepEqual(ctx('Krönke [-@|]'), { prefix: '', key: '', others: [] });
    assert.deepEqual(ctx('As @kro| showed'), { prefix: 'kro', key: 'kro', others: [] });
    assert.deepEqual(ctx('@|'), { prefix: '', key: '', others: [] });
    assert.deepEqual(ctx('See [see @lu2014, p. 3; @|]'), { prefix: '', key: '', others: ['lu2014'] });
  });

  test('Markdown: never in e-mail addresses, code, URLs, math, front matter or cross-references', () => {
    for (const t of ['mail me@kro|', 'Code `x @kro|` here', '```\n@kro|\n```', 'See https://example.org/@kro|', '---\ntitle: @kro|\n---\nText', 'See @fig-cere|', 'Math $x @a|$ here']) {
      assert.equal(ctx(t), undefined, t);
    }
  });

  test('LaTeX: cite commands, optional arguments, several keys, starred and capitalised variants', () => {
    const doc = (s: string) => `\\begin{document}\n${s}\n\\end{document}`;
    const cases: Array<[string, string, string[]]> = [
      ['\\cite{|}', '', []],
      ['\\citep[see][p.~3]{lu2014, kr|}', 'kr', ['lu2014']],
      ['\\citet{lu2014,kr|onke2014,ito2010}', 'kr', ['lu2014', 'ito2010']],
      ['\\parencite*{|', '', []],
      ['\\Textcite{k|}', 'k', []],
      ['\\autocite[12]{|}', '', []],
      ['\\footcite{|}', '', []],
      ['\\nocite{|}', '', []],
      ['\\Citep{|}', '', []],
      ['\\cites[p. 1]{lu2014}[p. 2]{|}', '', []],
    ];
    for (const [src, prefix, others] of cases) {
      const c = ctx(doc(src), 'latex');
      assert.ok(c, src);
      assert.equal(c.prefix, prefix, src);
      assert.deepEqual(c.others, others, src);
    }
    assert.equal(ctx(doc('\\citet{lu2014,kr|onke2014}'), 'latex')?.key, 'kronke2014');
    for (const t of ['\\ref{|}', '% \\cite{|}', '\\begin{verbatim}\n\\cite{|}\n\\end{verbatim}', '\\textbf{|}', '\\cite{a} and |']) {
      assert.equal(ctx(doc(t), 'latex'), undefined, t);
    }
  });
});

describe('completion items', () => {
  const library: CitationLibrary = { sources: [source(BIB)], bundled: engine().db.references };
  const refs = citableReferences(library);

  test('the same array for the same bibliographies (completion indexes it once)', () => {
    assert.equal(citableReferences({ sources: [...library.sources], bundled: library.bundled }), refs);
    assert.notEqual(citableReferences({ sources: [source(BIB)], bundled: library.bundled }), refs, 'a file read again is a new map');
  });

  test('every reference: own entries first, bundled ones the document lacks are marked', () => {
    assert.deepEqual(refs.slice(0, 2).map((r) => [r.key, r.inDocument, r.bundled]), [['lu2014', true, true], ['mine2020', true, false]]);
    const kr = refs.find((r) => r.key === 'kronke2014')!;
    assert.deepEqual([kr.inDocument, kr.bundled, kr.source], [false, true, 'bundled']);
    assert.ok(citableReferences({ sources: [], bundled: engine().db.references }).every((r) => r.inDocument), 'no bibliography: bundled ones are the document\'s');
  });

  test('label, detail, documentation with links, filterText from key, authors, title and year', () => {
    const [lu] = completeCitations(refs, 'lu20');
    assert.equal(lu.key, 'lu2014');
    assert.equal(lu.detail, 'Lu (2014)');
    assert.match(lu.documentation, /\[doi:10\.1126\/science\.1244917\]\(https:\/\/doi\.org\/10\.1126\/science\.1244917\)/);
    assert.match(lu.documentation, /From refs\.bib/);
    assert.match(lu.filterText, /^lu20 lu2014 Lu 2014 The myeloma drug lenalidomide/);
    const kr = completeCitations(refs, 'kronke').find((c) => c.key === 'kronke2014')!;
    assert.match(kr.documentation, /Bundled reference, not in your bibliography: choosing it offers to add its entry/);
    assert.match(completeCitations(refs, 'Pomalidomide practice')[0].key, /^mine2020$/, 'title words find an entry');
    assert.equal(completeCitations(refs, 'Writer')[0].key, 'mine2020', 'author names find an entry');
    assert.ok(completeCitations(refs, 'lu', { exclude: ['lu2014'] }).every((c) => c.key !== 'lu2014'), 'keys already in the group are left out');
  });

  test('references tied to the drug or target named in the sentence rank first', () => {
    const text = 'Apremilast inhibits PDE4 in psoriasis [@';
    const prose = extractProse(text, 'markdown');
    const relevant = relevantKeys(engine().db, prose, text.length, refs);
    assert.ok(relevant.has('schafer2014'), [...relevant].join(', '));
    assert.ok(!relevant.has('lu2014'));
    const list = completeCitations(refs, '', { relevant });
    const firstOther = list.findIndex((c) => !c.relevant);
    assert.ok(firstOther > 0 && list.slice(firstOther).every((c) => !c.relevant), 'relevant ones form the head of the list');
    assert.ok(list.findIndex((c) => c.key === 'schafer2014') < list.findIndex((c) => c.key === 'lu2014'));
    // a writer's own entry is tied by a term in its title
    const p2 = extractProse('Pomalidomide is given with dexamethasone [@', 'markdown');
    assert.ok(relevantKeys(engine().db, p2, p2.text.length, refs).has('mine2020'));
    // typing a key still puts that key first, relevant or not
    assert.equal(completeCitations(refs, 'lu2014', { relevant })[0].key, 'lu2014');
  });
});

describe('citation completion over a large library (linear matcher above FUSE_MAX_REFERENCES)', () => {
  const FAM = ['Smith', 'Kroenke', 'Ito', 'Lu', 'Fink', 'Müller', 'García'];
  let bib = BIB;
  for (let i = 0; i < FUSE_MAX_REFERENCES + 200; i++) {
    const fam = FAM[i % FAM.length];
    bib += `@article{${fam.toLowerCase().replace(/[^a-z]/g, '')}${1990 + (i % 30)}x${i}, author = {${fam}, A. and ${FAM[(i + 3) % FAM.length]}, B.}, title = {Study ${i} of ${i % 2 ? 'myeloma' : 'psoriasis'} therapy}, year = {${1990 + (i % 30)}}}\n`;
  }
  const big = citableReferences({ sources: [source(bib)], bundled: engine().db.references });
  const keys = (p: string, opts = {}) => completeCitations(big, p, opts).map((c) => c.key);

  test('the library is past the threshold, and a query returns at most the limit', () => {
    assert.ok(big.length > FUSE_MAX_REFERENCES);
    assert.equal(keys('').length, 200);
    assert.equal(completeCitations(big, 'smith', { limit: 7 }).length, 7);
  });

  test('keys that start with the query first, in key order; then word-start matches; then substrings; then letters in order', () => {
    const ks = keys('smith199');
    const n = ks.findIndex((k) => !k.startsWith('smith199'));
    assert.ok(n > 0 && ks.slice(n).every((k) => !k.startsWith('smith199')), ks.slice(0, 5).join());
    assert.deepEqual(ks.slice(0, n), ks.slice(0, n).sort());
    assert.ok(keys('smth199').length > 0 && keys('smth199').every((k) => k.startsWith('smith199')), 'letters in order, one skipped');
    assert.deepEqual(keys('sx0'), [], 'letters in order: at most three skipped');
    // "ito" starts keys (ito...), starts author words (Ito) and sits inside none else
    const ito = completeCitations(big, 'ito');
    const firstNonPrefix = ito.findIndex((c) => !c.key.startsWith('ito'));
    assert.ok(firstNonPrefix > 0 && ito.slice(firstNonPrefix).every((c) => !c.key.startsWith('ito')));
    assert.ok(keys('krnke').length > 0 && keys('krnke').every((k) => /^kro?e?nke/.test(k)), 'letters in order find kroenke... and the bundled kronke...');
    assert.deepEqual(keys('zzqx'), [], 'nothing matches nonsense');
  });

  test('every word of the query must match: title words, authors, year; case and accents as typed', () => {
    assert.equal(keys('Pomalidomide practice')[0], 'mine2020');
    assert.equal(keys('writer')[0], 'mine2020');
    const myeloma1999 = completeCitations(big, 'myeloma 1999', { limit: 1000 });
    assert.ok(myeloma1999.length > 0 && myeloma1999.every((c) => /myeloma/i.test(c.filterText) && /1999/.test(c.filterText)));
    assert.ok(keys('müller').length > 0 && keys('müller').every((k) => k.startsWith('mller') || /müller/i.test(completeCitations(big, 'müller').find((c) => c.key === k)!.filterText)));
  });

  test('excluded keys are left out; relevant references rank first among the same kind of match', () => {
    assert.ok(!keys('lu', { exclude: ['lu2014'] }).includes('lu2014'));
    const finks = keys('fink', { limit: 5000 });
    const late = finks.filter((k) => k.startsWith('fink')).pop()!;
    assert.ok(late && finks.indexOf(late) > 10);
    const relevant = new Set([late]);
    assert.equal(keys('fink', { relevant })[0], late);
    assert.equal(keys('', { relevant })[0], late);
  });

  test('the same answers as the comparator it replaces (ranking is a total order over the hits)', () => {
    const list = completeCitations(big, 'ki', { limit: 5000 });
    const rank = (c: (typeof list)[number]) => [c.key.toLowerCase().startsWith('ki') ? 0 : 1, c.relevant ? 0 : 1, c.inDocument ? 0 : 1];
    for (let i = 1; i < list.length; i++) {
      const a = rank(list[i - 1]);
      const b = rank(list[i]);
      assert.ok(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), `${list[i - 1].key} before ${list[i].key}`);
    }
  });
});

describe('bundled references written into the writer\'s bibliography', () => {
  const kr = engine().db.reference('kronke2014')!;

  test('BibTeX that parses back to the same reference', () => {
    const bib = toBibtex(kr);
    assert.match(bib, /^@article\{kronke2014,$/m);
    assert.match(bib, /title\s+= \{Lenalidomide causes selective degradation of \{IKZF1\} and \{IKZF3\} in multiple myeloma cells\}/);
    assert.match(bib, /author\s+= \{Krönke, J\. and others\}/);
    assert.match(bib, /pages\s+= \{301--305\}/);
    const back = parseBibtex(bib);
    assert.deepEqual(back.problems, []);
    const item = back.entries[0].item;
    assert.equal(item.title, kr.title);
    assert.equal(item.DOI, kr.DOI);
    assert.equal(item.PMID, kr.PMID);
    assert.equal(item['authors-truncated'], true);
    assert.equal(item.page, '301-305');
  });

  test('every bundled reference round-trips through BibTeX and CSL-JSON', () => {
    for (const ref of engine().db.references.values()) {
      const back = parseBibtex(toBibtex(ref));
      assert.deepEqual(back.problems, [], ref.id);
      assert.equal(back.entries[0]?.key, ref.id);
      if (ref.DOI) assert.equal(back.entries[0].item.DOI, ref.DOI, ref.id);
      const json = parseCslJson(`[${entryText(ref, 'csl-json')}]`);
      assert.deepEqual(json.problems, [], ref.id);
      assert.equal(json.entries[0].item.title, ref.title);
      assert.equal(json.entries[0].item['authors-truncated'], undefined, 'no imid-lens field leaks into the file');
    }
  });

  test('special characters are escaped for TeX', () => {
    const bib = toBibtex({ id: 'x', type: 'report', title: 'R&D of 5% CRL4^CRBN_x {glue}', publisher: 'A & B', URL: 'https://x.org/a_b' });
    assert.match(bib, /title\s+= \{\{R\\&D\} of 5\\% \{CRL4\\\^\{\}CRBN\\_x\} glue\}/);
    assert.match(bib, /url\s+= \{https:\/\/x\.org\/a_b\}/, 'URLs are verbatim');
    assert.deepEqual(parseBibtex(bib).problems, []);
  });
});
