// A writer's first hour in a real VS Code (issue 14): completion in the writer's capitalisation,
// the star and the source of citation keys, the status bar item, the term sheet that stays open,
// and "Insert citation" adding what the bibliography lacks. Event-driven waits only.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, completionLabels, labelOf } from './helpers';

async function untitled(content: string, language = 'markdown'): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function itemsAtEnd(doc: vscode.TextDocument, trigger?: string): Promise<vscode.CompletionItem[]> {
  return completionLabels(doc, doc.positionAt(doc.getText().length), trigger);
}

const insertOf = (i: vscode.CompletionItem) => (typeof i.insertText === 'string' ? i.insertText : i.insertText?.value);

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
});
