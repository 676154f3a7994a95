import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from './fix-correctness.js';
import { loadModule } from './silent-server.js';

/**
 * A comment posted through Octokit inside p-retry: GitHub takes no idempotency key, so `no-retry-non-idempotent` offers
 * to send it once (the runtime's `once` around the retried work). Run against a server that drops every connection
 * after reading the request, as a proxy timing out would: unfixed, the comment reaches the server on every attempt;
 * fixed, once, and the call fails with that first failure.
 */
const FILENAME = 'src/review-comment.ts';
const code = `import { Octokit } from '@octokit/rest';
import pRetry from 'p-retry';
export async function call(url: string) {
  const github = new Octokit({ baseUrl: url, request: { signal: AbortSignal.timeout(5_000) } });
  await pRetry(() => github.rest.issues.createComment({ owner: 'acme', repo: 'shop', issue_number: 7, body: 'Looks good to me' }), { retries: 2, minTimeout: 1, maxTimeout: 5 });
}
`;

async function droppingServer(): Promise<{ url: string; posts: () => number; close: () => Promise<void> }> {
  let posts = 0;
  const server = createServer((request) => {
    if (request.method === 'POST') posts += 1;
    request.socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts: () => posts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('sending a retried GitHub comment once', () => {
  const finding = lint(code, FILENAME).findings.find((candidate) => candidate.ruleId === 'resilint/no-retry-non-idempotent');
  const sendOnce = finding?.suggestions.find((suggestion) => suggestion.title.startsWith('Send `octokit issues.createComment` once'));
  const fixed = sendOnce && applyFix(code, sendOnce);

  it('is offered, and compiles against Octokit, p-retry and the runtime', { timeout: 120_000 }, () => {
    expect(fixed).toContain('once(() => github.rest.issues.createComment(');
    expect(typeErrors([code, fixed!])).toEqual([[], []]);
    expect(lint(fixed!, FILENAME).findings.filter((candidate) => candidate.ruleId === 'resilint/no-retry-non-idempotent')).toEqual([]);
  });

  it('posts the comment once where the unfixed code posts it on every attempt', { timeout: 60_000 }, async () => {
    const unfixedServer = await droppingServer();
    const fixedServer = await droppingServer();
    try {
      await expect(loadModule<{ call: (url: string) => Promise<void> }>(code).call(unfixedServer.url)).rejects.toThrow();
      expect(unfixedServer.posts()).toBe(3);
      await expect(loadModule<{ call: (url: string) => Promise<void> }>(fixed!).call(fixedServer.url)).rejects.toThrow();
      expect(fixedServer.posts()).toBe(1);
    } finally {
      await Promise.all([unfixedServer.close(), fixedServer.close()]);
    }
  });
});

describe('retrying a GitHub request only on a refusal', () => {
  it('compiles against Octokit and its RequestError', { timeout: 120_000 }, () => {
    const recursive = `import { Octokit } from '@octokit/rest';
import { RequestError } from '@octokit/request-error';
const github = new Octokit({ auth: process.env.GH_TOKEN, request: { signal: AbortSignal.timeout(20_000) } });
export async function openIssue(title: string, left = 3): Promise<number> {
  try {
    return (await github.rest.issues.create({ owner: 'acme', repo: 'shop', title })).data.number;
  } catch (error) {
    if (left > 0) return openIssue(title, left - 1);
    throw error;
  }
}
`;
    const finding = lint(recursive, FILENAME).findings.find((candidate) => candidate.ruleId === 'resilint/no-retry-non-idempotent');
    const onRefusal = finding?.suggestions.find((suggestion) => suggestion.title.startsWith('Retry `octokit issues.create` only'));
    expect(onRefusal).toBeDefined();
    const fixed = applyFix(recursive, onRefusal!);
    expect(fixed).toContain('error instanceof RequestError && (error.status === 403 || error.status === 429)');
    expect(typeErrors([recursive, fixed])).toEqual([[], []]);
  });
});
