import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const missing = { messageId: 'missingClientTimeout' as const };

// A GitHub client made with the caller's optional fetch (`request: { fetch: options.fetch }`) is bounded only when the
// caller gives a fetch that is: from a command line nobody does, Octokit falls back to the global fetch, and no request
// has a timeout. From a release tool whose Octokit and graphql function were made so and kept in an object of APIs.
const apis = (octokitRequest: string, graphqlRequest: string) => `import { Octokit } from '@octokit/rest';
import { graphql } from '@octokit/graphql';
export interface HubSettings { token: string; fetch?: typeof fetch }
export class ReleaseHub {
  private constructor(private readonly rest: Octokit, private readonly query: typeof graphql) {}
  static open(settings: HubSettings): ReleaseHub {
    const rest = new Octokit({ auth: settings.token, request: ${octokitRequest} });
    const query = graphql.defaults({ headers: { authorization: \`token \${settings.token}\` }, request: ${graphqlRequest} });
    return new ReleaseHub(rest, query);
  }
  async latestTag(owner: string, repo: string): Promise<string | undefined> {
    const { data } = await this.rest.repos.listTags({ owner, repo, per_page: 1 });
    return data[0]?.name;
  }
  async openIssues(owner: string, name: string): Promise<number> {
    const found = await this.query<{ repository: { issues: { totalCount: number } } }>('query ($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { issues(states: OPEN) { totalCount } } }', { owner, name });
    return found.repository.issues.totalCount;
  }
}`;

const fetchWithDeadline = `const fetchWithDeadline = (url: string | URL | Request, init?: RequestInit) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(15_000) });
`;

ruleTester.run('require-timeout: Octokit and graphql made with the caller\'s optional fetch', requireTimeout, {
  valid: [
    // a fetch of its own that sets a signal bounds every request
    fetchWithDeadline + apis('{ fetch: fetchWithDeadline }', '{ fetch: fetchWithDeadline }'),
    // the caller's fetch when given, else one with a deadline
    fetchWithDeadline + apis('{ fetch: settings.fetch ?? fetchWithDeadline }', '{ fetch: settings.fetch ?? fetchWithDeadline }'),
    // a fetch the caller must give: their choice, made where they call
    apis('{ fetch: settings.fetch }', '{ fetch: settings.fetch }').replace('fetch?: typeof fetch', 'fetch: typeof fetch'),
  ],
  invalid: [
    {
      code: apis('{ fetch: settings.fetch }', '{ fetch: settings.fetch }'),
      // reported where each is made, where a fetch with a timeout bounds all its calls
      errors: [{ ...missing, line: 7, suggestions: 1 }, { ...missing, line: 8, suggestions: 1 }].map((error) => ({
        ...error,
        data: {
          client: error.line === 7 ? '`new Octokit(...)`' : '`graphql.defaults(...)`',
          remedy: "give it a fetch with a timeout for when `settings.fetch` is not given: that is the caller's optional fetch, and without it Octokit sends through the global fetch with no timeout",
        },
      })),
    },
    {
      // the graphql function with no fetch at all, kept in an object of APIs a constructor reads into a field
      code: `import { graphql } from '@octokit/graphql';
interface Apis { query: typeof graphql }
export class Board {
  private readonly query: typeof graphql;
  constructor(apis: Apis) { this.query = apis.query; }
  static connect(token: string): Board {
    const apis = { query: graphql.defaults({ headers: { authorization: \`bearer \${token}\` } }) };
    return new Board(apis);
  }
  async columns(project: string): Promise<unknown> {
    return this.query('query ($id: ID!) { node(id: $id) { id } }', { id: project });
  }
}`,
      errors: [{ ...missing, line: 7, suggestions: 1 }],
    },
  ],
});

describe('the fix where a graphql function is made with the caller\'s optional fetch', () => {
  it('gives it a fetch with a timeout, compiling against @octokit/graphql\'s own types', { timeout: 60_000 }, () => {
    const source = `import { graphql } from '@octokit/graphql';
export interface BoardSettings { token: string; fetch?: typeof fetch }
export function boardApis(settings: BoardSettings) {
  return { query: graphql.defaults({ headers: { authorization: \`token \${settings.token}\` }, request: { fetch: settings.fetch } }) };
}
`;
    const [finding, ...others] = lint(source, 'board-apis.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    expect(others).toEqual([]);
    const [suggestion] = finding!.suggestions;
    const fixed = source.slice(0, suggestion!.range[0]) + suggestion!.text + source.slice(suggestion!.range[1]);
    expect(fixed).toContain('request: { fetch: settings.fetch ?? ((url: string | URL | Request, init?: RequestInit) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(10_000) })) }');
    expect(typeErrors([fixed])).toEqual([[]]);
  });
});
