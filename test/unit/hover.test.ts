// Hover cards and term sheets: every part the writer relies on is there, in plain Markdown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Card, type CardCommands, type CslItem, type SurfaceForm, buildCard, cardReference, firstSentences } from '../../src/core/index';
import { engine } from './util';

const COMMANDS: CardCommands = {
  insertCitation: (keys) => `command:imidLens.insertCitation?${encodeURIComponent(JSON.stringify([{ keys }]))}`,
  openTermSheet: (id) => `command:imidLens.openTermSheet?${encodeURIComponent(JSON.stringify([id]))}`,
};

/** The card of whatever `name` resolves to, as the hover shows it. */
function card(name: string, opts: { full?: boolean; short?: boolean; commands?: CardCommands } = {}): Card {
  const db = engine().db;
  const form = db.lookup(name);
  assert.ok(form, `"${name}" is a surface form`);
  return buildCard(db, db.term(form.termId)!, form, opts.commands ?? COMMANDS, { full: opts.full ?? false, short: opts.short ?? false });
}

const hoverCard = (name: string) => card(name, { short: true });

function sheet(termId: string): Card {
  const db = engine().db;
  const term = db.term(termId)!;
  const form: SurfaceForm = { termId, name: term.preferredName, kind: 'preferred' };
  return buildCard(db, term, form, {}, { full: true });
}

function section(markdown: string, label: string): string {
  const line = markdown.split('\n').find((l) => l.startsWith(`**${label}:**`));
  assert.ok(line, `the card has a "${label}" line:\n${markdown}`);
  return line;
}

describe('the hover card of a drug', () => {
  const c = card('lenalidomide');
  const m = c.markdown;

  test('title with the INN and the kind', () => {
    assert.equal(m.split('\n')[0], '### lenalidomide · drug');
    assert.equal(c.kind, 'drug');
  });

  test('names line: brands with region, codes', () => {
    assert.match(section(m, 'Brands'), /Revlimid – US, EU/);
    assert.match(section(m, 'Codes'), /CC-5013/);
  });

  test('class with generation and the references behind it', () => {
    assert.match(section(m, 'Class'), /^\*\*Class:\*\* IMiD \[\d+(, \d+)*\]; .*second-generation IMiD \[\d+\]/);
    assert.deepEqual(c.class?.slice(0, 1), ['IMiD']);
  });

  test('mechanism in at most two sentences on the hover, in full on the sheet', () => {
    const thal = card('thalidomide').markdown;
    const mech = section(thal, 'Mechanism');
    assert.match(mech, /Binds cereblon \(CRBN\)/);
    assert.doesNotMatch(mech, /anti-angiogenic|2010 wording/, 'third and fourth sentences are left for the sheet');
    assert.match(section(sheet('thalidomide').markdown, 'Mechanism'), /'Inhibits cereblon' \(2010 wording\) is outdated/);
  });

  test('approvals as a compact table: agency, date, indication (brand) and reference', () => {
    const lines = m.split('\n');
    const head = lines.indexOf('| Agency | Date | Indication |');
    assert.ok(head > 0, m);
    assert.equal(lines[head + 1], '|---|---|---|');
    assert.match(lines[head + 2], /^\| FDA \| 2005-12-27 \| Anaemia in del\(5q\) myelodysplastic syndromes \(first approval\) \(Revlimid\) \[\d+(, \d+)*\] \|$/);
    assert.equal(c.approvals?.[0].date, '2005-12-27');
  });

  test('boxed warnings and the risk programme with its former names', () => {
    assert.match(section(m, 'Boxed warning'), /Embryo-fetal toxicity.*; Hematologic toxicity.*; Venous and arterial thromboembolism/);
    assert.match(section(m, 'Risk programme'), /Lenalidomide REMS \(formerly REVLIMID REMS, before that RevAssist\) \[\d+/);
    assert.deepEqual(c.riskProgrammes, ['Lenalidomide REMS']);
  });

  test('status, ATC and the current holder (Bristol Myers Squibb, not Celgene)', () => {
    assert.match(section(m, 'Status'), /approved/);
    assert.match(section(m, 'ATC'), /L04AX04/);
    const holder = section(m, 'Marketing-authorisation holder');
    assert.match(holder, /Bristol Myers Squibb \(US[^)]*\)/);
    assert.doesNotMatch(holder, /Celgene Corporation/, 'former holders only on the sheet');
  });

  test('references as DOI and PubMed links, each with its citation key', () => {
    assert.match(m, /\[doi:10\.1126\/science\.1244851\]\(https:\/\/doi\.org\/10\.1126\/science\.1244851\)/);
    assert.match(m, /\[PMID 24292625\]\(https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/24292625\/\)/);
    assert.match(m, /`kronke2014`/);
    const kronke = c.references.find((r) => r.key === 'kronke2014');
    assert.deepEqual([kronke?.doi, kronke?.pmid], ['10.1126/science.1244851', '24292625']);
  });

  test('every reference number in the text is listed, and every listed reference is cited', () => {
    const cited = new Set([...m.matchAll(/ \[(\d+(?:, \d+)*)\]/g)].flatMap((x) => x[1].split(', ').map(Number)));
    assert.deepEqual([...cited].sort((a, b) => a - b), c.references.map((_, i) => i + 1));
  });

  test('"as of" date and the command links', () => {
    const last = m.split('\n').at(-1)!;
    assert.match(last, /^\*As of 2026-\d\d-\d\d\* · \[Insert citation\]\(command:imidLens\.insertCitation\?[^)\s]+ "Cite [^"]+"\) · \[Open term sheet\]\(command:imidLens\.openTermSheet\?%5B%22lenalidomide%22%5D "[^"]+"\)$/);
    assert.equal(c.asOf, last.slice(7, 17));
  });

  test('the citation inserted is the first three references', () => {
    const uri = /\[Insert citation\]\(([^ )]+)/.exec(m)![1];
    const args = JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1)));
    assert.deepEqual(args[0].keys, c.references.slice(0, 3).map((r) => r.key));
  });

  test('without command URIs (CLI) there are no command links', () => {
    const plain = card('lenalidomide', { commands: {} }).markdown;
    assert.doesNotMatch(plain, /command:|Insert citation|Open term sheet/);
    assert.match(plain.split('\n').at(-1)!, /^\*As of \d{4}-\d\d-\d\d\*$/);
  });
});

describe('what the hovered name is', () => {
  test('a research code says which INN it is', () => {
    const c = card('CC-220');
    assert.match(c.markdown, /^\*\*CC-220\*\* is a research code of \*\*iberdomide\*\*\.$/m);
    assert.equal(c.currentName, 'iberdomide');
    assert.equal(c.matchedKind, 'code');
  });

  test('a former name says what it is called now', () => {
    const c = card('Actimid');
    assert.match(c.markdown, /\*\*Actimid\*\* is a former name of \*\*pomalidomide\*\*: early name; never the marketed brand\./);
    assert.equal(c.currentName, 'pomalidomide');
    const steps = card('S.T.E.P.S.');
    assert.match(steps.markdown, /^### THALOMID REMS · risk programme$/m);
    assert.match(steps.markdown, /\*\*S\.T\.E\.P\.S\.\*\* is a former name of \*\*THALOMID REMS\*\*/);
    assert.equal(card('RevAssist').currentName, 'Lenalidomide REMS');
  });

  test('a former brand and a current brand', () => {
    const contergan = card('Contergan');
    assert.match(contergan.markdown, /\*\*Contergan\*\* is a former brand of \*\*thalidomide\*\* \(West Germany, Chemie Grünenthal\)/);
    assert.equal(contergan.currentName, 'thalidomide');
    const otezla = card('Otezla');
    assert.match(otezla.markdown, /\*\*Otezla\*\* is a brand of \*\*apremilast\*\* \(US, EU, Amgen\)/);
    assert.equal(otezla.currentName, undefined);
  });

  test('a misspelling', () => {
    const c = card('iberdamide');
    assert.match(c.markdown, /\*\*iberdamide\*\* looks like a misspelling of \*\*iberdomide\*\*\./);
    assert.equal(c.currentName, 'iberdomide');
  });

  test('a synonym of a protein', () => {
    const c = card('Aiolos');
    assert.match(c.markdown, /^### IKZF3 · protein$/m);
    assert.match(c.markdown, /\*\*Aiolos\*\* is another name for \*\*IKZF3\*\* \(protein name\)\./);
  });
});

describe('cards of proteins, classes, programmes and companies', () => {
  test('a protein lists the drugs that degrade it', () => {
    const m = card('IKZF1').markdown;
    assert.match(section(m, 'Degraded by'), /avadomide, iberdomide, lenalidomide, pomalidomide, thalidomide/);
    assert.match(section(card('cereblon').markdown, 'Target of'), /eragidomide.*lenalidomide.*pomalidomide.*thalidomide/);
    assert.match(section(card('GSPT1').markdown, 'Degraded by'), /^\*\*Degraded by:\*\* CC-885, eragidomide$/);
  });

  test('a class lists its members', () => {
    assert.match(section(card('CELMoDs').markdown, 'Members'), /avadomide, eragidomide, golcadomide, iberdomide, mezigdomide/);
    assert.match(section(card('IMiD').markdown, 'Members'), /lenalidomide, pomalidomide, thalidomide/);
    assert.doesNotMatch(section(card('IMiD').markdown, 'Members'), /apremilast/);
  });

  test('a risk programme names its drug and holder', () => {
    const m = card('POMALYST REMS').markdown;
    assert.match(section(m, 'Programme of'), /pomalidomide/);
    assert.match(section(m, 'Programme holder'), /Bristol Myers Squibb \(US\) from 2023-03-24/);
  });

  test('a company says who owns it since when', () => {
    const m = card('Celgene').markdown;
    assert.match(m, /^### Celgene · company$/m);
    assert.match(section(m, 'Owned by'), /Bristol Myers Squibb from 2019-11-20/);
    assert.match(sheet('celgene').markdown, /Amgen acquired from Celgene the worldwide rights to Otezla/);
  });

  test('an investigational drug shows its status and what is not recorded', () => {
    assert.match(section(card('iberdomide').markdown, 'Status'), /investigational \(FDA application accepted 17 February 2026/);
    assert.match(section(sheet('iberdomide').markdown, 'Left out (not verified)'), /FDA decision/);
  });
});

describe('the term sheet', () => {
  const m = sheet('pomalidomide').markdown;

  test('adds holders with dates, facts, disagreements and related terms; no "Open term sheet" link', () => {
    assert.match(m, /\*\*Marketing-authorisation holder:\*\*\n\n(- .*\n)*- Celgene Corporation \(US\)[^\n]* until \d{4}-\d\d-\d\d/);
    assert.match(m, /\n- Bristol Myers Squibb \(US[^\n]*/);
    assert.match(section(m, 'See also'), /thalidomide, lenalidomide, cereblon/);
    assert.match(section(m, 'Class'), /third-generation IMiD \((disputed|sometimes)/);
    assert.doesNotMatch(m, /Open term sheet/);
    assert.match(section(sheet('thalidomide').markdown, 'Left out (not verified)'), /Thalidomide BMS/);
    assert.match(sheet('thalidomide').markdown, /\*\*Where sources disagree:\*\*\n\n- \*launch year:\*/);
  });
});

describe('plain Markdown for every term and every name', () => {
  test('every card builds, has no raw HTML, and numbers only listed references', () => {
    const db = engine().db;
    let n = 0;
    for (const f of db.forms.values()) {
      const term = db.term(f.termId)!;
      for (const full of [false, true]) {
        const c = buildCard(db, term, f, COMMANDS, { full });
        n++;
        assert.doesNotMatch(c.markdown, /(^|[^\\])<\/?[A-Za-z][^>]*>/, `no HTML in the card of ${f.name}`);
        assert.match(c.markdown, new RegExp(`^### ${term.preferredName.replace(/[.*+?^${}()|[\]\\]/g, (x) => `\\\\?\\${x}`)} · `), f.name);
        const max = Math.max(0, ...[...c.markdown.matchAll(/ \[(\d+(?:, \d+)*)\]/g)].flatMap((x) => x[1].split(', ').map(Number)));
        assert.ok(max <= c.references.length, `${f.name}: [${max}] is listed`);
        assert.match(c.markdown, /\*As of \d{4}(-\d\d){0,2}\*/);
      }
    }
    assert.ok(n > 250, `${n} cards`);
  });

  test('Markdown special characters in data are escaped (CRL4^CRBN, IKZF1/3 tables)', () => {
    const m = card('CRL4^CRBN').markdown;
    assert.match(m, /^### CRL4\^CRBN · protein complex$/m);
    assert.match(section(m, 'Also'), /CRL4CRBN, CRL4\(CRBN\), CUL4-RBX1-DDB1-CRBN/);
  });
});

describe('firstSentences', () => {
  test('stops after n sentences, not at e.g. or et al.', () => {
    assert.equal(firstSentences('One thing, e.g. IKZF1. Two by Lu et al. In 2014. Three.', 2), 'One thing, e.g. IKZF1. Two by Lu et al. In 2014.');
    assert.equal(firstSentences('Only one', 2), 'Only one');
    assert.equal(firstSentences('A 2.5 mg dose. B.', 1), 'A 2.5 mg dose.');
  });
});

describe('the short hover card (the editor): what the name is, class, mechanism in one line, status, two warnings', () => {
  test('a drug: summary, class, one mechanism sentence, status, two boxed warnings, references, the links', () => {
    const c = hoverCard('Revlimid');
    const m = c.markdown;
    const lines = m.split('\n');
    assert.equal(lines[0], '### lenalidomide · drug');
    assert.match(m, /^\*\*Revlimid\*\* is a brand of \*\*lenalidomide\*\*/m);
    assert.match(section(m, 'Class'), /IMiD/);
    const mech = section(m, 'Mechanism').replace(/ \[[\d, ]+\]$/, '');
    assert.equal(firstSentences(mech, 1), mech, 'one sentence');
    assert.ok(section(card('Revlimid').markdown, 'Mechanism').length > section(m, 'Mechanism').length, 'explain has two');
    assert.match(section(m, 'Status'), /approved/);
    const boxed = section(m, 'Boxed warning');
    assert.equal(boxed.split('; ').length, 2, boxed);
    assert.match(boxed, /\(1 more on the term sheet\)$/);
    for (const left of ['**Brands:**', '| Agency |', '**Risk programme:**', '**ATC:**', '**Marketing-authorisation holder:**', '**Degrades:**']) assert.ok(!m.includes(left), `${left} is for the sheet`);
    // the references in one paragraph, each a link with its title on hover; no list
    assert.match(section(m, 'References'), /^\*\*References:\*\* \\\[1\\\] \[Krönke et al\. \(2014\)\]\(https:\/\/doi\.org\/10\.1126\/science\.1244851 "Lenalidomide causes selective degradation/);
    assert.match(section(m, 'References'), / · \\\[\d\\\] European Medicines Agency: Revlimid: European public assessment report/, 'a publisher is named with the document');
    assert.doesNotMatch(m, /^\d+\. /m);
    assert.match(lines.at(-1)!, /^\*As of [\d-]+\* · \[Insert citation\]\(command:imidLens\.insertCitation\?[^)]+\) · \[Full term sheet\]\(command:imidLens\.openTermSheet\?%5B%22lenalidomide%22%5D "[^"]+"\)$/);
  });

  test('every short card fits a hover: at most 18 lines, at most two references per fact, every number listed', () => {
    const db = engine().db;
    for (const f of db.forms.values()) {
      const c = buildCard(db, db.term(f.termId)!, f, COMMANDS, { short: true });
      const lines = c.markdown.split('\n');
      assert.ok(lines.length <= 18, `${f.name}: ${lines.length} lines`);
      for (const cite of c.markdown.matchAll(/ \[(\d+(?:, \d+)*)\]/g)) assert.ok(cite[1].split(', ').length <= 2, `${f.name}: ${cite[0]}`);
      const max = Math.max(0, ...[...c.markdown.matchAll(/ \[(\d+(?:, \d+)*)\]/g)].flatMap((x) => x[1].split(', ').map(Number)));
      assert.equal(max, c.references.length, `${f.name}: every listed reference is cited`);
      assert.ok(c.markdown.length < (buildCard(db, db.term(f.termId)!, f, COMMANDS).markdown.length) || c.markdown.length < 1500, `${f.name}: shorter than the explain card`);
    }
  });

  test('short cards of a protein, a class, a company and a programme keep what each one is', () => {
    assert.match(section(hoverCard('IKZF1').markdown, 'Degraded by'), /lenalidomide, pomalidomide/);
    assert.match(section(hoverCard('CELMoDs').markdown, 'Members'), /iberdomide, mezigdomide/);
    assert.match(section(hoverCard('Celgene').markdown, 'Owned by'), /Bristol Myers Squibb/);
    assert.match(section(hoverCard('POMALYST REMS').markdown, 'Programme of'), /pomalidomide/);
  });

  test('labels in dispute and their reasoning are left for the sheet', () => {
    const m = hoverCard('pomalidomide').markdown;
    assert.doesNotMatch(section(m, 'Class'), /third-generation|disputed|sometimes/);
  });
});

describe('references in cards and sheets', () => {
  const item = (extra: Partial<CslItem>): CslItem => ({ id: 'x2015', type: 'article-journal', ...extra }) as CslItem;

  test('a reference without authors never starts with its year (Markdown would make it a list starting at 2015)', () => {
    const r = cardReference(item({ title: 'Pomalidomide', 'container-title': 'Blood', issued: { 'date-parts': [[2015]] } }));
    assert.equal(r, 'Pomalidomide. *Blood* (2015).');
    assert.equal(cardReference(item({ issued: { 'date-parts': [[2015]] } })), '(2015).');
    assert.equal(cardReference(item({ title: '2015. A title with a number first' })), '2015\\. A title with a number first.');
  });

  test('authors, or the publisher, first; placeholder titles in brackets never show', () => {
    assert.equal(cardReference(item({ author: [{ family: 'Vallet' }, { family: 'Palumbo' }, { family: 'Raje' }], title: '[Review of immunomodulatory drugs (IMiDs)]', 'container-title': 'Expert Opinion on Pharmacotherapy', issued: { 'date-parts': [[2012]] } })), 'Vallet et al. (2012). *Expert Opinion on Pharmacotherapy*.');
    assert.equal(cardReference(item({ type: 'webpage', publisher: 'Bristol-Myers Squibb', title: '[Bristol-Myers Squibb completes acquisition of Celgene]', issued: { 'date-parts': [[2019]] } })), 'Bristol-Myers Squibb (2019). Bristol-Myers Squibb completes acquisition of Celgene.');
    assert.equal(cardReference(item({ publisher: 'European Medicines Agency', title: 'Revlimid: European public assessment report' })), 'European Medicines Agency. Revlimid: European public assessment report.');
    assert.equal(cardReference(item({ title: 'How do CELMoDs work?', publisher: 'CCO' })), 'CCO. How do CELMoDs work?', 'no full stop after a question mark');
  });

  test('the editorial notes of data/references.json never show', () => {
    assert.equal(cardReference(item({ author: [{ family: 'Ito' }], title: 'T', note: 'PMID not verified here; cite by DOI.' })), 'Ito. T.');
  });

  test('no card or sheet has a list artefact, a placeholder bracket or an editorial note in its references', () => {
    const db = engine().db;
    for (const f of db.forms.values()) {
      const term = db.term(f.termId)!;
      for (const opts of [{ short: true }, {}, { full: true }]) {
        const c = buildCard(db, term, f, COMMANDS, opts);
        if ('short' in opts) {
          const para = c.markdown.split('\n').find((l) => l.startsWith('**References:** ')) ?? '';
          assert.equal([...para.matchAll(/\\\[\d+\\\] /g)].length, c.references.length, `${f.name}: ${para}`);
          assert.doesNotMatch(para.replace(/\\\[\d+\\\]/g, ''), /\\\[/, `${f.name}: "${para}" shows a placeholder title`);
          assert.doesNotMatch(para, /not verified here|Descriptive title|not recorded here/, f.name);
          assert.doesNotMatch(c.markdown, /low-quality pages/, f.name);
          continue;
        }
        const refLines = c.markdown.split('\n').filter((l) => /^\d+\. /.test(l));
        assert.equal(refLines.length, c.references.length, f.name);
        for (const l of refLines) {
          const body = l.replace(/^\d+\. /, '');
          assert.doesNotMatch(body, /^(\d+[.)]|[-+*]\s)/, `${f.name}: "${l}" starts like a list item`);
          assert.doesNotMatch(body, /\\\[/, `${f.name}: "${l}" shows a placeholder title`);
          assert.doesNotMatch(body, /not verified here|Descriptive title|not recorded here/, `${f.name}: "${l}"`);
        }
        if (!('full' in opts)) assert.doesNotMatch(c.markdown, /low-quality pages/, f.name);
      }
    }
  });

  test('every reference with authors or a publisher shows them', () => {
    const db = engine().db;
    for (const r of db.references.values()) {
      const who = r.author?.[0]?.family ?? r.author?.[0]?.literal ?? r.editor?.[0]?.family ?? r.publisher;
      if (who) assert.ok(cardReference(r).startsWith(who.replace(/([\\`*_{}[\]<>#|])/g, '\\$1')), `${r.id}: ${cardReference(r)}`);
    }
  });
});
