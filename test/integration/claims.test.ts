// Claim checking in a real VS Code: diagnostics on a Markdown and a LaTeX manuscript, the quick
// fixes of a claim (rewrite, citation, ignore here, disable in the workspace), fix-all (lexical
// only, idempotent, keeps CRLF) and disable comments. Event-driven waits only.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, codeOf, open, ours, positionOf, waitForDiagnostics, workspaceUri } from './helpers';

const has = (ds: vscode.Diagnostic[], code: string) => ds.some((d) => codeOf(d) === code);
const find = (ds: vscode.Diagnostic[], code: string) => ds.find((d) => codeOf(d) === code)!;

async function actionsFor(doc: vscode.TextDocument, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
}

async function undoAll(doc: vscode.TextDocument, original: string): Promise<void> {
  await vscode.window.showTextDocument(doc);
  for (let i = 0; i < 10 && doc.getText() !== original; i++) await vscode.commands.executeCommand('undo');
  assert.strictEqual(doc.getText(), original, 'the document is back to its original text');
}

/** Resolves when VS Code closes the document (at once if it is not open). */
function closedEvent(uri: vscode.Uri): Promise<void> {
  if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return Promise.resolve();
  return new Promise((resolve) => {
    const sub = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.toString() !== uri.toString()) return;
      sub.dispose();
      resolve();
    });
  });
}

/** An untitled Markdown document under a name no earlier test used, holding `content`. */
async function untitledWith(name: string, content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`untitled:${name}`));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), content);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.strictEqual(doc.getText(), content, 'the document holds exactly the test\'s text');
  return doc.languageId === 'markdown' ? doc : vscode.languages.setTextDocumentLanguage(doc, 'markdown');
}

suite('claim checking in a real VS Code', () => {
  let md: vscode.TextDocument;
  let mdText: string;

  suiteSetup(async () => {
    md = await open('claims-review.md');
    mdText = md.getText();
    await activate();
  });

  test('Markdown: each outdated claim is flagged with its rule, severity and message; look-alikes are not', async () => {
    const diags = await waitForDiagnostics(md.uri, (d) => ['imid-inhibits-cereblon', 'imid-generation-label', 'lenalidomide-research-code', 'rems-former-name', 'otezla-not-celgene'].every((c) => has(d, c)), 'the claim findings');
    const inhibit = find(diags, 'imid-inhibits-cereblon');
    assert.strictEqual(inhibit.source, 'imid-lens');
    assert.strictEqual(inhibit.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(md.getText(inhibit.range), 'Lenalidomide inhibits cereblon');
    assert.match(inhibit.message, /bind it and redirect CRL4\^CRBN/);
    assert.strictEqual(find(diags, 'imid-generation-label').severity, vscode.DiagnosticSeverity.Information, 'sources vary: information only');
    assert.strictEqual(md.getText(find(diags, 'lenalidomide-research-code').range), 'CC-5013');
    assert.strictEqual(md.getText(find(diags, 'otezla-not-celgene').range), 'Otezla is marketed by Celgene');
    const lines = (needle: string) => positionOf(md, needle, 0).line;
    for (const quiet of ['inhibits CRL4', 'In 2010, thalidomide', 'Thalidomide is prescribed', 'Lenalidomide inhibits cereblon.\n```']) {
      const on = diags.filter((d) => d.range.start.line === lines(quiet));
      assert.deepStrictEqual(on.map((d) => `${codeOf(d)}: ${d.message}`), [], `nothing on the line of "${quiet}"`);
    }
    assert.strictEqual(diags.filter((d) => codeOf(d) === 'imid-inhibits-cereblon').length, 1, 'the correct "inhibits ... from ubiquitinating" and the code block are not flagged');
  });

  test('LaTeX: a claim across a line break and inside \\emph is flagged; disable comment and ``quotation\'\' are respected', async () => {
    const tex = await open('claims-paper.tex');
    const diags = await waitForDiagnostics(tex.uri, (d) => has(d, 'imid-mechanism-unknown') && has(d, 'apremilast-raises-camp'), 'the LaTeX findings');
    const unk = find(diags, 'imid-mechanism-unknown');
    assert.deepStrictEqual([unk.range.start.line, unk.range.end.line], [3, 4], 'the sentence spans the hard wrap');
    assert.strictEqual(tex.getText(find(diags, 'apremilast-raises-camp').range), 'Apremilast \\emph{lowers} intracellular cAMP');
    assert.ok(!has(diags, 'analogue-not-teratogenic'), 'disabled by the % imid-lens-disable-next-line comment');
    assert.ok(!has(diags, 'pomalidomide-approval-status'), 'inside ``...\'\' the claim is quoted');
    const actions = await actionsFor(tex, find(diags, 'apremilast-raises-camp'));
    const rewrite = actions.find((a) => a.title.includes('raises'));
    assert.ok(rewrite, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(rewrite.edit!));
    assert.match(tex.getText(), /Apremilast raises intracellular cAMP in monocytes\./, 'the \\emph markup around the claim is dropped in one piece');
    await waitForDiagnostics(tex.uri, (d) => !has(d, 'apremilast-raises-camp'), 'the finding to go after the rewrite');
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('quick fixes of a claim: rewrites (never preferred), citation, ignore here, disable in the workspace', async () => {
    await vscode.window.showTextDocument(md);
    const diags = await waitForDiagnostics(md.uri, (d) => has(d, 'imid-inhibits-cereblon'), 'the claim');
    const actions = await actionsFor(md, find(diags, 'imid-inhibits-cereblon'));
    const titles = actions.map((a) => a.title);
    const rewrites = actions.filter((a) => a.title.startsWith('Rewrite as'));
    assert.ok(rewrites.length >= 2, titles.join(' | '));
    assert.ok(rewrites.every((a) => !a.isPreferred), 'semantic rewrites are never preferred');
    assert.ok(titles.some((t) => t.startsWith('Add citation for the evidence (kronke2014')), titles.join(' | '));
    assert.ok(titles.includes('Ignore "imid-inhibits-cereblon" here'));
    assert.ok(titles.includes('Disable rule "imid-inhibits-cereblon" in this workspace'));
    const binds = rewrites.find((a) => a.title === 'Rewrite as "Lenalidomide binds cereblon"')!;
    assert.ok(binds, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(binds.edit!));
    assert.match(md.getText(), /^Lenalidomide binds cereblon, which explains its activity in del\(5q\) MDS \[@ito2010\]\.$/m, 'the rest of the sentence and its citation are kept');
    await waitForDiagnostics(md.uri, (d) => !has(d, 'imid-inhibits-cereblon') && has(d, 'otezla-not-celgene'), 'the finding to go, the others to stay');
    await undoAll(md, mdText);
  });

  test('"Add citation for the evidence" inserts the rule\'s references in Pandoc syntax', async () => {
    const diags = await waitForDiagnostics(md.uri, (d) => has(d, 'otezla-not-celgene'), 'the company claim');
    const cite = (await actionsFor(md, find(diags, 'otezla-not-celgene'))).find((a) => a.title.startsWith('Add citation'))!;
    assert.ok(await vscode.workspace.applyEdit(cite.edit!));
    assert.match(md.getText(), /^Otezla is marketed by Celgene \[@amgen-otezla-2019; @label-otezla-us\]\.$/m);
    await undoAll(md, mdText);
  });

  test('"Ignore here" writes a disable comment that silences exactly that finding', async () => {
    const others = ['imid-inhibits-cereblon', 'imid-generation-label', 'lenalidomide-research-code', 'rems-former-name'];
    const diags = await waitForDiagnostics(md.uri, (d) => has(d, 'otezla-not-celgene') && others.every((c) => has(d, c)), 'the company claim');
    const ignore = (await actionsFor(md, find(diags, 'otezla-not-celgene'))).find((a) => a.title === 'Ignore "otezla-not-celgene" here')!;
    assert.ok(await vscode.workspace.applyEdit(ignore.edit!));
    assert.match(md.getText(), /<!-- imid-lens-disable-next-line otezla-not-celgene -->\nOtezla is marketed by Celgene\./);
    await waitForDiagnostics(md.uri, (d) => !has(d, 'otezla-not-celgene') && others.every((c) => has(d, c)), 'only that finding to go');
    await undoAll(md, mdText);
  });

  test('fix-all applies only lexical fixes (outdated names), is idempotent, and the command keeps CRLF', async () => {
    await waitForDiagnostics(md.uri, (d) => has(d, 'lenalidomide-research-code'), 'the outdated names');
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', md.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.imidLens');
    assert.strictEqual(all.length, 1);
    assert.ok(await vscode.workspace.applyEdit(all[0].edit!));
    const fixed = md.getText();
    assert.match(fixed, /Patients received lenalidomide with dexamethasone, and prescribers enrolled in Lenalidomide REMS\./);
    assert.match(fixed, /Pomalidomide, a third-generation IMiD, is given/, 'semantic claims are left to the writer');
    assert.match(fixed, /Otezla is marketed by Celgene\./);
    const again = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', md.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.imidLens');
    assert.strictEqual(again.length, 0, 'a second fix-all has nothing to do');
    await undoAll(md, mdText);

    const crlf = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Actimid was compared with CC-220.\r\nRevlimid is a Celgene product.\r\n' });
    await vscode.window.showTextDocument(crlf);
    await waitForDiagnostics(crlf.uri, (d) => has(d, 'pomalidomide-former-name') && has(d, 'celmod-research-code'), 'findings in the CRLF document');
    assert.ok(await vscode.commands.executeCommand('imidLens.fixAll'));
    assert.strictEqual(crlf.getText(), 'Pomalidomide was compared with iberdomide.\r\nRevlimid is a Celgene product.\r\n');
    assert.strictEqual(crlf.eol, vscode.EndOfLine.CRLF);
    await waitForDiagnostics(crlf.uri, (d) => !has(d, 'pomalidomide-former-name') && has(d, 'celgene-current-maker'), 'the names fixed, the claim kept');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('"Disable rule in this workspace" writes .imid-lens.json; removing it brings the rule back', async () => {
    await vscode.window.showTextDocument(md);
    const diags = await waitForDiagnostics(md.uri, (d) => has(d, 'imid-generation-label'), 'the generation note');
    const disable = (await actionsFor(md, find(diags, 'imid-generation-label'))).find((a) => a.title === 'Disable rule "imid-generation-label" in this workspace')!;
    assert.ok(disable.command, 'runs a command');
    const configUri = workspaceUri('.imid-lens.json');
    let existed = true;
    try {
      await vscode.workspace.fs.stat(configUri);
    } catch {
      existed = false;
    }
    assert.ok(!existed, 'the fixture workspace has no configuration file');
    try {
      assert.ok(await vscode.commands.executeCommand(disable.command.command, ...(disable.command.arguments ?? [])));
      const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri)));
      assert.deepStrictEqual(written, { rules: { 'imid-generation-label': 'off' } });
      await waitForDiagnostics(md.uri, (d) => !has(d, 'imid-generation-label') && has(d, 'imid-inhibits-cereblon'), 'the rule to be off, the others on');
    } finally {
      await vscode.workspace.fs.delete(configUri);
    }
    await waitForDiagnostics(md.uri, (d) => has(d, 'imid-generation-label'), 'the rule back once the file is gone');
    assert.ok(ours(md.uri).length > 0);
  });

  test('imidLens.maxProblems: a dense document stops at the limit with a note where checking stopped', async () => {
    const para = 'Apremilast is an IMiD. Lenolidomide is given with CC-5013. Pomalidamide too.\n\n';
    const doc = await untitledWith(`dense-${Date.now()}.md`, para.repeat(400));
    await vscode.window.showTextDocument(doc);
    const all = await waitForDiagnostics(doc.uri, (d) => d.length > 1000, 'the default limit (1,000) reached');
    assert.strictEqual(all.length, 1001, 'at most 1,000 problems and the note');
    assert.strictEqual(codeOf(all[all.length - 1]), 'too-many-problems');
    const config = vscode.workspace.getConfiguration('imidLens');
    await config.update('maxProblems', 7, vscode.ConfigurationTarget.Workspace);
    try {
      const cut = await waitForDiagnostics(doc.uri, (d) => d.length <= 8 && d.some((x) => codeOf(x) === 'too-many-problems'), 'the limit of 7');
      const note = cut.find((x) => codeOf(x) === 'too-many-problems')!;
      assert.strictEqual(note.severity, vscode.DiagnosticSeverity.Information);
      assert.match(note.message, /after 7 problems/);
      assert.ok(cut.every((x) => x.range.start.line <= note.range.start.line), 'nothing reported after the note');
    } finally {
      await config.update('maxProblems', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('a 1.5 MB document is checked in steps to its last line, and an edit made meanwhile is honoured', async () => {
    const filler = 'The patients were followed for a median of 24 months after the last dose.\n\n'.repeat(10000);
    const claim = 'Apremilast is an IMiD.\n\n';
    const content = claim + filler + claim + filler + claim;
    // a fresh untitled name: openTextDocument({ content }) can hand back the untitled document the
    // previous test just reverted and closed (its name is reused before the old model is gone)
    const doc = await untitledWith(`big-${Date.now()}.md`, content);
    const editor = await vscode.window.showTextDocument(doc);
    // type at the end while the first check may still be stepping through the document
    await editor.edit((b) => b.insert(doc.positionAt(doc.getText().length), '\nLenolidomide was given.\n'));
    const lastLine = doc.lineCount - 2;
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'misspelled-name'), 'the misspelling typed at the end');
    assert.deepStrictEqual(ds.map((d) => [codeOf(d), d.range.start.line]), [
      ['apremilast-not-imid', 0],
      ['apremilast-not-imid', 20002],
      ['apremilast-not-imid', 40004],
      ['misspelled-name', lastLine],
    ]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('.imid-lens.json "ignore" globs (relative to the file) silence matching documents in the editor, as in the CLI', async () => {
    await vscode.window.showTextDocument(md);
    await waitForDiagnostics(md.uri, (d) => d.length > 0, 'findings before');
    const configUri = workspaceUri('.imid-lens.json');
    await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(JSON.stringify({ ignore: ['claims-*.md'] })));
    try {
      await waitForDiagnostics(md.uri, (d) => d.length === 0, 'no findings in an ignored document');
    } finally {
      await vscode.workspace.fs.delete(configUri);
    }
    await waitForDiagnostics(md.uri, (d) => d.length > 0, 'findings back once the file is gone');
  });

  test('a new untitled document that reuses a closed one\'s URI gets its own findings, never the old cached ones', async () => {
    const a = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Lenolidomide was given.\n' });
    await vscode.window.showTextDocument(a);
    await waitForDiagnostics(a.uri, (d) => d.some((x) => codeOf(x) === 'misspelled-name'), 'the first document checked');
    // wait until VS Code has closed the first document: before that, openTextDocument({ content })
    // can hand back its model (the race that made the 1.5 MB test flaky)
    const closed = closedEvent(a.uri);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
    // VS Code (code-server) can still hand back the closed document's model for a moment after its
    // close event: that is its own race, not the extension's, so such a document is closed and the
    // request made again (bounded; every wait is on an event)
    let b = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Apremilast is an IMiD.\n' });
    for (let tries = 0; tries < 5 && b.getText() !== 'Apremilast is an IMiD.\n'; tries++) {
      const again = closedEvent(b.uri);
      await vscode.window.showTextDocument(b);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await again;
      b = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Apremilast is an IMiD.\n' });
    }
    assert.strictEqual(b.getText(), 'Apremilast is an IMiD.\n', 'VS Code kept handing back the closed document');
    await vscode.window.showTextDocument(b);
    const ds = await waitForDiagnostics(b.uri, (d) => d.some((x) => codeOf(x) === 'apremilast-not-imid'), 'the second document\'s own finding');
    assert.deepStrictEqual(ds.map(codeOf), ['apremilast-not-imid'], `${b.uri.toString()} (first was ${a.uri.toString()})`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
