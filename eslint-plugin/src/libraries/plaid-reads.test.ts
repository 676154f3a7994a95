import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import noRetryNonIdempotent from '../rules/no-retry-non-idempotent.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// Plaid's API sends every operation as a POST, its reads too. A bank sync that retries its reads after a rate limit
// sends nothing twice that matters; retrying a transfer's creation does.
const ruleTester = new RuleTester();

const sync = (operation: string) => `import pRetry from 'p-retry';
import { Configuration, PlaidApi } from 'plaid';
const plaid = new PlaidApi(new Configuration({ basePath: 'https://development.plaid.com', baseOptions: { timeout: 10_000 } }));
export const step = (request: never) => pRetry(() => plaid.${operation}(request), { retries: 3, minTimeout: 500, randomize: true });`;

ruleTester.run('no-retry-non-idempotent (Plaid reads)', noRetryNonIdempotent, {
  valid: [
    sync('accountsBalanceGet'),
    sync('transactionsSync'),
    sync('institutionsGetById'),
    sync('institutionsSearch'),
  ],
  invalid: [
    { code: sync('transferCreate'), errors: [{ messageId: 'retriedRequest', data: { call: '`PlaidApi.transferCreate`', method: 'POST', retry: '`p-retry`' }, suggestions: 1 }] },
  ],
});
