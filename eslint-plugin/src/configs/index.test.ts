import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin, { configs, meta, rules } from '../index.js';

const ruleNames = Object.keys(rules);
const rulesOf = (config: (typeof configs)['recommended']) => Object.assign({}, ...config.map((entry) => entry.rules ?? {}));

describe('configs', () => {
  it('recommended turns on exactly the rules marked recommended', () => {
    const expected = ruleNames.filter((name) => rules[name as keyof typeof rules].meta.docs?.recommended).map((name) => `resilint/${name}`);
    expect(Object.keys(rulesOf(configs.recommended)).sort()).toEqual(expected.sort());
    expect(expected).toContain('resilint/require-timeout');
    expect(expected).toContain('resilint/no-unprotected-call');
  });

  it('strict adds prefer-all-settled and the stricter options', () => {
    const strict = rulesOf(configs.strict);
    expect(strict['resilint/no-unprotected-call']).toEqual(['error', { scope: 'function', checkOwnOrigin: true, checkPages: true, checkLoggedRejections: true }]);
    expect(strict['resilint/require-timeout']).toEqual(['error', { checkOwnOrigin: true }]);
    expect(strict['resilint/retry-requires-backoff']).toEqual(['error', { requireJitter: true, allowFixedDelayUpTo: 0, checkPages: true }]);
    expect(strict['resilint/no-unbounded-retry']).toEqual(['error', { checkPages: true }]);
    if ('prefer-all-settled' in rules) expect(strict['resilint/prefer-all-settled']).toBe('error');
    for (const name of Object.keys(rulesOf(configs.recommended))) expect(strict).toHaveProperty([name]);
  });

  it('all turns on every rule', () => {
    expect(Object.keys(rulesOf(configs.all)).sort()).toEqual(ruleNames.map((name) => `resilint/${name}`).sort());
  });

  it('registers the plugin as resilint and parses TypeScript files', () => {
    for (const config of Object.values(configs)) {
      expect(config.some((entry) => entry.plugins?.['resilint'] !== undefined)).toBe(true);
      const parserEntry = config.find((entry) => entry.languageOptions?.parser);
      expect(parserEntry?.files).toEqual(['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts']);
    }
    expect(meta).toEqual({ name: 'eslint-plugin-resilint', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(plugin.configs).toBe(configs);
  });

  it('works as a flat config in ESLint: strict reports a failure handed to the caller, recommended does not', () => {
    const code = "export async function getUser(id: string): Promise<unknown> { return (await fetch('/users/' + id, { signal: AbortSignal.timeout(1000) })).json(); }\n";
    const lint = (config: Linter.Config[]) =>
      new Linter({ configType: 'flat' }).verify(code, config as Linter.Config[], { filename: 'user.ts' }).map((message) => message.ruleId);
    expect(lint(configs.recommended as unknown as Linter.Config[])).toEqual([]);
    expect(lint(configs.strict as unknown as Linter.Config[])).toEqual(['resilint/no-unprotected-call']);
  });
});
