/**
 * Generation: "third-generation IMiD" and its kin, bound to a drug and compared with the
 * generation labels in data/terms (usage usual: fine; sometimes: information; disputed: a warning that
 * names the sources that use it;
 * no such label for a drug that has labels, or for a drug outside the class: warning).
 */
import { subjectsOfNominal } from '../bind';
import { type Contradiction, type FrameInput, type FrameRule, cap, matchFirstCase } from '../types';

export const GENERATION_FRAME: FrameRule = {
  id: 'fact-generation',
  family: 'generation',
  severity: 'warning',
  title: 'Generation label contradicts the database',
  description: 'A generation label ("first-", "second-", "third-generation") that the term database does not give the drug; a label only some sources use is information, one most sources contradict a warning that names both sides.',
  check,
  examples: {
    invalid: ['IMiD generations: 1st thalidomide, 2nd lenalidomide, 3rd apremilast.', 'Lenalidomide, a first-generation IMiD, is given orally.', 'Apremilast, also third generation, extends the class into dermatology.'],
    valid: ['Lenalidomide is a second-generation IMiD.', 'Thalidomide is the first-generation IMiD.', 'Iberdomide is a next-generation CELMoD.'],
  },
};

const ORDINAL_WORDS: Record<string, string[]> = { first: ['first', '1st'], second: ['second', '2nd'], third: ['third', '3rd'], fourth: ['fourth', '4th'] };

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, facts } = x;
  for (const h of s.hits(x.lex.generations)) {
    const gen = h.value;
    if (gen === 'next' || s.negated(h.i, h.j) || s.attributed(h.i)) continue;
    // bare ordinals ("3rd") count only right before a drug ("3rd apremilast")
    const bare = !/gen/.test(h.phrase);
    let subjects = [] as Array<{ termId: string }>;
    const direct = s.entAt(h.j) ?? (s.toks[h.j]?.t === ':' ? s.entAt(h.j + 1) : undefined);
    // "second-generation thalidomide analogue": the name is part of the noun, not the subject
    if (direct && direct.kind === 'drug' && !x.lex.generationNouns.at(s.toks, h.j)) subjects = [direct];
    else if (!bare) {
      // the noun after the label: "third-generation IMiD / analogue / version"
      let j = h.j;
      const noun = x.lex.generationNouns.at(s.toks, j) ?? x.lex.classes.at(s.toks, j);
      if (noun) j = noun.j;
      subjects = subjectsOfNominal(s, h.i, j).filter((t) => t.termId);
      if (!subjects.length) {
        const before = s.toks[h.i - 1];
        if (before?.t === '(' || before?.t === ',') subjects = s.namedBefore(h.i - 1);
      }
    }
    for (const subj of subjects) {
      const t = facts.term(subj.termId);
      if (!t || t.kind !== 'drug') continue;
      const labels = t.generation ?? [];
      const words = ORDINAL_WORDS[gen] ?? [gen];
      const match = labels.find((l) => words.some((w) => l.label.toLowerCase().startsWith(w)));
      const usual = labels.find((l) => l.usage === 'usual' || l.usage === undefined);
      const span = s.span(h.i, h.j);
      if (match && (match.usage === 'usual' || match.usage === undefined)) continue;
      if (match && (match.usage === 'disputed' || match.usage === 'sometimes')) {
        // "sometimes": a label some sources use (information); "disputed": one that misleads most readers
        // though a few sources use it (a warning that says so, with both sides' references)
        out.push({
          ruleId: GENERATION_FRAME.id,
          ...(match.usage === 'sometimes' ? { severity: 'information' as const } : {}),
          start: span.start,
          end: span.end,
          message: `"${s.textOf(h.i, h.j)}" for ${t.preferredName} is ${match.usage === 'disputed' ? 'disputed' : 'less usual'}: ${usual ? `most sources call it a ${usual.label}` : 'sources differ'}${match.note ? ` (${match.note})` : ''}.`,
          evidence: [...match.refs, ...(usual?.refs ?? [])],
          data: { term: t.id, label: gen },
        });
        return;
      }
      const isMember = facts.classesOf(t.id).has('imid') || facts.classesOf(t.id).has('celmod');
      if (!labels.length && isMember) continue; // the database has no generation for it
      out.push({
        ruleId: GENERATION_FRAME.id,
        start: span.start,
        end: span.end,
        message: isMember
          ? `${cap(t.preferredName)} is not a ${gen}-generation drug: the usual label is "${usual?.label ?? labels[0].label}".`
          : `${cap(t.preferredName)} has no IMiD generation: it is not an IMiD${facts.classPhrase(t.id, 'mechanism') ? ` but a ${facts.classPhrase(t.id, 'mechanism')}` : ''}.`,
        evidence: isMember ? (usual ?? labels[0]).refs : facts.classRefs(t.id),
        ...(isMember && usual && !bare ? { rewrite: { title: `Rewrite as "${usual.label.split(' ')[0]}"`, edits: [{ start: span.start, end: span.end, newText: matchFirstCase(s.textOf(h.i, h.j), usual.label.split(' ')[0]) }] } } : {}),
        data: { term: t.id, label: gen },
      });
      return;
    }
  }
}


