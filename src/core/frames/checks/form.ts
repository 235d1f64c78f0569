/**
 * Dosage form: a drug or brand written with a dosage form it does not come in
 * ("Revlimid tablets", "intravenous thalidomide", "Otezla capsules"), from dosageForms in
 * data/terms. The form word must sit next to the name or follow "is available as",
 * "comes as" and the like; the rewrite swaps the form word and keeps its number.
 */
import { type Contradiction, type FrameInput, type FrameRule, matchFirstCase, plural } from '../types';

export const FORM_FRAME: FrameRule = {
  id: 'fact-form',
  family: 'drug-class',
  severity: 'warning',
  title: 'Dosage form contradicts the database',
  description: 'A drug or brand with a dosage form that data/terms does not list for it (capsules, tablets, infusion).',
  check,
  examples: {
    invalid: ['Each Revlimid tablet contains 25 mg.', 'Lenalidomide is available as tablets.', 'Intravenous thalidomide was given weekly.', 'Otezla capsules are taken twice daily.'],
    valid: ['Lenalidomide capsules should be swallowed whole.', 'Apremilast tablets are taken twice daily.', 'Revlimid is not a tablet but a capsule.', 'In phase IV studies, lenalidomide capsules were used.'],
  },
};

const SKIP = new Set(['mg', '®', '™', 'oral', 'hard', 'the', 'a', 'an', 'each', 'one', 'per', 'of', '(', ')', ',', 'x', ':']);
const ROMAN_CONTEXT = new Set(['phase', 'stage', 'grade', 'type', 'class', 'part', 'level', 'cohort', 'arm', 'chapter', 'figure', 'table']);

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, lex, facts } = x;
  for (const h of s.hits(lex.forms)) {
    const form = h.value;
    // "Thalidomide tablets (Distaval) were sold in the 1950s": a product of the past
    if (s.negated(h.i, h.j) || s.years(h.i, true).length || (s.tenseOf(h.i) === 'past' && s.framedAsPast(h.i))) continue;
    if (h.phrase === 'iv' || h.phrase === 'i.v.') {
      if (ROMAN_CONTEXT.has(s.toks[h.i - 1]?.t ?? '') || /^[A-Z]+$/.test(s.textOf(h.i, h.j)) === false) continue;
    }
    const drug = drugNear(x, h.i, h.j);
    if (!drug) continue;
    const forms = facts.forms(drug.termId);
    if (!forms.length || forms.some((f) => f.form === form)) continue;
    // "injection" vs "infusion" and "tablet" vs "capsule" are different forms; the group decides the route only
    const t = facts.term(drug.termId)!;
    const right = forms[0].form;
    const written = s.textOf(h.i, h.j);
    const oneWord = h.j === h.i + 1 && (form === 'tablet' || form === 'capsule') && (right === 'tablet' || right === 'capsule');
    const span = s.span(h.i, h.j);
    out.push({
      ruleId: FORM_FRAME.id,
      start: span.start,
      end: span.end,
      message: `${drug.name.charAt(0).toUpperCase() + drug.name.slice(1)} comes as ${right === 'infusion' ? 'an intravenous infusion' : `${right}s`}, not as ${form === 'infusion' || form === 'injection' ? `an ${form}` : `${form}s`}.`,
      evidence: forms[0].refs,
      ...(oneWord ? { rewrite: { title: `Replace with "${matchFirstCase(written, plural(right, written))}"`, edits: [{ start: span.start, end: span.end, newText: matchFirstCase(written, plural(right, written)) }] } } : {}),
      data: { term: t.id, form },
    });
    return;
  }
}

/** The drug a form word belongs to: a name right before it (skipping a dose), right after it, or the subject of "is available as". */
function drugNear(x: FrameInput, i: number, j: number): { termId: string; name: string } | undefined {
  const { s, lex } = x;
  let k = i - 1;
  let n = 0;
  while (k >= 0 && n < 4 && !s.toks[k].ent && (SKIP.has(s.toks[k].t) || /^\d/.test(s.toks[k].t))) {
    k--;
    n++;
  }
  if (k >= 0 && s.toks[k].ent?.kind === 'drug' && !s.excluded(k, Math.max(0, k - 4))) return { termId: s.toks[k].ent!.termId, name: s.toks[k].ent!.text };
  // "Thalidomide for injection": a product name
  if (s.toks[i - 1]?.t === 'for' && s.toks[i - 2]?.ent?.kind === 'drug') return { termId: s.toks[i - 2].ent!.termId, name: s.toks[i - 2].ent!.text };
  // "tablets of Revlimid", "intravenous thalidomide"
  let m = j;
  n = 0;
  while (m < s.toks.length && n < 3 && !s.toks[m].ent && (SKIP.has(s.toks[m].t) || /^\d/.test(s.toks[m].t))) {
    m++;
    n++;
  }
  if (m < s.toks.length && s.toks[m].ent?.kind === 'drug' && m - j <= 2) return { termId: s.toks[m].ent!.termId, name: s.toks[m].ent!.text };
  // "X is available as / comes in (25 mg) tablets"
  const c = s.clauseOf(i);
  for (let st = Math.max(c.from, i - 20); st < i; st++) {
    const h = lex.formCopula.at(s.toks, st, i);
    if (!h || h.phrase === 'in' || h.phrase === 'as' || h.phrase === 'a' || h.phrase === 'an') continue;
    // a list of strengths may sit between: "is available as 5 mg, 10 mg and 25 mg tablets"
    const gap = s.toks.slice(h.j, i).every((t) => SKIP.has(t.t) || DOSE_LIST.has(t.t) || /^\d/.test(t.t));
    if (!gap) continue;
    const subj = s.subjects(st);
    if (subj.length === 1) return { termId: subj[0].termId, name: subj[0].ent?.text ?? x.facts.name(subj[0].termId) };
  }
  // "the recommended dose of pomalidomide is 4 mg by intravenous injection": a route after a dose,
  // with one drug in the sentence
  // (or a line "Pomalyst: the recommended dose is ..."), the dose and the drug in the route's clause
  const cl = s.clauseOf(i);
  if ((s.toks[i - 1]?.t === 'by' || s.toks[i - 1]?.t === 'via' || (s.toks[i - 2]?.t === 'by' && s.toks[i - 1]?.t === 'an')) && s.toks.slice(cl.from, i).some((t) => t.t === 'dose' || t.t === 'dosage')) {
    const lead = s.entAt(s.firstWord(0));
    // (not across a partner or a relative clause: "pomalidomide with daratumumab, whose dose ...")
    const inClause = s.ents.filter((e) => e.kind === 'drug' && e.start >= s.toks[cl.from].start && e.end <= s.toks[i].start && !s.toks.slice(s.afterEnt(s.toks.findIndex((t) => t.ent === e)), i).some((t) => PARTNERS.has(t.t)));
    const pool = inClause.length ? inClause : lead?.kind === 'drug' && s.toks[s.afterEnt(s.firstWord(0))]?.t === ':' ? [lead] : [];
    if (pool.length && pool.every((e) => e.termId === pool[0].termId) && s.ents.filter((e) => e.kind === 'drug').every((e) => e.termId === pool[0].termId)) return { termId: pool[0].termId, name: pool[0].text };
  }
  // no drug in the sentence: "Swallow the tablets whole", "- 1/2/3/4 mg tablets", "Routes: oral, intravenous"
  // in a leaflet, a slide or an infobox about one drug
  if (s.ents.some((e) => e.kind === 'drug')) return undefined;
  // "the generic tablets", "are tiny tablets": a few describing words between the determiner and the form
  let b = i - 1;
  while (b > c.from && i - b <= 2 && FORM_ADJECTIVES.has(s.toks[b].t)) b--;
  const before = b < i - 1 && ['are', 'is', 'has', 'have', 'contains', 'contain', 'with'].includes(s.toks[b]?.t ?? '') ? 'the' : s.toks[b]?.t ?? '';
  const bullet = /^[-*\u2022]$/.test(s.toks[c.from]?.t ?? '');
  // (the label heads every value of its line: "Dosage forms: capsule; solution for injection")
  const labelled = bullet || [c.from, 0].some((st) => /^(route|routes|administration|form|forms|dosage|formulation|formulations|presentation|available)/.test(s.toks[firstContent(s, st)]?.t ?? '') && s.toks.slice(st, i).some((t) => t.t === ':'));
  if (!DETS.has(before) && !/^\d/.test(before) && before !== 'mg' && !labelled) return undefined;
  // (the drug the paragraph is carried on by comes before the last sentence's names)
  const pool = s.ctx.topic ? [s.ctx.topic] : s.ctx.chain ? [s.ctx.chain] : [...new Set(s.ctx.lastSentence ?? [])];
  if (pool.length !== 1) return undefined;
  return { termId: pool[0], name: x.facts.name(pool[0]) };
}

const PARTNERS = new Set(['with', 'plus', 'and', 'whose', 'which', 'who', 'combined', 'versus', 'vs', 'or']);
const DOSE_LIST = new Set(['film', 'coated', '-', 'and', 'or', '/', '.', 'once', 'twice', 'daily', 'weekly', 'monthly', 'mcg', 'µg', 'microgram', 'micrograms', 'milligram', 'milligrams', 'strength', 'strengths', 'by']);
const FORM_ADJECTIVES = new Set(['generic', 'tiny', 'small', 'little', 'white', 'yellow', 'blue', 'round', 'oval', 'same', 'brand', 'big', 'large', 'coloured', 'colored', 'purple', 'red', 'green', 'pink', 'orange', 'grey', 'gray', 'starter']);
const DETS = new Set(['the', 'your', 'each', 'a', 'one', 'these', 'this', 'my', 'her', 'his', 'their', 'of', 'its']);

function firstContent(s: FrameInput['s'], from: number): number {
  let k = from;
  while (k < s.toks.length && /^[#*\-\u2022|>]$/.test(s.toks[k].t)) k++;
  return k;
}
