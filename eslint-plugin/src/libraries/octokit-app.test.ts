import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A GitHub App hands out an Octokit per installation, made from the package's own Octokit (no timeout) unless the App
// is given an Octokit class of its own.
const ruleTester = new RuleTester();

const app = (options: string, call: string) => `import { App } from 'octokit';
export const githubApp = new App({ appId: process.env.APP_ID!, privateKey: process.env.APP_KEY!${options} });
export async function branchHead(installationId: number, owner: string, repo: string, branch: string) {
  const octokit = await githubApp.getInstallationOctokit(installationId);
  return ${call};
}`;

ruleTester.run('require-timeout (Octokit from a GitHub App)', requireTimeout, {
  valid: [
    app('', 'octokit.rest.repos.getBranch({ owner, repo, branch, request: { signal: AbortSignal.timeout(10_000) } })'),
    // the App builds its clients from a class given its own fetch
    app(', Octokit: BoundedOctokit', 'octokit.rest.repos.getBranch({ owner, repo, branch })'),
    // the App's own webhooks and secrets are no requests
    `import { App } from 'octokit';
const githubApp = new App({ appId: 1, privateKey: 'k', webhooks: { secret: 's' } });
export const verify = (payload: string, signature: string) => githubApp.webhooks.verify(payload, signature);`,
  ],
  invalid: [
    {
      code: app('', 'octokit.rest.repos.getBranch({ owner, repo, branch })'),
      errors: [{
        messageId: 'missingTimeout',
        line: 5,
        suggestions: [
          { messageId: 'fixNativeTimeout', output: app('', 'octokit.rest.repos.getBranch({ owner, repo, branch, request: { signal: AbortSignal.timeout(5_000) } })') },
        ],
      }],
    },
    {
      // the App's own client
      code: `import { App } from 'octokit';
const githubApp = new App({ appId: 1, privateKey: 'k' });
export const installations = () => githubApp.octokit.request('GET /app/installations');`,
      errors: [{ messageId: 'missingTimeout', line: 3, suggestions: 1 }],
    },
  ],
});
