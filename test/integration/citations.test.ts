// Citation keys in a real VS Code: completion (Markdown and LaTeX), hover, the unknown-key
// diagnostic and its quick fixes, diagnostics in the bibliography files, reloads on change and
// the imidLens.bibliographies setting. Event-driven waits only.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXT_ID, activate, appendText, codeOf, completionLabels, labelOf, open, ours, positionOf, waitForDiagnostics, workspaceUri } from './helpers';

const unknownKeys = (doc: vscode.TextDocument, d: vscode.Diagnostic[]) => d.filter((x) => codeOf(x) === 'unknown-citation-key').map((x) => doc.getText(x.range)).sort();

function citationItems(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  return items.filter((i) => i.kind === vscode.CompletionItemKind.Reference && typeof i.insertText === 'string' && i.insertText === labelOf(i));
}

async function hoverMarkdown(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value)).join('\n');
}

async function actionsFor(doc: vscode.TextDocument, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
}

async function run(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit));
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

suite('citation keys in a real VS Code', () => {
  let review: vscode.TextDocument;

  suiteSetup(async () => {
    await activate();
    review = await open('citations/review.md');
    // the bibliographies are read in the background: this finding appears once both are loaded
    await waitForDiagnostics(review.uri, (d) => unknownKeys(review, d).join() === 'jsmith', 'review.md checked against library.bib and extra.json');
  });

  test('diagnostics: a narrative @word counts when the document has a bibliography; e-mail addresses never', () => {
    const d = ours(review.uri).filter((x) => codeOf(x) === 'unknown-citation-key');
    assert.strictEqual(d.length, 1);
    assert.strictEqual(d[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d[0].message, /Unknown citation key "jsmith": not in library\.bib, extra\.json/);
    assert.strictEqual(d[0].range.start.line, positionOf(review, '@jsmith').line);
  });

  test('diagnostics in the bibliography files: the broken entry at its line, a key defined in both files', async () => {
    const bib = workspaceUri('citations/library.bib');
    const json = workspaceUri('citations/extra.json');
    const bd = await waitForDiagnostics(bib, (d) => d.some((x) => codeOf(x) === 'duplicate-citation-key'), 'library.bib diagnostics');
    const syntax = bd.find((x) => codeOf(x) === 'bibliography-syntax');
    assert.ok(syntax, JSON.stringify(bd.map((x) => x.message)));
    assert.strictEqual(syntax.range.start.line, 25, 'the line of @article{halfwritten');
    assert.strictEqual(syntax.severity, vscode.DiagnosticSeverity.Error);
    assert.match(syntax.message, /@article\{halfwritten\} is not closed/);
    const dup = bd.find((x) => codeOf(x) === 'duplicate-citation-key')!;
    assert.strictEqual(dup.range.start.line, 14);
    assert.match(dup.message, /Duplicate key "lu2014": also defined in citations\/extra\.json/);
    const jd = await waitForDiagnostics(json, (d) => d.some((x) => codeOf(x) === 'duplicate-citation-key'), 'extra.json diagnostics');
    assert.strictEqual(jd[0].range.start.line, 13);
  });

  test('a .bib opened on its own shows its problems', async () => {
    const bib = await open('citations/standalone.bib');
    const d = await waitForDiagnostics(bib.uri, (x) => x.length >= 2, 'standalone.bib diagnostics');
    assert.deepStrictEqual(d.map((x) => [codeOf(x), x.range.start.line]).sort(), [['bibliography-syntax', 7], ['duplicate-citation-key', 11]]);
  });

  test('hover on a key: the formatted reference with its DOI link and where it comes from', async () => {
    const h = await hoverMarkdown(review, positionOf(review, '@chamberlain2014', 3));
    assert.match(h, /\*\*@chamberlain2014\*\* · Chamberlain et al\. \(2014\)/);
    assert.match(h, /Structure of the Human Cereblon–DDB1–Lenalidomide Complex/);
    assert.match(h, /\*Nature Structural & Molecular Biology\* 21\(9\):803-809/, '@string nsmb resolved');
    assert.match(h, /\[doi:10\.1038\/nsmb\.2874\]\(https:\/\/doi\.org\/10\.1038\/nsmb\.2874\)/);
    assert.match(h, /library\.bib, line 4/);
    const narrative = await hoverMarkdown(review, positionOf(review, '@petzold2016', 2));
    assert.match(narrative, /Structural basis of lenalidomide-induced CK1α degradation/, 'the entry after the broken one was read');
    const json = await hoverMarkdown(review, positionOf(review, '-@matyskiela2016', 4));
    assert.match(json, /A novel cereblon modulator recruits GSPT1/);
    assert.strictEqual((await hoverMarkdown(review, positionOf(review, 'writer@example', 8))).includes('citation'), false);
  });

  test('Markdown completion after [@ and [@a; @: keys, "First author et al. (year)", references, fuzzy and ranked by the sentence', async () => {
    await appendText(review, '\nLenalidomide degrades Ikaros and Aiolos [@');
    let items = citationItems(await completionLabels(review, review.positionAt(review.getText().length), '@'));
    const labels = items.map(labelOf);
    for (const k of ['lu2014', 'chamberlain2014', 'petzold2016', 'matyskiela2016', 'kronke2014', 'schafer2014']) assert.ok(labels.includes(k), `${k} in ${labels.slice(0, 12).join(', ')}`);
    const ch = items.find((i) => labelOf(i) === 'chamberlain2014')!;
    assert.strictEqual(ch.detail, 'Chamberlain et al. (2014)');
    assert.match((ch.documentation as vscode.MarkdownString).value, /doi\.org\/10\.1038\/nsmb\.2874/);
    assert.match(ch.filterText ?? '', /chamberlain2014 Chamberlain Lopez-Girona 2014 Structure of the Human/);
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map(labelOf);
    assert.ok(sorted.indexOf('kronke2014') < sorted.indexOf('schafer2014'), 'a lenalidomide reference ranks above an apremilast one in a lenalidomide sentence');
    await appendText(review, 'lu2014; @Chamb');
    items = citationItems(await completionLabels(review, review.positionAt(review.getText().length)));
    assert.strictEqual(labelOf([...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1))[0]), 'chamberlain2014', 'fuzzy on the author, case-insensitive');
    assert.ok(!items.some((i) => labelOf(i) === 'lu2014'), 'keys already in the group are left out');
    const range = items[0].range as vscode.Range;
    assert.strictEqual(review.getText(range), 'Chamb', 'the typed part of the key is replaced');
  });

  test('no citation completion in e-mail addresses, code or URLs', async () => {
    for (const [tail, cursor] of [['\nWrite to me@kro', 0], ['\nCode `x = @kro` here.', 7], ['\nSee https://example.org/@kro', 0]] as const) {
      await appendText(review, tail);
      const items = citationItems(await completionLabels(review, review.positionAt(review.getText().length - cursor)));
      assert.deepStrictEqual(items.map(labelOf).filter((l) => l.startsWith('kronke')), [], tail);
    }
  });

  test('choosing a bundled reference the bibliography lacks offers to add its BibTeX entry', async () => {
    await appendText(review, '\nSee [@kronke20');
    const items = citationItems(await completionLabels(review, review.positionAt(review.getText().length)));
    const kr = items.find((i) => labelOf(i) === 'kronke2014');
    assert.ok(kr?.command, 'the item carries the append command');
    assert.strictEqual(kr.command.command, 'imidLens.appendToBibliography');
    const args = kr.command.arguments![0] as { target: string; text: string; ask: boolean };
    assert.strictEqual(args.ask, true, 'the writer is asked first');
    assert.match(args.target, /citations\/library\.bib$/);
    assert.match(args.text, /^@article\{kronke2014,/);
    assert.ok(!items.find((i) => labelOf(i) === 'lu2014')?.command, 'entries already in the bibliography need nothing');
    // accept as the writer would after the prompt
    assert.strictEqual(await vscode.commands.executeCommand('imidLens.appendToBibliography', { ...args, ask: false }), true);
    const bib = await vscode.workspace.openTextDocument(workspaceUri('citations/library.bib'));
    assert.match(bib.getText(), /\n\n@article\{kronke2014,\n {2}author += \{Krönke, J\. and others\},/);
    assert.strictEqual(bib.isDirty, false, 'saved');
  });

  test('the unknown-key quick fixes: "Change to <closest>" and "Add entry to <bibliography>"', async () => {
    await appendText(review, '\n\nPomalidomide binds cereblon [@chamberlian2014; @ito2010].\n');
    const diags = await waitForDiagnostics(review.uri, (d) => unknownKeys(review, d).includes('chamberlian2014') && unknownKeys(review, d).includes('ito2010'), 'the two new unknown keys, live while typing');
    const typo = diags.find((x) => review.getText(x.range) === 'chamberlian2014')!;
    assert.match(typo.message, /Did you mean "chamberlain2014"/);
    let actions = await actionsFor(review, typo);
    const change = actions.find((a) => a.title === 'Change to "chamberlain2014"');
    assert.ok(change, actions.map((a) => a.title).join(' | '));
    assert.ok(!change.isPreferred, 'a guess is never preferred');
    await run(change);
    await waitForDiagnostics(review.uri, (d) => !unknownKeys(review, d).includes('chamberlian2014') && !unknownKeys(review, d).includes('chamberlain2014'), 'the corrected key is known');
    const bundled = ours(review.uri).find((x) => review.getText(x.range) === 'ito2010')!;
    assert.match(bundled.message, /"ito2010" is a bundled reference that is not in library\.bib, extra\.json/);
    actions = await actionsFor(review, bundled);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Add entry to library.bib') && titles.includes('Add entry to extra.json'), titles.join(' | '));
    await run(actions.find((a) => a.title === 'Add entry to library.bib')!);
    await waitForDiagnostics(review.uri, (d) => !unknownKeys(review, d).includes('ito2010'), 'ito2010 known once its entry is in library.bib');
    const bib = await vscode.workspace.openTextDocument(workspaceUri('citations/library.bib'));
    assert.match(bib.getText(), /@article\{ito2010,[\s\S]*doi += \{10\.1126\/science\.1177319\}/);
  });

  test('"Add entry" writes CSL-JSON into a CSL-JSON bibliography', async () => {
    const doc = await open('citations/only-json.md');
    const d = await waitForDiagnostics(doc.uri, (x) => unknownKeys(doc, x).join() === 'kronke2014', 'kronke2014 not in extra.json');
    const actions = await actionsFor(doc, d.find((x) => codeOf(x) === 'unknown-citation-key')!);
    await run(actions.find((a) => a.title === 'Add entry to extra.json')!);
    await waitForDiagnostics(doc.uri, (x) => unknownKeys(doc, x).length === 0, 'kronke2014 known from extra.json');
    const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('citations/extra.json')))) as Array<{ id: string; DOI?: string; PMID?: string }>;
    assert.deepStrictEqual(json.map((x) => x.id), ['matyskiela2016', 'lu2014', 'kronke2014']);
    assert.strictEqual(json[2].DOI, '10.1126/science.1244851');
    assert.strictEqual(json[2].PMID, '24292625');
  });

  test('LaTeX: completion inside \\citep[..][..]{a, and hover on a key', async () => {
    const tex = await open('citations/chapter.tex');
    await waitForDiagnostics(tex.uri, (d) => unknownKeys(tex, d).length === 0, 'chapter.tex linted');
    const edit = new vscode.WorkspaceEdit();
    const at = positionOf(tex, '\\end{document}', 0);
    edit.insert(tex.uri, at, 'Lenalidomide \\Textcite[cf.][]{lu2014,pet}\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const pos = positionOf(tex, ',pet}', 4);
    const items = citationItems(await completionLabels(tex, pos, ','));
    assert.strictEqual(labelOf([...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1))[0]), 'petzold2016');
    assert.strictEqual(tex.getText(items[0].range as vscode.Range), 'pet');
    const h = await hoverMarkdown(tex, positionOf(tex, 'chamberlain2014}', 3));
    assert.match(h, /Chamberlain et al\. \(2014\)/);
    const unknown = await waitForDiagnostics(tex.uri, (d) => unknownKeys(tex, d).join() === 'pet', 'the half-typed key is flagged');
    assert.strictEqual(unknown.length >= 1, true);
    assert.strictEqual(ours(tex.uri).some((d) => tex.getText(d.range).includes('commented2020')), false, 'comments are never checked');
  });

  test('editing the .bib in the editor updates the check before saving; a change on disk is picked up by the watcher', async () => {
    const doc = await open('citations/review.md');
    await appendText(doc, '\nFresh work [@fresh2024; @ondisk2024].\n');
    await waitForDiagnostics(doc.uri, (d) => unknownKeys(doc, d).includes('fresh2024') && unknownKeys(doc, d).includes('ondisk2024'), 'two unknown keys');
    const bib = await vscode.workspace.openTextDocument(workspaceUri('citations/library.bib'));
    await appendText(bib, '\n@misc{fresh2024, title = {Not saved yet}, year = {2024}}\n');
    assert.ok(bib.isDirty);
    await waitForDiagnostics(doc.uri, (d) => !unknownKeys(doc, d).includes('fresh2024'), 'fresh2024 known from the unsaved buffer');
    const jsonUri = workspaceUri('citations/extra.json');
    const items = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(jsonUri))) as unknown[];
    items.push({ id: 'ondisk2024', type: 'book', title: 'Written by another program' });
    await vscode.workspace.fs.writeFile(jsonUri, new TextEncoder().encode(JSON.stringify(items, null, 2)));
    await waitForDiagnostics(doc.uri, (d) => !unknownKeys(doc, d).includes('ondisk2024'), 'ondisk2024 known after the file changed on disk');
  });

  test('the imidLens.bibliographies setting (globs) adds bibliographies to every document', async () => {
    const plain = await open('citations/plain.md');
    await waitForDiagnostics(plain.uri, (d) => unknownKeys(plain, d).join() === 'globalkey2024', 'unknown without the setting');
    const api = vscode.extensions.getExtension(EXT_ID)!.exports as { services: { citations?: { settled(): Promise<void> } } };
    const config = vscode.workspace.getConfiguration('imidLens');
    await config.update('bibliographies', ['citations/settings/*.bib'], vscode.ConfigurationTarget.Workspace);
    try {
      // the glob is resolved and global.bib read in the background: wait for that, then for the check
      await api.services.citations!.settled();
      await waitForDiagnostics(plain.uri, (d) => unknownKeys(plain, d).length === 0, 'known through the setting');
      const h = await hoverMarkdown(plain, positionOf(plain, '@globalkey2024', 2));
      assert.match(h, /A reference found through the imidLens\.bibliographies setting/);
      assert.match(h, /citations\/settings\/global\.bib, line 1/);
    } finally {
      await config.update('bibliographies', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(plain.uri, (d) => unknownKeys(plain, d).join() === 'globalkey2024', 'unknown again without the setting');
  });

  test('"Insert citation…" offers the document\'s own entries and the bundled references', () => {
    const api = vscode.extensions.getExtension(EXT_ID)!.exports as { services: { citations?: { referencesFor(doc: vscode.TextDocument): Array<{ key: string; source: string }>; checkerFor(doc: vscode.TextDocument): unknown } } };
    const citations = api.services.citations!;
    assert.strictEqual(citations.checkerFor(review), citations.checkerFor(review), 'one checker per document while the bibliographies stay the same');
    const refs = citations.referencesFor(review);
    const keys = refs.map((r) => r.key);
    assert.ok(keys.includes('petzold2016') && keys.includes('matyskiela2016') && keys.includes('schafer2014'), keys.slice(0, 10).join(', '));
    assert.strictEqual(refs.find((r) => r.key === 'petzold2016')!.source, 'library.bib');
  });
});
