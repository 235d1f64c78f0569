#!/usr/bin/env node
// Deterministic Markdown corpus generator (no network), copied from the peer benchmark kit
// (shared/bench/gen-corpus.mjs) with its frozen prose pool (corpus/pool.json) and its drug and
// claim sentences (peer/terms.json, peer/claims.json: what gets inserted into the prose; the rules
// imid-lens and textlint apply come from imid-lens's own data, see src/rules.ts). Same seed, same
// bytes: the 100 KB and 1 MB files equal the kit's; its 10 MB sha256 in the kit's manifest came
// from an older pool, this one is corpus/manifest.json.
//
// 1. Builds (once) a pool of real English prose written by others that is present on this
//    machine: the Node.js API/contributor docs (/usr/share/doc/nodejs), npm's own docs, and the
//    README/doc Markdown of the npm packages installed in ./node_modules and npm's node_modules.
//    Code blocks, HTML, tables, link definitions, front matter and non-prose blocks are removed.
//    The pool is frozen to corpus/pool.json so that later runs are reproducible even if the
//    machine changes (delete it or pass --rebuild-pool to rebuild).
// 2. Shuffles the pool's sections with a seeded PRNG and streams them, inserting at sentence
//    boundaries (a) sentences mentioning the drugs of peer/terms.json (INN ~70 %, brand/code
//    name/misspelling ~30 %) at ~1 drug mention per 400 characters and (b) an outdated claim
//    (an example from peer/claims.json) per ~5 000 characters, plus correct "near-miss"
//    sentences. The files of the different sizes are prefixes of one stream (same content mix).
// 3. Writes corpus/corpus-<label>.md, corpus/corpus-empty.md and corpus/manifest.json (sizes, sha256,
//    inserted counts and the counts the reference regexes find in each file).
//
// usage: node gen-corpus.mjs [--seed N] [--sizes 100000,1000000,10000000] [--rebuild-pool]
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { terms, claims, termDb, termAlternation, claimRegexes, countMatches, escapeRe } from './lib/peer-rules.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'corpus');
const args = process.argv.slice(2);
const arg = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const SEED = Number(arg('--seed', '20251121'));
const SIZES = arg('--sizes', '100000,1000000,10000000').split(',').map(Number);
const MENTION_EVERY = Number(arg('--mention-every', '400'));
const CLAIM_EVERY = Number(arg('--claim-every', '5000'));
const label = (n) => (n >= 1e6 ? `${n / 1e6}mb` : `${n / 1e3}kb`);
fs.mkdirSync(outDir, { recursive: true });

// ---------------- seeded PRNG (mulberry32) ----------------
function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const uni = (a, b) => a + rnd() * (b - a);
function shuffle(arr) { for (let i = arr.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [arr[i], arr[j]] = [arr[j], arr[i]]; } return arr; }

// ---------------- 1. prose pool ----------------
function walk(dir, acc = []) {
  let ents;
  try { ents = fs.readdirSync(dir, { withFileTypes: true }); } catch { return acc; }
  for (const e of ents) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, acc);
    else if (e.isFile() && /\.md$/i.test(e.name)) acc.push(p);
  }
  return acc;
}
function sourceFiles() {
  const files = [];
  const nodeDoc = '/usr/share/doc/nodejs';
  files.push(...walk(path.join(nodeDoc, 'api')), ...walk(path.join(nodeDoc, 'contributing')));
  for (const f of ['README.md', 'GOVERNANCE.md', 'CONTRIBUTING.md', 'BUILDING.md', 'glossary.md', 'onboarding.md', 'SECURITY.md'])
    if (fs.existsSync(path.join(nodeDoc, f))) files.push(path.join(nodeDoc, f));
  files.push(...walk('/usr/lib/node_modules/npm/docs/content'));
  for (const nm of [path.join(here, 'node_modules'), '/usr/lib/node_modules/npm/node_modules'])
    files.push(...walk(nm).filter((f) => /(^|\/)(readme|docs?\/[^/]+)\.md$/i.test(f.replace(/.*node_modules\/(@[^/]+\/)?[^/]+\//, '')) ));
  return [...new Set(files)].filter((f) => !/changelog|history|release-notes|license|licence|code_of_conduct/i.test(path.basename(f))).sort();
}
const letters = (s) => (s.match(/[A-Za-z]/g) || []).length;
function cleanDoc(md) {
  md = md.replace(/\r\n?/g, '\n');
  md = md.replace(/^---\n[\s\S]*?\n---\n/, ''); // front matter
  md = md.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, ''); // fenced code
  md = md.replace(/^\s*(```|~~~)[^\n]*\n[\s\S]*?^\s*\1[^\n]*$/gm, ''); // indented fences (in lists)
  md = md.replace(/<!--[\s\S]*?-->/g, ''); // HTML comments (node docs YAML metadata)
  const blocks = md.split(/\n\s*\n/).map((b) => b.replace(/\s+$/, '')).filter(Boolean);
  const out = [];
  for (let b of blocks) {
    b = b.split('\n').filter((l) => !/^\s*\[[^\]]+\]:\s*\S/.test(l) && !/^\s*\[!\[/.test(l)).join('\n');
    if (!b.trim()) continue;
    const lines = b.split('\n');
    if (lines.every((l) => /^( {4,}|\t)/.test(l))) continue; // indented code
    if (/^\s*</.test(b)) continue; // HTML block
    if (/```|~~~/.test(b)) continue; // fence remnants (e.g. code blocks inside block quotes or list items)
    if (/cspell:|spell-?checker:|prh:disable|textlint-(?:disable|enable)|vale (?:on|off)|<!--/i.test(b)) continue; // in-document directives of the tools under test
    if (/^\s*>/.test(b) && lines.some((l) => /^\s*>\s{4,}\S/.test(l))) continue; // indented code in a block quote
    if (lines.some((l) => /^\s*\|/.test(l) || /\|\s*:?-{3,}/.test(l))) continue; // tables
    if (/^\s*(\*\s*){3,}$|^\s*(-\s*){3,}$|^\s*(_\s*){3,}$/.test(b)) continue; // rules
    const isHeading = /^#{1,6} /.test(b);
    if (isHeading) { if (lines.length === 1 && b.length <= 100 && letters(b) >= 3) out.push(b); continue; }
    const words = b.split(/\s+/).length;
    if (words < 8) continue;
    if (letters(b) / b.length < 0.6) continue; // mostly symbols/code
    if (!/[.!?:]/.test(b)) continue;
    out.push(b);
  }
  // drop headings that are not followed by prose
  return out.filter((b, i) => !/^#/.test(b) || (out[i + 1] && !/^#/.test(out[i + 1])));
}
function buildPool() {
  const files = sourceFiles();
  const seen = new Set();
  const sections = [];
  let bytes = 0;
  for (const f of files) {
    const blocks = cleanDoc(fs.readFileSync(f, 'utf8')).filter((b) => /^#/.test(b) || (!seen.has(b) && seen.add(b)));
    let cur = null;
    for (const b of blocks) {
      if (/^#/.test(b) || !cur) { if (cur && cur.blocks.some((x) => !/^#/.test(x))) sections.push(cur); cur = { src: f, blocks: [] }; }
      cur.blocks.push(b);
      bytes += b.length + 2;
    }
    if (cur && cur.blocks.some((x) => !/^#/.test(x))) sections.push(cur);
  }
  return { files, sections, bytes };
}
const poolPath = path.join(outDir, 'pool.json');
let pool;
if (!fs.existsSync(poolPath) || args.includes('--rebuild-pool')) {
  pool = buildPool();
  fs.writeFileSync(poolPath, JSON.stringify(pool));
  console.error(`pool: ${pool.files.length} source files, ${pool.sections.length} sections, ${(pool.bytes / 1e6).toFixed(2)} MB of prose -> ${poolPath}`);
} else {
  pool = JSON.parse(fs.readFileSync(poolPath, 'utf8'));
  console.error(`pool: reusing ${poolPath} (${pool.files.length} files, ${pool.sections.length} sections, ${(pool.bytes / 1e6).toFixed(2)} MB)`);
}

// ---------------- 2. drug sentences ----------------
const syn = {};
for (const t of terms) (syn[t.expected] ||= []).push(t);
const KIND_W = { brand: 0.45, former: 0.05, code: 0.35, misspelling: 0.15 };
function realise(inn, pSyn = 0.3) {
  const list = syn[inn] || [];
  if (!list.length || rnd() >= pSyn) return inn;
  stats.synonyms++;
  // choose a kind by weight among the kinds this drug has, then a form uniformly
  const kinds = [...new Set(list.map((t) => t.kind))];
  const tot = kinds.reduce((s, k) => s + KIND_W[k], 0);
  let r = rnd() * tot, kind = kinds[0];
  for (const k of kinds) { if ((r -= KIND_W[k]) <= 0) { kind = k; break; } }
  return pick(list.filter((t) => t.kind === kind)).pattern;
}
const IMID = ['thalidomide', 'lenalidomide', 'pomalidomide'];
const CELMOD = ['iberdomide', 'mezigdomide', 'golcadomide', 'avadomide'];
const ANY = [...IMID, ...CELMOD, 'apremilast', 'eragidomide'];
const TEMPLATES = [
  '{IMID} plus dexamethasone prolonged progression-free survival compared with dexamethasone alone in patients with relapsed or refractory multiple myeloma.',
  'Patients receiving {IMID} should have complete blood counts monitored weekly for the first 8 weeks of treatment.',
  'Thromboprophylaxis is recommended for patients treated with {IMID} in combination with dexamethasone, because the risk of venous thromboembolism is increased.',
  '{IMID} binds {CRBN}, the substrate receptor of the CRL4 E3 ubiquitin ligase, and redirects it toward the transcription factors IKZF1 and IKZF3.',
  'Because {IMID} is expected to be teratogenic, it is available only through a restricted distribution programme with mandatory pregnancy testing.',
  'In the maintenance setting, {IMID} was associated with a higher incidence of second primary malignancies.',
  'The combination of daratumumab, {IMID} and dexamethasone is a standard option for patients who are not eligible for transplantation.',
  'Dose reductions of {IMID} were required in {PCT}% of patients because of neutropenia or thrombocytopenia.',
  'Compared with {IMID2}, {IMID} showed greater potency in degrading Aiolos in primary myeloma cells.',
  'Grade 3 or 4 neutropenia occurred in {PCT}% of patients treated with {IMID} and bortezomib.',
  'Because {LEN} is mainly excreted unchanged in urine, the starting dose is adjusted for creatinine clearance.',
  '{POM} 4 mg on days 1 to 21 of each 28-day cycle was active in patients refractory to both {LEN} and bortezomib.',
  '{THAL} was withdrawn in the early 1960s after it was linked to severe limb malformations in thousands of children.',
  '{THAL} is approved for erythema nodosum leprosum and, with melphalan and prednisone, for newly diagnosed myeloma.',
  'Peripheral neuropathy is the main dose-limiting toxicity of long-term {THAL} treatment.',
  '{CELMOD} is a cereblon E3 ligase modulator that binds {CRBN} with higher affinity than {IMID}.',
  'In the phase 1/2 study, {CELMOD} combined with dexamethasone produced responses in patients previously exposed to {IMID}.',
  '{CELMOD} induces rapid and deep degradation of Ikaros and Aiolos at nanomolar concentrations.',
  'The recommended phase 2 dose of {CELMOD} was selected on the basis of neutropenia observed during dose escalation.',
  'Preclinical data suggest that {CELMOD} retains activity in cell lines with low {CRBN} expression.',
  '{ERAG} redirects {CRBN} toward the translation termination factor GSPT1 and was studied in acute myeloid leukaemia.',
  '{APR} is an oral phosphodiesterase 4 inhibitor approved for psoriatic arthritis, plaque psoriasis and oral ulcers associated with Behçet\'s disease.',
  'Diarrhoea, nausea and headache were the most common adverse reactions reported with {APR}.',
  'In the pivotal psoriasis trials, {APR} 30 mg twice daily improved PASI-75 response rates at week 16.',
  'The dose of {APR} is titrated over the first 5 days to reduce gastrointestinal intolerance.',
  'Weight loss was observed in some patients treated with {APR}, and body weight should be monitored regularly.',
  'Depression and suicidal ideation have been reported with {APR}; patients with a history of depression should be counselled.',
  'Unlike {IMID}, {APR} does not carry a boxed warning for embryo-fetal toxicity.',
  'Historically, {APR} emerged from the same medicinal chemistry programme that produced {IMID}.',
  'Throughout the clinical study report, {IMID} should be referred to by its international nonproprietary name.',
  'Table 2 summarises the pharmacokinetic parameters of {ANY} after a single oral dose.',
  'Exposure to {ANY} increased approximately in proportion to dose over the studied range.',
  'No clinically relevant interaction was observed between {ANY} and digoxin.',
];
const NEAR = claims.flatMap((c) => c.nearMiss);
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
function drugSentence() {
  if (rnd() < 0.08) return pick(NEAR);
  const tpl = pick(TEMPLATES);
  const imid = pick(IMID);
  let imid2 = pick(IMID); while (imid2 === imid) imid2 = pick(IMID);
  const s = tpl.replace(/\{(\w+)\}/g, (m, k, off) => {
    let v;
    switch (k) {
      case 'IMID': v = realise(imid); break;
      case 'IMID2': v = realise(imid2); break;
      case 'CELMOD': v = realise(pick(CELMOD)); break;
      case 'ANY': v = realise(pick(ANY)); break;
      case 'LEN': v = realise('lenalidomide'); break;
      case 'POM': v = realise('pomalidomide'); break;
      case 'THAL': v = realise('thalidomide'); break;
      case 'APR': v = realise('apremilast'); break;
      case 'ERAG': v = realise('eragidomide'); break;
      case 'CRBN': v = realise('cereblon', 0.1); break;
      case 'PCT': v = String(10 + Math.floor(rnd() * 36)); break;
      default: throw new Error(k);
    }
    return off === 0 ? cap(v) : v;
  });
  return s;
}
// drug-mention counter: INNs of drugs + all non-preferred forms of drugs (not the cereblon ones)
const drugNames = [...Object.values(termDb.drugs).filter((d) => d.class !== 'target').map((d) => d.inn), ...terms.filter((t) => t.expected !== 'cereblon').map((t) => t.pattern)]
  .sort((a, b) => b.length - a.length);
const mentionRe = new RegExp('\\b(?:' + drugNames.map(escapeRe).join('|') + ')\\b', 'gi');

// ---------------- 3. stream generation ----------------
const isAbbrev = (s, i) => /(?:\be\.g|\bi\.e|\betc|\bvs|\bcf|\bNo|\bFig|\bDr|\bMr|\bMs)$/.test(s.slice(Math.max(0, i - 4), i));
function boundaries(p) {
  const res = [];
  let tick = 0, depth = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '`') tick ^= 1;
    else if (!tick && (c === '[' || c === '(')) depth++;
    else if (!tick && (c === ']' || c === ')')) depth = Math.max(0, depth - 1);
    else if (!tick && !depth && (c === '.' || c === '!' || c === '?') && /[a-z)]/.test(p[i - 1] || '') && !isAbbrev(p, i)
      && (i === p.length - 1 || p[i + 1] === ' ' || p[i + 1] === '\n')) res.push(i + 1);
  }
  return res;
}
const maxSize = Math.max(...SIZES);
const parts = [];
let outLen = 0; // bytes
const stats = { synonyms: 0, drugSentences: 0, nearMiss: 0, claims: 0, claimsById: {}, mentions: 0, poolCycles: 0 };
// cumulative targets with jitter: the k-th mention is due at (k +/- 0.5) * MENTION_EVERY,
// the k-th claim at (k +/- 0.5) * CLAIM_EVERY, so the density does not drift.
let nextMention = uni(0.5, 1.5) * MENTION_EVERY;
let nextClaim = uni(0.5, 1.5) * CLAIM_EVERY;
const due = () => { nextMention = (stats.mentions + uni(0.5, 1.5)) * MENTION_EVERY; };
const cuts = []; // byte offsets at block ends, for cutting prefixes
function insertAt(pos) {
  // returns sentences to insert at absolute output position pos
  const ins = [];
  for (let guard = 0; guard < 3; guard++) {
    if (pos >= nextClaim) {
      const c = pick(claims);
      const s = pick(c.examples);
      ins.push(s);
      stats.claims++; stats.claimsById[c.id] = (stats.claimsById[c.id] || 0) + 1;
      const m = countMatches(mentionRe, s); stats.mentions += m;
      nextClaim = (stats.claims + uni(0.5, 1.5)) * CLAIM_EVERY;
      due();
      pos += s.length + 1;
    } else if (pos >= nextMention) {
      const s = drugSentence();
      ins.push(s);
      if (NEAR.includes(s)) stats.nearMiss++; else stats.drugSentences++;
      const m = countMatches(mentionRe, s); stats.mentions += m;
      due();
      pos += s.length + 1;
    } else break;
  }
  return ins;
}
const statsAt = [];
outer: for (let cycle = 0; ; cycle++) {
  stats.poolCycles = cycle + 1;
  const order = shuffle(pool.sections.map((_, i) => i));
  for (const si of order) {
    for (const block of pool.sections[si].blocks) {
      let b = block;
      if (!/^(#|>)/.test(b)) {
        const bs = boundaries(b);
        let res = '', last = 0;
        for (const at of bs) {
          res += b.slice(last, at);
          const ins = insertAt(outLen + Buffer.byteLength(res));
          if (ins.length) res += ' ' + ins.join(' ');
          last = at;
        }
        b = res + b.slice(last);
      }
      parts.push(b + '\n\n');
      outLen += Buffer.byteLength(b) + 2;
      cuts.push(outLen);
      statsAt.push({ ...stats, claimsById: { ...stats.claimsById } });
      if (outLen >= maxSize) break outer;
    }
  }
}
const full = parts.join('');
const fullBuf = Buffer.from(full);
const manifest = { seed: SEED, mentionEvery: MENTION_EVERY, claimEvery: CLAIM_EVERY, pool: { files: pool.files.length, sections: pool.sections.length, bytes: pool.bytes }, files: {} };
const termRe = termAlternation('gi');
const cres = claimRegexes('gi');
function describe(name, buf, st) {
  const text = buf.toString('utf8');
  const claimHits = {};
  let claimTotal = 0;
  for (const { id, re } of cres) { const n = countMatches(re, text); if (n) claimHits[id] = n; claimTotal += n; }
  return {
    file: name, bytes: buf.length, sha256: crypto.createHash('sha256').update(buf).digest('hex'),
    inserted: st && { synonyms: st.synonyms, drugSentences: st.drugSentences, nearMiss: st.nearMiss, claims: st.claims, mentions: st.mentions, poolCycles: st.poolCycles },
    measured: {
      drugMentions: countMatches(mentionRe, text), charsPerMention: +(text.length / Math.max(1, countMatches(mentionRe, text))).toFixed(1),
      termHits: countMatches(termRe, text), claimHits: claimTotal, bytesPerClaim: Math.round(buf.length / Math.max(1, claimTotal)), claimHitsById: claimHits,
    },
  };
}
for (const size of SIZES) {
  // largest block boundary <= size
  let k = cuts.findIndex((c) => c > size); if (k === -1) k = cuts.length; k = Math.max(1, k);
  const buf = fullBuf.subarray(0, cuts[k - 1]);
  const name = `corpus-${label(size)}.md`;
  fs.writeFileSync(path.join(outDir, name), buf);
  manifest.files[label(size)] = describe(name, buf, statsAt[k - 1]);
}
fs.writeFileSync(path.join(outDir, 'corpus-empty.md'), '');
manifest.files.empty = describe('corpus-empty.md', Buffer.alloc(0), null);
fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
for (const [k, v] of Object.entries(manifest.files)) console.error(`${k.padEnd(6)} ${String(v.bytes).padStart(9)} B  mentions=${v.measured.drugMentions} (1/${v.measured.charsPerMention} ch)  termHits=${v.measured.termHits}  claimHits=${v.measured.claimHits} (inserted ${v.inserted?.claims ?? 0})  sha256=${v.sha256.slice(0, 12)}`);
