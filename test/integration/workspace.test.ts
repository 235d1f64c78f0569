// The workspace layer in a real VS Code: the shared resolution cases on vscode.workspace.fs, a
// multi-root workspace (each folder its own .imid-lens.json), a Quarto book and a multi-file LaTeX
// thesis, and completion that waits for a bibliography still loading. Event-driven waits only.
import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { locOf, vscodeFs } from '../../src/vscode/workspaceFs';
import { WORKSPACE_CASES, expected, resolveCase } from '../shared/workspaceCases';
import { activate, codeOf, completionLabels, labelOf, positionOf, waitForDiagnostics, workspaceUri } from './helpers';

const unknownKeys = (doc: vscode.TextDocument, d: vscode.Diagnostic[]) => d.filter((x) => codeOf(x) === 'unknown-citation-key').map((x) => doc.getText(x.range)).sort();

function folderUri(name: string, file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(folder, `the workspace has a folder ${name}: ${(vscode.workspace.workspaceFolders ?? []).map((f) => f.name).join(', ')}`);
  return vscode.Uri.joinPath(folder.uri, file);
}

async function citationCompletion(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionList> {
  return vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
}

suite('workspace layer: resolution cases on vscode.workspace.fs', () => {
  let dir: string;

  suiteSetup(async () => {
    dir = path.join(os.tmpdir(), `imid-ws-cases-${process.pid}-${Date.now()}`);
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.file(dir), { recursive: true, useTrash: false });
  });

  WORKSPACE_CASES.forEach((c, i) => {
    test(`workspace (vscode): ${c.name}`, async () => {
      const root = vscode.Uri.file(path.join(dir, String(i)));
      for (const [p, text] of Object.entries(c.files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, p), new TextEncoder().encode(text));
      assert.deepStrictEqual(await resolveCase(c, vscodeFs, locOf(root)), expected(c));
    });
  });
});

suite('workspace layer in the editor', () => {
  suiteSetup(activate);

  test('multi-root: each document gets its own folder\'s .imid-lens.json (a rule off in one folder only, its own bibliography)', async () => {
    assert.ok((vscode.workspace.workspaceFolders ?? []).length >= 3, 'the tests run in a multi-root workspace');
    const a = await vscode.workspace.openTextDocument(folderUri('multiroot-a', 'notes.md'));
    const b = await vscode.workspace.openTextDocument(folderUri('multiroot-b', 'notes.md'));
    assert.strictEqual(a.getText(), b.getText(), 'the same text in both folders');
    // folder A: the misspelling is reported; folder B switches the rule off
    const da = await waitForDiagnostics(a.uri, (d) => unknownKeys(a, d).join() === 'folderbkey2020' && d.some((x) => codeOf(x) === 'misspelled-name'), 'folder A checked with its configuration');
    assert.ok(da.some((x) => codeOf(x) === 'misspelled-name'));
    const db = await waitForDiagnostics(b.uri, (d) => unknownKeys(b, d).join() === 'folderakey2020', 'folder B checked against folder-b.bib');
    assert.ok(!db.some((x) => codeOf(x) === 'misspelled-name'), `misspelled-name is off in folder B: ${db.map(codeOf).join(', ')}`);
    // completion offers each folder's own keys, named after the folder's bibliography
    // (at a folder's own key: the other key of the same citation is left out of the list)
    const sources = async (doc: vscode.TextDocument, key: string) => new Map((await completionLabels(doc, positionOf(doc, `@${key}`, 1))).map((i) => [labelOf(i), typeof i.label === 'string' ? '' : (i.label.detail ?? '').trim()]));
    const sa = await sources(a, 'folderakey2020');
    const sb = await sources(b, 'folderbkey2020');
    assert.strictEqual(sa.get('folderakey2020'), 'folder-a.bib');
    assert.strictEqual(sb.get('folderbkey2020'), 'folder-b.bib');
    assert.ok(![...sa.values()].includes('folder-b.bib') && ![...sb.values()].includes('folder-a.bib'), 'no key from the other folder\'s bibliography');
  });

  test('~/ paths: the Node extension host gives the workspace layer the home folder (the editor used to leave ~/ unread)', () => {
    const api = vscode.extensions.getExtension('imid-lens.imid-lens')!.exports as { services: { workspace: { host: { home?: string } } } };
    assert.strictEqual(api.services.workspace.host.home, locOf(vscode.Uri.file(os.homedir())));
  });

  test('a multi-file LaTeX thesis: chapters know the root\'s bibliography (by %!TEX root, and by being \\input)', async () => {
    for (const [name, missing] of [['intro', 'notinthesis1999'], ['methods', 'notinthesis2000']] as const) {
      const doc = await vscode.workspace.openTextDocument(workspaceUri(`projects/thesis/chapters/${name}.tex`));
      await waitForDiagnostics(doc.uri, (d) => unknownKeys(doc, d).join() === missing, `${name}.tex: only ${missing} unknown`);
      const labels = (await completionLabels(doc, positionOf(doc, '\\cite{', 6))).map(labelOf);
      assert.ok(labels.includes('thesisroot2020') && labels.includes('methodsref2021'), `${name}.tex completion: ${labels.slice(0, 8).join(', ')}`);
    }
  });

  test('a Quarto book: keys from _quarto.yml and the chapter folder\'s _metadata.yml are known', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('projects/book/chapters/results.md'));
    await waitForDiagnostics(doc.uri, (d) => unknownKeys(doc, d).join() === 'notinbook2001', 'results.md: only notinbook2001 unknown');
    const items = await completionLabels(doc, positionOf(doc, '@quartochap2023', 1));
    const from = (key: string) => items.map((i) => (labelOf(i) === key && typeof i.label !== 'string' ? (i.label.detail ?? '').trim() : '')).find(Boolean);
    assert.strictEqual(from('quartobook2022'), 'projects/book/references.bib');
    assert.strictEqual(from('quartochap2023'), 'projects/book/chapters/chapters.bib');
  });

  test('\\citep{ in a .tex file never shown in an editor offers the keys of the .bib next to it at once', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('projects/nearby/draft.tex'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, 5), ' \\citep{');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // no wait for diagnostics or the .bib: the provider waits for what is loading
    const list = await citationCompletion(doc, positionOf(doc, '\\citep{', 7));
    const labels = list.items.map(labelOf);
    assert.ok(labels.includes('nearbyfirst2019'), labels.slice(0, 8).join(', '));
    assert.strictEqual(list.isIncomplete, false, 'nothing was still loading after the wait');
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === doc.uri.toString()), 'the document was never shown');
  });

  test('the wait is bounded and cancellable: past the bound the library says incomplete; a cancelled request gets nothing', async () => {
    type Ready = { library: { sources: Array<{ state: string; entries: ReadonlyMap<string, unknown> }> }; complete: boolean } | undefined;
    const api = vscode.extensions.getExtension('imid-lens.imid-lens')!.exports as { services: { citations?: { libraryWhenReady(doc: vscode.TextDocument, token: vscode.CancellationToken, budgetMs?: number): Promise<Ready> } } };
    const citations = api.services.citations!;
    const bib = workspaceUri('projects/late/late.bib');
    const tex = workspaceUri('projects/late/late.tex');
    await vscode.workspace.fs.writeFile(bib, new TextEncoder().encode('@article{latekey2024,\n  title = {Read after the question},\n  year = {2024}\n}\n'));
    await vscode.workspace.fs.writeFile(tex, new TextEncoder().encode('\\section{Late}\nSee \\cite{latekey2024}.\n'));
    try {
      const doc = await vscode.workspace.openTextDocument(tex);
      const cancelled = new vscode.CancellationTokenSource();
      cancelled.cancel();
      assert.strictEqual(await citations.libraryWhenReady(doc, cancelled.token), undefined, 'a cancelled request');
      const none = new vscode.CancellationTokenSource();
      const early = await citations.libraryWhenReady(doc, none.token, 0);
      assert.ok(early && !early.complete, 'with no time to wait, the answer says it is incomplete');
      const full = await citations.libraryWhenReady(doc, none.token);
      assert.ok(full?.complete, 'within the bound everything loaded');
      assert.ok(full.library.sources.some((s) => s.state === 'ready' && s.entries.has('latekey2024')), JSON.stringify(full.library.sources.map((s) => s.state)));
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(bib, '..'), { recursive: true, useTrash: false });
    }
  });
});
