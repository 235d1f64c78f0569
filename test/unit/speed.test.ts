// The engine's speed-ups that must not change what is found, each checked against the simple
// version it replaced:
// - PhraseTable (src/core/frames/lexicon.ts): a token trie; the same longest match at every token
//   as the list of phrases by first word it replaced, for every table of the bundled lexicon, over
//   the claim corpora's sentences and over token sequences made of the phrases themselves;
// - YearWindow (src/core/frames/index.ts): the latest year before each sentence, read once forward,
//   as latestYearBefore reads it per sentence;
// - LineBreaks (src/core/frames/index.ts): lastIndexOf('\n', p) from line breaks read once;
// - norm (src/core/frames/lexicon.ts): the ASCII shortcut.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import corpus from '../fixtures/claims/corpus.json';
import real from '../fixtures/claims/real.json';
import { bundledData } from '../../src/core/index';
import { LineBreaks, YearWindow, latestYearBefore } from '../../src/core/frames/index';
import { type FrameLexicon, Lexicon, PhraseTable, isHyphen, norm, phraseTokens, tokenize } from '../../src/core/frames/lexicon';
import { foldDiacritics } from '../../src/core/termdb';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The lookup PhraseTable.at did before the trie: phrases by first token, longest first (stable), each tried in turn. */
function referenceAt<V>(phrases: ReadonlyArray<{ phrase: string; value: V }>, toks: readonly { t: string }[], i: number, end = toks.length): { i: number; j: number; value: V; phrase: string } | undefined {
  const byFirst = new Map<string, Array<{ toks: string[]; value: V; phrase: string }>>();
  for (const { phrase, value } of phrases) {
    const pt = phraseTokens(phrase);
    let l = byFirst.get(pt[0]);
    if (!l) byFirst.set(pt[0], (l = []));
    l.push({ toks: pt, value, phrase });
    l.sort((a, b) => b.toks.length - a.toks.length);
  }
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
    const rnd = prng(7);
    const seqs: Array<Array<{ t: string }>> = [];
    for (const x of (corpus as { sentences: Array<{ text: string }> }).sentences) seqs.push(tokenize(x.text));
    for (const p of (real as { passages: Array<{ parts: Array<{ text: string }> }> }).passages) seqs.push(tokenize(p.parts.map((x) => x.text).join(' ')));
    const words: string[] = [];
    for (const [, t] of tables) for (const p of t.phrases()) words.push(...phraseTokens(p.phrase));
    const noise = ['-', '"', '\u201c', '\u201d', '\u2010', ',', 'the', 'not'];
    for (const [, t] of tables) {
      for (const p of t.phrases()) {
        const pt = phraseTokens(p.phrase);
        // the phrase, a prefix, the phrase with hyphens and quotes between its words, and with a random word after
        const mixed: string[] = [];
        for (const w of pt) {
          mixed.push(w);
          if (rnd() < 0.4) mixed.push(noise[Math.floor(rnd() * 5)]);
        }
        seqs.push(pt.map((x) => ({ t: x })), pt.slice(0, -1).map((x) => ({ t: x })), mixed.map((x) => ({ t: x })), [...pt, words[Math.floor(rnd() * words.length)]].map((x) => ({ t: x })));
      }
    }
    for (let n = 0; n < 300; n++) seqs.push(Array.from({ length: 30 }, () => ({ t: rnd() < 0.2 ? noise[Math.floor(rnd() * noise.length)] : words[Math.floor(rnd() * words.length)] })));
    let hits = 0;
    let checked = 0;
    for (const [name, t] of tables) {
      const phrases = t.phrases();
      for (const toks of seqs) {
        for (let i = -1; i <= toks.length; i++) {
          for (const end of [toks.length, Math.max(0, i + 1), Math.max(0, i + 2), toks.length + 1]) {
            // an end past the tokens (no caller's) makes both throw in the same cases
            const got = attempt(() => t.at(toks, i, end));
            const want = attempt(() => referenceAt(phrases, toks, i, end));
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
    const rnd = prng(11);
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

describe('LineBreaks', () => {
  test("before(p) is text.lastIndexOf('\\n', p) for any order of questions", () => {
    const rnd = prng(5);
    const texts = ['', '\n', '\n\n', 'abc', 'a\nb', '\nabc\n'];
    for (let n = 0; n < 30; n++) {
      let t = '';
      const len = Math.floor(rnd() * 3000);
      while (t.length < len) t += rnd() < 0.1 ? '\n' : rnd() < 0.05 ? '\n\n\n' : 'x'.repeat(1 + Math.floor(rnd() * 90));
      texts.push(t);
    }
    for (const text of texts) {
      for (const order of ['up', 'down', 'random']) {
        const b = new LineBreaks(text);
        const qs = Array.from({ length: 200 }, (_, i) => (order === 'random' ? Math.floor(rnd() * (text.length + 10)) - 5 : order === 'up' ? i * 7 - 3 : text.length + 3 - i * 7));
        for (const p of qs) assert.equal(b.before(p), text.lastIndexOf('\n', p), `${JSON.stringify(text.slice(0, 40))}… (${text.length}) at ${p}, ${order}`);
      }
    }
  });
});
