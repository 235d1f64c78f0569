/**
 * Applying fixes: non-overlapping edits, last to first; line endings of the
 * document are kept (an edit's "\n" becomes the document's dominant EOL).
 * Fix-all takes only lexical fixes (misspellings, outdated names to INN):
 * semantic rewrites are suggestions a writer applies one at a time.
 */
import { type DocumentLike, TextDocument, dominantEol } from './document';
import type { Engine } from './engine';
import type { ProseKind } from './prose/types';
import type { Finding, PublicFix } from './findings';
import { lint } from './lint';

export interface AppliedFixes {
  readonly text: string;
  readonly applied: number;
  readonly skipped: number;
}

export interface OffsetEditLike {
  start: number;
  end: number;
  newText: string;
}

/** Applies offset edits that do not overlap (earlier-starting edits win). */
export function applyEdits(text: string, edits: readonly OffsetEditLike[]): { text: string; applied: number; skipped: number } {
  const eol = dominantEol(text);
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: OffsetEditLike[] = [];
  let skipped = 0;
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.start < lastEnd || e.start > e.end || e.end > text.length) {
      skipped++;
      continue;
    }
    kept.push(e);
    lastEnd = Math.max(lastEnd, e.end);
  }
  let out = '';
  let pos = 0;
  for (const e of kept) {
    out += text.slice(pos, e.start) + (eol === '\n' ? e.newText : e.newText.replace(/\r?\n/g, eol));
    pos = e.end;
  }
  out += text.slice(pos);
  return { text: out, applied: kept.length, skipped };
}

/** The lexical fix of a finding, if it has one (what fix-all and --fix apply). */
export function lexicalFix(f: Finding): PublicFix | undefined {
  return f.fixes.find((x) => x.kind === 'lexical');
}

/** Applies every lexical fix of the findings to the document's text (one pass). */
export function fixAll(doc: DocumentLike, findings: readonly Finding[]): AppliedFixes {
  const edits: OffsetEditLike[] = [];
  for (const f of findings) {
    const fix = lexicalFix(f);
    if (!fix) continue;
    for (const e of fix.edits) edits.push({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText });
  }
  return applyEdits(doc.getText(), edits);
}

/**
 * Lint, apply lexical fixes, lint again until nothing lexical is left (at most
 * `maxPasses`): the result is a fixed point, so a second run changes nothing.
 */
export function fixText(text: string, languageId: string, engine: Engine, maxPasses = 5): AppliedFixes & { passes: number } {
  let applied = 0;
  let skipped = 0;
  let passes = 0;
  for (; passes < maxPasses; passes++) {
    const doc = new TextDocument('untitled:fix', text, passes + 1, languageId);
    const { findings } = lint(doc, { engine, languageId });
    if (!findings.some((f) => lexicalFix(f))) break;
    const r = fixAll(doc, findings);
    if (r.text === text) break;
    text = r.text;
    applied += r.applied;
    skipped = r.skipped;
  }
  return { text, applied, skipped, passes };
}

/**
 * "Ignore here": a disable comment for one rule at the finding's line. Markdown
 * gets a comment line above when the line starts a paragraph (a comment line in
 * the middle of a paragraph would split it when rendered), else an inline
 * `disable-line` comment at the end of the line; LaTeX and plain text get a
 * line above.
 */
export function ignoreEdit(text: string, kind: ProseKind, offset: number, ruleId: string): OffsetEditLike {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  let le = text.indexOf('\n', offset);
  if (le < 0) le = text.length;
  const lineEnd = le > ls && text.charCodeAt(le - 1) === 13 ? le - 1 : le;
  const eol = le < text.length && text.charCodeAt(le - 1) === 13 ? '\r\n' : dominantEol(text);
  const indent = /^[ \t]*/.exec(text.slice(ls, lineEnd))?.[0] ?? '';
  if (kind === 'markdown') {
    const prevEnd = ls - 1;
    const prevStart = prevEnd > 0 ? text.lastIndexOf('\n', prevEnd - 1) + 1 : 0;
    const prevBlank = ls === 0 || text.slice(prevStart, prevEnd).trim() === '';
    const line = text.slice(ls, lineEnd);
    const blockStart = prevBlank || /^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>)/.test(line);
    if (blockStart && !/^\s*(?:[-*+]|\d+[.)])\s/.test(line)) {
      return { start: ls, end: ls, newText: `${indent}<!-- imid-lens-disable-next-line ${ruleId} -->${eol}` };
    }
    return { start: lineEnd, end: lineEnd, newText: ` <!-- imid-lens-disable-line ${ruleId} -->` };
  }
  const comment = kind === 'latex' ? `% imid-lens-disable-next-line ${ruleId}` : `imid-lens-disable-next-line ${ruleId}`;
  return { start: ls, end: ls, newText: `${indent}${comment}${eol}` };
}
