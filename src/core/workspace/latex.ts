/**
 * Multi-file LaTeX: which root file a chapter belongs to. A chapter names its
 * root with the magic comment `%!TEX root = ../main.tex` (TeXShop, LaTeX
 * Workshop, TeXstudio) or `\documentclass[../main.tex]{subfiles}`; without
 * either, a root (a file with `\documentclass`) in the chapter's folder or a
 * folder above that pulls it in with `\include`, `\input`, `\subfile`,
 * `\import` or `\subimport` (also through another included file) is its root.
 */

/** Lines starting with % among the first lines: `% !TEX root = path` (spaces and case as editors accept them). */
export function texRootComment(text: string): string | undefined {
  const head = text.slice(0, 4000);
  const m = /^[ \t]*%[ \t]*!\s*TeX[ \t]+root[ \t]*=[ \t]*(.+?)[ \t]*$/im.exec(head);
  if (m) return m[1];
  const s = /\\documentclass[ \t]*\[([^\]]+)\][ \t]*\{subfiles\}/.exec(stripComments(head));
  return s ? s[1].trim() : undefined;
}

/** The text without LaTeX comments (a % not escaped as \%, to the end of its line). */
export function stripComments(text: string): string {
  return text.replace(/(^|[^\\])%.*$/gm, '$1');
}

/** A root file: it has \documentclass (and is not a subfile of another). */
export function isTexRoot(text: string): boolean {
  const t = stripComments(text);
  return /\\documentclass\b/.test(t) && !/\\documentclass[ \t]*\[[^\]]*\][ \t]*\{subfiles\}/.test(t);
}

export interface TexInclusion {
  /** The path as written (".tex" added where the command leaves it out). */
  readonly path: string;
  /** `\import{dir}{file}` / `\subimport`: the folder the path is in. */
  readonly dir?: string;
  /** \subfile, \subimport: relative to the including file rather than the root. */
  readonly relativeToFile: boolean;
}

const withTex = (p: string) => (/\.[A-Za-z]+$/.test(p) ? p : `${p}.tex`);

/** The files a LaTeX text pulls in. */
export function texInclusions(text: string): TexInclusion[] {
  const t = stripComments(text);
  const out: TexInclusion[] = [];
  for (const m of t.matchAll(/\\(include|input|subfile|subfileinclude)[ \t]*\{([^}]+)\}/g)) {
    const p = m[2].trim();
    if (p) out.push({ path: withTex(p), relativeToFile: m[1].startsWith('subfile') });
  }
  for (const m of t.matchAll(/\\(import|subimport|inputfrom|subinputfrom|includefrom|subincludefrom)\*?[ \t]*\{([^}]*)\}[ \t]*\{([^}]+)\}/g)) {
    const p = m[3].trim();
    if (p) out.push({ path: withTex(p), dir: m[2].trim(), relativeToFile: m[1].startsWith('sub') });
  }
  return out;
}
