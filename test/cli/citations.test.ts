// `imid-lens lint` and citation keys: the same bibliography sources as the editor, read from disk.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cli, CLI, tempFolders } from './helpers';

const tmpdir = tempFolders('imid-cite-');

const FIXTURES = path.join(process.cwd(), 'test/fixtures/bib');

interface Row { file: string; ruleId: string; message: string; severity: string; range: { start: { line: number; character: number } }; fixes: Array<{ title: string; target?: string; appendText?: string; edits: unknown[] }> }

async function lintJson(argv: string[], cwd: string): Promise<{ code: number; rows: Row[]; err: string }> {
  const r = await cli(['lint', '--format', 'json', ...argv], cwd);
  return { code: r.code, rows: r.out ? (JSON.parse(r.out) as Row[]) : [], err: r.err };
}

const keyOf = (r: Row) => /"([^"]+)"/.exec(r.message)?.[1];
const unknownKeys = (rows: Row[]) => rows.filter((r) => r.ruleId === 'unknown-citation-key').map(keyOf);

const REFS = '@article{lu2014,\n  author = {Lu, Gang and others},\n  title = {The myeloma drug lenalidomide},\n  journal = {Science},\n  year = {2014}\n}\n';

describe('imid-lens lint: citation keys', () => {
  test('front matter bibliography, relative to the document: unknown keys, closest-key and add-entry fixes', async () => {
    const dir = tmpdir({
      'chapters/one.md': '---\nbibliography: ../refs/refs.bib\n---\nLenalidomide degrades Ikaros [@lu2014; @lu2041; @kronke2014].\n',
      'refs/refs.bib': REFS,
    });
    const { code, rows, err } = await lintJson(['chapters/one.md'], dir);
    assert.equal(code, 0, err);
    const keys = rows.filter((r) => r.ruleId === 'unknown-citation-key');
    assert.deepEqual(keys.map((r) => [r.file, r.range.start.line, r.range.start.character]), [['chapters/one.md', 3, 40], ['chapters/one.md', 3, 49]]);
    assert.match(keys[0].message, /Unknown citation key "lu2041": not in \.\.\/refs\/refs\.bib\. Did you mean "lu2014"/);
    assert.equal(keys[0].fixes[0].title, 'Change to "lu2014"');
    assert.match(keys[1].message, /"kronke2014" is a bundled reference that is not in \.\.\/refs\/refs\.bib/);
    const add = keys[1].fixes.find((f) => f.title === 'Add entry to ../refs/refs.bib')!;
    assert.equal(add.target, 'refs/refs.bib');
    assert.match(add.appendText!, /^@article\{kronke2014,/);
  });

  test('LaTeX \\bibliography{refs} (no extension) and \\addbibresource', async () => {
    const dir = tmpdir({
      'paper.tex': '\\documentclass{article}\n\\begin{document}\nPomalidomide binds cereblon~\\cite{lu2014,kronke2041}.\n\\bibliography{refs}\n\\end{document}\n',
      'other.tex': '\\documentclass{article}\n\\addbibresource{refs.bib}\n\\begin{document}\nText \\parencite[p.~3]{lu2014}.\n\\end{document}\n',
      'refs.bib': REFS,
    });
    const { rows } = await lintJson(['paper.tex', 'other.tex'], dir);
    assert.deepEqual(rows.filter((r) => r.ruleId === 'unknown-citation-key').map((r) => [r.file, keyOf(r)]), [['paper.tex', 'kronke2041']]);
  });

  test('a LaTeX file that names no bibliography uses the .bib files next to it', async () => {
    const dir = tmpdir({ 'chapter.tex': '\\begin{document}\nSee \\cite{lu2014} and \\cite{nothere}.\n\\end{document}\n', 'refs.bib': REFS });
    const { rows } = await lintJson(['chapter.tex'], dir);
    assert.deepEqual(unknownKeys(rows), ['nothere']);
  });

  test('.imid-lens.json "bibliographies" (globs, relative to the file) and --bib', async () => {
    const dir = tmpdir({
      '.imid-lens.json': '{ "bibliographies": ["bib/*.json"] }',
      'bib/zotero.json': fs.readFileSync(path.join(FIXTURES, 'zotero.json'), 'utf8'),
      'extra/jabref.bib': fs.readFileSync(path.join(FIXTURES, 'jabref.bib'), 'utf8'),
      'a.md': 'See [@petzold2016; @Kroenke2015; @Ito2010; @nothing2020].\n',
    });
    let r = await lintJson(['a.md'], dir);
    assert.deepEqual(unknownKeys(r.rows), ['Kroenke2015', 'Ito2010', 'nothing2020']);
    assert.match(r.rows[0].message, /not in bib\/zotero\.json/);
    r = await lintJson(['--bib', 'extra/jabref.bib', 'a.md'], dir);
    assert.deepEqual(unknownKeys(r.rows), ['nothing2020']);
    const missing = await cli(['lint', '--bib', 'nope.bib', 'a.md'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--bib nope\.bib: no such file/);
  });

  test('a named bibliography that does not exist: one finding at its name, no flood of unknown keys', async () => {
    const dir = tmpdir({ 'a.md': '---\nbibliography: [refs.bib, missing.bib]\n---\nSee [@lu2014; @x; @y].\n', 'refs.bib': REFS });
    const { rows, code } = await lintJson(['a.md'], dir);
    assert.equal(code, 0);
    assert.deepEqual(rows.map((r) => [r.ruleId, r.range.start.line, r.range.start.character]), [['bibliography-not-found', 1, 25]]);
    assert.match(rows[0].message, /Bibliography "missing\.bib" not found \(no such file\)/);
  });

  test('a malformed .bib: findings at the broken entries\' lines, and every good entry still counts', async () => {
    const dir = tmpdir({
      'refs.bib': fs.readFileSync(path.join(FIXTURES, 'malformed.bib'), 'utf8'),
      'a.md': '---\nbibliography: refs.bib\n---\nSee [@good1; @good2; @good3; @unbalanced; @missingcomma].\n',
    });
    const { rows, code } = await lintJson(['a.md'], dir);
    assert.equal(code, 1, 'broken entries are errors');
    assert.deepEqual(rows.filter((r) => r.file === 'a.md'), [], 'no key is reported: the broken entries are still known');
    assert.deepEqual(rows.filter((r) => r.file === 'refs.bib').map((r) => [r.range.start.line + 1, r.ruleId, r.severity]), [
      [12, 'bibliography-syntax', 'error'],
      [27, 'bibliography-syntax', 'error'],
      [34, 'bibliography-undefined-string', 'warning'],
      [38, 'bibliography-syntax', 'warning'],
      [44, 'duplicate-citation-key', 'warning'],
    ]);
    const quiet = await lintJson(['--quiet', 'a.md'], dir);
    assert.deepEqual(quiet.rows.map((r) => r.severity), ['error', 'error']);
  });

  test('keys defined in two bibliographies a document uses together: a warning in each file', async () => {
    const dir = tmpdir({ 'a.md': '---\nbibliography:\n  - one.bib\n  - two.bib\n---\nSee [@shared].\n', 'one.bib': '@misc{shared, title={One}}\n', 'two.bib': '\n\n@misc{shared, title={Two}}\n' });
    const { rows } = await lintJson(['a.md'], dir);
    assert.deepEqual(rows.map((r) => [r.file, r.ruleId, r.range.start.line]), [['one.bib', 'duplicate-citation-key', 0], ['two.bib', 'duplicate-citation-key', 2]]);
    assert.match(rows[1].message, /also defined in one\.bib \(line 1\)/);
  });

  test('no bibliography: bundled keys are known, @mentions are not citations, typos of bundled keys are', async () => {
    const dir = tmpdir({ 'a.md': 'Thanks @jsmith. Lenalidomide degrades IKZF1 [@kronke2014], as @kronke2041 showed.\n' });
    const { rows } = await lintJson(['a.md'], dir);
    assert.deepEqual(rows.map((r) => [r.ruleId, keyOf(r)]), [['unknown-citation-key', 'kronke2041']]);
  });

  test('binary junk named as a bibliography is reported, not read', async () => {
    const dir = tmpdir({ 'a.md': '---\nbibliography: junk.bib\n---\n[@x]\n' });
    fs.writeFileSync(path.join(dir, 'junk.bib'), Buffer.from([0, 1, 2, 0xff, 0, 64, 97]));
    const { rows } = await lintJson(['a.md'], dir);
    assert.deepEqual(rows.map((r) => r.ruleId), ['bibliography-not-found']);
    assert.match(rows[0].message, /cannot be read: not a text file/);
  });

  test('the built binary reads a BibTeX bibliography too', () => {
    const dir = tmpdir({ 'a.md': '---\nbibliography: refs.bib\n---\nSee [@Kroenke2015; @kroenke2015].\n', 'refs.bib': fs.readFileSync(path.join(FIXTURES, 'jabref.bib'), 'utf8') });
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', 'a.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Row[];
    assert.deepEqual(rows.map((x) => [x.ruleId, x.fixes[0]?.title]), [['unknown-citation-key', 'Change to "Kroenke2015"']]);
  });

  test('a CSL-YAML entry with a collection as a key: read, and no library warning on stderr', () => {
    const dir = tmpdir({ 'a.md': 'See [@a1].\n', 'refs.yaml': '- id: a1\n  title: T\n  ? [x, y]\n  : z\n' });
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--bib', 'refs.yaml', 'a.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.equal(r.stderr, '');
  });

  test('the built binary loads its YAML parser (dist/vendor.js) only for a CSL-YAML bibliography; BibTeX needs no library', () => {
    const yaml = fs.readFileSync(path.join(FIXTURES, 'pandoc.yaml'), 'utf8');
    const key = /^\s*-?\s*id:\s*(\S+)/m.exec(yaml)?.[1];
    assert.ok(key, 'the fixture has an id');
    const dir = tmpdir({ 'a.md': `---\nbibliography: [refs.yaml, refs.bib]\n---\nSee [@${key}; @Kroenke2015; @nosuchkey].\n`, 'refs.yaml': yaml, 'refs.bib': fs.readFileSync(path.join(FIXTURES, 'jabref.bib'), 'utf8'), 'b.md': 'Lenalidomide is given orally.\n' });
    // trace which files the process loads: dist/vendor.js only when a bibliography is parsed
    const loads = (file: string) => {
      const r = spawnSync(process.execPath, ['--require', path.join(dir, 'trace.cjs'), CLI, 'lint', '--format', 'json', file], { cwd: dir, encoding: 'utf8' });
      return { r, vendor: /vendor\.js/.test(r.stderr) };
    };
    fs.writeFileSync(path.join(dir, 'trace.cjs'), "const M = require('node:module'); const load = M._load; M._load = function (req, ...rest) { if (/vendor/.test(req)) process.stderr.write('load ' + req + '\\n'); return load.call(this, req, ...rest); };\n");
    const plain = loads('b.md');
    assert.equal(plain.r.status, 0, plain.r.stderr);
    assert.equal(plain.vendor, false, 'no bibliography: the parsers stay unloaded');
    fs.writeFileSync(path.join(dir, 'c.md'), '---\nbibliography: refs.bib\n---\nSee [@Kroenke2015; @nosuchkey2].\n');
    const bibOnly = loads('c.md');
    assert.equal(bibOnly.r.status, 0, bibOnly.r.stderr);
    assert.equal(bibOnly.vendor, false, 'a .bib alone: the hand-written BibTeX parser, no vendor bundle');
    assert.match(bibOnly.r.stdout, /nosuchkey2/);
    assert.doesNotMatch(bibOnly.r.stdout, /Kroenke2015/);
    const cited = loads('a.md');
    assert.equal(cited.r.status, 0, cited.r.stderr);
    assert.equal(cited.vendor, true, 'a CSL-YAML file loads the YAML parser');
    const rows = JSON.parse(cited.r.stdout) as Row[];
    assert.deepEqual(rows.map((x) => [x.ruleId, cited.r.stdout.includes('nosuchkey')]), [['unknown-citation-key', true]]);
  });
});
