// The bundled data: schemas, sourcing, resolution and uniqueness.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TermDb, bundledData } from '../../src/core/index';
import type { Approval, Term } from '../../src/core/data/types';

test('data/ validates against data/schema/ (the same check the build runs)', async () => {
  const { loadData } = await import(pathToFileURL(path.join(process.cwd(), 'esbuild.mjs')).href);
  assert.doesNotThrow(() => loadData());
});

test('every fact carries at least one reference, and every reference key resolves', () => {
  const refs = new Set(bundledData.references.map((r) => r.id));
  const missing: string[] = [];
  const unsourced: string[] = [];
  const factKeys = ['text', 'name', 'label', 'code', 'value', 'indication', 'id'];
  const visit = (v: unknown, where: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const isFact = factKeys.some((k) => typeof o[k] === 'string') && !('terms' in o) && !('preferredName' in o);
      if (isFact && !Array.isArray(o.refs)) unsourced.push(where);
      for (const [k, x] of Object.entries(o)) {
        if (k === 'refs' && Array.isArray(x)) for (const r of x) if (!refs.has(String(r))) missing.push(`${where}: ${String(r)}`);
        else visit(x, `${where}.${k}`);
      }
    }
  };
  bundledData.terms.forEach((f, i) => visit(f.terms, bundledData.termFiles[i]));
  for (const f of bundledData.claims) for (const r of f.rules) for (const k of r.evidence) if (!refs.has(k)) missing.push(`${f.family}/${r.id}: ${k}`);
  assert.deepEqual(missing, []);
  assert.deepEqual(unsourced, []);
});

test('no surface form is claimed by two entries; term ids are unique', () => {
  const db = new TermDb({ terms: bundledData.terms, references: bundledData.references, termFiles: bundledData.termFiles });
  assert.deepEqual(db.problems.map((p) => p.message), []);
});

test('the conflict check itself reports a form claimed twice', () => {
  const t = (id: string, name: string) => ({ id, preferredName: name, kind: 'drug' as const, asOf: '2026-01-01', summary: { text: 'x x x', refs: ['ito2010'] } });
  const db = new TermDb({ terms: [{ terms: [t('a', 'foomide'), { ...t('b', 'barmide'), brands: [{ name: 'Foo-mide', region: 'US', current: true, refs: ['ito2010'] }] }] }], references: [] });
  assert.equal(db.problems.length, 1);
  assert.match(db.problems[0].message, /already claimed by "a"/);
});

test('links between terms resolve (memberOf, targets, neosubstrates, risk programmes, see also)', () => {
  const ids = new Set(bundledData.terms.flatMap((f) => f.terms.map((t) => t.id)));
  const dangling: string[] = [];
  for (const f of bundledData.terms) {
    for (const t of f.terms) {
      for (const l of [...(t.memberOf ?? []), ...(t.targets ?? []), ...(t.neosubstrates ?? []), ...(t.riskProgrammes ?? [])]) if (!ids.has(l.id)) dangling.push(`${t.id} → ${l.id}`);
      for (const s of t.seeAlso ?? []) if (!ids.has(s)) dangling.push(`${t.id} → ${s}`);
    }
  }
  assert.deepEqual(dangling, []);
});

test('every reference is findable: DOI, PMID, URL or an issuing publisher', () => {
  for (const r of bundledData.references) assert.ok(r.DOI || r.PMID || r.URL || r.publisher, r.id);
});

// ── Typed facts (approvals, companies, history, stereo, development, modality) ──────────────────

const allTerms = (): Term[] => bundledData.terms.flatMap((f) => f.terms);
const termById = (id: string): Term => {
  const t = allTerms().find((x) => x.id === id);
  assert.ok(t, `term ${id} exists`);
  return t;
};
const drugs = (): Term[] => allTerms().filter((t) => t.kind === 'drug');
/** Comparable key of an ISO date of any precision: '2008' < '2008-04' < '2008-04-21'. */
const dateKey = (d: string): string => d.padEnd(10, '\u0000');

test('every refs array anywhere in data/terms names a reference that exists (including the new typed fields)', () => {
  const refs = new Set(bundledData.references.map((r) => r.id));
  const missing: string[] = [];
  const walk = (v: unknown, where: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (k === 'refs') {
          assert.ok(Array.isArray(x) && x.length > 0, `${where}.refs is a non-empty array`);
          for (const r of x as unknown[]) if (!refs.has(String(r))) missing.push(`${where}: ${String(r)}`);
        } else walk(x, `${where}.${k}`);
      }
    }
  };
  for (const t of allTerms()) walk(t, t.id);
  assert.deepEqual(missing, []);
});

test('every drug has a modality; the typed fields sit on drugs, and companies also on programmes (a REMS follows its application)', () => {
  for (const t of drugs()) assert.ok(t.modality?.refs.length, `${t.id} has a modality`);
  for (const t of allTerms().filter((x) => x.kind !== 'drug')) {
    for (const k of ['modality', 'dosageForms', 'stereo', 'development', 'formerClasses', 'history'] as const) assert.equal(t[k], undefined, `${t.id}.${k}`);
    if (t.kind !== 'programme') assert.equal(t.companies, undefined, `${t.id}.companies`);
  }
});

const holders = () => allTerms().filter((t) => t.kind === 'drug' || t.kind === 'programme');

test('every companies[].company is an existing company term id', () => {
  const companies = new Set(allTerms().filter((t) => t.kind === 'company').map((t) => t.id));
  const bad = holders().flatMap((t) => (t.companies ?? []).filter((c) => !companies.has(c.company)).map((c) => `${t.id} → ${c.company}`));
  assert.deepEqual(bad, []);
});

test('company roles are dated consistently: from before until', () => {
  for (const t of holders()) {
    for (const c of t.companies ?? []) if (c.from && c.until) assert.ok(dateKey(c.from) < dateKey(c.until), `${t.id}: ${c.company} ${c.role}`);
    for (const h of t.holders ?? []) if (h.from && h.until) assert.ok(dateKey(h.from) < dateKey(h.until), `${t.id}: ${h.name}`);
  }
});

test('an approval marked first is the earliest of its agency for that drug, and every drug with approvals marks one first per agency', () => {
  for (const t of drugs()) {
    const byAgency = new Map<string, Approval[]>();
    for (const a of t.approvals ?? []) byAgency.set(a.agency, [...(byAgency.get(a.agency) ?? []), a]);
    for (const [agency, list] of byAgency) {
      const firsts = list.filter((a) => a.first);
      assert.ok(firsts.length >= 1, `${t.id} ${agency}: one approval is marked first`);
      for (const f of firsts) for (const a of list) assert.ok(dateKey(f.date) <= dateKey(a.date), `${t.id} ${agency}: first ${f.date} is not after ${a.date}`);
      assert.equal(new Set(firsts.map((f) => f.date)).size, 1, `${t.id} ${agency}: all approvals marked first share one date`);
    }
  }
});

test('approvals carry an indication code where the indication is known, and convertedOn only on accelerated approvals, after the approval', () => {
  for (const t of drugs()) {
    for (const a of t.approvals ?? []) {
      if (a.convertedOn) {
        assert.equal(a.pathway, 'accelerated', `${t.id} ${a.date}`);
        assert.ok(dateKey(a.convertedOn) > dateKey(a.date), `${t.id} ${a.date}`);
      }
      if (a.pathway) assert.equal(a.pathway, 'accelerated', `${t.id} ${a.date}: pathway is 'accelerated' or absent`);
      if (a.agency === 'FDA') assert.ok(a.indicationCode, `${t.id} FDA ${a.date} has an indicationCode`);
    }
  }
});

test('lenalidomide: the seven US approvals with their dates and indications', () => {
  const fda = (termById('lenalidomide').approvals ?? []).filter((a) => a.agency === 'FDA').map((a) => `${a.date} ${a.indicationCode}`);
  assert.deepEqual(fda.sort(), [
    '2005-12-27 mds-del5q',
    '2006-06-29 multiple-myeloma',
    '2013-06-05 mantle-cell-lymphoma',
    '2015-02-17 multiple-myeloma',
    '2017-02-22 myeloma-maintenance',
    '2019-05 follicular-lymphoma',
    '2019-05 marginal-zone-lymphoma',
  ]);
  const first = termById('lenalidomide').approvals!.filter((a) => a.first);
  assert.deepEqual(first.map((a) => `${a.agency} ${a.date}`).sort(), ['EMA 2007-06-14', 'FDA 2005-12-27']);
});

test('thalidomide, pomalidomide and apremilast approvals follow the audited tables', () => {
  const rows = (id: string) => (termById(id).approvals ?? []).map((a) => [a.agency, a.date, a.indicationCode ?? '', a.pathway ?? '', a.convertedOn ?? '', a.first ? 'first' : ''].join(' ').trim());
  assert.deepEqual(rows('thalidomide'), ['FDA 1998-07 enl   first', 'FDA 2006-05-25 multiple-myeloma accelerated', 'EMA 2008-04 multiple-myeloma   first']);
  assert.deepEqual(rows('pomalidomide'), ['FDA 2013-02-08 multiple-myeloma accelerated 2015-04-23 first', 'EMA 2013-08-05 multiple-myeloma   first', 'FDA 2020-05-14 kaposi-sarcoma accelerated']);
  const apr = rows('apremilast');
  assert.deepEqual(apr.filter((r) => r.startsWith('FDA')), ['FDA 2014-03-21 psoriatic-arthritis   first', 'FDA 2014-09-23 plaque-psoriasis', 'FDA 2019-07-19 behcet-oral-ulcers', 'FDA 2021-12 plaque-psoriasis', 'FDA 2024-04 plaque-psoriasis']);
  assert.deepEqual(apr.filter((r) => r.startsWith('EMA')), ['EMA 2015-01 psoriatic-arthritis   first', 'EMA 2015-01 plaque-psoriasis   first']);
});

test('thalidomide EU holders agree with the Pharmion facts (acquired 7 March 2008, authorisation April 2008)', () => {
  const thal = termById('thalidomide');
  const eu = (thal.holders ?? []).filter((h) => h.region === 'EU');
  const euAuth = (thal.approvals ?? []).filter((a) => a.agency === 'EMA').map((a) => a.date).sort()[0];
  assert.equal(euAuth, '2008-04');
  for (const h of eu) {
    if (h.until) assert.ok(dateKey(h.until) > dateKey(euAuth), `${h.name} cannot hold the EU authorisation only until ${h.until}, before it was granted`);
    if (h.from) assert.ok(dateKey(h.from) >= dateKey(euAuth), `${h.name} from ${h.from}`);
  }
  const pharmion = eu.find((h) => h.name === 'Pharmion');
  assert.ok(pharmion, 'Pharmion held the EU authorisation');
  assert.equal(pharmion.from, '2008-04');
  for (const c of (thal.companies ?? []).filter((x) => x.role === 'holder' && x.region === 'EU')) {
    assert.ok(!c.until || dateKey(c.until) > dateKey(euAuth), `${c.company} holder until ${c.until}`);
    assert.ok(!c.from || dateKey(c.from) >= dateKey(euAuth), `${c.company} holder from ${c.from}`);
  }
  const brand = thal.brands?.find((b) => b.name === 'Thalidomide Pharmion');
  assert.equal(brand?.from, '2008-04');
  const pharmionTerm = termById('pharmion');
  assert.equal(pharmionTerm.holders?.find((h) => h.name === 'Celgene Corporation')?.from, '2008-03-07');
});

test('corporate parent and application holder are different facts (Thalomid and Pomalyst moved on 2023-03-24)', () => {
  for (const id of ['thalidomide', 'pomalidomide']) {
    const c = termById(id).companies ?? [];
    const usHolder = c.filter((x) => x.role === 'holder' && x.region === 'US');
    assert.deepEqual(usHolder.map((x) => [x.company, x.from ?? '', x.until ?? '']), [['celgene', '', '2023-03-24'], ['bristol-myers-squibb', '2023-03-24', '']], id);
    assert.ok(c.some((x) => x.company === 'bristol-myers-squibb' && x.role === 'parent' && x.from === '2019-11-20'), `${id}: BMS parent from 2019-11-20`);
    const holders = termById(id).holders ?? [];
    assert.ok(!holders.some((h) => h.name === 'Celgene Corporation' && h.until === '2019-11-20'), `${id}: Celgene did not stop holding the application when BMS bought it`);
  }
  const apr = termById('apremilast').companies ?? [];
  assert.ok(apr.some((x) => x.company === 'celgene' && x.role === 'holder' && x.until === '2019-11-21'));
  assert.ok(apr.some((x) => x.company === 'amgen' && x.role === 'holder' && x.from === '2019-11-21'));
});

test('eragidomide is GSPT1-selective: GSPT1 and neither IKZF1 nor IKZF3 among its neosubstrates', () => {
  const era = termById('eragidomide');
  const neo = (era.neosubstrates ?? []).map((n) => n.id);
  assert.ok(neo.includes('gspt1'));
  assert.ok(!neo.includes('ikzf1') && !neo.includes('ikzf3'), neo.join(', '));
  const text = [era.summary.text, era.mechanism?.text ?? '', ...(era.classification ?? []).map((c) => c.text)].join(' ');
  assert.doesNotMatch(text, /\b(?:degrades?|degradation of)\b[^.]{0,40}\b(?:IKZF[13]|Ikaros|Aiolos)\b/i);
  assert.equal(era.dosageForms?.[0].route, 'intravenous');
  assert.notEqual(era.development?.value, 'investigational', 'status after the terminated trial is not established');
});

test('no term says the CELMoDs are given as a single S isomer; avadomide is a racemate', () => {
  const says = allTerms().flatMap((t) => [t.summary, t.mechanism, ...(t.facts ?? []), ...(t.classification ?? [])].filter((f) => f && /single S[- ]isomer/i.test(f.text) && !/false|not a single/i.test(f.text)).map(() => t.id));
  assert.deepEqual(says, []);
  assert.equal(termById('avadomide').stereo?.form, 'racemate');
  assert.deepEqual([termById('thalidomide').stereo?.form, termById('thalidomide').stereo?.interconverts], ['racemate', true]);
});

test('history and brands date thalidomide correctly (Contergan 1957-10-01, Distaval 1958-04, Thalomid 1998)', () => {
  const thal = termById('thalidomide');
  const ev = (thal.history ?? []).map((h) => `${h.event} ${h.date}${h.brand ? ` ${h.brand}` : ''}`);
  for (const e of ['synthesised 1954', 'first-marketed 1957-10-01 Contergan', 'first-marketed 1958-04 Distaval', 'target-identified 2010', 'mechanism-elucidated 2014']) assert.ok(ev.includes(e), `${e} in ${ev.join('; ')}`);
  const brand = (n: string) => thal.brands?.find((b) => b.name === n);
  assert.equal(brand('Distaval')?.from, '1958-04');
  assert.match(brand('Distaval')?.holder ?? '', /Distillers/);
  assert.match(brand('Thalomid')?.from ?? '', /^1998/);
  assert.deepEqual(thal.formerClasses?.map((c) => c.classLabel), ['sedative-hypnotic']);
});

test('development status: approved drugs, iberdomide under review with an unknown outcome, no invented discontinuation', () => {
  for (const id of ['thalidomide', 'lenalidomide', 'pomalidomide', 'apremilast']) assert.equal(termById(id).development?.value, 'approved', id);
  const ibe = termById('iberdomide').development;
  assert.equal(ibe?.value, 'under-review');
  assert.match(ibe?.note ?? '', /unknown/);
  for (const id of ['mezigdomide', 'golcadomide']) assert.equal(termById(id).development?.value, 'investigational', id);
  for (const t of drugs()) assert.notEqual(t.development?.value, 'discontinued', `${t.id}: no source says discontinued`);
});

test('pomalidomide "third-generation" is recorded as disputed, citing the peer-reviewed review that uses it', () => {
  const g = termById('pomalidomide').generation?.find((x) => x.label === 'third-generation IMiD');
  assert.equal(g?.usage, 'disputed');
  assert.match(g?.note ?? '', /Andhavarapu/);
  assert.ok(g?.refs.includes('andhavarapu2013'));
});
