/**
 * dist/cli.js, the `imid-lens` binary: runs the CLI bundle (dist/cli-main.js, src/cli/bin.ts)
 * through V8's code cache, so a process does not parse and compile the bundle's code again
 * (docs/startup.md). The cache is bytecode V8 wrote for the same bundle under the same Node.js
 * version and V8 flags; V8 checks that itself and rejects any other (the bundle is then compiled
 * as usual, and nothing changes but the time).
 *
 * Where the cache comes from, first found:
 * - the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`, `%LOCALAPPDATA%`, `~/Library/Caches`),
 *   imid-lens/cli-<bundle size>-<bundle mtime>-<Node.js version>-<arch>.cache: written at the end
 *   of a process that found no usable cache (and nowhere else), older builds' files removed then;
 * - dist/cli-main-<Node.js version>-<arch>.cache, written by the build (esbuild.mjs) with the
 *   Node.js that built it.
 * IMID_LENS_CODE_CACHE=0 turns both off (nothing read, nothing written).
 */
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import vm from 'node:vm';

// A one-shot process compiles each claim RegExp once: straight to native code, instead of V8's
// default (bytecode first, native code after tier-up), which compiles the busy ones twice. Halves
// the first-lint cost of the ~280 KB of claim patterns (docs/benchmarks.md). Set before the bundle
// is compiled: V8 keys its code cache on the flags. CLI only: the extension never sets flags in
// the shared extension host.
setFlagsFromString('--no-regexp-tier-up');

const MAIN = path.join(__dirname, 'cli-main.js');
const env = process.env;
const enabled = env.IMID_LENS_CODE_CACHE !== '0';

/** The user's cache folder for imid-lens (undefined when there is no home to put it in). */
function userCacheDir(): string | undefined {
  let home: string | undefined;
  try {
    home = os.homedir();
  } catch {
    home = undefined; // no home folder (a system account): only $XDG_CACHE_HOME
  }
  const base =
    process.platform === 'win32'
      ? env.LOCALAPPDATA
      : process.platform === 'darwin'
        ? home && path.join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
          ? env.XDG_CACHE_HOME
          : home && path.join(home, '.cache');
  return base ? path.join(base, 'imid-lens') : undefined;
}

const read = (file: string | undefined): Buffer | undefined => {
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
};

const source = fs.readFileSync(MAIN, 'utf8');
const name = `${process.version}-${process.arch}.cache`;
// the build writes the shipped cache through this same code (esbuild.mjs)
const building = env.IMID_LENS_BUILD_CODE_CACHE === '1';
const shipped = path.join(__dirname, `cli-main-${name}`);
/** The user's own cache: written when the shipped one is missing (another Node.js) or was rejected (other V8 flags). */
let own: string | undefined;
if (enabled && !building) {
  const dir = userCacheDir();
  const stat = fs.statSync(MAIN);
  own = dir && path.join(dir, `cli-${stat.size}-${Math.floor(stat.mtimeMs)}-${name}`);
}
const cachedData = building || !enabled ? undefined : (read(own) ?? read(shipped));
const script = new vm.Script(Module.wrap(source), {
  filename: MAIN,
  ...(cachedData ? { cachedData } : {}),
  // import() as in a module Node.js loaded itself (Node.js 20.12 and later; the bundle's own lazy parts use require)
  ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
});
const target = building ? shipped : (!cachedData || script.cachedDataRejected) && own;
if (target) {
  // written when the process ends: by then the cache holds the code of everything that ran
  process.on('exit', () => {
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      const data = script.createCachedData();
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, target);
      // the caches of earlier builds of the bundle go
      if (!building) for (const f of fs.readdirSync(path.dirname(target))) if (f.startsWith('cli-') && f.endsWith(name) && path.join(path.dirname(target), f) !== target) fs.rmSync(path.join(path.dirname(target), f), { force: true });
    } catch {
      // a read-only or missing cache folder: the next process compiles again
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // nothing to tidy
      }
    }
  });
}

const mod = { exports: {} };
const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
wrapper.call(mod.exports, mod.exports, Module.createRequire(MAIN), mod, MAIN, __dirname);
