import { extractLatex } from './latex';
import { extractMarkdown, extractMarkdownPart } from './markdown';
import { extractPlain, extractPlainPart } from './plain';
import type { Prose, ProseKind, ProsePart, Resume } from './types';

export * from './types';
export { extractLatex, extractMarkdown, extractPlain };
export { FRONT_MATTER_OPENER } from './markdown';

/** VS Code language ids (and file extensions) to the prose family that reads them. */
const BY_LANGUAGE: Record<string, ProseKind> = {
  markdown: 'markdown',
  quarto: 'markdown',
  rmd: 'markdown',
  rmarkdown: 'markdown',
  pandoc: 'markdown',
  latex: 'latex',
  tex: 'latex',
  'latex-expl3': 'latex',
  plaintext: 'plaintext',
  text: 'plaintext',
};

const BY_EXTENSION: Record<string, string> = {
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', mkd: 'markdown',
  qmd: 'quarto', rmd: 'rmd',
  tex: 'latex', ltx: 'latex', latex: 'latex',
  txt: 'plaintext', text: 'plaintext',
};

/** The prose family of a language id, or undefined when imid-lens does not read it. */
export function proseKindOf(languageId: string): ProseKind | undefined {
  return BY_LANGUAGE[languageId];
}

/** Language id from a path's extension (CLI and untitled documents). */
export function languageIdFromPath(path: string): string | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m ? BY_EXTENSION[m[1].toLowerCase()] : undefined;
}

export function extractProse(text: string, kind: ProseKind): Prose {
  switch (kind) {
    case 'markdown':
      return extractMarkdown(text);
    case 'latex':
      return extractLatex(text);
    default:
      return extractPlain(text);
  }
}

/** Resumed extraction for incremental re-lint; undefined when the language cannot resume (LaTeX: re-extract the whole text). */
export function extractProsePart(text: string, kind: ProseKind, resume: Resume): ProsePart | undefined {
  switch (kind) {
    case 'markdown':
      return extractMarkdownPart(text, resume);
    case 'plaintext':
      return extractPlainPart(text, resume);
    default:
      return undefined;
  }
}
