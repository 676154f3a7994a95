import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import requireTimeout from '../rules/require-timeout.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// Options made as an empty object and filled in by assignments before the client is created
// (`const params = {}; if (token) params.auth = token; new Octokit(params)`) are read as written: assignments of
// options that cannot bound the client (auth, user agent) leave it as unbounded as the literal; one that may
// (Octokit's `request`, holding its fetch or signal) or one not readable leaves it to the code.
const ruleTester = new RuleTester();
const remedy = 'give it a `request.fetch` with a timeout where it is created: its calls elsewhere carry no signal, and Octokit sets no timeout of its own (the fetch-based Octokit ignores `request.timeout`)';

ruleTester.run('require-timeout (creation options filled in by assignments)', requireTimeout, {
  valid: [
    // a fetch with a timeout assigned afterwards
    `import { Octokit } from '@octokit/rest';
import { timedFetch } from './timed-fetch';
function gitHub(token?: string) {
  const params: Record<string, unknown> = {};
  params.auth = token;
  params.request = { fetch: timedFetch };
  return new Octokit(params);
}
export const repos = (org: string) => gitHub().repos.listForOrg({ org });`,
    // a key not known here
    `import { Octokit } from '@octokit/rest';
function gitHub(key: string, value: unknown) {
  const params: Record<string, unknown> = {};
  params[key] = value;
  return new Octokit(params);
}
export const repos = (org: string) => gitHub('auth', 't').repos.listForOrg({ org });`,
    // made and used in one function, with a signal on the call
    `import { Octokit } from '@octokit/rest';
export async function members(org: string, token: string) {
  const params: Record<string, unknown> = {};
  params.auth = token;
  const octokit = new Octokit(params);
  return octokit.orgs.listMembers({ org, request: { signal: AbortSignal.timeout(5_000) } });
}`,
  ],
  invalid: [
    {
      // a factory of this file, its client used by an exported function: reported where it is made
      code: `import { Octokit } from '@octokit/rest';
function gitHub(token?: string) {
  const params: Record<string, unknown> = {};
  if (token) {
    params.auth = \`token \${token}\`;
  } else {
    params.userAgent = 'collective-bot';
  }
  return new Octokit(params);
}
export const repos = (org: string, token?: string) => gitHub(token).repos.listForOrg({ org });`,
      errors: [{
        messageId: 'missingClientTimeout',
        line: 9,
        data: { client: '`new Octokit(...)`', remedy },
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import { Octokit } from '@octokit/rest';
function gitHub(token?: string) {
  const params: Record<string, unknown> = {};
  if (token) {
    params.auth = \`token \${token}\`;
  } else {
    params.userAgent = 'collective-bot';
  }
  return new Octokit({ ...params, request: { fetch: (url: string | URL | Request, init?: RequestInit) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(10_000) }) } });
}
export const repos = (org: string, token?: string) => gitHub(token).repos.listForOrg({ org });`,
        }],
      }],
    },
    {
      // made and used in one function: the call is reported
      code: `import { Octokit } from '@octokit/rest';
export async function members(org: string, token: string) {
  const params: Record<string, unknown> = {};
  params.auth = token;
  const octokit = new Octokit(params);
  return octokit.orgs.listMembers({ org });
}`,
      errors: [{
        messageId: 'missingTimeout',
        line: 6,
        // where the options are made (filled in after), then on the call
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import { Octokit } from '@octokit/rest';
export async function members(org: string, token: string) {
  const params: Record<string, unknown> = { request: { fetch: (url: string | URL | Request, init?: RequestInit) => fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(10_000) }) } };
  params.auth = token;
  const octokit = new Octokit(params);
  return octokit.orgs.listMembers({ org });
}`,
        }, {
          messageId: 'fixNativeTimeout',
          output: `import { Octokit } from '@octokit/rest';
export async function members(org: string, token: string) {
  const params: Record<string, unknown> = {};
  params.auth = token;
  const octokit = new Octokit(params);
  return octokit.orgs.listMembers({ org, request: { signal: AbortSignal.timeout(5_000) } });
}`,
        }],
      }],
    },
  ],
});
