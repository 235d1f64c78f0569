/**
 * LaTeX in BibTeX values, to the plain Unicode text a hover card or a
 * reference list shows: accents (`{\"o}`, `\'{e}`, `\c c`, `\v{s}`, `\'\i`),
 * special letters (`\ss`, `\o`, `\ae`, `\l`), symbols (`\textendash`, `\&`,
 * `--`, `~`), Greek letters in and out of math (`$\alpha$`, `\textbeta`),
 * formatting commands dropped for their argument (`\emph{x}` → x) and the
 * protecting braces removed. And BibTeX names: `and`-separated, in the three
 * forms BibTeX reads (First von Last; von Last, First; von Last, Jr, First).
 *
 * Hand-written rather than a library (docs/bibtex.md says why): it runs only
 * on the fields imid-lens shows, with a fast path for values without LaTeX.
 */

/** Combining marks of the accent commands. */
const ACCENTS: Record<string, string> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  c: '\u0327', v: '\u030C', H: '\u030B', u: '\u0306', k: '\u0328', r: '\u030A', d: '\u0323', b: '\u0331', t: '\u0361',
};

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'ϑ',
  iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', omicron: 'ο', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ',
  sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Alpha: 'Α', Beta: 'Β', Gamma: 'Γ', Delta: 'Δ', Epsilon: 'Ε', Zeta: 'Ζ', Eta: 'Η', Theta: 'Θ', Iota: 'Ι', Kappa: 'Κ',
  Lambda: 'Λ', Mu: 'Μ', Nu: 'Ν', Xi: 'Ξ', Omicron: 'Ο', Pi: 'Π', Rho: 'Ρ', Sigma: 'Σ', Tau: 'Τ', Upsilon: 'Υ', Phi: 'Φ',
  Chi: 'Χ', Psi: 'Ψ', Omega: 'Ω',
};

/** Control words that stand for a character (or nothing). */
const SYMBOLS: Record<string, string> = {
  ss: 'ß', SS: 'SS', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
  dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ', dj: 'đ', DJ: 'Đ',
  textendash: '–', textemdash: '—', textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”',
  textquotesingle: "'", textquotedbl: '"', guillemotleft: '«', guillemotright: '»', guillemetleft: '«', guillemetright: '»',
  textless: '<', textgreater: '>', textbackslash: '\\', backslash: '\\', textbar: '|', textasciitilde: '~', textasciicircum: '^',
  textunderscore: '_', textbraceleft: '{', textbraceright: '}', textdollar: '$', textasteriskcentered: '*',
  textregistered: '®', texttrademark: '™', textcopyright: '©', copyright: '©', textdegree: '°', textcelsius: '℃',
  textpm: '±', pm: '±', times: '×', texttimes: '×', div: '÷', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠',
  approx: '≈', sim: '∼', infty: '∞', cdot: '·', textperiodcentered: '·', bullet: '•', textbullet: '•', prime: '′',
  rightarrow: '→', to: '→', leftarrow: '←', uparrow: '↑', downarrow: '↓', textrightarrow: '→', textleftarrow: '←',
  ldots: '…', dots: '…', textellipsis: '…', textperthousand: '‰', textonehalf: '½', textonequarter: '¼', textthreequarters: '¾',
  pounds: '£', textsterling: '£', euro: '€', texteuro: '€', textyen: '¥', S: '§', P: '¶', textsection: '§', textparagraph: '¶',
  dag: '†', ddag: '‡', textdagger: '†', textdaggerdbl: '‡', textmu: 'µ', micro: 'µ', textexclamdown: '¡', textquestiondown: '¿',
  LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX', quad: ' ', qquad: ' ', space: ' ', enspace: ' ', thinspace: ' ', nobreakspace: ' ',
  relax: '', par: ' ', newline: ' ', linebreak: ' ', break: ' ', allowbreak: '', hyphen: '-', textnbhyphen: '-',
};
for (const [k, v] of Object.entries(GREEK)) {
  SYMBOLS[k] = v;
  SYMBOLS[`text${k}`] = v;
}
SYMBOLS.textmu = 'µ';

/** Commands whose first argument is not text (skipped): \href{url}{text} → text, \label{x} → nothing. */
const SKIP_ARG = new Set(['href', 'hyperref', 'label', 'ref', 'index', 'footnote', 'thanks', 'vspace', 'color']);
/** Commands whose argument is a length: a space. */
const SPACE_ARG = new Set(['hspace', 'hskip', 'kern']);

const NEEDS_WORK = /[\\{}$~]|--/;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The end of the brace group that opens at `open` (index after its `}`; the text's end when it is not closed). */
function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i + 1;
  }
  return s.length;
}

/** Reads one macro argument at `i` (after spaces): a `{group}`, a `\command`, or one character. */
function argumentAt(s: string, i: number): { text: string; end: number } {
  let j = i;
  while (j < s.length && (s[j] === ' ' || s[j] === '\t' || s[j] === '\n' || s[j] === '\r')) j++;
  if (j >= s.length) return { text: '', end: j };
  const c = s.charCodeAt(j);
  if (c === 123) {
    const e = groupEnd(s, j);
    return { text: s.slice(j + 1, s.charCodeAt(e - 1) === 125 ? e - 1 : e), end: e };
  }
  if (c === 92) {
    let k = j + 1;
    if (k < s.length && isLetter(s.charCodeAt(k))) while (k < s.length && isLetter(s.charCodeAt(k))) k++;
    else k++;
    return { text: s.slice(j, k), end: k };
  }
  const cp = s.codePointAt(j)!;
  const w = cp > 0xffff ? 2 : 1;
  return { text: s.slice(j, j + w), end: j + w };
}

function accent(base: string, mark: string): string {
  if (!base) return '';
  const first = base === 'ı' || base[0] === 'ı' ? 'i' : base[0] === 'ȷ' ? 'j' : base[0];
  return `${first}${mark}${base.slice(1)}`.normalize('NFC');
}

/**
 * Plain text of a LaTeX value. Inside `$…$` there are no dash ligatures and
 * `^` and `_` are dropped.
 */
export function latexToText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return convert(s, false);
}

function convert(s: string, inMath: boolean): string {
  let out = '';
  let run = 0; // start of the plain run not yet copied
  let math = inMath;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 92 /* \ */) {
      out += s.slice(run, i);
      const j = i + 1;
      if (j >= n) {
        i = run = n;
        break;
      }
      const d = s.charCodeAt(j);
      if (!isLetter(d)) {
        const ch = s[j];
        const mark = ACCENTS[ch];
        if (mark && !math) {
          const arg = argumentAt(s, j + 1);
          out += accent(convert(arg.text, false), mark);
          i = run = arg.end;
          continue;
        }
        // \& \% \$ \# \_ \{ \}: the character; \\ and spacing commands: a space; \- \/: nothing
        out += ch === '\\' || ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === ',' || ch === ';' || ch === ':' || ch === '!' ? ' ' : ch === '-' || ch === '/' || ch === '@' ? '' : ch;
        i = run = j + 1;
        continue;
      }
      let k = j;
      while (k < n && isLetter(s.charCodeAt(k))) k++;
      const name = s.slice(j, k);
      // TeX skips the spaces after a control word
      let after = k;
      while (after < n && (s.charCodeAt(after) === 32 || s.charCodeAt(after) === 9)) after++;
      const mark = name.length === 1 ? ACCENTS[name] : undefined;
      if (mark) {
        const arg = argumentAt(s, k);
        out += accent(convert(arg.text, false), mark);
        i = run = arg.end;
        continue;
      }
      const sym = SYMBOLS[name];
      if (sym !== undefined) {
        out += sym;
        i = run = after;
        continue;
      }
      if (SKIP_ARG.has(name) || SPACE_ARG.has(name)) {
        if (SPACE_ARG.has(name)) out += ' ';
        i = run = argumentAt(s, k).end;
        continue;
      }
      // any other command (\emph, \textit, \url, \mkbibquote, unknown ones): its arguments stay as text
      i = run = after;
      continue;
    }
    if (c === 123 || c === 125) {
      out += s.slice(run, i);
      i = run = i + 1;
      continue;
    }
    if (c === 36 /* $ */) {
      out += s.slice(run, i);
      math = !math;
      i = run = i + 1;
      continue;
    }
    if (c === 126 /* ~ */) {
      out += `${s.slice(run, i)} `;
      i = run = i + 1;
      continue;
    }
    if (math && (c === 94 || c === 95) /* ^ _ */) {
      out += s.slice(run, i);
      i = run = i + 1;
      continue;
    }
    if (c === 45 /* - */ && !math && s.charCodeAt(i + 1) === 45) {
      out += s.slice(run, i);
      if (s.charCodeAt(i + 2) === 45) {
        out += '—';
        i = run = i + 3;
      } else {
        out += '–';
        i = run = i + 2;
      }
      continue;
    }
    i++;
  }
  out += s.slice(run, n);
  return out;
}

/**
 * Fields that are not prose (DOI, URL, identifiers): braces removed and TeX
 * escapes undone, nothing else (a URL keeps its `~` and `--`).
 */
export function verbatimText(s: string): string {
  if (!/[\\{}]/.test(s)) return s;
  return s.replace(/\\(url|href|path|nolinkurl)\b\s*/g, '').replace(/\\([_%&#${}~])/g, '$1').replace(/[{}]/g, '');
}

// --- names -------------------------------------------------------------------------------

export interface ParsedName {
  family?: string;
  given?: string;
  literal?: string;
}

/** Splits `s` at depth-0 occurrences of `sep` (a test at a position: the length of the separator there, or 0). */
function splitTop(s: string, sepAt: (s: string, i: number) => number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      i++;
      continue;
    }
    if (c === 123) depth++;
    else if (c === 125) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const w = sepAt(s, i);
      if (w > 0) {
        parts.push(s.slice(start, i));
        start = i + w;
        i = start - 1;
      }
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** Braces or commands: the slow path that knows about groups. */
const HAS_GROUP = /[{}\\]/;
const AND = /\s+and\s+/i;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** " and " (any case, any whitespace around) at i: its length. */
function andAt(s: string, i: number): number {
  if (!isSpace(s.charCodeAt(i))) return 0;
  let j = i;
  while (j < s.length && isSpace(s.charCodeAt(j))) j++;
  if ((s.charCodeAt(j) | 32) !== 97 || (s.charCodeAt(j + 1) | 32) !== 110 || (s.charCodeAt(j + 2) | 32) !== 100) return 0;
  let k = j + 3;
  if (k >= s.length || !isSpace(s.charCodeAt(k))) return 0;
  while (k < s.length && isSpace(s.charCodeAt(k))) k++;
  return k - i;
}

/** Splits a list field (author, editor, publisher…) at its depth-0 "and"s. */
export function splitAnd(s: string): string[] {
  if (!HAS_GROUP.test(s)) return s.split(AND).map((x) => x.trim()).filter(Boolean);
  return splitTop(s, andAt).map((x) => x.trim()).filter(Boolean);
}

const commaAt = (s: string, i: number) => (s.charCodeAt(i) === 44 ? 1 : 0);
const spaceAt = (s: string, i: number) => {
  if (!isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 126) return 0;
  let j = i;
  while (j < s.length && (isSpace(s.charCodeAt(j)) || s.charCodeAt(j) === 126)) j++;
  return j - i;
};

/** BibTeX's "von" test: the token's first letter is lower case (a plain `{…}` group protects it). */
function isVon(token: string): boolean {
  if (token.charCodeAt(0) === 123 && token.charCodeAt(1) !== 92) return false;
  const t = latexToText(token);
  const m = /\p{L}/u.exec(t);
  return m !== null && m[0] !== m[0].toUpperCase();
}

const words = (s: string) => (HAS_GROUP.test(s) ? splitTop(s.trim(), spaceAt) : s.trim().split(/[\s~]+/)).filter(Boolean);
/** White space collapsed to single spaces, none at the ends. */
export function tidy(t: string): string {
  return UNTIDY.test(t) ? t.replace(/\s+/g, ' ').trim() : t;
}
const UNTIDY = /\s\s|[^\S ]|^\s|\s$/;
const join = (ts: string[]) => (ts.length ? tidy(latexToText(ts.length === 1 ? ts[0] : ts.join(' '))) : '');

/** One BibTeX name. `others` is returned as a literal "others" (the caller marks the list truncated). */
export function parseName(raw: string): ParsedName {
  const s = raw.trim();
  if (!s) return {};
  if (s.charCodeAt(0) === 123 && groupEnd(s, 0) === s.length) {
    // {World Health Organization}: a literal
    return { literal: join([s]) };
  }
  const plainText = !HAS_GROUP.test(s);
  if (plainText) {
    // the common "Family, Given" without braces or commands
    const c = s.indexOf(',');
    if (c > 0 && s.indexOf(',', c + 1) < 0) {
      const fam = s.slice(0, c).trim();
      if (!/\s|~/.test(fam)) {
        const name: ParsedName = { family: tidy(latexToText(fam)) };
        const given = tidy(latexToText(s.slice(c + 1)));
        if (given) name.given = given;
        return name;
      }
    }
  }
  const parts = (plainText ? s.split(',') : splitTop(s, commaAt)).map((p) => p.trim());
  let first: string[] = [];
  let von: string[] = [];
  let last: string[] = [];
  let jr: string[] = [];
  if (parts.length === 1) {
    const t = words(parts[0]);
    let f = -1;
    for (let i = 0; i < t.length - 1; i++) if (isVon(t[i])) {
      f = i;
      break;
    }
    if (f < 0) {
      last = t.slice(-1);
      first = t.slice(0, -1);
    } else {
      let l = f;
      for (let i = f; i < t.length - 1; i++) if (isVon(t[i])) l = i;
      first = t.slice(0, f);
      von = t.slice(f, l + 1);
      last = t.slice(l + 1);
    }
  } else {
    const t = words(parts[0]);
    let l = -1;
    for (let i = 0; i < t.length - 1; i++) if (isVon(t[i])) l = i;
    von = t.slice(0, l + 1);
    last = t.slice(l + 1);
    if (parts.length === 2) first = words(parts[1]);
    else {
      jr = words(parts[1]);
      first = words(parts.slice(2).join(' '));
    }
  }
  const family = von.length || jr.length ? [join(von), join(last), join(jr)].filter(Boolean).join(' ') : join(last);
  const given = join(first);
  const name: ParsedName = {};
  if (family) name.family = family;
  if (given) name.given = given;
  return name;
}
