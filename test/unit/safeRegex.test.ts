import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRegexSafety } from '../../src/core/rules/safeRegex';

test('accepts ordinary claim patterns', () => {
  for (const p of ['X\\s+is\\s+an?\\s+IMiD', 'X(?:,[^,.;]{1,80},)?\\s+binds\\s+cereblon', '(?:the |a )?IMiD X\\b', 'a{2,3}b', '[A-Z][a-z]+', '(?<head>X)\\s*\\(', '(?:foo|bar)+']) {
    assert.equal(checkRegexSafety(p), undefined, p);
  }
});

test('rejects nested quantifiers, overlapping repeated alternations, adjacent overlapping repeats, backreferences', () => {
  assert.match(checkRegexSafety('(a+)+b')!, /nested quantifiers/);
  assert.match(checkRegexSafety('(?:\\w+\\s?)*$')!, /nested quantifiers/);
  assert.match(checkRegexSafety('(a|ab)*c')!, /same character/);
  assert.match(checkRegexSafety('\\s*\\s*x')!, /adjacent/);
  assert.match(checkRegexSafety('(a)\\1')!, /backreferences/);
  assert.match(checkRegexSafety('(unclosed')!, /not a valid regular expression/);
});

test('rejects an optional group repeated (empty iterations) and patterns over 2,000 characters', () => {
  assert.ok(checkRegexSafety('(a?)+b'), '(a?)+ can match the empty string on every iteration');
  assert.match(checkRegexSafety(`x${'a'.repeat(2001)}`)!, /longer than 2000 characters/);
  assert.equal(checkRegexSafety(`x${'a'.repeat(1990)}`), undefined);
});
