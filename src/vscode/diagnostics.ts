/**
 * Diagnostics: linted on open and (debounced) on typing, version-guarded so a
 * stale result never lands, cleared when the document closes.
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

export function registerDiagnostics(services: Services): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection(SOURCE);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const run = async (doc: vscode.TextDocument): Promise<void> => {
    const key = doc.uri.toString();
    if (!services.isLintable(doc)) {
      collection.delete(doc.uri);
      return;
    }
    const version = doc.version;
    const stale = () => doc.isClosed || doc.version !== version;
    try {
      // a large document read for the first time is checked in steps that yield to typing and
      // stop when a newer version arrives; afterwards every edit is an incremental update
      const result = await services.lintInSteps(doc, stale);
      // the document may have changed or closed while we worked
      if (!result || stale()) return;
      collection.set(doc.uri, result.findings.map(diagnosticOf));
    } catch (e) {
      services.output.error(`lint failed for ${key}: ${(e as Error).stack ?? String(e)}`);
      collection.delete(doc.uri);
    }
  };

  const schedule = (doc: vscode.TextDocument, delay: number): void => {
    const key = doc.uri.toString();
    const t = timers.get(key);
    if (t) clearTimeout(t);
    if (!services.isLintable(doc)) {
      timers.delete(key);
      collection.delete(doc.uri);
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
      if (e.contentChanges.length) schedule(e.document, services.settings.debounceMs);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      const key = d.uri.toString();
      const t = timers.get(key);
      if (t) clearTimeout(t);
      timers.delete(key);
      collection.delete(d.uri);
    }),
    services.onDidChange(all),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}
