// Property-based fuzzing of the core (fast-check): prose extractors, sentence splitter,
// scanner, claim engine, fixes and the config loader. No exception may escape; every range
// lies inside the document; fixes never overlap; fixing reaches a fixed point with no
// lexical finding left. Runs: FUZZ_RUNS per property (default 12,500; 11 properties = 137,500
// inputs per `npm test`), FUZZ_SEED to replay a failure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  LineIndex,
  TextDocument,
  extractLatex,
  extractMarkdown,
  extractPlain,
  fixText,
  lint,
  parseBibliography,
  parseConfig,
  scan,
  splitSentences,
  type Prose,
} from '../../src/core/index';
import { engine } from './util';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12500);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const params = (runs = RUNS) => ({ numRuns: runs, ...(SEED !== undefined ? { seed: SEED } : {}) });

// Pieces that stress every construct the extractors and rules know about.
const PIECES = [
  'lenalidomide', 'Lenalidomide', 'lenolidomide', 'Revlimid®', 'CC-5013', 'CC 5013', 'CC5013', 'Actimid', 'apremilast', 'Apremilast', 'Otezla',
  'pomalidomide', 'thalidomide', 'cereblon', 'CRBN', 'IMiD', 'IMiDs', "IMiD's", 'CK1α', 'TNF-alpha', 'Celgene', 'S.T.E.P.S.', 'RevAssist',
  ' is an IMiD', ', a third-generation IMiD,', ' inhibits cereblon', ' binds cereblon', ' does not', ' was', ' in 2012', ' not',
  '```', '```r\n', '~~~', '`', '``', '$', '$$', '\\(', '\\)', '\\[', '\\]', '<!--', '-->', '<!-- imid-lens-disable-next-line -->', '<!-- imid-lens-disable misspelled-name -->',
  '<!-- imid-lens-enable -->', '% imid-lens-disable-next-line apremilast-not-imid -- why', '[@', '@kronke2014', '[-@lu2014]', '; @', ']', '[', '](', ')', '(',
  'https://example.org/lenalidomide', 'www.x.org', 'a.b@lenalidomide.org', '\\cite{', '\\citep[p.~3]{', '}', '{', '\\begin{equation}', '\\end{equation}',
  '\\begin{document}', '\\end{document}', '\\section{', '\\item ', '% comment ', '\\%', '~', '\\\\', '&', '---\n', '+++\n', '# ', '## ', '> ', '- ', '1. ', '| a | b |',
  '|---|', ':::', '{{< x >}}', '{#id}', '*', '**', '_', '__', '~~', '&nbsp;', '\\', '\n', '\n\n', '\r\n', '\r', '\t', '    ', ' ', '.', '. ', '! ', '? ', 'e.g. ',
  'et al. ', '2.5 mg', 'µg', '≥', '±', 'α', '😀', '\u0000', '\ufffd', '\u2011', '\u201c', '\u201d', '"', "'",
];

const text = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 60 }).map((a) => a.join(''));

function checkPairs(pairs: Int32Array, len: number): void {
  for (let i = 0; i < pairs.length; i += 2) {
    assert.ok(pairs[i] >= 0 && pairs[i] < pairs[i + 1] && pairs[i + 1] <= len, `pair ${pairs[i]}-${pairs[i + 1]} in 0-${len}`);
    if (i > 0) assert.ok(pairs[i] > pairs[i - 1], 'sorted, merged');
  }
}

function checkProse(p: Prose): void {
  const n = p.text.length;
  checkPairs(p.excluded, n);
  checkPairs(p.quotes, n);
  for (let i = 0; i < p.breaks.length; i++) assert.ok(p.breaks[i] >= 0 && p.breaks[i] <= n && (i === 0 || p.breaks[i] > p.breaks[i - 1]));
  for (const c of p.citations) assert.ok(c.start >= 0 && c.start < c.end && c.end <= n && c.key.length > 0);
  for (const d of p.directives) assert.ok(d.start >= 0 && d.start < d.end && d.end <= n);
}

function checkRange(lines: LineIndex, r: { start: { line: number; character: number }; end: { line: number; character: number } }): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `line ${p.line}`);
    assert.ok(p.character >= 0 && p.character <= lines.lineEnd(p.line) - lines.lineStarts[p.line], `character ${p.character} on line ${p.line}`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), 'start before end');
}

const LANGS = ['markdown', 'latex', 'plaintext'] as const;

test('prose extractors: no exception, ranges sorted and inside the text', () => {
  fc.assert(fc.property(text, (t) => {
    checkProse(extractMarkdown(t));
    checkProse(extractLatex(t));
    checkProse(extractPlain(t));
  }), params());
});

test('sentence splitter: ordered, non-overlapping, inside the block', () => {
  fc.assert(fc.property(text, (t) => {
    const p = extractMarkdown(t);
    let last = 0;
    for (const s of splitSentences(p, 0, t.length)) {
      assert.ok(s.start >= last && s.start < s.end && s.end <= t.length);
      last = s.end;
    }
  }), params());
});

test('scanner: mentions in order, outside excluded stretches, resolvable', () => {
  const e = engine();
  fc.assert(fc.property(text, fc.constantFrom(...LANGS), (t, lang) => {
    const p = lang === 'markdown' ? extractMarkdown(t) : lang === 'latex' ? extractLatex(t) : extractPlain(t);
    let last = -1;
    for (const m of scan(e.db, p)) {
      assert.ok(m.start > last && m.end <= t.length && t.slice(m.start, m.end) === m.text);
      last = m.start;
    }
  }), params());
});

for (const lang of LANGS) {
  test(`lint (${lang}): no exception; findings and fix edits inside the document; edits of a fix do not overlap`, () => {
    const e = engine();
    fc.assert(fc.property(text, (t) => {
      const doc = new TextDocument('fuzz', t, 1, lang);
      const lines = new LineIndex(t);
      const r = lint(doc, { engine: e, languageId: lang });
      for (const f of r.findings) {
        checkRange(lines, f.range);
        for (const fix of f.fixes) {
          const edits = fix.edits.map((x) => ({ s: doc.offsetAt(x.range.start), e: doc.offsetAt(x.range.end) })).sort((a, b) => a.s - b.s);
          for (const x of fix.edits) checkRange(lines, x.range);
          for (let i = 1; i < edits.length; i++) assert.ok(edits[i].s >= edits[i - 1].e, 'edits overlap');
        }
      }
    }), params());
  });
}

test('fix-all reaches a fixed point: lint(fix(x)) has no lexical finding left, fix(fix(x)) = fix(x)', () => {
  const e = engine();
  fc.assert(fc.property(text, fc.constantFrom(...LANGS), (t, lang) => {
    const once = fixText(t, lang, e);
    const left = lint(new TextDocument('f', once.text, 1, lang), { engine: e, languageId: lang }).findings.filter((f) => f.fixes.some((x) => x.kind === 'lexical'));
    assert.deepEqual(left.map((f) => f.ruleId), []);
    assert.equal(fixText(once.text, lang, e).text, once.text);
  }), params());
});

test('config loader: arbitrary text never throws; problems point inside the file', () => {
  const jsonish = fc.oneof(fc.json(), fc.string(), text, fc.constantFrom('{', '{"rules":', '{"rules":{"x":"loud"}}', '{"claims":[{"id":"a","message":"m","patterns":["(a+)+"]}]}', '[]', 'null'));
  fc.assert(fc.property(jsonish, (t) => {
    const parsed = parseConfig(t, 'fuzz.json');
    const lines = new LineIndex(t);
    for (const p of parsed.problems) assert.ok(p.line >= 0 && p.line < lines.lineCount && p.character >= 0);
  }), params());
});

// Bibliography readers: BibTeX (library-parsed entry by entry), CSL-JSON, CSL-YAML.
const BIB_PIECES = [
  '@article{', '@book{', '@string{', '@comment{', '@preamble{', '@misc(', 'key2014,', 'a:b/c,', ' author = {', ' title = "', ' year = 2014,', ' journal = jnl,',
  ' crossref = {key2014},', '}', '{', '}}', '"', '=', ',', '#', '%', '\\"o', '{\\"u}', '\\&', ' and ', 'others', '\n', '\r\n', '@', ' ', 'Kr{\\"o}nke',
  '[', ']', '{"id":', '"id": "k",', '"title": "t"', '"author": [{"family":"A"}]', '"issued":{"date-parts":[[2014]]}', '- id: k\n', '  title: x\n', '  author:\n', '    - family: A\n', ':', '- ', '---\n',
];
const bibText = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...BIB_PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 50 }).map((a) => a.join(''));

for (const format of ['bibtex', 'csl-json', 'csl-yaml'] as const) {
  test(`bibliography reader (${format}): no exception; entries and problems inside the file`, () => {
    fc.assert(fc.property(bibText, (t) => {
      const lines = new LineIndex(t);
      const r = parseBibliography(t, format);
      for (const e of r.entries) {
        assert.ok(e.start >= 0 && e.start <= e.end && e.end <= t.length && e.key.length > 0);
        checkRange(lines, e.keyRange);
      }
      for (const p of r.problems) checkRange(lines, p.range);
    }), params());
  });
}
