// The README's first screen is for writers; the commands for a fresh machine follow soon after.
// The README and the CLI's help name the same options; npm start's playground is ignored by git.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { HELP } from '../../src/cli/args';

const root = process.cwd();
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const lines = readme.split('\n');
const lineOf = (re: RegExp) => lines.findIndex((l) => re.test(l)) + 1;

test('README: what it does, install (.vsix) and a quick start with the screenshot come first', () => {
  const install = lineOf(/^## Install$/);
  const quick = lineOf(/^## Quick start$/);
  const shot = lineOf(/^!\[.*\]\(docs\/images\/hover\.png\)$/);
  assert.ok(install > 0 && install < quick && quick < shot, `install ${install}, quick start ${quick}, screenshot ${shot}`);
  assert.match(lines.slice(install, quick).join('\n'), /\.vsix/);
  // nothing for developers before the install section
  assert.doesNotMatch(lines.slice(0, install).join('\n'), /npm (ci|start|test)/);
  assert.ok(fs.existsSync(path.join(root, 'docs/images/hover.png')));
});

test('README: "Try it / develop" within the first 40 lines starts with npm ci && npm start, then npm ci && npm test', () => {
  const tryIt = lineOf(/^## Try it \/ develop$/);
  assert.ok(tryIt > 0 && tryIt <= 40, `at line ${tryIt}`);
  const commands = lines.slice(tryIt).filter((l) => /^npm /.test(l));
  assert.match(commands[0], /^npm ci && npm start\s/);
  assert.match(commands[1], /^npm ci && npm test\s/);
  assert.ok(lineOf(/^npm ci && npm test\s/) <= 40);
});

test('README names the Node version of package.json and explains the EBADENGINE warnings', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node?: string } };
  const major = /\d+/.exec(pkg.engines.node ?? '')?.[0];
  assert.ok(major, 'package.json engines.node');
  assert.match(readme.slice(0, readme.indexOf('## About')), new RegExp(`\\*\\*Node ${major}\\*\\*`));
  assert.match(readme, /EBADENGINE/);
  assert.ok(Number(process.versions.node.split('.')[0]) >= Number(major), `this Node ${process.version} satisfies engines.node ${pkg.engines.node}`);
});

test('every lint option of the CLI help is in the README', () => {
  for (const [, opt] of HELP.lint.matchAll(/^ {2}(--[a-z-]+)/gm)) {
    if (opt === '--help') continue;
    assert.ok(readme.includes(opt), `${opt} in README.md`);
  }
});

test('npm start: the playground folder is ignored by git and named in the README', () => {
  const start = fs.readFileSync(path.join(root, 'test/harness/start.mjs'), 'utf8');
  const folder = /process\.env\.PLAYGROUND \?\? '([^']+)'/.exec(start)?.[1];
  assert.equal(folder, '.playground');
  assert.match(fs.readFileSync(path.join(root, '.gitignore'), 'utf8'), /^\.playground\/$/m);
  assert.match(readme, /`\.playground\/`/);
  // the walkthrough is not turned off by npm start
  assert.doesNotMatch(start, /startupEditor['"]?: *'none'/);
});
