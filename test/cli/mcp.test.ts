// `imid-lens mcp`: the MCP server spawned as `node dist/cli.js mcp`, driven by the official
// SDK's own Client over stdio, as an assistant drives it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { run } from '../../src/cli/run';

const DIST = path.join(process.env.IMID_LENS_OUT ? path.resolve(process.env.IMID_LENS_OUT) : process.cwd(), 'dist');
const CLI = path.join(DIST, 'cli.js');

type Text = { type: string; text?: string };
const textOf = (r: unknown) => (((r as { content?: unknown }).content ?? []) as Text[]).map((c) => c.text ?? '').join('');

describe('imid-lens mcp (the SDK client over stdio)', () => {
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = '';

  before(async () => {
    transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '--no-config'], cwd: os.tmpdir(), stderr: 'pipe' });
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    client = new Client({ name: 'imid-lens-test', version: '1.0.0' });
    await client.connect(transport);
  });

  after(async () => {
    await client.close();
  });

  test('the server introduces itself, with instructions; its log line is on stderr', () => {
    assert.deepEqual(client.getServerVersion()?.name, 'imid-lens');
    assert.match(client.getInstructions() ?? '', /check_text/);
    assert.ok(client.getServerCapabilities()?.tools && client.getServerCapabilities()?.resources);
  });

  test('tools/list: check_text, lookup_term and list_rules, read-only, with closed schemas', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), ['check_text', 'lookup_term', 'list_rules']);
    for (const t of tools) {
      assert.equal(t.annotations?.readOnlyHint, true, t.name);
      assert.equal(t.annotations?.openWorldHint, false, t.name);
      assert.equal((t.inputSchema as { additionalProperties?: boolean }).additionalProperties, false, t.name);
      assert.ok((t.description ?? '').length > 100, t.name);
    }
    assert.deepEqual(tools[0].inputSchema.required, ['text']);
    assert.deepEqual(tools[1].inputSchema.required, ['name']);
  });

  test('check_text: an outdated claim gives the rule, the fact, the rewrite and references', async () => {
    const r = await client.callTool({ name: 'check_text', arguments: { text: 'Lenalidomide inhibits cereblon in myeloma cells.' } });
    assert.ok(!r.isError);
    const out = textOf(r);
    assert.match(out, /1 finding\./);
    assert.match(out, /warning imid-inhibits-cereblon at line 1, column 1/);
    assert.match(out, /Fact: .*molecular glue/);
    assert.match(out, /-> "Lenalidomide binds cereblon"/);
    assert.match(out, /doi:10\.1126\/science\.1244851 PMID 24292625/);
  });

  test('check_text: a clean passage, and asOf', async () => {
    assert.match(textOf(await client.callTool({ name: 'check_text', arguments: { text: 'Lenalidomide binds cereblon.' } })), /: no findings\./);
    const then = await client.callTool({ name: 'check_text', arguments: { text: 'Otezla is marketed by Celgene.', languageId: 'plaintext', asOf: '2015-06-01' } });
    assert.match(textOf(then), /facts as of 2015-06-01\): no findings/);
  });

  test('lookup_term: the card, or suggestions for an unknown name', async () => {
    assert.match(textOf(await client.callTool({ name: 'lookup_term', arguments: { name: 'CC-5013' } })), /^### lenalidomide · drug$/m);
    const unknown = await client.callTool({ name: 'lookup_term', arguments: { name: 'Revlimd' } });
    assert.ok(!unknown.isError);
    assert.match(textOf(unknown), /Did you mean: Revlimid/);
  });

  test('list_rules: every rule with family and severity', async () => {
    const out = textOf(await client.callTool({ name: 'list_rules', arguments: {} }));
    assert.match(out, /^\d+ rules in \d+ families/);
    assert.match(out, /^- imid-inhibits-cereblon \[warning\]: /m);
    assert.match(out, /^- misspelled-name \[warning\]: /m);
  });

  test('bad arguments: an isError result that says what to send, and the server goes on', async () => {
    for (const [name, args, re] of [
      ['check_text', {}, /"text" is required/],
      ['check_text', { text: 'x', languageId: 'docx' }, /"languageId" must be one of/],
      ['check_text', { text: 'x', asOf: 'soon' }, /"asOf" must be a date/],
      ['lookup_term', { name: 42 }, /"name" must be a string/],
      ['lookup_term', { term: 'x' }, /unknown field "term"/],
      ['list_rules', { all: true }, /takes no arguments/],
    ] as const) {
      const r = await client.callTool({ name, arguments: args as Record<string, unknown> });
      assert.equal(r.isError, true, `${name} ${JSON.stringify(args)}`);
      assert.match(textOf(r), re);
    }
    await assert.rejects(client.callTool({ name: 'frobnicate', arguments: {} }), /unknown tool "frobnicate"/);
    assert.match(textOf(await client.callTool({ name: 'lookup_term', arguments: { name: 'thalidomide' } })), /thalidomide · drug/);
  });

  test('resources: every term listed; a term sheet (by id or any name) is Markdown; an unknown one is an error', async () => {
    const { resources } = await client.listResources();
    assert.ok(resources.length > 20);
    const lena = resources.find((r) => r.uri === 'imid-lens-term://lenalidomide');
    assert.ok(lena, resources.map((r) => r.uri).join(' '));
    assert.equal(lena.mimeType, 'text/markdown');
    const sheet = await client.readResource({ uri: 'imid-lens-term://lenalidomide' });
    const text = (sheet.contents[0] as { text: string }).text;
    assert.match(text, /^### lenalidomide · drug$/m);
    assert.match(text, /\| FDA \| 2005-12-27 \|/);
    assert.equal(sheet.contents[0].mimeType, 'text/markdown');
    const byBrand = await client.readResource({ uri: 'imid-lens-term://Revlimid' });
    assert.match((byBrand.contents[0] as { text: string }).text, /\*\*Revlimid\*\* is a brand of \*\*lenalidomide\*\*/);
    await assert.rejects(client.readResource({ uri: 'imid-lens-term://Revlimd' }), /not in the IMiD Lens term database.*Revlimid/);
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.deepEqual(resourceTemplates.map((t) => t.uriTemplate), ['imid-lens-term://{name}']);
  });

  test('stderr has the server\'s log line', () => {
    assert.match(stderr, /MCP server on stdio/);
  });
});

describe('imid-lens mcp (process)', () => {
  test('stdout carries protocol messages only, and the process exits 0 when its input closes', async () => {
    const child = spawn(process.execPath, [CLI, 'mcp', '--no-config'], { cwd: os.tmpdir(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };
    const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'check_text', arguments: { text: 'lenolidomide' } } };
    child.stdin.write(`${JSON.stringify(init)}\n${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n${JSON.stringify(call)}\n`);
    // the answer to the call, then end of input
    await new Promise<void>((resolve) => child.stdout.on('data', () => out.includes('"id":2') && resolve()));
    child.stdin.end();
    assert.equal(await exited, 0, err);
    const lines = out.trim().split('\n');
    assert.equal(lines.length, 2, out);
    for (const l of lines) assert.equal(JSON.parse(l).jsonrpc, '2.0');
    assert.match(JSON.parse(lines[1]).result.content[0].text, /misspelled-name/);
    assert.match(err, /MCP server on stdio/);
  });

  test('a broken configuration: exit 2 with the problem on stderr, nothing on stdout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imid-mcp-'));
    try {
      fs.writeFileSync(path.join(dir, '.imid-lens.json'), '{ "rules": { "no-such-rule": "off" } }');
      let out = '';
      let err = '';
      const code = await run({ argv: ['mcp'], io: { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: dir } });
      assert.equal(code, 2);
      assert.equal(out, '');
      assert.match(err, /unknown rule id "no-such-rule"/);
      assert.match(err, /start the server again/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('usage: help mcp, and bad options exit 2', async () => {
    let out = '';
    assert.equal(await run({ argv: ['help', 'mcp'], io: { stdout: (s) => (out += s), stderr: () => undefined, cwd: os.tmpdir() } }), 0);
    assert.match(out, /^Usage: imid-lens mcp/);
    assert.match(out, /"mcpServers"/);
    for (const argv of [['mcp', '--bogus'], ['mcp', 'file.md'], ['mcp', '--config', 'a.json', '--no-config']]) {
      let err = '';
      assert.equal(await run({ argv, io: { stdout: () => undefined, stderr: (s) => (err += s), cwd: os.tmpdir() } }), 2, argv.join(' '));
      assert.match(err, /Usage: imid-lens mcp/);
    }
  });
});
