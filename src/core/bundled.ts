/** The data bundled into every build (validated against data/schema/ by esbuild.mjs). */
import data from 'imid-lens:data';
import type { ParsedConfig } from './config';
import type { BundledData, Severity } from './data/types';
import type { Engine } from './engine';
import { createEngine } from './lint';
import { primeNeeds } from './rules/claims';
import { primeTrieSources } from './termdb';

export const bundledData: BundledData = data;

// the scanner's and the claim rules' trie regexes of the bundled data, built at build time
// (esbuild.mjs): a fresh process would otherwise build them with cold code (docs/startup.md)
primeTrieSources(data.tries ?? []);
// and the words each bundled claim pattern needs (src/core/rules/claims.ts requiredWords)
primeNeeds(data.needs ?? []);

/** An engine over the bundled data and an optional project config. */
export function bundledEngine(config?: ParsedConfig, ruleOverrides?: Record<string, Severity | 'off'>, asOf?: number): Engine {
  return createEngine({ data, ...(config ? { config } : {}), ...(ruleOverrides ? { ruleOverrides } : {}), ...(asOf !== undefined ? { asOf } : {}) });
}
