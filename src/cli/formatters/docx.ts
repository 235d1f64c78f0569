/**
 * Findings in Word documents: the paragraph a finding is in, the sentence around it (the
 * snippet that json and sarif report and stylish quotes) and the label stylish shows instead
 * of line:column. Pure functions over FileResult.docx (see types.ts).
 */
import type { Finding } from '../../core/index';
import { extractProse, splitSentences } from '../../core/index';
import type { DocxInfo, DocxLocation, DocxParagraph } from './types';

/** Longest snippet before it is shortened around the flagged words. */
const MAX_SNIPPET = 200;

/** The paragraph a finding is in (its range's line is the paragraph number − 1). */
export function docxParagraph(info: DocxInfo, f: Finding): DocxParagraph | undefined {
  return info.paragraphs[f.range.start.line];
}

/**
 * The sentence of `text` around [start, end) (UTF-16 offsets in the paragraph): `from`/`to`
 * are the flagged words' place in the snippet. A sentence longer than 200 characters is cut to
 * the flagged words and up to ~80 characters either side, at word boundaries, marked with "…".
 */
export function docxSnippet(text: string, start: number, end: number): { text: string; from: number; to: number } {
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  const flat = text.replace(/[\t\n\r]/g, ' ');
  let s = 0;
  let e = flat.length;
  for (const sentence of splitSentences(extractProse(flat, 'plaintext'), 0, flat.length)) {
    if (sentence.start <= start && start < Math.max(sentence.end, sentence.start + 1)) {
      s = sentence.start;
      e = Math.max(sentence.end, end);
      break;
    }
  }
  if (e - s > MAX_SNIPPET) {
    const room = Math.max(40, Math.floor((MAX_SNIPPET - (end - start)) / 2));
    let a = Math.max(s, start - room);
    let b = Math.min(e, end + room);
    if (a > s) {
      const sp = flat.indexOf(' ', a);
      a = sp >= 0 && sp < start ? sp + 1 : a;
    }
    if (b < e) {
      const sp = flat.lastIndexOf(' ', b);
      b = sp > end ? sp : b;
    }
    const pre = a > s ? '…' : '';
    const body = flat.slice(a, b).trim();
    const lead = flat.slice(a, b).length - flat.slice(a, b).trimStart().length;
    return { text: `${pre}${body}${b < e ? '…' : ''}`, from: pre.length + start - a - lead, to: pre.length + end - a - lead };
  }
  const raw = flat.slice(s, e);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), from: start - s - lead, to: end - s - lead };
}

/** json and sarif: where a finding is in the document, with its sentence. */
export function docxLocation(info: DocxInfo, f: Finding): DocxLocation | undefined {
  const p = docxParagraph(info, f);
  if (!p) return undefined;
  const endChar = f.range.end.line === f.range.start.line ? f.range.end.character : p.text.length;
  return {
    part: p.part,
    paragraph: p.paragraph,
    snippet: docxSnippet(p.text, f.range.start.character, endChar).text,
    ...(p.note !== undefined ? { note: p.note } : {}),
    ...(p.table ? { table: p.table } : {}),
  };
}

/** stylish: "¶12" in the body, "¶12 table 1" in a table cell, "footnote 2", "endnote 1". */
export function docxLabel(p: DocxParagraph, info: DocxInfo): string {
  if (p.part === 'table') return `¶${p.paragraph} table ${p.table?.index ?? ''}`.trimEnd();
  if (p.part === 'footnote' || p.part === 'endnote') {
    const siblings = info.paragraphs.filter((q) => q.part === p.part && q.note === p.note);
    const k = siblings.indexOf(p);
    return `${p.part} ${p.note ?? '?'}${siblings.length > 1 ? ` ¶${k + 1}` : ''}`;
  }
  return `¶${p.paragraph}`;
}
