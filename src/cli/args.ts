/** Command-line parsing for `imid-lens`; usage errors throw UsageError (exit 2). */

export type Command = 'lint' | 'explain' | 'rules' | 'mcp';

export class UsageError extends Error {
  /** The command whose usage the message is about (its help is shown with the error). */
  constructor(message: string, readonly topic?: Command) {
    super(message);
  }
}

export type Format = 'stylish' | 'json' | 'sarif' | 'html';

export interface LintArgs {
  command: 'lint';
  files: string[];
  format: Format;
  /** -o/--output FILE: write the output there instead of stdout ("-": stdout). */
  output?: string;
  fix: boolean;
  config?: string;
  noConfig: boolean;
  bib: string[];
  maxWarnings?: number;
  /** Per file: stop checking a document after this many findings (lint()'s maxFindings). */
  maxProblems?: number;
  /** --as-of YYYY-MM-DD: check every file against the facts valid at that date (ms, UTC). */
  asOf?: number;
  quiet: boolean;
  includeSuppressed: boolean;
  language?: string;
}

/** text: rendered for a terminal; markdown: the card as the editor shows it; json: structured. */
export type CardFormat = 'text' | 'markdown' | 'json';

export interface ExplainArgs {
  command: 'explain';
  name: string;
  format: CardFormat;
}

export interface RulesArgs {
  command: 'rules';
  format: CardFormat;
}

/** `imid-lens mcp`: the MCP server over stdio (src/cli/mcp.ts). */
export interface McpArgs {
  command: 'mcp';
  config?: string;
  noConfig: boolean;
}

export type Args = LintArgs | ExplainArgs | RulesArgs | McpArgs | { command: 'help'; topic?: Command } | { command: 'version' };

export const USAGE = `Usage: imid-lens <command> [options]

Commands:
  lint <files, folders or globs...>   check documents (.md .markdown .qmd .rmd .tex .txt .docx)
  explain <name>                      the card of a drug, brand, code, protein or programme
  rules                               every rule: id, severity, family and message
  mcp                                 serve the checks to AI assistants (Model Context Protocol, stdio)

  imid-lens <command> --help          the options of a command
  imid-lens --version                 the version

Examples:
  imid-lens lint manuscript.md
  imid-lens lint --fix "chapters/**/*.md"
  imid-lens lint --format html -o report.html manuscript.md
  imid-lens explain CC-5013

Exit codes: 0 no finding at error severity, 1 findings at error severity (or too many
warnings), 2 usage or runtime error (the message names the file and line).`;

export const HELP: Record<Command, string> = {
  lint: `Usage: imid-lens lint [options] <files, folders or globs...>

Checks Markdown, Quarto, R Markdown, LaTeX, plain-text and Word (.docx) documents (a folder:
its .md .markdown .qmd .rmd .Rmd .tex .txt .docx files) with the same rules and configuration as
the editor, and prints each finding with an excerpt of the flagged words (in a .docx: the
paragraph number and the sentence).

Options:
  --format <format>             stylish (default, for people), json or sarif (for tools), or
                                html (a report page to open in a browser)
  -o, --output <file>           write the output to this file instead of stdout
  --fix                         apply the lexical fixes (misspellings, outdated names) in place
                                and say what changed in each file (never in a .docx)
  --config <file>               use this .imid-lens.json (default: the nearest one upwards)
  --no-config                   ignore .imid-lens.json files
  --bib <file>                  an extra bibliography (.bib, .json, .yaml); repeatable
  --language markdown|latex|plaintext   read every file as this language
  --max-warnings <n>            exit 1 when there are more than n warnings in all
  --max-problems <n>            stop checking a file after n problems (default: no limit)
  --as-of <YYYY-MM-DD>          check against the facts valid at that date (default: the
                                document's own date from front matter or \date{}, else today)
  --quiet                       report errors only
  --include-suppressed          also report findings silenced by disable comments (json, sarif)
  -h, --help                    this help

Exit codes: 0 no finding at error severity, 1 findings at error severity (or more warnings than
--max-warnings), 2 usage or runtime error (the message names the file and line).

Examples:
  imid-lens lint manuscript.md
  imid-lens lint --max-warnings 0 --bib refs.bib chapters/
  imid-lens lint --format sarif paper.tex > imid.sarif
  imid-lens lint --format html -o report.html manuscript.md`,
  explain: `Usage: imid-lens explain <name> [--format text|markdown|json]

Prints the card of a name: a drug (INN, brand, research code, former name, misspelling), a
class, a protein, a risk programme or a company. Names are matched in any case, with or
without hyphens, spaces and ®/™.

Options:
  --format text       for a terminal (default)
  --format markdown   the card as Markdown (as the editor's hover shows it)
  --format json       the card's fields as JSON
  -h, --help          this help

Exit codes: 0 the name is known, 1 unknown name (with suggestions), 2 usage error.

Examples:
  imid-lens explain CC-5013
  imid-lens explain Revlimid --format markdown`,
  mcp: `Usage: imid-lens mcp [--config <file> | --no-config]

Runs a Model Context Protocol (MCP) server on stdin/stdout for AI assistants (VS Code, Claude
Desktop, Cursor and other MCP clients). The assistant starts it; it stops when its input closes.
Nothing leaves the machine: no model, no network. Logs go to stderr.

Tools:
  check_text    check a passage: outdated claims, names and citation keys, each with the fact,
                a suggested rewrite and references (DOI, PMID); arguments text, languageId
                (markdown, latex, plaintext, quarto, rmd) and asOf (YYYY-MM-DD)
  lookup_term   the card of a drug, brand, research code or protein; unknown names get
                suggestions; argument name
  list_rules    every rule: id, family, severity and description

Resources:
  imid-lens-term://<term>   the full term sheet (Markdown), e.g. imid-lens-term://lenalidomide;
                            resources/list lists every term

Options:
  --config <file>   use this .imid-lens.json (default: the nearest one upwards from the
                    folder the server starts in)
  --no-config       ignore .imid-lens.json files
  -h, --help        this help

Register it with an assistant (a generic MCP client configuration):
  { "mcpServers": { "imid-lens": { "command": "node", "args": ["/path/to/dist/cli.js", "mcp"] } } }

Exit codes: 0 the input closed, 2 usage error or a broken configuration (on stderr).`,
  rules: `Usage: imid-lens rules [--format text|markdown|json]

Lists every rule: its id (the name to use in .imid-lens.json and disable comments), default
severity, family and message.

Options:
  --format text       for a terminal, grouped by family (default)
  --format markdown   a Markdown table
  --format json       every rule with its explanation and evidence keys
  -h, --help          this help`,
};

const COMMANDS: readonly string[] = ['lint', 'explain', 'rules', 'mcp'];

function value(argv: string[], i: number, flag: string, topic: Command): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`, topic);
  return v;
}

function cardFormat(f: string, topic: Command): CardFormat {
  if (f !== 'text' && f !== 'markdown' && f !== 'json') throw new UsageError(`unknown format "${f}" for ${topic} (text, markdown, json)`, topic);
  return f;
}

const isHelp = (a: string) => a === '--help' || a === '-h';

export function parseArgs(argv: readonly string[]): Args {
  const a = [...argv];
  if (a.length === 0 || isHelp(a[0])) return { command: 'help' };
  if (a[0] === 'help') {
    const topic = a[1];
    if (topic === undefined) return { command: 'help' };
    if (!COMMANDS.includes(topic)) throw new UsageError(`no help for "${topic}": the commands are lint, explain, rules and mcp`);
    return { command: 'help', topic: topic as Command };
  }
  if (a[0] === '--version' || a[0] === '-v') return { command: 'version' };
  const cmd = a.shift()!;
  if (!COMMANDS.includes(cmd)) throw new UsageError(`unknown command "${cmd}"${cmd.startsWith('-') ? '' : ' (lint, explain, rules, mcp)'}`);
  // `imid-lens <command> --help` anywhere before a `--`
  const end = a.indexOf('--');
  if (a.slice(0, end < 0 ? a.length : end).some(isHelp)) return { command: 'help', topic: cmd as Command };
  if (cmd === 'explain') {
    let format: CardFormat = 'text';
    const words: string[] = [];
    for (let i = 0; i < a.length; i++) {
      if (a[i] === '--format') format = cardFormat(value(a, i++, '--format', 'explain'), 'explain');
      else if (a[i].startsWith('--format=')) format = cardFormat(a[i].slice(9), 'explain');
      else if (a[i] === '--') words.push(...a.splice(i + 1));
      else if (a[i].startsWith('--')) throw new UsageError(`unknown option ${a[i]} for explain`, 'explain');
      else words.push(a[i]);
    }
    if (!words.length) throw new UsageError('explain needs a name, e.g. imid-lens explain CC-5013', 'explain');
    return { command: 'explain', name: words.join(' '), format };
  }
  if (cmd === 'rules') {
    let format: CardFormat = 'text';
    for (let i = 0; i < a.length; i++) {
      if (a[i] === '--format') format = cardFormat(value(a, i++, '--format', 'rules'), 'rules');
      else if (a[i].startsWith('--format=')) format = cardFormat(a[i].slice(9), 'rules');
      else if (a[i].startsWith('-')) throw new UsageError(`unknown option ${a[i]} for rules`, 'rules');
      else throw new UsageError(`rules takes no arguments (got "${a[i]}")`, 'rules');
    }
    return { command: 'rules', format };
  }
  if (cmd === 'mcp') {
    const out: McpArgs = { command: 'mcp', noConfig: false };
    for (let i = 0; i < a.length; i++) {
      if (a[i] === '--config') out.config = value(a, i++, '--config', 'mcp');
      else if (a[i].startsWith('--config=')) out.config = a[i].slice(9);
      else if (a[i] === '--no-config') out.noConfig = true;
      else if (a[i].startsWith('-')) throw new UsageError(`unknown option ${a[i]} for mcp`, 'mcp');
      else throw new UsageError(`mcp takes no arguments (got "${a[i]}")`, 'mcp');
    }
    if (out.config !== undefined && out.noConfig) throw new UsageError('--config and --no-config exclude each other', 'mcp');
    return out;
  }
  const out: LintArgs = { command: 'lint', files: [], format: 'stylish', fix: false, noConfig: false, bib: [], quiet: false, includeSuppressed: false };
  const count = (flag: string, v: string, min: number): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs a whole number >= ${min}`, 'lint');
    return n;
  };
  let filesOnly = false;
  for (let i = 0; i < a.length; i++) {
    let arg = a[i];
    if (filesOnly) {
      out.files.push(arg);
      continue;
    }
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = () => inline ?? value(a, i++, arg, 'lint');
    switch (arg) {
      case '--': filesOnly = true; break;
      case '--format': {
        const f = take();
        if (f !== 'stylish' && f !== 'json' && f !== 'sarif' && f !== 'html') throw new UsageError(`unknown format "${f}" (stylish, json, sarif, html)`, 'lint');
        out.format = f;
        break;
      }
      case '-o':
      case '--output': {
        const o = inline ?? a[i + 1];
        if (inline === undefined) i++;
        if (o === undefined || o === '' || (o.startsWith('-') && o !== '-')) throw new UsageError(`${arg} needs a file name`, 'lint');
        out.output = o;
        break;
      }
      case '--fix': out.fix = true; break;
      case '--config': out.config = take(); break;
      case '--no-config': out.noConfig = true; break;
      case '--bib': out.bib.push(take()); break;
      case '--quiet': out.quiet = true; break;
      case '--include-suppressed': out.includeSuppressed = true; break;
      case '--language': {
        const l = take();
        if (!['markdown', 'latex', 'plaintext', 'quarto', 'rmd'].includes(l)) throw new UsageError(`unknown language "${l}" (markdown, latex, plaintext)`, 'lint');
        out.language = l;
        break;
      }
      case '--max-warnings': out.maxWarnings = count('--max-warnings', take(), 0); break;
      case '--max-problems': out.maxProblems = count('--max-problems', take(), 1); break;
      case '--as-of': {
        const v = take();
        const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
        const t = m ? Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1) : NaN;
        if (!m || Number.isNaN(t) || (m[2] && (Number(m[2]) < 1 || Number(m[2]) > 12)) || (m[3] && (Number(m[3]) < 1 || Number(m[3]) > 31))) throw new UsageError(`--as-of needs a date as YYYY-MM-DD, YYYY-MM or YYYY, not "${v}"`, 'lint');
        out.asOf = t;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`, 'lint');
        out.files.push(a[i]);
    }
  }
  if (!out.files.length) throw new UsageError('lint needs at least one file, folder or glob', 'lint');
  return out;
}
