/**
 * Facts the frames compare sentences with, read from the term database and valid at a
 * date: classes (from memberOf, targets and modality), former classes, approvals as
 * events, holders and developers with dates, dosage forms, brands with dates, history
 * events and development status. Nothing here is about wording.
 */
import type { Approval, Term } from '../data/types';
import type { TermDb } from '../termdb';
import { dateValue, yearOf } from './analyse';
import type { Lexicon } from './lexicon';

interface CompanyRole {
  company: string;
  role: 'originator' | 'developer' | 'holder' | 'marketer' | 'parent';
  region?: string;
  from?: string;
  until?: string;
  refs: string[];
}
interface DosageForm {
  form: string;
  refs: string[];
}
interface HistoryEvent {
  event: string;
  date: string;
  region?: string;
  brand?: string;
  note?: string;
  refs: string[];
}
/** Term with the typed fact fields (data/schema/terms.schema.json). */
export type FactTerm = Term & {
  companies?: CompanyRole[];
  dosageForms?: DosageForm[];
  history?: HistoryEvent[];
  stereo?: { form: string; interconverts?: boolean; refs: string[] };
  development?: { value: string; asOf: string; refs: string[] };
  formerClasses?: Array<{ classLabel: string; until?: string; refs: string[] }>;
  modality?: { value: string; refs: string[] };
};

export interface ApprovalFact extends Approval {
  indicationCode?: string;
  first?: boolean;
  convertedOn?: string;
}

export class Facts {
  private readonly classCache = new Map<string, Set<string>>();

  constructor(
    readonly db: TermDb,
    readonly lex: Lexicon,
  ) {}

  term(id: string): FactTerm | undefined {
    return this.db.terms.get(id) as FactTerm | undefined;
  }

  name(id: string): string {
    return this.term(id)?.preferredName ?? id;
  }

  /** Class ids (lexicon) a drug belongs to; undefined when the database knows none. */
  classesOf(id: string): Set<string> {
    let s = this.classCache.get(id);
    if (s) return s;
    s = new Set<string>();
    const t = this.term(id);
    if (t) {
      const member = new Set((t.memberOf ?? []).map((m) => m.id));
      const targets = new Set((t.targets ?? []).map((m) => m.id));
      for (const c of this.lex.data.classes) {
        if (c.term && (member.has(c.term) || t.id === c.term)) s.add(c.id);
        if (c.impliedByTarget && targets.has(c.impliedByTarget)) s.add(c.id);
      }
      if (t.modality) s.add(t.modality.value);
    }
    this.classCache.set(id, s);
    return s;
  }

  /** Classes the drug belonged to once (thalidomide: sedative-hypnotic). */
  formerClassesOf(id: string): Array<{ classId: string; refs: string[] }> {
    const t = this.term(id);
    const out: Array<{ classId: string; refs: string[] }> = [];
    for (const f of t?.formerClasses ?? []) {
      const toks = f.classLabel.toLowerCase().split(/[\s-]+/).map((w) => ({ t: w }));
      for (let i = 0; i < toks.length; i++) {
        const h = this.lex.classes.at(toks, i);
        if (h) out.push({ classId: h.value.id, refs: f.refs });
      }
    }
    return out;
  }

  /** The class refs of a drug (modality for the modality group; memberOf links and targets otherwise). */
  classRefs(id: string, group?: string): string[] {
    const t = this.term(id);
    const modality = t?.modality?.refs ?? [];
    const other = [...(t?.memberOf ?? []).flatMap((m) => m.refs), ...(t?.targets ?? []).flatMap((m) => m.refs)];
    return [...new Set(group === 'modality' ? [...modality, ...other] : [...other, ...modality])].slice(0, 4);
  }

  /** What the drug is, in words, for a message and a rewrite: "a PDE4 inhibitor", "an IMiD". */
  classPhrase(id: string, group: string): string | undefined {
    const cls = [...this.classesOf(id)].map((c) => this.lex.classById.get(c)).filter((c) => c && c.group === group);
    const c = cls.find((x) => x!.term) ?? cls[0];
    if (!c) return undefined;
    if (c.term) return this.term(c.term)?.preferredName;
    return c.phrases[0].replace(/\b(pde4|tnf)\b/g, (w) => w.toUpperCase());
  }

  approvals(id: string): ApprovalFact[] {
    return (this.term(id)?.approvals ?? []) as ApprovalFact[];
  }

  /** Codes of an approval's indication: the coded one, else read from its text with the lexicon. */
  indicationCodes(a: ApprovalFact): Set<string> {
    const s = new Set<string>();
    if (a.indicationCode) s.add(a.indicationCode);
    if (!s.size) {
      const toks = a.indication.toLowerCase().replace(/[(),]/g, ' ').split(/\s+/).filter(Boolean).map((t) => ({ t }));
      for (const h of this.lex.indications.all(toks)) s.add(h.value.code);
    }
    return s;
  }

  /** An indication code matches a written one (a group word such as "myeloma" matches its members). */
  indicationMatches(code: string, written: { code: string; group?: string }): boolean {
    if (code === written.code) return true;
    const group = this.lex.indicationGroups[written.code] ?? (written.group && written.code === written.group ? this.lex.indicationGroups[written.group] : undefined);
    if (group?.includes(code)) return true;
    // "myeloma" (multiple-myeloma code, group myeloma) also matches maintenance
    return !!written.group && (this.lex.indicationGroups[written.group] ?? []).includes(code) && written.code === this.lex.indicationGroups[written.group]?.[0];
  }

  /** First approval date of the drug anywhere (or by one agency / region). */
  firstApproval(id: string, agency?: string): string | undefined {
    const dates = this.approvals(id).filter((a) => !agency || a.agency === agency).map((a) => a.date).sort();
    return dates[0];
  }

  /** Approved anywhere on or before `at`. */
  approvedAt(id: string, at: number): boolean {
    const t = this.term(id);
    const first = this.firstApproval(id);
    if (first !== undefined) return (dateValue(first) ?? Infinity) <= at;
    return t?.development?.value === 'approved' || t?.status?.value === 'approved';
  }

  /** Known to be not approved anywhere at `at` (investigational, discontinued); unknown status → false. */
  /** The drugs a term stands for: a class's member drugs, or the drug itself. */
  drugsOf(id: string): string[] {
    if (this.term(id)?.kind !== 'class') return [id];
    const out: string[] = [];
    for (const t of this.db.terms.values()) if (t.kind === 'drug' && (t.memberOf ?? []).some((m) => m.id === id)) out.push(t.id);
    return out;
  }

  knownUnapproved(id: string): boolean {
    const t = this.term(id);
    if (!t || t.kind !== 'drug') return false;
    if ((t.approvals ?? []).length) return false;
    const v = t.development?.value ?? t.status?.value;
    return v === 'investigational' || v === 'discontinued';
  }

  /** Companies in a role valid at `at` (holder/marketer/parent for "markets"; originator/developer for "developed"). */
  companiesIn(id: string, roles: readonly string[], at?: number): CompanyRole[] {
    const t = this.term(id);
    const out: CompanyRole[] = [];
    for (const c of t?.companies ?? []) {
      if (!roles.includes(c.role)) continue;
      if (at !== undefined) {
        const from = dateValue(c.from);
        const until = dateValue(c.until);
        if (from !== undefined && from > at) continue;
        if (until !== undefined && until <= at) continue;
      }
      out.push(c);
    }
    if (!t?.companies && roles.includes('holder')) {
      // older data: holders with dates
      for (const h of t?.holders ?? []) {
        const company = this.companyIdOf(h.name);
        if (!company) continue;
        if (at !== undefined) {
          const from = dateValue(h.from);
          const until = dateValue(h.until);
          if (from !== undefined && from > at) continue;
          if (until !== undefined && until <= at) continue;
        }
        out.push({ company, role: 'holder', ...(h.region ? { region: h.region } : {}), refs: h.refs });
      }
    }
    return out;
  }

  /** Whether the drug's data has company roles at all (a frame says nothing without them). */
  knowsCompanies(id: string, roles: readonly string[]): boolean {
    const t = this.term(id);
    return !!t?.companies?.some((c) => roles.includes(c.role)) || (roles.includes('holder') && !!t?.holders?.length);
  }

  companyIdOf(name: string): string | undefined {
    const f = this.db.lookup(name);
    return f && this.term(f.termId)?.kind === 'company' ? f.termId : undefined;
  }

  forms(id: string): DosageForm[] {
    return this.term(id)?.dosageForms ?? [];
  }

  history(id: string, event: string): HistoryEvent[] {
    return (this.term(id)?.history ?? []).filter((h) => h.event === event);
  }

  /** The drug a brand, code or former name belongs to is its own term: brand facts by name. */
  brand(termId: string, name: string): { from?: string; until?: string; region: string; current: boolean; note?: string; refs: string[] } | undefined {
    const key = name.toLowerCase().replace(/[®™]/g, '').trim();
    return this.term(termId)?.brands?.find((b) => b.name.toLowerCase() === key);
  }

  /** The year something was first known (a target identified, a mechanism elucidated). */
  eventYear(id: string, event: string): number | undefined {
    const h = this.history(id, event)[0];
    return yearOf(h?.date);
  }
}
