/**
 * Resolution cases of the workspace layer (src/core/workspace), run against
 * every file system it is given: the in-memory one (test/unit), Node's
 * (test/cli) and VS Code's workspace.fs in the real VS Code
 * (test/integration). Paths are relative to the case's root folder; an
 * expected bibliography "!label" is one that cannot be read.
 */
import { type Loc, type WorkspaceFs, Workspace, extractProse, joinLoc, languageIdFromPath, proseKindOf, relativeTo } from '../../src/core/index';

export interface WorkspaceCase {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** Workspace folders (default: "ws"). */
  readonly folders?: readonly string[];
  /** The home folder for ~/ (absent: a host without one, as in the browser). */
  readonly home?: string;
  readonly doc: string;
  /** The host's own bibliographies (editor setting, CLI --bib), relative to the first folder. */
  readonly extra?: readonly string[];
  readonly expect: {
    /** The configuration file in use (undefined: none). */
    readonly config?: string;
    readonly ignored?: boolean;
    readonly bibliographies: readonly string[];
  };
}

const cfg = (o: object) => JSON.stringify(o, null, 2);
const BIB = (key: string) => `@article{${key},\n  title = {A title},\n  year = {2020}\n}\n`;

export const WORKSPACE_CASES: readonly WorkspaceCase[] = [
  {
    name: 'front matter names a file next to the document',
    files: { 'ws/paper/a.md': '---\nbibliography: refs.bib\n---\nText [@k1].\n', 'ws/paper/refs.bib': BIB('k1') },
    doc: 'ws/paper/a.md',
    expect: { bibliographies: ['ws/paper/refs.bib'] },
  },
  {
    name: '~/ in front matter is the home folder',
    files: { 'ws/a.md': '---\nbibliography: ~/zotero/library.bib\n---\n', 'home/zotero/library.bib': BIB('k2') },
    home: 'home',
    doc: 'ws/a.md',
    expect: { bibliographies: ['home/zotero/library.bib'] },
  },
  {
    name: '~/ without a home folder (the browser) cannot be read',
    files: { 'ws/a.md': '---\nbibliography: ~/zotero/library.bib\n---\n' },
    doc: 'ws/a.md',
    expect: { bibliographies: ['!~/zotero/library.bib'] },
  },
  {
    name: 'a remote bibliography is never fetched',
    files: { 'ws/a.md': '---\nbibliography: https://example.org/refs.bib\n---\n' },
    doc: 'ws/a.md',
    expect: { bibliographies: ['!https://example.org/refs.bib'] },
  },
  {
    name: 'the nearest .imid-lens.json upwards applies, its globs relative to it',
    files: {
      'ws/.imid-lens.json': cfg({ bibliographies: ['top.bib'] }),
      'ws/top.bib': BIB('t'),
      'ws/sub/.imid-lens.json': cfg({ bibliographies: ['refs/**/*.bib'] }),
      'ws/sub/refs/b.bib': BIB('b'),
      'ws/sub/refs/deeper/a.bib': BIB('a'),
      'ws/sub/refs/notes.txt': 'not a bibliography',
      'ws/sub/deep/x.md': 'Text.\n',
    },
    doc: 'ws/sub/deep/x.md',
    expect: { config: 'ws/sub/.imid-lens.json', bibliographies: ['ws/sub/refs/b.bib', 'ws/sub/refs/deeper/a.bib'] },
  },
  {
    name: 'the lookup stops at the workspace folder',
    files: { 'outer/.imid-lens.json': cfg({ bibliographies: ['x.bib'] }), 'outer/ws/a.md': 'Text.\n' },
    folders: ['outer/ws'],
    doc: 'outer/ws/a.md',
    expect: { bibliographies: [] },
  },
  {
    name: 'multi-root: each folder has its own configuration',
    files: {
      'one/.imid-lens.json': cfg({ bibliographies: ['one.bib'] }),
      'two/.imid-lens.json': cfg({ bibliographies: ['two.bib'], rules: { 'misspelled-name': 'off' } }),
      'two/notes/b.md': 'Text.\n',
    },
    folders: ['one', 'two'],
    doc: 'two/notes/b.md',
    expect: { config: 'two/.imid-lens.json', bibliographies: ['two/two.bib'] },
  },
  {
    name: 'ignore globs are relative to the configuration',
    files: { 'ws/.imid-lens.json': cfg({ ignore: ['drafts/**'] }), 'ws/drafts/x.md': 'Text.\n' },
    doc: 'ws/drafts/x.md',
    expect: { config: 'ws/.imid-lens.json', ignored: true, bibliographies: [] },
  },
  {
    name: 'Quarto: front matter, then _metadata.yml up to the project, then _quarto.yml',
    files: {
      'ws/book/_quarto.yml': 'project:\n  type: book\nbibliography: references.bib\n',
      'ws/book/references.bib': BIB('q1'),
      'ws/book/chapters/_metadata.yml': 'bibliography:\n  - chapter.bib\n',
      'ws/book/chapters/chapter.bib': BIB('q2'),
      'ws/book/chapters/intro.qmd': '---\ntitle: Intro\nbibliography: own.bib\n---\nSee [@q1; @q2].\n',
      'ws/book/chapters/own.bib': BIB('q3'),
      'ws/_metadata.yml': 'bibliography: outside-the-project.bib\n',
    },
    doc: 'ws/book/chapters/intro.qmd',
    expect: { bibliographies: ['ws/book/chapters/own.bib', 'ws/book/chapters/chapter.bib', 'ws/book/references.bib'] },
  },
  {
    name: 'Quarto: _metadata.yml outside a project is not read',
    files: { 'ws/notes/_metadata.yml': 'bibliography: m.bib\n', 'ws/notes/a.qmd': 'Text.\n' },
    doc: 'ws/notes/a.qmd',
    expect: { bibliographies: [] },
  },
  {
    name: 'LaTeX: %!TEX root names the root, whose \\bibliography applies',
    files: {
      'ws/thesis/main.tex': '\\documentclass{report}\n\\begin{document}\n\\include{chapters/one}\n\\bibliography{refs}\n\\end{document}\n',
      'ws/thesis/refs.bib': BIB('r1'),
      'ws/thesis/chapters/one.tex': '%!TEX root = ../main.tex\n\\chapter{One}\nSee \\cite{r1}.\n',
    },
    doc: 'ws/thesis/chapters/one.tex',
    expect: { bibliographies: ['ws/thesis/refs.bib'] },
  },
  {
    name: 'LaTeX: a chapter without a comment finds the root that includes it (through an \\input file too)',
    files: {
      'ws/thesis/main.tex': '\\documentclass{report}\n\\addbibresource{bib/thesis.bib}\n\\begin{document}\n\\input{parts/front}\n% \\include{chapters/old}\n\\end{document}\n',
      'ws/thesis/parts/front.tex': '\\include{chapters/two}\n',
      'ws/thesis/bib/thesis.bib': BIB('r2'),
      'ws/thesis/chapters/two.tex': '\\chapter{Two}\nSee \\cite{r2}.\n',
      'ws/thesis/chapters/notes.bib': BIB('n1'),
      'ws/thesis/other.tex': '\\documentclass{article}\n\\begin{document}\n\\input{chapters/three}\n\\end{document}\n',
    },
    doc: 'ws/thesis/chapters/two.tex',
    expect: { bibliographies: ['ws/thesis/bib/thesis.bib'] },
  },
  {
    name: 'LaTeX: \\documentclass[../main.tex]{subfiles} names the root',
    files: {
      'ws/t/main.tex': '\\documentclass{book}\n\\usepackage{subfiles}\n\\begin{document}\n\\subfile{ch/four}\n\\bibliography{lib.bib}\n\\end{document}\n',
      'ws/t/lib.bib': BIB('r4'),
      'ws/t/ch/four.tex': '\\documentclass[../main.tex]{subfiles}\n\\begin{document}\nSee \\cite{r4}.\n\\end{document}\n',
    },
    doc: 'ws/t/ch/four.tex',
    expect: { bibliographies: ['ws/t/lib.bib'] },
  },
  {
    name: 'LaTeX: with no root and no bibliography, the .bib files next to the document',
    files: { 'ws/loose/a.tex': 'See \\cite{z}.\n', 'ws/loose/b.bib': BIB('z'), 'ws/loose/a.bib': BIB('y') },
    doc: 'ws/loose/a.tex',
    expect: { bibliographies: ['ws/loose/a.bib', 'ws/loose/b.bib'] },
  },
  {
    name: 'order: the document, then the configuration, then the host; a file named twice counts once',
    files: {
      'ws/.imid-lens.json': cfg({ bibliographies: ['refs.bib', 'more/*.bib'] }),
      'ws/refs.bib': BIB('a'),
      'ws/more/m.bib': BIB('m'),
      'ws/settings/s.bib': BIB('s'),
      'ws/doc.md': '---\nbibliography: [refs.bib, own.json]\n---\n',
      'ws/own.json': '[]',
    },
    doc: 'ws/doc.md',
    extra: ['settings/*.bib'],
    expect: { config: 'ws/.imid-lens.json', bibliographies: ['ws/refs.bib', 'ws/own.json', 'ws/more/m.bib', 'ws/settings/s.bib'] },
  },
];

export interface CaseResult {
  config?: string;
  ignored: boolean;
  bibliographies: string[];
}

/** Resolves a case whose files were written under `root` on `fs` (each suite writes them its own way). */
export async function resolveCase(c: WorkspaceCase, fs: WorkspaceFs, root: Loc): Promise<CaseResult> {
  const folders = (c.folders ?? ['ws']).map((f) => joinLoc(root, f));
  const ws = new Workspace({ fs, folders: () => folders, ...(c.home ? { home: joinLoc(root, c.home) } : {}) });
  const doc = joinLoc(root, c.doc);
  const text = c.files[c.doc];
  const kind = proseKindOf(languageIdFromPath(c.doc) ?? 'plaintext') ?? 'plaintext';
  const config = await ws.configFor(doc);
  const { files } = await ws.bibliographiesFor({
    doc,
    kind,
    text,
    named: extractProse(text, kind).bibliographies,
    config,
    extra: (c.extra ?? []).map((pattern) => ({ base: folders[0], pattern })),
  });
  const rel = (l: Loc) => relativeTo(root, l) ?? l;
  return {
    ...(config.loc ? { config: rel(config.loc) } : {}),
    ignored: ws.isIgnored(doc, config),
    bibliographies: files.map((f) => (f.loc && !f.unreadable ? rel(f.loc) : `!${f.label}`)),
  };
}

export function expected(c: WorkspaceCase): CaseResult {
  return { ...(c.expect.config ? { config: c.expect.config } : {}), ignored: c.expect.ignored ?? false, bibliographies: [...c.expect.bibliographies] };
}
