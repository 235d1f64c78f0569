// imid-lens engine in process vs the one-regex baseline, on one file, in one fresh process.
//   node engine.js <file> <forms.json> [reps]
// Prints one line: RESULT {json}. "first" = the first call in this process (cold JIT), "warm" =
// median of the following calls. The baseline is one precompiled RegExp alternation of every
// surface form (escaped, longest first, \b…\b, flags gi), run over the same string.
import fs from 'node:fs';
import { LintSession, TextDocument, bundledData, bundledEngine, citationFindings, createEngine, extractProse, lint, lintProse, scan } from '../../../src/core/index';
import { baselineRegex, countMatches } from './_baseline-regex';

const [file, formsFile, repsArg] = process.argv.slice(2);
const reps = Number(repsArg ?? 7);
const text = fs.readFileSync(file, 'utf8');
const forms: string[] = JSON.parse(fs.readFileSync(formsFile, 'utf8'));
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? (s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

// The baseline first, in a fresh process: measured after the lint runs (a heap full of their
// results), the same scan ran about 4× slower, which would flatter the ratio.
let t = performance.now();
const re = baselineRegex(forms);
const buildMs = performance.now() - t;
const baseMs: number[] = [];
let matches = 0;
for (let i = 0; i < reps; i++) {
  t = performance.now();
  matches = countMatches(re, text);
  baseMs.push(performance.now() - t);
}

t = performance.now();
const engine = bundledEngine();
void engine.db.scanner;
const engineMs = performance.now() - t;

const lintMs: number[] = [];
let findings = 0;
let mentions = 0;
for (let i = 0; i < reps; i++) {
  t = performance.now();
  const r = lint(new TextDocument('file:///bench.md', text, 1, 'markdown'), { engine, languageId: 'markdown' });
  lintMs.push(performance.now() - t);
  findings = r.findings.length + r.suppressed.length;
  mentions = r.mentions.length;
}
const lintRss = process.resourceUsage().maxRSS;

// where the time goes (warm, median of reps): extraction, scanning, sentences + claims, citation keys;
// the claim stage once more without the fact frames (an engine whose data has no frame lexicon)
const noFrames = createEngine({ data: { ...bundledData, frames: undefined } as typeof bundledData });
const stage = { prose: [] as number[], scan: [] as number[], lintProse: [] as number[], rulesOnly: [] as number[], citations: [] as number[] };
for (let i = 0; i < reps; i++) {
  t = performance.now();
  const p = extractProse(text, 'markdown');
  stage.prose.push(performance.now() - t);
  t = performance.now();
  scan(engine.db, p);
  stage.scan.push(performance.now() - t);
  t = performance.now();
  lintProse(p, engine);
  stage.lintProse.push(performance.now() - t);
  t = performance.now();
  lintProse(p, noFrames);
  stage.rulesOnly.push(performance.now() - t);
  t = performance.now();
  citationFindings(p, { engine, languageId: 'markdown' });
  stage.citations.push(performance.now() - t);
}
const stages = {
  proseMs: median(stage.prose.slice(1)),
  scanMs: median(stage.scan.slice(1)),
  sentencesClaimsMs: median(stage.lintProse.slice(1)) - median(stage.scan.slice(1)),
  /** Of which the fact frames (src/core/frames): lintProse with them − without them. */
  framesMs: median(stage.lintProse.slice(1)) - median(stage.rulesOnly.slice(1)),
  citationsMs: median(stage.citations.slice(1)),
};

// the editor's first check of the document: LintSession.updateInSteps (warm engine), every step timed
const stepMs: number[] = [];
{
  const doc = new TextDocument('file:///bench.md', text, 1, 'markdown');
  const steps = new LintSession().updateInSteps(doc, { engine, languageId: 'markdown' });
  for (;;) {
    t = performance.now();
    const r = steps.next();
    stepMs.push(performance.now() - t);
    if (r.done) {
      if (r.value.findings.length + r.value.suppressed.length !== findings) throw new Error('stepped result differs from lint()');
      break;
    }
  }
}
const stepped = { steps: stepMs.length, maxStepMs: Math.max(...stepMs), medianStepMs: median(stepMs), totalMs: stepMs.reduce((a, b) => a + b, 0) };

console.log(`RESULT ${JSON.stringify({
  chars: text.length,
  engineMs,
  lintFirstMs: lintMs[0],
  lintWarmMs: median(lintMs.slice(1)),
  baselineBuildMs: buildMs,
  baselineFirstMs: baseMs[0],
  baselineWarmMs: median(baseMs.slice(1)),
  findings,
  mentions,
  baselineMatches: matches,
  maxRssKb: lintRss,
  stages,
  stepped,
})}`);
