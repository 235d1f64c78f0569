#!/usr/bin/env node
// The standard @vscode/test-electron path, for users with a desktop VS Code:
//   VSCODE_EXECUTABLE_PATH=/path/to/code node test/harness/run-test-electron.mjs
// Without VSCODE_EXECUTABLE_PATH it uses vscode-shim.mjs, a stand-in for `code` that runs the
// same suite in code-server (this machine has no Electron VS Code and cannot download one).
import fs from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { multiRootWorkspace, outBase, root, stagedExtension } from './code-server-harness.mjs';

const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH ?? path.join(root, 'test/harness/vscode-shim.mjs');
const workspaceDir = fs.mkdtempSync(path.join(root, '.vscode-test', 'electron-ws-'));
// the same multi-root workspace as run-vscode-tests.mjs (a .code-workspace file opens like a folder)
const workspace = multiRootWorkspace(workspaceDir);
try {
  const code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: stagedExtension(),
    extensionTestsPath: path.join(outBase, 'out/test/integration/index.js'),
    launchArgs: [workspace, '--disable-extensions'],
  });
  console.log(code === 0 ? '@vscode/test-electron: the suite passed' : `@vscode/test-electron: exit code ${code}`);
  process.exitCode = code;
} catch (e) {
  console.error(`@vscode/test-electron: ${e.message ?? e}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(workspaceDir, { recursive: true, force: true });
}
