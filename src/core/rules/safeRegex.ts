/**
 * Static screening of user-supplied regexes for catastrophic backtracking.
 *
 * JavaScript cannot interrupt a running RegExp, so a pattern that backtracks
 * exponentially would freeze the editor. User patterns are parsed and rejected
 * when they contain: a backreference; a quantified group that itself contains
 * an unbounded quantifier ("(a+)+", "(?:\\w+\\s?)*"); a quantified alternation
 * whose branches can start with the same character ("(a|ab)+"); or two
 * adjacent unbounded quantifiers over overlapping characters ("\\s*\\s*").
 * Bundled rules are trusted and tested; this screens only user rules.
 */

type CharSet = Uint8Array; // 128 ASCII slots + 1 for everything else

interface Node {
  kind: 'char' | 'group' | 'assert';
  first: CharSet; // characters the node can start with
  nullable: boolean;
  unboundedInside: boolean; // contains an unbounded quantifier
  min: number;
  max: number; // Infinity for * + {n,}
  branches?: Node[][];
}

const OTHER = 128;
const BIG = 100; // bounded repeats above this count as unbounded

function set(...codes: number[]): CharSet {
  const s = new Uint8Array(129);
  for (const c of codes) s[c < 128 ? c : OTHER] = 1;
  return s;
}
function range(s: CharSet, a: number, b: number): void {
  for (let c = a; c <= b && c < 128; c++) s[c] = 1;
  if (b >= 128) s[OTHER] = 1;
}
function all(): CharSet {
  return new Uint8Array(129).fill(1);
}
function union(a: CharSet, b: CharSet): CharSet {
  const s = new Uint8Array(129);
  for (let i = 0; i < 129; i++) s[i] = a[i] | b[i];
  return s;
}
function overlaps(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < 129; i++) if (a[i] && b[i]) return true;
  return false;
}
function escapeSet(c: string): CharSet {
  const s = new Uint8Array(129);
  switch (c) {
    case 'd': range(s, 48, 57); break;
    case 'w': range(s, 48, 57); range(s, 65, 90); range(s, 97, 122); s[95] = 1; break;
    case 's': s[32] = s[9] = s[10] = s[13] = s[11] = s[12] = 1; s[OTHER] = 1; break;
    case 'D': case 'W': case 'S': return all();
    case 'n': s[10] = 1; break;
    case 't': s[9] = 1; break;
    case 'r': s[13] = 1; break;
    default: {
      const code = c.charCodeAt(0);
      s[code < 128 ? code : OTHER] = 1;
      if (/[a-z]/i.test(c)) s[c.toLowerCase().charCodeAt(0)] = s[c.toUpperCase().charCodeAt(0)] = 1;
    }
  }
  return s;
}

class Parser {
  i = 0;
  problem: string | undefined;
  constructor(readonly src: string) {}

  fail(msg: string): never {
    this.problem ??= msg;
    throw new Error(msg);
  }

  /** alternation := sequence ('|' sequence)* */
  alternation(): Node[][] {
    const branches: Node[][] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return branches;
  }

  sequence(): Node[] {
    const seq: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      this.quantifier(atom);
      seq.push(atom);
    }
    return seq;
  }

  atom(): Node {
    const c = this.src[this.i++];
    const leaf = (first: CharSet): Node => ({ kind: 'char', first, nullable: false, unboundedInside: false, min: 1, max: 1 });
    switch (c) {
      case '(': {
        let kind: Node['kind'] = 'group';
        if (this.src[this.i] === '?') {
          const t = this.src.slice(this.i, this.i + 3);
          if (t.startsWith('?:')) this.i += 2;
          else if (t.startsWith('?=') || t.startsWith('?!')) { this.i += 2; kind = 'assert'; }
          else if (t === '?<=' || t === '?<!') { this.i += 3; kind = 'assert'; }
          else if (t.startsWith('?<')) { const e = this.src.indexOf('>', this.i); if (e < 0) this.fail('unterminated group name'); this.i = e + 1; }
          else this.fail('unsupported group syntax');
        }
        const branches = this.alternation();
        if (this.src[this.i] !== ')') this.fail('unbalanced parenthesis');
        this.i++;
        let first = new Uint8Array(129) as CharSet;
        let nullable = false;
        let unboundedInside = false;
        for (const b of branches) {
          const f = seqFirst(b);
          first = union(first, f.first);
          nullable ||= f.nullable;
          unboundedInside ||= b.some((n) => n.unboundedInside || n.max > BIG);
        }
        if (kind === 'assert') return { kind, first: new Uint8Array(129), nullable: true, unboundedInside, min: 1, max: 1, branches };
        return { kind, first, nullable, unboundedInside, min: 1, max: 1, branches };
      }
      case '[': {
        const s = new Uint8Array(129);
        let negate = false;
        if (this.src[this.i] === '^') { negate = true; this.i++; }
        let first = true;
        while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
          first = false;
          let ch = this.src[this.i++];
          let code: number;
          if (ch === '\\') {
            const e = this.src[this.i++];
            if ('dwsDWS'.includes(e)) { const es = escapeSet(e); for (let k = 0; k < 129; k++) s[k] |= es[k]; continue; }
            ch = e === 'n' ? '\n' : e === 't' ? '\t' : e;
          }
          code = ch.charCodeAt(0);
          if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
            this.i++;
            let hi = this.src[this.i++];
            if (hi === '\\') hi = this.src[this.i++];
            range(s, code, hi.charCodeAt(0));
          } else {
            s[code < 128 ? code : OTHER] = 1;
            if (/[a-z]/i.test(ch)) s[ch.toLowerCase().charCodeAt(0)] = s[ch.toUpperCase().charCodeAt(0)] = 1;
          }
        }
        if (this.src[this.i] !== ']') this.fail('unterminated character class');
        this.i++;
        if (negate) for (let k = 0; k < 129; k++) s[k] = s[k] ? 0 : 1;
        s[OTHER] = negate ? 1 : s[OTHER];
        return leaf(s);
      }
      case '\\': {
        const e = this.src[this.i++];
        if (e === undefined) this.fail('trailing backslash');
        if (/[1-9]/.test(e) || e === 'k') this.fail('backreferences are not allowed');
        if (e === 'b' || e === 'B') return { kind: 'assert', first: new Uint8Array(129), nullable: true, unboundedInside: false, min: 1, max: 1 };
        if (e === 'u' || e === 'x') { this.i += e === 'u' ? 4 : 2; return leaf(set(OTHER)); }
        if (e === 'p' || e === 'P') { const end = this.src.indexOf('}', this.i); this.i = end + 1; return leaf(all()); }
        return leaf(escapeSet(e));
      }
      case '.':
        return leaf(all());
      case '^': case '$':
        return { kind: 'assert', first: new Uint8Array(129), nullable: true, unboundedInside: false, min: 1, max: 1 };
      case '*': case '+': case '?': case '{':
        if (c === '{' && !/^\d/.test(this.src.slice(this.i))) return leaf(set(123));
        return this.fail('nothing to repeat');
      default: {
        const code = c.charCodeAt(0);
        const s = set(code);
        if (/[a-z]/i.test(c)) { s[c.toLowerCase().charCodeAt(0)] = 1; s[c.toUpperCase().charCodeAt(0)] = 1; }
        return leaf(s);
      }
    }
  }

  quantifier(n: Node): void {
    const c = this.src[this.i];
    let min = 1;
    let max = 1;
    if (c === '*') { min = 0; max = Infinity; this.i++; }
    else if (c === '+') { min = 1; max = Infinity; this.i++; }
    else if (c === '?') { min = 0; max = 1; this.i++; }
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      this.i += m[0].length;
    } else return;
    if (this.src[this.i] === '?') this.i++; // lazy
    if (n.kind === 'assert') return;
    const repeats = max > 1;
    if (repeats && n.kind === 'group') {
      if (n.unboundedInside) this.fail('a repeated group contains another unbounded repetition (nested quantifiers)');
      if (max > BIG && n.branches && n.branches.length > 1) {
        const firsts = n.branches.map((b) => seqFirst(b).first);
        for (let a = 0; a < firsts.length; a++) for (let b = a + 1; b < firsts.length; b++) {
          if (overlaps(firsts[a], firsts[b])) this.fail('a repeated alternation has branches that can start with the same character');
        }
      }
      if (max > BIG && n.nullable) this.fail('a repeated group can match the empty string');
    }
    n.min = min;
    n.max = max;
    if (min === 0) n.nullable = true;
    if (max > BIG) n.unboundedInside = true;
  }
}

function seqFirst(seq: Node[]): { first: CharSet; nullable: boolean } {
  let first = new Uint8Array(129) as CharSet;
  for (const n of seq) {
    first = union(first, n.first);
    if (!n.nullable) return { first, nullable: false };
  }
  return { first, nullable: true };
}

function checkAdjacent(branches: Node[][]): string | undefined {
  for (const seq of branches) {
    for (let k = 0; k + 1 < seq.length; k++) {
      const a = seq[k];
      if (a.max <= BIG) continue;
      // the next mandatory-free run of nodes after an unbounded one
      for (let j = k + 1; j < seq.length; j++) {
        const b = seq[j];
        if (b.kind === 'assert') continue;
        if (b.max > BIG && overlaps(a.first, b.first)) return 'two adjacent unbounded repetitions can match the same characters';
        if (!b.nullable) break;
      }
    }
    for (const n of seq) if (n.branches) {
      const inner = checkAdjacent(n.branches);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Undefined when the pattern is acceptable, else why it is rejected. */
export function checkRegexSafety(pattern: string): string | undefined {
  if (pattern.length > 2000) return 'longer than 2000 characters';
  try {
    new RegExp(pattern, 'i');
  } catch (e) {
    return `not a valid regular expression (${(e as Error).message})`;
  }
  const p = new Parser(pattern);
  try {
    const branches = p.alternation();
    if (p.i < pattern.length) return 'unbalanced parenthesis';
    return checkAdjacent(branches);
  } catch (e) {
    return p.problem ?? (e as Error).message;
  }
}
