/**
 * State shared by the features: the engine (rebuilt when .imid-lens.json or
 * the settings change), the output channel, and a per-version lint cache so
 * hover, completion and code actions never lint the same text twice.
 */
import picomatch from 'picomatch/posix';
import * as vscode from 'vscode';
import {
  CONFIG_FILE,
  type Engine,
  type LintResult,
  type ParsedConfig,
  type Severity,
  type CitationChecker,
  type Prose,
  LintSession,
  bundledEngine,
  extractProse,
  parseConfig,
  proseKindOf,
  runSliced,
} from '../core/index';

export const SOURCE = 'imid-lens';

/** Supplied by the citation feature: checks a document's citation keys against its bibliographies. */
export interface CitationService {
  checkerFor(doc: vscode.TextDocument): CitationChecker | undefined;
}

/** URI schemes whose documents are linted (never git:, output:, vscode-scm: ...). */
export const SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-test-web', 'vscode-remote', 'vscode-userdata']);

export interface Settings {
  enable: boolean;
  languages: string[];
  debounceMs: number;
  /** Findings per document before checking stops (a dense pathological file stays cheap). */
  maxProblems: number;
  rules: Record<string, Severity | 'off'>;
  bibliographies: string[];
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('imidLens', scope);
  return {
    enable: c.get<boolean>('enable', true),
    languages: c.get<string[]>('languages', ['markdown', 'latex', 'plaintext', 'quarto', 'rmd']),
    debounceMs: Math.max(0, c.get<number>('debounceMs', 200)),
    maxProblems: Math.max(1, Math.floor(c.get<number>('maxProblems', 1000)) || 1000),
    rules: c.get<Record<string, Severity | 'off'>>('rules', {}),
    bibliographies: c.get<string[]>('bibliographies', []),
  };
}

export class Services implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private engineCache: Engine | undefined;
  private parsed: ParsedConfig | undefined;
  private configUri: vscode.Uri | undefined;
  /** The configuration file's text as last read (undefined: none); the engine is rebuilt only when it changes. */
  private configText: string | undefined;
  private ignored: ((path: string) => boolean) | undefined;
  /** Per URI; an entry is only good for the same TextDocument object (an untitled URI is reused by the next untitled document). */
  private readonly cache = new Map<string, { doc: vscode.TextDocument; version: number; result: LintResult; engine: Engine }>();
  /** Incremental re-lint per open document: a keystroke re-checks only the paragraphs it touched. */
  private readonly sessions = new Map<string, LintSession>();
  /** The check under way per document (lintInSteps). */
  private readonly running = new Map<string, Promise<LintResult | undefined>>();
  /** Prose extracted for a provider while no check result is ready for the version. */
  private readonly extracted = new Map<string, { doc: vscode.TextDocument; version: number; prose: Prose }>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the engine changed (configuration, settings, bibliographies): everything re-lints. */
  readonly onDidChange = this.changed.event;
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** Fires after the engine was built, a document was checked, or building or checking failed (the status bar). */
  readonly onDidChangeState = this.stateChanged.event;
  /** Why building the engine or the last check failed; cleared by the next success. */
  lastError: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private shownProblems = '';
  citations: CitationService | undefined;
  settings: Settings;

  constructor() {
    this.output = vscode.window.createOutputChannel('IMiD Lens', { log: true });
    this.settings = readSettings();
    this.disposables.push(
      this.output,
      this.changed,
      this.stateChanged,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('imidLens')) {
          this.settings = readSettings();
          this.invalidate();
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cache.delete(d.uri.toString());
        this.sessions.delete(d.uri.toString());
        this.extracted.delete(d.uri.toString());
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const reload = () => void this.loadConfig();
    this.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
    this.configLoaded = this.loadConfig().catch((e: unknown) => this.output.error(`${CONFIG_FILE}: ${(e as Error).message}`));
  }

  /** The first read of .imid-lens.json: the first check waits for it, so the engine is built once, with it. */
  private readonly configLoaded: Promise<void>;

  /** Reads the first workspace folder's .imid-lens.json through workspace.fs (works on virtual file systems). */
  async loadConfig(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
    let text: string | undefined;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      text = undefined; // no config file: defaults
    }
    // unchanged (no file at start-up, a save without changes): the engine stays ("engine ready" once)
    if (text === this.configText && (text === undefined || this.configUri?.toString() === uri.toString())) return;
    this.configText = text;
    this.configUri = text === undefined ? undefined : uri;
    this.parsed = text === undefined ? undefined : parseConfig(text, uri.toString());
    const globs = this.parsed?.config.ignore ?? [];
    this.ignored = globs.length ? picomatch([...globs], { dot: true }) : undefined;
    this.invalidate();
  }

  get configFileUri(): vscode.Uri | undefined {
    return this.configUri;
  }

  get projectConfig(): ParsedConfig | undefined {
    return this.parsed;
  }

  private invalidate(): void {
    this.engineCache = undefined;
    this.cache.clear();
    this.changed.fire();
  }

  /** Called by the citation layer when bibliographies changed. */
  citationsChanged(): void {
    this.cache.clear();
    this.sessions.clear();
    this.changed.fire();
  }

  /** The term database is loaded (the first check or hover builds it). */
  get engineReady(): boolean {
    return this.engineCache !== undefined;
  }

  get engine(): Engine {
    if (!this.engineCache) {
      const t0 = Date.now();
      try {
        this.engineCache = bundledEngine(this.parsed, this.settings.rules);
      } catch (e) {
        this.failed(`loading the term database failed: ${(e as Error).message}`);
        throw e;
      }
      this.output.info(`engine ready in ${Date.now() - t0} ms: ${this.engineCache.db.terms.size} terms, ${this.engineCache.db.forms.size} surface forms, ${this.engineCache.rules.length} claim rules`);
      this.reportProblems(this.engineCache);
      this.stateChanged.fire();
    }
    return this.engineCache;
  }

  private failed(message: string): void {
    this.lastError = message;
    this.stateChanged.fire();
  }

  private reportProblems(engine: Engine): void {
    const problems = engine.configProblems;
    const key = problems.map((p) => `${p.file}:${p.line}:${p.message}`).join('\n');
    if (key === this.shownProblems) return;
    this.shownProblems = key;
    if (!problems.length) return;
    for (const p of problems) this.output.error(`${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`);
    const first = problems[0];
    void vscode.window
      .showErrorMessage(vscode.l10n.t('IMiD Lens: {0} has {1} problem(s): {2} (line {3}). The defaults keep working.', CONFIG_FILE, problems.length, first.message, first.line + 1), vscode.l10n.t('Open file'), vscode.l10n.t('Show log'))
      .then((choice) => {
        if (choice === vscode.l10n.t('Open file') && this.configUri) {
          void vscode.window.showTextDocument(this.configUri, { selection: new vscode.Range(first.line, first.character, first.line, first.character) });
        } else if (choice === vscode.l10n.t('Show log')) this.output.show();
      });
  }

  isLintable(doc: vscode.TextDocument): boolean {
    return this.settings.enable && SCHEMES.has(doc.uri.scheme) && this.settings.languages.includes(doc.languageId) && proseKindOf(doc.languageId) !== undefined && !this.isIgnored(doc.uri);
  }

  /** .imid-lens.json "ignore": globs relative to the folder of the file, as in the CLI. */
  private isIgnored(uri: vscode.Uri): boolean {
    const config = this.configUri;
    if (!this.ignored || !config || uri.scheme !== config.scheme || uri.authority !== config.authority) return false;
    const dir = config.path.slice(0, config.path.lastIndexOf('/') + 1);
    return uri.path.startsWith(dir) && this.ignored(uri.path.slice(dir.length));
  }

  /** The lint result of the document's current version (cached). */
  lint(doc: vscode.TextDocument): LintResult {
    const hit = this.cachedFor(doc, this.engine);
    if (hit) return hit;
    const { session, opts } = this.sessionFor(doc);
    // same result as lint(); a new engine or citation checker makes it a full lint
    let result: LintResult;
    try {
      result = session.update(doc, opts);
    } catch (e) {
      this.failed(`checking ${doc.uri.toString()} failed: ${(e as Error).message}`);
      throw e;
    }
    return this.remember(doc, opts.engine, result);
  }

  /**
   * The same as lint(), in steps: the first check of a large document (and any full check, LaTeX
   * included) runs about 256 KB per step, yielding to the extension host between steps (typing,
   * other extensions' providers). One check per document at a time: a newer version waits for the
   * check under way, which is finished, not thrown away (the session keeps it, so the newer version
   * is then an incremental update). Undefined when `stale` says so (a newer version, a closed
   * document): nothing is cached for another version than the one checked.
   */
  async lintInSteps(doc: vscode.TextDocument, stale: () => boolean): Promise<LintResult | undefined> {
    await this.configLoaded;
    const key = doc.uri.toString();
    for (let under = this.running.get(key); under; under = this.running.get(key)) await under.catch(() => undefined);
    if (stale()) return undefined;
    const hit = this.cachedFor(doc, this.engine);
    if (hit) return hit;
    const version = doc.version;
    const { session, opts } = this.sessionFor(doc);
    const run = runSliced(session.updateInSteps(doc, opts), { pause: () => new Promise<void>((r) => setTimeout(r, 0)), budgetMs: 8, cancelled: () => doc.isClosed });
    this.running.set(key, run);
    let result: LintResult | undefined;
    try {
      result = await run;
    } catch (e) {
      this.failed(`checking ${key} failed: ${(e as Error).message}`);
      throw e;
    } finally {
      if (this.running.get(key) === run) this.running.delete(key);
    }
    return result && doc.version === version && !stale() ? this.remember(doc, opts.engine, result) : undefined;
  }

  /**
   * The prose of the document's current version, for a provider (hover, completion, citation
   * look-ups): the checked result's when it is ready, or an incremental update when that is cheap;
   * otherwise (a first check still in steps, a LaTeX edit not checked yet) the prose alone,
   * extracted for this version, never a full check in the extension host.
   */
  prose(doc: vscode.TextDocument): Prose | undefined {
    const hit = this.cachedFor(doc, this.engine);
    if (hit) return hit.prose;
    const key = doc.uri.toString();
    if (!this.running.has(key)) {
      const { session, opts } = this.sessionFor(doc);
      const r = session.updateIfCheap(doc, opts);
      if (r) return this.remember(doc, opts.engine, r).prose;
    }
    const kind = proseKindOf(doc.languageId);
    if (!kind) return undefined;
    // the check under way extracted it already (its first step)
    const text = doc.getText();
    const ready = this.sessions.get(key)?.proseOf(text);
    if (ready) return ready;
    const p = this.extracted.get(key);
    if (p && p.doc === doc && p.version === doc.version) return p.prose;
    const prose = extractProse(text, kind);
    if (!doc.isClosed) this.extracted.set(key, { doc, version: doc.version, prose });
    return prose;
  }

  private sessionFor(doc: vscode.TextDocument): { session: LintSession; opts: { engine: Engine; languageId: string; maxFindings: number; citations?: CitationChecker } } {
    const key = doc.uri.toString();
    let session = this.sessions.get(key);
    if (!session) {
      session = new LintSession();
      if (!doc.isClosed) this.sessions.set(key, session);
    }
    const citations = this.citations?.checkerFor(doc);
    return { session, opts: { engine: this.engine, languageId: doc.languageId, maxFindings: this.settings.maxProblems, ...(citations ? { citations } : {}) } };
  }

  private remember(doc: vscode.TextDocument, engine: Engine, result: LintResult): LintResult {
    // a document closed while it was checked leaves nothing behind
    if (!doc.isClosed) this.cache.set(doc.uri.toString(), { doc, version: doc.version, result, engine });
    this.extracted.delete(doc.uri.toString());
    this.lastError = undefined;
    this.stateChanged.fire();
    return result;
  }

  /** The cached result if it is for the current version, without linting. */
  cached(doc: vscode.TextDocument): LintResult | undefined {
    return this.cachedFor(doc, this.engineCache);
  }

  /** The cached result for this TextDocument object, its current version and `engine`. */
  private cachedFor(doc: vscode.TextDocument, engine: Engine | undefined): LintResult | undefined {
    const hit = this.cache.get(doc.uri.toString());
    return hit && hit.doc === doc && hit.version === doc.version && hit.engine === engine ? hit.result : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
