/**
 * The engine: the term database and the compiled rules, built once from the
 * bundled data and the project configuration, then shared by every lint.
 */
import { type ConfigProblem, type ParsedConfig, type ProjectConfig, toTerm } from './config';
import type { BundledData, ClaimFile, Severity } from './data/types';
import { BUILTIN_RULES } from './rules/builtin';
import { type CompiledRule, type RuleProblem, compileRules } from './rules/claims';
import { FRAME_RULES, FrameEngine } from './frames/index';
import { TermDb } from './termdb';

export interface EngineInput {
  readonly data: BundledData;
  /** Parsed .imid-lens.json (problems already recorded there are passed through). */
  readonly config?: ParsedConfig;
  /** Severity overrides from editor settings, applied over the config file's. */
  readonly ruleOverrides?: Readonly<Record<string, Severity | 'off'>>;
  /** Milliseconds clock for the per-rule time budget (default Date.now; tests inject a fake one). */
  readonly clock?: () => number;
  /** Per-rule time budget on one document: baseMs + msPerKb per KB of text (defaults 250 ms + 1 ms/KB); scope 'user' (default) times only the rules from .imid-lens.json. */
  readonly ruleBudget?: { readonly baseMs?: number; readonly msPerKb?: number; readonly scope?: 'user' | 'all' };
  /** Check every document as of this date (ms; CLI --as-of), over the document's own date and today. */
  readonly asOf?: number;
}

export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  readonly family: string;
  readonly source: string;
  readonly explanation?: string;
  readonly evidence?: readonly string[];
}

export class Engine {
  readonly db: TermDb;
  readonly rules: readonly CompiledRule[];
  /** The fact frames (src/core/frames): checks generated from data/terms; undefined when the data has no lexicon. */
  readonly frames: FrameEngine | undefined;
  readonly asOf: number | undefined;
  /** Problems of the bundled data (the data tests require none). */
  readonly dataProblems: ReadonlyArray<{ message: string; source?: string }>;
  /** Problems of the user's configuration: shown to the user, never fatal. */
  readonly configProblems: ConfigProblem[];
  readonly config: ProjectConfig;
  /** Clock and limits of the per-rule time budget (see RuleBudget). */
  readonly clock: () => number;
  readonly ruleBudget: { readonly baseMs?: number; readonly msPerKb?: number; readonly scope?: 'user' | 'all' };
  private readonly severities: Record<string, Severity | 'off'>;
  private readonly infos = new Map<string, RuleInfo>();

  constructor(input: EngineInput) {
    const { data } = input;
    this.clock = input.clock ?? (() => Date.now());
    this.asOf = input.asOf;
    this.ruleBudget = input.ruleBudget ?? {};
    const parsed = input.config;
    this.config = parsed?.config ?? {};
    this.configProblems = [...(parsed?.problems ?? [])];
    const configFile = parsed?.problems[0]?.file ?? '.imid-lens.json';
    const extraTerms = (this.config.terms ?? []).map((t) => toTerm(t));
    this.db = new TermDb({ terms: data.terms, references: data.references, termFiles: data.termFiles, extraTerms });
    const dataProblems: Array<{ message: string; source?: string }> = [];
    for (const p of this.db.problems) {
      if (p.file === '.imid-lens.json') {
        const i = (this.config.terms ?? []).findIndex((t) => t.id === p.termId);
        this.configProblems.push({ file: configFile, ...(parsed?.locate(['terms', Math.max(0, i)]) ?? { line: 0, character: 0 }), message: p.message });
      } else dataProblems.push({ message: p.message, ...(p.file ? { source: p.file } : {}) });
    }
    const bundled = compileRules(this.db, data.claims, data.claimFiles);
    bundled.problems.forEach((p: RuleProblem) => dataProblems.push({ message: p.message, source: p.source }));
    const rules = [...bundled.rules];
    const user = this.config.claims ?? [];
    if (user.length) {
      const file: ClaimFile = {
        family: 'user',
        title: 'Rules from .imid-lens.json',
        rules: user.map((c) => ({
          id: c.id,
          severity: c.severity ?? 'warning',
          message: c.message,
          explanation: c.explanation ?? c.message,
          evidence: c.evidence ?? [],
          ...(c.subject ? { subject: c.subject } : {}),
          patterns: c.patterns,
          ...(c.unless ? { unless: c.unless } : {}),
          ...(c.rewrites ? { rewrites: c.rewrites } : {}),
          examples: { invalid: (c.examples?.invalid ?? []).map((text) => ({ text })), valid: c.examples?.valid ?? [] },
        })),
      };
      const compiled = compileRules(this.db, [file], [configFile], { untrusted: true });
      for (const p of compiled.problems) {
        const i = user.findIndex((c) => c.id === p.ruleId);
        this.configProblems.push({ file: configFile, ...(parsed?.locate(['claims', Math.max(0, i)]) ?? { line: 0, character: 0 }), message: p.message });
      }
      const taken = new Set(rules.map((r) => r.rule.id));
      for (const r of compiled.rules) {
        if (taken.has(r.rule.id) || BUILTIN_RULES.some((b) => b.id === r.rule.id)) {
          const i = user.findIndex((c) => c.id === r.rule.id);
          this.configProblems.push({ file: configFile, ...(parsed?.locate(['claims', i]) ?? { line: 0, character: 0 }), message: `rule id "${r.rule.id}" is already used by a bundled rule` });
          continue;
        }
        rules.push(r);
      }
    }
    this.rules = rules;
    this.frames = FrameEngine.from(this.db, data);
    this.dataProblems = dataProblems;
    for (const r of rules) {
      this.infos.set(r.rule.id, {
        id: r.rule.id,
        severity: r.rule.severity,
        message: r.rule.message,
        family: r.family,
        source: r.source,
        explanation: r.rule.explanation,
        evidence: r.rule.evidence,
      });
    }
    if (this.frames) for (const f of FRAME_RULES) this.infos.set(f.id, { id: f.id, severity: f.severity, message: f.title, family: f.family, source: 'fact frame', explanation: f.description });
    for (const b of BUILTIN_RULES) this.infos.set(b.id, { id: b.id, severity: b.severity, message: b.description, family: 'builtin', source: 'built in' });
    this.severities = { ...(this.config.rules ?? {}), ...(input.ruleOverrides ?? {}) };
    for (const id of Object.keys(this.severities)) {
      if (!this.infos.has(id)) {
        this.configProblems.push({ file: configFile, ...(parsed?.locate(['rules', id]) ?? { line: 0, character: 0 }), message: `unknown rule id "${id}" in "rules"` });
      }
    }
  }

  /**
   * The same engine checking at another date (the assistant tools' asOf): a view that shares the
   * term database, the rules and the configuration; only `asOf` differs. Cheap: nothing is compiled.
   */
  withAsOf(asOf: number | undefined): Engine {
    if (asOf === this.asOf) return this;
    return Object.create(this, { asOf: { value: asOf, enumerable: true } }) as Engine;
  }

  severityOf(ruleId: string, dflt: Severity): Severity | 'off' {
    return this.severities[ruleId] ?? dflt;
  }

  ruleInfo(id: string): RuleInfo | undefined {
    return this.infos.get(id);
  }

  /** Ids of the claim rules and fact frames (findings that state a claim is wrong, as opposed to built-in checks). */
  get claimRuleIds(): string[] {
    return [...this.rules.map((r) => r.rule.id), ...(this.frames ? FRAME_RULES.map((f) => f.id) : [])];
  }

  /** Whether the configuration switches any bundled claim rule off. */
  get hasRulesOff(): boolean {
    return this.rules.some((r) => r.family !== 'user' && this.severities[r.rule.id] === 'off');
  }

  get ruleIds(): string[] {
    return [...this.infos.keys()];
  }
}
