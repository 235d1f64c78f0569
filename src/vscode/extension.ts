/** Node extension host entry (desktop VS Code, code-server, remote). */
import os from 'node:os';
import type * as vscode from 'vscode';
import { type ExtensionApi, activateShared } from './activateShared';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  return activateShared(context, os.homedir());
}

export function deactivate(): void {}
