/**
 * Globs of configured bibliographies ("refs/**\/*.bib"), matched by walking
 * the folder through the injected file system (so every host matches the
 * same files), from the pattern's fixed prefix down, with picomatch.
 */
import picomatch from 'picomatch/posix';
import type { WorkspaceFs } from './fs';
import { type Loc, joinLoc } from './loc';

export const GLOB_CHARS = /[*?{}[\]]/;

const SKIP = new Set(['node_modules', '.git']);

/** Limits a walk: a glob over a huge tree stops rather than freezing its host. */
export const GLOB_LIMITS = { maxResults: 500, maxDirectories: 2000 };

/** Files under `base` matching `pattern` (relative to `base`), sorted. */
export async function globFiles(fs: WorkspaceFs, base: Loc, pattern: string): Promise<Loc[]> {
  const p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const scan = picomatch.scan(p);
  const root = scan.base ? joinLoc(base, scan.base) : base;
  const isMatch = picomatch(scan.base ? scan.glob : p, { dot: false });
  const deep = scan.glob.includes('**') || scan.glob.includes('/');
  const out: Loc[] = [];
  const queue: Array<{ dir: Loc; rel: string }> = [{ dir: root, rel: '' }];
  let dirs = 0;
  while (queue.length && out.length < GLOB_LIMITS.maxResults && dirs++ < GLOB_LIMITS.maxDirectories) {
    const { dir, rel } = queue.shift()!;
    let entries: Array<[string, 'file' | 'directory']>;
    try {
      entries = await fs.readDirectory(dir);
    } catch {
      continue;
    }
    for (const [name, type] of entries) {
      const r = rel ? `${rel}/${name}` : name;
      if (type === 'directory') {
        if (deep && !SKIP.has(name) && !name.startsWith('.')) queue.push({ dir: `${dir.replace(/\/+$/, '')}/${name}`, rel: r });
      } else if (isMatch(r)) out.push(`${dir.replace(/\/+$/, '')}/${name}`);
    }
  }
  return out.sort();
}
