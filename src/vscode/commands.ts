/**
 * Commands: fix all, look up a term, open a term sheet, insert a citation,
 * disable a rule in the workspace configuration, show the log.
 */
import * as vscode from 'vscode';
import { applyEdits as applyJsonEdits, modify } from 'jsonc-parser';
import Fuse from 'fuse.js';
import { CONFIG_FILE, buildCard, citationEditAt, citationLabel, filterTextOf, proseKindOf, type CslItem } from '../core/index';
import { fixAllEdit } from './codeActions';
import type { Services } from './services';

export const TERM_SCHEME = 'imid-lens-term';

export function termSheetUri(termId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: TERM_SCHEME, path: `/${termId}.md` });
}

/** All references the writer can cite from this document: bundled ones plus their own bibliographies. */
export type ReferenceSource = (doc: vscode.TextDocument | undefined) => CslItem[];

/**
 * Term sheets are read-only virtual documents (imid-lens-term:/<id>.md), rendered again when the
 * term database changes.
 */
function registerTermSheets(services: Services): vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent(uri) {
      const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
      const db = services.engine.db;
      const term = db.term(id);
      if (!term) return `# Unknown term\n\n"${id}" is not in the IMiD Lens term database.\n`;
      return `${buildCard(db, term, { termId: term.id, name: term.preferredName, kind: 'preferred' }, {}, { full: true }).markdown}\n`;
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(TERM_SCHEME, provider),
    services.onDidChange(() => {
      for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === TERM_SCHEME) changed.fire(d.uri);
    }),
  );
}

/**
 * Opens the sheet beside the manuscript as a locked Markdown preview: it keeps showing the sheet
 * when the writer clicks back into the manuscript (an unlocked preview would follow the active
 * editor and turn into a preview of the manuscript). Without the Markdown extension, the
 * read-only text is shown instead.
 */
async function openTermSheet(termId: string): Promise<vscode.TextDocument> {
  let doc = await vscode.workspace.openTextDocument(termSheetUri(termId));
  if (doc.languageId !== 'markdown') doc = await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  const previewed = await vscode.commands.executeCommand('markdown.showLockedPreviewToSide', doc.uri).then(() => true, () => false);
  if (!previewed) await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  return doc;
}

async function lookUpTerm(services: Services): Promise<string | undefined> {
  const db = services.engine.db;
  type Item = vscode.QuickPickItem & { termId: string };
  const all: Item[] = [];
  for (const f of db.forms.values()) {
    if (f.kind === 'misspelling' || f.kind === 'plural') continue;
    const t = db.term(f.termId)!;
    all.push({ label: f.name, description: f.name === t.preferredName ? t.kind : `→ ${t.preferredName}`, detail: t.summary.text, termId: t.id, alwaysShow: true });
  }
  all.sort((a, b) => a.label.localeCompare(b.label));
  const fuse = new Fuse(all, { keys: ['label'], threshold: 0.4, ignoreLocation: true });
  const qp = vscode.window.createQuickPick<Item>();
  qp.placeholder = vscode.l10n.t('Drug, brand, research code or protein (fuzzy)');
  qp.matchOnDescription = false;
  qp.items = all;
  qp.onDidChangeValue((v) => {
    qp.items = v ? fuse.search(v, { limit: 50 }).map((r) => r.item) : all;
  });
  const picked = await new Promise<Item | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (!picked) return undefined;
  await openTermSheet(picked.termId);
  return picked.termId;
}

interface InsertArgs {
  uri?: string;
  offset?: number;
  keys?: string[];
}

async function insertCitation(services: Services, references: ReferenceSource, args?: InsertArgs): Promise<boolean> {
  const editor = args?.uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === args.uri) : vscode.window.activeTextEditor;
  const doc = editor?.document ?? (args?.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri)) : undefined);
  if (!doc) return false;
  let keys = args?.keys;
  if (!keys?.length) {
    const items = references(doc);
    type Item = vscode.QuickPickItem & { key: string };
    const all: Item[] = items.map((r) => ({ label: r.id, description: citationLabel(r), detail: r.title ?? '', key: r.id, alwaysShow: true }));
    const fuse = new Fuse(items.map((r, i) => ({ i, text: filterTextOf(r) })), { keys: ['text'], threshold: 0.4, ignoreLocation: true });
    const qp = vscode.window.createQuickPick<Item>();
    qp.canSelectMany = true;
    qp.placeholder = vscode.l10n.t('Cite: key, author, title words or year (fuzzy)');
    qp.items = all;
    qp.onDidChangeValue((v) => {
      qp.items = v ? fuse.search(v, { limit: 50 }).map((r) => all[r.item.i]) : all;
    });
    const picked = await new Promise<readonly Item[] | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems.length ? qp.selectedItems : qp.activeItems.slice(0, 1)));
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
    qp.dispose();
    if (!picked?.length) return false;
    keys = picked.map((p) => p.key);
  }
  const kind = proseKindOf(doc.languageId);
  const edit = new vscode.WorkspaceEdit();
  if (args?.offset !== undefined) {
    const { prose } = services.lint(doc);
    const e = prose && citationEditAt(prose, args.offset, keys);
    if (!e) return false;
    edit.insert(doc.uri, doc.positionAt(e.start), e.newText);
  } else {
    const pos = editor?.selection.active ?? new vscode.Position(doc.lineCount, 0);
    const text = kind === 'latex' ? `\\cite{${keys.join(',')}}` : `[${keys.map((k) => `@${k}`).join('; ')}]`;
    edit.insert(doc.uri, pos, text);
  }
  return vscode.workspace.applyEdit(edit);
}

/** Sets `rules[ruleId] = "off"` in the workspace's .imid-lens.json (creating it), as an undoable edit that is then saved. */
export async function disableRule(services: Services, ruleId: string): Promise<boolean> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('IMiD Lens: open a folder to keep a workspace configuration ({0}).', CONFIG_FILE));
    return false;
  }
  const uri = services.configFileUri ?? vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
  let exists = true;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    exists = false;
  }
  const edit = new vscode.WorkspaceEdit();
  if (!exists) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), `${JSON.stringify({ rules: { [ruleId]: 'off' } }, null, 2)}\n`);
  } else {
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    const edits = modify(text, ['rules', ruleId], 'off', { formattingOptions: { insertSpaces: true, tabSize: 2, eol: text.includes('\r\n') ? '\r\n' : '\n' } });
    const next = applyJsonEdits(text, edits);
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(text.length)), next);
  }
  const ok = await vscode.workspace.applyEdit(edit);
  if (ok) {
    const doc = await vscode.workspace.openTextDocument(uri);
    await doc.save();
    await services.loadConfig();
  }
  return ok;
}

export function registerCommands(services: Services, references: ReferenceSource): vscode.Disposable {
  return vscode.Disposable.from(
    registerTermSheets(services),
    vscode.commands.registerCommand('imidLens.fixAll', async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || !services.isLintable(doc)) return false;
      const edit = fixAllEdit(services, doc);
      return edit ? vscode.workspace.applyEdit(edit) : false;
    }),
    vscode.commands.registerCommand('imidLens.lookUpTerm', () => lookUpTerm(services)),
    vscode.commands.registerCommand('imidLens.openTermSheet', (termId: string) => openTermSheet(String(termId))),
    vscode.commands.registerCommand('imidLens.insertCitation', (args?: InsertArgs) => insertCitation(services, references, args)),
    vscode.commands.registerCommand('imidLens.disableRule', (ruleId: string) => disableRule(services, String(ruleId))),
    vscode.commands.registerCommand('imidLens.showOutput', () => services.output.show()),
  );
}
