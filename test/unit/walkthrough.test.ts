// The walkthrough promises what the untitled sample and the cards can do.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { buildCard } from '../../src/core/index';
import { engine } from './util';

const root = process.cwd();
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

test('the untitled sample has no bibliography: the walkthrough says its keys are checked against the bundled references', () => {
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
  for (const text of [read('docs/walkthrough/open.md'), read('docs/walkthrough/cite.md'), nls['walkthrough.open.description'], nls['walkthrough.cite.description']]) {
    assert.match(text.replace(/\s+/g, ' '), /checked against the bundled references/, text);
  }
  for (const f of fs.readdirSync(path.join(root, 'docs/walkthrough'))) {
    assert.doesNotMatch(read(`docs/walkthrough/${f}`), /sample[^.]*(quick fix adds|Add entry adds)/i, f);
  }
});

test('the hover step names the links the card has', () => {
  const db = engine().db;
  const form = db.lookup('Revlimid')!;
  const card = buildCard(db, db.term(form.termId)!, form, { insertCitation: () => 'command:a', openTermSheet: () => 'command:b' }, { short: true }).markdown;
  const hover = read('docs/walkthrough/hover.md');
  for (const link of [...card.matchAll(/\[([^\]]+)\]\(command:/g)].map((m) => m[1])) assert.ok(hover.includes(`*${link}*`), `hover.md names "${link}"`);
  assert.match(hover, /mechanism in one sentence/);
});
