/**
 * Hover cards and term sheets: plain Markdown (no HTML: VS Code strips it),
 * every fact followed by the numbers of the references behind it, and the
 * references listed with DOI / PubMed links.
 *
 * The hover card is short: title (name · kind), what the hovered name is, the
 * names line, summary, class, mechanism (two sentences), targets, approvals
 * table, boxed warning, risk programme, status, holder, references, "as of" and
 * the command links. The term sheet (`full`) adds every fact, holders with
 * dates, disagreements between sources, what was left out and related terms.
 */
import { formatReference, md } from './citations/format';
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
  constructor(private readonly db: TermDb) {}
  cite(refs: readonly string[] | undefined): string {
    if (!refs?.length) return '';
    const nums = refs.filter((r) => this.db.reference(r)).map((r) => {
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
export function buildCard(db: TermDb, term: Term, form: SurfaceForm, commands: CardCommands = {}, opts: { full?: boolean } = {}): Card {
  const refs = new RefNumbers(db);
  const lines: string[] = [];
  const full = opts.full ?? false;
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
  if (names.length) lines.push('', names.join('  \n'));

  lines.push('', `${md(term.summary.text)}${refs.cite(term.summary.refs)}`);

  const classes: string[] = [];
  for (const m of term.memberOf ?? []) {
    const cls = db.term(m.id);
    if (cls) classes.push(`${md(cls.preferredName)}${refs.cite(m.refs)}`);
  }
  for (const g of term.generation ?? []) {
    if (g.usage === 'wrong') continue;
    classes.push(`${md(g.label)}${g.usage && g.usage !== 'usual' ? ` (${g.usage}${g.note ? `: ${md(g.note)}` : ''})` : ''}${refs.cite(g.refs)}`);
  }
  const classification = (full ? term.classification ?? [] : (term.classification ?? []).slice(0, 2)).map((c) => `${md(c.text)}${refs.cite(c.refs)}`);
  const classLines = [classes.length ? `**Class:** ${classes.join('; ')}` : '', classification.length ? `**Classified as:** ${classification.join(' · ')}` : ''].filter(Boolean);
  if (classLines.length) lines.push('', classLines.join('  \n'));

  if (term.kind === 'class') {
    const members = [...db.membersOf(term.id)].map((id) => nameOf(db, id)).sort((a, b) => a.localeCompare(b)).map(md);
    if (members.length) lines.push('', `**Members:** ${members.join(', ')}`);
  }

  if (term.mechanism) {
    const text = full ? term.mechanism.text : firstSentences(term.mechanism.text, 2);
    lines.push('', `**Mechanism:** ${md(text)}${refs.cite(term.mechanism.refs)}`);
  }
  const links: string[] = [];
  const t = (term.targets ?? []).map((x) => `${md(nameOf(db, x.id))}${refs.cite(x.refs)}`);
  if (t.length) links.push(`**Target:** ${t.join(', ')}`);
  const n = (term.neosubstrates ?? []).map((x) => `${md(nameOf(db, x.id))}${x.note ? ` (${md(x.note)})` : ''}${refs.cite(x.refs)}`);
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

  if (term.approvals?.length) {
    lines.push('', '| Agency | Date | Indication |', '|---|---|---|');
    for (const a of term.approvals) {
      const extra = [a.brand ? md(a.brand) : '', a.pathway ? md(a.pathway) : ''].filter(Boolean).join(', ');
      lines.push(`| ${md(a.agency)} | ${md(a.date)} | ${md(a.indication)}${extra ? ` (${extra})` : ''}${refs.cite(a.refs)} |`);
    }
  }
  if (term.boxedWarnings?.length) {
    lines.push('', `**Boxed warning:** ${term.boxedWarnings.map((w) => `${md(w.text)}${refs.cite(w.refs)}`).join('; ')}`);
  }
  const programmes = (term.riskProgrammes ?? []).map((p) => `${md(nameOf(db, p.id))}${p.note ? ` (${md(p.note)})` : ''}${refs.cite(p.refs)}`);
  if (programmes.length) lines.push('', `**Risk programme:** ${programmes.join('; ')}`);
  const status: string[] = [];
  if (term.status) status.push(`**Status:** ${md(term.status.value)}${term.status.note ? ` (${md(term.status.note)})` : ''}${refs.cite(term.status.refs)}`);
  if (term.atc) status.push(`**ATC:** ${md(term.atc.code)}${refs.cite(term.atc.refs)}`);
  const currentHolders = (term.holders ?? []).filter((h) => !h.until);
  if (!full && currentHolders.length) status.push(`**${HOLDER_LABEL[term.kind]}:** ${currentHolders.map((h) => `${holderText(h)}${refs.cite(h.refs)}`).join('; ')}`);
  if (status.length) lines.push('', status.join('  \n'));

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
    lines.push('', '**References**', '');
    refs.order.forEach((key, i) => {
      const item = db.reference(key) as CslItem;
      lines.push(`${i + 1}. ${formatReference(item)} \`${md(key)}\``);
      references.push({ key, label: formatReference(item, { links: false }), ...(item.DOI ? { doi: item.DOI } : {}), ...(item.PMID ? { pmid: item.PMID } : {}), ...(item.URL ? { url: item.URL } : {}) });
    });
  }
  const actions: string[] = [];
  const keys = refs.order.slice(0, 3);
  if (commands.insertCitation && keys.length) actions.push(`[Insert citation](${commands.insertCitation(keys)} "Cite ${keys.join(', ')}")`);
  if (commands.openTermSheet && !full) actions.push(`[Open term sheet](${commands.openTermSheet(term.id)} "Everything imid-lens knows about ${term.preferredName.replace(/"/g, '')}")`);
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
