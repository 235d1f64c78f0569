#!/usr/bin/env node
// The HTML report (`imid-lens lint --format html`) in a real browser: Debian chromium driven by
// playwright-core, the page opened from a file:// address as a writer would open it.
//   - the sample manuscript (examples/, the one `npm start` opens): a highlight for every finding
//     of the JSON output, filters by severity and family hide and show highlights and notes,
//     Tab reaches the skip links, the filters and every finding, Enter on a finding goes to its
//     highlight and from there to its note, print shows every note and no filters, dark mode
//   - the test fixtures (Markdown, LaTeX, plain text, .bib problems at error severity): one
//     highlight per finding, the error filter
//   - a document with <script> and an onerror attribute in its text: shown as text, never run
//   - no request leaves the page and the Content-Security-Policy blocks nothing of its own
// Screenshots: report.png and report-dark.png (the README's), in SCREENSHOT_DIR or docs/images.
//
//   node test/harness/report.mjs                      writes docs/images/report*.png
//   SUITES=report node test/run-tests.mjs             as a suite of npm test (screenshots to .vscode-test/screenshots)
//   IMID_LENS_OUT=.build/x node test/harness/report.mjs   uses the private build's dist/cli.js
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, makeRunDir, outBase, removeRunDir, requireFiles, root } from './code-server-harness.mjs';

const env = process.env;
const cli = path.join(outBase, 'dist/cli.js');
requireFiles([['chromium', chromiumPath], ['CLI bundle (npm run build)', cli]]);
const shots = path.resolve(env.SCREENSHOT_DIR ?? path.join(root, 'docs/images'));
fs.mkdirSync(shots, { recursive: true });
const tmp = makeRunDir('report-');

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
let passed = 0;
let failed = 0;
let page;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${elapsed()})`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message.split('\n').slice(0, 3).join(' | ')}`);
    await page?.screenshot({ path: path.join(tmp, `fail-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
}

function assert(ok, message) {
  if (!ok) throw new Error(message);
}

/** `imid-lens lint` of files in `cwd`: the JSON rows, and the HTML report written with -o. */
function report(cwd, files, name) {
  const json = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', ...files], { cwd, encoding: 'utf8' });
  assert(json.status === 0 || json.status === 1, `lint --format json exited ${json.status}: ${json.stderr}`);
  const out = path.join(tmp, name);
  const html = spawnSync(process.execPath, [cli, 'lint', '--format', 'html', '-o', out, ...files], { cwd, encoding: 'utf8' });
  assert(html.status === json.status, `lint --format html exited ${html.status}, json ${json.status}: ${html.stderr}`);
  return { rows: JSON.parse(json.stdout), url: pathToFileURL(out).href };
}

/** Opens a report; every request, page error and CSP violation is recorded. */
async function open(url, problems) {
  await page.goto(url);
  await page.locator('#summary').waitFor();
  return problems;
}

const visibleHighlights = (sel = 'mark.hl[id]') =>
  page.$$eval(sel, (ms) => ms.filter((m) => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)' && m.getBoundingClientRect().width > 0).length);

const focused = () =>
  page.evaluate(() => {
    const a = document.activeElement;
    return { tag: a?.tagName.toLowerCase(), id: a?.id ?? '', href: a?.getAttribute('href') ?? '', filter: a?.getAttribute('data-filter') ?? '', text: (a?.textContent ?? '').trim().slice(0, 60), outline: a ? getComputedStyle(a).outlineStyle : 'none' };
  });

let browser;
const problems = { requests: [], errors: [] };
try {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache') },
  });
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, colorScheme: 'light', deviceScaleFactor: 1 });
  page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) problems.requests.push(r.url());
  });
  page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.errors.push(`console: ${m.text()}`);
  });

  const sample = report(path.join(root, 'examples'), ['manuscript.md'], 'sample.html');
  await open(sample.url, problems);

  await check('the sample manuscript: a visible highlight for every finding of the JSON output', async () => {
    assert(sample.rows.length >= 5, `the sample has ${sample.rows.length} findings`);
    const marks = await page.locator('mark.hl[id]').count();
    assert(marks === sample.rows.length, `${marks} highlights for ${sample.rows.length} findings`);
    const shown = await visibleHighlights();
    assert(shown === marks, `${shown} of ${marks} highlights are visible`);
    const words = await page.$$eval('mark.hl[id]', (ms) => ms.map((m) => m.textContent));
    assert(words.includes('CC-5013') && words.includes('lenolidomide'), `highlighted words: ${words.join(' | ')}`);
    const notes = await page.locator('.note:visible').count();
    assert(notes === sample.rows.length, `${notes} notes`);
    const summed = await page.$$eval('tr[data-family] td[data-count="total"]', (tds) => tds.reduce((a, td) => a + Number(td.textContent), 0));
    assert(summed === sample.rows.length, `the family table sums to ${summed}`);
  });

  await check('the severity filter hides and shows every highlight and note', async () => {
    const box = page.locator('input[data-filter="sev"][value="warning"]');
    await box.uncheck();
    const warnings = sample.rows.filter((r) => r.severity === 'warning').length;
    assert((await visibleHighlights()) === sample.rows.length - warnings, 'warning highlights hidden');
    assert((await page.locator('.note.sev-warning:visible').count()) === 0, 'warning notes hidden');
    assert((await page.locator('.toc li[data-sev="warning"]:visible').count()) === 0, 'warning entries of the list hidden');
    const status = await page.locator('#shown').textContent();
    assert(status.includes(`Showing ${sample.rows.length - warnings} of ${sample.rows.length}`), `status: ${status}`);
    await box.check();
    assert((await visibleHighlights()) === sample.rows.length, 'all highlights back');
    assert((await page.locator('.note:visible').count()) === sample.rows.length, 'all notes back');
  });

  await check('the family filter hides the highlights of one family only', async () => {
    const family = await page.locator('input[data-filter="fam"]').first().getAttribute('value');
    const ofFamily = await page.locator(`mark.hl[id][data-fam="${family}"]`).count();
    assert(ofFamily > 0 && ofFamily < sample.rows.length, `${ofFamily} findings of ${family}`);
    await page.locator(`input[data-filter="fam"][value="${family}"]`).uncheck();
    assert((await visibleHighlights(`mark.hl[id][data-fam="${family}"]`)) === 0, `${family} highlights hidden`);
    assert((await visibleHighlights()) === sample.rows.length - ofFamily, 'the other families stay');
    assert((await page.locator(`.note[data-fam="${family}"]:visible`).count()) === 0, `${family} notes hidden`);
    await page.locator('#show-all').click();
    assert((await visibleHighlights()) === sample.rows.length, '"Show all" brings every highlight back');
  });

  await check('keyboard: Tab reaches the skip links, the filters and every finding; focus is visible', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    const seen = [];
    for (let k = 0; k < 40; k++) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    assert(seen[0].tag === 'a' && /^Skip to/.test(seen[0].text), `first Tab: ${JSON.stringify(seen[0])}`);
    assert(seen[0].outline !== 'none', 'the focused skip link has an outline');
    const box = seen.findIndex((s) => s.filter === 'sev');
    const fam = seen.findIndex((s) => s.filter === 'fam');
    const firstFinding = seen.findIndex((s) => /^#f\d+$/.test(s.href));
    assert(box > 0 && fam > box && firstFinding > fam, `order: severity ${box}, family ${fam}, first finding ${firstFinding}`);
    assert(seen[box].outline !== 'none', 'the focused checkbox has an outline');
    const links = new Set(seen.filter((s) => /^#f\d+$/.test(s.href)).map((s) => s.href));
    assert(links.size === sample.rows.length, `${links.size} finding links reached by Tab`);
  });

  await check('keyboard: Space toggles a filter, Enter on a finding focuses its highlight, Enter there its note', async () => {
    await page.locator('input[data-filter="sev"][value="warning"]').focus();
    await page.keyboard.press('Space');
    assert((await visibleHighlights()) === sample.rows.filter((r) => r.severity !== 'warning').length, 'Space unchecked the warnings');
    await page.keyboard.press('Space');
    assert((await visibleHighlights()) === sample.rows.length, 'Space checked them again');
    await page.locator('#l2').focus();
    await page.keyboard.press('Enter');
    let f = await focused();
    assert(f.tag === 'mark' && f.id === 'f2', `after Enter on the second finding: ${JSON.stringify(f)}`);
    assert(f.outline !== 'none', 'the focused highlight has an outline');
    await page.keyboard.press('Enter');
    f = await focused();
    assert(f.id === 'n2', `after Enter on the highlight: ${JSON.stringify(f)}`);
    const btn = page.locator('#n2 .more-btn');
    assert((await btn.getAttribute('aria-expanded')) === 'true', 'its fact and sources are shown');
    await btn.press('Enter');
    assert((await btn.getAttribute('aria-expanded')) === 'false' && !(await page.locator('#x2').isVisible()), 'Enter on the button collapses them');
    // the skip link moves focus to the filters
    await page.locator('.skip a[href="#filters"]').focus();
    await page.keyboard.press('Enter');
    f = await focused();
    assert(f.id === 'filters', `after the skip link: ${JSON.stringify(f)}`);
  });

  await check('the references: DOI and PubMed links, not loaded', async () => {
    const dois = await page.$$eval('a.doi', (as) => as.map((a) => a.href));
    const pmids = await page.$$eval('a.pmid', (as) => as.map((a) => a.href));
    assert(dois.length && dois.every((u) => u.startsWith('https://doi.org/10.')), `DOI links: ${dois.slice(0, 3).join(', ')}`);
    assert(pmids.length && pmids.every((u) => /^https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/\d+\/$/.test(u)), `PubMed links: ${pmids.slice(0, 3).join(', ')}`);
  });

  await check('screenshot of the report (docs/images/report.png)', async () => {
    await page.locator('#show-all').click();
    for (const b of await page.locator('.more-btn[aria-expanded="true"]').all()) await b.click();
    await page.locator('#n1 .more-btn').click();
    await page.evaluate(() => document.activeElement?.blur());
    // the first highlighted lines with their notes
    await page.evaluate(() => {
      const line = [...document.querySelectorAll('.line .ln')].find((l) => l.textContent.trim() === '14');
      window.scrollTo(0, line.getBoundingClientRect().top + window.scrollY - 24);
    });
    await page.screenshot({ path: path.join(shots, 'report.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    assert(r + g + b < 120, `dark background, got ${bg}`);
    assert((await visibleHighlights()) === sample.rows.length, 'highlights visible in dark mode');
    await page.screenshot({ path: path.join(shots, 'report-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  await check('print: no filters or buttons, every note expanded', async () => {
    await page.locator('.more-btn[aria-expanded="true"]').first().click(); // collapse all again
    assert((await page.locator('.more:visible').count()) === 0, 'notes collapsed on screen');
    await page.emulateMedia({ media: 'print' });
    assert(!(await page.locator('#filters').isVisible()), 'no filters in print');
    assert((await page.locator('.more-btn:visible').count()) === 0, 'no buttons in print');
    const more = await page.locator('.more').count();
    assert(more > 0 && (await page.locator('.more:visible').count()) === more, 'every fact and its sources are printed');
    assert((await visibleHighlights()) === sample.rows.length, 'the highlights are printed');
    const pdf = await page.pdf({ format: 'A4' });
    assert(pdf.length > 10000, `a PDF of ${pdf.length} bytes`);
    await page.emulateMedia({ media: 'screen' });
  });

  const fixtures = report(path.join(root, 'test/fixtures/workspace'), ['.'], 'fixtures.html');
  await open(fixtures.url, problems);

  await check('the test fixtures (Markdown, LaTeX, plain text, bibliographies): a highlight per finding; the error filter', async () => {
    const marks = await page.locator('mark.hl[id]').count();
    assert(marks === fixtures.rows.length, `${marks} highlights for ${fixtures.rows.length} findings`);
    const files = new Set(fixtures.rows.map((r) => r.file));
    assert((await page.locator('section.file').count()) >= files.size, 'a section per file');
    const errors = fixtures.rows.filter((r) => r.severity === 'error').length;
    assert(errors > 0, 'the fixtures have findings at error severity');
    await page.locator('input[data-filter="sev"][value="error"]').uncheck();
    assert((await visibleHighlights()) === fixtures.rows.length - errors, 'error highlights hidden');
    const warnings = fixtures.rows.filter((r) => r.severity === 'warning').length;
    assert((await visibleHighlights('mark.hl[id].sev-warning')) === warnings, 'warnings stay');
    await page.locator('input[data-filter="sev"][value="error"]').check();
    assert((await visibleHighlights()) === fixtures.rows.length, 'error highlights back');
  });

  const hostile = path.join(tmp, 'hostile');
  fs.mkdirSync(hostile);
  fs.writeFileSync(path.join(hostile, 'note.md'), 'A <script>window.__ran = 1</script> and <img src="x" onerror="window.__ran = 2"> in lenolidomide text.\n');
  const injected = report(hostile, ['note.md'], 'hostile.html');
  await open(injected.url, problems);

  await check('a <script> in the document is shown as text and never runs', async () => {
    assert((await page.evaluate(() => window.__ran)) === undefined, 'no document code ran');
    assert((await page.locator('.doc script, .doc img').count()) === 0, 'no element from the document');
    const line = await page.locator('.doc .line .tx').first().textContent();
    assert(line.includes('<script>window.__ran = 1</script>') && line.includes('onerror='), `the text as written: ${line}`);
    assert((await page.locator('mark.hl[id]').count()) === injected.rows.length, 'its finding is highlighted');
  });

  await check('nothing was requested from the network; no page error or CSP violation', async () => {
    assert(problems.requests.length === 0, `requests: ${problems.requests.join(', ')}`);
    assert(problems.errors.length === 0, problems.errors.join(' | '));
  });
} catch (e) {
  failed++;
  console.log(`FAIL setup: ${e.message}`);
} finally {
  try { await browser?.close(); } catch { /* ignore */ }
}
if (failed === 0 && env.KEEP_VSCODE_TEST_RUNS !== '1') removeRunDir(tmp);
else console.log(`reports and failure screenshots in ${tmp}`);
console.log(`report: ${elapsed()}, screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
