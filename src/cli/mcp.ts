/**
 * `imid-lens mcp`: a Model Context Protocol server over stdio, built on the official TypeScript
 * SDK. The SDK lives in dist/mcp-sdk.js (src/vendor/mcp.ts), loaded here on first use only, so
 * no other command pays for it. The answers come from src/core/assist.ts, the same as VS Code's
 * language model tools:
 *
 * - tools: check_text, lookup_term, list_rules (read-only, no network);
 * - resources: every term sheet as `imid-lens-term://<term id>` (Markdown); any name, brand or
 *   research code also resolves (`imid-lens-term://Revlimid`).
 *
 * Bad arguments are a tool result with isError (the model reads what to send instead); an
 * unknown tool or resource is a protocol error. stdout carries protocol messages only: logs go
 * to stderr. The server exits when its input closes.
 */
import { format } from 'node:util';
import {
  AssistInputError,
  CHECK_INPUT_SCHEMA,
  type Engine,
  LOOKUP_INPUT_SCHEMA,
  checkPassage,
  formatPassageReport,
  formatRuleSummaries,
  lookupTerm,
  parseCheckInput,
  parseLookupInput,
  ruleSummaries,
} from '../core/index';
import type * as Sdk from '../vendor/mcp';

export const TERM_SCHEME = 'imid-lens-term';

/** The SDK, from dist/mcp-sdk.js beside dist/cli.js (external in every bundle: see esbuild.mjs). */
function loadSdk(): typeof Sdk {
  try {
    return require('./mcp-sdk.js') as typeof Sdk;
  } catch (e) {
    throw new Error(`the MCP server needs dist/mcp-sdk.js beside dist/cli.js, which this copy of imid-lens lacks (${(e as Error).message.split('\n')[0]}); install the imid-lens package or run npm run build`);
  }
}

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** The tools, as tools/list shows them: the check tool needs its text here (there is no editor). */
export const MCP_TOOLS = [
  {
    name: 'check_text',
    title: 'Check text for outdated IMiD claims',
    description:
      'Checks text about thalidomide, lenalidomide, pomalidomide and the other cereblon modulators (IMiDs, CELMoDs such as iberdomide and mezigdomide), and apremilast, against the bundled, sourced IMiD Lens term database: outdated or wrong claims (mechanism, approvals and dates, companies, drug class, teratogenicity, history), misspelled or outdated drug names and research codes, and unknown citation keys. Returns each finding with its line and column, the fact behind it, a suggested rewrite and the references (DOI, PMID). Use it to verify a draft or an answer that mentions these drugs before giving it. Set asOf to the manuscript\'s date to check against the facts valid then. It does not judge statements the database does not cover.',
    inputSchema: { ...CHECK_INPUT_SCHEMA, properties: { ...CHECK_INPUT_SCHEMA.properties, text: { ...CHECK_INPUT_SCHEMA.properties.text, description: 'The passage to check (Markdown, LaTeX or plain text).' } }, required: ['text'] },
    annotations: { title: 'Check text for outdated IMiD claims', ...READ_ONLY },
  },
  {
    name: 'lookup_term',
    title: 'Look up an IMiD term',
    description:
      'Looks up a drug (INN), brand, research code (e.g. CC-5013), former name, protein (e.g. cereblon, IKZF1), drug class or risk programme (REMS) of thalidomide and its analogues (IMiDs, CELMoDs) in the sourced IMiD Lens term database and returns its card in Markdown: what the name is, class, mechanism, targets, approvals with dates, boxed warnings, status, holder and references (DOI, PMID). Use it for verified facts and citable references before writing about one of these drugs. An unknown name returns similar names to try. The full term sheet of a drug is the resource imid-lens-term://<name>.',
    inputSchema: LOOKUP_INPUT_SCHEMA,
    annotations: { title: 'Look up an IMiD term', ...READ_ONLY },
  },
  {
    name: 'list_rules',
    title: 'List the IMiD Lens rules',
    description: 'Lists every rule IMiD Lens checks text with: its id (as check_text reports it), family, severity and what it flags. Use it to explain a finding\'s rule or to see what the checker covers.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    annotations: { title: 'List the IMiD Lens rules', ...READ_ONLY },
  },
] as const;

type ToolResult = { content: Array<{ type: 'text'; text: string }>; isError?: boolean };
const textResult = (text: string, isError = false): ToolResult => ({ content: [{ type: 'text', text }], ...(isError ? { isError: true } : {}) });

/** A tool call's answer; bad arguments are an isError result. Unknown tool: undefined. */
export function callTool(engine: Engine, name: string, args: unknown): ToolResult | undefined {
  try {
    switch (name) {
      case 'check_text': {
        const input = parseCheckInput(args, { requireText: true });
        const report = checkPassage(engine, input.text!, { languageId: input.languageId ?? 'markdown', ...(input.asOf ? { asOf: input.asOf.ms } : {}) });
        return textResult(formatPassageReport(report));
      }
      case 'lookup_term': {
        const r = lookupTerm(engine.db, parseLookupInput(args));
        return textResult(r.found ? r.markdown : r.text);
      }
      case 'list_rules': {
        if (args !== undefined && !(typeof args === 'object' && args !== null && !Array.isArray(args) && Object.keys(args).length === 0)) throw new AssistInputError('list_rules takes no arguments');
        return textResult(formatRuleSummaries(ruleSummaries(engine)));
      }
      default:
        return undefined;
    }
  } catch (e) {
    if (e instanceof AssistInputError) return textResult(`Invalid arguments for ${name}: ${e.message}.`, true);
    throw e;
  }
}

export interface McpOptions {
  engine: Engine;
  version: string;
  stderr(s: string): void;
}

/** Serves until stdin closes; resolves with the exit code. */
export async function serveMcp(opts: McpOptions): Promise<number> {
  let sdk: typeof Sdk;
  try {
    sdk = loadSdk();
  } catch (e) {
    opts.stderr(`imid-lens: ${(e as Error).message}\n`);
    return 2;
  }
  const { engine } = opts;
  // stdout is the protocol's: anything printed through console goes to stderr
  for (const k of ['log', 'info', 'debug', 'warn'] as const) console[k] = (...a: unknown[]) => opts.stderr(`${format(...a)}\n`);

  const server = new sdk.McpServer(
    { name: 'imid-lens', title: 'IMiD Lens', version: opts.version },
    {
      capabilities: { tools: { listChanged: false } },
      instructions:
        'IMiD Lens checks writing about thalidomide, lenalidomide, pomalidomide, CELMoDs and apremilast against a sourced term database. Call check_text on a passage that mentions these drugs before giving it to the user; call lookup_term for the facts and references of a drug, brand, research code or protein.',
    },
  );
  server.server.setRequestHandler(sdk.ListToolsRequestSchema, () => ({ tools: MCP_TOOLS.map((t) => ({ ...t })) as never }));
  server.server.setRequestHandler(sdk.CallToolRequestSchema, (req) => {
    const result = callTool(engine, req.params.name, req.params.arguments);
    if (!result) throw new sdk.McpError(sdk.ErrorCode.InvalidParams, `unknown tool "${req.params.name}": the tools are ${MCP_TOOLS.map((t) => t.name).join(', ')}`);
    return result;
  });

  const terms = [...engine.db.terms.values()].sort((a, b) => a.id.localeCompare(b.id));
  server.registerResource(
    'term-sheet',
    new sdk.ResourceTemplate(`${TERM_SCHEME}://{name}`, {
      list: () => ({
        resources: terms.map((t) => ({ uri: `${TERM_SCHEME}://${encodeURIComponent(t.id)}`, name: t.id, title: `${t.preferredName} (${t.kind})`, mimeType: 'text/markdown' })),
      }),
    }),
    { title: 'Term sheet', description: 'The full term sheet of a drug, brand, research code, protein, class or programme: every fact with its references (Markdown).', mimeType: 'text/markdown' },
    (uri, variables) => {
      const raw = Array.isArray(variables.name) ? variables.name[0] : variables.name;
      let name: string;
      try {
        name = decodeURIComponent(raw ?? '');
      } catch {
        name = raw ?? '';
      }
      const r = lookupTerm(engine.db, name, { full: true });
      if (!r.found) throw new sdk.McpError(-32002, `resource not found: ${uri.href}: ${r.text}`);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: r.markdown }] };
    },
  );

  const transport = new sdk.StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
    process.stdin.once('close', () => resolve());
  });
  await server.connect(transport);
  opts.stderr(`imid-lens ${opts.version}: MCP server on stdio (tools: ${MCP_TOOLS.map((t) => t.name).join(', ')}; resources: ${TERM_SCHEME}://<term>)\n`);
  await closed;
  await server.close();
  return 0;
}
