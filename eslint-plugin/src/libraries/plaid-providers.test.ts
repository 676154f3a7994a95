import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A Plaid client made in a NestJS provider's factory and injected elsewhere by a token (`@Inject(BANK_CLIENT) bank:
// PlaidApi`): the services calling it see only the type, so the one place a timeout can be set for all of them is the
// `Configuration` where it is made. Reported there, once; a client made and called in one file is judged at its calls.
const ruleTester = new RuleTester();

const provider = (options: string) => `import { Module } from '@nestjs/common';
import { Configuration, PlaidApi, PlaidEnvironments } from 'plaid';
export const BANK_CLIENT = Symbol('bank-client');
@Module({
  providers: [{
    provide: BANK_CLIENT,
    useFactory: () => {
      const settings = new Configuration(${options});
      return new PlaidApi(settings);
    },
  }],
  exports: [BANK_CLIENT],
})
export class BankModule {}`;

const headers = "{ basePath: PlaidEnvironments.sandbox, baseOptions: { headers: { 'PLAID-CLIENT-ID': 'id' } } }";

ruleTester.run('require-timeout: a Plaid client made in a provider and injected elsewhere', requireTimeout, {
  valid: [
    provider("{ basePath: PlaidEnvironments.sandbox, baseOptions: { timeout: 15_000 } }"),
    // a Configuration built elsewhere may set one
    provider('loadSettings()').replace('export const BANK_CLIENT', 'declare function loadSettings(): object;\nexport const BANK_CLIENT'),
    // made and kept in this file: its calls are judged where they are made, not its creation
    `import { Configuration, PlaidApi } from 'plaid';
const bank = new PlaidApi(new Configuration({ basePath: 'https://sandbox.plaid.com' }));
export const link = (request: never) => bank.linkTokenCreate(request, { timeout: 10_000 });`,
  ],
  invalid: [
    {
      code: provider(headers),
      errors: [{
        messageId: 'missingClientTimeout',
        line: 9,
        suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'baseOptions: { timeout: 10_000 }' },
          output: provider("{ basePath: PlaidEnvironments.sandbox, baseOptions: { headers: { 'PLAID-CLIENT-ID': 'id' }, timeout: 10_000 } }") }],
      }],
    },
    {
      // no base options at all, handed out as a provider's value
      code: `import { Configuration, PlaidApi } from 'plaid';
export const bankProvider = { provide: 'BANK', useValue: new PlaidApi(new Configuration({ basePath: 'https://sandbox.plaid.com' })) };`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 2,
        suggestions: [{ messageId: 'fixInstanceTimeout', data: { options: 'baseOptions: { timeout: 10_000 }' }, output: `import { Configuration, PlaidApi } from 'plaid';
export const bankProvider = { provide: 'BANK', useValue: new PlaidApi(new Configuration({ basePath: 'https://sandbox.plaid.com', baseOptions: { timeout: 10_000 } })) };` }],
      }],
    },
  ],
});

describe('the fix, against plaid\'s own types', () => {
  it('compiles and sets the axios timeout every operation starts from', () => {
    const source = `import { Configuration, PlaidApi } from 'plaid';
export function makeBank(clientId: string) {
  const settings = new Configuration({ basePath: 'https://sandbox.plaid.com', baseOptions: { headers: { 'PLAID-CLIENT-ID': clientId } } });
  return new PlaidApi(settings);
}`;
    const [finding] = lint(source, 'bank.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toContain("baseOptions: { headers: { 'PLAID-CLIENT-ID': clientId }, timeout: 10_000 }");
    // plaid types `baseOptions` as \`any\` and spreads it into each request's axios config
    expect(typeErrors([fixed])[0]).toEqual([]);
  }, 120_000);
});
