/**
 * Quick fixes keyed on diagnostic.code: lexical fixes (preferred, also in
 * fix-all), semantic rewrites (never preferred, never in fix-all), "Add
 * citation for the evidence", "Ignore here", "Disable rule in this workspace".
 * `source.fixAll.imidLens` applies only lexical fixes.
 */
import * as vscode from 'vscode';
import { type Finding, type PublicFix, fixText, ignoreEdit, proseKindOf } from '../core/index';
import { toRange } from './diagnostics';
import { SOURCE, type Services } from './services';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('imidLens');

function sameRange(a: vscode.Range, f: Finding): boolean {
  return a.start.line === f.range.start.line && a.start.character === f.range.start.character && a.end.line === f.range.end.line && a.end.character === f.range.end.character;
}

function editFor(doc: vscode.TextDocument, fix: PublicFix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(doc.uri, toRange(e.range), e.newText);
  return edit;
}

/** A WorkspaceEdit that applies every lexical fix (to a fixed point) as one undo step. */
export function fixAllEdit(services: Services, doc: vscode.TextDocument): vscode.WorkspaceEdit | undefined {
  const text = doc.getText();
  const fixed = fixText(text, doc.languageId, services.engine);
  if (fixed.text === text) return undefined;
  const edit = new vscode.WorkspaceEdit();
  // one minimal replacement covering the changed span keeps undo tidy
  let s = 0;
  while (s < text.length && s < fixed.text.length && text.charCodeAt(s) === fixed.text.charCodeAt(s)) s++;
  let e1 = text.length;
  let e2 = fixed.text.length;
  while (e1 > s && e2 > s && text.charCodeAt(e1 - 1) === fixed.text.charCodeAt(e2 - 1)) {
    e1--;
    e2--;
  }
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(s), doc.positionAt(e1)), fixed.text.slice(s, e2));
  return edit;
}

export function registerCodeActions(services: Services, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(selector, {
    provideCodeActions(doc, _range, context) {
      if (!services.isLintable(doc)) return undefined;
      const actions: vscode.CodeAction[] = [];
      const only = context.only;
      if (only && (only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only))) {
        const edit = fixAllEdit(services, doc);
        if (edit) {
          const a = new vscode.CodeAction(vscode.l10n.t('Fix all misspellings and outdated names (IMiD Lens)'), FIX_ALL_KIND);
          a.edit = edit;
          actions.push(a);
        }
      }
      if (only && !vscode.CodeActionKind.QuickFix.intersects(only)) return actions;
      const ours = context.diagnostics.filter((d) => d.source === SOURCE);
      if (!ours.length) return actions;
      const { findings } = services.lint(doc);
      const kind = proseKindOf(doc.languageId) ?? 'plaintext';
      for (const d of ours) {
        const f = findings.find((x) => x.ruleId === String(typeof d.code === 'object' ? d.code.value : d.code) && sameRange(d.range, x));
        if (!f) continue;
        for (const fix of f.fixes) {
          if (fix.target) {
            const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            a.command = { command: 'imidLens.appendToBibliography', title: fix.title, arguments: [{ document: doc.uri.toString(), target: fix.target, text: fix.appendText }] };
            a.diagnostics = [d];
            actions.push(a);
            continue;
          }
          const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          a.edit = editFor(doc, fix);
          a.diagnostics = [d];
          // lexical fixes are safe; rewrites are suggestions a writer reads first
          a.isPreferred = fix.kind === 'lexical';
          actions.push(a);
        }
        const ignore = new vscode.CodeAction(vscode.l10n.t('Ignore "{0}" here', f.ruleId), vscode.CodeActionKind.QuickFix);
        const text = doc.getText();
        const ie = ignoreEdit(text, kind, f.start, f.ruleId);
        ignore.edit = new vscode.WorkspaceEdit();
        ignore.edit.replace(doc.uri, new vscode.Range(doc.positionAt(ie.start), doc.positionAt(ie.end)), ie.newText);
        ignore.diagnostics = [d];
        actions.push(ignore);
        const disable = new vscode.CodeAction(vscode.l10n.t('Disable rule "{0}" in this workspace', f.ruleId), vscode.CodeActionKind.QuickFix);
        disable.command = { command: 'imidLens.disableRule', title: disable.title, arguments: [f.ruleId] };
        disable.diagnostics = [d];
        actions.push(disable);
      }
      return actions;
    },
  }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] });
}

