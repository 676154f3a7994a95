import { describe, expect, it } from 'vitest';
import { lintWithPreset } from '../scratch-project.cases.js';

// An identity-provider client whose private static helper sends what its callers give (the forty-first round's OIDC
// provider of a NestJS back end): the callers call it by the class's name, or as `this` from another static method.
// What they pass decides the bound, as it does for an instance method's callers.
const client = (discovery: string, userInfo: string) => `
export class IdentityProvider {
  private static async getJson<T>(url: string, init: RequestInit): Promise<T> {
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(\`identity provider answered \${response.status}\`);
    return (await response.json()) as T;
  }

  static async discover(issuer: string): Promise<IdentityProvider> {
    const config = await IdentityProvider.getJson<{ userinfo_endpoint: string }>(\`\${issuer}/.well-known/openid-configuration\`, ${discovery});
    return new IdentityProvider(config.userinfo_endpoint);
  }

  static profile(endpoint: string, token: string): Promise<unknown> {
    return this.getJson(endpoint, ${userInfo});
  }

  private constructor(readonly userInfoEndpoint: string) {}
}
`;

function timeouts(code: string): number[] {
  return lintWithPreset('/srv/auth/src/identity-provider.ts', 'all', code)
    .filter((message) => message.fatal || message.ruleId === 'resilint/require-timeout')
    .map((message) => message.line);
}

describe("a static method's callers", () => {
  it('are read by the class name and by `this` in a static method: the one giving no signal is reported', () => {
    expect(timeouts(client("{ headers: { accept: 'application/json' } }", '{ signal: AbortSignal.timeout(5_000) }'))).toEqual([10]);
    expect(timeouts(client('{ signal: AbortSignal.timeout(5_000) }', '{ headers: { authorization: `Bearer ${token}` } }'))).toEqual([15]);
  });

  it('leave the request itself reported when none of them gives a signal', () => {
    expect(timeouts(client('{}', '{ headers: { authorization: `Bearer ${token}` } }'))).toEqual([4]);
  });

  it('bound the request when every one of them gives a signal', () => {
    expect(timeouts(client('{ signal: AbortSignal.timeout(5_000) }', '{ signal: AbortSignal.timeout(5_000), headers: { authorization: `Bearer ${token}` } }'))).toEqual([]);
  });
});
