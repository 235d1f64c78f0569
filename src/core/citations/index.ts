/** Citations: bibliographies (BibTeX, CSL-JSON, CSL-YAML), key checks, completion contexts and ranking. */
export * from './types';
export * from './format';
export * from './bibtex';
export * from './csl';
export * from './parse';
export * from './serialize';
export * from './check';
export * from './contexts';
export * from './complete';
