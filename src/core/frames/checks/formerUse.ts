/**
 * Former use in the present tense: a drug said to be prescribed, used or taken today for a
 * use that belonged to a class it has left (thalidomide for morning sickness, as a
 * sedative), from formerClasses in data/terms. "Was prescribed", "once used", dated
 * statements are history and fine.
 */
import { EFFECT_NOUNS, type Contradiction, type FrameInput, type FrameRule, shortIndication } from '../types';

export const FORMER_USE_FRAME: FrameRule = {
  id: 'fact-former-use',
  family: 'thalidomide-history',
  severity: 'warning',
  title: 'Former use in the present tense',
  description: 'A drug said to be used today for a use of a class it belonged to only in the past (formerClasses in data/terms).',
  check,
  examples: {
    invalid: ['The drug is prescribed to pregnant women for morning sickness in many countries.', 'Thalidomide is still used as a sleeping pill.', 'Current uses: multiple myeloma, ENL, morning sickness'],
    valid: ['Thalidomide was prescribed for morning sickness in the late 1950s.', 'Thalidomide is never given for morning sickness today.', 'Thalidomide is used for erythema nodosum leprosum.'],
  },
};

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, lex, facts } = x;
  const uses: Array<{ i: number; j: number; classId: string }> = [];
  for (const h of s.hits(lex.indications)) if (h.value.code === 'morning-sickness') uses.push({ i: h.i, j: h.j, classId: 'sedative-hypnotic' });
  // "a sedative effect", "its hypnotic properties": an effect the drug has, not the use it was sold for
  for (const h of s.hits(lex.classes)) if (h.value.group === 'use' && !EFFECT_NOUNS.has(s.toks[h.j]?.t ?? '')) uses.push({ i: h.i, j: h.j, classId: h.value.id });
  for (const u of uses) {
    if (s.negated(u.i, u.j) || s.framedAsPast(u.i) || s.tenseOf(u.i) === 'past' || s.conditional(u.i)) continue;
    if (s.years(u.i, true).some((y) => y.year < x.atYear - 10)) continue;
    const c = s.clauseOf(u.i);
    // a bare participle at the start ("Used for morning sickness") counts, but not "Sold as a sedative ...": a
    // reduced passive of the past
    const verb = s.hitsIn(lex.formerUseVerbs, c.from, c.to).find((h) => !['used', 'given', 'taken', 'sold', 'prescribed', 'marketed'].includes(h.phrase) || (s.toks[h.i - 1] === undefined && h.phrase !== 'sold' && h.phrase !== 'marketed') || ['is', 'are', 'still', 'being', "'s", 'now', 'today', 'currently'].includes(s.toks[h.i - 1].t));
    const label = lex.formerUseLabels.at(s.toks, s.firstWord(c.from));
    if (!verb && !label) continue;
    const subjects = s.subjects(u.i, { after: true });
    // no drug named: the one drug the database knows in that former class ("the drug ... for morning sickness")
    const formerOnes = [...facts.db.terms.values()].filter((t) => t.kind === 'drug' && facts.formerClassesOf(t.id).some((f) => f.classId === u.classId)).map((t) => t.id);
    const pool = subjects.length ? subjects.map((x2) => x2.termId) : s.ctx.lastSentence?.length ? [s.ctx.lastSentence[0]] : formerOnes.length === 1 ? formerOnes : [];
    for (const id of pool) {
      const former = facts.formerClassesOf(id).find((f) => f.classId === u.classId);
      if (!former) continue;
      const t = facts.term(id)!;
      const span = s.span(u.i, u.j);
      out.push({ ruleId: FORMER_USE_FRAME.id, start: span.start, end: span.end, message: `${t.preferredName.charAt(0).toUpperCase() + t.preferredName.slice(1)} is no longer used for this: that was its use as a former ${x.lex.classById.get(u.classId)?.phrases[0] ?? 'sedative'}; its approved uses today are ${[...new Set((t.approvals ?? []).map((a) => shortIndication(a.indication)))].slice(0, 3).join('; ')}.`, evidence: [...former.refs, ...((t.boxedWarnings ?? [])[0]?.refs ?? [])].slice(0, 3), data: { term: id } });
      return;
    }
  }
}

