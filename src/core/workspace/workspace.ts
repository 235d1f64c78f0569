/**
 * One workspace layer for the editor and the CLI: which `.imid-lens.json`
 * applies to a document, whether its `ignore` globs skip it, and which
 * bibliographies its citation keys are checked against. Everything is read
 * through the host's file system (WorkspaceHost); results are cached until
 * `invalidate()` (the editor calls it when a file it depends on changes).
 *
 * Bibliographies of a document, in this order (duplicates dropped):
 *  1. those the document names (front matter `bibliography:`, `\bibliography`,
 *     `\addbibresource`), relative to the document, `~/` to the home folder;
 *  2. Quarto: `bibliography:` in `_metadata.yml` files from the document's
 *     folder up to the project, then in the project's `_quarto.yml`;
 *  3. LaTeX: those named by the root file of a chapter (`%!TEX root`, a
 *     subfiles class option, or a root above that includes the chapter);
 *  4. configured ones: `bibliographies` of the `.imid-lens.json`, then the
 *     host's own (the editor setting, the CLI's `--bib`), files or globs;
 *  5. for LaTeX with none of these, the .bib files next to the document.
 * The bundled references come after all of them (the CitationLibrary's `bundled`).
 */
import picomatch from 'picomatch/posix';
import { bibFormatOf } from '../citations/types';
import { CONFIG_FILE, type ParsedConfig, parseConfig } from '../config';
import { extractLatex } from '../prose/latex';
import type { BibliographyRef, ProseKind } from '../prose/types';
import { type WorkspaceHost, readSmallText } from './fs';
import { GLOB_CHARS, globFiles } from './glob';
import { isTexRoot, texInclusions, texRootComment } from './latex';
import { type Loc, baseName, dirChain, dirOf, isInside, joinLoc, relativeTo, splitLoc } from './loc';
import { yamlBibliographies } from './quarto';

export interface WorkspaceConfig {
  /** The .imid-lens.json in use; undefined: none (the defaults). */
  readonly loc?: Loc;
  /** Its folder: `ignore` and `bibliographies` are relative to it. */
  readonly dir?: Loc;
  readonly text?: string;
  readonly parsed?: ParsedConfig;
  /** The workspace folder holding the document, if any. */
  readonly folder?: Loc;
}

export type BibliographyOrigin = 'document' | 'quarto' | 'latex-root' | 'config' | 'host' | 'nearby';

export interface ResolvedBibliography {
  /** The file; undefined when it cannot be read at all (`unreadable` says why). */
  readonly loc?: Loc;
  /** As the writer knows it: the path as written, or relative to the workspace folder. */
  readonly label: string;
  readonly origin: BibliographyOrigin;
  /** Where the document names it (offsets in the document). */
  readonly named?: { start: number; end: number };
  readonly unreadable?: string;
}

export interface BibliographyRequest {
  readonly doc: Loc;
  readonly kind: ProseKind;
  /** The document's text (LaTeX: for its root comment). */
  readonly text: string;
  /** What the document names itself (Prose.bibliographies). */
  readonly named: readonly BibliographyRef[];
  readonly config?: WorkspaceConfig;
  /** The host's own configured files or globs (editor setting: relative to the folder; CLI --bib: to the working directory). */
  readonly extra?: ReadonlyArray<{ base: Loc; pattern: string }>;
}

export interface BibliographyResolution {
  readonly files: readonly ResolvedBibliography[];
  /** Globs that matched nothing and the like, for the host's log. */
  readonly warnings: readonly string[];
}

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Bounds of the LaTeX root search: folders above a chapter, .tex files per folder, files in a root's include tree. */
const TEX_LIMITS = { levels: 4, perFolder: 40, tree: 200 };

export class Workspace {
  private readonly files = new Map<Loc, Promise<string | undefined>>();
  private readonly dirs = new Map<Loc, Promise<Array<[string, 'file' | 'directory']>>>();
  private readonly globs = new Map<string, Promise<Loc[]>>();
  private readonly parsedConfigs = new Map<string, ParsedConfig>();
  private readonly matchers = new Map<string, (path: string) => boolean>();

  constructor(readonly host: WorkspaceHost) {}

  /** Forgets what was read (a file changed); the next question reads again. */
  invalidate(): void {
    this.files.clear();
    this.dirs.clear();
    this.globs.clear();
  }

  private text(loc: Loc): Promise<string | undefined> {
    let p = this.files.get(loc);
    if (!p) {
      p = readSmallText(this.host.fs, loc);
      this.files.set(loc, p);
    }
    return p;
  }

  private list(dir: Loc): Promise<Array<[string, 'file' | 'directory']>> {
    let p = this.dirs.get(dir);
    if (!p) {
      p = this.host.fs.readDirectory(dir).catch(() => []);
      this.dirs.set(dir, p);
    }
    return p;
  }

  /** The workspace folder holding `loc` (the innermost, in a multi-root workspace with nested folders). */
  folderOf(loc: Loc): Loc | undefined {
    let best: Loc | undefined;
    for (const f of this.host.folders()) if (isInside(f, loc) && (!best || f.length > best.length)) best = f;
    return best;
  }

  /** The folder a document's relative paths start from (untitled: the first workspace folder). */
  private dirOfDoc(doc: Loc): Loc | undefined {
    return splitLoc(doc) ? dirOf(doc) : this.host.folders()[0];
  }

  /** The nearest .imid-lens.json from the document's folder upwards, within its workspace folder. */
  async configFor(doc: Loc): Promise<WorkspaceConfig> {
    const start = this.dirOfDoc(doc);
    const folder = splitLoc(doc) ? this.folderOf(doc) : start;
    if (!start) return {};
    for (const dir of dirChain(start, folder)) {
      const loc = joinLoc(dir, CONFIG_FILE);
      const text = await this.text(loc);
      if (text === undefined) continue;
      const key = `${loc}\n${text}`;
      let parsed = this.parsedConfigs.get(key);
      if (!parsed) {
        parsed = parseConfig(text, loc);
        for (const k of this.parsedConfigs.keys()) if (k.startsWith(`${loc}\n`)) this.parsedConfigs.delete(k);
        this.parsedConfigs.set(key, parsed);
      }
      return { loc, dir, text, parsed, ...(folder ? { folder } : {}) };
    }
    return folder ? { folder } : {};
  }

  /** True when the configuration's `ignore` globs (relative to its folder) match the document. */
  isIgnored(doc: Loc, config: WorkspaceConfig | undefined): boolean {
    const globs = config?.parsed?.config.ignore ?? [];
    if (!globs.length || !config?.dir) return false;
    const rel = relativeTo(config.dir, doc);
    if (rel === undefined) return false;
    const key = globs.join('\n');
    let m = this.matchers.get(key);
    if (!m) {
      m = picomatch([...globs], { dot: true });
      this.matchers.set(key, m);
    }
    return m(rel);
  }

  private label(loc: Loc, folder: Loc | undefined): string {
    return (folder && relativeTo(folder, loc)) || baseName(loc);
  }

  /** A path as written in a document or a YAML file, relative to `dir`. */
  private resolvePath(dir: Loc | undefined, written: string): { loc?: Loc; unreadable?: string } {
    const p = written.replace(/\\/g, '/');
    if (REMOTE.test(p)) return { unreadable: 'a remote bibliography: IMiD Lens never fetches anything' };
    if (p === '~' || p.startsWith('~/')) {
      const home = this.host.home;
      return home ? { loc: joinLoc(home, p.slice(2)) } : { unreadable: 'a path in the home folder, which this host cannot read (VS Code for the Web); name it relative to the document' };
    }
    if (!dir) return { unreadable: 'an unsaved document has no folder to read it from' };
    return { loc: joinLoc(dir, p) };
  }

  private async expand(base: Loc, pattern: string, warnings: string[]): Promise<Loc[]> {
    const p = pattern.replace(/\\/g, '/');
    if (p.startsWith('~/') || p === '~') {
      const r = this.resolvePath(base, p);
      return r.loc ? [r.loc] : [];
    }
    if (!GLOB_CHARS.test(p)) return [joinLoc(base, p)];
    const key = `${base}\n${p}`;
    let found = this.globs.get(key);
    if (!found) {
      found = globFiles(this.host.fs, base, p).then((list) => list.filter((l) => bibFormatOf(l)));
      this.globs.set(key, found);
    }
    const list = await found;
    if (!list.length) warnings.push(`no file matches "${pattern}" in ${base}`);
    return list;
  }

  /** The bibliographies of a document, in the order of the module comment. */
  async bibliographiesFor(req: BibliographyRequest): Promise<BibliographyResolution> {
    const around = await this.bibliographiesAround(req);
    return { files: this.withNamed(req.doc, req.named, around), warnings: around.warnings };
  }

  /**
   * What a document's own text does not name: Quarto, LaTeX root, configured
   * and (LaTeX) nearby files. Depends on the document's text only through
   * `texSignature()`, so a host can keep it while the writer types.
   */
  async bibliographiesAround(req: Omit<BibliographyRequest, 'named'>): Promise<BibliographyResolution> {
    const out: ResolvedBibliography[] = [];
    const warnings: string[] = [];
    const folder = req.config?.folder ?? this.folderOf(req.doc);
    const docDir = this.dirOfDoc(req.doc);
    const saved = !!splitLoc(req.doc);
    if (req.kind === 'markdown' && docDir && saved) {
      for (const f of await this.quarto(docDir, folder)) out.push({ ...f, label: f.loc ? this.label(f.loc, folder) : f.label });
    }
    if (req.kind === 'latex' && saved) {
      for (const f of await this.texRootBibliographies(req.doc, req.text, folder)) out.push({ ...f, label: f.loc ? this.label(f.loc, folder) : f.label });
    }
    if (req.config?.dir) {
      for (const p of req.config.parsed?.config.bibliographies ?? []) {
        for (const loc of await this.expand(req.config.dir, p, warnings)) out.push({ loc, label: this.label(loc, folder), origin: 'config' });
      }
    }
    for (const { base, pattern } of req.extra ?? []) {
      for (const loc of await this.expand(base, pattern, warnings)) out.push({ loc, label: this.label(loc, folder), origin: 'host' });
    }
    if (req.kind === 'latex' && !out.length && docDir && saved) {
      const names = (await this.list(docDir)).filter(([n, t]) => t === 'file' && /\.bib$/i.test(n)).map(([n]) => n).sort();
      for (const n of names) {
        const loc = joinLoc(docDir, n);
        out.push({ loc, label: this.label(loc, folder), origin: 'nearby' });
      }
    }
    return { files: out, warnings };
  }

  /** The files the document names first, then `around` (the nearby .bib files only when nothing else), without duplicates. */
  withNamed(doc: Loc, named: readonly BibliographyRef[], around: BibliographyResolution): ResolvedBibliography[] {
    const docDir = this.dirOfDoc(doc);
    const out: ResolvedBibliography[] = [];
    for (const b of named) {
      const r = this.resolvePath(docDir, b.path);
      out.push({ label: b.path, origin: 'document', named: { start: b.start, end: b.end }, ...(r.loc ? { loc: r.loc } : {}), ...(r.unreadable ? { unreadable: r.unreadable } : {}) });
    }
    const others = around.files.filter((f) => f.origin !== 'nearby');
    out.push(...(out.length || others.length ? others : around.files));
    const seen = new Set<string>();
    return out.filter((f) => !f.loc || (!seen.has(f.loc) && !!seen.add(f.loc)));
  }

  /** Quarto: `_metadata.yml` from the document's folder up, then `_quarto.yml` of the project (the nearest folder holding one). */
  private async quarto(docDir: Loc, folder: Loc | undefined): Promise<ResolvedBibliography[]> {
    const chain = dirChain(docDir, folder);
    let projectAt = -1;
    for (let i = 0; i < chain.length; i++) {
      if ((await this.list(chain[i])).some(([n, t]) => t === 'file' && n === '_quarto.yml')) {
        projectAt = i;
        break;
      }
    }
    if (projectAt < 0) return [];
    const out: ResolvedBibliography[] = [];
    for (let i = 0; i <= projectAt; i++) {
      const dir = chain[i];
      for (const name of i === projectAt ? ['_metadata.yml', '_quarto.yml'] : ['_metadata.yml']) {
        const text = await this.text(joinLoc(dir, name));
        if (text === undefined) continue;
        for (const p of yamlBibliographies(text)) {
          const r = this.resolvePath(dir, p);
          out.push({ label: p, origin: 'quarto', ...(r.loc ? { loc: r.loc } : {}), ...(r.unreadable ? { unreadable: r.unreadable } : {}) });
        }
      }
    }
    return out;
  }

  /** The part of a LaTeX text the root search depends on (hosts key their caches on it). */
  static texSignature(kind: ProseKind, text: string): string {
    return kind === 'latex' ? `${texRootComment(text) ?? ''}\n${isTexRoot(text)}` : '';
  }

  /** The root files of a LaTeX chapter (none for a root itself). */
  async texRoots(doc: Loc, text: string, folder: Loc | undefined): Promise<Loc[]> {
    const magic = texRootComment(text);
    if (magic) {
      const p = /\.[A-Za-z]+$/.test(magic) ? magic : `${magic}.tex`;
      const r = this.resolvePath(dirOf(doc), p);
      return r.loc && r.loc !== doc ? [r.loc] : [];
    }
    if (isTexRoot(text)) return [];
    const roots: Loc[] = [];
    const chain = dirChain(dirOf(doc), folder).slice(0, TEX_LIMITS.levels);
    for (const dir of chain) {
      const candidates = (await this.list(dir)).filter(([n, t]) => t === 'file' && /\.tex$/i.test(n)).map(([n]) => joinLoc(dir, n)).filter((l) => l !== doc).sort().slice(0, TEX_LIMITS.perFolder);
      for (const c of candidates) {
        const t = await this.text(c);
        if (t !== undefined && isTexRoot(t) && (await this.includes(c, t, doc))) roots.push(c);
      }
      if (roots.length) break;
    }
    return roots;
  }

  /** Does the root `root` (with text `text`) pull in `target`, directly or through included files? */
  private async includes(root: Loc, text: string, target: Loc): Promise<boolean> {
    const rootDir = dirOf(root);
    const seen = new Set<Loc>([root]);
    const queue: Array<{ loc: Loc; text: string }> = [{ loc: root, text }];
    while (queue.length && seen.size < TEX_LIMITS.tree) {
      const { loc, text: t } = queue.shift()!;
      for (const inc of texInclusions(t)) {
        const base = inc.relativeToFile ? dirOf(loc) : rootDir;
        const dir = inc.dir ? joinLoc(base, inc.dir) : base;
        const next = joinLoc(dir, inc.path);
        if (next === target) return true;
        if (seen.has(next)) continue;
        seen.add(next);
        const nt = await this.text(next);
        if (nt !== undefined) queue.push({ loc: next, text: nt });
      }
    }
    return false;
  }

  private async texRootBibliographies(doc: Loc, text: string, folder: Loc | undefined): Promise<ResolvedBibliography[]> {
    const out: ResolvedBibliography[] = [];
    for (const root of await this.texRoots(doc, text, folder)) {
      const t = await this.text(root);
      if (t === undefined) continue;
      for (const b of extractLatex(t).bibliographies) {
        const r = this.resolvePath(dirOf(root), b.path);
        out.push({ label: b.path, origin: 'latex-root', ...(r.loc ? { loc: r.loc } : {}), ...(r.unreadable ? { unreadable: r.unreadable } : {}) });
      }
    }
    return out;
  }
}
