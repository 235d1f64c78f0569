/**
 * Companies: who markets, sells or holds a drug (present tense: the holders valid at the
 * document's date) and who developed it (originator and developer), from the companies
 * with roles and dates in data/terms. "Celgene, now part of Bristol Myers Squibb, ..."
 * and explicitly dated statements are fine.
 */
import type { TermKind } from '../../data/types';
import type { Ent } from '../analyse';
import { dateValue } from '../analyse';
import { type Contradiction, type FrameInput, type FrameRule, prettyDate, cap } from '../types';

export const COMPANY_FRAME: FrameRule = {
  id: 'fact-company',
  family: 'companies',
  severity: 'warning',
  title: 'Company role contradicts the database',
  description: 'A company said to market (present tense) or to have developed a drug against the holders (with dates) and developers in data/terms.',
  check,
  examples: {
    invalid: ['Celgene markets Revlimid in the United States.', 'Otezla is sold by Celgene.', 'Bristol Myers Squibb developed lenalidomide.', 'Revlimid, which Celgene markets in the US, comes as a capsule.'],
    valid: ['Celgene, now part of Bristol Myers Squibb, developed lenalidomide.', 'Bristol Myers Squibb markets Revlimid.', 'Celgene marketed Revlimid until 2019.', 'In 2015, Celgene sold Revlimid in 70 countries.', 'Amgen markets Otezla.'],
  },
};

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, lex, facts } = x;
  const companies = s.ents.filter((e) => e.kind === 'company');
  if (!companies.length) return;
  // "Celgene, now part of Bristol Myers Squibb," / "Celgene (now BMS)": the writer has dated it
  const dated = (e: Ent) => {
    const k = s.toks.findIndex((t) => t.ent === e);
    const end = s.afterEnt(k);
    // before the name only an ownership phrase dates it ("part of", "acquired"): "originally developed by
    // Pharmion" says who developed it, not that Pharmion was renamed
    return s.hasIn(lex.companySince, end, Math.min(s.toks.length, end + 5)) || s.hitsIn(lex.companySince, Math.max(0, k - 4), k).some((h) => h.phrase !== 'originally' && h.phrase !== 'formerly');
  };
  if (dealEvent(x, companies, out)) return;
  if (ownedActor(x, companies.filter((e) => !dated(e)), out)) return;
  if (possessive(x, companies.filter((e) => !dated(e)), out)) return;
  for (const h of s.hits(lex.companyVerbs)) {
    const kind = h.value;
    if (kind === 'past') continue;
    if (s.question || s.negated(h.i, h.j) || s.conditional(h.i)) continue;
    // "Celgene to sell Otezla to Amgen", "sells the rights to Amgen": a sale to another company is a transfer
    if (s.toks[h.i - 1]?.t === 'to' && s.toks[h.i - 2]?.ent?.kind === 'company') continue;
    if (/^sells?$/.test(s.toks[h.i].t) && s.toks.slice(h.j, h.j + 8).some((t, n, a) => t.t === 'to' && a[n + 1]?.ent?.kind === 'company')) continue;
    // the company and the drug around the verb, in one clause
    const c = s.clauseOf(h.i);
    const company = nearest(s, companies, h.i, c);
    if (!company || dated(company)) continue;
    // "acquired the rights to Otezla from Celgene": a transfer, not a claim about today's holder
    // (a reason clause after the verb is about another deal: "Otezla belongs to BMS since they bought Celgene")
    let reason = h.j;
    while (reason < c.to && !REASONS.has(s.toks[reason].t)) reason++;
    // ("holds the worldwide rights to Otezla" is a holding, not a transfer)
    const holding = ['holds', 'hold', 'owns', 'own'].includes(h.phrase);
    if (s.hitsIn(lex.companyTransfer, c.from, reason).some((t) => !(holding && t.phrase === 'rights'))) continue;
    // products: drugs and their restricted-distribution programmes ("Celgene runs the THALOMID REMS")
    const drugs = [...s.namedBefore(h.i, PRODUCTS), ...s.namedAfter(h.j, PRODUCTS, 8)].filter((e, k, a) => a.findIndex((y) => y.termId === e.termId) === k);
    const subjects = drugs.length ? drugs.map((e) => e.termId) : s.subjects(h.i, { context: true }).map((x) => x.termId);
    if (!subjects.length) continue;
    if (kind === 'present') {
      // a brand of the past (Contergan) is described with its own holder
      const brandNames = [...drugs.map((e) => ({ id: e.termId, name: e.text })), ...(s.ctx.topic && s.ctx.topicName ? [{ id: s.ctx.topic, name: s.ctx.topicName }] : [])];
      if (brandNames.some((b) => facts.brand(b.id, b.name)?.current === false)) continue;
      if (s.tenseOf(h.i) === 'past' || s.framedAsPast(h.i) || s.years(h.i, true).length) continue;
      if (['by', 'from', 'maker', 'manufacturer', 'marketer', 'holder', 'owner', 'company', 'supplier', 'distributor', 'sponsor'].includes(h.phrase) && !adjacent(s, company, h)) continue;
      // bare "by"/"from" only right after the product: "Revlimid (by Celgene)", "Otezla, from Celgene,"
      if ((h.phrase === 'by' || h.phrase === 'from') && !afterProduct(s, h.i)) continue;
      const owner = ownerOf(x, company.termId);
      const bad = subjects.filter((d) => facts.knowsCompanies(d, ['holder', 'marketer', 'parent']) && (owner || !facts.companiesIn(d, ['holder', 'marketer', 'parent'], x.at).some((r) => r.company === company.termId)));
      if (!bad.length) continue;
      const now = bad.map((d) => [...new Set(facts.companiesIn(d, ['holder', 'marketer'], x.at).map((r) => r.company).filter((id) => !ownerOf(x, id)))]);
      const names = [...new Set(now.flat())].map((id) => facts.name(id));
      const same = now.every((l) => l.length && l[0] === now[0][0]) && now.length === subjects.length;
      const roles = facts.companiesIn(bad[0], ['holder', 'marketer', 'parent']);
      const refs = [...new Set([...(owner?.refs ?? []), ...roles.flatMap((r) => r.refs), ...(facts.term(company.termId)?.summary.refs ?? [])])].slice(0, 3);
      out.push({
        ruleId: COMPANY_FRAME.id,
        start: company.start,
        end: company.end,
        message: `${owner ? `${facts.name(company.termId)} has been part of ${facts.name(owner.company)} since ${prettyDate(owner.from)}; ` : ''}${facts.name(company.termId)} no longer ${bad.every((d) => facts.term(d)?.kind === 'programme') ? 'runs' : 'markets'} ${bad.map((d) => facts.name(d)).join(' and ')}: ${names.length ? `${names.join(' and ')} ${names.length > 1 ? 'hold' : 'holds'} ${bad.length > 1 ? 'them' : 'it'} today` : 'the holder has changed'}.`,
        evidence: refs,
        ...(same && names.length === 1 ? { rewrite: { title: `Replace with "${names[0]}"`, edits: [{ start: company.start, end: company.end, newText: names[0] }] } } : {}),
        data: { company: company.termId, terms: bad },
      });
      return;
    }
    if (kind === 'develop') {
      // "are now developed by BMS", "is being developed by": further development today, not who originated it
      // (then only a company with no role at all for the drug is wrong: "iberdomide is being developed by Amgen")
      const prev = s.toks[h.i - 1]?.t ?? '';
      const today = prev === 'now' || prev === 'being' || prev === 'is' || prev === 'are' || s.toks[h.i].t === 'develops' || s.toks[h.i].t === 'developer';
      // "is being developed by Celgene": a company that has been part of another since before the checked date
      const owner = today && !s.framedAsPast(h.i) && !s.years(h.i, true).length ? ownerOf(x, company.termId) : undefined;
      if (owner) {
        const prods = subjects.filter((d) => facts.term(d)?.kind === 'drug');
        if (prods.length) {
          out.push({
            ruleId: COMPANY_FRAME.id,
            start: company.start,
            end: company.end,
            message: `${facts.name(company.termId)} has been part of ${facts.name(owner.company)} since ${prettyDate(owner.from)}: ${prods.map((d) => facts.name(d)).join(' and ')} ${prods.length > 1 ? 'are' : 'is'} developed by ${facts.name(owner.company)} today.`,
            evidence: owner.refs.slice(0, 3),
            rewrite: { title: `Replace with "${facts.name(owner.company)}"`, edits: [{ start: company.start, end: company.end, newText: facts.name(owner.company) }] },
            data: { company: company.termId, terms: prods },
          });
          return;
        }
      }
      if (today && subjects.some((d) => !facts.knowsCompanies(d, ['originator', 'developer']) || facts.companiesIn(d, ['originator', 'developer', 'holder', 'marketer', 'parent']).some((r) => r.company === company.termId || ownerOf(x, r.company)?.company === company.termId))) continue;
      const bad = subjects.filter((d) => facts.knowsCompanies(d, ['originator', 'developer']) && !facts.companiesIn(d, ['originator', 'developer']).some((r) => r.company === company.termId));
      if (!bad.length) continue;
      const devs = [...new Set(bad.flatMap((d) => facts.companiesIn(d, ['originator', 'developer']).map((r) => r.company)))];
      const refs = bad.flatMap((d) => facts.companiesIn(d, ['originator', 'developer']).flatMap((r) => r.refs)).slice(0, 3);
      out.push({
        ruleId: COMPANY_FRAME.id,
        start: company.start,
        end: company.end,
        message: `${facts.name(company.termId)} did not develop ${bad.map((d) => facts.name(d)).join(' and ')}: ${devs.map((id) => facts.name(id)).join(' and ')} did.`,
        evidence: refs,
        ...(devs.length === 1 && bad.length === subjects.length ? { rewrite: { title: `Replace with "${facts.name(devs[0])}"`, edits: [{ start: company.start, end: company.end, newText: facts.name(devs[0]) }] } } : {}),
        data: { company: company.termId, terms: bad },
      });
      return;
    }
  }
}

const REASONS = new Set(['since', 'because', 'after', 'following', 'when']);

function nearest(s: FrameInput['s'], companies: Ent[], i: number, c: { from: number; to: number }): Ent | undefined {
  let best: Ent | undefined;
  let dist = Infinity;
  // "Celgene, now a Bristol Myers Squibb company, developed ...": the owner in the apposition is not the actor
  const owners = new Set(companies.filter((e) => {
    const k = s.toks.findIndex((t) => t.ent === e);
    const t1 = s.toks[k - 1]?.t ?? '';
    const t2 = s.toks[k - 2]?.t ?? '';
    const opens = (m: number) => [',', '(', '\u2014'].includes(s.toks[m]?.t ?? '');
    return companies.length > 1 && ((t2 === 'now' && (t1 === 'a' || t1 === 'an') && opens(k - 3)) || (t1 === 'now' && opens(k - 2)) || s.hitsIn(s.lex.companySince, Math.max(c.from, k - 4), k).some((h) => h.j === k && (opens(h.i - 1) || (s.toks[h.i - 1]?.t === 'now' && opens(h.i - 2)))));
  }));
  for (const e of companies) {
    const k = s.toks.findIndex((t) => t.ent === e);
    // ("Amgen, not BMS, markets Otezla": a company denied in passing is not the actor)
    if (k < c.from || k >= c.to || owners.has(e) || s.toks[k - 1]?.t === 'not') continue;
    const d = Math.abs(k - i);
    if (d < dist) {
      dist = d;
      best = e;
    }
  }
  return dist <= 8 ? best : undefined;
}

/** "by Celgene", "from Celgene": the company follows the word directly. */
function adjacent(s: FrameInput['s'], company: Ent, h: { i: number; j: number }): boolean {
  // "Celgene, the sponsor of the application": the role noun in an apposition after the company
  if ((s.toks[h.i - 1]?.t === 'the' && s.toks[h.i - 2]?.t === ',' && s.toks[h.i - 3]?.ent === company) || (s.toks[h.i - 1]?.t === ',' && s.toks[h.i - 2]?.ent === company)) return true;
  let k = h.j < s.toks.length ? h.j : -1;
  if (k >= 0 && s.toks[k].t === ':') k++;
  return k >= 0 && k < s.toks.length && (s.toks[k].ent === company || (s.toks[k].t === 'the' && s.toks[k + 1]?.ent === company));
}

/** The company that owns this one since a date on or before the checked date (Celgene → Bristol Myers Squibb, 2019-11-20). */
function ownerOf(x: FrameInput, companyId: string): { company: string; from?: string; refs: string[] } | undefined {
  const t = x.facts.term(companyId);
  for (const h of t?.holders ?? []) {
    const from = dateValue(h.from);
    if (from === undefined || from > x.at) continue;
    if (h.until && (dateValue(h.until) ?? 0) <= x.at) continue;
    const id = x.facts.companyIdOf(h.name);
    if (id && id !== companyId) return { company: id, ...(h.from ? { from: h.from } : {}), refs: h.refs };
  }
  return undefined;
}

const PRODUCTS: readonly TermKind[] = ['drug', 'programme'];
const PAST_EVENT = new Set(['won', 'received', 'gained', 'got', 'earned', 'secured', 'obtained', 'announced', 'reported', 'posted', 'launched', 'approved', 'approves', 'approve', 'cleared', 'clears', 'authorised', 'authorized', 'discovered', 'developed', 'invented', 'created', 'designed', 'synthesised', 'synthesized', 'emerged', 'originated']);
const ACTOR_VERBS = new Set(['has', 'have', 'runs', 'run', 'maintains', 'maintain', 'offers', 'offer', 'provides', 'provide', 'expects', 'expect', 'plans', 'plan', 'sponsors', 'sponsor', 'supports', 'support', 'continues', 'continue', 'controls', 'control', 'operates', 'operate', 'funds', 'fund', 'is', 'are', 'remains', 'trades', 'trade', 'employs', 'promotes', 'leads', 'still']);
const INDEPENDENT = new Set(['independent', 'nasdaq', 'nyse', 'listed', 'publicly', 'stand', 'standalone', 'trades', 'undervalued', 'overvalued', 'stock', 'shares', 'ticker', 'cap']);

/**
 * A company that has been owned by another since a date before the checked date, written as
 * the present-tense actor of its former products ("Celgene maintains a pregnancy registry for
 * Otezla", "Celgene has a copay card", "Celgene is a biopharmaceutical company listed on NASDAQ").
 */
function ownedActor(x: FrameInput, companies: Ent[], out: Contradiction[]): boolean {
  const { s, facts } = x;
  for (const company of companies) {
    const owner = ownerOf(x, company.termId);
    if (!owner) continue;
    const k = s.toks.findIndex((t) => t.ent === company);
    const v = s.afterEnt(k);
    const verb = s.toks[v]?.t === 'still' ? s.toks[v + 1] : s.toks[v];
    // "Celgene, an independent company, makes ...": an apposition that calls it independent
    if (s.toks[v]?.t === ',' && (s.toks[v + 1]?.t === 'an' || s.toks[v + 1]?.t === 'a') && !s.negated(v + 1)) {
      let e = v + 2;
      while (e < s.toks.length && e < v + 8 && s.toks[e].t !== ',' && s.toks[e].t !== ')' && !INDEPENDENT.has(s.toks[e].t)) e++;
      if (INDEPENDENT.has(s.toks[e]?.t ?? '') && s.tenseOf(k) !== 'past' && !s.framedAsPast(k) && !s.years(k, true).length) {
        out.push({
          ruleId: COMPANY_FRAME.id,
          start: company.start,
          end: company.end,
          message: `${facts.name(company.termId)} is not an independent company: it has been part of ${facts.name(owner.company)} since ${prettyDate(owner.from)}.`,
          evidence: owner.refs.slice(0, 3),
          data: { company: company.termId },
        });
        return true;
      }
    }
    if (!verb || !ACTOR_VERBS.has(verb.t) || k !== firstContent(s, s.clauseOf(k).from)) continue;
    if (s.framedAsPast(k) || s.tenseOf(k) === 'past' || s.years(k, true).length || s.negated(v + 1)) continue;
    const c = s.clauseOf(k);
    const named = s.ents.filter((e) => PRODUCTS.includes(e.kind)).map((e) => e.termId);
    const products = named.length ? named : s.subjects(v, { context: true }).map((x) => x.termId);
    const former = products.filter((d) => facts.companiesIn(d, ['holder', 'marketer', 'originator', 'developer']).some((r) => r.company === company.termId));
    const independent = (verb.t === 'is' || verb.t === 'remains' || verb.t === 'trades') && s.toks.slice(v, c.to).some((t) => INDEPENDENT.has(t.t));
    // "Celgene is an American company that developed Revlimid": what it is, not a claim that it still sells them
    const copula = verb.t === 'is' || verb.t === 'are' || verb.t === 'remains';
    if (copula ? !independent : !former.length && !independent) continue;
    out.push({
      ruleId: COMPANY_FRAME.id,
      start: company.start,
      end: company.end,
      message: `${facts.name(company.termId)} has been part of ${facts.name(owner.company)} since ${prettyDate(owner.from)}${former.length ? `; ${[...new Set(former)].map((d) => facts.name(d)).join(' and ')} ${former.length > 1 ? 'are' : 'is'} held by ${[...new Set(former.flatMap((d) => facts.companiesIn(d, ['holder', 'marketer'], x.at).map((r) => r.company)).filter((id) => !ownerOf(x, id)))].map((id) => facts.name(id)).join(' and ') || 'another company'} today` : ''}.`,
      evidence: owner.refs.slice(0, 3),
      data: { company: company.termId },
    });
    return true;
  }
  return false;
}

function firstContent(s: FrameInput['s'], from: number): number {
  let k = from;
  while (k < s.toks.length && (/^[#*\-\u2022|>:,"']$/.test(s.toks[k].t) || s.toks[k].t === 'and' || s.toks[k].t === 'but' || s.toks[k].t === 'today' || s.toks[k].t === 'now')) k++;
  return k;
}

function afterProduct(s: FrameInput['s'], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (s.toks[k].t === ',' || s.toks[k].t === '(' || s.toks[k].t === '\u2014')) k--;
  return k >= 0 && !!s.toks[k].ent && s.toks[k].ent!.kind === 'drug';
}

/** "Celgene's Revlimid", "a Celgene drug, Revlimid": a present attribution of the product to the company. */
function possessive(x: FrameInput, companies: Ent[], out: Contradiction[]): boolean {
  const { s, facts, lex } = x;
  for (const company of companies) {
    const k = s.toks.findIndex((t) => t.ent === company);
    let q = s.afterEnt(k);
    const poss = s.toks[q]?.t === "'s";
    if (poss) q++;
    // "Celgene's Revlimid" / "Celgene's (oral) drug Revlimid" / "a Celgene product"
    let adj = 0;
    // "Celgene's (fastest-growing / top-selling) drug": up to two describing words, hyphens apart
    let words = 0;
    while (words < 2 && adj < 5 && /^([a-z-]+|&)$/.test(s.toks[q + adj]?.t ?? '') && !lex.possessiveNouns.has(s.toks[q + adj].t) && !s.toks[q + adj].ent) {
      if (s.toks[q + adj].t !== '-' && s.toks[q + adj + 1]?.t !== '-' && s.toks[q + adj].t !== '&' && s.toks[q + adj + 1]?.t !== '&') words++;
      adj++;
    }
    // ("Celgene's newest oral IMiD": a class noun names a product too)
    const clsAt = (m: number) => { const c = lex.classes.at(s.toks, m); return c && c.value.group === 'mechanism' ? c : undefined; };
    if (lex.possessiveNouns.has(s.toks[q + adj]?.t ?? '') || clsAt(q + adj)) q += adj;
    const cls = !lex.possessiveNouns.has(s.toks[q]?.t ?? '') ? clsAt(q) : undefined;
    if (cls) q = cls.j - 1;
    const noun = lex.possessiveNouns.has(s.toks[q]?.t ?? '') || !!cls;
    if (!poss && !noun) continue;
    if (noun) q++;
    const e = s.entAt(q) ?? (s.toks[q]?.t === ',' ? s.entAt(q + 1) : undefined);
    // "Otezla is Celgene's oral treatment": the product is the subject
    let drugs = e?.kind === 'drug' ? [e.termId] : noun ? s.subjects(k, { context: true, kinds: PRODUCTS }).map((x2) => x2.termId) : [];
    // "Celgene patient support covers Otezla co-pays": the product after it
    if (!drugs.length && noun) drugs = s.namedAfter(q, ['drug'], 8).map((x2) => x2.termId);
    if (!drugs.length) continue;
    if (s.question || s.tenseOf(k) === 'past' || s.framedAsPast(k) || s.years(k, true).length || s.negated(k)) continue;
    // "Celgene's portfolio included Revlimid": a past verb right after the possessive phrase
    if (/^[a-z]{3,}ed$/.test(s.toks[q]?.t ?? '') && !s.toks.slice(s.clauseOf(k).from, s.clauseOf(k).to).some((t) => lex.bePresent.has(t.t) && t.t !== "'s")) continue;
    if (lex.companyTransfer.has(s.toks, s.clauseOf(k).from, s.clauseOf(k).to)) continue;
    // "Celgene's Revlimid won FDA approval on Thursday": a news report of a past event
    if (s.toks.slice(s.clauseOf(k).from, s.clauseOf(k).to).some((t) => PAST_EVENT.has(t.t))) continue;
    const owner = ownerOf(x, company.termId);
    const bad = drugs.filter((d) => facts.knowsCompanies(d, ['holder', 'marketer', 'parent']) && (owner || !facts.companiesIn(d, ['holder', 'marketer', 'parent'], x.at).some((r) => r.company === company.termId)));
    if (!bad.length) continue;
    const now = [...new Set(bad.flatMap((d) => facts.companiesIn(d, ['holder', 'marketer'], x.at).map((r) => r.company)).filter((id) => !ownerOf(x, id)))];
    out.push({
      ruleId: COMPANY_FRAME.id,
      start: company.start,
      end: company.end,
      message: `${bad.map((d) => cap(facts.name(d))).join(' and ')} ${bad.length > 1 ? 'are' : 'is'} not ${facts.name(company.termId)}'s today${owner ? ` (${facts.name(company.termId)} has been part of ${facts.name(owner.company)} since ${prettyDate(owner.from)})` : ''}: ${now.map((id) => facts.name(id)).join(' and ') || 'another company'} ${now.length > 1 ? 'hold' : 'holds'} ${bad.length > 1 ? 'them' : 'it'}.`,
      evidence: [...(owner?.refs ?? []), ...bad.flatMap((d) => facts.companiesIn(d, ['holder', 'marketer'], x.at).flatMap((r) => r.refs))].slice(0, 3),
      ...(now.length === 1 ? { rewrite: { title: `Replace with "${facts.name(now[0])}"`, edits: [{ start: company.start, end: company.end, newText: facts.name(now[0]) }] } } : {}),
      data: { company: company.termId, terms: bad },
    });
    return true;
  }
  return false;
}


/**
 * A takeover or a sale of rights the database dates (a company's owner from a date; a drug's holder
 * from a date) written as recent ("BMS recently completed its acquisition of Celgene", "Celgene sold
 * Otezla to Amgen last year") or as still pending ("the merger is expected to close later this year").
 */
function dealEvent(x: FrameInput, companies: Ent[], out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  // a dated statement is history, except an expectation of a year that has passed ("expected to close in 2019")
  const written = s.years(0, true).map((y) => y.year);
  // "sold Otezla to Amgen", "sells the rights to Amgen": a sale to a company is a transfer too
  const soldTo = s.toks.some((t, k) => (t.t === 'sold' || t.t === 'sells' || t.t === 'sell' || t.t === 'selling') && s.toks.slice(k + 1, k + 6).some((u, m) => u.t === 'to' && s.toks[k + 2 + m]?.ent?.kind === 'company'));
  const transfers = soldTo ? [{ i: 0, j: 0 }] : s.hits(lex.companyTransfer);
  const pending = s.hits(lex.dealPending);
  if (!transfers.length && !pending.length) return false;
  const recent = s.hits(lex.recencyAgo).filter((h) => !s.negated(h.i, h.j));
  if (!recent.length && !pending.length) return false;
  // the events the sentence's names point to: a company's owner since a date, a product's new holder
  const events: Array<{ what: string; date: string; refs: string[]; i: number }> = [];
  const ids = new Set(companies.map((e) => e.termId));
  for (const e of companies) {
    const owner = ownerOf(x, e.termId);
    if (owner?.from && (ids.has(owner.company) || ids.size === 1)) events.push({ what: `${facts.name(owner.company)} completed its acquisition of ${facts.name(e.termId)}`, date: owner.from, refs: owner.refs, i: s.toks.findIndex((t) => t.ent === e) });
  }
  for (const e of s.ents.filter((d) => d.kind === 'drug')) {
    for (const r of facts.companiesIn(e.termId, ['holder'])) {
      if (!r.from || !ids.has(r.company) || (dateValue(r.from) ?? Infinity) > x.at) continue;
      events.push({ what: `${facts.name(r.company)} took over ${facts.name(e.termId)}`, date: r.from, refs: r.refs, i: s.toks.findIndex((t) => t.ent === e) });
    }
  }
  for (const ev of events) {
    const year = Number(ev.date.slice(0, 4));
    // "last year" in a text that itself mentions a year after the event is written in that time (a 2020 news item)
    const now = s.ctx.latestYear && s.ctx.latestYear > year ? s.ctx.latestYear : x.atYear;
    const pend = pending.find((h) => !s.negated(h.i, h.j) && !s.conditional(h.i) && s.tenseOf(h.i) !== 'past' && written.every((y) => y <= year));
    const cue = pend ?? (year <= now - 2 && !written.length ? recent.find((h) => Math.abs(h.i - ev.i) <= 12) : undefined);
    if (!cue || s.framedAsPast(cue.i) && !recent.includes(cue)) continue;
    if ((dateValue(ev.date) ?? Infinity) > x.at) continue;
    const span = s.span(cue.i, cue.j);
    out.push({
      ruleId: COMPANY_FRAME.id,
      start: span.start,
      end: span.end,
      message: `This is not ${pending.includes(cue) ? 'pending' : 'recent'}: ${ev.what} ${prettyDate(ev.date).match(/^\d/) ? 'on ' : 'in '}${prettyDate(ev.date)}.`,
      evidence: ev.refs.slice(0, 3),
      data: { event: ev.what },
    });
    return true;
  }
  return false;
}
