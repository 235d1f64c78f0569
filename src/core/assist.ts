/**
 * Tools for AI assistants: what VS Code's language model tools and the MCP server
 * (`imid-lens mcp`) answer, as plain data and compact text a model reads well. No model, no
 * network: the same engine and term database as the editor and the CLI.
 *
 * - checkPassage(): the findings of a passage (message, the fact behind it, the suggested
 *   rewrite, the references with DOI / PMID).
 * - lookupTerm(): the card of a drug, brand, code or protein, or the names it may have meant.
 * - ruleSummaries(): every rule (id, family, severity, description).
 *
 * Tool input comes from a model: parseCheckInput() / parseLookupInput() check it strictly and
 * throw AssistInputError with a message that says what to send instead.
 */
import { authorsShort, yearOf } from './citations/format';
import { suggestNames } from './complete';
import type { CslItem, Severity } from './data/types';
import { TextDocument } from './document';
import type { Engine } from './engine';
import type { Finding } from './findings';
import { applyEdits } from './fixes';
import { type CitationChecker, lint } from './lint';
import { buildCard } from './hover';
import type { TermDb } from './termdb';

/** Languages a passage can be read as (the editor's defaults). */
export const PASSAGE_LANGUAGES = ['markdown', 'latex', 'plaintext', 'quarto', 'rmd'] as const;
export type PassageLanguage = (typeof PASSAGE_LANGUAGES)[number];

/** The longest passage a tool checks (about 50 pages): a model sends a passage, not a book. */
export const MAX_PASSAGE_LENGTH = 200_000;
/** The longest name a look-up takes. */
export const MAX_QUERY_LENGTH = 200;
/** Findings listed in full; the rest are counted. */
export const MAX_LISTED_FINDINGS = 50;

/** Bad tool input: the message names the field and what is expected. */
export class AssistInputError extends Error {}

export interface CheckInput {
  /** The passage; absent: the caller checks its own current document (the editor's active one). */
  text?: string;
  languageId?: PassageLanguage;
  /** YYYY, YYYY-MM or YYYY-MM-DD as given, and as ms (UTC). */
  asOf?: { text: string; ms: number };
}

/** JSON schema of the check tool's input (VS Code's languageModelTools and the MCP tool share it). */
export const CHECK_INPUT_SCHEMA = {
  type: 'object',
  properties: {
    text: { type: 'string', minLength: 1, maxLength: MAX_PASSAGE_LENGTH, description: 'The passage to check (Markdown, LaTeX or plain text). Omit it to check the active document in the editor.' },
    languageId: { type: 'string', enum: [...PASSAGE_LANGUAGES], description: 'How to read the passage (default markdown): markup, code, math and citation keys are not checked as prose.' },
    asOf: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'Check against the facts valid at this date (YYYY-MM-DD, YYYY-MM or YYYY), e.g. the date of the manuscript. Default: the passage\'s own date (front matter date) or today.' },
  },
  additionalProperties: false,
} as const;

export const LOOKUP_INPUT_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: MAX_QUERY_LENGTH, description: 'A drug (INN), brand, research code (e.g. CC-5013), former name, protein, class or risk programme; any case, with or without hyphens.' },
  },
  required: ['name'],
  additionalProperties: false,
} as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownFields(input: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(input).filter((k) => !allowed.includes(k));
  if (extra.length) throw new AssistInputError(`unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `"${k}"`).join(', ')}: the fields are ${allowed.map((k) => `"${k}"`).join(', ')}`);
}

/** "2020-06-01", "2020-06" or "2020" as ms (UTC); undefined when it is no such date. */
export function parseAsOf(s: string): number | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return undefined;
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const t = Date.UTC(Number(m[1]), month - 1, day);
  // 2021-02-30 is no date
  return new Date(t).getUTCDate() === day ? t : undefined;
}

/** Checks the check tool's input; throws AssistInputError. `text` is required when `requireText`. */
export function parseCheckInput(input: unknown, opts: { requireText?: boolean } = {}): CheckInput {
  const value = input ?? {};
  if (!isObject(value)) throw new AssistInputError('the input must be an object such as {"text": "Lenalidomide inhibits cereblon."}');
  unknownFields(value, ['text', 'languageId', 'asOf']);
  const out: CheckInput = {};
  if (value.text !== undefined) {
    if (typeof value.text !== 'string') throw new AssistInputError('"text" must be a string: the passage to check');
    if (!value.text.trim()) throw new AssistInputError(`"text" is empty: send the passage to check${opts.requireText ? '' : ', or omit "text" to check the active document'}`);
    if (value.text.length > MAX_PASSAGE_LENGTH) throw new AssistInputError(`"text" is too long (${value.text.length} characters; at most ${MAX_PASSAGE_LENGTH}): send the passage in parts`);
    out.text = value.text;
  } else if (opts.requireText) throw new AssistInputError('"text" is required: the passage to check');
  if (value.languageId !== undefined) {
    if (typeof value.languageId !== 'string' || !(PASSAGE_LANGUAGES as readonly string[]).includes(value.languageId)) {
      throw new AssistInputError(`"languageId" must be one of ${PASSAGE_LANGUAGES.join(', ')} (got ${JSON.stringify(value.languageId)})`);
    }
    out.languageId = value.languageId as PassageLanguage;
  }
  if (value.asOf !== undefined) {
    const ms = typeof value.asOf === 'string' ? parseAsOf(value.asOf) : undefined;
    if (ms === undefined) throw new AssistInputError(`"asOf" must be a date as YYYY-MM-DD, YYYY-MM or YYYY (got ${JSON.stringify(value.asOf)})`);
    out.asOf = { text: value.asOf as string, ms };
  }
  return out;
}

/** Checks the look-up tool's input; returns the name (trimmed). */
export function parseLookupInput(input: unknown): string {
  if (!isObject(input)) throw new AssistInputError('the input must be an object such as {"name": "CC-5013"}');
  unknownFields(input, ['name']);
  if (input.name === undefined) throw new AssistInputError('"name" is required: a drug, brand, research code or protein, e.g. "CC-5013"');
  if (typeof input.name !== 'string') throw new AssistInputError(`"name" must be a string (got ${JSON.stringify(input.name)})`);
  const name = input.name.trim();
  if (!name) throw new AssistInputError('"name" is empty: send a drug, brand, research code or protein, e.g. "CC-5013"');
  if (name.length > MAX_QUERY_LENGTH) throw new AssistInputError(`"name" is too long (${name.length} characters; at most ${MAX_QUERY_LENGTH}): send one name`);
  return name;
}

export interface AssistReference {
  key: string;
  /** "Krönke et al. (2014). Title. Journal." */
  label: string;
  doi?: string;
  pmid?: string;
  url?: string;
}

export interface PassageFinding {
  ruleId: string;
  severity: Severity;
  family?: string;
  /** 1-based line and column (UTF-16 code units) in the passage. */
  line: number;
  column: number;
  /** The flagged words. */
  excerpt: string;
  message: string;
  /** The fact behind the finding (the rule's explanation). */
  fact?: string;
  /** Suggested rewrites and name fixes: the words before and after. */
  rewrites: Array<{ title: string; before: string; after: string }>;
  references: AssistReference[];
}

export interface PassageReport {
  languageId: string;
  asOf?: string;
  /** Every finding, in the order of the passage. */
  findings: PassageFinding[];
  /** The checker stopped before the end of the passage (too many findings). */
  truncated?: boolean;
}

export interface CheckOptions {
  languageId?: string;
  /** ms (UTC): check against the facts valid at this date. */
  asOf?: number;
  citations?: CitationChecker;
  maxFindings?: number;
}

/** The findings of a passage. */
export function checkPassage(engine: Engine, text: string, opts: CheckOptions = {}): PassageReport {
  const languageId = opts.languageId ?? 'markdown';
  const e = opts.asOf === undefined ? engine : engine.withAsOf(opts.asOf);
  const doc = new TextDocument('untitled:passage', text, 1, languageId);
  const res = lint(doc, { engine: e, languageId, ...(opts.citations ? { citations: opts.citations } : {}), ...(opts.maxFindings ? { maxFindings: opts.maxFindings } : {}) });
  return describeFindings(engine.db, text, res.findings, { languageId, ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}), ...(res.truncated ? { truncated: true } : {}) });
}

/** The report of findings already computed on `text` (the editor's cached lint of the active document). */
export function describeFindings(db: TermDb, text: string, findings: readonly Finding[], opts: { languageId: string; asOf?: number; truncated?: boolean }): PassageReport {
  const doc = new TextDocument('untitled:passage', text, 1, opts.languageId);
  const out: PassageFinding[] = [];
  for (const f of findings) {
    if (f.ruleId === 'too-many-problems') continue;
    const rewrites: PassageFinding['rewrites'] = [];
    for (const fix of f.fixes) {
      if ((fix.kind !== 'rewrite' && fix.kind !== 'lexical') || !fix.edits.length) continue;
      const edits = fix.edits.map((x) => ({ start: doc.offsetAt(x.range.start), end: doc.offsetAt(x.range.end), newText: x.newText }));
      const from = Math.min(...edits.map((x) => x.start));
      const to = Math.max(...edits.map((x) => x.end));
      const before = text.slice(from, to);
      const after = applyEdits(before, edits.map((x) => ({ start: x.start - from, end: x.end - from, newText: x.newText }))).text;
      rewrites.push({ title: fix.title, before, after });
    }
    const references: AssistReference[] = [];
    for (const key of f.evidence ?? []) {
      const item = db.reference(key);
      if (item) references.push(assistReference(item));
    }
    out.push({
      ruleId: f.ruleId,
      severity: f.severity,
      ...(f.family ? { family: f.family } : {}),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      excerpt: text.slice(f.start, f.end),
      message: f.message,
      ...(f.explanation && f.explanation !== f.message ? { fact: f.explanation } : {}),
      rewrites,
      references,
    });
  }
  return {
    languageId: opts.languageId,
    ...(opts.asOf !== undefined ? { asOf: new Date(opts.asOf).toISOString().slice(0, 10) } : {}),
    findings: out,
    ...(opts.truncated ? { truncated: true } : {}),
  };
}

/** A reference as plain text with its identifiers. */
export function assistReference(item: CslItem): AssistReference {
  const who = authorsShort(item);
  const year = yearOf(item);
  const title = (item.title ?? '').trim().replace(/^\[(.+)\]$/s, '$1').replace(/\.$/, '');
  const journal = item['container-title'];
  const parts: string[] = [];
  if (who) parts.push(`${who}${year ? ` (${year})` : ''}.`);
  if (title) parts.push(`${title}.`);
  if (journal) parts.push(`${journal}${!who && year ? ` (${year})` : ''}.`);
  else if (!who && year) parts.push(`(${year}).`);
  return {
    key: item.id,
    label: parts.join(' ') || item.id,
    ...(item.DOI ? { doi: item.DOI } : {}),
    ...(item.PMID ? { pmid: item.PMID } : {}),
    ...(item.URL && !item.DOI && !item.PMID ? { url: item.URL } : {}),
  };
}

const oneLine = (s: string, max = 160) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** "kronke2014: Krönke et al. (2014). Title. Science. doi:10.1126/… PMID 24292625" */
export function formatAssistReference(r: AssistReference): string {
  const ids = [r.doi ? `doi:${r.doi}` : '', r.pmid ? `PMID ${r.pmid}` : '', r.url ? r.url : ''].filter(Boolean).join(' ');
  return `${r.key}: ${r.label}${ids ? ` ${ids}` : ''}`;
}

/**
 * The report as compact text for a model: a summary line, then per finding its place, rule,
 * flagged words, message, fact, rewrite and references. `source` names what was checked.
 */
export function formatPassageReport(report: PassageReport, source = 'the passage'): string {
  const n = report.findings.length;
  const when = report.asOf ? `facts as of ${report.asOf}` : "facts as of today or the document's own date";
  const head = `IMiD Lens checked ${source} (${report.languageId}; ${when}): ${n === 0 ? 'no findings' : `${n} finding${n === 1 ? '' : 's'}`}${report.truncated ? ' (it stopped early: too many findings; check a shorter passage for the rest)' : ''}.`;
  if (!n) return `${head}\nNo outdated claims, misspelled or outdated drug names or unknown citation keys were found. Statements the term database does not cover are not checked.`;
  const lines = [head];
  report.findings.slice(0, MAX_LISTED_FINDINGS).forEach((f, i) => {
    lines.push('', `${i + 1}. ${f.severity} ${f.ruleId} at line ${f.line}, column ${f.column}: "${oneLine(f.excerpt, 120)}"`);
    lines.push(`   Message: ${oneLine(f.message, 1000)}`);
    if (f.fact) lines.push(`   Fact: ${oneLine(f.fact, 1000)}`);
    for (const r of f.rewrites) lines.push(`   Suggested rewrite (${oneLine(r.title, 120)}): "${oneLine(r.before, 300)}" -> "${oneLine(r.after, 300)}"`);
    if (f.references.length) lines.push(`   References: ${f.references.map(formatAssistReference).join('; ')}`);
  });
  if (n > MAX_LISTED_FINDINGS) lines.push('', `${n - MAX_LISTED_FINDINGS} more findings are not listed: check a shorter passage for them.`);
  return lines.join('\n');
}

export type LookupResult =
  | { found: true; termId: string; name: string; matchedName: string; markdown: string; references: AssistReference[] }
  | { found: false; query: string; suggestions: string[]; text: string };

/** The card of a name (as `imid-lens explain --format markdown` prints it), or the names it may have meant. */
export function lookupTerm(db: TermDb, query: string, opts: { full?: boolean } = {}): LookupResult {
  const form = db.lookup(query);
  const term = form && db.term(form.termId);
  if (!form || !term) {
    const suggestions = suggestNames(db, query);
    const text = `"${query}" is not in the IMiD Lens term database (drugs, brands, research codes, former names, proteins, classes and risk programmes of thalidomide, its analogues and CELMoDs). ${suggestions.length ? `Did you mean: ${suggestions.join(', ')}?` : 'No similar name was found.'}`;
    return { found: false, query, suggestions, text };
  }
  const card = buildCard(db, term, form, {}, opts.full ? { full: true } : {});
  const references = card.references.map((r) => db.reference(r.key)).filter((x): x is CslItem => x !== undefined).map(assistReference);
  return { found: true, termId: term.id, name: term.preferredName, matchedName: form.name, markdown: card.markdown, references };
}

/**
 * A rule's message as a reader sees it: name rules have {name} and {current} templates, filled
 * with their first outdated name and its replacement; the other names follow. Any other
 * placeholder is shown as <placeholder>.
 */
export function ruleMessage(engine: Engine, id: string): { message: string; names?: string } {
  const info = engine.ruleInfo(id);
  if (!info) return { message: id };
  const rule = engine.rules.find((r) => r.rule.id === id);
  const pairs = [...(rule?.outdated ?? new Map<string, string>())].map(([key, current]) => [engine.db.lookup(key)?.name ?? key, current] as const);
  let message = info.message;
  if (pairs.length) message = message.replace(/\{name\}/g, pairs[0][0]).replace(/\{current\}/g, pairs[0][1]);
  message = message.replace(/\{([A-Za-z_][\w-]*)\}/g, '<$1>');
  return pairs.length > 1 ? { message, names: pairs.map(([from, to]) => `${from}\u00a0→\u00a0${to}`).join(', ') } : { message };
}

export interface RuleSummary {
  id: string;
  family: string;
  severity: Severity | 'off';
  description: string;
}

/** Every rule, by family then id, with its severity in this engine (configuration applied). */
export function ruleSummaries(engine: Engine): RuleSummary[] {
  return engine.ruleIds
    .map((id) => engine.ruleInfo(id)!)
    .sort((a, b) => a.family.localeCompare(b.family) || a.id.localeCompare(b.id))
    .map((r) => {
      const m = ruleMessage(engine, r.id);
      return { id: r.id, family: r.family, severity: engine.severityOf(r.id, r.severity), description: `${m.message}${m.names ? ` Names: ${m.names}.` : ''}` };
    });
}

/** The rules as compact text: one line per rule under its family. */
export function formatRuleSummaries(rules: readonly RuleSummary[]): string {
  const families = [...new Set(rules.map((r) => r.family))];
  const lines = [`${rules.length} rules in ${families.length} families (id [severity]: description).`];
  for (const family of families) {
    lines.push('', `${family}:`);
    for (const r of rules.filter((x) => x.family === family)) lines.push(`- ${r.id} [${r.severity}]: ${oneLine(r.description, 400)}`);
  }
  return lines.join('\n');
}
