/**
 * Status: an approved drug called investigational, "in phase II trials", awaiting approval,
 * or "the only ... on the market" when other members of its class are approved; the
 * approval dates and development status come from data/terms. A qualifier after the cue
 * ("for lupus", "in combination with", "in children") makes it a statement about a new
 * use, which is fine; so is the past tense ("was investigational in 2004").
 */
import { dateValue, yearOf } from '../analyse';
import { subjectsOfNominal } from '../bind';
import { checkDevelopment } from './development';
import { type Contradiction, type FrameInput, type FrameRule, prettyDate, settingFits, shortIndication, cap } from '../types';

export const STATUS_FRAME: FrameRule = {
  id: 'fact-status',
  family: 'approval-status',
  severity: 'warning',
  title: 'Development status overtaken',
  description: 'An approved drug called investigational, in trials, awaiting approval, or the only one of its class on the market; an unapproved drug called approved or on the market; a phase below the highest one a drug has reached; against the approvals and development facts in data/terms.',
  check,
  examples: {
    invalid: [
      'Pomalidomide is currently being tested in phase II trials.',
      'Approval of apremilast for psoriasis is expected later this year.',
      'Lenalidomide remains the only thalidomide analogue on the market.',
      'Pomalidomide is an investigational drug.',
      'Mezigdomide is approved for relapsed myeloma.',
      'Golcadomide has so far been tested only in phase 1 studies.',
      'Iberdomide has been on the market in the United States since 2021.',
    ],
    valid: [
      'Lenalidomide is being studied in combination with rituximab.',
      'In 2004, pomalidomide was an investigational drug.',
      'Mezigdomide is an investigational CELMoD.',
      'Lenalidomide is not approved for chronic lymphocytic leukaemia.',
      'Pomalidomide was tested in the phase 3 MM-003 trial.',
      'Iberdomide is being studied in a phase 2 trial in lupus.',
      'In 2019, iberdomide was still in phase 1.',
      'If approved, iberdomide would be the first CELMoD on the market.',
    ],
  },
};

const COMBINATION = new Set(['combination', 'combined', 'with', 'plus', 'versus', 'vs', 'alongside']);
/** "patients with myeloma": 'with' after these names the disease, not a combination partner. */
const PATIENTS = new Set(['patients', 'patient', 'people', 'persons', 'subjects', 'individuals', 'adults', 'children', 'men', 'women', 'those', 'cases']);
/** Where a label starts: the clause's first word, or the word after "Revlimid – " (a drug and a dash or colon). */
function labelStart(s: FrameInput['s'], from: number): number {
  const w = s.firstWord(from);
  const e = s.entAt(w);
  if (e?.kind !== 'drug') return w;
  const after = s.afterEnt(w);
  return SLIDE_MARKS.has(s.toks[after]?.t ?? '') ? after + 1 : w;
}

const ONE_TRIAL = new Set(['trial', 'study', 'studies', 'results', 'data', 'readout', 'cohort', 'arm']);
const SLIDE_MARKS = new Set([':', '-', '\u2013', '\u2014']);
const TRIAL_VERBS = /\b(being|under|undergoing|entered|entering|ongoing|way|underway|currently|still|remains|is in|are in|is now)\b/;

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, lex, facts } = x;
  const cues: Array<{ i: number; j: number; kind: 'investigational' | 'trials' | 'expected' | 'only'; nominal?: boolean }> = [];
  // "an investigational drug", "experimental agent": a description bound like a class ("in this investigational study" is not about the drug)
  for (const h of s.hits(lex.investigational)) {
    // "Legal status: Investigational": a label line's value is about the line's or the section's drug
    const c = s.clauseOf(h.i);
    const label = lex.statusLabels.at(s.toks, labelStart(s, c.from));
    const labelled = !!label && s.toks[label.j]?.t === ':' && h.i === label.j + 1;
    cues.push({ i: h.i, j: h.j, kind: 'investigational', nominal: !labelled && !/\b(is|are|has|have|not|being|under|in|still|only|yet|available|been|received|off|remains)\b/.test(h.phrase) && !h.phrase.startsWith('off') });
  }
  for (const h of s.hits(lex.trials)) {
    // "Status: phase II/III" (a label line) or a verb of ongoing testing
    const c = s.clauseOf(h.i);
    const label = lex.statusLabels.at(s.toks, labelStart(s, c.from));
    // "entered the US market in 2022" is no trial: "entered" needs a trial or phase after it
    if (/\bentere?(d|ing)\b/.test(h.phrase) && !s.hasIn(lex.trials, h.j, Math.min(c.to, h.j + 5)) && !s.toks.slice(h.j, h.j + 5).some((t) => t.t === 'phase' || t.t === 'development' || t.t === 'testing')) continue;
    // a slide or list line "Apremilast: phase III in psoriatic arthritis": the drug, a colon or dash, the phase
    // (labelStart is past "Drug:" only on such a line; not a line that names one trial: "Lenalidomide: phase III
    // (MM-020) in newly diagnosed myeloma")
    const after = labelStart(s, c.from);
    const slide = after !== s.firstWord(c.from) && h.i === after
      && !s.toks.slice(h.j, c.to).some((t) => ONE_TRIAL.has(t.t)) && !/\b[A-Z]{2,}[A-Z-]*-?\d+\b|\b[A-Z]{4,}\b/.test(s.textOf(h.j, c.to));
    if (TRIAL_VERBS.test(h.phrase) || (label && s.toks[label.j]?.t === ':' && h.i > label.j) || slide) cues.push({ i: h.i, j: h.j, kind: 'trials' });
  }
  for (const h of s.hits(lex.expected)) cues.push({ i: h.i, j: h.j, kind: 'expected' });
  for (const h of s.hits(lex.onlyOnMarket)) cues.push({ i: h.i, j: h.j, kind: 'only' });
  // "Old article says lenalidomide is experimental?": a question asks; "generic versions have become available": another product
  if (s.question) {
    checkDevelopment(x, out);
    return;
  }
  for (const cue of cues) {
    const c = s.clauseOf(cue.i);
    if (s.hasIn(lex.approvalGeneric, c.from, c.to) && s.toks.slice(c.from, c.to).some((t) => t.t === 'generic' || t.t === 'generics' || t.t === 'biosimilar')) continue;
    if (s.tenseOf(cue.i) === 'past' || s.framedAsPast(cue.i) || s.conditional(cue.i) && cue.kind !== 'expected') continue;
    const negatedCue = s.toks.slice(cue.i, cue.j).some((t) => t.t === 'not' || t.t === "isn't" || t.t === 'unapproved' || t.t === 'unlicensed' || t.t === 'yet');
    if (!negatedCue && s.negated(cue.i, cue.j)) continue;
    // an expectation about approval (not "a response is expected"): an approval or application word in the sentence
    if (cue.kind === 'expected' && !s.hasIn(lex.applicationWords) && !s.hasIn(lex.approvalVerbs, c.from, c.to)) continue;
    // "is being tested in a phase 3 trial": one trial, not the drug's status
    if (cue.kind === 'trials' && s.toks.slice(cue.j, Math.min(c.to, cue.j + 3)).some((t, n) => (t.t === 'a' || t.t === 'an' || t.t === 'one') && n <= 1)) continue;
    const subjects = cue.nominal ? subjectsOfNominal(s, cue.i, cue.j) : s.subjects(cue.i, { after: cue.kind === 'expected' });
    for (const subj of subjects) {
      const t = facts.term(subj.termId);
      if (!t || t.kind !== 'drug') continue;
      const first = facts.firstApproval(t.id);
      const approved = facts.approvedAt(t.id, x.at);
      // a year before the first approval dates the statement ("in 2009 it was awaiting approval")
      // (an expectation in the present tense with a year already past is outdated all the same)
      // (the year an expectation looks forward to does not date it: "FDA action expected in 2013")
      if (s.years(cue.i, true).some((y) => first && y.year <= (yearOf(first) ?? 0) && !(cue.kind === 'expected' && y.i >= cue.j)) && !(cue.kind === 'expected' && s.tenseOf(cue.i) === 'present')) continue;
      let after = afterCue(x, cue.j, c.to, t.id);
      // "its use in follicular lymphoma remains off-label": wrong only for an indication it is approved for
      if (/\boff\b|off-label|unapproved use/.test(s.textOf(cue.i, cue.j).toLowerCase())) {
        const inds = s.hitsIn(lex.indications, c.from, c.to).map((w) => w.value).filter((w) => w.code !== 'cancer' && w.code !== 'lymphoma');
        const setting = s.textOf(c.from, c.to).toLowerCase();
        const hit = facts.approvals(t.id).find((a) => (dateValue(a.date) ?? Infinity) <= x.at && settingFits(setting, a.indication) && inds.some((w) => [...facts.indicationCodes(a)].some((code) => facts.indicationMatches(code, w))));
        if (!hit) continue;
        const span2 = s.span(cue.i, cue.j);
        out.push({ ruleId: STATUS_FRAME.id, start: span2.start, end: span2.end, message: `This use of ${t.preferredName} is not off-label: it was approved ${prettyDate(hit.date)} (${hit.agency}, ${shortIndication(hit.indication)}).`, evidence: hit.refs.slice(0, 3), data: { term: t.id } });
        return;
      }
      // an expectation is also qualified by an indication before it ("approval for CLL is expected")
      if (cue.kind === 'expected') {
        const before = s.hitsIn(lex.indications, c.from, cue.i).map((w) => w.value);
        if (before.length) after = { ...after, qualified: true, indications: [...after.indications, ...before] };
      }
      const span = s.span(cue.i, cue.j);
      if (cue.kind === 'only') {
        const cls = lex.classes.at(s.toks, cue.j) ?? s.hitsIn(lex.classes, cue.j, Math.min(c.to, cue.j + 4))[0];
        if (!cls || !s.hasIn(lex.market, cue.j, c.to)) continue;
        // "the only IMiD approved for mantle cell lymphoma": the others must be approved for that too
        const inds = s.hitsIn(lex.indications, cue.j, c.to).map((w) => w.value);
        const approvedFor = (id: string) => inds.length ? facts.approvals(id).some((a) => (dateValue(a.date) ?? Infinity) <= x.at && inds.some((w) => [...facts.indicationCodes(a)].some((code) => facts.indicationMatches(code, w)))) : facts.approvedAt(id, x.at);
        const others = [...facts.db.terms.values()].filter((o) => o.kind === 'drug' && o.id !== t.id && facts.classesOf(o.id).has(cls.value.id) && approvedFor(o.id));
        if (!others.length || !facts.classesOf(t.id).has(cls.value.id)) continue;
        out.push({ ruleId: STATUS_FRAME.id, start: span.start, end: span.end, message: `${cap(t.preferredName)} is not the only ${cls.phrase.replace(/s$/, '')} on the market: ${others.map((o) => `${o.preferredName} (first approved ${prettyDate(facts.firstApproval(o.id))})`).join(', ')} ${others.length > 1 ? 'are' : 'is'} approved too.`, evidence: others.flatMap((o) => facts.approvals(o.id).slice(0, 1).flatMap((a) => a.refs)).slice(0, 3), data: { term: t.id } });
        return;
      }
      if (!approved) {
        continue;
      }
      if (after.qualified) {
        // "not approved for CLL": check that indication
        if (negatedCue && after.indications.length) {
          // "not approved for newly diagnosed myeloma": the setting must match the approval's too
          const setting = s.textOf(cue.j, c.to).toLowerCase();
          const ok = facts.approvals(t.id).some((a) => (dateValue(a.date) ?? Infinity) <= x.at && settingFits(setting, a.indication) && after.indications.some((w) => [...facts.indicationCodes(a)].some((code) => facts.indicationMatches(code, w))));
          if (!ok) continue;
        } else if (cue.kind === 'trials' || cue.kind === 'investigational') {
          // "under investigation in ... relapsed multiple myeloma": an indication it is approved for, in its
          // setting, and not "in combination with" a partner (a new regimen is a new use)
          const setting = s.textOf(cue.j, c.to).toLowerCase();
          const combination = s.toks.slice(cue.j, c.to).some((tok, n) => COMBINATION.has(tok.t) && !(tok.t === 'with' && PATIENTS.has(s.toks[cue.j + n - 1]?.t ?? '')));
          const ok = !combination && after.indications.length && facts.approvals(t.id).some((a) => (dateValue(a.date) ?? Infinity) <= x.at && settingFits(setting, a.indication) && after.indications.some((w) => w.code !== 'cancer' && [...facts.indicationCodes(a)].some((code) => facts.indicationMatches(code, w))));
          if (!ok) continue;
        } else if (!after.indications.length) continue;
        else {
          const ok = facts.approvals(t.id).some((a) => (dateValue(a.date) ?? Infinity) <= x.at && after.indications.some((w) => [...facts.indicationCodes(a)].some((code) => facts.indicationMatches(code, w))));
          if (!ok) continue;
        }
      }
      const region = after.region ?? s.hits(lex.regions)[0]?.value ?? s.hits(lex.agencies).find((a) => a.value.id === 'EMA' || a.value.id === 'FDA')?.value.region;
      if (region && !facts.approvals(t.id).some((a) => regionOf(a.agency) === region && (dateValue(a.date) ?? Infinity) <= x.at)) continue;
      const firstA = [...facts.approvals(t.id)].sort((a, b) => a.date.localeCompare(b.date))[0];
      out.push({
        ruleId: STATUS_FRAME.id,
        start: span.start,
        end: span.end,
        message: `${cap(t.preferredName)} is no longer ${cue.kind === 'expected' ? 'awaiting approval' : cue.kind === 'trials' ? 'only in trials' : 'investigational'}: it has been approved since ${prettyDate(firstA?.date ?? first)}${firstA ? ` (${firstA.agency}, ${shortIndication(firstA.indication)})` : ''}.`,
        evidence: (firstA?.refs ?? t.status?.refs ?? []).slice(0, 3),
        data: { term: t.id },
      });
      return;
    }
    // an investigational drug called approved is the approval frame's and the name rules' business
  }
  // a drug that is not approved: called approved or on the market, or its phase understated
  checkDevelopment(x, out);
}

function afterCue(x: FrameInput, from: number, to: number, subject: string): { qualified: boolean; indications: Array<{ code: string; group?: string }>; region?: string } {
  const { s, lex } = x;
  let qualified = false;
  for (let k = from; k < to; k++) {
    if (lex.trials.at(s.toks, k, to)) continue;
    const q = lex.qualifiers.at(s.toks, k, to);
    // "pending with the European Medicines Agency": the agency, not a combination partner
    if (q && !(q.phrase === 'with' && (lex.agencies.at(s.toks, k + 1) || (s.toks[k + 1]?.t === 'the' && lex.agencies.at(s.toks, k + 2))))) qualified = true;
    if (s.toks[k].ent && s.toks[k].ent!.kind === 'drug' && s.toks[k].ent!.termId !== subject) qualified = true; // "with dexamethasone"-style combinations
  }
  const indications = s.hitsIn(lex.indications, from, to).map((h) => h.value);
  if (indications.length) qualified = true;
  const region = s.hitsIn(lex.regions, from, to)[0]?.value ?? s.hitsIn(lex.agencies, from, to)[0]?.value.region;
  return { qualified, indications, ...(region ? { region } : {}) };
}



function regionOf(agency: string): string | undefined {
  return agency === 'FDA' ? 'US' : agency === 'EMA' ? 'EU' : undefined;
}

