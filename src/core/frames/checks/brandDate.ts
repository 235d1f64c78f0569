/**
 * Brand out of its time: a brand written next to a year before the brand existed
 * ("In 1958 expectant mothers took Thalomid": a US brand from 1998), from the brands'
 * dates in data/terms.
 */
import { yearOf } from '../analyse';
import { type Contradiction, type FrameInput, type FrameRule, prettyDate } from '../types';

export const BRAND_DATE_FRAME: FrameRule = {
  id: 'fact-brand-date',
  family: 'outdated-names',
  severity: 'warning',
  title: 'Brand name before the brand existed',
  description: 'A brand used with a year before its first date in data/terms.',
  check,
  examples: {
    invalid: ['In 1958 expectant mothers took Thalomid for morning sickness.', 'Thalomid was withdrawn in 1961.'],
    valid: ['In 1958 expectant mothers took Contergan or Distaval.', 'Thalomid was approved in 1998.'],
  },
};

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, facts } = x;
  for (const e of s.ents) {
    if (e.formKind !== 'brand' || e.kind !== 'drug') continue;
    const k = s.toks.findIndex((t) => t.ent === e);
    const b = facts.brand(e.termId, e.text);
    const from = yearOf(b?.from);
    if (!b || from === undefined) continue;
    const years = s.years(k);
    if (!years.length || s.negated(k)) continue;
    const latest = Math.max(...years.map((y) => (y.decade ? y.year + 9 : y.year)));
    if (latest >= from) continue;
    const t = facts.term(e.termId)!;
    // a contemporary brand of the same drug for the rewrite
    const then = (t.brands ?? []).find((o) => o !== b && (yearOf(o.from) ?? 9999) <= latest && (!o.until || (yearOf(o.until) ?? 0) >= latest));
    out.push({
      ruleId: BRAND_DATE_FRAME.id,
      start: e.start,
      end: e.end,
      message: `${e.text} did not exist in ${latest}: it is a ${b.region} brand of ${t.preferredName} from ${prettyDate(b.from)}${then ? `; in ${latest} it was sold as ${then.name} (${then.region})` : ''}.`,
      evidence: b.refs,
      rewrite: { title: `Replace with "${t.preferredName}"`, edits: [{ start: e.start, end: e.end, newText: t.preferredName }] },
      data: { term: t.id, brand: e.text },
    });
    return;
  }
}
