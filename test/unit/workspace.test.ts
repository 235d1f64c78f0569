// The workspace layer against the in-memory file system: the shared resolution cases
// (test/shared/workspaceCases.ts, also run on Node's fs and in VS Code), and what only it shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFs, Workspace, dirChain, joinLoc, relativeTo, texInclusions, texRootComment, yamlBibliographies } from '../../src/core/index';
import { WORKSPACE_CASES, expected, resolveCase } from '../shared/workspaceCases';

for (const c of WORKSPACE_CASES) {
  test(`workspace (memory): ${c.name}`, async () => {
    const fs = new MemoryFs();
    for (const [p, text] of Object.entries(c.files)) fs.write(`/root/${p}`, text);
    assert.deepEqual(await resolveCase(c, fs, 'mem:///root'), expected(c));
  });
}

test('locations: joining, relative paths, folder chains', () => {
  assert.equal(joinLoc('file:///a/b', '../c/./d.bib'), 'file:///a/c/d.bib');
  assert.equal(joinLoc('file:///a/b', '/x/y.bib'), 'file:///x/y.bib');
  assert.equal(joinLoc('file:///a/b', 'C:\\x\\y.bib'), 'file:///C:/x/y.bib');
  assert.equal(relativeTo('mem:///w', 'mem:///w/a/b.md'), 'a/b.md');
  assert.equal(relativeTo('mem:///w', 'mem:///wx/a.md'), undefined);
  assert.deepEqual(dirChain('mem:///w/a/b', 'mem:///w'), ['mem:///w/a/b', 'mem:///w/a', 'mem:///w']);
  assert.deepEqual(dirChain('mem:///w/a', 'mem:///elsewhere'), ['mem:///w/a', 'mem:///w', 'mem:///']);
});

test('LaTeX: root comments and inclusions, commented ones left out', () => {
  assert.equal(texRootComment('% !TeX root = main.tex\n'), 'main.tex');
  assert.equal(texRootComment('%!TEX root=../thesis.tex \n\\chapter{A}'), '../thesis.tex');
  assert.equal(texRootComment('\\documentclass[../main]{subfiles}'), '../main');
  assert.equal(texRootComment('\\chapter{A} % not a root comment: !TEX root = x.tex'), undefined);
  assert.deepEqual(texInclusions('\\include{a}\n%\\input{b}\n\\input{c.tex}\\subimport{d/}{e}').map((i) => [i.path, i.dir ?? '', i.relativeToFile]), [['a.tex', '', false], ['c.tex', '', false], ['e.tex', 'd/', true]]);
});

test('Quarto YAML: a string, a list, nothing else', () => {
  assert.deepEqual(yamlBibliographies('bibliography: a.bib\n'), ['a.bib']);
  assert.deepEqual(yamlBibliographies('bibliography: [a.bib, "b.json"]\n'), ['a.bib', 'b.json']);
  assert.deepEqual(yamlBibliographies('project: {type: website}\n'), []);
  assert.deepEqual(yamlBibliographies('bibliography: [unclosed\n'), []);
});

test('invalidate() reads a changed configuration again; until then the cached one answers', async () => {
  const fs = new MemoryFs({ '/w/.imid-lens.json': '{"bibliographies": ["a.bib"]}', '/w/d.md': 'x' });
  const ws = new Workspace({ fs, folders: () => ['mem:///w'] });
  const doc = 'mem:///w/d.md';
  const first = await ws.configFor(doc);
  assert.deepEqual(first.parsed?.config.bibliographies, ['a.bib']);
  fs.write('/w/.imid-lens.json', '{"bibliographies": ["b.bib"]}');
  assert.deepEqual((await ws.configFor(doc)).parsed?.config.bibliographies, ['a.bib'], 'cached until invalidated');
  ws.invalidate();
  assert.deepEqual((await ws.configFor(doc)).parsed?.config.bibliographies, ['b.bib']);
  fs.delete('/w/.imid-lens.json');
  ws.invalidate();
  assert.equal((await ws.configFor(doc)).loc, undefined);
});

test('a glob that matches nothing is a warning, not an error', async () => {
  const fs = new MemoryFs({ '/w/.imid-lens.json': '{"bibliographies": ["none/*.bib"]}', '/w/d.md': 'x' });
  const ws = new Workspace({ fs, folders: () => ['mem:///w'] });
  const config = await ws.configFor('mem:///w/d.md');
  const r = await ws.bibliographiesFor({ doc: 'mem:///w/d.md', kind: 'markdown', text: 'x', named: [], config });
  assert.deepEqual(r.files, []);
  assert.match(r.warnings.join(), /no file matches "none\/\*\.bib"/);
});

test('an untitled document reads relative paths from the first folder and finds its configuration', async () => {
  const fs = new MemoryFs({ '/w/.imid-lens.json': '{}', '/w/refs.bib': '' });
  const ws = new Workspace({ fs, folders: () => ['mem:///w'] });
  const config = await ws.configFor('untitled:Untitled-1');
  assert.equal(config.loc, 'mem:///w/.imid-lens.json');
  const r = await ws.bibliographiesFor({ doc: 'untitled:Untitled-1', kind: 'markdown', text: '', named: [{ path: 'refs.bib', start: 0, end: 8 }], config });
  assert.deepEqual(r.files.map((f) => f.loc), ['mem:///w/refs.bib']);
});
