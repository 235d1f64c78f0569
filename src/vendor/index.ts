/**
 * The parsers only a bibliography file needs (biblatex-csl-converter with xregexp and core-js,
 * yaml): about 700 KB, two thirds of what a bundle would otherwise load at start-up. The Node
 * bundles (dist/extension.js, dist/cli.js) load this one (dist/vendor.js) on the first .bib or
 * CSL-YAML file they read; see `lazyVendor` in esbuild.mjs. The web bundle inlines them.
 */
export { BibLatexParser } from 'biblatex-csl-converter';
export { LineCounter, parseAllDocuments } from 'yaml';
