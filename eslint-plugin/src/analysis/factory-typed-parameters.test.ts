import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// A parameter typed by what a factory of the project returns (`client: ReturnType<typeof createClient>`) holds the
// client that factory makes: its calls are judged by how the factory makes it, as for a client made in place. In one
// file the client with no timeout is reported where the factory makes it (one fix there bounds every step); with the
// factory in another module, at the step's call (fixtures/workspaces/release-cli, test/workspaces.test.ts).
const ruleTester = new RuleTester();

const release = (factory: string): string => `import { Octokit } from '@octokit/rest';
${factory}
export function tagRelease(client: ReturnType<typeof githubClient>, owner: string, repo: string, tag: string) {
  return client.repos.createRelease({ owner, repo, tag_name: tag, name: tag });
}
`;

ruleTester.run('require-timeout: a client parameter typed by a factory\'s return type', requireTimeout, {
  valid: [
    // the factory gives its client a timeout
    release(`function githubClient() { return new Octokit({ auth: process.env.GH_TOKEN, request: { signal: AbortSignal.timeout(20_000) } }); }`),
    // the factory makes it from what each caller passes
    release(`function githubClient(options: ConstructorParameters<typeof Octokit>[0]) { return new Octokit(options); }`),
  ],
  invalid: [
    {
      code: release(`function githubClient() { return new Octokit({ auth: process.env.GH_TOKEN }); }`),
      errors: [{ messageId: 'missingClientTimeout', line: 2, suggestions: 1 }],
    },
  ],
});
