/**
 * CSL-JSON (jsonc-parser, for error positions) and CSL-YAML (the `yaml`
 * package), both read one item at a time: a top-level array is cut into its
 * items (a string-aware bracket scanner for JSON, the list's `- ` lines for
 * YAML), each item is parsed on its own and cached by its text, and a broken
 * item becomes a problem at its line while the others are kept. Files of
 * another shape (an object of items, `references:` in a YAML header) are read
 * whole.
 */
import { type Node, type ParseError, findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import { type Document, LineCounter as YamlLineCounter, parseAllDocuments } from 'yaml';
import type { CslItem, CslName } from '../data/types';
import { LineIndex, type Range } from '../document';
import { type BibEntry, type BibProblem, ChunkCache, type ParseSteps, type ParsedBibliography, positionIn, runSync } from './types';

/** A parsed item, or why it could not be read (offset relative to the chunk). */
interface ItemResult {
  readonly value?: unknown;
  readonly error?: { message: string; offset: number };
}

export type CslCache = ChunkCache<ItemResult>;

/** Longer items are reported, not parsed (one parse step must stay short). */
const MAX_ITEM_CHARS = 256 * 1024;

function tooLarge(body: string): ItemResult | undefined {
  return body.length > MAX_ITEM_CHARS ? { error: { message: `this item is ${Math.round(body.length / 1024)} KB long (a bracket is probably not closed); it was not read`, offset: 0 } } : undefined;
}

export function newCslCache(): CslCache {
  return new ChunkCache<ItemResult>();
}

// --- normalisation ----------------------------------------------------------------

function normName(n: unknown): CslName | undefined {
  if (typeof n === 'string') return n.trim() ? { literal: n.trim() } : undefined;
  if (!n || typeof n !== 'object') return undefined;
  const o = n as Record<string, unknown>;
  const out: CslName = {};
  const family = [o['non-dropping-particle'], o.family, o.suffix].filter((x) => typeof x === 'string' && x).join(' ');
  if (family) out.family = family;
  if (typeof o.given === 'string' && o.given) out.given = o.given;
  if (typeof o.literal === 'string' && o.literal) out.literal = o.literal;
  return out.family || out.given || out.literal ? out : undefined;
}

function normDate(v: unknown): CslItem['issued'] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return { raw: String(v) };
  if (v instanceof Date) return { 'date-parts': [[v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate()]] };
  if (typeof v === 'object') return v as CslItem['issued'];
  return undefined;
}

/** A CSL item as imid-lens reads it; undefined (with a reason) when it has no id. */
export function normaliseCslItem(v: unknown): { item?: CslItem; reason?: string } {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { reason: 'an item must be an object' };
  const o = { ...(v as Record<string, unknown>) };
  const id = o.id ?? o['citation-key'] ?? o.citationKey;
  if (typeof id !== 'string' && typeof id !== 'number') return { reason: 'item without an "id" (the citation key)' };
  if (!String(id).trim()) return { reason: 'item with an empty "id" (the citation key)' };
  o.id = String(id).trim();
  if (typeof o.type !== 'string') o.type = 'document';
  for (const [lower, upper] of [['doi', 'DOI'], ['pmid', 'PMID'], ['pmcid', 'PMCID'], ['url', 'URL']]) {
    if (o[upper] === undefined && o[lower] !== undefined) o[upper] = o[lower];
  }
  for (const k of ['DOI', 'PMID', 'PMCID', 'URL', 'volume', 'issue', 'page', 'number', 'title', 'container-title', 'publisher']) {
    if (typeof o[k] === 'number') o[k] = String(o[k]);
    else if (o[k] !== undefined && typeof o[k] !== 'string') delete o[k];
  }
  for (const k of ['author', 'editor']) {
    if (o[k] === undefined) continue;
    const list = (Array.isArray(o[k]) ? (o[k] as unknown[]) : [o[k]]).map(normName).filter((x): x is CslName => !!x);
    if (list.length) o[k] = list;
    else delete o[k];
  }
  const issued = normDate(o.issued);
  if (issued) o.issued = issued;
  else delete o.issued;
  return { item: o as CslItem };
}

// --- CSL-JSON ---------------------------------------------------------------------

interface JsonItemChunk {
  readonly start: number;
  readonly end: number;
  readonly closed: boolean;
  /** No comma between this item and the previous one. */
  readonly missingComma: boolean;
}

/** Top-level array items as [start, end) offsets; problems for what is not an item. */
function* jsonArrayItems(text: string, from: number): Generator<JsonItemChunk, { closedArray: boolean; stray: number[]; trailingComma: number }, void> {
  const n = text.length;
  const stray: number[] = [];
  let i = from + 1;
  let items = 0;
  for (;;) {
    // skip whitespace, commas and comments between items
    let comma = -1;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 44) comma = i++;
      else if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 47 && text.charCodeAt(i + 1) === 47) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
      } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? n : close + 2;
      } else break;
    }
    if (i >= n) return { closedArray: false, stray, trailingComma: -1 };
    if (text.charCodeAt(i) === 93) return { closedArray: true, stray, trailingComma: comma };
    const start = i;
    const missingComma = items > 0 && comma < 0;
    const stack: number[] = []; // open brackets of this item
    let closed = false;
    let broken = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        // a string: to the closing quote (escapes skipped); JSON strings never span lines
        i++;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 92) i += 2;
          else if (d === 34 || d === 10) break;
          else i++;
        }
        i++;
        continue;
      }
      if (c === 123 || c === 91) stack.push(c);
      else if (c === 125 || c === 93) {
        if (!stack.length) break; // the array's own ]
        if (stack[stack.length - 1] !== c - 2) {
          broken = true; // ] for a { (or } for a [): this item lost a bracket
          break;
        }
        stack.pop();
        if (!stack.length) {
          i++;
          closed = true;
          break;
        }
      } else if (!stack.length && (c === 44 || c === 10)) break; // a scalar item
      i++;
    }
    const depth = broken ? 1 : stack.length;
    items++;
    if (depth > 0) {
      // never closed: the item runs to the next line that opens an object at its own indent, or the end
      const ls = text.lastIndexOf('\n', start - 1) + 1;
      const lead = text.slice(ls, start);
      const next = new RegExp(/^[ \t]*$/.test(lead) ? `\\n${lead}\\{` : '\\n[ \\t]*\\{', 'g');
      next.lastIndex = start;
      const m = next.exec(text);
      const end = m ? m.index + 1 : n;
      yield { start, end, closed: false, missingComma };
      i = end;
      continue;
    }
    if (!closed) stray.push(start);
    else yield { start, end: i, closed: true, missingComma };
    if (i === start) i++;
  }
}

function parseJsonItem(body: string): ItemResult {
  try {
    return { value: JSON.parse(body) };
  } catch {
    const errors: ParseError[] = [];
    const tree = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
    if (!errors.length && tree) return { value: treeValue(tree) };
    const e = errors[0];
    return { error: { message: `invalid JSON: ${e ? printParseErrorCode(e.error) : 'unreadable'}`, offset: e?.offset ?? 0 } };
  }
}

function treeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) o[String(k.value)] = treeValue(v);
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map(treeValue);
    default:
      return node.value;
  }
}

/** Where `"id": "key"` is written in an item (for diagnostics), else the item start. */
function idRange(text: string, start: number, end: number, key: string, index: LineIndex): Range {
  const re = /"(?:id|citation-key)"\s*:\s*"?/g;
  re.lastIndex = start;
  const m = re.exec(text);
  if (m && m.index < end) {
    const s = m.index + m[0].length;
    const at = text.indexOf(key, s);
    if (at >= 0 && at - s < 4 && at < end) return { start: positionIn(index, at), end: positionIn(index, at + key.length) };
  }
  return { start: positionIn(index, start), end: positionIn(index, start + 1) };
}

export function parseCslJsonSteps(text: string, cache: CslCache = newCslCache()): ParseSteps<ParsedBibliography> {
  return (function* () {
    const index = new LineIndex(text);
    const entries: BibEntry[] = [];
    const problems: BibProblem[] = [];
    const seen = new Map<string, BibEntry>();
    const at = (o: number) => positionIn(index, o);
    const problem = (offset: number, message: string, severity: BibProblem['severity'] = 'error', code: BibProblem['code'] = 'bibliography-syntax') => {
      const line = at(offset).line;
      problems.push({ code, severity, message, range: { start: at(offset), end: at(index.lineEnd(line)) } });
    };
    const add = (value: unknown, start: number, end: number) => {
      const { item, reason } = normaliseCslItem(value);
      if (!item) {
        problem(start, `CSL-JSON: ${reason}`);
        return;
      }
      const entry: BibEntry = { key: item.id, item, start, end, keyRange: idRange(text, start, end, item.id, index) };
      const prev = seen.get(item.id);
      if (prev) {
        problems.push({ code: 'duplicate-citation-key', severity: 'warning', message: `Duplicate id "${item.id}": already defined on line ${prev.keyRange.start.line + 1}; citations use the first one.`, range: entry.keyRange });
        return;
      }
      seen.set(item.id, entry);
      entries.push(entry);
    };
    let first = 0;
    if (text.charCodeAt(0) === 0xfeff) first = 1;
    while (first < text.length && /\s/.test(text[first])) first++;
    if (text[first] === '[') {
      const items = jsonArrayItems(text, first);
      for (;;) {
        const r = items.next();
        if (r.done) {
          if (!r.value.closedArray) problem(Math.max(0, text.length - 1), 'CSL-JSON: the top-level array is not closed with "]"');
          if (r.value.trailingComma >= 0) problem(r.value.trailingComma, 'CSL-JSON: a comma after the last item (JSON does not allow it)');
          for (const s of r.value.stray) problem(s, 'CSL-JSON: expected an item object here');
          break;
        }
        const { start, end, closed, missingComma } = r.value;
        if (missingComma) problem(start, 'CSL-JSON: a comma is missing before this item');
        const body = text.slice(start, end);
        let result = cache.get(body);
        if (!result) {
          result = tooLarge(body) ?? (closed ? parseJsonItem(body) : { error: { message: 'this item is not closed (a "}" is missing)', offset: 0 } });
          cache.set(body, result);
        }
        if (result.error) {
          problem(start + result.error.offset, `CSL-JSON: ${result.error.message}; the other items were read`);
          // a broken item may still name its key: keep it so citations of it are not reported twice
          const id = /"id"\s*:\s*"([^"\n]+)"/.exec(body);
          if (id) add({ id: id[1], type: 'document' }, start, end);
        } else add(result.value, start, end);
        yield;
      }
    } else if (text[first] === '{') {
      // an object: { "items": [...] }, a single item, or items keyed by id
      const errors: ParseError[] = [];
      const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
      for (const e of errors.slice(0, 20)) problem(e.offset, `CSL-JSON: invalid JSON: ${printParseErrorCode(e.error)}`);
      if (tree) {
        const list = findNodeAtLocation(tree, ['items']) ?? findNodeAtLocation(tree, ['references']);
        if (list?.type === 'array') {
          for (const c of list.children ?? []) add(treeValue(c), c.offset, c.offset + c.length);
        } else if (findNodeAtLocation(tree, ['id'])) {
          add(treeValue(tree), tree.offset, tree.offset + tree.length);
        } else {
          for (const p of tree.children ?? []) {
            const [k, v] = p.children ?? [];
            if (!k || !v || v.type !== 'object') continue;
            const value = treeValue(v) as Record<string, unknown>;
            add({ id: String(k.value), ...value }, v.offset, v.offset + v.length);
          }
        }
      }
    } else if (first < text.length) {
      problem(first, 'CSL-JSON: expected an array of items ("[") or an object');
    }
    cache.commit();
    return { format: 'csl-json' as const, entries, problems };
  })();
}

export function parseCslJson(text: string, cache?: CslCache): ParsedBibliography {
  return runSync(parseCslJsonSteps(text, cache));
}

// --- CSL-YAML ---------------------------------------------------------------------

/** The block sequence of items: each item is the lines from one `- ` at the list's indent to the next. */
function yamlItemChunks(text: string): Array<{ start: number; end: number }> | undefined {
  const lineRe = /^([ \t]*)(.*)$/gm;
  let indent = -1;
  let inList = false;
  let headerSeen = false;
  const out: Array<{ start: number; end: number }> = [];
  let m: RegExpExecArray | null;
  let lastContentEnd = 0;
  while ((m = lineRe.exec(text)) !== null) {
    const ls = m.index;
    const rest = m[2].replace(/\r$/, '');
    if (m[0].length === 0 && lineRe.lastIndex >= text.length) break;
    if (m[0].length === 0) lineRe.lastIndex++;
    if (!rest || rest.startsWith('#')) continue;
    const ind = m[1].length;
    if (!inList) {
      if (/^(?:---|\.\.\.)\s*$/.test(rest)) continue;
      if (/^references:\s*$/.test(rest) && ind === 0) {
        headerSeen = true;
        continue;
      }
      if (/^-(?:\s|$)/.test(rest) && (headerSeen || ind === 0)) {
        indent = ind;
        inList = true;
        out.push({ start: ls, end: -1 });
        lastContentEnd = ls + m[0].length;
        continue;
      }
      if (ind === 0) continue; // other top-level keys of a metadata block
      return undefined;
    }
    if (ind === indent && /^-(?:\s|$)/.test(rest)) {
      out[out.length - 1].end = lastContentEnd;
      out.push({ start: ls, end: -1 });
    } else if (ind < indent || (ind === indent && !rest.startsWith('-')) || /^(?:---|\.\.\.)\s*$/.test(rest)) {
      break; // the list is over
    }
    lastContentEnd = ls + m[0].length;
  }
  if (!out.length) return undefined;
  out[out.length - 1].end = lastContentEnd;
  return out;
}

function parseYamlItem(body: string): ItemResult {
  const docs = parseAllDocuments(body, { prettyErrors: false, logLevel: 'error' });
  const doc = (Array.isArray(docs) ? docs[0] : undefined) as Document | undefined;
  if (!doc) return { error: { message: 'unreadable YAML', offset: 0 } };
  if (doc.errors.length) return { error: { message: `invalid YAML: ${doc.errors[0].message.split('\n')[0]}`, offset: doc.errors[0].pos[0] } };
  let v: unknown;
  try {
    v = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { error: { message: `invalid YAML: ${(e as Error).message.split('\n')[0]}`, offset: 0 } };
  }
  return { value: Array.isArray(v) ? v[0] : v };
}

export function parseCslYamlSteps(text: string, cache: CslCache = newCslCache()): ParseSteps<ParsedBibliography> {
  return (function* () {
    const index = new LineIndex(text);
    const entries: BibEntry[] = [];
    const problems: BibProblem[] = [];
    const seen = new Map<string, BibEntry>();
    const at = (o: number) => positionIn(index, o);
    const problem = (offset: number, message: string) => {
      const line = at(offset).line;
      problems.push({ code: 'bibliography-syntax', severity: 'error', message, range: { start: at(offset), end: at(index.lineEnd(line)) } });
    };
    const keyRange = (start: number, end: number, key: string): Range => {
      const re = /\bid:[ \t]*["']?/g;
      re.lastIndex = start;
      const m = re.exec(text);
      if (m && m.index < end) {
        const s = m.index + m[0].length;
        if (text.startsWith(key, s)) return { start: at(s), end: at(s + key.length) };
      }
      return { start: at(start), end: at(start + 1) };
    };
    const add = (value: unknown, start: number, end: number) => {
      const { item, reason } = normaliseCslItem(value);
      if (!item) {
        problem(start, `CSL-YAML: ${reason}`);
        return;
      }
      const entry: BibEntry = { key: item.id, item, start, end, keyRange: keyRange(start, end, item.id) };
      const prev = seen.get(item.id);
      if (prev) {
        problems.push({ code: 'duplicate-citation-key', severity: 'warning', message: `Duplicate id "${item.id}": already defined on line ${prev.keyRange.start.line + 1}; citations use the first one.`, range: entry.keyRange });
        return;
      }
      seen.set(item.id, entry);
      entries.push(entry);
    };
    const chunks = yamlItemChunks(text);
    if (chunks) {
      for (const { start, end } of chunks) {
        const body = text.slice(start, end);
        let result = cache.get(body);
        if (!result) {
          result = tooLarge(body) ?? parseYamlItem(body);
          cache.set(body, result);
        }
        if (result.error) {
          problem(start + result.error.offset, `CSL-YAML: ${result.error.message}; the other items were read`);
          const id = /\bid:[ \t]*["']?([^\s"',]+)/.exec(body);
          if (id) add({ id: id[1], type: 'document' }, start, end);
        } else add(result.value, start, end);
        yield;
      }
    } else if (text.trim()) {
      // another shape (flow style, a single document): read it whole
      const lc = new YamlLineCounter();
      const docs = parseAllDocuments(text, { prettyErrors: false, lineCounter: lc, logLevel: 'error' });
      const list = Array.isArray(docs) ? docs : [];
      for (const doc of list) {
        for (const e of doc.errors.slice(0, 20)) problem(e.pos[0], `CSL-YAML: ${e.message.split('\n')[0]}`);
        if (doc.errors.length) continue;
        let v: unknown;
        try {
          v = doc.toJS({ maxAliasCount: 100 });
        } catch (e) {
          problem(0, `CSL-YAML: ${(e as Error).message.split('\n')[0]}`);
          continue;
        }
        const items = Array.isArray(v) ? v : v && typeof v === 'object' && Array.isArray((v as { references?: unknown }).references) ? (v as { references: unknown[] }).references : [];
        for (const it of items) add(it, 0, text.length);
      }
      if (!list.length) problem(0, 'CSL-YAML: no YAML document');
    }
    cache.commit();
    return { format: 'csl-yaml' as const, entries, problems };
  })();
}

export function parseCslYaml(text: string, cache?: CslCache): ParsedBibliography {
  return runSync(parseCslYamlSteps(text, cache));
}
