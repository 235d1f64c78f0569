// The manifest keeps its promises: every contributed command has a handler, the
// walkthrough's sample opens and is checked, and documents of other schemes are left alone.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXT_ID, activate, open, ours, waitForDiagnostics, workspaceUri } from './helpers';

interface Api {
  services: { isLintable(doc: vscode.TextDocument): boolean };
}

suite('manifest and walkthrough', () => {
  suiteSetup(activate);

  test('every contributed command has a handler', async () => {
    const pkg = vscode.extensions.getExtension(EXT_ID)!.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = pkg.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, []);
    assert.ok(pkg.contributes.commands.length >= 7);
  });

  test('walkthrough: the sample manuscript opens untitled and is checked', async () => {
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('imidLens.openSample');
    assert.strictEqual(doc.uri.scheme, 'untitled');
    assert.strictEqual(doc.languageId, 'markdown');
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.code === 'apremilast-not-imid'), 'findings in the sample');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a document of another scheme (the read-only term sheet) is never linted', async () => {
    const sheet = await vscode.commands.executeCommand<vscode.TextDocument>('imidLens.openTermSheet', 'apremilast');
    assert.strictEqual(sheet.uri.scheme, 'imid-lens-term');
    assert.strictEqual(sheet.uri.path, '/apremilast.md');
    assert.match(sheet.getText(), /apremilast/);
    // lint everything that is open, then check the sheet got nothing (no timing: the probe document proves the linter ran)
    const probe = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'lenolidomide' });
    await waitForDiagnostics(probe.uri, (d) => d.length === 1, 'the probe document to be linted');
    assert.deepStrictEqual(ours(sheet.uri), []);
  });

  test('only documents of allowed schemes are linted: never git:, output:, vscode-scm:', () => {
    const api = vscode.extensions.getExtension<Api>(EXT_ID)!.exports;
    const doc = (uri: string) => ({ uri: vscode.Uri.parse(uri), languageId: 'markdown' }) as vscode.TextDocument;
    for (const u of ['file:///w/a.md', 'untitled:Untitled-1', 'vscode-vfs://github/o/r/a.md', 'vscode-test-web://mount/a.md']) assert.ok(api.services.isLintable(doc(u)), u);
    for (const u of ['git:/w/a.md?{}', 'output:extension-output-imid-lens', 'vscode-scm:/x', 'imid-lens-term:/apremilast.md']) assert.ok(!api.services.isLintable(doc(u)), u);
  });

  test('the extension never writes to the user\'s files on its own', async () => {
    const names = ['manuscript.md', 'paper.tex', 'refs.bib'];
    const before = await Promise.all(names.map(async (n) => [await vscode.workspace.fs.stat(workspaceUri(n)), new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(n)))] as const));
    for (const n of names.slice(0, 2)) {
      const d = await open(n);
      await waitForDiagnostics(d.uri, (x) => x.length > 0, `findings in ${n}`);
    }
    const after = await Promise.all(names.map(async (n) => [await vscode.workspace.fs.stat(workspaceUri(n)), new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(n)))] as const));
    names.forEach((n, i) => {
      assert.strictEqual(after[i][1], before[i][1], `${n} content`);
      assert.strictEqual(after[i][0].mtime, before[i][0].mtime, `${n} mtime`);
    });
  });
});
