// Every rule carries its own examples (like prh specs / ESLint RuleTester): invalid ones
// must be flagged by exactly that rule (and rewrite to their `output`), valid ones never.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BUILTIN_RULES, bundledData } from '../../src/core/index';
import { applyFix, engine, lintAs } from './util';

describe('claim and name rules: examples in data/claims', () => {
  for (const file of bundledData.claims) {
    for (const rule of file.rules) {
      describe(`${file.family}/${rule.id}`, () => {
        test('the suite itself: at least one valid and one invalid example, no duplicates', () => {
          assert.ok(rule.examples.invalid.length >= 1 && rule.examples.valid.length >= 1);
          const all = [...rule.examples.invalid.map((x) => x.text), ...rule.examples.valid];
          assert.equal(new Set(all).size, all.length, 'duplicate example');
        });
        for (const ex of rule.examples.invalid) {
          test(`flags: ${ex.text}`, () => {
            const hits = lintAs(ex.text, 'plaintext').findings.filter((f) => f.ruleId === rule.id);
            assert.equal(hits.length, 1, `expected one ${rule.id} finding`);
            if (ex.output !== undefined) {
              const fixIndex = hits[0].fixes.findIndex((x) => x.kind === 'rewrite' || x.kind === 'lexical');
              assert.ok(fixIndex >= 0, 'the finding offers a rewrite or fix');
              assert.equal(applyFix(ex.text, hits[0], fixIndex), ex.output);
            }
          });
        }
        for (const text of rule.examples.valid) {
          test(`leaves alone: ${text}`, () => {
            const hits = lintAs(text, 'plaintext').findings.filter((f) => f.ruleId === rule.id);
            assert.deepEqual(hits.map((h) => h.message), []);
          });
        }
      });
    }
  }
});

describe('built-in rules: examples', () => {
  for (const rule of BUILTIN_RULES) {
    for (const ex of rule.examples.invalid) {
      test(`${rule.id} flags: ${ex.text}`, () => {
        const hits = lintAs(ex.text, ex.languageId ?? 'markdown').findings.filter((f) => f.ruleId === rule.id);
        assert.equal(hits.length, 1);
        if (ex.output !== undefined) assert.equal(applyFix(ex.text, hits[0]), ex.output);
      });
    }
    for (const v of rule.examples.valid) {
      const ex = typeof v === 'string' ? { text: v, languageId: 'markdown' } : v;
      test(`${rule.id} leaves alone: ${ex.text}`, () => {
        assert.deepEqual(lintAs(ex.text, ex.languageId ?? 'markdown').findings.filter((f) => f.ruleId === rule.id), []);
      });
    }
  }
});

test('rule ids are unique across data and built-ins, and every rule compiled', () => {
  const e = engine();
  const ids = e.ruleIds;
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(e.dataProblems, []);
  const dataIds = bundledData.claims.flatMap((f) => f.rules.map((r) => r.id));
  assert.deepEqual(dataIds.filter((id) => !e.rules.some((r) => r.rule.id === id)), []);
});
