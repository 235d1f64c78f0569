import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, TextDocument, dominantEol } from '../../src/core/index';

test('positions are 0-based lines and UTF-16 columns', () => {
  const text = 'dose ≥10 µg/kg α-helix 😀 lenalidomide\nsecond';
  const idx = new LineIndex(text);
  const off = text.indexOf('lenalidomide');
  // the emoji is two UTF-16 code units
  assert.deepEqual(idx.positionAt(off), { line: 0, character: off });
  assert.equal(off, 26);
  assert.equal(idx.offsetAt({ line: 1, character: 3 }), text.indexOf('second') + 3);
});

test('CRLF and lone CR are single line breaks', () => {
  const text = 'a\r\nbb\rccc\nd';
  const idx = new LineIndex(text);
  assert.equal(idx.lineCount, 4);
  assert.deepEqual(idx.positionAt(text.indexOf('ccc')), { line: 2, character: 0 });
  assert.deepEqual(idx.positionAt(text.indexOf('d')), { line: 3, character: 0 });
  assert.equal(idx.lineEnd(0), 1);
  assert.equal(idx.offsetAt({ line: 0, character: 99 }), 1, 'clamped to the line content');
});

test('offsets and positions round-trip on every character', () => {
  const text = 'x\r\nµ±≥\n\n😀a\rb';
  const doc = new TextDocument('u', text);
  for (let o = 0; o <= text.length; o++) {
    const p = doc.positionAt(o);
    const back = doc.offsetAt(p);
    // an offset between \r and \n maps to the end of its line
    assert.ok(back === o || (text[o - 1] === '\r' && text[o] === '\n' && back === o - 1), `offset ${o}`);
  }
});

test('dominant line ending', () => {
  assert.equal(dominantEol('a\r\nb\r\nc\n'), '\r\n');
  assert.equal(dominantEol('a\nb'), '\n');
  assert.equal(dominantEol('plain'), '\n');
});
