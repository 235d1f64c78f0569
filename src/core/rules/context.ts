/**
 * Generic sentence-context checks shared by every claim rule: negation,
 * explicitly historical framing, hedged or reported speech, and quotation.
 * Each takes the sentence text (markup blanked, offsets aligned) and the
 * match, and answers whether the claim is asserted as current fact.
 *
 * Negation is clause-local: "Apremilast does not bind cereblon; lenalidomide
 * inhibits it" negates only the first clause. Hedges and reported speech
 * cover the whole sentence up to the claim ("Some guides still describe
 * apremilast as an IMiD"). Historical framing needs both a time frame and the
 * past tense.
 */

const NEGATION = new RegExp(
  [
    "\\b(?:not|never|neither|nor|cannot|can't|won't|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|hasn't|haven't|shouldn't)\\b",
    '\\bno\\b(?!\\.\\s*\\d)',
    '\\b(?:lacks?|lacking|fails? to|failed to|without|no longer|rather than|instead of)\\b',
    '\\b(?:incorrect(?:ly)?|erroneous(?:ly)?|mistaken(?:ly)?|wrong(?:ly)?|false(?:ly)?|inaccurate(?:ly)?|misleading(?:ly)?)\\b',
    '\\b(?:misclassif\\w*|misidentif\\w*|misnamed|mislabell?ed|misconceptions?|myths?|contrary to|refuted|disproved|debunked|outdated|obsolete)\\b',
    // refusal verbs negate the approval or claim that follows ("the FDA refused to approve thalidomide")
    '\\b(?:refus(?:e[sd]?|ing|al)|declin(?:e[sd]?|ing) to|rejected|rejection of|withheld|withholding|denied|blocked (?:the |its )?(?:approval|marketing|licen[cs]\\w*))\\b',
  ].join('|'),
  'i',
);

/** Where a new clause starts: a negation before it does not reach a claim after it. */
const CLAUSE_BREAK = /[;:\u2014\u2013]\s|,\s+(?:but|whereas|while|although|though|however|yet|so)\b|\b(?:whereas|however)\b/gi;

/**
 * Meta-negation after a claim: "... a view that is now outdated", "... a claim refuted in 2014",
 * "Earlier models in which X ... have been superseded".
 */
const NEGATED_AFTER = new RegExp(
  [
    '^[^.;]{0,6}?\\b(?:(?:a|the|this|that|which|an)\\s+)?(?:view|claim|notion|idea|description|label|labell?ing|statement|assumption|belief|characteri[sz]ation|model|misconception|error)\\b[^.;]{0,30}?\\b(?:outdated|obsolete|incorrect|wrong|refuted|disproved|abandoned|superseded|no longer|mistaken|false|debunked)\\b',
    '^[^.;]{0,40}?\\b(?:(?:has|have|had)\\s+(?:since\\s+|now\\s+|long\\s+|largely\\s+)?been\\s+(?:superseded|abandoned|refuted|disproved|revised|replaced|discarded|overturned|corrected|debunked)|(?:is|are|was|were)\\s+(?:now\\s+|since\\s+|largely\\s+)?(?:outdated|obsolete|superseded|abandoned|disproved|refuted|debunked))\\b',
  ].join('|'),
  'i',
);

const TIME_FRAME = new RegExp(
  [
    '\\b(?:in|by|until|till|before|during|around|circa|from|through|as of|prior to|up to|since)\\s+(?:the\\s+)?(?:(?:early|late|mid)[-\\s]+|mid-)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s+)?(?:1[89]\\d\\d|20\\d\\d)s?\\b',
    '\\b(?:1[89]\\d\\d|20\\d\\d)s?\\b',
    '\\b(?:originally|initially|formerly|previously|historically|at first|back then|in the past|at (?:that|the) time|in (?:its|their) (?:early|first) (?:years|days)|in those days|for decades|for years|decades ago|years ago|long ago|once(?!\\s+(?:daily|a\\s+day|weekly|monthly|per|every|more|again|or|and))|until then|by then|at the time of)\\b',
    '\\b(?:early|earlier|initial|first|older) (?:studies|reports|work|papers|literature|trials|publications|descriptions|reviews|analyses)\\b',
  ].join('|'),
  'i',
);

const PAST = /\b(?:was|were|had|did|used to|became|began|remained|went|held|sold|bought|made|took|gave|led|came|grew|fell|rose|brought|saw|found|thought|knew|showed|won|got)\b|\b[a-z]{3,}ed\b/i;

const REPORTERS = '(?:studies|reports|papers|authors|work|data|investigators|researchers|reviews|sources|texts|textbooks|publications|websites|web ?sites|pages|guides|articles|databases|registries|leaflets|labels|references|groups|commentators|writers|manuals|monographs|press releases|news reports|abstracts)';

const HEDGE = new RegExp(
  [
    '\\b(?:was|were|had been|has been|have been)\\s+(?:once\\s+|long\\s+|widely\\s+|previously\\s+|initially\\s+|originally\\s+|often\\s+|sometimes\\s+|commonly\\s+|frequently\\s+|generally\\s+|still\\s+)?(?:thought|believed|assumed|considered|proposed|hypothesi[sz]ed|postulated|speculated|suspected|claimed|presumed|reputed|rumou?red)\\b',
    // in the present tense only a report of what some hold ("is sometimes considered"); "is considered" alone asserts
    '\\b(?:is|are)\\s+(?:once|long|previously|initially|originally|sometimes|occasionally)\\s+(?:thought|believed|assumed|considered|proposed|hypothesi[sz]ed|postulated|speculated|suspected|claimed|presumed|reputed|rumou?red)\\b',
    '\\b(?:is|are)\\s+(?:proposed|hypothesi[sz]ed|postulated|speculated|rumou?red)\\b',
    `\\b(?:early|earlier|initial|older|previous|prior|some|several|certain|a few|many|other|most|these|those|one|two|various|numerous)\\s+(?:[\\w-]+\\s+){0,2}?${REPORTERS}\\b[^.;]{0,60}?\\b(?:suggest(?:ed|s)?|propos(?:ed|es)|report(?:ed|s)?|claim(?:ed|s)?|describ(?:ed|es|e)|call(?:ed|s)?|label(?:l?ed|s)?|thought|believed|assumed|state[sd]?|list(?:ed|s)?|classif(?:ied|y|ies)|refer(?:red|s)? to|present(?:ed|s)?|characteri[sz](?:ed|es|e))\\b`,
    '\\b(?:it|this) (?:was|has been|had been|is) (?:suggested|proposed|thought|believed|claimed|hypothesi[sz]ed|reported|speculated|assumed)',
    '\\baccording to (?:early|earlier|initial|older|some|previous)',
    '\\b(?:suggests?|suggested|speculated?|hypothesi[sz]ed?|postulated?|proposed|claimed|believed|thought) that\\b',
    '\\bso-called\\b',
    // "The researchers said thalidomide blocked ...": a reporter's words in the past
    '\\b(?:researchers|scientists|authors|investigators|team|group|doctors)\\s+(?:said|told|explained|wrote)\\b',
    '\\b(?:sometimes|often|occasionally|commonly|frequently|still|widely|popularly|loosely|informally) (?:mis)?(?:called|described|referred to|labell?ed|termed|listed|classified|presented|grouped)\\b',
    '\\b(?:was|were|has been|have been|had been) (?:(?:often|sometimes|commonly|frequently|widely|incorrectly|erroneously|mistakenly|wrongly|once|originally|initially|loosely)\\s+)?(?:called|described as|referred to as|labell?ed|termed|dubbed|classified as|grouped with|presented as)\\b',
    // passive reporting with a gap: "was initially described in 2010 as a cereblon inhibitor"
    '\\b(?:was|were|has been|have been|had been)\\s+(?:(?:\\w+ly|first|once|long|still)\\s+)?(?:described|referred to|labell?ed|classified|presented|characteri[sz]ed|regarded|viewed|considered|listed|categori[sz]ed)\\b[^.;]{0,30}?\\bas\\b',
    // an older view introduced as such: "the earlier view that", "old models in which"
    '\\b(?:old|older|earlier|early|former|previous|outdated|obsolete|original|initial|traditional|classic)\\s+(?:view|idea|notion|model|belief|assumption|hypothesis|theory|claim|picture|concept|explanation|account)s?\\s+(?:that|in which|where|whereby)\\b',
    '\\b(?:may|might|could) (?:have )?(?:been )?(?:be )?(?:described|called)',
    // embedded questions and conditionals are not assertions ("Whether a single enantiomer is safe ...")
    '\\b(?:whether|if)\\b',
    // reported speech: a source's words in a non-factive past-tense report ("Ito and colleagues reported
    // that thalidomide inhibits ...", "the authors concluded that"); "it should be noted that" is no report
    '(?<!\\bbe\\s+)\\b(?:reported|wrote|stated|argued|concluded|asserted|contended|posited|maintained|noted|remarked|announced|reasoned|inferred)(?:\\s+(?:in|as early as)\\s+(?:1[89]\\d\\d|20\\d\\d))?\\s+that\\b',
  ].join('|'),
  'i',
);

/**
 * A finding reported with a date ("In 2010, Ito and colleagues showed that ...", "a 2010 study found
 * that ...", "according to a 2004 review"): what a source established then, not the writer's claim now.
 * Needs a time frame before the claim; "studies show that ..." without one is the writer's assertion.
 */
const DATED_REPORT = new RegExp(
  [
    '\\b(?:showed|shown|found|demonstrated|revealed|discovered|established|confirmed|observed|identified|described|suggested|proposed)\\s+(?:(?:in|as early as)\\s+(?:1[89]\\d\\d|20\\d\\d)\\s+)?that\\b',
    '\\baccording to\\b[^.;]{0,50}?\\b(?:1[89]\\d\\d|20\\d\\d)\\b',
  ].join('|'),
  'i',
);

export interface ClaimContext {
  /** Sentence text with markup blanked; same length as the sentence. */
  readonly sentence: string;
  readonly matchStart: number;
  readonly matchEnd: number;
}

/** Start of the clause that holds `at` (0 when the sentence has one clause). */
export function clauseStart(sentence: string, at: number): number {
  let start = 0;
  CLAUSE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(sentence)) !== null && m.index < at) {
    start = m.index + m[0].length;
    if (m[0].length === 0) CLAUSE_BREAK.lastIndex++;
  }
  return Math.min(start, at);
}

/**
 * A negation cue in the claim's clause, before or inside the claim ("does not",
 * "lacks", "incorrectly identified as"), or a meta-negation right after it ("a view
 * now outdated").
 */
export function isNegated(c: ClaimContext): boolean {
  const from = clauseStart(c.sentence, c.matchStart);
  if (NEGATION.test(c.sentence.slice(from, c.matchEnd))) return true;
  return NEGATED_AFTER.test(c.sentence.slice(c.matchEnd));
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
  const upTo = c.sentence.slice(0, c.matchEnd);
  if (HEDGE.test(upTo)) return true;
  // a dated report: the report verb and a time frame both before the claim
  const before = c.sentence.slice(0, c.matchStart);
  return DATED_REPORT.test(before) && TIME_FRAME.test(before);
}

/** The claim starts inside quotation marks. */
export function isQuoted(c: ClaimContext): boolean {
  const before = c.sentence.slice(0, c.matchStart);
  const opens = (before.match(/[\u201c\u00ab]/g) ?? []).length;
  const closes = (before.match(/[\u201d\u00bb]/g) ?? []).length;
  if (opens > closes) return true;
  const straight = (before.match(/"/g) ?? []).length;
  if (straight % 2 === 1) return true;
  // LaTeX ``...'' and block quotes come from the prose layer (SentenceInput.quotedAt)
  return false;
}
