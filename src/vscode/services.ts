/**
 * State shared by the features: the workspace layer (which .imid-lens.json
 * applies to a document: src/core/workspace), one engine per configuration
 * (rebuilt when that file or the settings change), the output channel, and a
 * per-version lint cache so hover, completion and code actions never lint
 * the same text twice.
 */
import * as vscode from 'vscode';
import {
  CONFIG_FILE,
  type Engine,
  type LintResult,
  type Severity,
  type CitationChecker,
  type Prose,
  type WorkspaceConfig,
  LintSession,
  Workspace,
  bundledEngine,
  extractProse,
  joinLoc,
  proseKindOf,
  runSliced,
} from '../core/index';
import { locOf, uriOf, vscodeHost } from './workspaceFs';

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
  /** Configuration and bibliography resolution, shared with the CLI. */
  readonly workspace: Workspace;
  /** The configuration of each document as last looked up (by URI). */
  private readonly configs = new Map<string, WorkspaceConfig>();
  private readonly lookups = new Map<string, Promise<WorkspaceConfig>>();
  /** The configuration of the first workspace folder's root: the engine of commands without a document. */
  private rootConfig: WorkspaceConfig = {};
  /** One engine per configuration file ('' = none), with the text it was built from. */
  private readonly engines = new Map<string, { text: string | undefined; engine: Engine }>();
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

  /** `home`: the home folder for ~/ bibliography paths (the Node host; none in the browser). */
  constructor(home?: string) {
    this.output = vscode.window.createOutputChannel('IMiD Lens', { log: true });
    this.settings = readSettings();
    this.workspace = new Workspace(vscodeHost(home));
    this.disposables.push(
      this.output,
      this.changed,
      this.stateChanged,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('imidLens')) {
          this.settings = readSettings();
          this.engines.clear();
          this.invalidate();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.loadConfig()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.cache.delete(d.uri.toString());
        this.sessions.delete(d.uri.toString());
        this.extracted.delete(d.uri.toString());
        this.configs.delete(d.uri.toString());
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const reload = () => void this.loadConfig();
    this.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
    this.configLoaded = this.loadRootConfig().catch((e: unknown) => this.output.error(`${CONFIG_FILE}: ${(e as Error).message}`));
  }

  /** The first read of the root configuration: the first check waits for it. */
  private readonly configLoaded: Promise<unknown>;

  private async loadRootConfig(): Promise<WorkspaceConfig> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    this.rootConfig = folder ? await this.workspace.configFor(joinLoc(locOf(folder.uri), CONFIG_FILE)) : {};
    return this.rootConfig;
  }

  /**
   * The document's configuration (the nearest .imid-lens.json upwards within its workspace folder),
   * looked up once and kept until a configuration file changes.
   */
  prepare(doc: vscode.TextDocument): Promise<WorkspaceConfig> {
    const key = doc.uri.toString();
    const hit = this.configs.get(key);
    if (hit) return Promise.resolve(hit);
    let p = this.lookups.get(key);
    if (!p) {
      p = Promise.all([this.configLoaded, this.workspace.configFor(locOf(doc.uri))]).then(([, c]) => {
        if (this.lookups.get(key) === p) {
          this.lookups.delete(key);
          if (!doc.isClosed) this.configs.set(key, c);
        }
        return c;
      }, (e: unknown) => {
        this.output.error(`${CONFIG_FILE} for ${key}: ${(e as Error).message}`);
        this.lookups.delete(key);
        return {};
      });
      this.lookups.set(key, p);
    }
    return p;
  }

  /** The document's configuration if it was looked up (undefined: not yet). */
  configOf(doc: vscode.TextDocument): WorkspaceConfig | undefined {
    return this.configs.get(doc.uri.toString());
  }

  /**
   * Reads the configuration files again (one was saved, created or deleted; the folders changed):
   * documents whose configuration changed are checked again; an unchanged file keeps its engine.
   */
  async loadConfig(): Promise<void> {
    this.workspace.invalidate();
    const before = new Map([...this.configs].map(([k, c]) => [k, `${c.loc ?? ''}\n${c.text ?? ''}`]));
    const rootBefore = `${this.rootConfig.loc ?? ''}\n${this.rootConfig.text ?? ''}`;
    this.configs.clear();
    this.lookups.clear();
    await this.loadRootConfig().catch(() => undefined);
    let differs = rootBefore !== `${this.rootConfig.loc ?? ''}\n${this.rootConfig.text ?? ''}`;
    for (const doc of vscode.workspace.textDocuments) {
      const old = before.get(doc.uri.toString());
      if (old === undefined) continue;
      const c = await this.prepare(doc);
      if (old !== `${c.loc ?? ''}\n${c.text ?? ''}`) differs = true;
    }
    if (differs) this.invalidate();
  }

  /** The configuration file a document uses (undefined: none); `doc` absent: the first folder's. */
  configFileUri(doc?: vscode.TextDocument): vscode.Uri | undefined {
    const c = doc ? this.configOf(doc) : this.rootConfig;
    return c?.loc ? uriOf(c.loc) : undefined;
  }

  private invalidate(): void {
    this.cache.clear();
    this.changed.fire();
  }

  /** Called by the citation layer when bibliographies changed. */
  citationsChanged(): void {
    this.cache.clear();
    this.sessions.clear();
    this.changed.fire();
  }

  /** A term database is loaded (the first check or hover builds it). */
  get engineReady(): boolean {
    return this.engines.size > 0;
  }

  /** The engine of the first folder's configuration (commands that have no document). */
  get engine(): Engine {
    return this.engineOf(this.rootConfig);
  }

  /** The engine of the document's configuration (the defaults until it was looked up). */
  engineFor(doc: vscode.TextDocument): Engine {
    return this.engineOf(this.configOf(doc) ?? this.rootConfig);
  }

  private engineOf(config: WorkspaceConfig): Engine {
    const key = config.loc ?? '';
    const hit = this.engines.get(key);
    if (hit && hit.text === config.text) return hit.engine;
    const t0 = Date.now();
    let engine: Engine;
    try {
      engine = bundledEngine(config.parsed, this.settings.rules);
    } catch (e) {
      this.failed(`loading the term database failed: ${(e as Error).message}`);
      throw e;
    }
    this.engines.set(key, { text: config.text, engine });
    this.output.info(`engine ready in ${Date.now() - t0} ms${key ? ` (${key})` : ''}: ${engine.db.terms.size} terms, ${engine.db.forms.size} surface forms, ${engine.rules.length} claim rules`);
    this.reportProblems(engine, config);
    this.stateChanged.fire();
    return engine;
  }

  private failed(message: string): void {
    this.lastError = message;
    this.stateChanged.fire();
  }

  private reportProblems(engine: Engine, config: WorkspaceConfig): void {
    const problems = engine.configProblems;
    const key = problems.map((p) => `${p.file}:${p.line}:${p.message}`).join('\n');
    if (key === this.shownProblems) return;
    this.shownProblems = key;
    if (!problems.length) return;
    for (const p of problems) this.output.error(`${p.file}:${p.line + 1}:${p.character + 1}: ${p.message}`);
    const first = problems[0];
    const uri = config.loc ? uriOf(config.loc) : undefined;
    void vscode.window
      .showErrorMessage(vscode.l10n.t('IMiD Lens: {0} has {1} problem(s): {2} (line {3}). The defaults keep working.', CONFIG_FILE, problems.length, first.message, first.line + 1), vscode.l10n.t('Open file'), vscode.l10n.t('Show log'))
      .then((choice) => {
        if (choice === vscode.l10n.t('Open file') && uri) {
          void vscode.window.showTextDocument(uri, { selection: new vscode.Range(first.line, first.character, first.line, first.character) });
        } else if (choice === vscode.l10n.t('Show log')) this.output.show();
      });
  }

  isLintable(doc: vscode.TextDocument): boolean {
    return this.settings.enable && SCHEMES.has(doc.uri.scheme) && this.settings.languages.includes(doc.languageId) && proseKindOf(doc.languageId) !== undefined && !this.isIgnored(doc.uri);
  }

  /** .imid-lens.json "ignore": globs relative to the folder of that file, as in the CLI. */
  private isIgnored(uri: vscode.Uri): boolean {
    const config = this.configs.get(uri.toString());
    return !!config && this.workspace.isIgnored(locOf(uri), config);
  }

  /** The lint result of the document's current version (cached). */
  lint(doc: vscode.TextDocument): LintResult {
    const hit = this.cachedFor(doc, this.engineFor(doc));
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
    // the document's own configuration and bibliographies first (src/core/workspace)
    await this.prepare(doc);
    if (stale() || !this.isLintable(doc)) return undefined;
    const key = doc.uri.toString();
    for (let under = this.running.get(key); under; under = this.running.get(key)) await under.catch(() => undefined);
    if (stale()) return undefined;
    const hit = this.cachedFor(doc, this.engineFor(doc));
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
    const hit = this.cachedFor(doc, this.engineFor(doc));
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
    return { session, opts: { engine: this.engineFor(doc), languageId: doc.languageId, maxFindings: this.settings.maxProblems, ...(citations ? { citations } : {}) } };
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
    const config = this.configOf(doc) ?? this.rootConfig;
    const built = this.engines.get(config.loc ?? '');
    return built && built.text === config.text ? this.cachedFor(doc, built.engine) : undefined;
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
