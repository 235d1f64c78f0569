/**
 * The parser only a CSL-YAML bibliography needs (yaml): about 40 % of what a bundle would
 * otherwise load at start-up. The Node bundles (dist/extension.js, dist/cli.js) load this one
 * (dist/vendor.js) on the first CSL-YAML file they read; see `lazyVendor` in esbuild.mjs. The web
 * bundle inlines it. (BibTeX is read by src/core/citations/bibtex.ts, no library.)
 */
export { LineCounter, parseAllDocuments } from 'yaml';
