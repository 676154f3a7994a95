import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { applyFix, lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const remedy = 'set `socketTimeout` in the request options where the WebApi is created (its requests wait 3 minutes of silence by default, and no call takes a signal)';

// A release tool's Azure DevOps connection: every API client it hands out (Git, Core, Policy...) sends with the
// connection's request options, whose only bound is `socketTimeout`; a CI job waits minutes a call without it.
const connection = (options: string) => `import * as azure from 'azure-devops-node-api';
export async function openPullRequests(url: string, token: string, repository: string) {
  const api = new azure.WebApi(url, azure.getPersonalAccessTokenHandler(token)${options});
  const git = await api.getGitApi();
  return git.getPullRequests(repository, { status: 1 });
}
`;

ruleTester.run('require-timeout (azure-devops-node-api)', requireTimeout, {
  valid: [
    connection(', { allowRetries: true, maxRetries: 2, socketTimeout: 20_000 }'),
    connection(', requestOptions').replace('export async', "import type { IRequestOptions } from 'azure-devops-node-api/interfaces/common/VsoBaseInterfaces';\ndeclare const requestOptions: IRequestOptions;\nexport async"),
  ],
  invalid: [
    {
      code: connection(', { allowRetries: true, maxRetries: 2 }'),
      errors: [{
        messageId: 'missingClientTimeout', line: 3, data: { client: '`new azure.WebApi(...)`', remedy },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: connection(', { allowRetries: true, maxRetries: 2, socketTimeout: 30_000 }') }],
      }],
    },
    {
      code: connection(''),
      errors: [{ messageId: 'missingClientTimeout', suggestions: [{ messageId: 'fixInstanceTimeout', output: connection(', { socketTimeout: 30_000 }') }] }],
    },
  ],
});

describe('the WebApi fix', () => {
  it('compiles against azure-devops-node-api\'s own types', { timeout: 60_000 }, () => {
    const source = connection('');
    const [finding] = lint(source, 'azure.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const fixed = applyFix(source, finding!.suggestions[0]!);
    expect(typeErrors([fixed, fixed.replace('socketTimeout', 'socketTimeOut')]).map((errors) => errors.length > 0)).toEqual([false, true]);
  });
});
