/**
 * Bibliographies for `imid-lens lint`: the same sources as the editor, read
 * from disk. A document's front matter / \bibliography / \addbibresource
 * (relative to the document), `bibliographies` in .imid-lens.json (globs,
 * relative to that file), every `--bib` (relative to the working directory),
 * and for a LaTeX file that names none, the .bib files next to it. Each file is
 * read and parsed once per run; its own problems (broken entries, duplicate
 * keys, also across the files a document uses together) are reported as
 * findings in the bibliography file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import {
  type BibEntry,
  type BibProblem,
  type CitationChecker,
  type CitationSource,
  type Finding,
  NO_ENTRIES,
  type ParsedBibliography,
  TextDocument,
  bibFormatOf,
  checkCitations,
  crossFileDuplicates,
  looksBinary,
  parseBibliography,
} from '../core/index';
import type { FileResult } from './formatters/types';

const MAX_BYTES = 64 * 1024 * 1024;

interface Loaded {
  readonly abs: string;
  readonly display: string;
  readonly state: CitationSource['state'];
  readonly reason?: string;
  readonly parsed?: ParsedBibliography;
  readonly text?: string;
  /** One map per file for the whole run (the core remembers suggestions per map). */
  readonly entries: ReadonlyMap<string, BibEntry>;
}

export class CliBibliographies {
  private readonly files = new Map<string, Loaded>();
  private readonly groups: string[][] = [];
  private configured: string[] = [];

  constructor(private readonly cwd: string) {}

  private display(abs: string): string {
    return path.relative(this.cwd, abs).split(path.sep).join('/') || abs;
  }

  /** Resolves the configured sources; returns the `--bib` files that do not exist. */
  async init(configDir: string | undefined, configPatterns: readonly string[], extra: readonly string[]): Promise<string[]> {
    const out = new Set<string>();
    if (configDir) {
      for (const p of configPatterns) {
        if (/[*?{}[\]]/.test(p)) {
          for (const f of await glob([p], { cwd: configDir, absolute: true, ignore: ['**/node_modules/**'] })) if (bibFormatOf(f)) out.add(path.resolve(f));
        } else out.add(path.resolve(configDir, p));
      }
    }
    const missing: string[] = [];
    for (const b of extra) {
      const abs = path.resolve(this.cwd, b);
      if (!fs.existsSync(abs)) missing.push(b);
      else out.add(abs);
    }
    this.configured = [...out];
    return missing;
  }

  private load(abs: string): Loaded {
    const hit = this.files.get(abs);
    if (hit) return hit;
    const display = this.display(abs);
    const format = bibFormatOf(abs);
    let loaded: Omit<Loaded, 'entries'>;
    try {
      const stat = fs.statSync(abs);
      if (!format) loaded = { abs, display, state: 'unreadable', reason: 'not a bibliography format imid-lens reads (.bib, .json, .yaml)' };
      else if (stat.size > MAX_BYTES) loaded = { abs, display, state: 'unreadable', reason: `${(stat.size / 1048576).toFixed(1)} MB is more than the ${MAX_BYTES / 1048576} MB imid-lens reads` };
      else {
        const buf = fs.readFileSync(abs);
        let text = new TextDecoder().decode(buf);
        if (looksBinary(text)) loaded = { abs, display, state: 'unreadable', reason: 'not a text file (it contains NUL bytes)' };
        else {
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          loaded = { abs, display, state: 'ready', parsed: parseBibliography(text, format), text };
        }
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      loaded = { abs, display, state: code === 'ENOENT' ? 'missing' : 'unreadable', reason: code === 'ENOENT' ? 'no such file' : (code ?? (e as Error).message) };
    }
    const full: Loaded = { ...loaded, entries: loaded.parsed ? new Map(loaded.parsed.entries.map((e) => [e.key, e] as const)) : NO_ENTRIES };
    this.files.set(abs, full);
    return full;
  }

  private nextTo(file: string): string[] {
    try {
      return fs.readdirSync(path.dirname(file)).filter((n) => /\.bib$/i.test(n)).sort().map((n) => path.join(path.dirname(file), n));
    } catch {
      return [];
    }
  }

  /** The checker for one document (its named bibliographies are relative to it). */
  checkerFor(file: string): CitationChecker {
    return (prose, engine) => {
      const sources: CitationSource[] = [];
      const seen = new Set<string>();
      const add = (abs: string | undefined, label: string, named?: { start: number; end: number }, unreadable?: string) => {
        if (abs && seen.has(abs)) return;
        if (abs) seen.add(abs);
        if (!abs || unreadable) {
          sources.push({ label, target: label, format: 'bibtex', state: 'unreadable', entries: NO_ENTRIES, reason: unreadable ?? 'unreadable', ...(named ? { named } : {}) });
          return;
        }
        const l = this.load(abs);
        sources.push({ label: named ? label : l.display, target: l.display, format: l.parsed?.format ?? bibFormatOf(abs) ?? 'bibtex', state: l.state, entries: l.entries, ...(l.reason ? { reason: l.reason } : {}), ...(named ? { named } : {}) });
      };
      for (const b of prose.bibliographies) {
        const p = b.path.replace(/\\/g, '/');
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) add(undefined, b.path, b, 'a remote bibliography: imid-lens never fetches anything');
        else add(path.resolve(path.dirname(file), p.startsWith('~/') ? path.join(process.env.HOME ?? '~', p.slice(2)) : p), b.path, b);
      }
      for (const abs of this.configured) add(abs, this.display(abs));
      if (prose.kind === 'latex' && !sources.length) for (const abs of this.nextTo(file)) add(abs, this.display(abs));
      const used = [...seen].filter((abs) => this.files.get(abs)?.state === 'ready');
      if (used.length > 1 && !this.groups.some((g) => g.length === used.length && g.every((x, i) => x === used[i]))) this.groups.push(used);
      return checkCitations(prose, { sources, bundled: engine.db.references }, engine);
    };
  }

  /** Findings in the bibliography files that were read (their own problems, keys duplicated across files used together). */
  results(): FileResult[] {
    const extra = new Map<string, BibProblem[]>();
    for (const g of this.groups) {
      const dup = crossFileDuplicates(g.map((abs) => this.files.get(abs)!).filter((l) => l.parsed).map((l) => ({ id: l.abs, label: l.display, parsed: l.parsed! })));
      for (const [id, problems] of dup) {
        const list = extra.get(id) ?? [];
        for (const p of problems) if (!list.some((x) => x.message === p.message && x.range.start.line === p.range.start.line)) list.push(p);
        extra.set(id, list);
      }
    }
    const out: FileResult[] = [];
    for (const l of this.files.values()) {
      const problems = [...(l.parsed?.problems ?? []), ...(extra.get(l.abs) ?? [])];
      if (!problems.length || l.text === undefined) continue;
      const doc = new TextDocument(l.abs, l.text);
      const findings: Finding[] = problems.map((p) => ({
        range: p.range,
        ruleId: p.code,
        severity: p.severity,
        message: p.message,
        fixes: [],
        start: doc.offsetAt(p.range.start),
        end: doc.offsetAt(p.range.end),
      }));
      findings.sort((a, b) => a.start - b.start || a.end - b.end);
      out.push({ file: l.display, findings, suppressed: [], text: l.text });
    }
    return out;
  }
}
