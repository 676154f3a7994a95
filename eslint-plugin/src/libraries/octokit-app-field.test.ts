import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// An App's installation Octokit kept in a class field, set by a method that asks a private helper for it: its calls in
// other methods are the App's client's calls.
const ruleTester = new RuleTester();

const mirror = (appOptions: string, listTags = '{ owner, repo, per_page: 1 }') => `import { App, Octokit } from 'octokit';
export class ReleaseMirror {
  private ghApp!: App;
  private client!: Octokit;
  constructor(private readonly installation: number) {}
  async connect(): Promise<void> {
    this.ghApp = new App({ appId: 42, privateKey: process.env.MIRROR_KEY!${appOptions} });
    this.client = await this.clientFor(this.installation);
  }
  private async clientFor(installation: number): Promise<Octokit> {
    return await this.ghApp.getInstallationOctokit(installation);
  }
  async latestTag(owner: string, repo: string) {
    const { data } = await this.client.rest.repos.listTags(${listTags});
    return data[0]?.name;
  }
  async stars(owner: string, repo: string) {
    return this.client.request('GET /repos/{owner}/{repo}/stargazers', { owner, repo });
  }
}`;

ruleTester.run('require-timeout (a GitHub App installation client in a field)', requireTimeout, {
  valid: [
    // each call bounded by its own signal
    mirror('', '{ owner, repo, per_page: 1, request: { signal: AbortSignal.timeout(8_000) } }').replace(
      "'GET /repos/{owner}/{repo}/stargazers', { owner, repo }",
      "'GET /repos/{owner}/{repo}/stargazers', { owner, repo, request: { signal: AbortSignal.timeout(8_000) } }",
    ),
    // the App makes its installation clients from an Octokit class given a fetch with a timeout
    mirror(', Octokit: Octokit.defaults({ request: { fetch: (url: string, init?: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(8_000) }) } })'),
  ],
  invalid: [
    {
      code: mirror(''),
      errors: [
        {
          messageId: 'missingTimeout',
          line: 14,
          suggestions: [{ messageId: 'fixNativeTimeout', output: mirror('', '{ owner, repo, per_page: 1, request: { signal: AbortSignal.timeout(5_000) } }') }],
        },
        { messageId: 'missingTimeout', line: 18, suggestions: 1 },
      ],
    },
  ],
});
