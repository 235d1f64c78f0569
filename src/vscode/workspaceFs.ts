/**
 * The workspace layer's file system in the editor: vscode.workspace.fs, so
 * the same code reads local folders, remote ones and virtual file systems in
 * the desktop and in the browser (no home folder there).
 */
import * as vscode from 'vscode';
import { type EntryType, type Loc, type WorkspaceFs, type WorkspaceHost, splitLoc } from '../core/index';

/** A URI as a location (`scheme://authority/path`, decoded); `untitled:Untitled-1` stays without a path. */
export function locOf(uri: vscode.Uri): Loc {
  return uri.path.startsWith('/') ? `${uri.scheme}://${uri.authority}${uri.path}` : `${uri.scheme}:${uri.path}`;
}

export function uriOf(loc: Loc): vscode.Uri {
  const s = splitLoc(loc);
  if (!s) return vscode.Uri.parse(loc);
  const m = /^([^:]+):\/\/(.*)$/.exec(s.prefix)!;
  return vscode.Uri.from({ scheme: m[1], authority: m[2], path: s.path });
}

function notFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'EntryNotFound' || e.code === 'FileNotADirectory');
}

function typeOf(t: vscode.FileType): EntryType | undefined {
  if (t & vscode.FileType.Directory) return 'directory';
  if (t & vscode.FileType.File) return 'file';
  return undefined;
}

export const vscodeFs: WorkspaceFs = {
  async stat(loc) {
    try {
      const s = await vscode.workspace.fs.stat(uriOf(loc));
      const type = typeOf(s.type);
      return type ? { type, size: s.size } : undefined;
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  },
  async readFile(loc) {
    try {
      return await vscode.workspace.fs.readFile(uriOf(loc));
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  },
  async readDirectory(loc) {
    try {
      const out: Array<[string, EntryType]> = [];
      for (const [name, t] of await vscode.workspace.fs.readDirectory(uriOf(loc))) {
        const type = typeOf(t);
        if (type) out.push([name, type]);
      }
      return out;
    } catch {
      return [];
    }
  },
};

/** The editor's host: its workspace folders (read each time: folders come and go), the home folder on Node only. */
export function vscodeHost(home: string | undefined): WorkspaceHost {
  return {
    fs: vscodeFs,
    folders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => locOf(f.uri)),
    ...(home ? { home: locOf(vscode.Uri.file(home)) } : {}),
  };
}
