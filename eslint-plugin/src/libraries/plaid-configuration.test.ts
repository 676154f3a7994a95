import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A Plaid client whose `Configuration` is built first and kept in a local (a bank provider's constructor does it to
// keep the credentials readable): its `baseOptions` bound the client as they do when written inside `new PlaidApi(...)`.
const ruleTester = new RuleTester();

const provider = (configuration: string, later = '') => `import { Configuration, PlaidApi as PlaidClient, PlaidEnvironments } from 'plaid';
export class BankFeed {
  private readonly plaid: PlaidClient;
  constructor(clientId: string, secret: string) {
    const settings = ${configuration};${later}
    this.plaid = new PlaidClient(settings);
  }
  async holdings(accessToken: string) {
    const reply = await this.plaid.investmentsHoldingsGet({ access_token: accessToken });
    return reply.data.holdings;
  }
}`;

const headersOnly = `new Configuration({
      basePath: PlaidEnvironments.development,
      baseOptions: { headers: { 'PLAID-CLIENT-ID': clientId, 'PLAID-SECRET': secret } },
    })`;

ruleTester.run('require-timeout (plaid Configuration in a local)', requireTimeout, {
  valid: [
    // the local's base options set a timeout, or a signal
    provider(`new Configuration({ basePath: PlaidEnvironments.development, baseOptions: { timeout: 12_000 } })`),
    provider(`new Configuration({ baseOptions: { signal: AbortSignal.timeout(12_000) } })`),
    // base options changed after the Configuration is made: not read, so not judged
    provider(headersOnly, `\n    settings.baseOptions = { ...settings.baseOptions, timeout: 12_000 };`),
    // a Configuration that comes from elsewhere
    provider('makeSettings(clientId, secret)').replace('export class', 'declare function makeSettings(id: string, secret: string): Configuration;\nexport class'),
  ],
  invalid: [
    {
      code: provider(headersOnly),
      errors: [{ messageId: 'missingTimeout', line: 12, data: { call: 'PlaidApi.investmentsHoldingsGet', remedy: 'pass `{ timeout: ms }` as its axios options, or create the client with `new Configuration({ baseOptions: { timeout: ms } })`' }, suggestions: 4 }],
    },
    {
      // a Configuration with no base options at all, in a module-level local
      code: `import { Configuration, PlaidApi } from 'plaid';
const settings = new Configuration({ basePath: 'https://development.plaid.com' });
const plaid = new PlaidApi(settings);
export const institutions = (request: never) => plaid.institutionsGet(request);`,
      errors: [{ messageId: 'missingTimeout', line: 4, suggestions: 4 }],
    },
  ],
});
