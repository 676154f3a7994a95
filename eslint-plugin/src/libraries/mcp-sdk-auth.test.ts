import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// The MCP SDK's OAuth helpers fetch the authorization server with the global fetch and no signal unless handed a
// fetch of one's own: a connector server discovering a provider's metadata or refreshing its token waits as long as
// the provider does.
ruleTester.run('require-timeout (MCP SDK OAuth helpers)', requireTimeout, {
  valid: [
    `import { discoverAuthorizationServerMetadata } from '@modelcontextprotocol/sdk/client/auth.js';
const bounded = (url: string | URL, init?: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(8_000) });
export const metadata = (issuer: string) => discoverAuthorizationServerMetadata(issuer, { fetchFn: bounded });`,
  ],
  invalid: [
    {
      code: `import { discoverAuthorizationServerMetadata } from '@modelcontextprotocol/sdk/client/auth.js';
export const metadata = (issuer: string) => discoverAuthorizationServerMetadata(issuer);`,
      errors: [{ ...missing, line: 2, suggestions: [{ messageId: 'fixNativeTimeout', output: `import { discoverAuthorizationServerMetadata } from '@modelcontextprotocol/sdk/client/auth.js';
export const metadata = (issuer: string) => discoverAuthorizationServerMetadata(issuer, { fetchFn: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(5_000) }) });` }] }],
    },
    {
      code: `import { refreshAuthorization } from '@modelcontextprotocol/sdk/client/auth.js';
export async function renew(server: string, clientId: string, refreshToken: string) {
  return refreshAuthorization(server, { clientInformation: { client_id: clientId }, refreshToken });
}`,
      errors: [{ ...missing, line: 3, suggestions: 1 }],
    },
  ],
});

describe('the MCP SDK fix', () => {
  it("gives the helper a fetchFn of the SDK's FetchLike type", { timeout: 60_000 }, () => {
    const source = `import { discoverAuthorizationServerMetadata } from '@modelcontextprotocol/sdk/client/auth.js';
export const metadata = (issuer: string) => discoverAuthorizationServerMetadata(issuer);
`;
    const [finding] = lint(source, 'discover.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    const [errors, misspelt] = typeErrors([fixed, fixed.replace('fetchFn:', 'fetch:')]);
    expect(fixed).toContain('AbortSignal.timeout(5_000)');
    expect(errors).toEqual([]);
    expect(misspelt).not.toEqual([]);
  });
});
