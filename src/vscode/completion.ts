/** Drug and protein name completion (fuse.js ranking; brands and codes insert the INN). */
import * as vscode from 'vscode';
import { completeTerms, insideAny, startsSentence, wordBefore } from '../core/index';
import type { Services } from './services';

const KIND: Record<string, vscode.CompletionItemKind> = {
  drug: vscode.CompletionItemKind.Value,
  protein: vscode.CompletionItemKind.Reference,
  complex: vscode.CompletionItemKind.Reference,
  class: vscode.CompletionItemKind.Class,
  programme: vscode.CompletionItemKind.Event,
  company: vscode.CompletionItemKind.Constant,
  concept: vscode.CompletionItemKind.Text,
};

export function registerTermCompletion(services: Services, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(selector, {
    async provideCompletionItems(doc, position, token, context) {
      if (!services.isLintable(doc)) return undefined;
      await services.prepare(doc);
      if (token.isCancellationRequested || !services.isLintable(doc)) return undefined;
      const text = doc.getText();
      const offset = doc.offsetAt(position);
      const { word, start } = wordBefore(text, offset);
      // citation keys have their own provider
      const before = text.charAt(start - 1);
      if (before === '@' || (before === '{' && /\\[A-Za-z]*cite[a-z]*\*?(?:\[[^\]]*\])*\{[^}]*$/.test(text.slice(Math.max(0, start - 80), start)))) return undefined;
      if (!word && context.triggerKind !== vscode.CompletionTriggerKind.Invoke) return undefined;
      const prose = services.prose(doc);
      if (prose && word && insideAny(prose.excluded, start)) return undefined;
      const range = new vscode.Range(doc.positionAt(start), position);
      const sentenceStart = !!prose && /^\p{Lu}/u.test(word) && startsSentence(prose, start);
      const items = completeTerms(services.engineFor(doc).db, word, { sentenceStart }).map((c) => {
        const item = new vscode.CompletionItem({ label: c.label, ...(c.description ? { description: c.description } : {}) }, KIND[c.termKind] ?? vscode.CompletionItemKind.Text);
        item.detail = c.detail;
        item.insertText = c.insertText;
        item.filterText = c.filterText;
        item.sortText = c.sortText;
        item.range = range;
        item.documentation = new vscode.MarkdownString(c.documentation);
        return item;
      });
      return new vscode.CompletionList(items, true);
    },
  });
}
