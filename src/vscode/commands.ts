/**
 * Commands: fix all, look up a term, open a term sheet, insert a citation,
 * disable a rule in the workspace configuration, show the log.
 */
import * as vscode from 'vscode';
import { applyEdits as applyJsonEdits, modify } from 'jsonc-parser';
import Fuse from 'fuse.js';
import { CONFIG_FILE, type CitableReference, buildCard, citationEditAt, citationLabel, filterTextOf, proseKindOf } from '../core/index';
import type { AppendArgs, EntriesToAdd } from './citations';
import { fixAllEdit } from './codeActions';
import type { Services } from './services';

export const TERM_SCHEME = 'imid-lens-term';

export function termSheetUri(termId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: TERM_SCHEME, path: `/${termId}.md` });
}

/** What "Insert citation…" needs from the citation feature. */
export interface CitationWriter {
  /** Every reference citable from the document: its own entries first, then bundled ones. */
  referencesFor(doc: vscode.TextDocument): CitableReference[];
  entriesToAdd(doc: vscode.TextDocument, keys: readonly string[]): Promise<EntriesToAdd>;
  append(args: AppendArgs): Promise<boolean>;
}

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
  /** Insert into the citation at (or next to) this offset (the hover card: right after the name). */
  offset?: number;
  /** The references to cite, without asking (tests, scripts). */
  keys?: string[];
  /** The references to offer first and ticked (the hover card's). */
  suggested?: string[];
}

/** What "Insert citation…" did: the keys cited, the entries it added to the bibliography, or why none. */
export interface InsertResult {
  readonly keys: readonly string[];
  readonly added: readonly string[];
  readonly bibliography?: string;
  /** Keys the bibliography lacks that were not added, and why. */
  readonly notAdded?: { readonly keys: readonly string[]; readonly why: string };
}

/** The writer picks the references (several at once), the hover's suggestions first and ticked. */
async function pickReferences(refs: CitableReference[], suggested: readonly string[]): Promise<string[] | undefined> {
  type Item = vscode.QuickPickItem & { key: string };
  // the suggestions first, in their order (the card's reference numbers), then the rest as they come
  const rank = (key: string) => {
    const i = suggested.indexOf(key);
    return i < 0 ? suggested.length : i;
  };
  const order = [...refs].sort((a, b) => rank(a.key) - rank(b.key));
  const all: Item[] = order.map((r) => ({
    label: r.key,
    description: `${citationLabel(r.item)} · ${r.inDocument && r.source !== 'bundled' ? r.source : vscode.l10n.t('bundled')}`,
    detail: r.item.title?.replace(/^\[(.*)\]$/, '$1') ?? '',
    key: r.key,
    alwaysShow: true,
  }));
  const fuse = new Fuse(order.map((r, i) => ({ i, text: filterTextOf(r.item) })), { keys: ['text'], threshold: 0.4, ignoreLocation: true });
  const qp = vscode.window.createQuickPick<Item>();
  qp.canSelectMany = true;
  qp.title = vscode.l10n.t('Insert citation');
  qp.placeholder = vscode.l10n.t('Cite: key, author, title words or year (fuzzy)');
  qp.items = all;
  qp.selectedItems = all.filter((i) => suggested.includes(i.key));
  qp.onDidChangeValue((v) => {
    const selected = qp.selectedItems;
    qp.items = v ? fuse.search(v, { limit: 50 }).map((r) => all[r.item.i]) : all;
    qp.selectedItems = selected.filter((i) => qp.items.includes(i));
  });
  const picked = await new Promise<readonly Item[] | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems.length ? qp.selectedItems : qp.activeItems.slice(0, 1)));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  // cited in the list's order, whatever order they were ticked in
  return picked?.length ? all.filter((i) => picked.includes(i)).map((i) => i.key) : undefined;
}

/**
 * Inserts a citation of the references the writer picks and, in the same step, adds the entries
 * the document's bibliography lacks (bundled references, as BibTeX or CSL-JSON), or says why not.
 */
async function insertCitation(services: Services, citations: CitationWriter, args?: InsertArgs): Promise<InsertResult | false> {
  const editor = args?.uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === args.uri) : vscode.window.activeTextEditor;
  const doc = editor?.document ?? (args?.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri)) : undefined);
  if (!doc) return false;
  const keys = args?.keys?.length ? args.keys : await pickReferences(citations.referencesFor(doc), args?.suggested ?? []);
  if (!keys?.length) return false;
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
    // "Ikaros [@kronke2014]" and "Ikaros~\\cite{kronke2014}", not glued to the word
    const glued = pos.character > 0 && /[\p{L}\p{N})\]]/u.test(doc.lineAt(pos.line).text.charAt(pos.character - 1));
    edit.insert(doc.uri, pos, `${glued ? (kind === 'latex' ? '~' : ' ') : ''}${text}`);
  }
  // the entries first: the new citation is never flagged as unknown in between
  const plan = await citations.entriesToAdd(doc, keys);
  const added: string[] = [];
  const failed: string[] = [];
  if (plan.target) {
    for (const key of plan.missing) {
      if (await citations.append({ document: doc.uri.toString(), target: plan.target.target, key })) added.push(key);
      else failed.push(key);
    }
  }
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  const bibliography = plan.target?.label;
  let notAdded: InsertResult['notAdded'];
  if (added.length) void vscode.window.showInformationMessage(vscode.l10n.t('IMiD Lens: added {0} to {1}.', added.join(', '), bibliography ?? ''));
  if (failed.length) notAdded = { keys: failed, why: vscode.l10n.t('{0} could not be written', bibliography ?? '') };
  else if (plan.reason === 'unwritable' && plan.missing.length) notAdded = { keys: plan.missing, why: plan.why ?? '' };
  else if (plan.reason === 'none') {
    void vscode.window.showInformationMessage(vscode.l10n.t('IMiD Lens: this document names no bibliography, so no entries were added; {0} are checked against the bundled references. Name a .bib file in the document (bibliography: in the front matter, or the LaTeX bibliography command) to have the entries written there.', keys.join(', ')));
  }
  if (notAdded) void vscode.window.showWarningMessage(vscode.l10n.t('IMiD Lens: {0} not added to the bibliography: {1}.', notAdded.keys.join(', '), notAdded.why));
  return { keys, added, ...(bibliography ? { bibliography } : {}), ...(notAdded ? { notAdded } : {}) };
}

/**
 * Sets `rules[ruleId] = "off"` in the .imid-lens.json the document uses (or, with none, a new one
 * in the root of the document's workspace folder), as an undoable edit that is then saved.
 */
export async function disableRule(services: Services, ruleId: string, documentUri?: string): Promise<boolean> {
  const doc = documentUri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === documentUri) : vscode.window.activeTextEditor?.document;
  if (doc) await services.prepare(doc);
  const folder = (doc && vscode.workspace.getWorkspaceFolder(doc.uri)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('IMiD Lens: open a folder to keep a workspace configuration ({0}).', CONFIG_FILE));
    return false;
  }
  const uri = services.configFileUri(doc) ?? vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
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

export function registerCommands(services: Services, citations: CitationWriter): vscode.Disposable {
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
    vscode.commands.registerCommand('imidLens.insertCitation', (args?: InsertArgs) => insertCitation(services, citations, args)),
    vscode.commands.registerCommand('imidLens.disableRule', (ruleId: string, documentUri?: string) => disableRule(services, String(ruleId), typeof documentUri === 'string' ? documentUri : undefined)),
    vscode.commands.registerCommand('imidLens.showOutput', () => services.output.show()),
  );
}
