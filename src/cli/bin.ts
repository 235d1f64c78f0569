/** The `imid-lens` binary: nothing but run() with Node's io. */
import { run } from './run';

run({
  argv: process.argv.slice(2),
  io: {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
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
