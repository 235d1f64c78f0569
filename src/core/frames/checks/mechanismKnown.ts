/**
 * Mechanism known: "the mechanism is unknown / a mystery / remains to be elucidated" for a
 * drug whose target or mechanism the database records as identified (history events
 * target-identified / mechanism-elucidated, or membership of a class whose target relation
 * is known). Past framing ("was unknown until 2010", "for decades remained a mystery") is
 * history; the label wording for apremilast ("not well defined") is not in the cue list.
 */
import type { Contradiction, FrameInput, FrameRule } from '../types';

export const MECHANISM_KNOWN_FRAME: FrameRule = {
  id: 'fact-mechanism-known',
  family: 'mechanism-unknown',
  severity: 'warning',
  title: 'Mechanism called unknown that is known',
  description: 'The mechanism (or target) of a drug called unknown although the term database records when it was identified.',
  check,
  examples: {
    invalid: [
      'The mechanism of action of lenalidomide remains unknown.',
      'Scientists still do not know how thalidomide causes limb defects.',
      'Although its precise mode of action is not completely clear, lenalidomide boosts T-cell activity.',
      'Why pomalidomide works in myeloma is a mystery.',
    ],
    valid: [
      'Until 2010 the target of thalidomide was unknown.',
      'For decades the mechanism of thalidomide remained a mystery.',
      'The specific mechanism of apremilast in psoriasis is not well defined.',
      'The mechanism of resistance to lenalidomide is unclear.',
    ],
  },
};


const EXPLAINING = /explain|understood|understand|mystery|puzzle|enigma|elusive|obscure/;

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, lex, facts } = x;
  for (const h of s.hits(lex.unknownCues)) {
    if (s.negated(h.i, h.j) || s.framedAsPast(h.i) || s.tenseOf(h.i) === 'past') continue;
    if (s.years(h.i).some((y) => y.year < x.atYear - 5)) continue;
    // a word that makes it another question (resistance, the best dose) rules it out anywhere in the sentence,
    // unless the cue's own stretch between commas names the drug and holds no such word ("Because the target of
    // lenalidomide has not been identified, strategies against resistance are lacking")
    let a = h.i;
    while (a > 0 && s.toks[a - 1].t !== ',' && s.toks[a - 1].t !== ';') a--;
    let b = h.j;
    while (b < s.toks.length && s.toks[b].t !== ',' && s.toks[b].t !== ';') b++;
    const own = s.ents.some((e) => (e.kind === 'drug' || e.kind === 'class') && e.start >= s.toks[a].start && e.end <= s.toks[b - 1].end) && !s.hasIn(lex.unknownNotAbout, a, b);
    if (s.hasIn(lex.unknownNotAbout) && !own) continue;
    // "its anticancer effects remain unexplained": an effect is a topic when the cue says it is not explained
    const topic = s.hasIn(lex.unknownTopics, 0, s.toks.length) || s.hasIn(lex.thalidomideTopics) || (EXPLAINING.test(h.phrase) && s.hasIn(lex.unknownEffectTopics));
    if (!topic) continue;
    let subjects = s.subjects(h.i, { after: true, kinds: ['drug', 'class'], context: true, sentence: true });
    if (!subjects.length && s.hasIn(lex.thalidomideTopics) && facts.term('thalidomide')) subjects = [{ termId: 'thalidomide', how: 'default' }];
    // "How CRBN binding translates into antimyeloma activity remains to be determined": the class that binds it
    if (!subjects.length && s.ents.some((e) => e.termId === 'cereblon') && facts.term('imid')) subjects = [{ termId: 'imid', how: 'default' }];
    for (const subj of subjects) {
      const known = knownSince(x, subj.termId);
      if (!known || known.year > x.atYear) continue;
      const t = facts.term(subj.termId)!;
      const span = s.span(h.i, h.j);
      out.push({
        ruleId: MECHANISM_KNOWN_FRAME.id,
        start: span.start,
        end: span.end,
        message: `The mechanism of ${t.kind === 'class' ? `the ${t.preferredName}s` : t.preferredName} is no longer unknown: ${known.what} (${known.year}).`,
        evidence: known.refs,
        data: { term: subj.termId },
      });
      return;
    }
  }
}

function knownSince(x: FrameInput, termId: string): { year: number; what: string; refs: string[] } | undefined {
  const { facts } = x;
  const t = facts.term(termId);
  if (!t) return undefined;
  const drugs = facts.drugsOf(termId);
  let best: { year: number; what: string; refs: string[] } | undefined;
  for (const d of drugs) {
    for (const ev of ['mechanism-elucidated', 'target-identified']) {
      const h = facts.history(d, ev)[0];
      const y = h ? Number(h.date.slice(0, 4)) : undefined;
      if (y && (!best || y < best.year)) best = { year: y, what: ev === 'target-identified' ? `cereblon was identified as its target` : `it binds cereblon and redirects the ligase to degrade neosubstrates`, refs: h!.refs };
    }
  }
  if (best) return best;
  // a glue class whose mechanism the database states (CELMoDs are designed around it)
  const glue = drugs.length && drugs.every((d) => [...facts.classesOf(d)].some((c) => x.lex.targetRelation[c] === 'modulates') && (facts.term(d)?.targets ?? []).length);
  if (glue && t.mechanism) {
    const first = facts.history('thalidomide', 'target-identified')[0];
    return { year: first ? Number(first.date.slice(0, 4)) : 2010, what: 'it binds cereblon and redirects the ligase to degrade neosubstrates', refs: t.mechanism.refs.slice(0, 3) };
  }
  return undefined;
}
