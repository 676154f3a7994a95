import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPOSITORY, lintJson, resilint, scratchFolder, writeProject } from './cli-run.js';

const scratch = scratchFolder('resilint-cli-');

function project(name: string, files: Record<string, string>): string {
  return writeProject(join(scratch(), name), files);
}

/** `file:line` of every line marked `// ✗` (where the fixture expects a finding of its folder's rule). */
function markedLines(dir: string): string[] {
  return readdirSync(dir).flatMap((file) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .flatMap((text, index) => (text.trimEnd().endsWith('// ✗') ? [`${join(dir, file)}:${index + 1}`] : [])),
  );
}

describe.each(['require-timeout', 'no-unprotected-call'])('fixtures of %s', (rule) => {
  it('reports exactly the marked lines of the bad files, and every bad file', async () => {
    const dir = join(FIXTURES, rule, 'bad');
    const { run, results } = await lintJson([dir]);
    expect(run.code).toBe(1);
    const reported = results.flatMap((result) =>
      result.messages.filter((message) => message.ruleId === `resilint/${rule}`).map((message) => `${result.filePath}:${message.line}`));
    expect(reported.sort()).toEqual(markedLines(dir).sort());
    expect(new Set(reported.map((line) => line.replace(/:\d+$/, ''))).size).toBe(readdirSync(dir).length);
  });

  it('reports nothing in the good files', async () => {
    const { results } = await lintJson([join(FIXTURES, rule, 'good')]);
    expect(results.length).toBeGreaterThan(0);
    const reports = results.flatMap((result) => result.messages.filter((message) => message.ruleId === `resilint/${rule}` || message.fatal));
    expect(reports).toEqual([]);
  });
});

describe('formats', () => {
  it('prints stylish output by default, naming file, position and rule', async () => {
    const run = await resilint(['fixtures/require-timeout/bad/weather-client.ts']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('fixtures/require-timeout/bad/weather-client.ts');
    expect(run.stdout).toMatch(/10:26\s+error\s+fetch has no timeout and no abort signal.*resilint\/require-timeout/);
    expect(run.stdout).toMatch(/1 problem \(1 error, 0 warnings\)/);
  });

  it('prints SARIF 2.1.0 with one result per finding', async () => {
    const { results } = await lintJson(['fixtures/no-unprotected-call/bad']);
    const run = await resilint(['--format', 'sarif', 'fixtures/no-unprotected-call/bad']);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      $schema: string;
      runs: { tool: { driver: { name: string; rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif.*2\.1\.0/);
    const [sarifRun] = sarif.runs;
    const findings = results.flatMap((result) => result.messages);
    expect(sarifRun!.results).toHaveLength(findings.length);
    for (const result of sarifRun!.results) {
      expect(result.ruleId).toMatch(/^resilint\//);
      expect(result.level).toBe('error');
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/.*\.ts$/);
      expect(result.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(0);
    }
    const ruleMeta = sarifRun!.tool.driver.rules.find((entry) => entry.id === 'resilint/no-unprotected-call');
    expect(ruleMeta?.helpUri).toMatch(/docs\/rules\/no-unprotected-call\.md$/);
  });
});

describe('exit codes and inputs', () => {
  it('exits 0 and says so when nothing is found', async () => {
    const root = project('clean', { 'src/client.ts': "export const load = (signal: AbortSignal) => fetch('/x', { signal });\n" });
    const run = await resilint([], root);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('No resilience gaps found in 1 file.');
    expect(run.stdout).not.toContain('Skipped');
  });

  it('says how many files it left out by their path, and how to lint them', async () => {
    const load = "export const load = (signal: AbortSignal) => fetch('https://api.example.com/x', { signal });\n";
    const root = project('skipped', {
      'src/client.ts': load,
      'src/client.test.ts': load,
      'test/helpers.ts': load,
      'examples/basic.ts': load,
      'scripts/seed.js': 'module.exports = 1;\n',
      'vendor/lib.ts': load,
      'node_modules/dep/index.js': 'module.exports = 1;\n',
    });
    writeFileSync(join(root, '.eslintignore'), 'vendor/\n');
    const run = await resilint([], root);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('No resilience gaps found in 1 file.');
    expect(run.stdout).toContain('Skipped 4 files that are not product code by their path (2 tests, 1 example, 1 script); pass --all-files to lint them.');
    // with --all-files, and with an --ignore-pattern, nothing of the sort, or less
    expect((await resilint(['--all-files'], root)).stdout).not.toContain('Skipped');
    expect((await resilint(['--ignore-pattern', 'test/**', '--ignore-pattern', '**/*.test.ts'], root)).stdout).toContain('Skipped 2 files that are not product code by their path (1 example, 1 script)');
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--format', 'xml'], /Unknown format 'xml'. Use one of: stylish, json, sarif/],
    [['--concurrency', 'many'], /Invalid --concurrency 'many'/],
    [['--preset', 'lenient'], /Unknown preset 'lenient'/],
    [['no/such/path'], /No files matching 'no\/such\/path'/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const run = await resilint(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('reports a file that does not parse as not linted, apart from the findings, and goes on with the others', async () => {
    const root = project('broken', {
      'broken.ts': 'export const = fetch(;\n',
      'fine.ts': "export const load = (signal: AbortSignal) => fetch('https://api.example.com/x', { signal });\n",
    });
    const { run, results } = await lintJson(['.'], root);
    // the file Resilint could not read is no gap in the code: the run does not fail on it
    expect(run.code).toBe(0);
    const broken = results.find((result) => result.filePath.endsWith('broken.ts'));
    expect(broken?.messages).toEqual([
      expect.objectContaining({ ruleId: null, severity: 1, line: 1, message: expect.stringMatching(/^File not linted: it does not parse as JavaScript, JSX or TypeScript \(.+\)\./) }),
    ]);
    expect(broken?.messages[0]).not.toHaveProperty('fatal');
    const stylish = await resilint(['.'], root);
    expect(stylish.code).toBe(0);
    expect(stylish.stdout).toMatch(/1:\d+\s+warning\s+File not linted: it does not parse/);
  });

  it("keeps a parse error of the project's own parser an error", async () => {
    const pluginUrl = pathToFileURL(join(REPOSITORY, 'eslint-plugin/dist/index.js')).href;
    const root = project('broken-own-config', {
      'eslint.config.js': `import resilint from '${pluginUrl}';\nexport default [...resilint.configs.recommended];\n`,
      'package.json': '{ "type": "module" }\n',
      'broken.js': 'export const = fetch(;\n',
    });
    const { run, results } = await lintJson(['--use-eslint-config'], root);
    expect(run.code).toBe(1);
    expect(results.find((result) => result.filePath.endsWith('broken.js'))?.messages[0]).toMatchObject({ fatal: true, severity: 2 });
  });

  it('reads past what Babel-compiled front ends write that the standard does not', async () => {
    const root = project('babel-front-end', {
      'package.json': '{ "name": "front-end" }\n',
      // a Lambda test event kept as .js: data, nothing to lint
      'deploy/event.js': '{\n  "job": "reindex",\n  "env": { "DRY_RUN": "1" }\n}\n',
      // Babel's export-default-from proposal in a barrel, with a gap after it on a later line
      'src/widgets/index.js': "export Chart from './Chart';\nexport Table, { columns } from './Table';\nexport const refresh = () => fetch('https://api.example.com/refresh').then((res) => res.json());\n",
      // Babel's legacy decorators, before a class (with arguments spanning lines) and before a member, and its bind
      // operator (`::this.load`)
      'src/Settings.js': "import { withMixins, withTranslation, observable } from './mixins';\n@withMixins([\n  withTranslation,\n])\nexport default class Settings {\n  @observable.ref items = [];\n  load() { return fetch('https://api.example.com/settings').then((res) => res.json()); }\n  render() { return <button onClick={::this.load}>Reload</button>; }\n}\n",
      // raw `>` and `}` in JSX text, which older Babel releases accepted
      'src/Help.jsx': "export const Help = () => { fetch('https://api.example.com/help').then(console.log); return <p>Use https://&lt;host>/api, not {'{'}x}</p>; };\n",
    });
    // strict: a page's dropped promise (Help.jsx) is reported only with `checkPages`
    const { run, results } = await lintJson(['--preset', 'strict', '.'], root);
    const messagesOf = (file: string) => results.find((result) => result.filePath === join(root, file))?.messages ?? [];
    expect(messagesOf('deploy/event.js')).toEqual([]);
    // linted, and the finding sits where the code has it
    expect(messagesOf('src/widgets/index.js').map((message) => `${message.line}:${message.ruleId}`)).toContain('3:resilint/require-timeout');
    expect(messagesOf('src/Help.jsx').map((message) => message.ruleId)).toContain('resilint/no-unprotected-call');
    expect(messagesOf('src/Settings.js').map((message) => `${message.line}:${message.ruleId}`)).toContain('7:resilint/require-timeout');
    expect(results.flatMap((result) => result.messages).filter((message) => message.ruleId === null)).toEqual([]);
    expect(run.code).toBe(1);
  });

  it('parses a CommonJS file as Node runs it: a launcher may return at its top level', async () => {
    const launcher = "const https = require('https');\nif (process.argv.includes('--check')) {\n  return;\n}\nhttps.get('https://example.com/latest');\n";
    const root = project('commonjs', {
      'package.json': '{ "name": "launcher" }\n',
      'bin/launch.js': launcher,
      'bin/launch.cjs': launcher,
      'esm/package.json': '{ "type": "module" }\n',
      'esm/launch.js': launcher,
    });
    const { results } = await lintJson(['.'], root);
    const messagesOf = (file: string) => results.find((result) => result.filePath === join(root, file))?.messages ?? [];
    for (const file of ['bin/launch.js', 'bin/launch.cjs']) {
      expect(messagesOf(file).filter((message) => message.fatal), file).toEqual([]);
      // ...and linted: the request after the early return has no 'error' listener
      expect(messagesOf(file).map((message) => message.ruleId), file).toContain('resilint/no-unprotected-call');
    }
    // Node would refuse a top-level return in an ES module: that stays a parse error
    expect(messagesOf('esm/launch.js')[0]).toMatchObject({ ruleId: null, line: 3, message: expect.stringMatching(/does not parse/) });
  });

  it('lints a .js file written in TypeScript as TypeScript, and still reports one that is broken', async () => {
    const root = project('typescript-in-js', {
      'package.json': '{ "name": "ops", "type": "module" }\n',
      // a module written with TypeScript's syntax in a .js file (run by tsx)
      'lib/rotate.js': "export async function rotate(): Promise<string> {\n  const res = await fetch('https://keys.example.com/rotate', { method: 'POST' });\n  return ((await res.json()) as { id: string }).id;\n}\n",
      // a plain syntax error, in no language
      'bin/broken.js': 'export const = fetch(;\n',
    });
    const { results } = await lintJson(['.'], root);
    const messagesOf = (file: string) => results.find((result) => result.filePath === join(root, file))?.messages ?? [];
    expect(messagesOf('lib/rotate.js').filter((message) => message.fatal)).toEqual([]);
    expect(messagesOf('lib/rotate.js').map((message) => message.ruleId)).toContain('resilint/require-timeout');
    expect(messagesOf('bin/broken.js')[0]).toMatchObject({ ruleId: null, line: 1, message: expect.stringMatching(/does not parse/) });
  });

  it('skips dependencies, build output, declaration files and tests', async () => {
    const gap = "fetch('/x');\n";
    const root = project('ignores', {
      'src/app.ts': gap,
      'node_modules/lib/index.js': gap,
      'dist/app.js': gap,
      'build/app.js': gap,
      'coverage/report.js': gap,
      'src/types.d.ts': 'export declare function load(): Promise<void>;\n',
      'src/app.test.ts': gap,
      'src/__tests__/app.ts': gap,
      'test/helpers.ts': gap,
      'e2e/checkout.ts': gap,
    });
    const { results } = await lintJson([], root);
    expect(results.map((result) => result.filePath)).toEqual([join(root, 'src/app.ts')]);
  });

  it('lints JavaScript, JSX and TSX too', async () => {
    const root = project('languages', {
      'a.cjs': "const axios = require('axios');\naxios.get('/x').then(console.log);\n",
      // a page's request whose answer it uses, dropped (a fire-and-forget ping is left alone in a page)
      'b.jsx': "export const View = () => { fetch('https://api.example.com/x').then(console.log); return <div />; };\n",
      'c.tsx': "export const View = (): JSX.Element => { fetch('https://api.example.com/x').then(console.log); return <div />; };\n",
      // React components are often kept in .js files
      'd.js': "export const Badge = () => { fetch('https://api.example.com/x').then(console.log); return <span className=\"badge\" />; };\n",
    });
    // strict: the pages' dropped promises are reported only with `checkPages`
    const { results } = await lintJson(['--preset', 'strict'], root);
    expect(results).toHaveLength(4);
    for (const result of results) {
      expect(result.errorCount, result.filePath).toBeGreaterThan(0);
      expect(result.messages.filter((message) => message.fatal), result.filePath).toEqual([]);
    }
  });

  it('gives the same results with worker threads', async () => {
    const single = await lintJson(['fixtures']);
    const threaded = await lintJson(['--concurrency', '2', 'fixtures']);
    const summary = (results: JsonResult[]) => results.map((result) => [result.filePath, result.messages.map((m) => `${m.line}:${m.ruleId}`)]);
    expect(threaded.run.code).toBe(single.run.code);
    expect(summary(threaded.results)).toEqual(summary(single.results));
    expect(single.results.length).toBeGreaterThan(10);
  });

  it('says what to do when --use-eslint-config finds no config', async () => {
    const root = project('no-config', { 'app.ts': "fetch('/x');\n" });
    const run = await resilint(['--use-eslint-config'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/found no eslint\.config\.\* .*drop the option/);
  });

  it("uses the project's own config when asked, and rejects invalid settings with the key to fix", async () => {
    const pluginUrl = pathToFileURL(join(REPOSITORY, 'eslint-plugin/dist/index.js')).href;
    const root = project('own-config', {
      'eslint.config.js': `import resilint from '${pluginUrl}';\nexport default [...resilint.configs.recommended, { rules: { 'resilint/require-timeout': 'off' } }];\n`,
      'package.json': '{ "type": "module" }\n',
      'app.ts': "fetch('/x');\n",
    });
    const { run, results } = await lintJson(['--use-eslint-config'], root);
    expect(run.code).toBe(1);
    expect(results[0]!.messages.map((message) => message.ruleId)).toEqual(['resilint/no-unprotected-call']);

    writeFileSync(join(root, 'eslint.config.js'), `import resilint from '${pluginUrl}';\nexport default [...resilint.configs.recommended, { settings: { resilint: { clients: [{ modul: 'x' }] } } }];\n`);
    const invalid = await resilint(['--use-eslint-config'], root);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('settings.resilint.clients[0].modul');
  });
});

describe('which files are linted', () => {
  const gap = "export const load = () => fetch('https://api.example.com/orders');\n";

  it('lints product code only by default, and every source file with --all-files', async () => {
    const root = project('roles', {
      'src/orders.ts': gap,
      'src/orders.test.ts': gap,
      'examples/basic.ts': gap,
      'packages/sdk/example/upload.js': gap,
      'samples/quickstart.mjs': gap,
      'scripts/release.mjs': gap,
      'tools/codegen.ts': gap,
      'packages/web/tools/icons.ts': gap,
      'packages/nodes/tools/calendar.ts': gap,
      '.github/actions/notify/index.js': gap,
      'benchmarks/throughput.ts': gap,
      'bench/parse.js': gap,
      'vite.config.ts': gap,
      'src/api/client.gen.ts': gap,
      'src/api/schema.generated.ts': gap,
      'src/api/stub.ts': `// Code generated by openapi-generator. DO NOT EDIT.\n${gap}`,
      'dist/orders.js': gap,
    });
    const byDefault = await lintJson([], root);
    // a `tools` folder inside a source tree (an agent's tools) is product code; one at a package's root is tooling
    expect(byDefault.results.map((result) => result.filePath)).toEqual([
      join(root, 'packages/nodes/tools/calendar.ts'), join(root, 'src/api/stub.ts'), join(root, 'src/orders.ts'),
    ]);
    // the generated header is read by the rules: the file is linted, with nothing to report
    expect(byDefault.results.find((result) => result.filePath.endsWith('stub.ts'))?.messages).toEqual([]);

    const all = await lintJson(['--all-files'], root);
    const flagged = all.results.filter((result) => result.errorCount > 0).map((result) => result.filePath.slice(root.length + 1)).sort();
    expect(flagged).toEqual([
      '.github/actions/notify/index.js', 'bench/parse.js', 'benchmarks/throughput.ts', 'examples/basic.ts', 'packages/nodes/tools/calendar.ts',
      'packages/sdk/example/upload.js', 'packages/web/tools/icons.ts', 'samples/quickstart.mjs', 'scripts/release.mjs', 'src/api/client.gen.ts', 'src/api/schema.generated.ts', 'src/api/stub.ts', 'src/orders.test.ts',
      'src/orders.ts', 'tools/codegen.ts', 'vite.config.ts',
    ]);
  });

  it('lints the folders it is given, even one skipped by default, and skips --ignore-pattern globs', async () => {
    const root = project('named', { 'scripts/release.mjs': gap, 'scripts/legacy/old.mjs': gap, 'src/app.ts': gap });
    const scripts = await lintJson(['scripts'], root);
    expect(scripts.results.map((result) => result.filePath).sort()).toEqual([join(root, 'scripts/legacy/old.mjs'), join(root, 'scripts/release.mjs')]);
    const ignored = await lintJson(['scripts', '--ignore-pattern', 'scripts/legacy/**'], root);
    expect(ignored.results.map((result) => result.filePath)).toEqual([join(root, 'scripts/release.mjs')]);
    const everything = await lintJson(['--all-files', '--ignore-pattern', 'src/**'], root);
    expect(everything.results.map((result) => result.filePath).sort()).toEqual([join(root, 'scripts/legacy/old.mjs'), join(root, 'scripts/release.mjs')]);
  });

  it('says why a file named on the command line is not linted, in its own words', async () => {
    const root = project('named-files', { 'src/app.ts': gap, 'src/app.test.ts': gap, 'src/legacy.ts': gap });
    const { run, results } = await lintJson(['src/app.test.ts', 'src/legacy.ts', 'src/app.ts', '--ignore-pattern', 'src/legacy.ts'], root);
    expect(run.code).toBe(1);
    const notices = Object.fromEntries(results.map((result) => [result.filePath.slice(root.length + 1), result.messages.map((message) => message.ruleId ?? message.message)]));
    expect(notices).toEqual({
      'src/app.test.ts': ['File not linted: it is a test by its path. Pass --all-files to lint it.'],
      'src/legacy.ts': ['File not linted: it matches an --ignore-pattern.'],
      'src/app.ts': ['resilint/require-timeout'],
    });
  });

  it('lints a file with an old /* eslint-env */ comment as if the comment were not there, at its own lines', async () => {
    // ESLint 10 refuses such a file with a fatal error: its findings would be hidden and the run failed for a
    // comment that only named another tool's globals
    const root = project('eslint-env', {
      'src/legacy-config.js': '/* eslint-env node */\nmodule.exports = { ready: true };\n',
      'src/notify.js': '/* eslint-env node,\n   browser */\nexports.notify = () => fetch("https://hooks.example.com/ping");\n',
    });
    const { run, results } = await lintJson([], root);
    expect(run.code).toBe(1);
    const found = Object.fromEntries(results.map((result) => [result.filePath.slice(root.length + 1), result.messages.map((message) => `${message.line}:${message.ruleId ?? message.message}`)]));
    expect(found).toEqual({ 'src/legacy-config.js': [], 'src/notify.js': ['3:resilint/require-timeout'] });
    const clean = await lintJson(['src/legacy-config.js'], root);
    expect(clean.run.code).toBe(0);
  });

  it("does not let a bare line-level disable comment, written for the project's own linters, hide a finding", async () => {
    const call = "fetch('https://api.example.com/orders')";
    const root = project('blanket-disables', {
      'src/orders.ts': [
        `export const bare = () => ${call}; // eslint-disable-line`,
        '// eslint-disable-next-line -- the linter complained about the name',
        `export const nextLine = () => ${call};`,
        `export const named = () => ${call}; // eslint-disable-line resilint/require-timeout -- bounded by the proxy`,
        `export const other = () => ${call}; // eslint-disable-line no-console`,
        '',
      ].join('\n'),
      'src/region.ts': ['/* eslint-disable */', `export const region = () => ${call}; // eslint-disable-line`, '/* eslint-enable */', ''].join('\n'),
    });
    const { run, results } = await lintJson([], root);
    expect(run.code).toBe(1);
    const found = Object.fromEntries(results.map((result) => [relative(root, result.filePath).split(sep).join('/'), result.messages.map((message) => `${message.line}:${message.ruleId}`)]));
    expect(found).toEqual({
      'src/orders.ts': ['1:resilint/require-timeout', '3:resilint/require-timeout', '5:resilint/require-timeout'],
      'src/region.ts': [],
    });
    expect(results.find((result) => result.filePath.endsWith('orders.ts'))?.errorCount).toBe(3);
  });

  it("does not let a bare eslint-disable opening a file, written for the project's own lint, hide its findings", async () => {
    const call = "fetch('https://api.example.com/stacks')";
    const body = `export const describeStack = () => ${call};\n`;
    const pluginUrl = pathToFileURL(join(REPOSITORY, 'eslint-plugin/dist/index.js')).href;
    const root = project('file-disables', {
      // an old module the project's lint was switched off for: a licence header, then the bare disable
      'src/stacks.js': `/*\n * Licensed under the Apache License.\n */\n/* eslint-disable */\n${body}`,
      'src/reasoned.js': `#!/usr/bin/env node\n/* eslint-disable -- legacy, not worth linting */\n${body}`,
      // controls: a disable naming Resilint's rule, one closed by an enable (a region), one below the first code
      'src/named.js': `/* eslint-disable resilint/require-timeout -- bounded by the proxy */\n${body}`,
      'src/region.js': `/* eslint-disable */\n${body}/* eslint-enable */\n`,
      'src/later.js': `export const version = 1;\n/* eslint-disable */\n${body}`,
      'package.json': '{ "type": "module" }\n',
    });
    const { results } = await lintJson([], root);
    const found = Object.fromEntries(results.map((result) => [relative(root, result.filePath).split(sep).join('/'), result.messages.map((message) => `${message.line}:${message.ruleId}`)]));
    expect(found).toEqual({
      'src/stacks.js': ['5:resilint/require-timeout'],
      'src/reasoned.js': ['3:resilint/require-timeout'],
      'src/named.js': [],
      'src/region.js': [],
      'src/later.js': [],
    });
    // with the project's own config, Resilint is one of its linters and the comment counts as ESLint says
    writeFileSync(join(root, 'eslint.config.js'), `import resilint from '${pluginUrl}';\nexport default [...resilint.configs.recommended];\n`);
    const own = await lintJson(['--use-eslint-config', 'src/stacks.js'], root);
    expect(own.results.flatMap((result) => result.messages)).toEqual([]);
  });

  it('leaves out what the project\'s .eslintignore lists, without ESLint\'s warning about that file', async () => {
    const root = project('eslintignore', {
      '.eslintignore': '# vendored\nsrc/vendor/\n',
      'src/orders.ts': gap,
      'src/vendor/sdk.ts': gap,
    });
    const { run, results } = await lintJson(['.'], root);
    expect(run.stderr).toBe('');
    expect(results.map((result) => result.filePath)).toEqual([join(root, 'src/orders.ts')]);
  });

  it('lints a path outside the working directory', async () => {
    const service = project('outside/service', { 'src/orders.ts': gap, 'src/orders.test.ts': gap });
    const elsewhere = project('outside/elsewhere', { 'README.md': '# elsewhere\n' });
    const { run, results } = await lintJson(['../service'], elsewhere);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(results.map((result) => result.filePath)).toEqual([join(service, 'src/orders.ts')]);
  });

  it('says why a folder named beside another is skipped, and how to lint it', async () => {
    // Two folders are linted from the folder holding both, where the harness's own name makes it test code.
    const root = project('named-harness', { 'packages/api/src/orders.ts': gap, 'packages/shop-e2e-core/src/client.ts': gap });
    const skipped = await resilint(['packages/api', 'packages/shop-e2e-core'], root);
    expect(skipped.code).toBe(2);
    expect(skipped.stderr).toBe(
      "resilint: All files matched by 'shop-e2e-core' are ignored: by its path it is a test, which Resilint skips by default. Pass --all-files to lint it.\n",
    );
    const { run, results } = await lintJson(['--all-files', 'packages/api', 'packages/shop-e2e-core'], root);
    expect(run.code).toBe(1);
    expect(results.map((result) => result.filePath).sort()).toEqual([join(root, 'packages/api/src/orders.ts'), join(root, 'packages/shop-e2e-core/src/client.ts')]);
  });

  it('says which files a folder of only test code holds when none is left to lint', async () => {
    // a hand try-out app kept in its own folder (met on a newsletter server, the thirty-seventh round)
    const root = project('only-try-out', { 'test-embed/index.js': gap, 'test-embed/helpers/api.js': gap });
    const skipped = await resilint(['.'], root);
    expect(skipped.code).toBe(2);
    expect(skipped.stderr).toBe("resilint: All files matched by '.' are ignored. Skipped 2 files that are not product code by their path (2 tests); pass --all-files to lint them.\n");
  });

  it("lints the script blocks of Vue and Svelte components, at the component's own lines (strict reports a page's calls)", async () => {
    const root = project('components', {
      'src/UserList.vue': [
        '<template>',
        '  <ul><li v-for="user in users" :key="user.id">{{ user.name }}</li></ul>',
        '</template>',
        '',
        '<script setup lang="ts">',
        "import axios from 'axios';",
        "import { onMounted, ref } from 'vue';",
        '',
        'const users = ref<{ id: string; name: string }[]>([]);',
        'onMounted(async () => {',
        "  users.value = (await axios.get('https://api.example.com/users')).data;",
        '});',
        '</script>',
        '',
      ].join('\n'),
      'src/Counter.svelte': [
        '<script>',
        "  import axios from 'axios';",
        '  let count = 0;',
        '  async function refresh() {',
        "    count = (await axios.get('https://api.example.com/count')).data;",
        '  }',
        '</script>',
        '',
        '<button on:click={refresh}>{count}</button>',
        '',
      ].join('\n'),
    });
    const { run, results } = await lintJson(['--preset', 'strict'], root);
    expect(run.code).toBe(1);
    const vue = results.find((result) => result.filePath.endsWith('UserList.vue'));
    const timeouts = (messages: { ruleId: string | null }[] = []) => messages.filter((message) => message.ruleId === 'resilint/require-timeout');
    expect(timeouts(vue?.messages).map((message) => `${message.line}:${message.ruleId}`)).toEqual(['11:resilint/require-timeout']);
    const svelte = results.find((result) => result.filePath.endsWith('Counter.svelte'));
    expect(timeouts(svelte?.messages).map((message) => `${message.line}:${message.column}:${message.ruleId}`)).toEqual(['5:20:resilint/require-timeout']);
  });

  it("does not report a script's main() whose rejection ends it with an error", async () => {
    const root = project('script-main', {
      'src/report.ts': "async function main() {\n  const response = await fetch('https://api.example.com/report', { signal: AbortSignal.timeout(10_000) });\n  console.log(await response.json());\n}\nmain();\n",
    });
    const run = await resilint([], root);
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('--use-eslint-config', () => {
  // The same project as the editor's (extension/src/server/project-config.test.ts): both lint the same files.
  it("chooses the linted files with the config's settings.resilint.files, as the editor does", async () => {
    const pluginUrl = pathToFileURL(join(REPOSITORY, 'eslint-plugin/dist/index.js')).href;
    const unbounded = (path: string) => `export const call = () => fetch('https://api.example.com/${path}');\n`;
    const root = project('config-roles', {
      'eslint.config.js': [
        `import resilint from '${pluginUrl}';`,
        'export default [',
        '  ...resilint.configs.recommended,',
        "  { files: ['**/*.ts'], settings: { resilint: { files: { roles: { 'scripts/release/**': 'product', 'src/legacy/**': 'example' } } } } },",
        '];',
        '',
      ].join('\n'),
      'package.json': '{ "type": "module" }\n',
      'src/orders.ts': unbounded('orders'),
      'src/legacy/old.ts': unbounded('old'),
      'scripts/release/publish.ts': unbounded('publish'),
      'scripts/seed.ts': unbounded('seed'),
      'test/orders.test.ts': unbounded('test'),
    });
    const { run, results } = await lintJson(['--use-eslint-config'], root);
    expect(run.code).toBe(1);
    const linted = (list: typeof results) => list.map((result) => relative(root, result.filePath).split(sep).join('/')).sort();
    expect(linted(results)).toEqual(['scripts/release/publish.ts', 'src/orders.ts']);
    expect(linted(results.filter((result) => result.messages.some((message) => message.ruleId === 'resilint/require-timeout')))).toEqual(['scripts/release/publish.ts', 'src/orders.ts']);
    // a file named on the command line that the roles skip says why, as the path roles' ignores do
    const named = await lintJson(['--use-eslint-config', 'scripts/seed.ts'], root);
    expect(named.results.flatMap((result) => result.messages.map((message) => message.message))).toEqual(['File not linted: it is a script by its path.']);
  });


  it("fails on Resilint's findings only, whatever the project's other rules and disable comments say", async () => {
    const pluginUrl = pathToFileURL(join(REPOSITORY, 'eslint-plugin/dist/index.js')).href;
    const promiseUrl = pathToFileURL(join(REPOSITORY, 'node_modules/eslint-plugin-promise/index.js')).href;
    const root = project('other-plugins', {
      'eslint.config.js': [
        `import resilint from '${pluginUrl}';`,
        `import promise from '${promiseUrl}';`,
        'export default [',
        '  ...resilint.configs.recommended,',
        "  { plugins: { promise }, rules: { 'promise/catch-or-return': 'error', 'no-console': 'error' } },",
        "  { linterOptions: { reportUnusedDisableDirectives: 'error' } },",
        '];',
        '',
      ].join('\n'),
      'package.json': '{ "type": "module" }\n',
      'src/app.ts': [
        '// eslint-disable-next-line import/no-cycle',
        "import { helper } from './helper';",
        '/* eslint-disable-next-line no-debugger */',
        'export const run = () => helper().then(console.log);',
        '',
      ].join('\n'),
      'src/helper.ts': "export const helper = async () => 42;\n",
    });
    const clean = await lintJson(['--use-eslint-config'], root);
    expect(clean.results.flatMap((result) => result.messages)).toEqual([]);
    expect(clean.run.code).toBe(0);

    writeFileSync(join(root, 'src/fetcher.ts'), "export const load = () => fetch('https://api.example.com/x');\n");
    const { run, results } = await lintJson(['--use-eslint-config'], root);
    expect(run.code).toBe(1);
    expect(results.flatMap((result) => result.messages.map((message) => message.ruleId))).toEqual(['resilint/require-timeout']);
  });
});

