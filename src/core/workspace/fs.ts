/**
 * The file system the workspace layer reads through: an interface each host
 * implements (Node's fs for the CLI, vscode.workspace.fs for the editor in
 * the desktop and in the browser, a Map in the unit tests). Only reading:
 * the layer never writes.
 */
import type { Loc } from './loc';

export type EntryType = 'file' | 'directory';

export interface EntryStat {
  readonly type: EntryType;
  readonly size: number;
}

export interface WorkspaceFs {
  /** undefined when there is no such file or folder. */
  stat(loc: Loc): Promise<EntryStat | undefined>;
  /** The bytes; undefined when there is no such file. Other failures throw (their message is shown). */
  readFile(loc: Loc): Promise<Uint8Array | undefined>;
  /** Names and types in a folder; empty when it does not exist. */
  readDirectory(loc: Loc): Promise<Array<[string, EntryType]>>;
}

/** What the layer needs from its host besides files. */
export interface WorkspaceHost {
  readonly fs: WorkspaceFs;
  /** The workspace folders (the editor's, in order); configuration lookups stop at the one holding a document. */
  folders(): readonly Loc[];
  /** The home folder for `~/` paths; absent in the browser. */
  readonly home?: Loc;
}

/** TextDecoder and TextEncoder: in every host (Node, browsers, web workers), not in the core's ES lib typings. */
const codec = globalThis as unknown as {
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
  TextEncoder: new () => { encode(text: string): Uint8Array };
};

/** UTF-8 bytes as text (invalid bytes become U+FFFD), without a byte order mark. */
export function decodeText(bytes: Uint8Array): string {
  const text = new codec.TextDecoder().decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Files the layer reads to find its way (configurations, _quarto.yml, LaTeX roots) larger than this are skipped. */
export const MAX_SIDE_FILE_BYTES = 2 * 1024 * 1024;

/** A small text file (configuration, YAML, LaTeX root): undefined when missing, too large or binary. */
export async function readSmallText(fs: WorkspaceFs, loc: Loc, max = MAX_SIDE_FILE_BYTES): Promise<string | undefined> {
  let bytes: Uint8Array | undefined;
  try {
    const st = await fs.stat(loc);
    if (!st || st.type !== 'file' || st.size > max) return undefined;
    bytes = await fs.readFile(loc);
  } catch {
    return undefined;
  }
  if (!bytes) return undefined;
  const text = decodeText(bytes);
  return text.slice(0, 8000).includes('\u0000') ? undefined : text;
}

/**
 * An in-memory file system: `mem:///` locations, files given as text.
 * The unit tests run the resolution cases against it; so could a host
 * without files.
 */
export class MemoryFs implements WorkspaceFs {
  private readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string> = {}, readonly prefix = 'mem://') {
    for (const [p, text] of Object.entries(files)) this.write(p, text);
  }

  loc(path: string): Loc {
    return `${this.prefix}${path.startsWith('/') ? path : `/${path}`}`;
  }

  write(path: string, text: string): void {
    this.files.set(this.loc(path), new codec.TextEncoder().encode(text));
  }

  delete(path: string): void {
    this.files.delete(this.loc(path));
  }

  async stat(loc: Loc): Promise<EntryStat | undefined> {
    const f = this.files.get(loc);
    if (f) return { type: 'file', size: f.length };
    const dir = loc.endsWith('/') ? loc : `${loc}/`;
    for (const k of this.files.keys()) if (k.startsWith(dir)) return { type: 'directory', size: 0 };
    return undefined;
  }

  async readFile(loc: Loc): Promise<Uint8Array | undefined> {
    return this.files.get(loc);
  }

  async readDirectory(loc: Loc): Promise<Array<[string, EntryType]>> {
    const dir = loc.endsWith('/') ? loc : `${loc}/`;
    const out = new Map<string, EntryType>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(dir)) continue;
      const rest = k.slice(dir.length);
      const i = rest.indexOf('/');
      if (i < 0) out.set(rest, 'file');
      else out.set(rest.slice(0, i), 'directory');
    }
    return [...out].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
}
