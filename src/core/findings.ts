/**
 * Findings and fixes as plain data. The engine works in offsets; the public
 * shape (LSP-style ranges) is produced once at the end by {@link toPublic}.
 */
import type { Severity } from './data/types';
import type { DocumentLike, Range } from './document';

export type { Severity };

/**
 * lexical: misspelling or outdated name to INN; safe to apply in bulk (fix-all, --fix).
 * rewrite: a semantic rewrite of a claim; offered one at a time, never in fix-all.
 * citation, suppress, config, bibliography: helper actions.
 */
export type FixKind = 'lexical' | 'rewrite' | 'citation' | 'suppress' | 'config' | 'bibliography';

export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface OffsetFix {
  readonly title: string;
  readonly kind: FixKind;
  readonly edits: readonly OffsetEdit[];
  /** For fixes to another file (a bibliography): its path as the document names it, and the text to append. */
  readonly target?: string;
  readonly appendText?: string;
}

export interface RawFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly explanation?: string;
  readonly evidence?: readonly string[];
  readonly family?: string;
  readonly fixes: readonly OffsetFix[];
  /** Extra data for adapters (e.g. the unknown citation key, the matched term). */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface PublicEdit {
  range: Range;
  newText: string;
}

export interface PublicFix {
  title: string;
  kind: FixKind;
  isPreferred?: boolean;
  edits: PublicEdit[];
  target?: string;
  appendText?: string;
}

export interface Finding {
  range: Range;
  ruleId: string;
  severity: Severity;
  message: string;
  explanation?: string;
  evidence?: string[];
  family?: string;
  fixes: PublicFix[];
  data?: Record<string, unknown>;
  /** Offsets, for adapters that prefer them. */
  start: number;
  end: number;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function toPublic(doc: DocumentLike, f: RawFinding): Finding {
  const range = { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
  const fixes = f.fixes.map((x) => ({
    title: x.title,
    kind: x.kind,
    ...(x.kind === 'lexical' ? { isPreferred: true } : {}),
    edits: x.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
    ...(x.target ? { target: x.target } : {}),
    ...(x.appendText ? { appendText: x.appendText } : {}),
  }));
  return {
    range,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    ...(f.explanation ? { explanation: f.explanation } : {}),
    ...(f.evidence?.length ? { evidence: [...f.evidence] } : {}),
    ...(f.family ? { family: f.family } : {}),
    fixes,
    ...(f.data ? { data: { ...f.data } } : {}),
    start: f.start,
    end: f.end,
  };
}

export function compareRaw(a: RawFinding, b: RawFinding): number {
  return a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Upper-cases the first letter of `s` when `like` starts with an upper-case letter. */
export function matchCase(s: string, like: string): string {
  if (!s) return s;
  const first = like.charAt(0);
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  return s;
}
