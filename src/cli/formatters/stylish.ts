/** Human-readable output in the style of ESLint's "stylish": 1-based line:column. */
import type { FileResult } from './types';

export function formatStylish(results: readonly FileResult[], color: boolean): string {
  const c = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const r of results) {
    if (r.skipped) {
      lines.push(`${c('4', r.file)}`, `  ${c('33', 'skipped')}  ${r.skipped}`, '');
      continue;
    }
    if (!r.findings.length) continue;
    lines.push(c('4', r.file));
    for (const f of r.findings) {
      const pos = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const sev = f.severity === 'error' ? c('31', 'error') : f.severity === 'warning' ? c('33', 'warning') : c('36', f.severity === 'information' ? 'info' : 'hint');
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      if (f.fixes.some((x) => x.kind === 'lexical')) fixable++;
      lines.push(`  ${pos.padEnd(8)} ${sev.padEnd(color ? 16 : 7)}  ${f.message}  ${c('2', f.ruleId)}`);
    }
    lines.push('');
  }
  const total = errors + warnings + infos;
  if (total) {
    lines.push(c(errors ? '31' : '33', `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info)`));
    if (fixable) lines.push(`  ${fixable} fixable with --fix (misspellings and outdated names)`);
  }
  return lines.join('\n');
}
