import { RuleTester } from '@typescript-eslint/rule-tester';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };

// A client module loaded with `await import(...)`, or imported whole, names the same exports as a static import.
ruleTester.run('require-timeout: clients from a module namespace', requireTimeout, {
  valid: [
    `export async function contributors(owner: string, repo: string) {
  const { Octokit } = await import('@octokit/rest');
  const github = new Octokit();
  return github.rest.repos.listContributors({ owner, repo, request: { signal: AbortSignal.timeout(10_000) } });
}`,
    // a module the model does not know: nothing to say
    `export async function render(markdown: string) {
  const { marked } = await import('marked');
  return marked(markdown);
}`,
    // the namespace itself is no call
    `import * as rest from '@octokit/rest';
export const kinds = Object.keys(rest);`,
  ],
  invalid: [
    {
      code: `export async function pullRequests(owner: string, repo: string, token: string) {
  const { Octokit } = await import('@octokit/rest');
  const github = new Octokit({ auth: token });
  const { data } = await github.rest.pulls.list({ owner, repo, state: 'open' });
  return data;
}`,
      // a fetch of its own where the client is made, a signal on the call
      errors: [{ ...missing, line: 4, suggestions: 2 }],
    },
    {
      code: `import * as rest from '@octokit/rest';
const github = new rest.Octokit({ auth: process.env.GITHUB_TOKEN });
export const branch = (owner: string, repo: string, name: string) => github.rest.repos.getBranch({ owner, repo, branch: name });`,
      errors: [{ ...missing, line: 3, suggestions: 2 }],
    },
    {
      code: `export async function rateLimit() {
  const octokit = await import('@octokit/request');
  return octokit.request('GET /rate_limit');
}`,
      errors: [{ ...missing, line: 3, suggestions: 1 }],
    },
  ],
});
