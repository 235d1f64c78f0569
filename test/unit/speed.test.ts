// The engine's speed-ups that must not change what is found, each checked against the simple
// version it replaced:
// - PhraseTable (src/core/frames/lexicon.ts): a token trie; the same longest match at every token
//   as the list of phrases by first word it replaced, for every table of the bundled lexicon, over
//   the claim corpora's sentences and over token sequences made of the phrases themselves;
// - YearWindow (src/core/frames/index.ts): the latest year before each sentence, read once forward,
//   as latestYearBefore reads it per sentence;
// - HeadingLines (src/core/frames/index.ts): the heading lines above each paragraph from line breaks
//   read once per run, as headingTopic's walk up 200 lines above every paragraph found them;
// - norm (src/core/frames/lexicon.ts): the ASCII shortcut.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import corpus from '../fixtures/claims/corpus.json';
import real from '../fixtures/claims/real.json';
import { bundledData } from '../../src/core/index';
import { HeadingLines, YearWindow, latestYearBefore, walkHeadingLines } from '../../src/core/frames/index';
import { type FrameLexicon, Lexicon, PhraseTable, isHyphen, norm, phraseTokens, tokenize } from '../../src/core/frames/lexicon';
import { foldDiacritics } from '../../src/core/termdb';
import { mulberry32 } from './util';


type ByFirst<V> = Map<string, Array<{ toks: string[]; value: V; phrase: string }>>;

/** The table PhraseTable kept before the trie: phrases by first token, longest first (stable sort). */
function referenceTable<V>(phrases: ReadonlyArray<{ phrase: string; value: V }>): ByFirst<V> {
  const byFirst: ByFirst<V> = new Map();
  for (const { phrase, value } of phrases) {
    const pt = phraseTokens(phrase);
    let l = byFirst.get(pt[0]);
    if (!l) byFirst.set(pt[0], (l = []));
    l.push({ toks: pt, value, phrase });
    l.sort((a, b) => b.toks.length - a.toks.length);
  }
  return byFirst;
}

/** The look-up PhraseTable.at did before the trie: each phrase with the token's first word tried in turn. */
function referenceAt<V>(byFirst: ByFirst<V>, toks: readonly { t: string }[], i: number, end = toks.length): { i: number; j: number; value: V; phrase: string } | undefined {
  const l = byFirst.get(toks[i]?.t);
  if (!l) return undefined;
  outer: for (const c of l) {
    let k = i;
    for (const w of c.toks) {
      while (k < end && k > i && (isHyphen(toks[k].t) || toks[k].t === '"' || toks[k].t === '\u201c' || toks[k].t === '\u201d')) k++;
      if (k >= end || toks[k].t !== w) continue outer;
      k++;
    }
    return { i, j: k, value: c.value, phrase: c.phrase };
  }
  return undefined;
}

function attempt<T>(f: () => T): T | 'threw' {
  try {
    return f();
  } catch {
    return 'threw';
  }
}

const lex = new Lexicon((bundledData as { frames?: FrameLexicon }).frames!);
const tables = Object.entries(lex).filter(([, v]) => v instanceof PhraseTable) as Array<[string, PhraseTable<unknown>]>;

describe('PhraseTable (token trie)', () => {
  test('the bundled lexicon has phrase tables with phrases that share first words', () => {
    assert.ok(tables.length > 40, `${tables.length} tables`);
    const shared = tables.filter(([, t]) => new Set(t.phrases().map((p) => phraseTokens(p.phrase)[0])).size < t.phrases().length);
    assert.ok(shared.length > 10, 'the trie is exercised where several phrases start alike');
  });

  test('the same longest match at every token as the phrase lists, for every table, over the corpora and the phrases themselves', () => {
    const rnd = mulberry32(7);
    const common: Array<Array<{ t: string }>> = [];
    for (const x of (corpus as { sentences: Array<{ text: string }> }).sentences) common.push(tokenize(x.text));
    for (const p of (real as { passages: Array<{ parts: Array<{ text: string }> }> }).passages) common.push(tokenize(p.parts.map((x) => x.text).join(' ')));
    const words: string[] = [];
    for (const [, t] of tables) for (const p of t.phrases()) words.push(...phraseTokens(p.phrase));
    const noise = ['-', '"', '\u201c', '\u201d', '\u2010', ',', 'the', 'not'];
    for (let n = 0; n < 200; n++) common.push(Array.from({ length: 30 }, () => ({ t: rnd() < 0.2 ? noise[Math.floor(rnd() * noise.length)] : words[Math.floor(rnd() * words.length)] })));
    let hits = 0;
    let checked = 0;
    for (const [name, t] of tables) {
      // the corpora, random words, and the table's own phrases: whole, cut short, with hyphens and quotes between their words, with a word after
      const seqs = [...common];
      for (const p of t.phrases()) {
        const pt = phraseTokens(p.phrase);
        const mixed: string[] = [];
        for (const w of pt) {
          mixed.push(w);
          if (rnd() < 0.4) mixed.push(noise[Math.floor(rnd() * 5)]);
        }
        seqs.push(pt.map((x) => ({ t: x })), pt.slice(0, -1).map((x) => ({ t: x })), mixed.map((x) => ({ t: x })), [...pt, words[Math.floor(rnd() * words.length)]].map((x) => ({ t: x })));
      }
      const ref = referenceTable(t.phrases());
      for (const toks of seqs) {
        for (let i = -1; i <= toks.length; i++) {
          for (const end of [toks.length, Math.max(0, i + 1), Math.max(0, i + 2), toks.length + 1]) {
            // an end past the tokens (no caller's) makes both throw in the same cases
            const got = attempt(() => t.at(toks, i, end));
            const want = attempt(() => referenceAt(ref, toks, i, end));
            checked++;
            if (want && want !== 'threw') hits++;
            if (got === 'threw' || want === 'threw' ? got !== want : got?.j !== want?.j || got?.phrase !== want?.phrase || got?.value !== want?.value || got?.i !== want?.i) {
              assert.deepEqual(got, want, `${name} at ${i} (end ${end}) of ${JSON.stringify(toks.map((x) => x.t))}`);
            }
          }
        }
      }
    }
    assert.ok(hits > 10000, `${hits} matches of ${checked} look-ups`);
  });

  test('of two phrases with the same tokens the first added wins; hyphens and quotes inside a phrase are read past, not before it', () => {
    const t = new PhraseTable<number>().addAll(['third generation'], 1).addAll(['third-generation', 'third'], 2);
    const toks = tokenize('a "third-"generation drug');
    assert.deepEqual(t.at(toks, 2), { i: 2, j: 6, value: 1, phrase: 'third generation' });
    assert.equal(t.at(toks, 1), undefined, 'a quotation mark does not start a phrase');
    assert.deepEqual(t.at(toks, 2, 4), { i: 2, j: 3, value: 2, phrase: 'third' }, 'the end bound cuts the longer phrase');
    assert.deepEqual([...t.firstWords()], ['third']);
    assert.deepEqual(t.phrases().map((p) => p.phrase), ['third generation', 'third-generation', 'third']);
  });
});

describe('YearWindow', () => {
  test('gives latestYearBefore at every offset asked in increasing order, with gaps and steps back', () => {
    const rnd = mulberry32(11);
    const parts = ['1998', '2005', '1949', '2031', '19999', 'x2001', '2001x', ' ', ' in ', '\n', 'the 1960s', '(2010)', '20', '10', 'a'.repeat(700), 'b'.repeat(1900)];
    for (let n = 0; n < 40; n++) {
      let text = '';
      while (text.length < 12000) text += parts[Math.floor(rnd() * parts.length)];
      for (const atYear of [2000, 2026]) {
        const w = new YearWindow(text, atYear);
        let at = 0;
        let k = 0;
        while (at <= text.length) {
          assert.equal(w.latest(at), latestYearBefore(text, at, atYear), `text ${n}, at ${at}`);
          k++;
          // mostly forward in small or large steps, sometimes back
          const r = rnd();
          at = r < 0.05 ? Math.max(0, at - Math.floor(rnd() * 3000)) : at + (r < 0.6 ? Math.floor(rnd() * 80) : Math.floor(rnd() * 4000));
        }
        assert.ok(k > 5);
      }
    }
  });
});

test('norm: the ASCII shortcut gives what the full normalisation gives', () => {
  const full = (w: string) => foldDiacritics(w.toLowerCase().replace(/[\u2019\u2018]/g, "'"));
  for (const w of ['Thalidomide', "don't", 'IMiD', 'CC-5013', '', 'R', 'don\u2019t', 'Grünenthal', 'ÉTUDE', 'α-helix', 'naïve', 'ZZ9', '\u2018quoted\u2019']) assert.equal(norm(w), full(w), w);
});

describe('HeadingLines', () => {
  /** headingTopic's walk as it was: every line above the paragraph, up to 200, each read if it can be a heading. */
  function reference(text: string, para: number): Array<[number, number, number, string | undefined, string | undefined]> {
    const out: Array<[number, number, number, string | undefined, string | undefined]> = [];
    let k = para;
    for (let n = 0; n < 200 && k > 0; n++) {
      const ls = text.lastIndexOf('\n', k - 2) + 1;
      const c0 = text.charAt(ls);
      const line = c0 === '#' || c0 === '\\' || /\s/.test(c0) ? text.slice(ls, k - 1) : '';
      const md = /^\s{0,3}(#{1,6})\s/.exec(line);
      const tex = /^\\((?:sub)*)section\*?\{/.exec(line);
      if (md || tex) out.push([n, ls, k - 1, md?.[1], tex?.[1]]);
      k = ls;
    }
    return out;
  }
  const flat = (l: ReturnType<HeadingLines['above']>) => l.map((h): [number, number, number, string | undefined, string | undefined] => [h.n, h.ls, h.end, h.md?.[1], h.tex?.[1]]);

  test('the heading lines above every paragraph, in any order of paragraphs, as the line-by-line walk finds them', () => {
    const rnd = mulberry32(5);
    const bits = ['\n', '\n\n', '# Thalidomide\n', '## Mechanism\n', '   ### Deep\n', '    #### too indented\n', '#nospace\n', '\\section{Lenalidomide}\n', '\\subsection*{X}\n', '\\sectionx\n', ' \n', '\t# tab\n', '\u00a0# nbsp\n', 'text line\n', 'x'.repeat(70) + '\n', '\r\n', '# heading at end'];
    const texts = ['', '\n', '\n\n# A\n\nb', '# A\nb\n'];
    for (let n = 0; n < 40; n++) {
      let t = '';
      const len = Math.floor(rnd() * 30000);
      while (t.length < len) t += bits[Math.floor(rnd() * bits.length)];
      texts.push(t);
    }
    let found = 0;
    for (const text of texts) {
      const starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      for (const order of ['forward', 'random', 'mid-line']) {
        const lines = new HeadingLines(text);
        const paras = order === 'forward' ? starts.filter(() => rnd() < 0.3) : order === 'random' ? starts.filter(() => rnd() < 0.05).sort(() => rnd() - 0.5) : Array.from({ length: 40 }, () => Math.floor(rnd() * (text.length + 1)));
        for (const para of paras) {
          const want = reference(text, para);
          found += want.length;
          assert.deepEqual(flat(lines.above(para)), want, `${order}, paragraph at ${para} of ${text.length}`);
          assert.deepEqual(flat(walkHeadingLines(text, para)), want);
        }
      }
    }
    assert.ok(found > 1000, `${found} heading lines`);
  });
});
