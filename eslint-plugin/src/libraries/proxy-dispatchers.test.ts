import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';

// A CLI's requests through its proxy: undici's ProxyAgent made from the proxy's URL has undici's default timeouts
// (300 s for headers), no more bounded than a bare fetch; without a proxy the request goes through the global
// dispatcher, the same. serverless's platform calls (`dispatcher: getProxyDispatcher(url)`, a helper caching one
// agent) and its installer's download (`proxyUrl ? { dispatcher: new ProxyAgent(proxyUrl) } : {}`) were unreported.
function findings(code: string, filename = '/cli/src/platform.ts'): string[] {
  const config = [{ files: ['**/*.{ts,js}'], languageOptions: { parser: tsParser }, plugins: { resilint: plugin }, rules: { 'resilint/require-timeout': 'error' } }] as unknown as Linter.Config[];
  return new Linter({ configType: 'flat', cwd: '/' }).verify(code, config, { filename }).map((message) => `${message.line}:${message.messageId ?? message.message}`);
}

describe('a fetch through a proxy agent made from a URL', () => {
  it('is reported: given the URL in a variable, chosen by a condition, or in options chosen by one', () => {
    expect(findings(`import { ProxyAgent } from 'undici';
export const usage = (url: string, proxyUrl: string) => fetch(url, { dispatcher: new ProxyAgent(proxyUrl) });
export const maybe = (url: string, proxyUrl?: string) => fetch(url, { dispatcher: proxyUrl ? new ProxyAgent(proxyUrl) : undefined });
export function download(url: string, proxyUrl?: string) {
  const fetchOptions = proxyUrl ? { dispatcher: new ProxyAgent(proxyUrl) } : {};
  return fetch(url, fetchOptions);
}
`)).toEqual(['2:missingTimeout', '3:missingTimeout', '6:missingTimeout']);
  });

  it("is reported given the proxy's address from a setting named for it", () => {
    // a kanban server's webhooks sent through `sails.config.custom.outgoingProxy` (met in the thirty-first round)
    expect(findings(`import { ProxyAgent } from 'undici';
const custom = { outgoingProxy: process.env.OUTGOING_PROXY };
export const deliver = (url: string, body: string) =>
  fetch(url, { method: 'POST', body, dispatcher: custom.outgoingProxy ? new ProxyAgent(custom.outgoingProxy) : undefined });
`)).toEqual(['4:missingTimeout']);
  });

  it('is reported through a helper that caches one agent per proxy', () => {
    expect(findings(`import { ProxyAgent } from 'undici';
let cachedAgent: ProxyAgent | undefined;
let cachedProxy: string | undefined;
function proxyDispatcher() {
  const proxy = process.env.HTTPS_PROXY;
  if (!proxy) return undefined;
  if (cachedAgent && cachedProxy === proxy) return cachedAgent;
  cachedAgent = new ProxyAgent(proxy);
  cachedProxy = proxy;
  return cachedAgent;
}
export const usage = (url: string) => fetch(url, { method: 'POST', dispatcher: proxyDispatcher() });
`)).toEqual(['12:missingTimeout']);
  });

  it('is not, when the agent is given timeouts in its options (control)', () => {
    expect(findings(`import { ProxyAgent } from 'undici';
export const usage = (url: string, proxyUrl: string) => fetch(url, { dispatcher: new ProxyAgent({ uri: proxyUrl, headersTimeout: 10_000 }) });
export function download(url: string, proxyUrl?: string) {
  const fetchOptions = proxyUrl ? { dispatcher: new ProxyAgent({ uri: proxyUrl, headersTimeout: 10_000 }) } : {};
  return fetch(url, fetchOptions);
}
`)).toEqual([]);
  });
});

describe('a fetch of a URL object', () => {
  it('is judged by its init, as a fetch of a string is: a URL carries no signal', () => {
    expect(findings(`export const version = (base: string) => fetch(new URL('/api/info/version', base));
export function health(base: string) {
  const url = new URL('/health', base);
  return fetch(url, { signal: AbortSignal.timeout(2_000) });
}
`)).toEqual(['1:missingTimeout']);
  });
});
