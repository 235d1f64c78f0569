// lint --as-of: a manuscript checked against the facts valid at a date (issue 11, time-aware
// checking), over the document's own date and today; bad dates are usage errors (exit 2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from '../../src/cli/run';
import { tempFolders } from './helpers';

const tmpdir = tempFolders('imid-cli-asof-');

async function lintJson(argv: string[], cwd: string): Promise<{ code: number; rows: Array<{ ruleId: string; message: string }>; err: string }> {
  let out = '';
  let err = '';
  const code = await run({ argv: ['lint', '--format', 'json', ...argv], io: { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd } });
  return { code, rows: out ? JSON.parse(out) : [], err };
}

const TEXT = 'Celgene markets Revlimid. Pomalidomide is an investigational drug. Apremilast, a new oral agent, was well tolerated.\n';

test('today: the holder, the status and the recency are outdated', async () => {
  const dir = tmpdir({ 'a.md': TEXT });
  const r = await lintJson(['a.md'], dir);
  assert.equal(r.code, 0);
  assert.ok(r.rows.length >= 3, JSON.stringify(r.rows.map((x) => x.ruleId)));
});

test('--as-of 2012-06-01: all three were true then', async () => {
  const dir = tmpdir({ 'a.md': TEXT });
  const r = await lintJson(['--as-of', '2012-06-01', 'a.md'], dir);
  assert.deepEqual(r.rows.map((x) => `${x.ruleId}: ${x.message}`), []);
});

test('--as-of overrides the date in the front matter', async () => {
  const dir = tmpdir({ 'a.md': `---\ndate: 2012-06-01\n---\n${TEXT}` });
  assert.deepEqual((await lintJson(['a.md'], dir)).rows, [], 'the document date alone');
  const r = await lintJson(['--as-of', '2026-11-01', 'a.md'], dir);
  assert.ok(r.rows.length >= 3);
});

test('bad dates are usage errors that name the option', async () => {
  const dir = tmpdir({ 'a.md': TEXT });
  for (const v of ['yesterday', '2015-13-01', '15-06-2015', '2015-06-32']) {
    const r = await lintJson(['--as-of', v, 'a.md'], dir);
    assert.equal(r.code, 2, v);
    assert.match(r.err, /--as-of needs a date as YYYY-MM-DD/);
  }
});
