// Every finding of the engine on a fixed set of inputs, one JSON line per input: the invariant of
// speed work ("make it faster without changing what is found"). Run through test/bench/dump-findings.mjs.
//   node findings.js <root> <out.jsonl> [--no-10mb]
import fs from 'node:fs';
import path from 'node:path';
import { type Engine, type LintResult, LintSession, TextDocument, bundledData, createEngine, lint, parseConfig } from '../../../src/core/index';
import { FRAME_RULES } from '../../../src/core/frames/index';

const [root, outFile] = process.argv.slice(2);
const lines: string[] = [];
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));

/** A fixed "today" so that a run tomorrow gives the same dump (findings depend on the date). */
const TODAY = Date.UTC(2026, 11, 1);
const engines = new Map<string, Engine>();
const engineAt = (date?: string, data = bundledData, key = 'all'): Engine => {
  const k = `${key}|${date ?? ''}`;
  let e = engines.get(k);
  if (!e) engines.set(k, (e = createEngine({ data, asOf: date ? Date.parse(date) : TODAY })));
  return e;
};
const noRules = { ...bundledData, claims: [], claimFiles: [] };

function emit(src: string, id: string, r: LintResult): void {
  lines.push(JSON.stringify({ src, id, findings: r.findings, suppressed: r.suppressed.map((s) => ({ finding: s.finding, directive: s.directive })), truncated: r.truncated ?? false, mentions: r.mentions.length }));
}
const lintWith = (e: Engine, text: string, lang: string, extra: { maxFindings?: number } = {}) => lint(new TextDocument('file:///dump.md', text, 1, lang), { engine: e, languageId: lang, ...extra });

// 1. sentence corpora (test/eval/evaluate.ts: one document per entry)
for (const name of ['corpus', 'blind']) {
  const c = read(`test/fixtures/claims/${name}.json`);
  for (const e of c.sentences) emit(name, e.id, lintWith(engineAt(), e.text, e.lang ?? 'markdown'));
}
// 2. passage corpora (test/eval/passages.ts: parts joined by their separators, the passage's date)
for (const name of ['real', 'real2']) {
  const c = read(`test/fixtures/claims/${name}.json`);
  for (const p of c.passages) {
    let text = '';
    for (const part of p.parts) text += part.text + (part.sep ?? ' ');
    emit(name, p.id, lintWith(engineAt(p.date), text, p.lang ?? 'markdown'));
    emit(`${name}:frames-only`, p.id, lintWith(engineAt(p.date, noRules, 'frames'), text, p.lang ?? 'markdown'));
  }
}
// 2b. the passages without --as-of: the document's own date (front matter, \date) or "today" (a fixed clock)
{
  const e = createEngine({ data: bundledData, clock: () => TODAY });
  for (const name of ['real', 'real2']) {
    const c = read(`test/fixtures/claims/${name}.json`);
    for (const p of c.passages) {
      let text = '';
      for (const part of p.parts) text += part.text + (part.sep ?? ' ');
      const latex = p.lang === 'latex';
      if (p.date) text = latex ? `\\date{${p.date}}\n${text}` : `---\ndate: ${p.date}\n---\n\n${text}`;
      emit(`${name}:clock`, p.id, lintWith(e, text, latex ? 'latex' : 'markdown'));
    }
  }
}
// 3. the rules' own examples (as the unit tests lint them: plaintext) and the frames' examples
for (const file of bundledData.claims) {
  for (const rule of file.rules) {
    rule.examples.invalid.forEach((x, i) => emit('rule-example', `${rule.id}/invalid/${i}`, lintWith(engineAt(), x.text, 'plaintext')));
    rule.examples.valid.forEach((x, i) => emit('rule-example', `${rule.id}/valid/${i}`, lintWith(engineAt(), x, 'plaintext')));
  }
}
for (const rule of FRAME_RULES) {
  rule.examples.invalid.forEach((x, i) => {
    emit('frame-example', `${rule.id}/invalid/${i}`, lintWith(engineAt(), x, 'markdown'));
    emit('frame-example:frames-only', `${rule.id}/invalid/${i}`, lintWith(engineAt(undefined, noRules, 'frames'), x, 'markdown'));
  });
  rule.examples.valid.forEach((x, i) => {
    emit('frame-example', `${rule.id}/valid/${i}`, lintWith(engineAt(), x, 'markdown'));
    emit('frame-example:frames-only', `${rule.id}/valid/${i}`, lintWith(engineAt(undefined, noRules, 'frames'), x, 'markdown'));
  });
}
// 4. a configuration that switches bundled rules off (their sentences silence the frames) and adds a user rule
{
  const cfg = parseConfig(JSON.stringify({
    rules: { 'apremilast-not-imid': 'off', 'celgene-current-maker': 'off', 'imid-mechanism-unknown': 'off', 'pomalidomide-former-name': 'off' },
    claims: [{ id: 'user-rule', message: 'A user rule fired here.', subject: ['lenalidomide'], patterns: ['{subject} is (?:a|an) (?:new|novel) (?:drug|agent)'] }],
  }), '.imid-lens.json');
  const e = createEngine({ data: bundledData, config: cfg, asOf: TODAY });
  const c = read('test/fixtures/claims/corpus.json');
  for (const x of c.sentences) emit('config', x.id, lintWith(e, x.text, x.lang ?? 'markdown'));
  const r = read('test/fixtures/claims/real.json');
  for (const p of r.passages) emit('config:real', p.id, lintWith(e, p.parts.map((q: { text: string; sep?: string }) => q.text + (q.sep ?? ' ')).join(''), p.lang ?? 'markdown'));
  lines.push(JSON.stringify({ src: 'config:problems', problems: e.configProblems }));
  const doc = [
    'Lenalidomide is a novel agent. Celgene markets Revlimid. Apremilast is an IMiD.',
    '<!-- imid-lens-disable-next-line -- kept as quoted -->',
    'Celgene markets Revlimid, and thalidomide inhibits cereblon.',
    '<!-- imid-lens-disable -->',
    'Pomalidomide is a CELMoD. Lenalidomide (CC-5013) is an IMiD compound. Revlimid tablets.',
    '<!-- imid-lens-enable -->',
    'Actimid is sold by Celgene. <!-- imid-lens-disable-line no-such-rule -->',
  ].join('\n');
  emit('config:doc', 'directives', lintWith(e, doc, 'markdown'));
  emit('doc', 'directives', lintWith(engineAt(), doc, 'markdown'));
}
// 5. the bench corpora: whole lint, a limited lint, and the editor's stepped first check
const sizes = process.argv.includes('--no-10mb') ? ['100kb', '1mb'] : ['100kb', '1mb', '10mb'];
for (const size of sizes) {
  const f = path.join(root, 'test/bench/corpus', `corpus-${size}.md`);
  if (!fs.existsSync(f)) throw new Error(`${f} missing: run node test/bench/gen-corpus.mjs`);
  const text = fs.readFileSync(f, 'utf8');
  emit('bench', size, lintWith(engineAt(), text, 'markdown'));
  if (size !== '10mb') {
    emit('bench:max100', size, lintWith(engineAt(), text, 'markdown', { maxFindings: 100 }));
    const steps = new LintSession().updateInSteps(new TextDocument('file:///dump.md', text, 1, 'markdown'), { engine: engineAt(), languageId: 'markdown' });
    let r = steps.next();
    while (!r.done) r = steps.next();
    emit('bench:steps', size, r.value);
  }
}
fs.writeFileSync(outFile, lines.join('\n') + '\n');
console.error(`dump: ${lines.length} lines → ${outFile}`);
