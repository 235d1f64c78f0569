/** One JSON array of findings, sorted by file then position (LSP-style 0-based ranges). */
import type { FileResult } from './types';

/** Characters of output gathered before a piece is handed out (one write each). */
const PIECE = 64 * 1024;

/**
 * The JSON text in pieces, exactly `JSON.stringify(rows, null, 2)`: a claim-dense 5 MB file has
 * hundreds of thousands of findings, and one string of all of them would cost hundreds of MB
 * (or exceed V8's longest string); row by row, the output costs what one piece costs.
 */
export function* formatJsonPieces(results: readonly FileResult[], includeSuppressed = false): Generator<string, void, void> {
  let buf = '';
  let first = true;
  for (const r of results) {
    const rows = [...r.findings.map((f) => ({ f, suppressed: undefined as undefined | { rules: readonly string[]; reason?: string } }))];
    if (includeSuppressed) for (const s of r.suppressed) rows.push({ f: s.finding, suppressed: { rules: s.directive.rules, ...(s.directive.reason ? { reason: s.directive.reason } : {}) } });
    rows.sort((a, b) => a.f.start - b.f.start || a.f.end - b.f.end || (a.f.ruleId < b.f.ruleId ? -1 : 1));
    for (const { f, suppressed } of rows) {
      const row = {
        file: r.file,
        range: f.range,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        fixes: f.fixes.map((x) => ({ title: x.title, kind: x.kind, edits: x.edits, ...(x.target ? { target: x.target, appendText: x.appendText } : {}) })),
        ...(f.explanation ? { explanation: f.explanation } : {}),
        ...(f.evidence ? { evidence: f.evidence } : {}),
        ...(suppressed ? { suppressed } : {}),
      };
      // an element of a 2-space-indented array: its own lines indented once more (strings hold no raw newline)
      buf += `${first ? '[\n' : ',\n'}  ${JSON.stringify(row, null, 2).replace(/\n/g, '\n  ')}`;
      first = false;
      if (buf.length >= PIECE) {
        yield buf;
        buf = '';
      }
    }
  }
  yield first ? '[]' : `${buf}\n]`;
}

export function formatJson(results: readonly FileResult[], includeSuppressed = false): string {
  return [...formatJsonPieces(results, includeSuppressed)].join('');
}
