/**
 * Hover cards and term sheets: plain Markdown (no HTML: VS Code strips it),
 * every fact followed by the numbers of the references behind it, and the
 * references listed with DOI / PubMed links.
 */
import { formatReference, md } from './citations/format';
import type { CslItem, Fact, Term } from './data/types';
import type { SurfaceForm, TermDb } from './termdb';

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

export interface Card {
  id: string;
  preferredName: string;
  matchedName: string;
  matchedKind: SurfaceForm['kind'];
  kind: Term['kind'];
  asOf: string;
  markdown: string;
  references: CardReference[];
  /** What the matched name is now called, when it is a former name, code or misspelling. */
  currentName?: string;
  class?: string[];
  mechanism?: string;
  approvals?: Array<{ agency: string; date: string; indication: string }>;
  boxedWarnings?: string[];
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

function firstSentences(text: string, n: number): string {
  const parts = text.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [text];
  return parts.slice(0, n).join('').trim();
}

function currentNameNote(db: TermDb, term: Term, form: SurfaceForm): string | undefined {
  const name = md(form.name);
  const current = md(term.preferredName);
  switch (form.kind) {
    case 'code':
      return `**${name}** is a research code of **${current}**.`;
    case 'former': {
      const f = term.formerNames?.find((x) => x.name === form.name);
      return `**${name}** is a former name of **${current}**${f?.until ? ` (until ${md(f.until)})` : ''}${f?.note ? `: ${md(f.note)}` : ''}.`;
    }
    case 'misspelling':
      return `**${name}** looks like a misspelling of **${current}**.`;
    case 'brand': {
      const b = term.brands?.find((x) => x.name === form.name);
      if (!b) return undefined;
      const where = [b.region, b.holder].filter(Boolean).map((x) => md(String(x))).join(', ');
      return `**${name}** is ${b.current ? 'a' : 'a former'} brand of **${current}**${where ? ` (${where})` : ''}${b.note ? `: ${md(b.note)}` : ''}.`;
    }
    default:
      void db;
      return undefined;
  }
}

/** The hover card of a term, as seen from one of its surface forms. */
export function buildCard(db: TermDb, term: Term, form: SurfaceForm, commands: CardCommands = {}, opts: { full?: boolean } = {}): Card {
  const refs = new RefNumbers(db);
  const lines: string[] = [];
  const full = opts.full ?? false;
  lines.push(`### ${md(term.preferredName)} · ${KIND_LABEL[term.kind]}`);
  const note = currentNameNote(db, term, form);
  if (note) lines.push('', note);

  // names
  const names: string[] = [];
  const brands = (term.brands ?? []).map((b) => `${md(b.name)}${b.current ? '' : ' (former)'}${b.region ? ` – ${md(b.region)}` : ''}`);
  if (brands.length) names.push(`**Brands:** ${brands.join('; ')}`);
  const codes = (term.codes ?? []).map((c) => md(c.name));
  if (codes.length) names.push(`**Codes:** ${codes.join(', ')}`);
  const former = (term.formerNames ?? []).map((f) => `${md(f.name)}${f.until ? ` (until ${md(f.until)})` : ''}`);
  if (former.length) names.push(`**Former names:** ${former.join(', ')}`);
  const syn = (term.synonyms ?? []).map((s) => md(s.name));
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
  for (const c of full ? term.classification ?? [] : (term.classification ?? []).slice(0, 2)) classes.push(`${md(c.text)}${refs.cite(c.refs)}`);
  if (classes.length) lines.push('', `**Class:** ${classes.join('; ')}`);

  if (term.mechanism) {
    const text = full ? term.mechanism.text : firstSentences(term.mechanism.text, 2);
    lines.push('', `**Mechanism:** ${md(text)}${refs.cite(term.mechanism.refs)}`);
  }
  const targets = [...(term.targets ?? []), ...(term.neosubstrates ?? [])];
  if (targets.length) {
    const t = (term.targets ?? []).map((x) => `${md(db.term(x.id)?.preferredName ?? x.id)}${refs.cite(x.refs)}`);
    const n = (term.neosubstrates ?? []).map((x) => `${md(db.term(x.id)?.preferredName ?? x.id)}${refs.cite(x.refs)}`);
    const parts = [t.length ? `**Target:** ${t.join(', ')}` : '', n.length ? `**Degrades:** ${n.join(', ')}` : ''].filter(Boolean);
    lines.push('', parts.join('  \n'));
  }

  if (term.approvals?.length) {
    lines.push('', '| Agency | Date | Indication |', '|---|---|---|');
    for (const a of term.approvals) {
      lines.push(`| ${md(a.agency)} | ${md(a.date)} | ${md(a.indication)}${a.pathway ? ` (${md(a.pathway)})` : ''}${refs.cite(a.refs)} |`);
    }
  }
  if (term.boxedWarnings?.length) {
    lines.push('', `**Boxed warning:** ${term.boxedWarnings.map((w) => `${md(w.text)}${refs.cite(w.refs)}`).join('; ')}`);
  }
  const programmes = (term.riskProgrammes ?? []).map((p) => `${md(db.term(p.id)?.preferredName ?? p.id)}${refs.cite(p.refs)}`);
  if (programmes.length) lines.push('', `**Risk programme:** ${programmes.join('; ')}`);
  if (term.status) lines.push('', `**Status:** ${md(term.status.value)}${term.status.note ? ` (${md(term.status.note)})` : ''}${refs.cite(term.status.refs)}`);
  if (term.atc) lines.push(`**ATC:** ${md(term.atc.code)}${refs.cite(term.atc.refs)}`);

  if (full) {
    const holders = (term.holders ?? []).map((h) => `${md(h.name)}${h.region ? ` (${md(h.region)})` : ''}${h.from ? ` from ${md(h.from)}` : ''}${h.until ? ` until ${md(h.until)}` : ''}${h.note ? `: ${md(h.note)}` : ''}${refs.cite(h.refs)}`);
    if (holders.length) lines.push('', '**Marketing-authorisation holder:**', ...holders.map((h) => `- ${h}`));
    const facts = (term.facts ?? []).map((f: Fact) => `- ${md(f.text)}${refs.cite(f.refs)}`);
    if (facts.length) lines.push('', '**Facts:**', ...facts);
    const dis = (term.disagreements ?? []).map((d) => `- *${md(d.topic)}:* ${md(d.text)}${refs.cite(d.refs)}`);
    if (dis.length) lines.push('', '**Where sources disagree:**', ...dis);
    if (term.unverified?.length) lines.push('', `**Left out (not verified):** ${term.unverified.map(md).join('; ')}`);
    if (term.seeAlso?.length) lines.push('', `**See also:** ${term.seeAlso.map((id) => md(db.term(id)?.preferredName ?? id)).join(', ')}`);
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
  if (commands.openTermSheet && !full) actions.push(`[Open term sheet](${commands.openTermSheet(term.id)} "Everything imid-lens knows about ${term.preferredName}")`);
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
  if (form.kind === 'code' || form.kind === 'former' || form.kind === 'misspelling') card.currentName = term.preferredName;
  const cls = [...(term.memberOf ?? []).map((m) => db.term(m.id)?.preferredName ?? m.id), ...(term.generation ?? []).filter((g) => g.usage === 'usual').map((g) => g.label)];
  if (cls.length) card.class = cls;
  if (term.mechanism) card.mechanism = term.mechanism.text;
  if (term.approvals?.length) card.approvals = term.approvals.map((a) => ({ agency: a.agency, date: a.date, indication: a.indication }));
  if (term.boxedWarnings?.length) card.boxedWarnings = term.boxedWarnings.map((w) => w.text);
  return card;
}
