/** The workspace layer's file system on Node (the CLI): `file://` locations over node:fs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EntryType, type Loc, type WorkspaceFs, type WorkspaceHost, splitLoc } from '../core/index';

/** An absolute native path as a location (`file:///a/b`, on Windows `file:///C:/a/b`). */
export function locOfPath(p: string): Loc {
  const abs = path.resolve(p).split(path.sep).join('/');
  return `file://${abs.startsWith('/') ? '' : '/'}${abs}`;
}

/** The native path of a `file://` location. */
export function pathOfLoc(loc: Loc): string {
  const p = splitLoc(loc)?.path ?? loc;
  return path.resolve(/^\/[A-Za-z]:\//.test(p) ? p.slice(1) : p);
}

const missing = (e: unknown) => ['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '');

/**
 * Synchronous underneath: a one-shot process has nothing else to do while it waits, and each
 * asynchronous call would be a round trip through libuv's thread pool (a Markdown file's Quarto
 * search lists every folder up to the root, one after the other).
 */
export const nodeFs: WorkspaceFs = {
  async stat(loc) {
    try {
      const s = fs.statSync(pathOfLoc(loc));
      return { type: s.isDirectory() ? 'directory' : 'file', size: s.size };
    } catch (e) {
      if (missing(e)) return undefined;
      throw e;
    }
  },
  async readFile(loc) {
    try {
      return new Uint8Array(fs.readFileSync(pathOfLoc(loc)));
    } catch (e) {
      if (missing(e)) return undefined;
      throw e;
    }
  },
  async readDirectory(loc) {
    try {
      const entries = fs.readdirSync(pathOfLoc(loc), { withFileTypes: true });
      const out: Array<[string, EntryType]> = [];
      for (const e of entries) {
        if (e.isDirectory()) out.push([e.name, 'directory']);
        else if (e.isFile()) out.push([e.name, 'file']);
        else if (e.isSymbolicLink()) {
          let s: fs.Stats | undefined;
          try {
            s = fs.statSync(path.join(pathOfLoc(loc), e.name));
          } catch {
            s = undefined;
          }
          if (s) out.push([e.name, s.isDirectory() ? 'directory' : 'file']);
        }
      }
      return out;
    } catch {
      return [];
    }
  },
};

/** The CLI's host: no workspace folders (a configuration is looked up to the file system root), the user's home. */
export function nodeHost(folders: readonly string[] = [], home: string | undefined = os.homedir()): WorkspaceHost {
  const locs = folders.map(locOfPath);
  return { fs: nodeFs, folders: () => locs, ...(home ? { home: locOfPath(home) } : {}) };
}
