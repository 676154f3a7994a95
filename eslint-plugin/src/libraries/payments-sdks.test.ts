import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';
import { waitedInPlace } from '../fixes/stop-waiting.cases.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
const service = fileURLToPath(new URL('../../../fixtures/workspaces/nest-service/src/http/banks.ts', import.meta.url));

// Three SDKs a payments back end calls while a person waits (eighth set): plaid's generated client sends through the
// global axios with no timeout unless its Configuration's `baseOptions` or the call's own axios options set one;
// nordigen-node sends through a bundled axios nothing can configure; hcaptcha's `verify` posts over `https.request`
// with none. The last two can only stop being waited for.
const bankSync = `import NordigenClient from 'nordigen-node';
const bank = new NordigenClient({ secretId: 'id', secretKey: 'key', baseUrl: 'https://bank.test' });
export async function transactions(accountId: string) {
  await bank.generateToken();
  return bank.account(accountId).getTransactions();
}`;
const captcha = `import * as hcaptcha from 'hcaptcha';
export const human = async (token: string) => (await hcaptcha.verify('secret', token)).success;`;

ruleTester.run('require-timeout (plaid, nordigen-node, hcaptcha)', requireTimeout, {
  valid: [
    `import { Configuration, PlaidApi } from 'plaid';
     const plaid = new PlaidApi(new Configuration({ basePath: 'https://sandbox.plaid.com', baseOptions: { timeout: 15_000 } }));
     export const link = (request: never) => plaid.linkTokenCreate(request);`,
    `import { Configuration, PlaidApi } from 'plaid';
     const plaid = new PlaidApi(new Configuration({ basePath: 'https://sandbox.plaid.com' }));
     export const sync = (request: never) => plaid.transactionsSync(request, { timeout: 20_000 });`,
    // a Configuration made elsewhere may set it
    `import { PlaidApi } from 'plaid';
     import { configuration } from './plaid-config';
     const plaid = new PlaidApi(configuration);
     export const link = (request: never) => plaid.linkTokenCreate(request);`,
    // waits bounded by the runtime's timeout, and a client that only builds sessions locally
    `import NordigenClient from 'nordigen-node';
     import { timeout } from '@resilint/runtime';
     const bank = new NordigenClient({ secretId: 'id', secretKey: 'key', baseUrl: 'https://bank.test' });
     export const token = () => timeout(5_000).execute(() => bank.generateToken());
     export const key = () => bank.secretKey;`,
    `import { verify } from 'hcaptcha';
     import { timeout } from '@resilint/runtime';
     export const human = (token: string) => timeout(5_000).execute(() => verify('secret', token));`,
  ],
  invalid: [
    {
      code: `import { Configuration, PlaidApi } from 'plaid';
const plaid = new PlaidApi(new Configuration({ basePath: 'https://sandbox.plaid.com', baseOptions: { headers: { 'PLAID-CLIENT-ID': 'id' } } }));
export const link = (request: never) => plaid.linkTokenCreate(request);`,
      errors: [{ ...missing, data: { call: 'PlaidApi.linkTokenCreate', remedy: 'pass `{ timeout: ms }` as its axios options, or create the client with `new Configuration({ baseOptions: { timeout: ms } })`' }, suggestions: 3 }],
    },
    {
      // a lazily made client from a getter that gives nothing when it is not configured
      filename: service,
      code: `import { Configuration, PlaidApi } from 'plaid';
let plaid: PlaidApi | undefined;
function plaidClient(clientId?: string) {
  if (!clientId) {
    return undefined;
  }
  if (!plaid) plaid = new PlaidApi(new Configuration({ basePath: 'https://sandbox.plaid.com' }));
  return plaid;
}
export const accounts = (request: never) => plaidClient('id')!.accountsGet(request);`,
      errors: [{ ...missing, line: 10, suggestions: 4 }],
    },
    {
      code: bankSync,
      errors: [
        { ...missing, line: 4, suggestions: [{ messageId: 'fixStopWaiting', output: `import NordigenClient from 'nordigen-node';
import { timeout } from '@resilint/runtime';
const bank = new NordigenClient({ secretId: 'id', secretKey: 'key', baseUrl: 'https://bank.test' });
export async function transactions(accountId: string) {
  await timeout(5_000).execute(() => bank.generateToken());
  return bank.account(accountId).getTransactions();
}` }, { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(bankSync, 'bank.generateToken()') }] },
        { ...missing, line: 5, suggestions: [{ messageId: 'fixStopWaiting', output: `import NordigenClient from 'nordigen-node';
import { timeout } from '@resilint/runtime';
const bank = new NordigenClient({ secretId: 'id', secretKey: 'key', baseUrl: 'https://bank.test' });
export async function transactions(accountId: string) {
  await bank.generateToken();
  return timeout(5_000).execute(() => bank.account(accountId).getTransactions());
}` }, { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(bankSync, 'bank.account(accountId).getTransactions()') }] },
      ],
    },
    {
      code: captcha,
      errors: [{
        ...missing,
        data: { call: 'hcaptcha.verify', remedy: "stop waiting for it with the runtime's `timeout(ms)`: hcaptcha sends over `https.request` with no timeout and takes none" },
        suggestions: [{ messageId: 'fixStopWaiting', output: `import * as hcaptcha from 'hcaptcha';
import { timeout } from '@resilint/runtime';
export const human = async (token: string) => (await timeout(5_000).execute(() => hcaptcha.verify('secret', token))).success;` }, { messageId: 'fixStopWaitingInPlace', output: waitedInPlace(captcha, "hcaptcha.verify('secret', token)") }],
      }],
    },
  ],
});

describe('the fixes, against the libraries\' own types', () => {
  it('compile, and set what the library reads', () => {
    const plaid = `import { Configuration, PlaidApi, type LinkTokenCreateRequest } from 'plaid';
const plaid = new PlaidApi(new Configuration({ basePath: 'https://sandbox.plaid.com' }));
export const link = (request: LinkTokenCreateRequest) => plaid.linkTokenCreate(request);`;
    const bank = `import NordigenClient from 'nordigen-node';
const bank = new NordigenClient({ secretId: 'id', secretKey: 'key', baseUrl: 'https://bank.test' });
export const details = (id: string) => bank.account(id).getDetails();`;
    const captcha = `import { verify } from 'hcaptcha';
export const human = async (token: string, ip: string) => (await verify('secret', token, ip)).success;`;
    const fixed = [[plaid, 'plaid.ts'], [bank, 'bank.ts'], [captcha, 'captcha.ts']].map(([source, file]) => {
      const [finding] = lint(source!, file!).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      return applyFix(source!, finding!.suggestions[0]!);
    });
    expect(fixed[0]).toContain('plaid.linkTokenCreate(request, { timeout: 5_000 })');
    expect(fixed[1]).toContain('timeout(5_000).execute(() => bank.account(id).getDetails())');
    // plaid types each operation's axios options as \`any\`; its generated code spreads them over \`baseOptions\` into
    // the request it hands axios, so \`timeout\` there is axios's own
    const [plaidErrors, bankErrors, captchaErrors] = typeErrors(fixed);
    expect(plaidErrors).toEqual([]);
    // nordigen-node 1.4's `exports` name a declaration file it does not ship (its types sit in dist/types): the
    // import is untyped under this resolution, which is the package's own fault; nothing else may fail
    expect(bankErrors!.filter((error) => !error.startsWith('TS7016'))).toEqual([]);
    expect(captchaErrors).toEqual([]);
  }, 120_000); // plaid's declarations are 80,000 lines
});
