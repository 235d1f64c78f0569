/**
 * Language model tools (vscode.lm.registerTool): an AI assistant in VS Code (agent mode, or any
 * extension through vscode.lm.invokeTool) checks a passage or the active document, and looks up
 * a drug, brand, code or protein. The answers come from src/core/assist.ts as compact text; no
 * model and no network are involved. Bad input is an Error whose message tells the model what
 * to send instead.
 */
import * as vscode from 'vscode';
import { AssistInputError, type CheckInput, checkPassage, describeFindings, formatPassageReport, lookupTerm, parseCheckInput, parseLookupInput } from '../core/index';
import type { Services } from './services';

/** Tool names (package.json contributes.languageModelTools): a prefix, then verb_noun. */
export const CHECK_TEXT_TOOL = 'imid-lens_check_text';
export const LOOKUP_TERM_TOOL = 'imid-lens_lookup_term';

const text = (s: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(s)]);

/** The tool's input, or an Error for the model. */
function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof AssistInputError) throw new Error(`Invalid input: ${e.message}.`);
    throw e;
  }
}

const fileName = (doc: vscode.TextDocument) => doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1) || doc.uri.toString();

function checkActiveDocument(services: Services, input: CheckInput): string {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) throw new Error('No document is open in the editor: send the passage to check as "text".');
  const source = `${fileName(doc)} (the active document)`;
  if (!services.settings.enable) throw new Error('IMiD Lens is turned off in this workspace (setting imidLens.enable): send the passage to check as "text".');
  if (input.languageId === undefined && !services.isLintable(doc)) {
    throw new Error(`IMiD Lens does not check the active document (${fileName(doc)}, language ${doc.languageId}): it reads ${services.settings.languages.join(', ')}. Send the passage as "text" (with "languageId").`);
  }
  const languageId = input.languageId ?? doc.languageId;
  // the editor's own result (cached, with the document's bibliographies) when nothing differs
  if (!input.asOf && !input.languageId) {
    const res = services.lint(doc);
    return formatPassageReport(describeFindings(services.engine.db, doc.getText(), res.findings, { languageId, ...(res.truncated ? { truncated: true } : {}) }), source);
  }
  const citations = services.citations?.checkerFor(doc);
  const report = checkPassage(services.engine, doc.getText(), { languageId, maxFindings: services.settings.maxProblems, ...(input.asOf ? { asOf: input.asOf.ms } : {}), ...(citations ? { citations } : {}) });
  return formatPassageReport(report, source);
}

export function registerLanguageModelTools(services: Services): vscode.Disposable {
  // a host without the language model API (an older VS Code or a fork) simply has no tools
  if (typeof vscode.lm?.registerTool !== 'function') return new vscode.Disposable(() => undefined);
  const check: vscode.LanguageModelTool<unknown> = {
    prepareInvocation(options) {
      const input = options.input as { text?: unknown } | undefined;
      const doc = vscode.window.activeTextEditor?.document;
      const message = typeof input?.text === 'string' || !doc ? vscode.l10n.t('Checking the passage for outdated claims (IMiD Lens)') : vscode.l10n.t('Checking {0} for outdated claims (IMiD Lens)', fileName(doc));
      return { invocationMessage: message };
    },
    invoke(options, token) {
      const input = parsed(() => parseCheckInput(options.input));
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      if (input.text === undefined) return text(checkActiveDocument(services, input));
      const report = checkPassage(services.engine, input.text, { languageId: input.languageId ?? 'markdown', ...(input.asOf ? { asOf: input.asOf.ms } : {}) });
      return text(formatPassageReport(report));
    },
  };
  const lookup: vscode.LanguageModelTool<unknown> = {
    prepareInvocation(options) {
      const name = (options.input as { name?: unknown } | undefined)?.name;
      return { invocationMessage: typeof name === 'string' && name.trim() ? vscode.l10n.t('Looking up {0} (IMiD Lens)', name.trim().slice(0, 60)) : vscode.l10n.t('Looking up a term (IMiD Lens)') };
    },
    invoke(options) {
      const name = parsed(() => parseLookupInput(options.input));
      const r = lookupTerm(services.engine.db, name);
      return text(r.found ? r.markdown : r.text);
    },
  };
  return vscode.Disposable.from(vscode.lm.registerTool(CHECK_TEXT_TOOL, check), vscode.lm.registerTool(LOOKUP_TERM_TOOL, lookup));
}
