/** The data bundled into every build (validated against data/schema/ by esbuild.mjs). */
import data from 'imid-lens:data';
import type { ParsedConfig } from './config';
import type { BundledData, Severity } from './data/types';
import type { Engine } from './engine';
import { createEngine } from './lint';

export const bundledData: BundledData = data;

/** An engine over the bundled data and an optional project config. */
export function bundledEngine(config?: ParsedConfig, ruleOverrides?: Record<string, Severity | 'off'>, asOf?: number): Engine {
  return createEngine({ data, ...(config ? { config } : {}), ...(ruleOverrides ? { ruleOverrides } : {}), ...(asOf !== undefined ? { asOf } : {}) });
}
