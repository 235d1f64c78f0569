/**
 * What the CLI test files share: the built CLI's path, run() in-process with its output collected,
 * and temporary folders that are removed when the file's tests are done.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { type Io, run } from '../../src/cli/run';

/** dist/cli.js of the build under test (IMID_LENS_OUT: a private build folder). */
export const CLI = path.join(process.env.IMID_LENS_OUT ? path.resolve(process.env.IMID_LENS_OUT) : process.cwd(), 'dist/cli.js');

/** run() in-process: exit code, stdout and stderr. */
export async function cli(argv: string[], cwd = os.tmpdir(), extra: Partial<Pick<Io, 'columns' | 'color'>> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run({ argv, io: { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd, ...extra } });
  return { code, out, err };
}

/**
 * A maker of temporary folders named `prefix…` holding `files` (folders in their names are
 * created); every folder it made is removed after the calling file's tests. `real` resolves the
 * folder's path through symbolic links (for tests that compare paths).
 */
export function tempFolders(prefix: string, opts: { real?: boolean } = {}): (files?: Readonly<Record<string, string | Uint8Array>>) => string {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  return (files = {}) => {
    const made = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const dir = opts.real ? fs.realpathSync(made) : made;
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  };
}
