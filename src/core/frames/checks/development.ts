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
const VERB_FIRST = new Set(['received', 'won', 'gained', 'got', 'entered', 'hit', 'reached', 'granted', 'obtained', 'secured']);
const PREDICATIVE = new Set(['is', 'are', 'was', 'were', 'been', 'now', 'already', 'also', 'first', 'finally', 'recently', 'fda', 'ema', 'got', 'became', ':', '(', ';', ',']);
/** Nouns after a phase that make it a statement about data or a part of a trial, not about the drug's stage. */
const NOT_STAGE = new Set(['data', 'results', 'part', 'portion', 'cohort', 'cohorts', 'arm', 'findings', 'dose', 'doses', 'expansion', 'publication', 'report']);
const DAY = 86_400_000;

export function checkDevelopment(x: FrameInput, out: Contradiction[]): boolean {
  return phaseCeiling(x, out) || unapprovedOnMarket(x, out) || noGeneric(x, out) || decisionPassed(x, out) || farFromApproval(x, out);
}

/** "No generic version is available", "Revlimid faces no generic competition": against `generics` in data/terms. */
function noGeneric(x: FrameInput, out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  for (const h of s.hits(lex.noGeneric)) {
    if (s.tenseOf(h.i) === 'past' || s.framedAsPast(h.i) || s.conditional(h.i) || s.question) continue;
    if (s.hasIn(lex.metaNegation, s.clauseOf(h.i).from, s.clauseOf(h.i).to)) continue;
    // "until 2022 there was no generic": a year before the generics came dates it
    const years = s.years(h.i).map((y) => y.year);
    const region = s.hits(lex.regions)[0]?.value ?? s.hits(lex.agencies)[0]?.value.region;
    const after = s.entAt(h.j) ?? (s.toks[h.j]?.t === 'for' || s.toks[h.j]?.t === 'of' ? s.entAt(h.j + 1) : undefined);
    const subjects = after && after.kind === 'drug' ? [{ termId: after.termId }] : s.subjects(h.i, { after: true, context: true });
    for (const subj of subjects) {
      const t = facts.term(subj.termId);
      const g = t?.generics?.find((x2) => (!region || x2.region === region) && (dateValue(x2.availableBy) ?? Infinity) <= x.at);
      if (!t || !g || years.some((y) => Date.UTC(y, 11, 31) < (dateValue(g.availableBy) ?? 0))) continue;
      const span = s.span(h.i, h.j);
      out.push({
        ruleId: 'fact-status',
        start: span.start,
        end: span.end,
        message: `Generic ${t.preferredName} is on the market in the ${g.region === 'US' ? 'United States' : g.region}${g.note ? ` (${g.note})` : ''}.`,
        evidence: g.refs.slice(0, 3),
        data: { term: t.id },
      });
      return true;
    }
  }
  return false;
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
  return s.question || modalBefore(x, c.from, i);
}

/** A modal or a time clause before the cue in its clause ("could be approved", "once approved"). */
function modalBefore(x: FrameInput, from: number, i: number): boolean {
  for (let k = from; k < i; k++) if (MODALS.has(x.s.toks[k].t)) return true;
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
    } else if (lineLabel(x, k, c.from)) {
      // a list line "- Iberdomide (CC-220): phase 2, RRMM"
      claimed = ph.value;
      cueFrom = s.firstWord(c.from);
    } else if (copulaIn(x, k)) {
      // "is in phase 2", "are in phase I/II trials" (not "is in a phase 2 trial": one trial)
      claimed = ph.value;
      cueFrom = k - 1;
    } else if (earlyStatus(x, k, ph.j)) {
      // "in early clinical development", "an early-stage CELMoD"
      claimed = ph.value;
      cueFrom = k;
    }
    if (claimed === undefined || quiet(x, cueFrom, { from: k, to: ph.j })) continue;
    // a statement about an indication is compared only with the indications in which the phase was reached
    const written = s.hitsIn(lex.indications, c.from, c.to).map((w) => w.value);
    const subjects = s.subjects(cueFrom, { after: true, context: true });
    for (const subj of subjects) {
      const t = facts.term(subj.termId);
      const reached = t?.development?.phase;
      // an approved drug said to be in an early phase, with nothing that makes it a new use
      if (t && t.kind === 'drug' && facts.approvedAt(t.id, x.at) && !negator && !written.length && !s.hasIn(lex.qualifiers, k, c.to) && !s.ents.some((e) => e.kind === 'drug' && e.termId !== t.id)) {
        const first = [...facts.approvals(t.id)].sort((a, b) => a.date.localeCompare(b.date))[0];
        if (!first) continue;
        const span = s.span(cueFrom, ph.j);
        out.push({
          ruleId: 'fact-status',
          start: span.start,
          end: span.end,
          message: `${cap(t.preferredName)} is no longer in trials only: it has been approved since ${prettyDate(first.date)} (${first.agency}).`,
          evidence: first.refs.slice(0, 3),
          data: { term: t.id },
        });
        return true;
      }
      if (!t || t.kind !== 'drug' || !reached || facts.approvedAt(t.id, x.at) || reached.value <= claimed) continue;
      if (written.length && !written.some((w) => w.code !== 'cancer' && (reached.indications ?? []).some((code) => facts.indicationMatches(code, w)))) continue;
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

/** "- Iberdomide (CC-220): phase 2": the line opens with a drug and a colon comes right before the phase. */
function lineLabel(x: FrameInput, k: number, from: number): boolean {
  const { s } = x;
  if (s.toks[k - 1]?.t !== ':') return false;
  const f = s.firstWord(from);
  const e = s.entAt(f);
  if (!e || e.kind !== 'drug') return false;
  // only the name and a bracketed code between it and the colon
  let m = s.afterEnt(f);
  if (s.toks[m]?.t === '(') {
    while (m < k - 1 && s.toks[m].t !== ')') m++;
    m++;
  }
  return m === k - 1;
}

const COPULA = new Set(['is', 'are', "it's", 'its', "they're", 'remains', 'remain', 'still', 'now', 'currently']);

/** "is in phase 2", "are currently in phase I/II trials". */
function copulaIn(x: FrameInput, k: number): boolean {
  const { s } = x;
  return s.toks[k - 1]?.t === 'in' && COPULA.has(s.toks[k - 2]?.t ?? '');
}

const EARLY_NOUNS = new Set(['development', 'celmod', 'agent', 'drug', 'compound', 'candidate', 'asset', 'molecule', 'product']);

/** "(is) in early clinical development", "an early-stage CELMoD". */
function earlyStatus(x: FrameInput, k: number, j: number): boolean {
  const { s, lex } = x;
  if (!lex.early.at(s.toks, k)) return false;
  const next = s.toks[j]?.t ?? '';
  const prev = s.toks[k - 1]?.t ?? '';
  if (prev === 'an' || prev === 'a') return EARLY_NOUNS.has(next) || next === 'celmods';
  return prev === 'in' && next === 'development';
}

/**
 * "A decision is expected later this year", "the FDA is due to rule in August": the regulator's
 * action date (`development.actionDate`) has passed, whatever the outcome.
 */
function decisionPassed(x: FrameInput, out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  for (const h of s.hits(lex.expected)) {
    if (s.tenseOf(h.i) === 'past' || s.framedAsPast(h.i) || s.negated(h.i, h.j) || s.question) continue;
    // an expectation, not the noun "action date" or "PDUFA" of a report ("the FDA set an action date")
    if (!/expect|due|pending|await|later this year|next year|soon|anticipat/.test(h.phrase)) continue;
    const c = s.clauseOf(h.i);
    if (!/decision|ruling|rule|decide|verdict|approval|pdufa|action date|later this year|next year|due/.test(s.textOf(c.from, c.to).toLowerCase())) continue;
    for (const subj of s.subjects(h.i, { after: true, context: true })) {
      const t = facts.term(subj.termId);
      const d = t?.development;
      const due = dateValue(d?.actionDate);
      if (!t || !d || due === undefined || due >= x.at) continue;
      // "a decision is expected by 17 August 2026" written before that year's end is fine only when dated
      if (s.years(h.i, true).some((y) => y.year < x.atYear)) continue;
      const span = s.span(h.i, h.j);
      out.push({
        ruleId: 'fact-status',
        start: span.start,
        end: span.end,
        message: `The regulator's action date for ${t.preferredName} was ${prettyDate(d.actionDate)}, so the decision is no longer ahead${d.note ? ` (${d.note})` : ''}.`,
        evidence: d.refs.slice(0, 3),
        data: { term: t.id },
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
  // (a development status that is unknown — continued or stopped — still says nothing was approved: the status does)
  const v = d?.value && d.value !== 'unknown' ? d.value : t.status?.value;
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
    // (a phrase that opens with its own verb is a predicate: "received FDA approval", "hit the market")
    // ("Eragidomide is an approved intravenous CELMoD": a predicate noun phrase)
    const predicateNoun = (prev === 'a' || prev === 'an') && lex.be.has(s.toks[h.i - 2]?.t ?? '');
    if (!PREDICATIVE.has(prev) && !predicateNoun && !VERB_FIRST.has(s.toks[h.i].t) && !(label && h.i > label.j) && h.i !== s.firstWord(c.from)) continue;
    if (s.negated(h.i, h.j) || s.conditional(h.i) || s.framedAsPast(h.i) && !s.years(h.i).length) continue;
    // an apposition ("Mezigdomide, already approved for relapsed myeloma, is now being tested ...") is read alone
    let a = h.i;
    while (a > c.from && s.toks[a - 1].t !== ',') a--;
    let b = h.j;
    while (b < c.to && s.toks[b].t !== ',') b++;
    const apposition = a > c.from && b < c.to;
    const [sf, st] = apposition ? [a, b] : [c.from, c.to];
    if (s.hasIn(lex.expected, sf, st) || s.hasIn(lex.investigational, sf, st) || s.hasIn(lex.trials, sf, st)) continue;
    if (s.question || modalBefore(x, c.from, h.i)) continue;
    // the time the claim puts the drug on the market: the earliest year written, else the checking date
    const years = s.years(h.i).filter((y) => !y.decade).map((y) => y.year);
    // "since last year", "two years ago": a year relative to the checking date
    const ctext = s.textOf(c.from, c.to).toLowerCase();
    const rel = /\blast year\b|\ba year ago\b/.test(ctext) ? 1 : /\btwo years ago\b|\b2 years ago\b|\ba couple of years ago\b/.test(ctext) ? 2 : 0;
    if (rel) years.push(x.atYear - rel);
    const when = years.length ? Date.UTC(Math.min(...years), 11, 31) : x.at;
    // the paragraph's drug only for a label line or a bare value ("Legal status: Approved"), not when an
    // unknown name is the subject ("NSC66847 is approved ...")
    const bare = (label && h.i > label.j) || h.i === s.firstWord(c.from);
    // ("BMS won FDA approval for mezigdomide": the drug after a company's verb)
    let subs = s.subjects(h.i, { context: bare });
    if (!subs.length && VERB_FIRST.has(s.toks[h.i].t)) subs = s.namedAfter(h.j, ['drug'], 6).map((e) => ({ termId: e.termId, ent: e, how: 'named' as const }));
    for (const subj of subs) {
      const t = facts.term(subj.termId);
      const through = t ? unapprovedThrough(x, t.id) : undefined;
      if (!t || through === undefined || when > through) continue;
      const span = s.span(h.i, h.j);
      const d = t.development;
      const why = d?.unapprovedUntil
        ? `it was approved nowhere by ${prettyDate(d.unapprovedUntil)}${d.note ? ` (${d.note})` : ''}`
        : `it is ${d?.value && d.value !== 'unknown' ? d.value : t.status?.value} (as of ${prettyDate(d?.asOf ?? t.asOf)})`;
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

/** "Iberdomide is years away from approval" after its application was accepted (`development.applicationAccepted`). */
function farFromApproval(x: FrameInput, out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  for (const h of s.hits(lex.farFromApproval)) {
    if (s.tenseOf(h.i) === 'past' || s.framedAsPast(h.i) || s.negated(h.i, h.j) || s.conditional(h.i) || s.question) continue;
    if (s.years(h.i, true).length) continue;
    for (const subj of s.subjects(h.i, { context: true })) {
      const t = facts.term(subj.termId);
      const d = t?.development;
      const accepted = dateValue(d?.applicationAccepted);
      if (!t || !d || accepted === undefined || accepted > x.at) continue;
      const span = s.span(h.i, h.j);
      out.push({
        ruleId: 'fact-status',
        start: span.start,
        end: span.end,
        message: `${cap(t.preferredName)} is not years away from approval: a marketing application was accepted ${prettyDate(d.applicationAccepted)}${d.actionDate ? ` (action date ${prettyDate(d.actionDate)})` : ''}.`,
        evidence: d.refs.slice(0, 3),
        data: { term: t.id },
      });
      return true;
    }
  }
  return false;
}
