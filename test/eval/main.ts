// `npm run eval`: precision and recall of the claim rules on the labelled corpus.
// Exit code 1 when the overall target is not met.
import corpus from '../fixtures/claims/corpus.json';
import { bundledEngine } from '../../src/core/index';
import { type Corpus, TARGET, evaluate, formatReport, precision, recall } from './evaluate';

// --set=dev or --set=holdout evaluates one part of the corpus
const set = process.argv.find((a) => a.startsWith('--set='))?.slice(6);
const result = evaluate(bundledEngine(), corpus as Corpus, set ? { set } : {});
if (set) console.log(`corpus part: ${set}`);
console.log(formatReport(result, { details: !process.argv.includes('--quiet') }));
process.exitCode = precision(result.overall) >= TARGET.precision && recall(result.overall) >= TARGET.recall ? 0 : 1;
