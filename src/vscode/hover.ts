/** Hover cards on every surface form (drug, brand, code, former name, protein, class): the short card, the rest one click away on the term sheet. */
import * as vscode from 'vscode';
import { buildCard, mentionAt } from '../core/index';
import type { Services } from './services';

export const CARD_COMMANDS = ['imidLens.insertCitation', 'imidLens.openTermSheet'];

export function commandUri(command: string, args: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

export function registerHover(services: Services, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    async provideHover(doc, position, token) {
      if (!services.isLintable(doc)) return undefined;
      // the document's own configuration (its terms) first: never a card from the defaults while it is read
      await services.prepare(doc);
      if (token.isCancellationRequested || !services.isLintable(doc)) return undefined;
      // what is ready (a check in steps is not finished for a hover)
      const prose = services.prose(doc);
      if (!prose) return undefined;
      const db = services.engineFor(doc).db;
      const offset = doc.offsetAt(position);
      const m = mentionAt(db, prose, offset);
      if (!m?.form) return undefined;
      const term = db.term(m.form.termId);
      if (!term) return undefined;
      const card = buildCard(db, term, m.form, {
        // the writer picks from these (ticked) and any other reference
        insertCitation: (keys) => commandUri('imidLens.insertCitation', [{ uri: doc.uri.toString(), offset: m.end, suggested: keys }]),
        openTermSheet: (id) => commandUri('imidLens.openTermSheet', [id]),
      }, { short: true });
      const md = new vscode.MarkdownString(card.markdown);
      md.isTrusted = { enabledCommands: CARD_COMMANDS };
      md.supportHtml = false;
      return new vscode.Hover(md, new vscode.Range(doc.positionAt(m.start), doc.positionAt(m.end)));
    },
  });
}
