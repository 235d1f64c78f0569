// Test-runner module loaded by VS Code's extension host (extensionTestsPath).
// VS Code calls run(); a rejected promise becomes a non-zero exit code.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  const files = (fs.readdirSync(__dirname) as string[]).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.resolve(__dirname, f));
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats ?? { passes: 0, failures, pending: 0, tests: 0 };
      const summary = `${s.passes} passed, ${s.failures} failed` + (s.pending ? `, ${s.pending} skipped` : '');
      if (process.env.VSCODE_TEST_RESULT_FILE) fs.writeFileSync(process.env.VSCODE_TEST_RESULT_FILE, JSON.stringify({ ...s, summary }) + '\n');
      console.log(summary);
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
  });
}
