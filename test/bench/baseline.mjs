#!/usr/bin/env node
// The one-regex baseline as a whole Node process: read the file, compile one RegExp alternation of
// every surface form of the term database (escaped, longest first, \b…\b, flags gi), count matches.
//   node test/bench/baseline.mjs <file> <forms.json>
// Prints: RESULT {"innerMs":…,"buildMs":…,"readMs":…,"matches":…}
import fs from 'node:fs';

const [file, formsFile] = process.argv.slice(2);
let t = performance.now();
const text = fs.readFileSync(file, 'utf8');
const readMs = performance.now() - t;
t = performance.now();
const forms = JSON.parse(fs.readFileSync(formsFile, 'utf8'));
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const sorted = [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
const re = new RegExp(`\\b(?:${sorted.map(esc).join('|')})\\b`, 'gi');
const buildMs = performance.now() - t;
t = performance.now();
let matches = 0;
while (re.exec(text) !== null) matches++;
const innerMs = performance.now() - t;
console.log(`RESULT ${JSON.stringify({ innerMs, buildMs, readMs, matches })}`);
