/**
 * The CLI: same engine and configuration as the editor. `run()` takes argv
 * and an io object, so tests run it in-process; bin.ts only wires Node's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import {
  CONFIG_FILE,
  type Engine,
  type ParsedConfig,
  type Finding,
  type WorkspaceConfig,
  Workspace,
  dirOf,
  joinLoc,
  proseKindOf,
  type OffsetEditLike,
  TextDocument,
  applyEdits,
  buildCard,
  bundledEngine,
  languageIdFromPath,
  lexicalFix,
  lint,
  parseConfig,
  ruleMessage,
  suggestNames,
} from '../core/index';
import { type Args, type CardFormat, HELP, type LintArgs, type McpArgs, USAGE, UsageError, parseArgs } from './args';
import { CliBibliographies } from './citations';
import { DocxError, isWordFile, lintWordFile } from './docx';
import { engineContext, formatHtml } from './formatters/html';
import { formatJsonPieces } from './formatters/json';
import { formatSarifPieces } from './formatters/sarif';
import { formatStylishPieces } from './formatters/stylish';
import { locOfPath, nodeHost, pathOfLoc } from './workspaceFs';
import type { FileResult } from './formatters/types';
import { serveMcp } from './mcp';
import { renderMarkdown, wrap } from './terminal';

declare const IMID_LENS_VERSION: string | undefined;

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  color?: boolean;
  /** Width of the terminal, when stdout is one: excerpts and cards are fitted to it. */
  columns?: number;
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
      const usage = e.topic ? `${HELP[e.topic].split('\n\n')[0]}\nRun "imid-lens ${e.topic} --help" for the options.` : USAGE;
      io.stderr(`imid-lens: ${e.message}\n\n${usage}\n`);
      return 2;
    }
    throw e;
  }
  try {
    switch (args.command) {
      case 'help':
        io.stdout(`${args.topic ? HELP[args.topic] : USAGE}\n`);
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
      case 'mcp':
        return await mcpCommand(args, io);
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

/** Width for rendered text: the terminal's (within 60 to 100 columns), else 80. */
const textWidth = (io: Io) => Math.min(100, Math.max(60, io.columns ?? 80));

function explain(name: string, format: CardFormat, io: Io): number {
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
  if (format === 'json') io.stdout(`${JSON.stringify(card, null, 2)}\n`);
  else if (format === 'markdown') io.stdout(`${card.markdown}\n`);
  else io.stdout(`${renderMarkdown(card.markdown, { width: textWidth(io), color: io.color ?? false })}\n`);
  return 0;
}

function listRules(format: CardFormat, io: Io): number {
  const engine = bundledEngine();
  const infos = engine.ruleIds.map((id) => engine.ruleInfo(id)!).sort((a, b) => a.family.localeCompare(b.family) || a.id.localeCompare(b.id));
  if (format === 'json') {
    io.stdout(`${JSON.stringify(infos, null, 2)}\n`);
    return 0;
  }
  if (format === 'markdown') {
    const cell = (s: string) => s.replace(/([\\`*_{}[\]<>|])/g, '\\$1');
    io.stdout('| Rule | Severity | Family | Message |\n|---|---|---|---|\n');
    for (const r of infos) {
      const m = ruleMessage(engine, r.id);
      io.stdout(`| \`${r.id}\` | ${r.severity} | ${r.family} | ${cell(m.message)}${m.names ? ` Names: ${cell(m.names)}.` : ''} |\n`);
    }
    return 0;
  }
  const width = textWidth(io);
  const bold = (s: string) => (io.color ? `\u001b[1m${s}\u001b[22m` : s);
  const dim = (s: string) => (io.color ? `\u001b[2m${s}\u001b[22m` : s);
  const families = [...new Set(infos.map((r) => r.family))];
  io.stdout(
    `${infos.length} rules in ${families.length} families. Change a rule's severity (or turn it "off") under\n"rules" in .imid-lens.json; silence one place with a disable comment\n(imid-lens-disable-next-line RULE-ID).\n`,
  );
  for (const family of families) {
    const rules = infos.filter((r) => r.family === family);
    io.stdout(`\n${bold(family)}\n`);
    for (const r of rules) {
      const m = ruleMessage(engine, r.id);
      io.stdout(`  ${r.id}  ${dim(r.severity)}\n`);
      for (const l of wrap(m.message, width - 4)) io.stdout(`    ${l}\n`);
      if (m.names) for (const l of wrap(`Names: ${m.names}.`, width - 4, '  ')) io.stdout(`    ${dim(l)}\n`);
    }
  }
  return 0;
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

async function expandFiles(patterns: readonly string[], cwd: string): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const p of patterns) {
    const abs = path.resolve(cwd, p);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) {
      files.add(abs);
      continue;
    }
    if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
      // Word's lock files (~$name.docx) are not documents
      for (const f of await glob(['**/*.{md,markdown,qmd,rmd,Rmd,tex,txt,docx}'], { cwd: abs, absolute: true, ignore: [...DEFAULT_IGNORE, '**/~$*.docx'] })) files.add(path.resolve(f));
      continue;
    }
    const found = await glob([p], { cwd, absolute: true, ignore: [...DEFAULT_IGNORE, '**/~$*.docx'], dot: false });
    if (!found.length) missing.push(p);
    for (const f of found) files.add(path.resolve(f));
  }
  return { files: [...files].sort(), missing };
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
  // one configuration per document, as in the editor: the nearest .imid-lens.json upwards
  // (src/core/workspace), unless --config names one for every file or --no-config
  const workspace = new Workspace(nodeHost());
  let fixed: WorkspaceConfig | undefined;
  if (args.config) {
    const configFile = path.resolve(cwd, args.config);
    if (!fs.existsSync(configFile)) throw new RuntimeError(`${args.config}: configuration file not found`);
    const loc = locOfPath(configFile);
    fixed = { loc, dir: dirOf(loc), parsed: loadConfig(configFile) };
  } else if (args.noConfig) fixed = {};
  const configOf = async (file: string): Promise<WorkspaceConfig> => fixed ?? (await workspace.configFor(locOfPath(file)));
  const engines = new Map<string, Engine>();
  const engineOf = (config: WorkspaceConfig): Engine => {
    const key = config.loc ?? '';
    let engine = engines.get(key);
    if (!engine) {
      engine = bundledEngine(config.parsed, undefined, args.asOf);
      engines.set(key, engine);
    }
    return engine;
  };
  /** Exit 2 with the problems of a configuration (the working directory's first, then those of the files). */
  const problemsOf = (config: WorkspaceConfig): boolean => {
    const engine = engineOf(config);
    if (!engine.configProblems.length) return false;
    const configFile = config.loc ? pathOfLoc(config.loc) : CONFIG_FILE;
    for (const p of engine.configProblems) io.stderr(`${path.relative(cwd, p.file.startsWith('file://') ? pathOfLoc(p.file) : p.file) || p.file}:${p.line + 1}:${p.character + 1}: ${p.message}\n`);
    io.stderr(`imid-lens: the configuration has ${engine.configProblems.length} problem${engine.configProblems.length === 1 ? '' : 's'}; fix ${path.relative(cwd, configFile) || CONFIG_FILE} and run again.\n`);
    return true;
  };
  const cwdConfig = fixed ?? (await workspace.configFor(joinLoc(locOfPath(cwd), '-')));
  if (problemsOf(cwdConfig)) return 2;
  const engine = engineOf(cwdConfig);
  const { files: listed, missing } = await expandFiles(args.files, cwd);
  const files: Array<{ file: string; config: WorkspaceConfig }> = [];
  for (const file of listed) {
    const config = await configOf(file);
    if (config !== cwdConfig && config.loc !== cwdConfig.loc && problemsOf(config)) return 2;
    if (!workspace.isIgnored(locOfPath(file), config)) files.push({ file, config });
  }
  // -o FILE (not "-", which is stdout); never one of the documents being checked
  const toFile = args.output && args.output !== '-' ? path.resolve(cwd, args.output) : undefined;
  if (toFile && (files.some((f) => f.file === toFile) || toFile === (args.config ? path.resolve(cwd, args.config) : undefined) || args.bib.some((b) => path.resolve(cwd, b) === toFile))) throw new RuntimeError(`${args.output}: the output file is one of the files being checked; choose another name (-o)`);
  let runtimeErrors = 0;
  for (const m of missing) {
    io.stderr(`imid-lens: ${m}: no such file (and no file matches the pattern)\n`);
    runtimeErrors++;
  }
  const bibs = new CliBibliographies(cwd, workspace, (w) => io.stderr(`imid-lens: bibliographies: ${w.replace(/file:\/\/\S*/g, (l) => path.relative(cwd, pathOfLoc(l)) || '.')}\n`));
  for (const m of bibs.init(args.bib)) {
    io.stderr(`imid-lens: --bib ${m}: no such file\n`);
    runtimeErrors++;
  }
  const results: FileResult[] = [];
  const fixReport: Array<{ file: string; byRule: ReadonlyMap<string, number> }> = [];
  for (const { file, config } of files) {
    const engine = engineOf(config);
    const display = path.relative(cwd, file).split(path.sep).join('/') || file;
    const languageId = args.language ?? languageIdFromPath(file) ?? 'plaintext';
    const limit = args.maxProblems !== undefined ? { maxFindings: args.maxProblems } : {};
    const kept = (res: { findings: Finding[]; truncated?: boolean }) => {
      const all = res.truncated ? res.findings.map((f) => (f.ruleId === 'too-many-problems' ? cliTruncationNote(f, args.maxProblems!) : f)) : res.findings;
      return args.quiet ? all.filter((f) => f.severity === 'error') : all;
    };
    if (isWordFile(file)) {
      // Word documents (src/cli/docx.ts): read with mammoth, linted as plain text, reported by paragraph
      if (args.fix) io.stderr(`imid-lens: ${display}: --fix does not write into Word documents; fix its findings in Word\n`);
      try {
        const word = await lintWordFile(file, (d) => lint(d, { engine, languageId: 'plaintext', ...limit }));
        results.push({ file: display, findings: kept(word), suppressed: word.suppressed, text: word.text, docx: word.info });
      } catch (e) {
        if (!(e instanceof DocxError)) throw e;
        io.stderr(`imid-lens: ${display}: ${e.message}\n`);
        runtimeErrors++;
      }
      continue;
    }
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
      const fixed = applyLexicalFixes(text, languageId, engine);
      if (fixed.text !== text) {
        try {
          fs.writeFileSync(file, (doc.bom ? '\ufeff' : '') + fixed.text);
          fixReport.push({ file: display, byRule: fixed.byRule });
        } catch (e) {
          io.stderr(`imid-lens: ${display}: cannot write the fixes (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
          runtimeErrors++;
        }
        text = fixed.text;
      }
    }
    const res = lint(new TextDocument(file, text, 1, languageId), {
      engine,
      languageId,
      citations: await bibs.checkerFor(file, text, proseKindOf(languageId) ?? 'plaintext', config),
      ...limit,
    });
    results.push({ file: display, findings: kept(res), suppressed: res.suppressed, text });
  }
  // problems of the bibliographies that were read (broken entries, duplicate keys)
  for (const r of bibs.results()) results.push(args.quiet ? { ...r, findings: r.findings.filter((f) => f.severity === 'error') } : r);
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (args.fix) {
    // what --fix changed: on stdout before the findings, or on stderr when stdout is for tools
    const summary = formatFixSummary(fixReport);
    if (args.format === 'stylish') io.stdout(`${summary}\n\n`);
    else io.stderr(`${summary}\n`);
  }
  // the output in pieces (a claim-dense file has hundreds of thousands of findings), to stdout or -o FILE
  let fd: number | undefined;
  if (toFile) {
    try {
      fd = fs.openSync(toFile, 'w');
    } catch (e) {
      io.stderr(`imid-lens: ${args.output}: cannot write the output (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return 2;
    }
  }
  const write = (piece: string) => (fd !== undefined ? fs.writeSync(fd, piece) : io.stdout(piece));
  try {
    switch (args.format) {
      case 'json':
        for (const piece of formatJsonPieces(results, args.includeSuppressed)) write(piece);
        write('\n');
        break;
      case 'sarif':
        for (const piece of formatSarifPieces(results, engine, VERSION, args.includeSuppressed)) write(piece);
        write('\n');
        break;
      case 'html':
        write(`${formatHtml(results, engineContext(engine, VERSION, reportDate(new Date())))}\n`);
        break;
      default:
        for (const piece of formatStylishPieces(results, { color: toFile ? false : (io.color ?? false), ...(io.columns && !toFile ? { columns: io.columns } : {}) })) write(piece);
    }
  } catch (e) {
    if (fd === undefined) throw e;
    io.stderr(`imid-lens: ${args.output}: cannot write the output (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return 2;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (runtimeErrors) return 2;
  const all = results.flatMap((r) => r.findings);
  if (all.some((f) => f.severity === 'error')) return 1;
  if (args.maxWarnings !== undefined && all.filter((f) => f.severity === 'warning').length > args.maxWarnings) return 1;
  return 0;
}

/** `imid-lens mcp`: the engine with the project's configuration (as lint reads it), then the server until stdin closes. */
async function mcpCommand(args: McpArgs, io: Io): Promise<number> {
  // the working directory's configuration, found as lint finds a document's (src/core/workspace)
  let configFile: string | undefined;
  let parsed: ParsedConfig | undefined;
  if (args.config) {
    configFile = path.resolve(io.cwd, args.config);
    if (!fs.existsSync(configFile)) throw new RuntimeError(`${args.config}: configuration file not found`);
    parsed = loadConfig(configFile);
  } else if (!args.noConfig) {
    const found = await new Workspace(nodeHost()).configFor(joinLoc(locOfPath(io.cwd), '-'));
    configFile = found.loc ? pathOfLoc(found.loc) : undefined;
    parsed = found.parsed;
  }
  const engine = bundledEngine(parsed);
  if (engine.configProblems.length) {
    for (const p of engine.configProblems) io.stderr(`${path.relative(io.cwd, p.file) || p.file}:${p.line + 1}:${p.character + 1}: ${p.message}\n`);
    io.stderr(`imid-lens: the configuration has ${engine.configProblems.length} problem${engine.configProblems.length === 1 ? '' : 's'}; fix ${path.relative(io.cwd, configFile ?? CONFIG_FILE) || CONFIG_FILE} and start the server again.\n`);
    return 2;
  }
  return serveMcp({ engine, version: VERSION, stderr: io.stderr });
}

/** "2026-12-03 10:28 UTC": when an HTML report was made. */
function reportDate(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The too-many-problems note in CLI terms (the engine's names the editor setting). */
function cliTruncationNote(f: Finding, max: number): Finding {
  return { ...f, message: `Stopped checking this file here after ${max} problem${max === 1 ? '' : 's'} (--max-problems ${max}); the rest of the file was not checked.` };
}

/**
 * --fix: every lexical fix (misspellings, outdated names), pass after pass until none is left
 * (at most `maxPasses`), as the core's fixText() does, counting the fixes applied per rule.
 * Overlapping edits: the earlier-starting one wins and the other waits for the next pass.
 */
export function applyLexicalFixes(text: string, languageId: string, engine: Engine, maxPasses = 5): { text: string; applied: number; byRule: Map<string, number> } {
  const byRule = new Map<string, number>();
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const doc = new TextDocument('untitled:fix', text, pass + 1, languageId);
    const candidates: Array<{ ruleId: string; edits: OffsetEditLike[] }> = [];
    for (const f of lint(doc, { engine, languageId }).findings) {
      const fix = lexicalFix(f);
      if (!fix?.edits.length) continue;
      const edits = fix.edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText }));
      if (edits.every((e) => text.slice(e.start, e.end) === e.newText)) continue;
      candidates.push({ ruleId: f.ruleId, edits });
    }
    candidates.sort((a, b) => a.edits[0].start - b.edits[0].start || a.edits[0].end - b.edits[0].end);
    const kept: OffsetEditLike[] = [];
    let lastEnd = -1;
    for (const c of candidates) {
      const sorted = [...c.edits].sort((a, b) => a.start - b.start);
      if (sorted[0].start < lastEnd || sorted.some((e, k) => k > 0 && e.start < sorted[k - 1].end)) continue;
      kept.push(...sorted);
      lastEnd = Math.max(...sorted.map((e) => e.end));
      byRule.set(c.ruleId, (byRule.get(c.ruleId) ?? 0) + 1);
      applied++;
    }
    if (!kept.length) break;
    text = applyEdits(text, kept).text;
  }
  return { text, applied, byRule };
}

/** "a.md: 3 fixes applied: 2 misspelled-name, 1 lenalidomide-research-code", one line per changed file. */
export function formatFixSummary(report: ReadonlyArray<{ file: string; byRule: ReadonlyMap<string, number> }>): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : w.endsWith('x') ? 'es' : 's'}`;
  if (!report.length) return '--fix: nothing to fix (no misspellings or outdated names)';
  const lines = report.map(({ file, byRule }) => {
    const n = [...byRule.values()].reduce((a, b) => a + b, 0);
    const rules = [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, k]) => `${k} ${id}`);
    return `${file}: ${plural(n, 'fix')} applied (${rules.join(', ')})`;
  });
  if (report.length > 1) {
    const total = report.reduce((a, r) => a + [...r.byRule.values()].reduce((x, y) => x + y, 0), 0);
    lines.push(`--fix: ${plural(total, 'fix')} applied in ${report.length} files`);
  }
  return lines.join('\n');
}
