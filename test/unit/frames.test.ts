// The fact frames (src/core/frames): every frame's own examples, rewrites that are true and
// whole, checks that follow the data (a drug copied under invented names gets the same
// findings), time-aware checking, the linguistic layer, and the seed statements.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Engine, type Term, TextDocument, bundledData, createEngine, lint, parseConfig } from '../../src/core/index';
import { FRAME_RULES, documentDate, frameWindowEnd, setFrameDebug, splitLabelLines } from '../../src/core/frames/index';
import { Sentence } from '../../src/core/frames/analyse';
import { Lexicon, type FrameLexicon, tokenize } from '../../src/core/frames/lexicon';
import { applyFix } from './util';

/** Checked as of a fixed day, so that "new" and "today's holder" do not move with the calendar. */
const AS_OF = Date.UTC(2026, 11, 1);
let cached: Engine | undefined;
/** The whole engine: bundled regex rules and frames (a frame stays silent on a sentence a rule flagged). */
const engine = (): Engine => (cached ??= createEngine({ data: bundledData, asOf: AS_OF }));
/** The frames alone (no data/claims rules), to test what the frames themselves find. */
const noRules = { ...bundledData, claims: [], claimFiles: [] };
let cachedFrames: Engine | undefined;
const framesEngine = (): Engine => (cachedFrames ??= createEngine({ data: noRules, asOf: AS_OF }));
const frameIds = new Set(FRAME_RULES.map((r) => r.id));
const lintWith = (text: string, e: Engine = engine(), lang = 'markdown') => lint(new TextDocument('file:///t.md', text, 1, lang), { engine: e, languageId: lang });
const frames = (text: string, e: Engine = framesEngine(), lang = 'markdown') => lintWith(text, e, lang).findings.filter((f) => frameIds.has(f.ruleId));
const claimsAt = (text: string, e: Engine = engine(), lang = 'markdown') => lintWith(text, e, lang).findings.filter((f) => e.claimRuleIds.includes(f.ruleId) && f.severity !== 'information' && f.severity !== 'hint');

describe('every frame flags its invalid examples and only those', () => {
  for (const rule of FRAME_RULES) {
    test(`${rule.id}: invalid examples`, () => {
      for (const text of rule.examples.invalid) {
        const got = frames(text).map((f) => f.ruleId);
        assert.ok(got.includes(rule.id), `${rule.id} should flag: ${text} (got ${got.join(', ') || 'nothing'})`);
        assert.ok(claimsAt(text).length > 0 || frames(text).every((f) => f.severity === 'information'), `the whole engine flags: ${text}`);
      }
    });
    test(`${rule.id}: valid examples`, () => {
      for (const text of rule.examples.valid) {
        const got = frames(text).filter((f) => f.ruleId === rule.id && f.severity !== 'information');
        assert.deepEqual(got.map((f) => f.message), [], text);
      }
    });
  }
});

describe('every finding explains itself', () => {
  test('message, family, evidence from data/references.json, and the evidence as a citation fix', () => {
    for (const rule of FRAME_RULES) {
      for (const text of rule.examples.invalid) {
        for (const f of frames(text)) {
          assert.ok(f.message.length > 20, f.message);
          assert.ok(f.family, f.ruleId);
          assert.ok((f.evidence ?? []).length > 0, `${f.ruleId} has no evidence: ${text}`);
          for (const key of f.evidence ?? []) assert.ok(bundledData.references.some((r) => r.id === key), key);
        }
      }
    }
  });
  test('a rewrite is true and whole: the rewritten sentence lints clean of frames and claims', () => {
    let rewrites = 0;
    for (const rule of FRAME_RULES) {
      for (const text of rule.examples.invalid) {
        for (const f of frames(text)) {
          const k = f.fixes.findIndex((x) => x.kind === 'rewrite');
          if (k < 0) continue;
          rewrites++;
          const fixed = applyFix(text, f, k);
          assert.notEqual(fixed, text);
          assert.deepEqual(claimsAt(fixed).map((x) => `${x.ruleId}: ${x.message}`), [], `${text} -> ${fixed}`);
          assert.deepEqual(frames(fixed).filter((x) => x.severity !== 'information').map((x) => `${x.ruleId}: ${x.message}`), [], `${text} -> ${fixed}`);
        }
      }
    }
    assert.ok(rewrites >= 8, `only ${rewrites} rewrites among the examples`);
  });
  test('a rewrite of a company keeps the sentence true for every drug it names, or is not offered', () => {
    const [f] = frames('Celgene markets Revlimid and Otezla.');
    assert.ok(f, 'flagged');
    assert.equal(f.fixes.filter((x) => x.kind === 'rewrite').length, 0, 'Otezla is Amgen\'s: no single company fits both');
    const [g] = frames('Celgene markets Revlimid.');
    const fix = g.fixes.find((x) => x.kind === 'rewrite')!;
    assert.equal(applyFix('Celgene markets Revlimid.', g, g.fixes.indexOf(fix)), 'Bristol Myers Squibb markets Revlimid.');
  });
});

describe('checks come from the data', () => {
  /** lenalidomide under an invented INN, brand and code, with its facts unchanged */
  function withCopy(): Engine {
    const len = bundledData.terms.flatMap((f) => f.terms).find((t) => t.id === 'lenalidomide')!;
    const copy: Term = JSON.parse(JSON.stringify(len));
    Object.assign(copy, {
      id: 'zorvalidomide',
      preferredName: 'zorvalidomide',
      brands: (copy.brands ?? []).map((b) => ({ ...b, name: 'Zorvlimid' })),
      codes: [{ name: 'ZX-5013', refs: ['vallet2012'] }],
      misspellings: [],
      formerNames: [],
      synonyms: [],
    });
    const terms = [...bundledData.terms, { terms: [copy] }];
    return createEngine({ data: { ...noRules, terms, termFiles: [...bundledData.termFiles, 'copy.json'] }, asOf: AS_OF });
  }
  const sentences = [
    'X is a biologic response modifier.',
    'Each Y tablet contains 25 mg.',
    'Celgene markets Y in the United States.',
    'Bristol Myers Squibb developed X.',
    'X works by switching off cereblon.',
    'The mechanism of action of X remains unknown.',
    'X reached the US market in 2003.',
    'X, a new oral agent, was well tolerated.',
    'X is currently being tested in phase II trials.',
  ];
  test('a copied drug gets the same frame findings with no new code and no new pattern', () => {
    const e = withCopy();
    for (const t of sentences) {
      const orig = frames(t.replace('X', 'Lenalidomide').replace('Y', 'Revlimid'), e).map((f) => f.ruleId);
      const copied = frames(t.replace('X', 'Zorvalidomide').replace('Y', 'Zorvlimid'), e).map((f) => f.ruleId);
      assert.ok(orig.length > 0, `the original is flagged: ${t}`);
      assert.deepEqual(copied, orig, t);
    }
  });
  test('a user term with facts in .imid-lens.json feeds the frames', () => {
    const cfg = parseConfig(JSON.stringify({ terms: [{ id: 'xy-1', preferredName: 'xylidomide', codes: ['XY-1'] }] }), '.imid-lens.json');
    const e = createEngine({ data: bundledData, config: cfg, asOf: AS_OF });
    // no facts: nothing to contradict, nothing flagged
    assert.deepEqual(frames('Xylidomide is a biologic.', e), []);
  });
});

describe('time-aware checking', () => {
  test('a document checked at its own date: a 2015 text may say Celgene markets Revlimid', () => {
    assert.equal(frames('Celgene markets Revlimid.').length, 1);
    assert.ok(claimsAt('Celgene markets Revlimid.').length > 0);
    // the document's own date (no --as-of: the engine's clock is today)
    const undated = createEngine({ data: bundledData });
    assert.deepEqual(claimsAt('---\ndate: 2015-06-01\n---\nCelgene markets Revlimid.', undated).map((f) => f.ruleId), []);
    assert.deepEqual(claimsAt('\\date{June 2015}\nCelgene markets Revlimid.', undated, 'latex').map((f) => f.ruleId), []);
    assert.ok(claimsAt('---\ndate: 2025-06-01\n---\nCelgene markets Revlimid.', undated).length > 0);
    const dated = createEngine({ data: bundledData, asOf: Date.UTC(2015, 5, 1) });
    assert.deepEqual(frames('Celgene markets Revlimid.', createEngine({ data: noRules, asOf: Date.UTC(2015, 5, 1) })), []);
    assert.deepEqual(claimsAt('Celgene markets Revlimid.', dated).map((f) => f.ruleId), []);
  });
  test('recency: "new" is right within a few years of the first approval, wrong later', () => {
    const at2015 = createEngine({ data: noRules, asOf: Date.UTC(2015, 0, 1) });
    assert.deepEqual(frames('Apremilast, a new oral agent, reduces PASI scores.', at2015), []);
    assert.equal(frames('Apremilast, a new oral agent, reduces PASI scores.')[0]?.ruleId, 'fact-recency');
  });
  test('before 2014 "thalidomide inhibits cereblon" was the accepted reading', () => {
    const at2012 = createEngine({ data: noRules, asOf: Date.UTC(2012, 0, 1) });
    assert.deepEqual(frames('Thalidomide inhibits cereblon.', at2012), []);
    assert.equal(frames('Thalidomide inhibits cereblon.')[0]?.ruleId, 'fact-mechanism');
  });
  test('documentDate reads front matter and \\date, and nothing else', () => {
    assert.equal(documentDate('---\ntitle: x\ndate: 2015-06-01\n---\nText'), Date.UTC(2015, 5, 1));
    assert.equal(documentDate('\\date{2012}\n'), Date.UTC(2012, 0, 1));
    assert.equal(documentDate('In 2015 we wrote this.'), undefined);
    assert.equal(documentDate('---\ndate: soon\n---\n'), undefined);
  });
});

describe('the issue\'s seeds and look-alikes', () => {
  test('the infobox line about the IMiD class and the blog\'s third-generation pomalidomide are flagged', () => {
    const infobox = frames('Thalidomide\nPharm. Inhibition of cereblon, angiogenesis, inflammation and immunomodulatory effects\n', engine(), 'plaintext');
    assert.ok(infobox.some((f) => f.ruleId === 'fact-mechanism'), JSON.stringify(infobox.map((f) => f.message)));
    const alone = frames('Pharm. Inhibition of cereblon, angiogenesis, inflammation and immunomodulatory effects', engine(), 'plaintext');
    assert.ok(alone.some((f) => f.ruleId === 'fact-mechanism'));
    const blog = frames('I am on pomalidomide, a third-generation version used when other treatments stop working.');
    assert.equal(blog[0]?.ruleId, 'fact-generation');
    assert.equal(blog[0]?.severity, 'information', 'peer-reviewed reviews use the label too');
  });
  test('correct look-alikes from the issue stay quiet', () => {
    for (const t of [
      'Celgene, now part of Bristol Myers Squibb, developed lenalidomide.',
      'Until 2010 the target of thalidomide was unknown.',
      'Thalidomide was sold in West Germany from 1957 as Contergan.',
      'Apremilast, unlike the IMiDs, does not bind cereblon.',
      'Lenalidomide capsules should be swallowed whole.',
      'The FDA approved thalidomide in 1998 for erythema nodosum leprosum.',
      'Amgen markets Otezla.',
      'In 2012, apremilast was described as an IMiD.',
    ]) assert.deepEqual(claimsAt(t).map((f) => `${f.ruleId}: ${f.message}`), [], t);
  });
  test('examples of the issue, one class each', () => {
    const flagged: Array<[string, string]> = [
      ['Lenalidomide is given with dexamethasone. It was approved by the FDA in 2003.', 'fact-approval'],
      ['Pomalidomide, a thalidomide analogue manufactured by Celgene, is given with dexamethasone.', 'fact-company'],
      ['Revlimid, which Celgene markets in the US, comes as a capsule.', 'fact-company'],
      ['Grünenthal began selling thalidomide in 1954.', 'fact-approval'],
      ['Thalidomide works by switching off cereblon.', 'fact-mechanism'],
      ['Scientists still do not know how thalidomide causes limb defects.', 'fact-mechanism-known'],
      ['The (R)-isomer of thalidomide is the safe sedative.', 'fact-teratogenicity'],
      ['Pomalyst, approved only months ago, offers a new option after lenalidomide.', 'fact-recency'],
      ['Each Revlimid tablet contains 25 mg.', 'fact-form'],
      ['In 1958 expectant mothers took Thalomid.', 'fact-brand-date'],
      ['Bristol Myers Squibb developed lenalidomide.', 'fact-company'],
      ['Lenalidomide remains the only thalidomide analogue on the market.', 'fact-status'],
    ];
    for (const [t, id] of flagged) {
      const got = lintWith(t).findings.filter((f) => engine().claimRuleIds.includes(f.ruleId));
      assert.ok(got.length > 0, `${t} (expected ${id})`);
    }
  });
});

describe('the linguistic layer', () => {
  const lex = new Lexicon((bundledData as unknown as { frames: FrameLexicon }).frames);
  const sentence = (text: string, previous: string[] = []) => {
    const e = engine();
    const mentions = lintWith(text).mentions;
    return new Sentence(text, 0, mentions, e.db, lex, { previous, lastSentence: previous });
  };
  test('tokens: hyphens apart, possessive apart, UTF-16 offsets', () => {
    const t = tokenize('Third-generation µ-drug’s CRBN');
    assert.deepEqual(t.map((x) => x.t), ['third', '-', 'generation', 'µ', '-', 'drug', "'s", 'crbn']);
    assert.equal(t[7].start, 'Third-generation µ-drug’s '.length);
  });
  test('negation scope stops at a drug and at a coordinating conjunction', () => {
    const s = sentence('Apremilast does not bind cereblon, and lenalidomide inhibits it.');
    const inhibit = s.toks.findIndex((t) => t.t === 'inhibits');
    assert.equal(s.negated(inhibit), false);
    const bind = s.toks.findIndex((t) => t.t === 'bind');
    assert.equal(s.negated(bind), true);
  });
  test('pronouns: a drug earlier in the sentence first, then the last sentence\'s subject', () => {
    const s = sentence('It binds cereblon.', ['apremilast', 'thalidomide']);
    assert.deepEqual(s.pronounBefore(1), ['apremilast']);
    const s2 = sentence('Otezla is not an IMiD; it is a PDE4 inhibitor.', ['thalidomide']);
    const it = s2.toks.findIndex((t) => t.t === 'it');
    assert.deepEqual(s2.pronounBefore(it + 1), ['apremilast']);
  });
  test('negation does not carry across "and"; "non-" is not a negation; "neither X nor Y" negates the predicate', () => {
    assert.equal(frames('Lenalidomide has not shown teratogenic potential in rats and is considered safe in pregnancy.')[0]?.ruleId, 'fact-teratogenicity');
    const [nonBio] = frames('Lenalidomide is a non-biologic drug; it is a biologic response modifier.');
    assert.equal(nonBio?.ruleId, 'fact-class');
    assert.ok(nonBio.start > 'Lenalidomide is a non-biologic drug;'.length, 'the finding is on the second clause');
    assert.deepEqual(frames('Because the two enantiomers interconvert, neither (R)- nor (S)-thalidomide can be considered safe in pregnancy.'), []);
    assert.deepEqual(frames('Frances Kelsey at the FDA refused to approve thalidomide in the early 1960s.'), []);
  });
  test('participles after a name are not the past tense: "Otezla, sold by Celgene, is ..."', () => {
    assert.equal(frames('Otezla, sold by Celgene, is taken twice daily.')[0]?.ruleId, 'fact-company');
  });
  test('"unlike X" excludes X from the subjects', () => {
    const s = sentence('Unlike thalidomide, apremilast is a PDE4 inhibitor.');
    const is = s.toks.findIndex((t) => t.t === 'is');
    assert.deepEqual(s.subjects(is).map((x) => x.termId), ['apremilast']);
  });
  test('label lines are checked one by one', () => {
    const text = 'Lenalidomide\nDrug class: Biologic\nManufacturer: Celgene Corporation\nATC code: L04AX04';
    assert.equal(splitLabelLines(text, { start: 0, end: text.length }).length, 4);
    const hard = 'Lenalidomide is an immunomodulatory drug that is given\nwith dexamethasone to patients with relapsed myeloma.';
    assert.equal(splitLabelLines(hard, { start: 0, end: hard.length }).length, 1);
    const got = frames(`${text}\n`, engine(), 'plaintext').map((f) => f.ruleId);
    assert.deepEqual(got, ['fact-class', 'fact-company']);
  });
  test('the lexicon holds words, not regular expressions', () => {
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'string') assert.ok(!/[\\^$*|{}[\]]/.test(v), `${path}: ${v}`);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== '$schema' && k !== 'description') walk(x, `${path}.${k}`);
    };
    walk((bundledData as unknown as { frames: FrameLexicon }).frames, 'lexicon');
  });
});

describe('robustness and configuration', () => {
  test('a frame that throws says nothing and the rest of the lint goes on', () => {
    const errors: string[] = [];
    setFrameDebug((id) => errors.push(id));
    try {
      const e = createEngine({ data: noRules, asOf: AS_OF });
      const original = e.frames!.facts.approvals.bind(e.frames!.facts);
      e.frames!.facts.approvals = () => {
        throw new Error('boom');
      };
      const r = lintWith('The FDA approved pomalidomide in 2010. Lenolidomide is misspelt.', e);
      assert.ok(r.findings.some((f) => f.ruleId === 'misspelled-name'));
      assert.ok(errors.length > 0);
      e.frames!.facts.approvals = original;
    } finally {
      setFrameDebug(undefined);
    }
  });
  test('frames can be switched off by id, and a bundled rule switched off silences the frames on its sentences', () => {
    const off = createEngine({ data: noRules, asOf: AS_OF, config: parseConfig(JSON.stringify({ rules: { 'fact-company': 'off' } }), '.imid-lens.json') });
    assert.deepEqual(frames('Bristol Myers Squibb developed lenalidomide.', off), []);
    const ruleOff = createEngine({ data: bundledData, asOf: AS_OF, config: parseConfig(JSON.stringify({ rules: { 'apremilast-not-imid': 'off' } }), '.imid-lens.json') });
    assert.deepEqual(claimsAt('Apremilast is an IMiD.', ruleOff), []);
  });
  test('disable comments name frame ids', () => {
    const r = lintWith('<!-- imid-lens-disable-next-line fact-company -->\nBristol Myers Squibb developed lenalidomide.', framesEngine());
    assert.deepEqual(r.findings.filter((f) => frameIds.has(f.ruleId)), []);
    assert.equal(r.suppressed.length, 1);
  });
  test('the re-check window of an edit reaches the end of the next paragraph, and the next heading when a heading changed', () => {
    const text = '# Lenalidomide\n\nIt is a capsule.\n\nIt is oral.\n\n# Other\n\nText.\n';
    const end = frameWindowEnd(text, text, 0, 15, 15);
    assert.ok(end >= text.indexOf('# Other'), String(end));
    const para = frameWindowEnd(text, text, 16, 33, 33);
    assert.equal(text.slice(para - 1, para), '\n');
    assert.ok(para >= text.indexOf('It is oral.') + 'It is oral.'.length);
  });
});
