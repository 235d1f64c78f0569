// A stand-in for the 'vscode' module (activation timing only): classes the extension constructs,
// configuration that returns defaults, empty workspaces, and an inert object for everything else.
'use strict';
const cache = new Map();
function inert(name) {
  const fn = function () {};
  const props = new Map();
  return new Proxy(fn, {
    // assignments (statusBarItem.name = ..., .text = ...) are kept; a function's own 'name' is read-only
    set(_t, p, v) { props.set(p, v); return true; },
    get(_t, p) {
      if (props.has(p)) return props.get(p);
      if (p === 'then') return undefined; // never thenable
      if (p === Symbol.iterator) return function* () {};
      if (p === Symbol.toPrimitive) return () => '';
      if (p === 'toString' || p === 'toJSON') return () => name;
      if (p === 'length') return 0;
      const key = `${name}.${String(p)}`;
      if (!cache.has(key)) cache.set(key, inert(key));
      return cache.get(key);
    },
    apply: () => inert(`${name}()`),
    construct: () => inert(`new ${name}`),
  });
}
class Disposable {
  constructor(fn) { this.fn = fn; }
  static from(...d) { return new Disposable(() => d.forEach((x) => x && x.dispose && x.dispose())); }
  dispose() { if (this.fn) this.fn(); }
}
class EventEmitter {
  constructor() { this.listeners = []; this.event = (l) => { this.listeners.push(l); return new Disposable(() => {}); }; }
  fire(e) { for (const l of this.listeners) l(e); }
  dispose() { this.listeners = []; }
}
const event = () => new Disposable(() => {});
const configuration = { get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => {} };
const real = {
  Disposable,
  EventEmitter,
  workspace: {
    getConfiguration: () => configuration,
    workspaceFolders: undefined,
    textDocuments: [],
    onDidChangeConfiguration: event, onDidOpenTextDocument: event, onDidCloseTextDocument: event, onDidChangeTextDocument: event,
    onDidSaveTextDocument: event, onDidChangeWorkspaceFolders: event, onDidCreateFiles: event, onDidDeleteFiles: event, onDidRenameFiles: event,
    createFileSystemWatcher: () => ({ onDidChange: event, onDidCreate: event, onDidDelete: event, dispose() {} }),
    isTrusted: true,
  },
  window: { visibleTextEditors: [], activeTextEditor: undefined, onDidChangeActiveTextEditor: event, onDidChangeVisibleTextEditors: event },
  l10n: { t: (s) => (typeof s === 'string' ? s : s.message) },
  env: { language: 'en', uiKind: 1 },
};
// every name the API exports (from @types/vscode), so that bundlers' import interop copies them all
const fs = require('node:fs');
const path = require('node:path');
const dts = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
for (const m of dts.matchAll(/^\s*export (?:namespace|class|enum|const|function|let) (\w+)/gm)) {
  if (!(m[1] in real)) real[m[1]] = inert(`vscode.${m[1]}`);
}
module.exports = new Proxy(real, {
  get(t, p) {
    if (p === '__inert') return inert;
    if (p in t) {
      const v = t[p];
      if (v && typeof v === 'object' && !(v instanceof Function) && p !== 'l10n') {
        return new Proxy(v, { get: (o, q) => (q in o ? o[q] : inert(`vscode.${String(p)}.${String(q)}`)) });
      }
      return v;
    }
    return inert(`vscode.${String(p)}`);
  },
});
