/**
 * One activation for the Node and the browser extension hosts: synchronous,
 * flat, one registerX() per feature. Nothing heavy happens here: the engine is
 * built on first use.
 */
import * as vscode from 'vscode';
import { registerCitations } from './citations';
import { registerCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { registerTermCompletion } from './completion';
import { registerDiagnostics } from './diagnostics';
import { registerHover } from './hover';
import { registerLanguageModelTools } from './languageModelTools';
import { Services } from './services';
import { type StatusBarHook, registerStatusBar } from './statusBar';
import { registerWalkthrough } from './walkthrough';

export const LANGUAGES = ['markdown', 'latex', 'plaintext', 'quarto', 'rmd'];

export const SELECTOR: vscode.DocumentSelector = LANGUAGES.map((language) => ({ language }));

export interface ExtensionApi {
  readonly services: Services;
  /** What the status bar item shows (read by the integration tests). */
  readonly statusBar: StatusBarHook;
}

/** `home`: the home folder for ~/ bibliography paths (the Node host passes it; the browser has none). */
export function activateShared(context: vscode.ExtensionContext, home?: string): ExtensionApi {
  const services = new Services(home);
  const { citations, disposable: citationFeatures } = registerCitations(services, SELECTOR);
  const { statusBar, disposable: statusBarItem } = registerStatusBar(services);
  context.subscriptions.push(
    services,
    citationFeatures,
    statusBarItem,
    registerDiagnostics(services),
    registerHover(services, SELECTOR),
    registerTermCompletion(services, SELECTOR),
    registerCodeActions(services, SELECTOR),
    registerWalkthrough(),
    registerCommands(services, citations),
    registerLanguageModelTools(services),
  );
  return { services, statusBar };
}
