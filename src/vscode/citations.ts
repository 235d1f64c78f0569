/**
 * Citation keys in the editor: which bibliographies a document uses (front
 * matter, \bibliography / \addbibresource, the imidLens.bibliographies
 * setting, `bibliographies` in .imid-lens.json, and for LaTeX without any, the
 * .bib files next to it), the unknown-key check (through Services.lint, so it
 * is live while typing), completion, hover, "Add entry to <bibliography>" and
 * the references behind "Insert citation…".
 */
import * as vscode from 'vscode';
import { applyEdits as applyJsonEdits, modify, parseTree } from 'jsonc-parser';
import {
  type CitableReference,
  type CitationChecker,
  type CitationLibrary,
  type CitationSource,
  type CslItem,
  NO_ENTRIES,
  type Prose,
  bibFormatOf,
  checkCitations,
  citableReferences,
  citationContextAt,
  citationLabel,
  completeCitations,
  entryText,
  firstIndex,
  formatReference,
  lookupKey,
  md,
  relevantKeys,
} from '../core/index';
import { BibliographyStore } from './bibliographies';
import { type CitationService, SCHEMES, type Services } from './services';

export const APPEND_COMMAND = 'imidLens.appendToBibliography';

export interface AppendArgs {
  /** The document the fix or completion came from (for relative targets). */
  document?: string;
  /** The bibliography: a URI, or a path relative to the document. */
  target: string;
  /** The entry to append (BibTeX or CSL-JSON, matching the file); computed from `key` when absent. */
  text?: string;
  key?: string;
  /** Ask before writing (completion offers it; a quick fix is already the writer's choice). */
  ask?: boolean;
}

interface Resolved {
  readonly uri: vscode.Uri;
  readonly label: string;
  readonly named?: { start: number; end: number };
  /** Not a file we read (a URL, ~/…). */
  readonly unreadable?: string;
}

const GLOB_CHARS = /[*?{}[\]]/;

function parentOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/** What "Insert citation" adds to the document's bibliography, or why it cannot. */
export interface EntriesToAdd {
  /** Bundled references the document's bibliographies lack. */
  readonly missing: readonly string[];
  /** Where their entries go. */
  readonly target?: CitationSource;
  /** "none": the document names no bibliography (the bundled one decides); "unwritable": see `why`. */
  readonly reason?: 'none' | 'unwritable';
  readonly why?: string;
}

export class Citations implements CitationService, vscode.Disposable {
  readonly store: BibliographyStore;
  private readonly disposables: vscode.Disposable[] = [];
  /** The configured bibliographies as last resolved; used (stale) while they are resolved again. */
  private global: { signature: string; uris: vscode.Uri[] } | undefined;
  private globalStale = true;
  private globalPending: Promise<void> | undefined;
  private readonly folderBibs = new Map<string, vscode.Uri[] | 'pending'>();
  private readonly libraries = new WeakMap<Prose, CitationLibrary>();
  private readonly checkers = new Map<string, CitationChecker>();

  constructor(private readonly services: Services) {
    this.store = new BibliographyStore(services.output);
    const w = vscode.workspace.createFileSystemWatcher('**/*.{bib,bibtex,json,yaml,yml}', false, true, false);
    const created = (uri: vscode.Uri) => {
      let dirty = false;
      if (/\.bib$/i.test(uri.path) && this.folderBibs.size) {
        this.folderBibs.clear();
        dirty = true;
      }
      if (dirty) this.changed();
      if (bibFormatOf(uri.path) && this.patterns().some((p) => GLOB_CHARS.test(p.pattern))) {
        // a new file may match a glob: resolve again (the current list stays in use meanwhile)
        this.globalStale = true;
        this.configured();
      }
    };
    this.disposables.push(
      this.store,
      w,
      w.onDidCreate(created),
      w.onDidDelete(created),
      this.store.onDidChange(() => this.changed()),
      services.onDidChange(() => {
        // settings or .imid-lens.json changed: resolve the configured bibliographies again when they differ
        if (this.global && this.global.signature !== this.signature()) {
          this.globalStale = true;
          this.configured();
        }
      }),
      // a .bib opened on its own shows its problems too
      vscode.workspace.onDidOpenTextDocument((d) => this.showProblemsOf(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.store.setGroup(d.uri.toString(), []);
        this.checkers.delete(d.uri.toString());
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.showProblemsOf(d);
  }

  private showProblemsOf(doc: vscode.TextDocument): void {
    if (SCHEMES.has(doc.uri.scheme) && (doc.languageId === 'bibtex' || doc.languageId === 'biblatex' || /\.bib$/i.test(doc.uri.path))) this.store.get(doc.uri, 'bibtex');
  }

  // --- which files a document uses ---------------------------------------------------

  private patterns(): Array<{ base: vscode.Uri; pattern: string }> {
    const out: Array<{ base: vscode.Uri; pattern: string }> = [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const f of folders) for (const p of this.services.settings.bibliographies) out.push({ base: f.uri, pattern: p });
    const cfg = this.services.projectConfig?.config.bibliographies ?? [];
    const cfgUri = this.services.configFileUri;
    if (cfgUri) for (const p of cfg) out.push({ base: parentOf(cfgUri), pattern: p });
    return out;
  }

  private signature(): string {
    return JSON.stringify(this.patterns().map((p) => [p.base.toString(), p.pattern]));
  }

  /** The configured bibliographies (settings + .imid-lens.json); undefined until first resolved. */
  private configured(): vscode.Uri[] | undefined {
    if (this.global && !this.globalStale) return this.global.uris;
    if (!this.globalPending) {
      const signature = this.signature();
      this.globalStale = false;
      this.globalPending = this.resolvePatterns()
        .then((uris) => {
          this.global = { signature, uris };
        }, (e) => {
          this.services.output.error(`imidLens.bibliographies: ${(e as Error).message}`);
          this.global = { signature, uris: [] };
        })
        .finally(() => {
          this.globalPending = undefined;
          this.changed();
        });
    }
    return this.global?.uris;
  }

  /**
   * Resolves when the configured bibliographies are resolved and every
   * bibliography read so far has finished loading (tests, and commands that
   * must see the current entries).
   */
  async settled(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      this.configured();
      if (this.globalPending) {
        await this.globalPending;
        continue;
      }
      for (const u of this.global?.uris ?? []) {
        const format = bibFormatOf(u.path);
        if (format) this.store.get(u, format);
      }
      if (!(await this.store.settled()) && !this.globalStale && !this.globalPending) return;
    }
  }

  private async resolvePatterns(): Promise<vscode.Uri[]> {
    const out = new Map<string, vscode.Uri>();
    for (const { base, pattern } of this.patterns()) {
      const p = pattern.replace(/\\/g, '/');
      if (!GLOB_CHARS.test(p)) {
        const uri = /^\/|^[A-Za-z]:\//.test(p) ? (base.scheme === 'file' ? vscode.Uri.file(p) : base.with({ path: p })) : vscode.Uri.joinPath(base, p);
        out.set(uri.toString(), uri);
        continue;
      }
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base, p), '**/node_modules/**', 500);
      found.sort((a, b) => (a.toString() < b.toString() ? -1 : 1));
      for (const u of found) if (bibFormatOf(u.path)) out.set(u.toString(), u);
      if (!found.length) this.services.output.warn(`imidLens.bibliographies: no file matches "${pattern}" in ${base.toString()}`);
    }
    return [...out.values()];
  }

  /** .bib files next to a LaTeX document that names none; undefined while being listed. */
  private bibsNextTo(doc: vscode.TextDocument): vscode.Uri[] | undefined {
    if (doc.uri.scheme === 'untitled') return [];
    const dir = parentOf(doc.uri);
    const key = dir.toString();
    const hit = this.folderBibs.get(key);
    if (hit === 'pending') return undefined;
    if (hit) return hit;
    this.folderBibs.set(key, 'pending');
    void Promise.resolve(vscode.workspace.fs.readDirectory(dir)).then(
      (list) => list.filter(([name, type]) => type === vscode.FileType.File && /\.bib$/i.test(name)).map(([name]) => vscode.Uri.joinPath(dir, name)).sort((a, b) => (a.path < b.path ? -1 : 1)),
      () => [] as vscode.Uri[],
    ).then((uris) => {
      this.folderBibs.set(key, uris);
      this.changed();
    });
    return undefined;
  }

  private resolveNamed(doc: vscode.TextDocument, path: string): { uri?: vscode.Uri; unreadable?: string } {
    const p = path.replace(/\\/g, '/');
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return { unreadable: 'a remote bibliography: IMiD Lens never fetches anything' };
    if (p.startsWith('~')) return { unreadable: 'a path relative to the home folder; name it relative to the document' };
    if (/^\/|^[A-Za-z]:\//.test(p)) return { uri: doc.uri.scheme === 'file' ? vscode.Uri.file(p) : doc.uri.with({ path: p }) };
    const base = doc.uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : parentOf(doc.uri);
    return base ? { uri: vscode.Uri.joinPath(base, p) } : { unreadable: 'an unsaved document has no folder to read it from' };
  }

  /** The bibliographies of a document: undefined entries mean "still being found". */
  private resolve(doc: vscode.TextDocument, prose: Prose): { files: Resolved[]; pending: boolean } {
    const files: Resolved[] = [];
    let pending = false;
    for (const b of prose.bibliographies) {
      const r = this.resolveNamed(doc, b.path);
      files.push({ uri: r.uri ?? doc.uri.with({ fragment: b.path }), label: b.path, named: { start: b.start, end: b.end }, ...(r.unreadable ? { unreadable: r.unreadable } : {}) });
    }
    const configured = this.configured();
    if (!configured) pending = true;
    for (const u of configured ?? []) files.push({ uri: u, label: vscode.workspace.asRelativePath(u) });
    if (prose.kind === 'latex' && !prose.bibliographies.length && !files.length && !pending) {
      const next = this.bibsNextTo(doc);
      if (!next) pending = true;
      for (const u of next ?? []) files.push({ uri: u, label: vscode.workspace.asRelativePath(u) });
    }
    const seen = new Set<string>();
    return { files: files.filter((f) => !seen.has(f.uri.toString()) && !!seen.add(f.uri.toString())), pending };
  }

  /** What the core needs to check and complete keys of this document (cached per prose). */
  libraryFor(doc: vscode.TextDocument, prose: Prose): CitationLibrary {
    const hit = this.libraries.get(prose);
    if (hit) return hit;
    const { files, pending } = this.resolve(doc, prose);
    const sources: CitationSource[] = [];
    const used: string[] = [];
    for (const f of files) {
      const format = bibFormatOf(f.uri.path);
      const base = { label: f.label, target: f.uri.toString(), ...(f.named ? { named: f.named } : {}) };
      if (f.unreadable || !format) {
        sources.push({ ...base, format: format ?? 'bibtex', state: 'unreadable', entries: NO_ENTRIES, reason: f.unreadable ?? 'not a bibliography format IMiD Lens reads (.bib, .json, .yaml)' });
        continue;
      }
      const file = this.store.get(f.uri, format);
      used.push(file.key);
      sources.push({ ...base, format, state: file.state, entries: file.entries, ...(file.reason ? { reason: file.reason } : {}) });
    }
    if (pending) sources.push({ label: 'configured bibliographies', target: '', format: 'bibtex', state: 'loading', entries: NO_ENTRIES });
    this.store.setGroup(doc.uri.toString(), used);
    // suggestions for at most 25 new unknown keys per check: a keystroke stays cheap next to a 20,000-entry bibliography
    const library: CitationLibrary = { sources, bundled: this.services.engine.db.references, suggestionBudget: 25 };
    this.libraries.set(prose, library);
    return library;
  }

  /**
   * One checker per document while its bibliographies stay the same (an
   * incremental lint may keep results of an unchanged checker); a new one
   * after any bibliography changed.
   */
  checkerFor(doc: vscode.TextDocument): CitationChecker {
    const key = doc.uri.toString();
    let checker = this.checkers.get(key);
    if (!checker) {
      checker = (prose, engine) => checkCitations(prose, this.libraryFor(doc, prose), engine);
      this.checkers.set(key, checker);
    }
    return checker;
  }

  /** Bibliographies changed: new checkers, and every document is checked again. */
  private changed(): void {
    this.checkers.clear();
    this.services.citationsChanged();
  }

  /** Every reference citable from the document (its own entries first, then bundled ones). */
  referencesFor(doc: vscode.TextDocument): CitableReference[] {
    const prose = this.services.isLintable(doc) ? this.services.prose(doc) : undefined;
    if (!prose) return citableReferences({ sources: [], bundled: this.services.engine.db.references });
    return citableReferences(this.libraryFor(doc, prose));
  }

  /** The bibliography an entry would be added to: the first BibTeX or CSL-JSON file of the document. */
  appendTargetFor(library: CitationLibrary): CitationSource | undefined {
    return library.sources.find((s) => s.state === 'ready' && (s.format === 'bibtex' || s.format === 'csl-json'));
  }

  /**
   * For "Insert citation": the bundled references among `keys` that the document's bibliographies
   * lack, and the file their entries go to, or why they cannot be added (the document names no
   * bibliography, only CSL-YAML, an unreadable or read-only file).
   */
  async entriesToAdd(doc: vscode.TextDocument, keys: readonly string[]): Promise<EntriesToAdd> {
    if (!this.services.isLintable(doc)) return { missing: [], reason: 'none' };
    // the document's bibliographies as they are on disk: wait while any is still being read
    let library: CitationLibrary | undefined;
    for (let round = 0; round < 10; round++) {
      await this.settled();
      const { prose } = this.services.lint(doc);
      // the files as the store has them now (the change event that renews the cache comes later)
      if (prose) this.libraries.delete(prose);
      library = prose && this.libraryFor(doc, prose);
      if (!library?.sources.some((s) => s.state === 'loading')) break;
    }
    if (!library?.sources.length) return { missing: [], reason: 'none' };
    const missing = keys.filter((k) => !library.sources.some((s) => s.entries.has(k)) && library.bundled.has(k));
    if (!missing.length) return { missing };
    const target = this.appendTargetFor(library);
    if (!target) {
      const s = library.sources[0];
      const why = s.state === 'ready'
        ? vscode.l10n.t('{0} is {1}; IMiD Lens adds entries to BibTeX and CSL-JSON files only', s.label, s.format)
        : vscode.l10n.t('{0} cannot be read ({1})', s.label, s.reason ?? s.state);
      return { missing, reason: 'unwritable', why };
    }
    const uri = vscode.Uri.parse(target.target);
    if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false) return { missing, reason: 'unwritable', why: vscode.l10n.t('{0} is read-only', target.label) };
    return { missing, target };
  }

  // --- "Add entry to <bibliography>" ------------------------------------------------------

  async append(args: AppendArgs): Promise<boolean> {
    if (!args?.target) return false;
    const docUri = args.document ? vscode.Uri.parse(args.document) : undefined;
    const uri = /^[a-z][a-z0-9+.-]*:/i.test(args.target) && !/^[A-Za-z]:[\\/]/.test(args.target)
      ? vscode.Uri.parse(args.target)
      : docUri ? vscode.Uri.joinPath(parentOf(docUri), args.target) : undefined;
    const format = uri && bibFormatOf(uri.path);
    if (!uri || (format !== 'bibtex' && format !== 'csl-json')) {
      void vscode.window.showErrorMessage(vscode.l10n.t('IMiD Lens: cannot add entries to {0} (only .bib and CSL-JSON files).', args.target));
      return false;
    }
    const item: CslItem | undefined = args.key ? this.services.engine.db.reference(args.key) : undefined;
    const text = args.text ?? (item ? entryText(item, format) : undefined);
    if (!text) return false;
    const label = vscode.workspace.asRelativePath(uri);
    const key = args.key ?? (format === 'bibtex' ? /^@\w+\{([^,\s]+)/.exec(text)?.[1] : (JSON.parse(text) as { id?: string }).id);
    if (args.ask) {
      const add = vscode.l10n.t('Add entry');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('"{0}" is a bundled reference that is not in {1}. Add its entry there?', key ?? '', label), add);
      if (choice !== add) return false;
    }
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(uri);
    } catch {
      const create = new vscode.WorkspaceEdit();
      create.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(format === 'csl-json' ? '[\n]\n' : '') });
      if (!(await vscode.workspace.applyEdit(create))) return false;
      doc = await vscode.workspace.openTextDocument(uri);
    }
    if (key && this.store.peek(uri)?.entries.has(key)) return true; // already there
    const current = doc.getText();
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const edit = new vscode.WorkspaceEdit();
    if (format === 'bibtex') {
      const body = text.replace(/\r?\n/g, eol);
      const sep = current.length === 0 ? '' : current.endsWith(`${eol}${eol}`) || current.endsWith('\n\n') ? '' : current.endsWith('\n') ? eol : eol + eol;
      edit.insert(uri, doc.positionAt(current.length), `${sep}${body}${eol}`);
    } else {
      const root = parseTree(current);
      if (!root || root.type !== 'array') {
        void vscode.window.showErrorMessage(vscode.l10n.t('IMiD Lens: {0} is not a CSL-JSON array; add the entry by hand.', label));
        return false;
      }
      const indent = /\n([ \t]+)\S/.exec(current)?.[1] ?? '  ';
      const edits = modify(current, [root.children?.length ?? 0], JSON.parse(text), {
        isArrayInsertion: true,
        formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol },
      });
      const next = applyJsonEdits(current, edits);
      edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(current.length)), next);
    }
    const wasDirty = doc.isDirty;
    if (!(await vscode.workspace.applyEdit(edit))) return false;
    if (!wasDirty) await doc.save();
    await this.store.reload(uri);
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

// --- providers --------------------------------------------------------------------------

function citationAt(prose: Prose, offset: number) {
  const cites = prose.citations;
  const c = cites[firstIndex(cites.length, (i) => cites[i].end >= offset)];
  return c && c.start <= offset && offset <= c.end ? c : undefined;
}

function registerCompletion(services: Services, citations: Citations, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(selector, {
    provideCompletionItems(doc, position) {
      if (!services.isLintable(doc)) return undefined;
      const prose = services.prose(doc);
      if (!prose) return undefined;
      const offset = doc.offsetAt(position);
      const ctx = citationContextAt(prose, offset);
      if (!ctx) return undefined;
      const library = citations.libraryFor(doc, prose);
      const refs = citations.referencesFor(doc);
      const target = citations.appendTargetFor(library);
      const relevant = relevantKeys(services.engine.db, prose, offset, refs);
      const own = library.sources.filter((s) => s.state === 'ready').map((s) => s.label);
      const completions = completeCitations(refs, ctx.prefix, { relevant, exclude: ctx.others, ...(own.length ? { bibliographyLabel: own.join(', ') } : {}) });
      const range = new vscode.Range(doc.positionAt(ctx.start), doc.positionAt(Math.max(ctx.end, offset)));
      const items = completions.map((c) => {
        // ★ only on the references behind the drugs of the sentence; where the key comes from
        // ("references.bib" or "bundled") right after it, so the writer's own keys stand apart
        const item = new vscode.CompletionItem({ label: c.key, detail: ` ${c.source}`, description: c.starred ? `★ ${c.detail}` : c.detail }, vscode.CompletionItemKind.Reference);
        item.detail = c.detail;
        item.documentation = new vscode.MarkdownString(c.documentation);
        item.filterText = c.filterText;
        item.sortText = c.sortText;
        item.insertText = c.key;
        item.range = range;
        if (c.bundled && !c.inDocument && target) {
          const ref = services.engine.db.reference(c.key);
          const text = ref && entryText(ref, target.format);
          if (text) {
            item.command = { command: APPEND_COMMAND, title: vscode.l10n.t('Add entry to {0}', target.label), arguments: [{ document: doc.uri.toString(), target: target.target, text, key: c.key, ask: true } satisfies AppendArgs] };
          }
        }
        return item;
      });
      return new vscode.CompletionList(items, true);
    },
  }, '@', '{', ',');
}

function registerHover(services: Services, citations: Citations, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    provideHover(doc, position) {
      if (!services.isLintable(doc)) return undefined;
      const prose = services.prose(doc);
      if (!prose) return undefined;
      const c = citationAt(prose, doc.offsetAt(position));
      if (!c) return undefined;
      const library = citations.libraryFor(doc, prose);
      const found = lookupKey(library, c.key);
      const range = new vscode.Range(doc.positionAt(c.start), doc.positionAt(c.end));
      const ready = library.sources.filter((s) => s.state === 'ready').map((s) => s.label);
      let markdown: string;
      if (!found) {
        if (library.sources.some((s) => s.state === 'loading')) return undefined;
        markdown = `**@${md(c.key)}**: unknown citation key (not in ${md(ready.length ? ready.join(', ') : 'the bundled bibliography')}).`;
      } else {
        const lines = [`**@${md(c.key)}** · ${md(citationLabel(found.item))}`, '', formatReference(found.item), ''];
        if (found.entry) lines.push(`*${md(`${found.source}, line ${found.entry.keyRange.start.line + 1}`)}*`);
        else {
          const own = ready.length ? `; not in ${ready.join(', ')}` : '';
          lines.push(`*${md(`Bundled reference${own}`)}*`);
        }
        const terms = services.engine.db.termsCiting(c.key).map((id) => services.engine.db.term(id)?.preferredName ?? id);
        if (terms.length && library.bundled.has(c.key)) lines.push('', `Supports facts about: ${terms.map(md).join(', ')}`);
        markdown = lines.join('\n');
      }
      const ms = new vscode.MarkdownString(markdown);
      ms.supportHtml = false;
      return new vscode.Hover(ms, range);
    },
  });
}

/** Registers the citation service, completion, hover and the append command. */
export function registerCitations(services: Services, selector: vscode.DocumentSelector): { citations: Citations; disposable: vscode.Disposable } {
  const citations = new Citations(services);
  services.citations = citations;
  const disposable = vscode.Disposable.from(
    citations,
    registerCompletion(services, citations, selector),
    registerHover(services, citations, selector),
    vscode.commands.registerCommand(APPEND_COMMAND, (args: AppendArgs) => citations.append(args)),
    { dispose: () => { if (services.citations === citations) services.citations = undefined; } },
  );
  return { citations, disposable };
}
