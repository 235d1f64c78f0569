/**
 * Recency overtaken by time: "new", "novel", "recently approved", "approved only months
 * ago" for a drug first approved years before the date the text is checked at, and
 * "newly discovered" for a target identified years before (history events in data/terms).
 * Drugs that are not approved yet stay new; dated statements ("in 2006, the new drug ...")
 * are history.
 */
import { yearOf } from '../analyse';
import { type Contradiction, type FrameInput, type FrameRule, onDate, prettyDate, cap } from '../types';

export const RECENCY_FRAME: FrameRule = {
  id: 'fact-recency',
  family: 'recency',
  severity: 'warning',
  title: 'Called new years after the event',
  description: 'A drug called new or recently approved, or a finding called recent, years after the date data/terms records for it.',
  check,
  examples: {
    invalid: ['Apremilast, a new oral agent, reduces PASI scores.', 'Pomalyst, approved only months ago, offers a new option after lenalidomide.', 'The newly discovered cereblon pathway finally explains the drug.', 'Lenalidomide is a novel immunomodulatory drug.'],
    valid: ['Iberdomide is a novel CELMoD.', 'In 2006, lenalidomide was a new option for relapsed myeloma.', 'Lenalidomide is effective in newly diagnosed myeloma.', 'A novel combination of lenalidomide and rituximab was tested.'],
  },
};

const NEW_YEARS = 5;
const DISCOVERY_YEARS = 10;
/** Cues that say "of late" rather than "just now": a review's "recent work has shown" spans years. */
const MILD = /^(?:recent|recently|in recent years|lately|of late|more recent|more recently)$/;
const APPROVAL_WORDS = new Set(['approved', 'launched', 'introduced', 'licensed']);

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, lex, facts } = x;
  // a dated statement (a year in an apposition, "a derivative first synthesised in the 1950s,", dates the apposition only)
  // (an apposition: from a comma after a name and an article to the next comma)
  const commas = s.toks.map((t, k) => (t.t === ',' ? k : -1)).filter((k) => k >= 0);
  const appositions = commas.flatMap((a, n) => (commas[n + 1] !== undefined && s.toks[a - 1]?.ent && ['a', 'an', 'the'].includes(s.toks[a + 1]?.t ?? '') ? [{ from: a, to: commas[n + 1] }] : []));
  if (s.years(0, true).some((y) => !appositions.some((ap) => ap.from < y.i && ap.to > y.i))) return;
  const cues = [...s.hits(lex.recencyCues), ...s.hits(lex.recencyAgo)].sort((a, b) => a.i - b.i);
  for (const h of cues) {
    if (lex.notRecency.at(s.toks, h.i) || (h.i > 0 && lex.notRecency.at(s.toks, h.i - 1)) || s.negated(h.i, h.j)) continue;
    // (a past frame inside an apposition, "a derivative made in the 1950s,", is the apposition's)
    const app = appositions.find((ap) => ap.to < h.i);
    if (s.tenseOf(h.i) === 'past' && s.framedAsPast(h.i, app ? { from: app.from, to: app.to + 1 } : undefined)) continue;
    // a finding: "newly discovered cereblon", "recent work identified cereblon"
    const c = s.clauseOf(h.i);
    const disc = s.hitsIn(lex.discovery, Math.max(c.from, h.i - 3), Math.min(c.to, h.j + 4))[0];
    if (disc) {
      // every protein named must have a known date (the newest one counts): "recent work showed that
      // cereblon degrades SALL4" is as recent as SALL4's finding, which the data does not date
      const proteins = s.ents.filter((e) => e.kind === 'protein' || e.kind === 'complex');
      const events = proteins.map((p) => firstEvent(x, p.termId));
      if (events.some((e) => !e)) continue;
      const target = proteins[0] ?? (s.toks.some((t) => t.t === 'target' || t.t === 'molecule' || t.t === 'pathway' || t.t === 'binds' || t.t === 'latches') ? { termId: 'cereblon' } : undefined);
      if (target) {
        const ev = proteins.length ? events.reduce((a, b) => (b!.year > a!.year ? b : a)) : firstEvent(x, target.termId);
        // (a finding is "recent" in reviews for years: only one a decade old or more is flagged)
        // ("newly identified", "this year" within five years; "recent work showed" within ten)
        if (ev && ev.year <= x.atYear - (MILD.test(h.phrase) ? DISCOVERY_YEARS : NEW_YEARS)) {
          const span = s.span(h.i, h.j);
          out.push({ ruleId: RECENCY_FRAME.id, start: span.start, end: span.end, message: `This is not recent: ${ev.what} in ${ev.year}.`, evidence: ev.refs, data: { term: target.termId } });
          return;
        }
        continue;
      }
    }
    // "my new medication" is new to the writer; "our newly approved therapy" is an approval all the same
    if ((lex.possessive.has(s.toks[h.i - 1]?.t ?? '') || lex.possessive.has(s.toks[h.i - 2]?.t ?? '')) && !/approved|licensed|launched|introduced/.test(h.phrase)) continue;
    const drug = drugOf(x, h.i, h.j);
    if (!drug) continue;
    const t = facts.term(drug);
    const first = facts.firstApproval(drug);
    const y = yearOf(first);
    if (!t || y === undefined || y > x.atYear - NEW_YEARS) continue;
    const span = s.span(h.i, h.j);
    const a = [...facts.approvals(drug)].sort((p, q) => p.date.localeCompare(q.date))[0];
    out.push({ ruleId: RECENCY_FRAME.id, start: span.start, end: span.end, message: `${cap(t.preferredName)} is not new: it was first approved ${onDate(first)} (${a.agency}), ${x.atYear - y} years ago.`, evidence: a.refs.slice(0, 3), data: { term: drug } });
    return;
  }
}

/** The drug a recency cue describes: "a new (oral) agent" next to a name, "the novel IMiD lenalidomide", "X is a new ...", "X, approved only months ago". */
function drugOf(x: FrameInput, i: number, j: number): string | undefined {
  const { s, lex } = x;
  // the cue directly before a name: "novel lenalidomide", "the new drug X", "newer agents such as X"
  let m = j;
  // "the newest oral choice": an adjective of route before the noun
  const route = s.toks[m]?.t === 'oral' && (lex.recencyNouns.at(s.toks, m + 1) ?? lex.classes.at(s.toks, m + 1)) ? 1 : 0;
  // "the newest myeloma treatments", "a new psoriasis pill": a disease between the cue and its noun
  const ind = lex.indications.at(s.toks, m + route);
  const skip = route + (ind && !s.toks[m + route].ent ? ind.j - (m + route) : 0);
  const noun = lex.recencyNouns.at(s.toks, m + skip) ?? lex.classes.at(s.toks, m + skip);
  if (noun) m = noun.j;
  while (m < s.toks.length && (s.toks[m].t === ',' || s.toks[m].t === '(' || s.toks[m].t === 'oral' || s.toks[m].t === 'called' || s.toks[m].t === 'named')) m++;
  const marker = lex.classListMarkers.at(s.toks, m);
  if (marker && noun) m = marker.j;
  const after = s.entAt(m);
  // "novel lenalidomide-based regimens", "new lenalidomide combinations": the drug modifies another noun
  if (after?.kind === 'drug') {
    let q = s.afterEnt(m);
    if (s.toks[q]?.t === '-') q++;
    if (lex.recencyModified.has(s.toks[q]?.t ?? '')) return undefined;
  }
  if (after?.kind === 'drug' && (noun || m === j)) return after.termId;
  // "As a newly approved agent, it offers ...": a fronted description of the pronoun after the comma
  if (noun && s.toks[noun.j]?.t === ',' && s.anaphorAt(noun.j + 1) === 'singular') return s.pronounBefore(noun.j + 1)[0];
  // after a name: "X, a new oral agent", "X is a novel ...", "X (approved only months ago)"
  let k = i - 1;
  let n = 0;
  while (k >= 0 && n < 6 && !s.toks[k].ent) {
    const t = s.toks[k].t;
    // past an apposition: "Thalidomide, a derivative made in the 1950s, was recently approved"
    if (t === ',') {
      let q = k - 1;
      while (q > 0 && k - q < 14 && s.toks[q].t !== ',') q--;
      if (q > 0 && s.toks[q].t === ',' && s.toks[q - 1]?.ent?.kind === 'drug' && ['a', 'an', 'the'].includes(s.toks[q + 1]?.t ?? '')) {
        k = q - 1;
        n++;
        continue;
      }
    }
    // a parenthesis after the name: "Lenalidomide (CC-5013) is a novel ..."
    if (t === ')') {
      let q = k - 1;
      while (q >= 0 && k - q < 8 && s.toks[q].t !== '(') q--;
      if (q >= 0 && s.toks[q].t === '(') {
        k = q - 1;
        n++;
        continue;
      }
    }
    if (!(lex.fillers.has(t) || lex.be.has(t) || ['(', ',', ':', '\u2014', '\u2013', 'approved', 'launched', 'introduced', 'only', 'just', 'which', 'was', 'has', 'been', 'licensed', 'one', 'of', 'our', 'so', 'very', 'fairly', 'quite', 'still', 'pretty', 'really', 'too', 'relatively'].includes(t))) break;
    k--;
    n++;
  }
  // ("X, approved only last year": a time phrase counts after an approval word, not "started X last week")
  const approvedBetween = s.toks.slice(k + 1, i).some((t) => APPROVAL_WORDS.has(t.t));
  if (k >= 0 && s.toks[k].ent?.kind === 'drug' && (noun || /ago|recent|newly|lately|just|brand/.test(s.textOf(i, j).toLowerCase()) || (approvedBetween && !!lex.recencyAgo.at(s.toks, i)))) return s.toks[k].ent!.termId;
  // "It is a new oral option": a pronoun subject
  if (k >= 0 && n > 0 && noun && s.anaphorAt(k)) return s.pronounBefore(k + 1)[0];
  // "The drug was recently approved", "It was newly licensed": an anaphor subject of an approval word
  const approvalCue = /approved|licensed|launched|introduced|marketed|available/.test(s.textOf(i, j).toLowerCase()) || approvedBetween;
  if (approvalCue && n > 0 && (k < 0 || !s.toks[k].ent)) {
    for (let a = Math.max(0, k); a < i; a++) if (s.anaphorAt(a) === 'singular') return s.pronounBefore(a + 1)[0];
  }
  // "A newly approved psoriasis pill, Otezla, ...": a few words, then the name
  let q = j;
  let words = 0;
  while (q < s.toks.length && words < 4 && !s.toks[q].ent && /^[a-z-]+$/.test(s.toks[q].t)) {
    q++;
    words++;
  }
  if (q < s.toks.length && s.toks[q].t === ',' && words > 0) q++;
  const named = s.entAt(q);
  if (named?.kind === 'drug' && words > 0 && s.toks[q - 1].t === ',') return named.termId;
  return undefined;
}

function firstEvent(x: FrameInput, proteinId: string): { year: number; what: string; refs: string[] } | undefined {
  const names = [x.facts.name(proteinId), ...(x.facts.term(proteinId)?.synonyms ?? []).map((n) => n.name)].map((n) => n.toLowerCase());
  for (const t of x.facts.db.terms.values()) {
    const target = (t.targets ?? []).some((l) => l.id === proteinId);
    if (!target && !(t.neosubstrates ?? []).some((l) => l.id === proteinId)) continue;
    // a target: when it was identified; a neosubstrate: the elucidation that names it (SALL4's own date is not
    // recorded, so "recent work showed SALL4 degradation" is not compared with 2010)
    const h = target
      ? x.facts.history(t.id, 'target-identified')[0]
      : x.facts.history(t.id, 'mechanism-elucidated').find((e) => names.some((n) => (e.note ?? '').toLowerCase().includes(n)));
    if (h) return { year: Number(h.date.slice(0, 4)), what: `${x.facts.name(proteinId)} was identified as ${t.preferredName}'s ${h.event === 'target-identified' ? 'target' : 'mechanism'} (${prettyDate(h.date)})`, refs: h.refs };
  }
  return undefined;
}

