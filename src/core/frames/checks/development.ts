/**
 * Development status of drugs that are not approved (part of the status frame):
 *
 * - an investigational drug called approved, marketed, launched or "commercially available"
 *   ("Mezigdomide is already approved"; "Golcadomide, launched in 2022, ..."), against
 *   `development.value` and `development.unapprovedUntil` in data/terms: a drug under review whose
 *   outcome is not recorded is only known to be unapproved up to the date its application was
 *   accepted, so only a claim dated before that is flagged;
 * - a development phase stated as the drug's ceiling ("only in phase 1", "has not yet entered
 *   phase 3", "no phase 3 trial has begun", "Development status: Phase 1", "remains in early
 *   dose-finding studies") below `development.phase`, the highest phase it has reached.
 *
 * Cue words are the `status.onMarket`, `status.phaseLimits`, `status.phaseNegators` and
 * `status.early` lists of data/frames/lexicon.json. A statement about one indication ("in phase 2
 * in lupus"), a dated one ("in 2019 it was in phase 1"), the past tense, a condition, an
 * expectation or a question is left alone.
 */
import { dateValue } from '../analyse';
import { type Contradiction, type FrameInput, cap, prettyDate } from '../types';

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4, '1a': 1, '1b': 1, ib: 1, '2a': 2, '2b': 2, iia: 2, iib: 2, '3a': 3, '3b': 3, iiia: 3, iiib: 3 };
const MODALS = new Set(['will', 'would', 'could', 'may', 'might', 'should', 'can', 'shall', 'once', 'when', 'until', 'before', 'whether']);
/** Tokens before an approval word that make it a predicate ("is approved", "now approved", "Approved (EU, 2023)"). */
const PREDICATIVE = new Set(['is', 'are', 'was', 'were', 'been', 'now', 'already', 'also', 'first', 'finally', 'recently', 'fda', 'ema', 'got', 'became', ':', '(', ';', ',']);
/** Nouns after a phase that make it a statement about data or a part of a trial, not about the drug's stage. */
const NOT_STAGE = new Set(['data', 'results', 'part', 'portion', 'cohort', 'cohorts', 'arm', 'findings', 'dose', 'doses', 'expansion', 'publication', 'report']);
const DAY = 86_400_000;

export function checkDevelopment(x: FrameInput, out: Contradiction[]): boolean {
  return phaseCeiling(x, out) || unapprovedOnMarket(x, out);
}

/** The phase written at token k ("phase 1", "phase I/II", "phase-3", "early-stage", "dose-finding"): its highest number. */
function phaseAt(x: FrameInput, k: number): { value: number; j: number } | undefined {
  const { s, lex } = x;
  const early = lex.early.at(s.toks, k);
  if (early) return { value: 2, j: early.j };
  if (s.toks[k]?.t !== 'phase') return undefined;
  let m = k + 1;
  if (s.toks[m]?.t === '-') m++;
  let v = ROMAN[s.toks[m]?.t ?? ''];
  if (!v) return undefined;
  m++;
  // "phase 1/2", "phase I-II"
  if ((s.toks[m]?.t === '/' || s.toks[m]?.t === '-') && ROMAN[s.toks[m + 1]?.t ?? '']) {
    v = Math.max(v, ROMAN[s.toks[m + 1].t]);
    m += 2;
  }
  return { value: v, j: m };
}

function quiet(x: FrameInput, i: number, phase: { from: number; to: number }): boolean {
  const { s } = x;
  const c = s.clauseOf(i);
  // "early-stage" is the phase, not a time frame
  if (s.tenseOf(i) === 'past' || s.framedAsPast(i, phase) || s.conditional(i)) return true;
  if (s.years(i).length) return true; // a dated statement ("in 2019 it was still in phase 1")
  if (s.text.trimEnd().endsWith('?')) return true;
  for (let k = c.from; k < i; k++) if (MODALS.has(s.toks[k].t)) return true;
  return false;
}

function phaseCeiling(x: FrameInput, out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  for (let k = 0; k < s.toks.length; k++) {
    const ph = phaseAt(x, k);
    if (!ph) continue;
    const c = s.clauseOf(k);
    if (NOT_STAGE.has(s.toks[ph.j]?.t ?? '')) continue;
    // what the sentence says is the ceiling: "only/still/so far ... phase 1" → 1; "not yet ... phase 3",
    // "no phase 3" → 2; a status label line "Development status: Phase 1" → 1
    let claimed: number | undefined;
    let cueFrom = k;
    const from = Math.max(c.from, k - 6);
    const limit = s.hitsIn(lex.phaseLimits, from, k).pop();
    let negator = s.hitsIn(lex.phaseNegators, Math.max(c.from, k - 5), k).pop();
    // "has advanced beyond phase 2" affirms; "neither drug has advanced beyond ..." denies
    if (negator && /beyond|past/.test(negator.phrase) && !/^(not|no|never|yet|has not|have not)\b/.test(negator.phrase) && !s.negated(negator.i, negator.j)) negator = undefined;
    const label = lex.statusLabels.at(s.toks, s.firstWord(c.from));
    if (negator && !/beyond|past|further than/.test(s.textOf(negator.i, k).toLowerCase())) {
      claimed = ph.value - 1;
      cueFrom = negator.i;
    } else if (limit || (negator && /beyond|past|further than/.test(s.textOf(negator.i, k).toLowerCase()))) {
      claimed = ph.value;
      cueFrom = (limit ?? negator)!.i;
    } else if (label && s.toks[label.j]?.t === ':' && k === label.j + 1) {
      claimed = ph.value;
      cueFrom = s.firstWord(c.from);
    }
    if (claimed === undefined || quiet(x, cueFrom, { from: k, to: ph.j })) continue;
    // a statement about one indication ("in phase 2 in lupus") or next to another drug of the regimen
    if (s.hitsIn(lex.indications, c.from, c.to).length) continue;
    const subjects = s.subjects(cueFrom, { after: true, context: true });
    for (const subj of subjects) {
      const t = facts.term(subj.termId);
      const reached = t?.development?.phase;
      if (!t || t.kind !== 'drug' || !reached || facts.approvedAt(t.id, x.at) || reached.value <= claimed) continue;
      const span = s.span(cueFrom, ph.j);
      out.push({
        ruleId: 'fact-status',
        start: span.start,
        end: span.end,
        message: `${cap(t.preferredName)} has reached phase ${reached.value}${reached.note ? ` (${reached.note})` : ''}; this describes an earlier stage.`,
        evidence: reached.refs.slice(0, 3),
        data: { term: t.id, phase: reached.value },
      });
      return true;
    }
  }
  return false;
}

/** Up to when a drug is known to have been approved nowhere (ms), or undefined. */
function unapprovedThrough(x: FrameInput, id: string): number | undefined {
  const t = x.facts.term(id);
  const d = t?.development;
  if (!t || t.kind !== 'drug' || (t.approvals ?? []).length) return undefined;
  if (d?.unapprovedUntil) return dateValue(d.unapprovedUntil);
  const v = d?.value ?? t.status?.value;
  if (v !== 'investigational' && v !== 'discontinued') return undefined;
  // the status was checked at `asOf`; it stands for half a year after that
  const asOf = dateValue(d?.asOf ?? t.asOf);
  return asOf === undefined ? undefined : asOf + 182 * DAY;
}

function unapprovedOnMarket(x: FrameInput, out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  for (const h of s.hits(lex.onMarket)) {
    const c = s.clauseOf(h.i);
    const prev = s.toks[h.i - 1]?.t ?? '';
    const label = lex.statusLabels.at(s.toks, s.firstWord(c.from));
    // a predicate ("is approved", "already approved", "launched in 2022"), not an attribute ("approved drugs")
    if (!PREDICATIVE.has(prev) && !(label && h.i > label.j) && h.i !== s.firstWord(c.from)) continue;
    if (s.negated(h.i, h.j) || s.conditional(h.i) || s.framedAsPast(h.i) && !s.years(h.i).length) continue;
    if (s.hasIn(lex.expected, c.from, c.to) || s.hasIn(lex.investigational, c.from, c.to) || s.hasIn(lex.trials, c.from, c.to)) continue;
    if (s.text.trimEnd().endsWith('?')) continue;
    let modal = false;
    for (let k = c.from; k < h.i; k++) if (MODALS.has(s.toks[k].t)) modal = true;
    if (modal) continue;
    // the time the claim puts the drug on the market: the earliest year written, else the checking date
    const years = s.years(h.i).filter((y) => !y.decade).map((y) => y.year);
    const when = years.length ? Date.UTC(Math.min(...years), 11, 31) : x.at;
    for (const subj of s.subjects(h.i, { context: true })) {
      const t = facts.term(subj.termId);
      const through = t ? unapprovedThrough(x, t.id) : undefined;
      if (!t || through === undefined || when > through) continue;
      const span = s.span(h.i, h.j);
      const d = t.development;
      const why = d?.unapprovedUntil
        ? `it was approved nowhere by ${prettyDate(d.unapprovedUntil)}${d.note ? ` (${d.note})` : ''}`
        : `it is ${d?.value ?? t.status?.value} (as of ${prettyDate(d?.asOf ?? t.asOf)})`;
      out.push({
        ruleId: 'fact-status',
        start: span.start,
        end: span.end,
        message: `${cap(t.preferredName)} is not an approved drug: ${why}.`,
        evidence: (d?.refs ?? t.status?.refs ?? []).slice(0, 3),
        data: { term: t.id },
      });
      return true;
    }
  }
  return false;
}
