import { execFile } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPOSITORY, lintJson, resilint, scratchFolder, writeProject, type Run } from './cli-run.js';

// Adopting Resilint in a code base that has gaps today: record them, fail only on new ones, shrink the record as
// they are fixed; in ESLint's own suppressions file, so `eslint` and `resilint` agree.

const UNBOUNDED = (name: string) => `export const ${name} = () => fetch('https://api.example.com/${name}');\n`;
const ESLINT_BIN = join(REPOSITORY, 'node_modules/eslint/bin/eslint.js');

const scratch = scratchFolder('resilint-suppressions-');

function eslint(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ESLINT_BIN, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const reported = (results: { filePath: string; messages: { ruleId: string | null }[] }[]) =>
  results.flatMap((result) => result.messages.map((message) => `${result.filePath.slice(result.filePath.lastIndexOf('/src/') + 1)} ${message.ruleId}`));

describe('bulk suppressions', () => {
  it('records today\'s findings, then fails on a new gap only, and asks for a prune once a recorded gap is fixed', async () => {
    const root = writeProject(join(scratch(), 'adopt'), {
      'src/orders.ts': UNBOUNDED('orders') + UNBOUNDED('refunds'),
      'src/users.ts': UNBOUNDED('users'),
    });
    const recorded = await resilint(['--suppress-all'], root);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toContain('No new resilience gaps found in 2 files; 3 known findings left out, as eslint-suppressions.json records.');
    expect(JSON.parse(readFileSync(join(root, 'eslint-suppressions.json'), 'utf8'))).toEqual({
      'src/orders.ts': { 'resilint/require-timeout': { count: 2 } },
      'src/users.ts': { 'resilint/require-timeout': { count: 1 } },
    });

    // one more gap in a recorded file brings back all of that file's findings of the rule, as ESLint does
    writeFileSync(join(root, 'src/users.ts'), UNBOUNDED('users') + UNBOUNDED('avatars'));
    writeFileSync(join(root, 'src/billing.ts'), UNBOUNDED('billing'));
    const { run, results } = await lintJson([], root);
    expect(run.code).toBe(1);
    expect(reported(results).sort()).toEqual(['src/billing.ts resilint/require-timeout', 'src/users.ts resilint/require-timeout', 'src/users.ts resilint/require-timeout']);

    // the new gaps fixed and a recorded one too: the record is now larger than the code's gaps
    writeFileSync(join(root, 'src/users.ts'), UNBOUNDED('users'));
    writeFileSync(join(root, 'src/billing.ts'), "export const billing = () => fetch('https://api.example.com/billing', { signal: AbortSignal.timeout(5_000) });\n");
    writeFileSync(join(root, 'src/orders.ts'), UNBOUNDED('orders'));
    const stale = await resilint([], root);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(/still records findings that are gone \(in src\/orders\.ts\).*--prune-suppressions/);
    expect((await resilint(['--pass-on-unpruned-suppressions'], root)).code).toBe(0);

    const pruned = await resilint(['--prune-suppressions'], root);
    expect(pruned.code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'eslint-suppressions.json'), 'utf8'))).toEqual({
      'src/orders.ts': { 'resilint/require-timeout': { count: 1 } },
      'src/users.ts': { 'resilint/require-timeout': { count: 1 } },
    });
  });

  it('shares one file with ESLint: each tool honours what the other wrote, byte for byte', async () => {
    const pluginUrl = pathToFileURL(join(REPOSITORY, 'eslint-plugin/dist/index.js')).href;
    const root = writeProject(join(scratch(), 'with-eslint'), {
      'eslint.config.js': `import resilint from '${pluginUrl}';\nexport default [...resilint.configs.recommended];\n`,
      'package.json': '{ "type": "module" }\n',
      'src/orders.ts': UNBOUNDED('orders'),
      'src/users.ts': "export async function load(id: string) {\n  const response = await fetch(`https://api.example.com/users/${id}`);\n  return response.json();\n}\nload('x');\n",
    });
    expect((await eslint(['--suppress-all', 'src'], root)).code).toBe(0);
    const byEslint = readFileSync(join(root, 'eslint-suppressions.json'), 'utf8');
    expect(Object.keys(JSON.parse(byEslint) as object).sort()).toEqual(['src/orders.ts', 'src/users.ts']);
    expect((await resilint(['src'], root)).code).toBe(0);

    unlinkSync(join(root, 'eslint-suppressions.json'));
    expect((await resilint(['--suppress-all', 'src'], root)).code).toBe(0);
    expect(readFileSync(join(root, 'eslint-suppressions.json'), 'utf8')).toBe(byEslint);
    writeFileSync(join(root, 'src/billing.ts'), UNBOUNDED('billing'));
    const byBoth = [await eslint(['--format', 'json', 'src'], root), await resilint(['--format', 'json', 'src'], root)];
    for (const run of byBoth) {
      expect(run.code).toBe(1);
      expect(reported(JSON.parse(run.stdout) as never)).toEqual(['src/billing.ts resilint/require-timeout']);
    }
  });

  it('records one rule with --suppress-rule, and marks suppressed results in SARIF', async () => {
    const root = writeProject(join(scratch(), 'one-rule'), {
      'src/jobs.ts': "export async function sync() {\n  await fetch('https://api.example.com/sync');\n}\nsync();\n",
    });
    const before = await lintJson([], root);
    const rules = new Set(before.results.flatMap((result) => result.messages.map((message) => message.ruleId)));
    expect(rules).toEqual(new Set(['resilint/require-timeout', 'resilint/no-unprotected-call']));

    expect((await resilint(['--suppress-rule', 'require-timeout'], root)).code).toBe(1);
    const after = await lintJson([], root);
    expect(reported(after.results)).toEqual(['src/jobs.ts resilint/no-unprotected-call']);

    const sarif = JSON.parse((await resilint(['--format', 'sarif'], root)).stdout) as {
      runs: { results: { ruleId: string; suppressions?: { kind: string }[] }[] }[];
    };
    const results = sarif.runs[0]!.results;
    expect(results.find((result) => result.ruleId === 'resilint/require-timeout')?.suppressions).toEqual([expect.objectContaining({ kind: 'external' })]);
    expect(results.find((result) => result.ruleId === 'resilint/no-unprotected-call')?.suppressions ?? []).toEqual([]); // SARIF: not suppressed
  });

  it.each([
    [['--suppress-all', '--prune-suppressions'], /exclude each other/],
    [['--suppress-rule', 'no-such-rule'], /Unknown rule 'resilint\/no-such-rule' for --suppress-rule\. Use one of: .*require-timeout/],
    [['--suppressions-location', 'baseline.json'], /baseline\.json does not exist\. Create it with --suppress-all/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const root = writeProject(join(scratch(), 'usage'), { 'src/a.ts': UNBOUNDED('a') });
    const run = await resilint(args, root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('says what to do with a suppressions file that is not ESLint\'s, and loses nothing', async () => {
    const root = writeProject(join(scratch(), 'broken'), { 'src/a.ts': UNBOUNDED('a'), 'eslint-suppressions.json': '{ "src/a.ts": { "resilint/require-timeout": 1 } }' });
    const run = await resilint([], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not in ESLint's format.*Fix it, or delete it/);
    expect(readFileSync(join(root, 'eslint-suppressions.json'), 'utf8')).toContain('"resilint/require-timeout": 1');
  });
});
