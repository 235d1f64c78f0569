/** What the build computes ahead for the bundled data (esbuild.mjs, src/core/bundled.ts): trie regex sources, claim pattern needs. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import data from 'imid-lens:data';
import { bundledEngine, compileTrie, trieSource } from '../../src/core/index';
import { macroNeeds, needKey, patternNeedKey, requiredWords } from '../../src/core/rules/claims';

test('the build stores the trie sources of the bundled engine, each the one compileTrie builds from its names', () => {
  const tries: ReadonlyArray<readonly [string, string]> = data.tries ?? [];
  assert.ok(tries.length >= 2, 'the scanner and the claim rules\' subjects');
  for (const [key, source] of tries) {
    const names = key.split('\u0000');
    assert.deepEqual([...new Set(names)].sort(), names, 'the key is the sorted, unique names');
    assert.equal(source, trieSource(names), key.slice(0, 80));
    assert.equal(compileTrie([...names].reverse()).source, new RegExp(source, 'gi').source);
  }
  // the scanner of the bundled engine is one of them (a process finds it ready)
  const scanner = bundledEngine().db.scanner.source;
  assert.ok(tries.some(([, s]) => new RegExp(s, 'gi').source === scanner));
});

test('the build stores the needs of every bundled claim pattern, each what requiredWords reads, by a key no two patterns (with their macros) share', () => {
  const needs = new Map<string, ReadonlyArray<readonly string[]>>(data.needs ?? []);
  const keys = new Map<string, string>();
  let patterns = 0;
  for (const file of data.claims) {
    const macro = macroNeeds(file);
    for (const rule of file.rules) {
      const compiled = bundledEngine().rules.find((r) => r.rule.id === rule.id);
      assert.ok(compiled, rule.id);
      compiled.patterns.forEach((_, k) => {
        patterns++;
        const key = patternNeedKey(rule.patterns![k], file);
        const what = `${rule.patterns![k]}\u0000${JSON.stringify(file.macros ?? {})}`;
        const other = keys.get(key);
        assert.ok(other === undefined || other === what, `${rule.id}: key ${key} is shared with another pattern`);
        keys.set(key, what);
        let expected: ReadonlyArray<readonly string[]>;
        try {
          expected = requiredWords(rule.patterns![k], macro);
        } catch {
          expected = [];
        }
        assert.deepEqual(needs.get(key), expected, `${rule.id} pattern ${k}`);
        assert.deepEqual(compiled.needs![k], expected, `${rule.id} pattern ${k}: the engine uses them`);
      });
    }
  }
  assert.ok(patterns > 100);
  assert.equal(needs.size, keys.size, 'one entry per distinct pattern');
});

test('needKey: a short key that changes with any character of the source', () => {
  const src = '(?<pre>thalidomide\\s+is)';
  assert.equal(needKey(src), needKey(`${src}`));
  assert.notEqual(needKey(src), needKey(src.replace('is', 'iz')));
  assert.notEqual(needKey(src), needKey(`${src} `));
  assert.notEqual(needKey('ab'), needKey('ba'));
  assert.ok(needKey('x'.repeat(5000)).length < 24);
});
