#!/usr/bin/env node
// The CLI's start-up, part by part (docs/startup.md): `node -e 0`, `imid-lens --version`, a lint of
// an empty file and of the 100 KB corpus, each a fresh process, in turns (so that a machine whose
// speed drifts slows every command alike), with median wall and CPU times (CPU from /usr/bin/time
// when it is installed) and each median's ratio to `node -e 0`.
//
//   node test/bench/startup.mjs [DIST ...] [--runs N]
//
// DIST: one or more dist/ folders to compare (default: ./dist, or $IMID_LENS_OUT/dist); the corpus
// is test/bench/corpus (node test/bench/gen-corpus.mjs --sizes 100000 makes it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const RUNS = at >= 0 ? Number(args.splice(at, 2)[1]) : 21;
const dists = args.length ? args.map((d) => path.resolve(d)) : [path.resolve(process.env.IMID_LENS_OUT ?? '.', 'dist')];
const corpus = path.join(here, 'corpus');
const empty = path.join(corpus, 'corpus-empty.md');
const doc = path.join(corpus, 'corpus-100kb.md');
if (!fs.existsSync(doc)) throw new Error(`${doc} is missing: node test/bench/gen-corpus.mjs --sizes 100000`);
if (!fs.existsSync(empty)) fs.writeFileSync(empty, '');
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const timeFile = path.join(os.tmpdir(), `imid-lens-startup-${process.pid}.txt`);

const commands = [{ name: 'node -e 0', argv: ['-e', '0'] }];
for (const d of dists) {
  const cli = path.join(d, 'cli.js');
  const tag = dists.length > 1 ? ` [${path.basename(path.dirname(d))}]` : '';
  commands.push(
    { name: `--version${tag}`, argv: [cli, '--version'] },
    { name: `lint empty file${tag}`, argv: [cli, 'lint', '--no-config', '--format', 'json', empty] },
    { name: `lint 100 KB${tag}`, argv: [cli, 'lint', '--no-config', '--format', 'json', doc] },
  );
}

function once(argv) {
  const t0 = process.hrtime.bigint();
  const r = TIME ? spawnSync(TIME, ['-f', '%U %S', '-o', timeFile, process.execPath, ...argv], { stdio: 'ignore' }) : spawnSync(process.execPath, argv, { stdio: 'ignore' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')}: exit ${r.status}`);
  const cpu = TIME ? fs.readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).reduce((a, b) => a + Number(b) * 1e3, 0) : NaN;
  return { wall, cpu };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const c of commands) once(c.argv); // warm-up: page cache
const runs = commands.map(() => []);
for (let i = 0; i < RUNS; i++) commands.forEach((c, k) => runs[k].push(once(c.argv)));
fs.rmSync(timeFile, { force: true });
const base = { wall: median(runs[0].map((r) => r.wall)), cpu: median(runs[0].map((r) => r.cpu)) };
console.log(`${RUNS} runs each, in turns; Node.js ${process.version}; load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log(`${'command'.padEnd(40)} ${'wall ms'.padStart(8)} ${'× node'.padStart(7)} ${'CPU ms'.padStart(8)} ${'× node'.padStart(7)}`);
commands.forEach((c, k) => {
  const wall = median(runs[k].map((r) => r.wall));
  const cpu = median(runs[k].map((r) => r.cpu));
  console.log(`${c.name.padEnd(40)} ${wall.toFixed(1).padStart(8)} ${(wall / base.wall).toFixed(2).padStart(7)} ${cpu.toFixed(0).padStart(8)} ${(cpu / base.cpu).toFixed(2).padStart(7)}`);
});
