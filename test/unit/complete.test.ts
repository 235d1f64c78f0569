// Completion as a writer meets it: the writer's capitalisation, proteins only when asked for,
// the star only on the references behind the drugs of the sentence, own and bundled keys apart.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type CitationLibrary,
  STARRED_BELOW,
  citableReferences,
  completeCitations,
  completeTerms,
  extractProse,
  parseBibtex,
  relevantKeys,
  sourceFromParsed,
  startsSentence,
} from '../../src/core/index';
import { engine } from './util';

const db = () => engine().db;
const first = (prefix: string, sentenceStart = false) => completeTerms(db(), prefix, { sentenceStart })[0];

describe('drug names in the writer\'s capitalisation', () => {
  test('a capital typed where the INN has none is kept: "Pomalidamid" → "Pomalidomide"', () => {
    const c = first('Pomalidamid');
    assert.deepEqual([c.label, c.insertText, c.termId], ['Pomalidomide', 'Pomalidomide', 'pomalidomide']);
    assert.equal(first('Pomalidamid', true).insertText, 'Pomalidomide');
    assert.equal(first('pomalidamid').insertText, 'pomalidomide', 'lower case stays lower case');
    assert.equal(first('pomalidamid', true).insertText, 'pomalidomide', 'even at a sentence start: the writer typed it so');
    assert.equal(first('Lenal').insertText, 'Lenalidomide');
  });

  test('a brand\'s own capital is not the writer\'s: "Revl" → lenalidomide mid-sentence, Lenalidomide at the start', () => {
    const mid = first('Revl');
    assert.deepEqual([mid.label, mid.insertText, mid.description], ['Revlimid', 'lenalidomide', '→ lenalidomide']);
    const start = first('Revl', true);
    assert.deepEqual([start.label, start.insertText, start.description], ['Revlimid', 'Lenalidomide', '→ Lenalidomide']);
    assert.equal(first('CC-50', true).insertText, 'Lenalidomide', 'a research code at the start of a sentence');
    assert.equal(first('CC-50').insertText, 'lenalidomide');
  });

  test('names with their own capitals or digits never change', () => {
    assert.equal(first('IKZ', true).insertText, 'IKZF1');
    assert.equal(first('Crb', true).insertText, 'CRBN');
    assert.equal(first('Otez', true).insertText, 'apremilast'.replace(/^a/, 'A'));
    assert.equal(first('CELM').insertText, 'CELMoD');
  });

  test('startsSentence: the first word of a sentence, a heading or a list item; not after "e.g." or mid-sentence', () => {
    const at = (text: string) => startsSentence(extractProse(text, 'markdown'), text.length - 4);
    assert.equal(at('Revl'), true);
    assert.equal(at('Lenalidomide is approved. Revl'), true);
    assert.equal(at('Lenalidomide is approved.\n\n**Revl'), true);
    assert.equal(at('# Revl'), true);
    assert.equal(at('- Revl'), true);
    assert.equal(at('It is sold as Revl'), false);
    assert.equal(at('Brands, e.g. Revl'), false);
    const tex = 'Lenalidomide is approved. \\emph{Revl';
    assert.equal(startsSentence(extractProse(tex, 'latex'), tex.length - 4), true);
  });
});

describe('proteins only when asked for', () => {
  const kinds = (prefix: string) => completeTerms(db(), prefix).map((c) => c.termKind);
  test('"Revl", "Cel", "Len", "pom" offer no protein or protein complex', () => {
    for (const p of ['Revl', 'Cel', 'Len', 'pom', 'Pomalidamid', 'thal']) {
      const k = kinds(p);
      assert.ok(k.length > 0, p);
      assert.ok(!k.includes('protein') && !k.includes('complex'), `${p}: ${completeTerms(db(), p).map((c) => c.label).join(', ')}`);
    }
  });

  test('a prefix of a protein name offers it, and so does a typo from four letters on', () => {
    assert.equal(first('cerebl').label, 'cereblon');
    assert.equal(first('cerebon').label, 'cereblon', 'fuzzy');
    assert.equal(first('crb').label, 'CRBN');
    assert.equal(first('Ikar').label, 'Ikaros');
    assert.ok(completeTerms(db(), 'talidomide').some((c) => c.label === 'thalidomide'), 'fuzzy keeps working for drugs');
  });

  test('an empty prefix (Ctrl+Space) still lists every preferred name', () => {
    const all = completeTerms(db(), '', { limit: 1000 });
    assert.ok(all.some((c) => c.termKind === 'protein') && all.some((c) => c.termKind === 'drug'));
  });
});

describe('citation completion: the star and the ranking follow the drugs of the sentence', () => {
  const BIB = '@article{mine2020, author = {Writer, Ann}, title = {Pomalidomide in practice}, year = {2020}}\n@article{lu2014, author = {Lu, Gang}, title = {The myeloma drug lenalidomide}, journal = {Science}, year = {2014}, doi = {10.1126/science.1244917}}\n';
  const library: CitationLibrary = { sources: [{ ...sourceFromParsed(parseBibtex(BIB), { label: 'references.bib', target: 'file:///w/references.bib' }) }], bundled: db().references };
  const refs = citableReferences(library);
  const complete = (sentence: string, prefix = '') => {
    const prose = extractProse(sentence, 'markdown');
    const relevant = relevantKeys(db(), prose, sentence.length, refs);
    return { relevant, list: completeCitations(refs, prefix, { relevant }) };
  };

  test('a pomalidomide sentence: pomalidomide papers first and starred; shared IMiD papers tied but unstarred', () => {
    const { relevant, list } = complete('Pomalidomide is approved for relapsed myeloma [@');
    const starred = list.filter((c) => c.starred).map((c) => c.key);
    assert.ok(starred.length >= 3, starred.join());
    assert.deepEqual(list.slice(0, starred.length).map((c) => c.key), starred, 'starred ones head the list');
    for (const k of ['blood2013pomalidomide', 'sanmiguel2015', 'mine2020']) assert.ok(starred.includes(k), `${k} starred: ${starred.join()}`);
    for (const k of ['kronke2014', 'lu2014', 'chamberlain2014', 'fischer2014', 'vallet2012']) {
      assert.ok(relevant.has(k), k);
      assert.ok(!starred.includes(k), `${k} is shared with other drugs: tied, not starred`);
    }
    const rank = (k: string) => list.findIndex((c) => c.key === k);
    assert.ok(rank('blood2013pomalidomide') < rank('kronke2014'), 'a pomalidomide paper above a lenalidomide one');
    assert.ok(list.some((c) => !c.relevant), 'untied references follow');
    assert.ok(list.filter((c) => c.relevant).length > starred.length, 'not every tied reference is starred');
  });

  test('a lenalidomide sentence stars lenalidomide papers, not pomalidomide ones', () => {
    const { list } = complete('Lenalidomide degrades Ikaros and Aiolos [@');
    const starred = new Set(list.filter((c) => c.starred).map((c) => c.key));
    for (const k of ['kronke2014', 'lu2014', 'kronke2015']) assert.ok(starred.has(k), k);
    assert.ok(!starred.has('blood2013pomalidomide') && !starred.has('mine2020'));
    assert.ok(list.findIndex((c) => c.key === 'kronke2014') < list.findIndex((c) => c.key === 'blood2013pomalidomide'));
  });

  test('a sentence naming no drug stars what is behind the terms it names', () => {
    const { list } = complete('Cereblon is the substrate receptor [@');
    const starred = list.filter((c) => c.starred).map((c) => c.key);
    assert.ok(starred.length > 0 && starred.length < list.filter((c) => c.relevant).length + 1, starred.join());
  });

  test('a typed prefix: keys starting with it first, then the closest tie', () => {
    const { relevant } = complete('Pomalidomide is approved for relapsed myeloma [@');
    assert.ok((relevant.get('blood2013pomalidomide') ?? Infinity) < STARRED_BELOW);
    assert.equal(completeCitations(refs, 'lu2014', { relevant })[0].key, 'lu2014');
  });

  test('own and bundled keys are told apart: the source is the file or "bundled"', () => {
    const { list } = complete('Pomalidomide is approved [@');
    const mine = list.find((c) => c.key === 'mine2020')!;
    const kr = list.find((c) => c.key === 'kronke2014')!;
    const lu = list.find((c) => c.key === 'lu2014')!;
    assert.deepEqual([mine.source, mine.bundled, mine.inDocument], ['references.bib', false, true]);
    assert.deepEqual([kr.source, kr.bundled, kr.inDocument], ['bundled', true, false]);
    assert.deepEqual([lu.source, lu.inDocument], ['references.bib', true], 'a bundled key in the writer\'s file is theirs');
  });
});
