// `imid-lens explain <name>` for every surface-form family, as Markdown and as JSON,
// in-process through run({argv, io}) and once spawned as `node dist/cli.js`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { cli, CLI } from './helpers';

interface CardJson {
  id: string;
  preferredName: string;
  matchedName: string;
  matchedKind: string;
  kind: string;
  currentName?: string;
  markdown: string;
  references: Array<{ key: string; doi?: string; pmid?: string; url?: string }>;
  approvals?: Array<{ agency: string; date: string }>;
  riskProgrammes?: string[];
  status?: string;
}

async function explainJson(name: string): Promise<CardJson> {
  const r = await cli(['explain', name, '--format', 'json']);
  assert.equal(r.code, 0, `explain "${name}": ${r.err}${r.out}`);
  assert.equal(r.err, '');
  return JSON.parse(r.out) as CardJson;
}

/** [name as typed, term id, kind of the matched form] */
type Case = [string, string, string];

async function check(cases: Case[]): Promise<void> {
  for (const [name, id, kind] of cases) {
    const c = await explainJson(name);
    assert.deepEqual([c.id, c.matchedKind], [id, kind], `explain "${name}"`);
  }
}

describe('imid-lens explain: every surface-form family', () => {
  test('INN in any case', async () => {
    await check([
      ['lenalidomide', 'lenalidomide', 'preferred'],
      ['LENALIDOMIDE', 'lenalidomide', 'preferred'],
      ['Thalidomide', 'thalidomide', 'preferred'],
      ['iberdomide', 'iberdomide', 'preferred'],
      ['MEZIGDOMIDE', 'mezigdomide', 'preferred'],
      ['Golcadomide', 'golcadomide', 'preferred'],
      ['avadomide', 'avadomide', 'preferred'],
      ['eragidomide', 'eragidomide', 'preferred'],
      ['apremilast', 'apremilast', 'preferred'],
    ]);
  });

  test('brands with and without ® and ™', async () => {
    await check([
      ['Revlimid', 'lenalidomide', 'brand'],
      ['Revlimid®', 'lenalidomide', 'brand'],
      ['Pomalyst™', 'pomalidomide', 'brand'],
      ['Imnovid', 'pomalidomide', 'brand'],
      ['Thalomid®', 'thalidomide', 'brand'],
      ['Contergan', 'thalidomide', 'brand'],
      ['Distaval', 'thalidomide', 'brand'],
      ['Otezla', 'apremilast', 'brand'],
    ]);
  });

  test('research codes with hyphen, space or none', async () => {
    for (const [digits, id] of [['5013', 'lenalidomide'], ['4047', 'pomalidomide'], ['220', 'iberdomide'], ['92480', 'mezigdomide'], ['99282', 'golcadomide'], ['122', 'avadomide'], ['90009', 'eragidomide'], ['10004', 'apremilast']]) {
      await check([[`CC-${digits}`, id, 'code'], [`CC ${digits}`, id, 'code'], [`CC${digits}`, id, 'code'], [`cc\u2011${digits}`, id, 'code']]);
    }
    await check([['CC-885', 'cc-885', 'preferred'], ['CC885', 'cc-885', 'preferred']]);
  });

  test('a code names its INN in the card and in JSON', async () => {
    const c = await explainJson('CC 92480');
    assert.equal(c.currentName, 'mezigdomide');
    assert.match(c.markdown, /\*\*CC-92480\*\* is a research code of \*\*mezigdomide\*\*/);
  });

  test('Greek and Latin spellings', async () => {
    for (const v of ['CK1α', 'CK1a', 'CK1-alpha', 'CK1 alpha']) await check([[v, 'ck1-alpha', 'preferred']]);
    for (const v of ['TNF-α', 'TNF-alpha', 'TNFα', 'TNF alpha']) await check([[v, 'tnf-alpha', 'preferred']]);
    await check([['CSNK1A1', 'ck1-alpha', 'synonym'], ['tumour necrosis factor alpha', 'tnf-alpha', 'synonym']]);
  });

  test('plurals and possessives of class terms', async () => {
    await check([
      ['IMiD', 'imid', 'preferred'],
      ['IMiDs', 'imid', 'plural'],
      ["IMiD's", 'imid', 'preferred'],
      ['CELMoDs', 'celmod', 'plural'],
      ['CELMoD’s', 'celmod', 'preferred'],
      ["CELMoDs'", 'celmod', 'plural'],
      ['molecular glue degraders', 'molecular-glue-degrader', 'plural'],
    ]);
  });

  test('misspellings: the card says what was meant', async () => {
    const c = await explainJson('lenolidomide');
    assert.deepEqual([c.id, c.matchedKind, c.currentName], ['lenalidomide', 'misspelling', 'lenalidomide']);
    assert.match(c.markdown, /\*\*lenolidomide\*\* looks like a misspelling of \*\*lenalidomide\*\*/);
    await check([['pomalidamide', 'pomalidomide', 'misspelling'], ['thalidamide', 'thalidomide', 'misspelling'], ['iberdamide', 'iberdomide', 'misspelling']]);
  });

  test('former names, programmes, companies and proteins', async () => {
    await check([
      ['Actimid', 'pomalidomide', 'former'],
      ['S.T.E.P.S.', 'thalomid-rems', 'former'],
      ['RevAssist', 'lenalidomide-rems', 'former'],
      ['REVLIMID REMS', 'lenalidomide-rems', 'former'],
      ['THALOMID REMS', 'thalomid-rems', 'preferred'],
      ['POMALYST REMS', 'pomalyst-rems', 'preferred'],
      ['Celgene', 'celgene', 'preferred'],
      ['Bristol-Myers Squibb', 'bristol-myers-squibb', 'preferred'],
      ['BMS', 'bristol-myers-squibb', 'synonym'],
      ['Amgen', 'amgen', 'preferred'],
      ['Grunenthal', 'grunenthal', 'preferred'],
      ['Chemie Grünenthal', 'grunenthal', 'former'],
      ['Pharmion', 'pharmion', 'preferred'],
      ['CRBN', 'cereblon', 'synonym'],
      ['CRL4^CRBN', 'crl4-crbn', 'preferred'],
      ['CRL4CRBN', 'crl4-crbn', 'synonym'],
      ['DDB1', 'ddb1', 'preferred'],
      ['Ikaros', 'ikzf1', 'synonym'],
      ['Aiolos', 'ikzf3', 'synonym'],
      ['GSPT1', 'gspt1', 'preferred'],
      ['SALL4', 'sall4', 'preferred'],
      ['p63', 'p63', 'preferred'],
      ['ZFP91', 'zfp91', 'preferred'],
      ['MEIS2', 'meis2', 'preferred'],
      ['PDE4', 'pde4', 'preferred'],
    ]);
  });

  test('a multi-word name given as separate words', async () => {
    const r = await cli(['explain', 'Bristol', 'Myers', 'Squibb', '--format', 'json']);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).id, 'bristol-myers-squibb');
  });
});

describe('imid-lens explain: output', () => {
  test('Markdown card (--format markdown): title, approvals table, boxed warning, programme, references, as of', async () => {
    const r = await cli(['explain', 'Pomalyst', '--format', 'markdown']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^### pomalidomide · drug\n/);
    assert.match(r.out, /\| FDA \| 2020-05-14 \| Kaposi sarcoma \(Pomalyst, accelerated/);
    assert.match(r.out, /\*\*Boxed warning:\*\* Embryo-fetal toxicity/);
    assert.match(r.out, /\*\*Risk programme:\*\* POMALYST REMS/);
    assert.match(r.out, /https:\/\/doi\.org\/10\.1126\/science\.1244917/);
    assert.match(r.out, /\*As of \d{4}-\d\d-\d\d\*\n$/);
    assert.doesNotMatch(r.out, /command:/, 'no editor command links in a terminal');
  });

  test('the default is the same card rendered for a terminal', async () => {
    const r = await cli(['explain', 'Pomalyst']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^pomalidomide · drug\n/);
    assert.match(r.out, /\nFDA +2020-05-14 +Kaposi sarcoma \(Pomalyst, accelerated/);
    assert.match(r.out, /\nBoxed warning: Embryo-fetal toxicity/);
    assert.match(r.out, /\nRisk programme: POMALYST REMS/);
    assert.match(r.out, /https:\/\/doi\.org\/10\.1126\/science\.1244917/);
    assert.match(r.out, /\nAs of \d{4}-\d\d-\d\d\n$/);
    assert.doesNotMatch(r.out, /\*\*|\| FDA \||command:/);
  });

  test('JSON card: structured fields with DOI and PMID', async () => {
    const c = await explainJson('Revlimid');
    assert.equal(c.preferredName, 'lenalidomide');
    assert.equal(c.status, 'approved');
    assert.deepEqual(c.riskProgrammes, ['Lenalidomide REMS']);
    assert.deepEqual(c.approvals?.[0], { agency: 'FDA', date: '2005-12-27', indication: 'Anaemia in del(5q) myelodysplastic syndromes (first approval)', brand: 'Revlimid' });
    const lu = c.references.find((x) => x.key === 'lu2014');
    assert.deepEqual([lu?.doi, lu?.pmid], ['10.1126/science.1244917', '24292623']);
  });

  test('an unknown name exits 1 with suggestions (Markdown on stderr, JSON on stdout)', async () => {
    const md = await cli(['explain', 'lenalidomyde']);
    assert.equal(md.code, 1);
    assert.equal(md.out, '');
    assert.match(md.err, /"lenalidomyde" is not in the term database\. Did you mean: .*lenalidomide/);
    const js = await cli(['explain', 'ibredomide', '--format', 'json']);
    assert.equal(js.code, 1);
    const body = JSON.parse(js.out);
    assert.equal(body.error, 'unknown name "ibredomide"');
    assert.ok(body.suggestions.includes('iberdomide'), body.suggestions.join(', '));
  });

  test('a name inside a longer code is not a name', async () => {
    assert.equal((await cli(['explain', 'CC-2200'])).code, 1);
    assert.equal((await cli(['explain', 'CC-90009-AML-001'])).code, 1);
  });

  test('the spawned binary prints the same JSON card', () => {
    const r = spawnSync(process.execPath, [CLI, 'explain', 'CC-220', '--format', 'json'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const c = JSON.parse(r.stdout);
    assert.deepEqual([c.id, c.matchedKind, c.currentName], ['iberdomide', 'code', 'iberdomide']);
  });
});
