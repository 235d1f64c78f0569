/** Command-line parsing for `imid-lens`; usage errors throw UsageError (exit 2). */

export class UsageError extends Error {}

export type Format = 'stylish' | 'json' | 'sarif' | 'markdown';

export interface LintArgs {
  command: 'lint';
  files: string[];
  format: Format;
  fix: boolean;
  config?: string;
  noConfig: boolean;
  bib: string[];
  maxWarnings?: number;
  quiet: boolean;
  includeSuppressed: boolean;
  language?: string;
}

export interface ExplainArgs {
  command: 'explain';
  name: string;
  format: 'markdown' | 'json';
}

export interface RulesArgs {
  command: 'rules';
  format: 'markdown' | 'json';
}

export type Args = LintArgs | ExplainArgs | RulesArgs | { command: 'help' } | { command: 'version' };

export const USAGE = `Usage:
  imid-lens lint [options] <files or globs...>   check documents (.md .qmd .rmd .tex .txt)
  imid-lens explain <name> [--format markdown|json]   the card of a drug, brand, code or protein
  imid-lens rules [--format markdown|json]       list every rule
  imid-lens --help | --version

lint options:
  --format stylish|json|sarif   output format (default stylish)
  --fix                          apply lexical fixes (misspellings, outdated names) in place
  --config <file>                use this .imid-lens.json (default: nearest one upwards)
  --no-config                    ignore .imid-lens.json files
  --bib <file>                   an extra bibliography (.bib, .json, .yaml); repeatable
  --language markdown|latex|plaintext   override the language of every file
  --max-warnings <n>             exit 1 when there are more warnings than n
  --quiet                        report errors only
  --include-suppressed           also report findings silenced by disable comments (json, sarif)

Exit codes: 0 no finding at error severity, 1 findings at error severity (or too many
warnings), 2 usage or runtime error (the message names the file and line).`;

function value(argv: string[], i: number, flag: string): string {
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return v;
}

export function parseArgs(argv: readonly string[]): Args {
  const a = [...argv];
  if (a.length === 0 || a[0] === '--help' || a[0] === '-h' || a[0] === 'help') return { command: 'help' };
  if (a[0] === '--version' || a[0] === '-v') return { command: 'version' };
  const cmd = a.shift()!;
  if (cmd === 'explain') {
    let format: ExplainArgs['format'] = 'markdown';
    const words: string[] = [];
    for (let i = 0; i < a.length; i++) {
      if (a[i] === '--format') {
        const f = value(a, i++, '--format');
        if (f !== 'markdown' && f !== 'json') throw new UsageError(`unknown format "${f}" for explain (markdown, json)`);
        format = f;
      } else if (a[i].startsWith('--format=')) {
        const f = a[i].slice(9);
        if (f !== 'markdown' && f !== 'json') throw new UsageError(`unknown format "${f}" for explain (markdown, json)`);
        format = f;
      } else if (a[i].startsWith('--')) throw new UsageError(`unknown option ${a[i]} for explain`);
      else words.push(a[i]);
    }
    if (!words.length) throw new UsageError('explain needs a name, e.g. imid-lens explain CC-5013');
    return { command: 'explain', name: words.join(' '), format };
  }
  if (cmd === 'rules') {
    const i = a.indexOf('--format');
    const f = i >= 0 ? value(a, i, '--format') : 'markdown';
    if (f !== 'markdown' && f !== 'json') throw new UsageError(`unknown format "${f}" for rules (markdown, json)`);
    return { command: 'rules', format: f };
  }
  if (cmd !== 'lint') throw new UsageError(`unknown command "${cmd}"`);
  const out: LintArgs = { command: 'lint', files: [], format: 'stylish', fix: false, noConfig: false, bib: [], quiet: false, includeSuppressed: false };
  for (let i = 0; i < a.length; i++) {
    let arg = a[i];
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = () => inline ?? value(a, i++, arg);
    switch (arg) {
      case '--format': {
        const f = take();
        if (f !== 'stylish' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format "${f}" (stylish, json, sarif)`);
        out.format = f;
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
        if (!['markdown', 'latex', 'plaintext', 'quarto', 'rmd'].includes(l)) throw new UsageError(`unknown language "${l}" (markdown, latex, plaintext)`);
        out.language = l;
        break;
      }
      case '--max-warnings': {
        const n = Number(take());
        if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-warnings needs a whole number >= 0');
        out.maxWarnings = n;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        out.files.push(a[i]);
    }
  }
  if (!out.files.length) throw new UsageError('lint needs at least one file or glob');
  return out;
}
