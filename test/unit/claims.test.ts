// The claim engine beyond the rules' own examples: what every finding carries, sentence
// understanding (wraps, markup, clauses, quotations), name rules and fix-all, disable comments
// on claim rules, and the per-rule time budget driven by an injected clock.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument, bundledData, bundledEngine, createEngine, fixText, lint, parseConfig } from '../../src/core/index';
import { RuleBudget, templateFits } from '../../src/core/rules/claims';
import { clauseStart, isHedged, isHistorical, isNegated } from '../../src/core/rules/context';
import { applyFix, engine, ids, lintAs } from './util';

const claimIds = () => new Set(engine().rules.map((r) => r.rule.id));
const claims = (text: string, lang = 'markdown') => lintAs(text, lang).findings.filter((f) => claimIds().has(f.ruleId));

describe('every claim finding explains itself', () => {
  for (const file of bundledData.claims) {
    for (const rule of file.rules) {
      test(`${file.family}/${rule.id}: message, explanation, evidence, family, and a fix on each invalid example`, () => {
        for (const ex of rule.examples.invalid) {
          const [f] = lintAs(ex.text, 'plaintext').findings.filter((x) => x.ruleId === rule.id);
          assert.ok(f, ex.text);
          assert.ok(f.message.length >= 10);
          assert.ok((f.explanation ?? '').length >= 40);
          assert.deepEqual(f.evidence, rule.evidence);
          assert.equal(f.family, file.family);
          if (rule.type === 'name') {
            assert.equal(f.fixes.filter((x) => x.kind === 'lexical').length, 1, 'a name rule has one lexical fix');
            assert.ok(f.fixes.every((x) => x.kind !== 'rewrite'));
          } else {
            assert.ok(f.fixes.every((x) => x.kind !== 'lexical'), 'claims are never lexical (never in fix-all)');
            if (rule.rewrites?.length) assert.ok(f.fixes.some((x) => x.kind === 'rewrite'), `a rewrite for: ${ex.text}`);
            for (const x of f.fixes.filter((y) => y.kind === 'rewrite')) {
              assert.ok(!x.isPreferred, 'rewrites are never preferred');
              assert.ok(!x.edits.some((e) => /\$<|\$\d|\$&/.test(e.newText)), `no template residue in ${x.edits[0].newText}`);
            }
          }
        }
      });
    }
  }
});

describe('sentence understanding', () => {
  test('a claim spanning a hard wrap and emphasis is flagged on its words', () => {
    const text = 'Background.\n\n**Lenalidomide**\n*inhibits*\ncereblon [@ito2010] in myeloma cells.\n';
    const [f] = claims(text);
    assert.equal(f.ruleId, 'imid-inhibits-cereblon');
    assert.equal(text.slice(f.start, f.end), 'Lenalidomide**\n*inhibits*\ncereblon', 'blanked markup at the edges is trimmed');
    assert.deepEqual([f.range.start.line, f.range.end.line], [2, 4]);
  });

  test('the rewrite keeps the citations inside the claim and the rest of the sentence', () => {
    const text = 'Lenalidomide [@ito2010] inhibits cereblon in T cells.';
    const f = claims(text)[0];
    const i = f.fixes.findIndex((x) => x.kind === 'rewrite');
    assert.equal(applyFix(text, f, i), 'Lenalidomide binds cereblon [@ito2010] in T cells.');
    const tex = '\\begin{document}\nPomalidomide~\\cite{lu2014} is a selective cereblon inhibitor, as shown.\n\\end{document}';
    const g = claims(tex, 'latex')[0];
    const rw = g.fixes.find((x) => x.kind === 'rewrite')!;
    assert.match(rw.edits[0].newText, /\\cite\{lu2014\}/);
  });

  test('a rewrite never leaves half of an emphasis or a brace behind, and keeps a citation glued to the claim', () => {
    const rw = (text: string, lang = 'markdown') => {
      const f = claims(text, lang)[0];
      return applyFix(text, f, f.fixes.findIndex((x) => x.kind === 'rewrite'));
    };
    assert.equal(rw('*Apremilast* is a **third-generation IMiD** used in psoriasis.'), 'Apremilast is a phosphodiesterase-4 (PDE4) inhibitor used in psoriasis.');
    assert.equal(rw('Apremilast is a **third-generation IMiD**[@vallet2012] used in psoriasis.'), 'Apremilast is a phosphodiesterase-4 (PDE4) inhibitor[@vallet2012] used in psoriasis.');
    assert.equal(rw('**Apremilast is a third-generation IMiD** used in psoriasis.'), '**Apremilast is a phosphodiesterase-4 (PDE4) inhibitor** used in psoriasis.');
    assert.equal(rw('\\begin{document}\nApremilast \\emph{is a thalidomide-like immunomodulatory agent} with activity.\n\\end{document}', 'latex'), '\\begin{document}\nApremilast is a phosphodiesterase-4 (PDE4) inhibitor with activity.\n\\end{document}');
  });

  test('"Add citation for the evidence" cites the rule\'s evidence in the document\'s syntax', () => {
    const f = claims('Thalidomide is prescribed for morning sickness.')[0];
    const cite = f.fixes.find((x) => x.kind === 'citation')!;
    assert.equal(cite.edits[0].newText, ' [@grunenthal-contergan; @label-thalomid-us]');
    assert.equal(applyFix('Thalidomide is prescribed for morning sickness.', f, f.fixes.indexOf(cite)), 'Thalidomide is prescribed for morning sickness [@grunenthal-contergan; @label-thalomid-us].');
  });

  test('negation is clause-local: a negated clause does not hide the next one', () => {
    assert.deepEqual(ids(claims('Apremilast does not bind cereblon; lenalidomide inhibits cereblon.')), ['imid-inhibits-cereblon']);
    assert.deepEqual(ids(claims('Lenalidomide does not inhibit cereblon.')), []);
    const s = 'Apremilast does not bind cereblon; lenalidomide inhibits cereblon.';
    assert.equal(clauseStart(s, s.indexOf('lenalidomide')), s.indexOf('lenalidomide'));
    assert.ok(!isNegated({ sentence: s, matchStart: s.indexOf('lenalidomide'), matchEnd: s.length - 1 }));
  });

  test('meta-negation after the claim ("a view since superseded")', () => {
    assert.deepEqual(ids(claims('Thalidomide inhibits cereblon, a view that is now outdated.')), []);
    assert.deepEqual(ids(claims('Models in which pomalidomide blocks CRBN have since been superseded.')), []);
  });

  test('historical framing needs a time frame and the past tense', () => {
    const s = 'In 2012, apremilast was called an IMiD.';
    assert.ok(isHistorical({ sentence: s, matchStart: 9, matchEnd: s.length - 1 }));
    assert.ok(!isHistorical({ sentence: 'Apremilast was called an IMiD.', matchStart: 0, matchEnd: 29 }));
    assert.deepEqual(ids(claims('Until 2019, Otezla was marketed by Celgene.')), []);
    assert.deepEqual(ids(claims('Otezla is marketed by Celgene.')), ['otezla-not-celgene']);
  });

  test('reported speech, embedded questions and gapped passives are hedges', () => {
    for (const s of ['Several drug guides describe apremilast as an IMiD.', 'Whether lenalidomide inhibits cereblon was debated.', 'Thalidomide was first described in 2010 as a cereblon inhibitor.']) {
      assert.ok(isHedged({ sentence: s, matchStart: 0, matchEnd: s.length }), s);
      assert.deepEqual(ids(claims(s)), [], s);
    }
  });

  test('a source\'s words reported in the past ("reported that", "concluded that") and findings reported with a date are not the writer\'s claim', () => {
    for (const s of [
      'In 2011, Smith and co-workers reported that lenalidomide blocks cereblon activity in T cells.',
      'The authors concluded that apremilast is a thalidomide-class immunomodulator.',
      'A 2010 study found that thalidomide inhibits the ligase activity of cereblon.',
      'According to a 2004 review, the mechanism of action of thalidomide is unknown.',
    ]) {
      assert.deepEqual(ids(claims(s)), [], s);
    }
    // without a date a factive verb is the writer's own claim; "it should be noted that" reports nothing
    assert.deepEqual(ids(claims('Recent studies show that lenalidomide inhibits cereblon.')), ['imid-inhibits-cereblon']);
    assert.deepEqual(ids(claims('Later work found that pomalidomide blocks cereblon.')), ['imid-inhibits-cereblon']);
    assert.deepEqual(ids(claims('It should be noted that lenalidomide is the only approved IMiD.')), ['lenalidomide-only-approved-imid']);
    const s = 'In 2010, Ito and colleagues reported that thalidomide inhibits cereblon.';
    assert.ok(isHedged({ sentence: s, matchStart: s.indexOf('thalidomide'), matchEnd: s.length - 1 }));
  });

  test('markup inside a claim: emphasis in list items, LaTeX commands in stereodescriptors and brand names', () => {
    assert.deepEqual(ids(claims('Oral agents:\n\n- **Otezla**: an IMiD taken twice daily\n- **Acitretin**: a retinoid\n')), ['apremilast-not-imid']);
    const tex = '\\begin{document}\nGiving (\\textit{R})-thalidomide alone would prevent the embryopathy.\n\\end{document}';
    const [f] = claims(tex, 'latex');
    assert.equal(f?.ruleId, 'thalidomide-enantiomer-safe');
    const rw = f.fixes.find((x) => x.kind === 'rewrite')!;
    assert.match(rw.edits[0].newText, /^\(R\)-thalidomide alone would not prevent/, 'no blanks left inside the brackets');
    const brand = '\\begin{document}\nLenalidomide (Revlimid\\textsuperscript{\\textregistered}, Celgene) is continued until progression.\n\\end{document}';
    assert.deepEqual(ids(claims(brand, 'latex')), ['celgene-current-maker']);
  });

  test('quotations: straight and curly quotes, LaTeX ``...\'\', quote environments, block quotes', () => {
    assert.deepEqual(ids(claims('The 2011 protocol says "pomalidomide is investigational" on page 3.')), []);
    assert.deepEqual(ids(claims('The abstract called it \u201capremilast, a third-generation IMiD,\u201d in passing.')), []);
    assert.deepEqual(ids(claims('\\begin{document}\nA reviewer wrote ``lenalidomide inhibits cereblon\'\' in 2012.\n\\end{document}', 'latex')), []);
    assert.deepEqual(ids(claims('\\begin{document}\n\\begin{quote}\nLenalidomide inhibits cereblon.\n\\end{quote}\n\\end{document}', 'latex')), []);
    assert.deepEqual(ids(claims('> Lenalidomide inhibits cereblon.')), []);
  });

  test('code, math, URLs and comments are never checked', () => {
    assert.deepEqual(ids(claims('Run `lenalidomide inhibits cereblon` or see https://example.org/lenalidomide-inhibits-cereblon.')), []);
    assert.deepEqual(ids(claims('\\begin{document}\n% Lenalidomide inhibits cereblon.\n$\\mathrm{lenalidomide\\ inhibits\\ cereblon}$\n\\end{document}', 'latex')), []);
  });

  test('one finding per stretch of text within a family (the more specific rule wins)', () => {
    assert.deepEqual(ids(claims('Lenalidomide is a cereblon inhibitor.')), ['imid-inhibits-cereblon']);
    assert.deepEqual(ids(claims('The mechanism by which thalidomide causes limb defects is unknown.')), ['teratogenicity-mechanism-unknown']);
  });

  test('a rewrite written for another pattern of the rule is not offered', () => {
    const m = /(?<pre>a)(?<obj>b)/.exec('ab')!;
    assert.ok(templateFits('$<pre>x$<obj>', m));
    assert.ok(!templateFits('$<pre>x$<post>', m));
  });

  test('apremilast\'s label wording "not well defined" is never flagged', () => {
    for (const s of ['The specific mechanism by which apremilast exerts its therapeutic action is not well defined.', 'The mechanism of action of apremilast in Behçet\'s disease is not well defined.', 'Otezla\'s mechanism of action is not well defined.']) {
      assert.deepEqual(ids(claims(s)), [], s);
    }
  });
});

describe('name rules and fix-all', () => {
  test('outdated names become the INN or current name; fix-all is idempotent and keeps CRLF', () => {
    const text = 'CC-4047 was compared with CC-5013.\r\nPatients enrolled in RevAssist and received CC-92480.\r\nApremilast is an IMiD.\r\n';
    const once = fixText(text, 'markdown', engine());
    assert.equal(once.text, 'Pomalidomide was compared with lenalidomide.\r\nPatients enrolled in Lenalidomide REMS and received mezigdomide.\r\nApremilast is an IMiD.\r\n');
    assert.equal(fixText(once.text, 'markdown', engine()).text, once.text, 'a second pass changes nothing');
  });

  test('a name followed by a protocol suffix, next to its INN, or in a historical sentence stays', () => {
    for (const s of ['Study CC-5013-MM-009 enrolled 353 patients.', 'Lenalidomide (CC-5013) was given.', 'In 2001, CC-4047 entered phase 1.', 'The CC-220-SLE-001 study enrolled 288 patients.']) {
      assert.deepEqual(ids(lintAs(s).findings), [], s);
    }
    assert.deepEqual(ids(lintAs('CC-5013-treated cells died.').findings), ['lenalidomide-research-code']);
  });

  test('"S.T.E.P.S." at the end of a sentence keeps the full stop', () => {
    const text = 'Thalidomide is dispensed through S.T.E.P.S.';
    assert.equal(fixText(text, 'markdown', engine()).text, 'Thalidomide is dispensed through THALOMID REMS.');
    const mid = 'Enrol in S.T.E.P.S. before prescribing thalidomide.';
    assert.equal(fixText(mid, 'markdown', engine()).text, 'Enrol in THALOMID REMS before prescribing thalidomide.');
  });

  test('the lexical fix is preferred; claims are left to the writer', () => {
    const r = lintAs('CC-5013 inhibits cereblon.');
    const name = r.findings.find((f) => f.ruleId === 'lenalidomide-research-code')!;
    assert.ok(name.fixes[0].isPreferred);
    const claim = r.findings.find((f) => f.ruleId === 'imid-inhibits-cereblon')!;
    assert.ok(claim.fixes.every((x) => !x.isPreferred));
    assert.equal(fixText('CC-5013 inhibits cereblon.', 'markdown', engine()).text, 'Lenalidomide inhibits cereblon.');
  });
});

describe('disable comments on claim rules', () => {
  test('Markdown, LaTeX and plain text, with the reason kept', () => {
    const md = '<!-- imid-lens-disable-next-line apremilast-not-imid -- quoting the 2012 review -->\nApremilast is an IMiD.\nLenalidomide inhibits cereblon.';
    const r = lintAs(md);
    assert.deepEqual(ids(r.findings.filter((f) => claimIds().has(f.ruleId))), ['imid-inhibits-cereblon']);
    assert.equal(r.suppressed.length, 1);
    assert.equal(r.suppressed[0].directive.reason, 'quoting the 2012 review');
    const tex = '\\begin{document}\n% imid-lens-disable-next-line imid-inhibits-cereblon -- historical figure legend\nLenalidomide inhibits cereblon.\n\\end{document}';
    const t = lintAs(tex, 'latex');
    assert.deepEqual(ids(t.findings), []);
    assert.equal(t.suppressed[0].directive.reason, 'historical figure legend');
    const txt = 'imid-lens-disable-next-line celgene-current-maker\nRevlimid is marketed by Celgene.\nRevlimid is marketed by Celgene.';
    assert.deepEqual(ids(lintAs(txt, 'plaintext').findings), ['celgene-current-maker']);
  });
});

describe('per-rule time budget (injected clock)', () => {
  const fiveClaims = Array.from({ length: 5 }, (_, i) => `Paragraph ${i + 1}: apremilast is an IMiD.`).join('\n\n');

  test('a rule that exceeds its budget is skipped for the rest of the document and reported once', () => {
    let t = 0;
    // every clock reading advances 1 ms: each evaluation of a rule on a sentence costs 1 ms (the first, which compiles, is free)
    const e = createEngine({ data: bundledData, clock: () => t++, ruleBudget: { baseMs: 2.5, msPerKb: 0, scope: 'all' } });
    const r = lint(new TextDocument('file:///slow.md', fiveClaims, 1, 'markdown'), { engine: e, languageId: 'markdown' });
    assert.equal(r.findings.filter((f) => f.ruleId === 'apremilast-not-imid').length, 4, 'evaluated on sentences 1-4 (1 free + 3 ms), skipped on 5');
    const budget = r.findings.filter((f) => f.ruleId === 'rule-time-budget');
    const rules = budget.map((f) => String(f.data?.rule));
    assert.ok(rules.includes('apremilast-not-imid'));
    assert.equal(new Set(rules).size, rules.length, 'each rule reported once');
    const one = budget.find((f) => f.data?.rule === 'apremilast-not-imid')!;
    assert.equal(one.range.start.line, 6, 'reported where it ran out (fourth paragraph)');
    assert.match(one.message, /apremilast-not-imid.*3 ms.*budget 3 ms/);
  });

  test('bundled rules are not timed by default (a busy machine never makes findings vanish); the report can be turned off', () => {
    assert.ok(Math.abs(engine().clock() - Date.now()) < 1000, 'the default clock is Date.now');
    assert.equal(lintAs(fiveClaims).findings.filter((f) => f.ruleId === 'apremilast-not-imid').length, 5);
    let t = 0;
    const slow = createEngine({ data: bundledData, clock: () => (t += 1000) });
    const all = lint(new TextDocument('file:///x.md', fiveClaims, 1, 'markdown'), { engine: slow, languageId: 'markdown' });
    assert.equal(all.findings.filter((f) => f.ruleId === 'apremilast-not-imid').length, 5, 'bundled rules keep running');
    assert.deepEqual(all.findings.filter((f) => f.ruleId === 'rule-time-budget'), []);
    const e = createEngine({ data: bundledData, clock: () => (t += 1000), ruleOverrides: { 'rule-time-budget': 'off' }, ruleBudget: { scope: 'all' } });
    const r = lint(new TextDocument('file:///x.md', fiveClaims, 1, 'markdown'), { engine: e, languageId: 'markdown' });
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'rule-time-budget'), []);
    assert.equal(r.findings.filter((f) => f.ruleId === 'apremilast-not-imid').length, 2, 'still skipped after the second sentence');
  });

  test('a slow user rule is cut off while bundled rules keep their own budgets', () => {
    const cfg = parseConfig(JSON.stringify({ claims: [{ id: 'house-style-otezla', message: 'Write the INN first.', subject: ['apremilast'], patterns: ['Otezla(?= )'] }] }), '.imid-lens.json');
    const text = Array.from({ length: 6 }, () => 'Otezla is taken twice daily.').join(' ');
    let t = 0;
    const e = createEngine({ data: bundledData, config: cfg, clock: () => t, ruleBudget: { baseMs: 120, msPerKb: 0 } });
    // make only the user rule slow: each run of its pattern moves the clock on by 50 ms
    const user = e.rules.find((r) => r.rule.id === 'house-style-otezla')!;
    const re = user.patterns[0];
    const exec = re.exec.bind(re);
    re.exec = (s: string) => {
      t += 50;
      return exec(s);
    };
    const r = lint(new TextDocument('file:///u.md', text, 1, 'markdown'), { engine: e, languageId: 'markdown' });
    const hits = r.findings.filter((f) => f.ruleId === 'house-style-otezla').length;
    assert.equal(hits, 3, 'three sentences (the first free, then 2 x 100 ms > 120 ms), then skipped');
    assert.equal(r.findings.filter((f) => f.ruleId === 'apremilast-approval-status' || f.ruleId === 'otezla-not-celgene').length, 0);
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'rule-time-budget').map((f) => f.data?.rule), ['house-style-otezla']);
  });

  test('RuleBudget scales with the document and reports the first overrun only', () => {
    const b = RuleBudget.forDocument(() => 0, 10 * 1024, { baseMs: 100, msPerKb: 2 });
    assert.equal(b.limitMs, 120);
    b.charge('r', 100, { start: 0, end: 1 });
    assert.ok(!b.isOver('r'));
    b.charge('r', 30, { start: 5, end: 6 });
    b.charge('r', 30, { start: 9, end: 10 });
    assert.ok(b.isOver('r'));
    assert.deepEqual(b.exceeded, [{ ruleId: 'r', spentMs: 130, start: 5, end: 6 }]);
  });

  test('bundled rules stay well within the default budget on a long manuscript', () => {
    const para = 'Lenalidomide (Revlimid) and pomalidomide bind cereblon and degrade IKZF1 and IKZF3 [@kronke2014]. Apremilast inhibits PDE4 and raises cAMP. Thalidomide was approved in 1998 for ENL.\n\n';
    const text = para.repeat(400); // ~80 KB
    const t0 = Date.now();
    const r = lintAs(text);
    assert.ok(Date.now() - t0 < 5000);
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'rule-time-budget'), []);
    assert.deepEqual(r.findings.filter((f) => claimIds().has(f.ruleId)), []);
  });
});

test('the default engine compiles every bundled rule, and the user config can switch families off', () => {
  const cfg = parseConfig(JSON.stringify({ rules: { 'imid-inhibits-cereblon': 'off', 'imid-generation-label': 'error' } }), '.imid-lens.json');
  const e = bundledEngine(cfg);
  const r = lint(new TextDocument('u', 'Lenalidomide inhibits cereblon. Pomalidomide is a third-generation IMiD.', 1, 'markdown'), { engine: e, languageId: 'markdown' });
  assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity]), [['imid-generation-label', 'error']]);
});
