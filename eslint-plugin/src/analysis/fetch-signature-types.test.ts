import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import rule from '../rules/require-timeout.js';

// An SDK's injectable fetch, typed by fetch's own signature written out rather than `typeof fetch`.
const ruleTester = new RuleTester();

ruleTester.run('require-timeout: a member typed with the signature of fetch', rule, {
  valid: [
    `type Fetcher = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
export async function ping(options: { fetch: Fetcher }) {
  return options.fetch('https://status.example.com', { signal: AbortSignal.timeout(2_000) });
}`,
    // a parameter typed so: often the SDK's own fetch-like layer, judged through what its callers give it
    `export async function ping(send: (url: string, init?: RequestInit) => Promise<Response>) {
  return send('https://status.example.com', { method: 'HEAD' });
}`,
    // a function returning a response but taking no init: not fetch's shape, whatever it does inside
    `type Loader = (path: string) => Promise<Response>;
export async function load(options: { load: Loader }) {
  return options.load('/reports/latest');
}`,
  ],
  invalid: [
    {
      code: `type Fetcher = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
export async function ping(options: { fetch: Fetcher }) {
  return options.fetch('https://status.example.com');
}`,
      errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 4 }],
    },
  ],
});

// Real files (fixtures/workspaces/metrics-agent): the alias is exported by another module of the package.
const agentFile = (path: string): string => fileURLToPath(new URL(`../../../fixtures/workspaces/metrics-agent/src/${path}`, import.meta.url));

describe('a fetch type alias from another module', () => {
  it('makes the member it types a fetch: the token request with no signal is reported, the bounded one is not', () => {
    const file = agentFile('credentials.ts');
    const config = plugin.configs.recommended as unknown as Linter.Config[];
    const findings = new Linter({ configType: 'flat', cwd: '/' }).verify(readFileSync(file, 'utf8'), config, { filename: file })
      .filter((message) => message.ruleId === 'resilint/require-timeout' || message.fatal)
      .map((message) => `${message.line}:${message.messageId ?? message.message}`);
    expect(findings).toEqual(['11:missingTimeout']);
  });
});
