#!/usr/bin/env node
// Runs the integration suite (out/test/integration) INSIDE a real VS Code
// (code-server + headless chromium), against a fresh copy of
// test/fixtures/workspace, opened as the first folder of a multi-root
// workspace (a .code-workspace file) whose other folders are copies of
// test/fixtures/multiroot-a and multiroot-b, each with its own .imid-lens.json.
// Prints "N passed, N failed" last; exit code = result.
//
// Env: EXTENSION_DEVELOPMENT_PATH (default: repo root), EXTENSION_TESTS_PATH,
// TEST_WORKSPACE, VSCODE_TEST_TIMEOUT_MS (default 300000), VSCODE_TEST_VERBOSE=1,
// KEEP_VSCODE_TEST_RUNS=1, MOCHA_GREP (reaches the extension host like every variable).
import fs from 'node:fs';
import path from 'node:path';
import { chromiumPath, codeServerBin, makeRunDir, multiRootWorkspace, outBase, removeRunDir, requireFiles, root, runExtensionTests, stagedExtension } from './code-server-harness.mjs';

const env = process.env;
const extDevPath = path.resolve(env.EXTENSION_DEVELOPMENT_PATH ?? stagedExtension());
const testsPath = path.resolve(env.EXTENSION_TESTS_PATH ?? path.join(outBase, 'out/test/integration/index.js'));
const fixture = path.resolve(env.TEST_WORKSPACE ?? path.join(root, 'test/fixtures/workspace'));
requireFiles([['code-server', codeServerBin], ['chromium', chromiumPath], ['tests module (node esbuild.mjs --tests)', testsPath], ['workspace', fixture], ['extension bundle (npm run build)', path.join(extDevPath, 'dist/extension.js')]]);

const tmp = makeRunDir('integration-');
const workspace = multiRootWorkspace(tmp, fixture);
const resultFile = path.join(tmp, 'result.json');

const { code, elapsed } = await runExtensionTests({
  extensionDevelopmentPath: extDevPath,
  extensionTestsPath: testsPath,
  workspace,
  tmp,
  extraEnv: { VSCODE_TEST_RESULT_FILE: resultFile },
  timeoutMs: Number(env.VSCODE_TEST_TIMEOUT_MS ?? 300000),
  verbose: env.VSCODE_TEST_VERBOSE === '1',
});

let result;
try { result = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { /* the runner wrote none */ }
let exitCode = code;
if (exitCode === 0 && !result) {
  console.error('vscode tests: exit code 0 but the test runner wrote no result');
  exitCode = 1;
} else if (exitCode === 0 && result.tests === 0) {
  console.error('vscode tests: no test ran');
  exitCode = 1;
}
console.log(`VS Code integration tests: exit code ${exitCode} after ${elapsed}`);
if (exitCode === 0 && env.KEEP_VSCODE_TEST_RUNS !== '1') removeRunDir(tmp);
else console.log(`logs in ${tmp}`);
console.log(result ? result.summary : '0 passed, 1 failed');
process.exit(exitCode);
