/** Any bibliography file: format by name, parsing in steps, a cache per file. */
import { type BibtexCache, newBibtexCache, parseBibtexSteps } from './bibtex';
import { type CslCache, newCslCache, parseCslJsonSteps, parseCslYamlSteps } from './csl';
import { type BibFormat, type ParseSteps, type ParsedBibliography, runSync } from './types';

/** Parsed pieces of one file, reused by the next parse of the same file. */
export interface BibliographyCache {
  readonly format: BibFormat;
  readonly bibtex?: BibtexCache;
  readonly csl?: CslCache;
}

export function newBibliographyCache(format: BibFormat): BibliographyCache {
  return format === 'bibtex' ? { format, bibtex: newBibtexCache() } : { format, csl: newCslCache() };
}

/** The steps of parsing `text` as `format` (run them with runSync or runSliced). */
export function parseBibliographySteps(text: string, format: BibFormat, cache?: BibliographyCache): ParseSteps<ParsedBibliography> {
  const c = cache && cache.format === format ? cache : newBibliographyCache(format);
  switch (format) {
    case 'bibtex':
      return parseBibtexSteps(text, c.bibtex);
    case 'csl-json':
      return parseCslJsonSteps(text, c.csl);
    case 'csl-yaml':
      return parseCslYamlSteps(text, c.csl);
  }
}

export function parseBibliography(text: string, format: BibFormat, cache?: BibliographyCache): ParsedBibliography {
  return runSync(parseBibliographySteps(text, format, cache));
}

/** A file that is not text (NUL bytes in its head): no entries, one problem. */
export function looksBinary(head: string): boolean {
  return head.slice(0, 8000).includes('\u0000');
}
