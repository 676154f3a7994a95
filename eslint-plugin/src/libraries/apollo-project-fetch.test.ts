import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintWithPreset, scratchProject } from '../scratch-project.cases.js';

// A command-line tool whose Apollo link sends through the tool's own request module (met on vip-cli, the thirty-sixth
// round): the module adds the token and a proxy agent and hands the caller's init to node-fetch, with no signal and no
// timeout of its own, so every query and mutation the CLI makes can hang its CI job. Handed to the link as its
// `fetch`, it bounds nothing; the fix wraps it where the link is made, keeping its parameter types.
const { write } = scratchProject('apollo-fetch');

const HTTP = (extra: string) => `import fetch, { type RequestInit, type Response } from 'node-fetch';
const API_HOST = 'https://api.example.com';
export default async (path: string, options: RequestInit = {}): Promise<Response> => {
  const url = path.startsWith(API_HOST) ? path : \`\${API_HOST}\${path}\`;
  return fetch(url, { ...options, headers: { 'User-Agent': 'deploy-cli' }${extra} });
};
`;
const API = `import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client/core';
import http from './http';

export function apiClient() {
  const link = new HttpLink({
    uri: 'https://api.example.com/graphql',
    fetch: http,
  });
  return new ApolloClient({ link, cache: new InMemoryCache() });
}
`;
const cli = (name: string, extra: string): string => {
  write(`${name}/package.json`, JSON.stringify({ name, bin: { deploy: 'dist/bin.js' }, dependencies: { '@apollo/client': '^3.3.0', 'node-fetch': '^2.6.0' } }));
  write(`${name}/src/lib/http.ts`, HTTP(extra));
  return write(`${name}/src/lib/api.ts`, API);
};
const unbounded = cli('deploy-cli', '');
const bounded = cli('bounded-deploy-cli', ', signal: options.signal ?? AbortSignal.timeout(30_000)');

function findings(file: string): Linter.LintMessage[] {
  return lintWithPreset(file)
    .filter((message) => message.fatal || message.ruleId === 'resilint/require-timeout');
}

describe("an Apollo link sending through the project's own fetch", () => {
  it('reports the link when that fetch hands on the init with no bound, and wraps it keeping its types', () => {
    const [finding, ...rest] = findings(unbounded);
    expect(rest).toEqual([]);
    expect(finding?.line).toBe(5);
    const fix = finding?.suggestions?.[0]?.fix;
    expect(fix?.text).toContain('fetch: (input: Parameters<typeof http>[0], init?: Parameters<typeof http>[1]) => http(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000) })');
  });

  it('leaves the link alone when that fetch sets a deadline of its own', () => {
    expect(findings(bounded)).toEqual([]);
  });
});
