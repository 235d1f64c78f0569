// The product path in a real VS Code: hover, completion, diagnostics and code actions
// through the real providers (vscode.execute*Provider), waits on real events.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, appendText, codeOf, completionLabels, hoverAt, labelOf, open, ours, positionOf, waitForDiagnostics } from './helpers';

suite('imid-lens in a real VS Code', () => {
  let md: vscode.TextDocument;

  suiteSetup(async () => {
    md = await open('manuscript.md');
    await activate();
  });

  test('runs in the Node.js extension host of a real VS Code', () => {
    assert.strictEqual(typeof process.versions.node, 'string');
    assert.match(vscode.version, /^1\.\d+/);
    const ext = vscode.extensions.getExtension('imid-lens.imid-lens')!;
    console.log(`vscode ${vscode.version} (${vscode.env.appName}), node ${process.version}, imid-lens from ${ext.extensionPath}`);
    if (process.env.IMID_LENS_EXPECT_INSTALLED === '1') {
      // the packaged run: the extension comes from the installed .vsix, not from the repository
      assert.match(ext.extensionPath, /[\\/]extensions[\\/]imid-lens\.imid-lens-\d+\.\d+\.\d+$/);
    }
  });

  test('hover on an INN, a brand, a research code and a protein', async () => {
    const inn = await hoverAt(md, positionOf(md, 'Lenalidomide (Revlimid)', 2));
    assert.match(inn, /### lenalidomide · drug/);
    assert.match(inn, /doi\.org\/10\.1126\/science\.1244851/, 'references are DOI links');
    const brand = await hoverAt(md, positionOf(md, 'Revlimid', 3));
    assert.match(brand, /\*\*Revlimid\*\* is a brand of \*\*lenalidomide\*\*/);
    const code = await hoverAt(md, positionOf(md, 'CC-5013', 4));
    assert.match(code, /\*\*CC-5013\*\* is a research code of \*\*lenalidomide\*\*/);
    const protein = await hoverAt(md, positionOf(md, 'Cereblon is', 3));
    assert.match(protein, /### cereblon · protein/);
  });

  test('no hover inside a fenced code block or a URL', async () => {
    assert.strictEqual(await hoverAt(md, positionOf(md, 'lenalidomide <- read', 3)), '');
    assert.strictEqual(await hoverAt(md, positionOf(md, 'Revlimid/label', 3)), '');
  });

  test('diagnostics flag apremilast as an IMiD and a misspelling, with source and code', async () => {
    const diags = await waitForDiagnostics(md.uri, (d) => d.some((x) => codeOf(x) === 'apremilast-not-imid') && d.some((x) => codeOf(x) === 'misspelled-name'), 'initial diagnostics');
    const claim = diags.find((d) => codeOf(d) === 'apremilast-not-imid')!;
    assert.strictEqual(claim.source, 'imid-lens');
    assert.strictEqual(claim.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(md.getText(claim.range), 'Apremilast, a third-generation IMiD');
    assert.ok(!diags.some((d) => d.range.start.line === positionOf(md, 'lenalidomide <- read').line), 'nothing inside the code block');
  });

  test('diagnostics follow typing (debounced, latest version wins)', async () => {
    const before = ours(md.uri).length;
    await appendText(md, '\nIn psoriasis, apremilast is an IMiD compound.\n');
    await waitForDiagnostics(md.uri, (d) => d.filter((x) => codeOf(x) === 'apremilast-not-imid').length === 2, 'a second apremilast finding after the edit');
    assert.ok(ours(md.uri).length > before);
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(md.uri, (d) => d.filter((x) => codeOf(x) === 'apremilast-not-imid').length === 1, 'back to one finding after undo');
  });

  test('drug-name completion: INN prefix, brand resolving to the INN, fuzzy typo', async () => {
    await appendText(md, '\nlenal');
    let items = await completionLabels(md, md.positionAt(md.getText().length));
    assert.ok(items.some((i) => labelOf(i) === 'lenalidomide'), `labels: ${items.map(labelOf).slice(0, 10).join(', ')}`);
    await appendText(md, ' Revl');
    items = await completionLabels(md, md.positionAt(md.getText().length));
    const brand = items.find((i) => labelOf(i) === 'Revlimid');
    assert.ok(brand, 'Revlimid offered');
    assert.strictEqual(brand.insertText, 'lenalidomide', 'a brand completes to the INN');
    await appendText(md, ' pomalidamid');
    items = await completionLabels(md, md.positionAt(md.getText().length));
    assert.ok(items.some((i) => labelOf(i) === 'pomalidomide'), 'fuse.js finds the INN from a typo');
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
  });

  test('code actions: the rewrite is offered (not preferred) and applies', async () => {
    const diags = await waitForDiagnostics(md.uri, (d) => d.some((x) => codeOf(x) === 'apremilast-not-imid'), 'the claim finding');
    const claim = diags.find((d) => codeOf(d) === 'apremilast-not-imid')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', md.uri, claim.range);
    const rewrite = actions.find((a) => a.title.includes('phosphodiesterase-4 (PDE4) inhibitor'));
    assert.ok(rewrite, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(!rewrite.isPreferred, 'semantic rewrites are never preferred');
    assert.ok(actions.some((a) => a.title.startsWith('Ignore')), 'Ignore here is offered');
    assert.ok(await vscode.workspace.applyEdit(rewrite.edit!));
    assert.match(md.getText(), /Apremilast, a phosphodiesterase-4 \(PDE4\) inhibitor, is approved for psoriatic arthritis \[@schafer2014\]\./);
    await waitForDiagnostics(md.uri, (d) => !d.some((x) => codeOf(x) === 'apremilast-not-imid'), 'the finding to disappear after the rewrite');
    await vscode.commands.executeCommand('undo');
  });

  test('the lexical fix is preferred and source.fixAll.imidLens applies only lexical fixes', async () => {
    const diags = await waitForDiagnostics(md.uri, (d) => d.some((x) => codeOf(x) === 'misspelled-name'), 'the misspelling');
    const mis = diags.find((d) => codeOf(d) === 'misspelled-name')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', md.uri, mis.range);
    const fix = actions.find((a) => a.title === 'Change to "lenalidomide"');
    assert.ok(fix?.isPreferred, 'lexical fix is preferred');
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', md.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.imidLens');
    assert.strictEqual(all.length, 1);
    assert.ok(await vscode.workspace.applyEdit(all[0].edit!));
    assert.match(md.getText(), /Patients received lenalidomide and dexamethasone\./);
    assert.match(md.getText(), /Apremilast, a third-generation IMiD/, 'fix-all never applies semantic rewrites');
    await vscode.commands.executeCommand('undo');
  });

  test('LaTeX: hover and diagnostics, nothing in math or comments', async () => {
    const tex = await open('paper.tex');
    const diags = await waitForDiagnostics(tex.uri, (d) => d.some((x) => codeOf(x) === 'apremilast-not-imid'), 'the LaTeX finding');
    assert.ok(diags.every((d) => d.range.start.line !== positionOf(tex, 'Revlimid in a comment').line));
    assert.match(await hoverAt(tex, positionOf(tex, 'Pomalyst', 3)), /is a brand of \*\*pomalidomide\*\*/);
    assert.strictEqual(await hoverAt(tex, positionOf(tex, 'CC5013', 3)), '');
  });

  test('diagnostics are cleared when the document closes', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Apremilast is an IMiD.' });
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, (d) => d.length === 1, 'a finding in the untitled document');
    const closed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === doc.uri.toString()) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
    await waitForDiagnostics(doc.uri, (d) => d.length === 0, 'diagnostics cleared on close');
  });
});
