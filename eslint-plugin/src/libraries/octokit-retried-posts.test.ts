import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../rules/no-retry-non-idempotent.js';

// Octokit's REST methods send the HTTP method GitHub's API gives them (the table in octokit-endpoints.ts, written from
// @octokit/plugin-rest-endpoint-methods): a retried `issues.createComment` posts the comment again, while a retried
// `pulls.create` is refused for the same head and `issues.addLabels` leaves the labels as they were. GitHub takes no
// idempotency key, so the fixes retry only on a refusal or send the request once.
const ruleTester = new RuleTester();

const client = `import { Octokit } from '@octokit/rest';
import pRetry from 'p-retry';
const github = new Octokit({ auth: process.env.GH_TOKEN, request: { signal: AbortSignal.timeout(20_000) } });
`;
const helper = `async function withRetries<T>(operation: () => Promise<T>, attempts = 3): Promise<T> {
  return pRetry(operation, { retries: attempts - 1, minTimeout: 2_000 });
}
`;

ruleTester.run('no-retry-non-idempotent: Octokit REST methods', rule, {
  valid: [
    // read, refused when repeated, or leaving the state as it was
    `${client}export const release = (owner: string, repo: string) => pRetry(() => github.rest.repos.getLatestRelease({ owner, repo }), { retries: 2 });`,
    `${client}${helper}export const open = (owner: string, repo: string, head: string) => withRetries(() => github.rest.pulls.create({ owner, repo, head, base: 'main', title: 'Update dependencies' }));`,
    `${client}${helper}export const label = (owner: string, repo: string, issue_number: number) => withRetries(() => github.rest.issues.addLabels({ owner, repo, issue_number, labels: ['triage'] }));`,
    // sent once already: the fix applied
    `${client}import { once } from '@resilint/runtime';
export const note = (owner: string, repo: string, issue_number: number) => pRetry(once(() => github.rest.issues.createComment({ owner, repo, issue_number, body: 'Deployed' })), { retries: 2 });`,
  ],
  invalid: [
    {
      // a helper of the file that hands its operation to p-retry
      code: `${client}${helper}export const note = (owner: string, repo: string, issue_number: number) => withRetries(() => github.rest.issues.createComment({ owner, repo, issue_number, body: 'Deployed' }));`,
      errors: [{
        messageId: 'retriedWithoutKey',
        line: 7,
        suggestions: [{
          messageId: 'fixSendOnce',
          output: `import { Octokit } from '@octokit/rest';
import pRetry from 'p-retry';
import { once } from '@resilint/runtime';
const github = new Octokit({ auth: process.env.GH_TOKEN, request: { signal: AbortSignal.timeout(20_000) } });
${helper}export const note = (owner: string, repo: string, issue_number: number) => withRetries(once(() => github.rest.issues.createComment({ owner, repo, issue_number, body: 'Deployed' })));`,
        }],
      }],
    },
    {
      // a dispatch re-run starts the workflow again
      code: `${client}export const deploy = (owner: string, repo: string) => pRetry(() => github.rest.repos.createDispatchEvent({ owner, repo, event_type: 'deploy' }), { retries: 4 });`,
      errors: [{ messageId: 'retriedWithoutKey', line: 4, suggestions: 1 }],
    },
    {
      // a function calling itself again from its catch, with Octokit's error class in view: retry only on a refusal
      code: `import { Octokit } from '@octokit/rest';
import { RequestError } from '@octokit/request-error';
const github = new Octokit({ auth: process.env.GH_TOKEN, request: { signal: AbortSignal.timeout(20_000) } });
export async function openIssue(title: string, left = 3): Promise<number> {
  try {
    return (await github.rest.issues.create({ owner: 'acme', repo: 'shop', title })).data.number;
  } catch (error) {
    if (left > 0) return openIssue(title, left - 1);
    throw error;
  }
}`,
      errors: [{
        messageId: 'retriedWithoutKey',
        line: 6,
        suggestions: [{
          messageId: 'fixRetryOnlyNotApplied',
          output: `import { Octokit } from '@octokit/rest';
import { RequestError } from '@octokit/request-error';
const github = new Octokit({ auth: process.env.GH_TOKEN, request: { signal: AbortSignal.timeout(20_000) } });
export async function openIssue(title: string, left = 3): Promise<number> {
  try {
    return (await github.rest.issues.create({ owner: 'acme', repo: 'shop', title })).data.number;
  } catch (error) {
    if (left > 0 && error instanceof RequestError && (error.status === 403 || error.status === 429)) return openIssue(title, left - 1);
    throw error;
  }
}`,
        }],
      }],
    },
  ],
});
