/** One JSON array of findings, sorted by file then position (LSP-style 0-based ranges). */
import { docxLocation } from './docx';
import type { FileResult } from './types';

export function formatJson(results: readonly FileResult[], includeSuppressed = false): string {
  const out: unknown[] = [];
  for (const r of results) {
    const rows = [...r.findings.map((f) => ({ f, suppressed: undefined as undefined | { rules: readonly string[]; reason?: string } }))];
    if (includeSuppressed) for (const s of r.suppressed) rows.push({ f: s.finding, suppressed: { rules: s.directive.rules, ...(s.directive.reason ? { reason: s.directive.reason } : {}) } });
    rows.sort((a, b) => a.f.start - b.f.start || a.f.end - b.f.end || (a.f.ruleId < b.f.ruleId ? -1 : 1));
    for (const { f, suppressed } of rows) {
      // a Word document: range.start.line is the paragraph number - 1; docx says where that is
      const docx = r.docx && docxLocation(r.docx, f);
      out.push({
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
    }
  }
  return JSON.stringify(out, null, 2);
}
