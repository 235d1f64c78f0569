/**
 * Bibliographies for `imid-lens lint`: which files a document uses is decided
 * by the workspace layer the editor uses too (src/core/workspace: front
 * matter, Quarto project files, the LaTeX root, .imid-lens.json, then every
 * `--bib`, relative to the working directory); this module reads them from
 * disk. Each file is read and parsed once per run; its own problems (broken
 * entries, duplicate keys, also across the files a document uses together)
 * are reported as findings in the bibliography file.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  type BibEntry,
  type BibProblem,
  type CitationChecker,
  type CitationSource,
  type Finding,
  NO_ENTRIES,
  type ParsedBibliography,
  type ProseKind,
  type WorkspaceConfig,
  Workspace,
  TextDocument,
  bibFormatOf,
  checkCitations,
  crossFileDuplicates,
  looksBinary,
  parseBibliography,
} from '../core/index';
import type { FileResult } from './formatters/types';
import { locOfPath, pathOfLoc } from './workspaceFs';

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
  private extra: Array<{ base: string; pattern: string }> = [];
  /** Resolution warnings already printed (a glob that matches nothing is reported once). */
  private readonly warned = new Set<string>();

  constructor(private readonly cwd: string, private readonly workspace: Workspace, private readonly warn: (message: string) => void = () => {}) {}

  private display(abs: string): string {
    return path.relative(this.cwd, abs).split(path.sep).join('/') || abs;
  }

  /** Takes the `--bib` files; returns those that do not exist. */
  init(extra: readonly string[]): string[] {
    const missing: string[] = [];
    for (const b of extra) {
      const abs = path.resolve(this.cwd, b);
      if (!fs.existsSync(abs)) missing.push(b);
      else this.extra.push({ base: locOfPath(this.cwd), pattern: abs.split(path.sep).join('/') });
    }
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

  /** The checker for one document: its bibliographies are resolved first (the layer reads the files it needs). */
  async checkerFor(file: string, text: string, kind: ProseKind, config: WorkspaceConfig | undefined): Promise<CitationChecker> {
    const doc = locOfPath(file);
    const around = await this.workspace.bibliographiesAround({ doc, kind, text, ...(config ? { config } : {}), extra: this.extra });
    for (const w of around.warnings) if (!this.warned.has(w)) this.warned.add(w), this.warn(w);
    return (prose, engine) => {
      const sources: CitationSource[] = [];
      const used: string[] = [];
      for (const f of this.workspace.withNamed(doc, prose.bibliographies, around)) {
        const named = f.named ? { named: f.named } : {};
        if (!f.loc || f.unreadable) {
          sources.push({ label: f.label, target: f.label, format: 'bibtex', state: 'unreadable', entries: NO_ENTRIES, reason: f.unreadable ?? 'unreadable', ...named });
          continue;
        }
        const abs = pathOfLoc(f.loc);
        const l = this.load(abs);
        if (l.state === 'ready') used.push(abs);
        sources.push({ label: f.named ? f.label : l.display, target: l.display, format: l.parsed?.format ?? bibFormatOf(abs) ?? 'bibtex', state: l.state, entries: l.entries, ...(l.reason ? { reason: l.reason } : {}), ...named });
      }
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
