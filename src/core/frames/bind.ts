/**
 * Binding a noun phrase (a class, a generation label, "a new agent") to the drugs it
 * describes, whatever the syntax: copula ("X is a ..."), apposition ("X, a ...", "X (a
 * ...)", "X — a ..."), classification verbs ("X belongs to the ..."), "X and other ...",
 * a label line ("Drug class: ..."), or a list after the noun ("... such as X, Y and Z",
 * "the ... X"). One function for every frame that reads a description.
 */
import type { TermKind } from '../data/types';
import type { Sentence, Subject } from './analyse';
import { isHyphen } from './lexicon';

const DESCRIPTION_ADVERBS = new Set(['best', 'often', 'usually', 'sometimes', 'still', 'commonly', 'generally', 'also', 'nevertheless', 'nonetheless', 'now', 'rightly', 'correctly', 'widely', 'typically', 'variously', 'loosely']);
const OPENERS = new Set([',', '(', ':', '\u2014', '\u2013', '-', '[', '=']);
const STOP_WORDS = new Set(['and', 'or', 'but', 'which', 'that', 'who', 'with', 'for', 'by', 'in', 'on', 'to', 'from', 'than', 'not', 'no', 'as', 'like', 'unlike', 'other', 'all', 'every']);

/** Words that open a clause without being its subject ("Like other IMiDs, X is ...", "Also a ..."). */
const FRONTING = new Set(['like', 'unlike', 'as', 'also', 'thus', 'therefore', 'however', 'moreover', 'chemically', 'structurally', 'pharmacologically', 'today', 'now', 'currently', 'originally', 'initially', 'then']);

export function subjectsOfNominal(s: Sentence, i: number, j: number, kinds: readonly TermKind[] = ['drug']): Subject[] {
  const { toks, lex } = s;
  const c = s.clauseOf(i);
  // "a common partner of biologics", "a class of sedatives": a noun after "of" is not said of the subject
  if (toks[i - 1]?.t === 'of' && !['one', 'kind', 'type', 'sort', 'family', 'class', 'group', 'member', 'members', 'category', 'generation', 'subclass', 'range', 'set'].includes(toks[i - 2]?.t ?? '')) return [];
  // 1. before the phrase: skip determiners and fillers
  let k = i - 1;
  let skipped = 0;
  let anaphor = false;
  while (k >= c.from && skipped < 7) {
    const t = toks[k];
    // "a thalidomide-derived drug": a name inside a compound modifier is part of the description
    if (t.ent && toks[k + 1]?.t === '-' && toks[k + 2] && !toks[k + 2].ent) {
      let st = k;
      while (st > c.from && toks[st - 1].ent === t.ent) st--;
      k = st - 1;
      skipped++;
      continue;
    }
    if (t.ent) break;
    // "X is one of the best-known biologics": "one of" is part of the predicate
    if (t.t === 'of' && toks[k - 1]?.t === 'one') {
      k -= 2;
      continue;
    }
    if (s.anaphorAt(k)) anaphor = true;
    if (lex.fillers.has(t.t) || isHyphen(t.t) || /^\d/.test(t.t) || t.t === 'mg' || (/^[a-z][a-z-]*$/.test(t.t) && !lex.be.has(t.t) && !STOP_WORDS.has(t.t) && !lex.classCopula.at(toks, k) && !lex.classAndOther.at(toks, k) && skipped < 4)) {
      k--;
      skipped++;
      continue;
    }
    break;
  }
  if (k >= c.from) {
    const t = toks[k];
    // apposition or parenthesis right after a name: "X, a ...", "X (a ...", "X: ..."
    // a bare plural after a comma is an item of a list of classes ("lenalidomide, proteasome inhibitors and ..."), not an apposition
    const article = toks.slice(k + 1, i).some((x) => x.t === 'a' || x.t === 'an' || x.t === 'the' || x.t === 'one' || x.t === 'another' || x.t === 'also');
    // (not an item of a list: "exposed to lenalidomide, pomalidomide, a proteasome inhibitor and an anti-CD38 antibody")
    const listItem = t.t === ',' && (() => {
      let p = k - 1;
      while (p > c.from && toks[p - 1]?.ent === toks[k - 1].ent) p--;
      const before = toks[p - 1]?.t;
      let q = j;
      while (q < c.to && q < j + 4 && toks[q].t !== ',' && toks[q].t !== 'and' && toks[q].t !== 'or') q++;
      return before === ',' || ((toks[q]?.t === 'and' || toks[q]?.t === 'or') && ['a', 'an', 'the'].includes(toks[q + 1]?.t ?? ''));
    })();
    if (OPENERS.has(t.t) && k > c.from && toks[k - 1].ent && kinds.includes(toks[k - 1].ent!.kind) && (t.t !== ',' || article) && !listItem) {
      const named = s.namedBefore(k, kinds);
      if (named.length) return named.map((e) => ({ termId: e.termId, ent: e, how: 'named' as const }));
    }
    // copula / classification verbs / "and other": the subject before; "Like other Cs, X ..." the subject after
    for (let st = Math.max(c.from, k - 5); st <= k; st++) {
      const h = lex.classCopula.at(toks, st, k + 1) ?? lex.classAndOther.at(toks, st, k + 1);
      if (h && h.j === k + 1) {
        // "Bortezomib is a proteasome inhibitor": a subject the database does not know is still the subject
        const w0 = s.firstWord(c.from);
        const lead = toks.slice(w0, st);
        if (lead.length && !lead.some((t2) => t2.ent) && !s.anaphorAt(w0) && /^[a-z]/.test(lead[0].t) && !lex.fillers.has(lead[0].t) && !FRONTING.has(lead[0].t)) return [];
        const subj = s.subjects(st, { kinds });
        if (subj.length) return subj;
        if (st === s.firstWord(c.from) || toks[st - 1]?.t === ',') {
          const after = leadingSubject(s, j, kinds);
          if (after.length) return after;
        }
        break;
      }
    }
    // "As a C, X ...", "X as a C", "list it as a C"
    if (t.t === 'as') {
      if (k === s.firstWord(c.from) || toks[k - 1]?.t === ',') {
        const after = leadingSubject(s, j, kinds);
        if (after.length) return after;
      }
      const prev = toks[k - 1];
      if (prev?.ent && kinds.includes(prev.ent.kind)) return [{ termId: prev.ent.termId, ent: prev.ent, how: 'named' as const }];
      // "X is (best) classified as a C", "it is often described as a C": the subject of the description verb
      let v = k - 1;
      while (v > c.from && DESCRIPTION_ADVERBS.has(toks[v].t)) v--;
      if (v >= c.from && lex.descriptions.at(toks, v) && !lex.reporters.has(toks, c.from, v)) {
        const subj = s.subjects(v, { kinds });
        if (subj.length) return subj;
      }
      if (prev && s.anaphorAt(k - 1)) {
        const p = s.pronounBefore(k);
        if (p.length) return p.map((termId) => ({ termId, how: 'pronoun' as const }));
      }
    }
    // a label line: "Drug class: ...", "Class — ..."
    if (t.t === ':' || isHyphen(t.t) || t.t === '\u2014') {
      for (let st = Math.max(c.from, k - 4); st < k; st++) {
        const h = lex.classLabels.at(toks, st, k);
        // (also after "Apremilast – ": a drug, a dash or colon, then the label)
        const w0 = s.firstWord(c.from);
        const lead = toks[w0]?.ent?.kind === 'drug' && ['-', '\u2013', '\u2014', ':'].includes(toks[s.afterEnt(w0)]?.t ?? '') ? s.afterEnt(w0) + 1 : -1;
        if (h && h.j === k && (st === w0 || st === lead)) {
          const named = s.ents.filter((e) => kinds.includes(e.kind) && e.start < toks[st].start).slice(0, 1);
          if (named.length) return named.map((e) => ({ termId: e.termId, ent: e, how: 'named' as const }));
          if (s.ctx.topic) return [{ termId: s.ctx.topic, how: 'topic' as const }];
        }
      }
    }
  }
  // 2. after the phrase: "IMiDs such as X, Y and Z", "the IMiD X", "IMiDs (X, Y)"
  let m = j;
  // "the immunomodulatory drugs (IMiDs) include ...": past the bracketed short name
  if (m < c.to && toks[m].t === ')') m++;
  if (m < c.to && OPENERS.has(toks[m].t)) m++;
  const marker = m < c.to ? lex.classListMarkers.at(toks, m, c.to) : undefined;
  if (marker) m = marker.j;
  if (m < c.to && toks[m].t === ':') m++;
  if (m < c.to && (toks[m].t === 'the' || toks[m].t === 'drug' || toks[m].t === 'drugs')) m++;
  // a fragment that starts with the description ("- Also a PDE5 inhibitor", "Type: PROTAC" under a title)
  if ((k < c.from || (k === c.from && /^[-*\u2022:]$/.test(toks[k].t))) && !s.ents.some((e) => kinds.includes(e.kind))) {
    const subj = s.subjects(i, { kinds, context: true });
    if (subj.length && subj.every((x) => x.how !== 'named')) return subj;
  }
  // "these heterobifunctional PROTAC molecules": an anaphor around the phrase
  if (anaphor) {
    const p = s.pronounBefore(i);
    if (p.length) return p.map((termId) => ({ termId, how: 'pronoun' as const }));
  }
  const first = s.entAt(m);
  if (first && kinds.includes(first.kind) && !s.excluded(m, j)) {
    const out: Subject[] = [{ termId: first.termId, ent: first, how: 'named' }];
    let n = s.afterEnt(m);
    while (n < c.to) {
      let q = n;
      while (q < c.to && (toks[q].t === ',' || toks[q].t === 'and' || toks[q].t === 'or' || toks[q].t === '/')) q++;
      if (q === n) break;
      const e = s.entAt(q);
      if (!e || !kinds.includes(e.kind)) break;
      out.push({ termId: e.termId, ent: e, how: 'named' });
      n = s.afterEnt(q);
    }
    return out;
  }
  return [];
}

/** The subject of the main clause after a fronted phrase ("As a PROTAC, it ...", "Like other IMiDs, X ..."). */
function leadingSubject(s: Sentence, j: number, kinds: readonly TermKind[]): Subject[] {
  const c = s.clauseOf(j);
  let m = j;
  while (m < c.to && s.toks[m].t !== ',') m++;
  if (m >= c.to) return [];
  m++;
  const e = s.entAt(m) ?? (s.toks[m]?.t === 'the' ? s.entAt(m + 1) : undefined);
  if (e && kinds.includes(e.kind)) return [{ termId: e.termId, ent: e, how: 'named' }];
  if (s.anaphorAt(m)) {
    const p = s.pronounBefore(m + 1);
    return p.map((termId) => ({ termId, how: 'pronoun' as const }));
  }
  return [];
}

