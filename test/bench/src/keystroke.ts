// Keystroke latency: one-character edits (typing and backspace) at random places of a 1 MB
// document, each followed by the incremental re-lint of src/core/session.ts.
//   node keystroke.js <file> [edits] [seed]
// Prints RESULT {json}: the full lint it starts from, then median / p99 / max of the re-lints,
// how many were incremental, and a correctness check against a full lint every 25 edits.
import fs from 'node:fs';
import { type DocumentLike, LintSession, type Position, TextDocument, bundledEngine, lint } from '../../../src/core/index';

/**
 * A document as the editor holds it: a flat string per version (what TextDocument.getText()
 * returns) and line starts kept up to date edit by edit (so positionAt is a binary search, as in
 * VS Code's extension host), not rebuilt from the text each time.
 */
class EditorDocument implements DocumentLike {
  readonly uri = 'file:///k.md';
  readonly languageId = 'markdown';
  version = 1;
  private starts: number[] = [0];

  constructor(private text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** Replaces [offset, offset + deleted) by `inserted` (no line breaks in these edits). */
  edit(offset: number, deleted: number, inserted: string): void {
    this.text = this.text.slice(0, offset) + inserted + this.text.slice(offset + deleted);
    this.text.charCodeAt(0); // flatten now, as getText() hands back a flat string
    const delta = inserted.length - deleted;
    for (let k = this.starts.length - 1; k > 0 && this.starts[k] > offset; k--) this.starts[k] += delta;
    this.version++;
  }

  getText(): string {
    return this.text;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(p: Position): number {
    return Math.min(this.text.length, (this.starts[p.line] ?? this.text.length) + p.character);
  }
}

const [file, editsArg, seedArg] = process.argv.slice(2);
const edits = Number(editsArg ?? 400);
let text = fs.readFileSync(file, 'utf8');
const engine = bundledEngine();
let seed = Number(seedArg ?? 7);
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pct = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const opts = { engine, languageId: 'markdown' };
const session = new LintSession();
let t = performance.now();
session.update(new TextDocument('file:///k.md', text, 1, 'markdown'), opts);
const fullMs = performance.now() - t;
// a second full lint, warm
t = performance.now();
lint(new TextDocument('file:///k.md', text, 1, 'markdown'), opts);
const fullWarmMs = performance.now() - t;

const times: number[] = [];
const windows: number[] = [];
let incremental = 0;
let checked = 0;
let mismatches = 0;
const reasons: Record<string, number> = {};
let typedAt = -1;
const doc = new EditorDocument(text);
for (let k = 0; k < edits; k++) {
  // alternate: type a letter at a random place, then delete the character before the caret
  // (never next to a line break, so that the document's line starts stay simple to maintain)
  if (typedAt < 0 || rnd() < 0.5) {
    do typedAt = Math.floor(rnd() * text.length);
    while (text.charCodeAt(typedAt) === 10 || text.charCodeAt(typedAt - 1) === 10);
    const c = String.fromCharCode(97 + Math.floor(rnd() * 26));
    text = text.slice(0, typedAt) + c + text.slice(typedAt);
    doc.edit(typedAt, 0, c);
    typedAt++;
  } else {
    text = text.slice(0, typedAt - 1) + text.slice(typedAt);
    doc.edit(typedAt - 1, 1, '');
    typedAt = -1;
  }
  t = performance.now();
  const r = session.update(doc, opts);
  times.push(performance.now() - t);
  const info = session.lastUpdate;
  if (info.mode === 'incremental') {
    incremental++;
    windows.push(info.window![1] - info.window![0]);
  } else reasons[info.reason ?? info.mode] = (reasons[info.reason ?? info.mode] ?? 0) + 1;
  if (k % 25 === 0) {
    checked++;
    const want = lint(new TextDocument('file:///k.md', text, doc.version, 'markdown'), opts);
    if (JSON.stringify([r.findings, r.suppressed]) !== JSON.stringify([want.findings, want.suppressed])) mismatches++;
  }
}
// what VS Code itself spends on getText() of this document (its extension host joins the lines)
const lines = text.split('\n');
const joins: number[] = [];
for (let k = 0; k < 20; k++) {
  t = performance.now();
  lines.join('\n').charCodeAt(0);
  joins.push(performance.now() - t);
}
console.log(`RESULT ${JSON.stringify({
  chars: text.length,
  fullMs,
  fullWarmMs,
  edits,
  medianMs: pct(times, 50),
  p99Ms: pct(times, 99),
  maxMs: Math.max(...times),
  incremental,
  fullReasons: reasons,
  medianWindowChars: windows.length ? pct(windows, 50) : 0,
  checked,
  mismatches,
  getTextMs: pct(joins, 50),
})}`);
