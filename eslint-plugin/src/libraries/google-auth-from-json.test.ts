import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

// `auth.fromJSON(json, options)` makes its client with the options given there: the GoogleAuth's `clientOptions` do
// not reach it (google-auth-library 9 reads only the second argument; met in the thirty-first round, where the fix put
// the timeout in `clientOptions`, which the client never read).
const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

const refresh = (fromJsonOptions: string) => `import { GoogleAuth } from 'google-auth-library';
export async function freshToken(clientId: string, clientSecret: string, refreshToken: string) {
  const auth = new GoogleAuth({ clientOptions: { transporterOptions: { timeout: 10_000 } } });
  const client = auth.fromJSON({ type: 'authorized_user', client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken }${fromJsonOptions});
  const { token } = await client.getAccessToken();
  return token;
}
`;

ruleTester.run('require-timeout (google-auth-library, a client made by fromJSON)', requireTimeout, {
  valid: [refresh(', { transporterOptions: { timeout: 5_000 } }')],
  invalid: [{
    code: refresh(''),
    errors: [{ ...missing, line: 5, suggestions: [{ messageId: 'fixClientTimeout', output: refresh(', { transporterOptions: { timeout: 10_000 } }') }] }],
  }],
});

describe('the fromJSON fix', () => {
  it("compiles against google-auth-library's own types", { timeout: 60_000 }, () => {
    const source = refresh('');
    const [finding] = lint(source, 'token.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toContain('refresh_token: refreshToken }, { transporterOptions: { timeout: 10_000 } })');
    expect(typeErrors([fixed])).toEqual([[]]);
  });
});
