// `npm run eval`: precision and recall of the claim rules on the labelled corpus.
// Exit code 1 when the overall target is not met.
import corpus from '../fixtures/claims/corpus.json';
import { bundledEngine } from '../../src/core/index';
import { type Corpus, TARGET, evaluate, formatReport, precision, recall } from './evaluate';

const result = evaluate(bundledEngine(), corpus as Corpus);
console.log(formatReport(result, { details: !process.argv.includes('--quiet') }));
process.exitCode = precision(result.overall) >= TARGET.precision && recall(result.overall) >= TARGET.recall ? 0 : 1;
