/**
 * Plain-text prose extraction: URLs and e-mail addresses are not prose; blank
 * lines end paragraphs; a line holding only a directive
 * (`imid-lens-disable-next-line rule -- reason`, optionally after `#`, `//`
 * or `%`) suppresses findings like a comment would.
 */
import { type Prose, type ProsePart, ProseBuilder, type Resume, parseDirective } from './types';

const RE = /https?:\/\/[^\s<>"']+|ftp:\/\/[^\s<>"']+|www\.[^\s<>"']+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+|\n[ \t]*\r?\n|(?:^|\n)[ \t]*(?:#|\/\/|%|--)?[ \t]*imid-lens-(?:disable|enable)[^\n]*/g;

export function extractPlain(text: string): Prose {
  return plainPass(text).prose;
}

/** Incremental re-extraction from a sync point (see extractMarkdownPart); the pass has no state but its position. */
export function extractPlainPart(text: string, resume: Resume): ProsePart {
  return plainPass(text, resume);
}

function plainPass(text: string, resume?: Resume): ProsePart {
  const b = new ProseBuilder(text, 'plaintext');
  if (resume) b.sync(resume.from); // the sync point it resumes at
  RE.lastIndex = resume ? resume.from : 0;
  let m: RegExpExecArray | null;
  while ((m = RE.exec(text)) !== null) {
    const tok = m[0];
    const at = m.index;
    if (tok.charCodeAt(0) === 10 && /^\n[ \t]*\r?\n$/.test(tok)) {
      b.break(at);
      const q = at + tok.length - 1; // the second \n may start a directive line
      // the search resumes at q with nothing else carried over: a sync point
      if (resume && q >= resume.until && resume.resync(q)) return { prose: b.build(), end: q };
      b.sync(q);
      RE.lastIndex = q;
      continue;
    }
    if (tok.includes('imid-lens-') && !/^(?:https?|ftp|www)/.test(tok) && !tok.includes('@')) {
      const s = tok.charCodeAt(0) === 10 ? at + 1 : at;
      let e = at + tok.length;
      if (text.charCodeAt(e - 1) === 13) e--;
      const body = text.slice(s, e).replace(/^[ \t]*(?:#|\/\/|%|--)?/, '');
      const d = parseDirective(body, s, e);
      if (d) {
        b.directives.push(d);
        b.exclude(s, e);
        b.break(s);
        b.break(e);
      }
      continue;
    }
    let e = at + tok.length;
    while (e > at && /[.,;:!?)]/.test(text[e - 1])) e--;
    b.exclude(at, e);
  }
  return { prose: b.build(), end: text.length };
}
