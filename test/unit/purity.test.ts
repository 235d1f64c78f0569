// src/core must import neither 'vscode' nor Node built-ins: it runs in the web worker too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const BUILTINS = ['fs', 'path', 'os', 'child_process', 'url', 'util', 'crypto', 'stream', 'events', 'buffer', 'process', 'http', 'https', 'net', 'worker_threads', 'module', 'assert', 'zlib', 'readline', 'tty'];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

test('src/core imports neither vscode nor node:* nor a Node built-in', () => {
  const bad: string[] = [];
  const re = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g;
  for (const f of files(path.join(process.cwd(), 'src/core'))) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(re)) {
      const spec = m[1];
      if (spec === 'vscode' || spec.startsWith('node:') || BUILTINS.includes(spec.split('/')[0])) bad.push(`${path.relative(process.cwd(), f)}: ${spec}`);
    }
    if (/\bprocess\.|\bBuffer\.|\b__dirname\b|\brequire\(/.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))) bad.push(`${path.relative(process.cwd(), f)}: uses a Node global`);
  }
  assert.deepEqual(bad, []);
});

test('the purity check itself catches an offending import', () => {
  const re = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g;
  const sample = "import * as vscode from 'vscode';\nimport fs from 'node:fs';";
  assert.deepEqual([...sample.matchAll(re)].map((m) => m[1]), ['vscode', 'node:fs']);
});
