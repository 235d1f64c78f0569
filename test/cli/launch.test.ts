/**
 * dist/cli.js runs the CLI bundle (dist/cli-main.js) through V8's code cache (src/cli/launch.ts):
 * the shipped cache is used by the Node.js that built it, other Node.js versions write their own
 * into the user's cache folder and nowhere else, and the output never depends on any of it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CLI, tempFolders } from './helpers';

const tmpdir = tempFolders('imid-launch-');
const DIST = path.dirname(CLI);
const MANUSCRIPT = path.resolve('examples/manuscript.md');
const NAME = `${process.version}-${process.arch}.cache`;

/** The CLI at `bin` linting the sample manuscript, with its own home and cache folder. */
function lint(bin: string, home: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, 'lint', '--no-config', '--format', 'json', MANUSCRIPT], { encoding: 'utf8', env: { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, 'cache'), IMID_LENS_CODE_CACHE: '', ...env } });
  assert.equal(r.stderr, '');
  return { code: r.status, out: r.stdout };
}

/** Every file under `dir`, relative. */
const files = (dir: string): string[] => (fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort() : []);

/** dist/cli.js and dist/cli-main.js copied alone: an install without a cache for this Node.js. */
function bareInstall(): string {
  const dir = tmpdir();
  for (const f of ['cli.js', 'cli-main.js']) fs.copyFileSync(path.join(DIST, f), path.join(dir, f));
  return path.join(dir, 'cli.js');
}

describe('dist/cli.js and the code cache', () => {
  const uncached = lint(CLI, tmpdir(), { IMID_LENS_CODE_CACHE: '0' });

  test('the build ships a cache this Node.js accepts: a run writes nothing, and finds what an uncached run finds', () => {
    assert.ok(fs.existsSync(path.join(DIST, `cli-main-${NAME}`)), 'esbuild.mjs wrote dist/cli-main-<version>-<arch>.cache');
    assert.ok(JSON.parse(uncached.out).length > 0, 'the manuscript has findings');
    const home = tmpdir();
    assert.deepEqual(lint(CLI, home), uncached);
    assert.deepEqual(files(home), [], 'a rejected shipped cache would have been replaced by one in the user cache folder');
  });

  test('without a shipped cache, the first run writes one into the user cache folder (only there), the next uses it as it is', () => {
    const bin = bareInstall();
    const home = tmpdir({ [`cache/imid-lens/cli-1-2-${NAME}`]: 'an earlier build' });
    assert.deepEqual(lint(bin, home), uncached);
    const written = files(home);
    assert.equal(written.length, 1, `one cache file, the earlier build's gone: ${written.join(', ')}`);
    assert.match(written[0], new RegExp(`^cache/imid-lens/cli-\\d+-\\d+-${NAME.replace(/[.]/g, '\\.')}$`));
    assert.deepEqual(fs.readdirSync(path.dirname(bin)).sort(), ['cli-main.js', 'cli.js'], 'nothing written beside the install');
    const cache = path.join(home, written[0]);
    const before = fs.readFileSync(cache);
    fs.utimesSync(cache, new Date(2000, 0, 1), new Date(2000, 0, 1));
    assert.deepEqual(lint(bin, home), uncached);
    // V8 accepted it: a rejected cache is written again at the end of the run
    assert.equal(fs.statSync(cache).mtime.getFullYear(), 2000);
    assert.deepEqual(fs.readFileSync(cache), before);
  });

  test('an unusable cache folder or IMID_LENS_CODE_CACHE=0: same output, nothing written', () => {
    const bin = bareInstall();
    const home = tmpdir({ cache: 'a file where the cache folder would be' });
    assert.deepEqual(lint(bin, home), uncached);
    assert.deepEqual(files(home), ['cache']);
    const off = tmpdir();
    assert.deepEqual(lint(bin, off, { IMID_LENS_CODE_CACHE: '0' }), uncached);
    assert.deepEqual(files(off), []);
    assert.deepEqual(fs.readdirSync(path.dirname(bin)).sort(), ['cli-main.js', 'cli.js']);
  });

  test('a corrupt cache file is rejected by V8 and replaced', () => {
    const bin = bareInstall();
    const home = tmpdir();
    lint(bin, home);
    const [written] = files(home);
    fs.writeFileSync(path.join(home, written), Buffer.alloc(4096, 7));
    assert.deepEqual(lint(bin, home), uncached);
    assert.notEqual(fs.readFileSync(path.join(home, written))[0], 7);
  });
});
