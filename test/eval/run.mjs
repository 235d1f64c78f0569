#!/usr/bin/env node
// Bundles test/eval/main.ts with the data in data/ (validated like the real build) and runs it.
// Usage: npm run eval [-- --quiet]
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { loadData } from '../../esbuild.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.resolve(root, process.env.IMID_LENS_OUT ?? '.build', 'eval');
const outfile = path.join(outDir, 'eval.cjs');

const validators = () => {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
  const dir = path.join(root, 'data/schema');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), f);
  return standaloneCode(ajv, { validateConfig: 'config.schema.json' });
};

const dataPlugin = {
  name: 'imid-lens-data',
  setup(build) {
    build.onResolve({ filter: /^imid-lens:(data|validators)$/ }, (a) => ({ path: a.path, namespace: 'imid-lens' }));
    build.onLoad({ filter: /.*/, namespace: 'imid-lens' }, (a) =>
      a.path === 'imid-lens:data'
        ? { contents: `export default ${JSON.stringify(loadData())};`, loader: 'js' }
        : { contents: validators(), loader: 'js', resolveDir: root },
    );
  },
};

try {
  await esbuild.build({
    entryPoints: [path.join(root, 'test/eval/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    logLevel: 'warning',
    absWorkingDir: root,
    mainFields: ['module', 'main'],
    define: { IMID_LENS_VERSION: '"eval"' },
    plugins: [dataPlugin],
  });
} catch (e) {
  if (!e.errors) console.error(e.message);
  process.exit(2);
}
const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
