/**
 * BibTeX and BibLaTeX, parsed by biblatex-csl-converter (LaTeX accents,
 * braces, @string, crossref, JabRef comments), one entry at a time.
 *
 * The library loses every entry after one with an unbalanced brace and costs
 * a few hundred microseconds per entry, so a small scanner first cuts the file
 * into entries: it finds where each `@type{` … `}` starts and ends, and an
 * entry that is not closed ends before the next line that starts a new entry.
 * Each entry is then parsed on its own (cached by its text and the @string
 * definitions before it), a broken one becomes a problem at its line, and the
 * others are kept. @string definitions apply to the entries after them;
 * crossref parents are resolved once every entry is known.
 */
import { BibLatexParser } from 'biblatex-csl-converter';
import type { CslItem, CslName } from '../data/types';
import { LineIndex } from '../document';
import { type BibEntry, type BibProblem, ChunkCache, type ParseSteps, type ParsedBibliography, fnv1a, positionIn, runSync } from './types';

/** One `@type{…}` found by the scanner. */
export interface BibChunk {
  /** Lower-cased type: article, string, comment, preamble… */
  readonly type: string;
  readonly start: number;
  readonly end: number;
  /** False when the closing brace was never found (cut before the next entry or at the end). */
  readonly closed: boolean;
  /** The entry key (the name for @string), and its offsets. */
  readonly key: string;
  readonly keyStart: number;
}

/** Longer "entries" are not given to the library (an unclosed brace swallowed the file): reported, not parsed. */
export const MAX_ENTRY_CHARS = 256 * 1024;

const HEAD = /@[ \t]*([A-Za-z][\w:-]*)[ \t\r\n]*([{(])/y;
const NEW_ENTRY_LINE = /[ \t]*@[ \t]*[A-Za-z][\w:-]*[ \t]*[{(]/y;
const SPECIAL = /[{}()\\\n"]/g;

/**
 * The entries of a BibTeX file, in order. Linear: every search moves forward.
 * Text outside entries is a comment (as in BibTeX itself).
 */
export function* scanBibtex(text: string): Generator<BibChunk, void, void> {
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    const at = text.indexOf('@', pos);
    if (at < 0) return;
    HEAD.lastIndex = at;
    const h = HEAD.exec(text);
    if (!h) {
      pos = at + 1;
      continue;
    }
    const type = h[1].toLowerCase();
    const closer = h[2] === '{' ? 125 : 41;
    const bodyStart = at + h[0].length;
    let depth = 0;
    let quoted = false; // inside a "…" value (at depth 0): a ) does not close a (…) entry
    let end = -1;
    let cut = -1;
    SPECIAL.lastIndex = bodyStart;
    let m: RegExpExecArray | null;
    while ((m = SPECIAL.exec(text)) !== null) {
      const i = m.index;
      const c = text.charCodeAt(i);
      if (c === 92) {
        SPECIAL.lastIndex = i + 2; // \{ \} are not braces (as in the library)
      } else if (c === 123) {
        depth++;
      } else if (c === 125) {
        if (depth === 0 && closer === 125) {
          end = i + 1;
          break;
        }
        depth = Math.max(0, depth - 1);
      } else if (c === 34) {
        if (depth === 0) quoted = !quoted;
      } else if (c === 41) {
        if (depth === 0 && closer === 41 && !quoted) {
          end = i + 1;
          break;
        }
      } else if (c === 10) {
        // a line that starts a new entry: this one was never closed
        NEW_ENTRY_LINE.lastIndex = i + 1;
        if (type !== 'comment' && NEW_ENTRY_LINE.test(text)) {
          cut = i + 1;
          break;
        }
      } // ( is only special as the opener
    }
    const closed = end >= 0;
    const stop = closed ? end : cut >= 0 ? cut : n;
    // the key: up to the first comma (entries) or '=' (@string)
    let k = bodyStart;
    while (k < stop && /\s/.test(text[k])) k++;
    const keyStart = k;
    while (k < stop && !/[\s,={}()]/.test(text[k])) k++;
    yield { type, start: at, end: stop, closed, key: text.slice(keyStart, k), keyStart };
    pos = stop;
  }
}

// --- the library, one chunk at a time ------------------------------------------------

interface LibEntry {
  entry_key: string;
  bib_type: string;
  fields: Record<string, unknown>;
  unexpected_fields?: Record<string, unknown>;
  unknown_fields?: Record<string, unknown>;
}

interface LibIssue {
  type: string;
  key?: string;
  line?: number;
  expected?: string;
  found?: string;
  variable?: string;
  entry?: string;
  value?: unknown;
}

/** What one chunk parses to (cached by text). */
interface ChunkResult {
  readonly entry?: { key: string; item: CslItem; crossref?: string };
  readonly issues: readonly LibIssue[];
  /** @string definitions after this chunk (only for @string chunks). */
  readonly strings?: Record<string, string>;
}

const CONFIG = { processUnexpected: true, processUnknown: true };

/**
 * One run of the library. parse() ends with a JSON deep copy of its result
 * (about a third of its time) and a crossref pass; neither is needed for a
 * single entry, so the same public steps run without them (crossref children
 * are re-run with their parent, with the pass).
 */
function runLibrary(text: string, strings: Record<string, string>, resolveCrossrefs = false): { entries: LibEntry[]; errors: LibIssue[]; warnings: LibIssue[]; strings: Record<string, string>; crossrefs: Record<string, string> } {
  // The trailing newline is not cosmetic: the library skips a % comment up to the next "\n"
  // without checking for the end of its input, so `@misc{k, note={a} % c}` alone never returns.
  const parser = new BibLatexParser(text.endsWith('\n') ? text : `${text}\n`, CONFIG);
  parser.strings = { ...strings };
  parser.replaceTeXChars();
  parser.stepThroughBibtex();
  if (resolveCrossrefs) parser._resoveAllCrossRefs();
  return {
    entries: parser.entries as unknown as LibEntry[],
    errors: parser.errors as LibIssue[],
    warnings: parser.warnings as LibIssue[],
    strings: parser.strings,
    crossrefs: parser.crossrefs,
  };
}

/**
 * Parses one chunk. `scannedKey` is the key the scanner saw: an entry the
 * library cannot make sense of (no comma after the key, say) keeps it, so that
 * citing it is not also reported as an unknown key.
 */
function parseChunk(text: string, strings: Record<string, string>, isString: boolean, scannedKey: string): ChunkResult {
  const fallback = !isString && scannedKey ? { entry: { key: scannedKey, item: { id: scannedKey, type: 'document' } as CslItem } } : {};
  let lib: ReturnType<typeof runLibrary>;
  try {
    lib = runLibrary(text, strings);
  } catch (e) {
    return { issues: [{ type: 'exception', found: (e as Error).message }], ...fallback };
  }
  const issues = [...lib.errors.filter((e) => e.type !== 'unknown_crossref'), ...lib.warnings.filter((w) => w.type === 'undefined_variable')];
  if (isString) return { issues, strings: lib.strings };
  const e = lib.entries[0];
  if (!e || !e.entry_key) return { issues, ...fallback };
  const crossref = lib.crossrefs[e.entry_key];
  return { entry: { key: e.entry_key, item: toCsl(e), ...(crossref ? { crossref } : {}) }, issues };
}

// --- library entries to CSL-JSON ---------------------------------------------------------

const CSL_TYPE: Record<string, string> = {
  article: 'article-journal', book: 'book', mvbook: 'book', booklet: 'book', collection: 'book', mvcollection: 'book', proceedings: 'book',
  mvproceedings: 'book', inbook: 'chapter', bookinbook: 'chapter', suppbook: 'chapter', incollection: 'chapter', suppcollection: 'chapter',
  inproceedings: 'paper-conference', conference: 'paper-conference', report: 'report', techreport: 'report', manual: 'report',
  thesis: 'thesis', phdthesis: 'thesis', mastersthesis: 'thesis', online: 'webpage', www: 'webpage', electronic: 'webpage',
  misc: 'document', unpublished: 'manuscript', patent: 'patent', dataset: 'dataset', software: 'software', periodical: 'periodical',
  inreference: 'entry-encyclopedia', reference: 'book', legislation: 'legislation', jurisdiction: 'legal_case',
};

/** Plain text of a library value (text nodes, node arrays, ranges, strings). */
function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.replace(/\u0870/g, '').replace(/\u0871/g, '\\');
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(textOf).join('');
  if (typeof v === 'object') {
    const o = v as { text?: unknown; content?: unknown };
    if (typeof o.text === 'string') return o.text;
    if (o.content) return textOf(o.content);
  }
  return '';
}

function rangeText(v: unknown): string {
  // pages: [[from], [to]] pairs
  if (!Array.isArray(v)) return textOf(v);
  return v.map((r) => (Array.isArray(r) ? r.map(textOf).filter(Boolean).join('-') : textOf(r))).join(', ');
}

function listText(v: unknown): string {
  // publisher, location: a list of node arrays
  if (!Array.isArray(v)) return textOf(v);
  return v.map(textOf).filter(Boolean).join('; ');
}

function namesOf(v: unknown): { names: CslName[]; truncated: boolean } {
  const names: CslName[] = [];
  let truncated = false;
  if (!Array.isArray(v)) return { names, truncated };
  for (const n of v as Array<Record<string, unknown>>) {
    const literal = textOf(n.literal).trim();
    if (literal) {
      if (literal.toLowerCase() === 'others') truncated = true;
      else names.push({ literal });
      continue;
    }
    const family = [textOf(n.prefix), textOf(n.family), textOf(n.suffix)].filter(Boolean).join(' ').trim();
    const given = textOf(n.given).trim();
    if (family || given) names.push({ ...(family ? { family } : {}), ...(given ? { given } : {}) });
  }
  return { names, truncated };
}

function dateOf(v: unknown): CslItem['issued'] | undefined {
  const s = textOf(v).trim();
  if (!s) return undefined;
  const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(s);
  if (!m) return { raw: s };
  const parts = [Number(m[1]), ...(m[2] ? [Number(m[2])] : []), ...(m[3] ? [Number(m[3])] : [])];
  return { 'date-parts': [parts] };
}

/** A library entry as the CSL-JSON item the rest of imid-lens reads. */
function toCsl(e: LibEntry): CslItem {
  const f: Record<string, unknown> = { ...(e.unknown_fields ?? {}), ...(e.unexpected_fields ?? {}), ...e.fields };
  const type = CSL_TYPE[e.bib_type] ?? (e.bib_type.includes('-') ? e.bib_type : 'document');
  const item: CslItem = { id: e.entry_key, type };
  const set = (k: string, v: string | undefined) => {
    const t = v?.replace(/\s+/g, ' ').trim();
    if (t) item[k] = t;
  };
  set('title', textOf(f.title));
  const authors = namesOf(f.author);
  if (authors.names.length) item.author = authors.names;
  const editors = namesOf(f.editor);
  if (editors.names.length) item.editor = editors.names;
  if (authors.truncated || (!authors.names.length && editors.truncated)) item['authors-truncated'] = true;
  set('container-title', textOf(f.journaltitle) || textOf(f.booktitle) || textOf(f.maintitle) || textOf(f.journal));
  set('container-title-short', textOf(f.shortjournal));
  set('publisher', listText(f.publisher) || listText(f.institution) || listText(f.organization) || textOf(f.school));
  set('volume', textOf(f.volume));
  const isArticle = item.type === 'article-journal';
  set('issue', textOf(f.issue) || (isArticle ? textOf(f.number) : ''));
  if (!isArticle) set('number', textOf(f.number));
  set('page', rangeText(f.pages));
  const issued = dateOf(f.date ?? f.year);
  if (issued) item.issued = issued;
  set('DOI', textOf(f.doi));
  const eprintType = textOf(f.eprinttype).toLowerCase();
  set('PMID', textOf(f.pmid) || (eprintType === 'pubmed' || eprintType === 'pmid' ? textOf(f.eprint) : ''));
  set('PMCID', textOf(f.pmcid) || (eprintType === 'pmc' || eprintType === 'pmcid' ? textOf(f.eprint) : ''));
  set('URL', textOf(f.url) || urlIn(f.howpublished));
  set('note', textOf(f.note));
  return item;
}

function urlIn(v: unknown): string {
  const t = textOf(v);
  const m = /https?:\/\/\S+/.exec(t);
  return m ? m[0] : '';
}

// --- the whole file ------------------------------------------------------------------------

const MESSAGES: Record<string, (i: LibIssue) => string> = {
  token_mismatch: (i) => `expected "${i.expected ?? ''}" but found "${i.found ?? ''}"`,
  unexpected_eof: () => 'the entry ends inside a value (a brace or quote is not closed)',
  runaway_key: () => 'a key or field name runs to the end of the entry (missing "=" or ",")',
  circular_crossref: () => 'circular crossref',
  exception: (i) => `the parser failed: ${i.found ?? ''}`,
  too_large: (i) => `this entry is ${i.found ?? ''} long (a brace is probably not closed); it was not read`,
  missing_equal_sign: (i) => `"${i.key ?? ''}" is not followed by "=" (a comma missing after the key or a field?)`,
  cut_off_citation: () => 'the entry is cut off (a field name is missing)',
  key_value_error: () => 'a field could not be read (a comma or "=" is missing)',
};

/** One parse of a file; the cache may be shared between passes over versions of the same file. */
export function parseBibtexSteps(text: string, cache: ChunkCache<ChunkResult> = new ChunkCache()): ParseSteps<ParsedBibliography> {
  return (function* () {
    const index = new LineIndex(text);
    const lines = { at: (o: number) => positionIn(index, o), range: (s: number, e: number) => ({ start: positionIn(index, s), end: positionIn(index, e) }) };
    const entries: BibEntry[] = [];
    const problems: BibProblem[] = [];
    const chunks: Array<{ chunk: BibChunk; result: ChunkResult; stringsSig: string; strings: Record<string, string> }> = [];
    let strings: Record<string, string> = {};
    let stringsSig = '';
    let stringCount = 0;
    let sigHash = fnv1a('');
    const headRange = (c: BibChunk) => {
      const nl = text.indexOf('\n', c.start);
      let e = nl < 0 || nl > c.end ? c.end : nl;
      if (e > c.start && text.charCodeAt(e - 1) === 13) e--;
      return lines.range(c.start, e);
    };
    const lineRange = (c: BibChunk, libLine: number | undefined) => {
      if (!libLine || libLine < 1) return headRange(c);
      let s = c.start;
      for (let k = 1; k < libLine; k++) {
        const nl = text.indexOf('\n', s);
        if (nl < 0 || nl >= c.end) break;
        s = nl + 1;
      }
      let e = text.indexOf('\n', s);
      if (e < 0 || e > c.end) e = c.end;
      if (e > s && text.charCodeAt(e - 1) === 13) e--;
      return lines.range(s, e);
    };

    for (const chunk of scanBibtex(text)) {
      if (chunk.type === 'comment' || chunk.type === 'preamble') {
        yield;
        continue;
      }
      const body = text.slice(chunk.start, chunk.end);
      const isString = chunk.type === 'string';
      const cacheKey = `${stringsSig}\u0000${body}`;
      let result = cache.get(cacheKey);
      if (!result && body.length > MAX_ENTRY_CHARS) {
        // one step must stay short: the library needs seconds for megabytes
        const key = chunk.key;
        result = { issues: [{ type: 'too_large', found: `${Math.round(body.length / 1024)} KB` }], ...(key && !isString ? { entry: { key, item: { id: key, type: 'document' } } } : {}) };
      } else if (!result) {
        result = parseChunk(chunk.closed ? body : `${body}\n}`, strings, isString, chunk.key);
        cache.set(cacheKey, result);
      }
      if (isString && result.strings) {
        strings = result.strings;
        sigHash = fnv1a(body, sigHash);
        stringsSig = `${sigHash.toString(16)}.${++stringCount}`;
      }
      const label = isString ? `@string{${chunk.key}}` : `@${chunk.type}{${chunk.key}}`;
      if (!chunk.closed) {
        const lastLine = lines.at(chunk.end).line;
        problems.push({
          code: 'bibliography-syntax',
          severity: 'error',
          message: `${label} is not closed: a "}" is missing before line ${lastLine + 1} (unbalanced braces). The other entries were read.`,
          range: headRange(chunk),
        });
      } else {
        const seen = new Set<string>();
        let syntaxReported = false;
        for (const issue of result.issues) {
          const undefinedString = issue.type === 'undefined_variable';
          // the first syntax error of an entry; the ones after it are its consequences
          if (!undefinedString && syntaxReported) continue;
          if (!undefinedString) syntaxReported = true;
          const message = undefinedString
            ? `${label}: @string "${issue.variable ?? ''}" is not defined (define it before this entry)`
            : `${label}: ${(MESSAGES[issue.type] ?? ((i: LibIssue) => i.type.replace(/_/g, ' ')))(issue)}`;
          if (seen.has(message)) continue;
          seen.add(message);
          problems.push({
            code: undefinedString ? 'bibliography-undefined-string' : 'bibliography-syntax',
            severity: undefinedString ? 'warning' : 'error',
            message,
            range: lineRange(chunk, issue.line),
          });
        }
      }
      if (!isString) chunks.push({ chunk, result, stringsSig, strings });
      yield;
    }

    // crossref: a child inherits from its parent, wherever the parent is in the file
    const byKey = new Map<string, (typeof chunks)[number]>();
    const byLowerKey = new Map<string, (typeof chunks)[number]>();
    for (const c of chunks) {
      const k = c.result.entry?.key;
      if (!k) continue;
      if (!byKey.has(k)) byKey.set(k, c);
      if (!byLowerKey.has(k.toLowerCase())) byLowerKey.set(k.toLowerCase(), c);
    }
    const firstOf = new Map<string, BibEntry>();
    let done = 0;
    for (const c of chunks) {
      if (++done % 256 === 0) yield;
      const e = c.result.entry;
      if (!e) continue;
      let item = e.item;
      if (e.crossref) {
        const parent = byKey.get(e.crossref) ?? byLowerKey.get(e.crossref.toLowerCase());
        if (!parent) {
          problems.push({
            code: 'bibliography-syntax',
            severity: 'warning',
            message: `@${c.chunk.type}{${e.key}}: crossref "${e.crossref}" is not defined in this file`,
            range: lines.range(c.chunk.keyStart, c.chunk.keyStart + c.chunk.key.length),
          });
        } else {
          const pBody = text.slice(parent.chunk.start, parent.chunk.end);
          const cBody = text.slice(c.chunk.start, c.chunk.end);
          const key = `${c.stringsSig}\u0000${pBody}\u0000crossref\u0000${cBody}`;
          let merged = cache.get(key);
          if (!merged) {
            const lib = (() => {
              try {
                return runLibrary(`${pBody}\n${cBody}`, c.strings, true);
              } catch {
                return undefined;
              }
            })();
            const child = lib?.entries.find((x) => x.entry_key === e.key);
            merged = { entry: { key: e.key, item: child ? toCsl(child) : item }, issues: [] };
            cache.set(key, merged);
          }
          item = merged.entry?.item ?? item;
          yield;
        }
      }
      const entry: BibEntry = { key: e.key, item, start: c.chunk.start, end: c.chunk.end, keyRange: lines.range(c.chunk.keyStart, c.chunk.keyStart + c.chunk.key.length) };
      const prev = firstOf.get(e.key);
      if (prev) {
        problems.push({
          code: 'duplicate-citation-key',
          severity: 'warning',
          message: `Duplicate key "${e.key}": already defined on line ${prev.keyRange.start.line + 1}; citations use the first one.`,
          range: entry.keyRange,
        });
        continue;
      }
      firstOf.set(e.key, entry);
      entries.push(entry);
    }
    cache.commit();
    problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return { format: 'bibtex' as const, entries, problems };
  })();
}

export type BibtexCache = ChunkCache<ChunkResult>;

export function newBibtexCache(): BibtexCache {
  return new ChunkCache<ChunkResult>();
}

/** Parses a whole BibTeX file at once (CLI, tests). */
export function parseBibtex(text: string, cache?: BibtexCache): ParsedBibliography {
  return runSync(parseBibtexSteps(text, cache));
}
