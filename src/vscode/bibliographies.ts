/**
 * The writer's bibliography files, read through vscode.workspace.fs (so it
 * works on virtual file systems and in the browser host), parsed in slices
 * that give the extension host back every few milliseconds, cached entry by
 * entry, and reloaded when the file changes on disk (a watcher per file) or in
 * an open editor (its unsaved text wins). Problems of the files themselves
 * (broken entries, undefined @strings, duplicate keys, also across the files
 * a document uses together) are diagnostics in those files.
 */
import * as vscode from 'vscode';
import {
  type BibEntry,
  type BibFormat,
  type BibProblem,
  type BibliographyCache,
  type ParsedBibliography,
  type SourceState,
  NO_ENTRIES,
  crossFileDuplicates,
  looksBinary,
  newBibliographyCache,
  parseBibliographySteps,
  runSliced,
} from '../core/index';
import { SOURCE } from './services';

/** Bigger files are refused with a message rather than read. */
export const MAX_BIBLIOGRAPHY_BYTES = 64 * 1024 * 1024;

export interface BibFile {
  readonly uri: vscode.Uri;
  readonly key: string;
  readonly format: BibFormat;
  state: SourceState;
  reason?: string;
  parsed?: ParsedBibliography;
  entries: ReadonlyMap<string, BibEntry>;
  /** Resolves when the first load finished (tests, the append command). */
  readonly ready: Promise<void>;
}

interface FileState extends BibFile {
  /** The load in progress (or the last one). */
  current?: Promise<void>;
  busy?: boolean;
  /** A reload scheduled by a change (resolves when it has run). */
  reloadDone?: Promise<void>;
  resolveReload?: () => void;
  cache: BibliographyCache;
  generation: number;
  watcher?: vscode.Disposable;
  markReady: () => void;
  reloadTimer?: ReturnType<typeof setTimeout>;
}

const SEVERITY: Record<BibProblem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
};

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function parentOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

export class BibliographyStore implements vscode.Disposable {
  private readonly files = new Map<string, FileState>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a file finished (re)loading. */
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection(`${SOURCE}-bibliographies`);
  private readonly disposables: vscode.Disposable[] = [];
  /** Which files are used together (one group per document, plus the configured set). */
  private readonly groups = new Map<string, string[]>();
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private fireTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.disposables.push(
      this.changed,
      this.diagnostics,
      vscode.workspace.onDidChangeTextDocument((e) => {
        const f = this.files.get(e.document.uri.toString());
        if (f && e.contentChanges.length) this.scheduleReload(f, 300);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // unsaved edits are gone: the file on disk is the truth again
        const f = this.files.get(d.uri.toString());
        if (f) this.scheduleReload(f, 0);
      }),
    );
  }

  /** The file's state; the first request starts loading it. */
  get(uri: vscode.Uri, format: BibFormat): BibFile {
    const key = uri.toString();
    let f = this.files.get(key);
    if (!f) {
      let markReady = () => {};
      const ready = new Promise<void>((resolve) => (markReady = resolve));
      f = { uri, key, format, state: 'loading', entries: NO_ENTRIES, ready, cache: newBibliographyCache(format), generation: 0, markReady };
      this.files.set(key, f);
      this.watch(f);
      void this.load(f);
    }
    return f;
  }

  peek(uri: vscode.Uri): BibFile | undefined {
    return this.files.get(uri.toString());
  }

  /** Reloads a file now (the watcher and the append command call this). */
  reload(uri: vscode.Uri): Promise<void> {
    const f = this.files.get(uri.toString());
    return f ? this.load(f) : Promise.resolve();
  }

  /** Records which files a document (or the configuration) uses together, for duplicate keys across files. */
  setGroup(id: string, keys: readonly string[]): void {
    const prev = this.groups.get(id);
    if (prev && prev.length === keys.length && prev.every((k, i) => k === keys[i])) return;
    if (keys.length) this.groups.set(id, [...keys]);
    else this.groups.delete(id);
    this.schedulePublish();
  }

  private watch(f: FileState): void {
    try {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(parentOf(f.uri), basename(f.uri)));
      const onDisk = () => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === f.key);
        if (!open?.isDirty) this.scheduleReload(f, 50);
      };
      f.watcher = vscode.Disposable.from(w, w.onDidChange(onDisk), w.onDidCreate(onDisk), w.onDidDelete(onDisk));
    } catch (e) {
      this.output.warn(`cannot watch ${f.key}: ${(e as Error).message}`);
    }
  }

  private scheduleReload(f: FileState, delay: number): void {
    if (f.reloadTimer) clearTimeout(f.reloadTimer);
    if (!f.reloadDone) f.reloadDone = new Promise<void>((resolve) => (f.resolveReload = resolve));
    f.reloadTimer = setTimeout(() => {
      f.reloadTimer = undefined;
      const resolve = f.resolveReload;
      f.reloadDone = undefined;
      f.resolveReload = undefined;
      void this.load(f).then(() => resolve?.());
    }, delay);
  }

  private async readText(f: FileState): Promise<{ text?: string; state?: SourceState; reason?: string }> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === f.key);
    if (open) return { text: open.getText() };
    let bytes: Uint8Array;
    try {
      const stat = await vscode.workspace.fs.stat(f.uri);
      if (stat.size > MAX_BIBLIOGRAPHY_BYTES) return { state: 'unreadable', reason: `${(stat.size / 1048576).toFixed(1)} MB is more than the ${MAX_BIBLIOGRAPHY_BYTES / 1048576} MB IMiD Lens reads` };
      bytes = await vscode.workspace.fs.readFile(f.uri);
    } catch (e) {
      const notFound = e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound');
      return notFound ? { state: 'missing', reason: 'no such file' } : { state: 'unreadable', reason: (e as Error).message };
    }
    const head = new TextDecoder().decode(bytes.subarray(0, 8000));
    if (looksBinary(head)) return { state: 'unreadable', reason: 'not a text file (it contains NUL bytes)' };
    let text = new TextDecoder().decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  }

  /** Waits for the loads in flight (and reloads scheduled); true when there were any. */
  async settled(): Promise<boolean> {
    const busy = [...this.files.values()].filter((f) => f.reloadDone || f.busy);
    if (!busy.length) return false;
    await Promise.all(busy.map((f) => f.reloadDone ?? f.current));
    return true;
  }

  private load(f: FileState): Promise<void> {
    f.busy = true;
    const p = this.loadNow(f).finally(() => {
      if (f.current === p) f.busy = false;
    });
    f.current = p;
    return p;
  }

  private async loadNow(f: FileState): Promise<void> {
    const generation = ++f.generation;
    const t0 = Date.now();
    const read = await this.readText(f);
    if (generation !== f.generation) return;
    if (read.text === undefined) {
      f.state = read.state ?? 'unreadable';
      f.reason = read.reason;
      f.parsed = undefined;
      f.entries = NO_ENTRIES;
      this.output.warn(`bibliography ${f.key}: ${f.state} (${f.reason ?? ''})`);
      this.finish(f);
      return;
    }
    let parsed: ParsedBibliography | undefined;
    try {
      parsed = await runSliced(parseBibliographySteps(read.text, f.format, f.cache), { pause, budgetMs: 8, cancelled: () => generation !== f.generation });
    } catch (e) {
      this.output.error(`bibliography ${f.key}: ${(e as Error).stack ?? String(e)}`);
      f.state = 'unreadable';
      f.reason = `the parser failed: ${(e as Error).message}`;
      this.finish(f);
      return;
    }
    if (!parsed || generation !== f.generation) return; // a newer version is being read
    const entries = new Map<string, BibEntry>();
    for (const e of parsed.entries) if (!entries.has(e.key)) entries.set(e.key, e);
    f.parsed = parsed;
    f.entries = entries;
    f.state = 'ready';
    f.reason = undefined;
    this.output.info(`bibliography ${f.key}: ${entries.size} entries, ${parsed.problems.length} problems, ${Date.now() - t0} ms`);
    this.finish(f);
  }

  private finish(f: FileState): void {
    f.markReady();
    this.schedulePublish();
    // one change event for files that finish together
    if (!this.fireTimer) {
      this.fireTimer = setTimeout(() => {
        this.fireTimer = undefined;
        this.changed.fire();
      }, 0);
    }
  }

  private schedulePublish(): void {
    if (this.publishTimer) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      this.publish();
    }, 20);
  }

  /** Diagnostics in the bibliography files: their own problems and keys duplicated across files used together. */
  private publish(): void {
    const extra = new Map<string, BibProblem[]>();
    for (const keys of this.groups.values()) {
      const files = keys.map((k) => this.files.get(k)).filter((f): f is FileState => !!f?.parsed);
      if (files.length < 2) continue;
      const dup = crossFileDuplicates(files.map((f) => ({ id: f.key, label: vscode.workspace.asRelativePath(f.uri, false), parsed: f.parsed! })));
      for (const [id, problems] of dup) {
        const list = extra.get(id) ?? [];
        for (const p of problems) if (!list.some((x) => x.message === p.message && x.range.start.line === p.range.start.line)) list.push(p);
        extra.set(id, list);
      }
    }
    for (const f of this.files.values()) {
      const problems = [...(f.parsed?.problems ?? []), ...(extra.get(f.key) ?? [])];
      if (!problems.length) {
        this.diagnostics.delete(f.uri);
        continue;
      }
      this.diagnostics.set(f.uri, problems.slice(0, 1000).map((p) => {
        const d = new vscode.Diagnostic(new vscode.Range(p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character), p.message, SEVERITY[p.severity]);
        d.source = SOURCE;
        d.code = p.code;
        return d;
      }));
    }
  }

  dispose(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    if (this.fireTimer) clearTimeout(this.fireTimer);
    for (const f of this.files.values()) {
      f.generation++;
      if (f.reloadTimer) clearTimeout(f.reloadTimer);
      f.watcher?.dispose();
    }
    for (const d of this.disposables) d.dispose();
  }
}
