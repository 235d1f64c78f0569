/**
 * Quick fixes keyed on diagnostic.code: lexical fixes (preferred, also in
 * fix-all), semantic rewrites (never preferred, never in fix-all), "Add
 * citation for the evidence", "Ignore here", "Disable rule in this workspace".
 * `source.fixAll.imidLens` applies only lexical fixes.
 *
 * The fixes of a diagnostic are those of the finding it was published from
 * (diagnostics.ts keeps them), moved through the edits made since: never a
 * fresh lint matched by rule and range, which disagrees with what the writer
 * sees while a check is in steps, after a newer version or a reloaded
 * bibliography.
 */
import * as vscode from 'vscode';
import { type Finding, type PublicFix, fixText, ignoreEdit, proseKindOf } from '../core/index';
import { type PublishedFinding, published } from './diagnostics';
import { SOURCE, type Services } from './services';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('imidLens');

function sameRange(a: vscode.Range, f: Finding): boolean {
  return a.start.line === f.range.start.line && a.start.character === f.range.start.character && a.end.line === f.range.end.line && a.end.character === f.range.end.character;
}

/**
 * The finding behind a diagnostic: the published one, or (a diagnostic diagnostics.ts does not
 * know) the finding at the same place in the result of the document's current version, if one is
 * cached; nothing is linted here.
 */
function findingFor(services: Services, doc: vscode.TextDocument, d: vscode.Diagnostic): PublishedFinding | undefined {
  const p = published.findingOf(doc, d);
  if (p) return p;
  const code = String(typeof d.code === 'object' ? d.code.value : d.code);
  const finding = services.cached(doc)?.findings.find((x) => x.ruleId === code && sameRange(d.range, x));
  if (!finding) return undefined;
  const text = doc.getText();
  return { finding, text, languageId: doc.languageId, map: (start, end) => ({ start, end }), offsetAt: (pos) => doc.offsetAt(new vscode.Position(pos.line, pos.character)) };
}

/** The fix as an edit of the document now; undefined when an edit since touched one of its ranges. */
function editFor(doc: vscode.TextDocument, p: PublishedFinding, fix: PublicFix): vscode.WorkspaceEdit | undefined {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    const at = p.map(p.offsetAt(e.range.start), p.offsetAt(e.range.end));
    if (!at) return undefined;
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at.start), doc.positionAt(at.end)), e.newText);
  }
  return edit;
}

/** A WorkspaceEdit that applies every lexical fix (to a fixed point) as one undo step. */
export function fixAllEdit(services: Services, doc: vscode.TextDocument): vscode.WorkspaceEdit | undefined {
  const text = doc.getText();
  const fixed = fixText(text, doc.languageId, services.engineFor(doc));
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
    provideCodeActions(doc, range, context, token) {
      if (!services.isLintable(doc) || token.isCancellationRequested) return undefined;
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
      // after an edit the check has not caught up with, where the writer sees each squiggle decides
      const ours = published.movedDiagnosticsAt(doc, range) ?? context.diagnostics.filter((d) => d.source === SOURCE);
      if (!ours.length) return actions;
      for (const d of ours) {
        if (token.isCancellationRequested) return undefined;
        const p = findingFor(services, doc, d);
        if (!p) continue;
        const f = p.finding;
        for (const fix of f.fixes) {
          if (fix.target) {
            const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            a.command = { command: 'imidLens.appendToBibliography', title: fix.title, arguments: [{ document: doc.uri.toString(), target: fix.target, text: fix.appendText }] };
            a.diagnostics = [d];
            actions.push(a);
            continue;
          }
          const edit = editFor(doc, p, fix);
          if (!edit) continue;
          const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          a.edit = edit;
          a.diagnostics = [d];
          // lexical fixes are safe; rewrites are suggestions a writer reads first
          a.isPreferred = fix.kind === 'lexical';
          actions.push(a);
        }
        const ie = ignoreEdit(p.text, proseKindOf(p.languageId) ?? 'plaintext', f.start, f.ruleId);
        const at = p.map(ie.start, ie.end);
        if (at) {
          const ignore = new vscode.CodeAction(vscode.l10n.t('Ignore "{0}" here', f.ruleId), vscode.CodeActionKind.QuickFix);
          ignore.edit = new vscode.WorkspaceEdit();
          ignore.edit.replace(doc.uri, new vscode.Range(doc.positionAt(at.start), doc.positionAt(at.end)), ie.newText);
          ignore.diagnostics = [d];
          actions.push(ignore);
        }
        const disable = new vscode.CodeAction(vscode.l10n.t('Disable rule "{0}" in this workspace', f.ruleId), vscode.CodeActionKind.QuickFix);
        disable.command = { command: 'imidLens.disableRule', title: disable.title, arguments: [f.ruleId, doc.uri.toString()] };
        disable.diagnostics = [d];
        actions.push(disable);
      }
      return actions;
    },
  }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] });
}

