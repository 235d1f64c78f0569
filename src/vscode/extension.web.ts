/** Browser (web worker) extension host entry: vscode.dev, github.dev, code-server's web worker. */
import type * as vscode from 'vscode';
import { type ExtensionApi, activateShared } from './activateShared';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  return activateShared(context);
}

export function deactivate(): void {}
