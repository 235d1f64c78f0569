#!/usr/bin/env node
// `npm start`: builds the extension, starts a real VS Code (code-server) on 127.0.0.1 with
// imid-lens loaded as a development extension and the playground's manuscript.md open, and
// prints a short address to open in a browser. Installs code-server on the first run.
//
// The playground (.playground/, ignored by git) is a copy of examples/ made on the first run
// and kept afterwards: quick fixes, new files and .bib entries survive restarts. Delete it to
// start again from examples/. VS Code's own state (settings, logs) is kept in
// .vscode-test/start/. The walkthrough opens on the first run only.
//
// Env: PORT (default 8080, or the next free one: the short address), HOST (default 127.0.0.1),
// PLAYGROUND (default .playground), START_SMOKE=1 (open the address in headless chromium in a
// fresh temporary playground, wait for the extension's first diagnostic in the Problems panel,
// then exit: a check that npm start works).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { codeServerBin, installVsix, launchChromium, makeRunDir, removeRunDir, root, startCodeServer } from './code-server-harness.mjs';

const smoke = process.env.START_SMOKE === '1';
const t00 = Date.now();
const secs = (t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const rel = (p) => path.relative(process.cwd(), p) || '.';
const say = (s) => process.stdout.write(s);

// ── 1. build ────────────────────────────────────────────────────────────────────────────────
say('[1/3] Building the extension (a few seconds)… ');
{
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    say('failed\n');
    process.stderr.write(`${r.stdout}${r.stderr}`);
    process.exit(r.status ?? 1);
  }
  say(`done (${secs(t0)})\n`);
}

// ── 2. VS Code (code-server), installed once ──────────────────────────────────────────────────
if (fs.existsSync(codeServerBin)) say(`[2/3] VS Code (code-server) is installed in ${rel(path.join(root, '.vscode-test', 'code-server'))}\n`);
else {
  const log = path.join(root, '.vscode-test', 'install-code-server.log');
  fs.mkdirSync(path.dirname(log), { recursive: true });
  say(`[2/3] Installing VS Code (code-server) into ${rel(path.join(root, '.vscode-test', 'code-server'))}: first run only,\n      about a minute (longer on a slow network). Log: ${rel(log)}\n`);
  const t0 = Date.now();
  const out = fs.openSync(log, 'w');
  const child = spawn('bash', ['test/harness/install-code-server.sh'], { cwd: root, stdio: ['ignore', out, out] });
  const tick = setInterval(() => say(`      … still installing (${Math.round((Date.now() - t0) / 1000)} s)\n`), 15000);
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearInterval(tick);
  fs.closeSync(out);
  if (code !== 0 || !fs.existsSync(codeServerBin)) {
    const tail = fs.readFileSync(log, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
    process.stderr.write(`\nInstalling code-server failed (exit ${code}). The end of ${rel(log)}:\n${tail}\n`);
    process.exit(typeof code === 'number' && code > 0 ? code : 1);
  }
  say(`      done (${secs(t0)})\n`);
}

// ── 3. the playground and VS Code ─────────────────────────────────────────────────────────────
async function portFree(port, host) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

const host = process.env.HOST ?? '127.0.0.1';
let port = Number(process.env.PORT ?? 8080);
while (!(await portFree(port, host))) port++;
let csPort = port + 1;
while (!(await portFree(csPort, host))) csPort++;

// A smoke run works in a fresh temporary copy so that it never depends on (or changes) the writer's playground.
const smokeDir = smoke ? makeRunDir('start-smoke-') : undefined;
const playground = smoke ? path.join(smokeDir, 'playground') : path.resolve(root, process.env.PLAYGROUND ?? '.playground');
const stateDir = smoke ? path.join(smokeDir, 'state') : path.join(root, '.vscode-test', 'start');
const created = !fs.existsSync(playground);
if (created) fs.cpSync(path.join(root, 'examples'), playground, { recursive: true });
fs.mkdirSync(stateDir, { recursive: true });
// the harness links a short TMPDIR into the state folder; a link left by an earlier run may point nowhere
const tmpLink = path.join(stateDir, 'tmpdir');
try {
  if (!fs.existsSync(tmpLink)) fs.rmSync(tmpLink, { force: true });
} catch { /* none */ }
// the writer's VS Code settings from earlier runs are kept (the harness rewrites the file)
const settingsFile = path.join(stateDir, 'user-data', 'User', 'settings.json');
let previous = {};
try {
  previous = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
} catch { /* first run */ }
const settings = { 'workbench.colorTheme': 'Default Light Modern', ...previous };
// The walkthrough once, beside the manuscript. VS Code's web workbench opens one file from the
// address, and its Welcome page only when no file is open; it loads one development extension.
// So a helper extension of a few lines (written and installed here into VS Code's state folder,
// on the first start) opens the IMiD Lens walkthrough to the side when the workbench is up,
// and only while the walkthrough-shown mark does not exist; it writes the mark.
const walkthroughMark = path.join(stateDir, 'walkthrough-shown');
const helperId = 'imid-lens.start-walkthrough';
let showWalkthrough = !smoke && !fs.existsSync(walkthroughMark);
const extensionsDir = path.join(stateDir, 'extensions');
if (showWalkthrough && !(fs.existsSync(extensionsDir) && fs.readdirSync(extensionsDir).some((d) => d.startsWith(helperId)))) {
  say('      (first start: adding the walkthrough helper to VS Code, a few seconds) ');
  try {
    installWalkthroughHelper();
    say('done\n');
  } catch (e) {
    say(`skipped (${e.message.split('\n')[0]})\n`);
    showWalkthrough = false;
  }
}

function installWalkthroughHelper() {
  const dir = path.join(stateDir, 'walkthrough-helper');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'start-walkthrough', displayName: 'IMiD Lens: walkthrough on the first npm start', description: 'Opens the IMiD Lens walkthrough once.',
    publisher: 'imid-lens', version: '0.0.1', license: 'MIT', engines: { vscode: '^1.100.0' },
    activationEvents: ['onStartupFinished'], main: './extension.js',
  }, null, 2));
  fs.writeFileSync(path.join(dir, 'README.md'), 'Written by test/harness/start.mjs (npm start): opens the IMiD Lens walkthrough on the first start.\n');
  fs.writeFileSync(path.join(dir, 'extension.js'), `// Written by test/harness/start.mjs: opens the IMiD Lens walkthrough beside the manuscript, once.
const fs = require('fs');
const vscode = require('vscode');
const mark = ${JSON.stringify(walkthroughMark)};
exports.activate = () => {
  if (fs.existsSync(mark)) return;
  fs.writeFileSync(mark, new Date().toISOString() + '\\n');
  setTimeout(() => void vscode.commands.executeCommand('workbench.action.openWalkthrough', 'imid-lens.imid-lens#gettingStarted', true), 1000);
};
`);
  const vsix = path.join(dir, 'start-walkthrough.vsix');
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce package failed: ${r.stderr || r.stdout}`);
  installVsix(stateDir, vsix);
}

say(`[3/3] Starting VS Code (a few seconds)… `);
let server;
{
  const t0 = Date.now();
  try {
    // code-server reads PORT from the environment, which would override --bind-addr
    server = await startCodeServer(stateDir, { port: csPort, host, settings, extraEnv: { PORT: String(csPort) } });
  } catch (e) {
    say('failed\n');
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  say(`ready (${secs(t0)})\n`);
}

const file = `vscode-remote://${host}:${csPort}${path.join(playground, 'manuscript.md')}`;
// VS Code's web workbench reads extensionDevelopmentPath and openFile from the payload query.
const payload = JSON.stringify([
  ['extensionDevelopmentPath', `vscode-remote://${host}:${csPort}${root}`],
  ...(fs.existsSync(path.join(playground, 'manuscript.md')) ? [['openFile', file]] : []),
]);
const longUrl = `${server.base}/?folder=${encodeURIComponent(playground)}&payload=${encodeURIComponent(payload)}`;

// The short address: a redirect to the long one (with the development extension and the file to open).
const redirect = http.createServer((req, res) => {
  if (req.url === '/' || req.url === '/index.html') {
    res.writeHead(302, { Location: longUrl, 'Cache-Control': 'no-store' });
    res.end();
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end(`IMiD Lens: open http://${host}:${port}/\n`);
  }
});
await new Promise((resolve, reject) => {
  redirect.once('error', reject);
  redirect.listen(port, host, resolve);
});
const url = `http://${host}:${port}/`;

let stopping = false;
const stop = async (why) => {
  if (stopping) return;
  stopping = true;
  if (why) say(`\n${why}\nStopping VS Code… `);
  redirect.close();
  await server.stop();
  const target = (() => {
    try {
      return fs.realpathSync(tmpLink);
    } catch {
      return undefined;
    }
  })();
  if (target && target !== tmpLink) fs.rmSync(target, { recursive: true, force: true });
  fs.rmSync(tmpLink, { force: true });
  if (smokeDir) removeRunDir(smokeDir);
  if (why) say(`stopped.\n${smoke ? '' : `Your files are kept in ${rel(playground)}/ (npm start again to go on; delete the folder to start over from examples/).\n`}`);
};
process.on('SIGINT', () => void stop('Ctrl+C received.').then(() => process.exit(0)));
process.on('SIGTERM', () => void stop('Asked to stop (SIGTERM).').then(() => process.exit(0)));
server.proc.on('exit', (code) => {
  if (stopping) return;
  process.stderr.write(`\nVS Code (code-server) stopped unexpectedly (exit ${code}); its log: ${rel(server.logFile)}\n`);
  void stop().then(() => process.exit(1));
});

say(`
  Open this in a browser:  ${url}

  Playground: ${playground}
    ${created ? 'a fresh copy of examples/' : 'kept from earlier runs (delete it to start over from examples/)'}; your edits, quick fixes and new files stay.
    manuscript.md opens with IMiD Lens loaded; the first squiggles appear a few seconds
    after the text (the extension starts and checks the file).${showWalkthrough ? '\n    The IMiD Lens walkthrough opens beside it this first time (later: Help > Welcome).' : ''}

  Ready in ${secs(t00)}. Press Ctrl+C to stop.
`);

if (smoke) {
  let code = 1;
  const context = await launchChromium(smokeDir);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.locator('.monaco-editor .view-line', { hasText: 'third-generation IMiD' }).first().waitFor({ timeout: 60000 });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'not an IMiD' }).first().waitFor({ timeout: 60000 });
    console.log('smoke: the short address opens manuscript.md and the Problems panel shows an imid-lens finding');
    code = 0;
  } catch (e) {
    console.error(`smoke failed: ${e.message}`);
    await context.pages()[0]?.screenshot({ path: path.join(root, '.vscode-test', 'start-smoke-failure.png') }).catch(() => {});
  } finally {
    await context.close();
    if (code === 0) await stop();
    else {
      redirect.close();
      await server.stop();
      console.error(`logs in ${smokeDir}`);
    }
    process.exit(code);
  }
}
