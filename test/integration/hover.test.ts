// Hover cards of the term database in a real VS Code: INNs, brands, research codes, proteins,
// former names and companies in Markdown and LaTeX; nothing in code blocks, URLs, citation keys,
// comments or math; the card's command links open the term sheet and insert the citation.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, hoverAt, hoverText, open, positionOf } from './helpers';

/** The imid-lens hover at the position, with its range. */
async function ourHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
  return hovers.find((h) => hoverText([h]).includes('As of'));
}

/** Arguments of a `command:` link in the card. */
function commandArgs(markdown: string, command: string): unknown[] {
  const m = new RegExp(`\\]\\(command:${command.replace(/\./g, '\\.')}\\?([^ )]+)`).exec(markdown);
  assert.ok(m, `the card links ${command}:\n${markdown}`);
  return JSON.parse(decodeURIComponent(m[1])) as unknown[];
}

suite('hover cards in a real VS Code', () => {
  let md: vscode.TextDocument;

  suiteSetup(async () => {
    md = await open('celmods.md');
    await activate();
  });

  test('Markdown: an INN shows the short card (class, mechanism, status, references) with the command links', async () => {
    const card = await hoverAt(md, positionOf(md, 'Iberdomide (CC-220)', 3));
    assert.match(card, /^### iberdomide · drug$/m);
    assert.match(card, /\*\*Class:\*\* CELMoD/);
    assert.match(card, /\*\*Mechanism:\*\* Binds cereblon/);
    assert.match(card, /\*\*Status:\*\* investigational/);
    assert.match(card, /^\*\*References:\*\* \\\[1\\\] \[Schafer et al\. \(2018\)\]\(https:\/\/doi\.org\/10\.1136\/annrheumdis-2017-212916 "Cereblon modulator iberdomide/m, 'authors first, linked, no list');
    assert.match(card, /\*As of \d{4}-\d\d-\d\d\* · \[Insert citation\]\(command:imidLens\.insertCitation\?/);
    assert.match(card, /\[Full term sheet\]\(command:imidLens\.openTermSheet\?/);
    for (const left of ['**Codes:**', '**Degrades:**', '| Agency |']) assert.ok(!card.includes(left), `${left} is on the term sheet, not the hover`);
    assert.ok(card.split('\n').length <= 26, `a short card: ${card.split('\n').length} lines`);
    assert.doesNotMatch(card, /<\/?(div|span|table|br|p|ol|li)\b/i, 'plain Markdown, no HTML');
  });

  test('Markdown: a code with a space resolves, the hover covers it and names the INN', async () => {
    const hover = await ourHover(md, positionOf(md, 'CC 92480', 4));
    assert.ok(hover, 'a hover on "CC 92480"');
    assert.match(hoverText([hover]), /\*\*CC-92480\*\* is a research code of \*\*mezigdomide\*\*/);
    assert.strictEqual(md.getText(hover.range!), 'CC 92480');
  });

  test('Markdown: a brand, a class plural, proteins and a Greek spelling', async () => {
    assert.match(await hoverAt(md, positionOf(md, 'Imnovid', 2)), /\*\*Imnovid\*\* is a brand of \*\*pomalidomide\*\* \(EU, Bristol Myers Squibb\)/);
    const celmods = await hoverAt(md, positionOf(md, 'CELMoDs', 2));
    assert.match(celmods, /^### CELMoD · drug class$/m);
    assert.match(celmods, /\*\*Members:\*\* avadomide, eragidomide, golcadomide, iberdomide, mezigdomide/);
    const aiolos = await hoverAt(md, positionOf(md, 'Aiolos', 2));
    assert.match(aiolos, /^### IKZF3 · protein$/m);
    assert.match(aiolos, /\*\*Aiolos\*\* is another name for \*\*IKZF3\*\*/);
    assert.match(aiolos, /\*\*Degraded by:\*\* .*iberdomide.*lenalidomide/);
    assert.match(await hoverAt(md, positionOf(md, 'CK1α', 2)), /^### CK1α · protein$/m);
    const tnf = await ourHover(md, positionOf(md, 'TNF-alpha', 6));
    assert.ok(tnf);
    assert.match(hoverText([tnf]), /^### TNF-α · protein$/m);
    assert.strictEqual(md.getText(tnf.range!), 'TNF-alpha');
  });

  test('Markdown: a former programme name and a company say what is current', async () => {
    const steps = await hoverAt(md, positionOf(md, 'S.T.E.P.S.', 2));
    assert.match(steps, /\*\*S\.T\.E\.P\.S\.\*\* is a former name of \*\*THALOMID REMS\*\*/);
    assert.match(steps, /\*\*Programme of:\*\* thalidomide/);
    const bms = await hoverAt(md, positionOf(md, 'Bristol-Myers Squibb', 3));
    assert.match(bms, /^### Bristol Myers Squibb · company$/m);
  });

  test('Markdown: no hover inside a fenced code block, a URL or a citation key', async () => {
    assert.strictEqual(await hoverAt(md, positionOf(md, 'iberdomide = load', 3)), '');
    assert.strictEqual(await hoverAt(md, positionOf(md, 'CC-220")', 3)), '');
    assert.strictEqual(await hoverAt(md, positionOf(md, 'mezigdomide/CC-92480', 3)), '');
    assert.strictEqual(await hoverAt(md, positionOf(md, 'CC-92480 and', 3)), '');
    assert.strictEqual(await hoverAt(md, positionOf(md, '@iberdomide]', 4)), '');
  });

  test('LaTeX: INN, brand, code and protein; nothing in \\cite, \\label, comments or math', async () => {
    const tex = await open('celmods.tex');
    assert.strictEqual(tex.languageId, 'latex');
    assert.match(await hoverAt(tex, positionOf(tex, 'Iberdomide (CC-220)', 2)), /^### iberdomide · drug$/m);
    assert.match(await hoverAt(tex, positionOf(tex, 'CC-220', 3)), /\*\*CC-220\*\* is a research code of \*\*iberdomide\*\*/);
    assert.match(await hoverAt(tex, positionOf(tex, 'Aiolos', 3)), /^### IKZF3 · protein$/m);
    assert.match(await hoverAt(tex, positionOf(tex, 'Imnovid', 3)), /\*\*Imnovid\*\* is a brand of \*\*pomalidomide\*\*/);
    assert.strictEqual(await hoverAt(tex, positionOf(tex, 'iberdomide}', 3)), '');
    assert.strictEqual(await hoverAt(tex, positionOf(tex, 'mezigdomide}', 3)), '');
    assert.strictEqual(await hoverAt(tex, positionOf(tex, 'golcadomide in a comment', 3)), '');
    assert.strictEqual(await hoverAt(tex, positionOf(tex, 'CC220', 3)), '');
  });

  test('imidLens.openTermSheet opens a read-only Markdown document with the full sheet', async () => {
    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === 'imid-lens-term:/iberdomide.md');
      if (open) return resolve(open);
      const sub = vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.uri.scheme === 'imid-lens-term') {
          sub.dispose();
          resolve(d);
        }
      });
    });
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('imidLens.openTermSheet', 'iberdomide');
    assert.strictEqual((await opened).uri.toString(), doc.uri.toString());
    assert.strictEqual(doc.languageId, 'markdown');
    const text = doc.getText();
    assert.match(text, /^### iberdomide · drug$/m);
    assert.match(text, /\*\*Mechanism:\*\* Binds cereblon .* increased IL-2 production\./, 'the whole mechanism');
    assert.match(text, /\*\*Facts:\*\*\n\n- The FDA accepted the application/);
    assert.match(text, /\*\*Left out \(not verified\):\*\* the FDA decision/);
    assert.match(text, /\*\*See also:\*\* mezigdomide, CELMoD, cereblon/);
    assert.match(text, /^1\. Schafer et al\. \(2018\)\. Cereblon modulator iberdomide/m);
    assert.doesNotMatch(text, /Open term sheet/);
  });

  test('the card\'s "Open term sheet" link opens the sheet of the hovered term', async () => {
    const card = await hoverAt(md, positionOf(md, 'Aiolos', 2));
    const args = commandArgs(card, 'imidLens.openTermSheet');
    assert.deepStrictEqual(args, ['ikzf3']);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('imidLens.openTermSheet', ...args);
    assert.match(doc.getText(), /^### IKZF3 · protein$/m);
    assert.match(doc.getText(), /\*\*Also:\*\* Aiolos/);
  });

  test('the card\'s "Insert citation" link offers the first references (ticked) and cites the chosen ones in the document\'s syntax', async () => {
    const editor = await vscode.window.showTextDocument(md);
    const card = await hoverAt(md, positionOf(md, 'Imnovid', 2));
    const args = commandArgs(card, 'imidLens.insertCitation') as Array<{ uri: string; suggested: string[]; keys?: string[] }>;
    assert.strictEqual(args[0].uri, md.uri.toString());
    assert.strictEqual(args[0].keys, undefined, 'the writer is asked which references to cite');
    assert.ok(args[0].suggested.length >= 1 && args[0].suggested.length <= 3, JSON.stringify(args));
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === md) {
          sub.dispose();
          resolve();
        }
      });
    });
    // the writer accepts the ticked suggestions (a test passes them as the chosen keys)
    const result = await vscode.commands.executeCommand<{ keys: string[]; added: string[] }>('imidLens.insertCitation', { ...args[0], keys: args[0].suggested });
    assert.deepStrictEqual(result.keys, args[0].suggested);
    assert.deepStrictEqual(result.added, [], 'celmods.md names no bibliography: nothing to add');
    await changed;
    assert.match(md.getText(), new RegExp(`sold as Imnovid in the EU \\[${args[0].suggested.map((k) => `@${k}`).join('; ')}\\]\\.`));
    assert.strictEqual(editor.document, md);
    // take the citation out again (an edit, not undo: undo acts on whatever has the focus)
    const cited = md.getText().indexOf(' [@', md.getText().indexOf('sold as Imnovid'));
    const remove = new vscode.WorkspaceEdit();
    remove.delete(md.uri, new vscode.Range(md.positionAt(cited), md.positionAt(md.getText().indexOf(']', cited) + 1)));
    assert.ok(await vscode.workspace.applyEdit(remove));
    assert.match(md.getText(), /sold as Imnovid in the EU\.\n/);
  });

});
