// The lint pipeline: ranges, directives, fixes, context guards, configuration.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument, bundledEngine, fixText, ignoreEdit, lint, parseConfig, applyEdits } from '../../src/core/index';
import { engine, ids, lintAs } from './util';

test('ranges are UTF-16 columns after µ, ≥, Greek letters and an emoji, on CRLF lines', () => {
  const text = 'Dose ≥10 µg, α and 😀.\r\nThen lenolidomide was given.\r\n';
  const [f] = lintAs(text).findings;
  assert.equal(f.ruleId, 'misspelled-name');
  assert.deepEqual(f.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 17 } });
});

test('fix-all keeps CRLF line endings and is idempotent', () => {
  const text = 'lenolidomide and pomalidamide.\r\nApremilast is an IMiD.\r\n';
  const once = fixText(text, 'markdown', engine());
  assert.equal(once.text, 'lenalidomide and pomalidomide.\r\nApremilast is an IMiD.\r\n', 'semantic claims are untouched');
  const twice = fixText(once.text, 'markdown', engine());
  assert.equal(twice.text, once.text);
  assert.equal(twice.applied, 0);
});

test('disable-next-line, disable-line and disable/enable blocks, with reasons kept', () => {
  const text = [
    '<!-- imid-lens-disable-next-line misspelled-name -- as spelled in the 2003 source -->',
    'lenolidomide one.',
    'lenolidomide two. <!-- imid-lens-disable-line -->',
    '<!-- imid-lens-disable apremilast-not-imid -->',
    'Apremilast is an IMiD.',
    '<!-- imid-lens-enable -->',
    'Apremilast is an IMiD.',
    'lenolidomide three.',
  ].join('\n');
  const r = lintAs(text);
  assert.deepEqual(r.findings.map((f) => [f.ruleId, f.range.start.line]), [['apremilast-not-imid', 6], ['misspelled-name', 7]]);
  assert.equal(r.suppressed.length, 3);
  assert.equal(r.suppressed[0].directive.reason, 'as spelled in the 2003 source');
});

test('a directive naming an unknown rule is itself reported', () => {
  const r = lintAs('<!-- imid-lens-disable-next-line no-such-rule -->\nlenolidomide');
  assert.deepEqual(ids(r.findings).sort(), ['misspelled-name', 'unknown-rule-in-directive']);
});

test('"Ignore here" inserts a directive that silences exactly that finding', () => {
  for (const [lang, text] of [['markdown', 'Intro line.\nApremilast is an IMiD.'], ['markdown', 'Apremilast is an IMiD.'], ['latex', '\\begin{document}\nApremilast is an IMiD.\n\\end{document}'], ['plaintext', 'x\n\nApremilast is an IMiD.']] as const) {
    const f = lintAs(text, lang).findings.find((x) => x.ruleId === 'apremilast-not-imid')!;
    assert.ok(f, `${lang}: finding`);
    const e = ignoreEdit(text, lang === 'latex' ? 'latex' : lang === 'plaintext' ? 'plaintext' : 'markdown', f.start, f.ruleId);
    const after = applyEdits(text, [e]).text;
    const r = lintAs(after, lang);
    assert.ok(!r.findings.some((x) => x.ruleId === 'apremilast-not-imid'), `${lang}: silenced in ${JSON.stringify(after)}`);
    assert.equal(r.suppressed.length, 1);
  }
});

test('"Ignore here" in the middle of a Markdown paragraph does not split the paragraph', () => {
  const text = 'First line of a paragraph.\nApremilast is an IMiD.';
  const f = lintAs(text).findings[0];
  const e = ignoreEdit(text, 'markdown', f.start, f.ruleId);
  assert.equal(applyEdits(text, [e]).text, 'First line of a paragraph.\nApremilast is an IMiD. <!-- imid-lens-disable-line apremilast-not-imid -->');
});

test('claims: negation, history, hedging and quotation are not flagged', () => {
  for (const text of [
    'Apremilast is not an IMiD.',
    'Apremilast was incorrectly called an IMiD in 2012.',
    'In 2012, apremilast was described as an IMiD.',
    'Apremilast was thought to be an IMiD.',
    'A reviewer wrote that "apremilast is an IMiD".',
    '> Apremilast is an IMiD.',
  ]) {
    assert.deepEqual(ids(lintAs(text).findings), [], text);
  }
});

test('the rewrite keeps the citation inside the claim', () => {
  const text = 'Apremilast [@vallet2012] is an IMiD used in psoriasis.';
  const f = lintAs(text).findings.find((x) => x.ruleId === 'apremilast-not-imid')!;
  const rw = f.fixes.find((x) => x.kind === 'rewrite')!;
  assert.equal(rw.edits[0].newText, 'Apremilast is a phosphodiesterase-4 (PDE4) inhibitor [@vallet2012]');
});

test('"Add citation for the evidence" uses the document\'s syntax', () => {
  const md = lintAs('Apremilast is an IMiD.').findings[0];
  const cite = md.fixes.find((x) => x.kind === 'citation')!;
  assert.match(cite.edits[0].newText, /^ \[@schafer2014; @letter2012apremilast; @label-otezla-us\]$/);
  const tex = lintAs('\\begin{document}\nApremilast is an IMiD.\n\\end{document}', 'latex').findings[0];
  assert.match(tex.fixes.find((x) => x.kind === 'citation')!.edits[0].newText, /^~\\cite\{schafer2014,letter2012apremilast,label-otezla-us\}$/);
});

test('configuration: severities, "off", user terms and rules; problems carry their line', () => {
  const cfg = parseConfig(JSON.stringify({
    rules: { 'misspelled-name': 'error', 'apremilast-not-imid': 'off' },
    terms: [{ id: 'xy-123', preferredName: 'zetamide', codes: ['XY-123'], misspellings: ['zetamid'] }],
    claims: [{ id: 'zetamide-not-approved', message: 'Zetamide is investigational.', subject: ['xy-123'], patterns: ['{subject} is approved'], examples: { invalid: ['Zetamide is approved for myeloma.'], valid: ['Zetamide is investigational.'] } }],
  }, null, 2), '.imid-lens.json');
  assert.deepEqual(cfg.problems, []);
  const e = bundledEngine(cfg);
  assert.deepEqual(e.configProblems, []);
  const r = lint(new TextDocument('u', 'lenolidomide. Apremilast is an IMiD. XY-123 is approved. zetamid.', 1, 'markdown'), { engine: e, languageId: 'markdown' });
  assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity]), [['misspelled-name', 'error'], ['zetamide-not-approved', 'warning'], ['misspelled-name', 'error']]);
});

test('configuration: invalid JSON and schema errors give a line; the defaults keep working', () => {
  const bad = parseConfig('{\n  "rules": {\n    "misspelled-name": "loud"\n  }\n}', 'cfg.json');
  assert.equal(bad.problems.length, 1);
  assert.equal(bad.problems[0].line, 2);
  assert.match(bad.problems[0].message, /must be equal to one of the allowed values/);
  const broken = parseConfig('{ "rules": ', 'cfg.json');
  assert.ok(broken.problems.length >= 1);
  const e = bundledEngine(broken);
  assert.deepEqual(ids(lint(new TextDocument('u', 'lenolidomide', 1, 'markdown'), { engine: e, languageId: 'markdown' }).findings), ['misspelled-name']);
});

test('configuration: a catastrophic-backtracking pattern is rejected with the rule named', () => {
  const cfg = parseConfig(JSON.stringify({ claims: [{ id: 'slow-rule', message: 'x x x', subject: ['apremilast'], patterns: ['{subject} (a+)+b'] }] }), 'c.json');
  const e = bundledEngine(cfg);
  assert.equal(e.configProblems.length, 1);
  assert.match(e.configProblems[0].message, /slow-rule/);
  assert.match(e.configProblems[0].message, /nested quantifiers/);
  assert.ok(!e.rules.some((r) => r.rule.id === 'slow-rule'));
});

test('configuration: a user rule whose examples fail is reported', () => {
  const cfg = parseConfig(JSON.stringify({ claims: [{ id: 'bad-examples', message: 'x x x', subject: ['apremilast'], patterns: ['{subject} is green'], examples: { invalid: ['Apremilast is blue.'] } }] }), 'c.json');
  const e = bundledEngine(cfg);
  assert.match(e.configProblems.map((p) => p.message).join('\n'), /invalid example is not flagged/);
});

test('empty, whitespace-only and binary-ish text give no crash', () => {
  for (const lang of ['markdown', 'latex', 'plaintext']) {
    for (const text of ['', ' \n\n ', '\u0000\u0001\u0002lenolidomide\ufffd', '\r\r\r', '😀'.repeat(100)]) {
      assert.doesNotThrow(() => lintAs(text, lang));
    }
  }
});

test('a finding limit: the first N findings in document order, one note where checking stopped, nothing after it', () => {
  const e = engine();
  const para = 'Apremilast is an IMiD. Lenolidomide is given with CC-5013. Pomalidamide too.\n\n';
  const text = para.repeat(50);
  const doc = () => new TextDocument('file:///x.md', text, 1, 'markdown');
  const all = lint(doc(), { engine: e, languageId: 'markdown' });
  assert.ok(all.findings.length > 100 && !all.truncated);
  const cut = lint(doc(), { engine: e, languageId: 'markdown', maxFindings: 25 });
  assert.equal(cut.truncated, true);
  const note = cut.findings[cut.findings.length - 1];
  assert.equal(note.ruleId, 'too-many-problems');
  assert.equal(note.severity, 'information');
  assert.match(note.message, /stopped checking here after 25 problems \(setting imidLens\.maxProblems\)/);
  const kept = cut.findings.slice(0, -1);
  assert.ok(kept.length <= 25 && kept.length >= 20, String(kept.length));
  assert.deepEqual(kept, all.findings.slice(0, kept.length), 'the same findings as without a limit, in order');
  assert.ok(kept.every((f) => f.range.start.line <= note.range.start.line));
  // a limit the document does not reach changes nothing
  assert.deepEqual(lint(doc(), { engine: e, languageId: 'markdown', maxFindings: 10_000 }).findings, all.findings);
  // the note can be turned off like any rule
  const quiet = lint(doc(), { engine: bundledEngine(undefined, { 'too-many-problems': 'off' }), languageId: 'markdown', maxFindings: 25 });
  assert.ok(quiet.truncated && quiet.findings.every((f) => f.ruleId !== 'too-many-problems'));
});

test('a finding limit bounds the work on a dense pathological line (a finding every few words)', () => {
  const chunk = 'lenolidomide and apremilast is an IMiD, and CC-5013, ';
  const text = chunk.repeat(Math.ceil(2e6 / chunk.length));
  const e = engine();
  // count the claim-rule evaluations: with the limit, only the stretch before the cut is checked
  const r = lint(new TextDocument('file:///l.txt', text, 1, 'plaintext'), { engine: e, languageId: 'plaintext', maxFindings: 1000 });
  assert.equal(r.truncated, true);
  const last = r.findings[r.findings.length - 1];
  assert.equal(last.ruleId, 'too-many-problems');
  assert.ok(last.range.start.character < text.length / 10, `stopped at ${last.range.start.character} of ${text.length}`);
  assert.ok(r.findings.length <= 1001);
});

test('a 5 MB single line lints (no sentence boundaries at all)', () => {
  const chunk = 'apremilast is an IMiD and lenolidomide plus words without any stop ';
  const text = chunk.repeat(Math.ceil(5e6 / chunk.length));
  const r = lintAs(text, 'plaintext');
  assert.ok(r.findings.length > 1000);
  assert.ok(r.findings.every((f) => f.range.start.line === 0));
});
