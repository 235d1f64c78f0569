/**
 * The CLI: same engine and configuration as the editor. `run()` takes argv
 * and an io object, so tests run it in-process; bin.ts only wires Node's.
 */
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import {
  CONFIG_FILE,
  type Engine,
  type ParsedConfig,
  TextDocument,
  buildCard,
  bundledEngine,
  fixText,
  languageIdFromPath,
  lint,
  parseConfig,
  suggestNames,
} from '../core/index';
import { type Args, type LintArgs, USAGE, UsageError, parseArgs } from './args';
import { CliBibliographies } from './citations';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import type { FileResult } from './formatters/types';

declare const IMID_LENS_VERSION: string | undefined;

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  color?: boolean;
}

export interface RunParams {
  argv: readonly string[];
  io: Io;
}

export const VERSION = typeof IMID_LENS_VERSION === 'string' ? IMID_LENS_VERSION : '0.0.0-dev';

/** Thrown for runtime errors that must exit 2 with a file (and line) in the message. */
export class RuntimeError extends Error {}

export async function run({ argv, io }: RunParams): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`imid-lens: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  try {
    switch (args.command) {
      case 'help':
        io.stdout(`${USAGE}\n`);
        return 0;
      case 'version':
        io.stdout(`${VERSION}\n`);
        return 0;
      case 'explain':
        return explain(args.name, args.format, io);
      case 'rules':
        return listRules(args.format, io);
      case 'lint':
        return await lintCommand(args, io);
    }
  } catch (e) {
    if (e instanceof RuntimeError) {
      io.stderr(`imid-lens: ${e.message}\n`);
      return 2;
    }
    io.stderr(`imid-lens: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

function explain(name: string, format: 'markdown' | 'json', io: Io): number {
  const engine = bundledEngine();
  const form = engine.db.lookup(name);
  const term = form && engine.db.term(form.termId);
  if (!form || !term) {
    const suggestions = suggestNames(engine.db, name);
    if (format === 'json') io.stdout(`${JSON.stringify({ error: `unknown name "${name}"`, suggestions }, null, 2)}\n`);
    else io.stderr(`imid-lens: "${name}" is not in the term database.${suggestions.length ? ` Did you mean: ${suggestions.join(', ')}?` : ''}\n`);
    return 1;
  }
  const card = buildCard(engine.db, term, form);
  io.stdout(format === 'json' ? `${JSON.stringify(card, null, 2)}\n` : `${card.markdown}\n`);
  return 0;
}

function listRules(format: 'markdown' | 'json', io: Io): number {
  const engine = bundledEngine();
  const infos = engine.ruleIds.map((id) => engine.ruleInfo(id)!).sort((a, b) => a.family.localeCompare(b.family) || a.id.localeCompare(b.id));
  if (format === 'json') io.stdout(`${JSON.stringify(infos, null, 2)}\n`);
  else for (const r of infos) io.stdout(`${r.id.padEnd(40)} ${r.severity.padEnd(11)} ${r.family.padEnd(18)} ${r.message}\n`);
  return 0;
}

/** Nearest .imid-lens.json from `dir` upwards. */
export function findConfig(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const p = path.join(d, CONFIG_FILE);
    if (fs.existsSync(p)) return p;
    if (path.dirname(d) === d) return undefined;
  }
}

export function loadConfig(file: string): ParsedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new RuntimeError(`${file}: cannot read the configuration (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseConfig(text, file);
}

const DEFAULT_IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**'];

async function expandFiles(patterns: readonly string[], cwd: string, ignore: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const p of patterns) {
    const abs = path.resolve(cwd, p);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) {
      files.add(abs);
      continue;
    }
    if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
      for (const f of await glob(['**/*.{md,markdown,qmd,rmd,Rmd,tex,txt}'], { cwd: abs, absolute: true, ignore: [...DEFAULT_IGNORE] })) files.add(path.resolve(f));
      continue;
    }
    const found = await glob([p], { cwd, absolute: true, ignore: [...DEFAULT_IGNORE], dot: false });
    if (!found.length) missing.push(p);
    for (const f of found) files.add(path.resolve(f));
  }
  let list = [...files].sort();
  if (ignore.length) {
    const isIgnored = picomatch([...ignore], { dot: true });
    list = list.filter((f) => !isIgnored(path.relative(cwd, f).split(path.sep).join('/')));
  }
  return { files: list, missing };
}

/** Reads a document; undefined text with a reason when it cannot be linted. */
export function readDocument(file: string): { text?: string; bom: boolean; skipped?: string; note?: string } {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RuntimeError(`${file}: cannot read (${code ?? (e as Error).message})`);
  }
  const head = buf.subarray(0, Math.min(buf.length, 8000));
  if (head.includes(0)) return { bom: false, skipped: 'binary file (contains NUL bytes); not linted' };
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), bom };
  } catch {
    return { text: new TextDecoder('utf-8').decode(body), bom, note: 'not valid UTF-8: invalid bytes were read as U+FFFD' };
  }
}

async function lintCommand(args: LintArgs, io: Io): Promise<number> {
  const cwd = io.cwd;
  let configFile: string | undefined;
  if (args.config) {
    configFile = path.resolve(cwd, args.config);
    if (!fs.existsSync(configFile)) throw new RuntimeError(`${args.config}: configuration file not found`);
  } else if (!args.noConfig) configFile = findConfig(cwd);
  const parsed = configFile ? loadConfig(configFile) : undefined;
  const engine: Engine = bundledEngine(parsed);
  if (engine.configProblems.length) {
    for (const p of engine.configProblems) io.stderr(`${path.relative(cwd, p.file) || p.file}:${p.line + 1}:${p.character + 1}: ${p.message}\n`);
    io.stderr(`imid-lens: the configuration has ${engine.configProblems.length} problem${engine.configProblems.length === 1 ? '' : 's'}; fix ${path.relative(cwd, configFile ?? CONFIG_FILE) || CONFIG_FILE} and run again.\n`);
    return 2;
  }
  const configDir = configFile ? path.dirname(configFile) : cwd;
  const ignore = (engine.config.ignore ?? []).map((g) => path.relative(cwd, path.resolve(configDir, g)).split(path.sep).join('/') || g);
  const { files, missing } = await expandFiles(args.files, cwd, ignore);
  let runtimeErrors = 0;
  for (const m of missing) {
    io.stderr(`imid-lens: ${m}: no such file (and no file matches the pattern)\n`);
    runtimeErrors++;
  }
  const bibs = new CliBibliographies(cwd);
  for (const m of await bibs.init(configFile ? configDir : undefined, engine.config.bibliographies ?? [], args.bib)) {
    io.stderr(`imid-lens: --bib ${m}: no such file\n`);
    runtimeErrors++;
  }
  const results: FileResult[] = [];
  for (const file of files) {
    const display = path.relative(cwd, file).split(path.sep).join('/') || file;
    const languageId = args.language ?? languageIdFromPath(file) ?? 'plaintext';
    let doc: ReturnType<typeof readDocument>;
    try {
      doc = readDocument(file);
    } catch (e) {
      if (!(e instanceof RuntimeError)) throw e;
      io.stderr(`imid-lens: ${display}: ${e.message.slice(e.message.indexOf(': ') + 2)}\n`);
      runtimeErrors++;
      continue;
    }
    if (doc.text === undefined) {
      io.stderr(`imid-lens: ${display}: ${doc.skipped}\n`);
      results.push({ file: display, findings: [], suppressed: [], ...(doc.skipped ? { skipped: doc.skipped } : {}) });
      continue;
    }
    if (doc.note) io.stderr(`imid-lens: ${display}: ${doc.note}\n`);
    let text = doc.text;
    if (args.fix) {
      const fixed = fixText(text, languageId, engine);
      if (fixed.text !== text) {
        try {
          fs.writeFileSync(file, (doc.bom ? '\ufeff' : '') + fixed.text);
        } catch (e) {
          io.stderr(`imid-lens: ${display}: cannot write the fixes (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
          runtimeErrors++;
        }
        text = fixed.text;
      }
    }
    const res = lint(new TextDocument(file, text, 1, languageId), { engine, languageId, citations: bibs.checkerFor(file) });
    const findings = args.quiet ? res.findings.filter((f) => f.severity === 'error') : res.findings;
    results.push({ file: display, findings, suppressed: res.suppressed });
  }
  // problems of the bibliographies that were read (broken entries, duplicate keys)
  for (const r of bibs.results()) results.push(args.quiet ? { ...r, findings: r.findings.filter((f) => f.severity === 'error') } : r);
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  switch (args.format) {
    case 'json':
      io.stdout(`${formatJson(results, args.includeSuppressed)}\n`);
      break;
    case 'sarif':
      io.stdout(`${formatSarif(results, engine, VERSION, args.includeSuppressed)}\n`);
      break;
    default: {
      const s = formatStylish(results, io.color ?? false);
      if (s) io.stdout(`${s}\n`);
    }
  }
  if (runtimeErrors) return 2;
  const all = results.flatMap((r) => r.findings);
  if (all.some((f) => f.severity === 'error')) return 1;
  if (args.maxWarnings !== undefined && all.filter((f) => f.severity === 'warning').length > args.maxWarnings) return 1;
  return 0;
}
