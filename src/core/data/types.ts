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
}

export interface Approval {
  agency: string;
  date: string;
  indication: string;
  brand?: string;
  pathway?: string;
  note?: string;
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
