/**
 * Hover cards and term sheets: plain Markdown (no HTML: VS Code strips it),
 * every fact followed by the numbers of the references behind it, and the
 * references listed with DOI / PubMed links.
 *
 * Three lengths:
 * - `short` (the editor's hover): title (name · kind), what the hovered name
 *   is, the summary, class, mechanism in one sentence, status, the first two
 *   boxed warnings, the references behind those lines (two per fact, in one
 *   paragraph: "[1] Krönke et al. (2014)", each linked to its DOI or PubMed
 *   page with its title on hover), "as of" and the links (insert citation, full
 *   term sheet). A hover box is ~250 px high: a longer card scrolls, and the
 *   next card then opens part-way down.
 * - default (`imid-lens explain`): adds the names line, targets, the approvals
 *   table, risk programme, ATC and holder, and two mechanism sentences.
 * - `full` (the term sheet): adds every fact, holders with dates, disagreements
 *   between sources, what was left out and related terms.
 *
 * References are written for people: authors (or the publisher) and year first,
 * never a bare year that Markdown would take for an ordered list; a descriptive
 * title in brackets (a placeholder in data/references.json) is left out when the
 * journal identifies the paper and shown without brackets otherwise; the data's
 * editorial notes never show.
 */
import { authorsShort, doiUrl, md, pubmedUrl, referenceLinks, yearOf } from './citations/format';
import type { CslItem, Fact, Holder, Term } from './data/types';
import { type SurfaceForm, type TermDb, formKey } from './termdb';

export interface CardCommands {
  /** Command URI inserting citation keys into the document. */
  insertCitation?(keys: readonly string[]): string;
  /** Command URI opening the full term sheet. */
  openTermSheet?(termId: string): string;
}

export interface CardReference {
  key: string;
  doi?: string;
  pmid?: string;
  url?: string;
  label: string;
}

export interface CardNames {
  brands?: Array<{ name: string; region: string; current: boolean }>;
  codes?: string[];
  formerNames?: Array<{ name: string; until?: string }>;
  synonyms?: string[];
}

export interface Card {
  id: string;
  preferredName: string;
  matchedName: string;
  matchedKind: SurfaceForm['kind'];
  kind: Term['kind'];
  asOf: string;
  markdown: string;
  references: CardReference[];
  /** What the matched name stands for now, when it is a code, former name, former brand or misspelling. */
  currentName?: string;
  names?: CardNames;
  class?: string[];
  mechanism?: string;
  approvals?: Array<{ agency: string; date: string; indication: string; brand?: string; pathway?: string }>;
  boxedWarnings?: string[];
  riskProgrammes?: string[];
  status?: string;
  atc?: string;
  targets?: string[];
  neosubstrates?: string[];
  holders?: Array<{ name: string; region?: string; from?: string; until?: string }>;
}

const KIND_LABEL: Record<Term['kind'], string> = {
  drug: 'drug',
  protein: 'protein',
  complex: 'protein complex',
  class: 'drug class',
  programme: 'risk programme',
  company: 'company',
  concept: 'term',
};

const HOLDER_LABEL: Record<Term['kind'], string> = {
  drug: 'Marketing-authorisation holder',
  protein: 'Holder',
  complex: 'Holder',
  class: 'Holder',
  programme: 'Programme holder',
  company: 'Owned by',
  concept: 'Holder',
};

class RefNumbers {
  readonly order: string[] = [];
  /** `max`: references cited per fact (the short card cites the first two; the sheet has them all). */
  constructor(private readonly db: TermDb, private readonly max = Infinity) {}
  cite(refs: readonly string[] | undefined): string {
    if (!refs?.length) return '';
    const nums = refs.filter((r) => this.db.reference(r)).slice(0, this.max).map((r) => {
      let i = this.order.indexOf(r);
      if (i < 0) {
        this.order.push(r);
        i = this.order.length - 1;
      }
      return i + 1;
    });
    return nums.length ? ` [${nums.join(', ')}]` : '';
  }
}

/** A bracketed, descriptive title: data/references.json's placeholder for a title not recorded. */
const PLACEHOLDER_TITLE = /^\[(.+)\]$/s;

/**
 * One reference for a card: "Krönke et al. (2014). Title. *Science* 343:301-305. doi · PMID".
 * Starts with the authors, the publisher or the title, never with a number (Markdown would read
 * "2015. Title" after a list number as a nested ordered list starting at 2015).
 */
export function cardReference(item: CslItem, opts: { links?: boolean; compact?: boolean } = {}): string {
  const who = authorsShort(item);
  const year = yearOf(item);
  const journal = item['container-title'];
  const raw = (item.title ?? '').trim().replace(/\.$/, '');
  const placeholder = PLACEHOLDER_TITLE.exec(raw);
  // compact (the hover): authors and journal identify a paper; a label or press release keeps its title
  const title = placeholder ? (journal ? '' : placeholder[1].trim()) : opts.compact && who && journal ? '' : raw;
  const parts: string[] = [];
  if (who) parts.push(`${md(who)}${year ? ` (${md(year)})` : ''}.`);
  if (title) parts.push(/[.?!]$/.test(title) ? md(title) : `${md(title)}.`);
  let venue = '';
  if (journal) {
    venue = `*${md(journal)}*`;
    if (item.volume) venue += ` ${md(item.volume)}${item.issue ? `(${md(item.issue)})` : ''}`;
    if (item.page) venue += `:${md(item.page)}`;
  } else if (item.publisher && item.publisher !== who) venue = md(item.publisher);
  if (venue) parts.push(`${venue}${!who && year ? ` (${md(year)})` : ''}.`);
  else if (!who && year) parts.push(`(${md(year)}).`);
  if (item.number && !opts.compact) parts.push(`${md(item.number)}.`);
  if (!parts.length) parts.push(md(item.id));
  if (opts.links !== false) {
    const links = referenceLinks(item);
    if (links.length) parts.push(links.join(' · '));
  }
  // never the start of a list item ("12. ", "3) ", "- ", "+ ")
  return parts.join(' ').replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([-+*])(\s)/, '\\$1$2');
}

/** A reference in a few words, linked to its DOI, PubMed or web page: "Krönke et al. (2014)", "*Blood* (2013)", "European Medicines Agency". */
export function referenceLink(item: CslItem): string {
  const who = authorsShort(item);
  const year = yearOf(item);
  const journal = item['container-title'];
  const raw = (item.title ?? '').trim().replace(/\.$/, '').replace(PLACEHOLDER_TITLE, '$1');
  // a label or press release (a publisher, no journal) is known by its title
  const label = who
    ? `${md(who)}${year ? ` (${md(year)})` : ''}${!journal && raw ? `: ${md(raw)}` : ''}`
    : journal ? `*${md(journal)}*${year ? ` (${md(year)})` : ''}` : md(raw || item.id);
  const url = item.DOI ? doiUrl(item.DOI) : item.PMID ? pubmedUrl(item.PMID) : item.PMCID ? `https://pmc.ncbi.nlm.nih.gov/articles/${encodeURIComponent(item.PMCID)}/` : item.URL;
  const title = `${raw ? raw : item.id}`.replace(/["\\]/g, '');
  return url ? `[${label}](${url} "${title}")` : label;
}

export interface CardOptions {
  /** The editor's hover: what the name is, class, mechanism in one sentence, status, two warnings. */
  short?: boolean;
  /** The term sheet: everything. */
  full?: boolean;
}

/** The first `n` sentences; the full stop of "e.g.", "i.e.", "et al." or "vs." does not end one. */
export function firstSentences(text: string, n: number): string {
  const re = /[.!?](?=\s+[A-Z(\u2018\u201c'"]|\s*$)/g;
  let count = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (/(?:\be\.g|\bi\.e|\bet al|\bvs|\bFig|\bapprox)$/i.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (++count >= n) return text.slice(0, m.index + 1).trim();
  }
  return text.trim();
}

function nameOf(db: TermDb, id: string): string {
  return db.term(id)?.preferredName ?? id;
}

function currentNameNote(term: Term, form: SurfaceForm): string | undefined {
  const name = md(form.name);
  const current = md(term.preferredName);
  switch (form.kind) {
    case 'code':
      return `**${name}** is a research code of **${current}**.`;
    case 'former': {
      const f = term.formerNames?.find((x) => x.name === form.name);
      return `**${name}** is a former name of **${current}**${f?.until ? ` (until ${md(f.until)})` : ''}${f?.note ? `: ${md(f.note.replace(/\.$/, ''))}` : ''}.`;
    }
    case 'misspelling':
      return `**${name}** looks like a misspelling of **${current}**.`;
    case 'brand': {
      const b = term.brands?.find((x) => x.name === form.name);
      if (!b) return undefined;
      const where = [b.region, b.holder].filter(Boolean).map((x) => md(String(x))).join(', ');
      return `**${name}** is ${b.current ? 'a' : 'a former'} brand of **${current}**${where ? ` (${where})` : ''}${b.note ? `: ${md(b.note.replace(/\.$/, ''))}` : ''}.`;
    }
    case 'synonym':
      return formKey(form.name) === formKey(term.preferredName) ? undefined : `**${name}** is another name for **${current}**${form.note ? ` (${md(form.note)})` : ''}.`;
    default:
      return undefined;
  }
}

/** Names that differ only by a final full stop ("S.T.E.P.S." / "S.T.E.P.S") are shown once. */
function distinct<T extends { name: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = formKey(x.name).replace(/\.$/, '');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function holderText(h: Holder): string {
  return `${md(h.name)}${h.region ? ` (${md(h.region)})` : ''}${h.from ? ` from ${md(h.from)}` : ''}${h.until ? ` until ${md(h.until)}` : ''}`;
}

/** Terms that link to `id` through one of their link lists (reverse links: "degraded by", "programme of"). */
function linkedFrom(db: TermDb, id: string, field: 'neosubstrates' | 'targets' | 'riskProgrammes' | 'memberOf'): Term[] {
  const out: Term[] = [];
  for (const t of db.terms.values()) if ((t[field] ?? []).some((l) => l.id === id)) out.push(t);
  return out.sort((a, b) => a.preferredName.localeCompare(b.preferredName));
}

/** The hover card of a term, as seen from one of its surface forms. */
export function buildCard(db: TermDb, term: Term, form: SurfaceForm, commands: CardCommands = {}, opts: CardOptions = {}): Card {
  const full = opts.full ?? false;
  const short = !full && (opts.short ?? false);
  const refs = new RefNumbers(db, short ? 2 : Infinity);
  const lines: string[] = [];
  lines.push(`### ${md(term.preferredName)} · ${KIND_LABEL[term.kind]}`);
  const note = currentNameNote(term, form);
  if (note) lines.push('', note);

  // names
  const names: string[] = [];
  const brands = (term.brands ?? []).map((b) => `${md(b.name)}${b.current ? '' : ' (former)'}${b.region ? ` – ${md(b.region)}` : ''}`);
  if (brands.length) names.push(`**Brands:** ${brands.join('; ')}`);
  const codes = (term.codes ?? []).map((c) => md(c.name));
  if (codes.length) names.push(`**Codes:** ${codes.join(', ')}`);
  const former = distinct(term.formerNames ?? []).map((f) => `${md(f.name)}${f.until ? ` (until ${md(f.until)})` : ''}`);
  if (former.length) names.push(`**Former names:** ${former.join(', ')}`);
  const syn = distinct(term.synonyms ?? []).map((s) => md(s.name));
  if (syn.length) names.push(`**Also:** ${syn.join(', ')}`);
  if (names.length && !short) lines.push('', names.join('  \n'));

  lines.push('', `${md(short ? firstSentences(term.summary.text, 1) : term.summary.text)}${refs.cite(term.summary.refs)}`);

  const classes: string[] = [];
  for (const m of term.memberOf ?? []) {
    const cls = db.term(m.id);
    if (cls) classes.push(`${md(cls.preferredName)}${refs.cite(m.refs)}`);
  }
  for (const g of term.generation ?? []) {
    if (g.usage === 'wrong') continue;
    const usual = !g.usage || g.usage === 'usual';
    // the short card names the usual labels only; the reasoning behind a label's usage is for the sheet
    if (short && !usual) continue;
    classes.push(`${md(g.label)}${usual ? '' : ` (${g.usage}${full && g.note ? `: ${md(g.note)}` : ''})`}${refs.cite(g.refs)}`);
  }
  const classification = (full ? term.classification ?? [] : short ? [] : (term.classification ?? []).slice(0, 2)).map((c) => `${md(c.text)}${refs.cite(c.refs)}`);
  const classLines = [classes.length ? `**Class:** ${classes.join('; ')}` : '', classification.length ? `**Classified as:** ${classification.join(' · ')}` : ''].filter(Boolean);
  if (classLines.length) lines.push('', classLines.join('  \n'));

  if (term.kind === 'class') {
    const members = [...db.membersOf(term.id)].map((id) => nameOf(db, id)).sort((a, b) => a.localeCompare(b)).map(md);
    if (members.length) lines.push('', `**Members:** ${members.join(', ')}`);
  }

  if (term.mechanism) {
    const text = full ? term.mechanism.text : firstSentences(term.mechanism.text, short ? 1 : 2);
    lines.push('', `**Mechanism:** ${md(text)}${refs.cite(term.mechanism.refs)}`);
  }
  const links: string[] = [];
  const t = short ? [] : (term.targets ?? []).map((x) => `${md(nameOf(db, x.id))}${refs.cite(x.refs)}`);
  if (t.length) links.push(`**Target:** ${t.join(', ')}`);
  const n = short ? [] : (term.neosubstrates ?? []).map((x) => `${md(nameOf(db, x.id))}${x.note ? ` (${md(x.note)})` : ''}${refs.cite(x.refs)}`);
  if (n.length) links.push(`**Degrades:** ${n.join(', ')}`);
  if (term.kind === 'protein' || term.kind === 'complex') {
    const by = linkedFrom(db, term.id, 'neosubstrates').map((x) => md(x.preferredName));
    if (by.length) links.push(`**Degraded by:** ${by.join(', ')}`);
    const boundBy = linkedFrom(db, term.id, 'targets').map((x) => md(x.preferredName));
    if (boundBy.length) links.push(`**Target of:** ${boundBy.join(', ')}`);
  }
  if (term.kind === 'programme') {
    const of = linkedFrom(db, term.id, 'riskProgrammes').map((x) => md(x.preferredName));
    if (of.length) links.push(`**Programme of:** ${of.join(', ')}`);
  }
  if (links.length) lines.push('', links.join('  \n'));

  if (term.approvals?.length && !short) {
    lines.push('', '| Agency | Date | Indication |', '|---|---|---|');
    for (const a of term.approvals) {
      const extra = [a.brand ? md(a.brand) : '', a.pathway ? md(a.pathway) : ''].filter(Boolean).join(', ');
      lines.push(`| ${md(a.agency)} | ${md(a.date)} | ${md(a.indication)}${extra ? ` (${extra})` : ''}${refs.cite(a.refs)} |`);
    }
  }
  const status: string[] = [];
  if (term.status) status.push(`**Status:** ${md(term.status.value)}${term.status.note ? ` (${md(short ? firstSentences(term.status.note, 1) : term.status.note)})` : ''}${refs.cite(term.status.refs)}`);
  if (short && status.length) lines.push('', status.join('  \n'));
  if (term.boxedWarnings?.length) {
    // the short card: the first two (the data lists the most serious first)
    const shown = short ? term.boxedWarnings.slice(0, 2) : term.boxedWarnings;
    const more = term.boxedWarnings.length - shown.length;
    lines.push('', `**Boxed warning:** ${shown.map((w) => `${md(w.text)}${refs.cite(w.refs)}`).join('; ')}${more ? ` (${more} more on the term sheet)` : ''}`);
  }
  const programmes = short ? [] : (term.riskProgrammes ?? []).map((p) => `${md(nameOf(db, p.id))}${p.note ? ` (${md(p.note)})` : ''}${refs.cite(p.refs)}`);
  if (programmes.length) lines.push('', `**Risk programme:** ${programmes.join('; ')}`);
  if (term.atc && !short) status.push(`**ATC:** ${md(term.atc.code)}${refs.cite(term.atc.refs)}`);
  const currentHolders = (term.holders ?? []).filter((h) => !h.until);
  // a drug's holder is for the sheet when short; a company's owner or a programme's holder is what it is
  if (!full && currentHolders.length && (!short || term.kind === 'company' || term.kind === 'programme')) {
    const holders = `**${HOLDER_LABEL[term.kind]}:** ${currentHolders.map((h) => `${holderText(h)}${refs.cite(h.refs)}`).join('; ')}`;
    if (short) lines.push('', holders);
    else status.push(holders);
  }
  if (!short && status.length) lines.push('', status.join('  \n'));

  if (full) {
    const holders = (term.holders ?? []).map((h) => `${holderText(h)}${h.note ? `: ${md(h.note)}` : ''}${refs.cite(h.refs)}`);
    if (holders.length) lines.push('', `**${HOLDER_LABEL[term.kind]}:**`, '', ...holders.map((h) => `- ${h}`));
    const facts = (term.facts ?? []).map((f: Fact) => `- ${md(f.text)}${refs.cite(f.refs)}`);
    if (facts.length) lines.push('', '**Facts:**', '', ...facts);
    const dis = (term.disagreements ?? []).map((d) => `- *${md(d.topic)}:* ${md(d.text)}${refs.cite(d.refs)}`);
    if (dis.length) lines.push('', '**Where sources disagree:**', '', ...dis);
    const wrong = (term.generation ?? []).filter((g) => g.usage === 'wrong').map((g) => `- *${md(g.label)}* is wrong${g.note ? `: ${md(g.note)}` : ''}${refs.cite(g.refs)}`);
    if (wrong.length) lines.push('', '**Labels to avoid:**', '', ...wrong);
    if (term.unverified?.length) lines.push('', `**Left out (not verified):** ${term.unverified.map(md).join('; ')}`);
    if (term.seeAlso?.length) lines.push('', `**See also:** ${term.seeAlso.map((id) => md(nameOf(db, id))).join(', ')}`);
  }

  const references: CardReference[] = [];
  if (refs.order.length) {
    // the hover: one paragraph, each reference a link ("[1] Krönke et al. (2014)"); elsewhere a numbered list
    if (short) lines.push('', `**References:** ${refs.order.map((key, i) => `\\[${i + 1}\\] ${referenceLink(db.reference(key) as CslItem)}`).join(' · ')}`);
    else lines.push('', '**References**', '');
    refs.order.forEach((key, i) => {
      const item = db.reference(key) as CslItem;
      if (!short) lines.push(`${i + 1}. ${cardReference(item)} \`${md(key)}\``);
      references.push({ key, label: cardReference(item, { links: false }), ...(item.DOI ? { doi: item.DOI } : {}), ...(item.PMID ? { pmid: item.PMID } : {}), ...(item.URL ? { url: item.URL } : {}) });
    });
  }
  const actions: string[] = [];
  const keys = refs.order.slice(0, 3);
  if (commands.insertCitation && keys.length) actions.push(`[Insert citation](${commands.insertCitation(keys)} "Cite ${keys.join(', ')}")`);
  if (commands.openTermSheet && !full) actions.push(`[${short ? 'Full term sheet' : 'Open term sheet'}](${commands.openTermSheet(term.id)} "Everything imid-lens knows about ${term.preferredName.replace(/"/g, '')}")`);
  lines.push('', `*As of ${md(term.asOf)}*${actions.length ? ` · ${actions.join(' · ')}` : ''}`);

  const card: Card = {
    id: term.id,
    preferredName: term.preferredName,
    matchedName: form.name,
    matchedKind: form.kind,
    kind: term.kind,
    asOf: term.asOf,
    markdown: lines.join('\n'),
    references,
  };
  const formerBrand = form.kind === 'brand' && term.brands?.some((b) => b.name === form.name && !b.current);
  if (form.kind === 'code' || form.kind === 'former' || form.kind === 'misspelling' || formerBrand) card.currentName = term.preferredName;
  const cardNames: CardNames = {};
  if (term.brands?.length) cardNames.brands = term.brands.map((b) => ({ name: b.name, region: b.region, current: b.current }));
  if (term.codes?.length) cardNames.codes = term.codes.map((c) => c.name);
  if (term.formerNames?.length) cardNames.formerNames = term.formerNames.map((f) => ({ name: f.name, ...(f.until ? { until: f.until } : {}) }));
  if (term.synonyms?.length) cardNames.synonyms = term.synonyms.map((s) => s.name);
  if (Object.keys(cardNames).length) card.names = cardNames;
  const cls = [...(term.memberOf ?? []).map((m) => nameOf(db, m.id)), ...(term.generation ?? []).filter((g) => g.usage === 'usual').map((g) => g.label)];
  if (cls.length) card.class = cls;
  if (term.mechanism) card.mechanism = term.mechanism.text;
  if (term.approvals?.length) card.approvals = term.approvals.map((a) => ({ agency: a.agency, date: a.date, indication: a.indication, ...(a.brand ? { brand: a.brand } : {}), ...(a.pathway ? { pathway: a.pathway } : {}) }));
  if (term.boxedWarnings?.length) card.boxedWarnings = term.boxedWarnings.map((w) => w.text);
  if (term.riskProgrammes?.length) card.riskProgrammes = term.riskProgrammes.map((p) => nameOf(db, p.id));
  if (term.status) card.status = term.status.value;
  if (term.atc) card.atc = term.atc.code;
  if (term.targets?.length) card.targets = term.targets.map((x) => nameOf(db, x.id));
  if (term.neosubstrates?.length) card.neosubstrates = term.neosubstrates.map((x) => nameOf(db, x.id));
  if (term.holders?.length) card.holders = term.holders.map((h) => ({ name: h.name, ...(h.region ? { region: h.region } : {}), ...(h.from ? { from: h.from } : {}), ...(h.until ? { until: h.until } : {}) }));
  return card;
}
