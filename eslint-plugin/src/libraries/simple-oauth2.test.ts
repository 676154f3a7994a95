import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };

// simple-oauth2 sends its token requests with wreck, which waits forever unless the client's `http` options give it a
// `timeout`, and its calls take no signal: an authorization server that stops answering holds every code exchange and
// refresh. The client is reported where it is made.
ruleTester.run('require-timeout (simple-oauth2)', requireTimeout, {
  valid: [
    `import { AuthorizationCode } from 'simple-oauth2';
export const oauth = new AuthorizationCode({ client: { id: 'app', secret: 's' }, auth: { tokenHost: 'https://id.example.org' }, http: { timeout: 8_000 } });`,
    // a config read elsewhere may set one
    `import { ClientCredentials } from 'simple-oauth2';
import { oauthConfig } from './settings';
export const machine = new ClientCredentials(oauthConfig);`,
  ],
  invalid: [
    {
      code: `import { AuthorizationCode } from 'simple-oauth2';
export async function exchange(id: string, secret: string, tokenHost: string, code: string) {
  const client = new AuthorizationCode({ client: { id, secret }, auth: { tokenHost }, http: { headers: { 'user-agent': 'connector' } } });
  return client.getToken({ code, redirect_uri: 'https://app.example.org/callback' });
}`,
      errors: [{
        ...atCreation,
        line: 3,
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { AuthorizationCode } from 'simple-oauth2';
export async function exchange(id: string, secret: string, tokenHost: string, code: string) {
  const client = new AuthorizationCode({ client: { id, secret }, auth: { tokenHost }, http: { headers: { 'user-agent': 'connector' }, timeout: 10_000 } });
  return client.getToken({ code, redirect_uri: 'https://app.example.org/callback' });
}` }],
      }],
    },
    {
      // no http options at all
      code: `import { ClientCredentials } from 'simple-oauth2';
export const machine = new ClientCredentials({ client: { id: 'svc', secret: 's' }, auth: { tokenHost: 'https://id.example.org' } });`,
      errors: [{ ...atCreation, line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { ClientCredentials } from 'simple-oauth2';
export const machine = new ClientCredentials({ client: { id: 'svc', secret: 's' }, auth: { tokenHost: 'https://id.example.org' }, http: { timeout: 10_000 } });` }] }],
    },
    {
      // the class reached through the default import, the CommonJS exports object (the forty-third held-out round)
      code: `import simpleOauth2 from 'simple-oauth2';
export const login = new simpleOauth2.AuthorizationCode({ client: { id: 'app', secret: 's' }, auth: { tokenHost: 'https://id.example.org' } });`,
      errors: [{ ...atCreation, line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import simpleOauth2 from 'simple-oauth2';
export const login = new simpleOauth2.AuthorizationCode({ client: { id: 'app', secret: 's' }, auth: { tokenHost: 'https://id.example.org' }, http: { timeout: 10_000 } });` }] }],
    },
  ],
});

describe('the simple-oauth2 fix', () => {
  it("sets the option wreck's http options declare", { timeout: 60_000 }, () => {
    const source = `import { AuthorizationCode } from 'simple-oauth2';
export const oauth = new AuthorizationCode({ client: { id: 'app', secret: 's' }, auth: { tokenHost: 'https://id.example.org' }, http: { headers: { accept: 'application/json' } } });
`;
    const [finding] = lint(source, 'oauth.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    const [errors, misspelt] = typeErrors([fixed, fixed.replace('timeout:', 'requestTimeout:')]);
    expect(fixed).toContain('timeout: 10_000');
    expect(errors).toEqual([]);
    expect(misspelt).not.toEqual([]);
  });
});
