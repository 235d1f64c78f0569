/**
 * Class: a drug described as a member of a class the database says it is not in. The
 * classes of a drug come from data (memberOf, targets → "PDE4 inhibitor", modality);
 * classes of one group exclude each other ("an IMiD" vs "a PDE4 inhibitor", "a biologic"
 * vs "a small molecule"); a former class (thalidomide the sedative) is wrong in the
 * present tense only.
 */
import type { LexClass } from '../lexicon';
import { subjectsOfNominal } from '../bind';
import { EFFECT_NOUNS, type Contradiction, type FrameInput, type FrameRule, article, plural, cap } from '../types';

export const CLASS_FRAME: FrameRule = {
  id: 'fact-class',
  family: 'drug-class',
  severity: 'warning',
  title: 'Class contradicts the database',
  description: 'A drug called a member of a class it does not belong to (classes from memberOf, targets and modality in data/terms; former classes in the past tense only).',
  check,
  examples: {
    invalid: [
      'Apremilast is an IMiD used in psoriasis.',
      'Otezla, an immunomodulatory imide drug, is taken twice daily.',
      'IMiDs such as thalidomide, lenalidomide and apremilast are given orally.',
      'Lenalidomide is a biologic response modifier.',
      'Thalidomide is a sedative that is also used in myeloma.',
      'Mezigdomide is a PROTAC.',
      'Otezla belongs to the same drug family as Revlimid.',
    ],
    valid: [
      'Apremilast, unlike the IMiDs, is a PDE4 inhibitor.',
      'Apremilast is not an IMiD.',
      'Thalidomide was marketed as a sedative in the 1950s.',
      'Lenalidomide is an IMiD.',
      'Pomalidomide is a thalidomide analogue.',
      'Pomalidomide belongs to the same class as lenalidomide.',
      'Apremilast is not in the same class as thalidomide.',
    ],
  },
};

const MARKETED_AS = new Set(['sold', 'marketed', 'promoted', 'launched', 'advertised', 'introduced']);

const KIND_NOUNS = new Set(['class', 'family', 'group', 'category', 'type', 'kind', 'drug', 'drugs', 'class', 'classes', 'group', 'subclass', 'generation']);

/**
 * "Otezla belongs to the same immunomodulatory drug family as Revlimid": two drugs put in one class
 * when their mechanism classes in data/terms do not overlap (nor are near each other).
 */
function sameClassAs(x: FrameInput, out: Contradiction[]): boolean {
  const { s, facts, lex } = x;
  for (let k = 0; k < s.toks.length; k++) {
    if (s.toks[k].t !== 'same') continue;
    let n = k + 1;
    while (n < s.toks.length && n <= k + 5 && !(KIND_NOUNS.has(s.toks[n].t) && s.toks[n + 1]?.t === 'as')) n++;
    if (n > k + 5 || s.toks[n + 1]?.t !== 'as') continue;
    const other = s.entAt(n + 2) ?? (s.toks[n + 2]?.t === 'the' ? s.entAt(n + 3) : undefined);
    if (!other || other.kind !== 'drug') continue;
    if (s.negated(k) || s.conditional(k) || s.tenseOf(k) === 'past' || s.framedAsPast(k) || s.attributed(k) || s.question) continue;
    const mech = (id: string) => [...facts.classesOf(id)].filter((c) => lex.classById.get(c)?.group === 'mechanism');
    const theirs = mech(other.termId);
    for (const subj of s.subjects(k, { kinds: ['drug'] })) {
      if (subj.termId === other.termId) continue;
      const mine = mech(subj.termId);
      if (!mine.length || !theirs.length) continue;
      const near = (a: string, b: string) => a === b || !!lex.classById.get(a)?.near?.includes(b) || !!lex.classById.get(b)?.near?.includes(a);
      if (mine.some((a) => theirs.some((b) => near(a, b)))) continue;
      const name = (id: string) => facts.term(id)!.preferredName;
      const phrase = (id: string) => facts.classPhrase(id, 'mechanism');
      const span = s.span(k, n + 1);
      out.push({
        ruleId: CLASS_FRAME.id,
        start: span.start,
        end: span.end,
        message: `${cap(name(subj.termId))} is not in the same class as ${name(other.termId)}: ${name(subj.termId)} is ${withArticle(phrase(subj.termId) ?? 'another class')}, ${name(other.termId)} ${withArticle(phrase(other.termId) ?? 'another class')} (term database).`,
        evidence: [...facts.classRefs(subj.termId, 'mechanism'), ...facts.classRefs(other.termId, 'mechanism')].slice(0, 3),
        data: { term: subj.termId },
      });
      return true;
    }
  }
  return false;
}

const SHARED = new Set(['target', 'targets', 'mechanism', 'mechanisms', 'pathway', 'class', 'family', 'action']);

/**
 * "Apremilast and the IMiDs share the same molecular target": drugs (or a class) said to share a target or
 * class that data/terms gives them apart (targets; mechanism classes).
 */
function shareSame(x: FrameInput, out: Contradiction[]): boolean {
  const { s, facts, lex } = x;
  for (let k = 0; k < s.toks.length; k++) {
    if (s.toks[k].t !== 'share' && s.toks[k].t !== 'shares') continue;
    let n = k + 1;
    while (n < s.toks.length && n <= k + 5 && !SHARED.has(s.toks[n].t)) n++;
    if (n >= s.toks.length || n > k + 5 || !s.toks.slice(k + 1, n).some((t) => t.t === 'same' || t.t === 'a' || t.t === 'one')) continue;
    if (s.negated(k) || s.conditional(k) || s.tenseOf(k) === 'past' || s.framedAsPast(k) || s.attributed(k) || s.question) continue;
    const named = [...new Set(s.namedBefore(k, ['drug', 'class']).map((e) => e.termId))];
    if (named.length !== 2) continue;
    const byTarget = s.toks[n].t !== 'class' && s.toks[n].t !== 'family';
    const of = (id: string) => byTarget
      ? new Set(facts.drugsOf(id).flatMap((d) => (facts.term(d)?.targets ?? []).map((l) => l.id)))
      : new Set(facts.drugsOf(id).flatMap((d) => [...facts.classesOf(d)].filter((c) => lex.classById.get(c)?.group === 'mechanism')));
    const [a, b] = named.map(of);
    if (!a.size || !b.size || [...a].some((v) => b.has(v))) continue;
    const name = (id: string) => { const t = facts.term(id)!; return t.kind === 'class' ? `the ${t.preferredName}s` : t.preferredName; };
    const list = (v: Set<string>) => [...v].map((id) => facts.term(id)?.preferredName ?? lex.classById.get(id)?.phrases[0] ?? id).join(', ');
    const span = s.span(k, n + 1);
    out.push({
      ruleId: CLASS_FRAME.id,
      start: span.start,
      end: span.end,
      message: `${cap(name(named[0]))} and ${name(named[1])} do not share a ${byTarget ? 'target' : 'class'}: ${list(a)} for ${name(named[0])}, ${list(b)} for ${name(named[1])} (term database).`,
      evidence: [...(facts.term(named[0])?.mechanism?.refs ?? []), ...(facts.term(named[1])?.mechanism?.refs ?? [])].slice(0, 3),
      data: { term: named[0] },
    });
    return true;
  }
  return false;
}

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, lex } = x;
  if (sameClassAs(x, out)) return;
  if (shareSame(x, out)) return;
  for (const h of s.hits(lex.classes)) {
    const cls = h.value;
    // a class written inside a name ("cereblon" of "cereblon modulator" is the phrase, fine); skip loose phrases
    if (cls.loose?.some((p) => p.toLowerCase() === h.phrase.toLowerCase())) continue;
    if (s.negated(h.i, h.j) || s.conditional(h.i) || s.attributed(h.i)) continue;
    // "- Sold as a sedative ...": a reduced passive of the marketing history at the start of a line
    const asAt = s.toks[h.i - 1]?.t === 'as' ? h.i - 1 : (s.toks[h.i - 1]?.t === 'a' || s.toks[h.i - 1]?.t === 'an') && s.toks[h.i - 2]?.t === 'as' ? h.i - 2 : -1;
    if (asAt > 0 && MARKETED_AS.has(s.toks[asAt - 1]?.t ?? '') && asAt - 1 === s.firstWord(s.clauseOf(h.i).from)) continue;
    // "its sedative effect", "anti-inflammatory properties": an effect of the drug, not its class
    if (EFFECT_NOUNS.has(s.toks[h.j]?.t ?? '') || (s.toks[h.j]?.t === '-' && s.toks[h.j + 1]?.t === 'like')) continue;
    // "a thalidomide-derived immunomodulatory drug (IMiD)": the bracketed name describes the phrase before it
    let from = h.i;
    if (s.toks[h.i - 1]?.t === '(') {
      for (let st = Math.max(0, h.i - 7); st < h.i - 1; st++) {
        const prev = lex.classes.at(s.toks, st, h.i - 1);
        if (prev && prev.j === h.i - 1) {
          from = st;
          break;
        }
      }
    }
    // "all three IMiDs", "these agents": an anaphor resolves to antecedents its noun fits; when some fit,
    // the phrase refers to them and says nothing of the others
    const det = [h.i - 1, h.i - 2].find((k) => k >= 0 && s.anaphorAt(k));
    // (not a predicate after named drugs: "Apremilast and lenalidomide are both IMiDs")
    if (det !== undefined && !s.namedBefore(h.i, ['drug']).length && s.pronounBefore(h.i).some((id) => x.facts.classesOf(id).has(cls.id))) continue;
    const subjects = subjectsOfNominal(s, from, h.j, ['drug', 'class']);
    for (const subj of subjects) {
      // the phrase itself names the subject ("IMiD" for the class imid)
      if (subj.ent && subj.ent.start >= s.toks[h.i].start && subj.ent.end <= s.toks[h.j - 1].end) continue;
      const c = contradiction(x, subj.termId, cls, h.i, s.textOf(h.i, h.j));
      if (!c) continue;
      const span = s.span(h.i, h.j);
      const rewrite = subjects.length === 1 && c.replacement && from === h.i ? replaceClass(x, h.i, h.j, c.replacement) : undefined;
      out.push({
        ruleId: CLASS_FRAME.id,
        start: span.start,
        end: span.end,
        message: c.message,
        evidence: c.refs,
        ...(rewrite ? { rewrite } : {}),
        data: { term: subj.termId, class: cls.id },
      });
      break;
    }
  }
}

function contradiction(x: FrameInput, termId: string, cls: LexClass, at: number, written: string): { message: string; refs: string[]; replacement?: string } | undefined {
  const { facts, s } = x;
  const t = facts.term(termId);
  if (!t) return undefined;
  const mine = facts.classesOf(termId);
  if (mine.has(cls.id)) return undefined;
  // CELMoD called an IMiD, a molecular glue called a cereblon modulator: near classes (either way) are style, left to the name rules
  if (cls.near?.some((n) => mine.has(n)) || [...mine].some((m) => x.lex.classById.get(m)?.near?.includes(cls.id))) return undefined;
  // the phrase names a structural relation ("thalidomide analogue") of a drug that is no class member: not a class claim
  const name = t.preferredName;
  const former = facts.formerClassesOf(termId).find((f) => f.classId === cls.id);
  if (former) {
    if (s.tenseOf(at) === 'past' || s.framedAsPast(at) || s.years(at).length) return undefined;
    const now = facts.classPhrase(termId, 'mechanism');
    return { message: `${cap(name)} is no longer ${withArticle(written.toLowerCase().replace(/s$/, ''))}; that was its class in the 1950s. Today it is ${now ? withArticle(now) : 'used for other indications'}.`, refs: former.refs, ...(now ? { replacement: now } : {}) };
  }
  // "In 2012, apremilast was described as an IMiD": a past description, dated or reported
  if (s.tenseOf(at) === 'past' && (s.years(at).length || s.framedAsPast(at) || s.reported(at) || x.lex.descriptions.has(s.toks, s.clauseOf(at).from, s.clauseOf(at).to))) return undefined;
  const same = [...mine].map((id) => x.lex.classById.get(id)).filter((c) => c && c.group === cls.group);
  if (!same.length) return undefined; // the database does not say what it is in this respect
  const is = facts.classPhrase(termId, cls.group);
  const kind = t.kind === 'class' ? 'are' : 'is';
  const subject = t.kind === 'class' ? `${name}s` : cap(name);
  const w = /^[A-Z][a-z]/.test(written) ? written.charAt(0).toLowerCase() + written.slice(1) : written;
  return {
    message: `${subject} ${kind} not ${t.kind === 'class' ? plural(w, 'xs') : withArticle(w.replace(/s$/, ''))}: ${t.kind === 'class' ? 'they are' : `${name} is`} ${is ? withArticle(is) : 'in another class'} (term database).`,
    refs: facts.classRefs(termId, cls.group),
    ...(is ? { replacement: is } : {}),
  };
}

function replaceClass(x: FrameInput, i: number, j: number, replacement: string): Contradiction['rewrite'] {
  const { s } = x;
  const written = s.textOf(i, j);
  let start = s.toks[i].start;
  let text = plural(replacement, written.replace(/[^A-Za-z]+$/, ''));
  // "a third-generation IMiD" → "a PDE4 inhibitor": the generation label goes with the class
  for (let g = Math.max(0, i - 4); g < i; g++) {
    const h = x.lex.generations.at(s.toks, g, i);
    if (h && (h.j === i || (h.j === i - 1 && s.toks[i - 1].t === '-'))) {
      start = s.toks[g].start;
      i = g;
      break;
    }
  }
  const prev = s.toks[i - 1];
  if (prev && (prev.t === 'a' || prev.t === 'an') && !/s$/i.test(text)) {
    start = prev.start;
    const art = article(text);
    text = `${/^A/.test(s.textOf(i - 1, i)) ? art.charAt(0).toUpperCase() + art.slice(1) : art} ${text}`;
  }
  return { title: `Rewrite as "${text}"`, edits: [{ start, end: s.toks[j - 1].end, newText: text }] };
}

function withArticle(p: string): string {
  return `${article(p)} ${p}`;
}

