import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';
import { isClientModule, libraryOf } from './index.js';

// openid-client (3.5 s in version 5, 30 s in version 6) and posthog-node (10 s) bound every request themselves: the
// table says so, and their calls are never reported as unbounded.
describe('clients bounded by default', () => {
  it('are known, with their default bound', () => {
    for (const [module, bound] of [['openid-client', '3.5 s (version 5), 30 s (version 6)'], ['posthog-node', '10 s (`requestTimeout`)']] as const) {
      expect(isClientModule(module)).toBe(true);
      expect(libraryOf(module)?.timeout).toMatchObject({ boundedByDefault: true, defaultBound: bound });
    }
  });
});

new RuleTester().run('require-timeout (clients bounded by default)', requireTimeout, {
  valid: [
    `import { Issuer } from 'openid-client';
     export async function login(issuerUrl: string, code: string) {
       const issuer = await Issuer.discover(issuerUrl);
       const client = new issuer.Client({ client_id: id, client_secret: secret });
       const tokens = await client.callback(redirectUri, { code });
       return client.userinfo(tokens);
     }`,
    `import * as client from 'openid-client';
     export const configure = (server: URL) => client.discovery(server, 'app', 'secret');`,
    `import { PostHog } from 'posthog-node';
     const posthog = new PostHog(process.env.POSTHOG_KEY!, { host: 'https://eu.posthog.com' });
     export const track = (distinctId: string) => posthog.capture({ distinctId, event: 'signed_in' });`,
  ],
  invalid: [],
});
