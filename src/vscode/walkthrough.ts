/**
 * The getting-started walkthrough's command: opens the sample manuscript (bundled with
 * the extension) as an untitled Markdown document, so hover, citation completion and
 * quick fixes can be tried anywhere, offline, without touching the user's files.
 */
import * as vscode from 'vscode';
import sample from '../../examples/manuscript.md';

/** The sample, without its `bibliography:` line: an untitled document has no folder to resolve it in. */
export function sampleText(): string {
  return sample.replace(/^bibliography:.*\r?\n/m, '');
}

export function registerWalkthrough(): vscode.Disposable {
  return vscode.commands.registerCommand('imidLens.openSample', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: sampleText() });
    await vscode.window.showTextDocument(doc);
    return doc;
  });
}
