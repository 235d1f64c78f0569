/**
 * Approval events: a sentence that dates or places an approval or a market launch
 * ("The FDA cleared thalidomide in 1998 to treat multiple myeloma", "Lenalidomide reached
 * the US market in 2003", "Grünenthal began selling thalidomide in 1954") compared with the
 * approvals table (agency, date, coded indication) and history events of data/terms. The
 * FDA and EMA tables are complete, so a year or an indication they lack is a contradiction;
 * for other agencies or no agency only an approval before the first one known is.
 */
import { dateValue, yearOf } from '../analyse';
import type { ApprovalFact } from '../facts';
import { type Contradiction, type FrameInput, type FrameRule, onDate, prettyDate, settingFits, shortIndication, cap } from '../types';

export const APPROVAL_FRAME: FrameRule = {
  id: 'fact-approval',
  family: 'approval-status',
  severity: 'warning',
  title: 'Approval or launch contradicts the database',
  description: 'An approval or market launch with a year, agency or indication that the approvals table and history events in data/terms contradict.',
  check,
  examples: {
    invalid: [
      'The FDA cleared thalidomide in 1998 to treat multiple myeloma.',
      'Lenalidomide reached the US market in 2003.',
      'Grünenthal began selling thalidomide in 1954.',
      'Apremilast is approved for rheumatoid arthritis.',
      'The FDA approved pomalidomide in 2010.',
      'Thalidomide was first marketed in 1961.',
      'Otezla was first approved in 2016 for plaque psoriasis.',
    ],
    valid: [
      'The FDA approved thalidomide in 1998 for erythema nodosum leprosum.',
      'Thalidomide was sold in West Germany from 1957 as Contergan.',
      'Lenalidomide was approved by the FDA in December 2005 for del(5q) MDS.',
      'Apremilast is approved for psoriatic arthritis and plaque psoriasis.',
      'Lenalidomide is not approved for chronic lymphocytic leukaemia.',
      'Thalidomide was sold in West Germany in 1960.',
    ],
  },
};


const FIRST_APPROVAL = new Set(['approved', 'licensed', 'authorised', 'authorized', 'marketed', 'launched', 'available', 'cleared']);

/**
 * "This approval makes Pomalyst the first IMiD approved in the United States": another member of the
 * class had an approval (in that region, for that indication when one is named) before the drug's first.
 */
function firstInClass(x: FrameInput, out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  for (let k = 0; k < s.toks.length; k++) {
    if (s.toks[k].t !== 'first') continue;
    let m = k + 1;
    const before = FIRST_APPROVAL.has(s.toks[m]?.t ?? '');
    if (before) m++;
    if (s.toks[m]?.t === 'oral') m++;
    const cls = lex.classes.at(s.toks, m);
    if (!cls || cls.value.group === 'use') continue;
    let n = cls.j;
    while (n < s.toks.length && n < cls.j + 2 && ['compound', 'drug', 'agent', 'medicine', 'to', 'be', 'ever', 'receive', 'win', 'gain', 'get'].includes(s.toks[n].t)) n++;
    const after = FIRST_APPROVAL.has(s.toks[n]?.t ?? '') || (s.toks[n]?.t === 'on' && s.toks[n + 1]?.t === 'the' && s.toks[n + 2]?.t === 'market') || s.toks[n]?.t === 'approval';
    if (!before && !after) continue;
    if (s.negated(k) || s.conditional(k)) continue;
    const c = s.clauseOf(k);
    const region = s.hitsIn(lex.regions, c.from, c.to)[0]?.value ?? s.hitsIn(lex.agencies, c.from, c.to)[0]?.value.region;
    const inds = s.hitsIn(lex.indications, c.from, c.to).map((h) => h.value);
    const within = (a: ApprovalFact) => (!region || regionOf(a.agency) === region) && (!inds.length || inds.some((w) => [...facts.indicationCodes(a)].some((code) => facts.indicationMatches(code, w))));
    const firstOf = (id: string) => facts.approvals(id).filter(within).sort((p, q) => p.date.localeCompare(q.date))[0];
    for (const subj of s.subjects(k, { after: true })) {
      const t = facts.term(subj.termId);
      if (!t || t.kind !== 'drug' || !facts.classesOf(t.id).has(cls.value.id)) continue;
      const mine = firstOf(t.id);
      if (!mine) continue;
      const earlier = [...facts.db.terms.values()]
        .filter((o) => o.kind === 'drug' && o.id !== t.id && facts.classesOf(o.id).has(cls.value.id))
        .map((o) => ({ o, a: firstOf(o.id) }))
        .filter((e) => e.a && e.a.date < mine.date)
        .sort((p, q) => p.a!.date.localeCompare(q.a!.date));
      if (!earlier.length) continue;
      const e = earlier[0];
      const span = s.span(k, cls.j);
      out.push({
        ruleId: APPROVAL_FRAME.id,
        start: span.start,
        end: span.end,
        message: `${cap(t.preferredName)} was not the first ${cls.phrase.replace(/s$/, '')} approved${region ? ` in ${region === 'US' ? 'the US' : region}` : ''}: ${e.o.preferredName} was approved ${onDate(e.a!.date)} (${e.a!.agency}, ${shortIndication(e.a!.indication)}), before ${t.preferredName} (${prettyDate(mine.date)}).`,
        evidence: e.a!.refs.slice(0, 3),
        data: { term: t.id },
      });
      return true;
    }
  }
  return false;
}

/**
 * "In the US it is only approved for multiple myeloma", "approved only for del(5q) MDS and myeloma":
 * the approvals table (of the region named, or all of it) holds an indication the list leaves out.
 */
/** "first approved", "Initial U.S. Approval: 2006" (a label's header line). */
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FIRST = new Set(['first', 'initial', 'initially', 'original', 'originally']);
const EVENT_BREAK = new Set(['before', 'until', 'while', 'whilst', 'whereas', 'when', 'unlike']);
const NEW_CLAUSE = new Set(['so', 'but', 'which', 'while', 'whilst', 'although', 'though', 'because', 'as', 'whereas', 'meaning', 'hence', 'thus', 'yet', 'since', 'where', 'who', 'if', 'unless']);

/** "first approved", "its first EU approval", "Initial U.S. Approval": a first-word right before the verb, or before an agency or region that is. */
function firstBefore(x: FrameInput, i: number): boolean {
  const { s, lex } = x;
  if (FIRST.has(s.toks[i - 1]?.t ?? '')) return true;
  for (let k = i - 2; k >= Math.max(0, i - 6); k--) {
    if (!FIRST.has(s.toks[k].t)) continue;
    const place = lex.agencies.at(s.toks, k + 1, i) ?? lex.regions.at(s.toks, k + 1, i);
    return !!place && s.toks.slice(place.j, i).every((t) => t.t === '.');
  }
  return false;
}

function onlyFor(x: FrameInput, out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  for (const h of s.hits(lex.approvalVerbs)) {
    const only = s.toks[h.i - 1]?.t === 'only' || s.toks[h.j]?.t === 'only';
    if (!only || s.question || s.negated(h.i, h.j) || s.tenseOf(h.i) === 'past' || s.framedAsPast(h.i)) continue;
    const c = s.clauseOf(h.i);
    // the list runs to a comma before a new clause ("only approved for myeloma, so ENL would be off-label")
    let end = h.j;
    while (end < c.to && s.toks[end].t !== ';' && !(s.toks[end].t === ',' && NEW_CLAUSE.has(s.toks[end + 1]?.t ?? ''))) end++;
    if (s.hasIn(lex.conditionals, c.from, end)) continue;
    const named = s.hitsIn(lex.indications, h.j, end).filter((w) => w.value.code !== 'cancer' && w.value.code !== 'lymphoma');
    if (!named.length || s.hasIn(lex.trials, c.from, c.to)) continue;
    const subjects = s.subjects(h.i, { after: true });
    if (subjects.length !== 1) continue;
    const t = facts.term(subjects[0].termId);
    if (!t || t.kind !== 'drug') continue;
    const region = s.hits(lex.regions)[0]?.value ?? s.hits(lex.agencies)[0]?.value.region;
    const pool = facts.approvals(t.id).filter((a) => a.indicationCode && (dateValue(a.date) ?? Infinity) <= x.at && (!region || regionOf(a.agency) === region));
    if (!pool.length) continue;
    const left = pool.filter((a) => !named.some((w) => [...facts.indicationCodes(a)].some((code) => facts.indicationMatches(code, w.value))));
    // every approval of the list must be named too (a table that knows none of them says nothing)
    if (!left.length || left.length === pool.length) continue;
    const span = s.span(h.i, h.j);
    out.push({
      ruleId: APPROVAL_FRAME.id,
      start: span.start,
      end: span.end,
      message: `${cap(t.preferredName)} is not approved only for ${named.map((w) => s.textOf(w.i, w.j)).join(' and ')}${region ? ` in ${region === 'US' ? 'the US' : region}` : ''}: it is also approved for ${[...new Set(left.map((a) => `${shortIndication(a.indication)} (${a.agency}, ${prettyDate(a.date)})`))].slice(0, 4).join('; ')}.`,
      evidence: left.flatMap((a) => a.refs).slice(0, 3),
      data: { term: t.id },
    });
    return true;
  }
  return false;
}

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, lex, facts } = x;
  if (firstInClass(x, out)) return;
  if (onlyFor(x, out)) return;
  const launches = s.hits(lex.launchVerbs).map((h) => ({ ...h, launch: true }));
  const approvals = s.hits(lex.approvalVerbs).map((h) => ({ ...h, launch: false }));
  for (const h of [...approvals, ...launches]) {
    if (s.negated(h.i, h.j) || s.conditional(h.i)) continue;
    if (lex.approvalNotEvent.has(s.toks[h.j]?.t ?? '') || lex.approvalNotEvent.has(s.toks[h.j + 1]?.t ?? '')) continue;
    const c = s.clauseOf(h.i);
    if (s.hasIn(lex.approvalGeneric, c.from, c.to) || s.hasIn(lex.expected, c.from, c.to) || s.hasIn(lex.investigational, c.from, c.to)) continue;
    const subjects = s.subjects(h.i, { after: true });
    if (subjects.length !== 1) continue; // two drugs in one approval sentence: years and indications cannot be paired safely
    const d = subjects[0].termId;
    const t = facts.term(d);
    if (!t || t.kind !== 'drug') continue;
    const regions = s.hitsIn(lex.regions, c.from, c.to).map((r) => r.value);
    const agencies = s.hitsIn(lex.agencies, c.from, c.to).map((a) => a.value);
    // "approved in the US (2005) and EU (2007)": two places and two years cannot be paired safely
    const places = new Set([...regions, ...agencies.map((a) => a.region)]);
    if (places.size > 1 && new Set(s.years(h.i).map((y) => y.year)).size > 1) continue;
    // "approved in the United States" is the FDA's table; "in Europe" the EMA's
    if (!agencies.length && !h.launch) {
      const byRegion = lex.data.approval.agencies.find((a) => a.region === regions[0] && (a.id === 'FDA' || a.id === 'EMA'));
      if (byRegion) agencies.push({ id: byRegion.id, region: byRegion.region });
    }
    // a year belongs to the approval when it is near the verb (not "studied in a 2004 trial" further on)
    // (a fronted "In 2010, the regulator approved ..." may cross its comma; a year after the verb may not)
    // (nor a year of another event before "before/until/when": "approved for this in 2005, before it was approved for myeloma")
    // (nor a year inside an apposition: "The drug, notorious for birth defects in the 1960s, was approved ...")
    // (a parenthetical ", in 2006," after the name belongs to the event: "The first FDA approval of lenalidomide, in 2006, was ...")
    const parenthetical = (y: { i: number }) => s.toks[y.i - 1]?.t === 'in' && s.toks[y.i - 2]?.t === ',' && s.toks[y.i + 1]?.t === ',';
    const years = s.years(h.i).filter((y) => (!y.decade || y.year < 2000) && (Math.abs(y.i - h.i) <= 8 || (y.i > h.i && y.i - h.i <= 11 && !s.toks.slice(h.i, y.i).some((t) => t.t === ',' || t.t === 'and'))) && !(y.i > h.i && y.i - h.i > 4 && s.toks.slice(h.i, y.i).some((t) => t.t === ',') && !parenthetical(y)) && !(y.i < h.i && s.toks.slice(y.i, h.i).some((t) => EVENT_BREAK.has(t.t))) && !(y.i < h.i && s.toks.slice(y.i, h.i).some((t) => t.t === ',') && s.toks.slice(c.from, y.i).some((t) => t.t === ',')));
    // two approvals and two years in one clause ("accelerated approval in February 2013 and later accelerated
    // approval for Kaposi sarcoma in May 2020"): each year goes with its own event, which is not paired here
    if (s.hitsIn(lex.approvalVerbs, c.from, c.to).length > 1 && new Set(s.years(h.i).map((y) => y.year)).size > 1) continue;
    // (an indication after "before/until/while/when ..." belongs to another event: "approved for this in 2005,
    // before it was approved for myeloma")
    let eventEnd = h.j;
    while (eventEnd < c.to && !EVENT_BREAK.has(s.toks[eventEnd].t)) eventEnd++;
    const indHits = s.hitsIn(lex.indications, c.from, eventEnd);
    const indications = indHits.map((a) => a.value);
    const table = facts.approvals(d);
    if (!table.length) continue;
    const span = s.span(h.i, h.j);
    const report = (message: string, refs: string[], year?: { i: number }, replacement?: string) =>
      out.push({
        ruleId: APPROVAL_FRAME.id,
        start: year ? s.toks[year.i].start : span.start,
        end: year ? s.toks[year.i].end : span.end,
        message,
        evidence: refs,
        ...(year && replacement ? { rewrite: { title: `Replace the year with ${replacement}`, edits: [{ start: s.toks[year.i].start, end: s.toks[year.i].end, newText: replacement }] } } : {}),
        data: { term: d },
      });
    if (h.launch) {
      if (years.length !== 1) continue;
      const y = years[0];
      // a brand's launch: "Contergan was introduced in 1959" against the brand's own first date
      const ent = subjects[0].ent;
      const brand = ent && ent.formKind === 'brand' ? facts.brand(d, ent.text) : undefined;
      if (brand?.from && !y.decade && !lex.launchOngoing.has(h.phrase) && Math.abs(y.year - yearOf(brand.from)!) > 1) {
        report(`${ent!.text} was first marketed ${onDate(brand.from)}${brand.region ? ` (${brand.region})` : ''}, not in ${y.year}.`, brand.refs, y, String(yearOf(brand.from)));
        return;
      }
      const region = regions[0] ?? agencies[0]?.region;
      const firsts: Array<{ date: string; refs: string[]; exact: boolean }> = [];
      const sameRegion = (r: string | undefined) => !!r && (r === region || (region === 'West Germany' && /germany/i.test(r)));
      for (const ev of facts.history(d, 'first-marketed')) if (!region || !ev.region || sameRegion(ev.region)) firsts.push({ ...ev, exact: !region || sameRegion(ev.region) });
      for (const a of table) if (a.first && (!region || regionOf(a.agency) === region)) firsts.push({ ...a, exact: true });
      if (!firsts.length) continue;
      const earliest = firsts.map((f) => yearOf(f.date)!).sort()[0];
      const last = y.decade ? y.year + 9 : y.year;
      // sources disagree by about a year on launches (approval vs first sale): allow one
      if (last < earliest - 1) {
        const f = firsts.find((q) => yearOf(q.date) === earliest)!;
        report(`${cap(t.preferredName)} was not on the ${region ?? ''}${region ? ' ' : ''}market in ${y.year}${y.decade ? 's' : ''}: it was first marketed${region ? ` there` : ''} ${onDate(f.date)}.`.replace(/ {2,}/g, ' '), f.refs, y);
        return;
      }
      // a start ("launched", "first sold", "came to market") years after the first one known, where the
      // sentence names the region of that launch or says "first" (not "sold in 1960": still on sale then)
      const exact = firsts.filter((f) => f.exact).sort((a, b) => a.date.localeCompare(b.date))[0];
      const first = h.phrase.startsWith('first') || s.toks[h.i - 1]?.t === 'first';
      if (exact && !y.decade && !lex.launchOngoing.has(h.phrase) && (region || first) && y.year > yearOf(exact.date)! + 1) {
        report(`${cap(t.preferredName)} was first marketed${region ? ` in ${region === 'US' ? 'the US' : region}` : ''} ${onDate(exact.date)}, not in ${y.year}.`, exact.refs, y, String(yearOf(exact.date)));
        return;
      }
      continue;
    }
    // an agency whose table is complete in data/terms (FDA) is compared in full; for another agency only
    // an approval before its first one known is wrong
    const strict = agencies.find((a) => lex.completeTables.has(a.id));
    const named = agencies.find((a) => table.some((t) => t.agency === a.id));
    if (!strict && agencies.length && !named) continue;
    const pool = strict ? table.filter((a) => a.agency === strict.id) : named ? table.filter((a) => a.agency === named.id) : table;
    const matchesInd = (a: ApprovalFact) => !indications.length || indications.some((w) => [...facts.indicationCodes(a)].some((code) => facts.indicationMatches(code, w)));
    const agencyOf = strict ?? named;
    const agencyName = agencyOf ? `the ${agencyOf.id}` : undefined;
    // an indication the drug was never approved for (by this agency, or anywhere), named next to approved ones
    const approvedHit = (w: { value: { code: string; group?: string } }) => pool.some((a) => [...facts.indicationCodes(a)].some((code) => facts.indicationMatches(code, w.value)));
    const matchedGroups = new Set(indHits.filter(approvedHit).map((w) => w.value.group).filter(Boolean));
    const never = indHits.find((w) => w.value.code !== 'cancer' && w.value.code !== 'lymphoma' && !approvedHit(w) && !(w.value.group && matchedGroups.has(w.value.group)));
    // (a question asks, it does not claim: "is thalidomide approved for leprosy in the US?")
    if (never && !s.question && (strict || !agencies.length) && (s.tenseOf(h.i) !== 'unknown' || indHits.length > 1 || years.length > 0)) {
      if (!s.hasIn(lex.trials, c.from, c.to) && !s.toks.some((t) => t.t === 'off-label' || t.t === 'off' || t.t === 'trial' || t.t === 'trials')) {
        report(`${cap(t.preferredName)} has not been approved for ${s.textOf(never.i, never.j)}${agencyName ? ` by ${agencyName}` : ''}: its approvals are for ${[...new Set(pool.filter((a) => a.indicationCode).map((a) => shortIndication(a.indication)))].slice(0, 4).join('; ')}.`, pool[0].refs);
        return;
      }
    }
    if (years.length === 1) {
      const y = years[0];
      const inYear = (a: ApprovalFact) => (y.decade ? Math.floor(yearOf(a.date)! / 10) * 10 === y.year : yearOf(a.date) === y.year);
      // "first approved in 2006": the year of the agency's first approval, whatever the indication
      const firstOne = [...pool].sort((a, b) => a.date.localeCompare(b.date))[0];
      const saysFirst = firstBefore(x, h.i) || (s.toks[h.j]?.t === 'first' && s.toks[h.j + 1]?.t !== 'line');
      // "first approved in 2006 for multiple myeloma": the first approval was another indication in another
      // year (with the indication before the year, "first approved for myeloma in 2006", it is that indication's first)
      if (saysFirst && indications.length && !y.decade && y.i < indHits[0].i && firstOne && yearOf(firstOne.date) !== y.year && !matchesInd(firstOne) && firstOne.indicationCode) {
        const forIt = pool.filter(matchesInd).sort((a, b) => a.date.localeCompare(b.date))[0];
        report(`The first approval of ${t.preferredName}${agencyName ? ` by ${agencyName}` : ''} was ${onDate(firstOne.date).replace(/^(on|in) /, '')}${agencyName ? '' : ` (${firstOne.agency})`}, for ${shortIndication(firstOne.indication).replace(/^./, (ch) => ch.toLowerCase())}${forIt ? `; the approval for ${s.textOf(indHits[0].i, indHits[0].j)} followed ${onDate(forIt.date)}` : ''}.`, firstOne.refs, y);
        return;
      }
      // "first approved", "approved first", "its first EU approval"
      if (saysFirst && (strict || named) && !indications.length && firstOne && !y.decade && yearOf(firstOne.date) !== y.year) {
        report(`${cap(agencyName!)} first approved ${t.preferredName} ${onDate(firstOne.date)}${firstOne.indicationCode ? `, for ${firstOne.indication.replace(/\s*\(first[^)]*\)/i, '').replace(/^./, (ch) => ch.toLowerCase())}` : ''}.`, firstOne.refs, y, String(yearOf(firstOne.date)));
        return;
      }
      // "first approved in 2016 (for plaque psoriasis)" with no agency: no agency's first approval (for that
      // indication) falls in that year
      if (saysFirst && !agencies.length && !y.decade) {
        const firstBy = new Map<string, ApprovalFact>();
        for (const a of [...pool].sort((p, q) => p.date.localeCompare(q.date))) if (matchesInd(a) && !firstBy.has(a.agency)) firstBy.set(a.agency, a);
        const firsts = [...firstBy.values()];
        if (firsts.length && !firsts.some((a) => yearOf(a.date) === y.year)) {
          const f = firsts[0];
          report(`${cap(t.preferredName)} was first approved ${onDate(f.date)} (${f.agency}${indications.length ? `, ${shortIndication(f.indication)}` : ''}), not in ${y.year}.`, f.refs, y, firsts.length === 1 || firsts.every((a) => yearOf(a.date) === yearOf(f.date)) ? String(yearOf(f.date)) : undefined);
          return;
        }
      }
      const sameYearInd = pool.filter((a) => inYear(a) && matchesInd(a));
      // "approved for plaque psoriasis in March 2014": the right year, another month (that month's approval was
      // for another indication)
      const month = MONTHS.indexOf((s.toks[y.i - 1]?.t ?? '').replace(/\.$/, '')) % 12 + 1;
      const exactInd = sameYearInd.filter((a) => indications.some((w) => w.code === a.indicationCode));
      const forMonth = exactInd.length ? exactInd : sameYearInd;
      if (month > 0 && !y.decade && indications.length && (strict || named) && forMonth.length && forMonth.every((a) => a.date.length >= 7 && Number(a.date.slice(5, 7)) !== month)) {
        const a = forMonth[0];
        const other = pool.find((o) => inYear(o) && o.date.length >= 7 && Number(o.date.slice(5, 7)) === month);
        report(`${cap(agencyName!)} approved ${t.preferredName} for ${shortIndication(a.indication).replace(/^./, (ch) => ch.toLowerCase())} ${onDate(a.date)}${other ? `; the approval ${onDate(other.date)} was for ${shortIndication(other.indication).replace(/^./, (ch) => ch.toLowerCase())}` : ''}.`, a.refs);
        return;
      }
      if (sameYearInd.length && indications.length && (strict || named)) {
        // "in 2006 the FDA approved it for newly diagnosed myeloma": the year's approval was for another setting
        const setting = s.textOf(c.from, c.to).toLowerCase();
        if (!sameYearInd.some((a) => settingFits(setting, a.indication))) {
          const right = pool.filter((a) => matchesInd(a) && settingFits(setting, a.indication)).sort((a, b) => a.date.localeCompare(b.date))[0];
          if (right) {
            report(`In ${y.year} ${agencyName} approved ${t.preferredName} for ${sameYearInd[0].indication.replace(/^./, (ch) => ch.toLowerCase())}; the setting named here came ${onDate(right.date)} (${shortIndication(right.indication)}).`, right.refs, y, String(yearOf(right.date)));
            return;
          }
        }
      }
      if (sameYearInd.length) continue;
      // "is approved in the EU since 2015"-style: too loose to compare, except with a year before any approval
      if (s.tenseOf(h.i) === 'present' && !y.decade) {
        const firstFor = [...pool].filter(matchesInd).sort((a, b) => a.date.localeCompare(b.date))[0] ?? [...pool].sort((a, b) => a.date.localeCompare(b.date))[0];
        if (firstFor && y.year < yearOf(firstFor.date)!) {
          report(`${cap(t.preferredName)} was not approved${agencyName ? ` by ${agencyName}` : ''}${indications.length ? ` for ${s.textOf(indHits[0].i, indHits[0].j)}` : ''} in ${y.year}: the first approval was ${onDate(firstFor.date).replace(/^(on|in) /, '')}${agencyName ? '' : ` (${firstFor.agency})`}.`, firstFor.refs, y, String(yearOf(firstFor.date)));
          return;
        }
        continue;
      }
      const sameInd = pool.filter(matchesInd).sort((a, b) => a.date.localeCompare(b.date));
      const sameYear = pool.filter(inYear);
      if (!strict) {
        // without an agency only an approval before the first one known is wrong
        const first = (indications.length && sameInd.length ? sameInd : pool).map((a) => yearOf(a.date)!).sort()[0];
        if (first === undefined || (y.decade ? y.year + 9 : y.year) >= first) continue;
      }
      if (indications.length && sameInd.length && (!sameYear.length || strict)) {
        report(`${agencyName ? cap(agencyName) : 'Regulators'} approved ${t.preferredName} for ${sameInd[0].indication.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())} ${onDate(sameInd[0].date)}${sameYear.length ? `; in ${y.year} the approval was for ${sameYear[0].indication}` : ''}.`, sameInd[0].refs, y, sameYear.length ? undefined : String(yearOf(sameInd[0].date)));
        return;
      }
      if (sameYear.length && indications.length) {
        report(`In ${y.year} ${t.preferredName} was approved${agencyName ? ` by ${agencyName}` : ''} for ${sameYear[0].indication}, not for the disease named here.`, sameYear[0].refs);
        return;
      }
      const first = [...pool].sort((a, b) => a.date.localeCompare(b.date))[0];
      if (!first) continue;
      const message = strict
        ? `${cap(agencyName!)} did not approve ${t.preferredName} in ${y.year}${y.decade ? 's' : ''}: its approvals are ${pool.slice(0, 4).map((a) => prettyDate(a.date)).join(', ')}.`
        : agencyName
          ? `${cap(agencyName)} had not approved ${t.preferredName} in ${y.year}${y.decade ? 's' : ''}: its first approval there was ${onDate(first.date).replace(/^(on|in) /, '')}.`
          : `No agency had approved ${t.preferredName} in ${y.year}${y.decade ? 's' : ''}: the first approval was ${onDate(first.date).replace(/^(on|in) /, '')} (${first.agency}).`;
      report(message, first.refs, y, pool.length === 1 ? String(yearOf(first.date)) : undefined);
      return;
    }
    if (!years.length && indications.length && s.tenseOf(h.i) !== 'past' && !s.question) {
      // "X is approved for RA": only codes the table can speak for, and no 'trial' context
      if (pool.some(matchesInd)) continue;
      if (s.hasIn(lex.trials, c.from, c.to)) continue;
      const written = indications.filter((w) => w.code !== 'cancer');
      if (!written.length) continue;
      report(`${cap(t.preferredName)} is not approved for ${s.textOf(indHits[0].i, indHits[0].j)}${agencyName ? ` by ${agencyName}` : ''}: its approvals are for ${[...new Set(pool.filter((a) => a.indicationCode).map((a) => shortIndication(a.indication)))].slice(0, 4).join('; ')}.`, pool[0].refs);
      return;
    }
  }
}

function regionOf(agency: string): string | undefined {
  return agency === 'FDA' ? 'US' : agency === 'EMA' ? 'EU' : undefined;
}

