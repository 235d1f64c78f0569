// Documents that must not break the CLI (and so not the engine the editor shares): a 10 MB
// Markdown file, a 5 MB single line, binary junk, deeply nested Markdown and LaTeX, 50,000
// citation keys. Each ends with exit 0/1 and parseable output, or exit 2 and a clear message.
// No timing assertions here: speed is measured by `npm run bench`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { run } from '../../src/cli/run';

// every folder a test creates is removed when the file's tests are done
const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function dirWith(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imid-stress-'));
  dirs.push(dir);
  for (const [n, c] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), c);
  return dir;
}

async function lintJson(dir: string, files: string[], extra: string[] = []): Promise<{ code: number; rows: Array<{ file: string; ruleId: string }>; err: string }> {
  let out = '';
  let err = '';
  const code = await run({ argv: ['lint', '--format', 'json', ...extra, ...files], io: { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: dir } });
  return { code, rows: out ? JSON.parse(out) : [], err };
}

// A deterministic PRNG so failures replay.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('a 10 MB Markdown manuscript', async () => {
  const para = [
    '## Results', '',
    'Lenalidomide (Revlimid) and dexamethasone were given [@kronke2014]. Apremilast is an IMiD in this draft.',
    'The `CC-5013` code and https://example.org/CC-5013 are not prose; CC-5013 in prose is outdated.', '',
    '```r', 'x <- "lenolidomide"', '```', '',
    '- item with pomalidamide', '> quoted: apremilast is an IMiD', '',
  ].join('\n');
  const text = para.repeat(Math.ceil(10e6 / para.length));
  const r = await lintJson(dirWith({ 'big.md': text }), ['big.md']);
  assert.equal(r.code, 0);
  const per = 10e6 / para.length;
  assert.ok(r.rows.length >= 2 * per * 0.99, `${r.rows.length} findings`);
  assert.ok(!r.rows.some((x) => x.ruleId === 'internal-error'));
});

test('a 5 MB single line without a full stop', async () => {
  const chunk = 'lenolidomide and apremilast is an IMiD, and CC-5013, ';
  const r = await lintJson(dirWith({ 'line.txt': chunk.repeat(Math.ceil(5e6 / chunk.length)) }), ['line.txt']);
  assert.equal(r.code, 0);
  assert.ok(r.rows.length > 1000);
});

test('binary junk: skipped with a message when it has NUL bytes, linted as text otherwise', async () => {
  const rnd = prng(42);
  const junk = Buffer.from(Array.from({ length: 1e6 }, () => Math.floor(rnd() * 256)));
  const noNul = Buffer.from(Array.from({ length: 1e6 }, () => 1 + Math.floor(rnd() * 255)));
  const r = await lintJson(dirWith({ 'junk.bin': junk, 'junk.txt': noNul }), ['junk.bin', 'junk.txt']);
  assert.equal(r.code, 0);
  assert.match(r.err, /junk\.bin: binary file/);
  assert.match(r.err, /junk\.txt: not valid UTF-8/);
});

test('deeply nested Markdown (block quotes, lists, emphasis, brackets)', async () => {
  const depth = 20000;
  const quotes = `${'> '.repeat(depth)}apremilast is an IMiD\n\n`;
  const lists = Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i % 200)}- lenolidomide ${i}`).join('\n');
  const brackets = `${'['.repeat(depth)}Revlimid${']'.repeat(depth)}(${'('.repeat(depth)})\n`;
  const emph = `${'*'.repeat(depth)}pomalidamide${'*'.repeat(depth)}\n`;
  const backticks = `${'`'.repeat(depth)} x\n`;
  const r = await lintJson(dirWith({ 'nested.md': quotes + lists + '\n\n' + brackets + emph + backticks }), ['nested.md']);
  assert.equal(r.code, 0);
  assert.ok(r.rows.some((x) => x.ruleId === 'misspelled-name'));
});

test('deeply nested LaTeX (braces, environments, unclosed groups)', async () => {
  const depth = 20000;
  const body = [
    '\\begin{document}',
    `${'{'.repeat(depth)}lenolidomide${'}'.repeat(depth)}`,
    `${'\\begin{itemize}\\item '.repeat(2000)}apremilast is an IMiD${'\\end{itemize}'.repeat(2000)}`,
    `\\textbf{${'\\emph{'.repeat(depth)}Revlimid`,
    '\\cite{' + 'a,'.repeat(depth),
    '$ unclosed math CC-5013',
    '\\end{document}',
  ].join('\n');
  const r = await lintJson(dirWith({ 'nested.tex': body }), ['nested.tex']);
  assert.equal(r.code, 0);
  assert.ok(r.rows.some((x) => x.ruleId === 'misspelled-name'));
});

test('50,000 citation keys', async () => {
  const keys = Array.from({ length: 50000 }, (_, i) => `[@key${i}; @kronke2014]`).join(' lenalidomide was given. ');
  const r = await lintJson(dirWith({ 'cites.md': keys }), ['cites.md']);
  assert.ok(r.code === 0 || r.code === 1);
  assert.ok(Array.isArray(r.rows));
});
