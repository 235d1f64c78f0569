/**
 * Brand out of its time: a brand written next to a year before the brand existed
 * ("In 1958 expectant mothers took Thalomid": a US brand from 1998), from the brands'
 * dates in data/terms.
 */
import { yearOf } from '../analyse';
import { type Contradiction, type FrameInput, type FrameRule, prettyDate } from '../types';

export const BRAND_DATE_FRAME: FrameRule = {
  id: 'fact-brand-date',
  family: 'outdated-names',
  severity: 'warning',
  title: 'Brand name before the brand existed',
  description: 'A brand used with a year before its first date in data/terms, or a name that was never marketed (formerNames with neverMarketed) called a brand.',
  check,
  examples: {
    invalid: ['In 1958 expectant mothers took Thalomid for morning sickness.', 'Thalomid was withdrawn in 1961.', 'Pomalidomide is marketed as Actimid in Europe.', 'Brand names: Pomalyst, Actimid'],
    valid: ['In 1958 expectant mothers took Contergan or Distaval.', 'Thalomid was approved in 1998.', 'Actimid was the name first proposed for pomalidomide; it was never the brand.', 'Pomalidomide is marketed as Pomalyst in the US.'],
  },
};

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, facts } = x;
  if (neverABrand(x, out)) return;
  if (formerBrandNow(x, out)) return;
  for (const e of s.ents) {
    if (e.formKind !== 'brand' || e.kind !== 'drug') continue;
    const k = s.toks.findIndex((t) => t.ent === e);
    const b = facts.brand(e.termId, e.text);
    const from = yearOf(b?.from);
    if (!b || from === undefined) continue;
    // (with two brands in the clause a year goes with the nearer one: "from 1957 as Contergan and in Britain as Distaval")
    const others = s.ents.filter((o) => o !== e && o.formKind === 'brand' && o.kind === 'drug').map((o) => s.toks.findIndex((t) => t.ent === o));
    // (and not across ", and" / ", but": "Contergan hit pharmacies in 1957, and Distaval came the following year")
    const across = (a: number, b: number) => s.toks.slice(Math.min(a, b), Math.max(a, b)).some((t, n, arr) => t.t === ';' || (t.t === ',' && ['and', 'but', 'while', 'whereas'].includes(arr[n + 1]?.t ?? '')));
    const years = s.years(k).filter((y) => others.every((o) => Math.abs(y.i - k) < Math.abs(y.i - o)) && !across(y.i, k));
    if (!years.length || s.negated(k)) continue;
    const latest = Math.max(...years.map((y) => (y.decade ? y.year + 9 : y.year)));
    if (latest >= from) continue;
    const t = facts.term(e.termId)!;
    // a contemporary brand of the same drug for the rewrite
    const then = (t.brands ?? []).find((o) => o !== b && (yearOf(o.from) ?? 9999) <= latest && (!o.until || (yearOf(o.until) ?? 0) >= latest));
    out.push({
      ruleId: BRAND_DATE_FRAME.id,
      start: e.start,
      end: e.end,
      message: `${e.text} did not exist in ${latest}: it is a ${b.region} brand of ${t.preferredName} from ${prettyDate(b.from)}${then ? `; in ${latest} it was sold as ${then.name} (${then.region})` : ''}.`,
      evidence: b.refs,
      rewrite: { title: `Replace with "${t.preferredName}"`, edits: [{ start: e.start, end: e.end, newText: t.preferredName }] },
      data: { term: t.id, brand: e.text },
    });
    return;
  }
}

/**
 * A name that never became a brand (formerNames with neverMarketed: "Actimid") called one: "marketed
 * as Actimid", "Brand names: Pomalyst, Actimid", "the marketed brand name Actimid", "POMALYST (Actimid)".
 */
const APPOSITION = new Set([',', 'the', 'a', 'an', '(', 'its', 'current', 'eu', 'us', 'european', 'marketed', 'is', 'was']);
const FORMER = new Set(['formerly', 'previously', 'originally', 'once', 'aka', 'alias']);

function neverABrand(x: FrameInput, out: Contradiction[]): boolean {
  const { s, facts, lex } = x;
  for (const e of s.ents) {
    if (e.formKind !== 'former' || e.kind !== 'drug') continue;
    const t = facts.term(e.termId);
    const f = t?.formerNames?.find((n) => n.neverMarketed && n.name.toLowerCase() === e.text.toLowerCase());
    if (!t || !f) continue;
    const k = s.toks.findIndex((tok) => tok.ent === e);
    const c = s.clauseOf(k);
    // (past or present: it was never marketed; "the proposed brand name" is no claim)
    if (s.negated(k) || s.conditional(k) || s.hasIn(lex.brandNotClaim, c.from, c.to)) continue;
    // a brand word near the name in its clause, or the name in brackets right after a brand of the same drug
    // (the brand word is about this name: "marketed (in Europe) as Actimid", "Brand names: Pomalyst, Actimid",
    // "Actimid, the marketed brand name"; not "formerly Actimid, is marketed as Pomalyst")
    const brands = s.hitsIn(lex.brandWords, c.from, c.to);
    const near = brands.some((h) => (h.j <= k && k - h.j <= 4 && s.toks.slice(h.j, k).every((tok) => !tok.ent || tok.ent.formKind === 'brand')) || (h.i > k && h.i - s.afterEnt(k) <= 4 && s.toks.slice(s.afterEnt(k), h.i).every((tok) => APPOSITION.has(tok.t))));
    // "(formerly CC-4047 and Actimid)": named as a former name, unless a brand word comes between
    let b = k - 1;
    while (b > c.from && (s.toks[b].ent || s.toks[b].t === 'and' || s.toks[b].t === 'or' || s.toks[b].t === ',')) b--;
    if (FORMER.has(s.toks[b]?.t ?? '')) continue;
    const prev = s.toks[k - 1]?.t === '(' ? s.toks[k - 2]?.ent : undefined;
    // ("POMALYST (Actimid)", and "Pomalidomide (Actimid) is taken ...": the brand's place after the INN)
    const afterBrand = !!prev && prev.termId === e.termId && (prev.formKind === 'brand' || (prev.formKind === 'preferred' && s.toks[s.afterEnt(k)]?.t === ')'));
    // "marketed as Pomalyst in the US and as Actimid in Europe": a second "as" of the same brand word
    const parallel = s.toks[k - 1]?.t === 'as' && s.toks[k - 2]?.t === 'and' && brands.some((h) => h.j < k - 1 && s.toks[h.j - 1]?.t === 'as');
    if (!near && !afterBrand && !parallel) continue;
    const current = (t.brands ?? []).filter((b) => !b.until).map((b) => `${b.name}${b.region ? ` (${b.region})` : ''}`);
    out.push({
      ruleId: BRAND_DATE_FRAME.id,
      start: e.start,
      end: e.end,
      message: `${e.text} was never a marketed brand of ${t.preferredName} (${f.note ?? 'a former name'})${current.length ? `; it is sold as ${current.join(' and ')}` : ''}.`,
      evidence: f.refs,
      data: { term: t.id, name: e.text },
    });
    return true;
  }
  return false;
}

/** Present-tense words that say a brand is on sale or authorised today. */
const ON_SALE = new Set(['sold', 'marketed', 'authorised', 'authorized', 'available', 'supplied', 'dispensed', 'prescribed', 'licensed', 'approved']);

/**
 * A brand the database records as no longer current ("current": false: Contergan, Thalidomide
 * Pharmion, Pomalidomide Celgene) said to be on sale or authorised today: "Thalidomide Pharmion is the
 * only thalidomide product authorised in the EU", "is still sold under that name".
 */
function formerBrandNow(x: FrameInput, out: Contradiction[]): boolean {
  const { s, facts } = x;
  for (const e of s.ents) {
    if (e.formKind !== 'brand' || e.kind !== 'drug') continue;
    const b = facts.brand(e.termId, e.text);
    if (!b || b.current !== false) continue;
    const k = s.toks.findIndex((t) => t.ent === e);
    const c = s.clauseOf(k);
    if (s.negated(k) || s.conditional(k) || s.tenseOf(k) !== 'present' || s.framedAsPast(k) || s.years(k, true).length) continue;
    const sale = s.toks.slice(c.from, c.to).findIndex((t) => ON_SALE.has(t.t));
    if (sale < 0) continue;
    const t = facts.term(e.termId)!;
    const region = (b.region ?? '').toLowerCase();
    const now = (t.brands ?? []).filter((o) => o.current && o !== b && (!region || (o.region ?? '').toLowerCase().includes(region))).map((o) => o.name);
    out.push({
      ruleId: BRAND_DATE_FRAME.id,
      start: e.start,
      end: e.end,
      message: `${e.text} is no longer a current name of ${t.preferredName}${b.note ? ` (${b.note})` : ''}${now.length ? `; it is sold as ${now.join(' and ')}` : ''}.`,
      evidence: b.refs,
      ...(now.length === 1 ? { rewrite: { title: `Replace with "${now[0]}"`, edits: [{ start: e.start, end: e.end, newText: now[0] }] } } : {}),
      data: { term: t.id, brand: e.text },
    });
    return true;
  }
  return false;
}
