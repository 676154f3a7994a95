import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noRetryNonIdempotent from '../rules/no-retry-non-idempotent.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// Plaid sends every operation as a POST, its reads too (`accountsGet`, `transactionsSync`, `institutionsGetById`):
// a read sent again changes nothing, so a retry around one needs no idempotency key. An operation that acts
// (`itemRemove`, `transferCreate`) is still reported. Met in a finance app's bank provider, whose reads run under a
// retry helper of its own.
const ruleTester = new RuleTester();

const retried = (operation: string) => `import { Configuration, PlaidApi } from 'plaid';
const plaid = new PlaidApi(new Configuration({ basePath: 'https://sandbox.plaid.com', baseOptions: { timeout: 15_000 } }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function call(request: never) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await plaid.${operation}(request);
    } catch (error) {
      if (attempt === 2) throw error;
      await sleep(2 ** attempt * 200 * Math.random());
    }
  }
}`;

ruleTester.run('no-retry-non-idempotent (plaid reads sent as POST)', noRetryNonIdempotent, {
  valid: ['accountsGet', 'transactionsSync', 'institutionsGetById', 'institutionsSearch', 'transferList'].map(retried),
  invalid: ['itemRemove', 'transferCreate'].map((operation) => ({ code: retried(operation), errors: [{ messageId: 'retriedRequest' as const, line: 7, suggestions: 1 }] })),
});
