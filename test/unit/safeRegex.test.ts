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
