/**
 * Where a citation key is being typed.
 *
 * Markdown (Pandoc, Quarto, R Markdown): `[@`, `[@a; @`, `[-@`, `[see @`, and
 * a narrative `@` after a space or at a line start; never inside an e-mail
 * address, code, math, a URL or front matter (the prose extractor knows those).
 * LaTeX: inside the key argument of \cite, \citep, \citet, \parencite,
 * \textcite, \autocite, \footcite, \nocite and their starred, capitalised and
 * multi-cite (\cites) variants, after optional [..] arguments, at any of
 * several comma-separated keys; never in a comment.
 */
import { CITE_COMMAND } from '../prose/latex';
import { type Prose, firstPairEndingAfter, insideAny } from '../prose/types';

export interface CitationContext {
  readonly syntax: 'pandoc' | 'latex';
  /** The part of the key typed before the cursor. */
  readonly prefix: string;
  /** Offsets of the whole key under the cursor (what a completion replaces). */
  readonly start: number;
  readonly end: number;
  /** Other keys of the same citation group (`[@a; @b]`, `\cite{a,b}`). */
  readonly others: readonly string[];
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/** Characters of a Pandoc key (as in the Markdown extractor). */
function isPandocKeyCode(c: number): boolean {
  return isWordCode(c) || ':.#$%&-+?<>~/'.includes(String.fromCharCode(c));
}

function isLatexKeyCode(c: number): boolean {
  return !(c === 44 || c === 123 || c === 125 || c === 37 || c === 92 || c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c));
}

export function citationContextAt(prose: Prose, offset: number): CitationContext | undefined {
  if (prose.kind === 'markdown') return pandocContext(prose, offset);
  if (prose.kind === 'latex') return latexContext(prose, offset);
  return undefined;
}

function pandocContext(prose: Prose, offset: number): CitationContext | undefined {
  const text = prose.text;
  let s = offset;
  while (s > 0 && offset - s < 200 && isPandocKeyCode(text.charCodeAt(s - 1))) s--;
  // "@{key with spaces" is rare while typing; plain keys only
  if (text.charCodeAt(s - 1) !== 64) return undefined;
  const at = s - 1;
  const before = at > 0 ? text.charCodeAt(at - 1) : 32;
  const ok = before === 32 || before === 9 || before === 10 || before === 13 || before === 91 /* [ */ || before === 59 /* ; */ ||
    (before === 45 /* - */ && (at < 2 || /[\s[;]/.test(text[at - 2])));
  if (!ok) return undefined; // e-mail addresses, handles inside words
  if (s === offset) {
    // nothing typed yet: the @ itself must be prose (not code, a URL, math, front matter),
    // unless it is in a bracketed citation group (which the extractor excludes as a whole)
    if (insideAny(prose.excluded, at) && !inCitationGroup(prose, at)) return undefined;
  } else {
    // something typed: the extractor must have read it as a citation
    if (!prose.citations.some((c) => c.start === s)) return undefined;
  }
  let e = offset;
  while (e < text.length && e - offset < 200 && isPandocKeyCode(text.charCodeAt(e))) e++;
  while (e > offset && !isWordCode(text.charCodeAt(e - 1))) e--; // trailing punctuation is not part of the key
  return { syntax: 'pandoc', prefix: text.slice(s, offset), start: s, end: e, others: groupKeys(prose, at, s) };
}

/** The `[` … `]` around `at` on its paragraph, if any. */
function bracketAround(text: string, at: number): { open: number; close: number } | undefined {
  let open = -1;
  for (let k = at - 1; k >= 0 && at - k < 400; k--) {
    const c = text.charCodeAt(k);
    if (c === 91) {
      open = k;
      break;
    }
    if (c === 93 || (c === 10 && text.charCodeAt(k - 1) === 10)) break;
  }
  if (open < 0) return undefined;
  let close = text.indexOf(']', at);
  const para = text.indexOf('\n\n', at);
  if (close < 0 || (para >= 0 && para < close)) close = Math.min(text.length, at + 400);
  return { open, close };
}

function inCitationGroup(prose: Prose, at: number): boolean {
  const b = bracketAround(prose.text, at);
  return !!b && prose.citations.some((c) => c.bracketed && c.start > b.open && c.end <= b.close);
}

/** Keys of the bracketed group around `at` ([@a; @b]). */
function groupKeys(prose: Prose, at: number, self: number): string[] {
  const b = bracketAround(prose.text, at);
  if (!b) return [];
  return prose.citations.filter((c) => c.start > b.open && c.end <= b.close && c.start !== self).map((c) => c.key);
}

const BEFORE_BRACE = /\\([A-Za-z]+\*?)[ \t]*(?:(?:\[[^\]\n]*\]|\([^)\n]*\))[ \t]*)*(?:\{[^{}]*\}[ \t]*(?:(?:\[[^\]\n]*\]|\([^)\n]*\))[ \t]*)*)*$/;

function latexContext(prose: Prose, offset: number): CitationContext | undefined {
  const text = prose.text;
  // the opening brace of the argument the cursor is in
  let open = -1;
  for (let k = offset - 1; k >= 0 && offset - k < 600; k--) {
    const c = text.charCodeAt(k);
    if (c === 123) {
      open = k;
      break;
    }
    if (c === 125 || c === 92 || c === 37) return undefined;
  }
  if (open < 0) return undefined;
  const head = BEFORE_BRACE.exec(text.slice(Math.max(0, open - 300), open));
  if (!head || !CITE_COMMAND.test(`\\${head[1]}`)) return undefined;
  const cmdStart = open - head[0].length;
  // not in a comment, the preamble, or verbatim: the command itself must not be in a comment line
  const ls = text.lastIndexOf('\n', cmdStart) + 1;
  for (let k = ls; k < cmdStart; k++) if (text.charCodeAt(k) === 37 && text.charCodeAt(k - 1) !== 92) return undefined;
  if (inVerbatim(prose, cmdStart)) return undefined;
  let s = offset;
  while (s > open + 1 && isLatexKeyCode(text.charCodeAt(s - 1))) s--;
  let e = offset;
  while (e < text.length && isLatexKeyCode(text.charCodeAt(e))) e++;
  // the argument ends at its brace (or, while still being typed, at a command, comment or blank line)
  const stop = /[}\\%]|\n[ \t]*\n/g;
  stop.lastIndex = offset;
  const sm = stop.exec(text);
  const close = sm && sm.index - offset <= 600 ? sm.index : offset;
  const others = text.slice(open + 1, close).split(',').map((k) => k.trim()).filter((k) => k && k !== text.slice(s, e));
  return { syntax: 'latex', prefix: text.slice(s, offset), start: s, end: e, others };
}

const VERBATIM_BEGIN = /\\begin[ \t]*\{(?:verbatim\*?|Verbatim|BVerbatim|lstlisting|minted|comment|alltt|filecontents\*?|luacode|pycode)\}/;

/** Inside a verbatim-like environment (which the extractor excludes as one stretch)? */
function inVerbatim(prose: Prose, at: number): boolean {
  const i = firstPairEndingAfter(prose.excluded, at);
  if (i >= prose.excluded.length / 2 || prose.excluded[2 * i] > at) return false;
  const start = prose.excluded[2 * i];
  return VERBATIM_BEGIN.test(prose.text.slice(Math.max(start, at - 20000), at));
}
