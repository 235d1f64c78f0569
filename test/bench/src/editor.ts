// Editor features on a 1 MB document, through the core's public functions (what the VS Code
// providers call): hover look-up, drug-name completion, parsing a 10,000-entry .bib and citation
// completion against it.
//   node editor.js <file> <bibOut>
// Prints RESULT {json}. Latencies are per call: p50 / p99 / max; "first" includes building an index.
import fs from 'node:fs';
import {
  type CitableReference,
  bundledEngine,
  buildCard,
  citableReferences,
  completeCitations,
  completeTerms,
  lint,
  mentionAt,
  newBibliographyCache,
  parseBibliography,
  scanBibtex,
  relevantKeys,
  sourceFromParsed,
  TextDocument,
} from '../../../src/core/index';

const [file, bibOut] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const engine = bundledEngine();
const db = engine.db;
let seed = 11;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const stats = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { n: s.length, p50: at(50), p99: at(99), max: s[s.length - 1] };
};
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
};

// --- hover: the provider's work once the document's lint result is cached ---------------------
const result = lint(new TextDocument('file:///e.md', text, 1, 'markdown'), { engine, languageId: 'markdown' });
const prose = result.prose!;
const withForm = result.mentions.filter((m) => m.form);
const hoverTimes: number[] = [];
const lookupTimes: number[] = [];
const cardTimes: number[] = [];
let cards = 0;
for (let k = 0; k < 3000; k++) {
  // two of three on a name, one anywhere (most hovers over prose find nothing)
  const offset = k % 3 === 2 ? Math.floor(rnd() * text.length) : (() => {
    const m = withForm[Math.floor(rnd() * withForm.length)];
    return m.start + Math.floor(rnd() * (m.end - m.start));
  })();
  const t = performance.now();
  const m = mentionAt(db, prose, offset);
  const term = m?.form && db.term(m.form.termId);
  const t1 = performance.now();
  lookupTimes.push(t1 - t);
  if (m?.form && term) {
    buildCard(db, term, m.form);
    cards++;
    cardTimes.push(performance.now() - t1);
  }
  hoverTimes.push(performance.now() - t);
}
lookupTimes.splice(0, 50);
cardTimes.splice(0, 50);
hoverTimes.splice(0, 50); // JIT warm-up

// --- drug-name completion ------------------------------------------------------------------
const names = ['lenalidomide', 'Revlimid', 'CC-5013', 'pomalidomide', 'thalidomide', 'apremilast', 'Otezla', 'iberdomide', 'mezigdomide', 'cereblon', 'CRBN', 'IMiD', 'CELMoD', 'Actimid', 'Pomalyst', 'Thalomid'];
const prefixes: string[] = [];
for (const n of names) for (let i = 1; i <= Math.min(n.length, 6); i++) prefixes.push(n.slice(0, i));
prefixes.push('Revl', 'CC-50', 'lenolid', 'pomalidamide', 'xyz', '');
const [, completionFirstMs] = time(() => completeTerms(db, 'le'));
const completionTimes: number[] = [];
for (let r = 0; r < 5; r++) for (const p of prefixes) completionTimes.push(time(() => completeTerms(db, p))[1]);

// --- a 10,000-entry .bib -------------------------------------------------------------------
const FAMILIES = ['Smith', 'Krönke', 'Ito', 'Lu', 'Fink', 'Chamberlain', 'Petzold', 'Zhu', 'Schafer', 'Richardson', 'Dimopoulos', 'Attal', 'McCarthy', 'Palumbo', 'Lonial', 'Rajkumar', 'Müller', 'García', 'Nakamura', 'Olsen'];
const GIVEN = ['Jan', 'Maria', 'Takumi', 'Gang', 'Eric', 'Philip', 'Anna', 'Yuan', 'Peter', 'Paul', 'Meletios', 'Michel', 'Philip L.', 'Antonio', 'Sagar', 'S. Vincent', 'Jörg', 'Lucía', 'Hiroshi', 'Karen'];
const WORDS = ['lenalidomide', 'causes', 'selective', 'degradation', 'of', 'IKZF1', 'and', 'IKZF3', 'in', 'multiple', 'myeloma', 'cells', 'cereblon', 'is', 'a', 'target', 'for', 'thalidomide', 'teratogenicity', 'apremilast', 'psoriatic', 'arthritis', 'phase', '3', 'trial', 'maintenance', 'therapy', 'after', 'transplantation', 'pomalidomide', 'plus', 'low-dose', 'dexamethasone'];
const JOURNALS = ['Science', 'Nature', 'N Engl J Med', 'Lancet', 'Blood', 'J Clin Oncol', 'Leukemia', 'Ann Rheum Dis', 'Nat Chem Biol', 'Cancer Cell'];
const TYPES = ['article', 'article', 'article', 'article', 'book', 'incollection', 'inproceedings', 'misc', 'techreport', 'phdthesis'];
let bib = '% 10,000 generated entries (test/bench/src/editor.ts)\n@string{nejm = "N Engl J Med"}\n\n';
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
for (let i = 0; i < 10000; i++) {
  const fam = pick(FAMILIES);
  const year = 1960 + Math.floor(rnd() * 65);
  const key = `${fam.toLowerCase().replace(/[^a-z]/g, '')}${year}${String.fromCharCode(97 + (i % 26))}${i}`;
  const authors = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => `${pick(FAMILIES)}, ${pick(GIVEN)}`).join(' and ');
  const title = Array.from({ length: 6 + Math.floor(rnd() * 10) }, () => pick(WORDS)).join(' ');
  const type = pick(TYPES);
  bib += `@${type}{${key},\n  author = {${authors}},\n  title = {{${title.charAt(0).toUpperCase()}${title.slice(1)}}},\n`;
  if (type === 'article') bib += `  journal = ${rnd() < 0.1 ? 'nejm' : `{${pick(JOURNALS)}}`},\n  volume = {${1 + Math.floor(rnd() * 400)}},\n  number = {${1 + Math.floor(rnd() * 12)}},\n  pages = {${100 + i % 900}--${110 + i % 900}},\n`;
  else if (type === 'book' || type === 'incollection') bib += `  publisher = {Springer},\n  address = {Berlin},\n${type === 'incollection' ? `  booktitle = {Handbook of ${pick(WORDS)}},\n  editor = {${pick(FAMILIES)}, ${pick(GIVEN)}},\n` : ''}`;
  else if (type === 'phdthesis') bib += `  school = {University of ${pick(FAMILIES)}},\n`;
  bib += `  year = {${year}},\n  doi = {10.${1000 + (i % 9000)}/bench.${i}},\n  abstract = {${Array.from({ length: 30 }, () => pick(WORDS)).join(' ')}.},\n}\n\n`;
}
fs.writeFileSync(bibOut, bib);

const parseTimes: number[] = [];
let [parsed, parseColdMs] = time(() => parseBibliography(bib, 'bibtex')); // first call in the process
for (let r = 0; r < 5; r++) {
  const [p, ms] = time(() => parseBibliography(bib, 'bibtex')); // a fresh cache each time
  parseTimes.push(ms);
  parsed = p;
}
// the scanner alone (entry boundaries and keys: what the unknown-key check could use first)
const scanTimes: number[] = [];
let scannedKeys = 0;
for (let r = 0; r < 5; r++) {
  const [n, ms] = time(() => {
    let k = 0;
    for (const c of scanBibtex(bib)) if (c.key) k++;
    return k;
  });
  scanTimes.push(ms);
  scannedKeys = n;
}
// the file saved again after one entry was edited: the per-entry cache re-parses only that entry
const cache = newBibliographyCache('bibtex');
parseBibliography(bib, 'bibtex', cache);
const editTimes: number[] = [];
let edited = bib;
for (let r = 0; r < 5; r++) {
  const at = edited.indexOf('title = {{', Math.floor(edited.length * (0.2 + 0.15 * r)));
  edited = `${edited.slice(0, at + 10)}Revised ${edited.slice(at + 10)}`;
  const [p, ms] = time(() => parseBibliography(edited, 'bibtex', cache));
  if (p.entries.length !== parsed.entries.length) throw new Error('re-parse lost entries');
  editTimes.push(ms);
}
const library = { sources: [sourceFromParsed(parsed, { label: 'refs.bib', target: 'refs.bib' })], bundled: db.references };
const [refs, refsMs] = time(() => citableReferences(library));
// a citation typed in a sentence about lenalidomide
const offset = (() => {
  const m = withForm.find((x) => x.form!.termId === 'lenalidomide') ?? withForm[0];
  return m.end;
})();
const keyPrefixes = ['', 'k', 'kr', 'kro', 'kron', 'kronk', 'smith', 'smith19', 'ito20', 'lenal', 'myeloma', 'zzz', 'richardson2003'];
const citeFirst = time(() => completeCitations(refs as CitableReference[], 'kr', { relevant: relevantKeys(db, prose, offset, refs) }))[1];
const citeTimes: number[] = [];
for (let r = 0; r < 5; r++) {
  for (const p of keyPrefixes) {
    citeTimes.push(time(() => completeCitations(refs, p, { relevant: relevantKeys(db, prose, offset, refs) }))[1]);
  }
}

console.log(`RESULT ${JSON.stringify({
  hover: { ...stats(hoverTimes), cards, lookup: stats(lookupTimes), card: stats(cardTimes) },
  completion: { firstMs: completionFirstMs, ...stats(completionTimes) },
  bib: { entries: parsed.entries.length, problems: parsed.problems.length, bytes: Buffer.byteLength(bib), parseColdMs, parseMedianMs: [...parseTimes].sort((a, b) => a - b)[2], scanMedianMs: [...scanTimes].sort((a, b) => a - b)[2], scannedKeys, reparseOneEditMedianMs: [...editTimes].sort((a, b) => a - b)[2] },
  citation: { refs: refs.length, refsMs, firstMs: citeFirst, ...stats(citeTimes) },
})}`);
