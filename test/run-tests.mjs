#!/usr/bin/env node
// `npm test`: type-check, build, then every suite, each in its own process:
//   unit         node --test over src/core (plain Node)
//   cli          node --test: run() in-process and dist/cli.js spawned
//   integration  mocha inside a real VS Code (code-server + headless chromium)
//   electron     the same suite launched through @vscode/test-electron's runTests (vscode-shim as `code`)
//   web          the browser bundle inside VS Code's web worker extension host (@vscode/test-web), when present
//   ui           the UI driven like a writer would (hover, quick fix, completion, Problems), with screenshots
//   vsix         the packaged .vsix installed into a real VS Code, when present
// Missing prerequisites (code-server, chromium) are installed first. The last line is
// "N passed, N failed"; the exit code is 1 when anything failed.
//
// Env: SUITES=unit,cli,integration (subset), SKIP_TYPECHECK=1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
// IMID_LENS_OUT=.build/x builds and tests in a private output folder (parallel work never collides).
const outBase = path.resolve(root, process.env.IMID_LENS_OUT ?? '.');
const rel = (p) => path.relative(root, path.join(outBase, p)) || '.';
const only = process.env.SUITES ? new Set(process.env.SUITES.split(',')) : undefined;
const want = (s) => !only || only.has(s);
const results = [];

function step(name, cmd, args, parse, opts = {}) {
  const t0 = Date.now();
  console.log(`\n━━ ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...opts.env } });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const counts = parse(out, r.status);
  const verbose = process.env.VERBOSE === '1' || r.status !== 0;
  process.stdout.write(verbose ? out : `${out.split('\n').filter((l) => /^(not ok|# (pass|fail)|\s*✔|\s*\d+ passing|\s*\d+ failing|.*passed, .*failed)/.test(l)).slice(-12).join('\n')}\n`);
  if (r.status !== 0 && counts.failed === 0) counts.failed = 1; // a crash or a non-test failure counts
  results.push({ name, ...counts, ms: Date.now() - t0 });
  console.log(`━━ ${name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return r.status === 0;
}

const nodeTest = (out) => {
  const pass = /^# pass (\d+)$/m.exec(out);
  const fail = /^# fail (\d+)$/m.exec(out);
  return { passed: pass ? Number(pass[1]) : 0, failed: fail ? Number(fail[1]) : 0 };
};
const summaryLine = (out) => {
  const lines = [...out.matchAll(/^(\d+) passed, (\d+) failed/gm)];
  const last = lines[lines.length - 1];
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : { passed: 0, failed: 0 };
};
const single = (_out, status) => ({ passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1 });

if (!process.env.SKIP_TYPECHECK) step('typecheck', 'npm', ['run', '--silent', 'typecheck'], single);
if (!step('build', process.execPath, ['esbuild.mjs', '--tests'], single)) {
  console.log('\nthe build failed; no suite can run');
} else {
  if (want('unit')) step('unit', process.execPath, ['--test', '--test-reporter=tap', rel('out/test/unit/')], nodeTest);
  if (want('cli')) step('cli', process.execPath, ['--test', '--test-reporter=tap', rel('out/test/cli/')], nodeTest);
  if (want('integration')) {
    const bin = path.join(root, '.vscode-test/code-server/node_modules/.bin/code-server');
    if (!fs.existsSync(bin) || !fs.existsSync('/usr/bin/chromium')) step('install VS Code (code-server) and chromium', 'bash', ['test/harness/install-code-server.sh'], single);
    step('integration (real VS Code)', process.execPath, ['test/harness/run-vscode-tests.mjs'], summaryLine);
  }
  if (want('electron')) step('integration via @vscode/test-electron (shim)', process.execPath, ['test/harness/run-test-electron.mjs'], summaryLine);
  if (want('ui')) step('UI smoke in a real VS Code (screenshots)', process.execPath, ['test/harness/screenshots.mjs'], summaryLine, { env: { SCREENSHOT_DIR: path.join(root, '.vscode-test', 'screenshots') } });
  if (want('web') && fs.existsSync('test/harness/run-web-tests.mjs')) step('web (browser extension host)', process.execPath, ['test/harness/run-web-tests.mjs'], summaryLine);
  if (want('vsix') && fs.existsSync('test/harness/run-vsix-tests.mjs')) step('packaged .vsix in a real VS Code', process.execPath, ['test/harness/run-vsix-tests.mjs'], summaryLine);
}

const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log('\n' + results.map((r) => `${r.name.padEnd(44)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed  ${(r.ms / 1000).toFixed(1).padStart(6)} s`).join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
