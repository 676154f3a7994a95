import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import plugin from 'eslint-plugin-resilint';
// Shared with the lint benchmark, which times the same generated code.
import { moduleOfUnits, realisticModule } from '../bench/realistic-code.mjs';

// Every rule, as users run them (the plugin's own `all` and `strict` configs, built in `dist/`), over
// input that real projects and half-typed editor buffers contain. ESLint turns a parse failure into a
// fatal message; a rule that throws makes `verify` throw, which is the crash these tests look for.
const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(REPOSITORY, 'fixtures');
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

type FlatConfig = Linter.Config;
const jsx: FlatConfig = {
  files: ['**/*.{js,jsx,mjs,cjs}'],
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
};
const commonjs: FlatConfig = { files: ['**/*.{cjs,cts}'], languageOptions: { sourceType: 'commonjs' } };
const asArray = (config: unknown): FlatConfig[] => [config].flat() as FlatConfig[];
const presets = {
  all: [jsx, commonjs, ...asArray(plugin.configs.all)],
  strict: [jsx, commonjs, ...asArray(plugin.configs.strict)],
};
// The same files and parsers with no rule at all: what ESLint alone reports.
const parseOnly = presets.all.filter((config) => !config.rules);
const linter = new Linter({ configType: 'flat', cwd: REPOSITORY });

interface Outcome {
  fatal: string | undefined;
  findings: Linter.LintMessage[];
}

function lint(code: string, filename: string, config: FlatConfig[]): Outcome {
  const messages = linter.verify(code, config, { filename: join(REPOSITORY, filename) });
  return {
    fatal: messages.find((message) => message.fatal)?.message,
    findings: messages.filter((message) => !message.fatal && message.ruleId?.startsWith('resilint/')),
  };
}

/**
 * Lints with the given presets (default: `all`, every rule); a crash fails here. Parse failures must be
 * exactly those of ESLint alone.
 */
function lintChecked(code: string, filename: string, names: (keyof typeof presets)[] = ['all']): Outcome {
  const baseline = lint(code, filename, parseOnly);
  let outcome: Outcome | undefined;
  for (const name of names) {
    let result: Outcome;
    try {
      result = lint(code, filename, presets[name]);
    } catch (error) {
      throw new Error(`resilint (${name}) crashed on ${filename}: ${(error as Error).message}`, { cause: error });
    }
    expect(result.fatal, `${name} on ${filename}: same parse outcome as ESLint alone`).toBe(baseline.fatal);
    outcome ??= result;
  }
  return outcome!;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const fixtureFiles = sourceFiles(FIXTURES).map((path) => ({
  name: relative(REPOSITORY, path),
  code: readFileSync(path, 'utf8'),
}));
const badFixtures = fixtureFiles.filter((file) => file.name.includes('/bad/'));

describe('mutated fixtures', () => {
  it('has realistic fixtures to mutate, some of which the rules report', () => {
    expect(badFixtures.length).toBeGreaterThan(10);
    for (const file of badFixtures) {
      const { fatal, findings } = lintChecked(file.code, file.name, ['all', 'strict']);
      expect(fatal, file.name).toBeUndefined();
      expect(findings.length, `${file.name} is a bad fixture`).toBeGreaterThan(0);
    }
  });

  // A file cut off mid-way is what the editor lints on every keystroke.
  it.each(fixtureFiles)('$name truncated at each quarter of its length', ({ name, code }) => {
    for (let quarter = 1; quarter < 4; quarter++) {
      lintChecked(code.slice(0, Math.floor((code.length * quarter) / 4)), name);
    }
  });

  it('survives random deletions, insertions and bracket damage', () => {
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('{', '}', '(', ')', '`', "'", '=>', 'await ', ';', '/*', '<', '@') }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...fixtureFiles), fc.array(damage, { minLength: 1, maxLength: 4 }), (file, edits) => {
        let code = file.code;
        for (const edit of edits) {
          const at = edit.at % (code.length + 1);
          code = edit.kind === 'delete' ? code.slice(0, at) + code.slice(at + edit.length) : code.slice(0, at) + edit.text + code.slice(at);
        }
        lintChecked(code, file.name);
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it('reports a syntax error as one fatal message, with its line, and no crash', () => {
    const { fatal } = lintChecked('const response = await fetch(url, { signal );\n', 'src/broken.ts');
    expect(fatal).toMatch(/Parsing error/);
  });
});

describe('input that is not ordinary source', () => {
  it.each([
    ['an empty file', '', 'empty.ts'],
    ['only comments', '// nothing\n/* here */\n', 'comments.ts'],
    ['a hashbang, a BOM and CRLF line ends', '\uFEFF#!/usr/bin/env node\r\nawait fetch(url);\r\n', 'cli.mjs'],
    ['binary bytes', String.fromCharCode(...Array.from({ length: 512 }, (_, index) => (index * 37) % 256)), 'blob.js'],
    ['one 200,000-character line', `const data = [${'1,'.repeat(100_000)}];\nawait fetch(url);\n`, 'minified.js'],
  ])('%s', (_label, code, filename) => {
    lintChecked(code, filename);
  });
});

// Each sample puts external calls inside an unusual construct; the marked lines must still be reported,
// which shows the rules walked into the construct rather than skipping it.
const unusualSyntax: [string, string, string][] = [
  [
    'legacy and standard decorators',
    'service.ts',
    `import axios from 'axios';
function Injectable(): ClassDecorator { return () => {}; }
function Log(_target: unknown, _key: string | symbol, descriptor: PropertyDescriptor) { return descriptor; }
@Injectable()
export class Payments {
  @Log
  async charge(id: string) {
    return axios.post(\`/charges/\${id}\`, {}); // require-timeout
  }
  @Log
  static async refund(id: string) {
    return fetch(\`/refunds/\${id}\`, { method: 'POST' }); // require-timeout
  }
}`,
  ],
  [
    // (calls to another origin: the page's own back end is left to checkOwnOrigin)
    'JSX with handlers in a .tsx file',
    'Profile.tsx',
    `import { useEffect, useState } from 'react';
export function Profile({ id }: { id: string }) {
  const [user, setUser] = useState<unknown>(null);
  useEffect(() => {
    fetch(\`https://api.example.com/users/\${id}\`).then((r) => r.json()).then(setUser); // require-timeout
  }, [id]);
  return <button onClick={async () => { await fetch('https://api.example.com/logout', { method: 'POST' }); }}>{String(user)}</button>; // require-timeout
}`,
  ],
  [
    'JSX in a .jsx file',
    'List.jsx',
    `export function List({ items }) {
  const refresh = () => fetch('https://api.example.com/items'); // require-timeout
  return <ul onClick={refresh}>{items.map((item) => <li key={item.id}>{item.name}</li>)}</ul>;
}`,
  ],
  [
    'using and await using',
    'resources.ts',
    `export async function withConnection() {
  await using connection = { async [Symbol.asyncDispose]() { await fetch('/disconnect'); } }; // require-timeout
  using timer = { [Symbol.dispose]() {} };
  return fetch('/work'); // require-timeout
}`,
  ],
  [
    'satisfies, as const and enums',
    'config.ts',
    `const enum Method { Get = 'GET', Post = 'POST' }
enum Region { Eu = 'eu', Us = 'us' }
const endpoints = { eu: 'https://eu.example.com', us: 'https://us.example.com' } as const satisfies Record<Region, string>;
export const load = (region: Region) => fetch(endpoints[region], { method: Method.Get } satisfies RequestInit); // require-timeout`,
  ],
  [
    'namespaces and module declarations',
    'legacy.ts',
    `declare module 'vendor' { export function call(): Promise<void>; }
declare global { interface Window { appVersion: string } }
export namespace Billing.Invoices {
  export async function send(id: string) {
    return fetch(\`/invoices/\${id}/send\`, { method: 'POST' }); // require-timeout
  }
}
namespace Internal { export const ping = () => fetch('/ping'); } // require-timeout`,
  ],
  [
    'CommonJS with require and module.exports',
    'client.cjs',
    `'use strict';
const axios = require('axios');
const { get } = require('node:https');
module.exports.fetchUser = async function fetchUser(id) {
  const { data } = await axios.get('/users/' + id); // require-timeout
  return data;
};
exports.ping = () => get('https://status.example.com', (res) => res.resume()); // require-timeout`,
  ],
  [
    'import-equals and export-equals',
    'interop.ts',
    `import got = require('got');
async function download(url: string) { return got(url).buffer(); } // require-timeout
export = download;`,
  ],
  [
    'top-level await, import.meta and optional calls',
    'script.mts',
    `const config = await fetch(\`https://config.example.com/\${import.meta.url.length}.json\`); // require-timeout
const maybe = globalThis.fetch;
await maybe?.('/health'); // require-timeout
export default await config.json();`,
  ],
  [
    'class fields, static blocks, private methods, generators and labels',
    'worker.ts',
    `export class Worker {
  static #instances = 0;
  static { Worker.#instances = 0; }
  #queue: string[] = [];
  async #flush() { return fetch('/flush', { method: 'POST' }); } // require-timeout
  async *pages() {
    outer: for (let page = 0; ; page++) {
      const response = await fetch(\`/items?page=\${page}\`); // require-timeout
      if (!response.ok) break outer;
      yield response.json();
    }
  }
  get size() { return this.#queue.length; }
}`,
  ],
  [
    'overloads, abstract classes and generics',
    'repository.ts',
    `export abstract class Repository<T extends { id: string }> {
  abstract path: string;
  find(id: string): Promise<T>;
  find(ids: string[]): Promise<T[]>;
  async find(idOrIds: string | string[]): Promise<T | T[]> {
    const response = await fetch(\`\${this.path}/\${String(idOrIds)}\`); // require-timeout
    return (await response.json()) as T | T[];
  }
}`,
  ],
];

describe('unusual syntax', () => {
  it.each(unusualSyntax)('%s: no crash, and the calls inside are still found', (_label, filename, code) => {
    const { fatal, findings } = lintChecked(code, filename, ['strict', 'all']); // strict's findings: it reports a page's calls too
    expect(fatal).toBeUndefined();
    const expectedLines = code
      .split('\n')
      .flatMap((line, index) => (line.includes('// require-timeout') ? [index + 1] : []));
    const reportedLines = findings.filter((message) => message.ruleId === 'resilint/require-timeout').map((message) => message.line);
    expect([...new Set(reportedLines)].sort((a, b) => a - b)).toEqual(expectedLines);
  });
});

// False reports met on real code bases (supabase-js, botbuilder-js, botpress), reduced to their shape. None of them
// retries against a dependency: each must stay unreported by every rule.
const falseReportsOnRealCode: [string, string, string][] = [
  [
    'a fetch wrapper that forwards its caller\'s arguments, options and signal included',
    'resolve-fetch.ts',
    `type Fetch = typeof fetch;
export const resolveFetch = (customFetch?: Fetch): Fetch => {
  if (customFetch) {
    return (...args: Parameters<Fetch>) => customFetch(...args);
  }
  return (...args: Parameters<Fetch>) => fetch(...args);
};`,
  ],
  [
    'a test helper polling a synchronous assertion at a fixed interval',
    'wait-for.js',
    `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
module.exports.waitFor = async function waitFor(callback, { interval = 50, timeout = 1000 } = {}) {
  let lastError;
  for (const startTime = Date.now(); Date.now() < startTime + timeout; ) {
    try {
      return callback();
    } catch (error) {
      lastError = error;
      await sleep(interval);
    }
  }
  throw lastError || new Error('timed out');
};`,
  ],
  [
    'retrying a local file deletion a bounded number of times',
    'delete-files.cjs',
    `const fs = require('fs');
function deleteFiles(files, count, callback) {
  if (count > 3) throw new Error('Could not delete file ' + files[0]);
  if (files.length === 0) return callback();
  try {
    if (fs.existsSync(files[0])) fs.unlinkSync(files[0]);
    deleteFiles(files.slice(1), 0, callback);
  } catch (error) {
    setTimeout(() => deleteFiles(files, count + 1, callback), 1500);
  }
}
module.exports = deleteFiles;`,
  ],
  [
    'a loop that leaves the decision to retry, and any wait, to an awaited hook',
    'tool.ts',
    `export class Tool {
  readonly maxAttempts = 3;
  constructor(
    private readonly handler: (input: unknown) => Promise<unknown>,
    private readonly shouldRetry?: (failure: { attempt: number; error: unknown }) => Promise<boolean>,
  ) {}
  async execute(input: unknown): Promise<unknown> {
    let attempt = 0;
    while (attempt < this.maxAttempts) {
      try {
        return await this.handler(input);
      } catch (error) {
        if (!(await this.shouldRetry?.({ attempt: ++attempt, error }))) throw error;
      }
    }
    throw new Error('failed');
  }
}`,
  ],
];

describe('false reports found on real code', () => {
  it.each(falseReportsOnRealCode)('%s is not reported', (_label, filename, code) => {
    const { fatal, findings } = lintChecked(code, filename, ['all', 'strict']);
    expect(fatal).toBeUndefined();
    expect(findings.map((message) => `${message.line}: ${message.ruleId}`)).toEqual([]);
  });
});

describe('size and depth', () => {
  it('finds the same problems in every copy of a unit repeated to 50,000 lines', () => {
    // A stateful or size-dependent rule would find more or fewer per unit as the file grows.
    const one = lint(moduleOfUnits(1), 'generated.ts', presets.all).findings.length;
    const perUnit = lint(moduleOfUnits(2), 'generated.ts', presets.all).findings.length - one;
    expect(perUnit).toBeGreaterThan(0);
    const large = realisticModule(50_000);
    const units = large.split('export class ReportJob').length - 1;
    expect(large.split('\n').length).toBeGreaterThanOrEqual(50_000);
    const { fatal, findings } = lint(large, 'generated.ts', presets.all);
    expect(fatal).toBeUndefined();
    expect(findings.length).toBe(one + (units - 1) * perUnit);
    // How long this takes is measured by bench/lint.mjs (time per 1,000 lines); the limit here only
    // keeps a pathological rule from hanging the suite on a loaded machine.
  }, 600_000);

  // The parser gives up on deep nesting long before memory runs out (it reports "Maximum call stack size
  // exceeded" as a parse error). The rules must handle any depth that ESLint alone can parse and walk,
  // with a tenth of the stack to spare for their own analysis.
  // One construct a line, as written code is (a single line thousands of characters long reads as a minified bundle).
  it.each([
    ['nested callbacks', (depth: number) => `${'await (async () => {\n'.repeat(depth)}await fetch(url);${'\n})();'.repeat(depth)}`],
    ['nested blocks', (depth: number) => `async function run() {\n${'if (ready) {\n'.repeat(depth)}await fetch(url);${'\n}'.repeat(depth)}\n}`],
    ['a long promise chain', (depth: number) => `fetch(url)${'\n  .then((response) => response)'.repeat(depth)}\n  .catch(() => null);`],
    ['nested loops with try', (depth: number) => `async function run(items: string[]) {\n${'for (const item of items) { try {\n'.repeat(depth)}await fetch(url);${'\n} catch { continue; } }'.repeat(depth)}\n}`],
  ])('%s as deep as ESLint alone can go', (_label, build) => {
    const parses = (depth: number) => lint(build(depth), 'deep.ts', parseOnly).fatal === undefined;
    let low = 1;
    let high = 4_096;
    expect(parses(low)).toBe(true);
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (parses(middle)) low = middle;
      else high = middle - 1;
    }
    // well inside the limit: how deep a parse goes varies from run to run with how much of the parser V8 has optimised
    // (its frames are smaller then), and a depth at 90% of the limit was once past it on the next parse
    const depth = Math.max(1, Math.floor(low * 0.7));
    const { fatal, findings } = lintChecked(build(depth), 'deep.ts', ['all', 'strict']);
    expect(fatal).toBeUndefined();
    expect(findings.some((message) => message.ruleId === 'resilint/require-timeout')).toBe(true);
  });
});

describe('every JavaScript and TypeScript file of this repository', () => {
  // Tracked files only: the working tree may hold someone's half-written scratch file.
  const tracked = execFileSync('git', ['ls-files', '-z', 'eslint-plugin/src', 'packages/runtime/src', 'extension/src', 'test', 'bench'], {
    cwd: REPOSITORY,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((path) => SOURCE.test(path) && !/\.d\.[cm]?ts$/.test(path));
  it.each(tracked.map((path) => [path, readFileSync(join(REPOSITORY, path), 'utf8')]))('%s', (name, code) => {
    const { fatal } = lintChecked(code, name);
    expect(fatal).toBeUndefined();
  });
});
