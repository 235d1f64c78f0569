/**
 * Precision and recall on passages in the registers of real text
 * (test/fixtures/claims/real.json): each passage is linted as one document (so pronouns,
 * headings and infobox titles carry their subject), and each scored part counts as flagged
 * when a claim, name or fact-frame finding of severity warning or error starts in it: the
 * counting of the hidden real-text corpora. Scores per label family, per register and per
 * rule (how many flags each rule raised and how many were right).
 */
import { type Engine, lintText } from '../../src/core/index';

export interface Part {
  readonly text: string;
  readonly sep?: string;
  readonly outdated: boolean;
  readonly family?: string;
  readonly why?: string;
}

export interface Passage {
  readonly id: string;
  readonly register: string;
  readonly lang?: string;
  readonly date?: string;
  readonly set?: string;
  readonly parts: readonly Part[];
}

export interface PassageCorpus {
  readonly description?: string;
  readonly passages: readonly Passage[];
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface PassageResult {
  readonly overall: Tally;
  readonly byFamily: Map<string, Tally>;
  readonly byRegister: Map<string, Tally>;
  /** Per rule id: flags raised on outdated parts (right) and on correct parts (wrong). */
  readonly byRule: Map<string, { right: number; wrong: number }>;
  readonly misses: Array<{ id: string; register: string; family: string; text: string; why?: string }>;
  readonly falseAlarms: Array<{ id: string; register: string; rule: string; message: string; text: string }>;
}

const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
const get = (m: Map<string, Tally>, k: string): Tally => {
  let t = m.get(k);
  if (!t) m.set(k, (t = tally()));
  return t;
};

/** The passage as one document, and each part's [start, end). */
export function assemble(p: Passage): { text: string; spans: Array<{ start: number; end: number }> } {
  let text = '';
  const spans: Array<{ start: number; end: number }> = [];
  for (const part of p.parts) {
    spans.push({ start: text.length, end: text.length + part.text.length });
    text += part.text + (part.sep ?? ' ');
  }
  return { text, spans };
}

export function evaluatePassages(engineAt: (date?: string) => Engine, corpus: PassageCorpus, opts: { set?: string } = {}): PassageResult {
  const r: PassageResult = { overall: tally(), byFamily: new Map(), byRegister: new Map(), byRule: new Map(), misses: [], falseAlarms: [] };
  for (const p of corpus.passages) {
    if (opts.set && (p.set ?? 'dev') !== opts.set) continue;
    const engine = engineAt(p.date);
    const claimIds = new Set(engine.claimRuleIds);
    const { text, spans } = assemble(p);
    const findings = lintText(text, p.lang ?? 'markdown', engine).findings.filter((f) => claimIds.has(f.ruleId) && (f.severity === 'error' || f.severity === 'warning'));
    p.parts.forEach((part, k) => {
      const sp = spans[k];
      const mine = findings.filter((f) => f.start >= sp.start && f.start < sp.end + (part.sep ?? ' ').length);
      const flagged = mine.length > 0;
      const fam = part.outdated ? (part.family ?? 'unknown') : mine[0]?.family ?? 'none';
      for (const t of [r.overall, get(r.byRegister, p.register), get(r.byFamily, fam)]) {
        if (part.outdated && flagged) t.tp++;
        else if (part.outdated) t.fn++;
        else if (flagged) t.fp++;
        else t.tn++;
      }
      for (const f of mine) {
        let b = r.byRule.get(f.ruleId);
        if (!b) r.byRule.set(f.ruleId, (b = { right: 0, wrong: 0 }));
        if (part.outdated) b.right++;
        else b.wrong++;
      }
      if (part.outdated && !flagged) r.misses.push({ id: p.id, register: p.register, family: part.family ?? '', text: part.text, ...(part.why ? { why: part.why } : {}) });
      if (!part.outdated && flagged) r.falseAlarms.push({ id: p.id, register: p.register, rule: mine[0].ruleId, message: mine[0].message, text: part.text });
    });
  }
  return r;
}

const P = (t: Tally) => (t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp));
const R = (t: Tally) => (t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn));
export { P as passagePrecision, R as passageRecall };

export function formatPassages(r: PassageResult, opts: { details?: boolean } = {}): string {
  const head = `${''.padEnd(18)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)} ${'TN'.padStart(4)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`;
  const row = (k: string, t: Tally) => `${k.padEnd(18)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)} ${String(t.tn).padStart(4)} ${P(t).toFixed(3).padStart(9)} ${R(t).toFixed(3).padStart(7)}`;
  const lines = ['by register', head, ...[...r.byRegister].sort().map(([k, t]) => row(k, t)), '', 'by family (label family; false alarms under the rule family)', head, ...[...r.byFamily].sort().map(([k, t]) => row(k, t)), '', row('overall', r.overall), '', 'by rule (flags on outdated parts / on correct parts)'];
  for (const [id, b] of [...r.byRule].sort()) lines.push(`  ${id.padEnd(36)} ${String(b.right).padStart(4)} right ${String(b.wrong).padStart(4)} wrong`);
  if (opts.details !== false) {
    lines.push('', 'missed:');
    for (const m of r.misses) lines.push(`  ${m.id} ${m.register}/${m.family}: ${JSON.stringify(m.text)}${m.why ? `  (${m.why})` : ''}`);
    lines.push('', 'false alarms:');
    for (const m of r.falseAlarms) lines.push(`  ${m.id} ${m.register} [${m.rule}] ${JSON.stringify(m.text)} -> ${m.message}`);
  }
  return lines.join('\n');
}
