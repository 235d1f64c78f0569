/**
 * The structural document the core works on, and LSP-style positions.
 *
 * Positions are 0-based lines and 0-based UTF-16 code-unit columns, exactly as
 * in the Language Server Protocol and `vscode.Position`: an "µ" or "α" is one
 * unit, an astral emoji two. Line breaks are `\n`, `\r\n` and a lone `\r`.
 * `vscode.TextDocument` satisfies {@link DocumentLike} structurally.
 */
import { upperBound } from './search';

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** Anything with a URI that prints, a version and offset/position conversion. */
export interface DocumentLike {
  readonly uri: { toString(): string } | string;
  readonly version: number;
  readonly languageId?: string;
  getText(): string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

/** Start offsets of every line, with binary search both ways. Linear to build. */
export class LineIndex {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    const n = text.length;
    // indexOf is native and far faster than a per-character loop on large files.
    let i = text.indexOf('\n');
    let cr = text.indexOf('\r');
    if (cr < 0) {
      while (i >= 0) {
        starts.push(i + 1);
        i = text.indexOf('\n', i + 1);
      }
    } else {
      for (let k = 0; k < n; k++) {
        const c = text.charCodeAt(k);
        if (c === 10) starts.push(k + 1);
        else if (c === 13) {
          if (text.charCodeAt(k + 1) === 10) k++;
          starts.push(k + 1);
        }
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    // the last line starting at or before the offset (starts[0] is 0)
    const line = upperBound(starts, o) - 1;
    // An offset inside a \r\n pair belongs to the end of the line.
    return { line, character: o - starts[line] };
  }

  offsetAt(pos: Position): number {
    const starts = this.lineStarts;
    if (pos.line < 0) return 0;
    if (pos.line >= starts.length) return this.text.length;
    const lineStart = starts[pos.line];
    const lineEnd = this.lineEnd(pos.line);
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, pos.character), lineEnd));
  }

  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    const starts = this.lineStarts;
    if (line + 1 >= starts.length) return this.text.length;
    let end = starts[line + 1];
    const t = this.text;
    if (end > 0 && t.charCodeAt(end - 1) === 10) end--;
    if (end > starts[line] && t.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Line number of an offset. */
  lineAt(offset: number): number {
    return this.positionAt(offset).line;
  }
}

/** A plain in-memory document (CLI, tests, the web host). */
export class TextDocument implements DocumentLike {
  private index: LineIndex | undefined;

  constructor(
    readonly uri: string,
    private readonly text: string,
    readonly version = 1,
    readonly languageId?: string,
  ) {}

  getText(): string {
    return this.text;
  }

  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position);
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

export function uriString(doc: DocumentLike): string {
  return typeof doc.uri === 'string' ? doc.uri : doc.uri.toString();
}

/** The line break most used in the text ("\n" when there is none). */
export function dominantEol(text: string): '\n' | '\r\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 10) crlf++;
    else cr++;
  }
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lf++;
  lf -= crlf;
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}
