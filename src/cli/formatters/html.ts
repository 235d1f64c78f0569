/**
 * `--format html`: one self-contained, offline page for a writer to read (results in, string out).
 *
 * - A summary (findings per file, per family and severity), filters by severity and family, then
 *   each document's text with every finding highlighted in place: exact UTF-16 ranges from the
 *   engine, overlapping findings as nested <mark> elements (a finding that crosses another one's
 *   end, or a line end, continues in a second piece: only its first piece has the id).
 * - Under the line where a finding ends: its message, the suggested rewrite, and (behind a
 *   button) the fact with its references, linked to doi.org and PubMed. Links are only followed
 *   when clicked; the page loads nothing: inline CSS and script, allowed by hash in a strict
 *   Content-Security-Policy (default-src 'none'), no fonts, no images.
 * - Every piece of document text, message and file name is escaped; no style attributes, no
 *   inline event handlers.
 * - Without a text (a FileResult that carries none) the findings are listed with their positions.
 * - Keyboard: skip links, real checkboxes and buttons, a list of links per file to the highlights
 *   (focusable), Enter on a highlight goes to its note. Print: no filters, every note expanded.
 *   Dark mode through prefers-color-scheme.
 */
import { type CslItem, type Engine, type Finding, LineIndex, type Severity, authorsShort, yearOf } from '../../core/index';
import type { FileResult } from './types';

/** What the renderer looks up besides the results: a rule's family and fact, a reference by key. */
export interface HtmlContext {
  /** imid-lens's version, shown in the header. */
  readonly version: string;
  /** When the report was made (shown as given; omitted when undefined). */
  readonly generated?: string;
  readonly ruleInfo?: (id: string) => { readonly family: string; readonly explanation?: string; readonly evidence?: readonly string[] } | undefined;
  readonly reference?: (key: string) => CslItem | undefined;
}

const BIBLIOGRAPHY_CODES = new Set(['bibliography-syntax', 'duplicate-citation-key']);

/** The lookups of the bundled engine: rule infos (bibliography problems are family "bibliography") and references. */
export function engineContext(engine: Engine, version: string, generated?: string): HtmlContext {
  return {
    version,
    ...(generated ? { generated } : {}),
    ruleInfo: (id) => engine.ruleInfo(id) ?? (BIBLIOGRAPHY_CODES.has(id) ? { family: 'bibliography' } : undefined),
    reference: (key) => engine.db.reference(key),
  };
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const SEVERITY_LABEL: Record<Severity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], information: ['info', 'info'], hint: ['hint', 'hints'] };
const FAMILY_LABEL: Record<string, string> = { builtin: 'built-in checks', user: 'your rules', other: 'other' };

/** Escapes text for HTML content and attribute values; lone surrogates become U+FFFD. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&#39;' : '\ufffd',
  );
}
const h = escapeHtml;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const familyLabel = (f: string) => FAMILY_LABEL[f] ?? f.replace(/-/g, ' ');
/** Only http(s) addresses become links. */
const safeUrl = (u: string | undefined) => (u && /^https?:\/\/[^\s"<>]+$/i.test(u) ? u : undefined);

interface Item {
  /** 1-based over the whole report: ids f<n> (highlight), n<n> (note), l<n> (list link). */
  readonly n: number;
  readonly f: Finding;
  readonly family: string;
  readonly explanation?: string;
  readonly evidence: readonly string[];
  /** Offsets clamped to the text. */
  readonly s: number;
  readonly e: number;
}

interface FileView {
  readonly r: FileResult;
  readonly id: string;
  readonly items: Item[];
}

function counts(items: readonly Item[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const i of items) c[i.f.severity]++;
  return c;
}

function severityPhrase(c: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => c[s]).map((s) => plural(c[s], ...SEVERITY_LABEL[s]));
  return parts.join(', ');
}

const dataAttrs = (i: Item) => `data-f="${i.n}" data-sev="${i.f.severity}" data-fam="${h(i.family)}"`;

/** The page. */
export function formatHtml(results: readonly FileResult[], ctx: HtmlContext): string {
  let n = 0;
  const files: FileView[] = results.map((r, k) => {
    const len = r.text?.length ?? Number.MAX_SAFE_INTEGER;
    const items = [...r.findings]
      .sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
      .map((f) => {
        const info = ctx.ruleInfo?.(f.ruleId);
        const s = Math.max(0, Math.min(f.start, len));
        const explanation = f.explanation ?? info?.explanation;
        return {
          n: ++n,
          f,
          family: f.family ?? info?.family ?? 'other',
          ...(explanation ? { explanation } : {}),
          evidence: f.evidence ?? info?.evidence ?? [],
          s,
          e: Math.max(s, Math.min(f.end, len)),
        };
      });
    return { r, id: `file-${k + 1}`, items };
  });
  const all = files.flatMap((v) => v.items);
  const total = counts(all);
  const families = [...new Set(all.map((i) => i.family))].sort((a, b) => familyLabel(a).localeCompare(familyLabel(b)));
  const headline = all.length
    ? `${plural(all.length, 'finding')} in ${plural(files.filter((v) => v.items.length).length, 'file')} (${severityPhrase(total)})`
    : `No findings in ${plural(files.length, 'file')}`;
  const title = files.length === 1 ? `imid-lens report: ${files[0].r.file}` : 'imid-lens report';

  const body: string[] = [];
  body.push('<div class="skip">');
  if (all.length) body.push('<a href="#filters">Skip to the filters</a>');
  body.push(`<a href="#${files.length ? files[0].id : 'summary'}">Skip to the ${files.length ? 'documents' : 'summary'}</a></div>`);
  body.push('<header>', `<h1>${h(title)}</h1>`, `<p class="headline">${h(headline)}.</p>`);
  body.push(
    `<p class="meta">Checked by imid-lens ${h(ctx.version)} against its bundled, sourced term database${ctx.generated ? ` on ${h(ctx.generated)}` : ''}. This page loads nothing from the network; a reference link opens only when you follow it.</p>`,
    '<p class="print-only" id="print-filter" hidden></p>',
    '</header>',
    '<main>',
  );
  body.push(summary(files, families, total));
  if (all.length) body.push(filters(all, families, total));
  for (const v of files) body.push(fileSection(v, ctx));
  body.push('</main>');

  const csp = `default-src 'none'; style-src '${sha256(CSS)}'; script-src '${sha256(SCRIPT)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta name="generator" content="imid-lens ${h(ctx.version)}">`,
    `<title>${h(title)}: ${h(headline)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

function sha256(s: string): string {
  // node:crypto on the first report only: its module costs a lint process ~5 ms at start-up
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return `sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}`;
}

function countCells(c: Record<Severity, number>, tag = 'td'): string {
  const sum = SEVERITIES.reduce((a, s) => a + c[s], 0);
  return `${SEVERITIES.map((s) => `<${tag} class="num${c[s] ? ` c-${s}` : ''}" data-count="${s}">${c[s]}</${tag}>`).join('')}<${tag} class="num" data-count="total">${sum}</${tag}>`;
}

const countHead = `${SEVERITIES.map((s) => `<th scope="col" class="num">${h(SEVERITY_LABEL[s][1].replace(/^./, (x) => x.toUpperCase()))}</th>`).join('')}<th scope="col" class="num">Total</th>`;

function summary(files: readonly FileView[], families: readonly string[], total: Record<Severity, number>): string {
  const out: string[] = ['<section id="summary" aria-labelledby="summary-h">', '<h2 id="summary-h">Summary</h2>'];
  if (!files.length) {
    out.push('<p>No file was checked.</p></section>');
    return out.join('\n');
  }
  out.push('<div class="tables">');
  out.push('<table class="by-file"><caption>Findings per file</caption>', `<thead><tr><th scope="col">File</th>${countHead}</tr></thead>`, '<tbody>');
  for (const v of files) {
    const note = v.r.skipped ? ` <span class="muted">(skipped: ${h(v.r.skipped)})</span>` : '';
    out.push(`<tr data-file="${h(v.r.file)}"><th scope="row"><a href="#${v.id}">${h(v.r.file)}</a>${note}</th>${countCells(counts(v.items))}</tr>`);
  }
  out.push('</tbody>', `<tfoot><tr data-total=""><th scope="row">All files</th>${countCells(total)}</tr></tfoot>`, '</table>');
  const all = files.flatMap((v) => v.items);
  if (all.length) {
    out.push('<table class="by-family"><caption>Findings per family</caption>', `<thead><tr><th scope="col">Family</th>${countHead}</tr></thead>`, '<tbody>');
    for (const fam of families) out.push(`<tr data-family="${h(fam)}"><th scope="row">${h(familyLabel(fam))}</th>${countCells(counts(all.filter((i) => i.family === fam)))}</tr>`);
    out.push('</tbody>', `<tfoot><tr><th scope="row">All families</th>${countCells(total)}</tr></tfoot>`, '</table>');
  }
  out.push('</div>', '</section>');
  return out.join('\n');
}

function filters(all: readonly Item[], families: readonly string[], total: Record<Severity, number>): string {
  const box = (kind: 'sev' | 'fam', value: string, label: string, count: number, cls = '') =>
    `<label class="chk${cls}"><input type="checkbox" data-filter="${kind}" value="${h(value)}" checked> ${h(label)} <span class="count">(${count})</span></label>`;
  const sevs = SEVERITIES.filter((s) => total[s]);
  return [
    '<section id="filters" class="filters" aria-labelledby="filters-h" tabindex="-1">',
    '<h2 id="filters-h">Filters</h2>',
    '<fieldset><legend>Severity</legend>',
    ...sevs.map((s) => box('sev', s, SEVERITY_LABEL[s][1], total[s], ` sev-${s}`)),
    '</fieldset>',
    '<fieldset><legend>Family</legend>',
    ...families.map((f) => box('fam', f, familyLabel(f), all.filter((i) => i.family === f).length)),
    '</fieldset>',
    '<div class="actions"><button type="button" id="show-all">Show all</button> <button type="button" id="expand-all" aria-pressed="false">Expand every note</button></div>',
    `<p id="shown" role="status" data-total="${all.length}">Showing all ${plural(all.length, 'finding')}.</p>`,
    '</section>',
  ].join('\n');
}

function fileSection(v: FileView, ctx: HtmlContext): string {
  const { r, id, items } = v;
  const out: string[] = [`<section class="file" id="${id}" aria-labelledby="${id}-h" tabindex="-1">`, `<h2 id="${id}-h">${h(r.file)}</h2>`];
  const c = counts(items);
  if (r.skipped) out.push(`<p class="muted">Not checked: ${h(r.skipped)}.</p>`);
  else out.push(`<p class="muted">${items.length ? `${plural(items.length, 'finding')}: ${h(severityPhrase(c))}.` : 'No findings.'}${r.suppressed.length ? ` ${plural(r.suppressed.length, 'finding')} silenced by disable comments (not shown).` : ''}</p>`);
  if (items.length) {
    out.push(`<nav class="toc" aria-label="Findings in ${h(r.file)}"><ol>`);
    for (const i of items) {
      const pos = `${i.f.range.start.line + 1}:${i.f.range.start.character + 1}`;
      const target = r.text !== undefined ? `f${i.n}` : `n${i.n}`;
      out.push(
        `<li ${dataAttrs(i)}><a id="l${i.n}" href="#${target}"><span class="pos">Line ${pos}</span> <span class="badge sev-${i.f.severity}">${h(SEVERITY_LABEL[i.f.severity][0])}</span> ${h(i.f.message)}</a></li>`,
      );
    }
    out.push('</ol></nav>');
  }
  if (r.text !== undefined && items.length) out.push(documentText(r.text, items, ctx, r.file));
  else if (items.length) {
    out.push('<div class="doc no-text">', '<p class="muted">The text of this file is not part of the report; the findings with their positions:</p>');
    const seen = new Map<string, Item>();
    for (const i of items) out.push(note(i, ctx, seen, undefined));
    out.push('</div>');
  }
  out.push('</section>');
  return out.join('\n');
}

/** The text, line by line, with nested <mark>s and a note after the line where each finding ends. */
function documentText(text: string, items: readonly Item[], ctx: HtmlContext, file: string): string {
  const index = new LineIndex(text);
  const starts = index.lineStarts;
  const lineEnd = (k: number) => {
    if (k + 1 >= starts.length) return text.length;
    let e = starts[k + 1];
    if (text.charCodeAt(e - 1) === 10) e--;
    if (text.charCodeAt(e - 1) === 13) e--;
    return e;
  };
  const lineOf = (o: number) => index.positionAt(o).line;
  // A finding is drawn over the text of the lines it overlaps; one that covers no visible
  // character (empty, or only a line break) is drawn as a zero-width marker at its start.
  const visible = new Set<Item>();
  for (const i of items) {
    if (i.e <= i.s) continue;
    for (let k = lineOf(i.s); k < starts.length && starts[k] < i.e; k++) {
      if (Math.max(i.s, starts[k]) < Math.min(i.e, lineEnd(k))) {
        visible.add(i);
        break;
      }
    }
  }
  const notesAfter = new Map<number, Item[]>();
  for (const i of items) {
    const end = visible.has(i) ? index.positionAt(i.e) : index.positionAt(i.s);
    const k = visible.has(i) && end.character === 0 && end.line > 0 ? end.line - 1 : end.line;
    const list = notesAfter.get(k) ?? [];
    list.push(i);
    notesAfter.set(k, list);
  }
  // nesting order: earlier start outside, then longer outside
  const order = [...visible].sort((a, b) => a.s - b.s || b.e - a.e || a.n - b.n);
  const markers = items.filter((i) => !visible.has(i));
  const opened = new Set<Item>();
  const open = (i: Item) => {
    const first = !opened.has(i);
    opened.add(i);
    return first
      ? `<mark id="f${i.n}" class="hl sev-${i.f.severity}" ${dataAttrs(i)} tabindex="-1" aria-describedby="m${i.n}">`
      : `<mark class="hl cont sev-${i.f.severity}" ${dataAttrs(i)}>`;
  };
  const marker = (i: Item) => `<mark id="f${i.n}" class="hl empty sev-${i.f.severity}" ${dataAttrs(i)} tabindex="-1" aria-describedby="m${i.n}" aria-label="here"></mark>`;

  const seen = new Map<string, Item>();
  const out: string[] = [`<div class="doc" role="region" aria-label="Text of ${h(file)}">`];
  // findings that touch a line: a cursor over `order` (sorted by start) plus those still open
  let cursor = 0;
  let live: Item[] = [];
  let mk = 0;
  const width = String(starts.length).length;
  for (let k = 0; k < starts.length; k++) {
    const ls = starts[k];
    const le = lineEnd(k);
    const next = k + 1 < starts.length ? starts[k + 1] : Number.POSITIVE_INFINITY;
    while (cursor < order.length && order[cursor].s < next) live.push(order[cursor++]);
    live = live.filter((i) => i.e > ls);
    // `live` is in nesting order; so are the findings open at the line's start and those that start later
    const startAt = new Map<number, Item[]>();
    const endAt = new Set<number>();
    let active: Item[] = [];
    const cuts = new Set<number>([ls, le]);
    for (const i of live) {
      if (i.s >= le || i.e <= ls) continue;
      if (i.s <= ls) active.push(i);
      else {
        const list = startAt.get(i.s) ?? [];
        list.push(i);
        startAt.set(i.s, list);
        cuts.add(i.s);
      }
      if (i.e < le) {
        endAt.add(i.e);
        cuts.add(i.e);
      }
    }
    const lineMarkers: Item[] = [];
    while (mk < markers.length && markers[mk].s < next) lineMarkers.push(markers[mk++]);
    for (const m of lineMarkers) cuts.add(Math.max(ls, Math.min(m.s, le)));
    const points = [...cuts].sort((a, b) => a - b);
    let html = '';
    let stack: Item[] = [];
    let m = 0;
    for (let p = 0; p < points.length; p++) {
      const a = points[p];
      while (m < lineMarkers.length && Math.max(ls, Math.min(lineMarkers[m].s, le)) === a) html += marker(lineMarkers[m++]);
      if (p + 1 >= points.length) break;
      // the findings over [a, b): those that end at a leave, those that start at a come in (innermost)
      if (endAt.has(a)) active = active.filter((i) => i.e > a);
      const starting = startAt.get(a);
      if (starting) active = [...active, ...starting];
      let keep = 0;
      while (keep < stack.length && keep < active.length && stack[keep] === active[keep]) keep++;
      html += '</mark>'.repeat(stack.length - keep);
      for (let j = keep; j < active.length; j++) html += open(active[j]);
      stack = active;
      html += h(text.slice(a, points[p + 1]));
    }
    html += '</mark>'.repeat(stack.length);
    out.push(`<div class="line"><span class="ln" aria-hidden="true">${String(k + 1).padStart(width, '\u2007')}</span><span class="tx">${html}</span></div>`);
    for (const i of notesAfter.get(k) ?? []) out.push(note(i, ctx, seen, text, index));
  }
  out.push('</div>');
  return out.join('\n');
}

/**
 * The note of a finding: message, rule, suggested rewrite; the fact and its references behind a
 * button. A later finding of the same rule with the same fact and sources in the same file links
 * to the first one's instead of repeating them (`seen`: the first finding per fact).
 */
function note(i: Item, ctx: HtmlContext, seen: Map<string, Item>, text: string | undefined, index?: LineIndex): string {
  const f = i.f;
  const sev = SEVERITY_LABEL[f.severity][0];
  const pos = `line ${f.range.start.line + 1}, column ${f.range.start.character + 1}`;
  const out: string[] = [
    `<div class="note sev-${f.severity}" id="n${i.n}" ${dataAttrs(i)} role="group" aria-label="Finding ${i.n}: ${h(sev)}, ${h(pos)}" tabindex="-1">`,
    `<p class="msg" id="m${i.n}"><span class="badge sev-${f.severity}">${h(sev)}</span> ${h(f.message)}</p>`,
    `<p class="rule"><code>${h(f.ruleId)}</code> · ${h(familyLabel(i.family))} · ${h(pos)}${text !== undefined ? ` · <a href="#f${i.n}">the words</a>` : ''} · <a href="#l${i.n}">back to the list</a></p>`,
  ];
  const rewrites = f.fixes.filter((x) => (x.kind === 'rewrite' || x.kind === 'lexical') && x.edits.length);
  if (rewrites.length) {
    out.push(`<div class="fix"><p class="label">Suggested ${rewrites.length === 1 ? 'rewrite' : 'rewrites'}</p><ul>`);
    for (const x of rewrites) {
      const edits = x.edits.map((e) => {
        const was = text !== undefined && index ? text.slice(index.offsetAt(e.range.start), index.offsetAt(e.range.end)) : '';
        return was ? `<del>${h(was)}</del> → <ins>${h(e.newText)}</ins>` : `<ins>${h(e.newText)}</ins>`;
      });
      out.push(`<li>${edits.join('; ')}</li>`);
    }
    out.push('</ul></div>');
  }
  const cite = f.fixes.filter((x) => x.kind === 'citation' && x.edits.length);
  const addEntry = f.fixes.filter((x) => x.kind === 'bibliography');
  const refs = i.evidence.map((key) => ({ key, item: ctx.reference?.(key) }));
  const key = `${f.ruleId}\u0000${i.explanation ?? ''}\u0000${i.evidence.join('\u0000')}\u0000${cite.map((x) => x.edits.map((e) => e.newText).join()).join()}`;
  const first = addEntry.length ? undefined : seen.get(key);
  if (first) {
    out.push(`<p class="same">The fact${refs.length ? ' and its sources' : ''}: as for <a href="#n${first.n}">the finding on line ${first.f.range.start.line + 1}</a>.</p>`);
  } else if (i.explanation || refs.length || cite.length || addEntry.length) {
    if (!addEntry.length) seen.set(key, i);
    out.push(
      `<button type="button" class="more-btn" aria-expanded="true" aria-controls="x${i.n}">The fact${refs.length ? ' and its sources' : ''}</button>`,
      `<div class="more" id="x${i.n}">`,
    );
    if (i.explanation) out.push(`<p class="fact">${h(i.explanation)}</p>`);
    if (refs.length) {
      out.push('<p class="label">Sources</p><ol class="refs">');
      for (const { key, item } of refs) out.push(`<li>${item ? reference(item) : ''} <code class="key">${h(key)}</code></li>`);
      out.push('</ol>');
    }
    for (const x of cite) out.push(`<p class="cite">To cite them: <code>${h(x.edits.map((e) => e.newText.trim()).join(' '))}</code></p>`);
    for (const x of addEntry) {
      out.push(`<p class="cite">${h(x.title)}${x.target ? ` (<code>${h(x.target)}</code>)` : ''}${x.appendText ? ':' : '.'}</p>`);
      if (x.appendText) out.push(`<pre class="entry">${h(x.appendText.trim())}</pre>`);
    }
    out.push('</div>');
  }
  out.push('</div>');
  return out.join('\n');
}

const PLACEHOLDER_TITLE = /^\[(.+)\]$/s;

/** A reference with its DOI, PubMed, PMC or web link. */
function reference(item: CslItem): string {
  const who = authorsShort(item);
  const year = yearOf(item);
  const journal = item['container-title'];
  const raw = (item.title ?? '').trim().replace(/\.$/, '');
  const placeholder = PLACEHOLDER_TITLE.exec(raw);
  const title = placeholder ? placeholder[1].trim() : raw;
  const parts: string[] = [];
  if (who) parts.push(`${h(who)}${year ? ` (${h(year)})` : ''}.`);
  if (title) parts.push(placeholder ? `<span class="muted">[${h(title)}]</span>` : /[.?!]$/.test(title) ? h(title) : `${h(title)}.`);
  if (journal) {
    let venue = `<i>${h(journal)}</i>`;
    if (item.volume) venue += ` ${h(item.volume)}${item.issue ? `(${h(item.issue)})` : ''}`;
    if (item.page) venue += `:${h(item.page)}`;
    parts.push(`${venue}${!who && year ? ` (${h(year)})` : ''}.`);
  } else if (item.publisher && item.publisher !== who) parts.push(`${h(item.publisher)}${!who && year ? ` (${h(year)})` : ''}.`);
  if (item.number) parts.push(`${h(item.number)}.`);
  const links: string[] = [];
  const a = (url: string, label: string, cls: string) => `<a class="${cls}" href="${h(url)}" rel="noopener noreferrer">${h(label)}</a>`;
  if (item.DOI) links.push(a(`https://doi.org/${encodeURI(item.DOI)}`, `doi:${item.DOI}`, 'doi'));
  if (item.PMID && /^\d+$/.test(item.PMID)) links.push(a(`https://pubmed.ncbi.nlm.nih.gov/${item.PMID}/`, `PMID ${item.PMID}`, 'pmid'));
  if (item.PMCID && /^PMC\d+$/.test(item.PMCID)) links.push(a(`https://pmc.ncbi.nlm.nih.gov/articles/${item.PMCID}/`, item.PMCID, 'pmc'));
  const url = safeUrl(item.URL);
  if (url && !item.DOI && !item.PMCID) links.push(a(url, url.replace(/^https?:\/\//, '').replace(/\/$/, ''), 'url'));
  if (links.length) parts.push(links.join(' · '));
  // what a label or web page is (its note), when no DOI or PubMed record says it
  if (item.note && !item.DOI && !item.PMID && !item.PMCID) parts.push(`<span class="muted">${h(item.note)}</span>`);
  return parts.join(' ');
}

const CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--border:#d0d7de;--panel:#f6f8fa;--link:#0a58b0;--focus:#0a58b0;
--error:#b42318;--error-bg:rgba(220,38,38,.16);--warning:#8a5100;--warning-bg:rgba(234,179,8,.30);--information:#0b5cad;--information-bg:rgba(37,99,235,.15);--hint:#4b5563;--hint-bg:rgba(107,114,128,.18);--ins:#116329;--del:#a40e26}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--border:#30363d;--panel:#161b22;--link:#79b8ff;--focus:#79b8ff;
--error:#ff8b82;--error-bg:rgba(248,81,73,.30);--warning:#e3b341;--warning-bg:rgba(210,153,34,.34);--information:#79c0ff;--information-bg:rgba(56,139,253,.30);--hint:#b1bac4;--hint-bg:rgba(139,148,158,.28);--ins:#56d364;--del:#ff8b82}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:64rem;padding:1rem 1.25rem 4rem;font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
a{color:var(--link)}
code,pre,.ln{font-family:ui-monospace,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.9em}
h1{font-size:1.6rem;margin:.5rem 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;overflow-wrap:anywhere}
.headline{font-size:1.1rem;margin:.25rem 0}
.muted,.meta{color:var(--muted)}
.meta{font-size:.9rem}
:focus-visible,mark.hl:focus,.note:focus,section:focus{outline:3px solid var(--focus);outline-offset:2px}
.skip a{position:absolute;left:-999px;top:0;background:var(--bg);padding:.5rem .75rem;z-index:10;border:2px solid var(--focus)}
.skip a:focus{left:.5rem;top:.5rem}
.tables{display:flex;flex-wrap:wrap;gap:1.5rem}
table{border-collapse:collapse;font-size:.92rem}
caption{text-align:left;font-weight:600;padding-bottom:.25rem}
th,td{border-bottom:1px solid var(--border);padding:.25rem .6rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tfoot th,tfoot td{font-weight:600;border-bottom:0}
td.c-error{color:var(--error);font-weight:600}td.c-warning{color:var(--warning);font-weight:600}td.c-information{color:var(--information)}td.c-hint{color:var(--hint)}
.filters{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:.5rem .75rem;margin-top:1.5rem;display:none}
.js .filters{display:block}
.filters h2{font-size:1rem;margin:0 0 .25rem}
fieldset{border:0;margin:0 0 .25rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
legend{font-weight:600;float:left;margin-right:.75rem}
.chk{white-space:nowrap;cursor:pointer}
.chk input{width:1.05rem;height:1.05rem;vertical-align:-.15rem}
.count{color:var(--muted)}
.actions{margin:.25rem 0}
button{font:inherit;font-size:.9rem;color:var(--fg);background:var(--bg);border:1px solid var(--border);border-radius:4px;padding:.15rem .6rem;cursor:pointer}
button:hover{border-color:var(--focus)}
#shown{margin:.25rem 0 0;font-size:.9rem;color:var(--muted)}
.print-only{display:none}
.badge{display:inline-block;font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em;padding:0 .35rem;border-radius:3px;border:1px solid currentColor;line-height:1.35}
.sev-error .badge,.badge.sev-error{color:var(--error)}.sev-warning .badge,.badge.sev-warning{color:var(--warning)}
.sev-information .badge,.badge.sev-information{color:var(--information)}.sev-hint .badge,.badge.sev-hint{color:var(--hint)}
.toc ol{margin:.25rem 0 1rem;padding-left:1.5rem}
.toc li{margin:.15rem 0}
.toc a{text-decoration:none}.toc a:hover .pos,.toc a:focus .pos{text-decoration:underline}
.pos{color:var(--muted);font-variant-numeric:tabular-nums}
.doc{border:1px solid var(--border);border-radius:6px;padding:.5rem 0}
.line{display:flex;min-height:1.55em}
.ln{flex:none;color:var(--muted);user-select:none;padding:0 .75rem 0 .5rem;text-align:right;font-size:.8rem;line-height:1.95}
.tx{flex:1;white-space:pre-wrap;overflow-wrap:anywhere;tab-size:4;padding-right:.75rem}
mark.hl{color:inherit;border-radius:2px;border-bottom:2px solid;cursor:pointer;-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.hl.sev-error{background:var(--error-bg);border-color:var(--error)}
mark.hl.sev-warning{background:var(--warning-bg);border-color:var(--warning);border-bottom-style:dashed}
mark.hl.sev-information{background:var(--information-bg);border-color:var(--information);border-bottom-style:dotted}
mark.hl.sev-hint{background:var(--hint-bg);border-color:var(--hint);border-bottom-style:dotted}
mark.hl mark.hl{padding-bottom:3px}
mark.hl mark.hl mark.hl{padding-bottom:6px}
mark.hl.empty{display:inline-block;width:.35rem;height:1.2em;vertical-align:text-bottom;border-bottom:0;border-left:3px solid}
mark.hl.off{background:none;border-color:transparent;cursor:auto}
mark.hl:target,.note:target{outline:3px solid var(--focus);outline-offset:1px}
.note{margin:.35rem .75rem .6rem 3rem;padding:.4rem .75rem;border:1px solid var(--border);border-left:4px solid;border-radius:4px;background:var(--panel);font-size:.95rem}
.note.sev-error{border-left-color:var(--error)}.note.sev-warning{border-left-color:var(--warning)}.note.sev-information{border-left-color:var(--information)}.note.sev-hint{border-left-color:var(--hint)}
.note p{margin:.2rem 0}
.msg{font-weight:500}
.rule{font-size:.85rem;color:var(--muted)}
.label{font-weight:600;font-size:.85rem;margin:.4rem 0 0}
.fix ul,.refs{margin:.15rem 0;padding-left:1.4rem}
del{color:var(--del)}ins{color:var(--ins);text-decoration:none;font-weight:600}
.more-btn{display:none;margin:.3rem 0 .1rem;font-size:.85rem}
.js .more-btn{display:inline-block}
.more-btn::before{content:"\\25B8  "}
.more-btn[aria-expanded="true"]::before{content:"\\25BE  "}
.fact{margin-top:.3rem}
.same{font-size:.85rem;color:var(--muted)}
.refs li{margin:.15rem 0;overflow-wrap:anywhere}
.key{color:var(--muted);font-size:.8rem}
.entry{background:var(--bg);border:1px solid var(--border);padding:.4rem;overflow-x:auto;white-space:pre-wrap}
.no-text .note{margin-left:.75rem}
@media (max-width:40rem){.note{margin-left:.75rem}}
@media print{
html,body{background:#fff;color:#000}
body{max-width:none;padding:0;font-size:10.5pt}
.skip,.filters,.more-btn,.actions{display:none!important}
.more[hidden]{display:block!important}
.print-only:not([hidden]){display:block}
.note{break-inside:avoid;background:none}
.line{break-inside:avoid}
a{color:inherit}
a.url::after{content:" <" attr(href) ">";font-size:.85em}
.toc{display:none}
}`;

/* The page's script: filters, the notes' buttons, Enter on a highlight. Plain ES2017, no globals. */
const SCRIPT = `
(function () {
  var d = document;
  d.documentElement.classList.add('js');
  var boxes = Array.prototype.slice.call(d.querySelectorAll('input[data-filter]'));
  var tagged = Array.prototype.slice.call(d.querySelectorAll('[data-f]'));
  var status = d.getElementById('shown');
  var buttons = Array.prototype.slice.call(d.querySelectorAll('.more-btn'));
  function setOpen(btn, open) {
    btn.setAttribute('aria-expanded', open ? 'true' : 'false');
    var more = d.getElementById(btn.getAttribute('aria-controls'));
    if (more) more.hidden = !open;
  }
  buttons.forEach(function (b) {
    setOpen(b, false);
    b.addEventListener('click', function () { setOpen(b, b.getAttribute('aria-expanded') !== 'true'); });
  });
  var expandAll = d.getElementById('expand-all');
  if (expandAll) expandAll.addEventListener('click', function () {
    var open = expandAll.getAttribute('aria-pressed') !== 'true';
    expandAll.setAttribute('aria-pressed', open ? 'true' : 'false');
    expandAll.textContent = open ? 'Collapse every note' : 'Expand every note';
    buttons.forEach(function (b) { setOpen(b, open); });
  });
  function apply() {
    var on = { sev: {}, fam: {} };
    boxes.forEach(function (b) { if (b.checked) on[b.getAttribute('data-filter')][b.value] = true; });
    var shown = {};
    tagged.forEach(function (el) {
      var vis = on.sev[el.getAttribute('data-sev')] === true && on.fam[el.getAttribute('data-fam')] === true;
      if (el.tagName === 'MARK') {
        el.classList.toggle('off', !vis);
        if (vis) el.removeAttribute('data-hidden'); else el.setAttribute('data-hidden', '');
      } else el.hidden = !vis;
      if (vis) shown[el.getAttribute('data-f')] = true;
    });
    var pf = d.getElementById('print-filter');
    if (status) {
      var total = Number(status.getAttribute('data-total'));
      var n = Object.keys(shown).length;
      status.textContent = n === total ? 'Showing all ' + total + (total === 1 ? ' finding.' : ' findings.') : 'Showing ' + n + ' of ' + total + ' findings (filtered).';
      if (pf) {
        var off = boxes.filter(function (b) { return !b.checked; }).map(function (b) { return b.parentNode.textContent.replace(/\\s*\\(\\d+\\)\\s*$/, '').trim(); });
        pf.hidden = n === total;
        pf.textContent = n === total ? '' : 'Printed with filters: ' + n + ' of ' + total + ' findings; not shown: ' + off.join(', ') + '.';
      }
    }
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  var all = d.getElementById('show-all');
  if (all) all.addEventListener('click', function () { boxes.forEach(function (b) { b.checked = true; }); apply(); });
  function noteOf(el) {
    var m = el && el.closest ? el.closest('mark.hl:not(.off)') : null;
    return m ? d.getElementById('n' + m.getAttribute('data-f')) : null;
  }
  function goTo(note) {
    var b = note.querySelector('.more-btn');
    if (b) setOpen(b, true);
    note.focus();
  }
  d.addEventListener('click', function (e) { var n = noteOf(e.target); if (n) goTo(n); });
  d.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' || !e.target || e.target.tagName !== 'MARK') return;
    var n = noteOf(e.target);
    if (n) { e.preventDefault(); goTo(n); }
  });
  apply();
})();
`;
