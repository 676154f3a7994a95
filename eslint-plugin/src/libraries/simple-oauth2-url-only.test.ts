import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A simple-oauth2 client used only for `authorizeURL` writes the address to send the user to and sends nothing: it
// waits on nobody, whatever its `http` options. A client whose token exchange is in view is still judged.
const ruleTester = new RuleTester();

ruleTester.run('require-timeout: a simple-oauth2 client that only writes the authorization URL', requireTimeout, {
  valid: [
    `import { AuthorizationCode } from 'simple-oauth2';
export function loginUrl(id: string, secret: string, tokenHost: string) {
  const client = new AuthorizationCode({ client: { id, secret }, auth: { tokenHost } });
  return client.authorizeURL({ redirect_uri: 'https://app.example.org/callback', scope: 'openid' });
}`,
  ],
  invalid: [
    {
      code: `import { AuthorizationCode } from 'simple-oauth2';
export async function login(id: string, secret: string, tokenHost: string, code?: string) {
  const client = new AuthorizationCode({ client: { id, secret }, auth: { tokenHost } });
  if (!code) return client.authorizeURL({ redirect_uri: 'https://app.example.org/callback' });
  return client.getToken({ code, redirect_uri: 'https://app.example.org/callback' });
}`,
      errors: [{ messageId: 'missingClientTimeout', line: 3, suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { AuthorizationCode } from 'simple-oauth2';
export async function login(id: string, secret: string, tokenHost: string, code?: string) {
  const client = new AuthorizationCode({ client: { id, secret }, auth: { tokenHost }, http: { timeout: 10_000 } });
  if (!code) return client.authorizeURL({ redirect_uri: 'https://app.example.org/callback' });
  return client.getToken({ code, redirect_uri: 'https://app.example.org/callback' });
}` }] }],
    },
  ],
});

const project = mkdtempSync(join(tmpdir(), 'resilint-oauth-url-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));
mkdirSync(join(project, 'src'));
writeFileSync(join(project, 'package.json'), '{ "name": "helpdesk-api", "private": true, "dependencies": { "simple-oauth2": "^5.0.0" } }');
const clients = `import { AuthorizationCode } from 'simple-oauth2';
const byProvider: Record<string, AuthorizationCode> = {};
export function providerClient(provider: { name: string; clientId: string; clientSecret: string; tokenUrl: string }) {
  if (!byProvider[provider.name]) {
    byProvider[provider.name] = new AuthorizationCode({ client: { id: provider.clientId, secret: provider.clientSecret }, auth: { tokenHost: provider.tokenUrl } });
  }
  return byProvider[provider.name];
}
`;
writeFileSync(join(project, 'src/clients.ts'), clients);

function lintClients(routes: string): number[] {
  writeFileSync(join(project, 'src/routes.ts'), routes);
  return new Linter({ configType: 'flat', cwd: '/' }).verify(clients, plugin.configs.recommended as unknown as Linter.Config[], { filename: join(project, 'src/clients.ts') })
    .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
    .map((message) => message.line);
}

describe('a cached simple-oauth2 client handed out by a function of another module', () => {
  it('is left alone when every caller only asks it for the authorization URL', () => {
    expect(lintClients(`import { providerClient } from './clients';
export function start(provider: Parameters<typeof providerClient>[0]) {
  const client = providerClient(provider);
  return client.authorizeURL({ redirect_uri: 'https://desk.example.org/auth/callback', scope: 'email' });
}
`)).toEqual([]);
  });
  it('is reported where it is made when a caller exchanges a code with it', () => {
    expect(lintClients(`import { providerClient } from './clients';
export const start = (provider: Parameters<typeof providerClient>[0]) => providerClient(provider).authorizeURL({ scope: 'email' });
export async function callback(provider: Parameters<typeof providerClient>[0], code: string) {
  const token = await providerClient(provider).getToken({ code, redirect_uri: 'https://desk.example.org/auth/callback' });
  return token.token;
}
`)).toEqual([5]);
  });
});
