// The language model tools in a real VS Code: listed in vscode.lm.tools with their schemas, and
// answering through vscode.lm.invokeTool as an assistant would call them (no model involved).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, codeOf, open, waitForDiagnostics } from './helpers';

const CHECK = 'imid-lens_check_text';
const LOOKUP = 'imid-lens_lookup_term';

/** The text parts of a tool result. */
async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

async function invokeError(name: string, input: object): Promise<string> {
  try {
    await invoke(name, input);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail(`${name} with ${JSON.stringify(input)} is refused`);
}

suite('language model tools in a real VS Code', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('vscode.lm.tools lists both tools with their descriptions and closed input schemas', () => {
    for (const name of [CHECK, LOOKUP]) {
      const tool = vscode.lm.tools.find((t) => t.name === name);
      assert.ok(tool, `${name} is in vscode.lm.tools: ${vscode.lm.tools.map((t) => t.name).join(', ')}`);
      assert.match(tool.description, /IMiD Lens term database/);
      assert.equal((tool.inputSchema as { additionalProperties?: boolean }).additionalProperties, false);
      assert.ok(tool.tags.includes('imid-lens'));
    }
  });

  test('check_text: an outdated claim gives the rule, the fact, the rewrite and a reference', async () => {
    const out = await invoke(CHECK, { text: 'Lenalidomide inhibits cereblon in myeloma cells.' });
    assert.match(out, /^IMiD Lens checked the passage \(markdown; .*\): 1 finding\./);
    assert.match(out, /warning imid-inhibits-cereblon at line 1, column 1: "Lenalidomide inhibits cereblon"/);
    assert.match(out, /Fact: .*molecular glue/);
    assert.match(out, /Suggested rewrite .* -> "Lenalidomide binds cereblon"/);
    assert.match(out, /kronke2014: Krönke et al\. \(2014\)\..* doi:10\.1126\/science\.1244851 PMID 24292625/);
  });

  test('check_text: asOf checks against the facts of that date', async () => {
    assert.match(await invoke(CHECK, { text: 'Otezla is marketed by Celgene.', languageId: 'plaintext' }), /otezla-not-celgene/);
    assert.match(await invoke(CHECK, { text: 'Otezla is marketed by Celgene.', languageId: 'plaintext', asOf: '2015-06' }), /facts as of 2015-06-01\): no findings/);
  });

  test('check_text: a clean passage says there are no findings', async () => {
    const out = await invoke(CHECK, { text: 'Lenalidomide binds cereblon and redirects CRL4^CRBN to degrade IKZF1 and IKZF3.' });
    assert.match(out, /: no findings\.\nNo outdated claims/);
  });

  test('check_text without text checks the active document (the editor\'s own findings)', async () => {
    const doc = await open('claims-review.md');
    const diagnostics = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'claims-review.md is checked');
    const out = await invoke(CHECK, {});
    assert.match(out, /^IMiD Lens checked claims-review\.md \(the active document\) \(markdown; /);
    assert.match(out, /imid-inhibits-cereblon at line 3, column 1/);
    // the findings of the Problems view
    const listed = [...out.matchAll(/^\d+\. \w+ (\S+) at line (\d+), column (\d+)/gm)].map((m) => `${m[1]}@${m[2]}:${m[3]}`);
    assert.deepEqual(listed.sort(), diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`).sort());
  });

  test('check_text on the active document when IMiD Lens is turned off: an error that says so; a passage is still checked', async () => {
    const doc = await open('claims-review.md');
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'claims-review.md is checked');
    const config = vscode.workspace.getConfiguration('imidLens');
    await config.update('enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(doc.uri, (d) => d.length === 0, 'the diagnostics cleared when turned off');
      assert.match(await invokeError(CHECK, {}), /IMiD Lens is turned off in this workspace \(setting imidLens\.enable\)/);
      assert.match(await invoke(CHECK, { text: 'Lenalidomide inhibits cereblon.' }), /imid-inhibits-cereblon/);
    } finally {
      await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'checked again when turned on');
  });

  test('lookup_term: a research code gives the card of its drug with references', async () => {
    const out = await invoke(LOOKUP, { name: 'CC-5013' });
    assert.match(out, /^### lenalidomide · drug$/m);
    assert.match(out, /\*\*CC-5013\*\* is a research code of \*\*lenalidomide\*\*/);
    assert.match(out, /doi:10\.1126\/science\.1244851/);
    assert.doesNotMatch(out, /command:/);
  });

  test('lookup_term: an unknown name gives "did you mean" suggestions', async () => {
    assert.match(await invoke(LOOKUP, { name: 'Revlimd' }), /"Revlimd" is not in the IMiD Lens term database.*Did you mean: Revlimid/);
  });

  test('bad input is refused with a message that says what to send', async () => {
    assert.match(await invokeError(LOOKUP, {}), /Invalid input: "name" is required/);
    assert.match(await invokeError(LOOKUP, { name: 42 }), /"name" must be a string/);
    assert.match(await invokeError(CHECK, { text: 'x', languageId: 'docx' }), /"languageId" must be one of markdown, latex/);
    assert.match(await invokeError(CHECK, { text: 'x', asOf: 'yesterday' }), /"asOf" must be a date as YYYY-MM-DD/);
    assert.match(await invokeError(CHECK, { passage: 'x' }), /unknown field "passage"/);
  });
});
