// A real VS Code for imid-lens tests, offline: code-server (VS Code server +
// web workbench, from npm) on 127.0.0.1, driven by headless Debian chromium
// through playwright-core. Nothing is downloaded at run time.
//
// How tests get in: the workbench reads its configuration from
// <meta id="vscode-workbench-web-configuration" data-settings="...">. An init
// script adds `developmentOptions: { extensions, extensionTestsPath }` (VS Code's
// embedder API, also used by @vscode/test-web). VS Code then loads the
// extension from disk into the server's Node.js extension host and calls run()
// of the test module there; when run() settles the workbench calls
// window.codeAutomationExit(code), which we expose from the page.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = process.env;
export const codeServerBin = env.CODE_SERVER_BIN ?? path.join(root, '.vscode-test/code-server/node_modules/.bin/code-server');
export const chromiumPath = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// IMID_LENS_OUT=.build/x: bundles (dist/) and test modules (out/) of a private build.
export const outBase = path.resolve(root, env.IMID_LENS_OUT ?? '.');

/**
 * The extension folder to load: the repository, or with IMID_LENS_OUT a folder staged there
 * (manifest, schema and l10n from the repository, dist/ and out/ from the private build).
 */
export function stagedExtension() {
  if (outBase === root) return root;
  const ext = path.join(outBase, 'ext');
  fs.rmSync(ext, { recursive: true, force: true });
  fs.mkdirSync(path.join(ext, 'data'), { recursive: true });
  for (const f of ['package.json', 'package.nls.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) if (fs.existsSync(path.join(root, f))) fs.copyFileSync(path.join(root, f), path.join(ext, f));
  fs.cpSync(path.join(root, 'data/schema'), path.join(ext, 'data/schema'), { recursive: true });
  if (fs.existsSync(path.join(root, 'l10n'))) fs.cpSync(path.join(root, 'l10n'), path.join(ext, 'l10n'), { recursive: true });
  fs.symlinkSync(path.join(outBase, 'dist'), path.join(ext, 'dist'));
  // test modules inside the extension folder too: @vscode/test-web serves tests from there
  if (fs.existsSync(path.join(outBase, 'out'))) fs.symlinkSync(path.join(outBase, 'out'), path.join(ext, 'out'));
  return ext;
}

// Without the background-networking flags chromium keeps dialling Google on a closed network.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Exits 2 with a hint when a prerequisite is missing. */
export function requireFiles(entries) {
  for (const [what, p] of entries) {
    if (!fs.existsSync(p)) {
      const hint = what === 'code-server' ? ' (run: npm run install-vscode)' : what === 'chromium' ? ' (apt-get install chromium)' : '';
      console.error(`${what} not found at ${p}${hint}`);
      process.exit(2);
    }
  }
}

/** A fresh directory for one run: user data, extensions, logs, chromium profile. */
export function makeRunDir(prefix = 'run-') {
  const runsDir = path.join(root, '.vscode-test', 'runs');
  fs.mkdirSync(runsDir, { recursive: true });
  return fs.mkdtempSync(path.join(runsDir, prefix));
}

/** Copies a fixture folder into the run dir so tests never modify the repository. */
export function copyWorkspace(tmp, workspace, name = 'workspace') {
  const dest = path.join(tmp, name);
  fs.cpSync(workspace, dest, { recursive: true });
  return dest;
}

/**
 * The integration suite's workspace in `dir`: a copy of `fixture` (default test/fixtures/workspace)
 * as the first folder of a multi-root workspace whose other folders are copies of
 * test/fixtures/multiroot-a and multiroot-b (each with its own .imid-lens.json). Returns the
 * .code-workspace file.
 */
export function multiRootWorkspace(dir, fixture = path.join(root, 'test/fixtures/workspace')) {
  fs.cpSync(fixture, path.join(dir, 'workspace'), { recursive: true });
  const extraFolders = ['multiroot-a', 'multiroot-b'];
  for (const f of extraFolders) fs.cpSync(path.join(root, 'test/fixtures', f), path.join(dir, f), { recursive: true });
  const file = path.join(dir, 'imid-lens-tests.code-workspace');
  fs.writeFileSync(file, JSON.stringify({ folders: ['workspace', ...extraFolders].map((p) => ({ path: p })), settings: {} }, null, 2));
  return file;
}

// VS Code puts IPC sockets under TMPDIR and a unix socket path must stay under 108 bytes.
function shortTmp(tmp) {
  const link = path.join(tmp, 'tmpdir');
  if (!fs.existsSync(link)) fs.symlinkSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vsct-')), link);
  return fs.realpathSync(link);
}

export function removeRunDir(tmp) {
  try { fs.rmSync(fs.realpathSync(path.join(tmp, 'tmpdir')), { recursive: true, force: true }); } catch { /* none */ }
  fs.rmSync(tmp, { recursive: true, force: true });
}

// A newer Node fetched by install-code-server.sh (CODE_SERVER_NODE_VERSION) goes first on PATH.
const bundledNodeBin = path.join(root, '.vscode-test', 'node', 'bin');
const PATH = fs.existsSync(path.join(bundledNodeBin, 'node')) ? `${bundledNodeBin}${path.delimiter}${env.PATH}` : env.PATH;

function isolatedEnv(tmp, extra = {}) {
  return {
    ...env,
    PATH,
    TMPDIR: shortTmp(tmp),
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    EXTENSIONS_GALLERY: env.EXTENSIONS_GALLERY ?? '{}', // no open-vsx.org (unreachable, and tests stay hermetic)
    ...extra,
  };
}

function commonArgs(tmp, { userDataDir, extensionsDir } = {}) {
  return [
    '--config', path.join(tmp, 'config.yaml'),
    '--user-data-dir', userDataDir ?? path.join(tmp, 'user-data'),
    '--extensions-dir', extensionsDir ?? path.join(tmp, 'extensions'),
  ];
}

/** `code-server --install-extension <vsix>` into the run's extensions dir. */
export function installVsix(tmp, vsix, opts = {}) {
  const r = spawnSync(codeServerBin, [...commonArgs(tmp, opts), '--install-extension', vsix, '--force'], { env: isolatedEnv(tmp), encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    throw new Error(`--install-extension failed with ${r.status}`);
  }
  return r.stdout;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// A quiet, deterministic workbench: no welcome page, no gallery or update checks, no telemetry.
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'workbench.colorTheme': 'Default Light Modern',
};

/** Starts code-server; resolves when /healthz answers. */
export async function startCodeServer(tmp, { extraEnv = {}, verbose = false, settings = {}, userDataDir, extensionsDir, port: wantedPort, host = '127.0.0.1' } = {}) {
  const userDir = path.join(userDataDir ?? path.join(tmp, 'user-data'), 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  const port = wantedPort ?? (await freePort());
  const authority = `${host}:${port}`;
  const logFile = path.join(tmp, 'code-server.log');
  const log = fs.createWriteStream(logFile);
  const proc = spawn(codeServerBin, [
    '--bind-addr', authority,
    '--auth', 'none',
    ...commonArgs(tmp, { userDataDir, extensionsDir }),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: isolatedEnv(tmp, extraEnv) });
  proc.stdout.pipe(log);
  proc.stderr.pipe(log);
  if (verbose) {
    proc.stdout.pipe(process.stderr);
    proc.stderr.pipe(process.stderr);
  }
  let exited = false;
  proc.on('exit', () => { exited = true; });
  const stop = async () => {
    if (exited) return;
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ }
    for (let i = 0; i < 20 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
  };
  const base = `http://${authority}`;
  const t0 = Date.now();
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up; see ${logFile}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not yet */ }
    if (Date.now() - t0 > 60000) {
      await stop();
      throw new Error(`code-server did not answer within 60s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { proc, port, authority, base, logFile, stop };
}

export async function launchChromium(tmp, { viewport = { width: 1400, height: 900 } } = {}) {
  return chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    env: { ...env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') },
  });
}

/**
 * Adds developmentOptions to the workbench configuration inside the page (an
 * init script wrapping getAttribute): rewriting the HTML response instead would
 * lose the loopback origin, and chromium would then block the workbench's
 * WebSocket to 127.0.0.1.
 */
export async function injectDevelopmentOptions(context, { extensionDevelopmentPaths, extensionTestsPath }) {
  await context.addInitScript(({ devPaths, testsPath }) => {
    const original = Element.prototype.getAttribute;
    Element.prototype.getAttribute = function getAttribute(name) {
      const value = original.call(this, name);
      if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || !value) return value;
      const cfg = JSON.parse(value);
      const uri = (p) => ({ scheme: 'vscode-remote', authority: location.host, path: p });
      cfg.developmentOptions = {
        ...cfg.developmentOptions,
        extensions: devPaths.map(uri),
        ...(testsPath ? { extensionTestsPath: uri(testsPath) } : {}),
      };
      return JSON.stringify(cfg);
    };
  }, { devPaths: extensionDevelopmentPaths, testsPath: extensionTestsPath });
}

/**
 * Runs a test module inside the Node.js extension host of a real VS Code with
 * the given extension(s) loaded, like `code --extensionDevelopmentPath=...
 * --extensionTestsPath=...`. Resolves to VS Code's exit code (0 = run() resolved).
 * With no extensionDevelopmentPath, the extensions installed in extensionsDir are used
 * (the packaged .vsix run).
 */
export async function runExtensionTests({
  extensionDevelopmentPath = [],
  extensionTestsPath,
  workspace,
  userDataDir,
  extensionsDir,
  tmp: givenTmp,
  extraEnv = {},
  settings = {},
  timeoutMs = 300000,
  verbose = false,
  log = console,
}) {
  const devPaths = (Array.isArray(extensionDevelopmentPath) ? extensionDevelopmentPath : [extensionDevelopmentPath]).map((p) => path.resolve(p));
  const tmp = givenTmp ?? makeRunDir();
  const t0 = Date.now();
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
  let server;
  let context;
  try {
    server = await startCodeServer(tmp, { extraEnv, verbose, settings, userDataDir, extensionsDir });
    log.log(`code-server ${server.base} up after ${elapsed()}`);
    context = await launchChromium(tmp);
    let reportExit;
    const result = new Promise((resolve) => { reportExit = resolve; });
    await context.exposeFunction('codeAutomationLog', (type, args) => {
      const fn = typeof log[type] === 'function' ? log[type] : log.log;
      fn(...(Array.isArray(args) ? args : [args]));
    });
    await context.exposeFunction('codeAutomationExit', (code) => reportExit({ code: Number(code) }));
    const page = context.pages()[0] ?? await context.newPage();
    if (verbose) page.on('console', (m) => log.error(`[browser ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => log.error(`[browser pageerror] ${e.message}`));
    await injectDevelopmentOptions(context, { extensionDevelopmentPaths: devPaths, extensionTestsPath: path.resolve(extensionTestsPath) });
    // a .code-workspace file opens a multi-root workspace; a folder opens that folder
    const query = !workspace ? 'ew=true' : `${workspace.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(path.resolve(workspace))}`;
    await page.goto(`${server.base}/?${query}`);
    log.log(`workbench loaded after ${elapsed()}; tests run in the extension host`);
    const timer = setTimeout(() => reportExit({ error: `no result within ${timeoutMs} ms` }), timeoutMs);
    server.proc.on('exit', () => reportExit({ error: 'code-server exited before the tests finished' }));
    const r = await result;
    clearTimeout(timer);
    if (r.error) {
      await page.screenshot({ path: path.join(tmp, 'failure.png') }).catch(() => {});
      log.error(`vscode tests: ${r.error} (logs and screenshot in ${tmp})`);
      return { code: 1, tmp, elapsed: elapsed() };
    }
    return { code: Number.isInteger(r.code) ? r.code : 1, tmp, elapsed: elapsed() };
  } catch (e) {
    log.error(`vscode tests: ${e.message} (logs in ${tmp})`);
    return { code: 1, tmp, elapsed: elapsed() };
  } finally {
    try { await context?.close(); } catch { /* ignore */ }
    await server?.stop();
    try { fs.rmSync(fs.realpathSync(path.join(tmp, 'tmpdir')), { recursive: true, force: true }); } catch { /* none */ }
  }
}
