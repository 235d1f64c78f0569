// The assistant tools' core (src/core/assist.ts): what VS Code's language model tools and the
// MCP server answer, and how they refuse bad input.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import {
  AssistInputError,
  CHECK_INPUT_SCHEMA,
  LOOKUP_INPUT_SCHEMA,
  MAX_PASSAGE_LENGTH,
  checkPassage,
  describeFindings,
  formatPassageReport,
  formatRuleSummaries,
  lookupTerm,
  parseAsOf,
  parseCheckInput,
  parseLookupInput,
  ruleSummaries,
} from '../../src/core/index';
import { engine, lintAs } from './util';

describe('checkPassage', () => {
  test('an outdated claim: rule, message, fact, rewrite and references with DOI and PMID', () => {
    const report = checkPassage(engine(), 'Lenalidomide inhibits cereblon in myeloma cells.');
    const f = report.findings.find((x) => x.ruleId === 'imid-inhibits-cereblon');
    assert.ok(f, JSON.stringify(report));
    assert.equal(f.line, 1);
    assert.equal(f.column, 1);
    assert.equal(f.excerpt, 'Lenalidomide inhibits cereblon');
    assert.match(f.fact ?? '', /molecular glue/);
    assert.ok(f.rewrites.some((r) => r.before === 'Lenalidomide inhibits cereblon' && r.after === 'Lenalidomide binds cereblon'), JSON.stringify(f.rewrites));
    const kronke = f.references.find((r) => r.key === 'kronke2014');
    assert.deepEqual(kronke && { doi: kronke.doi, pmid: kronke.pmid }, { doi: '10.1126/science.1244851', pmid: '24292625' });
    assert.match(kronke!.label, /^Krönke et al\. \(2014\)\. Lenalidomide causes selective degradation/);
    const text = formatPassageReport(report);
    assert.match(text, /^IMiD Lens checked the passage \(markdown; facts as of today or the document's own date\): 1 finding\./);
    assert.match(text, /^1\. warning imid-inhibits-cereblon at line 1, column 1: "Lenalidomide inhibits cereblon"$/m);
    assert.match(text, /^ {3}Fact: Papers from 2010 to 2013/m);
    assert.match(text, /^ {3}Suggested rewrite \(Rewrite as "Lenalidomide binds cereblon"\): "Lenalidomide inhibits cereblon" -> "Lenalidomide binds cereblon"$/m);
    assert.match(text, /kronke2014: Krönke et al\. \(2014\)\. .* doi:10\.1126\/science\.1244851 PMID 24292625/);
  });

  test('a misspelled name gets its correction; columns are UTF-16 code units on the right line', () => {
    const report = checkPassage(engine(), 'Intro 😀 line.\nEarly studies of lenolidomide in myeloma.', { languageId: 'plaintext' });
    const f = report.findings.find((x) => x.ruleId === 'misspelled-name');
    assert.ok(f);
    assert.deepEqual([f.line, f.column, f.excerpt], [2, 18, 'lenolidomide']);
    assert.deepEqual(f.rewrites.map((r) => [r.before, r.after]), [['lenolidomide', 'lenalidomide']]);
    assert.equal(report.languageId, 'plaintext');
  });

  test('a clean passage: no findings, and the text says so', () => {
    const report = checkPassage(engine(), 'Lenalidomide binds cereblon and redirects CRL4^CRBN to degrade IKZF1 and IKZF3.');
    assert.deepEqual(report.findings, []);
    assert.match(formatPassageReport(report), /: no findings\.\nNo outdated claims/);
  });

  test('asOf: a claim true at that date is not flagged; the report names the date', () => {
    const claim = 'Revlimid is marketed by Celgene.';
    assert.ok(checkPassage(engine(), claim).findings.some((f) => f.ruleId === 'celgene-current-maker'));
    const then = checkPassage(engine(), claim, { asOf: parseAsOf('2015-06-01')! });
    assert.deepEqual(then.findings, []);
    assert.equal(then.asOf, '2015-06-01');
    assert.match(formatPassageReport(then), /facts as of 2015-06-01\): no findings/);
    assert.equal(engine().asOf, undefined, 'the shared engine is not changed');
  });

  test('Markdown is read as Markdown: code is not prose', () => {
    assert.deepEqual(checkPassage(engine(), '`Lenalidomide inhibits cereblon.`').findings, []);
  });

  test('describeFindings reports an existing lint result (the editor\'s cached one) the same way', () => {
    const text = 'Lenalidomide inhibits cereblon.';
    const viaLint = describeFindings(engine().db, text, lintAs(text).findings, { languageId: 'markdown' });
    assert.deepEqual(viaLint, checkPassage(engine(), text));
  });

  test('many findings: 50 listed in full, the rest counted', () => {
    const text = Array.from({ length: 60 }, () => 'Early studies of lenolidomide.').join('\n\n');
    const out = formatPassageReport(checkPassage(engine(), text));
    assert.match(out, /: 60 findings\./);
    assert.match(out, /^50\. warning misspelled-name/m);
    assert.doesNotMatch(out, /^51\. /m);
    assert.match(out, /10 more findings are not listed/);
  });
});

describe('lookupTerm', () => {
  test('a research code: the card of the drug it stands for, as explain --format markdown prints it', () => {
    const r = lookupTerm(engine().db, 'cc5013');
    assert.ok(r.found);
    assert.equal(r.termId, 'lenalidomide');
    assert.match(r.markdown, /^### lenalidomide · drug$/m);
    assert.match(r.markdown, /\*\*CC-5013\*\* is a research code of \*\*lenalidomide\*\*/);
    assert.doesNotMatch(r.markdown, /command:/, 'no editor command links');
    assert.ok(r.references.some((x) => x.key === 'kronke2014' && x.pmid === '24292625'));
  });

  test('an unknown name: "did you mean" suggestions; no suggestion for an unrelated word', () => {
    const r = lookupTerm(engine().db, 'Revlimd');
    assert.equal(r.found, false);
    assert.ok(!r.found && r.suggestions.includes('Revlimid'), JSON.stringify(r));
    assert.match(!r.found ? r.text : '', /"Revlimd" is not in the IMiD Lens term database.*Did you mean: Revlimid/);
    const none = lookupTerm(engine().db, 'xyzzy');
    assert.ok(!none.found && none.suggestions.length === 0 && /No similar name was found/.test(none.text));
  });

  test('full: the term sheet', () => {
    const short = lookupTerm(engine().db, 'lenalidomide');
    const full = lookupTerm(engine().db, 'lenalidomide', { full: true });
    assert.ok(short.found && full.found && full.markdown.length > short.markdown.length);
  });
});

describe('rules', () => {
  test('every rule once, with family, severity and a description without placeholders', () => {
    const rules = ruleSummaries(engine());
    assert.equal(rules.length, engine().ruleIds.length);
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
    const r = rules.find((x) => x.id === 'imid-inhibits-cereblon');
    assert.deepEqual(r && [r.family, r.severity], ['cereblon-mechanism', 'warning']);
    assert.ok(rules.every((x) => x.description && !/\{[a-z]+\}/i.test(x.description)), 'templates are filled');
    const text = formatRuleSummaries(rules);
    assert.match(text, /^\d+ rules in \d+ families/);
    assert.match(text, /^- imid-inhibits-cereblon \[warning\]: IMiDs and CELMoDs do not inhibit cereblon/m);
  });
});

describe('tool input', () => {
  const bad = (input: unknown, re: RegExp, requireText = false) =>
    assert.throws(() => parseCheckInput(input, { requireText }), (e: unknown) => e instanceof AssistInputError && re.test((e as Error).message));

  test('check: valid input', () => {
    assert.deepEqual(parseCheckInput({ text: 'x', languageId: 'latex', asOf: '2019-11' }), { text: 'x', languageId: 'latex', asOf: { text: '2019-11', ms: Date.UTC(2019, 10, 1) } });
    assert.deepEqual(parseCheckInput({}), {}, 'no text: the active document');
    assert.deepEqual(parseCheckInput(undefined), {});
  });

  test('check: every kind of bad input gets a message naming the field', () => {
    bad('Lenalidomide', /must be an object/);
    bad([], /must be an object/);
    bad({ text: 3 }, /"text" must be a string/);
    bad({ text: '  ' }, /"text" is empty/);
    bad({}, /"text" is required/, true);
    bad({ text: 'x'.repeat(MAX_PASSAGE_LENGTH + 1) }, /too long/);
    bad({ text: 'x', languageId: 'docx' }, /"languageId" must be one of markdown, latex, plaintext, quarto, rmd \(got "docx"\)/);
    bad({ text: 'x', asOf: '2021-02-30' }, /"asOf" must be a date/);
    bad({ text: 'x', asOf: 2020 }, /"asOf" must be a date/);
    bad({ text: 'x', passage: 'y' }, /unknown field "passage": the fields are "text", "languageId", "asOf"/);
  });

  test('look-up: valid and bad input', () => {
    assert.equal(parseLookupInput({ name: ' Revlimid ' }), 'Revlimid');
    for (const [input, re] of [[{}, /"name" is required/], [{ name: '' }, /"name" is empty/], [{ name: 5 }, /"name" must be a string/], [{ name: 'x', q: 1 }, /unknown field "q"/], [null, /must be an object/], [{ name: 'x'.repeat(201) }, /too long/]] as const) {
      assert.throws(() => parseLookupInput(input), (e: unknown) => e instanceof AssistInputError && re.test((e as Error).message));
    }
  });

  test('the JSON schemas match the parsers: the same fields, closed', () => {
    assert.deepEqual(Object.keys(CHECK_INPUT_SCHEMA.properties), ['text', 'languageId', 'asOf']);
    assert.deepEqual(Object.keys(LOOKUP_INPUT_SCHEMA.properties), ['name']);
    assert.equal(CHECK_INPUT_SCHEMA.additionalProperties, false);
    assert.equal(LOOKUP_INPUT_SCHEMA.additionalProperties, false);
    const re = new RegExp(CHECK_INPUT_SCHEMA.properties.asOf.pattern);
    for (const s of ['2020', '2020-01', '2020-01-31']) assert.ok(re.test(s) && parseAsOf(s) !== undefined, s);
  });

  test('package.json declares the language model tools with these schemas and names VS Code accepts', () => {
    const tools = JSON.parse(fs.readFileSync('package.json', 'utf8')).contributes.languageModelTools as Array<{ name: string; toolReferenceName: string; inputSchema: unknown; modelDescription: string }>;
    assert.deepEqual(tools.map((t) => t.name), ['imid-lens_check_text', 'imid-lens_lookup_term']);
    assert.deepEqual(tools.map((t) => t.inputSchema), [JSON.parse(JSON.stringify(CHECK_INPUT_SCHEMA)), JSON.parse(JSON.stringify(LOOKUP_INPUT_SCHEMA))]);
    // VS Code: /^[\w-]+$/, not copilot_ or vscode_; OpenAI-style function names: at most 64 of [A-Za-z0-9_-]
    for (const t of tools) {
      assert.match(t.name, /^(?!copilot_|vscode_)[\w-]{1,64}$/);
      assert.match(t.toolReferenceName, /^[\w-]+$/);
      assert.ok(t.modelDescription.length > 200, 'the model is told when to use the tool');
    }
  });
});
