// Test runner for the browser (web worker) extension host, as in vscode.dev: mocha's
// browser build, bundled with the suites. There is no `process` here.
import 'mocha/mocha.js';

declare const mocha: Mocha.BrowserMocha;

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.setup({ ui: 'tdd', reporter: undefined, timeout: 60000 });
    // Loaded after setup so that suite()/test() exist when the files run.
    require('./web.test');
    mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
  });
}
