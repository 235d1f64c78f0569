#!/usr/bin/env node
// Packages imid-lens into a .vsix (vsce, exactly as a release would), installs that
// .vsix into a real VS Code (code-server --install-extension), and runs the
// integration suite against the INSTALLED extension (no development extension):
// packaging can never silently drop a runtime file.
//
// Env: VSIX (test this file instead of packaging), MOCHA_GREP, VSCODE_TEST_VERBOSE=1,
// KEEP_VSCODE_TEST_RUNS=1, VSCODE_TEST_TIMEOUT_MS.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromiumPath, codeServerBin, installVsix, makeRunDir, multiRootWorkspace, removeRunDir, requireFiles, root, runExtensionTests } from './code-server-harness.mjs';

const env = process.env;
const testsPath = path.join(root, 'out/test/integration/index.js');
requireFiles([['code-server', codeServerBin], ['chromium', chromiumPath], ['tests module (node esbuild.mjs --tests)', testsPath]]);

const tmp = makeRunDir('vsix-');
let vsix = env.VSIX && path.resolve(env.VSIX);
if (!vsix) {
  vsix = path.join(tmp, 'imid-lens.vsix');
  const vsce = path.join(root, 'node_modules/.bin/vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--out', vsix], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.log(`packaged ${path.relative(root, vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB)`);
}
const extensionsDir = path.join(tmp, 'extensions');
console.log(installVsix(tmp, vsix, { extensionsDir }).trim());
const installed = fs.readdirSync(extensionsDir).filter((d) => d.startsWith('imid-lens.'));
if (installed.length !== 1) {
  console.error(`expected one installed imid-lens extension in ${extensionsDir}, found: ${installed.join(', ') || 'none'}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// The installed copy must not read anything from the repository: no source, no node_modules.
const files = fs.readdirSync(path.join(extensionsDir, installed[0]), { recursive: true });
const stray = files.filter((f) => /^(src|node_modules|test|out)\b/.test(String(f)));
if (stray.length) console.error(`unexpected files in the package: ${stray.slice(0, 10).join(', ')}`);

// the same multi-root workspace as the other VS Code suites (test/fixtures/workspace first)
const workspace = multiRootWorkspace(tmp);
const resultFile = path.join(tmp, 'result.json');
// VS Code runs extension tests only in extension-development mode, so an empty carrier
// extension is the development extension; imid-lens itself comes from the installed .vsix.
const carrier = path.join(tmp, 'test-carrier');
fs.mkdirSync(carrier);
fs.writeFileSync(path.join(carrier, 'package.json'), JSON.stringify({ name: 'test-carrier', publisher: 'imid-lens-tests', version: '0.0.0', engines: { vscode: '^1.100.0' } }));
const { code, elapsed } = await runExtensionTests({
  extensionDevelopmentPath: [carrier],
  extensionTestsPath: testsPath,
  workspace,
  tmp,
  extensionsDir,
  extraEnv: { VSCODE_TEST_RESULT_FILE: resultFile, IMID_LENS_EXPECT_INSTALLED: '1' },
  timeoutMs: Number(env.VSCODE_TEST_TIMEOUT_MS ?? 300000),
  verbose: env.VSCODE_TEST_VERBOSE === '1',
});
let result;
try { result = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { /* none */ }
let exitCode = stray.length ? 1 : code;
if (exitCode === 0 && (!result || result.tests === 0)) exitCode = 1;
console.log(`packaged .vsix in VS Code: exit code ${exitCode} after ${elapsed}`);
if (exitCode === 0 && env.KEEP_VSCODE_TEST_RUNS !== '1') removeRunDir(tmp);
else console.log(`logs in ${tmp}`);
console.log(result ? result.summary : '0 passed, 1 failed');
process.exit(exitCode);
