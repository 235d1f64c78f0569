/**
 * The project configuration file `.imid-lens.json`, shared by the editor and
 * the CLI. Parsing never throws: problems come back with their line and
 * column, and an unusable file falls back to the defaults.
 */
import { type Node, type ParseError, findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import { validateConfig } from 'imid-lens:validators';
import type { Severity, Term } from './data/types';
import { LineIndex } from './document';

export const CONFIG_FILE = '.imid-lens.json';

export interface UserTerm {
  id: string;
  preferredName: string;
  kind?: Term['kind'];
  summary?: string;
  synonyms?: string[];
  brands?: string[];
  codes?: string[];
  formerNames?: string[];
  misspellings?: string[];
  memberOf?: string[];
  refs?: string[];
}

export interface UserClaim {
  id: string;
  severity?: Severity;
  message: string;
  explanation?: string;
  evidence?: string[];
  subject?: string[];
  patterns: string[];
  unless?: string[];
  rewrites?: Array<{ title?: string; replace: string }>;
  examples?: { invalid?: string[]; valid?: string[] };
}

export interface ProjectConfig {
  rules?: Record<string, Severity | 'off'>;
  bibliographies?: string[];
  ignore?: string[];
  terms?: UserTerm[];
  claims?: UserClaim[];
}

export interface ConfigProblem {
  readonly file: string;
  /** 0-based, like everything else in the core. */
  readonly line: number;
  readonly character: number;
  readonly message: string;
}

export interface ParsedConfig {
  readonly config: ProjectConfig;
  readonly problems: readonly ConfigProblem[];
  /** Where each claim and term came from, for later problems (unsafe patterns, failing examples). */
  locate(path: Array<string | number>): { line: number; character: number };
}

export function parseConfig(text: string, file: string = CONFIG_FILE): ParsedConfig {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: ConfigProblem[] = [];
  const at = (offset: number) => lines.positionAt(offset);
  const locate = (path: Array<string | number>) => {
    let node: Node | undefined = tree ? findNodeAtLocation(tree, path) : undefined;
    for (let p = path.slice(); !node && p.length && tree; p = p.slice(0, -1)) node = findNodeAtLocation(tree, p.slice(0, -1));
    return at(node?.offset ?? 0);
  };
  for (const e of errors) {
    const pos = at(e.offset);
    problems.push({ file, ...pos, message: `invalid JSON: ${printParseErrorCode(e.error)}` });
  }
  if (errors.length || !tree) {
    if (!errors.length) problems.push({ file, line: 0, character: 0, message: 'empty file: expected a JSON object' });
    return { config: {}, problems, locate };
  }
  const value = nodeValue(tree);
  if (!validateConfig(value)) {
    for (const e of validateConfig.errors ?? []) {
      const path = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      const extra = e.params?.additionalProperty ? ` "${String(e.params.additionalProperty)}"` : e.params?.allowedValues ? `: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` : '';
      const where = e.instancePath ? ` at ${e.instancePath}` : '';
      problems.push({ file, ...locate(path), message: `${e.message ?? 'invalid'}${extra}${where}` });
    }
    return { config: {}, problems, locate };
  }
  return { config: value as ProjectConfig, problems, locate };
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) o[String(k.value)] = nodeValue(v);
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** A user term in the shape of a bundled one (refs optional: the writer's own knowledge). */
export function toTerm(u: UserTerm, asOf = ''): Term {
  const refs = u.refs ?? [];
  const names = (xs: string[] | undefined) => (xs ?? []).map((name) => ({ name, refs, note: 'from .imid-lens.json' }));
  return {
    id: u.id,
    preferredName: u.preferredName,
    kind: u.kind ?? 'concept',
    asOf,
    summary: { text: u.summary ?? `${u.preferredName} (defined in ${CONFIG_FILE})`, refs },
    synonyms: names(u.synonyms),
    brands: (u.brands ?? []).map((name) => ({ name, region: '', current: true, refs })),
    codes: names(u.codes),
    formerNames: names(u.formerNames),
    misspellings: u.misspellings ?? [],
    memberOf: (u.memberOf ?? []).map((id) => ({ id, refs })),
  };
}
