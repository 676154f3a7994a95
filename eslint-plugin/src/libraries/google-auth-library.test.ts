import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { OAuth2Client } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// An OAuth2Client sends its token requests through gaxios, which waits as long as the provider takes: a sign-in callback
// exchanging its code, or a mailer refreshing a token before each send, hangs with it. Its `transporterOptions` are
// merged into each of its requests, so a timeout there bounds them all.
ruleTester.run('require-timeout (google-auth-library)', requireTimeout, {
  valid: [
    `import { OAuth2Client } from 'google-auth-library';
     const oauth = new OAuth2Client({ clientId, clientSecret, redirectUri, transporterOptions: { timeout: 8_000 } });
     export const exchange = async (code: string) => (await oauth.getToken(code)).tokens;`,
    // its own `request` takes a timeout or a signal
    `import { OAuth2Client } from 'google-auth-library';
     const oauth = new OAuth2Client();
     export const profile = (signal: AbortSignal) => oauth.request({ url: 'https://people.example.test/me', signal });`,
    // a transport of the user's own, or a client handed in: bounded elsewhere, if at all
    `import { OAuth2Client } from 'google-auth-library';
     const oauth = new OAuth2Client({ clientId, transporter: boundedGaxios });
     export const renew = () => oauth.refreshAccessToken();`,
    `import type { OAuth2Client } from 'google-auth-library';
     export const renew = (oauth: OAuth2Client) => oauth.refreshAccessToken();`,
    // building URLs and setting credentials sends nothing
    `import { OAuth2Client } from 'google-auth-library';
     const oauth = new OAuth2Client(id, secret, redirect);
     export const start = () => { oauth.setCredentials({ refresh_token: stored }); return oauth.generateAuthUrl({ scope: ['email'] }); };`,
  ],
  invalid: [
    {
      code: `import { OAuth2Client } from 'google-auth-library';
export async function exchange(code: string) {
  const client = new OAuth2Client(process.env.GOOGLE_ID, process.env.GOOGLE_SECRET, 'https://app.example.test/callback');
  const { tokens } = await client.getToken(code);
  return tokens;
}`,
      errors: [{
        ...missing,
        line: 4,
        data: { call: 'OAuth2Client.getToken', remedy: 'create the OAuth2Client with `transporterOptions: { timeout: ms }` (gaxios sets none), or pass `timeout` to its `request`' },
        suggestions: [{ messageId: 'fixClientTimeout', output: `import { OAuth2Client } from 'google-auth-library';
export async function exchange(code: string) {
  const client = new OAuth2Client({ clientId: process.env.GOOGLE_ID, clientSecret: process.env.GOOGLE_SECRET, redirectUri: 'https://app.example.test/callback', transporterOptions: { timeout: 10_000 } });
  const { tokens } = await client.getToken(code);
  return tokens;
}` }],
      }],
    },
    {
      // `google.auth.OAuth2` of googleapis is the same class; options that set other gaxios defaults keep them
      code: `const { google } = require('googleapis');
const oauth = new google.auth.OAuth2({ clientId, transporterOptions: { headers: { 'x-app': 'mailer' } } });
exports.renew = () => oauth.refreshAccessToken().then((reply) => reply.credentials);`,
      filename: 'renew.js',
      errors: [{ ...missing, suggestions: [{ messageId: 'fixClientTimeout', output: `const { google } = require('googleapis');
const oauth = new google.auth.OAuth2({ clientId, transporterOptions: { headers: { 'x-app': 'mailer' }, timeout: 10_000 } });
exports.renew = () => oauth.refreshAccessToken().then((reply) => reply.credentials);` }] }],
    },
    {
      // a client made with no options, two of its calls unbounded: the one fix is where it is made, reported there once
      code: `import { OAuth2Client } from 'google-auth-library';
const oauth = new OAuth2Client();
export const revoke = (token: string) => oauth.revokeToken(token);
export const me = () => oauth.request({ url: 'https://openidconnect.example.test/userinfo' });`,
      errors: [
        { messageId: 'missingClientTimeout', line: 2, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { OAuth2Client } from 'google-auth-library';
const oauth = new OAuth2Client({ transporterOptions: { timeout: 10_000 } });
export const revoke = (token: string) => oauth.revokeToken(token);
export const me = () => oauth.request({ url: 'https://openidconnect.example.test/userinfo' });` }] },
      ],
    },
    {
      // a service making its client in a method of its own, in the positional form, for a sign-in and a refresh (met on
      // an analytics back end, the thirty-fifth round): one finding, at the creation, naming the calls it bounds
      code: `import { OAuth2Client } from 'google-auth-library';
export class SearchConsole {
  constructor(private id: string, private secret: string) {}
  private client() {
    return new OAuth2Client(this.id, this.secret, 'https://app.example.test/gsc/callback');
  }
  async connect(code: string) {
    const { tokens } = await this.client().getToken(code);
    return tokens;
  }
  async refresh(refresh_token: string) {
    const oauth = this.client();
    oauth.setCredentials({ refresh_token });
    return oauth.getAccessToken();
  }
}`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 5,
        data: { client: '`new OAuth2Client(...)`', remedy: 'set `transporterOptions: { timeout: 10_000 }` where it is created (2 of its calls in this file have no bound: lines 8, 14)' },
        suggestions: 1,
      }],
    },
  ],
});

describe('the OAuth2Client fix', () => {
  it('compiles against google-auth-library\'s own types, in both constructor forms', { timeout: 60_000 }, () => {
    const positional = `import { OAuth2Client } from 'google-auth-library';
export async function exchange(id: string, secret: string, code: string) {
  const client = new OAuth2Client(id, secret, 'https://app.example.test/callback');
  return (await client.getToken(code)).tokens;
}
`;
    const bare = `import { OAuth2Client } from 'google-auth-library';
export async function renew(refresh_token: string) {
  const client = new OAuth2Client();
  client.setCredentials({ refresh_token });
  return (await client.refreshAccessToken()).credentials;
}
`;
    const fixed = [positional, bare].map((source) => {
      const [finding] = lint(source, 'oauth.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      return applyFix(source, finding!.suggestions[0]!);
    });
    expect(fixed[0]).toContain(`new OAuth2Client({ clientId: id, clientSecret: secret, redirectUri: 'https://app.example.test/callback', transporterOptions: { timeout: 10_000 } })`);
    expect(fixed[1]).toContain('new OAuth2Client({ transporterOptions: { timeout: 10_000 } })');
    const [first, second, misspelt] = typeErrors([...fixed, fixed[1]!.replace('transporterOptions', 'transportOptions')]);
    expect(first).toEqual([]);
    expect(second).toEqual([]);
    expect(misspelt).not.toEqual([]);
  });

  // a service account's JWT made in its positional form (an app-store review job, met on tianji): written out as options
  it("writes a JWT's positional form out as options, compiling against google-auth-library's own types", { timeout: 60_000 }, () => {
    const source = `import { JWT } from 'google-auth-library';
export function authorize(account: { client_email: string; private_key: string }, scopes: string[]) {
  const jwt = new JWT(account.client_email, undefined, account.private_key, scopes);
  return jwt.authorize();
}
`;
    const [finding] = lint(source, 'reviews.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(fixed).toContain('new JWT({ email: account.client_email, key: account.private_key, scopes, transporterOptions: { timeout: 10_000 } })');
    expect(typeErrors([fixed])).toEqual([[]]);
    expect(lint(fixed, 'reviews.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout')).toEqual([]);
  });
});

// A client made by a factory in another module (a data source's Google connection): no creation in the file to
// give `transporterOptions`, so the fix sets the same default on the client's transport before the call.
const project = mkdtempSync(join(tmpdir(), 'resilint-oauth-factory-'));
writeFileSync(join(project, 'package.json'), JSON.stringify({ private: true, dependencies: { 'google-auth-library': '^9.15.1', express: '^4' } }));
mkdirSync(join(project, 'src'));
writeFileSync(join(project, 'src/google.ts'), `import { OAuth2Client } from 'google-auth-library';
export function googleClient() {
  return new OAuth2Client(process.env.GOOGLE_ID, process.env.GOOGLE_SECRET, process.env.GOOGLE_CALLBACK);
}
`);
const connect = `import { googleClient } from './google';
export async function connectAnalytics(code: string) {
  const client = googleClient();
  const { tokens } = await client.getToken(code);
  return tokens.refresh_token ?? '';
}
`;
const connected = `import { googleClient } from './google';
export async function connectAnalytics(code: string) {
  const client = googleClient();
  client.transporter.defaults = { ...client.transporter.defaults, timeout: 10_000 };
  const { tokens } = await client.getToken(code);
  return tokens.refresh_token ?? '';
}
`;

ruleTester.run('require-timeout (google-auth-library, a client made in another module)', requireTimeout, {
  valid: [],
  invalid: [
    {
      code: connect,
      filename: join(project, 'src/connect.ts'),
      errors: [{ ...missing, line: 4, suggestions: [{ messageId: 'fixClientTimeout', output: connected }] }],
    },
    // an expression-bodied arrow has no statement to put it before: the fix is left out, not made up
    {
      code: "import { googleClient } from './google';\nexport const exchange = (code: string) => googleClient().getToken(code);\n",
      filename: join(project, 'src/exchange.ts'),
      errors: [{ ...missing, line: 2, suggestions: [] }],
    },
  ],
});

describe('the OAuth2Client transport fix', () => {
  it('compiles against google-auth-library\'s own types', { timeout: 60_000 }, () => {
    const standalone = (source: string) => source.replace(
      "import { googleClient } from './google';",
      "import type { OAuth2Client } from 'google-auth-library';\ndeclare function googleClient(): OAuth2Client;",
    );
    const [fixed, misspelt] = typeErrors([standalone(connected), standalone(connected.replace('.transporter.defaults = ', '.transport.defaults = '))]);
    expect(fixed).toEqual([]);
    expect(misspelt).not.toEqual([]);
  });

  it('bounds getToken at run time: a token endpoint that never answers fails the exchange', { timeout: 30_000 }, async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    const endpoints = { oauth2TokenUrl: `http://127.0.0.1:${port}/token` };
    try {
      // without it, the exchange is still waiting after a second
      const unbounded = new OAuth2Client({ clientId: 'id', clientSecret: 'secret', endpoints }).getToken('code').then(() => 'answered', () => 'failed');
      const waited = await Promise.race([unbounded, new Promise((resolve) => setTimeout(resolve, 1_000, 'waiting'))]);
      expect(waited).toBe('waiting');
      const client = new OAuth2Client({ clientId: 'id', clientSecret: 'secret', endpoints });
      // the fix's statement, with a short timeout for the test
      client.transporter.defaults = { ...client.transporter.defaults, timeout: 200 };
      const started = Date.now();
      await expect(client.getToken('code')).rejects.toThrow();
      // its own retries (3, with growing waits) included, far from forever
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });
});
