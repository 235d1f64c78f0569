/**
 * Which of a fixed set of lower-case ASCII words occur in a text, case-insensitively, in one pass
 * (an Aho-Corasick automaton over ASCII; a character outside ASCII matches no word character, as
 * in a case-insensitive RegExp without the u flag, where no other character folds to ASCII).
 * The claim rules use it to skip, in one look, every pattern whose required words a sentence lacks.
 */
export class WordSet {
  private readonly ids = new Map<string, number>();
  private built: { next: Int32Array; out: Int32Array[] } | undefined;
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(words: Iterable<string>) {
    for (const w of words) if (w && !this.ids.has(w) && /^[\x00-\x7f]+$/.test(w)) this.ids.set(w, this.ids.size);
    this.seen = new Uint32Array(this.ids.size);
  }

  /** The id of a word given to the constructor, or -1 (a word never found). */
  id(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  get size(): number {
    return this.ids.size;
  }

  /** Reads a text: afterwards {@link has} answers for it. */
  read(text: string): void {
    const { next, out } = (this.built ??= this.build());
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const seen = this.seen;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 128) {
        state = 0;
        continue;
      }
      if (c >= 65 && c <= 90) c += 32;
      state = next[state * 128 + c];
      const o = out[state];
      if (o !== undefined) for (let k = 0; k < o.length; k++) seen[o[k]] = stamp;
    }
  }

  /** Whether the word with this id occurs in the text last read. */
  has(id: number): boolean {
    return id >= 0 && this.seen[id] === this.stamp;
  }

  private build(): { next: Int32Array; out: Int32Array[] } {
    // the trie
    const children: Array<Map<number, number>> = [new Map()];
    const ends: number[][] = [[]];
    for (const [w, id] of this.ids) {
      let s = 0;
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        let t = children[s].get(c);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          ends.push([]);
          children[s].set(c, t);
        }
        s = t;
      }
      ends[s].push(id);
    }
    // breadth first: failure links folded into a full transition table, outputs merged along them
    const n = children.length;
    const next = new Int32Array(n * 128);
    const fail = new Int32Array(n);
    const outs: number[][] = ends.map((e) => [...e]);
    const queue: number[] = [];
    for (let c = 0; c < 128; c++) {
      const t = children[0].get(c);
      if (t !== undefined) {
        next[c] = t;
        queue.push(t);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      if (outs[fail[s]].length) outs[s].push(...outs[fail[s]]);
      for (let c = 0; c < 128; c++) {
        const t = children[s].get(c);
        if (t !== undefined) {
          fail[t] = next[fail[s] * 128 + c];
          next[s * 128 + c] = t;
          queue.push(t);
        } else next[s * 128 + c] = next[fail[s] * 128 + c];
      }
    }
    const out: Int32Array[] = [];
    for (let s = 0; s < n; s++) if (outs[s].length) out[s] = Int32Array.from(outs[s]);
    return { next, out };
  }
}
