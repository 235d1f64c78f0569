#!/usr/bin/env node
// The speed invariant: every finding of the engine on the claim corpora (test/fixtures/claims),
// the rules' and frames' own examples, a configuration with rules switched off and a user rule,
// and the bench corpora (whole, limited, stepped), as JSON lines. Diff two dumps to show that a
// change made the engine faster without changing what it finds.
//   node test/bench/dump-findings.mjs [out.jsonl] [--no-10mb]     (default out: .build/dump/findings.jsonl)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEntries } from './build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const out = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(root, '.build', 'dump', 'findings.jsonl'));
if (!fs.existsSync(path.join(here, 'corpus', 'corpus-1mb.md'))) spawnSync(process.execPath, [path.join(here, 'gen-corpus.mjs')], { stdio: 'inherit' });
const outDir = path.join(root, process.env.IMID_LENS_OUT ?? '.build', 'dump');
await buildEntries([path.join(here, 'dump', 'findings.ts')], outDir);
fs.mkdirSync(path.dirname(out), { recursive: true });
const r = spawnSync(process.execPath, [path.join(outDir, 'findings.js'), root, out, ...args.filter((a) => a.startsWith('--'))], { stdio: 'inherit' });
process.exit(r.status ?? 1);
