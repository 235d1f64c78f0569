/**
 * TypeScript view of the JSON in data/ (the schemas in data/schema/ are the
 * authority; these types follow them).
 */

export interface Fact {
  text: string;
  note?: string;
  refs: string[];
}

export interface NameFact {
  name: string;
  note?: string;
  /** On codes: year the INN replaced the research code (only where a reference supports it). */
  innAssigned?: string;
  refs: string[];
}

export interface Link {
  id: string;
  note?: string;
  refs: string[];
}

export interface Brand {
  name: string;
  region: string;
  current: boolean;
  holder?: string;
  from?: string;
  until?: string;
  note?: string;
  refs: string[];
}

export interface FormerName {
  name: string;
  until?: string;
  note?: string;
  refs: string[];
  /** The name was proposed or used in development but never became a marketed brand ("Actimid"). */
  neverMarketed?: boolean;
}

/** Indication codes of approvals (a closed list; the schema enforces it). */
export type IndicationCode =
  | 'enl'
  | 'multiple-myeloma'
  | 'mds-del5q'
  | 'mantle-cell-lymphoma'
  | 'follicular-lymphoma'
  | 'marginal-zone-lymphoma'
  | 'kaposi-sarcoma'
  | 'psoriatic-arthritis'
  | 'plaque-psoriasis'
  | 'behcet-oral-ulcers'
  | 'myeloma-maintenance';

export interface Approval {
  agency: string;
  /** ISO date as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string;
  indication: string;
  /** Machine-readable indication, one of {@link IndicationCode} (the `indication` text stays the human wording). */
  indicationCode?: string;
  brand?: string;
  /** 'accelerated' for an accelerated approval; absent for a regular one. */
  pathway?: string;
  /** Date an accelerated approval was converted to a regular approval. */
  convertedOn?: string;
  /** The drug's first approval by that agency. */
  first?: boolean;
  note?: string;
  refs: string[];
}

/** Alias kept for readers of the brief: an approval event is an Approval. */
export type ApprovalEvent = Approval;

export interface DosageForm {
  form: 'capsule' | 'tablet' | 'injection' | 'infusion' | 'oral-solution';
  route?: 'oral' | 'intravenous';
  strengths?: string[];
  region?: string;
  refs: string[];
}

export type CompanyRoleKind = 'originator' | 'developer' | 'holder' | 'marketer' | 'parent';

export interface CompanyRole {
  /** Term id of a company (kind 'company'), e.g. 'celgene', 'bristol-myers-squibb', 'amgen'. */
  company: string;
  /**
   * originator: discovered/first made it; developer: ran its development; holder: holds the
   * marketing authorisation (application) in `region`; marketer: sells it; parent: corporate
   * parent of the holder (not itself the application holder).
   */
  role: CompanyRoleKind;
  region?: string;
  from?: string;
  /** Absent `until` means "no end recorded", which is not proof that the role is current: read `note`. */
  until?: string;
  note?: string;
  refs: string[];
}

export type HistoryEventKind =
  | 'synthesised'
  | 'first-marketed'
  | 'withdrawn'
  | 'reintroduced'
  | 'target-identified'
  | 'mechanism-elucidated'
  | 'inn-assigned';

export interface HistoryEvent {
  event: HistoryEventKind;
  date: string;
  region?: string;
  brand?: string;
  note?: string;
  refs: string[];
}

export interface Stereo {
  form: 'racemate' | 'single-enantiomer';
  /** The enantiomers interconvert in vivo. */
  interconverts?: boolean;
  note?: string;
  refs: string[];
}

export interface DevStatus {
  value: 'approved' | 'investigational' | 'discontinued' | 'under-review' | 'unknown';
  /** Date the status was checked. */
  asOf: string;
  /** The highest clinical phase reached in any indication. */
  phase?: { value: 1 | 2 | 3; indications?: string[]; since?: string; note?: string; refs: string[] };
  /** The date a regulator set for its decision on a pending application (PDUFA date). */
  actionDate?: string;
  /** The date a regulator accepted the first marketing application. */
  applicationAccepted?: string;
  /** Known to be approved nowhere up to this date (an application under review: the date it was accepted). */
  unapprovedUntil?: string;
  note?: string;
  refs: string[];
}

export interface FormerClass {
  classLabel: string;
  until?: string;
  note?: string;
  refs: string[];
}

export interface Modality {
  value: 'small-molecule' | 'biologic';
  refs: string[];
}

export interface Generation {
  label: string;
  usage?: 'usual' | 'sometimes' | 'disputed' | 'wrong';
  note?: string;
  refs: string[];
}

export interface Holder {
  name: string;
  region?: string;
  from?: string;
  until?: string;
  note?: string;
  refs: string[];
}

export type TermKind = 'drug' | 'protein' | 'complex' | 'class' | 'programme' | 'company' | 'concept';

export interface Term {
  id: string;
  preferredName: string;
  kind: TermKind;
  asOf: string;
  summary: Fact;
  synonyms?: NameFact[];
  brands?: Brand[];
  codes?: NameFact[];
  formerNames?: FormerName[];
  misspellings?: string[];
  memberOf?: Link[];
  classification?: Fact[];
  generation?: Generation[];
  mechanism?: Fact;
  targets?: Link[];
  neosubstrates?: Link[];
  /** Whether the drug passes into semen (male patients must use condoms), from the label. */
  semen?: { present: boolean; note?: string; refs: string[] };
  /** Which way the drug moves a messenger or marker (lexicon mechanism.markers). */
  effects?: Array<{ marker: string; direction: 'raises' | 'lowers'; note?: string; refs: string[] }>;
  approvals?: Approval[];
  boxedWarnings?: Fact[];
  riskProgrammes?: Link[];
  atc?: { code: string; note?: string; refs: string[] };
  status?: { value: string; note?: string; refs: string[] };
  holders?: Holder[];
  facts?: Fact[];
  disagreements?: Array<{ topic: string; text: string; refs: string[] }>;
  seeAlso?: string[];
  unverified?: string[];
  /** Marketed dosage forms (only where a source gives the form). */
  dosageForms?: DosageForm[];
  /** Companies and their roles over time (company term ids). */
  companies?: CompanyRole[];
  /** Dated history events. */
  history?: HistoryEvent[];
  stereo?: Stereo;
  /** Development status with the date it was checked (finer than `status`). */
  development?: DevStatus;
  /** Generic versions on the market in a region, by a date (a bound when only a range is known). */
  generics?: Array<{ region: string; availableBy: string; note?: string; refs: string[] }>;
  /** Classes the drug was once filed under (e.g. thalidomide as a sedative-hypnotic). */
  formerClasses?: FormerClass[];
  modality?: Modality;
}

export interface TermFile {
  $schema?: string;
  description?: string;
  terms: Term[];
}

/** CSL-JSON item (the subset imid-lens reads). */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  'container-title'?: string;
  'container-title-short'?: string;
  publisher?: string;
  volume?: string;
  issue?: string;
  page?: string;
  issued?: { 'date-parts'?: Array<Array<number | string>>; literal?: string; raw?: string };
  DOI?: string;
  PMID?: string;
  PMCID?: string;
  URL?: string;
  number?: string;
  note?: string;
  'authors-truncated'?: boolean;
  [key: string]: unknown;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface ClaimExample {
  text: string;
  output?: string;
}

export interface Rewrite {
  title?: string;
  replace: string;
  /** Regex source; the rewrite is offered only when the match text matches it. */
  when?: string;
}

export interface ClaimRule {
  id: string;
  type?: 'claim' | 'name';
  severity: Severity;
  message: string;
  explanation: string;
  evidence: string[];
  subject?: string[];
  patterns?: string[];
  unless?: string[];
  guards?: { negation?: boolean; historical?: boolean; hedge?: boolean; quotation?: boolean };
  rewrites?: Rewrite[];
  forms?: { terms: string[]; kinds?: Array<'code' | 'former' | 'brand' | 'synonym'>; names?: string[] };
  replacement?: string;
  allowWithCurrentName?: boolean;
  examples: { invalid: ClaimExample[]; valid: string[] };
}

export interface ClaimFile {
  $schema?: string;
  family: string;
  title: string;
  description?: string;
  macros?: Record<string, string>;
  rules: ClaimRule[];
}

/** Everything bundled from data/, as the build embeds it. */
export interface BundledData {
  terms: TermFile[];
  claims: ClaimFile[];
  references: CslItem[];
  /** File names, parallel to terms and claims (for messages). */
  termFiles: string[];
  claimFiles: string[];
}
