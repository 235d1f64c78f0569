/**
 * Human-readable output in the style of ESLint's "stylish": 1-based line:column (the column
 * counts UTF-16 code units, as editors do), then an excerpt of the line with a caret under
 * the flagged words when the file's text is known.
 */
import { docxLabel, docxParagraph, docxSnippet } from './docx';
import { excerpt } from './excerpt';
import type { FileResult } from './types';

export interface StylishOptions {
  readonly color?: boolean;
  /** Terminal width; excerpts are windowed to fit (default 100). */
  readonly columns?: number;
}

const GUTTER = '    | ';

export function formatStylish(results: readonly FileResult[], opts: StylishOptions = {}): string {
  return [...formatStylishPieces(results, opts)].join('').slice(0, -1);
}

/**
 * The same text in pieces, each ending with a newline (the whole ends with one too; nothing when
 * there is nothing to say): hundreds of thousands of findings never make one huge string.
 */
export function* formatStylishPieces(results: readonly FileResult[], opts: StylishOptions = {}): Generator<string, void, void> {
  const color = opts.color ?? false;
  const c = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  // room for the gutter and an ellipsis at each end
  const width = Math.max(20, (opts.columns ?? 100) - GUTTER.length - 2);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const r of results) {
    if (r.skipped) {
      lines.push(`${c('4', r.file)}`, `  ${c('33', 'skipped')}  ${r.skipped}`, '');
      continue;
    }
    if (!r.findings.length) continue;
    lines.push(c('4', r.file));
    // a Word document's labels (¶12, footnote 3) set the width of the position column
    const labels = r.docx ? r.findings.map((f) => { const p = docxParagraph(r.docx!, f); return p ? docxLabel(p, r.docx!) : ''; }) : [];
    const posWidth = Math.max(8, ...labels.map((l) => l.length));
    for (let k = 0; k < r.findings.length; k++) {
      const f = r.findings[k];
      // a Word document: the paragraph (or note) instead of line:column
      const para = r.docx && docxParagraph(r.docx, f);
      const pos = para ? labels[k] : `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const sevColor = f.severity === 'error' ? '31' : f.severity === 'warning' ? '33' : '36';
      const sevName = f.severity === 'information' ? 'info' : f.severity;
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      // --fix does not write into Word documents
      if (!r.docx && f.fixes.some((x) => x.kind === 'lexical')) fixable++;
      lines.push(`  ${pos.padEnd(posWidth)} ${c(sevColor, sevName)}${' '.repeat(Math.max(0, 7 - sevName.length))}  ${f.message}  ${c('2', f.ruleId)}`);
      if (para) {
        // the sentence, quoted, with a caret under the flagged words
        const end = f.range.end.line === f.range.start.line ? f.range.end.character : para.text.length;
        const snip = docxSnippet(para.text, f.range.start.character, end);
        const ex = excerpt(snip.text, 0, snip.from, snip.to, width - 2);
        if (ex.line.trim()) lines.push(`${c('2', GUTTER)}"${ex.line}"`, `${c('2', GUTTER)} ${c(sevColor, ex.caret)}`);
      } else if (r.text !== undefined && f.start <= r.text.length) {
        const lineStart = f.start - f.range.start.character;
        const ex = excerpt(r.text, lineStart, f.start, f.end, width);
        if (ex.line.trim()) lines.push(`${c('2', GUTTER)}${ex.line}`, `${c('2', GUTTER)}${c(sevColor, ex.caret)}`);
      }
      if (lines.length >= 1024) {
        yield `${lines.join('\n')}\n`;
        lines.length = 0;
      }
    }
    lines.push('');
  }
  const total = errors + warnings + infos;
  if (total) {
    lines.push(c(errors ? '31' : '33', `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info)`));
    if (fixable) lines.push(`  ${fixable} fixable with --fix (misspellings and outdated names)`);
  }
  if (lines.length) yield `${lines.join('\n')}\n`;
}
