import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../index.js';
import rule from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A request layer that takes another path when its caller passes a timeout (a deadline around the request) and the
// bare request otherwise (homarr's fetchWithTrustedCertificatesAsync, behind some forty integrations): a caller
// passing the timeout is bounded; one passing none is told to pass it. The layer's own undici Agent, made by a helper
// given only the caller's optional `bodyTimeout`, does not bound the wait for an answer.
const layer = `import type { RequestInfo, RequestInit, Response } from 'undici';
import { Agent, fetch } from 'undici';

async function withDeadline<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try { return await work(controller.signal); } finally { clearTimeout(timer); }
}

const trustingAgent = async (options?: Pick<Agent.Options, 'bodyTimeout'>) => new Agent({ ...options, connect: { rejectUnauthorized: false } });

export async function fetchTrusted(url: RequestInfo, options?: RequestInit & { timeout?: number; bodyTimeout?: number }): Promise<Response> {
  const agent = options?.dispatcher ?? (await trustingAgent(options?.bodyTimeout !== undefined ? { bodyTimeout: options.bodyTimeout } : undefined));
  if (options?.timeout) {
    const { timeout: _timeout, ...init } = options;
    return await withDeadline((signal) => fetch(url, { ...init, signal, dispatcher: agent }), options.timeout);
  }
  const { bodyTimeout: _bodyTimeout, ...init } = options ?? {};
  return fetch(url, { ...init, dispatcher: agent });
}
`;

const ruleTester = new RuleTester();

ruleTester.run('require-timeout: a layer whose caller\'s timeout sends the request another way', rule, {
  valid: [
    `${layer}export const stats = () => fetchTrusted('https://nas.example.test/api/stats', { timeout: 5_000 });`,
    `${layer}export const poll = (signal: AbortSignal) => fetchTrusted('https://nas.example.test/api/jobs', { signal });`,
    // control: the layer's Agent waits 10 s for an answer, so a caller passing nothing is bounded too
    `${layer.replace("{ ...options, connect: { rejectUnauthorized: false } }", "{ ...options, headersTimeout: 10_000, connect: { rejectUnauthorized: false } }")}
export const status = () => fetchTrusted('https://nas.example.test/api/status');`,
  ],
  invalid: [],
});

function findings(code: string) {
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { resilint: plugin }, rules: { 'resilint/require-timeout': 'error' } }] as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename: '/service/src/nas.ts' });
}

describe('a caller of a layer whose timeout sends the request another way', () => {
  const call = "export const status = () => fetchTrusted('https://nas.example.test/api/status', { headers: { accept: 'application/json' } });";

  it('passing none is reported, and told to pass the layer\'s timeout', () => {
    const [finding, ...rest] = findings(`${layer}${call}`);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ line: 21, messageId: 'missingTimeout' });
    expect(finding!.message).toContain('pass `timeout`');
    const fix = finding!.suggestions!.find((suggestion) => suggestion.messageId === 'fixNativeTimeout')!.fix;
    const fixed = `${layer}${call}`.slice(0, fix.range[0]) + fix.text + `${layer}${call}`.slice(fix.range[1]);
    expect(fixed).toBe(`${layer}export const status = () => fetchTrusted('https://nas.example.test/api/status', { headers: { accept: 'application/json' }, timeout: 5_000 });`);
    expect(findings(fixed)).toEqual([]);
  });

  it('passing a timeout the layer never tests is still reported (control)', () => {
    const untested = layer.replace('if (options?.timeout) {', 'if (options?.keepalive) {');
    const messages = findings(`${untested}export const status = () => fetchTrusted('https://nas.example.test/api/status', { timeout: 5_000 });`);
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[21, 'missingTimeout']]);
  });
});
