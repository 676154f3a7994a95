import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingTimeout' as const };
// a package of the git-sync workspace written against @octokit/request 5 and @octokit/graphql 4 (node-fetch)
const legacy = fileURLToPath(new URL('../../../fixtures/workspaces/git-sync/packages/legacy-importer/src/check.ts', import.meta.url));

// GitHub's requests without a client (`@octokit/request`, `@octokit/graphql`) go through fetch with no timeout, as
// Octokit's do: bounded by `request: { signal }` on the call, or a fetch of one's own in `.defaults()`.
ruleTester.run('require-timeout (Octokit request and graphql functions)', requireTimeout, {
  valid: [
    `import { request } from '@octokit/request';
export const tags = (owner: string, repo: string) => request('GET /repos/{owner}/{repo}/tags', { owner, repo, request: { signal: AbortSignal.timeout(8_000) } });`,
    `import { graphql } from '@octokit/graphql';
import { deadlineFetch } from './deadline-fetch';
const github = graphql.defaults({ headers: { authorization: 'token ' + process.env.GH_TOKEN }, request: { fetch: deadlineFetch } });
export const login = () => github<{ viewer: { login: string } }>('{ viewer { login } }');`,
    // options made elsewhere
    `import { request } from '@octokit/request';
export const send = (route: string, parameters: Record<string, unknown>) => request(route, parameters);`,
    // a version that sent through node-fetch honoured request.timeout
    {
      filename: legacy,
      code: `import { graphql } from '@octokit/graphql';
export const stars = (token: string) => graphql('{ viewer { starredRepositories { totalCount } } }', { headers: { authorization: 'token ' + token }, request: { timeout: 10_000 } });`,
    },
  ],
  invalid: [
    {
      code: `import { request } from '@octokit/request';
export async function releases(owner: string, repo: string, token: string) {
  const { data } = await request(\`GET /repos/\${owner}/\${repo}/releases\`, { headers: { authorization: \`bearer \${token}\` } });
  return data;
}`,
      errors: [{ ...missing, line: 3, suggestions: 1 }],
    },
    {
      // with the fetch-based versions request.timeout is ignored
      code: `import { request } from '@octokit/request';
export const zen = () => request('GET /zen', { request: { timeout: 5_000 } });`,
      errors: [{ ...missing, line: 2, suggestions: 1 }],
    },
    {
      // a query function made once with the token, then used
      code: `const { graphql } = require('@octokit/graphql');
const withAuth = graphql.defaults({ headers: { authorization: 'token ' + process.env.GH_TOKEN } });
exports.issueCount = async (owner, name) => {
  const result = await withAuth('query ($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { issues { totalCount } } }', { owner, name });
  return result.repository.issues.totalCount;
};`,
      // the signal on the call, and a fetch with a timeout in the defaults, which bounds every query it makes
      errors: [{ ...missing, line: 4, suggestions: 2 }],
    },
    {
      // the options-first form
      code: `import { graphql } from '@octokit/graphql';
export const viewer = (token: string) => graphql({ query: '{ viewer { login } }', headers: { authorization: 'token ' + token } });`,
      errors: [{ ...missing, line: 2, suggestions: 1 }],
    },
  ],
});

describe('the fix for @octokit/request and @octokit/graphql', () => {
  it('passes a signal in the request options, compiling against the packages\' own types', { timeout: 60_000 }, () => {
    const sources = [
      `import { request } from '@octokit/request';\nexport const zen = () => request('GET /zen');\n`,
      `import { graphql } from '@octokit/graphql';\nconst gh = graphql.defaults({ headers: { authorization: 'token x' } });\nexport const me = () => gh<{ viewer: { login: string } }>('{ viewer { login } }');\n`,
      `import { graphql } from '@octokit/graphql';\nexport const me = () => graphql({ query: '{ viewer { login } }' });\n`,
    ];
    let inDefaults = '';
    const fixed = sources.map((source, index) => {
      const [finding] = lint(source, `octokit-standalone-${index}.ts`).findings.filter((found) => found.ruleId === 'resilint/require-timeout');
      const suggestion = finding?.suggestions.find((candidate) => candidate.text.includes('signal: AbortSignal.timeout('));
      expect(suggestion?.text).toContain('request: { signal: AbortSignal.timeout(');
      // the function from .defaults() is also offered a fetch of its own there
      const defaults = finding?.suggestions.find((candidate) => candidate.text.includes('request: { fetch: '));
      if (defaults) inDefaults = source.slice(0, defaults.range[0]) + defaults.text + source.slice(defaults.range[1]);
      return source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    });
    expect(fixed[2]).toContain(`graphql({ query: '{ viewer { login } }', request: { signal: AbortSignal.timeout(5_000) } })`);
    expect(inDefaults).toContain("graphql.defaults({ headers: { authorization: 'token x' }, request: { fetch: ");
    expect(typeErrors([...fixed, inDefaults])).toEqual([[], [], [], []]);
  });
});
