// The fact frames in a real VS Code: a pronoun resolved to the paragraph's drug, a label line
// under a heading, a dosage form against the data, correct look-alikes left alone, the rewrite
// quick fix built from the fact, and a dated document checked at its date. Event-driven waits only.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, codeOf, open, setText, waitForDiagnostics } from './helpers';

const frameFindings = (ds: vscode.Diagnostic[]) => ds.filter((d) => codeOf(d).startsWith('fact-'));

suite('fact frames in a real VS Code', () => {
  let doc: vscode.TextDocument;
  let original: string;

  suiteSetup(async () => {
    doc = await open('frames-review.md');
    original = doc.getText();
    await activate();
  });

  suiteTeardown(async () => {
    if (doc.getText() !== original) await setText(doc, original);
  });

  test('pronoun, label line and dosage form are flagged from the facts; look-alikes are not', async () => {
    const diags = await waitForDiagnostics(doc.uri, (d) => frameFindings(d).length >= 3, 'three fact-frame findings');
    const byCode = (c: string) => frameFindings(diags).filter((d) => codeOf(d) === c);
    const approval = byCode('fact-approval')[0];
    assert.ok(approval, JSON.stringify(diags.map((d) => [codeOf(d), d.message])));
    assert.strictEqual(doc.getText(approval.range), '2003');
    assert.match(approval.message, /2005/);
    assert.strictEqual(approval.severity, vscode.DiagnosticSeverity.Warning);
    const cls = byCode('fact-class')[0];
    assert.strictEqual(doc.getText(cls.range), 'Biologic response modifier');
    const form = byCode('fact-form')[0];
    assert.strictEqual(doc.getText(form.range), 'capsules');
    // the look-alikes: "unlike the IMiDs, does not bind cereblon"; "Celgene, now part of BMS, developed"
    for (const sentence of ['Apremilast, unlike the IMiDs, does not bind cereblon.', 'Celgene, now part of Bristol Myers Squibb, developed lenalidomide.']) {
      const start = doc.getText().indexOf(sentence);
      const end = start + sentence.length;
      const inside = diags.filter((d) => doc.offsetAt(d.range.start) >= start && doc.offsetAt(d.range.start) < end);
      assert.deepStrictEqual(inside.map((d) => `${codeOf(d)}: ${d.message}`), [], sentence);
    }
  });

  test('the rewrite quick fix comes from the fact and leaves the sentence clean', async () => {
    const diags = await waitForDiagnostics(doc.uri, (d) => frameFindings(d).some((x) => codeOf(x) === 'fact-form'), 'the dosage-form finding');
    const form = diags.find((d) => codeOf(d) === 'fact-form')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, form.range, vscode.CodeActionKind.QuickFix.value);
    const rewrite = actions.find((a) => /Replace with "tablets"/.test(a.title));
    assert.ok(rewrite?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(rewrite.edit));
    assert.match(doc.getText(), /Otezla tablets are taken twice daily/);
    await waitForDiagnostics(doc.uri, (d) => !frameFindings(d).some((x) => codeOf(x) === 'fact-form'), 'the finding gone after the rewrite');
  });

  test('a document dated 2004 is checked against the facts of 2004', async () => {
    await setText(doc, '---\ndate: 2004-05-01\n---\n\nLenalidomide is an investigational drug. Celgene markets Thalomid.\n');
    const diags = await waitForDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x).startsWith('fact-') || codeOf(x) === 'celgene-current-maker'), 'no finding in 2004');
    assert.deepStrictEqual(frameFindings(diags), []);
    await setText(doc, 'Lenalidomide is an investigational drug. Celgene markets Thalomid.\n');
    const now = await waitForDiagnostics(doc.uri, (d) => d.filter((x) => codeOf(x).startsWith('fact-') || codeOf(x).includes('celgene') || codeOf(x).includes('approval')).length >= 2, 'both flagged today');
    assert.ok(now.length >= 2);
  });
});
