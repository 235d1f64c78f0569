/**
 * LaTeX prose extraction: one left-to-right tokenizer pass.
 *
 * Never linted: the preamble, comments, math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`,
 * math environments), verbatim-like environments, command names, and the
 * arguments of commands whose arguments are not prose (\cite, \ref, \label,
 * \url, \input, \includegraphics, …). Sectioning, \item, \caption and
 * \footnote start new sentences; quote environments and ``…'' are quotations.
 */
import { type Prose, ProseBuilder, parseDirective } from './types';

const TOKEN = /%|\\(?:begin|end)[ \t]*\{([^{}\n]*)\}|\\[A-Za-z@]+\*?|\\[^A-Za-z\n]|\$\$|\$|[{}~]|``|''|&|\n[ \t]*\r?\n/g;

const VERBATIM = new Set(['verbatim', 'verbatim*', 'Verbatim', 'BVerbatim', 'lstlisting', 'minted', 'comment', 'alltt', 'tikzpicture', 'filecontents', 'filecontents*', 'luacode', 'pycode', 'asy']);
const MATH = new Set([
  'equation', 'equation*', 'align', 'align*', 'alignat', 'alignat*', 'flalign', 'flalign*', 'gather', 'gather*', 'multline', 'multline*',
  'eqnarray', 'eqnarray*', 'math', 'displaymath', 'split', 'dmath', 'dmath*', 'IEEEeqnarray', 'IEEEeqnarray*', 'CD',
]);
const QUOTE_ENVS = new Set(['quote', 'quotation', 'displayquote', 'verse']);
const TABULAR = new Set(['tabular', 'tabular*', 'tabularx', 'longtable', 'tabu', 'array', 'supertabular', 'xtabular', 'tblr']);

/** Citation commands (biblatex and natbib), star and capitalised variants handled by the regex. */
export const CITE_COMMAND =
  /^\\(?:[Cc]ite[a-zA-Z]*|[Pp]arencite|[Tt]extcite|[Aa]utocite|[Ff]ootcite(?:text)?|[Ss]martcite|[Ss]upercite|nocite|[Ff]ullcite|[Cc]itep|[Cc]itet|citealp|citealt|citeauthor|citeyear(?:par)?|citenum|[Pp]arencites|[Tt]extcites|[Aa]utocites|[Cc]ites|footcites|fnotecite|volcite|pvolcite|notecite|pnotecite|Notecite|Pnotecite|mancite)\*?$/;

/** Commands whose next N mandatory arguments are not prose (optional [..] args are always skipped). */
const SKIP_ARGS: Record<string, number> = {
  '\\ref': 1, '\\eqref': 1, '\\pageref': 1, '\\autoref': 1, '\\cref': 1, '\\Cref': 1, '\\nameref': 1, '\\vref': 1, '\\cpageref': 1,
  '\\label': 1, '\\url': 1, '\\nolinkurl': 1, '\\href': 1, '\\input': 1, '\\include': 1, '\\includeonly': 1, '\\subfile': 1,
  '\\includegraphics': 1, '\\includepdf': 1, '\\bibliography': 1, '\\bibliographystyle': 1, '\\addbibresource': 1,
  '\\usepackage': 1, '\\RequirePackage': 1, '\\documentclass': 1, '\\usetikzlibrary': 1, '\\graphicspath': 1,
  '\\newcommand': 2, '\\renewcommand': 2, '\\providecommand': 2, '\\newenvironment': 3, '\\renewenvironment': 3, '\\def': 1,
  '\\setlength': 2, '\\addtolength': 2, '\\setcounter': 2, '\\addtocounter': 2, '\\hspace': 1, '\\vspace': 1, '\\hspace*': 1, '\\vspace*': 1,
  '\\color': 1, '\\textcolor': 1, '\\colorbox': 1, '\\pagestyle': 1, '\\thispagestyle': 1, '\\pagenumbering': 1,
  '\\newacronym': 2, '\\gls': 1, '\\Gls': 1, '\\glspl': 1, '\\acrshort': 1, '\\acrlong': 1, '\\ac': 1, '\\acp': 1,
  '\\verb': 0, '\\lstinline': 1, '\\mintinline': 2, '\\SI': 2, '\\si': 1, '\\num': 1, '\\qty': 2, '\\unit': 1,
  '\\fontsize': 2, '\\selectfont': 0, '\\linespread': 1, '\\newpage': 0, '\\clearpage': 0, '\\cline': 1, '\\multicolumn': 2, '\\multirow': 2,
};

/** Commands that start a new block (sentence boundary before; their argument is its own block). */
const BLOCK = new Set([
  '\\part', '\\chapter', '\\section', '\\subsection', '\\subsubsection', '\\paragraph', '\\subparagraph',
  '\\part*', '\\chapter*', '\\section*', '\\subsection*', '\\subsubsection*', '\\paragraph*', '\\subparagraph*',
  '\\item', '\\caption', '\\caption*', '\\footnote', '\\footnotetext', '\\title', '\\author', '\\date', '\\maketitle', '\\par',
  '\\tableofcontents', '\\bibitem', '\\newline', '\\linebreak', '\\midrule', '\\toprule', '\\bottomrule', '\\hline',
]);

export function extractLatex(text: string): Prose {
  const b = new ProseBuilder(text, 'latex');
  const n = text.length;
  let start = 0;
  const doc = /\\begin[ \t]*\{document\}/.exec(text);
  if (doc) {
    start = doc.index + doc[0].length;
    scanPreamble(b, text.slice(0, doc.index));
    b.exclude(0, start);
    b.break(start);
  }
  const endDoc = text.lastIndexOf('\\end{document}');
  const stopAt = endDoc >= start ? endDoc : n;
  if (endDoc >= start) b.exclude(endDoc, n);

  // Braces opened by block commands: when they close, a sentence boundary.
  const blockBraces: number[] = [];
  let depth = 0;
  let inQuoteMarks = -1;
  const re = TOKEN;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < stopAt) {
    const at = m.index;
    const tok = m[0];
    let to = at + tok.length;
    const c = tok.charCodeAt(0);
    if (c === 37) {
      // % comment to end of line (\% was consumed as an escape)
      let e = text.indexOf('\n', at);
      if (e < 0) e = n;
      const lineEnd = e > at && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
      const d = parseDirective(text.slice(at + 1, lineEnd), at, lineEnd);
      if (d) b.directives.push(d);
      b.exclude(at, lineEnd);
      to = lineEnd;
    } else if (c === 10) {
      b.break(at); // blank line: paragraph boundary
    } else if (c === 92) {
      if (m[1] !== undefined) {
        to = environment(b, text, at, to, tok.startsWith('\\begin'), m[1].trim(), stopAt);
      } else if (tok === '\\(' || tok === '\\[') {
        const close = text.indexOf(tok === '\\(' ? '\\)' : '\\]', to);
        const e = close < 0 ? stopAt : close + 2;
        b.exclude(at, e);
        to = e;
      } else if (tok === '\\\\') {
        b.exclude(at, to);
        b.break(at);
        to = skipOptional(b, text, to, stopAt);
      } else if (/^\\[A-Za-z@]/.test(tok)) {
        to = command(b, text, at, tok, stopAt, blockBraces, depth);
      } else {
        b.exclude(at, at + (/^\\[%&$#_{}~^]$/.test(tok) ? 1 : 2)); // \% keeps the %, \, \; \- vanish
      }
    } else if (c === 36) {
      // $…$ or $$…$$
      const close = findDollar(text, to, tok.length, stopAt);
      const e = close < 0 ? to : close + tok.length;
      b.exclude(at, e);
      to = e;
    } else if (c === 123) {
      depth++;
      b.exclude(at, to);
    } else if (c === 125) {
      if (blockBraces.length && blockBraces[blockBraces.length - 1] === depth) {
        blockBraces.pop();
        b.break(at);
      }
      depth = Math.max(0, depth - 1);
      b.exclude(at, to);
    } else if (c === 126) {
      b.exclude(at, to); // ~ non-breaking space
    } else if (tok === '``') {
      b.exclude(at, to);
      inQuoteMarks = at;
    } else if (tok === "''") {
      b.exclude(at, to);
      if (inQuoteMarks >= 0) b.quote(inQuoteMarks, to);
      inQuoteMarks = -1;
    } else if (c === 38) {
      b.exclude(at, to); // & column separator
      b.break(at);
    }
    if (to > re.lastIndex) re.lastIndex = to;
  }
  return b.build();
}

function environment(b: ProseBuilder, text: string, at: number, to: number, begin: boolean, name: string, stopAt: number): number {
  if (begin && (VERBATIM.has(name) || MATH.has(name))) {
    const endTok = `\\end{${name}}`;
    const close = text.indexOf(endTok, to);
    const e = close < 0 ? stopAt : close + endTok.length;
    b.exclude(at, e);
    b.break(at);
    b.break(e);
    return e;
  }
  b.exclude(at, to);
  b.break(at);
  if (begin && QUOTE_ENVS.has(name)) {
    const endTok = `\\end{${name}}`;
    const close = text.indexOf(endTok, to);
    b.quote(to, close < 0 ? stopAt : close);
  }
  if (begin) {
    // optional args and, for tables/minipages, the column spec / width
    to = skipOptional(b, text, to, stopAt);
    if (TABULAR.has(name) || name === 'minipage' || name === 'wrapfigure' || name === 'multicols') {
      if (name === 'tabular*' || name === 'tabularx') to = skipGroup(b, text, to, stopAt);
      to = skipGroup(b, text, to, stopAt);
    }
  }
  return to;
}

function command(b: ProseBuilder, text: string, at: number, tok: string, stopAt: number, blockBraces: number[], depth: number): number {
  let to = at + tok.length;
  b.exclude(at, to);
  if (CITE_COMMAND.test(tok)) {
    // \cite[pre][post]{a,b}  and multi-cite \cites(..)(..)[..]{a}[..]{b}
    for (;;) {
      to = skipOptional(b, text, to, stopAt);
      const k = skipWs(text, to);
      if (text.charCodeAt(k) === 40) {
        const close = text.indexOf(')', k);
        if (close < 0) break;
        b.exclude(k, close + 1);
        to = close + 1;
        continue;
      }
      if (text.charCodeAt(k) !== 123) break;
      const close = matchingBrace(text, k, stopAt);
      if (close < 0) break;
      b.exclude(k, close + 1);
      let off = k + 1;
      for (const part of text.slice(k + 1, close).split(',')) {
        const lead = part.length - part.trimStart().length;
        const key = part.trim();
        if (key) b.citations.push({ key, start: off + lead, end: off + lead + key.length, syntax: 'latex', bracketed: true });
        off += part.length + 1;
      }
      to = close + 1;
      if (!/^\\(?:[Cc]ites|[Pp]arencites|[Tt]extcites|[Aa]utocites|footcites)/.test(tok)) break;
    }
    return to;
  }
  if (tok === '\\verb' || tok === '\\verb*') {
    const delim = text[to];
    const close = delim ? text.indexOf(delim, to + 1) : -1;
    const e = close < 0 ? to : close + 1;
    b.exclude(at, e);
    return e;
  }
  const skip = SKIP_ARGS[tok];
  if (skip !== undefined) {
    to = skipOptional(b, text, to, stopAt);
    for (let k = 0; k < skip; k++) {
      to = skipGroup(b, text, to, stopAt);
      to = skipOptional(b, text, to, stopAt);
    }
    if (tok === '\\bibliography' || tok === '\\addbibresource') recordBibliographies(b, text, at, to);
    return to;
  }
  if (BLOCK.has(tok)) {
    b.break(at);
    to = skipOptional(b, text, to, stopAt);
    const k = skipWs(text, to);
    if (text.charCodeAt(k) === 123 && tok !== '\\item') {
      // the argument is its own block; its closing brace ends it
      blockBraces.push(depth + 1);
    }
  }
  return to;
}

function skipWs(text: string, k: number): number {
  while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  return k;
}

/** Skips (and excludes) `[...]` groups right after `to`. */
function skipOptional(b: ProseBuilder, text: string, to: number, stopAt: number): number {
  for (;;) {
    const k = skipWs(text, to);
    if (text.charCodeAt(k) !== 91) return to;
    let depth = 0;
    let e = -1;
    for (let j = k; j < stopAt && j < k + 2000; j++) {
      const c = text.charCodeAt(j);
      if (c === 92) {
        j++;
        continue;
      }
      if (c === 123) depth++;
      else if (c === 125) depth--;
      else if (c === 93 && depth <= 0) {
        e = j;
        break;
      } else if (c === 10 && text.charCodeAt(j + 1) === 10) break;
    }
    if (e < 0) return to;
    b.exclude(k, e + 1);
    to = e + 1;
  }
}

/** Skips (and excludes) one `{...}` group (or a single token) after `to`. */
function skipGroup(b: ProseBuilder, text: string, to: number, stopAt: number): number {
  const k = skipWs(text, to);
  if (text.charCodeAt(k) !== 123) {
    // \input file  or \def\macro
    const m = /^\\[A-Za-z@]+|^[^\s{}]+/.exec(text.slice(k, k + 200));
    if (!m) return to;
    b.exclude(k, k + m[0].length);
    return k + m[0].length;
  }
  const close = matchingBrace(text, k, stopAt);
  const e = close < 0 ? stopAt : close + 1;
  b.exclude(k, e);
  return e;
}

function matchingBrace(text: string, open: number, stopAt: number): number {
  let depth = 0;
  for (let j = open; j < stopAt; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      j++;
      continue;
    }
    if (c === 123) depth++;
    else if (c === 125) {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

function findDollar(text: string, from: number, len: number, stopAt: number): number {
  const needle = len === 2 ? '$$' : '$';
  let k = from;
  while (k < stopAt) {
    const i = text.indexOf(needle, k);
    if (i < 0 || i >= stopAt) return -1;
    if (text.charCodeAt(i - 1) !== 92) return i;
    k = i + 1;
  }
  return -1;
}

function scanPreamble(b: ProseBuilder, pre: string): void {
  const re = /\\(?:bibliography|addbibresource)(?:\[[^\]]*\])?\{([^}]*)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pre)) !== null) {
    if (isCommented(pre, m.index)) continue;
    recordBibliographies(b, pre, m.index, m.index + m[0].length);
  }
}

function isCommented(text: string, at: number): boolean {
  const ls = text.lastIndexOf('\n', at) + 1;
  for (let k = ls; k < at; k++) if (text.charCodeAt(k) === 37 && text.charCodeAt(k - 1) !== 92) return true;
  return false;
}

function recordBibliographies(b: ProseBuilder, text: string, at: number, end: number): void {
  const seg = text.slice(at, end);
  const open = seg.lastIndexOf('{');
  const close = seg.lastIndexOf('}');
  if (open < 0 || close < open) return;
  let off = at + open + 1;
  const isBibliography = seg.startsWith('\\bibliography');
  for (const part of seg.slice(open + 1, close).split(',')) {
    const lead = part.length - part.trimStart().length;
    let p = part.trim();
    if (p) {
      if (isBibliography && !/\.bib$/i.test(p)) p += '.bib';
      b.bibliographies.push({ path: p, start: off + lead, end: off + lead + part.trim().length });
    }
    off += part.length + 1;
  }
}
