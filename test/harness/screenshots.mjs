#!/usr/bin/env node
// Drives the real VS Code UI like a writer would and takes the README's screenshots:
// the hover card (light and dark theme), citation completion, a flagged claim with its
// quick fixes, and the Problems panel. Every step checks what the UI shows, so this is
// also the UI smoke test of `npm test` (suite "ui", screenshots to a temporary folder).
//
//   npm run screenshots                 writes docs/images/*.png: hover.png, hover-dark.png,
//                                       quick-fix.png, citation-completion.png, problems.png
//   SCREENSHOT_DIR=/tmp/shots node test/harness/screenshots.mjs
//   IMID_LENS_OUT=.build/x npm run screenshots   uses the private build in .build/x/dist
//                                       (staged with the manifest as .build/x/ext-ui)
import fs from 'node:fs';
import path from 'node:path';
import { chromiumPath, codeServerBin, injectDevelopmentOptions, launchChromium, makeRunDir, removeRunDir, requireFiles, root, startCodeServer } from './code-server-harness.mjs';

const env = process.env;
const shots = path.resolve(env.SCREENSHOT_DIR ?? path.join(root, 'docs/images'));
// With IMID_LENS_OUT (a private build folder), stage an extension folder there: the manifest,
// schema and l10n from the repository, dist/ from the private build.
const outBase = path.resolve(root, env.IMID_LENS_OUT ?? '.');
function stagedExtension() {
  if (outBase === root) return root;
  const ext = path.join(outBase, 'ext-ui');
  fs.rmSync(ext, { recursive: true, force: true });
  fs.mkdirSync(path.join(ext, 'data'), { recursive: true });
  for (const f of ['package.json', 'package.nls.json', 'README.md', 'LICENSE', 'CHANGELOG.md']) if (fs.existsSync(path.join(root, f))) fs.copyFileSync(path.join(root, f), path.join(ext, f));
  fs.cpSync(path.join(root, 'data/schema'), path.join(ext, 'data/schema'), { recursive: true });
  for (const d of ['l10n']) if (fs.existsSync(path.join(root, d))) fs.cpSync(path.join(root, d), path.join(ext, d), { recursive: true });
  if (fs.existsSync(path.join(outBase, 'dist'))) fs.symlinkSync(path.join(outBase, 'dist'), path.join(ext, 'dist'));
  return ext;
}
const extDevPath = stagedExtension();
requireFiles([['code-server', codeServerBin], ['chromium', chromiumPath], ['extension bundle (npm run build)', path.join(extDevPath, 'dist/extension.js')]]);
fs.mkdirSync(shots, { recursive: true });

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
let passed = 0;
let failed = 0;
let page;
const tmp = makeRunDir('ui-');

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${elapsed()})`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
    await page?.screenshot({ path: path.join(tmp, `fail-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
}

/** Screen position of the first occurrence of `needle` in the rendered editor lines. */
async function wordBox(needle, offset = 2) {
  return page.evaluate(({ needle, offset }) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent.replace(/\u00a0/g, ' ');
        const i = text.indexOf(needle);
        if (i >= 0) {
          const r = document.createRange();
          r.setStart(n, i + offset);
          r.setEnd(n, i + offset + 1);
          const b = r.getBoundingClientRect();
          return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }
      }
    }
    return null;
  }, { needle, offset });
}

async function hover(needle, expect) {
  const box = await wordBox(needle);
  if (!box) throw new Error(`"${needle}" is not visible in the editor`);
  const widget = page.locator('.monaco-hover:not(.hidden)', { hasText: expect });
  // the extension activates a moment after the file opens; move away and back until it answers
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(box.x - 80, box.y + 80);
    await page.mouse.move(box.x, box.y, { steps: 4 });
    try {
      await widget.first().waitFor({ state: 'visible', timeout: 4000 });
      return widget.first();
    } catch (e) {
      if (attempt >= 10) throw e;
    }
  }
}

/** Lets a hover or menu finish fading in, then stretches a hover card down to `height` px (its south sash). */
async function settle(ms = 400) {
  await page.waitForTimeout(ms);
}

async function stretchHover(height) {
  const sash = page.locator('.monaco-resizable-hover > .monaco-sash.horizontal:not(.disabled)').last();
  const box = await sash.boundingBox().catch(() => null);
  const hoverBox = await page.locator('.monaco-resizable-hover').last().boundingBox().catch(() => null);
  if (!box || !hoverBox) return;
  const startY = box.y + box.height / 2;
  const isSouth = startY > hoverBox.y + hoverBox.height / 2;
  const x = box.x + Math.min(box.width / 2, 200);
  await page.mouse.move(x, startY);
  await page.mouse.down();
  await page.mouse.move(x, isSouth ? hoverBox.y + height : hoverBox.y + hoverBox.height - height, { steps: 8 });
  await page.mouse.up();
  // rest the pointer inside the card (off the highlighted sash; the card stays open)
  const after = await page.locator('.monaco-resizable-hover').last().boundingBox().catch(() => null);
  if (after) await page.mouse.move(after.x + after.width - 30, after.y + 40, { steps: 4 });
}

async function setTheme(theme) {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(theme);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(theme.includes('Dark') ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor({ timeout: 10000 });
}

let server;
let context;
try {
  const workspace = path.join(tmp, 'examples');
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  server = await startCodeServer(tmp, { settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false, 'window.zoomLevel': 0, 'editor.fontSize': 14, 'breadcrumbs.enabled': false, 'editor.hover.above': false } });
  context = await launchChromium(tmp, { viewport: { width: 1280, height: 800 } });
  await injectDevelopmentOptions(context, { extensionDevelopmentPaths: [extDevPath] });
  page = context.pages()[0] ?? (await context.newPage());
  const file = `vscode-remote://${server.authority}${path.join(workspace, 'manuscript.md')}`;
  await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify([['openFile', file]]))}`);

  await check('the sample manuscript opens', async () => {
    await page.locator('.monaco-editor .view-line', { hasText: 'third-generation IMiD' }).first().waitFor({ timeout: 60000 });
  });

  await check('hover card on a brand (light theme)', async () => {
    const card = await hover('Revlimid', 'brand of');
    const text = await card.innerText();
    if (!/lenalidomide/.test(text) || !/References/.test(text)) throw new Error(`card text: ${text.slice(0, 200)}`);
    await stretchHover(420);
    await settle();
    await page.screenshot({ path: path.join(shots, 'hover.png') });
  });

  await check('hover card in the dark theme', async () => {
    await page.mouse.move(5, 400);
    await setTheme('Default Dark Modern');
    await hover('CC-5013', 'research code of');
    await stretchHover(400);
    await settle();
    await page.screenshot({ path: path.join(shots, 'hover-dark.png') });
    await page.mouse.move(5, 400);
    await setTheme('Default Light Modern');
  });

  await check('a flagged claim and its quick fixes', async () => {
    const box = await wordBox('third-generation IMiD', 4);
    if (!box) throw new Error('claim not visible');
    await page.mouse.click(box.x, box.y);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget', { hasText: 'phosphodiesterase-4' });
    await menu.first().waitFor({ state: 'visible', timeout: 20000 });
    await settle();
    await page.screenshot({ path: path.join(shots, 'quick-fix.png') });
    await page.keyboard.press('Escape');
  });

  await check('citation completion after [@', async () => {
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Lenalidomide degrades IKZF1 [@');
    const row = page.locator('.editor-widget.suggest-widget .monaco-list-row', { hasText: 'kronke2014' });
    try {
      await row.first().waitFor({ state: 'visible', timeout: 8000 });
    } catch {
      await page.keyboard.press('Control+Space');
      await row.first().waitFor({ state: 'visible', timeout: 15000 });
    }
    await settle();
    await page.screenshot({ path: path.join(shots, 'citation-completion.png') });
    await page.keyboard.press('Escape');
  });

  await check('the Problems panel lists the findings', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'not an IMiD' }).first().waitFor({ state: 'visible', timeout: 20000 });
    const rows = await page.locator('.markers-panel .monaco-list-row').count();
    if (rows < 4) throw new Error(`only ${rows} rows in the Problems panel`);
    await settle();
    await page.screenshot({ path: path.join(shots, 'problems.png') });
  });
} catch (e) {
  failed++;
  console.log(`FAIL setup: ${e.message}`);
} finally {
  try { await context?.close(); } catch { /* ignore */ }
  await server?.stop();
}
if (failed === 0 && env.KEEP_VSCODE_TEST_RUNS !== '1') removeRunDir(tmp);
else console.log(`logs and failure screenshots in ${tmp}`);
console.log(`UI: ${elapsed()}, screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
