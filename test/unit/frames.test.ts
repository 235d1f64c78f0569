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
    assert.equal(blog[0]?.severity, 'warning', 'most sources say second-generation');
    assert.match(blog[0]?.message ?? '', /disputed: most sources call it a second-generation IMiD \(a few peer-reviewed reviews say so/);
    // a label only some sources use stays information
    const next = frames('Pomalidomide, a next-generation IMiD, is taken as a capsule.');
    assert.deepEqual(next.filter((f) => f.ruleId === 'fact-generation' && f.severity !== 'information'), []);
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
  test("a document's title line names the drug of paragraphs with no heading topic; an edit of it re-checks the whole document", () => {
    const label = 'REVLIMID (lenalidomide) capsules, for oral use\n\nSee the full prescribing information.\n\nManufactured for: Celgene Corporation, Summit, NJ 07901\n';
    assert.deepEqual(frames(label).map((f) => f.ruleId), ['fact-company']);
    // two drugs in the title, or a sentence as the first line: no topic
    assert.deepEqual(frames(label.replace('REVLIMID (lenalidomide) capsules', 'Revlimid and Otezla')), []);
    assert.deepEqual(frames(`It is a label.\n\n${label.slice(label.indexOf('See'))}`), []);
    // an infobox headed by a naming label
    assert.deepEqual(frames('Trade names: Thalomid\nDrug class: Sedative-hypnotic\n').map((f) => f.ruleId), ['fact-class']);
    assert.equal(frameWindowEnd(label, label, 2, 6, 6), label.length);
    const long = `${label}\nOne.\n\nTwo.\n\nThree.\n\nFour.\n`;
    assert.ok(frameWindowEnd(long, long, long.indexOf('See'), long.indexOf('See') + 3, long.indexOf('See') + 3) < long.length);
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

/** Each outdated text gets a claim finding (warning or error) and no correct one does. */
function claimTests(outdated: readonly string[], correct: readonly string[], what: string): void {
  test(`each outdated ${what} gets a claim finding`, () => {
    const missed = outdated.filter((t) => claimsAt(t).length === 0);
    assert.deepEqual(missed, []);
  });
  test(`no correct ${what} gets one`, () => {
    const flagged = correct.filter((t) => claimsAt(t).length > 0);
    assert.deepEqual(flagged, []);
  });
}

describe('wordings beyond the corpora (written for the frames, one sentence each, no context)', () => {
  const outdated: string[] = [
    "It is hoped that the FDA will approve lenalidomide soon.",
    "Pomalidomide may soon become available to patients with relapsed myeloma.",
    "Lenalidomide is available only in clinical studies.",
    "Apremilast is still awaiting regulatory approval in the EU.",
    "In 2006 the EMA approved lenalidomide for multiple myeloma.",
    "Revlimid received FDA approval in 2005 for multiple myeloma.",
    "Thalomid got the green light from the FDA in 1997.",
    "Thalidomide has been FDA-approved since 1998 for multiple myeloma.",
    "Revlimid, an injectable biologic, is given monthly.",
    "CELMoDs, a new type of PROTAC, are in development.",
    "Apremilast and lenalidomide are both IMiDs.",
    "Thalomid is available as 50 mg tablets.",
    "Pomalyst 4 mg tablets should be stored at room temperature.",
    "Lenalidomide oral solution is given once daily.",
    "Doctors give thalidomide to pregnant women for nausea.",
    "Lenalidomide has no known mechanism of action.",
    "The target of pomalidomide is unknown.",
    "Pomalidomide, an investigational IMiD, showed activity in this study.",
    "The newer drug lenalidomide is more potent than thalidomide.",
    "Thalidomide (Thalomid, Celgene) is used for multiple myeloma.",
    "Revlimid is sold by Celgene Corporation of Summit, New Jersey.",
    "Apremilast, which Celgene sells as Otezla, is taken twice daily.",
    "Lenalidomide works by inhibiting angiogenesis.",
    "Pomalidomide blocks the activity of cereblon.",
    "Thalidomide causes birth defects by blocking blood vessel growth in the limb buds.",
    "Thalidomide's mode of action is still poorly understood.",
    "The molecular target of lenalidomide has not yet been identified.",
    "Revlimid, a Celgene product, is taken once daily.",
    "Celgene Corporation manufactures Pomalyst in Summit, New Jersey.",
    "Pomalidomide is in phase III development for relapsed myeloma.",
    "Apremilast is awaiting FDA approval for psoriatic arthritis.",
    "Lenalidomide is not yet licensed in Europe.",
    "The FDA approved lenalidomide in 2004 for multiple myeloma.",
    "Thalidomide was first approved in the US in 1962.",
    "Pomalidomide was approved by the FDA in 2011.",
    "Apremilast has been approved for the treatment of rheumatoid arthritis.",
    "IMiDs act as cereblon inhibitors.",
    "Lenalidomide blocks cereblon, preventing ubiquitination.",
    "The drugs inhibit the CRBN E3 ligase.",
    "Thalidomide causes cereblon to be degraded.",
    "Apremilast binds to cereblon like thalidomide.",
    "Apremilast is a thalidomide-derived immunomodulatory drug (IMiD).",
    "Lenalidomide is a monoclonal antibody used in myeloma.",
    "Thalidomide is a hypnotic medicine.",
    "Iberdomide is a PROTAC degrader.",
    "Lenalidomide is supplied as 25 mg tablets.",
    "Pomalyst tablets should be taken with water.",
    "Thalidomide is given by intravenous infusion.",
    "Otezla capsules contain 30 mg apremilast.",
    "Apremilast is a new drug for psoriasis.",
    "Recently approved pomalidomide offers hope to patients.",
    "The recent discovery of cereblon explains thalidomide's teratogenicity.",
    "Had Grünenthal sold only the R-enantiomer, there would have been no birth defects.",
    "Lenalidomide does not cause birth defects.",
    "Pomalidomide is safe during pregnancy.",
    "Thalidomide is prescribed for morning sickness in some countries.",
    "Pregnant women still take thalidomide for nausea.",
    "In 1959 many pregnant women took Thalomid.",
    "Lenalidomide is a third-generation IMiD.",
    "Bristol Myers Squibb discovered lenalidomide.",
    "Amgen invented apremilast.",
    "Lenalidomide is currently being tested in clinical trials.",
    "How thalidomide causes limb defects remains a mystery.",
    "The exact mechanism of action of lenalidomide remains to be elucidated.",
    "Pomalidomide remains an experimental agent outside clinical trials.",
    "The oral agent apremilast is under regulatory review in the United States.",
    "Celgene has submitted a new drug application for pomalidomide, and a decision is expected in 2013.",
    "Approval of lenalidomide in Europe is still pending.",
    "Otezla is not yet available in Europe.",
    "Lenalidomide is being developed by Celgene for myelodysplastic syndromes.",
    "The FDA granted thalidomide approval for multiple myeloma in 1998.",
    "Revlimid won US approval in 2004 for myelodysplastic syndromes.",
    "In 2010, the US regulator approved pomalidomide for relapsed myeloma.",
    "Apremilast was licensed in 2012 for psoriasis.",
    "Thalomid has been approved for the treatment of leprosy since 1998.",
    "Lenalidomide is also FDA-approved for Kaposi sarcoma.",
    "Pomalidomide belongs to the class of proteasome inhibitors.",
    "Lenalidomide is classified as a tumour necrosis factor inhibitor.",
    "Apremilast is part of the immunomodulatory imide drug family.",
    "Mezigdomide, like other PROTAC degraders, links cereblon to its targets.",
    "IMiDs are potent inhibitors of the cereblon ubiquitin ligase.",
    "Lenalidomide acts by inhibiting cereblon.",
    "The anti-myeloma activity of pomalidomide depends on cereblon inhibition.",
    "Thalidomide targets cereblon for degradation.",
    "Apremilast acts through cereblon to reduce TNF production.",
    "By stabilising Aiolos, lenalidomide boosts interleukin-2 production.",
    "Revlimid comes in tablet form.",
    "Take one pomalidomide tablet daily with water.",
    "Thalidomide injections are given weekly.",
    "Apremilast capsules are taken twice a day.",
    "The mechanism of lenalidomide's action in del(5q) MDS is unknown.",
    "It is not known how pomalidomide kills myeloma cells.",
    "Lenalidomide, a new immunomodulatory agent, was tested in 43 patients.",
    "Newly approved Revlimid costs thousands of dollars a month.",
    "Celgene sells Thalomid through a restricted programme.",
    "Revlimid is a Celgene drug.",
    "Bristol Myers Squibb invented thalidomide.",
    "The R-isomer of thalidomide is a harmless sedative.",
    "Lenalidomide is safe to use in pregnancy if both partners use contraception.",
    "Thalidomide is still sold over the counter as a sleeping pill in some countries.",
    "CC-4047 was given at 2 mg daily.",
  ];
  const correct: string[] = [
    "Thalidomide was withdrawn from most markets in 1961 after reports of phocomelia.",
    "In 1998 the FDA approved thalidomide for erythema nodosum leprosum.",
    "Lenalidomide maintenance after autologous transplant prolonged progression-free survival.",
    "Apremilast is an oral small-molecule inhibitor of phosphodiesterase 4.",
    "Patients received lenalidomide 25 mg on days 1-21 of each 28-day cycle.",
    "Pomalidomide plus low-dose dexamethasone improved overall survival in MM-003.",
    "The IMiDs bind cereblon and induce degradation of Ikaros and Aiolos.",
    "Unlike lenalidomide, apremilast does not require a pregnancy prevention programme in the US.",
    "Lenalidomide capsules must not be opened or crushed.",
    "Women who can become pregnant must use two reliable forms of contraception.",
    "Bristol Myers Squibb acquired Celgene in November 2019.",
    "Amgen acquired the rights to Otezla from Celgene in 2019.",
    "The mechanism by which apremilast improves psoriasis is not well defined.",
    "Thalidomide is a racemic mixture whose enantiomers interconvert in the body.",
    "Iberdomide is an investigational CELMoD being studied in relapsed myeloma.",
    "Mezigdomide is not approved anywhere.",
    "Lenalidomide is approved for mantle cell lymphoma after two prior therapies.",
    "Early studies attributed the activity of thalidomide to inhibition of angiogenesis.",
    "In 2010, Ito and colleagues identified cereblon as a primary target of thalidomide.",
    "Lenalidomide was initially approved in 2005 for transfusion-dependent anaemia due to del(5q) MDS.",
    "Dose reductions were required for neutropenia and thrombocytopenia.",
    "The exact role of SALL4 degradation in human limb defects is still being studied.",
    "Otezla tablets should be swallowed whole.",
    "Revlimid is available as 2.5, 5, 10, 15, 20 and 25 mg capsules.",
    "Thalidomide, lenalidomide and pomalidomide are teratogenic.",
    "The reason why some patients do not respond to lenalidomide is unclear.",
    "Celgene, a subsidiary of Bristol Myers Squibb, holds the Thalomid REMS records.",
    "Generic lenalidomide became available in the US in 2022.",
    "CELMoDs such as iberdomide and mezigdomide bind cereblon more tightly than lenalidomide.",
    "Pomalidomide is given with dexamethasone to patients who have received lenalidomide and a proteasome inhibitor.",
    "Thalidomide was marketed as a safe sedative in the late 1950s.",
    "Apremilast was first approved by the FDA in March 2014 for psoriatic arthritis.",
    "The approval of pomalidomide in 2013 gave patients a new option.",
    "A new analysis of the MM-020 trial was presented last year.",
    "Lenalidomide-based triplets are now standard in newly diagnosed myeloma.",
    "Thalidomide embryopathy is caused by degradation of SALL4 through cereblon.",
    "Lenalidomide degrades CK1α in del(5q) MDS cells.",
    "Eragidomide degrades GSPT1 in AML cells.",
    "Apremilast, a PDE4 inhibitor, raises intracellular cAMP.",
    "Patients taking Revlimid must enrol in the Lenalidomide REMS.",
  ];
  claimTests(outdated, correct, 'sentence');
});

describe('wordings of the second round (written for the frames, each a class of real text; with paragraphs)', () => {
  // each stands for a class: a dose list before the form, an apposition before "is used to", a relative
  // clause with "once a day" after it, "first marketed" years after the first launch, a counterfactual
  // enantiomer, a subject in the other clause, "indicated for", "first approved in", a racemate called a
  // single enantiomer, an unapproved drug "marketed", "approved only last year", and their look-alikes
  const outdated: string[] = [
    "Thalidomide's antitumour activity is thought to derive from its antiangiogenic properties, although the molecular target remains elusive.",
    "The exact mechanism by which lenalidomide exerts its effect in del(5q) MDS has yet to be determined.",
    "How pomalidomide kills myeloma cells is still not understood.",
    "Lenalidomide (Revlimid; Celgene Corp., Summit, NJ) is an oral immunomodulatory drug.",
    "Otezla, Celgene's oral PDE4 inhibitor, is approved for psoriatic arthritis.",
    "Apremilast (Otezla, Celgene) is taken twice daily.",
    "Iberdomide is an investigational agent currently in phase 1/2 studies.",
    "Pomalidomide is an investigational drug being tested in relapsed myeloma.",
    "Revlimid is available as 5 mg, 10 mg, 15 mg and 25 mg tablets.",
    "Pomalyst tablets are taken once daily on days 1 to 21.",
    "Thalomid is a tablet taken at bedtime.",
    "Apremilast capsules should be swallowed whole.",
    "Thalidomide, a sedative, is used to treat erythema nodosum leprosum.",
    "Apremilast belongs to the IMiD class of drugs.",
    "Like lenalidomide, apremilast is an immunomodulatory imide drug.",
    "The FDA approved lenalidomide for multiple myeloma in 2004.",
    "Pomalidomide was approved by the EMA in 2010.",
    "Thalidomide was first marketed in 1961.",
    "Grünenthal launched thalidomide in West Germany in 1960.",
    "Recent work has identified cereblon as the primary target of thalidomide.",
    "A novel agent, pomalidomide, has shown activity in refractory disease.",
    "Lenalidomide is manufactured by Celgene.",
    "Celgene's Revlimid is now the best-selling cancer drug.",
    "CC-4047 is being developed for myelofibrosis.",
    "Iberdomide (CC-220) works by inhibiting cereblon.",
    "These drugs act by blocking cereblon.\nLenalidomide and pomalidomide are widely used.",
    "Thalidomide and its analogues inhibit the function of cereblon, a protein required for limb outgrowth.",
    "The S-enantiomer is responsible for the teratogenic effects, while the R-enantiomer is sedative.",
    "If only the R form had been marketed, the disaster could have been prevented.",
    "Birth defects caused by thalidomide result from its anti-angiogenic activity.",
    "Mechanism of action: cereblon inhibitor",
    "Pharmacology: Lenalidomide inhibits angiogenesis and TNF-α; its precise target is unclear.",
    "Celgene expects FDA approval of pomalidomide in 2013.",
    "Mezigdomide is marketed as Mezigo.",
    "Lenalidomide, sold by Celgene Corporation, carries a boxed warning.",
    "Thalomid is only available through the S.T.E.P.S. programme.",
    "Revlimid can only be prescribed through RevAssist.",
    "Bristol Myers Squibb discovered pomalidomide.",
    "Apremilast is a thalidomide analogue that binds cereblon.",
    "My hematologist said Revlimid is a type of chemo that blocks cereblon.",
    "I'm on revlimid which is made by celgene.",
    "Pomalidomide is the newest IMiD and the most potent.",
    "Eragidomide, like lenalidomide, degrades IKZF1 and IKZF3.",
    "Golcadomide is approved for follicular lymphoma.",
    "Thalidomide is not approved for multiple myeloma.",
    "Pomalidomide has entered phase III trials.",
    "Iberdomide has been on the market in the United States since 2021.",
    "Mezigdomide is already approved, so patients can ask their doctor for it.",
    "- Mezigdomide: commercially available since 2024",
    "Golcadomide, launched in 2022, extends the lymphoma portfolio.",
    "# Golcadomide\n\nLegal status: prescription only (approved 2024)",
    "Iberdomide (CC-220): approved in 2022; REMS required",
    "Mezigdomide is now sold in pharmacies across Europe.",
    "Mezigdomide has been available on prescription since last year.",
    "# Mezigdomide\n\nMezigdomide is a CELMoD. It has not yet entered phase 3 trials.",
    "Golcadomide has so far been tested only in phase 1 studies.",
    "# Iberdomide\n\nDevelopment status: Phase 2",
    "No phase 3 trial of mezigdomide has begun.",
    "Iberdomide and mezigdomide remain in early dose-finding studies.",
    "Iberdomide and mezigdomide are new CELMoDs. Neither drug has moved beyond early-stage trials.",
    "Golcadomide is still at the phase I stage.",
    "Iberdomide is only in phase 1/2 testing so far.",
    "Pomalidomide is still experimental, so it is given only in trials.",
    "My doctor said Pomalyst is still experimental.",
    "Otezla has not been approved by the FDA yet.",
    "Lenalidomide awaits approval by the European Medicines Agency.",
    "Apremilast is under regulatory review for psoriatic arthritis.",
    "Celgene is an independent biotechnology company based in New Jersey.",
    "Celgene, an independent biopharmaceutical company, makes Revlimid.",
    "Celgene is listed on the Nasdaq under the ticker CELG.",
    "Celgene remains a stand-alone company focused on cancer and inflammation.",
    "Pharmion is an independent company that holds the EU licence for thalidomide.",
    "Revlimid is supplied only by Celgene, an independent company, through certified pharmacies.",
    "Enrolment forms are issued by Celgene Corporation, the sponsor of the lenalidomide programme.",
    "Otezla prescriptions go through Celgene's specialty pharmacy network.",
    "Celgene patient support covers Otezla co-pays.",
    "Otezla (apremilast) tablets. Celgene runs a copay programme for it.",
    "Both Revlimid and Pomalyst are made by Celgene.",
    "Iberdomide is being developed by Celgene.",
    "Imnovid's EU marketing authorisation is held by Pharmion.",
    "There is no generic version of Revlimid in the United States.",
    "Because lenalidomide has no generic equivalent, treatment remains expensive.",
    "Revlimid faces no generic competition, which keeps its price high.",
    "We pay full price because there's no generic Revlimid yet.",
    "Lenalidomide is still under patent, so no cheaper generic exists.",
    "Pomalidomide is the next one, its in phase 2.",
    "- Iberdomide (CC-220): phase 2, relapsed myeloma",
    "- Mezigdomide (CC-92480): phase 1/2, RRMM",
    "Iberdomide and mezigdomide, two CELMoDs in early clinical development, are key pipeline assets.",
    "CC-220 is in phase I/II trials for myeloma and lupus.",
    "The pipeline includes iberdomide, an early-stage CELMoD in phase 1 for myeloma.",
    "Golcadomide itself is still in early phase 1 testing for lymphoma.",
    "A decision on iberdomide is expected later this year.",
    "The FDA is due to rule on iberdomide in August.",
    "A marketing application for pomalidomide is pending with the European Medicines Agency.",
    "Apremilast was recently approved by the FDA for psoriatic arthritis.",
    "As a newly approved agent, pomalidomide fills a gap after lenalidomide.",
    "Pomalyst is the newest oral choice for heavily pretreated patients.",
    "With its recent approval for maintenance, lenalidomide can be continued after transplant.",
    "Otezla is the latest oral treatment for psoriasis.",
    "Lenalidomide is a newly licensed drug for myelodysplastic syndrome.",
    "Thalidomide is sold in many countries as a sleeping pill.",
    "The molecular target of thalidomide has not been identified.",
    "The proteins through which cereblon mediates the antimyeloma effect remain unknown.",
    "# Thalidomide\n\nIts mechanism of action is unknown.",
    "# Lenalidomide\n\nLenalidomide is an oral drug. Its mechanism of action is unknown.",
    "Men taking lenalidomide do not need any special precautions.",
    "Male patients on pomalidomide need not use condoms.",
    "Pomalidomide, unlike the other two, has no known teratogenic potential.",
    "Unlike thalidomide, Revlimid has not been linked to birth defects.",
    "- Pomalidomide: no pregnancy testing required",
    "A single dose of thalidomide cannot harm an unborn child.",
    "# Lenalidomide\n\nThe generic tablets come in the same strengths as the brand.",
    "# Pomalidomide\n\nThe pills are tiny tablets, easy to swallow.",
    "# Otezla\n\nThe starter pack has small capsules from 10 mg up to 30 mg.",
    "Pomalyst is given as 4 mg by intravenous injection on days 1 to 21.",
    "In the late 1950s thalidomide was sold in Europe and the United States as a sleeping pill.",
    "Thalidomide was marketed in the United States until 1961.",
    "# Lenalidomide\n\nIt was first approved by the FDA in June 2006 for multiple myeloma.",
    "Lenalidomide was first approved by the FDA in June 2006 for multiple myeloma.",
    "Apremilast has not been approved for Behçet's disease.",
    "Contergan was introduced in 1959 and withdrawn two years later.",
    "Otezla was launched in 2011.",
    "Distaval was introduced in Britain in 1954.",
    "# Thalidomide\n\nThalidomide is an oral medication for myeloma.\n\n## Mechanism\n\nIts mechanism of action is unknown.",
    "Apremilast is a PDE4 inhibitor. By raising cAMP, it damps inflammation. The drug was recently approved for psoriatic arthritis.",
    "Pomalidomide received accelerated approval in February 2013. As a newly approved agent, it offers an option after lenalidomide.",
    "Apremilast is a PDE4 inhibitor taken twice daily. Chemically it is a thalidomide relative. It has not been approved for Behçet's disease.",
    "Iberdomide (CC-220) is a CELMoD. It is being developed by Celgene. It binds cereblon more tightly than lenalidomide. It has not yet entered phase 3 trials.",
    "Thalidomide binds cereblon and inhibits the associated ubiquitin ligase.",
    "Pomalidomide works by switching cereblon off.",
    "The drug acts as a competitive inhibitor of cereblon.\nSee: thalidomide",
    "By inhibiting cereblon's ubiquitin ligase activity, lenalidomide prevents substrate turnover.",
    "Apremilast lowers cAMP in immune cells.",
    "# Apremilast\n\nThis lowering of cAMP reduces TNF-α release.",
    "Apremilast works by reducing intracellular cAMP.",
    "Lenalidomide stabilises Ikaros and Aiolos in T cells.",
    "Apremilast binds cereblon like lenalidomide.",
    "Questions about Revlimid should be directed to Celgene, the sponsor of the application.",
    "# Imnovid\n\nMarketing authorisation holder: Celgene Europe B.V.",
    "Iberdomide is still years away from approval.",
    "Iberdomide remains a long way from approval.",
    "- Pomalidomide: Kaposi sarcoma filing planned",
    "Celgene plans to file pomalidomide for Kaposi sarcoma next year.",
    "Pomalidomide Celgene 4 mg hard capsules are sold in the EU.",
    "Thalidomide Pharmion is the only thalidomide product authorised in the EU.",
    "Pomalidomide is not yet approved.",
    "Pomalidomide has not yet been licensed in Europe.",
    "Pomalyst (Celgene) is taken once a day.",
    "Pomalyst, which Celgene sells in the US, is taken once a day.",
    "Celgene runs the REMS programme for Revlimid.",
    "Celgene Corporation is the maker of Thalomid.",
    "Amgen markets Revlimid.",
    "Bristol Myers Squibb markets Otezla.",
    "Otezla is a Bristol Myers Squibb product.",
    "Revlimid is a Celgene product.",
    "Lenalidomide is under FDA review for myelodysplastic syndromes.",
    "Lenalidomide is being evaluated in phase III trials and has not been approved.",
    "Lenalidomide is the only IMiD approved for myeloma.",
    "Apremilast is awaiting FDA approval.",
    "Apremilast, which is pending approval, is an oral PDE4 inhibitor.",
    "Lenalidomide is an experimental drug.",
    "Revlimid is the newest treatment for myeloma.",
    "Pomalidomide, a next-generation IMiD, is now in clinical trials.",
    "Thalidomide is a barbiturate.",
    "Thalidomide is a hypnotic medicine.",
    "Lenalidomide is a monoclonal antibody.",
    "Iberdomide is a PROTAC degrader.",
    "Lenalidomide is an alkylating agent.",
    "Thalidomide was approved in the US in 1998 for multiple myeloma.",
    "Revlimid received FDA approval for myeloma in December 2005.",
    "Otezla got the nod from the FDA in 2016 for psoriatic arthritis.",
    "Thalidomide has been approved for myeloma since 1998.",
    "Lenalidomide is approved for the treatment of CLL.",
    "Pomalidomide is FDA-approved for mantle cell lymphoma.",
    "Thalidomide is indicated for rheumatoid arthritis.",
    "Revlimid is indicated for the treatment of psoriasis.",
    "The FDA first approved lenalidomide in 2006.",
    "Celgene sold Otezla to Amgen last year to focus on cancer.",
    "Bristol Myers Squibb recently completed its acquisition of Celgene.",
    "Amgen has just acquired the rights to Otezla.",
    "Celgene, which Bristol Myers Squibb bought earlier this year, makes Revlimid.",
    "The merger of Celgene and Bristol Myers Squibb is expected to close later this year.",
    "Bristol Myers Squibb's pending takeover of Celgene still needs shareholder approval.",
    "The merger of Celgene with Bristol Myers Squibb is expected to close in the third quarter of 2019.",
    "The antimyeloma activity of thalidomide is thought to result mainly from its inhibition of angiogenesis.",
    "Thalidomide exerts its anti-inflammatory effects chiefly by inhibiting TNF-alpha synthesis (3).",
    "Although thalidomide has been in clinical use for decades, its mode of action is still poorly defined.",
    "CC-5013 (Revimid) is a more potent analogue that lacks the sedative properties of thalidomide [7].",
    "Lenalidomide, a novel thalidomide derivative, has shown activity in relapsed myeloma (2).",
    "In Europe, thalidomide is currently available only on a named-patient basis.",
    "Pomalidomide (CC-4047) is an investigational agent being studied in myelofibrosis and myeloma.",
    "Lenalidomide is an amino-substituted thalidomide analogue that is not teratogenic in rabbits and may therefore be safer in pregnancy.",
    "IMiDs such as lenalidomide bind cereblon and inhibit its E3 ubiquitin ligase activity [12].",
    "Apremilast (CC-10004), an orally available PDE4 inhibitor, is being evaluated in phase II studies of psoriasis.",
    "Thalidomide is distributed in the United States under the S.T.E.P.S. programme.",
    "Celgene Corporation markets thalidomide in the United States as Thalomid.",
    "Pomalidomide is a third-generation IMiD with greater potency than lenalidomide.",
    "Researchers later blamed the birth defects on one mirror-image form of the molecule; the other form, they say, is harmless.",
    "Only one half of the thalidomide molecule causes birth defects.",
    "My nurse said lenalidomide is the \"good\" enantiomer, so it is fairly safe.",
    "If only the right-handed version of thalidomide had been sold, the babies would have been spared.",
    "Mezigdomide has been sold in pharmacies since last year.",
    "Although lenalidomide has been used for two decades, its mechanism remains poorly defined.",
    "This approval makes Pomalyst the first IMiD approved in the United States.",
    "Lenalidomide became the first immunomodulatory drug approved by the FDA.",
    "Revlimid was the first IMiD to receive approval for myeloma.",
    "Accordingly, thalidomide is classified with the TNF-alpha inhibitors infliximab and etanercept (5).",
    "Thalidomide and lenalidomide are considered together with other TNF-blocking agents.",
    "Lenalidomide is a TNF blocker used in myeloma.",
    "Revlimid is manufactured by Celgene Corporation.",
    "Pomalyst is made by Celgene, a biotechnology company in New Jersey.",
    "To enrol, patients and prescribers register with the REVLIMID REMS program.",
    "Thalomid is available only through a restricted distribution program called S.T.E.P.S.",
    "Otezla (apremilast) is a prescription medicine from Celgene.",
    "Distributed by Celgene Corporation. Otezla is a registered trademark of Celgene Corporation.",
    "Celgene's Otezla is an oral treatment for psoriatic arthritis.",
    "Who makes Otezla? Otezla is made by Celgene.",
    "Celgene is the most undervalued large-cap biotech around.",
    "Unlike the racemic IMiDs, all CELMoDs are given as single (S)-enantiomers.",
    "# Lenalidomide\n\nIt is supplied as the pure S(−) enantiomer, which avoids the problems of thalidomide.",
    "Lenalidomide is given as a single (S)-isomer.",
    "Cereblon is inhibited by pomalidomide.",
    "Lenalidomide is a cereblon inhibitor.",
    "Thalidomide acts through CRBN inhibition.",
    "Revlimid is Celgene's fastest-growing drug.",
    "Revlimid is Celgene's top-selling product.",
    "Thalidomide is approved for leprosy in the US.",
    "# Thalomid\n\nActive ingredient: thalidomide\nManufacturer: Celgene Corporation",
    "The EMA first approved lenalidomide in 2008.",
    "Apremilast is a JAK inhibitor.",
    "Celgene has submitted a new drug application for pomalidomide, and a decision is expected in 2013.",
    "Iberdomide is being developed by Amgen.",
    "Revlimid, approved only last year, is not yet on every formulary.",
    "REVLIMID will be available as tablets in 5 mg and 10 mg strengths.",
    "Otezla is taken as a once-weekly injection.",
    "Because the medicine contains only the safe form of thalidomide, the risk of birth defects is lower.",
    "Thalidomide was originally developed by Pharmion in the 1950s.",
    "# Thalidomide\n\nStereochemistry: single (S)-enantiomer",
    "Lenalidomide is a single enantiomer.",
    "CELMoDs are given as a single S isomer.",
    "Thalidomide has been approved in the European Union for myeloma since 2003.",
    "Revlimid, first approved in 2010, remains a cornerstone of myeloma therapy.",
    "Otezla was first approved in 2016 for plaque psoriasis.",
    "Celgene is an independent company listed on the Nasdaq.",
    "CC-5013, an amino-substituted thalidomide analogue, is far more potent than the parent drug [3].\nIt is currently being evaluated in phase II trials in patients with refractory myeloma [4].",
    "Lenalidomide is currently being evaluated in phase II trials in patients with refractory myeloma.",
    "The teratogenic effect of thalidomide is a direct consequence of its inhibition of angiogenesis in the developing limb bud.",
    "# Pomalidomide\nLegal status: Investigational",
    "Otezla belongs to BMS now since they bought Celgene.",
    "OTEZLA: a Celgene I&I product",
    "Thalidomide is not approved for any cancer.",
    "Pomalidomide: NDA submitted, FDA action expected in 2013",
    "Apremilast: phase III in psoriatic arthritis and psoriasis",
    "Why lenalidomide is particularly effective in MDS with deletion of chromosome 5q has not been explained.",
    "Otezla belongs to the same immunomodulatory drug family as Revlimid.",
    "Pomalyst: the recommended dose is 4 mg by intravenous injection once daily.",
    "Revlimid is currently being tested in phase III trials in myeloma.",
    "Pomalidomide is in phase 2 development for myeloma.",
    "# Pomalidomide\n\nLegal status: Investigational",
    "- Apremilast: phase III in psoriatic arthritis",
    "- Pomalidomide – phase II in relapsed myeloma",
    "The recommended dose of pomalidomide is 4 mg by intravenous injection once daily.",
    "Patients in the first cohort received CC-4047 at 2 mg daily.",
    "Apremilast and pomalidomide are both IMiDs.",
    "Otezla 30 mg tablets\n\nPatient information.\n\nMarketing authorisation holder: Celgene Europe B.V.",
    "Trade names: Revlimid\nModality: Biologic",
    "Trade names: Thalomid\nDosage forms: capsule; solution for injection",
    "Lenalidomide was first approved in 2006 for multiple myeloma.",
    "Revlimid was first approved by the FDA in 2006 for multiple myeloma.",
    "Lenalidomide's first approval, granted in 2006, was for multiple myeloma.",
    "In the US thalidomide is only approved for multiple myeloma, so ENL would be off-label.",
    "Lenalidomide, which is currently approved only for del(5q) MDS and multiple myeloma, was the prior therapy in all patients.",
    "# Iberdomide\n\nStatus: Approved (FDA, 2024)",
    "# Eragidomide\n\nStatus: Marketed for acute myeloid leukaemia",
    "Mezigdomide received FDA approval in 2025 for relapsed myeloma.",
    "# Pomalidomide\n\nApproval status: Pending FDA review",
    "- Pomalidomide: newly approved 3rd-line option",
    "Imnovid is one of the newest myeloma treatments, licensed only recently.",
    "Otezla, our newly approved oral therapy, is now available to US patients.",
    "Revlimid is expensive. Its a brand new drug, first of its kind.",
    "Pomalidomide is an IMiD. The precise way in which it kills myeloma cells has not been established.",
    "Pomalidomide is an IMiD. Its anticancer effects in myeloma, however, remain unexplained.",
    "Revlimid helps in MDS. Docs dont know why it works so well for 5q, its a mystery.",
    "Otezla contains apremilast. It works by binding to cereblon, the same protein that thalidomide binds.",
    "Thalidomide harms the baby only by blocking the growth of new blood vessels in the developing limbs.",
    "The birth defects happen because thalidomide blocks TNF-alpha in the growing embryo.",
    "Thalomid is a prescription medicine used to treat leprosy.",
    "Thalidomide was also sold widely in American pharmacies in the late 1950s.",
    "The immunomodulatory drugs (IMiDs) include thalidomide, lenalidomide, pomalidomide and apremilast [1-3].",
    "Lenalidomide is one of the best-known biologics in oncology.",
    "I took thalidomide for ENL. It's a sleeping pill, so I took it at night.",
    "Otezla is today one of the immunology brands of Bristol Myers Squibb.",
    "Celgene holds the worldwide rights to Otezla.",
    "Pomalidomide is dispensed through the POMALYST REMS, which Celgene administers.",
    "Pomalidomide (Actimid) was generally well tolerated, with mostly grade 1-2 neutropenia.",
    "Pomalidomide is marketed as Pomalyst in the US and as Actimid in Europe.",
    "Thalomid is only licensed for multiple myeloma in the United States.",
    "The first FDA approval of Revlimid came in 2006, for relapsed myeloma.",
    "Eragidomide\n\nLegal status: Approved for AML",
    "Golcadomide won FDA approval in 2024 for follicular lymphoma.",
    "Imnovid, one of the newest myeloma drugs, is taken on days 1 to 21.",
    "Otezla, our recently approved psoriasis pill, is now in pharmacies.",
    "Lenalidomide works well in del(5q) MDS. Exactly how it does so remains a puzzle.",
    "Thalidomide is an old drug. Its antimyeloma effects are still unexplained.",
    "Otezla is a PDE4 blocker. It acts by binding to cereblon, like thalidomide does.",
    "The IMiD family (IMiDs) includes thalidomide, pomalidomide and apremilast.",
    "Revlimid is one of the most widely prescribed biologics.",
    "Thalomid is a prescription medicine used to treat leprosy and multiple myeloma.",
    "Thalidomide damages the fetus only by cutting off blood vessel growth in the limb buds.",
    "The limb defects occur because thalidomide suppresses TNF-alpha in the embryo.",
    "Thalidomide for injection, 100 mg vial",
    "Started Otezla last spring. The first weeks were rough. Now I take one 20mg capsule twice a day.",
    "Name: mezigdomide\nCode: CC-92480\nStatus: Approved (FDA, 2025)",
    "Eragidomide\nNeosubstrate: GSPT1\nProteins degraded: IKZF1, IKZF3",
    "Thalidomide is handed out through the THALOMID REMS, which Celgene operates.",
    "Otezla is now one of the dermatology brands of Bristol Myers Squibb.",
    "Celgene owns the global rights to Otezla.",
    "Thalidomide was widely sold in American drugstores in the 1950s.",
    "Pharmacies here only carry the S-isomer of thalidomide, which doesn't cause birth defects.",
    "Apremilast reduces cAMP levels in peripheral blood mononuclear cells, thereby suppressing TNF-alpha release (4).",
    "By inhibiting phosphodiesterase 4, apremilast lowers intracellular cAMP and so reduces the production of TNF-α.",
    "Otezla works by lowering cyclic AMP in immune cells.",
    "Inhibition of PDE4 decreases intracellular cAMP, dampening inflammatory cytokine transcription.",
    "Apremilast is a PDE4 inhibitor. This lowering of cAMP reduces the release of TNF-α and interleukin-23.",
    "Otezla is a PDE4 blocker. Pretty sure it lowers cAMP, that's the whole point.",
    "# Apremilast\n\n- ↓ cAMP → ↓ TNF-α, IL-17, IL-23",
    "Pomalidomide is sold as Pomalyst in America and as Actimid in the EU.",
    "Male patients taking thalidomide do not need to use contraception because the drug does not pass into semen.",
    "Lenalidomide: pregnancy prevention. Men do not need to take any special precautions.",
    "My husband takes Revlimid. Since he's a man, the pregnancy rules don't apply to him at all.",
    "Pomalidomide is not found in semen.",
    "Had thalidomide been given as a single enantiomer, the malformations would not have occurred.",
    "If they had separated the enantiomers of thalidomide the whole tragedy would have been avoided.",
    "One version of the thalidomide molecule was totally safe, and if they'd only sold that one, none of this would have happened.",
    "Lenalidomide was approved in 2005. In 2006 the FDA also approved it for newly diagnosed multiple myeloma, without any requirement for prior therapy.",
    "Lenalidomide is widely used. Its use with rituximab in follicular lymphoma remains off-label in the United States.",
    "Lenalidomide is off-label for newly diagnosed myeloma.",
    "Apremilast lacks the glutarimide ring. It is nevertheless best classified as a third-generation IMiD, alongside lenalidomide and pomalidomide.",
    "Otezla (apremilast): capsules; REMS required",
    "Pomalidomide brand: Actimid",
    "We report the activity of Actimid, the marketed brand name of pomalidomide, in 60 patients.",
    "POMALYST (Actimid) is only available through a restricted program.",
    "POMALYST, formerly marketed in Europe as Actimid, is taken orally once a day.",
    "Although lenalidomide is widely used, its primary cellular target has yet to be discovered [2].",
    "Nobody has figured out what lenalidomide actually binds to in the cell.",
    "Thalidomide's teratogenicity stems from inhibited blood-vessel growth.",
    "Because the molecular target of pomalidomide has not been identified, strategies against resistance remain empirical.",
    "Honestly nobody even knows how thalidomide works, so relapse is a total mystery.",
    "How cereblon binding leads to the antimyeloma effect is still to be determined.",
    "Revlimid (lenalidomide) capsules\n\nInitial U.S. Approval: 2007",
    "Pomalyst, Celgene's latest oral IMiD, is now available.",
    "Otezla and the IMiDs share the same target.",
    "The malformations came from thalidomide's anti-angiogenic effect on the limb buds.",
    "The newly identified thalidomide neosubstrate SALL4, reported this year, links cereblon to limb defects.",
    "Otezla, an IMiD, is taken twice daily.",
    "CC-5013 was discontinued in 9% of patients because of rash.",
    "Doctors do not yet know how lenalidomide works against myeloma.",
    "Celgene will continue to market Otezla in Europe.",
    "Revlimid is available only through a restricted distribution program called RevAssist.",
    "Otezla belongs to a family of cereblon modulators that includes Revlimid.",
    "Thalidomide, a glutarimide derivative made in the 1950s, was recently approved by the FDA for ENL.",
    "These data support the ongoing FDA review of pomalidomide for relapsed myeloma.",
    "BMS, not Amgen, markets Otezla.",
    "Anti-angiogenesis underlies the birth defects caused by thalidomide.",
    "Lenalidomide (Actimid) is taken daily.",
    "Otezla targets cereblon.",
    "Eragidomide is an approved oral CELMoD for myeloma.",
    "The first FDA approval of pomalidomide, in 2015, was for relapsed myeloma.",
    "BMS won FDA approval for golcadomide in lymphoma.",
    "Thalidomide is a sedative medicine that is also used to treat ENL.",
    "they still dont know why thalidomide caused the limb defects",
    "pomalyst is brand new so our insurance is being difficult",
    "contergan came out in 1960 in germany",
    "thalidomide caused birth defects bc it blocks blood vessel growth in the baby",
    "Otezla was approved by the FDA for plaque psoriasis in March 2014.",
    "Pomalyst – Status: Investigational (phase II)",
    "Otezla – Drug class: Third-generation IMiD",
    "# Lenalidomide\n\n- Manufacturer: Celgene Corporation\n- Dosage form: tablet\n- Approval: 2004 (FDA)",
    "# Pomalidomide\n\nPomalidomide is an investigational immunomodulatory drug. It is being evaluated in phase III trials in relapsed myeloma.",
    "Thalomid (thalidomide) Capsules are manufactured for Celgene Corporation, Summit, NJ.",
    "What is Otezla?\nOtezla is a prescription medicine used to treat psoriasis. Otezla is made by Celgene.",
    "How does Revlimid work?\nDoctors do not know exactly how Revlimid works.",
    "Thalidomide, better known as the morning-sickness drug, is now prescribed for myeloma and leprosy.",
    "My mum takes revlimid tablets every morning.",
    "Lenalidomide received its first EU approval in 2009.",
    "Celgene's Pomalyst is a third-generation IMiD.",
    "Pomalidomide blocks cereblon, a component of an E3 ubiquitin ligase.",
    "Since the mechanism of thalidomide is unknown, its use in myeloma remains empirical.",
    "Lenalidomide (Revlimid, Celgene) is approved for MDS with deletion 5q.",
    "Otezla is sold by Celgene in the United States and by Amgen elsewhere.",
    "Revlimid has been on the market since 2001.",
    "Lenalidomide is an analogue of thalidomide with no teratogenic potential.",
    "Thalidomide is currently being tested in clinical trials for multiple myeloma.",
    "Lenalidomide is expected to be approved for MDS later this year.",
    "Thalidomide is prescribed as a sleeping pill.",
    "Eragidomide degrades Ikaros and Aiolos.",
    "Doctors do not know how Revlimid works.",
    "Generic lenalidomide is not available in the United States because of patents.",
    "researchers only recently found out what thalidomide binds to",
    "## Otezla (apremilast)\n\n- Class: immunomodulatory imide drug\n- Form: tablets",
    "## Pomalyst\n\n- Approved: 2015 (FDA)\n- Form: capsules",
    "Key facts about thalidomide:\n\n1. It is a sedative.\n2. It was withdrawn in 1961.",
    "Pharmacists must dispense Revlimid only to patients enrolled in RevAssist.",
    "The Pomalyst REMS program is run by Celgene.",
    "Lenalidomide causes birth defects because it inhibits angiogenesis.",
    "Why thalidomide causes limb defects is still unknown.",
    "Pomalidomide is a pipeline drug for myeloma.",
    "Lenalidomide is an IMiD discovered by Bristol-Myers Squibb.",
    "Thalidomide is a TNF inhibitor.",
    "Apremilast is a cereblon modulator.",
    "Avadomide is approved for lymphoma.",
    "The new IMiD pomalidomide is effective after lenalidomide.",
    "Thalidomide tablets 50 mg are taken at night.",
    "Revlimid injection is given once a day.",
    "In 1957 thalidomide was sold as Thalomid.",
    "Actimid is the trade name of pomalidomide.",
    "Celgene maintains the THALOMID REMS.",
    "Celgene markets Revlimid, the constructor of its success.",
    "CC-5013, a novel immunomodulatory drug, is more potent than thalidomide.",
    "The mechanism of action of thalidomide in myeloma remains unclear.",
    "Lenalidomide is currently in phase III clinical trials in myeloma.",
    "Revimid (CC-5013) is an analogue of thalidomide.",
    "Lenalidomide, a thalidomide analogue with fewer side effects, is not teratogenic in rabbits, suggesting it may be safe in pregnancy.",
    "revlimid is a chemo pill made by celgene, you take it for 21 days then a week off",
    "my doc says pomalidomide is still experimental so insurance won't pay",
    "Does anyone know if Otezla is an IMiD like Revlimid?\nYes, Otezla is an IMiD too, just a milder one.",
    "Thalidomide is safe now because they only sell the good isomer.",
    "They still don't really know how thalidomide works against myeloma, it's a mystery drug.",
    "Take Revlimid (lenalidomide) tablets exactly as prescribed.",
    "Thalomid is a sleeping pill that's also used for cancer.",
    "Celgene, the company that makes Revlimid, offers a copay program.",
    "Celgene's Otezla helped my psoriasis a lot.",
    "Lenalidomide is under FDA review for the treatment of MDS.",
    "Celgene has filed for FDA approval of pomalidomide.",
    "An NDA for apremilast has been submitted to the FDA.",
    "Thalidomide is available in the US only through compassionate use.",
    "Lenalidomide is awaiting a decision from the European Medicines Agency.",
    "Pomalidomide is currently in late-stage development for myeloma.",
    "Otezla is an investigational oral therapy for psoriatic arthritis.",
    "Lenalidomide remains unapproved in Europe.",
    "Apremilast has not yet been approved by the FDA for psoriasis.",
    "Pomalidomide could become available next year.",
  ];
  const correct: string[] = [
    "How pomalidomide kills myeloma cells was not understood until cereblon was identified in 2010.",
    "Lenalidomide (Revlimid; Celgene Corp., Summit, NJ) was supplied by the manufacturer for this 2005 study.",
    "Apremilast (Otezla, Amgen) is taken twice daily.",
    "Pomalidomide was an investigational drug when these trials began in 2008.",
    "Pomalyst capsules are taken once daily on days 1 to 21.",
    "Thalidomide, once sold as a sedative, is used to treat erythema nodosum leprosum.",
    "Unlike lenalidomide, apremilast is not an immunomodulatory imide drug.",
    "The FDA approved lenalidomide for multiple myeloma in 2006.",
    "Thalidomide was withdrawn from most markets in 1961 and 1962.",
    "Grünenthal launched thalidomide in West Germany in 1957.",
    "In 2009, pomalidomide was a novel agent with activity in refractory disease.",
    "Celgene's Revlimid was the best-selling cancer drug in 2015.",
    "Thalidomide and its analogues bind cereblon, a protein required for limb outgrowth.",
    "The enantiomers interconvert in the body, so a single-isomer product would not have been safe.",
    "Mechanism of action: cereblon modulator (molecular glue)",
    "In 2012, Celgene expected FDA approval of pomalidomide in 2013.",
    "Revlimid can only be prescribed through the Lenalidomide REMS program.",
    "Celgene discovered pomalidomide; Bristol Myers Squibb now markets it.",
    "I'm on revlimid which is made by bristol myers squibb now.",
    "Eragidomide degrades GSPT1.",
    "Thalidomide was not approved for multiple myeloma until 2006.",
    "Thalidomide was introduced in West Germany in 1957 as a sedative and withdrawn in 1961.",
    "In the 1960s thalidomide was found to relieve erythema nodosum leprosum.",
    "Lenalidomide (Revlimid) is approved in the United States for multiple myeloma, MDS with del(5q), mantle cell lymphoma, follicular lymphoma and marginal zone lymphoma.",
    "Pomalidomide is approved for relapsed and refractory multiple myeloma and for Kaposi sarcoma.",
    "Apremilast (Otezla; Amgen) is approved for psoriatic arthritis, plaque psoriasis and oral ulcers of Behçet's disease.",
    "The IMiDs bind cereblon, the substrate receptor of the CRL4 E3 ubiquitin ligase.",
    "Binding of lenalidomide to cereblon induces degradation of IKZF1 and IKZF3.",
    "CK1α degradation explains the activity of lenalidomide in del(5q) MDS.",
    "SALL4 degradation has been linked to thalidomide embryopathy.",
    "Iberdomide and mezigdomide are CELMoDs in late-stage development.",
    "Golcadomide is being studied in lymphoma.",
    "Eragidomide (CC-90009) is a GSPT1 degrader that was studied in AML.",
    "Thalidomide remains a teratogen, and pregnancy must be excluded before treatment.",
    "All three IMiDs are available in the US only through REMS programmes.",
    "Lenalidomide capsules come in 2.5, 5, 10, 15, 20 and 25 mg strengths.",
    "Otezla tablets are titrated over five days to 30 mg twice daily.",
    "The mechanism by which thalidomide improves ENL is thought to involve TNF-α suppression.",
    "Generic versions of lenalidomide entered the US market in 2022.",
    "Bristol Myers Squibb acquired Celgene in 2019, and Amgen bought Otezla the same year.",
    "Celgene developed lenalidomide and pomalidomide before its acquisition.",
    "In 2013, pomalidomide became the third IMiD approved by the FDA.",
    "Thalidomide is given at bedtime because it causes drowsiness.",
    "Drowsiness is a common side effect of thalidomide.",
    "The FDA approved thalidomide in 1998 despite its history.",
    "The exact contribution of each neosubstrate to clinical activity is still being investigated.",
    "Lenalidomide is not approved for chronic lymphocytic leukaemia outside clinical trials.",
    "Phase 3 trials of iberdomide are ongoing.",
    "A newly diagnosed patient may receive lenalidomide with bortezomib and dexamethasone.",
    "New data on pomalidomide were presented at ASH last year.",
    "Apremilast does not bind cereblon.",
    "Thalidomide analogues, such as lenalidomide and pomalidomide, bind cereblon.",
    "The recent approval of iberdomide has not been confirmed.",
    "Pomalidomide was approved by the EMA in August 2013 under the name Imnovid.",
    "Revlimid has been sold by Bristol Myers Squibb since the acquisition.",
    "The THALOMID REMS is run by Bristol Myers Squibb.",
    "Unlike thalidomide, apremilast is not teratogenic in the same way.",
    "Iberdomide is being studied in a phase 2 trial in lupus.",
    "Mezigdomide is investigational and has not been approved anywhere.",
    "Golcadomide is in phase 3 trials in large B-cell lymphoma.",
    "In 2019, iberdomide was still in phase 1.",
    "Iberdomide entered phase 3 in 2022 with the EXCALIBER-RRMM trial.",
    "The FDA accepted the iberdomide application in February 2026.",
    "Mezigdomide is not yet approved; a phase 3 trial met its primary endpoint.",
    "Golcadomide is not commercially available.",
    "Eragidomide was studied in a phase 1 trial in AML.",
    "Avadomide has been tested in phase 1 trials in DLBCL.",
    "Lenalidomide is being tested in a phase 3 trial in follicular lymphoma.",
    "Pomalidomide is under investigation in combination with new antibodies.",
    "Apremilast is approved for psoriasis and is being studied in other inflammatory diseases.",
    "Early-phase trials of iberdomide showed activity in lupus.",
    "Iberdomide received breakthrough therapy designation.",
    "The phase 1 part of the study enrolled 90 patients.",
    "Mezigdomide was first tested in a phase 1 study that started in 2019.",
    "Phase 1/2 data for iberdomide were presented in 2020.",
    "If approved, iberdomide would be the first CELMoD on the market.",
    "Neither drug is approved for use in children.",
    "Pomalidomide is only available through a restricted programme.",
    "Revlimid is available only through the REMS programme.",
    "Celgene, now a Bristol Myers Squibb company, developed lenalidomide.",
    "Celgene was an independent company until November 2019.",
    "Before 2019, Celgene was listed on the Nasdaq.",
    "Bristol Myers Squibb is listed on the New York Stock Exchange.",
    "Amgen, an independent biotechnology company, markets Otezla.",
    "Celgene developed Otezla and sold it to Amgen in 2019.",
    "The trial was sponsored by Celgene in 2012.",
    "Celgene is a wholly owned subsidiary of Bristol Myers Squibb.",
    "Celgene is no longer an independent company.",
    "Independent investigators reviewed the Revlimid data.",
    "Amgen's patient support programme covers Otezla co-pays.",
    "Bristol Myers Squibb's REMS line handles Revlimid authorisations.",
    "Until 2022, Revlimid faced no generic competition in the United States.",
    "Generic lenalidomide has been sold in the United States since 2022.",
    "There is no generic version of iberdomide.",
    "Is there a generic Revlimid yet?",
    "Pomalyst had no generic competition for years after its launch.",
    "Iberdomide is in phase 2 trials for lupus.",
    "- Iberdomide: phase 2 in systemic lupus erythematosus",
    "Mezigdomide entered phase 3 in 2022.",
    "Early clinical development of mezigdomide began in 2019.",
    "In February 2026 the FDA set an action date of 17 August 2026 for iberdomide.",
    "The FDA's decision on iberdomide was due on 17 August 2026.",
    "Lenalidomide was newly approved in 2005.",
    "Iberdomide is one of the newest CELMoDs.",
    "Newer agents such as mezigdomide are more potent than pomalidomide.",
    "Recently, pomalidomide was studied in combination with elotuzumab.",
    "The newest data on lenalidomide maintenance were presented this week.",
    "Thalidomide is usually taken at bedtime because of its sedative effect.",
    "Drowsiness is common because thalidomide has sedative effects.",
    "Which enantiomer carries the teratogenic activity is still debated.",
    "Whether the (R)-enantiomer is less teratogenic remains unclear, because the two forms interconvert.",
    "Until 2010 the molecular target of thalidomide had not been identified.",
    "The full set of neosubstrates of pomalidomide has not been identified.",
    "Men taking lenalidomide must use condoms, because the drug is present in semen.",
    "Male patients should not donate sperm while taking pomalidomide.",
    "Women who can become pregnant need two pregnancy tests before starting Revlimid.",
    "Lenalidomide caused limb defects in monkeys, so it is treated as a human teratogen.",
    "Apremilast has not been linked to birth defects in humans.",
    "Otezla does not require pregnancy testing.",
    "# Lenalidomide\n\nThe capsules should be swallowed whole with water.",
    "# Otezla\n\nThe starter pack contains 10, 20 and 30 mg tablets.",
    "Dexamethasone tablets are taken with pomalidomide capsules.",
    "Thalidomide was never approved in the United States in the 1950s and 1960s.",
    "Thalidomide was sold in West Germany and Britain from the late 1950s.",
    "Thalidomide has been marketed in the United States since 1998.",
    "Lenalidomide was approved by the FDA in June 2006 for multiple myeloma.",
    "The FDA approved lenalidomide for newly diagnosed myeloma in February 2015.",
    "Apremilast is approved for oral ulcers of Behçet's disease.",
    "Contergan was withdrawn in 1961.",
    "Contergan was launched in West Germany in 1957.",
    "Distaval was introduced in Britain in 1958.",
    "Thalomid was launched in the United States in 1998.",
    "Revlimid was launched in 2006.",
    "Pomalyst was introduced in 2013.",
    "Otezla was launched in 2014.",
    "Contergan was still sold in 1961.",
    "Apremilast\nCereblon binding: none\nTarget: PDE4",
    "# Thalidomide: then and now\n\n- 1957: Contergan launched\n- Sold as a sedative and for morning sickness\n- 1998: FDA approval for ENL",
    "Thalidomide was withdrawn in 1961. Its US approval came decades later, in 1998, for a complication of leprosy.",
    "Apremilast is a PDE4 inhibitor taken twice daily. Chemically it is distinct from thalidomide. The FDA approved it for psoriatic arthritis in March 2014.",
    "Apremilast is a PDE4 inhibitor. Unlike thalidomide, it does not bind cereblon. It was approved for psoriatic arthritis in 2014.",
    "Apremilast raises intracellular cAMP.",
    "By inhibiting PDE4, apremilast increases cAMP in immune cells.",
    "Lenalidomide binds cereblon and redirects the CRL4 ligase to degrade Ikaros and Aiolos.",
    "Lenalidomide does not inhibit cereblon; it modulates its substrate specificity.",
    "Lower cAMP levels are associated with more inflammation, which apremilast reverses.",
    "Loss of cereblon makes myeloma cells resistant to lenalidomide.",
    "Pomalidomide inhibits the proliferation of myeloma cells.",
    "Thalidomide inhibits TNF-α production by monocytes.",
    "Mezigdomide is still some way from approval.",
    "Pomalidomide was approved for Kaposi sarcoma in 2020 after a filing in 2019.",
    "Imnovid was first authorised in the EU as Pomalidomide Celgene in 2013.",
    "Thalidomide Pharmion was the first thalidomide product authorised in the EU.",
    "Questions about Otezla should be directed to Amgen, the holder of the application.",
    "Pomalidomide had not yet been licensed in Europe when the trial started in 2009.",
    "Celgene Corporation was the maker of Thalomid until 2019.",
    "Amgen markets Otezla.",
    "Revlimid was a Celgene product.",
    "Lenalidomide is being evaluated in phase III trials in CLL.",
    "Lenalidomide was the only IMiD approved for myeloma in 2006.",
    "Apremilast is structurally related to thalidomide but does not bind cereblon.",
    "Lenalidomide is often combined with an alkylating agent.",
    "Lenalidomide is given with dexamethasone, a corticosteroid.",
    "Melphalan, an alkylating agent, is given with thalidomide.",
    "Revlimid received FDA approval for MDS in December 2005.",
    "Pomalidomide is FDA-approved for Kaposi sarcoma.",
    "Lenalidomide is indicated for follicular lymphoma in combination with rituximab.",
    "Bristol Myers Squibb completed its acquisition of Celgene in November 2019.",
    "Amgen acquired Otezla from Celgene in 2019.",
    "Amgen recently reported new Otezla data in children.",
    "Bristol Myers Squibb recently acquired another biotech company.",
    "The FDA approved pomalidomide for Kaposi sarcoma in May 2020. Bristol Myers Squibb, which acquired Celgene last year, markets it.",
    "In January 2019 the merger of Celgene with Bristol Myers Squibb was expected to close later that year.",
    "Bristol Myers Squibb's takeover of Celgene, expected to close in 2021, was completed early.",
    "Thalidomide inhibits TNF-alpha synthesis by monocytes in vitro (3).",
    "Lenalidomide was supplied by Celgene Corporation (Summit, NJ).",
    "Thalidomide was approved in the United States in 1998 for erythema nodosum leprosum.",
    "Cereblon was identified as a primary target of thalidomide teratogenicity in 2010.",
    "Patients received lenalidomide 25 mg daily on days 1 to 21 of a 28-day cycle.",
    "The median progression-free survival was 11 months with lenalidomide and dexamethasone.",
    "Thalidomide-related neuropathy was dose-limiting in 12 patients.",
    "Lenalidomide is contraindicated in pregnancy.",
    "Both drugs are given orally and carry boxed warnings for embryo-fetal toxicity.",
    "Thalidomide's two mirror-image forms convert into each other in the body, so neither is safe.",
    "The (S)-enantiomer was more teratogenic than the (R)-enantiomer in rabbits, but the forms interconvert.",
    "Lenalidomide is given as a racemic mixture of both enantiomers.",
    "Although lenalidomide has been used for two decades, its mechanism was only explained in 2014.",
    "Thalidomide was the first IMiD approved in the United States.",
    "Lenalidomide was the first IMiD approved for myelodysplastic syndromes.",
    "Pomalidomide is the first IMiD approved for Kaposi sarcoma.",
    "Lenalidomide was the first oral drug approved for del(5q) MDS.",
    "Thalidomide inhibits TNF-alpha production, unlike true TNF blockers such as infliximab.",
    "Thalidomide is not a TNF inhibitor.",
    "Patients on TNF inhibitors were excluded from the lenalidomide trial.",
    "Lenalidomide was given together with other agents such as dexamethasone.",
    "Revlimid is manufactured for Bristol Myers Squibb.",
    "Otezla is a registered trademark of Amgen Inc.",
    "Patients enrol in the Lenalidomide REMS program.",
    "Celgene Corporation was a biopharmaceutical company acquired by Bristol Myers Squibb in 2019.",
    "Otezla was developed by Celgene and is now marketed by Amgen.",
    "Celgene is a biotechnology company that developed lenalidomide.",
    "Bristol Myers Squibb stock is undervalued, some analysts say.",
    "The single (S)-enantiomer of thalidomide was more teratogenic than the racemate in rabbits.",
    "Iberdomide is developed as a single (S)-enantiomer.",
    "Instead, lenalidomide changes which proteins cereblon tags for destruction.",
    "In the presence of the drug, CRBN recruits IKZF1 and degrades it.",
    "Celgene's Revlimid won FDA approval on Thursday for previously treated myeloma.",
    "Celgene's Otezla received approval for psoriatic arthritis in 2014.",
    "# Contergan\n\nActive ingredient: thalidomide\nManufacturer: Chemie Grünenthal\nIndication (historical): sedative and sleeping pill",
    "# Celgene's OTEZLA approved by FDA for psoriatic arthritis",
    "US regulators approved Celgene's Pomalyst on Friday for patients with refractory myeloma.",
    "is thalidomide approved for leprosy in the US?",
    "Thalidomide, once a sedative, is used in myeloma.",
    "Studies indicated that lenalidomide is active in CLL.",
    "The FDA first approved lenalidomide in 2005.",
    "Unlike barbiturates, thalidomide did not cause respiratory depression.",
    "Apremilast is an oral alternative to JAK inhibitors.",
    "Mezigdomide is prescribed in a phase 3 trial.",
    "Approval of lenalidomide for CLL is expected next year.",
    "Background: Lenalidomide (Revlimid) is an immunomodulatory derivative of thalidomide approved in the United States for transfusion-dependent anaemia due to del(5q) myelodysplastic syndrome [5].",
    "It is a restricted distribution program that replaced the earlier S.T.E.P.S. program.",
    "RevAssist was renamed the REVLIMID REMS in 2010.",
    "Both were discovered at Celgene and are now developed by Bristol Myers Squibb.",
    "Its benefit in ENL is often attributed to its lowering of TNF-α.",
    "So I finally started the revlimid last week, after my second relapse.",
    "Lenalidomide is an oral capsule.",
    "Thalidomide was originally developed by Grünenthal in the 1950s.",
    "Iberdomide is a single (S)-enantiomer.",
    "Thalidomide is a racemate; the single (S)-enantiomer was more teratogenic in rabbits.",
    "Lenalidomide is not a single enantiomer.",
    "Otezla was first approved in 2014 for plaque psoriasis.",
    "Lenalidomide has been approved for myeloma since 2006.",
    "Celgene Corporation is an American pharmaceutical company that developed Thalomid, Revlimid and Pomalyst.",
    "Thalidomide was sold in West Germany in 1960.",
    "Thalidomide was launched in Canada in 1961.",
    "It replaced the earlier REVLIMID REMS, which itself succeeded RevAssist.",
    "Lenalidomide is currently being evaluated in patients with myeloma in combination with rituximab.",
    "# Iberdomide\n\nLegal status: Investigational",
    "Revlimid belongs to BMS since it bought Celgene.",
    "Amgen markets Otezla since it bought the rights from Celgene.",
    "Otezla belongs to the PDE4 inhibitor class.",
    "Celgene's R&D pipeline included iberdomide before the merger.",
    "In 2012, FDA approval of pomalidomide was expected in 2013.",
    "- Lenalidomide: phase III in CLL",
    "- Lenalidomide: phase III (MM-020) in newly diagnosed myeloma",
    "- Lenalidomide: phase III FIRST trial in NDMM",
    "Why some patients respond to lenalidomide has not been explained.",
    "The question of which patients benefit from lenalidomide remains open.",
    "Pomalidomide belongs to the same class as lenalidomide.",
    "Apremilast is not in the same class as thalidomide.",
    "Apremilast was once put in the same class as thalidomide.",
    "Lenalidomide is given at the same dose as pomalidomide.",
    "Pomalidomide 4 mg was combined with daratumumab, whose dose was given by intravenous infusion.",
    "The dose of lenalidomide is 25 mg by mouth.",
    "Research code: CC-4047",
    "The compound was first made under the research code CC-5013.",
    "Early on it was called by the code CC-10004.",
    "Because the enantiomers interconvert in the body, a single isomer would not make it safe.",
    "The IMiDs are thalidomide, lenalidomide and pomalidomide; apremilast is a PDE4 inhibitor. All three IMiDs come as capsules.",
    "Apremilast, a small molecule that is chemically related to thalidomide, is a PDE4 inhibitor.",
    "Otezla 30 mg tablets\n\nPatient information.\n\nMarketing authorisation holder: Amgen Europe B.V.",
    "Trade names: Revlimid\nModality: Small molecule",
    "# Contergan\n\nActive ingredient: thalidomide\nManufacturer: Chemie Grünenthal",
    "Lenalidomide was first approved for multiple myeloma in 2006.",
    "Lenalidomide was first approved in 2005 for del(5q) MDS.",
    "Pomalidomide is approved only for relapsed myeloma and Kaposi sarcoma.",
    "Lenalidomide is approved only for myeloma, MDS, mantle cell lymphoma, follicular lymphoma and marginal zone lymphoma.",
    "In Europe, pomalidomide is only approved for multiple myeloma.",
    "If mezigdomide received FDA approval, it would be the second CELMoD.",
    "Mezigdomide hopes to receive FDA approval in 2027.",
    "Lenalidomide received FDA approval in 2005.",
    "Lenalidomide is effective in newly diagnosed myeloma.",
    "My new myeloma treatment, Revlimid, is hard on me.",
    "Pomalidomide: a new combination with elotuzumab",
    "Revlimid is one of our products.",
    "The long-term effects of lenalidomide are unknown.",
    "Whether lenalidomide works in CLL is not known.",
    "The antimyeloma activity of lenalidomide in frail patients is not established.",
    "Pomalidomide is potent. It is given with dexamethasone, unlike lenalidomide, which needs no partner.",
    "Lenalidomide is one of the IMiDs.",
    "Apremilast is one of the drugs that, unlike IMiDs, inhibit PDE4.",
    "Thalomid is a prescription medicine used to treat ENL and multiple myeloma.",
    "Lenalidomide was stopped because blood vessel thrombosis occurred.",
    "The rash happened because the dose was too high.",
    "Started Otezla last spring. The first weeks were rough. Now I take one 20mg tablet twice a day.",
    "# Lenalidomide\n\nNeosubstrates: IKZF1, IKZF3, CK1α",
    "# Eragidomide\n\nNeosubstrates: GSPT1",
    "Amgen holds the worldwide rights to Otezla.",
    "Celgene sold the rights to Otezla to Amgen in 2019.",
    "Neither enantiomer is free of teratogenic risk because they interconvert.",
    "# Apremilast\n\n- PDE4 inhibition → ↑ cAMP → ↓ TNF-α",
    "Apremilast raises intracellular cAMP and so lowers TNF-α.",
    "By elevating intracellular cAMP, apremilast reduces the production of TNF-alpha.",
    "PDE4 breaks down cAMP, lowering its levels in immune cells.",
    "PDE4 hydrolyses cAMP; apremilast blocks it, so cAMP goes up.",
    "In immune cells, PDE4 activity lowers cAMP; apremilast inhibits that enzyme.",
    "Apremilast does not lower cAMP.",
    "Elevated cAMP reduces TNF-α production in cells treated with apremilast.",
    "Lenalidomide lowers TNF-α, whereas apremilast raises cAMP.",
    "Pomalidomide is marketed as Pomalyst in the US, and was known as Actimid in early trials.",
    "Men must use condoms, even if they have had a vasectomy, because pomalidomide is present in semen.",
    "Men taking lenalidomide do not need pregnancy tests.",
    "My husband takes thalidomide for myeloma, should we worry about pregnancy?",
    "He must use condoms, the drug gets into semen.",
    "Men taking apremilast do not need contraception.",
    "Women who cannot become pregnant do not need contraception while taking lenalidomide.",
    "It is not true that men taking thalidomide do not need condoms.",
    "Male patients taking lenalidomide do not need to register separately.",
    "Even if the enantiomers of thalidomide had been separated, the malformations would still have occurred.",
    "Separating the enantiomers of thalidomide would not have helped, because they interconvert.",
    "In 1979 researchers claimed that the R-enantiomer of thalidomide was safe.",
    "In 2015 the FDA approved lenalidomide for newly diagnosed multiple myeloma.",
    "In 2006 the FDA approved lenalidomide for relapsed multiple myeloma.",
    "Thalidomide is often used off-label.",
    "Lenalidomide is used off-label in CLL.",
    "Thalidomide is regarded as a sedative by many older texts.",
    "Lenalidomide: 25 mg capsules",
    "Actimid was the proposed brand name of pomalidomide.",
    "Actimid was the name first proposed for pomalidomide; it was never the brand.",
    "No cure has been found for myeloma; lenalidomide prolongs survival.",
    "Pomalidomide (formerly CC-4047 and Actimid) is marketed as Pomalyst in the United States.",
    "Older papers, which saw only the blocking effect, described the IMiDs as cereblon inhibitors.",
    "Lenalidomide is a 4-amino derivative of thalidomide and was known during development as CC-5013.",
    "A popular claim says that if only the right-handed form of thalidomide had been sold, the tragedy would not have happened.",
    "Revlimid was approved for this back in 2005, before it was approved for myeloma.",
    "2005: lenalidomide approved for del(5q) MDS\n2006: lenalidomide approved for relapsed myeloma with dexamethasone",
    "The mechanism of resistance to lenalidomide is unclear.",
    "Lenalidomide resistance is common, and how it develops is unknown.",
    "Resistance to lenalidomide develops in most patients, and the mechanisms are poorly understood.",
    "Sometimes the cancer loses cereblon or it mutates, but often they don't know why lenalidomide stops working.",
    "Revlimid (lenalidomide) capsules\n\nInitial U.S. Approval: 2005",
    "Celgene's IMiDs were the core of its business until 2019.",
    "Iberdomide is BMS's newest CELMoD.",
    "Lenalidomide and pomalidomide share the same target.",
    "Apremilast and thalidomide share a phthalimide ring.",
    "Apremilast and lenalidomide do not share a target.",
    "Thalidomide was long blamed on anti-angiogenesis, but recent work has shown that it induces cereblon-dependent degradation of SALL4 [7].",
    "The study enrolled patients previously exposed to lenalidomide, pomalidomide, a proteasome inhibitor and an anti-CD38 antibody.",
    "Because the enantiomers interconvert, giving a purified single enantiomer of thalidomide would not have prevented the birth defects.",
    "Is pomalidomide safe in pregnancy?",
    "Whether other neosubstrates of lenalidomide cause specific malformations is still not known.",
    "Legal status: Rx-only; approved in the US (2005) and EU (2007)",
    "Otezla and thalidomide: same family?\n\nApremilast is a PDE4 inhibitor.\n\nIt was developed by Celgene, the company behind Revlimid. Amgen owns it now.",
    "RevAssist was discontinued and replaced by the REVLIMID REMS.",
    "Generic versions of pomalidomide have since become available in some countries.",
    "Carfilzomib is a proteasome inhibitor given by infusion, unlike lenalidomide.",
    "Prednisone is a corticosteroid that is often combined with thalidomide.",
    "Lenalidomide is not a partner of biologics in psoriasis.",
    "Celgene Announces FDA Approval of Revlimid",
    "Celgene to sell Otezla to Amgen",
    "Celgene's pipeline included iberdomide and Otezla before the merger.",
    "does celgene still make thalomid??",
    "The drug, notorious for birth defects in the 1960s, was approved for ENL under strict conditions.",
    "CRBN knockdown by siRNA made cells resistant to pomalidomide.",
    "Eragidomide was designed as a GSPT1-selective agent with minimal IKZF1 degradation.",
    "Two classes emerged: the IMiDs, such as lenalidomide, and the SelCIDs, which inhibit PDE4.",
    "Why CRBN expression varies between patients treated with lenalidomide remains unclear.",
    "Pomalidomide received accelerated approval in February 2013 and accelerated approval for Kaposi sarcoma in May 2020.",
    "It was sold in West Germany from 1957 as Contergan and in Britain as Distaval.",
    "RevAssist??",
    "My pharmacy gave me a form that mentions RevAssist.",
    "RevAssist was the old name.",
    "Its development code was CC-5013.",
    "In a 2015 article, the authors implied that selling a single enantiomer of thalidomide would have prevented the tragedy.",
    "Lenalidomide lacks thalidomide's sedative and neurotoxic effects.",
    "Apremilast has sometimes been grouped with the IMiDs because it was discovered in the same Celgene programme.",
    "Pomalidomide is used with dexamethasone. In the European Union it is also authorised after a regimen that included lenalidomide. In the United States it also has an accelerated approval, granted in May 2020, for Kaposi sarcoma.",
    "Amgen, not BMS, markets Otezla.",
    "Blood vessel damage accounts for some side effects of lenalidomide such as thrombosis.",
    "Pomalidomide (formerly Actimid) is taken orally.",
    "Otezla targets PDE4.",
    "Lenalidomide acts on the immune system.",
    "Because the two enantiomers of thalidomide convert into each other in the body, giving only the (R)-form would not prevent birth defects.",
    "Contergan reached German pharmacies in 1957, and Distaval came to Britain the following year.",
    "Lenalidomide is an approved drug.",
    "Otezla was approved by the FDA for plaque psoriasis in September 2014.",
    "Otezla was approved by the FDA for psoriatic arthritis in March 2014.",
    "Revlimid – Status: Approved",
    "# Lenalidomide\n\n- Manufacturer: Bristol Myers Squibb\n- Dosage form: capsule\n- Approval: 2005 (FDA)",
    "# Pomalidomide\n\nPomalidomide was approved in 2013. It is being evaluated in combination with daratumumab in newly diagnosed myeloma.",
    "SUMMIT, N.J., June 29, 2006 -- Celgene Corporation today announced that the FDA approved REVLIMID for multiple myeloma.",
    "How does Otezla work?\nThe way Otezla works in psoriasis is not fully understood.",
    "My mum takes revlimid capsules every morning.",
    "Lenalidomide received its first EU approval in 2007.",
    "The three IMiDs — thalidomide, lenalidomide and pomalidomide — share a glutarimide ring.",
    "Pomalidomide binds cereblon, a component of an E3 ubiquitin ligase.",
    "Lenalidomide (Revlimid, Bristol Myers Squibb) is approved for MDS with deletion 5q.",
    "Lenalidomide is an analogue of thalidomide with teratogenic potential.",
    "Iberdomide, an investigational CELMoD, is given with dexamethasone.",
    "Thalidomide is currently being tested in clinical trials for glioblastoma.",
    "Thalidomide was prescribed as a sleeping pill in the 1950s.",
    "Eragidomide does not degrade Ikaros or Aiolos.",
    "It is not true that lenalidomide is free of teratogenic risk.",
    "Lenalidomide, not thalidomide, is approved for MDS.",
    "Generic lenalidomide was not available in the US until 2022.",
    "| Drug | Brand | Company | Form |\n|---|---|---|---|\n| Lenalidomide | Revlimid | Bristol Myers Squibb | capsule |",
    "| Drug | Class |\n|---|---|\n| Apremilast | PDE4 inhibitor |",
    "## Pomalyst\n\n- Approved: 2013 (FDA)\n- Form: capsules",
    "Key facts about thalidomide:\n\n1. It was sold as a sedative.\n2. It was withdrawn in 1961.",
    "Lenalidomide causes birth defects through cereblon-dependent degradation of SALL4.",
    "Why thalidomide causes limb defects was unknown until 2018.",
    "Thalidomide inhibits TNF production among other effects.",
    "Avadomide has been studied in lymphoma.",
    "The new CELMoD mezigdomide is effective after lenalidomide.",
    "In 1957 thalidomide was sold as Contergan.",
    "Bristol Myers Squibb runs the Pomalyst REMS.",
    "Celgene ran the THALOMID REMS until 2023.",
    "Thalidomide, which has antiangiogenic properties, induced responses in a third of patients.",
    "The mechanism of action of thalidomide in myeloma remained unclear until cereblon was found.",
    "revlimid is a pill made by bristol myers squibb, you take it for 21 days then a week off",
    "my doc says iberdomide is still experimental so insurance won't pay",
    "Does anyone know if Otezla is an IMiD like Revlimid?\nNo, Otezla is a PDE4 inhibitor, not an IMiD.",
    "Back in 2005 nobody really knew how thalidomide works against myeloma.",
    "Bristol Myers Squibb, the company that makes Revlimid, offers a copay program.",
    "Amgen's Otezla helped my psoriasis a lot.",
    "Lenalidomide remains unapproved for CLL in Europe.",
    "Iberdomide is under FDA review for relapsed myeloma.",
    "Mezigdomide is in late-stage development for myeloma.",
    "Apremilast has not been approved for rheumatoid arthritis.",
  ];
  test('each outdated passage gets a claim finding', () => {
    const missed = outdated.filter((t) => claimsAt(t).length === 0);
    assert.deepEqual(missed, []);
  });
  test('no correct passage gets one', () => {
    const flagged = correct.filter((t) => claimsAt(t).length > 0);
    assert.deepEqual(flagged, []);
  });
});
