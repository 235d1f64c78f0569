// The workspace layer on Node's file system (the CLI's adapter), with the shared resolution cases
// (test/shared/workspaceCases.ts), and `imid-lens lint` on a Quarto book, a multi-file LaTeX thesis
// and a tree with a configuration per folder.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../../src/cli/run';
import { locOfPath, nodeFs, pathOfLoc } from '../../src/cli/workspaceFs';
import { WORKSPACE_CASES, expected, resolveCase } from '../shared/workspaceCases';
import { tempFolders } from './helpers';

const tmpdir = tempFolders('imid-ws-', { real: true });

interface Row { file: string; ruleId: string; message: string }

async function lintJson(argv: string[], cwd: string): Promise<{ code: number; rows: Row[]; err: string }> {
  let out = '';
  let err = '';
  const code = await run({ argv: ['lint', '--format', 'json', ...argv], io: { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd } });
  return { code, rows: out ? (JSON.parse(out) as Row[]) : [], err };
}

const unknown = (rows: Row[]) => rows.filter((r) => r.ruleId === 'unknown-citation-key').map((r) => `${r.file}: ${/"([^"]+)"/.exec(r.message)?.[1]}`);
const BIB = (...keys: string[]) => keys.map((k) => `@article{${k},\n  author = {Doe, Jane},\n  title = {On ${k}},\n  year = {2020}\n}\n`).join('\n');

describe('workspace layer on Node\'s file system', () => {
  for (const c of WORKSPACE_CASES) {
    test(`workspace (node): ${c.name}`, async () => {
      const dir = tmpdir(c.files);
      assert.deepEqual(await resolveCase(c, nodeFs, locOfPath(dir)), expected(c));
    });
  }

  test('locations round-trip native paths', () => {
    const p = path.resolve('/tmp/a b/c.bib');
    assert.equal(pathOfLoc(locOfPath(p)), p);
    assert.match(locOfPath(p), /^file:\/\/\//);
  });
});

describe('imid-lens lint: projects', () => {
  test('a multi-file LaTeX thesis: every chapter knows the keys of the root\'s bibliography', async () => {
    const dir = tmpdir({
      'thesis/main.tex': '\\documentclass{report}\n\\begin{document}\n\\include{chapters/intro}\n\\input{chapters/methods}\n\\bibliography{refs}\n\\end{document}\n',
      'thesis/refs.bib': BIB('smith2020', 'jones2021'),
      'thesis/chapters/intro.tex': '%!TEX root = ../main.tex\n\\chapter{Intro}\nAs shown \\citep{smith2020}.\n',
      'thesis/chapters/methods.tex': '\\chapter{Methods}\nFollowing \\cite{jones2021} and \\cite{nobody1999}.\n',
    });
    const { code, rows, err } = await lintJson(['thesis'], dir);
    assert.equal(code, 0, err);
    assert.deepEqual(unknown(rows), ['thesis/chapters/methods.tex: nobody1999']);
  });

  test('a Quarto book: keys from _quarto.yml and _metadata.yml are known', async () => {
    const dir = tmpdir({
      'book/_quarto.yml': 'project:\n  type: book\nbibliography: references.bib\n',
      'book/references.bib': BIB('book2020'),
      'book/chapters/_metadata.yml': 'bibliography: chapters.bib\n',
      'book/chapters/chapters.bib': BIB('chap2021'),
      'book/chapters/one.qmd': '# One\n\nSee @book2020 and [@chap2021; @missing2000].\n',
    });
    const { code, rows, err } = await lintJson(['book'], dir);
    assert.equal(code, 0, err);
    assert.deepEqual(unknown(rows), ['book/chapters/one.qmd: missing2000']);
  });

  test('each document gets its nearest .imid-lens.json: a rule off in one folder only', async () => {
    const text = 'Patients received lenolidomide.\n';
    const dir = tmpdir({
      'a/.imid-lens.json': '{}',
      'a/doc.md': text,
      'b/.imid-lens.json': JSON.stringify({ rules: { 'misspelled-name': 'off' } }),
      'b/doc.md': text,
    });
    const { rows, err } = await lintJson(['a', 'b'], dir);
    const misspelled = rows.filter((r) => r.ruleId === 'misspelled-name').map((r) => r.file);
    assert.deepEqual(misspelled, ['a/doc.md'], err);
  });

  test('a configuration with problems in a sub-folder stops the run with exit 2, naming the file', async () => {
    const dir = tmpdir({ 'ok.md': 'Text.\n', 'sub/.imid-lens.json': '{ "rules": ', 'sub/doc.md': 'Text.\n' });
    const { code, err } = await lintJson(['.'], dir);
    assert.equal(code, 2);
    assert.match(err, /sub\/\.imid-lens\.json:1:\d+: invalid JSON/);
  });

  test('~/ in front matter reads from the home folder', async () => {
    const home = tmpdir({ 'refs/home.bib': BIB('home2020') });
    const dir = tmpdir({ 'doc.md': `---\nbibliography: ~/refs/home.bib\n---\nSee [@home2020; @away2020].\n` });
    const saved = process.env.HOME;
    process.env.HOME = home;
    try {
      const { rows, err } = await lintJson(['doc.md'], dir);
      assert.deepEqual(unknown(rows), ['doc.md: away2020'], err);
    } finally {
      process.env.HOME = saved;
    }
  });
});
