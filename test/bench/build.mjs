// Builds the benchmark's in-process harness (test/bench/src/*.ts → <out>/bench/*.js), bundling
// src/core with the same virtual data modules as esbuild.mjs ("imid-lens:data", "imid-lens:validators").
//   node test/bench/build.mjs [outDir]     (default: .build/bench)
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { dataPlugin as productDataPlugin, loadData } from '../../esbuild.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The data of a checkout (validated, as esbuild.mjs does), or of another folder with the same layout (not validated). */
function readData(dataRoot) {
  if (!dataRoot) return loadData();
  const list = (d) => fs.readdirSync(path.join(dataRoot, d)).filter((f) => f.endsWith('.json')).sort().map((f) => `${d}/${f}`);
  const read = (f) => JSON.parse(fs.readFileSync(path.join(dataRoot, f), 'utf8'));
  const termFiles = list('data/terms');
  const claimFiles = list('data/claims');
  return { terms: termFiles.map(read), claims: claimFiles.map(read), references: read('data/references.json'), termFiles, claimFiles };
}

export const dataPlugin = (dataRoot) => ({
  name: 'imid-lens-data (bench)',
  setup(build) {
    build.onResolve({ filter: /^imid-lens:(data|validators)$/ }, (a) => ({ path: a.path, namespace: 'imid-lens' }));
    build.onLoad({ filter: /.*/, namespace: 'imid-lens' }, (a) => {
      if (a.path === 'imid-lens:data') return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(readData(dataRoot)))});`, loader: 'js' };
      const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
      for (const f of fs.readdirSync(path.join(root, 'data/schema')).filter((x) => x.endsWith('.json')).sort()) {
        ajv.addSchema(JSON.parse(fs.readFileSync(path.join(root, 'data/schema', f), 'utf8')), f);
      }
      return { contents: standaloneCode(ajv, { validateConfig: 'config.schema.json' }), loader: 'js', resolveDir: root };
    });
  },
});

/** Bundles each entry (with src/core and the data) into outDir as CommonJS. */
export async function buildEntries(entries, outDir, { dev = Boolean(process.env.BENCH_DEV), dataRoot = process.env.BENCH_DATA_ROOT } = {}) {
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    minify: !dev,
    keepNames: true,
    sourcemap: 'linked',
    mainFields: ['module', 'main'],
    absWorkingDir: root,
    logLevel: 'warning',
    // the checkout's own data: the product's data module (with the tries and needs a build precomputes)
    plugins: [dataRoot ? dataPlugin(dataRoot) : productDataPlugin],
    define: { IMID_LENS_VERSION: '"bench"', 'import.meta.url': '__importMetaUrl' },
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(root, process.argv[2] ?? '.build/bench');
  const entries = fs.readdirSync(path.join(root, 'test/bench/src')).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => path.join(root, 'test/bench/src', f));
  await buildEntries(entries, path.join(outDir, 'bench'));
  console.error(`bench harness: ${entries.length} entries → ${path.relative(root, outDir)}/bench/`);
}
