// Builds every bundle of imid-lens with esbuild.
//
//   node esbuild.mjs            dist/extension.js (node), dist/web/extension.js (browser), dist/cli.js
//   node esbuild.mjs --tests    also out/test/** (unit, cli and integration suites)
//   node esbuild.mjs --dev      no minification
//   node esbuild.mjs --watch    rebuild on change
//
// data/ is embedded through the virtual module "imid-lens:data": every JSON file is
// validated against data/schema/ first, so a schema violation fails the build with
// the file and the JSON path. "imid-lens:validators" is Ajv standalone code for the
// user config schema: no schema compilation (and no eval) at run time.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = path.dirname(fileURLToPath(import.meta.url));
// IMID_LENS_OUT puts dist/ and out/ elsewhere (parallel builds do not overwrite each other).
const outBase = path.resolve(root, process.env.IMID_LENS_OUT ?? '.');
const outPath = (p) => path.join(outBase, p);
const args = new Set(process.argv.slice(2));
const dev = args.has('--dev');
const tests = args.has('--tests');

const readJson = (p) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));
const listJson = (dir) =>
  fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.json')).sort().map((f) => `${dir}/${f}`);

function newAjv(opts = {}) {
  const ajv = new Ajv({ allErrors: true, strict: false, ...opts });
  for (const f of listJson('data/schema')) ajv.addSchema(readJson(f), f.replace('data/schema/', ''));
  return ajv;
}

/** Loads and validates data/; throws one error listing every problem. */
export function loadData() {
  const ajv = newAjv();
  const problems = [];
  const check = (schema, file, value) => {
    const validate = ajv.getSchema(schema);
    if (!validate(value)) {
      for (const e of validate.errors) problems.push(`${file}${e.instancePath || ''}: ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
    }
  };
  const termFiles = listJson('data/terms');
  const claimFiles = listJson('data/claims');
  const terms = termFiles.map((f) => {
    const v = readJson(f);
    check('terms.schema.json', f, v);
    return v;
  });
  const claims = claimFiles.map((f) => {
    const v = readJson(f);
    check('claims.schema.json', f, v);
    return v;
  });
  const references = readJson('data/references.json');
  check('references.schema.json', 'data/references.json', references);
  const frames = readJson('data/frames/lexicon.json');
  check('frames.schema.json', 'data/frames/lexicon.json', frames);
  if (problems.length) throw new Error(`data/ does not match data/schema/:\n  ${problems.join('\n  ')}`);
  return { terms, claims, references, termFiles, claimFiles, frames };
}

/**
 * The trie regex sources the engine builds for the bundled data (src/core/termdb.ts compileTrie:
 * the scanner's and the claim rules' subject tries) and the words each bundled claim pattern
 * needs (src/core/rules/claims.ts requiredWords), computed here by building the engine once:
 * they go into "imid-lens:data" as `tries` and `needs`, so a process finds them ready
 * (src/core/bundled.ts). Recomputed when the data, termdb.ts or claims.ts change.
 */
const TRIE_ENTRY = `import { bundledEngine } from './src/core/bundled';
import { needEntries } from './src/core/rules/claims';
import { trieSourceEntries } from './src/core/termdb';
const engine = bundledEngine();
void engine.db.scanner;
for (const r of engine.rules) void r.needs;
export const entries = { tries: trieSourceEntries(), needs: needEntries() };`;
const PRECOMPUTED_FROM = ['src/core/termdb.ts', 'src/core/rules/claims.ts'];
const trieMemo = new Map();
function trieSources(data) {
  const key = JSON.stringify(data) + PRECOMPUTED_FROM.map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\0');
  if (!trieMemo.has(key)) {
    trieMemo.set(key, (async () => {
      const r = await esbuild.build({ stdin: { contents: TRIE_ENTRY, resolveDir: root, sourcefile: 'tries.ts', loader: 'ts' }, bundle: true, write: false, platform: 'node', format: 'cjs', target: 'es2022', mainFields: ['module', 'main'], loader: { '.md': 'text' }, logLevel: 'warning', absWorkingDir: root, plugins: [dataPluginOf(false)] });
      const mod = { exports: {} };
      new Function('module', 'exports', 'require', r.outputFiles[0].text)(mod, mod.exports, createRequire(import.meta.url));
      return mod.exports.entries;
    })());
  }
  return trieMemo.get(key);
}

function dataPluginOf(withTries) {
  return {
    name: 'imid-lens-data',
    setup(build) {
      build.onResolve({ filter: /^imid-lens:(data|validators)$/ }, (a) => ({ path: a.path, namespace: 'imid-lens' }));
      build.onLoad({ filter: /.*/, namespace: 'imid-lens' }, async (a) => {
        const watchFiles = [...listJson('data/terms'), ...listJson('data/claims'), ...listJson('data/schema'), 'data/references.json', 'data/frames/lexicon.json', ...PRECOMPUTED_FROM].map((f) => path.join(root, f));
        try {
          if (a.path === 'imid-lens:data') {
            const data = loadData();
            if (withTries) Object.assign(data, await trieSources(data));
            // JSON.parse of a string literal loads faster than an object literal of the same size.
            return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`, loader: 'js', watchFiles };
          }
          const ajv = newAjv({ code: { source: true, esm: true } });
          const code = standaloneCode(ajv, { validateConfig: 'config.schema.json' });
          return { contents: code, loader: 'js', resolveDir: root, watchFiles };
        } catch (e) {
          return { errors: [{ text: e.message }], watchFiles };
        }
      });
    },
  };
}
/** Exported for the bench harness (test/bench/build.mjs): the same data module, precomputed tries and needs included. */
export const dataPlugin = dataPluginOf(true);

/**
 * Node bundles: yaml resolves to stubs that require dist/vendor.js (src/vendor/index.ts) on
 * first use, so start-up does not parse it. The stubs keep the
 * libraries' synchronous API: a class stub returns the real instance from its constructor.
 */
const LAZY = { yaml: { classes: ['LineCounter'], functions: ['parseAllDocuments'] } };
const lazyVendor = {
  name: 'imid-lens-lazy-vendor',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, (a) => (a.namespace === 'lazy-vendor' ? undefined : { path: a.path, namespace: 'lazy-vendor' }));
    build.onResolve({ filter: /^\.\/vendor\.js$/, namespace: 'lazy-vendor' }, (a) => ({ path: a.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-vendor' }, (a) => {
      const { classes, functions } = LAZY[a.path];
      const lines = ['let vendor;', "const load = () => (vendor ??= require('./vendor.js'));"];
      for (const c of classes) lines.push(`export class ${c} { constructor(...args) { return new (load().${c})(...args); } }`);
      for (const f of functions) lines.push(`export function ${f}(...args) { return load().${f}(...args); }`);
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

/** `require('./mcp-sdk.js')` (src/cli/mcp.ts) stays a run-time require of dist/mcp-sdk.js: the MCP SDK is loaded for `imid-lens mcp` only. */
const mcpSdkExternal = {
  name: 'imid-lens-mcp-sdk',
  setup(build) {
    build.onResolve({ filter: /^\.\/mcp-sdk\.js$/ }, (a) => ({ path: a.path, external: true }));
  },
};

/**
 * The CLI's Word reader (src/cli/docx-vendor.ts: mammoth, fflate) is a bundle of its own,
 * dist/docx.js, that dist/cli.js loads on its first .docx; the extension bundles never import it.
 */
const lazyDocx = {
  name: 'imid-lens-lazy-docx',
  setup(build) {
    build.onResolve({ filter: /^\.\/docx-vendor$/ }, () => ({ path: './docx.js', external: true }));
  },
};

/**
 * fdir (under tinyglobby) probes for picomatch at load time through createRequire, a require
 * esbuild cannot see: every CLI start then resolves and compiles node_modules/picomatch from disk
 * (or fails to, once installed) for a glob function tinyglobby never uses (it passes filters). The
 * probe is removed; the build fails if fdir's source no longer has it (look again then).
 */
const noFdirProbe = {
  name: 'imid-lens-no-fdir-probe',
  setup(build) {
    build.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (a) => {
      const src = fs.readFileSync(a.path, 'utf8');
      const probe = /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
      if (!probe.test(src)) return { errors: [{ text: `fdir: the picomatch probe was not found in ${a.path} (esbuild.mjs noFdirProbe)` }] };
      return { contents: src.replace(probe, '/* picomatch probe removed by esbuild.mjs */'), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  sourcemap: true,
  minify: !dev,
  keepNames: true,
  target: 'es2022',
  define: { IMID_LENS_VERSION: JSON.stringify(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version) },
  logLevel: 'warning',
  plugins: [dataPlugin, mcpSdkExternal],
  legalComments: 'linked',
  absWorkingDir: root,
  // ESM builds first: jsonc-parser's UMD build hides requires from the bundler.
  mainFields: ['module', 'main'],
  loader: { '.md': 'text' },
};

const builds = [
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: outPath('dist/extension.js'), platform: 'node', format: 'cjs', external: ['vscode'], plugins: [dataPlugin, lazyVendor] },
  {
    ...common,
    entryPoints: ['src/vscode/extension.web.ts'],
    outfile: outPath('dist/web/extension.js'),
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    define: { ...common.define, 'process.env.NODE_ENV': '"production"' },
  },
  {
    ...common,
    entryPoints: ['src/cli/bin.ts'],
    outfile: outPath('dist/cli-main.js'),
    platform: 'node',
    format: 'cjs',
    plugins: [dataPlugin, lazyVendor, mcpSdkExternal, lazyDocx, noFdirProbe],
    // ESM dependencies (fdir) read import.meta.url; give the CommonJS bundle its own.
    define: { ...common.define, 'import.meta.url': '__importMetaUrl' },
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  },
  // the `imid-lens` binary: runs dist/cli-main.js through V8's code cache (src/cli/launch.ts, codeCache() below)
  { ...common, entryPoints: ['src/cli/launch.ts'], outfile: outPath('dist/cli.js'), platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  // the parsers behind lazyVendor's stubs, shared by dist/extension.js and dist/cli.js
  { ...common, entryPoints: ['src/vendor/index.ts'], outfile: outPath('dist/vendor.js'), platform: 'node', format: 'cjs' },
  // the MCP SDK for `imid-lens mcp` (src/vendor/mcp.ts), required by dist/cli.js on that command only; not in the .vsix
  { ...common, entryPoints: ['src/vendor/mcp.ts'], outfile: outPath('dist/mcp-sdk.js'), platform: 'node', format: 'cjs' },
  // the Word reader behind lazyDocx, for dist/cli.js only
  { ...common, entryPoints: ['src/cli/docx-vendor.ts'], outfile: outPath('dist/docx.js'), platform: 'node', format: 'cjs' },
];

if (tests) {
  const find = (dir, suffix) =>
    fs.existsSync(path.join(root, dir))
      ? fs.readdirSync(path.join(root, dir), { recursive: true }).filter((f) => f.endsWith(suffix)).map((f) => path.join(dir, f))
      : [];
  const testCommon = {
    ...common,
    minify: false,
    platform: 'node',
    format: 'cjs',
    outbase: '.',
    outdir: outPath('out'),
    sourcemap: 'inline',
    define: { ...common.define, 'import.meta.url': '__importMetaUrl' },
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  };
  builds.push({ ...testCommon, entryPoints: [...find('test/unit', '.test.ts'), ...find('test/cli', '.test.ts')], external: ['vscode', 'fast-check', 'docx'] });
  builds.push({ ...testCommon, entryPoints: [...find('test/integration', '.ts')], external: ['vscode', 'mocha'] });
  // the web suite runs in VS Code's web worker extension host: browser platform, mocha bundled
  builds.push({ ...common, minify: false, sourcemap: 'inline', platform: 'browser', format: 'cjs', entryPoints: ['test/web/index.ts'], outfile: outPath('out/test/web/index.js'), external: ['vscode'], define: { ...common.define, 'process.env.NODE_ENV': '"test"' } });
}

/**
 * dist/THIRD_PARTY_NOTICES.md: every npm package bundled into dist/, with its licence text
 * (shipped in the .vsix).
 */
function writeNotices(metafiles) {
  const pkgs = new Map();
  for (const m of metafiles) {
    for (const input of Object.keys(m.inputs)) {
      const i = input.lastIndexOf('node_modules/');
      if (i < 0) continue;
      const rest = input.slice(i + 'node_modules/'.length).split('/');
      const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
      const dir = path.join(root, input.slice(0, i), 'node_modules', name);
      if (!pkgs.has(name)) pkgs.set(name, dir);
    }
  }
  const lines = ['# Third-party software bundled in dist/', '', 'imid-lens (MIT) bundles the following npm packages into `dist/extension.js`, `dist/web/extension.js`, `dist/cli-main.js`, `dist/vendor.js`, `dist/mcp-sdk.js` (the CLI\'s MCP server only; not in the .vsix) and `dist/docx.js` (the CLI\'s Word reader).', ''];
  for (const [name, dir] of [...pkgs].sort((a, b) => a[0].localeCompare(b[0]))) {
    const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const license = typeof pj.license === 'string' ? pj.license : pj.license?.type ?? 'see below';
    const repo = typeof pj.repository === 'string' ? pj.repository : pj.repository?.url ?? '';
    lines.push(`## ${name} ${pj.version} (${license})`, '');
    if (repo) lines.push(`Source: ${repo.replace(/^git\+/, '')}`, '');
    if (/LGPL/i.test(license)) lines.push(`This library is used unmodified. Its source is on the npm registry (\`${name}@${pj.version}\`). To use a modified version, replace it in node_modules and rebuild with \`npm run build\` (esbuild.mjs).`, '');
    const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|markdown|txt))?$/i.test(f));
    if (file) lines.push('```', fs.readFileSync(path.join(dir, file), 'utf8').trim(), '```', '');
    else {
      // no licence file (isarray): the README's licence section
      const readme = fs.readdirSync(dir).find((f) => /^readme(\.(md|markdown))?$/i.test(f));
      const m = readme && /^#+\s*licen[cs]e\b[^\n]*\n([\s\S]*?)(?=^#|(?![\s\S]))/im.exec(fs.readFileSync(path.join(dir, readme), 'utf8'));
      if (m && m[1].trim()) lines.push('```', m[1].trim(), '```', '');
    }
  }
  fs.writeFileSync(outPath('dist/THIRD_PARTY_NOTICES.md'), `${lines.join('\n')}\n`);
}

/**
 * dist/cli-main-<node version>-<arch>.cache: V8's code cache of dist/cli-main.js, written by
 * dist/cli.js itself (src/cli/launch.ts) at the end of a lint of examples/, so it holds the code of
 * a whole run. Used by processes of the same Node.js version (V8 checks it); others make their own
 * in the user's cache folder. Not in the .vsix.
 */
function codeCache() {
  for (const f of fs.readdirSync(outPath('dist'))) if (/^cli-main-.*\.cache$/.test(f)) fs.rmSync(outPath(`dist/${f}`));
  const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => /\.(md|tex)$/.test(f)).map((f) => path.join(root, 'examples', f));
  const r = spawnSync(process.execPath, [outPath('dist/cli.js'), 'lint', '--no-config', ...examples], { cwd: root, env: { ...process.env, IMID_LENS_BUILD_CODE_CACHE: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`dist/cli.js lint examples/ (code cache): exit ${r.status}\n${r.stderr}`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const watch = args.has('--watch');
const t0 = Date.now();
if (isMain) try {
  if (watch) {
    // the build's code cache would be of a bundle that is about to change (a cache V8 takes for a
    // same-length source would run old code): without it, dist/cli.js uses the user's own cache
    if (fs.existsSync(outPath('dist'))) for (const f of fs.readdirSync(outPath('dist'))) if (/^cli-main-.*\.cache$/.test(f)) fs.rmSync(outPath(`dist/${f}`));
    for (const b of builds) await (await esbuild.context(b)).watch();
    console.log('watching for changes...');
  } else {
    const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, metafile: true })));
    fs.chmodSync(outPath('dist/cli.js'), 0o755);
    writeNotices(results.filter((r, i) => builds[i].outfile?.startsWith(outPath('dist'))).map((r) => r.metafile));
    codeCache();
    console.log(`built ${builds.length} bundles in ${Date.now() - t0} ms`);
  }
} catch (e) {
  if (!e.errors) console.error(e.message);
  process.exit(1);
}
