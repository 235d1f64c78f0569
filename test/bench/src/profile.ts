// Profiling aid (not part of `npm run bench`): runs lint() on one file a few times so that
// `node --cpu-prof .build/bench/bench/profile.js <file> [reps]` shows where the engine spends its time.
import fs from 'node:fs';
import { TextDocument, bundledEngine, lint } from '../../../src/core/index';

const file = process.argv[2];
const reps = Number(process.argv[3] ?? 5);
const text = fs.readFileSync(file, 'utf8');
const engine = bundledEngine();
for (let i = 0; i < reps; i++) {
  const t = performance.now();
  const r = lint(new TextDocument('file:///p.md', text, 1, 'markdown'), { engine, languageId: 'markdown' });
  console.log(`lint ${(performance.now() - t).toFixed(1)} ms, ${r.findings.length} findings`);
}
