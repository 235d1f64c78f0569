/** One JSON array of findings, sorted by file then position (LSP-style 0-based ranges). */
import { docxLocation } from './docx';
import type { FileResult } from './types';

/** Rows stringified at a time (one write each). */
const BATCH = 256;

/**
 * The JSON text in pieces, exactly `JSON.stringify(rows, null, 2)`: a claim-dense 5 MB file has
 * hundreds of thousands of findings, and one string of all of them would cost hundreds of MB
 * (or exceed V8's longest string); batch by batch, the output costs what one batch costs.
 */
export function* formatJsonPieces(results: readonly FileResult[], includeSuppressed = false): Generator<string, void, void> {
  let batch: unknown[] = [];
  let first = true;
  // a batch stringified as an array has its elements at the indentation of the whole array's: drop its "[\n" and "\n]"
  const flush = () => {
    const s = JSON.stringify(batch, null, 2);
    const piece = `${first ? '[\n' : ',\n'}${s.slice(2, -2)}`;
    first = false;
    batch = [];
    return piece;
  };
  for (const r of results) {
    const rows = [...r.findings.map((f) => ({ f, suppressed: undefined as undefined | { rules: readonly string[]; reason?: string } }))];
    if (includeSuppressed) for (const s of r.suppressed) rows.push({ f: s.finding, suppressed: { rules: s.directive.rules, ...(s.directive.reason ? { reason: s.directive.reason } : {}) } });
    rows.sort((a, b) => a.f.start - b.f.start || a.f.end - b.f.end || (a.f.ruleId < b.f.ruleId ? -1 : 1));
    for (const { f, suppressed } of rows) {
      // a Word document: range.start.line is the paragraph number - 1; docx says where that is
      const docx = r.docx && docxLocation(r.docx, f);
      batch.push({
        file: r.file,
        range: f.range,
        ...(docx ? { docx } : {}),
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        fixes: f.fixes.map((x) => ({ title: x.title, kind: x.kind, edits: x.edits, ...(x.target ? { target: x.target, appendText: x.appendText } : {}) })),
        ...(f.explanation ? { explanation: f.explanation } : {}),
        ...(f.evidence ? { evidence: f.evidence } : {}),
        ...(suppressed ? { suppressed } : {}),
      });
      if (batch.length >= BATCH) yield flush();
    }
  }
  if (batch.length) yield flush();
  yield first ? '[]' : '\n]';
}

export function formatJson(results: readonly FileResult[], includeSuppressed = false): string {
  return [...formatJsonPieces(results, includeSuppressed)].join('');
}
