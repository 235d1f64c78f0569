// --format html: one self-contained page. A highlight per finding with the exact words, summary
// counts equal to the findings, every document text escaped, DOI and PubMed links, a CSP whose
// hashes match the inline style and script, -o for every format, exit codes as for the others.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { escapeHtml, formatHtml } from '../../src/cli/formatters/html';
import type { FileResult } from '../../src/cli/formatters/types';
import { type Finding, LineIndex, type Severity } from '../../src/core/index';
import { cli, CLI, tempFolders } from './helpers';

const tmpdir = tempFolders('imid-cli-html-');

const root = process.cwd();
const unescape = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

/**
 * Walks the <mark>s of the page: checks they nest, and returns per finding number the text its
 * pieces cover (in order) and how many pieces carry its id.
 */
function marks(html: string): Map<number, { text: string; ids: number; pieces: number }> {
  const out = new Map<number, { text: string; ids: number; pieces: number }>();
  const stack: number[] = [];
  const re = /<mark\b([^>]*)>|<\/mark>|<[^>]+>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[0].startsWith('<mark')) {
      const n = Number(/data-f="(\d+)"/.exec(m[1])![1]);
      const e = out.get(n) ?? { text: '', ids: 0, pieces: 0 };
      e.pieces++;
      if (/\bid="f\d+"/.test(m[1])) {
        assert.match(m[1], new RegExp(`\\bid="f${n}"`));
        e.ids++;
      }
      out.set(n, e);
      stack.push(n);
    } else if (m[0] === '</mark>') {
      assert.ok(stack.length, 'a </mark> closes an open <mark>');
      stack.pop();
    } else if (m[2] !== undefined) {
      for (const n of stack) out.get(n)!.text += unescape(m[2]);
    } else if (/^<\/?div\b/.test(m[0])) assert.equal(stack.length, 0, `no <mark> is open across ${m[0]}`);
  }
  assert.equal(stack.length, 0, 'every <mark> is closed');
  return out;
}

/** What a finding's highlight shows: its text without line breaks. */
const shown = (text: string, s: number, e: number) => text.slice(s, e).replace(/\r\n|\r|\n/g, '');

interface JsonRow {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  ruleId: string;
  severity: Severity;
}

describe('imid-lens lint --format html', () => {
  const manuscript = fs.readFileSync(path.join(root, 'examples/manuscript.md'), 'utf8');

  test('the sample manuscript: one highlight per finding over its exact words; summary counts equal the findings', async () => {
    const json = await cli(['lint', '--format', 'json', 'examples/manuscript.md'], root);
    const rows = JSON.parse(json.out) as JsonRow[];
    assert.ok(rows.length >= 5, `the sample has findings (${rows.length})`);
    const r = await cli(['lint', '--format', 'html', 'examples/manuscript.md'], root);
    assert.equal(r.code, json.code);
    const html = r.out;
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    const found = marks(html);
    assert.equal(found.size, rows.length);
    assert.equal((html.match(/<mark id="f\d+"/g) ?? []).length, rows.length);
    const index = new LineIndex(manuscript);
    rows.forEach((row, k) => {
      const m = found.get(k + 1)!;
      assert.equal(m.ids, 1, `finding ${k + 1} has one highlight with its id`);
      assert.equal(m.text, shown(manuscript, index.offsetAt(row.range.start), index.offsetAt(row.range.end)), `${row.ruleId} at ${row.range.start.line + 1}`);
      // its note, and a link to the highlight in the file's list
      assert.match(html, new RegExp(`<div class="note sev-${row.severity}" id="n${k + 1}" data-f="${k + 1}"`));
      assert.match(html, new RegExp(`<a id="l${k + 1}" href="#f${k + 1}">`));
    });
    // the summary: totals per file and per family equal the findings
    const foot = /<tfoot><tr data-total="">(.*?)<\/tr>/.exec(html)![1];
    const cell = (row: string, what: string) => Number(new RegExp(`data-count="${what}">(\\d+)<`).exec(row)![1]);
    assert.equal(cell(foot, 'total'), rows.length);
    for (const s of ['error', 'warning', 'information', 'hint'] as const) assert.equal(cell(foot, s), rows.filter((x) => x.severity === s).length, s);
    const fileRow = /<tr data-file="examples\/manuscript.md">(.*?)<\/tr>/.exec(html)![1];
    assert.equal(cell(fileRow, 'total'), rows.length);
    const familyRows = [...html.matchAll(/<tr data-family="([^"]+)">(.*?)<\/tr>/g)];
    assert.equal(familyRows.reduce((a, m) => a + cell(m[2], 'total'), 0), rows.length);
    for (const [, family, row] of familyRows) assert.equal(cell(row, 'total'), (html.match(new RegExp(`<mark id="f\\d+" [^>]*data-fam="${family}"`, 'g')) ?? []).length, family);
    // a checkbox per severity and family present
    assert.match(html, /<input type="checkbox" data-filter="sev" value="warning" checked>/);
    assert.equal((html.match(/data-filter="fam"/g) ?? []).length, familyRows.length);
  });

  test('the facts: message, explanation, DOI and PubMed links, the suggested rewrite', async () => {
    const html = (await cli(['lint', '--format', 'html', 'examples/manuscript.md'], root)).out;
    const note = /<div class="note [^"]*"[^>]*data-sev="[^"]*" data-fam="cereblon-mechanism"[^]*?\n<\/div>\n<\/div>/.exec(html)?.[0] ?? '';
    assert.match(note, /IMiDs and CELMoDs do not inhibit cereblon/);
    assert.match(note, /<del>Lenalidomide inhibits cereblon<\/del> → <ins>Lenalidomide binds cereblon<\/ins>/);
    assert.match(note, /<p class="fact">[^<]*molecular glue/);
    // kronke2014: Science 343:301-305, doi 10.1126/science.1244851, PMID 24292625
    assert.match(note, /<a class="doi" href="https:\/\/doi.org\/10.1126\/science.1244851" rel="noopener noreferrer">doi:10.1126\/science.1244851<\/a>/);
    assert.match(note, /<a class="pmid" href="https:\/\/pubmed.ncbi.nlm.nih.gov\/24292625\/" rel="noopener noreferrer">PMID 24292625<\/a>/);
    assert.match(note, /Krönke et al\. \(2014\)\./);
    assert.match(note, /To cite them: <code>\[@kronke2014; @lu2014/);
  });

  test('self-contained: nothing is loaded, and the CSP allows exactly the inline style and script', async () => {
    const html = (await cli(['lint', '--format', 'html', 'examples/manuscript.md'], root)).out;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    assert.match(csp, /^default-src 'none'; /);
    const style = /<style>([^]*?)<\/style>/.exec(html)![1];
    const script = /<script>([^]*?)<\/script>/.exec(html)![1];
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    assert.match(csp, new RegExp(`style-src ${sha(style).replace(/[+/]/g, '\\$&')};`));
    assert.match(csp, new RegExp(`script-src ${sha(script).replace(/[+/]/g, '\\$&')};`));
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
    assert.equal((html.match(/<style\b/g) ?? []).length, 1);
    assert.doesNotMatch(html, /<link\b|<img\b|<iframe\b|\bsrc=|@import|url\(|\sstyle=|\son[a-z]+=/i);
    // every http(s) address is a link a reader follows, never a resource
    for (const m of html.matchAll(/https?:\/\/[^\s"<>]+/g)) {
      const before = html.slice(Math.max(0, m.index! - 6), m.index!);
      assert.ok(before === 'href="' || /[\s(]$/.test(before), `${m[0]} appears as a link or as text (after ${JSON.stringify(before)})`);
    }
  });

  test('document text and file names are escaped: a <script> in the document is text, not code', async () => {
    const text = 'Intro </div></mark><script>alert("x")</script> and <img src=x onerror="alert(1)"> & lenolidomide <b>bold</b>\n';
    const dir = tmpdir({ 'a<b>&.md': text });
    const r = await cli(['lint', '--format', 'html', '--', 'a<b>&.md'], dir);
    assert.equal(r.code, 0, r.err);
    const html = r.out;
    assert.equal((html.match(/<script\b/gi) ?? []).length, 1, 'only the page\'s own script');
    assert.doesNotMatch(html, /<img|<b>|onerror="/);
    assert.match(html, /Intro &lt;\/div&gt;&lt;\/mark&gt;&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; and &lt;img src=x onerror=&quot;alert\(1\)&quot;&gt; &amp; <mark id="f1"[^>]*>lenolidomide<\/mark> &lt;b&gt;bold&lt;\/b&gt;/);
    assert.match(html, /<h2 id="file-1-h">a&lt;b&gt;&amp;\.md<\/h2>/);
    assert.doesNotMatch(html, /a<b>&\.md/);
    const found = marks(html);
    assert.equal(found.get(1)?.text, 'lenolidomide');
  });

  test('-o writes the file (any format); exit codes stay those of the findings', async () => {
    const dir = tmpdir({ 'a.md': 'lenolidomide\n', 'b.md': 'Nothing to see.\n' });
    let r = await cli(['lint', '--format', 'html', '-o', 'report.html', 'a.md'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    assert.match(html, /<mark id="f1"[^>]*>lenolidomide<\/mark>/);
    assert.match(html, /<\/html>\n$/);
    // an error finding: exit 1, and the report is written all the same
    fs.writeFileSync(path.join(dir, '.imid-lens.json'), '{ "rules": { "misspelled-name": "error" } }');
    r = await cli(['lint', '--format', 'html', '--output=out/../report2.html', 'a.md', 'b.md'], dir);
    assert.equal(r.code, 1);
    const html2 = fs.readFileSync(path.join(dir, 'report2.html'), 'utf8');
    assert.match(html2, /<mark id="f1" class="hl sev-error"/);
    assert.match(html2, /<tr data-file="b.md"><th scope="row"><a href="#file-2">b.md<\/a><\/th>(<td class="num" data-count="\w+">0<\/td>){5}<\/tr>/);
    assert.match(html2, /<p class="muted">No findings\.<\/p>/);
    // json and stylish to a file; "-" is stdout
    r = await cli(['lint', '--format', 'json', '-o', 'r.json', 'a.md'], dir);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'))[0].ruleId, 'misspelled-name');
    r = await cli(['lint', '-o', 'r.txt', 'a.md'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(fs.readFileSync(path.join(dir, 'r.txt'), 'utf8'), /1:1 +error +"lenolidomide" looks like a misspelling/);
    r = await cli(['lint', '--format', 'json', '-o', '-', 'a.md'], dir);
    assert.equal(JSON.parse(r.out)[0].ruleId, 'misspelled-name');
    // without -o, html goes to stdout
    r = await cli(['lint', '--format', 'html', 'b.md'], dir);
    assert.equal(r.code, 0);
    assert.match(r.out, /^<!DOCTYPE html>/);
  });

  test('-o never overwrites a document being checked; an unwritable output exits 2 naming it', async () => {
    const dir = tmpdir({ 'a.md': 'lenolidomide\n' });
    let r = await cli(['lint', '--format', 'html', '-o', 'a.md', 'a.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /a\.md: the output file is one of the files being checked/);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), 'lenolidomide\n');
    r = await cli(['lint', '--format', 'html', '-o', 'no/such/dir/r.html', 'a.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /no\/such\/dir\/r\.html: cannot write the output \(ENOENT\)/);
    r = await cli(['lint', '--format', 'html', '-o'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /-o needs a file name/);
    r = await cli(['lint', '--format', 'pdf', 'a.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown format "pdf" \(stylish, json, sarif, html\)/);
  });

  test('every input format: LaTeX, plain text and a bibliography problem are highlighted in place', async () => {
    const ws = path.join(root, 'test/fixtures/workspace');
    const json = JSON.parse((await cli(['lint', '--format', 'json', '.'], ws)).out) as JsonRow[];
    const html = (await cli(['lint', '--format', 'html', '.'], ws)).out;
    const found = marks(html);
    assert.equal(found.size, json.length);
    assert.ok(json.some((x) => x.file.endsWith('.tex')) && json.some((x) => x.file.endsWith('.bib')), 'LaTeX and .bib findings in the fixtures');
    json.forEach((row, k) => {
      const text = fs.readFileSync(path.join(ws, row.file), 'utf8');
      const index = new LineIndex(text);
      assert.equal(found.get(k + 1)?.text, shown(text, index.offsetAt(row.range.start), index.offsetAt(row.range.end)), `${row.file} ${row.ruleId}`);
    });
    assert.match(html, /<tr data-family="bibliography">/);
  });

  test('the same fact twice in a file: its sources once, the second note links to the first', async () => {
    const dir = tmpdir({ 'a.md': 'Apremilast is an IMiD.\n\nLater: apremilast is an IMiD.\n', 'b.md': 'Apremilast is an IMiD.\n' });
    const html = (await cli(['lint', '--format', 'html', 'a.md', 'b.md'], dir)).out;
    assert.equal((html.match(/<mark id="f\d+"/g) ?? []).length, 3);
    // a.md: the first note has the fact; the second links to it; b.md has its own
    assert.match(html, /<div class="more" id="x1">/);
    assert.doesNotMatch(html, /id="x2"/);
    assert.match(html, /<p class="same">The fact and its sources: as for <a href="#n1">the finding on line 1<\/a>\.<\/p>/);
    assert.match(html, /<div class="more" id="x3">/);
    assert.equal((html.match(/class="doi" href="https:\/\/doi.org\/10.1016\/j.cellsig.2014.05.014"/g) ?? []).length, 2);
  });

  test('a dist/cli.js process writes the report with -o', () => {
    const dir = tmpdir({ 'a.tex': 'Apremilast is an IMiD.\n' });
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'html', '-o', 'r.html', 'a.tex'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(fs.readFileSync(path.join(dir, 'r.html'), 'utf8'), /<mark id="f1" class="hl sev-warning"[^>]*data-fam="apremilast"/);
  });
});

describe('formatHtml (the renderer)', () => {
  const finding = (text: string, s: number, e: number, severity: Severity = 'warning', ruleId = 'misspelled-name'): Finding => {
    const index = new LineIndex(text);
    return { range: { start: index.positionAt(s), end: index.positionAt(e) }, ruleId, severity, message: `m ${s}-${e}`, fixes: [], start: s, end: e };
  };
  const ctx = { version: '9.9.9' };

  test('overlapping, nested, empty and multi-line findings: each once with an id, nested properly, over its words', () => {
    const text = 'alpha beta gamma delta\r\nepsilon 😀 zeta\n\neta';
    const ranges: Array<[number, number]> = [[0, 10], [6, 16], [0, 22], [2, 4], [11, 11], [17, 30], [22, 24], [32, 35], [text.length, text.length], [36, 37]];
    const r: FileResult = { file: 'x.md', findings: ranges.map(([s, e]) => finding(text, s, e)), suppressed: [], text };
    const html = formatHtml([r], ctx);
    const found = marks(html);
    const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.equal(found.size, ranges.length);
    sorted.forEach(([s, e], k) => {
      assert.equal(found.get(k + 1)!.ids, 1);
      assert.equal(found.get(k + 1)!.text, shown(text, s, e), `[${s}, ${e})`);
    });
    // [22, 24) is only the line break: a marker at its start
    assert.match(html, /<mark id="f\d+" class="hl empty sev-warning" data-f="\d+" data-sev="warning" data-fam="other" tabindex="-1" aria-describedby="m\d+" aria-label="here"><\/mark>/);
    // the emoji's two code units stay together
    assert.match(html, /😀/u);
  });

  test('random findings over random text: marks nest, and every finding shows exactly its words (property)', () => {
    const chars = fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '<', '&', '😀', 'é', '"');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 40 }).map((a) => a.join('')),
        fc.array(fc.tuple(fc.nat(50), fc.nat(12), fc.constantFrom<Severity>('error', 'warning', 'information', 'hint')), { maxLength: 8 }),
        (text, raw) => {
          // offsets on code point boundaries, as the engine's are
          const ok = (o: number) => o <= text.length && !(o > 0 && /[\ud800-\udbff]/.test(text[o - 1]) && /[\udc00-\udfff]/.test(text[o] ?? '')) && !(o > 0 && text[o - 1] === '\r' && text[o] === '\n');
          const ranges = raw.map(([s, len, sev]) => [Math.min(s, text.length), Math.min(s + len, text.length), sev] as const).filter(([s, e]) => ok(s) && ok(e));
          const r: FileResult = { file: 'f.md', findings: ranges.map(([s, e, sev]) => finding(text, s, e, sev)), suppressed: [], text };
          const found = marks(formatHtml([r], ctx));
          const sorted = [...r.findings].sort((a, b) => a.start - b.start || a.end - b.end);
          assert.equal(found.size, sorted.length);
          sorted.forEach((f, k) => {
            assert.equal(found.get(k + 1)!.ids, 1);
            assert.equal(found.get(k + 1)!.text, shown(text, f.start, f.end));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a result without text: the findings with their positions, no highlights; skipped files are named', () => {
    const f = finding('one\ntwo three', 8, 13, 'error');
    const html = formatHtml(
      [
        { file: 'report.docx', findings: [f], suppressed: [] },
        { file: 'junk.bin', findings: [], suppressed: [], skipped: 'binary file (contains NUL bytes); not linted' },
      ],
      ctx,
    );
    assert.doesNotMatch(html, /<mark/);
    assert.match(html, /<div class="note sev-error" id="n1"[^>]*aria-label="Finding 1: error, line 2, column 5"/);
    assert.match(html, /<a id="l1" href="#n1">/);
    assert.match(html, /Not checked: binary file \(contains NUL bytes\); not linted\./);
    assert.match(html, /imid-lens 9\.9\.9/);
  });

  test('no findings: a summary that says so and no filters', () => {
    const html = formatHtml([{ file: 'a.md', findings: [], suppressed: [], text: 'fine' }], ctx);
    assert.match(html, /No findings in 1 file\./);
    assert.doesNotMatch(html, /id="filters"/);
  });

  test('escapeHtml: markup characters and lone surrogates', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(escapeHtml('a\ud800b\udc00c😀'), 'a\ufffdb\ufffdc😀');
  });
});
