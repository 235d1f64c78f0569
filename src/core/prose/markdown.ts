/**
 * Markdown (CommonMark + GFM + Pandoc/Quarto/R Markdown) prose extraction.
 *
 * One linear pass over lines for block structure (front matter, fences,
 * indented code, headings, lists, block quotes, tables, divs, link reference
 * definitions), then one regex-driven pass over each prose paragraph for
 * inline structure (code spans, math, HTML, comments, links, URLs, e-mail
 * addresses, citations, emphasis markers, escapes, entities, attributes).
 * Nothing here is quadratic: every search moves forward.
 */
import { type Prose, type ProsePart, ProseBuilder, type Resume, parseDirective } from './types';

const CROSSREF_PREFIXES = new Set([
  'fig', 'tbl', 'sec', 'eq', 'lst', 'thm', 'lem', 'cor', 'prp', 'cnj', 'def', 'exm', 'exr', 'sol', 'rem', 'alg',
]);

// Inline constructs, found by their first characters. Order matters only for
// alternatives that share a first character. Bare URLs (http://, https://,
// ftp://, www.) start with letters: they are found separately with indexOf
// (see InlineTokens), which keeps this regex's first-character scan fast.
const INLINE =
  /`+|<!--|<(?:https?|ftp|mailto):[^>\s]*>|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*?)?\/?>|!?\]\(|\]\[[^\]\n]*\]|\[\^[^\]\s]+\]|@\{|@|\$\$?|\\[[(]|\*+|_+|~~|\\[\\`*_{}[\]()#+\-.!$@%&~^|<>"']|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});|\{\{<|\{[#.=][^}\n]*\}|\^\[/g;

/** A token of the inline pass: where it starts and its text. */
interface Token {
  readonly at: number;
  readonly tok: string;
}

/**
 * The inline tokens of one document, found in increasing order. Searches are
 * remembered: the paragraphs are visited in document order, so a search that
 * ran past one paragraph's end is reused by the next paragraphs instead of
 * being repeated (without this, sparse markup made the inline pass quadratic).
 * Same tokens as one regex over the whole text would find: the leftmost match
 * at or after a position does not depend on where the search started.
 */
export class InlineTokens {
  private reFrom = -1;
  private reTok: Token | null = null;
  private urlFrom = -1;
  private urlTok: Token | null = null;
  private readonly found = new Map<string, { from: number; at: number; len: number }>();

  constructor(readonly text: string) {}

  /** The first token starting at or after `pos`, or null. */
  next(pos: number): Token | null {
    const a = this.regexToken(pos);
    const u = this.urlToken(pos);
    if (!u) return a;
    if (!a) return u;
    return u.at < a.at ? u : a;
  }

  private regexToken(pos: number): Token | null {
    if (this.reFrom >= 0 && this.reFrom <= pos && (this.reTok === null || this.reTok.at >= pos)) return this.reTok;
    INLINE.lastIndex = pos;
    const m = INLINE.exec(this.text);
    this.reFrom = pos;
    this.reTok = m && { at: m.index, tok: m[0] };
    return this.reTok;
  }

  /** http://, https://, ftp:// or www. at or after pos (case-sensitive, as in the regex it replaces). */
  private urlToken(pos: number): Token | null {
    if (this.urlFrom >= 0 && this.urlFrom <= pos && (this.urlTok === null || this.urlTok.at >= pos)) return this.urlTok;
    const text = this.text;
    // scheme: the first "://" preceded by http, https or ftp that starts at or after pos
    let scheme: Token | null = null;
    let from = pos;
    for (;;) {
      const q = this.sep(from);
      if (q < 0) break;
      const st = text.startsWith('https', q - 5) && q - 5 >= pos ? q - 5 : text.startsWith('http', q - 4) && q - 4 >= pos ? q - 4 : text.startsWith('ftp', q - 3) && q - 3 >= pos ? q - 3 : -1;
      if (st >= 0) {
        scheme = { at: st, tok: text.slice(st, q + 3) };
        break;
      }
      from = q + 1;
    }
    const w = this.www(pos);
    const tok = w >= 0 && (!scheme || w < scheme.at) ? { at: w, tok: 'www.' } : scheme;
    this.urlFrom = pos;
    this.urlTok = tok;
    return tok;
  }

  /**
   * `text.indexOf(needle, from)`, remembering the last answer per needle: the
   * same answer for every `from` up to it. Closers searched from many openers
   * (`\(` … `\)`, `$$`, `-->`) then cost one pass, not one pass per opener.
   */
  indexOf(needle: string, from: number): number {
    const c = this.found.get(needle);
    if (c && c.from <= from && (c.at < 0 || c.at >= from)) return c.at;
    const at = this.text.indexOf(needle, from);
    if (c) {
      c.from = from;
      c.at = at;
    } else this.found.set(needle, { from, at, len: needle.length });
    return at;
  }

  /** The first `</name>` (any case, optional space before `>`) at or after `from`: [offset, length], or undefined. */
  closeTag(name: string, from: number): [number, number] | undefined {
    const key = `</${name.toLowerCase()}>`;
    let c = this.found.get(key);
    if (!(c && c.from <= from && (c.at < 0 || c.at >= from))) {
      const re = new RegExp(`</${name}\\s*>`, 'gi');
      re.lastIndex = from;
      const m = re.exec(this.text);
      c = { from, at: m ? m.index : -1, len: m ? m[0].length : 0 };
      this.found.set(key, c);
    }
    return c.at < 0 ? undefined : [c.at, c.len];
  }

  private sep(from: number): number {
    return this.indexOf('://', from);
  }

  private www(from: number): number {
    return this.indexOf('www.', from);
  }
}

const RAW_TAGS = /^<(pre|script|style|code|textarea|kbd|samp|math|svg)\b/i;

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
}

/** Characters allowed inside a Pandoc citation key (after the first). */
function isKeyChar(c: number): boolean {
  return isWordChar(c) || c === 58 /*:*/ || c === 46 /*.*/ || c === 35 /*#*/ || c === 36 /*$*/ || c === 37 /*%*/ ||
    c === 38 /*&*/ || c === 45 /*-*/ || c === 43 /*+*/ || c === 63 /*?*/ || c === 60 /*<*/ || c === 62 /*>*/ ||
    c === 126 /*~*/ || c === 47 /*/*/;
}

const URL_STOP = /[\s<>"'`\]]/;

export function extractMarkdown(text: string): Prose {
  return markdownPass(text).prose;
}

/**
 * Incremental re-extraction (src/core/session.ts): the same pass, started at a
 * sync point of the previous text with the initial state, stopped at the first
 * sync point after the change where it is back in step with the previous pass.
 */
export function extractMarkdownPart(text: string, resume: Resume): ProsePart {
  return markdownPass(text, resume);
}

/** Opening line of front matter: `---` or `+++` on the first line. */
export const FRONT_MATTER_OPENER = /^(?:---|\+\+\+)[ \t]*\r?\n/;

function markdownPass(text: string, resume?: Resume): ProsePart {
  const b = new ProseBuilder(text, 'markdown');
  const tokens = new InlineTokens(text);
  const n = text.length;
  let pos = resume ? resume.from : 0;

  // --- front matter (YAML `---` or TOML `+++`) --------------------------------
  const fm = resume ? null : FRONT_MATTER_OPENER.exec(text);
  if (fm) {
    const closer = fm[0].startsWith('+') ? /^\+\+\+[ \t]*$/m : /^(?:---|\.\.\.)[ \t]*$/m;
    closer.lastIndex = 0;
    const rest = text.slice(fm[0].length);
    const c = closer.exec(rest);
    if (c) {
      const end = fm[0].length + c.index + c[0].length;
      b.exclude(0, end);
      b.break(end);
      collectFrontMatterBibliographies(b, text.slice(0, end));
      pos = end;
    }
  }

  // --- block pass -------------------------------------------------------------
  let paraStart = -1; // start of the current prose paragraph, or -1
  let prevBlank = true;
  let inList = false; // a list item was seen since the last plain paragraph at column 0
  let inTable = false;
  let fence: { char: string; len: number; start: number } | undefined;
  let indentedCode = -1;

  const flush = (end: number): number => {
    if (paraStart < 0) return -1;
    const s = paraStart;
    paraStart = -1;
    return inline(b, tokens, s, end);
  };

  while (pos < n) {
    if (paraStart < 0 && prevBlank && !inList && !inTable && fence === undefined && indentedCode < 0) {
      // initial state at a line start: a sync point (resumable; back in step with the previous pass?)
      if (resume && pos >= resume.until && resume.resync(pos)) return { prose: b.build(), end: pos };
      b.sync(pos);
    }
    let le = text.indexOf('\n', pos);
    const next = le < 0 ? n : le + 1;
    if (le < 0) le = n;
    if (le > pos && text.charCodeAt(le - 1) === 13) le--;
    const ls = pos;
    pos = next;

    if (fence) {
      const t = text.slice(ls, le).trim();
      if (t.length >= fence.len && t[0] === fence.char && /^(`+|~+)$/.test(t) && t.length >= fence.len) {
        b.exclude(fence.start, le);
        b.break(le);
        fence = undefined;
      } else if (next >= n) {
        b.exclude(fence.start, n); // unclosed fence runs to the end, as in CommonMark
      }
      continue;
    }

    // measure indentation
    let i = ls;
    let col = 0;
    while (i < le) {
      const c = text.charCodeAt(i);
      if (c === 32) col++;
      else if (c === 9) col += 4 - (col % 4);
      else break;
      i++;
    }
    const blank = i >= le;

    if (indentedCode >= 0) {
      if (blank || col >= 4) {
        if (!blank) b.exclude(ls, le);
        if (blank) prevBlank = true;
        continue;
      }
      indentedCode = -1;
    }

    if (blank) {
      const ext = flush(ls);
      b.break(ls);
      prevBlank = true;
      inTable = false;
      if (ext > next) pos = skipTo(text, ext);
      continue;
    }

    const c0 = text.charCodeAt(i);
    // indented code: after a blank line, outside lists
    if (col >= 4 && prevBlank && !inList && paraStart < 0) {
      b.exclude(ls, le);
      b.break(ls);
      indentedCode = ls;
      continue;
    }

    // fenced code
    if ((c0 === 96 || c0 === 126) && text.startsWith(c0 === 96 ? '```' : '~~~', i)) {
      let k = i;
      while (k < le && text.charCodeAt(k) === c0) k++;
      const info = text.slice(k, le);
      if (c0 !== 96 || !info.includes('`')) {
        const ext = flush(ls);
        b.break(ls);
        fence = { char: text[i], len: k - i, start: ls };
        prevBlank = false;
        if (ext > next) {
          pos = skipTo(text, ext);
          fence = undefined;
        }
        if (fence && next >= n) b.exclude(ls, n);
        continue;
      }
    }

    // Quarto/Pandoc fenced divs ::: {.callout}
    if (c0 === 58 && text.startsWith(':::', i)) {
      const ext = flush(ls);
      b.exclude(ls, le);
      b.break(ls);
      b.break(le);
      prevBlank = false;
      if (ext > next) pos = skipTo(text, ext);
      continue;
    }

    // ATX heading
    if (c0 === 35 && col < 4) {
      let k = i;
      while (k < le && text.charCodeAt(k) === 35) k++;
      if (k - i <= 6 && (k === le || text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) {
        const ext = flush(ls);
        b.break(ls);
        b.exclude(ls, k);
        // closing #s
        let e = le;
        while (e > k && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
        let h = e;
        while (h > k && text.charCodeAt(h - 1) === 35) h--;
        if (h < e && (h === k || text.charCodeAt(h - 1) === 32)) b.exclude(h, e);
        const ext2 = inline(b, tokens, k, h < e ? h : e);
        b.break(le);
        prevBlank = false;
        inList = false;
        const ext3 = Math.max(ext, ext2);
        if (ext3 > next) pos = skipTo(text, ext3);
        continue;
      }
    }

    const lineText = text.slice(i, le);

    // setext underline or thematic break
    // (each line regex runs only when the line's first character can start its construct)
    if (col < 4 && (c0 === 61 || c0 === 45 || c0 === 42 || c0 === 95) && /^(?:=+|-+|(?:[-*_][ \t]*){3,})[ \t]*$/.test(lineText) && !(c0 === 45 && paraStart < 0 && /^-[ \t]/.test(lineText))) {
      const ext = flush(ls);
      b.exclude(ls, le);
      b.break(ls);
      b.break(le);
      prevBlank = false;
      if (ext > next) pos = skipTo(text, ext);
      continue;
    }

    // link reference definition / footnote definition label
    if (col < 4 && c0 === 91) {
      const def = /^\[([^\]\n]+)\]:[ \t]*(\S*)/.exec(lineText);
      if (def) {
        const ext = flush(ls);
        b.break(ls);
        if (def[1].startsWith('^')) {
          // footnote definition: label is markup, the rest is prose
          const labelEnd = i + def[1].length + 3;
          b.exclude(i, labelEnd);
          paraStart = labelEnd;
        } else {
          b.exclude(ls, le);
          b.break(le);
        }
        prevBlank = false;
        if (ext > next) pos = skipTo(text, ext);
        continue;
      }
    }

    // table delimiter row
    if ((c0 === 124 || c0 === 58 || c0 === 45) && /^\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)+\|?[ \t]*$/.test(lineText) && lineText.includes('|')) {
      // the previous line was a header row: cells become separate blocks
      const prevLs = paraStart >= 0 ? paraStart : -1;
      const ext = flush(ls);
      if (prevLs >= 0) pipeBreaks(b, text, prevLs, ls);
      b.exclude(ls, le);
      b.break(ls);
      b.break(le);
      inTable = true;
      prevBlank = false;
      if (ext > next) pos = skipTo(text, ext);
      continue;
    }

    // table row
    if (inTable || (c0 === 124 && lineText.indexOf('|', 1) > 0)) {
      const ext = flush(ls);
      b.break(ls);
      pipeBreaks(b, text, ls, le);
      const ext2 = inline(b, tokens, ls, le);
      b.break(le);
      prevBlank = false;
      const ext3 = Math.max(ext, ext2);
      if (ext3 > next) pos = skipTo(text, ext3);
      continue;
    }

    // block quote markers (possibly nested, possibly followed by a list marker)
    let content = i;
    let quoted = false;
    while (content < le && text.charCodeAt(content) === 62 /* > */) {
      quoted = true;
      content++;
      if (text.charCodeAt(content) === 32) content++;
      while (content < le && (text.charCodeAt(content) === 32 || text.charCodeAt(content) === 9)) content++;
    }
    if (quoted) {
      b.quote(ls, le);
      b.exclude(i, content);
    }

    // list item marker
    const cm = text.charCodeAt(content);
    const lm = cm === 45 || cm === 42 || cm === 43 || (cm >= 48 && cm <= 57) ? /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(?:\[[ xX]\][ \t]+)?/.exec(text.slice(content, Math.min(le, content + 24))) : null;
    if (lm && col < 4 + (inList ? 8 : 0)) {
      const ext = flush(ls);
      b.break(content);
      b.exclude(content, content + lm[0].length);
      paraStart = content + lm[0].length;
      inList = true;
      prevBlank = false;
      if (ext > next) {
        pos = skipTo(text, ext);
        paraStart = -1;
      }
      continue;
    }
    if (quoted && content >= le) {
      // `>` alone: a blank line inside the quote
      const ext = flush(ls);
      b.break(ls);
      prevBlank = true;
      if (ext > next) pos = skipTo(text, ext);
      continue;
    }

    // plain prose line: joins the current paragraph
    if (col === 0 && !quoted && prevBlank) inList = false;
    if (paraStart < 0) paraStart = content;
    prevBlank = false;
  }
  flush(n);
  return { prose: b.build(), end: n };
}

/** Offset of the start of the line that follows `offset`'s line... or offset itself when at a line start. */
function skipTo(text: string, offset: number): number {
  // Constructs that ran past the paragraph (multi-line comments, math) end mid-line:
  // resume at the next line start; the rest of that line is treated as markup.
  if (offset >= text.length) return text.length;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function pipeBreaks(b: ProseBuilder, text: string, s: number, e: number): void {
  for (let k = text.indexOf('|', s); k >= 0 && k < e; k = text.indexOf('|', k + 1)) {
    if (text.charCodeAt(k - 1) === 92) continue; // \|
    b.exclude(k, k + 1);
    b.break(k);
  }
}

/**
 * Inline pass over [start, end). Returns the furthest offset a construct
 * reached when it ran past `end` (multi-line comments), else -1.
 */
function inline(b: ProseBuilder, tokens: InlineTokens, start: number, end: number): number {
  const text = b.text;
  let reach = -1;
  let pos = start;
  let t: Token | null;
  while ((t = tokens.next(pos)) !== null) {
    const at = t.at;
    if (at >= end) break;
    const tok = t.tok;
    const c = tok.charCodeAt(0);
    let to = at + tok.length;
    switch (c) {
      case 96: { // `code`
        const close = findRun(tokens, tok.length, to, end, 96);
        if (close >= 0) {
          to = close + tok.length;
          b.exclude(at, to);
        } // else literal backticks
        break;
      }
      case 60: { // < : comment, autolink, tag
        if (tok === '<!--') {
          const close = tokens.indexOf('-->', to);
          const stop = close < 0 ? text.length : close + 3;
          const d = parseDirective(text.slice(to, close < 0 ? text.length : close), at, stop);
          if (d) b.directives.push(d);
          b.exclude(at, stop);
          to = stop;
          if (stop > end) reach = Math.max(reach, stop);
        } else if (tok.startsWith('{{<')) {
          // handled below (never reached: starts with '{')
        } else {
          const raw = RAW_TAGS.exec(tok);
          if (raw && !tok.endsWith('/>')) {
            const cm = tokens.closeTag(raw[1], to);
            const stop = cm && cm[0] < end ? cm[0] + cm[1] : to;
            b.exclude(at, stop);
            to = stop;
          } else {
            b.exclude(at, to);
          }
        }
        break;
      }
      case 33: // ![ ... ](
      case 93: { // ](dest "title")  ][ref]
        if (tok.endsWith('(')) {
          const close = findParen(text, to, end);
          const stop = close < 0 ? to : close + 1;
          b.exclude(at, stop);
          to = stop;
        } else {
          b.exclude(at, to); // ][ref] : the label is markup
        }
        break;
      }
      case 91: // [^footnote]
        b.exclude(at, to);
        break;
      case 104: // http(s)://
      case 102: // ftp://
      case 119: { // www.
        if (c === 119 && at > 0 && isWordChar(text.charCodeAt(at - 1))) break;
        let k = to;
        while (k < end && !URL_STOP.test(text[k])) k++;
        // trailing punctuation is not part of a URL
        while (k > to && /[.,;:!?)*_]/.test(text[k - 1])) {
          if (text[k - 1] === ')' && text.slice(at, k).split('(').length > text.slice(at, k).split(')').length - 1) break;
          k--;
        }
        b.exclude(at, k);
        to = k;
        break;
      }
      case 64: { // @ : e-mail, citation, cross-reference
        to = citationOrEmail(b, tokens, at, end);
        break;
      }
      case 36: { // $math$ / $$math$$
        const display = tok.length === 2;
        if (at > 0 && text.charCodeAt(at - 1) === 92) break; // \$
        if (display) {
          const close = tokens.indexOf('$$', to);
          if (close >= 0 && close < end) {
            b.exclude(at, close + 2);
            to = close + 2;
          }
        } else {
          const after = text.charCodeAt(to);
          if (isSpace(after)) break;
          let k = to;
          let close = -1;
          while (k < end) {
            k = tokens.indexOf('$', k);
            if (k < 0 || k >= end) break;
            if (text.charCodeAt(k - 1) !== 92 && !isSpace(text.charCodeAt(k - 1))) {
              const d = text.charCodeAt(k + 1);
              if (!(d >= 48 && d <= 57)) {
                close = k;
                break;
              }
            }
            k++;
          }
          if (close >= 0) {
            b.exclude(at, close + 1);
            to = close + 1;
          }
        }
        break;
      }
      case 92: { // \( \[ math, or an escape
        if (tok === '\\(' || tok === '\\[') {
          const closer = tok === '\\(' ? '\\)' : '\\]';
          const close = tokens.indexOf(closer, to);
          if (close >= 0 && close < end) {
            b.exclude(at, close + 2);
            to = close + 2;
            break;
          }
        }
        b.exclude(at, at + 1); // the backslash of an escape
        break;
      }
      case 42: // *
      case 95: { // _
        const before = at > 0 ? text.charCodeAt(at - 1) : 32;
        const after = text.charCodeAt(to);
        if (c === 95 && isWordChar(before) && isWordChar(after)) break; // snake_case
        b.exclude(at, to);
        break;
      }
      case 126: // ~~
      case 38: // &entity;
        b.exclude(at, to);
        break;
      case 123: { // {{< shortcode >}} or {#id .class}
        if (tok === '{{<') {
          const close = tokens.indexOf('>}}', to);
          const stop = close >= 0 && close < end ? close + 3 : to;
          b.exclude(at, stop);
          to = stop;
        } else {
          b.exclude(at, to);
        }
        break;
      }
      case 94: // ^[ inline footnote: the marker only
        b.exclude(at, to);
        break;
      default:
        break;
    }
    pos = Math.max(at + tok.length, to);
    if (pos >= end && reach < 0) break;
    if (pos >= text.length) break;
  }
  return reach;
}

/** Position of a run of exactly `len` characters `ch` in [from, end), or -1. */
function findRun(tokens: InlineTokens, len: number, from: number, end: number, ch: number): number {
  const text = tokens.text;
  const needle = String.fromCharCode(ch);
  let k = from;
  while (k < end) {
    const i = tokens.indexOf(needle, k);
    if (i < 0 || i >= end) return -1;
    let j = i;
    while (j < end && text.charCodeAt(j) === ch) j++;
    if (j - i === len) return i;
    k = j;
  }
  return -1;
}

/** Matching `)` for a link destination starting after `(`, allowing balanced parentheses. */
function findParen(text: string, from: number, end: number): number {
  let depth = 0;
  let inTitle = 0;
  for (let k = from; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 92) {
      k++;
      continue;
    }
    if (inTitle) {
      if (c === inTitle) inTitle = 0;
      continue;
    }
    if (c === 34 && isSpace(text.charCodeAt(k - 1))) inTitle = 34;
    else if (c === 40) depth++;
    else if (c === 41) {
      if (depth === 0) return k;
      depth--;
    } else if (c === 10 && text.charCodeAt(k + 1) === 10) return -1;
  }
  return -1;
}

/** Characters of the local part of an e-mail address. */
function isLocal(c: number): boolean {
  return isWordChar(c) || c === 46 || c === 43 || c === 45 || c === 37;
}

/** Handles an `@` at `at`: e-mail address, Pandoc citation or Quarto cross-reference. */
function citationOrEmail(b: ProseBuilder, tokens: InlineTokens, at: number, end: number): number {
  const text = b.text;
  const before = at > 0 ? text.charCodeAt(at - 1) : 32;
  // e-mail: local part right before @
  if (isWordChar(before) || (isLocal(before) && at > 1 && isWordChar(text.charCodeAt(at - 2)))) {
    let s = at;
    while (s > 0) {
      if (isLocal(text.charCodeAt(s - 1))) s--;
      else break;
    }
    let e = at + 1;
    while (e < end) {
      const c = text.charCodeAt(e);
      if (isWordChar(c) || c === 46 || c === 45) e++;
      else break;
    }
    while (e > at + 1 && text.charCodeAt(e - 1) === 46) e--;
    b.exclude(s, e);
    return e;
  }
  if (before === 92) return at + 1; // \@
  let keyStart = at + 1;
  let keyEnd: number;
  if (text.charCodeAt(keyStart) === 123) {
    // @{key with any chars}
    const close = tokens.indexOf('}', keyStart);
    if (close < 0 || close >= end) return at + 1;
    // "@{}" names no key: not a citation (the fuzz test found it: a citation with an empty key)
    if (close === keyStart + 1) return at + 1;
    keyStart++;
    keyEnd = close;
    b.exclude(at, close + 1);
  } else {
    const first = text.charCodeAt(keyStart);
    if (!(isWordChar(first))) return at + 1;
    keyEnd = keyStart + 1;
    while (keyEnd < end && isKeyChar(text.charCodeAt(keyEnd))) keyEnd++;
    // internal punctuation only: trailing punctuation is not part of the key
    while (keyEnd > keyStart + 1 && !isWordChar(text.charCodeAt(keyEnd - 1))) keyEnd--;
    b.exclude(at, keyEnd);
  }
  const key = text.slice(keyStart, keyEnd);
  const dash = key.indexOf('-');
  if (dash > 0 && CROSSREF_PREFIXES.has(key.slice(0, dash))) return keyEnd; // Quarto cross-reference
  // bracketed when inside [ ... ] with ; separators: look back on this line for '[' before any ']'
  let bracketed = false;
  for (let k = at - 1; k >= 0 && k >= at - 400; k--) {
    const c = text.charCodeAt(k);
    if (c === 91) {
      // [see @a, p. 3; @b]: the whole citation group is markup, not prose
      const close = tokens.indexOf(']', keyEnd);
      const nl = tokens.indexOf('\n\n', keyEnd);
      if (close >= 0 && close < end && (nl < 0 || close < nl)) {
        bracketed = true;
        b.exclude(k, close + 1);
      }
      break;
    }
    if (c === 93 || c === 10) break;
  }
  b.citations.push({ key, start: keyStart, end: keyEnd, syntax: 'pandoc', bracketed });
  return keyEnd;
}

/** `bibliography: refs.bib` or a YAML list of them, in front matter. */
function collectFrontMatterBibliographies(b: ProseBuilder, fm: string): void {
  const re = /^bibliography:[ \t]*(.*)$/m;
  const m = re.exec(fm);
  if (!m) return;
  const lineStart = m.index;
  const value = m[1].trim();
  const push = (raw: string, off: number) => {
    const v = raw.trim().replace(/^["']|["']$/g, '');
    if (v) b.bibliographies.push({ path: v, start: off, end: off + raw.length });
  };
  if (value.startsWith('[')) {
    const inner = value.slice(1, value.lastIndexOf(']') < 0 ? undefined : value.lastIndexOf(']'));
    let off = lineStart + m[0].indexOf(value) + 1;
    for (const part of inner.split(',')) {
      push(part, off + (part.length - part.trimStart().length));
      off += part.length + 1;
    }
  } else if (value) {
    push(value, lineStart + m[0].indexOf(value));
  } else {
    // block list on the following lines
    const listRe = /\r?\n[ \t]*-[ \t]+(.+)/y;
    listRe.lastIndex = m.index + m[0].length;
    let lm: RegExpExecArray | null;
    while ((lm = listRe.exec(fm)) !== null) {
      push(lm[1], lm.index + lm[0].indexOf(lm[1]));
    }
  }
}
