// Shared helpers for the integration suites: event-driven waits, no sleeps.
import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXT_ID = 'imid-lens.imid-lens';

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function activate(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `${EXT_ID} is installed`);
  await ext.activate();
  await (markdownReady ??= markdownProvidersRegistered());
}

let markdownReady: Promise<void> | undefined;

/**
 * VS Code answers a code action request with no action at all when the set of code action
 * providers for the document changes while the request runs (it cancels the request): the first
 * Markdown document starts VS Code's Markdown language features, whose language server registers
 * its providers a moment later (0 actions for a published diagnostic in that window, measured).
 * The suites start once that has happened: the server answers (document symbols) only after it
 * registered its providers.
 */
export async function markdownProvidersRegistered(): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri('manuscript.md'));
  await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
  const t0 = Date.now();
  for (;;) {
    const symbols = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    if (symbols?.length) break;
    assert.ok(Date.now() - t0 < 30000, 'the Markdown language server started within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 25)); // VS Code has no event for a provider registered
  }
}

export async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

export function positionOf(doc: vscode.TextDocument, needle: string, delta = 1, occurrence = 0): vscode.Position {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = doc.getText().indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `"${needle}" is in ${doc.uri.toString()}`);
  return doc.positionAt(offset + delta);
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))
    .join('\n');
}

export async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hoverText(hovers.filter((h) => hoverText([h]).includes('As of')));
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'imid-lens');
}

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/**
 * Resolves when the document's imid-lens diagnostics satisfy `ok`, checking now and
 * on every onDidChangeDiagnostics event; rejects after `ms` with what was seen.
 */
export function waitForDiagnostics(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, what: string, ms = 20000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const d = ours(uri);
      if (ok(d)) {
        cleanup();
        resolve(d);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(ours(uri).map((d) => [codeOf(d), d.range.start.line, d.message]))}`));
    }, ms);
    function cleanup(): void {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

export async function completionLabels(doc: vscode.TextDocument, pos: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos, trigger);
  return list.items;
}

export function labelOf(i: vscode.CompletionItem): string {
  return typeof i.label === 'string' ? i.label : i.label.label;
}

/** Replaces the whole text of a document through a WorkspaceEdit. */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

export async function appendText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(doc.getText().length), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}
