// `npm run eval`: precision and recall of the claim rules on the labelled corpus.
// Exit code 1 when the overall target is not met.
import fs from 'node:fs';
import corpus from '../fixtures/claims/corpus.json';
import { bundledData, bundledEngine, createEngine } from '../../src/core/index';
import { type Corpus, TARGET, evaluate, formatReport, precision, recall } from './evaluate';
import { type PassageCorpus, evaluatePassages, formatPassages, passagePrecision, passageRecall } from './passages';

// --corpus=FILE evaluates another labelled file of the same shape (e.g. test/fixtures/claims/blind.json)
const file = process.argv.find((a) => a.startsWith('--corpus='))?.slice(9);
// --set=dev or --set=holdout evaluates one part of the corpus
// --frames-only (passage corpora): the fact frames alone, without the bundled regex claim rules
const set = process.argv.find((a) => a.startsWith('--set='))?.slice(6);
const loaded = file ? JSON.parse(fs.readFileSync(file, 'utf8')) : corpus;
// --frames-only measures the fact frames without the bundled regex claim rules
const data = process.argv.includes('--frames-only') ? { ...bundledData, claims: [], claimFiles: [] } : bundledData;
if ('passages' in loaded) {
  // passages in the registers of real text (test/fixtures/claims/real.json)
  const engines = new Map<string, ReturnType<typeof bundledEngine>>();
  const today = createEngine({ data });
  const engineAt = (date?: string) => {
    if (!date) return today;
    let e = engines.get(date);
    if (!e) engines.set(date, (e = createEngine({ data, asOf: Date.parse(date) })));
    return e;
  };
  const r = evaluatePassages(engineAt, loaded as PassageCorpus, set ? { set } : {});
  console.log(`corpus: ${file}${set ? ` (set ${set})` : ''}`);
  console.log(formatPassages(r, { details: !process.argv.includes('--quiet') }));
  process.exitCode = passagePrecision(r.overall) >= 0.95 && passageRecall(r.overall) >= 0.85 ? 0 : 1;
  process.exit();
}
const result = evaluate(createEngine({ data }), (file ? JSON.parse(fs.readFileSync(file, 'utf8')) : corpus) as Corpus, set ? { set } : {});
if (file) console.log(`corpus: ${file}`);
if (set) console.log(`corpus part: ${set}`);
console.log(formatReport(result, { details: !process.argv.includes('--quiet') }));
process.exitCode = precision(result.overall) >= TARGET.precision && recall(result.overall) >= TARGET.recall ? 0 : 1;
