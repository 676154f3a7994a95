import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { lint, typeErrorsAgainstInstalledTypes as typeErrors } from '../../../test/fix-correctness.js';
import requireTimeout from '../rules/require-timeout.js';

const ruleTester = new RuleTester();
const atCreation = { messageId: 'missingClientTimeout' as const };
const remedy = 'give it a `fetch` that sets a deadline on each request, where it is created (urql sets no timeout, and replaces a `signal` in `fetchOptions` with its own)';
const deadline = 'signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000)';

// urql's fetchExchange sends each operation with the fetch it is given and no timeout, under a signal of its own (it
// overwrites one set in fetchOptions): a GraphQL client made without a fetch that bounds it waits forever on every
// query and mutation. Its operations take nothing that could bound them, so the client is reported where it is made.
ruleTester.run('require-timeout (urql)', requireTimeout, {
  valid: [
    // a fetch of the app's own
    `import { cacheExchange, createClient, fetchExchange } from '@urql/core'; import { fetchWithDeadline } from './http';
     export const api = createClient({ url: 'https://api.example.com/graphql', exchanges: [cacheExchange, fetchExchange], fetch: fetchWithDeadline });`,
    `import { Client, fetchExchange } from '@urql/core';
     export const api = new Client({ url, exchanges: [fetchExchange], fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.any([init!.signal!, AbortSignal.timeout(5_000)]) }) });`,
    // node-fetch 2 takes a timeout of its own, which urql passes through
    `import fetch from 'node-fetch'; import { createClient, fetchExchange } from '@urql/core';
     export const api = createClient({ url, exchanges: [fetchExchange], fetch, fetchOptions: () => ({ headers: { authorization }, timeout: 10_000 }) });`,
    // no fetchExchange: the operations go through another exchange (a socket, the app's own)
    `import { Client, subscriptionExchange } from '@urql/core';
     export const live = new Client({ url, exchanges: [subscriptionExchange({ forwardSubscription })] });`,
    // options or exchanges built elsewhere
    `import { createClient } from '@urql/core'; export const make = (options: ClientOptions) => createClient(options);`,
    `import { createClient } from '@urql/core'; import { exchanges } from './exchanges'; export const api = createClient({ url, exchanges });`,
    // a page's client of its own back end
    `'use client';
     import { createClient, fetchExchange } from '@urql/core';
     export const api = createClient({ url: '/graphql', exchanges: [fetchExchange] });`,
  ],
  invalid: [
    {
      // a command's client of a remote API, with node-fetch and a proxy agent: the fix keeps node-fetch and bounds it
      code: `import { cacheExchange, createClient as createUrqlClient, fetchExchange } from '@urql/core';
import fetch from 'node-fetch';
export function createGraphqlClient(token: string) {
  return createUrqlClient({
    url: 'https://api.example.com/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetch,
    fetchOptions: () => ({ headers: { authorization: \`Bearer \${token}\` }, agent }),
  });
}`,
      errors: [{
        ...atCreation,
        line: 4,
        data: { client: '`createUrqlClient(...)`', remedy },
        suggestions: [{
          messageId: 'fixInstanceTimeout',
          output: `import { cacheExchange, createClient as createUrqlClient, fetchExchange } from '@urql/core';
import fetch from 'node-fetch';
export function createGraphqlClient(token: string) {
  return createUrqlClient({
    url: 'https://api.example.com/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetch: (input, init) => fetch(input, { ...init, ${deadline} }),
    fetchOptions: () => ({ headers: { authorization: \`Bearer \${token}\` }, agent }),
  });
}`,
        }],
      }],
    },
    {
      // a signal in fetchOptions bounds nothing: urql puts its own in its place
      code: `import { Client, fetchExchange } from '@urql/core';
export const api = new Client({ url: process.env.API_URL!, exchanges: [fetchExchange], fetchOptions: { signal: AbortSignal.timeout(5_000) } });`,
      errors: [{
        ...atCreation,
        data: { client: '`new Client(...)`', remedy },
        suggestions: [{ messageId: 'fixInstanceTimeout', output: `import { Client, fetchExchange } from '@urql/core';
export const api = new Client({ url: process.env.API_URL!, exchanges: [fetchExchange], fetchOptions: { signal: AbortSignal.timeout(5_000) }, fetch: (input, init) => fetch(input, { ...init, ${deadline} }) });` }],
      }],
    },
    {
      // CommonJS, urql 3's default exchanges (fetchExchange among them)
      code: `const { createClient } = require('@urql/core');
module.exports = createClient({ url: 'https://api.example.com/graphql' });`,
      filename: 'client.js',
      errors: [{ ...atCreation, suggestions: [{ messageId: 'fixInstanceTimeout', output: `const { createClient } = require('@urql/core');
module.exports = createClient({ url: 'https://api.example.com/graphql', fetch: (input, init) => fetch(input, { ...init, ${deadline} }) });` }] }],
    },
  ],
});

describe('the urql fix', () => {
  it('gives the client a fetch its types accept', { timeout: 60_000 }, () => {
    const source = `import { cacheExchange, Client, fetchExchange } from '@urql/core';
export const api = new Client({ url: 'https://api.example.com/graphql', exchanges: [cacheExchange, fetchExchange] });
`;
    const [finding] = lint(source, 'api.ts').findings.filter((found) => found.ruleId === 'resilint/require-timeout');
    const suggestion = finding!.suggestions[0]!;
    const fixed = source.slice(0, suggestion.range[0]) + suggestion.text + source.slice(suggestion.range[1]);
    const [errors, wrong] = typeErrors([
      fixed,
      // the check itself can fail: a fetch of the wrong shape is an error
      fixed.replace('(input, init) => fetch(', '(input: number, init) => fetch(String(input), '),
    ]);
    expect(fixed).toContain('AbortSignal.any');
    expect(errors).toEqual([]);
    expect(wrong).not.toEqual([]);
  });
});
