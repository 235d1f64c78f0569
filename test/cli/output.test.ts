// What a person reads from the CLI: excerpts under stylish findings, the --fix summary,
// readable rules, help for every command, explain rendered for a terminal, --max-problems.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { HELP, USAGE } from '../../src/cli/args';
import { excerpt } from '../../src/cli/formatters/excerpt';
import { applyLexicalFixes } from '../../src/cli/run';
import { renderInline, renderMarkdown } from '../../src/cli/terminal';
import { bundledEngine, fixText } from '../../src/core/index';
import { CLI, cli, tempFolders } from './helpers';

const tmpdir = tempFolders('imid-cli-out-');

/** The excerpt and caret lines printed under the finding whose line starts with `pos`. */
function excerptUnder(out: string, pos: string): [string, string] {
  const lines = out.split('\n');
  const i = lines.findIndex((l) => l.trimStart().startsWith(`${pos} `));
  assert.ok(i >= 0, `a finding at ${pos} in:\n${out}`);
  return [lines[i + 1], lines[i + 2]];
}

/** The text above the carets. */
function underlined([line, caret]: [string, string]): string {
  const start = caret.indexOf('^');
  return [...line].slice(start, caret.lastIndexOf('^') + 1).join('');
}

describe('stylish: an excerpt with a caret under each finding', () => {
  test('the flagged words are underlined on their line', async () => {
    const dir = tmpdir({ 'a.md': 'Text.\nApremilast is an IMiD. And lenolidomide.\n' });
    const r = await cli(['lint', 'a.md'], dir);
    assert.equal(r.code, 0, r.err);
    const ex = excerptUnder(r.out, '2:28');
    assert.equal(ex[0], '    | Apremilast is an IMiD. And lenolidomide.');
    assert.equal(ex[1], '    |                            ^^^^^^^^^^^^');
    assert.equal(underlined(ex), 'lenolidomide');
    assert.equal(underlined(excerptUnder(r.out, '2:1')), 'Apremilast is an IMiD');
  });

  test('a long line is windowed around the finding, with … at both ends', async () => {
    const text = `${'word '.repeat(300)}and apremilast is an IMiD, they said. ${'more '.repeat(300)}\n`;
    const dir = tmpdir({ 'long.md': text });
    const r = await cli(['lint', 'long.md'], dir, { columns: 80 });
    const ex = excerptUnder(r.out, `1:${text.indexOf('apremilast') + 1}`);
    assert.ok(ex[0].length <= 80, ex[0]);
    assert.match(ex[0], /^ {4}\| …word .* more…$/);
    assert.equal(underlined(ex), 'apremilast is an IMiD');
  });

  test('tabs, wide characters and a BOM keep the caret under the word', async () => {
    const dir = tmpdir({ 'a.md': '\ufeffSome\ttext\tlenolidomide here\n日本語の文 lenolidomide です\nµ-dose CC-5013 given.\n' });
    const r = await cli(['lint', 'a.md'], dir);
    // the column counts UTF-16 code units as editors do; the caret counts terminal columns
    assert.equal(underlined(excerptUnder(r.out, '1:11')), 'lenolidomide');
    const wide = excerptUnder(r.out, '2:7');
    assert.equal(wide[1].indexOf('^') - '    | '.length, 11, 'five wide characters and a space are 11 columns');
    assert.equal(underlined(excerptUnder(r.out, '3:8')), 'CC-5013');
    assert.doesNotMatch(r.out, /\t/, 'tabs are shown as spaces');
  });

  test('excerpt(): windowing, surrogate pairs, control characters, findings beyond the line', () => {
    // an astral character before the finding: two UTF-16 units, one column
    const t = 'x 😀 lenolidomide y';
    const ex = excerpt(t, 0, t.indexOf('len'), t.indexOf('len') + 12, 80);
    assert.equal(ex.line, t);
    assert.equal(ex.caret, `${' '.repeat(5)}${'^'.repeat(12)}`);
    // an escape character in the document never reaches the terminal
    const esc = 'a\u001b[31mred lenolidomide';
    assert.doesNotMatch(excerpt(esc, 0, esc.indexOf('len'), esc.length, 80).line, /\u001b/);
    // a finding that runs onto the next line is underlined to the end of its first line
    const two = 'The mechanism of IMiDs\nremains unknown.';
    assert.deepEqual(excerpt(two, 0, 4, two.length, 80), { line: 'The mechanism of IMiDs', caret: `    ${'^'.repeat(18)}` });
    // a zero-length finding gets one caret
    assert.equal(excerpt('abc', 0, 3, 3, 80).caret, '   ^');
    // a finding wider than the window is cut, and says so
    const wide = `${'a'.repeat(30)} ${'b'.repeat(200)} c`;
    const cut = excerpt(wide, 0, 31, 231, 60);
    assert.ok(cut.line.endsWith('…'), cut.line);
    assert.ok(cut.caret.length <= 62, String(cut.caret.length));
    // a 5 MB line costs what a short one does
    const big = 'lorem ipsum '.repeat(450_000);
    const t0 = performance.now();
    for (let k = 0; k < 2000; k++) excerpt(big, 0, 2_500_000, 2_500_005, 100);
    assert.ok(performance.now() - t0 < 2000, 'bounded by the window');
  });

  test('bibliography problems get an excerpt from the .bib file', async () => {
    const dir = tmpdir({ 'a.md': 'See [@a].\n', 'refs.bib': '@article{a, title={One}}\n@article{a, title={Two}}\n' });
    const r = await cli(['lint', '--bib', 'refs.bib', 'a.md'], dir);
    assert.match(r.out, /refs\.bib\n {2}2:\d+ .*\n {4}\| @article\{a, title=\{Two\}\}\n {4}\| +\^+/);
  });
});

describe('lint --fix: what it changed', () => {
  test('per file: the number of fixes and the rules, on stdout before the findings', async () => {
    const dir = tmpdir({ 'a.md': 'The lenolidomide arm. CC-5013 was given. Thalidamide too.\n', 'b.md': 'Nothing to fix.\n', 'c.md': 'pomalidamide\n' });
    const r = await cli(['lint', '--fix', 'a.md', 'b.md', 'c.md'], dir);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    assert.equal(lines[0], 'a.md: 3 fixes applied (2 misspelled-name, 1 lenalidomide-research-code)');
    assert.equal(lines[1], 'c.md: 1 fix applied (1 misspelled-name)');
    assert.equal(lines[2], '--fix: 4 fixes applied in 2 files');
    assert.doesNotMatch(r.out, /b\.md/);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), 'The lenalidomide arm. Lenalidomide was given. Thalidomide too.\n');
  });

  test('nothing to fix says so; json output stays clean (the summary goes to stderr)', async () => {
    const dir = tmpdir({ 'a.md': 'Apremilast is an IMiD.\n', 'b.md': 'lenolidomide\n' });
    const none = await cli(['lint', '--fix', 'a.md'], dir);
    assert.match(none.out, /^--fix: nothing to fix/);
    const js = await cli(['lint', '--fix', '--format', 'json', 'b.md'], dir);
    assert.deepEqual(JSON.parse(js.out), []);
    assert.equal(js.err, 'b.md: 1 fix applied (1 misspelled-name)\n');
  });

  test('the fixed text is the core fixText() result (same passes, same edits)', () => {
    const engine = bundledEngine();
    for (const t of ['The lenolidomide arm. CC-5013 was given.\r\n', 'Actimid and CC-4047 and pomalidamide; RevAssist.\n', 'Patients on lenolidomide. '.repeat(50)]) {
      assert.equal(applyLexicalFixes(t, 'markdown', engine).text, fixText(t, 'markdown', engine).text);
    }
  });
});

describe('lint --max-problems', () => {
  const text = 'Patients on lenolidomide did well. '.repeat(20);

  test('stops after n problems per file with a note naming the option', async () => {
    const dir = tmpdir({ 'a.md': text, 'b.md': text });
    const r = await cli(['lint', '--format', 'json', '--max-problems', '3', 'a.md', 'b.md'], dir);
    const rows = JSON.parse(r.out) as Array<{ file: string; ruleId: string; message: string }>;
    for (const f of ['a.md', 'b.md']) {
      const mine = rows.filter((x) => x.file === f);
      assert.deepEqual(mine.map((x) => x.ruleId), ['misspelled-name', 'misspelled-name', 'misspelled-name', 'too-many-problems']);
      assert.match(mine[3].message, /after 3 problems \(--max-problems 3\)/);
    }
  });

  test('default: no limit; bad values are usage errors', async () => {
    const dir = tmpdir({ 'a.md': text });
    const rows = JSON.parse((await cli(['lint', '--format', 'json', 'a.md'], dir)).out) as unknown[];
    assert.equal(rows.length, 20);
    for (const v of ['0', '-1', 'x', '1.5']) {
      const r = await cli(['lint', '--max-problems', v, 'a.md'], dir);
      assert.equal(r.code, 2, v);
      assert.match(r.err, /--max-problems needs a whole number >= 1/);
    }
    assert.equal(JSON.parse((await cli(['lint', '--format=json', '--max-problems=1', 'a.md'], dir)).out).length, 2);
  });
});

describe('rules: readable', () => {
  test('no raw {templates}; name rules show a filled example and their names', async () => {
    const r = await cli(['rules']);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.out, /\{\w+\}/);
    assert.match(r.out, /\n {2}lenalidomide-research-code {2}warning\n {4}CC-5013 is the research code of lenalidomide; use the INN "lenalidomide"\.\n/);
    assert.match(r.out, /Names: CC-220\u00a0→\u00a0iberdomide, CC-92480\u00a0→\u00a0mezigdomide/);
    // grouped by family, every line fits 80 columns
    assert.match(r.out, /\noutdated-names\n/);
    for (const l of r.out.split('\n')) assert.ok(l.length <= 80, l);
  });

  test('--format markdown is a table; json keeps the raw templates for tools', async () => {
    const md = await cli(['rules', '--format', 'markdown']);
    assert.match(md.out, /^\| Rule \| Severity \| Family \| Message \|\n\|---\|/);
    assert.match(md.out, /\| `celmod-research-code` \| information \| outdated-names \| CC-220 is a research code; use the INN "iberdomide"\. Names: /);
    const js = JSON.parse((await cli(['rules', '--format', 'json'])).out) as Array<{ id: string; message: string }>;
    assert.match(js.find((x) => x.id === 'celmod-research-code')!.message, /\{name\}/);
  });
});

describe('--help for every command', () => {
  test('<command> --help and help <command> print that command\'s help, exit 0', async () => {
    for (const cmd of ['lint', 'explain', 'rules'] as const) {
      for (const argv of [[cmd, '--help'], [cmd, '-h'], ['help', cmd]]) {
        const r = await cli(argv);
        assert.equal(r.code, 0, argv.join(' '));
        assert.equal(r.out, `${HELP[cmd]}\n`, argv.join(' '));
        assert.ok(r.out.startsWith(`Usage: imid-lens ${cmd}`));
      }
    }
    // help wins over other arguments, even invalid ones
    assert.equal((await cli(['lint', 'a.md', '--bogus', '--help'])).out, `${HELP.lint}\n`);
    assert.equal((await cli(['explain', 'CC-5013', '--help'])).out, `${HELP.explain}\n`);
    assert.doesNotMatch((await cli(['rules', '--help'])).out, /lenalidomide-research-code/, 'rules --help is not the rules');
  });

  test('top-level help lists the commands; a usage error shows the command\'s usage', async () => {
    for (const argv of [[], ['--help'], ['help']]) assert.equal((await cli(argv)).out, `${USAGE}\n`);
    const r = await cli(['rules', '--bogus']);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown option --bogus for rules\n\nUsage: imid-lens rules .*\nRun "imid-lens rules --help"/);
    assert.equal((await cli(['help', 'nonsense'])).code, 2);
    assert.equal((await cli(['rules', 'extra'])).code, 2);
  });

  test('every option in the lint help is one the parser accepts', async () => {
    const dir = tmpdir({ 'a.md': 'x\n', 'r.bib': '', 'c.json': '{}' });
    const values: Record<string, string> = { '--format': 'json', '--config': 'c.json', '--bib': 'r.bib', '--language': 'markdown', '--max-warnings': '1', '--max-problems': '1', '--as-of': '2020-01-01' };
    for (const [, opt] of HELP.lint.matchAll(/^ {2}(--[a-z-]+)/gm)) {
      const r = await cli(['lint', opt, ...(values[opt] ? [values[opt]] : []), 'a.md'], dir);
      assert.notEqual(r.code, 2, `${opt}: ${r.err}`);
    }
  });
});

describe('explain: for a terminal by default, Markdown on request', () => {
  test('no raw Markdown: no **, no pipe tables, no escapes; the table is aligned', async () => {
    const r = await cli(['explain', 'Pomalyst'], os.tmpdir(), { columns: 100 });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^pomalidomide · drug\n-+\n\nPomalyst is a brand of pomalidomide/);
    assert.doesNotMatch(r.out, /\*\*|\|---|^\||\\\[|`/m);
    assert.match(r.out, /\nBoxed warning: Embryo-fetal toxicity/);
    const lines = r.out.split('\n');
    const head = lines.findIndex((l) => /^Agency +Date +Indication$/.test(l));
    assert.ok(head > 0, r.out);
    assert.match(lines[head + 1], /^-{6} {2}-{10} {2}-+$/);
    const col = lines[head].indexOf('Indication');
    const rows = lines.slice(head + 2).filter((l) => /^(FDA|EMA) /.test(l));
    assert.ok(rows.length >= 3);
    for (const row of rows) assert.match(row.slice(col), /^\S/, `aligned: ${row}`);
    // links become addresses; references stay numbered
    assert.match(r.out, /\n1\. .*\n/);
    assert.match(r.out, /https:\/\/doi\.org\/10\.1126\/science\.1244917/);
    assert.doesNotMatch(r.out, /\]\(http/);
    for (const l of lines) assert.ok(l.length <= 100 || /https?:\/\/\S{40,}/.test(l), `wrapped: ${l}`);
    assert.match(r.out, /\nAs of \d{4}-\d\d-\d\d\n$/);
  });

  test('--format markdown prints the raw card', async () => {
    const r = await cli(['explain', 'Pomalyst', '--format', 'markdown']);
    assert.match(r.out, /^### pomalidomide · drug\n/);
    assert.match(r.out, /\*\*Boxed warning:\*\*/);
    assert.match(r.out, /\n\| Agency \| Date \| Indication \|/);
  });

  test('every card in the database renders without Markdown left over', async () => {
    const engine = bundledEngine();
    for (const term of engine.db.terms.values()) {
      const r = await cli(['explain', term.preferredName]);
      assert.equal(r.code, 0, `${term.preferredName}: ${r.err}`);
      assert.doesNotMatch(r.out, /\*\*|^\|.*\|$|\\[[\]*_`#|<>]|\]\(/m, term.preferredName);
    }
  });

  test('renderInline / renderMarkdown: escapes, emphasis, code, links, lists, hard breaks, color', () => {
    assert.equal(renderInline('**A** \\[x\\] *b* `k` snake_case_name'), 'A [x] b k snake_case_name');
    assert.equal(renderInline('[doi:10.1/x](https://doi.org/10.1/x) · [PMID 123456](https://pubmed.ncbi.nlm.nih.gov/123456/)'), 'https://doi.org/10.1/x · https://pubmed.ncbi.nlm.nih.gov/123456/');
    assert.equal(renderInline('[the label](https://example.org/a_(b))'), 'the label (https://example.org/a_(b))');
    assert.equal(renderInline('**bold**', true), '\u001b[1mbold\u001b[22m');
    assert.equal(
      renderMarkdown('**A:** one  \n**B:** two\n\n1. first item that is long enough to wrap around the width\n2. second', { width: 40 }),
      'A: one\nB: two\n\n1. first item that is long enough to\n   wrap around the width\n2. second',
    );
  });
});

describe('as a process', () => {
  test('a reader that stops early (| head) is not an error', () => {
    assert.ok(fs.existsSync(CLI), `${CLI} exists (npm run build)`);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" rules | head -1; echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    assert.match(r.stdout, /rules in \d+ families/);
    assert.match(r.stdout, /status 0/);
    assert.doesNotMatch(r.stderr, /EPIPE/);
  });
});
