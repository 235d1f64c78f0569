/**
 * BibTeX and BibLaTeX (LaTeX accents, braces, @string and #, crossref, JabRef
 * comments), one entry at a time, by a hand-written parser (docs/bibtex.md:
 * the libraries measured were 2 to 30 times slower and none keeps the entries
 * after an unbalanced brace).
 *
 * A small scanner first cuts the file into entries: it finds where each
 * `@type{` … `}` starts and ends, and an entry that is not closed ends before
 * the next line that starts a new entry. Each entry is then parsed on its own
 * (cached by its text and the @string definitions before it), a broken one
 * becomes a problem at its line, and the others are kept. @string definitions
 * apply to the entries after them; crossref parents are resolved once every
 * entry is known. Only the fields imid-lens shows are converted from LaTeX
 * (src/core/citations/latex.ts).
 */
import type { CslItem, CslName } from '../data/types';
import { LineIndex } from '../document';
import { latexToText, parseName, splitAnd, tidy, verbatimText } from './latex';
import { type BibEntry, type BibProblem, ChunkCache, type ParseSteps, type ParsedBibliography, positionIn, runSync } from './types';

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

// --- one entry ------------------------------------------------------------------------------

/** Something wrong inside one entry, at an offset in the entry's text. */
interface EntryIssue {
  readonly kind: 'syntax' | 'undefined-string' | 'no-key';
  /** The message after "@type{key}: " (syntax), or the undefined @string's name. */
  readonly text: string;
  readonly offset: number;
}

/** An entry's fields: lower-cased names, raw values (@strings expanded and concatenated, LaTeX kept). */
type Fields = Record<string, string>;

/**
 * What one chunk parses to, cached by its text. `uses` lists the @strings it
 * read with their values then: the result stands while they are unchanged.
 */
interface ChunkResult {
  readonly entry?: { key: string; type: string; item: CslItem; crossref?: string };
  readonly issues: readonly EntryIssue[];
  /** What this chunk defines (only for @string chunks). */
  readonly strings?: Record<string, string>;
  readonly uses?: ReadonlyArray<readonly [string, string | undefined]>;
}

/** BibTeX's predefined macros (month names); a file's @string can redefine them. */
const PREDEFINED: Record<string, string> = { jan: 'January', feb: 'February', mar: 'March', apr: 'April', may: 'May', jun: 'June', jul: 'July', aug: 'August', sep: 'September', oct: 'October', nov: 'November', dec: 'December' };

/** Characters that end a field name, a macro name or a bare value: 1 (and white space: 2). */
const STOP = new Uint8Array(128);
for (const c of '"#%\'(),={}') STOP[c.charCodeAt(0)] = 1;
for (const c of ' \t\n\r\v\f') STOP[c.charCodeAt(0)] = 2;
const isStop = (c: number) => c < 128 ? STOP[c] !== 0 : c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x3000;
const isWhite = (c: number) => (c < 128 ? STOP[c] === 2 : isStop(c)); // above ASCII, isStop lists white space only

/**
 * Parses one chunk from the scanner: `@type{key, name = value # "…" # macro, …}`
 * (or the `( … )` form; `@string{name = value}`). Fields read before a
 * syntax error are kept; the first syntax error ends the entry.
 */
function parseEntryText(text: string, strings: Record<string, string>, isString: boolean): { key: string; fields: Fields; issues: EntryIssue[]; uses: Array<[string, string | undefined]> } {
  const n = text.length;
  const issues: EntryIssue[] = [];
  const uses: Array<[string, string | undefined]> = [];
  const fields: Fields = {};
  HEAD.lastIndex = 0;
  const h = HEAD.exec(text);
  if (!h) return { key: '', fields, issues: [{ kind: 'syntax', text: 'not an entry', offset: 0 }], uses };
  const closer = h[2] === '{' ? 125 : 41;
  let i = h[0].length;
  const skip = () => {
    for (;;) {
      while (i < n && isWhite(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 37 /* % */) return;
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    }
  };
  const found = () => (i >= n ? 'the end of the entry' : `"${text[i]}"`);
  const fail = (msg: string) => {
    issues.push({ kind: 'syntax', text: msg, offset: i });
  };
  let key = '';
  skip();
  if (!isString) {
    const k0 = i;
    for (let c = text.charCodeAt(i); i < n && c !== 44 && c !== 61 && c !== 123 && c !== 125 && !isWhite(c) && !(closer === 41 && c === 41); c = text.charCodeAt(++i));
    key = text.slice(k0, i);
    skip();
    if (i >= n || text.charCodeAt(i) === closer) return { key, fields, issues, uses };
    if (text.charCodeAt(i) === 61 /* = */) {
      // no key at all (EndNote and some converters write these): the fields are read, the entry cannot be cited
      issues.push({ kind: 'no-key', text: 'the entry has no citation key, so it cannot be cited (add one after the "{")', offset: 0 });
      key = '';
      i = k0;
    } else if (text.charCodeAt(i) !== 44) {
      fail(key ? `the key "${key}" is not followed by "," (found ${found()})` : `expected a key but found ${found()}`);
      return { key, fields, issues, uses };
    } else i++;
  }
  for (;;) {
    skip();
    if (i >= n || text.charCodeAt(i) === closer) break;
    const f0 = i;
    while (i < n && !isStop(text.charCodeAt(i))) i++;
    const name = text.slice(f0, i).toLowerCase();
    if (!name) {
      fail(`expected a field name but found ${found()}`);
      break;
    }
    skip();
    if (text.charCodeAt(i) !== 61 /* = */) {
      i = f0;
      fail(`"${text.slice(f0, f0 + name.length)}" is not followed by "=" (a comma missing after the key or a field?)`);
      break;
    }
    i++;
    // the value: parts joined by #
    let value = '';
    let ok = true;
    for (;;) {
      skip();
      const c = text.charCodeAt(i);
      if (c === 123 /* { */) {
        let depth = 0;
        const v0 = i;
        for (; i < n; i++) {
          const d = text.charCodeAt(i);
          if (d === 92) i++;
          else if (d === 123) depth++;
          else if (d === 125 && --depth === 0) break;
        }
        if (i >= n) {
          i = v0;
          fail(`the value of "${name}" is not closed (a "}" is missing)`);
          ok = false;
          break;
        }
        value += text.slice(v0 + 1, i);
        i++;
      } else if (c === 34 /* " */) {
        let depth = 0;
        const v0 = i;
        for (i++; i < n; i++) {
          const d = text.charCodeAt(i);
          if (d === 92) i++;
          else if (d === 123) depth++;
          else if (d === 125) depth = Math.max(0, depth - 1);
          else if (d === 34 && depth === 0) break;
        }
        if (i >= n) {
          i = v0;
          fail(`the value of "${name}" is not closed (a '"' is missing)`);
          ok = false;
          break;
        }
        value += text.slice(v0 + 1, i);
        i++;
      } else {
        const v0 = i;
        while (i < n && !isStop(text.charCodeAt(i))) i++;
        const word = text.slice(v0, i);
        if (!word) {
          fail(`expected a value for "${name}" but found ${found()}`);
          ok = false;
          break;
        }
        if (/^\d+$/.test(word)) value += word;
        else {
          const macro = word.toLowerCase();
          const v = strings[macro] ?? PREDEFINED[macro];
          uses.push([macro, v]);
          if (v === undefined) issues.push({ kind: 'undefined-string', text: word, offset: v0 });
          else value += v;
        }
      }
      skip();
      if (text.charCodeAt(i) !== 35 /* # */) break;
      i++;
    }
    if (!ok) break;
    if (!(name in fields)) fields[name] = value;
    skip();
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    if (i >= n || c === closer) break;
    fail(`expected "," or "${String.fromCharCode(closer)}" after the value of "${name}" but found ${found()} (a comma missing?)`);
    break;
  }
  return { key, fields, issues, uses };
}

/**
 * Parses one chunk. `scannedKey` is the key the scanner saw: an entry that
 * cannot be read keeps it, so that citing it is not also reported as an
 * unknown key.
 */
function parseChunk(text: string, strings: Record<string, string>, type: string, scannedKey: string): ChunkResult {
  const isString = type === 'string';
  const { key, fields, issues, uses } = parseEntryText(text, strings, isString);
  const deps = uses.length ? { uses } : {};
  if (isString) return { issues, strings: fields, ...deps };
  if (issues.some((x) => x.kind === 'no-key')) return { issues, ...deps };
  const k = key || scannedKey;
  if (!k) return { issues, ...deps };
  const crossref = fields.crossref ? verbatimText(fields.crossref).trim() : '';
  return { entry: { key: k, type, item: toCsl(k, type, fields), ...(crossref ? { crossref } : {}) }, issues, ...deps };
}

/** A cached result still holds when every @string it read has the same value now. */
function stillValid(r: ChunkResult, strings: Record<string, string>): boolean {
  if (!r.uses) return true;
  for (const [m, v] of r.uses) if ((strings[m] ?? PREDEFINED[m]) !== v) return false;
  return true;
}

// --- crossref ------------------------------------------------------------------------------

/** Fields a child never inherits (biblatex's defaults). */
const NOT_INHERITED = new Set(['crossref', 'xref', 'xdata', 'ids', 'entryset', 'entrysubtype', 'execute', 'label', 'options', 'presort', 'related', 'relatedoptions', 'relatedstring', 'relatedtype', 'shorthand', 'shorthandintro', 'sortkey']);
const PART_TYPES = new Set(['inbook', 'bookinbook', 'suppbook', 'incollection', 'suppcollection', 'inproceedings', 'inreference', 'conference']);
const TITLE_FIELDS = ['title', 'subtitle', 'titleaddon', 'shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle'];

/**
 * A crossref child's fields: its own, then its parent's it lacks. A part of a
 * book (chapter, paper) takes the parent's title as its booktitle, not as its
 * title (biblatex's inheritance; BibTeX's own copies booktitle as is).
 */
function inherit(childType: string, child: Fields, parent: Fields): Fields {
  const out: Fields = { ...child };
  const part = PART_TYPES.has(childType);
  for (const [k, v] of Object.entries(parent)) {
    if (NOT_INHERITED.has(k) || k in out) continue;
    if (part && TITLE_FIELDS.includes(k)) continue;
    out[k] = v;
  }
  if (part) {
    if (parent.title !== undefined && !('booktitle' in out)) out.booktitle = parent.title;
    if (parent.subtitle !== undefined && !('booksubtitle' in out)) out.booksubtitle = parent.subtitle;
  }
  return out;
}

// --- entries to CSL-JSON -------------------------------------------------------------------

const CSL_TYPE: Record<string, string> = {
  article: 'article-journal', book: 'book', mvbook: 'book', booklet: 'book', collection: 'book', mvcollection: 'book', proceedings: 'book',
  mvproceedings: 'book', inbook: 'chapter', bookinbook: 'chapter', suppbook: 'chapter', incollection: 'chapter', suppcollection: 'chapter',
  inproceedings: 'paper-conference', conference: 'paper-conference', report: 'report', techreport: 'report', manual: 'report',
  thesis: 'thesis', phdthesis: 'thesis', mastersthesis: 'thesis', online: 'webpage', www: 'webpage', electronic: 'webpage',
  misc: 'document', unpublished: 'manuscript', patent: 'patent', dataset: 'dataset', software: 'software', periodical: 'periodical',
  inreference: 'entry-encyclopedia', reference: 'book', legislation: 'legislation', jurisdiction: 'legal_case',
};

const plain = (v: string | undefined): string => (v === undefined ? '' : latexToText(v));
const verbatim = (v: string | undefined): string => (v === undefined ? '' : verbatimText(v).trim());

function namesOf(v: string | undefined): { names: CslName[]; truncated: boolean } {
  const names: CslName[] = [];
  let truncated = false;
  if (v === undefined) return { names, truncated };
  for (const raw of splitAnd(v)) {
    if (raw.toLowerCase() === 'others') {
      truncated = true;
      continue;
    }
    const n = parseName(raw);
    if (n.literal || n.family || n.given) names.push(n);
  }
  return { names, truncated };
}

/** publisher, institution, location: "and"-separated lists. */
function listText(v: string | undefined): string {
  if (v === undefined) return '';
  return splitAnd(v).map(latexToText).map((x) => x.trim()).filter(Boolean).join('; ');
}

/** pages: ranges with any dash (-, --, –) as "a-b", lists kept. */
function pagesText(v: string | undefined): string {
  if (v === undefined) return '';
  return latexToText(v).replace(/\s*[-\u2010-\u2015]+\s*/g, '-');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthOf(v: string | undefined): number | undefined {
  const t = plain(v).trim().toLowerCase();
  if (!t) return undefined;
  if (/^\d{1,2}$/.test(t)) {
    const m = Number(t);
    return m >= 1 && m <= 12 ? m : undefined;
  }
  const i = MONTHS.indexOf(t.slice(0, 3));
  return i >= 0 ? i + 1 : undefined;
}

function dateOf(f: Fields): CslItem['issued'] | undefined {
  const s = (f.date !== undefined ? plain(f.date) : plain(f.year)).trim();
  if (!s) return undefined;
  const m = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(s);
  if (!m) return { raw: s };
  const month = m[2] ? Number(m[2]) : f.date === undefined && s.length === 4 ? monthOf(f.month) : undefined;
  const parts = [Number(m[1]), ...(month ? [month] : []), ...(m[2] && m[3] ? [Number(m[3])] : [])];
  return { 'date-parts': [parts] };
}

/** An entry as the CSL-JSON item the rest of imid-lens reads (only the fields it shows are converted). */
function toCsl(key: string, bibType: string, f: Fields): CslItem {
  const type = CSL_TYPE[bibType] ?? (bibType.includes('-') ? bibType : 'document');
  const item: CslItem = { id: key, type };
  const set = (k: string, v: string) => {
    const t = v && tidy(v);
    if (t) item[k] = t;
  };
  set('title', plain(f.title));
  const authors = namesOf(f.author);
  if (authors.names.length) item.author = authors.names;
  const editors = namesOf(f.editor);
  if (editors.names.length) item.editor = editors.names;
  if (authors.truncated || (!authors.names.length && editors.truncated)) item['authors-truncated'] = true;
  set('container-title', plain(f.journaltitle) || plain(f.booktitle) || plain(f.maintitle) || plain(f.journal));
  set('container-title-short', plain(f.shortjournal));
  set('publisher', listText(f.publisher) || listText(f.institution) || listText(f.organization) || plain(f.school));
  set('volume', plain(f.volume));
  const isArticle = item.type === 'article-journal';
  set('issue', plain(f.issue) || (isArticle ? plain(f.number) : ''));
  if (!isArticle) set('number', plain(f.number));
  set('page', pagesText(f.pages));
  const issued = dateOf(f);
  if (issued) item.issued = issued;
  set('DOI', verbatim(f.doi));
  const eprintType = plain(f.eprinttype).trim().toLowerCase();
  set('PMID', verbatim(f.pmid) || (eprintType === 'pubmed' || eprintType === 'pmid' ? verbatim(f.eprint) : ''));
  set('PMCID', verbatim(f.pmcid) || (eprintType === 'pmc' || eprintType === 'pmcid' ? verbatim(f.eprint) : ''));
  set('URL', verbatim(f.url) || urlIn(f.howpublished));
  set('note', plain(f.note));
  return item;
}

function urlIn(v: string | undefined): string {
  const m = /https?:\/\/[^\s{}]+/.exec(verbatim(v));
  return m ? m[0] : '';
}

// --- the whole file ------------------------------------------------------------------------

/** One parse of a file; the cache may be shared between passes over versions of the same file. */
export function parseBibtexSteps(text: string, cache: ChunkCache<ChunkResult> = new ChunkCache()): ParseSteps<ParsedBibliography> {
  return (function* () {
    const index = new LineIndex(text);
    const lines = { at: (o: number) => positionIn(index, o), range: (s: number, e: number) => ({ start: positionIn(index, s), end: positionIn(index, e) }) };
    const entries: BibEntry[] = [];
    const problems: BibProblem[] = [];
    /** Entries, with the @strings in force where they stand (a crossref child is read again with its parent's fields). */
    const chunks: Array<{ chunk: BibChunk; result: ChunkResult; strings: Record<string, string> }> = [];
    let strings: Record<string, string> = {};
    /** The line that holds `offset`, from its start to its end (without \r). */
    const lineAround = (c: BibChunk, offset: number) => {
      let s = text.lastIndexOf('\n', offset - 1) + 1;
      if (s < c.start) s = c.start;
      let e = text.indexOf('\n', offset);
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
      // keyed by the text alone (a slice of the file: hashing it copies nothing); the @strings it read are checked
      let result = cache.get(body);
      if (result && !stillValid(result, strings)) result = undefined;
      if (!result && body.length > MAX_ENTRY_CHARS) {
        // an unclosed brace swallowed the rest of the file: its fields would be nonsense
        const key = chunk.key;
        result = { issues: [{ kind: 'syntax', text: `this entry is ${Math.round(body.length / 1024)} KB long (a brace is probably not closed); it was not read`, offset: 0 }], ...(key && !isString ? { entry: { key, type: chunk.type, item: { id: key, type: 'document' } } } : {}) };
      } else if (!result) {
        result = parseChunk(body, strings, chunk.type, chunk.key);
        cache.set(body, result);
      }
      if (isString && result.strings) strings = { ...strings, ...result.strings };
      const label = isString ? `@string{${chunk.key}}` : `@${chunk.type}{${result.entry?.key ?? chunk.key}}`;
      if (!chunk.closed) {
        const lastLine = lines.at(chunk.end).line;
        problems.push({
          code: 'bibliography-syntax',
          severity: 'error',
          message: `${label} is not closed: a "}" is missing before line ${lastLine + 1} (unbalanced braces). The other entries were read.`,
          range: lineAround(chunk, chunk.start),
        });
      } else {
        const seen = new Set<string>();
        for (const issue of result.issues) {
          const undefinedString = issue.kind === 'undefined-string';
          const message = undefinedString ? `${label}: @string "${issue.text}" is not defined (define it before this entry)` : issue.kind === 'no-key' ? `@${chunk.type}: ${issue.text}` : `${label}: ${issue.text}`;
          if (seen.has(message)) continue;
          seen.add(message);
          problems.push({
            code: undefinedString ? 'bibliography-undefined-string' : 'bibliography-syntax',
            severity: undefinedString || issue.kind === 'no-key' ? 'warning' : 'error',
            message,
            range: lineAround(chunk, chunk.start + issue.offset),
          });
        }
      }
      if (!isString) chunks.push({ chunk, result, strings });
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
    yield;
    const firstOf = new Map<string, BibEntry>();
    for (const c of chunks) {
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
        } else if (parent !== c) {
          // one level, as BibTeX: a grandparent reaches the child through the parent's own fields only
          const fieldsOf = (x: (typeof chunks)[number]) => parseEntryText(text.slice(x.chunk.start, x.chunk.end), x.strings, false).fields;
          item = toCsl(e.key, e.type, inherit(e.type, fieldsOf(c), fieldsOf(parent)));
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
