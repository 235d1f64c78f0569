import type { Finding, Suppressed } from '../../core/index';

export interface FileResult {
  /** Path as shown to the user (relative to the working directory, forward slashes). */
  file: string;
  findings: Finding[];
  suppressed: Suppressed[];
  /** Set when the file could not be linted (unreadable, binary). */
  skipped?: string;
  /**
   * The text the findings' offsets refer to (for excerpts). For a Word document: the
   * paragraphs' text, one paragraph per line (see {@link DocxInfo}).
   */
  text?: string;
  /** Set for a Word document (.docx): its paragraphs, which the findings' ranges refer to. */
  docx?: DocxInfo;
}

/** Where a paragraph of a Word document is: the body, a table cell, a footnote or an endnote. */
export type DocxPart = 'body' | 'table' | 'footnote' | 'endnote';

/**
 * A Word document as the CLI read it (src/cli/docx.ts). Its paragraphs are numbered 1..n in
 * reading order: the body (table cells in place), then the footnotes, then the endnotes (each in
 * the order of their first reference). For such a file, every finding's (and fix edit's) range
 * has `line` = paragraph number − 1 and `character` = UTF-16 offset in that paragraph's text;
 * `start`/`end` are offsets in FileResult.text, which is the paragraphs' text joined by "\n"
 * (line breaks and tabs inside a paragraph read as one space each, so line n is paragraph n+1).
 */
export interface DocxInfo {
  readonly paragraphs: readonly DocxParagraph[];
}

export interface DocxParagraph {
  /** 1-based, across the whole document (see {@link DocxInfo}). */
  readonly paragraph: number;
  readonly part: DocxPart;
  /** The paragraph's text: tracked insertions in, deletions out; tabs as \t, line breaks as \n. */
  readonly text: string;
  /** 1–6 for a heading (Heading 1–6; Title is 1). */
  readonly heading?: number;
  /** Footnotes and endnotes: the note's number, 1-based in the order of first reference (as Word numbers them). */
  readonly note?: number;
  /** Table cells: 1-based table (in the body, in order), row and cell. */
  readonly table?: { readonly index: number; readonly row: number; readonly cell: number };
}

/** A finding's place in a Word document, as json and sarif report it. */
export interface DocxLocation {
  readonly part: DocxPart;
  readonly paragraph: number;
  /** The sentence with the flagged words (shortened with "…" around them when long). */
  readonly snippet: string;
  readonly note?: number;
  readonly table?: { readonly index: number; readonly row: number; readonly cell: number };
}
