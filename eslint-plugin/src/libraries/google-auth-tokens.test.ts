import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const remedy = 'create the GoogleAuth with `clientOptions: { transporterOptions: { timeout: ms } }` (gaxios sets none): the clients it makes send their token requests with them';

// GoogleAuth finds the credentials and makes the client that fetches tokens with them; both send through gaxios,
// which has no timeout. A registry login asking for a token, or an SDK credential refreshing one before each call,
// waits as long as the token endpoint does, unless the GoogleAuth gives its clients a transport timeout.
const registryLogin = (options: string) => `import { GoogleAuth } from 'google-auth-library';
export async function registryPassword(): Promise<string | null> {
  const auth = new GoogleAuth(${options});
  const token = await auth.getAccessToken();
  return token ?? null;
}
`;

const credential = (transport: string) => `import { GoogleAuth, type AnyAuthClient } from 'google-auth-library';
export class StoredCredential {
  private readonly auth: GoogleAuth;
  private client?: AnyAuthClient;
  constructor(keyFile: string) {
    this.auth = new GoogleAuth({ keyFile, clientOptions: { transporterOptions: ${transport} } });
  }
  async bearer(): Promise<string> {
    if (!this.client) this.client = await this.auth.getClient();
    const { token } = await this.client.getAccessToken();
    return token ?? '';
  }
}
`;

ruleTester.run('require-timeout (google-auth-library token requests)', requireTimeout, {
  valid: [
    registryLogin("{ scopes: 'https://www.googleapis.com/auth/cloud-platform', clientOptions: { transporterOptions: { timeout: 8_000 } } }"),
    credential('{ timeout: 8_000 }'),
    // client options made elsewhere, or a client of the app's own: bounded there, if at all
    registryLogin('{ clientOptions: sharedClientOptions }').replace('export async', 'declare const sharedClientOptions: object;\nexport async'),
    registryLogin('{ authClient: prepared }').replace('export async', "import type { JWT } from 'google-auth-library';\ndeclare const prepared: JWT;\nexport async"),
    // finding the client sends nothing by itself
    `import { GoogleAuth } from 'google-auth-library';
     export const prepare = () => new GoogleAuth().getClient();`,
    // a JWT client made with a transport timeout
    `import { JWT } from 'google-auth-library';
     const robot = new JWT({ email: 'robot@example.test', key: process.env.ROBOT_KEY, scopes: ['email'], transporterOptions: { timeout: 5_000 } });
     export const login = () => robot.authorize();`,
  ],
  invalid: [
    {
      code: registryLogin("{ scopes: 'https://www.googleapis.com/auth/cloud-platform' }"),
      errors: [{
        messageId: 'missingTimeout', line: 4, data: { call: 'GoogleAuth.getAccessToken', remedy },
        suggestions: [{ messageId: 'fixClientTimeout', output: registryLogin("{ scopes: 'https://www.googleapis.com/auth/cloud-platform', clientOptions: { transporterOptions: { timeout: 10_000 } } }") }],
      }],
    },
    {
      // the client GoogleAuth makes, kept in a field, with transport options that set only an agent
      code: credential('{ agent: undefined }'),
      errors: [{
        messageId: 'missingTimeout', line: 10, data: { call: 'AuthClient.getAccessToken', remedy },
        suggestions: [{ messageId: 'fixClientTimeout', output: credential('{ agent: undefined, timeout: 10_000 }') }],
      }],
    },
    {
      code: `import { JWT } from 'google-auth-library';
const robot = new JWT({ email: 'robot@example.test', key: process.env.ROBOT_KEY, scopes: ['email'] });
export const login = () => robot.authorize();`,
      errors: [{
        messageId: 'missingTimeout', line: 3,
        data: { call: 'JWT.authorize', remedy: 'create the JWT client with `transporterOptions: { timeout: ms }` (gaxios sets none)' },
        suggestions: [{ messageId: 'fixClientTimeout', output: `import { JWT } from 'google-auth-library';
const robot = new JWT({ email: 'robot@example.test', key: process.env.ROBOT_KEY, scopes: ['email'], transporterOptions: { timeout: 10_000 } });
export const login = () => robot.authorize();` }],
      }],
    },
  ],
});

describe('the GoogleAuth fix', () => {
  it('compiles against google-auth-library\'s own types, with and without client options', { timeout: 60_000 }, () => {
    const sources = [registryLogin("{ scopes: 'https://www.googleapis.com/auth/cloud-platform' }"), credential('{ agent: undefined }')];
    const fixed = sources.map((source) => {
      const [finding] = lint(source, 'token.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      return applyFix(source, finding!.suggestions[0]!);
    });
    const misplaced = fixed[0]!.replace('clientOptions: { transporterOptions: { timeout: 10_000 } }', 'transporterOptions: { timeout: 10_000 }');
    const [first, second, wrong] = typeErrors([...fixed, misplaced]);
    expect(first).toEqual([]);
    expect(second).toEqual([]);
    // GoogleAuth itself takes no transport options: only its clients do
    expect(wrong).not.toEqual([]);
  });
});
