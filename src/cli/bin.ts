/** The `imid-lens` binary: nothing but run() with Node's io. */
import { setFlagsFromString } from 'node:v8';
import { run } from './run';

// A one-shot process compiles each claim RegExp once: straight to native code, instead of V8's
// default (bytecode first, native code after tier-up), which compiles the busy ones twice. Halves
// the first-lint cost of the ~280 KB of claim patterns (docs/benchmarks.md). CLI only: the
// extension never sets flags in the shared extension host.
setFlagsFromString('--no-regexp-tier-up');

// `imid-lens rules | head`: a reader that stops early is not an error
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

run({
  argv: process.argv.slice(2),
  io: {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`imid-lens: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
