/**
 * The getting-started walkthrough's command: opens the sample manuscript (bundled with
 * the extension) as an untitled Markdown document, so hover, citation completion and
 * quick fixes can be tried anywhere, offline, without touching the user's files.
 *
 * An untitled document has no folder, so the sample names no bibliography: its citation
 * keys are checked against the bundled references, and nothing can be missing from a
 * .bib. The note at its top says so, instead of promising the "Add entry" quick fix of
 * examples/manuscript.md (which works there, next to examples/references.bib).
 */
import * as vscode from 'vscode';
import sample from '../../examples/manuscript.md';

/** What to try in the untitled sample: replaces the first comment of examples/manuscript.md. */
export const SAMPLE_NOTE = `<!-- Hover any drug, brand, code name or protein. Problems (Ctrl+Shift+M) lists the
     outdated claims; the light bulb (Ctrl+.) offers rewrites, citations and fixes.
     This copy is untitled and names no bibliography, so citation keys such as
     [@kronke2015] are checked against the bundled references. Saved in a folder with a
     bibliography (front matter "bibliography: references.bib"), a bundled key missing
     from it gets an "Add entry" quick fix, and Insert citation adds the entries itself. -->`;

/** The sample without its `bibliography:` line (an untitled document has no folder to resolve it in), and a note that says so. */
export function sampleText(): string {
  const text = sample.replace(/^bibliography:.*\r?\n/m, '');
  return /<!--[\s\S]*?-->/.test(text) ? text.replace(/<!--[\s\S]*?-->/, SAMPLE_NOTE) : text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, (fm) => `${fm}\n${SAMPLE_NOTE}\n`);
}

export function registerWalkthrough(): vscode.Disposable {
  return vscode.commands.registerCommand('imidLens.openSample', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: sampleText() });
    await vscode.window.showTextDocument(doc);
    return doc;
  });
}
