// package.json promises: every setting is read by the extension, every contributed string is
// localisable, every runtime string goes through vscode.l10n, and the .vsix allow-list holds.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = process.cwd();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const vscodeSources = fs.readdirSync(path.join(root, 'src/vscode')).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(root, 'src/vscode', f), 'utf8')).join('\n');

test('every contributed setting is read by the extension', () => {
  const keys = Object.keys(pkg.contributes.configuration.properties);
  assert.ok(keys.length >= 5);
  const unread = keys.filter((k) => !new RegExp(`\\.get(?:<.*?>)?\\(\\s*'${k.replace(/^imidLens\./, '')}'`).test(vscodeSources));
  assert.deepEqual(unread, []);
});

test('every %placeholder% in package.json has a string in package.nls.json', () => {
  const placeholders = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(placeholders.length > 10);
  assert.deepEqual(placeholders.filter((p) => !(p in nls)), []);
});

test('runtime messages go through vscode.l10n.t and are listed in l10n/bundle.l10n.json', () => {
  const used = [...vscodeSources.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'"));
  assert.ok(used.length > 5);
  const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.json'), 'utf8'));
  assert.deepEqual([...new Set(used)].filter((s) => !(s in bundle)), [], 'run: node test/harness/l10n.mjs');
  // user-facing messages are not hard-coded around it
  const raw = [...vscodeSources.matchAll(/show(?:Information|Warning|Error)Message\(\s*(['`])/g)];
  assert.deepEqual(raw.map((m) => m[0]), []);
});

test('.vscodeignore is an allow-list that ships every file the manifest references', () => {
  const lines = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**', 'everything is excluded first');
  const allowed = lines.slice(1).map((l) => l.replace(/^!/, ''));
  // dist/vendor.js: required at run time by dist/extension.js (esbuild.mjs, lazyVendor); dist/docx.js by dist/cli.js (lazyDocx);
  // dist/cli-main.js: the CLI bundle dist/cli.js runs (src/cli/launch.ts)
  const needed = [pkg.main.replace(/^\.\//, ''), pkg.browser.replace(/^\.\//, ''), pkg.bin['imid-lens'], 'dist/cli-main.js', 'dist/vendor.js', 'dist/docx.js', 'dist/THIRD_PARTY_NOTICES.md', pkg.icon, ...pkg.contributes.jsonValidation.map((j: { url: string }) => j.url.replace(/^\.\//, '')), ...pkg.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { markdown: string } }> }) => w.steps.map((s) => s.media.markdown))];
  const glob = (g: string) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`);
  assert.deepEqual(needed.filter((f) => !allowed.some((a) => glob(a).test(f))), []);
  for (const f of needed) assert.ok(fs.existsSync(path.join(root, f)) || f.startsWith('dist/'), f);
});

test('the manifest declares what a marketplace needs, truthfully', () => {
  for (const k of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'icon', 'repository', 'categories', 'keywords', 'engines']) assert.ok(pkg[k], k);
  assert.equal(pkg.engines.vscode, '^1.100.0');
  // works without trust (never runs workspace code) and on virtual file systems (workspace.fs)
  assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  assert.ok(!/\b(?:http|https|net|child_process)\b['"]/.test(vscodeSources), 'the extension makes no network calls');
});
