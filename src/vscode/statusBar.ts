/**
 * The status bar item for the active document: "loading" while the term
 * database is built, "checking" while the document's current text has not been
 * checked yet, then "N problems" (IMiD Lens's own diagnostics of that document).
 * A click opens the Problems view, or the log while loading and after an error.
 * Hidden for documents IMiD Lens does not read.
 */
import * as vscode from 'vscode';
import { SOURCE, type Services } from './services';

export type StatusBarState = 'hidden' | 'loading' | 'checking' | 'problems' | 'error';

/** What the item shows now: read by the integration tests through the extension's API. */
export interface StatusBarHook {
  readonly state: StatusBarState;
  readonly text: string;
  readonly tooltip: string;
  readonly command: string | undefined;
  /** The document the item is about. */
  readonly uri: string | undefined;
  /** Fires after every update of the item. */
  readonly onDidUpdate: vscode.Event<void>;
}

export const PROBLEMS_COMMAND = 'workbench.actions.view.problems';
export const LOG_COMMAND = 'imidLens.showOutput';

export function registerStatusBar(services: Services): { statusBar: StatusBarHook; disposable: vscode.Disposable } {
  const item = vscode.window.createStatusBarItem('imidLens.status', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('IMiD Lens');
  const updated = new vscode.EventEmitter<void>();
  let state: StatusBarState = 'hidden';
  let uri: string | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const show = (next: StatusBarState, text: string, tooltip: string, command: string): void => {
    state = next;
    item.text = text;
    item.tooltip = tooltip;
    item.command = command;
    item.show();
  };

  const update = (): void => {
    pending = undefined;
    const doc = vscode.window.activeTextEditor?.document;
    uri = doc?.uri.toString();
    if (!doc || !services.isLintable(doc)) {
      state = 'hidden';
      item.hide();
    } else if (services.lastError) {
      show('error', `$(error) ${vscode.l10n.t('IMiD Lens')}`, vscode.l10n.t('IMiD Lens: {0}. Click for the log.', services.lastError), LOG_COMMAND);
    } else if (!services.engineReady) {
      show('loading', `$(loading~spin) ${vscode.l10n.t('IMiD Lens: loading')}`, vscode.l10n.t('IMiD Lens is loading its term database. Click for the log.'), LOG_COMMAND);
    } else if (!services.cached(doc)) {
      show('checking', `$(sync~spin) ${vscode.l10n.t('IMiD Lens: checking')}`, vscode.l10n.t('IMiD Lens is checking this document. Click for the log.'), LOG_COMMAND);
    } else {
      const n = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE).length;
      const text = n === 0 ? vscode.l10n.t('IMiD Lens: no problems') : n === 1 ? vscode.l10n.t('IMiD Lens: 1 problem') : vscode.l10n.t('IMiD Lens: {0} problems', n);
      show('problems', `$(${n ? 'warning' : 'check'}) ${text}`, vscode.l10n.t('IMiD Lens: problems in this document. Click for the Problems view.'), PROBLEMS_COMMAND);
    }
    updated.fire();
  };

  // a check is published right after it is remembered: count once the diagnostics are in
  const later = (): void => {
    pending ??= setTimeout(update, 0);
  };

  update();
  const statusBar: StatusBarHook = {
    get state() {
      return state;
    },
    get text() {
      return item.text;
    },
    get tooltip() {
      return typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value ?? '';
    },
    get command() {
      return typeof item.command === 'string' ? item.command : item.command?.command;
    },
    get uri() {
      return uri;
    },
    onDidUpdate: updated.event,
  };
  const disposable = vscode.Disposable.from(
    item,
    updated,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) update();
    }),
    vscode.workspace.onDidCloseTextDocument(later),
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (uri && e.uris.some((u) => u.toString() === uri)) later();
    }),
    services.onDidChangeState(later),
    services.onDidChange(later),
    { dispose: () => pending && clearTimeout(pending) },
  );
  return { statusBar, disposable };
}
