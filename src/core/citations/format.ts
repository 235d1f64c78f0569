/**
 * Formatting CSL-JSON items for people: "Krönke et al. (2014)", a one-line
 * reference with DOI and PubMed links, and the text a completion filter sees.
 * Links are only followed when the writer clicks them; nothing is fetched.
 */
import type { CslItem, CslName } from '../data/types';

function nameOf(n: CslName): string {
  return n.family ?? n.literal ?? '';
}

export function yearOf(item: CslItem): string {
  const dp = item.issued?.['date-parts']?.[0]?.[0];
  if (dp !== undefined && dp !== '') return String(dp);
  const raw = item.issued?.raw ?? item.issued?.literal;
  const m = raw ? /\d{4}/.exec(String(raw)) : null;
  return m ? m[0] : '';
}

/** "Krönke et al.", "Pan & Lentzsch", "Schafer", or the publisher for labels. */
export function authorsShort(item: CslItem): string {
  const names = (item.author?.length ? item.author : item.editor ?? []).map(nameOf).filter(Boolean);
  const truncated = item['authors-truncated'] === true;
  if (!names.length) return item.publisher ?? '';
  if (names.length === 1) return truncated ? `${names[0]} et al.` : names[0];
  if (names.length === 2 && !truncated) return `${names[0]} & ${names[1]}`;
  return `${names[0]} et al.`;
}

/** "Krönke et al. (2014)" */
export function citationLabel(item: CslItem): string {
  const who = authorsShort(item);
  const year = yearOf(item);
  if (who && year) return `${who} (${year})`;
  return who || year || item.id;
}

export function doiUrl(doi: string): string {
  return `https://doi.org/${encodeURI(doi)}`;
}

export function pubmedUrl(pmid: string): string {
  return `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(pmid)}/`;
}

/** Escapes text for Markdown (hover cards strip HTML, so no HTML is produced). */
export function md(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** Links for a reference: DOI, PubMed, PMC, URL. */
export function referenceLinks(item: CslItem): string[] {
  const links: string[] = [];
  if (item.DOI) links.push(`[doi:${md(item.DOI)}](${doiUrl(item.DOI)})`);
  if (item.PMID) links.push(`[PMID ${md(item.PMID)}](${pubmedUrl(item.PMID)})`);
  if (item.PMCID) links.push(`[${md(item.PMCID)}](https://pmc.ncbi.nlm.nih.gov/articles/${encodeURIComponent(item.PMCID)}/)`);
  if (item.URL && !item.DOI && !item.PMCID) links.push(`[link](${item.URL})`);
  return links;
}

/** One line: "Krönke et al. 2014. Title. *Science* 343:301-305. doi · PMID" */
export function formatReference(item: CslItem, opts: { links?: boolean } = {}): string {
  const parts: string[] = [];
  const who = authorsShort(item);
  const year = yearOf(item);
  const head = [who, year].filter(Boolean).join(' ');
  if (head) parts.push(`${md(head)}.`);
  if (item.title) parts.push(`${md(item.title.replace(/\.$/, ''))}.`);
  const journal = item['container-title'];
  if (journal) {
    let j = `*${md(journal)}*`;
    if (item.volume) j += ` ${md(item.volume)}${item.issue ? `(${md(item.issue)})` : ''}`;
    if (item.page) j += `:${md(item.page)}`;
    parts.push(`${j}.`);
  } else if (item.publisher && who !== item.publisher) {
    parts.push(`${md(item.publisher)}.`);
  }
  if (item.number) parts.push(`${md(item.number)}.`);
  if (opts.links !== false) {
    const links = referenceLinks(item);
    if (links.length) parts.push(links.join(' · '));
  }
  return parts.join(' ');
}

/** Plain text a completion filter can match: key, authors, title words, year. */
export function filterTextOf(item: CslItem): string {
  const names = (item.author ?? []).map(nameOf).filter(Boolean).join(' ');
  return [item.id, names, yearOf(item), item.title ?? '', item['container-title'] ?? '', item.DOI ?? '', item.PMID ?? ''].join(' ').replace(/\s+/g, ' ').trim();
}
