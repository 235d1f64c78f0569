// Code actions always carry their fixes (issue 13): large Markdown and LaTeX documents, checked in
// steps (several windows of 256 KB; a LaTeX edit is a full check in steps again), asked for their
// code actions at once when their diagnostics appear (inside the onDidChangeDiagnostics listener),
// right after an edit elsewhere in the document (before the check caught up), while that check
// runs, and when it publishes: 20 edits in a row. Every IMiD Lens diagnostic whose finding has a fix
// must get that fix as an action carrying an edit that replaces what the fix replaces, where the
// text is now. The findings are computed here with the same core (lint()) to know the fixes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { type Finding, TextDocument, bundledEngine, lint } from '../../src/core/index';
import { activate, codeOf, ours } from './helpers';

const QUICK_FIX = vscode.CodeActionKind.QuickFix.value;

/** Sentences whose findings carry fixes (lexical: names; rewrites: claims). */
const FIXABLE = [
  'Dose reductions of lenolidomide were needed in some patients.',
  'CC-5013 was given orally once daily.',
  'Apremilast, a third-generation IMiD, is approved for psoriatic arthritis.',
  'Celgene markets Revlimid in the United States.',
  'Actimid was studied in myeloma.',
  'Pomalidamide was active in refractory disease.',
  'Patients took thalidomid at night.',
];
const FILLER = 'The patients were followed for twelve months in the outpatient clinic, and adverse events were recorded at each visit.';

/** About 700 KB: three windows of 256 KB or more; a fixable sentence every 60 paragraphs (fewer than 175 requests at once: VS Code warns of a listener leak past that). */
function largeText(languageId: 'markdown' | 'latex', title: string): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < 5600; i++) paragraphs.push(i % 60 === 7 ? `${FILLER} ${FIXABLE[(i / 60) % FIXABLE.length | 0]}` : FILLER);
  const body = paragraphs.join('\n\n');
  return languageId === 'latex' ? `\\documentclass{article}\n\\begin{document}\n\\section{${title}}\n${body}\n\\end{document}\n` : `# ${title}\n\n${body}\n`;
}

const engine = bundledEngine();

let last: { text: string; findings: Map<string, Finding> } | undefined;

/** The findings of `text` by rule and offsets, as this test's own lint() finds them. */
function findingsOf(text: string, languageId: string): Map<string, Finding> {
  if (last?.text === text) return last.findings;
  const out = new Map<string, Finding>();
  for (const f of lint(new TextDocument('untitled:check', text, 1, languageId), { engine, languageId }).findings) out.set(`${f.ruleId}@${f.start}`, f);
  last = { text, findings: out };
  return out;
}

/** Offset of a position in `text` (the text a diagnostic was computed on). */
function offsetIn(text: string, p: vscode.Position): number {
  let line = 0;
  let k = 0;
  while (line < p.line) {
    k = text.indexOf('\n', k) + 1;
    line++;
  }
  return k + p.character;
}

interface Asked {
  readonly diag: vscode.Diagnostic;
  /** The finding behind it (as computed on the text it was published for). */
  readonly finding: Finding;
  /** Where the finding's text starts now (it moved with an edit above it). */
  readonly shift: number;
  readonly actions: Thenable<vscode.CodeAction[]>;
}

/**
 * Asks, without awaiting anything between them, for the code actions of every IMiD Lens diagnostic
 * of `doc` (published for `text`), where it is now (`shiftOf`: how far an offset of `text` moved
 * with the edits since); keeps those whose finding has fixes (the findings of `text`, computed
 * after the requests went out).
 */
function askAll(doc: vscode.TextDocument, text: string, shiftOf: (offset: number) => number): Asked[] {
  const requests = ours(doc.uri).map((diag) => {
    const start = offsetIn(text, diag.range.start);
    const shift = shiftOf(start);
    const range = new vscode.Range(doc.positionAt(start + shift), doc.positionAt(offsetIn(text, diag.range.end) + shift));
    return { diag, start, shift, actions: vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, QUICK_FIX) };
  });
  const findings = findingsOf(text, doc.languageId);
  const asked: Asked[] = [];
  for (const r of requests) {
    const finding = findings.get(`${codeOf(r.diag)}@${r.start}`);
    if (finding && finding.fixes.some((x) => x.kind !== 'citation' && x.edits.length)) asked.push({ diag: r.diag, finding, shift: r.shift, actions: r.actions });
  }
  return asked;
}

/** Every fix (but "Add citation", which depends on the bibliographies) is offered, with an edit replacing what it replaces. */
async function assertFixes(doc: vscode.TextDocument, text: string, asked: Asked[], where: string): Promise<number> {
  let checked = 0;
  const now = doc.getText();
  for (const a of asked) {
    const actions = await a.actions;
    for (const fix of a.finding.fixes) {
      if (fix.kind === 'citation' || !fix.edits.length) continue;
      const action = actions.find((x) => x.title === fix.title);
      assert.ok(action, `${where}: ${codeOf(a.diag)} at line ${a.diag.range.start.line}: no "${fix.title}" among ${actions.map((x) => x.title).join(' | ') || 'no action at all'}`);
      assert.ok(action.edit && action.edit.size > 0, `${where}: "${fix.title}" carries no edit`);
      const edits = action.edit.get(doc.uri);
      assert.strictEqual(edits.length, fix.edits.length, `${where}: "${fix.title}": one edit per edit of the fix`);
      for (let k = 0; k < edits.length; k++) {
        const want = fix.edits[k];
        const wantStart = offsetIn(text, new vscode.Position(want.range.start.line, want.range.start.character));
        const wantEnd = offsetIn(text, new vscode.Position(want.range.end.line, want.range.end.character));
        const got = edits[k];
        assert.strictEqual(doc.offsetAt(got.range.start), wantStart + a.shift, `${where}: "${fix.title}" edits where the words are now`);
        assert.strictEqual(now.slice(doc.offsetAt(got.range.start), doc.offsetAt(got.range.end)), text.slice(wantStart, wantEnd), `${where}: "${fix.title}" replaces the flagged words`);
        assert.strictEqual(got.newText, want.newText);
      }
      checked++;
    }
  }
  return checked;
}

/** Runs `trigger`, then asks for every diagnostic's actions in the onDidChangeDiagnostics event that brings diagnostics other than `before`. */
function askWhenPublished(doc: () => vscode.TextDocument | undefined, before: ReadonlySet<vscode.Diagnostic>, trigger: () => Thenable<unknown>, what: string): Promise<{ text: string; asked: Asked[] }> {
  return new Promise((resolve, reject) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      const d = doc();
      if (!d || !e.uris.some((u) => u.toString() === d.uri.toString())) return;
      const now = ours(d.uri);
      if (!now.length || now.every((x) => before.has(x))) return;
      sub.dispose();
      clearTimeout(timer);
      const text = d.getText();
      resolve({ text, asked: askAll(d, text, () => 0) });
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, 120000);
    trigger().then(undefined, reject);
  });
}

suite('code actions always carry their fixes (documents checked in steps, edits elsewhere)', () => {
  suiteSetup(async () => {
    await activate();
  });

  for (const languageId of ['markdown', 'latex'] as const) {
    test(`${languageId}: at once when the diagnostics appear, after 10 edits elsewhere, during the checks they start and when these publish`, async function () {
      this.timeout(600000); // slow machines: a first check of 700 KB, and for LaTeX ten more
      let doc: vscode.TextDocument | undefined;
      const first = await askWhenPublished(() => doc, new Set(), async () => {
        doc = await vscode.workspace.openTextDocument({ language: languageId, content: largeText(languageId, `Steps ${languageId}`) });
        await vscode.window.showTextDocument(doc, { preview: false });
      }, `the first check of the ${languageId} document`);
      assert.ok(doc);
      const d = doc;
      let checked = await assertFixes(d, first.text, first.asked, 'first check');
      assert.ok(first.asked.length >= 80, `${first.asked.length} diagnostics with fixes after the first check`);
      let published = first.text;
      for (let i = 0; i < 10; i++) {
        // an edit elsewhere: a sentence added to a filler paragraph (above some findings, below others)
        const text = d.getText();
        const at = text.indexOf(`${FILLER}\n\n${FILLER}`, Math.floor(((i % 5) + 0.5) * (text.length / 5))) + FILLER.length;
        const added = ` Visit ${i} was uneventful.`;
        const before = new Set(ours(d.uri));
        const shiftOf = (offset: number) => (offset >= at ? added.length : 0);
        const edit = new vscode.WorkspaceEdit();
        edit.insert(d.uri, d.positionAt(at), added);
        findingsOf(published, languageId); // computed before the edit: the asks right after it go out at once
        let editDone: Promise<void> | undefined;
        const republished = askWhenPublished(() => d, before, () => (editDone = (async () => {
          assert.ok(await vscode.workspace.applyEdit(edit));
          // right after the edit, before the check caught up: the published diagnostics, where they are now
          checked += await assertFixes(d, published, askAll(d, published, shiftOf), `edit ${i}, at once`);
          // while the check of the new version runs (for LaTeX a full check in steps): again
          if (!ours(d.uri).some((x) => !before.has(x))) checked += await assertFixes(d, published, askAll(d, published, shiftOf), `edit ${i}, during the check`);
        })()), `the check after edit ${i}`);
        const after = await republished;
        await editDone;
        checked += await assertFixes(d, after.text, after.asked, `edit ${i}, when published`);
        assert.ok(after.asked.length >= 80, `edit ${i}: ${after.asked.length} diagnostics with fixes`);
        published = after.text;
      }
      assert.ok(checked > 1500, `${checked} fixes checked`);
      await vscode.window.showTextDocument(d);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
