#!/usr/bin/env node
// `npm start`: builds the extension, starts a real VS Code (code-server) on
// 127.0.0.1 with imid-lens loaded as a development extension and
// examples/manuscript.md open, and prints the URL to open in a browser.
// Installs code-server (and chromium's libraries are not needed here) when missing.
//
// Env: PORT (default 8080, or the next free one), HOST (default 127.0.0.1),
// START_SMOKE=1 (open the URL in headless chromium, wait for the extension's
// first diagnostic in the Problems panel, then exit: used by the tests).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { codeServerBin, launchChromium, makeRunDir, removeRunDir, root, startCodeServer } from './code-server-harness.mjs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ['esbuild.mjs']);
if (!fs.existsSync(codeServerBin)) run('bash', ['test/harness/install-code-server.sh']);

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

// The workspace is a copy, so the sample stays pristine between runs.
const tmp = makeRunDir('start-');
const workspace = path.join(tmp, 'examples');
fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
const server = await startCodeServer(tmp, { port, host, settings: { 'workbench.colorTheme': 'Default Light Modern' } });
const file = `vscode-remote://${host}:${port}${path.join(workspace, 'manuscript.md')}`;
// VS Code's web workbench reads extensionDevelopmentPath and openFile from the payload query.
const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${host}:${port}${root}`], ['openFile', file]]);
const url = `${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;

const stop = async () => {
  await server.stop();
  removeRunDir(tmp);
};
process.on('SIGINT', () => void stop().then(() => process.exit(0)));
process.on('SIGTERM', () => void stop().then(() => process.exit(0)));

console.log(`\nIMiD Lens is running in VS Code at:\n\n  ${url}\n\nOpen it in a browser (examples/manuscript.md opens with the extension loaded).\nPress Ctrl+C to stop.\n`);

if (process.env.START_SMOKE === '1') {
  let code = 1;
  const context = await launchChromium(tmp);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.locator('.monaco-editor .view-line', { hasText: 'third-generation IMiD' }).first().waitFor({ timeout: 60000 });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'not an IMiD' }).first().waitFor({ timeout: 60000 });
    console.log('smoke: manuscript.md is open and the Problems panel shows an imid-lens finding');
    code = 0;
  } catch (e) {
    console.error(`smoke failed: ${e.message}`);
    await context.pages()[0]?.screenshot({ path: path.join(root, '.vscode-test', 'start-smoke-failure.png') }).catch(() => {});
  } finally {
    await context.close();
    if (code === 0) await stop();
    else {
      await server.stop();
      console.error(`logs in ${tmp}`);
    }
    process.exit(code);
  }
}
