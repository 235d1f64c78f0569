/**
 * Citation keys in the editor: which bibliographies a document uses is
 * decided by the workspace layer shared with the CLI (src/core/workspace:
 * front matter, Quarto project files, the LaTeX root, .imid-lens.json, the
 * imidLens.bibliographies setting, nearby .bib files for LaTeX); this module
 * keeps the answer per document, loads the files (BibliographyStore), and
 * provides the unknown-key check (through Services.lint, so it is live while
 * typing), completion and hover (both wait, bounded, for bibliographies still
 * loading), "Add entry to <bibliography>" and the references behind "Insert
 * citation…".
 */
import * as vscode from 'vscode';
import { applyEdits as applyJsonEdits, modify, parseTree } from 'jsonc-parser';
import {
  type CitableReference,
  type CitationChecker,
  type CitationLibrary,
  type CitationSource,
  type BibliographyResolution,
  type CslItem,
  NO_ENTRIES,
  type Prose,
  Workspace,
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
import { locOf, uriOf } from './workspaceFs';

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

/** What the workspace layer found for a document (everything it does not name itself), kept while the writer types. */
interface Around {
  signature: string;
  value?: BibliographyResolution;
  /** The resolution under way. */
  task?: Promise<void>;
  /** A file it depends on changed: resolve again (the old value stays in use meanwhile). */
  stale?: boolean;
  request: Parameters<Workspace['bibliographiesAround']>[0];
}

/** How long completion and hover wait for bibliographies still loading before answering with what there is. */
export const READY_BUDGET_MS = 2000;

/** completeCitations() returns at most this many keys (its default limit). */
const CITATION_COMPLETION_LIMIT = 200;

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
  private readonly around = new Map<string, Around>();
  private readonly libraries = new WeakMap<Prose, CitationLibrary>();
  private readonly checkers = new Map<string, CitationChecker>();
  private readonly warned = new Set<string>();
  private readonly awaitingConfig = new Map<string, Promise<void>>();
  private staleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: Services) {
    this.store = new BibliographyStore(services.output);
    // what resolution reads: bibliographies (globs, nearby .bib files), Quarto YAML, LaTeX roots
    const w = vscode.workspace.createFileSystemWatcher('**/*.{bib,bibtex,biblatex,json,yaml,yml,tex}');
    const touched = (uri: vscode.Uri, contentOnly: boolean) => {
      // a bibliography's content is the store's business; a root, _quarto.yml or _metadata.yml is ours
      if (contentOnly && !/\.(tex|ya?ml)$/i.test(uri.path)) return;
      this.markStale();
    };
    this.disposables.push(
      this.store,
      w,
      w.onDidCreate((u) => touched(u, false)),
      w.onDidDelete((u) => touched(u, false)),
      w.onDidChange((u) => touched(u, true)),
      // a root saved from the editor (the watcher may not see files outside the workspace)
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (/\.(tex|ya?ml)$/i.test(d.uri.path)) this.markStale();
      }),
      this.store.onDidChange(() => this.changed()),
      // a .bib opened on its own shows its problems too
      vscode.workspace.onDidOpenTextDocument((d) => this.showProblemsOf(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.store.setGroup(d.uri.toString(), []);
        this.checkers.delete(d.uri.toString());
        this.around.delete(d.uri.toString());
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.showProblemsOf(d);
  }

  private showProblemsOf(doc: vscode.TextDocument): void {
    if (SCHEMES.has(doc.uri.scheme) && (doc.languageId === 'bibtex' || doc.languageId === 'biblatex' || /\.bib$/i.test(doc.uri.path))) this.store.get(doc.uri, 'bibtex');
  }

  // --- which files a document uses ---------------------------------------------------

  /** Files resolution depends on changed: everything is resolved again (once for a burst of events). */
  private markStale(): void {
    if (this.staleTimer) return;
    this.staleTimer = setTimeout(() => {
      this.staleTimer = undefined;
      this.services.workspace.invalidate();
      for (const a of this.around.values()) {
        a.stale = true;
        this.start(a);
      }
    }, 50);
  }

  /** The request for a document, and the signature that tells when it must be resolved again. */
  private requestFor(doc: vscode.TextDocument, prose: Prose): { signature: string; request: Around['request'] } | undefined {
    const config = this.services.configOf(doc);
    if (!config) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0];
    const extra = folder ? this.services.settings.bibliographies.map((pattern) => ({ base: locOf(folder.uri), pattern })) : [];
    const text = prose.kind === 'latex' ? doc.getText() : '';
    const signature = JSON.stringify([config.loc, config.text, prose.kind, Workspace.texSignature(prose.kind, text), extra]);
    return { signature, request: { doc: locOf(doc.uri), kind: prose.kind, text, config, extra } };
  }

  private start(a: Around): void {
    if (a.task) return;
    const signature = a.signature;
    const task = this.services.workspace.bibliographiesAround(a.request).then((value) => {
      if (a.task !== task) return;
      a.task = undefined;
      for (const w of value.warnings) if (!this.warned.has(w)) this.warned.add(w), this.services.output.warn(`bibliographies: ${w}`);
      const before = a.value && JSON.stringify(a.value.files);
      const stale = a.stale && a.signature === signature;
      a.value = value;
      if (stale) a.stale = false;
      if (before !== JSON.stringify(value.files)) this.changed();
      if (a.signature !== signature) this.start(a);
    }, (e: unknown) => {
      if (a.task === task) a.task = undefined;
      this.services.output.error(`bibliographies: ${(e as Error).message}`);
      a.value ??= { files: [], warnings: [] };
    });
    a.task = task;
  }

  /** What the workspace layer found for the document; pending while it looks (the last answer is used meanwhile). */
  private aroundFor(doc: vscode.TextDocument, prose: Prose): { value?: BibliographyResolution; pending?: Promise<unknown> } {
    const req = this.requestFor(doc, prose);
    if (!req) {
      // the configuration is looked up first; the check runs again when it is known
      const key = doc.uri.toString();
      let p = this.awaitingConfig.get(key);
      if (!p) {
        p = this.services.prepare(doc).then(() => {
          this.awaitingConfig.delete(key);
          this.changed();
        });
        this.awaitingConfig.set(key, p);
      }
      return { pending: p };
    }
    const key = doc.uri.toString();
    let a = this.around.get(key);
    if (!a) {
      a = { signature: req.signature, request: req.request };
      if (!doc.isClosed) this.around.set(key, a);
      this.start(a);
    } else if (a.signature !== req.signature) {
      a.signature = req.signature;
      a.request = req.request;
      a.value = undefined;
      a.task = undefined;
      this.start(a);
    }
    return { ...(a.value ? { value: a.value } : {}), ...(a.task && !a.value ? { pending: a.task } : {}) };
  }

  /**
   * Resolves when every document's bibliographies are resolved and every
   * bibliography read so far has finished loading (tests, and commands that
   * must see the current entries).
   */
  async settled(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const tasks = [...this.around.values()].map((a) => a.task).filter((t): t is Promise<void> => !!t);
      if (this.staleTimer || tasks.length) {
        await Promise.all([...tasks, ...(this.staleTimer ? [new Promise((r) => setTimeout(r, 60))] : [])]);
        continue;
      }
      if (!(await this.store.settled())) return;
    }
  }

  /**
   * The document's library once nothing it uses is still loading, waiting at most `budgetMs`
   * (then `complete` is false and the loading sources say so); undefined when cancelled.
   */
  async libraryWhenReady(doc: vscode.TextDocument, token: vscode.CancellationToken, budgetMs = READY_BUDGET_MS): Promise<{ library: CitationLibrary; prose: Prose; complete: boolean } | undefined> {
    const deadline = Date.now() + budgetMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let sub: vscode.Disposable | undefined;
    const stop = new Promise<'stop'>((resolve) => {
      timer = setTimeout(() => resolve('stop'), budgetMs);
      sub = token.onCancellationRequested(() => resolve('stop'));
    });
    try {
      await Promise.race([this.services.prepare(doc), stop]);
      for (;;) {
        if (token.isCancellationRequested || doc.isClosed || !this.services.isLintable(doc)) return undefined;
        // what is ready: a provider never forces a full check
        const prose = this.services.prose(doc);
        if (!prose) return undefined;
        const waits = this.pendingFor(doc, prose);
        // built now, from the state pendingFor() saw: a library cached for this prose may be older
        // (a check in steps that finished after the bibliographies changed keeps its prose)
        if (!waits.length) return { library: this.freshLibrary(doc, prose), prose, complete: true };
        if (Date.now() >= deadline || (await Promise.race([Promise.all(waits), stop])) === 'stop') {
          if (token.isCancellationRequested) return undefined;
          const now = this.services.prose(doc);
          return now ? { library: this.freshLibrary(doc, now), prose: now, complete: false } : undefined;
        }
        // what was loading has loaded: the library of this prose is built again
        this.libraries.delete(prose);
      }
    } finally {
      if (timer) clearTimeout(timer);
      sub?.dispose();
    }
  }

  private freshLibrary(doc: vscode.TextDocument, prose: Prose): CitationLibrary {
    this.libraries.delete(prose);
    return this.libraryFor(doc, prose);
  }

  /** What the document's library still waits for: the resolution, files still loading. */
  private pendingFor(doc: vscode.TextDocument, prose: Prose): Array<Promise<unknown>> {
    const around = this.aroundFor(doc, prose);
    if (around.pending) return [around.pending];
    const out: Array<Promise<unknown>> = [];
    for (const f of this.filesOf(doc, prose, around.value)) {
      if (!f.loc || f.unreadable) continue;
      const uri = uriOf(f.loc);
      const format = bibFormatOf(uri.path);
      if (!format) continue;
      const file = this.store.get(uri, format);
      if (file.state === 'loading') out.push(file.ready);
    }
    return out;
  }

  private filesOf(doc: vscode.TextDocument, prose: Prose, around: BibliographyResolution | undefined) {
    return this.services.workspace.withNamed(locOf(doc.uri), prose.bibliographies, around ?? { files: [], warnings: [] });
  }

  /** What the core needs to check and complete keys of this document (cached per prose). */
  libraryFor(doc: vscode.TextDocument, prose: Prose): CitationLibrary {
    const hit = this.libraries.get(prose);
    if (hit) return hit;
    const around = this.aroundFor(doc, prose);
    const sources: CitationSource[] = [];
    const used: string[] = [];
    for (const f of this.filesOf(doc, prose, around.value)) {
      const uri = f.loc ? uriOf(f.loc) : doc.uri.with({ fragment: f.label });
      const format = bibFormatOf(uri.path);
      const base = { label: f.label, target: uri.toString(), ...(f.named ? { named: f.named } : {}) };
      if (!f.loc || f.unreadable || !format) {
        sources.push({ ...base, format: format ?? 'bibtex', state: 'unreadable', entries: NO_ENTRIES, reason: f.unreadable ?? 'not a bibliography format IMiD Lens reads (.bib, .json, .yaml)' });
        continue;
      }
      const file = this.store.get(uri, format);
      used.push(file.key);
      sources.push({ ...base, format, state: file.state, entries: file.entries, ...(file.reason ? { reason: file.reason } : {}) });
    }
    if (around.pending) sources.push({ label: 'configured bibliographies', target: '', format: 'bibtex', state: 'loading', entries: NO_ENTRIES });
    this.store.setGroup(doc.uri.toString(), used);
    // suggestions for at most 25 new unknown keys per check: a keystroke stays cheap next to a 20,000-entry bibliography
    const library: CitationLibrary = { sources, bundled: this.services.engineFor(doc).db.references, suggestionBudget: 25 };
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
    if (!prose) return citableReferences({ sources: [], bundled: this.services.engineFor(doc).db.references });
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
    const label = vscode.workspace.asRelativePath(uri, false);
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
    if (this.staleTimer) clearTimeout(this.staleTimer);
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
    async provideCompletionItems(doc, position, token) {
      if (!services.isLintable(doc)) return undefined;
      const offset = doc.offsetAt(position);
      // what is ready (never a full check for a provider), then wait, bounded, for the bibliographies
      const first = services.prose(doc);
      if (!first || !citationContextAt(first, offset)) return undefined;
      // never an answer from a half-loaded state: wait (bounded) for the bibliographies still loading
      const ready = await citations.libraryWhenReady(doc, token);
      if (!ready || token.isCancellationRequested) return undefined;
      const { library, prose, complete } = ready;
      const ctx = citationContextAt(prose, offset);
      if (!ctx) return undefined;
      const refs = citableReferences(library);
      const target = citations.appendTargetFor(library);
      const db = services.engineFor(doc).db;
      const relevant = relevantKeys(db, prose, offset, refs);
      const own = library.sources.filter((s) => s.state === 'ready').map((s) => s.label);
      const completions = completeCitations(refs, ctx.prefix, { relevant, exclude: ctx.others, limit: CITATION_COMPLETION_LIMIT, ...(own.length ? { bibliographyLabel: own.join(', ') } : {}) });
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
          const ref = db.reference(c.key);
          const text = ref && entryText(ref, target.format);
          if (text) {
            item.command = { command: APPEND_COMMAND, title: vscode.l10n.t('Add entry to {0}', target.label), arguments: [{ document: doc.uri.toString(), target: target.target, text, key: c.key, ask: true } satisfies AppendArgs] };
          }
        }
        return item;
      });
      // incomplete (asked again on the next keystroke) when a bibliography was still loading after the
      // wait, or when the list was cut at its limit; otherwise VS Code filters it as the writer types
      return new vscode.CompletionList(items, !complete || completions.length >= CITATION_COMPLETION_LIMIT);
    },
  }, '@', '{', ',');
}

function registerHover(services: Services, citations: Citations, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    async provideHover(doc, position, token) {
      if (!services.isLintable(doc)) return undefined;
      const offset = doc.offsetAt(position);
      const first = services.prose(doc);
      if (!first || !citationAt(first, offset)) return undefined;
      const loaded = await citations.libraryWhenReady(doc, token);
      if (!loaded || token.isCancellationRequested) return undefined;
      const { library, prose } = loaded;
      const c = citationAt(prose, offset);
      if (!c) return undefined;
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
        const db = services.engineFor(doc).db;
        const terms = db.termsCiting(c.key).map((id) => db.term(id)?.preferredName ?? id);
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
