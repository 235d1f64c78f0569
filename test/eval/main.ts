// `npm run eval`: precision and recall of the claim rules on the labelled corpus.
// Exit code 1 when the overall target is not met.
import fs from 'node:fs';
import corpus from '../fixtures/claims/corpus.json';
import { bundledEngine } from '../../src/core/index';
import { type Corpus, TARGET, evaluate, formatReport, precision, recall } from './evaluate';

// --corpus=FILE evaluates another labelled file of the same shape (e.g. test/fixtures/claims/blind.json)
const file = process.argv.find((a) => a.startsWith('--corpus='))?.slice(9);
// --set=dev or --set=holdout evaluates one part of the corpus
const set = process.argv.find((a) => a.startsWith('--set='))?.slice(6);
const result = evaluate(bundledEngine(), (file ? JSON.parse(fs.readFileSync(file, 'utf8')) : corpus) as Corpus, set ? { set } : {});
if (file) console.log(`corpus: ${file}`);
if (set) console.log(`corpus part: ${set}`);
console.log(formatReport(result, { details: !process.argv.includes('--quiet') }));
process.exitCode = precision(result.overall) >= TARGET.precision && recall(result.overall) >= TARGET.recall ? 0 : 1;
