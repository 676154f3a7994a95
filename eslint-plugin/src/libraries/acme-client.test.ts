import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A monitoring back end orders TLS certificates for its customers' status pages from Let's Encrypt. acme-client sends
// every request through one axios instance of its own, made with no timeout, and exported as `acme.axios`: a job that
// orders a certificate waits as long as the ACME server takes, until someone sets that instance's default timeout.
const ruleTester = new RuleTester();

const job = (setUp = '') => `import acme from 'acme-client';
${setUp}export async function order(accountKey: Buffer, csr: Buffer): Promise<string> {
  const client = new acme.Client({ directoryUrl: acme.directory.letsencrypt.production, accountKey });
  return client.auto({ csr, email: 'ops@example.com', termsOfServiceAgreed: true, challengeCreateFn: async () => {}, challengeRemoveFn: async () => {} });
}
`;

ruleTester.run('require-timeout: acme-client', requireTimeout, {
  valid: [
    job('acme.axios.defaults.timeout = 60_000;\n'),
    // computing a challenge's key sends nothing
    `import acme from 'acme-client';
export const keyFor = (client: acme.Client, challenge: Parameters<acme.Client['getChallengeKeyAuthorization']>[0]) => client.getChallengeKeyAuthorization(challenge);`,
  ],
  invalid: [
    {
      code: job(),
      errors: [{
        messageId: 'missingTimeout',
        line: 4,
        data: { call: 'acme client.auto', remedy: 'set `acme.axios.defaults.timeout` (milliseconds) where the app sets up acme-client: it sends every request with an axios instance of its own, created with no timeout, and its calls take none of their own' },
        suggestions: [{ messageId: 'fixClientTimeout', output: job('acme.axios.defaults.timeout = 30_000;\n') }],
      }],
    },
    {
      // the steps one by one, on a client handed in by its type
      code: `import * as acme from 'acme-client';
export async function finish(client: acme.Client, order: acme.Order, csr: Buffer): Promise<string> {
  const done = await client.finalizeOrder(order, csr);
  return client.getCertificate(done);
}`,
      errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 1 }, { messageId: 'missingTimeout', line: 4, suggestions: 1 }],
    },
  ],
});

describe('the fix, against the library\'s own types', () => {
  it('compiles, and bounds the order', () => {
    const source = job();
    const [finding] = lint(source, 'certificates.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toContain('acme.axios.defaults.timeout = 30_000;');
    expect(typeErrors([fixed])[0]).toEqual([]);
    expect(lint(fixed, 'certificates.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  }, 120_000);
});
