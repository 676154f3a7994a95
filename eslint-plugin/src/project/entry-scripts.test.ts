import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';
import { runsItselfAtTopLevel } from './entry-scripts.js';

const scratch = mkdtempSync(join(tmpdir(), 'resilint-entry-scripts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runsItself(code: string): boolean {
  return runsItselfAtTopLevel(parse(code, { sourceType: 'module', ecmaVersion: 'latest' }) as Parameters<typeof runsItselfAtTopLevel>[0]);
}

describe('runsItselfAtTopLevel', () => {
  it.each([
    ['a main() of its own', 'async function main() { await fetch("https://cdn.example.com/purge"); }\nmain();'],
    ['a main() whose failure is chained', 'const sync = async () => {};\nsync().then(() => process.exit(0)).catch(() => process.exit(1));'],
    ['a voided run()', 'async function run() {}\nvoid run();'],
    ['an async function invoked in place', '(async () => { await fetch("https://cdn.example.com/purge"); })();'],
    ['a top-level await', 'const response = await fetch("https://cdn.example.com/config");\nconsole.log(await response.text());'],
    ['a main() run when the file is run directly', 'function main() {}\nif (require.main === module) { main(); }'],
  ])('runs itself: %s', (_, code) => {
    expect(runsItself(code)).toBe(true);
  });

  it.each([
    ['it exports what it defines', 'export async function main() {}\nmain();'],
    ['it exports through module.exports', 'async function main() {}\nmodule.exports.main = main;\nmain();'],
    ['it only defines functions', 'async function main() {}'],
    ['the call at its top level is an import\'s', 'import { start } from "./server";\nstart();'],
    ['it only registers a listener', 'process.on("exit", () => console.log("bye"));'],
  ])('does not run itself as a script: %s', (_, code) => {
    expect(runsItself(code)).toBe(false);
  });
});

/** Writes a small monorepo's files (paths below the scratch folder) and returns the absolute path of each. */
function workspace(name: string, files: Record<string, string>): (path: string) => string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return (path) => join(root, path);
}

/** The lines require-timeout reports in a file, linted with `recommended`. */
function timeoutFindings(file: string, text: string): number[] {
  const config = plugin.configs.recommended as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(text, config, { filename: file })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => message.line);
}

// A monorepo of a CDN plugin: the published plugin ships lib/ (built from src/index.ts) and keeps a script under
// src/ that pushes its settings to the CDN by hand; its command-line package ships src/purge.ts as its bin; a
// warmer (started by its container, which no package.json names) keeps running on a timer; a tool module runs itself but is imported by the plugin too.
const PUSH_SETTINGS = `async function pushSettings() {
  await fetch('https://api.cdn.example.com/settings', { method: 'PUT', body: '{}' });
}
async function main() {
  await pushSettings();
}
main().catch((error) => { console.error(error); process.exit(1); });
`;
const PURGE_COMMAND = `async function main() {
  await fetch('https://api.cdn.example.com/purge', { method: 'POST' });
}
main();
`;
const WARMER = `async function warm() {
  await fetch('https://shop.example.com/');
}
setInterval(() => void warm(), 60_000);
(async () => { await warm(); })();
`;
const SHARED_WARM_UP = `(async () => {
  await fetch('https://shop.example.com/health');
})();
`;
const PLUGIN_INDEX = `import './warm-up';
export async function purge(path: string) {
  return fetch('https://api.cdn.example.com/purge/' + path, { method: 'POST' });
}
`;

// A back end's one-off data fixes kept under `src/commands/` (where an oclif CLI keeps its commands, classes it
// exports for the framework to load), each run by hand with ts-node; and a real command beside them.
const BACKFILL = `const API = process.env.CRM_URL ?? 'https://crm.example.com';
const command = async () => {
  await fetch(API + '/contacts/reindex', { method: 'POST' });
  console.log('done');
  process.exit();
};
command();
`;
const OCLIF_COMMAND = `export default class Sync {
  async run() {
    await fetch('https://crm.example.com/contacts/sync', { method: 'POST' });
  }
}
`;

const file = workspace('cdn', {
  'packages/crm-api/package.json': JSON.stringify({ name: 'crm-api', private: true, dependencies: { express: '^4' } }),
  'packages/crm-api/src/commands/backfillContacts.ts': BACKFILL,
  'packages/crm-api/src/commands/sync.ts': OCLIF_COMMAND,
  'package.json': JSON.stringify({ name: 'cdn', private: true, workspaces: ['packages/*'] }),
  'packages/cdn-plugin/package.json': JSON.stringify({ name: '@example/cdn-plugin', main: 'lib/index.js', files: ['lib/**/*'] }),
  'packages/cdn-plugin/src/index.ts': PLUGIN_INDEX,
  'packages/cdn-plugin/src/push-settings.mjs': PUSH_SETTINGS,
  'packages/cdn-plugin/src/warm-up.ts': SHARED_WARM_UP,
  'packages/cdn-cli/package.json': JSON.stringify({ name: '@example/cdn-cli', bin: { cdn: './dist/purge.js' } }),
  'packages/cdn-cli/src/purge.ts': PURGE_COMMAND,
  'packages/cdn-warmer/package.json': JSON.stringify({ name: 'cdn-warmer', private: true }),
  'packages/cdn-warmer/src/warmer.ts': WARMER,
});

describe('a script kept among the sources', () => {
  it('is not product code when it runs itself, exports nothing, nothing imports it and its package ships something else', () => {
    expect(timeoutFindings(file('packages/cdn-plugin/src/push-settings.mjs'), PUSH_SETTINGS)).toEqual([]);
    // the package's own code beside it is still reported
    expect(timeoutFindings(file('packages/cdn-plugin/src/index.ts'), PLUGIN_INDEX)).toEqual([3]);
  });

  it('is not product code under a folder a framework loads modules from, when it exports nothing for one to load', () => {
    expect(timeoutFindings(file('packages/crm-api/src/commands/backfillContacts.ts'), BACKFILL)).toEqual([]);
    expect(timeoutFindings(file('packages/crm-api/src/commands/sync.ts'), OCLIF_COMMAND)).toEqual([3]);
  });

  it('stays product code when its package ships it as a command (bin), whose failures its users meet', () => {
    expect(timeoutFindings(file('packages/cdn-cli/src/purge.ts'), PURGE_COMMAND)).toEqual([2]);
  });

  it('stays product code when it keeps running (a timer, a server, a worker), however it is started', () => {
    expect(timeoutFindings(file('packages/cdn-warmer/src/warmer.ts'), WARMER)).toEqual([2]);
  });

  it('stays product code when a module of the project imports it', () => {
    expect(timeoutFindings(file('packages/cdn-plugin/src/warm-up.ts'), SHARED_WARM_UP)).toEqual([2]);
  });

  it('is product code again when the user gives it that role', () => {
    const settings = { resilint: { files: { roles: { 'cdn-plugin/src/push-settings.mjs': 'product' } } } };
    const config = [...(plugin.configs.recommended as unknown as Linter.Config[]), { settings }];
    const lines = new Linter({ configType: 'flat', cwd: '/' }).verify(PUSH_SETTINGS, config, { filename: file('packages/cdn-plugin/src/push-settings.mjs') })
      .filter((message) => message.ruleId === 'resilint/require-timeout').map((message) => message.line);
    expect(lines).toEqual([2]);
  });
});
