// Every surface-form family of the bundled term database resolves in running text (the one-pass
// scanner over Markdown and LaTeX prose), and a name inside a longer word, code, URL or citation
// key never matches.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type FormKind, bundledData, extractLatex, extractMarkdown, scan } from '../../src/core/index';
import { engine, lintAs } from './util';

type Hit = [text: string, termId: string, kind: FormKind];

function hits(text: string, latex = false): Hit[] {
  const e = engine();
  return scan(e.db, latex ? extractLatex(text) : extractMarkdown(text))
    .filter((m) => m.form)
    .map((m) => [m.text, m.form!.termId, m.form!.kind]);
}

/** The single term the whole text resolves to, as one mention covering all of it. */
function resolvesTo(text: string): [string, FormKind] | undefined {
  const h = hits(text);
  if (h.length !== 1 || h[0][0] !== text) return undefined;
  return [h[0][1], h[0][2]];
}

function assertResolves(cases: Array<[text: string, termId: string, kind?: FormKind]>): void {
  for (const [text, termId, kind] of cases) {
    const got = resolvesTo(text);
    assert.ok(got, `"${text}" resolves (got ${JSON.stringify(hits(text))})`);
    assert.equal(got[0], termId, `"${text}" → ${termId}`);
    if (kind) assert.equal(got[1], kind, `"${text}" is a ${kind}`);
  }
}

describe('INNs in any case', () => {
  test('every drug INN, in lower, upper, title and sentence case', () => {
    const inns = bundledData.terms.flatMap((f) => f.terms).filter((t) => t.kind === 'drug' && /^[a-z]+$/.test(t.preferredName));
    assert.ok(inns.length >= 9, 'thalidomide … eragidomide');
    for (const t of inns) {
      const n = t.preferredName;
      for (const v of [n, n.toUpperCase(), n[0].toUpperCase() + n.slice(1)]) assertResolves([[v, t.id, 'preferred']]);
    }
  });

  test('the CELMoDs by INN', () => {
    assert.deepEqual(
      hits('Iberdomide, mezigdomide, golcadomide, avadomide and eragidomide are CELMoDs.').map((h) => h[1]),
      ['iberdomide', 'mezigdomide', 'golcadomide', 'avadomide', 'eragidomide', 'celmod'],
    );
  });
});

describe('brands with and without ® and ™', () => {
  test('current and former brands', () => {
    assertResolves([
      ['Thalomid', 'thalidomide', 'brand'],
      ['Thalomid®', 'thalidomide', 'brand'],
      ['Contergan', 'thalidomide', 'brand'],
      ['Distaval™', 'thalidomide', 'brand'],
      ['Revlimid', 'lenalidomide', 'brand'],
      ['REVLIMID®', 'lenalidomide', 'brand'],
      ['Pomalyst™', 'pomalidomide', 'brand'],
      ['Imnovid', 'pomalidomide', 'brand'],
      ['Otezla®', 'apremilast', 'brand'],
    ]);
  });

  test('multi-word EU product names win over the INN they contain (longest match)', () => {
    assertResolves([
      ['Thalidomide Pharmion', 'thalidomide', 'brand'],
      ['Thalidomide Celgene', 'thalidomide', 'brand'],
      ['Pomalidomide Celgene', 'pomalidomide', 'brand'],
    ]);
  });
});

describe('research codes with hyphen, space, none or a typographic hyphen', () => {
  const codes: Array<[string, string]> = [
    ['CC-5013', 'lenalidomide'],
    ['CC-4047', 'pomalidomide'],
    ['CC-10004', 'apremilast'],
    ['CC-220', 'iberdomide'],
    ['CC-92480', 'mezigdomide'],
    ['CC-99282', 'golcadomide'],
    ['CC-122', 'avadomide'],
    ['CC-90009', 'eragidomide'],
  ];
  test('every code in four spellings', () => {
    for (const [code, id] of codes) {
      const digits = code.slice(3);
      for (const v of [code, `CC ${digits}`, `CC${digits}`, `CC\u2011${digits}`, `cc-${digits}`]) assertResolves([[v, id, 'code']]);
    }
  });

  test('CC-885 has no INN: the code is its preferred name', () => {
    for (const v of ['CC-885', 'CC 885', 'CC885']) assertResolves([[v, 'cc-885', 'preferred']]);
  });

  test('a longer number or code never matches a shorter one', () => {
    assert.deepEqual(hits('CC-2200, CC-22, CC-50134, CC-8851 and CC-1220 are not in the database.'), []);
  });

  test('a code inside a study or compound identifier does not match', () => {
    assert.deepEqual(hits('Study CC-90009-AML-001 and CC-99282-NHL-001 enrolled patients; BMS-986158 is unrelated.'), []);
  });

  test('a code followed by an ordinary hyphenated word still matches', () => {
    assert.deepEqual(hits('CC-220-treated cells').map((h) => h[0]), ['CC-220']);
  });
});

describe('Greek and Latin spellings', () => {
  test('CK1α in every spelling', () => {
    for (const v of ['CK1α', 'CK1a', 'CK1-alpha', 'CK1 alpha', 'CK1alpha', 'CK1-α', 'CK1 α', 'ck1α', 'CK1Α']) assertResolves([[v, 'ck1-alpha']]);
    assertResolves([['CSNK1A1', 'ck1-alpha', 'synonym'], ['casein kinase 1A1', 'ck1-alpha', 'synonym'], ['casein kinase 1 alpha', 'ck1-alpha', 'synonym']]);
  });

  test('TNF-α in every spelling', () => {
    for (const v of ['TNF-α', 'TNF-alpha', 'TNFα', 'TNFalpha', 'TNF alpha', 'TNF α', 'TNF\u2010α', 'TNF-a', 'tnf-α']) assertResolves([[v, 'tnf-alpha']]);
    for (const v of ['tumor necrosis factor α', 'tumour necrosis factor-alpha', 'tumor necrosis factor-α']) assertResolves([[v, 'tnf-alpha', 'synonym']]);
  });

  test('Greek spellings keep their boundaries', () => {
    assert.deepEqual(hits('TNF and TNF a drug and CK1 alone and CK1αβ'), []);
    assert.deepEqual(hits('anti-TNF-α therapy; TNF-α-induced; (TNF-α)').map((h) => h[0]), ['TNF-α', 'TNF-α', 'TNF-α']);
  });
});

describe('plurals and possessives of class terms', () => {
  test('IMiD, CELMoD and molecular glue degrader', () => {
    assertResolves([
      ['IMiDs', 'imid', 'plural'],
      ['CELMoDs', 'celmod', 'plural'],
      ['molecular glue degraders', 'molecular-glue-degrader', 'plural'],
      ['molecular glues', 'molecular-glue-degrader', 'plural'],
      ['cereblon E3 ligase modulators', 'celmod', 'plural'],
    ]);
  });

  test('possessives match the name without the apostrophe', () => {
    assert.deepEqual(hits("the IMiD's target, the CELMoDs' potency and a CELMoD’s profile").map((h) => [h[0], h[1]]), [
      ['IMiD', 'imid'],
      ['CELMoDs', 'celmod'],
      ['CELMoD', 'celmod'],
    ]);
  });

  test('all-caps IMIDs (immune-mediated inflammatory diseases) is not the IMiD class', () => {
    assert.deepEqual(hits('Apremilast is approved in several IMIDs such as psoriasis.').map((h) => h[1]), ['apremilast']);
    assert.deepEqual(hits('IMiDs and imids').map((h) => h[1]), ['imid', 'imid']);
  });
});

describe('misspellings resolve with a "did you mean" and a lexical fix', () => {
  test('INN misspellings, old and new drugs', () => {
    assertResolves([
      ['thalidamide', 'thalidomide', 'misspelling'],
      ['lenolidomide', 'lenalidomide', 'misspelling'],
      ['pomalidamide', 'pomalidomide', 'misspelling'],
      ['apremilest', 'apremilast', 'misspelling'],
      ['iberdamide', 'iberdomide', 'misspelling'],
      ['mezigdamide', 'mezigdomide', 'misspelling'],
      ['golcadamide', 'golcadomide', 'misspelling'],
      ['avadamide', 'avadomide', 'misspelling'],
      ['eragidamide', 'eragidomide', 'misspelling'],
    ]);
  });

  test('the misspelled-name rule offers the INN, keeping the case', () => {
    const r = lintAs('Iberdamide was given with dexamethasone.');
    const f = r.findings.find((x) => x.ruleId === 'misspelled-name');
    assert.ok(f, JSON.stringify(r.findings));
    assert.match(f.message, /Did you mean "Iberdomide"\?/);
    assert.equal(f.fixes[0].edits[0].newText, 'Iberdomide');
    assert.equal(f.fixes[0].kind, 'lexical');
  });
});

describe('former names, programmes and companies', () => {
  test('former names resolve to the current term', () => {
    assertResolves([
      ['Actimid', 'pomalidomide', 'former'],
      ['S.T.E.P.S.', 'thalomid-rems', 'former'],
      ['RevAssist', 'lenalidomide-rems', 'former'],
      ['REVLIMID REMS', 'lenalidomide-rems', 'former'],
      ['Chemie Grünenthal', 'grunenthal', 'former'],
    ]);
  });

  test('S.T.E.P.S. with or without the final full stop, never the word "steps"', () => {
    assert.deepEqual(hits('Under S.T.E.P.S, prescribers registered. Next steps: STEPS.').map((h) => h[1]), ['thalomid-rems']);
  });

  test('risk programmes', () => {
    assertResolves([
      ['THALOMID REMS', 'thalomid-rems', 'preferred'],
      ['Lenalidomide REMS', 'lenalidomide-rems', 'preferred'],
      ['POMALYST REMS', 'pomalyst-rems', 'preferred'],
    ]);
  });

  test('companies, with hyphen or space and without diacritics', () => {
    assertResolves([
      ['Celgene', 'celgene'],
      ['Celgene Corporation', 'celgene', 'synonym'],
      ['Bristol Myers Squibb', 'bristol-myers-squibb'],
      ['Bristol-Myers Squibb', 'bristol-myers-squibb'],
      ['BMS', 'bristol-myers-squibb', 'synonym'],
      ['Amgen', 'amgen'],
      ['Grünenthal', 'grunenthal'],
      ['Grunenthal', 'grunenthal'],
      ['Pharmion', 'pharmion'],
    ]);
  });
});

describe('proteins and the ligase', () => {
  test('symbols and names', () => {
    assertResolves([
      ['cereblon', 'cereblon'],
      ['CRBN', 'cereblon', 'synonym'],
      ['CRL4^CRBN', 'crl4-crbn', 'preferred'],
      ['CRL4CRBN', 'crl4-crbn', 'synonym'],
      ['CRL4(CRBN)', 'crl4-crbn', 'synonym'],
      ['CUL4-RBX1-DDB1-CRBN', 'crl4-crbn', 'synonym'],
      ['DDB1', 'ddb1'],
      ['IKZF1', 'ikzf1'],
      ['Ikaros', 'ikzf1', 'synonym'],
      ['IKZF3', 'ikzf3'],
      ['Aiolos', 'ikzf3', 'synonym'],
      ['GSPT1', 'gspt1'],
      ['SALL4', 'sall4'],
      ['p63', 'p63'],
      ['ZFP91', 'zfp91'],
      ['MEIS2', 'meis2'],
      ['PDE4', 'pde4'],
      ['PDE-4', 'pde4'],
      ['phosphodiesterase-4', 'pde4', 'synonym'],
    ]);
  });

  test('the ligase wins over the cereblon inside it; IKZF1/3 names IKZF1', () => {
    assert.deepEqual(hits('CRL4^CRBN^ and IKZF1/3 and GSPT1-selective').map((h) => [h[0], h[1]]), [
      ['CRL4^CRBN', 'crl4-crbn'],
      ['IKZF1', 'ikzf1'],
      ['GSPT1', 'gspt1'],
    ]);
  });

  test('a longer symbol does not match', () => {
    assert.deepEqual(hits('IKZF10, p630, SALL44, PDE4D and DDB12'), []);
  });
});

describe('never inside a longer word, code, URL or citation key', () => {
  test('Markdown: words, inline code, fenced code, URLs, autolinks, citation keys', () => {
    const md = [
      'xiberdomide iberdomidex Celgenes preCELMoD',
      '`iberdomide` and `CC-220`',
      '```',
      'mezigdomide <- read("CC-92480.csv")',
      '```',
      'https://example.org/iberdomide/CC-220 and <https://celgene.com/Revlimid>',
      '[@iberdomide2020; @celgene2019] and @cc885',
      'mail: pomalidomide@example.org',
    ].join('\n');
    assert.deepEqual(hits(md), []);
  });

  test('LaTeX: commands, citation keys, math and comments', () => {
    const tex = [
      '\\cite{iberdomide2020} \\label{tab:CC-220} \\ref{fig:celgene}',
      '$\\mathrm{TNF}\\alpha$ % lenalidomide in a comment',
      'Iberdomide (CC-220) binds cereblon.',
    ].join('\n');
    assert.deepEqual(hits(tex, true).map((h) => h[1]), ['iberdomide', 'iberdomide', 'cereblon']);
  });
});
