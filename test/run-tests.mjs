#!/usr/bin/env node
// `npm test`: build, then every suite, each in its own process:
//   typecheck    tsc --noEmit (both projects)
//   unit         node --test over src/core (plain Node)
//   cli          node --test: run() in-process and dist/cli.js spawned
//   integration  mocha inside a real VS Code (code-server + headless chromium)
//   electron     the same suite launched through @vscode/test-electron's runTests (vscode-shim as `code`)
//   ui           the UI driven like a writer would (hover, quick fix, completion, Problems), with screenshots
//   web          the browser bundle inside VS Code's web worker extension host (@vscode/test-web)
//   vsix         the packaged .vsix installed into a real VS Code
//   report       the CLI's HTML report in headless chromium (highlights, filters, keyboard, print)
// Two lanes run side by side once the build is done: the Node suites (typecheck, unit, cli) and
// the VS Code suites (one VS Code at a time; code-server and chromium are installed first when
// missing). Each suite prints a line when it starts (with an estimate from the last run) and one
// when it ends; its whole output goes to .vscode-test/logs/<suite>.log, and only a failure's own
// report is shown (the workbench's console and unrelated stack traces stay in the log).
// Every suite gets a private temporary folder (TMPDIR): an imid-* entry a test leaves there is a
// failure, and the folder is removed at the end. The last line is "N passed, N failed"; the exit
// code is 1 when anything failed.
//
// Env: SUITES=unit,cli,integration (subset), SKIP_TYPECHECK=1, SERIAL=1 (one suite at a time),
// VERBOSE=1 (show every suite's whole output), IMID_LENS_OUT=.build/x (private build folder).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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
const t00 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

const logDir = path.join(root, '.vscode-test', 'logs', process.env.IMID_LENS_OUT ? path.relative(root, outBase).replace(/[^\w.-]+/g, '_') : '');
fs.mkdirSync(logDir, { recursive: true });
// estimates: the durations of the last run on this machine (first run: typical 2-core figures)
const timingsFile = path.join(logDir, 'timings.json');
const TYPICAL = { typecheck: 12000, build: 5000, unit: 40000, cli: 40000, install: 60000, integration: 45000, electron: 45000, ui: 20000, web: 30000, vsix: 45000, report: 15000 };
let timings = { ...TYPICAL };
try {
  timings = { ...timings, ...JSON.parse(fs.readFileSync(timingsFile, 'utf8')) };
} catch { /* first run */ }

// A private TMPDIR for the suites: what a test leaves behind is found there, whoever else uses /tmp.
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'imid-test-'));
const tmpBefore = new Set(fs.readdirSync(tmpRoot));

// Lines of the workbench, code-server and chromium that say nothing about imid-lens.
const NOISE = /Ignoring fetching additional builtin extensions|Creating a socket|Resolv(ing|ed) connection token|\[Service Worker\]|ChatSessionStore|Loading development extension|Updating additional builtin extensions cache|Extension host \(Remote\) is (un)?responsive|\[browser (warning|log|info|debug)\]|Failed to load resource|\[remote-connection\]|CodeExpectedError|Aborted onWillSaveTextDocument|workbench\.js:\d+/;

/** Runs one suite; resolves with its counts. Output is buffered (lanes run side by side) and logged. */
function step(key, name, cmd, args, parse, opts = {}) {
  const t0 = Date.now();
  const estimate = timings[key] ? ` (about ${Math.max(1, Math.round(timings[key] / 1000))} s)` : '';
  console.log(`▶ ${name}${estimate}: ${[path.basename(cmd), ...args].join(' ')}`);
  const log = path.join(logDir, `${key}.log`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmpRoot, ...opts.env } });
    const chunks = [];
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.on('close', (status) => {
      const out = Buffer.concat(chunks).toString('utf8');
      fs.writeFileSync(log, out);
      const counts = parse(out, status);
      if (status !== 0 && counts.failed === 0) counts.failed = 1; // a crash or a non-test failure counts
      const ms = Date.now() - t0;
      timings[key] = ms;
      results.push({ name, ...counts, ms });
      if (process.env.VERBOSE === '1') process.stdout.write(out);
      else if (status !== 0 || counts.failed) process.stdout.write(failureReport(out));
      console.log(`${status === 0 && !counts.failed ? '✔' : '✖'} ${name}: ${counts.passed} passed, ${counts.failed} failed (${secs(ms)}; log: ${path.relative(root, log)})`);
      resolve(status === 0 && !counts.failed);
    });
  });
}

/** What a failed suite has to say: mocha's failure section or node:test's `not ok` blocks, without noise. */
function failureReport(out) {
  const lines = out.split('\n').filter((l) => !NOISE.test(l));
  let shown;
  const failing = lines.findIndex((l) => /^\s*\d+ failing/.test(l));
  if (failing >= 0) shown = lines.slice(failing);
  else if (lines.some((l) => /^not ok /.test(l) || /^\s+not ok /.test(l))) {
    shown = [];
    let inBlock = false;
    for (const l of lines) {
      if (/^\s*not ok /.test(l)) inBlock = true;
      else if (/^\s*ok /.test(l)) inBlock = false;
      if (inBlock) shown.push(l);
      if (inBlock && /^\s*\.\.\.$/.test(l)) inBlock = false;
    }
  } else {
    // no test report (a crash, a time-out): the suite's own lines, not the workbench's
    shown = lines.filter((l) => !/^\s+at /.test(l) && /✔|✓|✅|^\s*\d+\) |passing|failing|passed|failed|exit code|logs? in|time|not found|Error|error/.test(l)).slice(-40);
  }
  // a failure's own stack: its first three frames
  const kept = [];
  let frames = 0;
  for (const l of shown) {
    if (/^\s+at /.test(l)) {
      if (frames++ < 3) kept.push(l);
    } else {
      frames = 0;
      kept.push(l);
    }
  }
  return `${kept.slice(0, 120).join('\n')}\n`;
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

async function nodeLane() {
  if (!process.env.SKIP_TYPECHECK) await step('typecheck', 'typecheck', 'npm', ['run', '--silent', 'typecheck'], single);
  if (want('unit')) await step('unit', 'unit', process.execPath, ['--test', '--test-reporter=tap', rel('out/test/unit/')], nodeTest);
  if (want('cli')) await step('cli', 'cli', process.execPath, ['--test', '--test-reporter=tap', rel('out/test/cli/')], nodeTest);
}

async function vscodeLane() {
  const vscodeSuites = ['integration', 'electron', 'ui', 'web', 'vsix', 'report'].filter(want);
  if (!vscodeSuites.length) return;
  const bin = path.join(root, '.vscode-test/code-server/node_modules/.bin/code-server');
  if (!fs.existsSync(bin) || !fs.existsSync('/usr/bin/chromium')) {
    if (!(await step('install', 'install VS Code (code-server) and chromium, once', 'bash', ['test/harness/install-code-server.sh'], single))) return;
  }
  if (want('integration')) await step('integration', 'integration (real VS Code)', process.execPath, ['test/harness/run-vscode-tests.mjs'], summaryLine);
  if (want('electron')) await step('electron', 'integration via @vscode/test-electron (shim)', process.execPath, ['test/harness/run-test-electron.mjs'], summaryLine);
  if (want('ui')) await step('ui', 'UI smoke in a real VS Code (screenshots)', process.execPath, ['test/harness/screenshots.mjs'], summaryLine, { env: { SCREENSHOT_DIR: path.join(root, '.vscode-test', 'screenshots') } });
  if (want('web') && fs.existsSync('test/harness/run-web-tests.mjs')) await step('web', 'web (browser extension host)', process.execPath, ['test/harness/run-web-tests.mjs'], summaryLine);
  // chromium only, but in this lane: one browser at a time
  if (want('report')) await step('report', 'HTML report in chromium', process.execPath, ['test/harness/report.mjs'], summaryLine, { env: { SCREENSHOT_DIR: path.join(root, '.vscode-test', 'screenshots') } });
  if (want('vsix') && fs.existsSync('test/harness/run-vsix-tests.mjs')) await step('vsix', 'packaged .vsix in a real VS Code', process.execPath, ['test/harness/run-vsix-tests.mjs'], summaryLine);
}

if (await step('build', 'build', process.execPath, ['esbuild.mjs', '--tests'], single)) {
  // the Node suites need one core, a VS Code suite about one more: on 2 cores they overlap well
  if (process.env.SERIAL === '1') {
    await nodeLane();
    await vscodeLane();
  } else await Promise.all([nodeLane(), vscodeLane()]);
} else console.log('the build failed; no suite can run');

// what the suites left in their temporary folder
const left = fs.readdirSync(tmpRoot).filter((f) => !tmpBefore.has(f));
const leftovers = left.filter((f) => f.startsWith('imid-'));
if (leftovers.length) {
  console.log(`✖ ${leftovers.length} temporary folder(s) left behind by the tests: ${leftovers.slice(0, 10).join(', ')}${leftovers.length > 10 ? ', …' : ''}`);
}
if (leftovers.length) results.push({ name: 'imid-* temporary folders left behind', passed: 0, failed: leftovers.length, ms: 0 });
if (left.length > leftovers.length) fs.appendFileSync(path.join(logDir, 'leftovers.log'), `${new Date().toISOString()} other temporary entries: ${left.filter((f) => !f.startsWith('imid-')).join(', ')}\n`);
fs.rmSync(tmpRoot, { recursive: true, force: true });
fs.writeFileSync(timingsFile, `${JSON.stringify(timings, null, 2)}\n`);

const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log('\n' + results.map((r) => `${r.name.padEnd(44)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed  ${(r.ms / 1000).toFixed(1).padStart(6)} s`).join('\n'));
console.log(`total ${secs(Date.now() - t00)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
