/**
 * Word documents (.docx) for the CLI: mammoth (docs/docx.md) reads the body, tables, footnotes
 * and endnotes, with tracked changes as Word shows them after "Accept all" (insertions in,
 * deletions and moved-away text out). The paragraphs become a plain-text document for the
 * engine: headings as Markdown-style "#" lines (the section topic, as in Markdown), blank lines
 * between paragraphs, and the notes after the body under their own headings. Findings are
 * mapped back to paragraph coordinates exactly (see DocxInfo in formatters/types.ts).
 *
 * Bad input is refused before it is read in full: more than DOCX_MAX_BYTES on disk, a .doc or
 * an encrypted document (OLE containers), anything that is not a ZIP package, and ZIP packages
 * whose XML unpacks to more than DOCX_MAX_XML_BYTES.
 */
import fs from 'node:fs';
import { type Finding, type PublicEdit, type Range, type Suppressed, TextDocument } from '../core/index';
import type { DocxInfo, DocxParagraph, DocxPart } from './formatters/types';

/** Largest .docx read (bytes on disk). Manuscripts are far smaller; figures make the rest. */
export const DOCX_MAX_BYTES = 64 * 1024 * 1024;
/** Largest total of the package's XML parts once unpacked (the text, styles, notes...). */
export const DOCX_MAX_XML_BYTES = 64 * 1024 * 1024;

/** Files the Word reader takes: .docx (and .doc, to say that it must be saved as .docx). */
export const isWordFile = (file: string): boolean => /\.docx?$/i.test(file);

/** A Word document that cannot be read; the message does not name the file (the caller does). */
export class DocxError extends Error {}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const MB = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Reads and checks the file's bytes: the size first, then the signature, then the ZIP directory. */
function readChecked(file: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw new DocxError(`cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size > DOCX_MAX_BYTES) throw new DocxError(`too large to read as a Word document (${MB(size)}; the limit is ${MB(DOCX_MAX_BYTES)}); not read`);
    if (size === 0) throw new DocxError('empty file, not a Word document');
    const buf = Buffer.alloc(size);
    let got = 0;
    while (got < size) {
      const n = fs.readSync(fd, buf, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** Why bytes that are not a ZIP package are not a .docx. */
function notZip(buf: Buffer): string {
  if (OLE.every((b, i) => buf[i] === b)) {
    // an encrypted .docx is an OLE container with an EncryptedPackage stream (MS-OFFCRYPTO)
    if (buf.includes(Buffer.from('EncryptedPackage', 'utf16le'))) return 'password-protected (encrypted) Word document; remove the password in Word (File > Info > Protect Document) and save it again';
    return 'a Word 97-2003 document (.doc, binary), not a .docx; save it as a Word Document (.docx) and lint that';
  }
  if (buf.subarray(0, 5).toString('latin1') === '{\\rtf') return 'an RTF file, not a .docx; save it as a Word Document (.docx) and lint that';
  return 'not a Word document (.docx): not a ZIP package';
}

/** The ZIP directory: its XML parts' unpacked size, and word/document.xml must be there. */
function checkPackage(buf: Buffer, unzipSync: typeof import('fflate').unzipSync): void {
  let xml = 0;
  let hasDocument = false;
  try {
    unzipSync(buf, {
      filter: (f) => {
        if (/\.(xml|rels)$/i.test(f.name)) xml += f.originalSize;
        if (f.name === 'word/document.xml') hasDocument = true;
        return false; // nothing is unpacked here
      },
    });
  } catch (e) {
    throw new DocxError(`corrupt Word document: the ZIP package cannot be read (${(e as Error).message})`);
  }
  if (!hasDocument) throw new DocxError('not a Word document: the ZIP package has no word/document.xml');
  if (xml > DOCX_MAX_XML_BYTES) throw new DocxError(`too large to read: its XML unpacks to ${MB(xml)} (the limit is ${MB(DOCX_MAX_XML_BYTES)}); not read`);
}

// mammoth's document model (lib/documents.js), the parts read here
interface MElement {
  type: string;
  children?: MElement[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  noteType?: 'footnote' | 'endnote';
  noteId?: string;
  breakType?: string;
}
interface MNote {
  body: MElement[];
}
interface MDocument extends MElement {
  notes: { resolve(ref: { noteType: string; noteId: string }): MNote };
}

/** Heading level of a paragraph style: Heading 1–6 (by name or id), Title as 1. */
function headingLevel(p: MElement): number | undefined {
  for (const s of [p.styleName, p.styleId]) {
    if (!s) continue;
    const m = /^heading\s*([1-6])$/i.exec(s.trim());
    if (m) return Number(m[1]);
    if (/^title$/i.test(s.trim())) return 1;
  }
  return undefined;
}

/** A paragraph's text, and the notes it refers to (in order). */
function paragraphText(p: MElement, refs: MElement[]): string {
  let out = '';
  const walk = (e: MElement) => {
    switch (e.type) {
      case 'text':
        out += e.value ?? '';
        return;
      case 'tab':
        out += '\t';
        return;
      case 'break':
        out += '\n';
        return;
      case 'noteReference':
        refs.push(e);
        return;
      default:
        for (const c of e.children ?? []) walk(c);
    }
  };
  for (const c of p.children ?? []) walk(c);
  return out;
}

/** mammoth's model as numbered paragraphs: body (tables in place), then footnotes, then endnotes. */
export function paragraphsOf(doc: MDocument): DocxParagraph[] {
  const out: DocxParagraph[] = [];
  const refs: MElement[] = [];
  let tables = 0;
  const add = (p: MElement, part: DocxPart, extra: Partial<DocxParagraph>) => {
    const heading = part === 'body' ? headingLevel(p) : undefined;
    out.push({ paragraph: out.length + 1, part, text: paragraphText(p, refs), ...(heading ? { heading } : {}), ...extra });
  };
  const block = (e: MElement, table?: DocxParagraph['table']) => {
    if (e.type === 'paragraph') add(e, table ? 'table' : 'body', table ? { table } : {});
    else if (e.type === 'table') {
      const index = ++tables;
      (e.children ?? []).forEach((row, r) =>
        (row.children ?? []).forEach((cell, c) => {
          for (const x of cell.children ?? []) block(x, { index, row: r + 1, cell: c + 1 });
        }),
      );
    } else for (const c of e.children ?? []) block(c, table);
  };
  for (const e of doc.children ?? []) block(e);
  // notes in the order of their first reference (as Word numbers them); notes may refer to notes
  const seen = new Set<string>();
  const numbers = { footnote: 0, endnote: 0 };
  const notes: Array<{ type: 'footnote' | 'endnote'; n: number; body: MElement[] }> = [];
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i];
    const type = ref.noteType === 'endnote' ? 'endnote' : 'footnote';
    const key = `${type}-${ref.noteId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let note: MNote | undefined;
    try {
      note = doc.notes.resolve({ noteType: type, noteId: ref.noteId ?? '' });
    } catch {
      note = undefined;
    }
    if (!note) continue;
    notes.push({ type, n: ++numbers[type], body: note.body });
    // a note may refer to another note: numbered after the references read so far
    for (const p of note.body) collectRefs(p, refs);
  }
  for (const type of ['footnote', 'endnote'] as const) {
    for (const note of notes.filter((x) => x.type === type)) {
      const sink: MElement[] = [];
      const addNote = (e: MElement) => {
        if (e.type === 'paragraph') out.push({ paragraph: out.length + 1, part: type, text: paragraphText(e, sink), note: note.n });
        else for (const c of e.children ?? []) addNote(c);
      };
      for (const e of note.body) addNote(e);
    }
  }
  return out;
}

function collectRefs(e: MElement, into: MElement[]): void {
  if (e.type === 'noteReference') into.push(e);
  for (const c of e.children ?? []) collectRefs(c, into);
}

/** Reads a Word document; throws DocxError (without the file name) when it cannot be read. */
export async function readDocx(file: string): Promise<DocxInfo> {
  const buf = readChecked(file);
  if (!(buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04)) throw new DocxError(notZip(buf));
  // the libraries: a bundle of their own (dist/docx.js), loaded on the first Word document (a
  // require, not import(): dist/cli.js runs the bundle as a vm.Script, src/cli/launch.ts)
  const { convertToHtml, unzipSync } = require('./docx-vendor') as typeof import('./docx-vendor');
  checkPackage(buf, unzipSync);
  let doc: MDocument | undefined;
  try {
    await convertToHtml(
      { buffer: buf },
      {
        externalFileAccess: false,
        // the document model is all that is wanted: nothing is left to convert to HTML
        transformDocument: (d: MDocument) => {
          doc = d;
          return { ...d, children: [] };
        },
      },
    );
  } catch (e) {
    const msg = ((e as Error).message ?? String(e)).split('\n')[0];
    // xmldom's errors read "error: [xmldom error]\telement parse error: ..."
    if (/xmldom/i.test(msg)) throw new DocxError(`corrupt Word document: an XML part is not well-formed (${msg.replace(/^.*\[xmldom error\]\s*/i, '').replace(/\s+/g, ' ').trim()})`);
    throw new DocxError(`corrupt Word document: ${msg}`);
  }
  if (!doc) throw new DocxError('corrupt Word document: no document body was read');
  return { paragraphs: paragraphsOf(doc) };
}

/** A paragraph that is a disable comment, as the plain-text extractor reads one (src/core/prose/plain.ts). */
const DIRECTIVE = /^[ \t]*(?:#|\/\/|%|--)?[ \t]*imid-lens-(?:disable|enable)/;

/** Headings over the notes, so that no body section's topic carries over to them. */
const NOTE_HEADINGS: Record<string, string> = { footnote: '# Footnotes', endnote: '# Endnotes' };

/**
 * The document the engine lints: each paragraph (a heading as "#" × level + " " + text) and a
 * blank line (a disable comment: a line break only), the notes after the body under "# Footnotes"
 * and "# Endnotes". `starts[i]` is
 * where paragraph i's own text starts in it.
 */
export function lintTextOf(info: DocxInfo): { text: string; starts: Int32Array } {
  const parts: string[] = [];
  const starts = new Int32Array(info.paragraphs.length);
  let at = 0;
  let part: DocxPart = 'body';
  const push = (s: string) => {
    parts.push(s);
    at += s.length;
  };
  info.paragraphs.forEach((p, i) => {
    if ((p.part === 'footnote' || p.part === 'endnote') && p.part !== part) push(`${NOTE_HEADINGS[p.part]}\n\n`);
    part = p.part;
    if (p.heading) push(`${'#'.repeat(p.heading)} `);
    starts[i] = at;
    // a disable comment ("imid-lens-disable-next-line RULE") is followed by the paragraph it is about
    push(`${p.text}${DIRECTIVE.test(p.text) ? '\n' : '\n\n'}`);
  });
  return { text: parts.join(''), starts };
}

/** FileResult.text of a Word document: one paragraph per line (breaks and tabs as spaces). */
export function displayTextOf(info: DocxInfo): string {
  return info.paragraphs.map((p) => p.text.replace(/[\n\r\t]/g, ' ')).join('\n');
}

/**
 * Maps findings on lintTextOf()'s text to paragraph coordinates: line = paragraph − 1,
 * character = offset in the paragraph; start/end in displayTextOf()'s text. An offset between
 * paragraphs (a heading's "#", a blank line) goes to the end of the paragraph before it.
 */
export class DocxMapper {
  private readonly display: Int32Array;
  constructor(
    private readonly info: DocxInfo,
    private readonly starts: Int32Array,
    private readonly lintDoc: TextDocument,
  ) {
    this.display = new Int32Array(info.paragraphs.length);
    let at = 0;
    info.paragraphs.forEach((p, i) => {
      this.display[i] = at;
      at += p.text.length + 1;
    });
  }

  /** Paragraph index and offset in it of a lint-text offset. */
  locate(offset: number): { i: number; ch: number } {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    if (hi < 0) return { i: 0, ch: 0 };
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const i = s[lo] <= offset ? lo : 0;
    const len = this.info.paragraphs[i].text.length;
    return { i, ch: Math.max(0, Math.min(offset - s[i], len)) };
  }

  private range(start: number, end: number): { range: Range; start: number; end: number } {
    const a = this.locate(start);
    let b = this.locate(Math.max(start, end));
    // a finding stays in its paragraph
    if (b.i !== a.i) b = { i: a.i, ch: this.info.paragraphs[a.i].text.length };
    return {
      range: { start: { line: a.i, character: a.ch }, end: { line: b.i, character: b.ch } },
      start: this.display[a.i] + a.ch,
      end: this.display[b.i] + b.ch,
    };
  }

  finding(f: Finding): Finding {
    const r = this.range(f.start, f.end);
    const edit = (e: PublicEdit): PublicEdit => ({ ...e, range: this.range(this.lintDoc.offsetAt(e.range.start), this.lintDoc.offsetAt(e.range.end)).range });
    return { ...f, ...r, fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map(edit) })) };
  }

  suppressed(s: Suppressed): Suppressed {
    return { ...s, finding: this.finding(s.finding) };
  }
}

/** A Word document linted: findings in paragraph coordinates, FileResult.text and .docx. */
export interface WordResult {
  info: DocxInfo;
  text: string;
  findings: Finding[];
  suppressed: Suppressed[];
  truncated: boolean;
}

/**
 * Reads a Word document and lints its text with `lintDoc` (the CLI's lint() with its engine and
 * options, on a plaintext document); throws DocxError when the file cannot be read.
 */
export async function lintWordFile(file: string, lintDoc: (doc: TextDocument) => { findings: Finding[]; suppressed: Suppressed[]; truncated?: boolean }): Promise<WordResult> {
  const info = await readDocx(file);
  const { text, starts } = lintTextOf(info);
  const doc = new TextDocument(file, text, 1, 'plaintext');
  const res = lintDoc(doc);
  const map = new DocxMapper(info, starts, doc);
  return {
    info,
    text: displayTextOf(info),
    findings: res.findings.map((f) => map.finding(f)),
    suppressed: res.suppressed.map((s) => map.suppressed(s)),
    truncated: Boolean(res.truncated),
  };
}
