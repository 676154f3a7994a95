// The package as the ecosystem checks it (issue 15, 11): both builds' exports, engines, publint and
// @arethetypeswrong/cli on what `npm pack` would publish.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${packageDir}package.json`, 'utf8')) as { engines?: { node?: string } };
const PUBLIC_NAMES = ['circuitBreaker', 'retry', 'timeout', 'fallback', 'bulkhead', 'pipeline', 'exponentialBackoff', 'retryBudget', 'isTransientError', 'BrokenCircuitError', 'TimeoutError'];

describe('packaging', () => {
  it('the CommonJS build imported from ESM by Node has named exports, the same as the ESM build', () => {
    // In a Node process of its own: vitest's loader would add the named exports Node's does not.
    const script = `
      const fromEsm = await import(${JSON.stringify(new URL('../../dist/index.cjs', import.meta.url).href)});
      const esm = await import('@resilint/runtime');
      const { createRequire } = await import('node:module');
      const required = createRequire(import.meta.url)('@resilint/runtime');
      console.log(JSON.stringify({
        fromEsm: Object.keys(fromEsm).filter((name) => name !== 'default' && name !== 'module.exports').sort(),
        esm: Object.keys(esm).sort(),
        required: Object.keys(required).sort(),
      }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageDir, encoding: 'utf8' });
    const { fromEsm, esm, required } = JSON.parse(output) as Record<string, string[]>;
    expect(esm).toEqual(expect.arrayContaining(PUBLIC_NAMES));
    expect(fromEsm).toEqual(esm);
    expect(required).toEqual(esm);
  });

  it('declares the Node versions it supports in engines', () => {
    expect(manifest.engines?.node).toBe('>=20.19.0');
  });

  it('publint finds nothing to fix, suggestions included', async () => {
    const { messages } = await publint({ pkgDir: packageDir, strict: true });
    expect(messages.map(({ code, path }) => `${code} at ${path.join('.')}`)).toEqual([]);
  }, 60_000);

  it('@arethetypeswrong/cli finds no problem in the packed package', () => {
    const attw = createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json').replace(/package\.json$/, 'dist/index.js');
    const output = execFileSync(process.execPath, [attw, '--pack', packageDir, '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect((JSON.parse(output) as { problems: unknown }).problems).toEqual({});
  }, 120_000);
});
