// Extension activation outside VS Code: loads a bundle (dist/extension.js) with a stand-in for the
// 'vscode' module and calls activate(), timing load (require: read + compile + top level) and
// activate() separately. The stand-in answers every API call with an inert object, so only the
// extension's own work is timed. Run with NODE_PATH pointing at this folder's stub/.
//   NODE_PATH=test/bench/stub node test/bench/activate.cjs <dist/extension.js>
const path = require('node:path');
require('vscode'); // the stand-in itself is not timed
const t0 = performance.now();
const ext = require(path.resolve(process.argv[2]));
const t1 = performance.now();
const context = new Proxy({ subscriptions: [], extensionPath: path.dirname(path.resolve(process.argv[2])), extensionMode: 1 }, {
  get(target, p) {
    if (p in target) return target[p];
    return require('vscode').__inert(`context.${String(p)}`);
  },
});
const api = ext.activate(context);
const t2 = performance.now();
console.log(`RESULT ${JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, subscriptions: context.subscriptions.length, api: api ? Object.keys(api) : [] })}`);
