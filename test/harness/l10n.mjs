#!/usr/bin/env node
// Regenerates l10n/bundle.l10n.json (the English source bundle translators start from) from
// every vscode.l10n.t('...') call in src/vscode. A unit test fails when it is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { root } from './code-server-harness.mjs';

const dir = path.join(root, 'src/vscode');
const strings = new Set();
for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ts')).sort()) {
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) strings.add(m[1].replace(/\\'/g, "'"));
}
const bundle = Object.fromEntries([...strings].sort().map((s) => [s, s]));
fs.writeFileSync(path.join(root, 'l10n/bundle.l10n.json'), `${JSON.stringify(bundle, null, 2)}\n`);
console.log(`l10n/bundle.l10n.json: ${strings.size} strings`);
