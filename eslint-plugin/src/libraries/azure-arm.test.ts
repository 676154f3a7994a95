import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import { loadModule, outcomeWithin, silentHost } from '../../../test/silent-server.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// An Azure management client's pipeline sets no request timeout and its options take none: a deploy command whose
// management call stops answering waits for ever. A pipeline policy given where the client is made bounds its calls.
const ruleTester = new RuleTester();

const deploy = (options: string) => `import { ResourceManagementClient } from '@azure/arm-resources';
import type { TokenCredential } from '@azure/core-auth';
export async function ensureGroup(credential: TokenCredential, subscription: string, name: string) {
  const client = new ResourceManagementClient(credential, subscription${options});
  return client.resourceGroups.createOrUpdate(name, { location: 'westeurope' });
}
`;
const POLICY = `[{ position: 'perCall', policy: { name: 'requestTimeout', sendRequest: (request, next) => { request.timeout = 30_000; return next(request); } } }]`;

ruleTester.run('require-timeout (Azure Resource Manager clients)', requireTimeout, {
  valid: [
    // a policy of the project's own: what it sets is not read here
    deploy(', { additionalPolicies: [{ position: "perCall", policy: timeoutPolicy }] }'),
    // an HTTP client of the project's own
    deploy(', { httpClient: boundedHttpClient }'),
    // options made elsewhere
    `import { WebSiteManagementClient } from '@azure/arm-appservice';
export const sites = (credential: never, subscription: string, options: object) => new WebSiteManagementClient(credential, subscription, options);`,
    // a model type of the package, not its client
    `import { KnownOrigin } from '@azure/arm-resources';
export const origin = KnownOrigin.User;`,
  ],
  invalid: [
    {
      code: deploy(''),
      errors: [{ messageId: 'missingClientTimeout', line: 4, suggestions: [{ messageId: 'fixInstanceTimeout', output: deploy(`, { additionalPolicies: ${POLICY} }`) }] }],
    },
    {
      // retries tuned, no request bounded
      code: deploy(', { retryOptions: { maxRetries: 2 } }'),
      errors: [{ messageId: 'missingClientTimeout', line: 4, suggestions: [{ messageId: 'fixInstanceTimeout', output: deploy(`, { retryOptions: { maxRetries: 2 }, additionalPolicies: ${POLICY} }`) }] }],
    },
    {
      // the tenant-level overload takes its options second
      code: `import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { DefaultAzureCredential } from '@azure/identity';
export const tenants = new SubscriptionClient(new DefaultAzureCredential());`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 3,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { DefaultAzureCredential } from '@azure/identity';
export const tenants = new SubscriptionClient(new DefaultAzureCredential(), { additionalPolicies: ${POLICY} });` }],
      }],
    },
    {
      // required, as a command written in CommonJS does
      code: `const { ContainerAppsAPIClient } = require('@azure/arm-appcontainers');
module.exports = (credential, subscription) => new ContainerAppsAPIClient(credential, subscription).containerApps.get('group', 'app');`,
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: 1 }],
    },
  ],
});

describe('the Azure management client timeout fix', () => {
  it('compiles against the real client types and ends a request its host never answers', { timeout: 60_000 }, async () => {
    const source = `import { ResourceManagementClient } from '@azure/arm-resources';
export async function call(host: string) {
  const credential = { getToken: async () => ({ token: 'token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
  const client = new ResourceManagementClient(credential, 'subscription', { endpoint: host });
  return client.resourceGroups.get('group');
}
`;
    const [finding] = lint(source, 'src/groups.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(typeErrors([source, fixed])).toEqual([[], []]);
    expect(lint(fixed, 'src/groups.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);

    const host = await silentHost();
    try {
      const url = `https://127.0.0.1:${host.port}`;
      const unfixed = loadModule<{ call: (host: string) => Promise<unknown> }>(source).call(url);
      unfixed.catch(() => undefined);
      const bounded = loadModule<{ call: (host: string) => Promise<unknown> }>(fixed.replace('30_000', '500')).call(url);
      expect(await outcomeWithin(bounded, 15_000)).toBe('rejected');
      expect(await outcomeWithin(unfixed, 0)).toBe('waiting');
    } finally {
      await host.close();
    }
  });
});
