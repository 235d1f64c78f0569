/** What a fact frame gets and gives: an analysed sentence and the facts in; contradictions out. */
import type { Severity } from '../data/types';
import type { OffsetEdit } from '../findings';
import type { Sentence } from './analyse';
import type { Facts } from './facts';
import type { Lexicon } from './lexicon';

export interface Contradiction {
  readonly ruleId: string;
  /** Overrides the rule's severity (a label only some sources use is information). */
  readonly severity?: Severity;
  readonly start: number;
  readonly end: number;
  /** States the fact. */
  readonly message: string;
  /** The fact's references (ids of data/references.json). */
  readonly evidence: readonly string[];
  /** A rewrite built from the fact (one edit or several), offered as a quick fix. */
  readonly rewrite?: { readonly title: string; readonly edits: readonly OffsetEdit[] };
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface FrameInput {
  readonly s: Sentence;
  readonly facts: Facts;
  readonly lex: Lexicon;
  /** The date the text is checked at (the document's date, --as-of, or today), in ms. */
  readonly at: number;
  readonly atYear: number;
}

export interface FrameRule {
  readonly id: string;
  readonly family: string;
  readonly severity: Severity;
  readonly title: string;
  /** What the frame compares, for `imid-lens rules` and the docs. */
  readonly description: string;
  readonly check: (input: FrameInput, out: Contradiction[]) => void;
  /** Examples that run as tests: invalid ones must be flagged by this frame, valid ones must not. */
  readonly examples: { readonly invalid: readonly string[]; readonly valid: readonly string[] };
}

/** "an" before a vowel sound, "a" otherwise (enough for class and form names). */
export function article(word: string): string {
  return /^[aeiou]|^(IMiD|FDA|EMA|MDS|NSAID)/i.test(word) && !/^(uni|one|eu)/i.test(word) ? 'an' : 'a';
}

/** Keeps the case of the first letter of `like` ("Tablets" → "Capsules"). */
export function matchFirstCase(like: string, word: string): string {
  return /^[A-Z]/.test(like) && !/^[A-Z]{2}/.test(like) ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

export function plural(word: string, like: string): string {
  return /s$/i.test(like) && !/s$/i.test(word) ? `${word}s` : word;
}

/** A date for a message: "2019-11-20" → "20 November 2019"; "2008-04" → "April 2008". */
export function prettyDate(d: string | undefined): string {
  if (!d) return 'an unknown date';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d);
  if (!m) return d;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  if (!m[2]) return m[1];
  const month = months[Number(m[2]) - 1];
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** "on 29 June 2006", "in June 2006", "in 2006". */
export function onDate(d: string | undefined): string {
  const p = prettyDate(d);
  return /^\d{1,2} /.test(p) ? `on ${p}` : `in ${p}`;
}

/** The indication of an approval in a few words: up to the first comma or semicolon outside brackets. */
export function shortIndication(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === ',' || c === ';') && depth === 0) return text.slice(0, i).trim();
  }
  return text.trim();
}

/** The word with its first letter in upper case. */
export function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

const SETTINGS: Array<[RegExp, RegExp]> = [
  [/newly diagnosed|first-line|untreated|front-line|frontline|previously untreated/, /newly diagnosed|first-line|untreated|front-line/i],
  [/relapsed|refractory|previously treated|second-line|later-line/, /relapsed|refractory|prior therap|previously treated|after/i],
  [/maintenance/, /maintenance/i],
];

/** A written setting ("newly diagnosed", "relapsed", "maintenance") fits the approval's indication text. */
export function settingFits(written: string, indication: string): boolean {
  for (const [w, a] of SETTINGS) if (w.test(written) && !a.test(indication)) return false;
  return true;
}

/** Nouns after a class word that make it an effect the drug has, not its class or use ("its sedative effect", "hypnotic properties"). */
export const EFFECT_NOUNS: ReadonlySet<string> = new Set(['effect', 'effects', 'properties', 'property', 'activity', 'activities', 'action', 'actions', 'side', 'potential', 'qualities']);
