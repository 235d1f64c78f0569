#!/usr/bin/env node
// Word documents in the CLI (docs/docx.md): how long mammoth (dist/docx.js) takes to read
// documents of 100, 1,000 and 10,000 paragraphs, and the whole CLI's CPU time on such a .docx
// against the same text as Markdown. Build first (node esbuild.mjs; IMID_LENS_OUT=.build/x for a
// private build). Prints a Markdown table; figures are never asserted in tests.
//
//   node test/bench/docx.mjs [paragraphs...]     default: 100 1000 10000
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = path.resolve(root, process.env.IMID_LENS_OUT ?? '.');
const require = createRequire(import.meta.url);
const cli = path.join(build, 'dist/cli.js');
const reader = path.join(build, 'dist/docx.js');
if (!fs.existsSync(cli) || !fs.existsSync(reader)) {
  console.error(`build first: ${path.relative(root, cli)} and ${path.relative(root, reader)} are missing (node esbuild.mjs)`);
  process.exit(1);
}
const d = require('docx');
const { convertToHtml } = require(reader);
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const stamp = { author: 'A', date: '2024-01-01T00:00:00Z' };

/** A document of n paragraphs (a heading every 50, a table every 100, a footnote every 20, tracked changes in each) and its Markdown twin. */
async function make(n) {
  const kids = [];
  const md = [];
  const footnotes = {};
  const notes = [];
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0) {
      kids.push(new d.Paragraph({ heading: d.HeadingLevel.HEADING_2, text: `Section ${i / 50} on lenalidomide` }));
      md.push(`## Section ${i / 50} on lenalidomide`, '');
    }
    const fn = i % 20 === 0 ? i / 20 + 1 : 0;
    if (fn) {
      footnotes[fn] = { children: [new d.Paragraph(`Footnote ${fn}: Celgene markets Revlimid in several countries.`)] };
      notes.push(`Footnote ${fn}: Celgene markets Revlimid in several countries.`, '');
    }
    const text = `Paragraph ${i}: lenalidomide (CC-5013) binds cereblon and is given with dexamethasone in multiple myeloma; pomalidomide is a newer analogue. `;
    kids.push(new d.Paragraph({ children: [new d.TextRun(text), ...(fn ? [new d.FootnoteReferenceRun(fn)] : []), new d.InsertedTextRun({ text: 'Inserted words.', id: 2 * i + 1, ...stamp }), new d.DeletedTextRun({ text: ' Deleted words.', id: 2 * i + 2, ...stamp })] }));
    md.push(`${text}Inserted words.`, '');
    if (i % 100 === 99) {
      kids.push(new d.Table({ rows: [1, 2].map((r) => new d.TableRow({ children: [new d.TableCell({ children: [new d.Paragraph(`Row ${r}`)] }), new d.TableCell({ children: [new d.Paragraph('Apremilast is a PDE4 inhibitor.')] })] })) }));
      md.push('| Row | Note |', '|---|---|', '| Row 1 | Apremilast is a PDE4 inhibitor. |', '| Row 2 | Apremilast is a PDE4 inhibitor. |', '');
    }
  }
  const buf = await d.Packer.toBuffer(new d.Document({ footnotes, sections: [{ children: kids }] }));
  return { buf, md: [...md, '# Footnotes', '', ...notes].join('\n') };
}

async function readMs(buf, times = 5) {
  const t = [];
  for (let k = 0; k < times; k++) {
    const a = performance.now();
    await convertToHtml({ buffer: buf }, { externalFileAccess: false, transformDocument: (doc) => ({ ...doc, children: [] }) });
    t.push(performance.now() - a);
  }
  return Math.min(...t);
}

function cpu(file, cwd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, cli, 'lint', '--no-config', '--format', 'json', file], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const [u, s, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { cpu: u + s, mb: kb / 1024 };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imid-bench-docx-'));
try {
  const rows = [];
  for (const n of sizes.length ? sizes : [100, 1000, 10000]) {
    const { buf, md } = await make(n);
    fs.writeFileSync(path.join(dir, `d${n}.docx`), buf);
    fs.writeFileSync(path.join(dir, `d${n}.md`), md);
    const { unzipSync } = require(reader);
    const xml = unzipSync(buf, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml'].length;
    const read = await readMs(buf, n >= 10000 ? 3 : 5);
    const a = cpu(`d${n}.docx`, dir);
    const b = cpu(`d${n}.md`, dir);
    rows.push(`| ${n.toLocaleString('en')} | ${(buf.length / 1024).toFixed(0)} KB / ${(xml / 1048576).toFixed(2)} MB | ${read.toFixed(0)} ms | ${a.cpu.toFixed(2)} s, ${a.mb.toFixed(0)} MB | ${b.cpu.toFixed(2)} s, ${b.mb.toFixed(0)} MB |`);
  }
  const load = os.loadavg()[0].toFixed(1);
  console.log(`Word documents (${os.cpus().length} cores, load average ${load}; read: fastest of 3-5 in one process; CLI: user+system CPU and peak RSS of one run)\n`);
  console.log('| paragraphs | .docx / document.xml | mammoth read | CLI on the .docx | CLI on the same Markdown |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(r);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
