import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real, built `resilint` bin over the fixtures: build first (`npm run build`).
const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(REPOSITORY, 'eslint-plugin/bin/resilint.js');
const BUILT = join(REPOSITORY, 'eslint-plugin/dist/cli/resilint.js');
const FIXTURES = join(REPOSITORY, 'fixtures');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function resilint(args: string[], cwd = REPOSITORY): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

interface JsonResult {
  filePath: string;
  errorCount: number;
  messages: { ruleId: string | null; fatal?: boolean; message: string; line: number }[];
}

async function lintJson(args: string[], cwd = REPOSITORY): Promise<{ run: Run; results: JsonResult[] }> {
  const run = await resilint(['--format', 'json', ...args], cwd);
  return { run, results: JSON.parse(run.stdout) as JsonResult[] };
}

let scratch: string;

beforeAll(() => {
  if (!existsSync(BUILT)) throw new Error('The CLI is not built: run `npm run build` before these tests.');
  scratch = mkdtempSync(join(tmpdir(), 'resilint-cli-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function project(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
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

  it('reports a file that does not parse and goes on with the others', async () => {
    const root = project('broken', {
      'broken.ts': 'export const = fetch(;\n',
      'fine.ts': "fetch('/x');\n",
    });
    const { run, results } = await lintJson(['.'], root);
    expect(run.code).toBe(1);
    const broken = results.find((result) => result.filePath.endsWith('broken.ts'));
    expect(broken?.messages[0]).toMatchObject({ fatal: true });
    const fine = results.find((result) => result.filePath.endsWith('fine.ts'));
    expect(fine?.messages.map((message) => message.ruleId)).toContain('resilint/no-unprotected-call');
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
      'b.jsx': "export const View = () => { fetch('/x'); return <div />; };\n",
      'c.tsx': "export const View = (): JSX.Element => { fetch('/x'); return <div />; };\n",
    });
    const { results } = await lintJson([], root);
    expect(results).toHaveLength(3);
    for (const result of results) expect(result.errorCount, result.filePath).toBeGreaterThan(0);
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
