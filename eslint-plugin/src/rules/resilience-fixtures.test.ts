import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from './index.js';

// The realistic samples in fixtures/<rule>/{bad,good}: every bad one is reported by its rule, no good one is.
const FIXTURES = fileURLToPath(new URL('../../../fixtures', import.meta.url));
const RULES = [
  'no-try-outside-loop',
  'retry-requires-backoff',
  'no-unbounded-retry',
  'no-retry-non-idempotent',
  'timeout-requires-cancellation',
  'prefer-all-settled',
] as const;

function findings(rule: (typeof RULES)[number], file: string): Linter.LintMessage[] {
  const config: Linter.Config = {
    files: ['**/*.ts'],
    languageOptions: { parser: parser as Linter.Parser },
    plugins: { resilint: { rules } as never },
    rules: { [`resilint/${rule}`]: 'error' },
  };
  return new Linter({ configType: 'flat' }).verify(readFileSync(file, 'utf8'), [config], 'fixture.ts');
}

describe.each(RULES)('fixtures of %s', (rule) => {
  for (const kind of ['bad', 'good'] as const) {
    const folder = join(FIXTURES, rule, kind);
    for (const name of readdirSync(folder)) {
      it(`${kind}/${name}`, () => {
        const messages = findings(rule, join(folder, name));
        const own = messages.filter((message) => message.ruleId === `resilint/${rule}`);
        expect(messages.filter((message) => message.ruleId !== `resilint/${rule}`)).toEqual([]);
        if (kind === 'bad') expect(own.length).toBeGreaterThan(0);
        else expect(own).toEqual([]);
      });
    }
  }
});
