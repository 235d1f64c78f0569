// Quick fixes of the diagnostic the writer sees (issue 13), many times in a row: code actions are
// asked for at once when a diagnostic appears (inside the onDidChangeDiagnostics listener, no
// sleep), while a large document is checked again in steps, after a bibliography reload, and
// after edits elsewhere that the check has not caught up with. Every time the rewrite must carry
// an edit, and that edit must land on the flagged words of the document as it is now.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, codeOf, ours, workspaceUri } from './helpers';

const RULE = 'apremilast-not-imid';
const CLAIM = 'Apremilast, a third-generation IMiD, is approved for psoriatic arthritis.';
const FLAGGED = 'Apremilast, a third-generation IMiD,';
const REWRITTEN = 'Apremilast, a phosphodiesterase-4 (PDE4) inhibitor,';
const FILLER = 'The patients were followed for twelve months in the outpatient clinic, and adverse events were recorded at each visit.\n\n';
const QUICK_FIX = vscode.CodeActionKind.QuickFix.value;

const isClaim = (d: vscode.Diagnostic) => codeOf(d) === RULE;

function actionsAt(uri: vscode.Uri, range: vscode.Range): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, QUICK_FIX);
}

/**
 * Runs `trigger`, then asks for the code actions of the first diagnostic accepted by `ok` in the
 * very onDidChangeDiagnostics event that brings it (no await between the event and the request).
 */
function actionsWhenPublished(uri: vscode.Uri, ok: (d: vscode.Diagnostic) => boolean, trigger: () => Thenable<unknown> | void, what: string): Promise<{ diag: vscode.Diagnostic; actions: vscode.CodeAction[] }> {
  return new Promise((resolve, reject) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const diag = ours(uri).find(ok);
      if (!diag) return;
      sub.dispose();
      clearTimeout(timer);
      actionsAt(uri, diag.range).then((actions) => resolve({ diag, actions }), reject);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, 30000);
    Promise.resolve(trigger()).then(undefined, reject);
  });
}

/** The document's text with the action's edit applied (the document itself is not changed). */
function applied(doc: vscode.TextDocument, edit: vscode.WorkspaceEdit): string {
  let text = doc.getText();
  const edits = edit.get(doc.uri).map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

/** The rewrite is offered with an edit, and the edit rewrites the claim `diag` points at (as the document is now) and nothing else. */
function assertRewrite(doc: vscode.TextDocument, actions: vscode.CodeAction[], claimAt: number, where: string): void {
  const rewrite = actions.find((a) => a.title.includes('phosphodiesterase-4'));
  assert.ok(rewrite, `${where}: no rewrite among ${actions.map((a) => `${a.title}${a.edit ? '' : ' (no edit)'}`).join(' | ') || 'no action at all'}`);
  assert.ok(rewrite.edit && rewrite.edit.size > 0, `${where}: the rewrite carries no edit`);
  const text = doc.getText();
  assert.strictEqual(text.slice(claimAt, claimAt + FLAGGED.length), FLAGGED, `${where}: the test's own bookkeeping`);
  assert.strictEqual(applied(doc, rewrite.edit), text.slice(0, claimAt) + REWRITTEN + text.slice(claimAt + FLAGGED.length), `${where}: the edit rewrites the flagged claim`);
  const ignore = actions.find((a) => a.title.startsWith('Ignore'));
  assert.ok(ignore?.edit && ignore.edit.size > 0, `${where}: "Ignore here" carries an edit`);
}

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function closeEditorsOf(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

suite('quick fixes of the diagnostic the writer sees (asked for at once, many times)', () => {
  const created: vscode.Uri[] = [];
  let bib: vscode.Uri;
  let bibText: Uint8Array;
  let touches = 0;

  /** Rewrites refs.bib (one more comment line): it is reloaded and every open document is checked again. */
  async function touchBibliography(): Promise<void> {
    touches++;
    const more = new TextEncoder().encode(`\n% touched ${touches}\n`);
    const bytes = new Uint8Array(bibText.length + more.length);
    bytes.set(bibText);
    bytes.set(more, bibText.length);
    await vscode.workspace.fs.writeFile(bib, bytes);
  }

  suiteSetup(async () => {
    await activate(); // also waits for the Markdown language server's providers (see helpers.ts)
    bib = workspaceUri('refs.bib');
    bibText = await vscode.workspace.fs.readFile(bib);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('imidLens').update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
    for (const uri of created) {
      await closeEditorsOf(uri);
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
    await vscode.workspace.fs.writeFile(bib, bibText);
  });

  test('a small document: asked for in the event that shows the claim, 30 documents (three while refs.bib reloads)', async () => {
    for (let i = 0; i < 30; i++) {
      const head = `---\ntitle: "Quick fix ${i}"\nbibliography: refs.bib\n---\n\n${'Lenalidomide is an oral drug.\n\n'.repeat(i % 5)}`;
      const text = `${head}${CLAIM} [@schafer2014]\n\nMore text.\n`;
      const uri = await write(`quickfix-${i}.md`, text);
      created.push(uri);
      const { actions } = await actionsWhenPublished(uri, isClaim, async () => {
        if (i % 10 === 1) await touchBibliography(); // the reload lands around the first check
        const doc = await vscode.workspace.openTextDocument(uri);
        if (i % 2 === 0) await vscode.window.showTextDocument(doc, { preview: false });
      }, `the claim in quickfix-${i}.md`);
      const doc = await vscode.workspace.openTextDocument(uri);
      assertRewrite(doc, actions, head.length, `document ${i}`);
      await closeEditorsOf(uri);
    }
  });

  test('large documents checked in steps: asked for when their claims appear, and again and again while another one is checked in steps, 10 times', async function () {
    this.timeout(120000); // slow machines: ten first checks of 340 KB
    const large = (title: string) => `# ${title}\n\n${CLAIM}\n\n${FILLER.repeat(2800)}${CLAIM}\n`; // about 340 KB: two steps of 256 KB
    const claimsOf = (doc: vscode.TextDocument) => {
      const text = doc.getText();
      const first = text.indexOf(CLAIM);
      const last = text.lastIndexOf(CLAIM);
      return { first, last, lastLine: doc.positionAt(last).line };
    };
    /** A new untitled document: its first check is done in steps; asked for at once when its last claim appears. */
    const openLarge = async (title: string, during?: () => Promise<void>): Promise<vscode.TextDocument> => {
      let doc: vscode.TextDocument | undefined;
      let asks = 0;
      const appeared = new Promise<{ diag: vscode.Diagnostic; actions: vscode.CodeAction[] }>((resolve, reject) => {
        const sub = vscode.languages.onDidChangeDiagnostics((e) => {
          if (!doc || !e.uris.some((u) => u.toString() === doc!.uri.toString())) return;
          const diag = ours(doc.uri).find((d) => isClaim(d) && d.range.start.line === claimsOf(doc!).lastLine);
          if (!diag) return;
          sub.dispose();
          actionsAt(doc.uri, diag.range).then((actions) => resolve({ diag, actions }), reject);
        });
      });
      doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: large(title) });
      await vscode.window.showTextDocument(doc, { preview: false });
      let done = false;
      void appeared.then(() => (done = true), () => (done = true));
      // while this document is checked in steps, the quick fixes of another stay what they were
      while (during && !done && asks++ < 50) await during();
      const { actions } = await appeared;
      const { first, last } = claimsOf(doc);
      assertRewrite(doc, actions, last, `${title}, when its last claim appeared`);
      const top = ours(doc.uri).find((d) => isClaim(d) && doc!.offsetAt(d.range.start) === first);
      assert.ok(top, `${title}: the first claim is published`);
      assertRewrite(doc, await actionsAt(doc.uri, top.range), first, `${title}, the first claim`);
      return doc;
    };
    const a = await openLarge('Large A');
    const { first, last, lastLine } = claimsOf(a);
    const askA = async (): Promise<void> => {
      const lastClaim = ours(a.uri).find((d) => isClaim(d) && d.range.start.line === lastLine);
      const top = ours(a.uri).find((d) => isClaim(d) && d.range.start.line !== lastLine);
      assert.ok(lastClaim && top, 'both claims of A stay published');
      assertRewrite(a, await actionsAt(a.uri, lastClaim.range), last, 'A, while another document is checked in steps (last claim)');
      assertRewrite(a, await actionsAt(a.uri, top.range), first, 'A, while another document is checked in steps (first claim)');
    };
    for (let i = 0; i < 10; i++) {
      const b = await openLarge(`Large B${i}`, askA);
      await vscode.window.showTextDocument(b);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    // a reloaded bibliography drops every session: A itself is checked in steps again, from the start,
    // while the diagnostics of its previous check stay published; ask during those steps
    let republished = false;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === a.uri.toString())) republished = true;
    });
    try {
      await touchBibliography();
      for (let k = 0; k < 50 && !republished; k++) await askA();
    } finally {
      sub.dispose();
    }
    await vscode.window.showTextDocument(a);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('after an edit elsewhere, before the check caught up: 30 edits above, beside and below the claim', async () => {
    // no re-check until the test says so: every ask meets the diagnostics of an older version, which
    // VS Code still holds at their old places while the editor shows them moved with the text
    await vscode.workspace.getConfiguration('imidLens').update('debounceMs', 600000, vscode.ConfigurationTarget.Workspace);
    const text = `# Edits elsewhere\n\nBackground first. ${CLAIM}\n\nLast paragraph.\n`;
    const uri = await write('quickfix-edits.md', text);
    created.push(uri);
    const { actions } = await actionsWhenPublished(uri, isClaim, async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    }, 'the claim in quickfix-edits.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    assertRewrite(doc, actions, text.indexOf(FLAGGED), 'before any edit');
    const published = ours(uri).find(isClaim)!;
    for (let i = 0; i < 30; i++) {
      const edit = new vscode.WorkspaceEdit();
      const claimAt = doc.getText().indexOf(FLAGGED);
      switch (i % 5) {
        case 0: // a new line at the top: every line below moves
          edit.insert(uri, new vscode.Position(0, 0), `Line ${i} added above.\n`);
          break;
        case 1: // words on the claim's own line, before it: its characters move
          edit.insert(uri, doc.positionAt(doc.getText().indexOf('Background first.') + 'Background'.length), ' (still)');
          break;
        case 2: // after it, on another line
          edit.insert(uri, doc.positionAt(doc.getText().length), `Appended ${i}.\n`);
          break;
        case 3: // a deletion above it
          edit.delete(uri, new vscode.Range(0, 0, 0, 1));
          break;
        default: // text replaced on the claim's line, right before it
          edit.replace(uri, new vscode.Range(doc.positionAt(claimAt - 2), doc.positionAt(claimAt)), '. ');
      }
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.strictEqual(ours(uri).find(isClaim), published, 'still the diagnostic of the first version');
      // asked where the writer sees the squiggle (VS Code moves it with the text): on the words, and a caret inside them
      const now = doc.getText().indexOf(FLAGGED);
      assertRewrite(doc, await actionsAt(uri, new vscode.Range(doc.positionAt(now), doc.positionAt(now + FLAGGED.length))), now, `edit ${i} (${i % 5}), on the words`);
      const caret = doc.positionAt(now + 5);
      assertRewrite(doc, await actionsAt(uri, new vscode.Range(caret, caret)), now, `edit ${i} (${i % 5}), a caret inside`);
      const elsewhere = await actionsAt(uri, new vscode.Range(doc.lineCount - 1, 0, doc.lineCount - 1, 0));
      assert.ok(!elsewhere.some((a) => a.title.includes('phosphodiesterase-4')), `edit ${i}: not offered on the last line`);
    }
    // the check catches up (a settings change re-checks at once): asked for in the event that brings it
    const now = doc.getText().indexOf(FLAGGED);
    const after = await actionsWhenPublished(uri, (d) => isClaim(d) && d !== published, () => vscode.workspace.getConfiguration('imidLens').update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace), 'the claim after the check caught up');
    assert.strictEqual(after.diag.range.start.line, doc.positionAt(now).line);
    assertRewrite(doc, after.actions, now, 'after the check caught up');
    await closeEditorsOf(uri);
  });
});
