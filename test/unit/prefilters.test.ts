// The engine's exact pre-checks, which must never change what is found:
// - the claim rules' required words (src/core/rules/claims.ts requiredWords, src/core/rules/wordSet.ts):
//   a pattern is run only on a sentence that holds the words every match of it needs; checked for
//   every bundled pattern over every sentence of the claim corpora and the rules' own examples;
// - the scanner's barrier (src/core/scanner.ts barrierOf): a scan of a range reads the text only up
//   to the first character no surface form can hold after the range; checked against an unbounded scan.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import blind from '../fixtures/claims/blind.json';
import corpus from '../fixtures/claims/corpus.json';
import real from '../fixtures/claims/real.json';
import real2 from '../fixtures/claims/real2.json';
import { extractProse, scan } from '../../src/core/index';
import { meets, requiredWords } from '../../src/core/rules/claims';
import { barrierOf } from '../../src/core/scanner';
import { WordSet } from '../../src/core/rules/wordSet';
import { engine } from './util';

describe('required words of a pattern', () => {
  test('literal words are needed; optional parts, classes and negative lookarounds are not', () => {
    assert.deepEqual(requiredWords('{subject} is an? (?:oral )?tablets?'), [['tablet']]);
    assert.deepEqual(requiredWords('(?:tablet|capsule)s? (?!form)(?:of|for) (?:lenalidomide)?'), [['tablet', 'capsule']]);
    assert.deepEqual(requiredWords('(?:inhibitor|[Bb]locker)'), [['inhibitor', 'locker']], 'a class breaks a word');
    assert.deepEqual(requiredWords('(?:inhibitor|\\w+)'), [], 'a branch without a word makes the alternation need nothing');
    assert.deepEqual(requiredWords('(?:inhibitor|)'), [], 'an empty branch needs nothing');
    assert.deepEqual(requiredWords('(?<=approved )in\\s+1998'), [['approved'], ['1998']], 'a positive lookbehind needs its words in the sentence');
    assert.deepEqual(requiredWords('bind(?:s|ing)+ cereblon'), [['bind'], ['cereblon']]);
    assert.deepEqual(requiredWords('{m} cereblon', (n) => (n === 'm' ? [['degrades', 'degrade']] : [])), [['degrades', 'degrade'], ['cereblon']]);
    assert.deepEqual(requiredWords('ab\\u00e9cd xyz\\. e\\.'), [['xyz.']], 'escapes outside ASCII break a word; short words are dropped');
  });

  test('a sentence without the words is one the pattern cannot match', () => {
    const texts: string[] = [];
    for (const c of [corpus, blind] as Array<{ sentences: Array<{ text: string }> }>) for (const x of c.sentences) texts.push(x.text);
    for (const c of [real, real2] as Array<{ passages: Array<{ parts: Array<{ text: string }> }> }>) for (const p of c.passages) texts.push(p.parts.map((x) => x.text).join(' '));
    const rules = engine().rules.filter((r) => r.type === 'claim');
    for (const r of rules) for (const ex of r.rule.examples.invalid) texts.push(ex.text);
    let skipped = 0;
    let matched = 0;
    for (const r of rules) {
      assert.equal(r.needs?.length, r.patterns.length, r.rule.id);
      r.patterns.forEach((re, k) => {
        for (const t of texts) {
          re.lastIndex = 0;
          const m = re.exec(t);
          if (m) matched++;
          if (meets(r.needs![k], t.toLowerCase())) continue;
          skipped++;
          assert.equal(m, null, `${r.rule.id} pattern ${k} matches a sentence the pre-check skips: ${t}`);
        }
      });
    }
    assert.ok(matched > 300, `patterns match the corpora (${matched})`);
    assert.ok(skipped > 100000, `the pre-check skips most pattern runs (${skipped})`);
  });
});

describe('WordSet', () => {
  test('finds every word, overlapping, case-insensitively', () => {
    const w = new WordSet(['approv', 'approval', 'val', 'cereblon', 'crbn']);
    w.read('The APPROVAL of thalidomide');
    assert.deepEqual(['approv', 'approval', 'val', 'cereblon', 'crbn'].map((x) => w.has(w.id(x))), [true, true, true, false, false]);
    w.read('binds CRBN');
    assert.deepEqual(['approv', 'crbn'].map((x) => w.has(w.id(x))), [false, true]);
  });
  test('a character outside ASCII is no word character (as in a case-insensitive RegExp without u)', () => {
    const w = new WordSet(['kit', 'sting']);
    w.read('\u212Ait \u017Fting'); // Kelvin sign, long s: neither folds to ASCII in /kit/i or /sting/i
    assert.equal(/kit/i.test('\u212Ait') || /sting/i.test('\u017Fting'), false);
    assert.equal(w.has(w.id('kit')) || w.has(w.id('sting')), false);
    assert.equal(w.id('caf\u00e9'), -1);
  });
});

describe('scanner barrier', () => {
  test('the bundled scanner has one, and it holds no character a surface form can start or hold', () => {
    const db = engine().db;
    const b = barrierOf(db.scanner);
    assert.ok(b, 'a barrier');
    let n = 0;
    for (const id of db.terms.keys()) {
      for (const f of db.formsOf(id)) {
        b.lastIndex = 0;
        assert.equal(b.test(f.name), false, f.name);
        n++;
      }
    }
    assert.ok(n > 100, `${n} surface forms`);
  });

  test('a scan of a range finds what an unbounded scan finds before the range ends', () => {
    const db = engine().db;
    const texts: string[] = [];
    for (const x of (corpus as { sentences: Array<{ text: string }> }).sentences) texts.push(x.text);
    for (const p of (real as { passages: Array<{ parts: Array<{ text: string }> }> }).passages) texts.push(p.parts.map((x) => x.text).join('\n'));
    // names that run on over white space or up to a barrier
    texts.push('Tumour       necrosis factor, thalidomide\n\nCelgene; tumour\nnecrosis factor-alpha "pomalidomide" lenalidomide,revlimid');
    const text = texts.join('\n\n');
    const prose = extractProse(text, 'markdown');
    let checked = 0;
    for (let start = 0; start < text.length; start += 97) {
      const all = scan(db, prose, start);
      for (const len of [1, 7, 40, 81, 300]) {
        const end = Math.min(text.length, start + len);
        assert.deepEqual(scan(db, prose, start, end), all.filter((m) => m.start < end), `[${start}, ${end})`);
        checked++;
      }
    }
    assert.ok(checked > 1000);
  });
});
