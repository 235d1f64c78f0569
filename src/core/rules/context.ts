/**
 * Generic sentence-context checks shared by every claim rule: negation,
 * explicitly historical framing, hedged or reported speech, and quotation.
 * Each takes the sentence text (markup blanked, offsets aligned) and the
 * match, and answers whether the claim is asserted as current fact.
 */

const NEGATION = new RegExp(
  [
    "\\b(?:not|never|neither|nor|cannot|can't|won't|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|hasn't|haven't|shouldn't)\\b",
    '\\bno\\b(?!\\.\\s*\\d)',
    '\\b(?:lacks?|lacking|fails? to|failed to|without|no longer|rather than|instead of)\\b',
    '\\b(?:incorrect(?:ly)?|erroneous(?:ly)?|mistaken(?:ly)?|wrong(?:ly)?|false(?:ly)?|inaccurate(?:ly)?|misleading(?:ly)?)\\b',
    '\\b(?:misclassif\\w*|misidentif\\w*|misnamed|mislabell?ed|misconceptions?|myths?|contrary to|refuted|disproved|debunked|outdated|obsolete)\\b',
  ].join('|'),
  'i',
);

const TIME_FRAME = new RegExp(
  [
    '\\b(?:in|by|until|till|before|during|around|circa|from|through|as of|prior to|up to)\\s+(?:the\\s+)?(?:early\\s+|late\\s+|mid-?\\s*)?(?:1[89]\\d\\d|20\\d\\d)s?\\b',
    '\\b(?:1[89]\\d\\d|20\\d\\d)s?\\b',
    '\\b(?:originally|initially|formerly|previously|historically|at first|back then|in the past|at (?:that|the) time|in (?:its|their) (?:early|first) (?:years|days)|the (?:1950s|1960s|1990s|2000s))\\b',
    '\\b(?:early|earlier|initial|first|older) (?:studies|reports|work|papers|literature|trials|publications|descriptions)\\b',
  ].join('|'),
  'i',
);

const PAST = /\b(?:was|were|had|did|used to|became|began|remained|went|held|sold|bought|made|took|gave|led)\b|\b[a-z]{3,}ed\b/i;

const HEDGE = new RegExp(
  [
    '\\b(?:was|were|had been|has been|have been|is|are)\\s+(?:once\\s+|long\\s+|widely\\s+|previously\\s+|initially\\s+|originally\\s+|often\\s+|sometimes\\s+|commonly\\s+|frequently\\s+|generally\\s+|still\\s+)?(?:thought|believed|assumed|considered|proposed|hypothesi[sz]ed|postulated|speculated|suspected|claimed|presumed|reputed|rumou?red)\\b',
    '\\b(?:early|earlier|initial|older|previous|prior|some|several|certain|a few|many) (?:studies|reports|papers|authors|work|data|investigators|researchers|reviews|sources|texts|publications|websites|pages)\\b[^.;]{0,60}?\\b(?:suggest(?:ed|s)?|propos(?:ed|es)|report(?:ed|s)?|claim(?:ed|s)?|describ(?:ed|es)|call(?:ed|s)?|label(?:l?ed|s)|thought|believed|assumed|state[sd]?|list(?:ed|s)?|classif(?:ied|y))',
    '\\b(?:it|this) (?:was|has been|had been|is) (?:suggested|proposed|thought|believed|claimed|hypothesi[sz]ed|reported|speculated|assumed)',
    '\\baccording to (?:early|earlier|initial|older|some|previous)',
    '\\b(?:suggests?|suggested|speculated?|hypothesi[sz]ed?|postulated?|proposed|claimed|believed|thought) that\\b',
    '\\bso-called\\b',
    '\\b(?:sometimes|often|occasionally|commonly|frequently|still|widely|popularly) (?:mis)?(?:called|described|referred to|labell?ed|termed|listed|classified|presented)\\b',
    '\\b(?:was|were|has been|have been|had been) (?:(?:often|sometimes|commonly|frequently|widely|incorrectly|erroneously|mistakenly|wrongly|once|originally|initially)\\s+)?(?:called|described|referred to|labell?ed|termed|dubbed) as\\b',
    '\\b(?:may|might|could) (?:have )?(?:been )?(?:be )?(?:described|called)',
  ].join('|'),
  'i',
);

export interface ClaimContext {
  /** Sentence text with markup blanked; same length as the sentence. */
  readonly sentence: string;
  readonly matchStart: number;
  readonly matchEnd: number;
}

/** A negation cue before or inside the claim ("does not", "lacks", "incorrectly identified as"...). */
export function isNegated(c: ClaimContext): boolean {
  return NEGATION.test(c.sentence.slice(0, c.matchEnd));
}

/**
 * Past tense with an explicit time frame ("was ... in 2012", "originally", "until 2019").
 * For claims the past tense must be in the claim itself ("Celgene marketed Otezla until
 * 2019"); for names anywhere in the sentence ("In 2001 CC-5013 entered trials").
 */
export function isHistorical(c: ClaimContext, scope: 'claim' | 'sentence' = 'claim'): boolean {
  if (!TIME_FRAME.test(c.sentence)) return false;
  return PAST.test(scope === 'claim' ? c.sentence.slice(c.matchStart, c.matchEnd) : c.sentence);
}

/** Reported or hedged speech before or inside the claim ("was thought to", "early studies suggested"). */
export function isHedged(c: ClaimContext): boolean {
  return HEDGE.test(c.sentence.slice(0, c.matchEnd));
}

/** The claim starts inside quotation marks. */
export function isQuoted(c: ClaimContext): boolean {
  const before = c.sentence.slice(0, c.matchStart);
  const opens = (before.match(/[\u201c\u00ab]/g) ?? []).length;
  const closes = (before.match(/[\u201d\u00bb]/g) ?? []).length;
  if (opens > closes) return true;
  const straight = (before.match(/"/g) ?? []).length;
  if (straight % 2 === 1) return true;
  // LaTeX ``...'' is blanked to spaces in the sentence; block quotes are handled by the caller
  return false;
}
