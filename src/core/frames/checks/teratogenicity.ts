/**
 * Teratogenicity and enantiomers: a drug with an embryo-fetal toxicity warning called safe
 * in pregnancy or not teratogenic (present tense), and a single enantiomer of a racemate
 * whose enantiomers interconvert called safe (stereo facts in data/terms).
 */
import { subjectsOfNominal } from '../bind';
import { type Contradiction, type FrameInput, type FrameRule, cap } from '../types';

const STUDY = new Set(['vitro', 'vivo', 'assay', 'assays', 'mice', 'rabbits', 'rats', 'synthesised', 'synthesized', 'isolated', 'tested', 'studied']);

export const TERATOGENICITY_FRAME: FrameRule = {
  id: 'fact-teratogenicity',
  family: 'teratogenicity',
  severity: 'error',
  title: 'Pregnancy safety or enantiomer claim contradicts the database',
  description: 'A drug with an embryo-fetal toxicity warning called safe in pregnancy, one enantiomer of a racemate that interconverts in the body called safe, or a racemate called a single enantiomer (stereo facts).',
  check,
  examples: {
    invalid: ['Men taking lenalidomide do not need contraception.', 'Unlike thalidomide, lenalidomide is not teratogenic.', 'Had only the right-handed form been sold, the tragedy would have been avoided.', 'The (R)-isomer of thalidomide is the safe sedative.', 'Pomalidomide can be used in pregnancy.', 'Lenalidomide is a single enantiomer.'],
    valid: ['Men taking lenalidomide must use condoms, even after a vasectomy.', 'Men taking lenalidomide do not need pregnancy tests.', 'Lenalidomide is contraindicated in pregnancy.', 'Neither enantiomer of thalidomide is safe, because they interconvert in the body.', 'Thalidomide was once considered safe in pregnancy.', 'Lenalidomide is not safe in pregnancy.', 'Thalidomide is a racemate; the single (S)-enantiomer was more teratogenic in rabbits.'],
  },
};

/**
 * "Male patients do not need contraception", "the pregnancy rules don't apply to him", "the drug does not
 * pass into semen": against a drug whose label says it is present in semen (terms `semen`).
 */
function males(x: FrameInput, out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  const semen = s.hits(lex.semenNegative)[0];
  const none = s.hits(lex.noPrecaution).find((h) => !s.toks.slice(s.clauseOf(h.i).from, s.clauseOf(h.i).to).some((t) => /^test/.test(t.t)));
  const h = semen ?? none;
  if (!h || s.question || s.conditional(h.i) || s.framedAsPast(h.i) || s.tenseOf(h.i) === 'past' || s.attributed(h.i)) return false;
  // "it only matters if the woman takes it" names the woman; the others need a man and a precaution
  const aboutWomen = /wom[ae]n|mother|female/.test(h.phrase);
  if (!semen && !aboutWomen && !(s.hasIn(lex.male) && s.hasIn(lex.precautionTopics))) return false;
  if (!semen && s.negated(h.i, h.j)) return false;
  const ids = s.subjects(h.i, { context: true, sentence: true }).map((x2) => x2.termId);
  const pool = ids.length ? ids : s.ctx.topic ? [s.ctx.topic] : s.ctx.chain ? [s.ctx.chain] : [...new Set(s.ctx.lastSentence ?? [])];
  for (const id of pool) {
    const t = facts.term(id);
    if (!t?.semen?.present) continue;
    const span = s.span(h.i, h.j);
    out.push({ ruleId: TERATOGENICITY_FRAME.id, start: span.start, end: span.end, message: `Male patients taking ${t.preferredName} need precautions too: ${t.semen.note ?? 'the drug is present in semen'}.`, evidence: t.semen.refs.slice(0, 3), data: { term: t.id } });
    return true;
  }
  return false;
}

/** "A popular claim says that ...", "Many believe that ...": the sentence reports the myth. */
const MYTH_FRAME = /^[^,;]*\b(?:claim|claims|myth|myths|legend|belief|beliefs|story|says|said|believe|believed|argue|argued|rumou?r|misconception)\b[^,;]*\bthat\b/i;

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, lex, facts } = x;
  if (males(x, out)) return;
  for (const h of s.hits(lex.safeInPregnancy)) {
    if (s.question || s.negated(h.i, h.j) || s.framedAsPast(h.i) || s.tenseOf(h.i) === 'past' || s.conditional(h.i)) continue;
    for (const subj of s.subjects(h.i, { after: false })) {
      const t = facts.term(subj.termId);
      const warn = (t?.boxedWarnings ?? []).find((w) => /embryo|fetal|foetal|birth defect|teratogen/i.test(w.text));
      if (!t || !warn) continue;
      const span = s.span(h.i, h.j);
      out.push({ ruleId: TERATOGENICITY_FRAME.id, start: span.start, end: span.end, message: `${cap(t.preferredName)} is not safe in pregnancy: its label carries a boxed warning for ${warn.text.toLowerCase()}.`, evidence: warn.refs, data: { term: t.id } });
      return;
    }
  }
  // "a single (S)-enantiomer", "enantiopure": a drug the database records as a racemate
  for (const h of s.hits(lex.singleEnantiomer)) {
    if (s.negated(h.i, h.j) || s.conditional(h.i) || s.tenseOf(h.i) === 'past' || s.framedAsPast(h.i)) continue;
    const c = s.clauseOf(h.i);
    // "the single (S)-enantiomer was more potent in vitro": a study of one form, not what is given
    if (s.hasIn(lex.trials, c.from, c.to) || s.toks.slice(c.from, c.to).some((t) => STUDY.has(t.t))) continue;
    // "because the two forms interconvert, giving a single isomer does not remove the risk": the fact itself
    if (s.hasIn(lex.enantiomerFacts) && s.toks.slice(h.j).some((t, n, a) => (t.t === 'not' && ['does', 'do', 'did', 'would', 'will', 'could', 'can'].includes(a[n - 1]?.t ?? '')) || t.t === 'cannot' || t.t === "doesn't" || t.t === "won't")) continue;
    const bound = subjectsOfNominal(s, h.i, h.j, ['drug', 'class']);
    for (const subj of bound.length ? bound : s.subjects(h.i, { kinds: ['drug', 'class'], context: true })) {
      const racemic = facts.drugsOf(subj.termId).map((id) => facts.term(id)).find((t) => t?.stereo?.form === 'racemate');
      if (!racemic) continue;
      const span = s.span(h.i, h.j);
      out.push({ ruleId: TERATOGENICITY_FRAME.id, severity: 'warning', start: span.start, end: span.end, message: `${cap(racemic.preferredName)} is not a single enantiomer: it is given as a racemate${racemic.stereo!.interconverts ? ' whose enantiomers interconvert in the body' : ''} (${racemic.stereo!.note ?? 'term database'}).`, evidence: racemic.stereo!.refs, data: { term: racemic.id } });
      return;
    }
  }
  const enant = s.hits(lex.enantiomer);
  if (!enant.length) return;
  // (a counterfactual clause counts even after a clause framed as past: "one version was safe, and if they had
  // sold only that one, none of this would have happened")
  // ("would not have prevented": the negation sits inside the verb group)
  const notBefore = (i: number) => s.toks.slice(Math.max(0, i - 3), i).some((t) => t.t === 'not' || t.t === 'never' || t.t === "n't" || /n't$/.test(t.t));
  const safe = s.hits(lex.enantiomerSafe).find((h) => !s.negated(h.i, h.j) && !(notBefore(h.i) && !/\bnot\b|n't|never/.test(h.phrase)) && (!s.framedAsPast(h.i) || s.conditional(h.i)));
  if (!safe || s.hasIn(lex.enantiomerFacts)) return;
  // "A popular claim says that if only the R-enantiomer had been sold ...": the myth reported as a claim
  if (s.attributed(safe.i) || s.attributed(enant[0].i) || MYTH_FRAME.test(s.text)) return;
  // "In 1979 researchers claimed that the R-enantiomer was safe": a dated or reported past view
  if (s.tenseOf(safe.i) === 'past' && !s.conditional(safe.i) && (s.years(safe.i, true).length || s.attributed(safe.i) || s.reported(safe.i))) return;
  const named = s.ents.filter((e) => e.kind === 'drug').map((e) => e.termId);
  const pool = named.length ? named : s.ctx.topic ? [s.ctx.topic] : s.ctx.previous.length ? [s.ctx.previous[s.ctx.previous.length - 1]] : ['thalidomide'];
  for (const id of pool) {
    const t = facts.term(id);
    if (!t?.stereo || t.stereo.form !== 'racemate' || !t.stereo.interconverts) continue;
    const span = s.span(enant[0].i, enant[0].j);
    out.push({ ruleId: TERATOGENICITY_FRAME.id, start: span.start, end: span.end, message: `No single enantiomer of ${t.preferredName} is safe: the enantiomers interconvert in the body, so giving one form alone would not have prevented the birth defects.`, evidence: t.stereo.refs, data: { term: t.id } });
    return;
  }
}

