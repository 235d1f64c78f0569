// A writer's first hour in a real VS Code (issue 14): completion in the writer's capitalisation,
// the star and the source of citation keys, the status bar item, the term sheet that stays open,
// and "Insert citation" adding what the bibliography lacks. Event-driven waits only.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXT_ID, activate, appendText, codeOf, completionLabels, labelOf, ours, positionOf, waitForDiagnostics, workspaceUri } from './helpers';

interface StatusBarHook {
  readonly state: 'hidden' | 'loading' | 'checking' | 'problems' | 'error';
  readonly text: string;
  readonly tooltip: string;
  readonly command: string | undefined;
  readonly uri: string | undefined;
  readonly onDidUpdate: vscode.Event<void>;
}

function statusBar(): StatusBarHook {
  return (vscode.extensions.getExtension(EXT_ID)!.exports as { statusBar: StatusBarHook }).statusBar;
}

/** Resolves when the status bar item satisfies `ok` (now or after one of its updates); rejects after `ms` with what it shows. */
function waitForStatus(ok: (s: StatusBarHook) => boolean, what: string, ms = 20000): Promise<StatusBarHook> {
  const s = statusBar();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!ok(s)) return;
      cleanup();
      resolve(s);
    };
    const sub = s.onDidUpdate(check);
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for the status bar to show ${what}; it shows ${JSON.stringify({ state: s.state, text: s.text, uri: s.uri })}`));
    }, ms);
    function cleanup() {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

async function untitled(content: string, language = 'markdown'): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function itemsAtEnd(doc: vscode.TextDocument, trigger?: string): Promise<vscode.CompletionItem[]> {
  return completionLabels(doc, doc.positionAt(doc.getText().length), trigger);
}

const insertOf = (i: vscode.CompletionItem) => (typeof i.insertText === 'string' ? i.insertText : i.insertText?.value);

/** Removes text appended at the end (an edit, not undo: undo acts on whatever has the focus). */
async function removeTail(doc: vscode.TextDocument, tail: string): Promise<void> {
  const at = doc.getText().lastIndexOf(tail);
  assert.ok(at >= 0 && at + tail.length === doc.getText().length, `"${tail}" ends ${doc.uri.toString()}`);
  const edit = new vscode.WorkspaceEdit();
  edit.delete(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(doc.getText().length)));
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** Closes an editor without saving (untitled documents would otherwise ask). */
async function discard(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('a writer\'s first hour in a real VS Code', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('completion keeps the writer\'s capitalisation: "Pomalidamid" → "Pomalidomide"; a brand mid-sentence → the lower-case INN', async () => {
    const start = await untitled('Lenalidomide is approved in myeloma. Pomalidamid');
    const pom = (await itemsAtEnd(start)).find((i) => /^pomalidomide$/i.test(labelOf(i)));
    assert.ok(pom, 'pomalidomide offered');
    assert.strictEqual(insertOf(pom), 'Pomalidomide');
    assert.strictEqual(labelOf(pom), 'Pomalidomide', 'the list shows what is inserted');

    const mid = await untitled('In the US it is sold as Revl');
    let items = await itemsAtEnd(mid);
    const revlimid = items.find((i) => labelOf(i) === 'Revlimid');
    assert.strictEqual(revlimid && insertOf(revlimid), 'lenalidomide');
    assert.ok(!items.some((i) => /cereblon|CRBN/i.test(labelOf(i))), `no protein for "Revl": ${items.map(labelOf).join(', ')}`);

    const atStart = await untitled('It is approved. Revl');
    items = await itemsAtEnd(atStart);
    const cap = items.find((i) => labelOf(i) === 'Revlimid');
    assert.strictEqual(cap && insertOf(cap), 'Lenalidomide', 'a sentence start keeps the capital');
    for (const d of [start, mid, atStart]) await discard(d);
  });

  test('citation completion: the star only on the papers behind the drug of the sentence; where each key comes from', async () => {
    const doc = await untitled('Pomalidomide is approved for relapsed myeloma [@');
    const items = (await itemsAtEnd(doc, '@')).filter((i) => i.kind === vscode.CompletionItemKind.Reference && typeof i.label !== 'string');
    const label = (key: string) => items.find((i) => labelOf(i) === key)?.label as vscode.CompletionItemLabel | undefined;
    assert.match(label('blood2013pomalidomide')?.description ?? '', /^★ /);
    assert.doesNotMatch(label('kronke2014')?.description ?? 'missing', /★/, 'a lenalidomide paper is not starred here');
    assert.ok(items.some((i) => !(i.label as vscode.CompletionItemLabel).description?.startsWith('★')));
    assert.strictEqual(label('kronke2014')?.detail, ' bundled', 'without a bibliography every key is a bundled one');
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map(labelOf);
    assert.ok(sorted.indexOf('blood2013pomalidomide') < sorted.indexOf('kronke2014'), 'pomalidomide papers first');
    await discard(doc);
  });

  test('status bar: "N problems" for the active document, "checking" while an edit waits, hidden elsewhere; a click opens the Problems view', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('claims-review.md'));
    await vscode.window.showTextDocument(doc);
    const counted = (n: number) => (s: StatusBarHook) => s.uri === doc.uri.toString() && s.state === 'problems' && s.text.endsWith(`IMiD Lens: ${n} problems`);
    await waitForStatus((s) => s.uri === doc.uri.toString() && s.state === 'problems' && ours(doc.uri).length > 1 && counted(ours(doc.uri).length)(s), 'the number of problems of claims-review.md');
    const before = ours(doc.uri).length;
    assert.match(statusBar().text, /^\$\(warning\) IMiD Lens: \d+ problems$/);
    assert.strictEqual(statusBar().command, 'workbench.actions.view.problems');
    await vscode.commands.executeCommand(statusBar().command!);

    const seen: string[] = [];
    const sub = statusBar().onDidUpdate(() => seen.push(statusBar().state));
    await appendText(doc, '\nRevlimid is made by Celgene.\n');
    assert.strictEqual(statusBar().state, 'checking', 'the edit is not checked yet');
    assert.strictEqual(statusBar().command, 'imidLens.showOutput');
    await waitForStatus((s) => s.state === 'problems' && ours(doc.uri).length > before && counted(ours(doc.uri).length)(s), 'one problem more after the edit');
    sub.dispose();
    assert.deepStrictEqual([...new Set(seen)], ['checking', 'problems']);
    await removeTail(doc, '\nRevlimid is made by Celgene.\n');
    await waitForStatus(counted(before), `${before} problems once the sentence is gone`);

    const json = await vscode.workspace.openTextDocument({ language: 'json', content: '{}' });
    await vscode.window.showTextDocument(json);
    await waitForStatus((s) => s.state === 'hidden', 'nothing for a JSON document');
    await discard(json);
    await vscode.window.showTextDocument(doc);
    await waitForStatus(counted(before), 'the manuscript\'s count again');

    const clean = await untitled('Lenalidomide is an IMiD.');
    await waitForStatus((s) => s.uri === clean.uri.toString() && s.state === 'problems', 'a checked untitled document');
    assert.strictEqual(statusBar().text, '$(check) IMiD Lens: no problems');
    await discard(clean);
  });

  test('status bar: "loading" (click for the log) while the term database is built again after a settings change', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('claims-review.md'));
    await vscode.window.showTextDocument(doc);
    await waitForStatus((s) => s.uri === doc.uri.toString() && s.state === 'problems', 'the manuscript checked');
    const seen: Array<[string, string | undefined]> = [];
    const sub = statusBar().onDidUpdate(() => seen.push([statusBar().state, statusBar().command]));
    const config = vscode.workspace.getConfiguration('imidLens');
    try {
      await config.update('debounceMs', 150, vscode.ConfigurationTarget.Workspace);
      await waitForStatus((s) => s.state === 'problems' && seen.some(([state]) => state === 'loading'), 'loading, then the problems again');
    } finally {
      sub.dispose();
      await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.deepStrictEqual(seen.find(([state]) => state === 'loading'), ['loading', 'imidLens.showOutput']);
    assert.match(statusBar().text, /IMiD Lens: \d+ problems$/);
  });

  test('term sheet: a read-only imid-lens-term: document in a locked preview that stays when the writer clicks back into the manuscript', async () => {
    const manuscript = await vscode.workspace.openTextDocument(workspaceUri('celmods.md'));
    const editor = await vscode.window.showTextDocument(manuscript, vscode.ViewColumn.One);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const sheetTab = () => tabs().find((t) => t.input instanceof vscode.TabInputWebview && /mezigdomide\.md/.test(t.label));
    const shown = new Promise<void>((resolve) => {
      if (sheetTab()) return resolve();
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (!sheetTab()) return;
        sub.dispose();
        resolve();
      });
    });
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('imidLens.openTermSheet', 'mezigdomide');
    assert.strictEqual(doc.uri.scheme, 'imid-lens-term');
    assert.strictEqual(doc.uri.path, '/mezigdomide.md');
    assert.strictEqual(doc.languageId, 'markdown');
    await shown;
    assert.match(sheetTab()!.label, /^\[Preview\] mezigdomide\.md$/, 'a locked preview (an unlocked one is titled "Preview …" and follows the active editor)');
    assert.notStrictEqual(sheetTab()!.group.viewColumn, editor.viewColumn, 'beside the manuscript');

    // the writer clicks back into the manuscript and types
    await vscode.window.showTextDocument(manuscript, editor.viewColumn);
    assert.strictEqual(vscode.window.activeTextEditor?.document, manuscript);
    await appendText(manuscript, '\nA new sentence about pomalidomide.');
    assert.ok(sheetTab(), `the sheet is still open: ${tabs().map((t) => t.label).join(', ')}`);
    assert.ok(!tabs().some((t) => t.input instanceof vscode.TabInputWebview && /celmods\.md/.test(t.label)), 'no preview of the manuscript appeared');
    assert.ok(vscode.workspace.textDocuments.some((d) => d.uri.toString() === doc.uri.toString()), 'the imid-lens-term: document is open');
    // leave the manuscript and the editors as they were
    const added = manuscript.getText().lastIndexOf('\nA new sentence about pomalidomide.');
    const restore = new vscode.WorkspaceEdit();
    restore.delete(manuscript.uri, new vscode.Range(manuscript.positionAt(added), manuscript.positionAt(manuscript.getText().length)));
    assert.ok(await vscode.workspace.applyEdit(restore));
    await vscode.window.tabGroups.close(sheetTab()!);
    assert.ok(!manuscript.getText().includes('A new sentence about pomalidomide'), 'the manuscript as it was');
  });

  suite('Insert citation adds what the bibliography lacks, in the same step', () => {
    interface InsertResult {
      keys: string[];
      added: string[];
      bibliography?: string;
      notAdded?: { keys: string[]; why: string };
    }
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(workspaceUri(name), new TextEncoder().encode(text));
    const unknownKeys = (d: vscode.Diagnostic[]) => d.filter((x) => codeOf(x) === 'unknown-citation-key');

    test('a .bib named by the document: the missing bundled entries are appended (saved), the citation inserted, no unknown key', async () => {
      await write('first-hour/refs.bib', '@article{lu2014,\n  author = {Lu, Gang},\n  title = {The myeloma drug lenalidomide},\n  year = {2014}\n}\n');
      await write('first-hour/draft.md', '---\nbibliography: refs.bib\n---\n\nPomalidomide degrades Ikaros.\n');
      const doc = await vscode.workspace.openTextDocument(workspaceUri('first-hour/draft.md'));
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(doc.positionAt(doc.getText().indexOf('.\n', 30)), doc.positionAt(doc.getText().indexOf('.\n', 30)));
      const result = await vscode.commands.executeCommand<InsertResult>('imidLens.insertCitation', { uri: doc.uri.toString(), keys: ['kronke2014', 'lu2014', 'blood2013pomalidomide'] });
      assert.deepStrictEqual(result.added, ['kronke2014', 'blood2013pomalidomide'], `lu2014 is already there: ${JSON.stringify(result)}`);
      assert.strictEqual(result.bibliography, 'refs.bib');
      assert.strictEqual(result.notAdded, undefined);
      assert.match(doc.getText(), /Pomalidomide degrades Ikaros \[@kronke2014; @lu2014; @blood2013pomalidomide\]\.\n/);
      const bib = await vscode.workspace.openTextDocument(workspaceUri('first-hour/refs.bib'));
      assert.strictEqual(bib.isDirty, false, 'saved');
      const text = bib.getText();
      assert.match(text, /\n\n@article\{kronke2014,\n/);
      assert.match(text, /@article\{blood2013pomalidomide,/);
      assert.strictEqual(text.match(/@article\{lu2014,/g)?.length, 1);
      assert.doesNotMatch(text, /note\s*=|not verified|Descriptive title/, 'no editorial notes in the writer\'s file');
      await waitForDiagnostics(doc.uri, (d) => unknownKeys(d).length === 0, 'no unknown key after the insertion');
      await doc.save();
    });

    test('completion tells the writer\'s keys from bundled ones: "refs.bib" or "bundled" after the key', async () => {
      const doc = await vscode.workspace.openTextDocument(workspaceUri('first-hour/draft.md'));
      await vscode.window.showTextDocument(doc);
      await appendText(doc, '\nLenalidomide degrades Ikaros [@');
      const items = (await itemsAtEnd(doc, '@')).filter((i) => typeof i.label !== 'string');
      const detail = (key: string) => (items.find((i) => labelOf(i) === key)?.label as vscode.CompletionItemLabel | undefined)?.detail;
      assert.strictEqual(detail('lu2014'), ' refs.bib', 'the writer\'s entry (a bundled key too)');
      assert.strictEqual(detail('kronke2014'), ' refs.bib', 'added by Insert citation');
      assert.strictEqual(detail('schafer2014'), ' bundled');
      await removeTail(doc, '\nLenalidomide degrades Ikaros [@');
      await doc.save();
    });

    test('a CSL-YAML bibliography cannot take entries: the citation is inserted and the writer is told why', async () => {
      await write('first-hour/refs.yaml', '- id: mine2020\n  type: article-journal\n  title: Pomalidomide in practice\n  issued:\n    date-parts: [[2020]]\n');
      await write('first-hour/yaml.md', '---\nbibliography: refs.yaml\n---\n\nPomalidomide is approved.\n');
      const doc = await vscode.workspace.openTextDocument(workspaceUri('first-hour/yaml.md'));
      const editor = await vscode.window.showTextDocument(doc);
      const at = doc.positionAt(doc.getText().length - 2);
      editor.selection = new vscode.Selection(at, at);
      const result = await vscode.commands.executeCommand<InsertResult>('imidLens.insertCitation', { uri: doc.uri.toString(), keys: ['mine2020', 'kronke2014'] });
      assert.deepStrictEqual(result.added, []);
      assert.deepStrictEqual(result.notAdded?.keys, ['kronke2014']);
      assert.match(result.notAdded!.why, /refs\.yaml is csl-yaml; IMiD Lens adds entries to BibTeX and CSL-JSON files only/);
      assert.match(doc.getText(), /approved \[@mine2020; @kronke2014\]\.\n$/);
      await doc.save();
    });

    test('the quick pick: the hover\'s suggestions come first and ticked; accepting cites them', async () => {
      const doc = await untitled('Pomalidomide degrades Ikaros');
      const done = { value: false };
      const inserted = vscode.commands.executeCommand<InsertResult>('imidLens.insertCitation', { uri: doc.uri.toString(), offset: doc.getText().length, suggested: ['blood2013pomalidomide', 'kronke2014'] });
      void inserted.then(() => (done.value = true));
      // no API event says a quick pick is showing: accept until it has been accepted (bounded)
      for (let i = 0; i < 100 && !done.value; i++) {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        if (!done.value) await new Promise((r) => setTimeout(r, 100));
      }
      const result = await inserted;
      assert.deepStrictEqual(result && result.keys, ['blood2013pomalidomide', 'kronke2014']);
      assert.match(doc.getText(), /^Pomalidomide degrades Ikaros \[@blood2013pomalidomide; @kronke2014\]$/);
      await discard(doc);
    });

    test('no bibliography: the citation is inserted, nothing is added, and the writer is told why', async () => {
      const doc = await untitled('Lenalidomide degrades IKZF1.');
      const result = await vscode.commands.executeCommand<InsertResult>('imidLens.insertCitation', { uri: doc.uri.toString(), keys: ['kronke2014'] });
      assert.deepStrictEqual([result.added, result.notAdded, result.bibliography], [[], undefined, undefined]);
      assert.match(doc.getText(), /\[@kronke2014\]/);
      await discard(doc);
    });
  });

  test('walkthrough: the untitled sample promises only what can happen there (no bibliography, bundled keys, no "Add entry")', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('imidLens.openSample');
    assert.strictEqual(doc.uri.scheme, 'untitled');
    const text = doc.getText();
    assert.doesNotMatch(text, /^bibliography:/m);
    assert.doesNotMatch(text, /quick\s+fix adds the entry/, 'the promise examples/manuscript.md makes next to its .bib');
    assert.match(text.replace(/\s+/g, ' '), /names no bibliography, so citation keys such as \[@kronke2015\] are checked against the bundled references/);
    // and so it is: the keys are known, no quick fix offers to add an entry, Insert citation adds nothing
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'apremilast-not-imid'), 'the sample checked');
    assert.deepStrictEqual(ours(doc.uri).filter((d) => codeOf(d) === 'unknown-citation-key'), []);
    const at = positionOf(doc, '@kronke2015]', 3, 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at));
    assert.ok(!actions.some((a) => /Add entry/.test(a.title)), actions.map((a) => a.title).join(' | '));
    const result = await vscode.commands.executeCommand<{ added: string[]; bibliography?: string }>('imidLens.insertCitation', { uri: doc.uri.toString(), keys: ['lu2014'] });
    assert.deepStrictEqual([result.added, result.bibliography], [[], undefined]);
    await discard(doc);
  });

  test('the engine is built once: reading an unchanged .imid-lens.json again keeps it (the log said "engine ready" twice)', async () => {
    const services = (vscode.extensions.getExtension(EXT_ID)!.exports as { services: { engine: object; loadConfig(): Promise<void> } }).services;
    const engine = services.engine;
    await services.loadConfig();
    assert.strictEqual(services.engine, engine);
  });
});
