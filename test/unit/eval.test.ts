// The labelled corpus (test/fixtures/claims/corpus.json) as a test: precision and recall of the
// claim rules, per family and overall, must stay at or above the target; the corpus itself is
// checked (size, labels, independence from the rules' own examples).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import corpusJson from '../fixtures/claims/corpus.json';
import { bundledData } from '../../src/core/index';
import { type Corpus, TARGET, evaluate, expectedOf, formatReport, precision, recall } from '../eval/evaluate';
import { engine } from './util';

const corpus = corpusJson as Corpus;

describe('claim corpus', () => {
  test('is large enough: >= 150 sentences, >= 50 to flag, >= 80 look-alikes of every kind', () => {
    const flagged = corpus.sentences.filter((e) => expectedOf(e).length > 0);
    const lookalikes = corpus.sentences.filter((e) => expectedOf(e).length === 0);
    assert.ok(corpus.sentences.length >= 150, `${corpus.sentences.length} sentences`);
    assert.ok(flagged.length >= 50, `${flagged.length} to flag`);
    assert.ok(lookalikes.length >= 80, `${lookalikes.length} look-alikes`);
    const kinds = new Set(lookalikes.map((e) => e.kind));
    for (const k of ['negation', 'historical', 'hedged', 'quoted', 'correct', 'correct-inhibit', 'dated-news']) assert.ok(kinds.has(k), `look-alikes of kind ${k}`);
  });

  test('labels name existing rules of the entry\'s family; ids are unique', () => {
    const e = engine();
    const familyOf = new Map(e.rules.map((r) => [r.rule.id, r.family] as const));
    const ids = new Set<string>();
    for (const s of corpus.sentences) {
      assert.ok(!ids.has(s.id), `duplicate id ${s.id}`);
      ids.add(s.id);
      for (const id of expectedOf(s)) {
        assert.ok(familyOf.has(id), `${s.id}: unknown rule ${id}`);
        assert.equal(familyOf.get(id), s.family, `${s.id}: ${id} is not in family ${s.family}`);
      }
      assert.equal(expectedOf(s).length > 0, s.kind === 'claim', `${s.id}: kind "claim" exactly when a rule is expected`);
    }
    const families = new Set(bundledData.claims.map((f) => f.family));
    for (const f of families) assert.ok(corpus.sentences.some((s) => s.family === f && expectedOf(s).length), `family ${f} has sentences to flag`);
  });

  test('is independent of the rules\' own examples (no sentence copied)', () => {
    const examples = new Set<string>();
    for (const f of bundledData.claims) for (const r of f.rules) {
      for (const x of r.examples.invalid) examples.add(x.text.trim());
      for (const x of r.examples.valid) examples.add(x.trim());
    }
    const copied = corpus.sentences.filter((s) => examples.has(s.text.trim())).map((s) => s.id);
    assert.deepEqual(copied, []);
  });

  test(`overall precision >= ${TARGET.precision} and recall >= ${TARGET.recall}`, () => {
    const r = evaluate(engine(), corpus);
    const report = formatReport(r);
    assert.ok(precision(r.overall) >= TARGET.precision, `precision ${precision(r.overall).toFixed(3)}\n${report}`);
    assert.ok(recall(r.overall) >= TARGET.recall, `recall ${recall(r.overall).toFixed(3)}\n${report}`);
  });

  test('every family keeps precision >= 0.9 and recall >= 0.8 on its own sentences', () => {
    const r = evaluate(engine(), corpus);
    for (const s of r.families) {
      assert.ok(precision(s) >= 0.9, `${s.family}: precision ${precision(s).toFixed(3)}\n${formatReport(r)}`);
      assert.ok(recall(s) >= 0.8, `${s.family}: recall ${recall(s).toFixed(3)}\n${formatReport(r)}`);
    }
  });
});

describe('real-register corpus (test/fixtures/claims/real.json), development part', () => {
  // Written in the registers of real text (abstracts, reviews, infoboxes, labels, press, news, blogs,
  // slides), blind to the rules; its "blind" part is evaluated once, by hand, and never here.
  test('precision >= 0.95 and recall >= 0.80 on the development part, as of 2026-12-01 (dated passages at their date)', async () => {
    const { evaluatePassages, passagePrecision, passageRecall, formatPassages } = await import('../eval/passages');
    const real = (await import('../fixtures/claims/real.json')).default as unknown as import('../eval/passages').PassageCorpus;
    const { createEngine } = await import('../../src/core/index');
    const engines = new Map<string, ReturnType<typeof createEngine>>();
    const engineAt = (date?: string) => {
      const key = date ?? '2026-12-01';
      let e = engines.get(key);
      if (!e) engines.set(key, (e = createEngine({ data: bundledData, asOf: Date.parse(key) })));
      return e;
    };
    assert.ok(real.passages.filter((p) => p.set === 'blind').length >= 30, 'the blind part is kept apart');
    const r = evaluatePassages(engineAt, real, { set: 'dev' });
    const report = formatPassages(r, { details: false });
    assert.ok(passagePrecision(r.overall) >= 0.95, report);
    assert.ok(passageRecall(r.overall) >= 0.8, report);
  });
});
