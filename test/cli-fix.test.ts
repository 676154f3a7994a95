import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintJson, resilint, scratchFolder, writeProject } from './cli-run.js';
import { typeErrorsAgainstInstalledTypes } from './fix-correctness.js';

// `resilint fix`: one kind of suggestion applied to every finding of a rule, from the command line.

const ORDERS = [
  "import axios from 'axios';",
  'export async function order(id: string) {',
  '  const stock = await fetch(`https://stock.example.com/items/${id}`);',
  '  const price = await axios.get<{ cents: number }>(`https://prices.example.com/items/${id}`);',
  '  return { stock: (await stock.json()) as unknown, cents: price.data.cents };',
  '}',
  '',
].join('\n');

const scratch = scratchFolder('resilint-fix-');

const ruleFindings = async (root: string, ruleId: string) =>
  (await lintJson([], root)).results.flatMap((result) => result.messages.filter((message) => message.ruleId === ruleId));

describe('resilint fix', () => {
  it('shows the change on --dry-run without writing it, then writes code that compiles and has no finding left', async () => {
    const root = writeProject(join(scratch(), 'orders'), { 'src/orders.ts': ORDERS });
    expect(await ruleFindings(root, 'resilint/require-timeout')).toHaveLength(2);

    const dry = await resilint(['fix', '--rule', 'require-timeout', '--dry-run'], root);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('--- a/src/orders.ts\n+++ b/src/orders.ts\n');
    expect(dry.stdout).toContain('+  const stock = await fetch(`https://stock.example.com/items/${id}`, { signal: AbortSignal.timeout(5_000) });');
    expect(dry.stdout).toContain('Would fix 2 findings of resilint/require-timeout in 1 file.');
    expect(readFileSync(join(root, 'src/orders.ts'), 'utf8')).toBe(ORDERS);

    const applied = await resilint(['fix', '--rule', 'require-timeout'], root);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Fixed 2 findings of resilint/require-timeout in 1 file.');
    const fixed = readFileSync(join(root, 'src/orders.ts'), 'utf8');
    // what the dry run showed is what was written
    for (const added of dry.stdout.split('\n').filter((line) => line.startsWith('+ '))) expect(fixed).toContain(added.slice(1));
    expect(await ruleFindings(root, 'resilint/require-timeout')).toEqual([]);
    expect(typeErrorsAgainstInstalledTypes([fixed])).toEqual([[]]);
  });

  it('applies the kind of suggestion asked for, and says which findings it left and why', async () => {
    const root = writeProject(join(scratch(), 'kinds'), {
      'src/catalog.ts': [
        "import axios from 'axios';",
        "const prices = axios.create({ baseURL: 'https://prices.example.com' });",
        'export const price = (id: string) => prices.get<{ cents: number }>(`/items/${id}`);',
        "export const list = () => prices.get<{ id: string }[]>('/items');",
        'export const stock = (id: string) => fetch(`https://stock.example.com/items/${id}`);',
        '',
      ].join('\n'),
    });
    const run = await resilint(['fix', '--rule', 'require-timeout', '--suggestion', 'native-timeout'], root);
    expect(run.code).toBe(1);
    // the client's two calls are reported once where it is made, whose fix is the client's own timeout
    expect(run.stdout).toContain("src/catalog.ts:2:16  not fixed: no 'native-timeout' suggestion here (it offers instance-timeout)");
    expect(run.stdout).toContain("Fixed 1 finding of resilint/require-timeout with 'native-timeout' in 1 file; 1 finding left unchanged.");
    expect((await ruleFindings(root, 'resilint/require-timeout')).map((finding) => finding.line)).toEqual([2]);
    expect(readFileSync(join(root, 'src/catalog.ts'), 'utf8')).toContain('fetch(`https://stock.example.com/items/${id}`, { signal: AbortSignal.timeout(5_000) })');
  });

  it('says when the fixes need the runtime the project does not have', async () => {
    const root = writeProject(join(scratch(), 'runtime'), { 'src/orders.ts': ORDERS });
    const run = await resilint(['fix', '--rule', 'require-timeout', '--suggestion', 'wrap-in-timeout'], root);
    expect(run.code).toBe(0);
    expect(readFileSync(join(root, 'src/orders.ts'), 'utf8')).toContain("import { timeout } from '@resilint/runtime';");
    expect(run.stdout).toContain('The fixes import @resilint/runtime, which this project does not have yet: npm install @resilint/runtime.');
    expect(typeErrorsAgainstInstalledTypes([readFileSync(join(root, 'src/orders.ts'), 'utf8')])).toEqual([[]]);
  });

  it.each([
    [['fix'], /resilint fix needs --rule <rule>, one of: .*require-timeout/],
    [['fix', '--rule', 'no-such-rule'], /Unknown rule 'no-such-rule' for --rule/],
    [['fix', '--rule', 'require-timeout', '--suggestion', 'magic'], /require-timeout has no 'magic' suggestion\. Use one of: .*native-timeout/],
    [['--rule', 'require-timeout'], /--rule belongs to the fix command/],
    [['fix', '--rule', 'require-timeout', '--suppress-all'], /record or prune suppressions in a run of its own/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const root = writeProject(join(scratch(), 'usage'), { 'src/orders.ts': ORDERS });
    const run = await resilint(args, root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(readFileSync(join(root, 'src/orders.ts'), 'utf8')).toBe(ORDERS);
  });
});
