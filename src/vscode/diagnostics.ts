/**
 * Diagnostics: linted on open and (debounced) on typing, version-guarded so a
 * stale result never lands, cleared when the document closes.
 *
 * Every publication is remembered (see {@link Publications}): which Finding
 * each published Diagnostic came from, and the text it was computed on. Quick
 * fixes are read from there, never from a fresh lint, so the light bulb always
 * offers the fixes of the diagnostic the writer sees, whatever happened since
 * (a newer version, a check still in steps, a reloaded bibliography).
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/index';
import { SOURCE, type Services } from './services';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(r: Finding['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f.range), f.message, SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = f.ruleId;
  return d;
}

// An incremental re-lint hands back the same Finding objects for unchanged text: reuse their Diagnostics.
const diagnostics = new WeakMap<Finding, vscode.Diagnostic>();

function diagnosticOf(f: Finding): vscode.Diagnostic {
  let d = diagnostics.get(f);
  if (!d) diagnostics.set(f, (d = toDiagnostic(f)));
  return d;
}

/** An offset range of the published text: where it is now, or undefined when an edit since touched it. */
export type OffsetMapper = (start: number, end: number) => { start: number; end: number } | undefined;

/** The finding behind a published diagnostic, with what is needed to turn its offsets into today's ranges. */
export interface PublishedFinding {
  readonly finding: Finding;
  /** The text the finding was computed on (the published version). */
  readonly text: string;
  readonly languageId: string;
  /** Offsets of `text` to offsets of the document now; undefined when an edit touched the span. */
  readonly map: OffsetMapper;
  /** A position of the published text as an offset of it. */
  readonly offsetAt: (p: { line: number; character: number }) => number;
}

/** One document's last publication and the edits made since (each event's changes in order, as the extension host applies them). */
interface Publication {
  readonly doc: vscode.TextDocument;
  readonly version: number;
  readonly text: string;
  readonly languageId: string;
  readonly findings: Map<vscode.Diagnostic, Finding>;
  readonly changes: vscode.TextDocumentContentChangeEvent[];
  /** The document version after the last recorded change. */
  seen: number;
  /** An edit that cannot be mapped (an end-of-line change) was made since. */
  lost: boolean;
  lineStarts?: number[];
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** [start, end) through one change; undefined when the change overlaps it (an insertion at `start` moves it, at `end` does not). */
function mapThrough(c: vscode.TextDocumentContentChangeEvent, start: number, end: number): { start: number; end: number } | undefined {
  const cs = c.rangeOffset;
  const ce = c.rangeOffset + c.rangeLength;
  if (ce <= start) {
    const delta = c.text.length - c.rangeLength;
    return { start: start + delta, end: end + delta };
  }
  if (cs >= end) return { start, end };
  return undefined;
}

/** The published diagnostics of every open document, and the findings behind them. */
export class Publications {
  private readonly byUri = new Map<string, Publication>();

  set(doc: vscode.TextDocument, text: string, findings: Map<vscode.Diagnostic, Finding>): void {
    this.byUri.set(doc.uri.toString(), { doc, version: doc.version, text, languageId: doc.languageId, findings, changes: [], seen: doc.version, lost: false });
  }

  delete(uri: vscode.Uri): void {
    this.byUri.delete(uri.toString());
  }

  clear(): void {
    this.byUri.clear();
  }

  /** Records an edit made after the publication (called for every onDidChangeTextDocument). */
  changed(e: vscode.TextDocumentChangeEvent): void {
    const pub = this.byUri.get(e.document.uri.toString());
    if (!pub || pub.doc !== e.document || e.document.version === pub.seen) return;
    if (!e.contentChanges.length) pub.lost = true; // the text changed with no change listed (end of line sequence)
    pub.changes.push(...e.contentChanges);
    pub.seen = e.document.version;
  }

  /** [start, end) of the published text where it is in `doc` now; undefined when an edit since touched it or was not seen. */
  private mapped(pub: Publication, doc: vscode.TextDocument, start: number, end: number): { start: number; end: number } | undefined {
    // every edit since the publication is known: the extension host fires the change event before any provider call
    if (pub.lost || pub.seen !== doc.version) return undefined;
    let r: { start: number; end: number } | undefined = { start, end };
    for (const c of pub.changes) if (!(r = mapThrough(c, r.start, r.end))) return undefined;
    return r;
  }

  /**
   * The published diagnostics of `doc` where the writer sees them now (VS Code moves the squiggles
   * with the text) that meet `range`, when the document changed since they were published: VS Code
   * gives a code action provider the diagnostics whose published range meets the request, which
   * after an edit above them are the wrong ones, or none. Undefined when nothing changed since.
   */
  movedDiagnosticsAt(doc: vscode.TextDocument, range: vscode.Range): vscode.Diagnostic[] | undefined {
    const pub = this.byUri.get(doc.uri.toString());
    if (!pub || pub.doc !== doc || doc.version === pub.version) return undefined;
    const a = doc.offsetAt(range.start);
    const b = doc.offsetAt(range.end);
    const out: vscode.Diagnostic[] = [];
    for (const [d, f] of pub.findings) {
      const at = this.mapped(pub, doc, f.start, f.end);
      if (at && at.start <= b && a <= at.end) out.push(d);
    }
    return out;
  }

  /**
   * The finding behind `d`, a diagnostic of `doc` as VS Code hands it to a code action provider:
   * the same object that was published (or, should it be a copy, one equal to it).
   */
  findingOf(doc: vscode.TextDocument, d: vscode.Diagnostic): PublishedFinding | undefined {
    const pub = this.byUri.get(doc.uri.toString());
    if (!pub || pub.doc !== doc) return undefined;
    let finding = pub.findings.get(d);
    if (!finding) {
      const code = String(typeof d.code === 'object' ? d.code.value : d.code);
      for (const [p, f] of pub.findings) {
        if (f.ruleId === code && p.message === d.message && p.range.isEqual(d.range)) {
          finding = f;
          break;
        }
      }
    }
    if (!finding) return undefined;
    const offsetAt = (p: { line: number; character: number }): number => {
      const starts = (pub.lineStarts ??= lineStartsOf(pub.text));
      return Math.min((starts[p.line] ?? pub.text.length) + p.character, pub.text.length);
    };
    return { finding, text: pub.text, languageId: pub.languageId, map: (start, end) => this.mapped(pub, doc, start, end), offsetAt };
  }
}

/** What is published now: the code action provider reads the fixes from here. */
export const published = new Publications();

export function registerDiagnostics(services: Services): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const clear = (uri: vscode.Uri): void => {
    collection.delete(uri);
    published.delete(uri);
  };

  const run = async (doc: vscode.TextDocument): Promise<void> => {
    const key = doc.uri.toString();
    if (!services.isLintable(doc)) {
      clear(doc.uri);
      return;
    }
    const version = doc.version;
    const stale = () => doc.isClosed || doc.version !== version;
    try {
      // a large document read for the first time (and any full check, LaTeX's) is checked in steps
      // that yield to typing; a newer version waits for it, then is an incremental update
      const result = await services.lintInSteps(doc, stale);
      // the document may have changed or closed while we worked
      if (!result || stale()) return;
      const findings = new Map<vscode.Diagnostic, Finding>();
      for (const f of result.findings) findings.set(diagnosticOf(f), f);
      // with the text they were computed on (this version's: nothing ran since the check ended)
      published.set(doc, doc.getText(), findings);
      collection.set(doc.uri, [...findings.keys()]);
    } catch (e) {
      services.output.error(`lint failed for ${key}: ${(e as Error).stack ?? String(e)}`);
      clear(doc.uri);
    }
  };

  const schedule = (doc: vscode.TextDocument, delay: number): void => {
    const key = doc.uri.toString();
    const t = timers.get(key);
    if (t) clearTimeout(t);
    if (!services.isLintable(doc)) {
      timers.delete(key);
      clear(doc.uri);
      return;
    }
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      if (!doc.isClosed) void run(doc);
    }, delay));
  };

  const all = (): void => {
    for (const doc of vscode.workspace.textDocuments) schedule(doc, 0);
  };
  all();

  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument((d) => schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      published.changed(e);
      if (e.contentChanges.length) schedule(e.document, services.settings.debounceMs);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const key = d.uri.toString();
      const t = timers.get(key);
      if (t) clearTimeout(t);
      timers.delete(key);
      clear(d.uri);
    }),
    services.onDidChange(all),
    { dispose: () => (timers.forEach((t) => clearTimeout(t)), published.clear()) },
  );
}
