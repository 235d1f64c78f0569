/**
 * Markdown for a terminal: the subset the cards use (headings, paragraphs with hard
 * breaks, **bold**, *italic*, `code`, backslash escapes, links, ordered and bullet lists,
 * pipe tables) rendered as plain text, wrapped to a width, tables as aligned columns.
 * With color, bold and italic become ANSI styles; without, no markup is left.
 */

export interface TerminalOptions {
  /** Wrap width in columns (default 80). */
  readonly width?: number;
  readonly color?: boolean;
}

const ANSI = /\u001b\[[0-9;]*m/g;
const PUNCT = /[!-/:-@[-`{-~]/;

/** Columns a string takes (ANSI styles take none; wide characters are not expected in cards). */
export function visibleWidth(s: string): number {
  let n = 0;
  for (const ch of s.replace(ANSI, '')) {
    const cp = ch.codePointAt(0)!;
    if (/^[\p{Mn}\p{Me}\p{Cf}]$/u.test(ch)) continue;
    n += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) ? 2 : 1;
  }
  return n;
}

/** Index of the closing `close` for the `open` at s[i], skipping escapes and nested pairs; -1 if none. */
function matching(s: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '\\') {
      j++;
      continue;
    }
    if (s[j] === open) depth++;
    else if (s[j] === close && --depth === 0) return j;
  }
  return -1;
}

/** Inline Markdown to text. */
export function renderInline(s: string, color = false): string {
  let out = '';
  let bold = false;
  let italic = false;
  const style = (on: boolean, code: string, off: string) => (color ? `\u001b[${on ? code : off}m` : '');
  for (let i = 0; i < s.length; ) {
    const ch = s[i];
    if (ch === '\\' && i + 1 < s.length && PUNCT.test(s[i + 1])) {
      out += s[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const j = s.indexOf('`', i + 1);
      if (j > i) {
        out += s.slice(i + 1, j);
        i = j + 1;
        continue;
      }
    }
    if (s.startsWith('**', i) || s.startsWith('__', i)) {
      bold = !bold;
      out += style(bold, '1', '22');
      i += 2;
      continue;
    }
    if (ch === '*' || ch === '_') {
      // an underscore inside a word is a letter (snake_case), not emphasis
      const inWord = ch === '_' && /\w/.test(s[i - 1] ?? '') && /\w/.test(s[i + 1] ?? '');
      if (!inWord) {
        italic = !italic;
        out += style(italic, '3', '23');
        i++;
        continue;
      }
    }
    if (ch === '[') {
      const close = matching(s, i, '[', ']');
      if (close > 0 && s[close + 1] === '(') {
        const end = matching(s, close + 1, '(', ')');
        if (end > 0) {
          const text = renderInline(s.slice(i + 1, close), color);
          const url = s.slice(close + 2, end).trim();
          out += linkText(text.replace(ANSI, ''), url);
          i = end + 1;
          continue;
        }
      }
    }
    out += ch;
    i++;
  }
  if (bold) out += style(false, '1', '22');
  if (italic) out += style(false, '3', '23');
  return out;
}

/** A link as text: the address alone when the label adds nothing ("link", "doi:…", "PMID …"), else "label (address)". */
function linkText(text: string, url: string): string {
  if (!url) return text;
  const last = text.trim().split(/\s+/).pop() ?? '';
  const bare = last.replace(/^(doi|pmid|pmc):/i, '');
  if (!text.trim() || /^(link|here|source|url|web ?page)$/i.test(text.trim()) || text.trim() === url || (bare.length >= 4 && decodeURIComponentSafe(url).includes(bare))) return url;
  return `${text} (${url})`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Word-wraps one line to `width`; continuation lines start with `indent`. Long words stay whole. */
export function wrap(line: string, width: number, indent = ''): string[] {
  const words = line.split(/ +/);
  const out: string[] = [];
  let cur = '';
  for (const w of words) {
    if (!w) continue;
    const cand = cur ? `${cur} ${w}` : out.length ? `${indent}${w}` : w;
    if (cur && visibleWidth(cand) > width) {
      out.push(cur);
      cur = `${indent}${w}`;
    } else cur = cand;
  }
  if (cur || !out.length) out.push(cur);
  return out;
}

function splitRow(row: string): string[] {
  let r = row.trim();
  if (r.startsWith('|')) r = r.slice(1);
  if (r.endsWith('|') && !r.endsWith('\\|')) r = r.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < r.length; i++) {
    if (r[i] === '\\' && i + 1 < r.length) {
      cur += r[i] + r[i + 1];
      i++;
    } else if (r[i] === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += r[i];
  }
  cells.push(cur.trim());
  return cells;
}

const isTableSeparator = (l: string) => /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/.test(l) && l.includes('-');

function renderTable(rows: string[][], width: number, color: boolean): string[] {
  const n = Math.max(...rows.map((r) => r.length));
  const cells = rows.map((r) => Array.from({ length: n }, (_, k) => renderInline(r[k] ?? '', color)));
  const gap = '  ';
  const widths = Array.from({ length: n }, (_, k) => Math.max(...cells.map((r) => visibleWidth(r[k]))));
  // the last column wraps in what the others leave (at least 20 columns)
  const lead = widths.slice(0, -1).reduce((a, w) => a + w + gap.length, 0);
  const lastWidth = Math.max(20, width - lead);
  widths[n - 1] = Math.min(widths[n - 1], lastWidth);
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - visibleWidth(s)));
  const out: string[] = [];
  const line = (r: string[]) => {
    const head = r.slice(0, -1).map((c, k) => pad(c, widths[k]) + gap).join('');
    const last = wrap(r[n - 1], lastWidth);
    out.push(`${head}${last[0]}`.trimEnd());
    for (const l of last.slice(1)) out.push(`${' '.repeat(lead)}${l}`.trimEnd());
  };
  line(cells[0]);
  out.push(widths.map((w) => '-'.repeat(Math.max(1, w))).join(gap));
  for (const r of cells.slice(1)) line(r);
  return out;
}

/** Markdown to wrapped plain text for a terminal. */
export function renderMarkdown(markdown: string, opts: TerminalOptions = {}): string {
  const width = Math.max(40, opts.width ?? 80);
  const color = opts.color ?? false;
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const blank = () => {
    if (out.length && out[out.length - 1] !== '') out.push('');
  };
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (!l.trim()) {
      i++;
      continue;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(l);
    if (h) {
      blank();
      const text = renderInline(h[2], false);
      out.push(color ? `\u001b[1m${text}\u001b[22m` : text, (h[1].length <= 2 ? '=' : '-').repeat(Math.min(width, visibleWidth(text))));
      out.push('');
      i++;
      continue;
    }
    if (/^\s*\|/.test(l) && i + 1 < lines.length && isTableSeparator(lines[i + 1])) {
      blank();
      const rows = [splitRow(l)];
      i += 2;
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(splitRow(lines[i++]));
      out.push(...renderTable(rows, width, color), '');
      continue;
    }
    const item = /^(\s*)(\d+[.)]|[-*+])\s+(.*)$/.exec(l);
    if (item) {
      // one list item with its continuation lines
      let text = item[3];
      i++;
      while (i < lines.length && lines[i].trim() && /^\s+\S/.test(lines[i]) && !/^\s*(\d+[.)]|[-*+])\s/.test(lines[i])) text += ` ${lines[i++].trim()}`;
      const marker = /\d/.test(item[2]) ? item[2] : '-';
      const indent = ' '.repeat(item[1].length + marker.length + 1);
      out.push(...wrap(`${item[1]}${marker} ${renderInline(text, color)}`, width, indent));
      if (i < lines.length && !lines[i].trim()) out.push('');
      continue;
    }
    // a paragraph: lines up to a blank line; two trailing spaces or a backslash break the line
    const para: string[] = [''];
    for (let first = true; i < lines.length && lines[i].trim(); first = false) {
      if (!first && (/^#{1,6}\s/.test(lines[i]) || /^\s*(\d+[.)]|[-*+])\s+/.test(lines[i]) || /^\s*\|/.test(lines[i]))) break;
      const raw = lines[i++];
      const hard = / {2,}$/.test(raw) || /\\$/.test(raw);
      para[para.length - 1] += `${para[para.length - 1] ? ' ' : ''}${raw.replace(/\\$/, '').trim()}`;
      if (hard) para.push('');
    }
    for (const p of para) if (p) out.push(...wrap(renderInline(p, color), width));
    out.push('');
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
