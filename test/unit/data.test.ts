// The bundled data: schemas, sourcing, resolution and uniqueness.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TermDb, bundledData } from '../../src/core/index';

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
