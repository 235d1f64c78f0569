// Word documents (.docx) in the CLI: read with mammoth (src/cli/docx.ts), linted with the same engine
// as Markdown, reported by paragraph. The documents are written here with the `docx` package; one
// fixture (test/fixtures/docx) was written by LibreOffice.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  Document,
  DeletedTextRun,
  EndnoteReferenceRun,
  FootnoteReferenceRun,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { zipSync } from 'fflate';
import { DOCX_MAX_BYTES, readDocx } from '../../src/cli/docx';
import { cli, CLI, tempFolders } from './helpers';

const tmpdir = tempFolders('imid-docx-');

const FIXTURES = path.join(process.cwd(), 'test/fixtures/docx');

interface Row {
  file: string;
  ruleId: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  docx?: { part: string; paragraph: number; snippet: string; note?: number; table?: { index: number; row: number; cell: number } };
}

const stamp = { author: 'Reviewer', date: '2024-05-01T10:00:00Z' };

/** A manuscript with a heading and a subject-less fragment, body claims, a table, notes and tracked changes. */
async function manuscript(): Promise<Buffer> {
  const doc = new Document({
    footnotes: { 1: { children: [new Paragraph('Celgene markets Revlimid.')] } },
    endnotes: { 1: { children: [new Paragraph('Apremilast is a third-generation IMiD.')] } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Lenalidomide')] }),
          new Paragraph('Drug class: Biologic response modifier'),
          new Paragraph({ children: [new TextRun('It was developed as CC-5013.'), new FootnoteReferenceRun(1), new TextRun(' Bristol Myers Squibb markets Revlimid.'), new EndnoteReferenceRun(1)] }),
          new Paragraph({
            children: [
              new TextRun('The dose of '),
              new InsertedTextRun({ text: 'lenolidomide', id: 1, ...stamp }),
              new DeletedTextRun({ text: 'pomalidamide', id: 2, ...stamp }),
              new TextRun(' was reduced.'),
            ],
          }),
          new Paragraph({ children: [new DeletedTextRun({ text: 'Thalidomid is an IMiD.', id: 3, ...stamp }), new TextRun('Thalidomide is an IMiD.')] }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph('Name')] }), new TableCell({ children: [new Paragraph('Note')] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('Thalomid')] }), new TableCell({ children: [new Paragraph('Apremilast is an IMiD.')] })] }),
            ],
          }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Pomalidomide')] }),
          new Paragraph('Pomalidomide is a second-generation IMiD.'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The same text as a Markdown writer would lay it out (notes at the end under their own headings). */
const MANUSCRIPT_MD = `# Lenalidomide

Drug class: Biologic response modifier

It was developed as CC-5013. Bristol Myers Squibb markets Revlimid.

The dose of lenolidomide was reduced.

Thalidomide is an IMiD.

| Name | Note |
|---|---|
| Thalomid | Apremilast is an IMiD. |

## Pomalidomide

Pomalidomide is a second-generation IMiD.

# Footnotes

Celgene markets Revlimid.

# Endnotes

Apremilast is a third-generation IMiD.
`;

/** Lints a .docx and its Markdown twin; checks they agree finding by finding, and that each docx finding points at the same words. */
async function sameAsMarkdown(dir: string, docxName: string, mdName: string): Promise<Row[]> {
  const d = await cli(['lint', '--format', 'json', '--no-config', docxName], dir);
  const m = await cli(['lint', '--format', 'json', '--no-config', mdName], dir);
  assert.equal(d.err, '');
  assert.equal(d.code, m.code);
  const dRows: Row[] = JSON.parse(d.out);
  const mRows: Row[] = JSON.parse(m.out);
  assert.deepEqual(
    dRows.map((r) => [r.ruleId, r.message]),
    mRows.map((r) => [r.ruleId, r.message]),
  );
  // the words each finding flags: in the Markdown, and in the sentence of the paragraph it names
  const mdLines = fs.readFileSync(path.join(dir, mdName), 'utf8').split('\n');
  const sarif = JSON.parse((await cli(['lint', '--format', 'sarif', '--no-config', docxName], dir)).out);
  const paragraphs = (await readDocx(path.join(dir, docxName))).paragraphs;
  dRows.forEach((r, i) => {
    const mr = mRows[i].range;
    const mdWords = mdLines[mr.start.line].slice(mr.start.character, mr.end.line === mr.start.line ? mr.end.character : undefined);
    assert.ok(r.docx, 'a docx location');
    assert.equal(r.range.start.line, r.docx.paragraph - 1);
    const res = sarif.runs[0].results[i];
    assert.equal(res.ruleId, r.ruleId);
    assert.equal(res.locations[0].physicalLocation.region.startLine, r.docx.paragraph);
    assert.equal(res.locations[0].physicalLocation.region.snippet.text, r.docx.snippet);
    assert.ok(r.docx.snippet.includes(mdWords), `${r.ruleId}: "${mdWords}" in "${r.docx.snippet}"`);
    // exact: the range's characters in the paragraph are the words the Markdown finding flags
    assert.equal(r.range.end.line, r.range.start.line);
    assert.equal(paragraphs[r.range.start.line].text.slice(r.range.start.character, r.range.end.character), mdWords);
  });
  return dRows;
}

describe('imid-lens lint on Word documents (.docx)', () => {
  test('body, table, footnote, endnote, heading topic and tracked changes: the same findings as the Markdown text', async () => {
    const dir = tmpdir({ 'manuscript.docx': await manuscript(), 'manuscript.md': MANUSCRIPT_MD });
    const rows = await sameAsMarkdown(dir, 'manuscript.docx', 'manuscript.md');
    const where = rows.map((r) => [r.ruleId, r.docx!.part, r.docx!.paragraph, r.docx!.note ?? null]);
    assert.deepEqual(where, [
      // the subject-less fragment under "Lenalidomide" (the heading is its topic)
      ['fact-class', 'body', 2, null],
      ['lenalidomide-research-code', 'body', 3, null],
      // the tracked insertion is read; the deletions ("pomalidamide", "Thalidomid") are not
      ['misspelled-name', 'body', 4, null],
      ['apremilast-not-imid', 'table', 9, null],
      ['celgene-current-maker', 'footnote', 12, 1],
      ['apremilast-not-imid', 'endnote', 13, 1],
    ]);
    const table = rows.find((r) => r.docx!.part === 'table')!;
    assert.deepEqual(table.docx!.table, { index: 1, row: 2, cell: 2 });
    const code = rows.find((r) => r.ruleId === 'lenalidomide-research-code')!;
    assert.equal(code.docx!.snippet, 'It was developed as CC-5013.');
    assert.deepEqual(code.range, { start: { line: 2, character: 20 }, end: { line: 2, character: 27 } });
  });

  test('stylish: paragraph or note labels and the sentence quoted, with a caret under the flagged words; no --fix count', async () => {
    const dir = tmpdir({ 'manuscript.docx': await manuscript() });
    const r = await cli(['lint', '--no-config', 'manuscript.docx'], dir);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n');
    const at = lines.findIndex((l) => l.includes('lenalidomide-research-code'));
    assert.match(lines[at], /^ {2}¶3 +warning {2}CC-5013 is the research code/);
    assert.equal(lines[at + 1], '    | "It was developed as CC-5013."');
    assert.equal(lines[at + 2], '    |                      ^^^^^^^');
    assert.match(r.out, /\n {2}¶9 table 1 +warning {2}Apremilast is a phosphodiesterase-4/);
    assert.match(r.out, /\n {2}footnote 1 +warning {2}Celgene is no longer/);
    assert.match(r.out, /\n {2}endnote 1 +warning/);
    assert.doesNotMatch(r.out, /fixable with --fix/);
  });

  test('a document by another writer (LibreOffice): the same findings as its Markdown version', async () => {
    const dir = tmpdir({
      'outdated-claims.docx': fs.readFileSync(path.join(FIXTURES, 'outdated-claims.docx')),
      'outdated-claims.md': fs.readFileSync(path.join(FIXTURES, 'outdated-claims.md')),
    });
    const rows = await sameAsMarkdown(dir, 'outdated-claims.docx', 'outdated-claims.md');
    assert.deepEqual(
      rows.map((r) => r.ruleId),
      ['celgene-current-maker', 'fact-class', 'apremilast-not-imid', 'lenalidomide-research-code', 'pomalidomide-former-name', 'lenalidomide-research-code'],
    );
    // the correct look-alikes are not flagged
    assert.ok(!rows.some((r) => /Bristol Myers Squibb markets|phosphodiesterase-4 inhibitor, not|second-generation/.test(r.docx!.snippet)));
    assert.equal(rows.at(-1)!.docx!.part, 'footnote');
  });

  test('offsets stay exact in headings (after the "#" the engine sees), after line breaks and tabs, and in fix edits', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('Early CC-5013 data')] }),
            new Paragraph({ children: [new TextRun('First line'), new TextRun({ text: 'Second\tline with lenolidomide.', break: 1 })] }),
          ],
        },
      ],
    });
    const dir = tmpdir({ 'h.docx': await Packer.toBuffer(doc) });
    const info = await readDocx(path.join(dir, 'h.docx'));
    assert.deepEqual(info.paragraphs.map((p) => [p.paragraph, p.part, p.heading ?? null, p.text]), [
      [1, 'body', 3, 'Early CC-5013 data'],
      [2, 'body', null, 'First line\nSecond\tline with lenolidomide.'],
    ]);
    const rows = JSON.parse((await cli(['lint', '--format', 'json', '--no-config', 'h.docx'], dir)).out) as Array<Row & { fixes: Array<{ edits: Array<{ range: Row['range']; newText: string }> }> }>;
    assert.deepEqual(rows.map((r) => [r.ruleId, r.range.start.line, r.range.start.character, r.range.end.character, r.docx!.snippet]), [
      ['lenalidomide-research-code', 0, 6, 13, 'Early CC-5013 data'],
      ['misspelled-name', 1, 28, 40, 'First line Second line with lenolidomide.'],
    ]);
    assert.deepEqual(rows[1].fixes[0].edits[0], { range: { start: { line: 1, character: 28 }, end: { line: 1, character: 40 } }, newText: 'lenalidomide' });
  });

  test('notes are numbered in the order of their first reference, as Word numbers them, and a note with two paragraphs keeps both', async () => {
    const doc = new Document({
      footnotes: { 1: { children: [new Paragraph('Referred to second.')] }, 2: { children: [new Paragraph('Referred to first.'), new Paragraph('Its lenolidomide paragraph.')] } },
      sections: [{ children: [new Paragraph({ children: [new TextRun('One.'), new FootnoteReferenceRun(2), new TextRun(' Two.'), new FootnoteReferenceRun(1), new TextRun(' Again.'), new FootnoteReferenceRun(2)] })] }],
    });
    const dir = tmpdir({ 'n.docx': await Packer.toBuffer(doc) });
    const info = await readDocx(path.join(dir, 'n.docx'));
    assert.deepEqual(info.paragraphs.map((p) => [p.paragraph, p.part, p.note ?? null, p.text]), [
      [1, 'body', null, 'One. Two. Again.'],
      [2, 'footnote', 1, 'Referred to first.'],
      [3, 'footnote', 1, 'Its lenolidomide paragraph.'],
      [4, 'footnote', 2, 'Referred to second.'],
    ]);
    const r = await cli(['lint', '--no-config', 'n.docx'], dir);
    assert.match(r.out, /\n {2}footnote 1 ¶2 +warning {2}"lenolidomide" looks like a misspelling/);
  });

  test('a paragraph that is a disable comment silences the next paragraph, as a line does in a text file', async () => {
    const doc = new Document({
      sections: [{ children: [new Paragraph('imid-lens-disable-next-line misspelled-name -- quoted from an old label'), new Paragraph('The label said lenolidomide.'), new Paragraph('Here lenolidomide is a typo.')] }],
    });
    const dir = tmpdir({ 'd.docx': await Packer.toBuffer(doc) });
    const rows = JSON.parse((await cli(['lint', '--format', 'json', '--no-config', '--include-suppressed', 'd.docx'], dir)).out) as Array<Row & { suppressed?: { reason?: string } }>;
    assert.deepEqual(rows.map((r) => [r.ruleId, r.docx!.paragraph, r.suppressed?.reason ?? null]), [
      ['misspelled-name', 2, 'quoted from an old label'],
      ['misspelled-name', 3, null],
    ]);
  });

  test('--fix does not write into a .docx: it says so, lists the findings and fixes the Markdown beside it', async () => {
    const bytes = await manuscript();
    const dir = tmpdir({ 'manuscript.docx': bytes, 'notes.md': 'lenolidomide\n' });
    const r = await cli(['lint', '--fix', '--no-config', 'manuscript.docx', 'notes.md'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /manuscript\.docx: --fix does not write into Word documents/);
    assert.ok(fs.readFileSync(path.join(dir, 'manuscript.docx')).equals(bytes), 'the .docx is unchanged');
    assert.equal(fs.readFileSync(path.join(dir, 'notes.md'), 'utf8'), 'lenalidomide\n');
    assert.match(r.out, /¶4 +warning {2}"lenolidomide" looks like a misspelling/);
  });

  test('a folder or a glob: its .docx files are linted, Word lock files (~$name.docx) are not', async () => {
    const dir = tmpdir({ 'paper.docx': await manuscript(), '~$paper.docx': Buffer.from('lock file of Word, not a zip') });
    for (const target of ['.', '*.docx']) {
      const r = await cli(['lint', '--format', 'json', '--no-config', target], dir);
      assert.equal(r.code, 0, r.err);
      assert.deepEqual([...new Set((JSON.parse(r.out) as Row[]).map((x) => x.file))], ['paper.docx']);
    }
  });

  describe('bad input: exit 2 and a message naming the file; the other files are still linted', () => {
    const cases: Array<[string, () => Buffer | Uint8Array | undefined, RegExp]> = [
      ['not-a-zip.docx', () => Buffer.from('Lenalidomide is given orally.\n'), /not-a-zip\.docx: not a Word document \(\.docx\): not a ZIP package/],
      ['empty.docx', () => Buffer.alloc(0), /empty\.docx: empty file, not a Word document/],
      // an encrypted .docx is an OLE compound file holding an EncryptedPackage stream
      ['locked.docx', () => ole('EncryptedPackage'), /locked\.docx: password-protected \(encrypted\) Word document/],
      ['old.doc', () => ole('WordDocument'), /old\.doc: a Word 97-2003 document \(\.doc, binary\), not a \.docx/],
      ['renamed.docx', () => ole('WordDocument'), /renamed\.docx: a Word 97-2003 document/],
      ['truncated.docx', () => undefined, /truncated\.docx: corrupt Word document: the ZIP package cannot be read/],
      ['other.docx', () => zipSync({ 'mimetype': new TextEncoder().encode('application/zip'), 'content.xml': new TextEncoder().encode('<x/>') }), /other\.docx: not a Word document: the ZIP package has no word\/document\.xml/],
      ['broken-xml.docx', () => zipSync({ '[Content_Types].xml': new TextEncoder().encode(CONTENT_TYPES), 'word/document.xml': new TextEncoder().encode('<w:document><w:body><w:p>') }), /broken-xml\.docx: corrupt Word document: an XML part is not well-formed \(/],
    ];
    for (const [name, make, message] of cases) {
      test(name, async () => {
        const bytes = make() ?? (await manuscript()).subarray(0, 2000);
        const dir = tmpdir({ [name]: bytes, 'ok.md': 'lenolidomide\n' });
        const r = await cli(['lint', '--format', 'json', '--no-config', name, 'ok.md'], dir);
        assert.equal(r.code, 2, r.err);
        assert.match(r.err, message);
        assert.equal(r.err.split('\n').filter(Boolean).length, 1, r.err);
        assert.deepEqual((JSON.parse(r.out) as Row[]).map((x) => x.file), ['ok.md']);
      });
    }

    test('a 100 MB file is refused before it is read (a sparse file)', async () => {
      const dir = tmpdir({ 'ok.md': 'text\n' });
      const big = path.join(dir, 'huge.docx');
      fs.writeFileSync(big, Buffer.from('PK\u0003\u0004'));
      fs.truncateSync(big, 100 * 1024 * 1024);
      assert.ok(100 * 1024 * 1024 > DOCX_MAX_BYTES);
      const r = await cli(['lint', '--no-config', 'huge.docx', 'ok.md'], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /huge\.docx: too large to read as a Word document \(100 MB; the limit is 64 MB\); not read/);
    });

    test('a package whose XML unpacks to more than the limit is refused before it is unpacked', async () => {
      // 65 MB of one repeated byte deflates to a few tens of kilobytes
      const huge = new Uint8Array(65 * 1024 * 1024).fill(0x20);
      const dir = tmpdir({ 'bomb.docx': zipSync({ 'word/document.xml': huge }, { level: 9 }) });
      const r = await cli(['lint', '--no-config', 'bomb.docx'], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /bomb\.docx: too large to read: its XML unpacks to 65 MB \(the limit is 64 MB\); not read/);
    });
  });

  test('the real bundle: dist/cli.js loads dist/docx.js for a .docx and reports by paragraph', async () => {
    const dir = tmpdir({ 'manuscript.docx': await manuscript() });
    const r = spawnSync(process.execPath, [CLI, 'lint', '--no-config', '--format', 'json', 'manuscript.docx'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Row[];
    assert.equal(rows.length, 6);
    assert.deepEqual(rows[1].docx, { part: 'body', paragraph: 3, snippet: 'It was developed as CC-5013.' });
    const bad = spawnSync(process.execPath, [CLI, 'lint', '--no-config', 'x.doc'], { cwd: tmpdir({ 'x.doc': ole('WordDocument') }), encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^imid-lens: x\.doc: a Word 97-2003 document/);
  });

  test('the real bundle loads the Word reader (dist/docx.js) only for a .docx', async () => {
    const dir = tmpdir({ 'a.docx': await manuscript(), 'b.md': 'Lenalidomide is given orally.\n', 'trace.cjs': "const M = require('node:module'); const load = M._load; M._load = function (req, parent, ...rest) { if (/docx/.test(req)) process.stderr.write('load ' + M._resolveFilename(req, parent) + '\\n'); return load.call(this, req, parent, ...rest); };\n" });
    const loads = (file: string) => spawnSync(process.execPath, ['--require', path.join(dir, 'trace.cjs'), CLI, 'lint', '--no-config', file], { cwd: dir, encoding: 'utf8' });
    const md = loads('b.md');
    assert.equal(md.status, 0, md.stderr);
    assert.doesNotMatch(md.stderr, /dist\/docx\.js/);
    const word = loads('a.docx');
    assert.equal(word.status, 0, word.stderr);
    assert.match(word.stderr, /dist\/docx\.js/);
  });
});

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** An OLE compound file (CFB) header and a directory entry with the given stream name: enough for the signature checks. */
function ole(stream: string): Buffer {
  const buf = Buffer.alloc(1536);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf, 0);
  buf.writeUInt16LE(0x3e, 24); // minor version
  buf.writeUInt16LE(3, 26); // major version 3: 512-byte sectors
  buf.writeUInt16LE(0xfffe, 28); // little-endian
  buf.writeUInt16LE(9, 30); // sector shift
  // directory sector 0 (file offset 512): Root Entry, then the stream
  const entry = (at: number, name: string, type: number) => {
    Buffer.from(`${name}\u0000`, 'utf16le').copy(buf, at);
    buf.writeUInt16LE((name.length + 1) * 2, at + 64);
    buf[at + 66] = type;
  };
  entry(512, 'Root Entry', 5);
  entry(640, stream, 2);
  return buf;
}
