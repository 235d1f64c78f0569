// Incremental re-lint (src/core/session.ts, issue 7): after every random edit the session's result
// must equal a full lint() of the new text — findings, suppressed findings, mentions and prose —
// and most edits must actually take the incremental path. Seeded PRNG, so failures reproduce.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Engine, type LintResult, LintSession, SentenceIndex, TextDocument, changedRange, lint, safeBoundary, stepEnd } from '../../src/core/index';
import { engine, mulberry32 } from './util';

type Rnd = () => number;
const pick = <T>(rnd: Rnd, a: readonly T[]): T => a[Math.floor(rnd() * a.length)];

function claimExamples(e: Engine): string[] {
  const out: string[] = [];
  for (const r of e.rules) for (const x of r.rule.examples?.invalid ?? []) out.push(typeof x === 'string' ? x : x.text);
  return out.length ? out : ['Apremilast is an IMiD approved for psoriatic arthritis.'];
}

const SENTENCES = [
  'Lenalidomide plus dexamethasone prolonged progression-free survival.',
  'Patients receiving Revlimid® should have blood counts monitored weekly.',
  'CC-5013 binds cereblon (CRBN) and degrades IKZF1 and IKZF3.',
  'Apremilast is a PDE4 inhibitor; Otezla is its brand.',
  'Pomalidomide 4 mg on days 1 to 21 was active, e.g. in refractory disease.',
  'Thalidomide Celgene was the brand name in some markets.',
  'Dose reductions of lenolidomide were needed in 20% of patients.',
  'Iberdomide (CC-220) is a CELMoD with higher affinity for cereblon than lenalidomide.',
  'As shown by Smith et al. in Fig. 2, the IMiDs degrade Aiolos [@kronke2014].',
  'See https://example.org/lenalidomide and `pomalidomide()` for details.',
  'The *thalidomide* tragedy led to stricter rules, as @ito2010 describes.',
  'Math $x = CC5013$ stays out; so does <!-- Revlimid --> this comment.',
  // a subject carried by pronouns through a paragraph (the frames read the sentences before)
  'Mezigdomide is an investigational CELMoD.',
  'It belongs to the CELMoDs, a newer group than the IMiDs.',
  'It has been studied only in phase 1 trials.',
  'Chemically, it is a thalidomide analogue; Celgene sold Otezla to Amgen last year.',
];

function paragraph(rnd: Rnd, claims: string[]): string {
  const n = 1 + Math.floor(rnd() * 4);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rnd() < 0.25 ? pick(rnd, claims) : pick(rnd, SENTENCES));
  // hard wraps sometimes
  return out.join(rnd() < 0.3 ? '\n' : ' ');
}

function markdownDoc(rnd: Rnd, claims: string[], blocks: number): string {
  const parts: string[] = [];
  if (rnd() < 0.3) parts.push('---\ntitle: Lenalidomide\nbibliography: refs.bib\n---');
  for (let i = 0; i < blocks; i++) {
    const r = rnd();
    if (r < 0.45) parts.push(paragraph(rnd, claims));
    else if (r < 0.55) parts.push(`## ${pick(rnd, ['Lenalidomide', 'Methods', 'Apremilast is an IMiD', 'Results'])}`);
    else if (r < 0.63) parts.push(`- ${pick(rnd, SENTENCES)}\n- ${pick(rnd, claims)}\n    indented continuation with Revlimid`);
    else if (r < 0.68) parts.push(`\`\`\`\nlenalidomide = ${Math.floor(rnd() * 9)}\n\`\`\``);
    else if (r < 0.73) parts.push(`> ${pick(rnd, claims)}\n> ${pick(rnd, SENTENCES)}`);
    else if (r < 0.77) parts.push(`| drug | note |\n|---|---|\n| Revlimid | ${pick(rnd, claims)} |`);
    else if (r < 0.81) parts.push(pick(rnd, ['<!-- imid-lens-disable-next-line -->', '<!-- imid-lens-disable misspelled-name -->', '<!-- imid-lens-enable -->', '<!-- imid-lens-disable-line no-such-rule -->']) + '\n' + paragraph(rnd, claims));
    else if (r < 0.84) parts.push(`$$\nCC-5013 + ${Math.floor(rnd() * 9)}\n$$`);
    else if (r < 0.87) parts.push(`    indented code Otezla ${Math.floor(rnd() * 9)}`);
    else if (r < 0.9) parts.push(`Thalidomide\n\n${pick(rnd, ['Celgene sold it.', 'Pharmion too.', 'celgene'])}`);
    else parts.push(paragraph(rnd, claims) + ' [@' + pick(rnd, ['kronke2014', 'kronke2041', 'ito2010', 'nosuchkey99']) + ']');
  }
  let text = parts.join(pick(rnd, ['\n\n', '\n\n', '\n\n\n', '\n']));
  if (rnd() < 0.15) text = text.replace(/\n/g, '\r\n');
  return text;
}

function plainDoc(rnd: Rnd, claims: string[], blocks: number): string {
  const parts: string[] = [];
  for (let i = 0; i < blocks; i++) {
    const r = rnd();
    if (r < 0.8) parts.push(paragraph(rnd, claims));
    else if (r < 0.9) parts.push('# imid-lens-disable-next-line\n' + pick(rnd, claims));
    else parts.push('Mail someone@example.org or see www.example.org/Revlimid.');
  }
  return parts.join('\n\n');
}

const SNIPPETS = [
  'lenalidomide', 'Revlimid', 'CC-5013', ' apremilast', 'Otezla ', 'IMiD', 'pomalidamide', 'Celgene', ' is an IMiD', ' binds cereblon',
  '.', '. ', ', ', ' ', '\n', '\n\n', '\r\n', '- ', '## ', '> ', '    ', '```', '```\n', '~~~\n', '`', '*', '_', '$', '$$', '\\(', '\\)',
  '<!--', '-->', '<!-- imid-lens-disable -->', '<!-- imid-lens-enable -->', '<!-- imid-lens-disable-next-line -->', '[@kronke2014]', '@ito2010', '[@nokey1]',
  '---\n', '+++\n', '|', '| a |', 'e.g. ', 'et al. ', 'http://x.org/Revlimid', 'Thalidomide\n\nCelgene', '<pre>', '</pre>', ':::\n', '1. ',
];

function randomEdit(rnd: Rnd, text: string, claims: string[]): string {
  const pos = Math.floor(rnd() * (text.length + 1));
  const r = rnd();
  if (r < 0.35) return text.slice(0, pos) + pick(rnd, SNIPPETS) + text.slice(pos); // insert markup or a name
  if (r < 0.55) return text.slice(0, pos) + String.fromCharCode(97 + Math.floor(rnd() * 26)) + text.slice(pos); // a keystroke
  if (r < 0.7) return text.slice(0, pos) + text.slice(pos + 1); // backspace
  if (r < 0.85) return text.slice(0, pos) + text.slice(pos + 1 + Math.floor(rnd() * 40)); // delete a stretch
  if (r < 0.95) return text.slice(0, pos) + pick(rnd, claims) + text.slice(pos + Math.floor(rnd() * 10)); // replace with a claim
  return text.slice(0, pos) + text.slice(Math.min(text.length, pos + 200 + Math.floor(rnd() * 400))); // delete paragraphs
}

function snapshot(r: LintResult): unknown {
  const p = r.prose;
  return {
    findings: r.findings,
    suppressed: r.suppressed,
    mentions: r.mentions,
    prose: p && {
      excluded: Array.from(p.excluded),
      breaks: Array.from(p.breaks),
      quotes: Array.from(p.quotes),
      directives: p.directives,
      citations: p.citations,
      bibliographies: p.bibliographies,
      syncPoints: p.syncPoints && Array.from(p.syncPoints),
      text: p.text,
      kind: p.kind,
    },
  };
}

function run(seed: number, languageId: string, docs: number, edits: number, blocks: number, maxFindings?: number): { incremental: number; total: number; truncated: number } {
  const e = engine();
  const claims = claimExamples(e);
  const rnd = mulberry32(seed);
  let incremental = 0;
  let total = 0;
  let truncated = 0;
  for (let d = 0; d < docs; d++) {
    let text = languageId === 'plaintext' ? plainDoc(rnd, claims, blocks) : markdownDoc(rnd, claims, blocks);
    const session = new LintSession();
    for (let k = 0; k <= edits; k++) {
      if (k > 0) text = randomEdit(rnd, text, claims);
      const doc = new TextDocument('file:///doc', text, k + 1, languageId);
      const limit = maxFindings !== undefined ? { maxFindings } : {};
      const got = session.update(doc, { engine: e, languageId, ...limit });
      const want = lint(new TextDocument('file:///doc', text, k + 1, languageId), { engine: e, languageId, ...limit });
      assert.equal(Boolean(got.truncated), Boolean(want.truncated));
      if (want.truncated) truncated++;
      assert.deepEqual(snapshot(got), snapshot(want), `seed ${seed} doc ${d} edit ${k} (${JSON.stringify(session.lastUpdate)}):\n${JSON.stringify(text)}`);
      if (k > 0) {
        total++;
        if (session.lastUpdate.mode === 'incremental') incremental++;
      }
    }
  }
  return { incremental, total, truncated };
}

test('Markdown: incremental results equal a full lint after every random edit', () => {
  const { incremental, total } = run(20251122, 'markdown', 40, 40, 24);
  assert.ok(incremental > total * 0.6, `only ${incremental} of ${total} edits were incremental`);
});

test('Markdown: long documents, many keystrokes, CRLF and front matter', () => {
  const { incremental, total } = run(7, 'markdown', 6, 120, 120);
  assert.ok(incremental > total * 0.7, `only ${incremental} of ${total} edits were incremental`);
});

test('with a finding limit (the editor\'s imidLens.maxProblems): still equal to a full lint, cut at the same place', () => {
  // limits around the documents' finding counts, so edits cross them in both directions
  let cut = 0;
  let whole = 0;
  let incrementals = 0;
  for (const max of [3, 8, 20]) {
    const { incremental, total, truncated } = run(4242 + max, 'markdown', 6, 30, 16, max);
    cut += truncated;
    whole += total + 6 - truncated;
    incrementals += incremental;
  }
  assert.ok(cut > 0 && whole > 0, `${cut} cut short, ${whole} not`);
  assert.ok(incrementals > 0, 'results under the limit still take the incremental path');
});

test('plain text: incremental results equal a full lint after every random edit', () => {
  const { incremental, total } = run(99, 'plaintext', 30, 40, 20);
  assert.ok(incremental > total * 0.6, `only ${incremental} of ${total} edits were incremental`);
});

test('LaTeX falls back to a full lint and stays correct', () => {
  const e = engine();
  const s = new LintSession();
  let text = '\\begin{document}\nApremilast is an IMiD approved for psoriatic arthritis.\n\nLenalidomide is given.\n\\end{document}\n';
  s.update(new TextDocument('file:///a.tex', text, 1, 'latex'), { engine: e, languageId: 'latex' });
  text = text.replace('given', 'given daily with Revlimid');
  const got = s.update(new TextDocument('file:///a.tex', text, 2, 'latex'), { engine: e, languageId: 'latex' });
  assert.equal(s.lastUpdate.mode, 'full');
  assert.deepEqual(snapshot(got), snapshot(lint(new TextDocument('file:///a.tex', text, 2, 'latex'), { engine: e, languageId: 'latex' })));
  assert.ok(got.findings.some((f) => f.ruleId === 'apremilast-not-imid'));
});

test('a keystroke re-checks only its paragraph (and the next one, for the fact frames\' pronouns); unchanged findings are the same objects; stale ones go', () => {
  const e = engine();
  const para = (i: number) => `Paragraph ${i}: Apremilast is an IMiD approved for psoriatic arthritis.`;
  let text = Array.from({ length: 200 }, (_, i) => para(i)).join('\n\n');
  const s = new LintSession();
  const first = s.update(new TextDocument('file:///d.md', text, 1, 'markdown'), { engine: e, languageId: 'markdown' });
  const n = first.findings.filter((f) => f.ruleId === 'apremilast-not-imid').length;
  assert.equal(n, 200);
  // fix the claim in paragraph 100: its finding disappears, the others stay (before: same objects)
  const at = text.indexOf(para(100));
  text = text.slice(0, at) + para(100).replace('an IMiD', 'a PDE4 inhibitor') + text.slice(at + para(100).length);
  const second = s.update(new TextDocument('file:///d.md', text, 2, 'markdown'), { engine: e, languageId: 'markdown' });
  assert.equal(s.lastUpdate.mode, 'incremental');
  const [wStart, wEnd] = s.lastUpdate.window!;
  // its paragraph and the next (a pronoun there may point to a drug of this one)
  assert.ok(wEnd - wStart < 4 * para(100).length, `window ${wEnd - wStart} characters`);
  assert.equal(second.findings.filter((f) => f.ruleId === 'apremilast-not-imid').length, 199);
  assert.equal(second.findings[0], first.findings[0], 'findings before the edit are reused');
  const last = second.findings[second.findings.length - 1];
  assert.equal(last.range.start.line, first.findings[first.findings.length - 1].range.start.line);
  assert.equal(last.start, first.findings[first.findings.length - 1].start + ('a PDE4 inhibitor'.length - 'an IMiD'.length));
  // the same text again: nothing is recomputed
  const third = s.update(new TextDocument('file:///d.md', text, 3, 'markdown'), { engine: e, languageId: 'markdown' });
  assert.equal(s.lastUpdate.mode, 'unchanged');
  assert.equal(third, second);
});

test('opening a code fence re-checks to the end; once closed, later keystrokes are local again', () => {
  const e = engine();
  let text = Array.from({ length: 50 }, (_, i) => `Para ${i} mentions lenolidomide.`).join('\n\n');
  const s = new LintSession();
  const update = (v: number) => s.update(new TextDocument('file:///f.md', text, v, 'markdown'), { engine: e, languageId: 'markdown' });
  update(1);
  const at = text.indexOf('Para 10 ');
  text = `${text.slice(0, at)}\`\`\`\n${text.slice(at)}`;
  assert.equal(update(2).findings.length, 10, 'everything after the open fence is code');
  assert.equal(s.lastUpdate.mode, 'incremental');
  assert.equal(s.lastUpdate.window![1], text.length, 'the window runs to the end');
  const at2 = text.indexOf('Para 12 ');
  text = `${text.slice(0, at2)}\`\`\`\n\n${text.slice(at2)}`;
  assert.equal(update(3).findings.length, 48);
  assert.equal(s.lastUpdate.window![1], text.length, 'the previous text had no sync point after the fence: to the end again');
  const at3 = text.indexOf('Para 30 ');
  text = `${text.slice(0, at3)}x${text.slice(at3)}`;
  assert.equal(update(4).findings.length, 48);
  assert.equal(s.lastUpdate.mode, 'incremental');
  assert.ok(s.lastUpdate.window![1] - s.lastUpdate.window![0] < 100, `window ${JSON.stringify(s.lastUpdate.window)}`);
});

test('changedRange finds the replaced stretch, also in long texts', () => {
  assert.deepEqual(changedRange('abcdef', 'abXYef'), [2, 4, 4]);
  assert.deepEqual(changedRange('aaaa', 'aaaaa'), [4, 4, 5]);
  assert.deepEqual(changedRange('', 'x'), [0, 0, 1]);
  const rnd = mulberry32(3);
  for (let k = 0; k < 200; k++) {
    const base = Array.from({ length: 1 + Math.floor(rnd() * 20000) }, () => 'ab \n'[Math.floor(rnd() * 4)]).join('');
    const p = Math.floor(rnd() * base.length);
    const del = Math.floor(rnd() * 30);
    const ins = 'xyz'.slice(0, Math.floor(rnd() * 4));
    const next = base.slice(0, p) + ins + base.slice(p + del);
    const [a, oldEnd, newEnd] = changedRange(base, next);
    assert.equal(base.slice(0, a), next.slice(0, a));
    assert.equal(base.slice(oldEnd), next.slice(newEnd));
    // never larger than the edit that was made (it may sit elsewhere when the text repeats)
    assert.ok(oldEnd - a <= Math.min(del, base.length - p) && newEnd - a <= ins.length, `minimal: ${a} ${oldEnd} ${newEnd} for ${p} -${del} +${ins.length}`);
  }
});

test('window boundaries: a multi-word name may run across a blank line, a full stop may not', () => {
  const db = engine().db;
  const t = 'Thalidomide\n\nCelgene. Done.\n\nNext';
  assert.equal(safeBoundary(db, t, t.indexOf('Celgene')), false);
  assert.equal(safeBoundary(db, t, t.indexOf('Next')), true);
});

test('updateInSteps: a large document fed in line-aligned chunks gives lint()\'s result, yielding between chunks', () => {
  const e = engine();
  const claims = claimExamples(e);
  const rnd = mulberry32(8080);
  let yields = 0;
  for (let d = 0; d < 12; d++) {
    const languageId = d % 3 === 2 ? 'plaintext' : 'markdown';
    const text = languageId === 'plaintext' ? plainDoc(rnd, claims, 40) : markdownDoc(rnd, claims, 40);
    for (const maxFindings of [undefined, 6]) {
      const limit = maxFindings !== undefined ? { maxFindings } : {};
      const doc = new TextDocument('file:///big', text, 1, languageId);
      const session = new LintSession();
      const steps = session.updateInSteps(doc, { engine: e, languageId, ...limit }, 300);
      let r = steps.next();
      let n = 0;
      while (!r.done) {
        n++;
        // a hover in the middle asks for the whole document: the steps then finish at once
        if (d % 4 === 1 && n === 2) session.update(doc, { engine: e, languageId, ...limit });
        r = steps.next();
      }
      yields += n;
      const want = lint(new TextDocument('file:///big', text, 1, languageId), { engine: e, languageId, ...limit });
      assert.deepEqual(snapshot(r.value), snapshot(want), `doc ${d} (${languageId}, limit ${maxFindings}): ${n} steps`);
      // typing after the stepped lint is incremental, as after update()
      if (maxFindings === undefined) {
        const edited = `${text.slice(0, text.length >> 1)}x${text.slice(text.length >> 1)}`;
        const got = session.update(new TextDocument('file:///big', edited, 2, languageId), { engine: e, languageId });
        assert.deepEqual(snapshot(got), snapshot(lint(new TextDocument('file:///big', edited, 2, languageId), { engine: e, languageId })));
      }
    }
  }
  assert.ok(yields > 50, `${yields} yields`);
});

test('updateInSteps: a small document and an edit are done in one step; a large LaTeX document is checked in steps too', () => {
  const e = engine();
  const big = 'Lenalidomide is given with dexamethasone.\n\n'.repeat(50);
  const once = (session: LintSession, text: string, languageId: string) => {
    const steps = session.updateInSteps(new TextDocument('file:///x', text, 1, languageId), { engine: e, languageId }, 300);
    let n = 0;
    let r = steps.next();
    while (!r.done) {
      n++;
      r = steps.next();
    }
    assert.deepEqual(snapshot(r.value), snapshot(lint(new TextDocument('file:///x', text, 1, languageId), { engine: e, languageId })));
    return n;
  };
  const tex = `\\documentclass{article}\n\\begin{document}\n${big}\\end{document}\n`;
  assert.ok(once(new LintSession(), tex, 'latex') > 3, 'LaTeX in steps');
  assert.equal(once(new LintSession(), big.slice(0, 200), 'markdown'), 0);
  const s = new LintSession();
  assert.ok(once(s, big, 'markdown') > 3);
  assert.equal(once(s, `X${big}`, 'markdown'), 0, 'an edit re-checks its paragraph at once');
  assert.equal(s.lastUpdate.mode, 'incremental');
  // a code fence that hid the rest is closed: the window runs to the end, longer than a step: in steps too
  const paras = Array.from({ length: 60 }, (_, i) => `Para ${i} mentions lenolidomide.`).join('\n\n');
  const fenced = `${paras.slice(0, paras.indexOf('Para 10 '))}\`\`\`\n${paras.slice(paras.indexOf('Para 10 '))}`;
  const closed = `${fenced.slice(0, fenced.indexOf('Para 12 '))}\`\`\`\n\n${fenced.slice(fenced.indexOf('Para 12 '))}`;
  const f = new LintSession();
  once(f, fenced, 'markdown');
  assert.ok(once(f, closed, 'markdown') > 3, 'a long window in steps');
  assert.equal(f.lastUpdate.mode, 'incremental');
  assert.equal(f.lastUpdate.window?.[1], closed.length);
  // a LaTeX edit cannot be re-checked incrementally: it is a full check, in steps again
  const t = new LintSession();
  once(t, tex, 'latex');
  assert.ok(once(t, tex.replace('given', 'given daily'), 'latex') > 3);
  assert.equal(t.lastUpdate.mode, 'full');
  assert.ok((t.lastUpdate.windows ?? 0) > 3);
});

function latexDoc(rnd: Rnd, claims: string[], blocks: number): string {
  const tex = (s: string) => s.replace(/\[@(\w+)\]/g, '\\cite{$1}').replace(/@(\w+)/g, '\\citet{$1}').replace(/<!--(.*?)-->/g, '% $1\n').replace(/`([^`]*)`/g, '\\texttt{$1}');
  const parts: string[] = ['\\documentclass{article}', '\\usepackage{amsmath}', '\\bibliography{refs}', '\\begin{document}'];
  for (let i = 0; i < blocks; i++) {
    const r = rnd();
    if (r < 0.4) parts.push(tex(paragraph(rnd, claims)));
    else if (r < 0.5) parts.push(`\\section{${pick(rnd, ['Lenalidomide', 'Methods', 'Apremilast is an IMiD', 'Results'])}}`);
    else if (r < 0.58) parts.push(`\\begin{itemize}\n\\item ${tex(pick(rnd, SENTENCES))}\n\\item ${pick(rnd, claims)}\n\\end{itemize}`);
    else if (r < 0.63) parts.push(`\\begin{verbatim}\nlenalidomide = ${Math.floor(rnd() * 9)}\n\\end{verbatim}`);
    else if (r < 0.68) parts.push(`\\begin{quote}\n${pick(rnd, claims)}\n\\end{quote}`);
    else if (r < 0.73) parts.push(`\\begin{equation}\nCC-5013 + ${Math.floor(rnd() * 9)}\n\\end{equation}`);
    else if (r < 0.78) parts.push(pick(rnd, ['% imid-lens-disable-next-line', '% imid-lens-disable misspelled-name', '% imid-lens-enable', '% imid-lens-disable-line no-such-rule']) + '\n' + tex(paragraph(rnd, claims)));
    else if (r < 0.83) parts.push(`\\emph{${pick(rnd, claims)}} and \`\`${pick(rnd, SENTENCES)}'' with $x = ${Math.floor(rnd() * 9)}$.`);
    else if (r < 0.87) parts.push(`\\footnote{${tex(pick(rnd, SENTENCES))}}`);
    else parts.push(tex(paragraph(rnd, claims)) + ` \\cite{${pick(rnd, ['kronke2014', 'kronke2041', 'ito2010', 'nosuchkey99'])}}`);
  }
  parts.push('\\end{document}');
  return parts.join(pick(rnd, ['\n\n', '\n\n', '\n']));
}

const FILLER = ['the', 'patients', 'were', 'followed', 'for', 'many', 'months', 'while', 'data', 'accrued', 'in', 'every', 'cohort', 'and', 'site', '\u{1F600}', 'caf\u00e9', 'na\u00efve', 'so-called'];

/** One line of tens of thousands of characters: sentences glued together, or one "sentence" without a full stop, with names here and there. */
function longLine(rnd: Rnd, claims: string[], length: number): string {
  const out: string[] = [];
  let n = 0;
  const punctuated = rnd() < 0.5;
  // names every dozen words, or (without full stops) a few hundred words apart: room to split between them
  const density = punctuated ? 0.04 : 0.003;
  while (n < length) {
    const r = rnd();
    const piece = r < density ? pick(rnd, claims) : r < 2 * density ? pick(rnd, ['lenalidomide', 'Revlimid', 'CC-5013', 'pomalidamide', 'Thalidomide Celgene', 'apremilast']) : r < 0.1 && punctuated ? pick(rnd, SENTENCES) : pick(rnd, FILLER);
    out.push(piece);
    n += piece.length + 1;
  }
  return out.join(' ');
}

test('updateInSteps: the first check in steps equals lint() in every language, long lines too, and so do the edits after it', () => {
  const e = engine();
  const claims = claimExamples(e);
  const rnd = mulberry32(31337);
  let windows = 0;
  let longSplits = 0;
  let inSentence = 0;
  for (let d = 0; d < 18; d++) {
    const languageId = pick(rnd, ['markdown', 'plaintext', 'latex']);
    const blocks = languageId === 'latex' ? latexDoc(rnd, claims, 30) : languageId === 'plaintext' ? plainDoc(rnd, claims, 30) : markdownDoc(rnd, claims, 30);
    // long lines (a generated table row, a pasted abstract without line breaks) between the paragraphs
    const line = longLine(rnd, claims, 6000 + Math.floor(rnd() * 20000));
    const cut = blocks.indexOf('\n\n', blocks.length >> 1);
    let text = d % 3 === 0 ? line : `${blocks.slice(0, cut + 2)}${line}\n\n${blocks.slice(cut + 2)}`;
    const session = new LintSession();
    for (let k = 0; k <= 4; k++) {
      if (k > 0) text = randomEdit(rnd, text, claims);
      const maxFindings = k === 2 ? 5 : undefined;
      const opts = { engine: e, languageId, ...(maxFindings !== undefined ? { maxFindings } : {}) };
      const doc = new TextDocument('file:///long', text, k + 1, languageId);
      const steps = session.updateInSteps(doc, opts, 1000 + Math.floor(rnd() * 3000));
      let r = steps.next();
      while (!r.done) r = steps.next();
      const want = lint(new TextDocument('file:///long', text, k + 1, languageId), opts);
      assert.deepEqual(snapshot(r.value), snapshot(want), `doc ${d} (${languageId}) edit ${k}: ${JSON.stringify(session.lastUpdate)}`);
      windows += session.lastUpdate.windows ?? 0;
    }
    // the long line itself is split: windows end inside it, never inside a word or a surrogate pair
    const prose = lint(new TextDocument('file:///long', line, 1, 'plaintext'), { engine: e, languageId: 'plaintext' }).prose;
    assert.ok(prose);
    const sentences = new SentenceIndex(prose);
    for (let from = 0; from < line.length; ) {
      const to = stepEnd(prose, e.db, sentences, from, from + 2000);
      assert.ok(to > from);
      if (to < line.length) {
        longSplits++;
        const around = sentences.around(to);
        if (around.start < to && around.end - around.start > 2000) inSentence++;
        const c = line.charCodeAt(to);
        assert.ok(!(c >= 0xdc00 && c <= 0xdfff), 'not inside a surrogate pair');
        assert.ok(!/[\p{L}\p{N}]/u.test(line[to - 1]) || !/[\p{L}\p{N}]/u.test(line[to]), `not inside a word: ${JSON.stringify(line.slice(to - 10, to + 10))}`);
      }
      from = to;
    }
  }
  assert.ok(windows > 100, `${windows} windows`);
  assert.ok(longSplits > 20, `${longSplits} splits inside long lines`);
  assert.ok(inSentence > 10, `${inSentence} splits inside sentences longer than 2,000 characters`);
});
