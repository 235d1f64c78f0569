/**
 * Mechanism: a relation between a drug and a protein (inhibits, degrades, stabilises,
 * binds) compared with the drug's targets and neosubstrates in data/terms:
 * - a molecular glue (a class with a target relation "modulates") binds its target and
 *   redirects it; it does not inhibit or degrade it;
 * - a drug does not stabilise a protein it degrades;
 * - a selective degrader does not degrade another drug's neosubstrates;
 * - a drug with known targets does not bind another drug's target (apremilast/cereblon).
 * The object is the protein after the verb ("inhibits the E3 ligase cereblon"), before a
 * nominal ("cereblon inhibitor", "CRBN inhibition") or the passive subject ("cereblon is
 * inhibited by X"); the drug is named, resolved from a pronoun, the section topic, or, for
 * "inhibition of cereblon" with no drug at all, the IMiD class the text is about.
 */
import type { Ent } from '../analyse';
import { type Contradiction, type FrameInput, type FrameRule, cap, matchFirstCase } from '../types';

export const MECHANISM_FRAME: FrameRule = {
  id: 'fact-mechanism',
  family: 'cereblon-mechanism',
  severity: 'warning',
  title: 'Mechanism contradicts the database',
  description: 'A drug said to inhibit, degrade, stabilise or bind a protein against its targets and neosubstrates in data/terms (molecular glues bind and redirect cereblon; they do not inhibit it).',
  check,
  examples: {
    invalid: [
      'Thalidomide works by switching off cereblon.',
      'Pharm. Inhibition of cereblon, angiogenesis, inflammation and immunomodulatory effects',
      'Lenalidomide stabilises Ikaros in myeloma cells.',
      'Eragidomide degrades Ikaros and Aiolos.',
      'Apremilast binds cereblon.',
      'Cereblon is inhibited by pomalidomide.',
    ],
    valid: [
      'Lenalidomide binds cereblon and induces the degradation of IKZF1 and IKZF3.',
      'Thalidomide inhibits cereblon from ubiquitinating its endogenous substrates while promoting degradation of IKZF1.',
      'Apremilast, unlike the IMiDs, does not bind cereblon.',
      'Apremilast inhibits PDE4.',
      'In 2010, thalidomide was thought to inhibit cereblon.',
    ],
  },
};

const OBJECT_FILLERS = new Set(['associated', 'attached', 'cognate', 'called', 'named', 'known', 'as', 'the', 'its', 'their', 'a', 'e3', 'ligase', 'ubiquitin', 'protein', 'target', 'receptor', 'substrate', 'of', 'to', 'on', 'with', 'directly', 'selectively', 'potently', 'primary', 'molecular', 'key', 'enzyme', 'complex', 'adaptor', 'specifically', 'effectively', 'function', 'activity', 'levels', 'expression', 'transcription', 'factors', 'factor', 'and', '-', ',']);

const PAST_DESCRIPTION = new Set(['described', 'called', 'labelled', 'labeled', 'classified', 'termed', 'characterised', 'characterized', 'regarded', 'considered', 'thought', 'believed', 'viewed', 'portrayed', 'dubbed']);

const MINIMAL = new Set(['minimal', 'negligible', 'little', 'weak', 'limited', 'without', 'no', 'sparing', 'spares']);
const TOOLS = new Set(['shrna', 'sirna', 'knockdown', 'knockout', 'crispr', 'knocked', 'silencing']);
const RELATIVE = new Set(['which', 'that', 'who']);

const PHRASAL = new Set(['switch', 'switches', 'switched', 'switching', 'turn', 'turns', 'turned', 'turning', 'shut', 'shuts', 'shutting', 'knock', 'knocks', 'knocked', 'knocking']);

/** "Neosubstrates: IKZF1, IKZF3", "Main proteins degraded: ...": a label line that lists what the drug degrades. */
const DEGRADE_LABEL = /^(?:main |key |principal |known )?(?:neo-?substrates?|(?:proteins?|targets?|substrates?) degraded|degrades|degraded (?:proteins?|targets?)|degradation targets?)$/;

function degradeLabel(x: FrameInput, out: Contradiction[]): boolean {
  const { s } = x;
  const w0 = s.firstWord(0);
  const colon = s.toks.findIndex((t, k) => k > w0 && t.t === ':');
  if (colon < 0 || colon - w0 > 5 || !DEGRADE_LABEL.test(s.textOf(w0, colon).toLowerCase())) return false;
  if (s.negated(colon + 1)) return false;
  const named = s.ents.filter((e) => (e.kind === 'drug' || e.kind === 'class') && e.start < s.toks[colon].start);
  const subject = named.length === 1 ? named[0].termId : !named.length ? s.ctx.topic ?? s.ctx.chain : undefined;
  if (!subject) return false;
  for (let k = colon + 1; k < s.toks.length; k++) {
    const e = s.entAt(k);
    if (!e || e.kind !== 'protein') continue;
    const c = contradiction(x, subject, 'degrade', e);
    if (!c) continue;
    out.push({ ruleId: MECHANISM_FRAME.id, start: e.start, end: e.end, message: c.message, evidence: c.refs, data: { term: subject, protein: e.termId, relation: 'degrade' } });
    return true;
  }
  return false;
}

/** Verbs after a marker that say which way it goes ("cAMP falls", "cAMP goes up"), not what it does to others. */
const INTRANSITIVE = new Set(['falls', 'fall', 'drops', 'drop', 'declines', 'decline', 'goes', 'go', 'rises', 'rise']);
const INHIBITING = /^(inhibit|inhibits|inhibited|inhibiting|inhibition|inhibitor|inhibitors|block|blocks|blocked|blocking|blockade|blocker|blockers)$/;

/**
 * "Apremilast lowers intracellular cAMP", "This lowering of cAMP ...", "- ↓ cAMP": the way a drug moves
 * a messenger, against the drug's `effects` in data/terms (apremilast raises cAMP by inhibiting PDE4).
 */
function effectDirection(x: FrameInput, out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  for (const mk of s.hits(lex.markers)) {
    let dir: { i: number; j: number; value: 'raises' | 'lowers' } | undefined;
    for (let st = mk.i - 1; st >= Math.max(0, mk.i - 4) && !dir; st--) {
      const d = lex.direction.at(s.toks, st, mk.i);
      if (d && mk.i - d.j <= 1) dir = { i: st, j: d.j, value: d.value };
    }
    if (!dir && INTRANSITIVE.has(s.toks[mk.j]?.t ?? '')) {
      const d = lex.direction.at(s.toks, mk.j);
      if (d) dir = { i: mk.j, j: d.j, value: d.value };
    }
    if (!dir || s.negated(dir.i, dir.j) || s.conditional(dir.i) || s.framedAsPast(dir.i) || s.question || s.attributed(dir.i)) continue;
    const c = s.clauseOf(dir.i);
    // the enzyme itself as the subject ("PDE4 breaks down cAMP, lowering it"): true, and not about the drug
    const enzyme = s.ents.find((e) => e.kind === 'protein' && e.start >= s.toks[c.from].start && e.end <= s.toks[Math.min(dir.i, mk.i)].start);
    const k = enzyme ? s.toks.findIndex((t) => t.ent === enzyme) : -1;
    const inhibited = enzyme && [s.toks[k - 1], s.toks[k - 2], s.toks[s.afterEnt(k)], s.toks[s.afterEnt(k) + 1]].some((t) => t && INHIBITING.test(t.t));
    if (enzyme && !inhibited) continue;
    let ids = s.subjects(dir.i, { kinds: ['drug', 'class'], context: true, sentence: true }).map((x2) => x2.termId);
    if (!ids.length && enzyme) ids = [...facts.db.terms.values()].filter((t) => t.kind === 'drug' && (t.targets ?? []).some((l) => l.id === enzyme.termId)).map((t) => t.id);
    for (const id of ids) {
      const drug = facts.drugsOf(id).map((d) => facts.term(d)).find((t) => t?.effects?.some((e) => e.marker === mk.value));
      const effect = drug?.effects?.find((e) => e.marker === mk.value);
      if (!drug || !effect || effect.direction === dir.value) continue;
      const span = s.span(Math.min(dir.i, mk.i), Math.max(dir.j, mk.j));
      const written = s.textOf(mk.i, mk.j);
      out.push({
        ruleId: MECHANISM_FRAME.id,
        start: span.start,
        end: span.end,
        message: `${cap(drug.preferredName)} ${effect.direction === 'raises' ? 'raises' : 'lowers'} ${written}, it does not ${dir.value === 'raises' ? 'raise' : 'lower'} it${effect.note ? ` (${effect.note})` : ''}.`,
        evidence: effect.refs.slice(0, 3),
        data: { term: drug.id, marker: mk.value },
      });
      return true;
    }
  }
  return false;
}

function check(x: FrameInput, out: Contradiction[]): void {
  const { s, lex } = x;
  if (degradeLabel(x, out)) return;
  if (effectDirection(x, out)) return;
  if (primacy(x, out)) return;
  if (s.hasIn(lex.dualUse)) return;
  // "switching cereblon off", "turns CRBN down": a phrasal verb around its object
  const split: Array<{ i: number; j: number; value: string }> = [];
  for (let k = 0; k + 2 < s.toks.length; k++) {
    if (!PHRASAL.has(s.toks[k].t)) continue;
    const e = s.entAt(k + 1);
    if (!e || (e.kind !== 'protein' && e.kind !== 'complex')) continue;
    const after = s.afterEnt(k + 1);
    if (s.toks[after]?.t === 'off' || s.toks[after]?.t === 'down') split.push({ i: k, j: k + 1, value: 'inhibit' });
  }
  for (const h of [...split, ...s.hits(lex.mech)]) {
    const verb = h.value;
    if (s.negated(h.i, h.j) || s.conditional(h.i)) continue;
    if (s.framedAsPast(h.i) || (s.reported(h.i) && (s.tenseOf(h.i) === 'past' || /ed$/.test(s.toks[h.i].t)))) continue;
    // "CRBN depletion by shRNA": an agent that is not the drug; "minimal IKZF1 degradation": a degree that denies it
    if (s.toks.slice(h.j, h.j + 3).some((t, n, a) => t.t === 'by' && !a[n + 1]?.ent) || s.toks.slice(Math.max(0, h.i - 6), h.i).some((t) => MINIMAL.has(t.t)) || s.toks.some((t) => TOOLS.has(t.t))) continue;
    // "..., which inhibit PDE4": a relative clause is about the noun before its pronoun
    // ("that" after a verb is a complementizer: "findings suggest that ...")
    if (RELATIVE.has(s.toks[h.i - 1]?.t ?? '')) {
      let r = h.i - 2;
      if (s.toks[r]?.t === ',') r--;
      if (s.toks[r]?.t === ')') {
        while (r > 0 && s.toks[r].t !== '(') r--;
        r--;
      }
      const head = s.toks[r]?.ent;
      const headless = !head && (s.toks[h.i - 1].t !== 'that' || s.toks[h.i - 2]?.t === ',');
      if (headless || (head && head.kind !== 'drug' && head.kind !== 'class')) continue;
    }
    // "older papers described the drugs as cereblon inhibitors": a past description verb before the phrase
    const cl = s.clauseOf(h.i);
    if (s.toks.slice(Math.max(cl.from, h.i - 8), h.i).some((t) => PAST_DESCRIPTION.has(t.t))) continue;
    const obj = objectOf(x, h.i, h.j);
    if (!obj) continue;
    // "cereblon-mediated degradation of IKZF1": the object of degradation is IKZF1, cereblon the means
    let subjects = s.subjects(obj.before ? obj.tokenIndex : h.i, { after: true, kinds: ['drug', 'class'], context: true }).filter((t) => t.ent !== obj.ent);
    if (!subjects.length && verb === 'inhibit' && obj.ent.termId === 'cereblon' && !s.ents.some((e) => e.kind === 'drug' || e.kind === 'class')) subjects = [{ termId: 'imid', how: 'default' }];
    for (const subj of subjects) {
      // before the mechanism was elucidated (a text dated then, or a sentence about then), "inhibits cereblon" was the accepted reading
      const el = elucidated(x, subj.termId);
      if (verb === 'inhibit' && (el > x.atYear || s.years(h.i, true).some((y) => y.year < el))) continue;
      const c = contradiction(x, subj.termId, verb, obj.ent);
      if (!c) continue;
      const span = s.span(Math.min(h.i, obj.tokenIndex), Math.max(h.j, obj.tokenEnd));
      const fix = verb === 'inhibit' ? lex.fixVerbs[s.toks[h.i].t] : undefined;
      const rewrite = fix && h.j === h.i + 1 && c.kind === 'glue' ? { title: `Rewrite "${s.textOf(h.i, h.j)}" as "${fix}"`, edits: [{ start: s.toks[h.i].start, end: s.toks[h.i].end, newText: matchFirstCase(s.textOf(h.i, h.j), fix) }] } : undefined;
      out.push({ ruleId: MECHANISM_FRAME.id, start: span.start, end: span.end, message: c.message, evidence: c.refs, ...(rewrite ? { rewrite } : {}), data: { term: subj.termId, protein: obj.ent.termId, relation: verb } });
      return;
    }
  }
}

/** The year a drug's (or its class's) mechanism was elucidated (history events), or 0. */
function elucidated(x: FrameInput, termId: string): number {
  const t = x.facts.term(termId);
  const drugs = x.facts.drugsOf(termId);
  let years = drugs.flatMap((d) => x.facts.history(d, 'mechanism-elucidated').map((h) => Number(h.date.slice(0, 4))));
  // a drug without its own event: the event of its class (pomalidomide shares the IMiDs' 2014)
  if (!years.length && t?.kind === 'drug') {
    const classes = (t.memberOf ?? []).map((m) => m.id);
    const peers = [...x.facts.db.terms.values()].filter((o) => o.kind === 'drug' && (o.memberOf ?? []).some((m) => classes.includes(m.id)));
    years = peers.flatMap((d) => x.facts.history(d.id, 'mechanism-elucidated').map((h) => Number(h.date.slice(0, 4))));
  }
  return years.length ? Math.min(...years) : 0;
}

/**
 * "The primary mechanism is inhibition of angiogenesis", "Main MoA: anti-angiogenesis",
 * "acts only through its anti-angiogenic effect": for a molecular glue, whose mechanism is
 * the ligase it redirects, another process named as the main or sole mechanism.
 */
const INFLAMMATORY = new Set(['enl', 'leprosy', 'plaque-psoriasis', 'psoriatic-arthritis', 'behcet-oral-ulcers', 'crohns-disease', 'rheumatoid-arthritis', 'lupus']);

function primacy(x: FrameInput, out: Contradiction[]): boolean {
  const { s, lex } = x;
  // "the primary mechanism is …" (a primacy word near a mechanism noun) or "… is mediated through inhibition
  // of angiogenesis" (an explaining verb), with no word that makes it one cause among others
  // (each candidate in turn: "harms the baby only by blocking ..." has a primacy word and an explaining one)
  // ("by" and a verb in -ing explains as "by blocking" does: "only by cutting off blood vessel growth")
  const byVerb: Array<{ i: number; j: number; explaining: boolean }> = [];
  for (let k = 0; k + 1 < s.toks.length; k++) if (s.toks[k].t === 'by' && /[a-z]{3}ing$/.test(s.toks[k + 1].t)) byVerb.push({ i: k, j: k + 2, explaining: true });
  for (const p of [...s.hits(lex.primacy).map((h) => ({ ...h, explaining: false })), ...s.hits(lex.explains).map((h) => ({ ...h, explaining: true })), ...byVerb, ...s.hits(lex.explainedBy).map((h) => ({ ...h, explaining: true, reverse: true }))]) {
    if (!s.negated(p.i, p.j) && primacyAt(x, p, out)) return true;
  }
  return false;
}

function primacyAt(x: FrameInput, p: { i: number; j: number; explaining: boolean; reverse?: boolean }, out: Contradiction[]): boolean {
  const { s, lex, facts } = x;
  const c = s.clauseOf(p.i);
  const explaining = p.explaining;
  const noun = explaining || s.hitsIn(lex.primacyNouns, c.from, c.to).some((h) => Math.abs(h.i - p.j) <= 7 || Math.abs(p.i - h.j) <= 4);
  // (reversed, "this anti-TNF action is the basis of its teratogenic effects": the process before the verb,
  // and what it explains after it must be the drug's effects)
  const proc = p.reverse
    ? s.hitsIn(lex.processes, Math.max(c.from, p.i - 8), p.i)[0]
    : s.hitsIn(lex.processes, c.from, c.to).find((h) => !explaining || (h.i >= p.j && h.i - p.j <= 5));
  if (p.reverse && !s.hasIn(lex.thalidomideTopics, p.j, c.to) && !s.toks.slice(p.j, c.to).some((t) => /^(?:therapeutic|teratogenic|antimyeloma|anti-myeloma|anticancer|anti-cancer|antitumou?r|anti-tumou?r)$/.test(t.t))) return false;
  if (!noun || !proc || s.framedAsPast(p.i) || s.tenseOf(p.i) === 'past' || s.conditional(p.i)) return false;
  if (s.hasIn(lex.partial, c.from, c.to)) return false;
  // "its benefit in ENL is attributed to lowering TNF-α": in the inflammatory indications TNF is the
  // accepted account of the benefit (not of the drug's mechanism as a whole)
  if (/tnf/i.test(proc.phrase) && s.hits(lex.indications).some((h) => INFLAMMATORY.has(h.value.code))) return false;
  if (s.ents.some((e) => e.termId === 'cereblon' || e.kind === 'protein' && e.termId !== 'tnf-alpha')) return false;
  let subjects = s.subjects(p.i, { after: true, kinds: ['drug', 'class'] });
  if (!subjects.length && s.ctx.lastSentence?.length) subjects = s.ctx.lastSentence.map((termId) => ({ termId, how: 'pronoun' as const }));
  for (const subj of subjects) {
    const t = facts.term(subj.termId);
    if (!t) continue;
    const drugs = facts.drugsOf(t.id);
    const glue = drugs.length && drugs.every((d) => [...facts.classesOf(d)].some((k) => lex.targetRelation[k] === 'modulates'));
    if (!glue || elucidated(x, t.id) > x.atYear || !elucidated(x, t.id)) continue;
    const span = s.span(proc.i, proc.j);
    out.push({ ruleId: MECHANISM_FRAME.id, start: span.start, end: span.end, message: `${s.textOf(proc.i, proc.j)} is not the main mechanism of ${t.kind === 'class' ? `the ${t.preferredName}s` : t.preferredName}: ${t.kind === 'class' ? 'they act' : 'it acts'} mainly by binding cereblon and redirecting the ligase to degrade neosubstrates; effects on angiogenesis and TNF-α are downstream or secondary.`, evidence: (t.mechanism?.refs ?? facts.term(drugs[0])?.mechanism?.refs ?? []).slice(0, 3), data: { term: t.id } });
    return true;
  }
  return false;
}

/** The protein the relation at [i, j) applies to. */
function objectOf(x: FrameInput, i: number, j: number): { ent: Ent; tokenIndex: number; tokenEnd: number; before: boolean } | undefined {
  const { s } = x;
  // after: "inhibits (the E3 ubiquitin ligase activity of) cereblon", "inhibition of CRBN"
  let its = false;
  let ligase = false;
  for (let k = j; k < Math.min(s.toks.length, j + 8); k++) {
    const e = s.entAt(k);
    if (e) return e.kind === 'protein' || e.kind === 'complex' ? { ent: e, tokenIndex: k, tokenEnd: s.afterEnt(k), before: false } : undefined;
    if (s.toks[k].t === 'its') its = true;
    if (s.toks[k].t === 'ligase') ligase = true;
    if (!OBJECT_FILLERS.has(s.toks[k].t)) break;
  }
  // "binds cereblon and inhibits its ligase activity": "its" is the protein named before; so is "the
  // associated ubiquitin ligase" after a sentence that named cereblon
  if (its || ligase) {
    for (let k = i - 1; k >= 0; k--) {
      const e = s.toks[k].ent;
      if (e && (e.kind === 'protein' || e.kind === 'complex')) {
        let st = k;
        while (st > 0 && s.toks[st - 1].ent === e) st--;
        return { ent: e, tokenIndex: st, tokenEnd: k + 1, before: false };
      }
      if (e && e.kind === 'drug') break;
    }
  }
  // before: "cereblon inhibitor", "CRBN-inhibiting", "cereblon is inhibited (by)" — not a finite verb right
  // after the protein, whose subject it is ("which proteins cereblon tags for destruction")
  const v = s.toks[i].t;
  if (/s$/.test(v) && !/(ors|ers|ions|ants|ists|ades)$/.test(v) && v.length > 3 && s.toks[i - 1]?.ent) return undefined;
  let k = i - 1;
  while (k >= 0 && ['-', 'is', 'was', 'are', 'were', 'being', 'be', 'been', 'to', 'directly', 'itself'].includes(s.toks[k].t)) k--;
  if (k >= 0 && s.toks[k].ent && (s.toks[k].ent!.kind === 'protein' || s.toks[k].ent!.kind === 'complex')) {
    const e = s.toks[k].ent!;
    let st = k;
    while (st > 0 && s.toks[st - 1].ent === e) st--;
    return { ent: e, tokenIndex: st, tokenEnd: k + 1, before: false };
  }
  return undefined;
}

interface Found {
  message: string;
  refs: string[];
  kind: 'glue' | 'target-degraded' | 'stabilised' | 'wrong-substrate' | 'wrong-target';
}

function contradiction(x: FrameInput, termId: string, verb: string, protein: Ent): Found | undefined {
  const { facts, lex } = x;
  const t = facts.term(termId);
  if (!t) return undefined;
  const drugs = x.facts.drugsOf(termId);
  if (!drugs.length) return undefined;
  const targets = new Set(drugs.flatMap((d) => (facts.term(d)?.targets ?? []).map((l) => l.id)));
  const neo = new Set(drugs.flatMap((d) => (facts.term(d)?.neosubstrates ?? []).map((l) => l.id)));
  const glue = drugs.every((d) => [...facts.classesOf(d)].some((c) => lex.targetRelation[c] === 'modulates'));
  // a complex stands for the target it holds (CRL4^CRBN → cereblon)
  let pid = protein.termId;
  const p = facts.term(protein.termId);
  if (p?.kind === 'complex') pid = (p.seeAlso ?? []).find((id) => targets.has(id)) ?? pid;
  const pName = p?.preferredName ?? protein.text;
  const who = t.kind === 'class' ? `${t.preferredName}s` : cap(t.preferredName);
  const refs = [...new Set(drugs.flatMap((d) => [...(facts.term(d)?.targets ?? []), ...(facts.term(d)?.neosubstrates ?? [])].flatMap((l) => l.refs)))].slice(0, 3);
  const mech = t.mechanism?.refs ?? [];
  if (targets.has(pid)) {
    if (verb === 'inhibit' && glue) {
      const subs = [...neo].slice(0, 3).map((n) => facts.name(n)).join(', ');
      return { kind: 'glue', refs: mech.length ? mech.slice(0, 3) : refs, message: `${who} do${t.kind === 'class' ? '' : 'es'} not inhibit ${pName}: ${t.kind === 'class' ? 'they bind' : 'it binds'} it and redirect${t.kind === 'class' ? '' : 's'} the CRL4^CRBN ligase to degrade neosubstrates${subs ? ` (${subs})` : ''}; "inhibits cereblon" is 2010 wording.` };
    }
    if (verb === 'degrade' && glue) return { kind: 'target-degraded', refs: mech.slice(0, 3), message: `${who} do${t.kind === 'class' ? '' : 'es'} not degrade ${pName}: ${pName} is the ligase's substrate receptor that the drug binds; the proteins degraded are neosubstrates such as ${[...neo].slice(0, 2).map((n) => facts.name(n)).join(' and ') || 'IKZF1'}.` };
    return undefined;
  }
  if (neo.has(protein.termId) && verb === 'stabilise') return { kind: 'stabilised', refs, message: `${who} do${t.kind === 'class' ? '' : 'es'} not stabilise ${pName}: ${t.kind === 'class' ? 'they induce' : 'it induces'} its degradation through cereblon.` };
  if (verb === 'degrade' && t.kind === 'drug' && neo.size && neo.size <= 1 && !neo.has(protein.termId) && isSomeonesNeosubstrate(x, protein.termId)) {
    return { kind: 'wrong-substrate', refs: (t.neosubstrates ?? []).flatMap((l) => l.refs).slice(0, 3), message: `${who} does not degrade ${pName}: it is selective for ${[...neo].map((n) => facts.name(n)).join(', ')}.` };
  }
  if ((verb === 'bind' || verb === 'inhibit') && t.kind === 'drug' && targets.size && isSomeonesTarget(x, protein.termId)) {
    return { kind: 'wrong-target', refs: [...(t.targets ?? []).flatMap((l) => l.refs), ...(t.facts ?? []).flatMap((f) => f.refs)].slice(0, 3), message: `${who} does not bind ${pName}: its target is ${[...targets].map((n) => facts.name(n)).join(', ')}.` };
  }
  return undefined;
}

function isSomeonesNeosubstrate(x: FrameInput, protein: string): boolean {
  for (const t of x.facts.db.terms.values()) if ((t.neosubstrates ?? []).some((l) => l.id === protein)) return true;
  return false;
}

function isSomeonesTarget(x: FrameInput, protein: string): boolean {
  for (const t of x.facts.db.terms.values()) if ((t.targets ?? []).some((l) => l.id === protein)) return true;
  return false;
}


