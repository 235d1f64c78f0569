// The CLI, in-process through run({argv, io}) and spawned as `node dist/cli.js`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../../src/cli/run';
import { cli, CLI, tempFolders } from './helpers';

const tmpdir = tempFolders('imid-cli-');

describe('imid-lens lint (in-process)', () => {
  test('--format json is written in pieces, byte for byte what one JSON.stringify(rows, null, 2) gives (a claim-dense line never builds one huge string)', async () => {
    const dir = tmpdir({ 'dense.md': 'Celgene markets Revlimid. '.repeat(400), 'none.md': 'Nothing to report.\n' });
    const pieces: string[] = [];
    const code = await run({ argv: ['lint', '--format', 'json', 'dense.md'], io: { stdout: (s) => void pieces.push(s), stderr: () => undefined, cwd: dir } });
    assert.equal(code, 0);
    const out = pieces.join('');
    const rows = JSON.parse(out) as unknown[];
    assert.ok(rows.length >= 400, `${rows.length} findings`);
    assert.equal(out, `${JSON.stringify(rows, null, 2)}\n`);
    assert.ok(pieces.length > 3, `written in ${pieces.length} pieces`);
    const empty = await cli(['lint', '--format', 'json', 'none.md'], dir);
    assert.equal(empty.out, '[]\n');
  });

  test('--format sarif is written in pieces too, byte for byte one JSON.stringify(log, null, 2), with and without results', async () => {
    const dir = tmpdir({ 'dense.md': 'Celgene markets Revlimid. <!-- imid-lens-disable-line celgene-current-maker -->\n'.repeat(3) + 'Celgene markets Revlimid. '.repeat(600), 'none.md': 'Nothing to report.\n' });
    for (const [file, extra] of [['dense.md', ['--include-suppressed']], ['dense.md', []], ['none.md', []]] as const) {
      const pieces: string[] = [];
      await run({ argv: ['lint', '--format', 'sarif', ...extra, file], io: { stdout: (s) => void pieces.push(s), stderr: () => undefined, cwd: dir } });
      const out = pieces.join('');
      const log = JSON.parse(out) as { runs: Array<{ results: unknown[] }> };
      assert.equal(out, `${JSON.stringify(log, null, 2)}\n`, file);
      if (file === 'dense.md') assert.ok(log.runs[0].results.length >= 600 && pieces.length > 3, `${log.runs[0].results.length} results in ${pieces.length} pieces`);
      else assert.deepEqual(log.runs[0].results, []);
    }
  });

  test('stylish output is written in pieces too: every finding once, the summary last, one trailing newline', async () => {
    const dir = tmpdir({ 'dense.md': 'Celgene markets Revlimid. '.repeat(600), 'none.md': 'Nothing to report.\n' });
    const pieces: string[] = [];
    const code = await run({ argv: ['lint', 'dense.md'], io: { stdout: (s) => void pieces.push(s), stderr: () => undefined, cwd: dir } });
    assert.equal(code, 0);
    assert.ok(pieces.length > 1, `written in ${pieces.length} pieces`);
    const out = pieces.join('');
    const lines = out.split('\n');
    const total = Number(/✖ (\d+) problems/.exec(out)?.[1]);
    assert.equal(lines.filter((l) => /^ {2}1:\d+ /.test(l)).length, total, 'one line per finding');
    assert.match(lines[lines.length - 2], /^✖ \d+ problems|fixable/);
    assert.equal(lines[lines.length - 1], '', 'ends with exactly one newline');
    assert.ok(!out.includes('\n\n\n'));
    assert.equal((await cli(['lint', 'none.md'], dir)).out, '');
  });

  test('--format json: findings sorted by file then position, LSP ranges, fixes', async () => {
    const dir = tmpdir({ 'b.md': 'lenolidomide\n', 'a.md': 'Text.\nApremilast is an IMiD. And lenolidomide.\n', 'c.txt': 'nothing here\n' });
    const r = await cli(['lint', '--format', 'json', '*.md', 'c.txt'], dir);
    assert.equal(r.code, 0, r.err);
    const rows = JSON.parse(r.out);
    assert.deepEqual(rows.map((x: { file: string; ruleId: string }) => [x.file, x.ruleId]), [['a.md', 'apremilast-not-imid'], ['a.md', 'misspelled-name'], ['b.md', 'misspelled-name']]);
    assert.deepEqual(rows[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 21 } });
    assert.equal(rows[1].severity, 'warning');
    assert.deepEqual(rows[1].fixes[0].edits[0], { range: { start: { line: 1, character: 27 }, end: { line: 1, character: 39 } }, newText: 'lenalidomide' });
  });

  test('exit 1 when a finding is at error severity (configured), 0 with warnings only', async () => {
    const dir = tmpdir({ 'a.md': 'lenolidomide\n', '.imid-lens.json': '{ "rules": { "misspelled-name": "error" } }' });
    assert.equal((await cli(['lint', 'a.md'], dir)).code, 1);
    assert.equal((await cli(['lint', '--no-config', 'a.md'], dir)).code, 0);
    assert.equal((await cli(['lint', '--no-config', '--max-warnings', '0', 'a.md'], dir)).code, 1);
  });

  test('usage errors exit 2 with the usage text', async () => {
    for (const argv of [['lint'], ['lint', '--format', 'xml', 'a.md'], ['frobnicate'], ['lint', '--bogus', 'a.md']]) {
      const r = await cli(argv, os.tmpdir());
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, /Usage:/);
    }
  });

  test('an invalid configuration exits 2 naming the file and line', async () => {
    const dir = tmpdir({ 'a.md': 'x\n', '.imid-lens.json': '{\n  "rules": {\n    "misspelled-name": "loud"\n  }\n}\n' });
    const r = await cli(['lint', 'a.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /\.imid-lens\.json:3:\d+: must be equal to one of the allowed values/);
  });

  test('a missing file exits 2 but the other files are still linted', async () => {
    const dir = tmpdir({ 'a.md': 'lenolidomide\n' });
    const r = await cli(['lint', '--format', 'json', 'a.md', 'missing.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /missing\.md: no such file/);
    assert.equal(JSON.parse(r.out).length, 1);
  });

  test('binary junk is skipped with a message; an empty file gives nothing; bad UTF-8 is noted', async () => {
    const dir = tmpdir({ 'junk.txt': Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00]), 'empty.md': '', 'latin1.txt': Buffer.from([0x6c, 0xe9, 0x6e, 0x20]) });
    const r = await cli(['lint', '--format', 'json', 'junk.txt', 'empty.md', 'latin1.txt'], dir);
    assert.equal(r.code, 0);
    assert.match(r.err, /junk\.txt: binary file/);
    assert.match(r.err, /latin1\.txt: not valid UTF-8/);
    assert.deepEqual(JSON.parse(r.out), []);
  });

  test('--fix applies only lexical fixes, keeps CRLF and the BOM, and is idempotent', async () => {
    const dir = tmpdir({ 'a.md': '\ufeffThe lenolidomide arm.\r\nApremilast is an IMiD.\r\n' });
    const r = await cli(['lint', '--fix', '--format', 'json', 'a.md'], dir);
    assert.equal(r.code, 0);
    const after = fs.readFileSync(path.join(dir, 'a.md'), 'utf8');
    assert.equal(after, '\ufeffThe lenalidomide arm.\r\nApremilast is an IMiD.\r\n');
    assert.deepEqual(JSON.parse(r.out).map((x: { ruleId: string }) => x.ruleId), ['apremilast-not-imid']);
    await cli(['lint', '--fix', 'a.md'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), after);
  });

  test('--format sarif: SARIF 2.1.0 with UTF-16 columns, rules and fixes', async () => {
    const dir = tmpdir({ 'a.md': 'µ lenolidomide\n' });
    const r = await cli(['lint', '--format', 'sarif', 'a.md'], dir);
    const log = JSON.parse(r.out);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    const res = log.runs[0].results[0];
    assert.equal(res.ruleId, 'misspelled-name');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 1, startColumn: 3, endLine: 1, endColumn: 15 });
    assert.equal(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'lenalidomide');
    assert.ok(log.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'misspelled-name'));
  });

  test('suppressed findings are reported with their reason on request', async () => {
    const dir = tmpdir({ 'a.md': '<!-- imid-lens-disable-next-line -- quoted from the 2003 paper -->\nlenolidomide\n' });
    const r = await cli(['lint', '--format', 'json', '--include-suppressed', 'a.md'], dir);
    const [row] = JSON.parse(r.out);
    assert.equal(row.suppressed.reason, 'quoted from the 2003 paper');
  });

  test('a 5 MB single-line file lints without trouble', async () => {
    const line = 'Patients on lenolidomide had responses and apremilast is an IMiD, they said, ';
    const dir = tmpdir({ 'big.txt': line.repeat(Math.ceil(5e6 / line.length)) });
    const r = await cli(['lint', '--format', 'json', 'big.txt'], dir);
    assert.equal(r.code, 0);
    assert.ok(JSON.parse(r.out).length > 1000);
  });

  test('ignore globs in the configuration skip files', async () => {
    const dir = tmpdir({ 'drafts/old.md': 'lenolidomide\n', 'new.md': 'lenolidomide\n', '.imid-lens.json': '{ "ignore": ["drafts/**"] }' });
    const r = await cli(['lint', '--format', 'json', '**/*.md'], dir);
    assert.deepEqual(JSON.parse(r.out).map((x: { file: string }) => x.file), ['new.md']);
  });
});

describe('imid-lens explain (in-process)', () => {
  test('json card for a code name says what it is called now', async () => {
    const r = await cli(['explain', 'CC-5013', '--format', 'json'], os.tmpdir());
    assert.equal(r.code, 0);
    const card = JSON.parse(r.out);
    assert.equal(card.id, 'lenalidomide');
    assert.equal(card.preferredName, 'lenalidomide');
    assert.equal(card.matchedName, 'CC-5013');
    assert.equal(card.kind, 'drug');
    assert.equal(card.currentName, 'lenalidomide');
    assert.match(card.markdown, /research code of \*\*lenalidomide\*\*/);
    assert.ok(card.references.some((x: { key: string; doi?: string }) => x.key === 'kronke2014' && x.doi === '10.1126/science.1244851'));
  });

  test('every spelling family resolves: case, ®, space/no hyphen', async () => {
    for (const name of ['REVLIMID', 'Revlimid®', 'CC 5013', 'CC5013', 'crbn']) {
      assert.equal((await cli(['explain', name], os.tmpdir())).code, 0, name);
    }
  });

  test('an unknown name exits 1 with fuzzy suggestions', async () => {
    const r = await cli(['explain', 'lenalidomid-x'], os.tmpdir());
    assert.equal(r.code, 1);
    assert.match(r.err, /Did you mean: .*lenalidomide/);
  });
});

describe('imid-lens as a process (node dist/cli.js)', () => {
  test('--version, lint with exit code and JSON on stdout', () => {
    assert.ok(fs.existsSync(CLI), `${CLI} exists (npm run build)`);
    const v = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
    assert.equal(v.status, 0);
    assert.match(v.stdout.trim(), /^\d+\.\d+\.\d+/);
    const dir = tmpdir({ 'a.md': 'Apremilast is an IMiD.\n' });
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', 'a.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout)[0].ruleId, 'apremilast-not-imid');
  });

  test('exit 2 and a message on stderr for a usage error', () => {
    const r = spawnSync(process.execPath, [CLI, 'lint', '--format'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format needs a value/);
  });

  test('explain of an unknown name exits 1', () => {
    const r = spawnSync(process.execPath, [CLI, 'explain', 'zzzzqqq'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
  });
});
