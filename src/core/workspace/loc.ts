/**
 * Locations in the workspace layer: `scheme://authority/path` with the path
 * decoded (no percent escapes), so the core can join and compare them as
 * strings. Each adapter maps its own URIs (VS Code's Uri, a Node path) to and
 * from these; `mem:///…` is the in-memory file system of the unit tests.
 */

export type Loc = string;

const SPLIT = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i;

/** `scheme://authority` and the path ("/" at least); undefined for a location without a path (untitled:). */
export function splitLoc(loc: Loc): { prefix: string; path: string } | undefined {
  const m = SPLIT.exec(loc);
  return m ? { prefix: m[1], path: m[2] || '/' } : undefined;
}

/** The folder holding `loc` (the root stays the root). */
export function dirOf(loc: Loc): Loc {
  const s = splitLoc(loc);
  if (!s) return loc;
  const p = s.path.replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  return s.prefix + (i <= 0 ? '/' : p.slice(0, i));
}

export function baseName(loc: Loc): string {
  const p = loc.replace(/\/+$/, '');
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Resolves `rel` ("a/../b.bib", "/abs/c.bib", "C:/x.bib") against the folder `dir`. */
export function joinLoc(dir: Loc, rel: string): Loc {
  const s = splitLoc(dir);
  if (!s) return dir;
  const r = rel.replace(/\\/g, '/');
  const abs = r.startsWith('/') ? r : /^[A-Za-z]:\//.test(r) ? `/${r}` : `${s.path.replace(/\/+$/, '')}/${r}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `${s.prefix}/${out.join('/')}`;
}

/** `loc` relative to the folder `dir` ("a/b.bib"); undefined when it is not inside. */
export function relativeTo(dir: Loc, loc: Loc): string | undefined {
  const base = dir.endsWith('/') ? dir : `${dir}/`;
  if (loc === dir) return '';
  return loc.startsWith(base) ? loc.slice(base.length) : undefined;
}

/** True when `loc` is `dir` or inside it. */
export function isInside(dir: Loc, loc: Loc): boolean {
  return relativeTo(dir, loc) !== undefined;
}

/** `dir` and its parents up to `stop` (inclusive) or the root when `stop` is undefined or not above `dir`. */
export function dirChain(dir: Loc, stop?: Loc): Loc[] {
  const out: Loc[] = [];
  const bounded = stop !== undefined && isInside(stop, dir);
  for (let d = dir; ; ) {
    out.push(d);
    if (bounded && d === stop) break;
    const up = dirOf(d);
    if (up === d) break;
    d = up;
  }
  return out;
}
