/**
 * SARIF 2.1.0 for code-scanning dashboards. Columns are UTF-16 code units
 * (declared through run.columnKind); lines and columns are 1-based as SARIF wants.
 */
import type { Engine, Finding } from '../../core/index';
import { docxLocation } from './docx';
import type { FileResult } from './types';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function formatSarif(results: readonly FileResult[], engine: Engine, version: string, includeSuppressed = false): string {
  return [...formatSarifPieces(results, engine, version, includeSuppressed)].join('');
}

/** Results stringified at a time. */
const BATCH = 256;

/**
 * The same text in pieces, exactly `JSON.stringify(log, null, 2)`: the results array is written
 * batch by batch (a claim-dense file has hundreds of thousands), never as one string.
 */
export function* formatSarifPieces(results: readonly FileResult[], engine: Engine, version: string, includeSuppressed = false): Generator<string, void, void> {
  const ruleIds = new Set<string>();
  for (const r of results) {
    for (const f of r.findings) ruleIds.add(f.ruleId);
    if (includeSuppressed) for (const s of r.suppressed) ruleIds.add(s.finding.ruleId);
  }
  let sarifResults: unknown[] = [];
  const region = (f: Finding) => ({
    startLine: f.range.start.line + 1,
    startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
  });
  // a Word document: lines are paragraphs (numbered through the body, tables, footnotes and
  // endnotes), columns count UTF-16 code units in the paragraph; the snippet is the sentence
  const location = (r: FileResult, f: Finding) => {
    const docx = r.docx && docxLocation(r.docx, f);
    const physicalLocation = { artifactLocation: { uri: encodeURI(r.file) }, region: { ...region(f), ...(docx ? { snippet: { text: docx.snippet } } : {}) } };
    if (!docx) return { physicalLocation };
    const where = docx.part === 'footnote' || docx.part === 'endnote' ? `${docx.part} ${docx.note}` : docx.part === 'table' ? `table ${docx.table?.index}` : 'body';
    return { physicalLocation, logicalLocations: [{ name: `paragraph ${docx.paragraph}`, fullyQualifiedName: `${where}/paragraph ${docx.paragraph}`, kind: 'element' }], properties: { docx } };
  };
  const push = (r: FileResult, f: Finding, suppression?: { reason?: string }) => {
    sarifResults.push({
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [location(r, f)],
      // fixes are not offered for Word documents: nothing writes into a .docx
      ...(f.fixes.length && !r.docx
        ? {
            fixes: f.fixes.filter((x) => x.edits.length).map((x) => ({
              description: { text: x.title },
              artifactChanges: [{
                artifactLocation: { uri: encodeURI(r.file) },
                replacements: x.edits.map((e) => ({
                  deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 },
                  insertedContent: { text: e.newText },
                })),
              }],
            })),
          }
        : {}),
      ...(f.evidence ? { properties: { evidence: f.evidence } } : {}),
      ...(suppression ? { suppressions: [{ kind: 'inSource', ...(suppression.reason ? { justification: suppression.reason } : {}) }] } : {}),
    });
  };
  const rules = [...ruleIds].sort().map((id) => {
    const info = engine.ruleInfo(id);
    return {
      id,
      shortDescription: { text: info?.message ?? id },
      ...(info?.explanation ? { fullDescription: { text: info.explanation } } : {}),
      defaultConfiguration: { level: LEVEL[info?.severity ?? 'warning'] },
      properties: { family: info?.family ?? 'builtin', ...(info?.evidence?.length ? { evidence: info.evidence } : {}) },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'imid-lens', version, rules } },
      columnKind: 'utf16CodeUnits',
      results: MARK as unknown,
    }],
  };
  const text = JSON.stringify(log, null, 2);
  const at = text.indexOf(JSON.stringify(MARK));
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = ' '.repeat(text.slice(lineStart).search(/\S/) + 2);
  let count = 0;
  const flush = () => {
    // a batch stringified as an array: its elements 2 deep, moved to the results' depth
    const s = JSON.stringify(sarifResults, null, 2).slice(2, -2).replace(/\n/g, `\n${indent.slice(2)}`);
    const piece = `${count ? ',\n' : '[\n'}${indent.slice(2)}${s}`;
    count += sarifResults.length;
    sarifResults = [];
    return piece;
  };
  yield text.slice(0, at);
  for (const r of results) {
    for (const f of r.findings) {
      push(r, f);
      if (sarifResults.length >= BATCH) yield flush();
    }
    if (includeSuppressed) {
      for (const s of r.suppressed) {
        push(r, s.finding, { ...(s.directive.reason ? { reason: s.directive.reason } : {}) });
        if (sarifResults.length >= BATCH) yield flush();
      }
    }
  }
  if (sarifResults.length) yield flush();
  yield `${count ? `\n${indent.slice(0, -2)}]` : '[]'}${text.slice(at + JSON.stringify(MARK).length)}`;
}

/** Stands for the results array while the rest of the log is stringified. */
const MARK = '\u0000imid-lens results\u0000';
