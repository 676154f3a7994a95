import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A time-tracking service importing a freelancer's contracts and timesheets from Upwork: upwork-api's routers send
// over the `oauth` package with no timeout, take callbacks, and nothing of the client or the call takes a bound, so
// the fix stops waiting for the promise the callback settles.
const ruleTester = new RuleTester();
const runtime = `\nimport { timeout } from '@resilint/runtime';`;

const contracts = (promise: string, imports = '') => `import * as Upwork from 'upwork-api';
import { Contracts } from 'upwork-api/lib/routers/hr/contracts.js';${imports}
type Keys = { consumerKey: string; consumerSecret: string; accessToken: string; accessSecret: string };
export async function activeContracts(keys: Keys): Promise<string[]> {
  const client = new Upwork(keys);
  const router = new Contracts(client);
  return ${promise};
}`;
const executor = `new Promise((resolve, reject) => {
    client.setAccessToken(keys.accessToken, keys.accessSecret, () => {
      router.getSpecific('active', (error: Error | null, found: { ids: string[] }) => (error ? reject(error) : resolve(found.ids)));
    });
  })`;
const remedy = "stop waiting for it with the runtime's `timeout(ms)`: upwork-api sends over the `oauth` package's `http(s).request` with no timeout, and neither its client, its routers nor a call take one or a signal";

ruleTester.run('require-timeout (upwork-api)', requireTimeout, {
  valid: [
    // the promise the callback settles is given up after 8 s
    contracts(`timeout(8_000).execute(() => ${executor})`, runtime),
    // storing the token pair sends nothing
    `import * as Upwork from 'upwork-api';
export const signedIn = (keys: any, done: () => void) => new Upwork(keys).setAccessToken(keys.accessToken, keys.accessSecret, done);`,
  ],
  invalid: [
    {
      code: contracts(executor),
      errors: [{
        messageId: 'missingTimeout',
        line: 9,
        data: { call: 'Contracts.getSpecific', remedy },
        suggestions: [{ messageId: 'fixStopWaiting', output: contracts(`timeout(5_000).execute(() => ${executor})`, runtime) }],
      }],
    },
    {
      // the OAuth token exchange is a request too, and a callback call outside any promise has nothing to wrap
      code: `import * as Upwork from 'upwork-api';
export function exchange(keys: any, token: string, secret: string, verifier: string, done: (error: unknown) => void) {
  new Upwork(keys).getAccessToken(token, secret, verifier, (error: unknown) => done(error));
}`,
      errors: [{ messageId: 'missingTimeout', line: 3, data: { call: 'UpworkApi.getAccessToken', remedy }, suggestions: [] }],
    },
  ],
});

describe('the upwork-api fix', () => {
  // upwork-api ships no types, so the check is that the fix adds no type error: the wrapped promise keeps the type
  // the function's return gives it
  it('adds no type error to the file it wraps', { timeout: 60_000 }, () => {
    const source = contracts(executor);
    const [finding] = lint(source, 'contracts.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    const [before, after] = typeErrors([source, fixed]);
    expect(after).toEqual(before);
  });
});
