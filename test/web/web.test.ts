// The browser bundle (dist/web/extension.js) in VS Code's web worker extension host:
// hover, completion, diagnostics and quick fixes with no Node API; the workspace is a
// virtual file system (vscode-test-web://mount/), read through vscode.workspace.fs.
import * as vscode from 'vscode';

// node:assert does not exist in a web worker; these three are all the suite needs.
const assert = {
  ok(v: unknown, msg = 'expected a truthy value'): asserts v {
    if (!v) throw new Error(msg);
  },
  strictEqual<T>(a: T, b: T, msg?: string): void {
    if (a !== b) throw new Error(msg ?? `expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
  },
  match(s: string, re: RegExp): void {
    if (!re.test(s)) throw new Error(`expected ${re} to match ${JSON.stringify(s.slice(0, 300))}`);
  },
};

function uri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is mounted');
  return vscode.Uri.joinPath(folder.uri, name);
}

function text(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n');
}

function ours(u: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(u).filter((d) => d.source === 'imid-lens');
}

function waitFor(u: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const done = (): boolean => {
      const d = ours(u);
      if (!ok(d)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((x) => x.toString() === u.toString())) done();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, 20000);
    done();
  });
}

/**
 * VS Code answers a code action request with no action at all when the set of code action
 * providers for the document changes while the request runs (it cancels the request): opening the
 * first Markdown document starts VS Code's Markdown language features, whose language server
 * registers its providers a moment later, later still on a cold first run. The suite starts once
 * that has happened: the language server answers (document symbols) only after it registered.
 */
async function markdownProvidersRegistered(d: vscode.TextDocument): Promise<void> {
  await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
  const t0 = Date.now();
  for (;;) {
    const symbols = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', d.uri);
    if (symbols?.length) return;
    assert.ok(Date.now() - t0 < 45000, 'the Markdown language server started within 45 s');
    await new Promise((resolve) => setTimeout(resolve, 25)); // VS Code has no event for a provider registered
  }
}

suite('imid-lens in the browser extension host', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    doc = await vscode.workspace.openTextDocument(uri('manuscript.md'));
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension('imid-lens.imid-lens');
    assert.ok(ext);
    await ext.activate();
    await markdownProvidersRegistered(doc);
  });

  test('runs without Node: no process, a virtual workspace', () => {
    assert.strictEqual(typeof (globalThis as { process?: unknown }).process, 'undefined');
    assert.strictEqual(doc.uri.scheme, 'vscode-test-web');
  });

  test('hover on a brand and a research code', async () => {
    const at = (needle: string) => doc.positionAt(doc.getText().indexOf(needle) + 2);
    const brand = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at('Revlimid'));
    assert.match(text(brand), /\*\*Revlimid\*\* is a brand of \*\*lenalidomide\*\*/);
    const code = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at('CC-5013'));
    assert.match(text(code), /research code of \*\*lenalidomide\*\*/);
  });

  test('diagnostics and a quick fix', async () => {
    const diags = await waitFor(doc.uri, (d) => d.some((x) => x.code === 'apremilast-not-imid'), 'the apremilast finding');
    const claim = diags.find((x) => x.code === 'apremilast-not-imid')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, claim.range);
    const rewrite = actions.find((a) => a.title.includes('phosphodiesterase-4'));
    assert.ok(rewrite?.edit);
    assert.ok(await vscode.workspace.applyEdit(rewrite.edit));
    await waitFor(doc.uri, (d) => !d.some((x) => x.code === 'apremilast-not-imid'), 'the finding to go');
    await vscode.commands.executeCommand('undo');
  });

  test('fact frames run in the browser: a pronoun resolved to the paragraph\'s drug, checked against the approvals table', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(doc.getText().length), '\n\nLenalidomide is given with dexamethasone. It was approved by the FDA in 2003.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diags = await waitFor(doc.uri, (d) => d.some((x) => x.code === 'fact-approval'), 'the fact-approval finding');
    const f = diags.find((x) => x.code === 'fact-approval')!;
    assert.strictEqual(doc.getText(f.range), '2003');
    assert.match(f.message, /The FDA did not approve lenalidomide in 2003/);
    await vscode.commands.executeCommand('undo');
    await waitFor(doc.uri, (d) => !d.some((x) => x.code === 'fact-approval'), 'the finding to go');
  });

  test('drug-name completion', async () => {
    const edit = new vscode.WorkspaceEdit();
    // mid-sentence: a brand completes to the lower-case INN (at a sentence start the writer's capital stays)
    edit.insert(doc.uri, doc.positionAt(doc.getText().length), '\nPatients took Revl');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(doc.getText().length));
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Revlimid');
    assert.strictEqual(item?.insertText, 'lenalidomide');
    await vscode.commands.executeCommand('undo');
  });

  test('citations: keys from refs.bib (read through workspace.fs) complete; an unknown key is flagged', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(doc.getText().length), '\nCited [@nosuchkey2099]. More [@');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const end = doc.positionAt(doc.getText().length);
    let labels: string[] = [];
    // the bibliography loads asynchronously after the document opens: ask again on each diagnostics change
    await new Promise<void>((resolve, reject) => {
      const attempt = async (): Promise<boolean> => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end, '@');
        labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return labels.includes('schafer2014');
      };
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`no schafer2014 in ${labels.slice(0, 10).join(', ')}`));
      }, 20000);
      const sub = vscode.languages.onDidChangeDiagnostics(() => void attempt().then((ok) => ok && (sub.dispose(), clearTimeout(timer), resolve())));
      void attempt().then((ok) => ok && (sub.dispose(), clearTimeout(timer), resolve()));
    });
    await waitFor(doc.uri, (d) => d.some((x) => x.code === 'unknown-citation-key'), 'the unknown key');
    await vscode.commands.executeCommand('undo');
  });

  test('language model tools: listed, and both answer through vscode.lm.invokeTool', async () => {
    const names = vscode.lm.tools.map((t) => t.name);
    assert.ok(names.includes('imid-lens_check_text') && names.includes('imid-lens_lookup_term'), names.join(', '));
    const answer = async (name: string, input: object) => (await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined })).content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
    assert.match(await answer('imid-lens_check_text', { text: 'Lenalidomide inhibits cereblon.' }), /imid-inhibits-cereblon at line 1, column 1[\s\S]*doi:10\.1126\/science\.1244851/);
    assert.match(await answer('imid-lens_lookup_term', { name: 'Revlimd' }), /Did you mean: Revlimid/);
  });

  test('a LaTeX chapter completes the keys of its root\'s bibliography (%!TEX root, read through workspace.fs), asked once', async () => {
    const chapter = await vscode.workspace.openTextDocument(uri('projects/thesis/chapters/intro.tex'));
    const at = chapter.positionAt(chapter.getText().indexOf('\\citep{') + 7);
    // no retry: the provider waits for the root, the resolution and the .bib still loading
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', chapter.uri, at);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('thesisroot2020') && labels.includes('methodsref2021'), labels.slice(0, 10).join(', '));
  });
});
