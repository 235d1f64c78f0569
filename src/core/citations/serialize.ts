/**
 * A bundled reference written as an entry of the writer's own bibliography:
 * BibTeX (readable by BibTeX and BibLaTeX alike) or CSL-JSON. The `note` of a
 * bundled reference is the term database's editorial note ("PMID not verified
 * here", "descriptive title in brackets"): it never goes into the writer's file.
 */
import type { CslItem, CslName } from '../data/types';
import { yearOf } from './format';
import type { BibFormat } from './types';

const BIBTEX_TYPE: Record<string, string> = {
  'article-journal': 'article', article: 'article', review: 'article', letter: 'article', 'article-magazine': 'article', 'article-newspaper': 'article',
  book: 'book', chapter: 'incollection', 'paper-conference': 'inproceedings', report: 'techreport', thesis: 'phdthesis',
};

/** Escapes the characters BibTeX treats specially in ordinary fields and balances braces. */
function tex(s: string): string {
  return s
    .replace(/[{}]/g, '')
    .replace(/\\/g, '\\textbackslash ')
    .replace(/([&%$#_])/g, '\\$1')
    .replace(/\^/g, '\\^{}')
    .replace(/~/g, '\\~{}')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keeps acronyms and gene names (IKZF1, PDE4, CRL4^CRBN, mRNA) in their case under any bibliography style. */
function protectCase(title: string): string {
  const needs = (w: string) => /[A-Z]/.test(w.slice(1)) || (/[A-Z]/.test(w) && /\d/.test(w));
  return title
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (needs(w) ? `{${tex(w)}}` : tex(w)))
    .join(' ');
}

function nameBib(n: CslName): string {
  if (n.literal) return `{${tex(n.literal)}}`;
  const family = tex(n.family ?? '');
  const given = tex(n.given ?? '');
  return given ? `${family}, ${given}` : family;
}

/** The BibTeX entry for a CSL item. */
export function toBibtex(item: CslItem): string {
  const type = BIBTEX_TYPE[item.type] ?? 'misc';
  const fields: Array<[string, string]> = [];
  const names = (list: CslName[] | undefined) => {
    const parts = (list ?? []).map(nameBib).filter(Boolean);
    if (parts.length && item['authors-truncated']) parts.push('others');
    return parts.join(' and ');
  };
  const author = names(item.author);
  if (author) fields.push(['author', author]);
  const editor = item.author?.length ? '' : names(item.editor);
  if (editor) fields.push(['editor', editor]);
  if (item.title) fields.push(['title', protectCase(item.title)]);
  const container = item['container-title'];
  if (container) fields.push([type === 'article' ? 'journal' : 'booktitle', tex(container)]);
  if (item.publisher) fields.push([type === 'techreport' ? 'institution' : 'publisher', tex(item.publisher)]);
  const year = yearOf(item);
  if (year) fields.push(['year', year]);
  if (item.volume) fields.push(['volume', tex(item.volume)]);
  if (item.issue) fields.push(['number', tex(item.issue)]);
  else if (item.number) fields.push(['number', tex(item.number)]);
  if (item.page) fields.push(['pages', tex(item.page).replace(/(\d)\s*[-\u2013]\s*(\d)/g, '$1--$2')]);
  // doi and url are verbatim fields: no escaping, but braces must stay balanced
  if (item.DOI) fields.push(['doi', item.DOI.replace(/[{}]/g, '')]);
  if (item.PMID) fields.push(['pmid', tex(item.PMID)]);
  if (item.PMCID) fields.push(['pmcid', tex(item.PMCID)]);
  if (item.URL) fields.push(['url', item.URL.replace(/[{}\s]/g, '')]);
  const width = Math.max(...fields.map(([k]) => k.length), 0);
  const body = fields.map(([k, v]) => `  ${k.padEnd(width)} = {${v}}`).join(',\n');
  return `@${type}{${item.id},\n${body}${body ? '\n' : ''}}`;
}

/** The CSL-JSON object for an item (without imid-lens's own fields and editorial notes). */
export function toCslJsonItem(item: CslItem): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (k === 'authors-truncated' || k === 'note' || v === undefined) continue;
    out[k] = v;
  }
  return out;
}

/** The text an "Add entry" fix appends to a bibliography of this format (undefined: not writable). */
export function entryText(item: CslItem, format: BibFormat): string | undefined {
  switch (format) {
    case 'bibtex':
      return toBibtex(item);
    case 'csl-json':
      return JSON.stringify(toCslJsonItem(item), null, 2);
    default:
      return undefined;
  }
}
