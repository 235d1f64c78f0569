/** The trie regex sources the build computes for the bundled data (esbuild.mjs, src/core/bundled.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import data from 'imid-lens:data';
import { bundledEngine, compileTrie, trieSource } from '../../src/core/index';

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
