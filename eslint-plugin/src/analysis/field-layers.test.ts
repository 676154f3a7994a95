import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import rule from '../rules/require-timeout.js';
import { typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';

// An SDK's network client keeps its request layer in a field (`this.request = (pathname, options) =>
// fetch(url, { ...options, headers })` in the constructor): its callers (`this.request(url)`) are not judged as a
// wrapper's, so the layer is reported once when one of them gives no bound, with a default a caller's own signal
// still replaces (met on a payments SDK in the twenty-fifth round, whose every request went through such a field).
const ruleTester = new RuleTester();

const client = (calls: string) => `import fetch, { type RequestInit } from 'node-fetch';
export class PayClient {
  private readonly request: (path: string, init?: RequestInit) => Promise<unknown>;
  constructor(apiKey: string) {
    this.request = (path, init) =>
      fetch(new URL(path, 'https://api.pay.example/v1/'), { ...init, headers: { authorization: \`Bearer \${apiKey}\` } }).then((response) => response.json());
  }
${calls}
}
`;
const unbounded = client("  charge(id: string) { return this.request(`charges/${id}`); }\n  refund(id: string) { return this.request(`refunds/${id}`, { method: 'POST' }); }");
const signalled = client('  charge(id: string) { return this.request(`charges/${id}`, { signal: AbortSignal.timeout(10_000) }); }');

ruleTester.run('require-timeout: a request layer kept in a field of its class', rule, {
  valid: [signalled],
  invalid: [{ code: unbounded, errors: [{ messageId: 'missingTimeout', line: 6, suggestions: 4 }] }],
});

describe('its fix', () => {
  it("keeps a caller's signal and compiles against node-fetch's types", { timeout: 60_000 }, () => {
    const [finding] = new Linter({ configType: 'flat' }).verify(unbounded, [{ files: ['**/*.ts'], languageOptions: { parser: (plugin.configs.recommended as { languageOptions?: { parser?: Linter.Parser } }[]).find((config) => config.languageOptions?.parser)?.languageOptions?.parser }, plugins: { resilint: plugin }, rules: { 'resilint/require-timeout': 'error' } }], { filename: 'pay.ts' });
    const fix = finding?.suggestions?.[0]?.fix;
    const fixed = fix && `${unbounded.slice(0, fix.range[0])}${fix.text}${unbounded.slice(fix.range[1])}`;
    expect(fixed).toContain('signal: init?.signal ?? AbortSignal.timeout(5_000)');
    expect(typeErrors([fixed!])).toEqual([[]]);
  });
});
